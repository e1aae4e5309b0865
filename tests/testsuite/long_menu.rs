//! A menu too long for every header (a site of many sections) collapses to its first entries,
//! the page's own section and *Alla avsnitt*, a page listing them all: a page keeps its size,
//! and the list is reached from file:// by keyboard alone, both pages without axe violations.

use crate::common;

use crate::common::{HOME, assert_no_axe_violations, browser, file_url, site, value_of, wait_for_navigation_from};

#[test]
fn a_long_menu_collapses_to_a_list_of_all_sections_reached_by_keyboard() {
    let sections: Vec<(String, String)> = (0..30)
        .flat_map(|n| {
            [
                (
                    format!("content/s{n:02}/_index.md"),
                    format!("---\ntitle: Avsnitt {n}\nweight: {n}\n---\nOm avsnittet.\n"),
                ),
                (format!("content/s{n:02}/sida.md"), format!("---\ntitle: Sida i avsnitt {n}\n---\nText.\n")),
            ]
        })
        .collect();
    let mut files = vec![HOME];
    files.extend(sections.iter().map(|(path, text)| (path.as_str(), text.as_str())));
    let dir = site(&files);
    let output = common::build(dir.path());
    assert!(output.status.success(), "{}", common::stderr(&output));
    let out = dir.path().join("public");

    // The header: the first six entries, the page's own section, and the list of all.
    let page = std::fs::read_to_string(out.join("s25/sida.html")).unwrap();
    let menu = page.split("id=\"huvudmeny\"").nth(1).unwrap().split("</nav>").next().unwrap();
    assert_eq!(menu.matches("<li").count(), 8, "{menu}");
    assert!(menu.contains("aria-current=\"true\">Avsnitt 25<") && menu.contains(">Alla avsnitt<"), "{menu}");
    let all = std::fs::read_to_string(out.join("avsnitt.html")).unwrap();
    assert!((0..30).all(|n| all.contains(&format!(">Avsnitt {n}<"))), "every section is listed: {all}");

    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    let url = file_url(&out.join("s25/sida.html"));
    tab.navigate_to(&url).unwrap().wait_until_navigated().unwrap();
    assert_no_axe_violations(&tab, "a page with a collapsed menu");
    let mut reached = false;
    for _ in 0..30 {
        tab.press_key("Tab").unwrap();
        if value_of(&tab, "document.activeElement.textContent") == "Alla avsnitt" {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the link to all sections");
    tab.press_key("Enter").unwrap();
    wait_for_navigation_from(&tab, &url);
    assert!(tab.get_url().ends_with("/avsnitt.html"), "{}", tab.get_url());
    assert_eq!(value_of(&tab, "document.querySelector('.menu-all a').getAttribute('aria-current')"), "page");
    assert_no_axe_violations(&tab, "the list of all sections");
}
