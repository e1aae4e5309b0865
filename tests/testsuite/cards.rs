//! Printed cards from the browser: the bundled site's card pages and A4 sheet printed by
//! headless Chromium (`--print-to-pdf`, default settings, straight from the folder), with the
//! page sizes read back from the PDF; the sheet's fronts and backs in mirrored places; the
//! reader's choice of cards and size; axe-core audits of both page kinds.

use crate::common;

use std::path::Path;
use std::process::Command;

use crate::common::{browser, bundled_site, chromium_path, file_url, run};
use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Emulation;
use serde_json::Value;

const PT_PER_MM: f64 = 72.0 / 25.4;

/// Prints `page` of the built site with Chromium's own `--print-to-pdf`, as a person would
/// with default settings, and returns each page's size in points.
fn print_page_sizes(site: &Path, page: &str) -> Option<Vec<(f64, f64)>> {
    let chromium = chromium_path().or_else(|| {
        browser(); // skips loudly, or fails under CI=true
        None
    })?;
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("utskrift.pdf");
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", out.path().join("profil").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&site.join(page)))
        .output()
        .unwrap();
    assert!(pdf.is_file(), "Chromium printed {page}: {}", String::from_utf8_lossy(&status.stderr));
    let document = lopdf::Document::load(&pdf).unwrap();
    Some(
        document
            .get_pages()
            .values()
            .map(|id| {
                let page = document.get_dictionary(*id).unwrap();
                let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
                let n: Vec<f64> = media.iter().map(|v| v.as_float().map(f64::from).unwrap()).collect();
                (n[2] - n[0], n[3] - n[1])
            })
            .collect(),
    )
}

fn assert_size(actual: (f64, f64), mm: (f64, f64), what: &str) {
    let expected = (mm.0 * PT_PER_MM, mm.1 * PT_PER_MM);
    assert!(
        (actual.0 - expected.0).abs() <= 1.0 && (actual.1 - expected.1).abs() <= 1.0,
        "{what}: {actual:?} pt, expected {expected:?} pt ({mm:?} mm) within 1 pt"
    );
}

#[test]
fn card_pages_print_one_page_per_face_at_the_cards_size() {
    let site = bundled_site();
    for (card, mm) in [
        ("oavsett-kon-kort", (105.0, 148.0)),
        ("barn-och-familj-kort", (105.0, 148.0)),
        ("fyra-steg-kort", (85.6, 54.0)),
    ] {
        let Some(sizes) = print_page_sizes(site, &format!("kort/{card}.html")) else { return };
        assert_eq!(sizes.len(), 2, "{card}: a front and a back, nothing else");
        for (i, size) in sizes.into_iter().enumerate() {
            assert_size(size, mm, &format!("{card} page {}", i + 1));
        }
    }
}

#[test]
fn the_sheet_prints_on_a4_a_front_and_a_back_per_sheet() {
    let site = bundled_site();
    let Some(sizes) = print_page_sizes(site, "kort/index.html") else { return };
    // Two A6 cards fill one sheet pair, the credit-card-size card a second.
    assert_eq!(sizes.len(), 4, "{sizes:?}");
    for (i, size) in sizes.into_iter().enumerate() {
        assert_size(size, (210.0, 297.0), &format!("sheet page {}", i + 1));
    }
}

/// Chooses `size` for every card on the print sheet, as the reader does, and returns what the
/// sheet then says.
fn status_at_size(tab: &Tab, size: &str) -> String {
    run(
        tab,
        &format!(
            "const size = document.querySelector('[data-size-override]');
             size.value = '{size}';
             size.dispatchEvent(new Event('change', {{bubbles: true}}));"
        ),
    );
    run(tab, "return document.querySelector('[data-sheet-status]').textContent;").as_str().unwrap().to_string()
}

fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url).unwrap().wait_until_navigated().unwrap();
    run(tab, "return document.fonts.ready.then(() => true);");
}

