//! Components render through the theme's templates (`templates/components/NAME.html`), which a
//! site overrides like any other template; a card shows a checklist of another page.

use crate::common::{HOME, build, site, stderr};

const CHECKLIST_PAGE: (&str, &str) = (
    "content/lista.md",
    "---\ntitle: Lista\n---\n\n```{checklist}\nid: oavsett\ntitle: Oavsett kön\nitems:\n  - text: Ställ **likvärdiga** krav\n    points: [på båda föräldrarna]\n  - text: Se till [listan](lista.md)\n```\n",
);

#[test]
fn a_site_template_changes_how_a_checklist_renders() {
    let own = "<section class=\"var-lista\" data-items=\"{{ c.items | length }}\">\n\
               <h2>{{ c.title_html | safe }}</h2>\n\
               {% for item in c.items %}<p>{{ t.step }}: {{ item.text_html | safe }} ({{ item.points | join(\", \") }})</p>\n{% endfor %}</section>\n";
    let dir = site(&[HOME, CHECKLIST_PAGE, ("templates/components/checklist.html", own)]);
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let html = std::fs::read_to_string(dir.path().join("public/lista.html")).unwrap();
    assert!(html.contains("<section class=\"var-lista\" data-items=\"2\">"), "the site's own template: {html}");
    assert!(html.contains("<h2>Oavsett kön</h2>"), "{html}");
    assert!(html.contains("<p>Steg: Ställ <strong>likvärdiga</strong> krav (på båda föräldrarna)</p>"), "{html}");
    assert!(
        html.contains("<p>Steg: Se till <a href=\"lista.html\">listan</a> ()</p>"),
        "links resolved as on the page: {html}"
    );
    assert!(!html.contains("class=\"checklist\""), "the theme's checklist markup is gone: {html}");
}

#[test]
fn without_a_site_template_the_theme_draws_the_checklist() {
    let dir = site(&[HOME, CHECKLIST_PAGE]);
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let html = std::fs::read_to_string(dir.path().join("public/lista.html")).unwrap();
    assert!(html.contains("<div class=\"checklist\" id=\"oavsett\">\n<p class=\"component-title\" id=\"oavsett-titel\">Oavsett kön</p>\n<ul class=\"checklist-items\">\n"), "{html}");
}

#[test]
fn a_card_shows_a_checklist_of_another_page_with_its_links_from_there() {
    let card = (
        "content/mer/kort.md",
        "---\ntitle: Kortet\n---\n\n```{card}\nid: oavsett-kort\ntitle: Oavsett kön\nchecklist: oavsett\n```\n",
    );
    let dir = site(&[HOME, CHECKLIST_PAGE, card]);
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let html = std::fs::read_to_string(dir.path().join("public/mer/kort.html")).unwrap();
    let back = &html[html.find("card-back").expect("a back")..];
    assert!(back.contains("<span class=\"checklist-item\">Ställ <strong>likvärdiga</strong> krav</span>"), "{back}");
    assert!(
        back.contains("<a href=\"../lista.html\">listan</a>"),
        "the link leads where it leads from the list: {back}"
    );
    let sheet = std::fs::read_to_string(dir.path().join("public/kort/oavsett-kort.html")).unwrap();
    assert!(sheet.contains("Ställ likvärdiga krav"), "the printed card has the words: {sheet}");
}

#[test]
fn a_broken_component_template_is_an_error_at_its_line() {
    let dir = site(&[
        HOME,
        CHECKLIST_PAGE,
        ("templates/components/checklist.html", "<div>\n{{ c.items | nosuchfilter }}\n</div>\n"),
    ]);
    let output = build(dir.path());
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("templates/components/checklist.html:2"), "{err}");
}

#[test]
fn items_on_the_front_need_a_checklist() {
    let page = (
        "content/kort.md",
        "---\ntitle: Kort\n---\n\n```{card}\nid: k\ntitle: Kort\nback: Baksida\nitems_on_front: true\n```\n",
    );
    let dir = site(&[HOME, page]);
    let output = build(dir.path());
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("content/kort.md:9:1") && err.contains("`items_on_front`"), "{err}");
}

#[test]
fn a_card_with_its_items_on_the_front_shows_them_there_and_spreads_the_back() {
    let card = (
        "content/kort.md",
        "---\ntitle: Kortet\n---\n\n```{card}\nid: oavsett-kort\ntitle: Oavsett kön\nfront: Vänd på kortet.\nchecklist: oavsett\nitems_on_front: true\n```\n",
    );
    let dir = site(&[HOME, CHECKLIST_PAGE, card]);
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let html = std::fs::read_to_string(dir.path().join("public/kort.html")).unwrap();
    let front = &html[html.find("card-front").unwrap()..html.find("card-back").unwrap()];
    assert!(front.contains("<ul class=\"card-large\">\n<li>Ställ <strong>likvärdiga</strong> krav</li>"), "{front}");
    assert!(!front.contains("på båda föräldrarna"), "the points stay on the back: {front}");
    assert!(html.contains("card-back card-spread"), "{html}");
    let own = std::fs::read_to_string(dir.path().join("public/kort/oavsett-kort.html")).unwrap();
    assert!(own.contains("<ul class=\"card-large\">") && own.contains("card-spread"), "{own}");
}
