//! The site's promises, checked in headless Chromium on the built bundled site: every page
//! stays on its own origin under its Content-Security-Policy (opened from a folder and from a
//! server), has `lang="sv"`, and the skip link, menu and forms work by keyboard alone.

use crate::common;

use std::path::{Path, PathBuf};

use crate::common::{browser, bundled_site, file_url, http_server};
use headless_chrome::protocol::cdp::Page;

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(html_files(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            files.push(path);
        }
    }
    files.sort();
    files
}

const RECORD_VIOLATIONS: &str = "window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));";

const PAGE_FACTS: &str = "JSON.stringify({
  lang: document.documentElement.lang,
  csp: (document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]') || {}).content || '',
  violations: window.__violations,
  resources: performance.getEntriesByType('resource').map(e => e.name),
})";

#[test]
fn every_page_stays_on_its_own_origin_under_its_csp() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let pages = html_files(site);
    assert!(pages.len() >= 30, "the bundled site has {} pages", pages.len());
    let tab = browser.new_tab().unwrap();
    tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
        source: RECORD_VIOLATIONS.to_string(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .unwrap();
    let http_root = http_server(site);
    let file_root = file_url(site) + "/";
    let mut problems = Vec::new();
    for root in [&file_root, &http_root] {
        for page in &pages {
            let rel = page.strip_prefix(site).unwrap().to_string_lossy().replace('\\', "/");
            tab.navigate_to(&format!("{root}{rel}")).unwrap().wait_until_navigated().unwrap();
            let facts = tab.evaluate(PAGE_FACTS, false).unwrap().value.unwrap();
            let facts: serde_json::Value = serde_json::from_str(facts.as_str().unwrap()).unwrap();
            if facts["lang"] != "sv" {
                problems.push(format!("{root}{rel}: lang is {}", facts["lang"]));
            }
            let csp = facts["csp"].as_str().unwrap();
            if !csp.contains("default-src 'none'") || !csp.contains("script-src 'self'") {
                problems.push(format!("{root}{rel}: CSP missing or weak: {csp:?}"));
            }
            for v in facts["violations"].as_array().unwrap() {
                problems.push(format!("{root}{rel}: CSP violation {v}"));
            }
            for r in facts["resources"].as_array().unwrap() {
                let url = r.as_str().unwrap();
                if !url.starts_with(root.as_str()) {
                    problems.push(format!("{root}{rel}: request to another origin: {url}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!("{} pages checked from file:// and from http", pages.len());
}

fn active(tab: &headless_chrome::Tab, expression: &str) -> serde_json::Value {
    tab.evaluate(&format!("(() => {{ const a = document.activeElement; return {expression}; }})()"), false)
        .unwrap()
        .value
        .unwrap_or(serde_json::Value::Null)
}

#[test]
fn skip_link_menu_and_form_work_by_keyboard_alone() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let tab = browser.new_tab().unwrap();
    let page = file_url(&site.join("checklistor/sjalvskattning.html"));
    tab.navigate_to(&page).unwrap().wait_until_navigated().unwrap();

    // The first Tab reaches the skip link, which is then visible; Enter moves focus to main.
    tab.press_key("Tab").unwrap();
    assert_eq!(active(&tab, "a.className"), "skip-link");
    assert_eq!(active(&tab, "a.getBoundingClientRect().top >= 0"), true, "the focused skip link is on screen");
    tab.press_key("Enter").unwrap();
    assert_eq!(active(&tab, "a.id"), "innehall", "focus moved to the main content");

    // Tabbing from there reaches a form control; Space ticks it.
    let mut reached = false;
    for _ in 0..200 {
        tab.press_key("Tab").unwrap();
        if active(&tab, "a.tagName === 'INPUT' && !!a.closest('form.self-assessment')") == true {
            reached = true;
            break;
        }
    }
    assert!(reached, "a form control is reachable by Tab");
    let focus_visible = active(&tab, "getComputedStyle(a).outlineStyle !== 'none'");
    assert_eq!(focus_visible, true, "the focused control shows a focus outline");
    tab.press_key(" ").unwrap();
    assert_eq!(active(&tab, "a.checked"), true, "Space selects the focused option");

    // The menu: from the top, Tab past the skip link and the site title to the first entry.
    tab.navigate_to(&page).unwrap().wait_until_navigated().unwrap();
    for _ in 0..3 {
        tab.press_key("Tab").unwrap();
    }
    assert_eq!(active(&tab, "!!a.closest('.site-menu')"), true, "the third Tab stop is the menu");
    let target = active(&tab, "a.href");
    tab.press_key("Enter").unwrap();
    common::wait_for_navigation_from(&tab, &page);
    assert_eq!(serde_json::Value::String(tab.get_url()), target, "Enter follows the menu link");
}
