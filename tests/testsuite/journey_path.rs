//! A new member of staff on the reading path, in headless Chromium, as a person goes: from
//! the home page to *För dig som är ny*, into the first step (the checklist, not a slide),
//! **Markera som läst** by keyboard, on by *Nästa steg* through the glossary to three steps marked, a reload, and back to the path page, which ticks
//! the same three steps, says the minutes left and continues at the fourth. A page on both
//! bundled paths shows both, each with its own progress. Clearing removes every mark. axe-core
//! audits the path page and a step page, before and after marking.

use crate::common::journey::{click_link, site_built_the_readme_way};
use crate::common::{assert_no_axe_violations, browser, file_url, value_of, wait_for_navigation_from, wait_for_value};
use headless_chrome::Tab;
use serde_json::{Value, json};

/// Tabs from the top of the page until `selector` has the focus (a bounded number of times).
fn tab_to(tab: &Tab, selector: &str) {
    value_of(tab, "(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0))");
    for _ in 0..400 {
        tab.press_key("Tab").unwrap();
        if value_of(tab, &format!("document.activeElement === document.querySelector({selector:?})")) == json!(true) {
            return;
        }
    }
    panic!("{selector} is not reached by Tab on {}", tab.get_url());
}

const MARK: &str = "nav.path-place[data-path=ny] [data-path-mark]";
const PRESSED: &str =
    "document.querySelector('nav.path-place[data-path=ny] [data-path-mark]').getAttribute('aria-pressed')";
const PROGRESS: &str = "document.querySelector('#ny [data-path-progress]').textContent";
const TICKED: &str = "[...document.querySelectorAll('#ny .path-step.is-read a')].map(a => a.textContent)";

fn kicker(tab: &Tab) -> Value {
    value_of(tab, "[...document.querySelectorAll('.path-kicker')].map(p => p.textContent)")
}

/// Marks the open step page as read with the mouse and waits for the status to say so.
fn mark_by_click(tab: &Tab) {
    wait_for_value(tab, &format!("!document.querySelector({MARK:?}).closest('[hidden]')"), json!(true));
    tab.find_element(MARK).unwrap().click().unwrap();
    wait_for_value(tab, PRESSED, json!("true"));
}

