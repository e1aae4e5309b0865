//! A page that uses the screen: from 64rem a content page stands between its section's pages
//! and (when long) the list of its headings, both following the reader; below that neither is
//! shown; the header is one row on a laptop (1366 px).

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Emulation;
use serde_json::json;

use crate::common::{assert_no_axe_violations, browser, bundled_site, file_url, journey, run, value_of};

/// A long content page of the bundled site (seven headings) in a section of two pages.
const LONG_PAGE: &str = "framgang/framgangsfaktorer.html";
/// An exercise: the exercise template extends the page's.
const EXERCISE: &str = "ovningar/kryssa-fallgropar.html";

fn desktop(tab: &Tab, width: u32, height: u32) {
    journey::viewport(tab, width, height, false);
}

fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url).unwrap().wait_until_navigated().unwrap();
}

fn display(tab: &Tab, selector: &str) -> serde_json::Value {
    value_of(tab, &format!("(e => e && getComputedStyle(e).display)(document.querySelector('{selector}'))"))
}

#[test]
fn section_pages_and_headings_beside_a_long_page_on_a_desktop_only() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    let root = format!("{}/", file_url(bundled_site()));
    let page = format!("{root}{LONG_PAGE}");

    desktop(&tab, 1366, 900);
    open(&tab, &page);
    for list in [".side-nav", ".side-toc"] {
        assert_ne!(display(&tab, list), json!("none"), "{list} is shown at 1366 px");
        let width = value_of(&tab, &format!("document.querySelector('{list}').getBoundingClientRect().width"));
        assert!(width.as_f64().unwrap() > 100.0, "{list} has room at 1366 px: {width}");
        let position = value_of(&tab, &format!("getComputedStyle(document.querySelector('{list}')).position"));
        assert_eq!(position, json!("sticky"), "{list} follows the reader");
    }
    assert_eq!(display(&tab, ".page > .toc"), json!("none"), "the headings are not listed twice");
    // The page's place in its section: this page marked, the others links.
    let current = run(
        &tab,
        "return Array.from(document.querySelectorAll('.side-nav [aria-current=\"page\"]')).map(a => a.href);",
    );
    assert_eq!(current, json!([page]), "the current page is marked, once");
    let headings = run(&tab, "return document.querySelectorAll('.side-toc a').length;");
    let in_text = run(&tab, "return document.querySelectorAll('.page-content h2, .page-content h3').length;");
    assert!(headings.as_u64().unwrap() >= 3 && headings.as_u64() <= in_text.as_u64(), "{headings} of {in_text}");
    // Side by side with the text, not above it.
    let beside = run(
        &tab,
        "const text = document.querySelector('.page').getBoundingClientRect();
         const nav = document.querySelector('.side-nav').getBoundingClientRect();
         const toc = document.querySelector('.side-toc').getBoundingClientRect();
         return nav.right <= text.left && toc.left >= text.right;",
    );
    assert_eq!(beside, json!(true), "the section on the left, the headings on the right");
    // Still beside the text after scrolling down the page.
    let followed = run(
        &tab,
        "window.scrollTo(0, document.body.scrollHeight / 2);
         return new Promise(r => requestAnimationFrame(() => r(document.querySelector('.side-toc').getBoundingClientRect().top)));",
    );
    assert!((0.0..200.0).contains(&followed.as_f64().unwrap()), "the headings follow the reader: top {followed}");
    assert_no_axe_violations(&tab, &format!("{LONG_PAGE} at 1366 px"));
    open(&tab, &format!("{root}{EXERCISE}"));
    assert_ne!(display(&tab, ".side-nav"), json!("none"), "an exercise shows its section's pages");
    assert_no_axe_violations(&tab, &format!("{EXERCISE} at 1366 px"));

    // On a phone: neither, and the headings above the text as before; nothing sideways.
    for width in [375, 320] {
        journey::phone(&tab, width, 700);
        open(&tab, &page);
        assert_eq!(display(&tab, ".page-side"), json!("none"), "the side column is display:none at {width} px");
        for list in [".side-nav", ".side-toc"] {
            let boxes = value_of(&tab, &format!("document.querySelector('{list}').getClientRects().length"));
            assert_eq!(boxes, json!(0), "{list} is not shown at {width} px");
        }
        assert_ne!(display(&tab, ".page > .toc"), json!("none"), "the headings above the text at {width} px");
        let overflow = run(&tab, "return document.documentElement.scrollWidth - window.innerWidth;");
        assert!(overflow.as_f64().unwrap() <= 0.0, "{width} px: the page scrolls sideways by {overflow} px");
    }
    assert_no_axe_violations(&tab, &format!("{LONG_PAGE} at 320 px"));

    // On paper: neither.
    tab.call_method(Emulation::ClearDeviceMetricsOverride(None)).unwrap();
    tab.call_method(Emulation::SetEmulatedMedia { media: Some("print".into()), features: None }).unwrap();
    open(&tab, &page);
    assert_eq!(display(&tab, ".page-side"), json!("none"), "not printed");
    tab.call_method(Emulation::SetEmulatedMedia { media: Some(String::new()), features: None }).unwrap();
}

#[test]
fn the_header_is_one_row_at_1366_px() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    let root = format!("{}/", file_url(bundled_site()));
    desktop(&tab, 1366, 900);
    for page in ["index.html", LONG_PAGE] {
        open(&tab, &format!("{root}{page}"));
        // The search box is shown by search.js.
        crate::common::wait_for(&tab, "!document.querySelector('[data-search-box]').hidden");
        let height = value_of(&tab, "document.querySelector('.site-header').getBoundingClientRect().height");
        assert!(height.as_f64().unwrap() < 70.0, "{page}: the header is {height} px tall at 1366 px");
        let one_row = run(
            &tab,
            "const title = document.querySelector('.site-title').getBoundingClientRect();
             const search = document.querySelector('.site-search').getBoundingClientRect();
             const menu = document.querySelector('.site-menu').getBoundingClientRect();
             return search.top < title.bottom && menu.top < title.bottom && search.left > menu.right;",
        );
        assert_eq!(one_row, json!(true), "{page}: title, menu and search box on one row");
    }
}