/// Every face on the sheets as (sheet index, side, card id, x, y, width, height) in mm from
/// its sheet's top-left corner, measured in the print layout.
const FACE_PLACES: &str = "
    const mm = px => Math.round(px * 25.4 / 96 * 100) / 100;
    const sheets = [...document.querySelectorAll('.sheet')];
    return JSON.stringify(sheets.flatMap((sheet, i) => {
      const s = sheet.getBoundingClientRect();
      return [...sheet.querySelectorAll('.card-face')].map(face => {
        const r = face.getBoundingClientRect();
        return [Math.floor(i / 2), sheet.classList.contains('sheet-front') ? 'front' : 'back', face.dataset.card,
                mm(r.left - s.left), mm(r.top - s.top), mm(r.width), mm(r.height)];
      });
    }));";

fn face_places(tab: &Tab) -> Vec<(u64, String, String, f64, f64, f64, f64)> {
    tab.call_method(Emulation::SetEmulatedMedia { media: Some("print".into()), features: None }).unwrap();
    let json = run(tab, FACE_PLACES);
    tab.call_method(Emulation::SetEmulatedMedia { media: Some(String::new()), features: None }).unwrap();
    serde_json::from_str(json.as_str().unwrap()).unwrap()
}

/// For every card, its back lies where its front lies, mirrored left to right on the A4
/// sheet (a long-edge flip), at the same height and of the same size.
fn assert_mirrored(places: &[(u64, String, String, f64, f64, f64, f64)]) -> usize {
    let fronts: Vec<_> = places.iter().filter(|p| p.1 == "front").collect();
    for front in &fronts {
        let back = places
            .iter()
            .find(|p| p.1 == "back" && p.0 == front.0 && p.2 == front.2)
            .unwrap_or_else(|| panic!("{} has a back on the same sheet", front.2));
        let (fx, fy, fw, fh) = (front.3, front.4, front.5, front.6);
        let (bx, by, bw, bh) = (back.3, back.4, back.5, back.6);
        assert!((bx - (210.0 - fx - fw)).abs() < 0.2, "{}: front at x {fx} mm, back at x {bx} mm", front.2);
        assert!((by - fy).abs() < 0.2 && (bw - fw).abs() < 0.2 && (bh - fh).abs() < 0.2, "{front:?} / {back:?}");
        assert!(fx >= 10.0 && fy >= 10.0 && fx + fw <= 200.0 && fy + fh <= 287.0, "{front:?} inside printer margins");
    }
    fronts.len()
}

#[test]
fn sheet_backs_mirror_fronts_and_the_reader_can_choose_cards_and_size() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(&site.join("kort/index.html")));

    let places = face_places(&tab);
    assert_eq!(assert_mirrored(&places), 3, "all three cards are on the sheets");
    // A6 cards lie on their side two to a sheet: 148 × 105 mm in place.
    let a6 = places.iter().find(|p| p.2 == "oavsett-kon-kort").unwrap();
    assert!((a6.5 - 148.0).abs() < 0.2 && (a6.6 - 105.0).abs() < 0.2, "{a6:?}");
    let status = run(&tab, "return document.querySelector('[data-sheet-status]').textContent;");
    assert_eq!(status, "4 ark att skriva ut.", "the cards fit their sizes");

    // Only two cards, all at A7: one sheet pair of A7 cards, still mirrored.
    run(
        &tab,
        "document.querySelector('#valj-barn-och-familj-kort').click();
         const size = document.querySelector('[data-size-override]');
         size.value = 'a7';
         size.dispatchEvent(new Event('change', {bubbles: true}));",
    );
    let places = face_places(&tab);
    assert_eq!(assert_mirrored(&places), 2);
    assert!(places.iter().all(|p| p.0 == 0 && (p.5 - 74.0).abs() < 0.2 && (p.6 - 105.0).abs() < 0.2), "{places:?}");
    assert!(places.iter().all(|p| p.2 != "barn-och-familj-kort"));

    // The five commitments do not fit a credit card: the sheet says which card, not cut silently.
    let status = status_at_size(&tab, "kreditkort");
    assert!(status.contains("”Oavsett kön …” får inte plats i storleken Kreditkort"), "{status}");
    assert!(!status.contains("Fyra steg"), "{status}");
}

