//! Search in headless Chromium: the search box in the header and the search page, on the
//! bundled site and on a small fixture site whose right answers are known, each opened
//! straight from the folder (file://) and from a server.

use crate::common;

use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::common::{browser, bundled_site, file_url, http_server};
use headless_chrome::Tab;

/// A form whose only job here is to be found by its title.
const FORM: &str = "```{form}
id: kanner-du-igen
title: Självskattning av fallgropar
questions:
  - id: kanner-igen
    kind: tick
    text: Vilka känner du igen?
    options:
      - text: Brist på tid
      - text: Vi tror att vi redan är jämställda
bands:
  - min: 0
    max: 2
    text: Prata med din chef.
```
";

/// Filler that makes a page long without saying anything searched for.
const FILLER: &str = "Handläggaren läser akten noga och skriver ner vad klienten berättar om sin vardag. ";

fn fixture_files() -> Vec<(String, String)> {
    let page = |path: &str, front: &str, body: &str| (path.to_string(), format!("---\n{front}\n---\n\n{body}\n"));
    vec![
        page("content/_index.md", "title: Start", "Material om en jämställd socialtjänst."),
        page(
            "content/fallgropar/_index.md",
            "title: Vanliga fallgropar\ntags: [fallgropar, motstånd]\nweight: 1",
            "Fallgropar som får jämställdhetsarbetet att stanna av.\n\n## Brist på tid\n\nTiden räcker inte till.\n\n\
             ## Vi är redan jämställda\n\nUtan statistik vet ingen.",
        ),
        page("content/fallgropar/kanner-du-igen.md", "title: Känner du igen dem?", FORM),
        page(
            "content/fallgropar/en-fallgrop-till.md",
            "title: Ännu en sida",
            &format!("{}Det finns en fallgrop här också.", FILLER.repeat(3)),
        ),
        // Ranking by field: the same word in a title, a heading, the tags and the body.
        page("content/falt/titel.md", "title: Samverkan i praktiken", &FILLER.repeat(2)),
        page("content/falt/rubrik.md", "title: Rubriksidan", &format!("{}\n\n## Samverkan\n\n{}", FILLER, FILLER)),
        page("content/falt/taggar.md", "title: Taggsidan\ntags: [samverkan]", &FILLER.repeat(2)),
        page(
            "content/falt/brodtext.md",
            "title: Brödtextsidan",
            &format!("{}Samverkan, samverkan och samverkan.", FILLER),
        ),
        // Phrase and proximity: the words together, and the same words far apart.
        page(
            "content/fras/ihop.md",
            "title: Första sidan",
            &format!("{}Vi saknar stöd för föräldrar. {}", FILLER, FILLER),
        ),
        page(
            "content/fras/isar.md",
            "title: Andra sidan",
            &format!("Vi saknar stöd. {}Det gäller föräldrar.", FILLER.repeat(2)),
        ),
        // Compounds and folding.
        page(
            "content/trappan/_index.md",
            "title: Trappan",
            "Det systematiska jämställdhetsarbetet börjar med kunskap.\n\n## Kort om arbetet\n\nArbete tar tid.",
        ),
        page(
            "content/trappan/kort.md",
            "title: Att skriva ut",
            "Skriv ut varje checklistekort på tjockt papper. Kortet följer checklistan.",
        ),
        page(
            "exercises/kryssa.md",
            "title: Kryssa\nduration: 20\ngroup_size: \"3–8\"",
            "Deltagarna kryssar det de känner igen, en i taget.",
        ),
    ]
}

/// The fixture site, built once per test process.
fn fixture() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let files = fixture_files();
        let pairs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let site = common::site(&pairs);
        let output = common::build(site.path());
        assert!(output.status.success(), "the fixture builds: {}", common::stderr(&output));
        site
    })
    .path()
    .join("public")
    .leak()
}

/// Polls `expression` until it is truthy (10 s at most) and returns its value.
fn wait_for(tab: &Tab, expression: &str) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let value = tab.evaluate(expression, false).unwrap().value.unwrap_or(serde_json::Value::Null);
        if !matches!(&value, serde_json::Value::Null | serde_json::Value::Bool(false)) && value.as_str() != Some("") {
            return value;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "timed out waiting for {expression}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url).unwrap().wait_until_navigated().unwrap();
}

/// The result links' absolute URLs in `list` (a CSS selector of the list).
fn result_urls(tab: &Tab, list: &str) -> Vec<String> {
    let script = format!("JSON.stringify(Array.from(document.querySelectorAll('{list} a')).map(a => a.href))");
    serde_json::from_str(wait_for(tab, &script).as_str().unwrap()).unwrap()
}

/// Types `query` into the header box (reached with the "/" shortcut) and returns the
/// status text and the result URLs once the results for it are shown.
fn search_box(tab: &Tab, query: &str) -> (String, Vec<String>) {
    wait_for(tab, "!document.querySelector('[data-search-box]').hidden");
    tab.evaluate("document.querySelector('#sok-ord').value = ''; document.activeElement.blur()", false).unwrap();
    tab.press_key("/").unwrap();
    assert_eq!(
        tab.evaluate("document.activeElement.id", false).unwrap().value.unwrap(),
        "sok-ord",
        "/ focuses the box"
    );
    tab.type_str(query).unwrap();
    let status = wait_for(
        tab,
        &format!(
            "(s => s.includes({q}) && s)(document.querySelector('#sok-lista .search-count').textContent)",
            q = serde_json::to_string(&format!("”{query}”")).unwrap()
        ),
    );
    (status.as_str().unwrap().to_string(), result_urls(tab, "#sok-lista .search-results"))
}

/// Opens the search page with `?q=` and returns its status text and result URLs.
fn search_page(tab: &Tab, root: &str, query: &str) -> (String, Vec<String>) {
    let url = format!("{root}sok.html?q={}", query.replace(' ', "+"));
    open(tab, &url);
    let status = wait_for(tab, "document.querySelector('[data-search-page] ~ [data-search-status]').textContent");
    (status.as_str().unwrap().to_string(), result_urls(tab, "#sok-sida-traffar"))
}

/// The output path a result URL points at (no root, no anchor).
fn page_of(url: &str, root: &str) -> String {
    let root = root.strip_prefix("file://").unwrap_or(root);
    let url = url.strip_prefix("file://").unwrap_or(url);
    url.strip_prefix(root).unwrap_or(url).split('#').next().unwrap().to_string()
}

/// Both ways of opening a built site: from the folder and from a server.
fn roots(site: &Path) -> [String; 2] {
    [format!("{}/", file_url(site)), http_server(site)]
}

/// The must-haves on one built site: "fallgrop" lists the pitfalls page first (box and
/// page), a folded query finds "jämställdhetsarbete", and a query without hits says so.
fn check_must_haves(site: &Path) {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    for root in roots(site) {
        open(&tab, &format!("{root}index.html"));
        let (status, urls) = search_box(&tab, "fallgrop");
        assert!(!urls.is_empty(), "{root}: {status}");
        assert_eq!(page_of(&urls[0], &root), "fallgropar/index.html", "{root}: box results {urls:?}");

        let (status, urls) = search_page(&tab, &root, "fallgrop");
        assert_eq!(page_of(&urls[0], &root), "fallgropar/index.html", "{root}: {status} {urls:?}");

        let (status, urls) = search_page(&tab, &root, "jamstalldhetsarbete");
        assert!(!urls.is_empty(), "{root}: {status}");
        for url in urls.iter().take(3) {
            let html = std::fs::read_to_string(site.join(page_of(url, &root))).unwrap().to_lowercase();
            assert!(html.contains("jämställdhetsarbete"), "{root}: {url} has no “jämställdhetsarbete”");
        }
        let marked = tab.evaluate("document.querySelector('#sok-sida-traffar mark').textContent", false).unwrap();
        assert!(marked.value.unwrap().as_str().unwrap().to_lowercase().starts_with("jämställdhetsarbete"));

        let (status, urls) = search_page(&tab, &root, "qzxqzx");
        assert!(urls.is_empty());
        assert!(status.starts_with("Inga träffar för ”qzxqzx”"), "{root}: {status}");
    }
}

#[test]
fn bundled_site_finds_pitfalls_compounds_and_says_when_nothing_matches() {
    check_must_haves(bundled_site());
}

#[test]
fn fixture_finds_pitfalls_compounds_and_says_when_nothing_matches() {
    check_must_haves(fixture());
}

/// Arrow keys move through the results and back to the box; Enter opens the focused one.
fn check_keyboard(site: &Path, root: &str) {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    open(&tab, &format!("{root}index.html"));
    let (_, urls) = search_box(&tab, "fallgrop");
    assert!(urls.len() >= 2, "{urls:?}");
    let active = |tab: &Tab| {
        tab.evaluate("document.activeElement.href || document.activeElement.id", false).unwrap().value.unwrap()
    };
    tab.press_key("ArrowDown").unwrap();
    assert_eq!(active(&tab), urls[0]);
    tab.press_key("ArrowDown").unwrap();
    assert_eq!(active(&tab), urls[1]);
    tab.press_key("ArrowUp").unwrap();
    tab.press_key("ArrowUp").unwrap();
    assert_eq!(active(&tab), "sok-ord", "up from the first result goes back to the box");
    tab.press_key("Escape").unwrap();
    let popup_hidden = "document.querySelector('#sok-lista').hidden";
    assert_eq!(tab.evaluate(popup_hidden, false).unwrap().value.unwrap(), true, "Escape closes the results");
    tab.press_key("ArrowDown").unwrap();
    assert_eq!(tab.evaluate(popup_hidden, false).unwrap().value.unwrap(), false, "ArrowDown opens them again");
    assert_eq!(active(&tab), urls[0]);
    tab.press_key("ArrowDown").unwrap();
    tab.press_key("Enter").unwrap();
    let started = Instant::now();
    while tab.get_url() != urls[1] && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(tab.get_url(), urls[1], "Enter opens the second result");
    assert!(site.join(page_of(&urls[1], root)).is_file());
}

#[test]
fn bundled_site_results_open_by_arrow_keys_and_enter() {
    let site = bundled_site();
    check_keyboard(site, &format!("{}/", file_url(site)));
}

#[test]
fn fixture_results_open_by_arrow_keys_and_enter_from_a_server() {
    let site = fixture();
    check_keyboard(site, &http_server(site));
}

/// axe-core finds nothing on a page with the results popup open, nor on the search page.
fn check_axe(site: &Path) {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    let root = format!("{}/", file_url(site));
    open(&tab, &format!("{root}index.html"));
    search_box(&tab, "fallgrop");
    let Some(mut violations) = common::axe_violations(&tab) else { return };
    search_page(&tab, &root, "fallgrop");
    violations.extend(common::axe_violations(&tab).unwrap_or_default().into_iter().map(|v| format!("sok.html: {v}")));
    assert!(violations.is_empty(), "axe-core violations:\n{}", violations.join("\n"));
}

#[test]
fn bundled_site_search_ui_has_no_axe_violations() {
    check_axe(bundled_site());
}

#[test]
fn fixture_search_ui_has_no_axe_violations() {
    check_axe(fixture());
}

/// Ranking on the fixture: title > heading > tags > body; words together before words
/// apart; typing finds by prefix; compounds match by their parts; folding.
#[test]
fn ranking_and_matching_on_the_fixture() {
    let Some(browser) = browser() else { return };
    let site = fixture();
    let root = format!("{}/", file_url(site));
    let tab = browser.new_tab().unwrap();
    let pages = |query: &str| -> Vec<String> {
        let (_, urls) = search_page(&tab, &root, query);
        urls.iter().map(|u| page_of(u, &root)).collect()
    };
    assert_eq!(
        pages("samverkan")[..4],
        ["falt/titel.html", "falt/rubrik.html", "falt/taggar.html", "falt/brodtext.html"],
        "title > heading > tags > body"
    );
    assert_eq!(pages("stöd för föräldrar")[..2], ["fras/ihop.html", "fras/isar.html"], "a phrase comes first");
    assert_eq!(pages("fallgroparna")[0], "fallgropar/index.html", "word forms meet in the stem");

    let compounds = pages("jämställdhet");
    assert!(
        compounds.contains(&"trappan/index.html".to_string()),
        "jämställdhet finds jämställdhetsarbetet: {compounds:?}"
    );
    assert!(compounds.contains(&"fallgropar/index.html".to_string()), "{compounds:?}");
    assert!(pages("kort").contains(&"trappan/kort.html".to_string()), "kort finds checklistekort");
    let (_, urls) = search_page(&tab, &root, "självskattning");
    assert!(
        urls[0].ends_with("fallgropar/kanner-du-igen.html#kanner-du-igen"),
        "a form is found by its title: {urls:?}"
    );
    assert!(pages("kryssa").contains(&"ovningar/kryssa.html".to_string()), "exercises are found by their names");

    // While typing, the last word is a prefix: "fallg" already finds the pitfalls.
    open(&tab, &format!("{root}index.html"));
    let (_, urls) = search_box(&tab, "fallg");
    assert_eq!(page_of(&urls[0], &root), "fallgropar/index.html");
    // A hit in a heading jumps to the heading's anchor.
    let (_, urls) = search_box(&tab, "brist på tid");
    assert!(urls[0].ends_with("fallgropar/index.html#brist-pa-tid"), "{urls:?}");
}

/// What a reader expects first on the bundled site: a page whose title, headings or summary
/// hold the words before one that only mentions them ("jämställdhetsarbete" found
/// Fler lärande exempel › Skellefteå first, a short section that names it once).
#[test]
fn bundled_site_first_hits_are_pinned() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let root = format!("{}/", file_url(site));
    let tab = browser.new_tab().unwrap();
    for (query, first) in [
        ("jämställdhetsarbete", "fallgropar/index.html"),
        ("jämställdhetsintegrering", "trappan/jamstalldhetsintegrering.html"),
        ("fallgrop", "fallgropar/index.html"),
        ("könsuppdelad statistik", "metoder/konsuppdelad-statistik.html"),
        ("checklista", "checklistor/index.html"),
        ("trappan", "trappan/jamstalldhetsintegrering.html"),
    ] {
        let (status, urls) = search_page(&tab, &root, query);
        assert!(!urls.is_empty(), "{query}: {status}");
        assert_eq!(page_of(&urls[0], &root), first, "{query}: {urls:?}");
    }
}

/// An English site gets English stemming and an English search page name.
#[test]
fn english_sites_get_an_english_index() {
    let site = common::site(&[
        ("site.yaml", "language: en\n"),
        ("content/_index.md", "---\ntitle: Home\n---\n\nCommon pitfalls of checklists.\n"),
    ]);
    let output = common::build(site.path());
    assert!(output.status.success(), "{}", common::stderr(&output));
    let public = site.path().join("public");
    assert!(public.join("search.html").is_file() && !public.join("sok.html").exists());
    let meta = std::fs::read_to_string(public.join("search/meta.js")).unwrap();
    assert!(meta.contains("\"language\":\"en\""), "{meta}");
    let terms = std::fs::read_to_string(public.join("search/t/0.js")).unwrap();
    assert!(terms.contains("[\"pitfal\"") && terms.contains("[\"checklist\""), "{terms}");
}
