//! The site as people walk it: the README's build command run in the site's own folder, the
//! output opened from the folder, and from the home page on only links followed (never an
//! address typed in, except the first). Every page of the output is reached this way, and a
//! card is printed starting from the home page.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::journey::{click_link, site_built_the_readme_way, walk};
use crate::common::{PT_PER_MM, browser, file_url, pdf_page_sizes as page_sizes};
use headless_chrome::Tab;
use headless_chrome::types::PrintToPdfOptions;
use trappa::web::percent_decode;

fn evaluate(tab: &Tab, script: &str) -> serde_json::Value {
    tab.evaluate(script, true).unwrap().value.unwrap_or(serde_json::Value::Null)
}

/// Every HTML file of the output, relative to it.
fn html_files(public: &Path) -> BTreeSet<String> {
    fn walk(dir: &Path, public: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, public, out);
            } else if path.extension().is_some_and(|e| e == "html") {
                out.insert(path.strip_prefix(public).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(public, public, &mut out);
    out
}

#[test]
fn build_in_the_sites_folder_and_open_the_home_page_from_the_folder() {
    let public = site_built_the_readme_way();
    assert!(public.join("index.html").is_file(), "`trappa build` with no flags writes public/ in the site's folder");
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&public.join("index.html"))).unwrap().wait_until_navigated().unwrap();
    // The heading's soft hyphens (long words break at syllables) are not part of what it says.
    let title = evaluate(&tab, "document.querySelector('h1').textContent.replaceAll('\\u00ad', '').trim()");
    assert_eq!(title, "Jämställd socialtjänst", "the home page's own heading");
    let styled = evaluate(&tab, "getComputedStyle(document.querySelector('.site-header')).backgroundColor");
    assert_eq!(styled, "rgb(11, 79, 108)", "the theme's stylesheet is applied from the folder");
    let menu = evaluate(&tab, "document.querySelectorAll('.site-menu a').length");
    assert!(menu.as_u64().unwrap() >= 5, "the menu leads on: {menu}");
}

#[test]
fn every_page_of_the_output_is_reached_from_the_home_page() {
    let Some(browser) = browser() else { return };
    let public = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    let pages = walk(&tab, public, |_, _| {});
    let root = file_url(public) + "/";
    let orphans: Vec<String> =
        html_files(public).into_iter().filter(|page| page != "404.html" && !pages.contains_key(page)).collect();
    assert!(orphans.is_empty(), "pages no link leads to, from the home page on:\n{}", orphans.join("\n"));
    // Every file a reached page links to (PDFs, images, pages) is there.
    let missing: Vec<String> = pages
        .iter()
        .flat_map(|(page, links)| links.iter().map(move |(_, href)| (page, href)))
        .filter_map(|(page, href)| {
            let target = href.strip_prefix(&root)?.split(['#', '?']).next()?;
            let path = public.join(percent_decode(target));
            let exists = path.is_file() || path.join("index.html").is_file();
            (!exists).then(|| format!("{page} → {target}"))
        })
        .collect();
    assert!(missing.is_empty(), "links to files that are not there:\n{}", missing.join("\n"));
}

#[test]
fn a_card_is_printed_starting_from_the_home_page() {
    let Some(browser) = browser() else { return };
    let public = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&public.join("index.html"))).unwrap().wait_until_navigated().unwrap();

    click_link(&tab, "Checklistor");
    click_link(&tab, "Oavsett kön");
    assert!(tab.get_url().ends_with("checklistor/oavsett-kon.html"), "{}", tab.get_url());
    click_link(&tab, "Skriv ut kortet: Oavsett kön");
    assert!(tab.get_url().ends_with("kort/oavsett-kon-kort.html"), "{}", tab.get_url());

    // Printed as a person prints (the page's own sizes), each face is one A6 page.
    let options = PrintToPdfOptions { prefer_css_page_size: Some(true), ..Default::default() };
    let pdf = tab.print_to_pdf(Some(options)).unwrap();
    let sizes = page_sizes(&lopdf::Document::load_mem(&pdf).unwrap(), "MediaBox");
    assert_eq!(sizes.len(), 2, "a front and a back: {sizes:?}");
    for (w, h) in sizes {
        assert!((w - 105.0 * PT_PER_MM).abs() <= 1.0 && (h - 148.0 * PT_PER_MM).abs() <= 1.0, "A6: {w} × {h} pt");
    }

    // The card's PDF for a print shop, linked from its page: A6 trimmed, with bleed.
    let pdf_href = evaluate(&tab, "[...document.querySelectorAll('main a')].find(a => a.href.endsWith('.pdf')).href");
    let pdf_path = PathBuf::from(percent_decode(pdf_href.as_str().unwrap().strip_prefix("file://").unwrap()));
    #[cfg(feature = "pdf")]
    {
        let trim = page_sizes(&lopdf::Document::load(&pdf_path).unwrap(), "TrimBox");
        assert_eq!(trim.len(), 2, "{trim:?}");
        assert!(trim.iter().all(|(w, h)| (w - 105.0 * PT_PER_MM).abs() < 0.1 && (h - 148.0 * PT_PER_MM).abs() < 0.1));
    }
    #[cfg(not(feature = "pdf"))]
    let _ = pdf_path;

    // And on to the print sheet of all cards.
    click_link(&tab, "Alla kort på A4-ark");
    assert!(tab.get_url().ends_with("kort/index.html"), "{}", tab.get_url());
    let cards = evaluate(&tab, "document.querySelectorAll('[data-card-picker] input[type=checkbox]').length");
    assert_eq!(cards, 3, "the sheet offers every card");
}