#[test]
fn card_page_and_sheet_have_no_axe_violations_and_use_the_themes_font() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let tab = browser.new_tab().unwrap();
    let mut failures = Vec::new();
    for page in ["kort/oavsett-kon-kort.html", "kort/index.html"] {
        open(&tab, &file_url(&site.join(page)));
        let font =
            run(&tab, "return [...document.fonts].some(f => f.family.includes('Atkinson') && f.status === 'loaded');");
        assert_eq!(font, Value::Bool(true), "{page}: the theme's font loads from the folder");
        let Some(violations) = common::axe_violations(&tab) else { return };
        failures.extend(violations.into_iter().map(|v| format!("{page}: {v}")));
    }
    assert!(failures.is_empty(), "axe-core violations:\n{}", failures.join("\n"));
}

/// With `base_url` set, a card's front carries a QR code of its own page and the short
/// address beside it; the sheet and the card page are written for every card.
#[test]
fn card_pages_carry_a_qr_code_and_short_address_when_the_site_says_where_it_lives() {
    let dir = common::site(&[
        ("site.yaml", "title: Prov\nbase_url: https://example.org/material/\n"),
        common::HOME,
        (
            "content/kort.md",
            "---\ntitle: Kort\n---\n\n```{card}\nid: mitt-kort\ntitle: Mitt kort\nsize: a7\nfront: Fram.\nback: |\n  - ett\n  - två\n```\n",
        ),
    ]);
    let output = common::build(dir.path());
    assert!(output.status.success(), "{}", common::stderr(&output));
    // minijinja escapes `/` in text as `&#x2f;`.
    let page = std::fs::read_to_string(dir.path().join("public/kort/mitt-kort.html")).unwrap().replace("&#x2f;", "/");
    assert!(page.contains("<svg class=\"card-qr\" role=\"img\""), "{page}");
    assert!(page.contains("<span class=\"card-url\">example.org/material/kort/mitt-kort.html</span>"), "{page}");
    assert!(page.contains("card-a7") && page.contains("<li>två</li>"));
    let sheet = std::fs::read_to_string(dir.path().join("public/kort/index.html")).unwrap();
    assert_eq!(sheet.matches("class=\"sheet sheet-front sheet-a7\"").count(), 1);

    // Without base_url there is nothing to point a QR code at.
    std::fs::write(dir.path().join("site.yaml"), "title: Prov\n").unwrap();
    assert!(common::build(dir.path()).status.success());
    let page = std::fs::read_to_string(dir.path().join("public/kort/mitt-kort.html")).unwrap();
    assert!(!page.contains("card-qr"));
}

/// A card whose words do not fit its size stops `trappa build` with the card's name, the
/// face and by how much, at the card's line; nothing is written.
#[cfg(feature = "pdf")]
#[test]
fn an_over_long_card_fails_the_build_naming_the_card_and_the_overflow() {
    let back: String =
        (1..=16).map(|i| format!("  - Punkt {i}: en rad som är lång nog att ta plats, och lite till\n")).collect();
    let card = format!(
        "---\ntitle: Kort\n---\n\n```{{card}}\nid: langt-kort\ntitle: Ett långt kort\nsize: kreditkort\nfront: Fram.\nback: |\n{back}```\n"
    );
    let dir = common::site(&[common::HOME, ("content/kort.md", &card)]);
    let output = common::build(dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = common::stderr(&output);
    assert!(stderr.contains("content/kort.md:5:1: error: card `langt-kort`: the back is "), "{stderr}");
    assert!(stderr.contains(" mm too tall for Kreditkort (85,6 × 54 mm)"), "{stderr}");
    assert!(!dir.path().join("public").exists(), "no half-written output");
}

/// The overflow message names the card by its title as written, even when the title holds
/// characters that `String.replace` would read as a pattern (`$&`, `$1`).
#[test]
fn the_sheet_names_an_overflowing_card_by_its_title_as_written() {
    let back: String = (1..=18).map(|i| format!("  - Punkt {i}: en rad som tar plats på kortet\n")).collect();
    let card = format!(
        "---\ntitle: Kort\n---\n\n```{{card}}\nid: ranta\ntitle: Ränta $& och $1\nsize: a6\nfront: Fram.\nback: |\n{back}```\n"
    );
    let dir = common::site(&[common::HOME, ("content/kort.md", &card)]);
    let output = common::build(dir.path());
    assert!(output.status.success(), "{}", common::stderr(&output));
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(&dir.path().join("public/kort/index.html")));
    let status = status_at_size(&tab, "kreditkort");
    assert!(status.contains("”Ränta $& och $1” får inte plats i storleken Kreditkort"), "{status}");
}
