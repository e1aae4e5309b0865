//! `trappa pack` as a trainer uses it to hand the material over: run in the site's folder, one
//! zip whose top-level folder holds the site and `START.html`; unzipped by another program
//! (Python's zipfile, which checks every entry's CRC), its start page opens the site from
//! file:// in Chromium, and search and a self-assessment work there. The card PDFs and the plans'
//! facilitator guides and participant packs are in it.

use std::path::Path;
use std::process::Command;

use crate::common::journey::click_link;
use crate::common::{bin, browser, copy_of_bundled_site, file_url, run, stderr, value_of, wait_for, wait_for_value};
use serde_json::json;

/// `python3 -m zipfile ARGS`: an unzip that is not ours.
fn zipfile(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new("python3").args(["-m", "zipfile"]).args(args).output().expect("python3 is installed")
}

#[test]
fn the_packed_site_unzips_and_works_from_its_start_page() {
    let site = copy_of_bundled_site();
    let output = bin().arg("pack").current_dir(site.path()).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("unzip it and open jamstalld-socialtjanst/START.html"), "{said}");
    let zip = site.path().join("jamstalld-socialtjanst.zip");

    let tested = zipfile(&["-t".as_ref(), zip.as_os_str()]);
    assert!(tested.status.success(), "every entry reads back whole: {}", String::from_utf8_lossy(&tested.stderr));
    let listed = String::from_utf8_lossy(&zipfile(&["-l".as_ref(), zip.as_os_str()]).stdout).into_owned();
    let names: Vec<&str> = listed.lines().skip(1).filter_map(|l| l.split_whitespace().next()).collect();
    assert!(names.iter().all(|n| n.starts_with("jamstalld-socialtjanst/")), "one top-level folder: {names:?}");
    for name in [
        "START.html",
        "index.html",
        "sok.html",
        "static/js/search.js",
        "kort/index.html",
        "kom-igang/ledarguide-heldag.html",
        "kom-igang/deltagarmaterial-heldag.html",
        "kom-igang/deltagarmaterial-halvdag.html",
    ] {
        assert!(names.contains(&format!("jamstalld-socialtjanst/{name}").as_str()), "{name} is packed");
    }
    #[cfg(feature = "pdf")]
    assert!(names.iter().any(|n| n.starts_with("jamstalld-socialtjanst/kort/") && n.ends_with(".pdf")), "card PDFs");

    // Packed twice, the same bytes: nothing of the moment goes in.
    let first = std::fs::read(&zip).unwrap();
    let again = bin().arg("pack").current_dir(site.path()).output().unwrap();
    assert!(again.status.success());
    assert!(std::fs::read(&zip).unwrap() == first, "the same site packs into the same zip");

    let Some(browser) = browser() else { return };
    let unpacked = tempfile::tempdir().unwrap();
    let extracted = zipfile(&["-e".as_ref(), zip.as_os_str(), unpacked.path().as_os_str()]);
    assert!(extracted.status.success(), "{}", String::from_utf8_lossy(&extracted.stderr));
    let folder = unpacked.path().join("jamstalld-socialtjanst");
    opens_and_works(&browser, &folder);
}

fn opens_and_works(browser: &headless_chrome::Browser, folder: &Path) {
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&folder.join("START.html"))).unwrap();
    wait_for_value(&tab, "location.pathname.endsWith('/index.html') && document.readyState", json!("complete"));
    run(&tab, "localStorage.clear();");

    // Search from the header box.
    wait_for(&tab, "!document.querySelector('[data-search-box]').hidden");
    tab.find_element("#sok-ord").unwrap().click().unwrap();
    tab.type_str("likvärdiga").unwrap();
    let status = "document.querySelector('#sok-lista .search-count').textContent";
    wait_for(&tab, &format!("{status}.includes('likvärdiga')"));
    let count = value_of(&tab, status);
    assert!(!count.as_str().unwrap().starts_with("Inga träffar"), "search finds the word: {count}");

    // A self-assessment, answered and its result shown.
    tab.navigate_to(&file_url(&folder.join("index.html"))).unwrap().wait_until_navigated().unwrap();
    click_link(&tab, "läsordningen för nya medarbetare");
    click_link(&tab, "Jämställdhetstrappan");
    let form = "form.self-assessment[data-form=var-ar-du]";
    wait_for_value(&tab, &format!("document.querySelector({form:?}).classList.contains('is-live')"), json!(true));
    tab.find_element(&format!("{form} [data-question=steg] input[data-score='3']")).unwrap().click().unwrap();
    tab.find_element(&format!("{form} [data-action=results]")).unwrap().click().unwrap();
    wait_for_value(&tab, "!document.querySelector('#var-ar-du-resultat').hidden", json!(true));
    assert_eq!(
        value_of(&tab, "document.querySelector('#var-ar-du-resultat .results-score').textContent"),
        json!("3 av 3 poäng")
    );
}
