//! Reading journeys: the bundled site built the README's way (`trappa build` in the site's
//! folder, no flags), opened from file:// at its home page, then walked by following links only.
//! On every page reached: each link text names one target, nothing scrolls sideways on a phone,
//! and the header stays small there with a menu that opens by keyboard.

use crate::common;

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use crate::common::journey::{phone, site_built_the_readme_way, walk};
use crate::common::{browser, file_url};
use headless_chrome::Tab;

/// WCAG 2.4.4: a screen reader's list of links shows each link's name alone, so one name must
/// not stand for two targets. The same page under two anchors counts as two targets.
#[test]
fn link_purpose_every_link_text_names_one_target() {
    let Some(browser) = browser() else { return };
    let site = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    let pages = walk(&tab, site, |_, _| {});
    let root = file_url(site) + "/";
    let mut problems = Vec::new();
    for (page, links) in &pages {
        let mut targets: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        for (name, href) in links {
            targets.entry(name.to_lowercase()).or_default().insert(href.strip_prefix(&root).unwrap_or(href));
        }
        for (name, hrefs) in targets.iter().filter(|(_, hrefs)| hrefs.len() > 1) {
            let hrefs: Vec<&str> = hrefs.iter().copied().collect();
            problems.push(format!("{page}: “{name}” leads to {}: {}", hrefs.len(), hrefs.join(", ")));
        }
    }
    let ambiguous: BTreeSet<&str> = problems.iter().map(|p| p.split(':').next().unwrap()).collect();
    assert!(
        problems.is_empty(),
        "{} of {} pages reachable from home have a link text with more than one target:\n{}",
        ambiguous.len(),
        pages.len(),
        problems.join("\n")
    );
    eprintln!("{} pages reachable from home, every link text names one target", pages.len());
}

/// Of the open page: how much wider than the viewport it is, and the innermost elements that
/// stick out (to name the cause).
const SIDEWAYS: &str = "(() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 0.5
    || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'));
  const innermost = out.filter(e => !out.some(o => o !== e && e.contains(o)));
  return JSON.stringify({
    extra: document.documentElement.scrollWidth - width,
    culprits: innermost.slice(0, 4).map(e => e.tagName.toLowerCase() + (e.getAttribute('class') ? '.' + e.getAttribute('class').split(' ')[0] : '')
      + ' ‘' + e.textContent.trim().slice(0, 40) + '’'),
  });
})()";

/// WCAG 1.4.10 (reflow): at 320 CSS px no page scrolls sideways, whatever its long Swedish
/// compounds, tables or cards.
#[test]
fn phone_width_no_page_scrolls_sideways_at_320_px() {
    let Some(browser) = browser() else { return };
    let site = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    phone(&tab, 320, 640);
    let mut problems = Vec::new();
    let pages = walk(&tab, site, |tab, page| {
        let facts = tab.evaluate(SIDEWAYS, false).unwrap().value.unwrap();
        let facts: serde_json::Value = serde_json::from_str(facts.as_str().unwrap()).unwrap();
        if facts["extra"].as_i64().unwrap() > 0 {
            problems.push(format!("{page}: {} px too wide; sticking out: {}", facts["extra"], facts["culprits"]));
        }
    });
    assert!(
        problems.is_empty(),
        "{} of {} pages reachable from home scroll sideways at 320 px:\n{}",
        problems.len(),
        pages.len(),
        problems.join("\n")
    );
    eprintln!("{} pages reachable from home fit 320 px", pages.len());
}

fn evaluate(tab: &Tab, expression: &str) -> serde_json::Value {
    tab.evaluate(expression, false).unwrap().value.unwrap_or(serde_json::Value::Null)
}

/// Tabs from the top of the page until `selector` has the focus; false if it never does.
fn tab_to(tab: &Tab, selector: &str) -> bool {
    evaluate(tab, "document.activeElement.blur(), window.scrollTo(0, 0)");
    (0..10).any(|_| {
        tab.press_key("Tab").unwrap();
        evaluate(tab, &format!("document.activeElement.matches({selector:?})")) == true
    })
}

/// The menu's links as a screen reader or a sighted user meets them: shown on screen.
const MENU_LINKS_SHOWN: &str =
    "[...document.querySelectorAll('.site-menu a')].filter(a => a.checkVisibility({visibilityProperty: true})).length";