#[test]
fn a_new_member_of_staff_marks_three_steps_and_the_path_page_agrees() {
    let Some(browser) = browser() else { return };
    let public = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&public.join("index.html"))).unwrap().wait_until_navigated().unwrap();

    click_link(&tab, "läsordningen för nya medarbetare");
    assert!(tab.get_url().ends_with("kom-igang/for-nyanstallda.html"), "{}", tab.get_url());
    wait_for_value(&tab, PROGRESS, json!("Du har läst 0 av 13 steg. Kvar: ungefär 115 minuter."));
    assert_eq!(value_of(&tab, "document.querySelector('#ny [data-path-continue]').hidden"), json!(true));
    assert_no_axe_violations(&tab, "the path page, nothing read");

    // Step 1, marked by keyboard alone: the checklist the new employee meets in daily work.
    click_link(&tab, "Checklistan Oavsett kön");
    assert!(tab.get_url().ends_with("checklistor/oavsett-kon.html"), "{}", tab.get_url());
    assert_eq!(kicker(&tab), json!(["Steg 1 av 13 · För dig som är ny"]));
    wait_for_value(&tab, PRESSED, json!("false"));
    tab_to(&tab, MARK);
    tab.press_key(" ").unwrap();
    wait_for_value(&tab, PRESSED, json!("true"));
    let state = value_of(&tab, "document.querySelector('nav.path-place [data-path-mark-state]').textContent");
    assert!(state.as_str().unwrap().starts_with("Läst "), "the status says when: {state}");
    assert_no_axe_violations(&tab, "a step page, marked as read");

    // On by the path's own next link, by keyboard: the glossary is the second step.
    tab_to(&tab, "nav.path-place[data-path=ny] .path-place-next a");
    let from = tab.get_url();
    tab.press_key("Enter").unwrap();
    wait_for_navigation_from(&tab, &from);
    assert!(tab.get_url().ends_with("/ordlista.html"), "{}", tab.get_url());
    assert_eq!(kicker(&tab), json!(["Steg 2 av 13 · För dig som är ny"]));
    mark_by_click(&tab);
    click_link(&tab, "Nästa steg: Självskattning");
    assert_eq!(kicker(&tab), json!(["Steg 3 av 13 · För dig som är ny"]));
    mark_by_click(&tab);

    // A reload keeps the mark, and the path page agrees.
    tab.reload(false, None).unwrap();
    wait_for_value(&tab, "document.readyState", json!("complete"));
    wait_for_value(&tab, PRESSED, json!("true"));
    click_link(&tab, "Läsväg: För dig som är ny");
    wait_for_value(&tab, PROGRESS, json!("Du har läst 3 av 13 steg. Kvar: ungefär 90 minuter."));
    assert_eq!(
        value_of(&tab, TICKED),
        json!(["Checklistan Oavsett kön …", "Ordlista", "Självskattning – lever jag upp till Oavsett kön?"])
    );
    let states = value_of(&tab, "[...document.querySelectorAll('#ny [data-step-state]')].map(s => s.textContent)");
    let states: Vec<&str> = states.as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert!(
        states[..3].iter().all(|s| s.starts_with("Läst ")) && states[3..].iter().all(|s| *s == "Inte läst"),
        "{states:?}"
    );
    assert_no_axe_violations(&tab, "the path page with three steps read");

    // Continue where one left off: the fourth step.
    click_link(&tab, "Fortsätt där du slutade: Frågor för barn och familj");
    assert!(tab.get_url().ends_with("checklistor/barn-och-familj.html"), "{}", tab.get_url());
    assert_eq!(kicker(&tab), json!(["Steg 4 av 13 · För dig som är ny"]));
    wait_for_value(&tab, PRESSED, json!("false"));

    // Clearing removes every mark of the path; nothing else of it is kept.
    click_link(&tab, "Läsväg: För dig som är ny");
    wait_for_value(&tab, "!document.querySelector('#ny .path-actions').hidden", json!(true));
    tab.find_element("#ny [data-path-clear]").unwrap().click().unwrap();
    wait_for_value(&tab, PROGRESS, json!("Dina markeringar på läsvägen är borttagna."));
    assert_eq!(value_of(&tab, TICKED), json!([]));
    assert_eq!(value_of(&tab, "localStorage.getItem('trappa-lasvag:ny')"), Value::Null);
    click_link(&tab, "Checklistan Oavsett kön");
    wait_for_value(&tab, PRESSED, json!("false"));
}

#[test]
fn a_page_on_both_paths_shows_both_and_keeps_them_apart() {
    let Some(browser) = browser() else { return };
    let public = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&public.join("index.html"))).unwrap().wait_until_navigated().unwrap();

    click_link(&tab, "läsvägen för chefer");
    assert!(tab.get_url().ends_with("kom-igang/for-chefer.html"), "{}", tab.get_url());
    click_link(&tab, "Könsuppdelad statistik – grunden");
    assert_eq!(kicker(&tab), json!(["Steg 3 av 5 · För dig som är chef", "Steg 9 av 13 · För dig som är ny"]));
    let navs =
        value_of(&tab, "[...document.querySelectorAll('nav.path-place')].map(n => n.getAttribute('aria-label'))");
    assert_eq!(navs, json!(["Läsväg: För dig som är chef", "Läsväg: För dig som är ny"]));
    assert_no_axe_violations(&tab, "a page on two paths");

    let chef_mark = "nav.path-place[data-path=chef] [data-path-mark]";
    wait_for_value(&tab, &format!("!document.querySelector({chef_mark:?}).closest('[hidden]')"), json!(true));
    tab.find_element(chef_mark).unwrap().click().unwrap();
    wait_for_value(&tab, &format!("document.querySelector({chef_mark:?}).getAttribute('aria-pressed')"), json!("true"));
    assert_eq!(value_of(&tab, PRESSED), json!("false"), "the other path is not marked");

    click_link(&tab, "Läsväg: För dig som är chef");
    wait_for_value(
        &tab,
        "document.querySelector('#chef [data-path-progress]').textContent",
        json!("Du har läst 1 av 5 steg. Kvar: ungefär 45 minuter."),
    );
    let go = value_of(&tab, "document.querySelector('#chef [data-path-continue] a').textContent");
    assert_eq!(go, json!("Fortsätt där du slutade: Håll arbetet levande"), "on after the last step read");
    tab.find_element("#chef [data-path-clear]").unwrap().click().unwrap();
    assert_eq!(value_of(&tab, "localStorage.getItem('trappa-lasvag:chef')"), Value::Null);
}
