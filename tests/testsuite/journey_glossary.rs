//! The glossary as a reader meets it, in headless Chromium on the bundled site built the
//! README's way: on the home page the first use of *ISU* is a button; by keyboard it opens
//! its definition in place (a live region, so it is read out), Escape closes it and returns to
//! the button, and its link leads to the entry in *Ordlista*, which lists the terms in
//! Swedish alphabetical order with anchors and a source. Search finds a term by a synonym.
//! axe-core audits the glossary and a page with a definition open.

use std::time::{Duration, Instant};

use crate::common::journey::{click_link, site_built_the_readme_way};
use crate::common::{assert_no_axe_violations, browser, file_url, value_of, wait_for_navigation_from, wait_for_value};
use serde_json::json;

const ISU: &str = "button.term[aria-controls]";

#[test]
fn a_term_opens_in_place_by_keyboard_and_leads_to_the_glossary() {
    let Some(browser) = browser() else { return };
    let public = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&public.join("index.html"))).unwrap().wait_until_navigated().unwrap();

    // The first use of ISU on the home page is a button; later uses are plain text.
    let isu = format!("[...document.querySelectorAll({ISU:?})].find(b => b.textContent === 'ISU')");
    wait_for_value(&tab, &format!("Boolean({isu})"), json!(true));
    assert_eq!(value_of(&tab, &format!("{isu}.getAttribute('aria-expanded')")), json!("false"));
    // A pointer resting on it shows that it is explained, and how.
    let tooltip = value_of(&tab, &format!("{isu}.title"));
    assert!(tooltip.as_str().unwrap().starts_with("ISU: Individbaserad systematisk uppföljning."), "{tooltip}");
    let controls = value_of(&tab, &format!("{isu}.getAttribute('aria-controls')"));
    let region = format!("document.getElementById({controls})");
    assert_eq!(value_of(&tab, &format!("{region}.hidden")), json!(true));
    assert_eq!(value_of(&tab, &format!("{region}.getAttribute('aria-live')")), json!("polite"), "read out as it opens");

    // By keyboard: Tab to it, Enter opens, Escape closes and the focus stays on the button.
    value_of(&tab, "(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0))");
    let mut reached = false;
    for _ in 0..200 {
        tab.press_key("Tab").unwrap();
        if value_of(&tab, &format!("document.activeElement === {isu}")) == json!(true) {
            reached = true;
            break;
        }
    }
    assert!(reached, "the term is reached by Tab");
    tab.press_key("Enter").unwrap();
    wait_for_value(&tab, &format!("{isu}.getAttribute('aria-expanded')"), json!("true"));
    // At the end of the list item it stands in (after the item's other terms' boxes, if
    // open): the sentence reads whole before the definition.
    assert_eq!(
        value_of(
            &tab,
            &format!(
                "(() => {{ const box = {region}, block = box.parentNode; \
                 const boxes = [...block.childNodes].filter(n => n.classList && n.classList.contains('term-definition')); \
                 const after = [...block.childNodes].slice([...block.childNodes].indexOf(boxes[0])); \
                 const before = [...block.childNodes].slice(0, [...block.childNodes].indexOf(boxes[0])); \
                 return [after.every(n => boxes.includes(n)), getComputedStyle(box).display, \
                   before.map(n => n.textContent).join('').trim().slice(-1)]; }})()"
            )
        ),
        json!([true, "block", "."]),
        "the definition stands after the sentence, not inside it"
    );
    let said = value_of(&tab, &format!("{region}.textContent"));
    assert!(
        said.as_str().unwrap().starts_with("ISU: Individbaserad systematisk uppföljning."),
        "the definition is in the live region: {said}"
    );
    assert_no_axe_violations(&tab, "the home page with a definition open");
    tab.press_key("Escape").unwrap();
    wait_for_value(&tab, &format!("{region}.hidden"), json!(true));
    assert_eq!(value_of(&tab, &format!("document.activeElement === {isu}")), json!(true), "Escape returns to the term");

    // By mouse (or touch): a click opens it; its link leads to the entry.
    value_of(&tab, &format!("{isu}.click()"));
    wait_for_value(&tab, &format!("{isu}.getAttribute('aria-expanded')"), json!("true"));
    let from = tab.get_url();
    tab.find_element(&format!("#{} a", controls.as_str().unwrap())).unwrap().click().unwrap();
    wait_for_navigation_from(&tab, &from);
    assert!(tab.get_url().ends_with("ordlista.html#isu"), "{}", tab.get_url());
    assert_eq!(value_of(&tab, "document.getElementById('isu').textContent"), json!("ISU"));
    assert_eq!(
        value_of(&tab, "document.querySelectorAll('button.term, a.term').length"),
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

    let terms = value_of(&tab, "[...document.querySelectorAll('.glossary-entry dt')].map(dt => dt.textContent)");
    let terms: Vec<String> = serde_json::from_value(terms).unwrap();
    assert!(terms.len() >= 25, "{terms:?}");
    let folded: Vec<String> = terms.iter().map(|t| swedish_key(t)).collect();
    let mut sorted = folded.clone();
    sorted.sort();
    assert_eq!(folded, sorted, "alphabetical, å ä ö last: {terms:?}");
    assert_eq!(terms.last().map(String::as_str), Some("ärendedragning"));
    let sources = value_of(
        &tab,
        "[...document.querySelectorAll('.glossary-entry')].every(e => /^Källa: ./.test(e.querySelector('.glossary-source').textContent))",
    );
    assert_eq!(sources, json!(true), "every term names its source");
    assert_no_axe_violations(&tab, "the glossary");

    // The header search finds the glossary by a synonym of a term.
    wait_for_value(&tab, "!document.querySelector('[data-search-box]').hidden", json!(true));
    tab.press_key("/").unwrap();
    tab.type_str("försörjningsstöd").unwrap();
    let hits = "[...document.querySelectorAll('#sok-lista .search-results a')].map(a => a.href)";
    let started = Instant::now();
    loop {
        let urls: Vec<String> = serde_json::from_value(value_of(&tab, hits)).unwrap_or_default();
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
