//! The glossary as a reader meets it, in headless Chromium on the bundled site built the
//! README's way: on the home page the first use of *ISU* is a button; by keyboard it opens
//! its definition in place (a live region, so it is read out), Escape closes it and returns to
//! the button, and its link leads to the entry in *Ordlista*, which lists the terms in
//! Swedish alphabetical order with anchors and a source. Search finds a term by a synonym.
//! axe-core audits the glossary and a page with a definition open.

mod common;

use std::time::{Duration, Instant};

use common::journey::{click_link, site_built_the_readme_way};
use common::{axe_violations, browser, file_url, wait_for_navigation_from};
use headless_chrome::Tab;
use serde_json::{Value, json};

/// The value of `expression` on the open page, through JSON (arrays too).
fn run(tab: &Tab, expression: &str) -> Value {
    let json = tab.evaluate(&format!("JSON.stringify(({expression}) ?? null)"), false).unwrap().value;
    json.and_then(|v| serde_json::from_str(v.as_str()?).ok()).unwrap_or(Value::Null)
}

fn wait_for(tab: &Tab, expression: &str, want: Value) {
    let started = Instant::now();
    loop {
        let value = run(tab, expression);
        if value == want {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{expression} gave {value}, not {want}, within 10 s");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn assert_no_axe_violations(tab: &Tab, what: &str) {
    if let Some(violations) = axe_violations(tab) {
        assert!(violations.is_empty(), "axe-core violations on {what}:\n{}", violations.join("\n"));
    }
}

const ISU: &str = "button.term[aria-controls]";

#[test]
fn a_term_opens_in_place_by_keyboard_and_leads_to_the_glossary() {
    let Some(browser) = browser() else { return };
    let public = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&public.join("index.html"))).unwrap().wait_until_navigated().unwrap();

    // The first use of ISU on the home page is a button; later uses are plain text.
    let isu = format!("[...document.querySelectorAll({ISU:?})].find(b => b.textContent === 'ISU')");
    wait_for(&tab, &format!("Boolean({isu})"), json!(true));
    assert_eq!(run(&tab, &format!("{isu}.getAttribute('aria-expanded')")), json!("false"));
    let controls = run(&tab, &format!("{isu}.getAttribute('aria-controls')"));
    let region = format!("document.getElementById({controls})");
    assert_eq!(run(&tab, &format!("{region}.hidden")), json!(true));
    assert_eq!(run(&tab, &format!("{region}.getAttribute('aria-live')")), json!("polite"), "read out as it opens");

    // By keyboard: Tab to it, Enter opens, Escape closes and the focus stays on the button.
    run(&tab, "(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0))");
    let mut reached = false;
    for _ in 0..200 {
        tab.press_key("Tab").unwrap();
        if run(&tab, &format!("document.activeElement === {isu}")) == json!(true) {
            reached = true;
            break;
        }
    }
    assert!(reached, "the term is reached by Tab");
    tab.press_key("Enter").unwrap();
    wait_for(&tab, &format!("{isu}.getAttribute('aria-expanded')"), json!("true"));
    let said = run(&tab, &format!("{region}.textContent"));
    assert!(
        said.as_str().unwrap().starts_with("ISU: Individbaserad systematisk uppföljning."),
        "the definition is in the live region: {said}"
    );
    assert_no_axe_violations(&tab, "the home page with a definition open");
    tab.press_key("Escape").unwrap();
    wait_for(&tab, &format!("{region}.hidden"), json!(true));
    assert_eq!(run(&tab, &format!("document.activeElement === {isu}")), json!(true), "Escape returns to the term");

    // By mouse (or touch): a click opens it; its link leads to the entry.
    run(&tab, &format!("{isu}.click()"));
    wait_for(&tab, &format!("{isu}.getAttribute('aria-expanded')"), json!("true"));
    let from = tab.get_url();
    tab.find_element(&format!("#{} a", controls.as_str().unwrap())).unwrap().click().unwrap();
    wait_for_navigation_from(&tab, &from);
    assert!(tab.get_url().ends_with("ordlista.html#isu"), "{}", tab.get_url());
    assert_eq!(run(&tab, "document.getElementById('isu').textContent"), json!("ISU"));
    assert_eq!(
        run(&tab, "document.querySelectorAll('button.term, a.term').length"),
        json!(0),
        "the glossary marks nothing"
    );
}

#[test]
fn the_glossary_is_alphabetical_with_sources_and_search_finds_synonyms() {
    let Some(browser) = browser() else { return };
    let public = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&public.join("index.html"))).unwrap().wait_until_navigated().unwrap();
    click_link(&tab, "Ordlista");
    assert!(tab.get_url().ends_with("ordlista.html"), "{}", tab.get_url());

    let terms = run(&tab, "[...document.querySelectorAll('.glossary-entry dt')].map(dt => dt.textContent)");
    let terms: Vec<String> = serde_json::from_value(terms).unwrap();
    assert!(terms.len() >= 25, "{terms:?}");
    let folded: Vec<String> = terms.iter().map(|t| swedish_key(t)).collect();
    let mut sorted = folded.clone();
    sorted.sort();
    assert_eq!(folded, sorted, "alphabetical, å ä ö last: {terms:?}");
    assert_eq!(terms.last().map(String::as_str), Some("ärendedragning"));
    let sources = run(
        &tab,
        "[...document.querySelectorAll('.glossary-entry')].every(e => /^Källa: ./.test(e.querySelector('.glossary-source').textContent))",
    );
    assert_eq!(sources, json!(true), "every term names its source");
    assert_no_axe_violations(&tab, "the glossary");

    // The header search finds the glossary by a synonym of a term.
    wait_for(&tab, "!document.querySelector('[data-search-box]').hidden", json!(true));
    tab.press_key("/").unwrap();
    tab.type_str("försörjningsstöd").unwrap();
    let hits = "[...document.querySelectorAll('#sok-lista .search-results a')].map(a => a.href)";
    let started = Instant::now();
    loop {
        let urls: Vec<String> = serde_json::from_value(run(&tab, hits)).unwrap_or_default();
        if urls.iter().any(|u| u.contains("ordlista.html")) {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "no hit on the glossary: {urls:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A term as Swedish sorts it: å, ä, ö after z.
fn swedish_key(term: &str) -> String {
    term.to_lowercase().replace('å', "{").replace('ä', "|").replace('ö', "}")
}
