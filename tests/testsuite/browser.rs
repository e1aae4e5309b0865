//! Browser tests on the built bundled site, in headless Chromium: the site opened straight
//! from the folder (file://) with no server, navigated by its menu, with the theme applied.

use crate::common;

use crate::common::{browser, bundled_site, file_url};

#[test]
fn file_url_home_menu_link_opens_a_styled_page() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&site.join("index.html"))).unwrap().wait_until_navigated().unwrap();
    assert_eq!(tab.evaluate("document.documentElement.lang", false).unwrap().value.unwrap(), "sv");

    let first_menu_link = tab.wait_for_element(".site-menu a").unwrap();
    let expected_title = first_menu_link.get_inner_text().unwrap();
    let home = tab.get_url();
    first_menu_link.click().unwrap();
    common::wait_for_navigation_from(&tab, &home);
    let url = tab.get_url();
    assert!(url.starts_with("file://") && url.ends_with(".html"), "navigated to {url}");

    let h1 = tab.wait_for_element("h1").unwrap().get_inner_text().unwrap();
    assert_eq!(h1.trim(), expected_title.trim(), "the menu entry leads to its page");
    // The theme's stylesheet is applied: the header has the brand colour and the body font
    // is not the browser's default serif.
    let header_bg = tab
        .evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor", false)
        .unwrap()
        .value
        .unwrap();
    assert_eq!(header_bg, "rgb(11, 79, 108)");
    let stylesheet_rules = tab.evaluate("document.styleSheets[0].cssRules.length", false).unwrap().value.unwrap();
    assert!(stylesheet_rules.as_u64().unwrap() > 50, "trappa.css loaded from file://");
    // The base script ran under the CSP: the print button it reveals is visible.
    let print_hidden = tab.evaluate("document.querySelector('[data-print]').hidden", false).unwrap().value.unwrap();
    assert_eq!(print_hidden, false);
}

/// One page of every kind the core renders (and a section handout) passes axe-core's WCAG
/// 2.1 A/AA rules. Cards, the print sheet, search and forms are audited in their own tests.
#[test]
fn core_page_kinds_have_no_axe_violations() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let pages = [
        "index.html",
        "trappan/index.html",
        "checklistor/oavsett-kon.html",
        "ovningar/observator.html",
        "ovningar/utskrift.html",
        "404.html",
    ];
    let tab = browser.new_tab().unwrap();
    let mut failures = Vec::new();
    for page in pages {
        tab.navigate_to(&file_url(&site.join(page))).unwrap().wait_until_navigated().unwrap();
        let Some(violations) = common::axe_violations(&tab) else { return };
        failures.extend(violations.into_iter().map(|v| format!("{page}: {v}")));
    }
    assert!(failures.is_empty(), "axe-core violations:\n{}", failures.join("\n"));
}

/// A section handout holds the section's pages in order, each starting a new printed sheet,
/// with no navigation in print, and an exercise's questions get room to write.
#[test]
fn section_handout_prints_every_page_on_its_own_sheets() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&site.join("ovningar/utskrift.html"))).unwrap().wait_until_navigated().unwrap();
    let titles = tab
        .evaluate("JSON.stringify([...document.querySelectorAll('.handout-page h1')].map(h => h.textContent))", false)
        .unwrap()
        .value
        .unwrap();
    let titles: Vec<String> = serde_json::from_str(titles.as_str().unwrap()).unwrap();
    let exercises = std::fs::read_dir(common::repo().join("exercises")).unwrap().count();
    assert_eq!(titles.len(), exercises, "the section's own page and every exercise: {titles:?}");
    assert_eq!(titles[0], "Övningar");

    tab.call_method(headless_chrome::protocol::cdp::Emulation::SetEmulatedMedia {
        media: Some("print".into()),
        features: None,
    })
    .unwrap();
    let facts = tab
        .evaluate(
            "JSON.stringify({
               header: getComputedStyle(document.querySelector('.site-header')).display,
               breaks: [...document.querySelectorAll('.handout-page')].slice(1)
                 .every(p => getComputedStyle(p).breakBefore === 'page'),
               room: getComputedStyle(document.querySelector('#fragor-till-gruppen + ul > li'), '::after').height
             })",
            false,
        )
        .unwrap()
        .value
        .unwrap();
    let facts: serde_json::Value = serde_json::from_str(facts.as_str().unwrap()).unwrap();
    assert_eq!(facts["header"], "none");
    assert_eq!(facts["breaks"], true);
    assert_ne!(facts["room"], "auto", "lines to write on under each question");
}