/// On a phone (375 × 812) the header with its menu closed takes at most 15 % of the screen on
/// every kind of page, the menu opens and closes by keyboard (Enter, Space, Escape) with its
/// links then reachable, and
/// axe finds nothing at that size.
#[test]
fn phone_header_is_small_and_its_menu_opens_by_keyboard() {
    let Some(browser) = browser() else { return };
    let site = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    phone(&tab, 375, 812);
    let mut kinds = BTreeMap::new();
    let mut problems = Vec::new();
    walk(&tab, site, |tab, page| {
        let kind = evaluate(tab, "document.body.className").as_str().unwrap().to_string();
        if let Entry::Vacant(entry) = kinds.entry(kind) {
            let (height, found) = phone_header(tab);
            problems.extend(found.into_iter().map(|p| format!("{} ({page}): {p}", entry.key())));
            entry.insert(format!("{page}: header {height} px"));
        }
    });
    assert!(kinds.len() >= 5, "the walk meets several kinds of page: {kinds:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!("phone header checked on {} kinds of page: {kinds:?}", kinds.len());
}

/// The height of the open page's header on a phone of 812 px height, and what is wrong with it
/// and its menu (none: empty).
fn phone_header(tab: &Tab) -> (f64, Vec<String>) {
    let mut problems = Vec::new();
    let menu_entries = evaluate(tab, "document.querySelectorAll('.site-menu a').length").as_u64().unwrap();
    assert!(menu_entries >= 5, "the bundled site has a menu");
    let height = evaluate(tab, "document.querySelector('.site-header').getBoundingClientRect().height");
    let height = height.as_f64().unwrap();
    if height > 0.15 * 812.0 {
        problems.push(format!("the header is {height} px high, over 15 % of 812 px"));
    }
    if evaluate(tab, MENU_LINKS_SHOWN) != 0 {
        problems.push("the menu is not collapsed".to_string());
    }
    if !tab_to(tab, ".menu-toggle") {
        problems.push("no menu button within ten Tab stops".to_string());
        return (height, problems);
    }
    assert_eq!(evaluate(tab, "document.activeElement.getAttribute('aria-expanded')"), "false");
    tab.press_key("Enter").unwrap();
    let expanded = evaluate(tab, "document.activeElement.getAttribute('aria-expanded')");
    let shown = evaluate(tab, MENU_LINKS_SHOWN).as_u64().unwrap();
    if expanded != "true" || shown != menu_entries {
        problems.push(format!("Enter on the menu button shows {shown} of {menu_entries} links"));
        return (height, problems);
    }
    tab.press_key("Tab").unwrap();
    if evaluate(tab, "!!document.activeElement.closest('.site-menu li')") != true {
        problems.push("Tab after the opened menu button does not reach its first link".to_string());
    }
    tab.press_key("Escape").unwrap();
    let closed_to_button = evaluate(tab, "document.activeElement.matches('.menu-toggle')") == true;
    if evaluate(tab, MENU_LINKS_SHOWN) != 0 || !closed_to_button {
        problems.push("Escape in the open menu does not close it and return to its button".to_string());
    }
    tab.press_key(" ").unwrap();
    let opened = evaluate(tab, MENU_LINKS_SHOWN) == menu_entries;
    tab.press_key(" ").unwrap();
    if !opened || evaluate(tab, MENU_LINKS_SHOWN) != 0 {
        problems.push("Space on the menu button does not open and close the menu".to_string());
    }
    problems
        .extend(common::axe_violations(tab).unwrap_or_default().into_iter().map(|v| format!("axe on a phone: {v}")));
    (height, problems)
}

/// The first page a reader opens is a landing page: no trail that repeats the site's title, no
/// audience or print button. Content pages keep them, and so do the pages of their own that
/// borrow the home page's context (the search page leads back home by its trail).
#[test]
fn home_page_has_no_trail_audience_or_print_button() {
    let site = site_built_the_readme_way();
    let read = |page: &str| std::fs::read_to_string(site.join(page)).unwrap();
    let home = read("index.html");
    for (what, marker) in
        [("a trail", "class=\"breadcrumbs\""), ("an audience", "class=\"page-meta\""), ("a print button", "data-print")]
    {
        assert!(!home.contains(marker), "the home page shows {what}");
    }
    let section = read("trappan/index.html");
    for marker in ["class=\"breadcrumbs\"", "class=\"page-meta\"", "data-print"] {
        assert!(section.contains(marker), "a section page keeps {marker}");
    }
    let search = read("sok.html");
    assert!(
        search.contains("class=\"breadcrumbs\"") && search.contains("href=\"index.html\""),
        "the search page's trail leads home"
    );
}

/// The trail of the open page: its links' names, then the name of the page itself.
const TRAIL: &str = "JSON.stringify({
  links: [...document.querySelectorAll('.breadcrumbs a')].map(a => a.textContent.trim()),
  current: (document.querySelector('.breadcrumbs [aria-current=\"page\"]') || {}).textContent || null,
  title: document.title,
})";

/// WCAG 2.4.8 (location): on every page reached from home, the trail ends with the page's own
/// name, the name its title starts with, never the home page's; and a page of its own leads
/// back through the page it belongs to (a plan's guide through the plan's page, a section's
/// handout through the section).
#[test]
fn every_trail_ends_with_the_page_it_is_on_and_passes_the_page_it_belongs_to() {
    let Some(browser) = browser() else { return };
    let site = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    let mut trails: BTreeMap<String, (Vec<String>, Option<String>, String)> = BTreeMap::new();
    walk(&tab, site, |tab, page| {
        let trail: serde_json::Value =
            serde_json::from_str(tab.evaluate(TRAIL, false).unwrap().value.unwrap().as_str().unwrap()).unwrap();
        let links = trail["links"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_string()).collect();
        let current = trail["current"].as_str().map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "));
        trails.insert(page.to_string(), (links, current, trail["title"].as_str().unwrap().to_string()));
    });
    let home_title = "Jämställd socialtjänst";
    let mut problems = Vec::new();
    for (page, (_, current, title)) in &trails {
        match current {
            None if page == "index.html" => {}
            None => problems.push(format!("{page}: no trail")),
            Some(current) if current == home_title => {
                problems.push(format!("{page}: its trail ends with the home page"))
            }
            Some(current) if !title.starts_with(current.as_str()) => {
                problems.push(format!("{page}: its trail ends with “{current}”, its title is “{title}”"))
            }
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{} of {} pages:\n{}", problems.len(), trails.len(), problems.join("\n"));
    let trail_of = |page: &str| trails.get(page).unwrap_or_else(|| panic!("{page} is reached from home")).0.clone();
    assert_eq!(
        trail_of("kom-igang/ledarguide-heldag.html"),
        [home_title, "Kom igång", "För dig som leder en utbildningsdag"]
    );
    assert_eq!(trail_of("metoder/utskrift.html"), [home_title, "Metoder och stöd"]);
    assert_eq!(trail_of("kom-igang/sammanfattning-ny.html"), [home_title, "Kom igång", "För dig som är ny"]);
    eprintln!("{} pages reached from home, each trail ends with the page it is on", trails.len());
}
