//! The cards' print-ready PDFs (feature `pdf`): page boxes with bleed, A4 sheets, embedded
//! fonts, the words of the cards in the PDF, and a card too full for its size as an error.
#![cfg(feature = "pdf")]

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use lopdf::{Document, Object};
use trappa::cards::pdf::{BLEED_MM, PdfContext, SLUG_MM, card_files, card_pdf};
use trappa::cards::{self, PrintCard};
use trappa::components::CardSize;

const PT_PER_MM: f64 = 72.0 / 25.4;

/// Cards and their PDFs (output path → bytes).
type CardsAndPdfs = (Vec<PrintCard>, BTreeMap<String, Vec<u8>>);

/// The bundled site's cards and their PDFs, made once per test run.
fn bundled() -> &'static CardsAndPdfs {
    static PDFS: OnceLock<CardsAndPdfs> = OnceLock::new();
    PDFS.get_or_init(|| {
        let root = common::repo();
        let site = trappa::site::assembled(&root, false).expect("the bundled site renders");
        let cards = cards::collect(&site.content, &site.bodies, &site.index);
        let ctx = PdfContext {
            site_title: &site.setup.config.title,
            base_url: Some("https://example.org/material"),
            root: &root,
            theme: "default",
            brand: None,
        };
        let started = std::time::Instant::now();
        let (files, diagnostics) = card_files(&cards, &ctx);
        eprintln!("{} card PDFs and the sheet in {:?}", cards.len(), started.elapsed());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        if let Some(dir) = std::env::var_os("TRAPPA_PDF_DUMP") {
            for (rel, bytes) in &files {
                let path = Path::new(&dir).join(rel);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, bytes).unwrap();
            }
        }
        (cards, files.into_iter().collect())
    })
}

fn pdf(rel: &str) -> Document {
    let bytes = bundled().1.get(rel).unwrap_or_else(|| panic!("{rel} is made"));
    Document::load_mem(bytes).unwrap()
}

/// A page box as [left, bottom, right, top] in points.
fn page_box(document: &Document, page: lopdf::ObjectId, name: &[u8]) -> [f64; 4] {
    let dict = document.get_dictionary(page).unwrap();
    let array =
        dict.get(name).unwrap_or_else(|_| panic!("{} is set", String::from_utf8_lossy(name))).as_array().unwrap();
    let numbers: Vec<f64> = array.iter().map(|n| n.as_float().unwrap() as f64).collect();
    numbers.try_into().unwrap()
}

fn assert_box(actual: [f64; 4], expected: [f64; 4], what: &str) {
    for (a, e) in actual.iter().zip(expected) {
        assert!((a - e).abs() < 0.01, "{what}: {actual:?} is not {expected:?}");
    }
}

#[test]
fn every_card_pdf_has_trim_bleed_and_media_boxes_of_its_size() {
    let (cards, files) = bundled();
    assert!(!cards.is_empty());
    for card in cards {
        let rel = format!("kort/{}.pdf", card.id);
        assert!(files.contains_key(&rel), "{rel}");
        let document = pdf(&rel);
        let pages = document.get_pages();
        assert_eq!(pages.len(), 2, "{rel}: front and back");
        let (w, h) = card.size.millimetres();
        let (w, h) = (w * PT_PER_MM, h * PT_PER_MM);
        let bleed = BLEED_MM * PT_PER_MM;
        let outside = (BLEED_MM + SLUG_MM) * PT_PER_MM;
        for page in pages.values() {
            assert_box(page_box(&document, *page, b"MediaBox"), [0.0, 0.0, w + 2.0 * outside, h + 2.0 * outside], &rel);
            assert_box(page_box(&document, *page, b"TrimBox"), [outside, outside, outside + w, outside + h], &rel);
            assert_box(
                page_box(&document, *page, b"BleedBox"),
                [outside - bleed, outside - bleed, outside + w + bleed, outside + h + bleed],
                &rel,
            );
        }
    }
}

#[test]
fn the_sheet_is_exactly_a4_with_a_front_and_a_back_page_per_sheet() {
    let (cards, _) = bundled();
    let document = pdf(cards::SHEET_PDF);
    let pages = document.get_pages();
    assert_eq!(pages.len(), 2 * cards::sheets(cards, None).len());
    for page in pages.values() {
        let media = page_box(&document, *page, b"MediaBox");
        assert_box(media, [0.0, 0.0, 595.28, 841.89], "A4");
        assert!(document.get_dictionary(*page).unwrap().get(b"TrimBox").is_err(), "no bleed on the sheet");
    }
}

#[test]
fn fonts_are_embedded() {
    let (_, files) = bundled();
    for (rel, bytes) in files {
        let document = Document::load_mem(bytes).unwrap();
        let mut fonts = 0;
        for object in document.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            if dict.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == b"FontDescriptor") {
                fonts += 1;
                assert!(
                    dict.has(b"FontFile2") || dict.has(b"FontFile3") || dict.has(b"FontFile"),
                    "{rel}: a font is not embedded: {dict:?}"
                );
            }
        }
        assert!(fonts > 0, "{rel} has fonts");
    }
}

/// The text of a PDF as poppler's pdftotext reads it (through the fonts' ToUnicode maps).
/// `None` (skipped with a loud notice) without pdftotext, except under CI=true.
fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("card.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = match std::process::Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output() {
        Ok(output) => output,
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but pdftotext cannot run ({e}): install Debian's poppler-utils (.ci/run does)")
        }
        Err(_) => {
            crate::common::skipped("no pdftotext (Debian's poppler-utils): the PDF text was not checked");
            return None;
        }
    };
    assert!(output.status.success());
    Some(String::from_utf8(output.stdout).unwrap())
}

/// Words as a reader sees them, so that line breaks and hyphens do not matter.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_checklist_item_of_the_card_is_in_its_pdf() {
    let (cards, files) = bundled();
    let card = cards.iter().find(|c| c.id == "oavsett-kon-kort").expect("the bundled card");
    let Some(text) = pdf_text(&files["kort/oavsett-kon-kort.pdf"]) else { return };
    let text = words(&text);
    let mut checked = 0;
    for expected in card.texts() {
        assert!(text.contains(&words(expected)), "`{expected}` is not in the PDF's text:\n{text}");
        checked += 1;
    }
    assert!(checked > 15, "the checklist's items and points are checked");
    assert!(text.contains("example.org/material/kort/oavsett-kon-kort.html"), "the short URL is printed: {text}");
    let sheet = words(&pdf_text(&files[cards::SHEET_PDF]).expect("pdftotext ran a moment ago"));
    assert!(sheet.contains(&words("klienten verkar rädd för sin partner")), "{sheet}");
}

/// *Oavsett kön …* uses its front: the five promises, read at a glance, on page 1 (the front)
/// in larger type than the back's points; page 2 (the back) has each promise with its points.
#[test]
fn the_checklist_card_has_its_promises_on_the_front_and_their_points_on_the_back() {
    let (cards, files) = bundled();
    let card = cards.iter().find(|c| c.id == "oavsett-kon-kort").expect("the bundled card");
    let Some(cards::Block::List { items: promises, large: true, .. }) = card.front.first() else {
        panic!("the front starts with the promises in large type: {:?}", card.front)
    };
    assert_eq!(promises.len(), 5);
    assert!(promises[0].text.contains("likvärdiga krav"), "{promises:?}");
    assert!(card.spread_back);
    let bytes = &files["kort/oavsett-kon-kort.pdf"];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("card.pdf");
    std::fs::write(&path, bytes).unwrap();
    let page = |n: &str| {
        let output = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8", "-bbox", "-f", n, "-l", n])
            .arg(&path)
            .arg("-")
            .output();
        output.ok().map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let (Some(front), Some(back)) = (page("1"), page("2")) else {
        assert!(pdf_text(bytes).is_none(), "pdftotext ran");
        return;
    };
    let text = |html: &str| {
        words(
            &html
                .split("<word ")
                .skip(1)
                .map(|w| w.split('>').nth(1).unwrap().split('<').next().unwrap())
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    for promise in promises {
        assert!(
            text(&front).contains(&words(&promise.text).replace('&', "&amp;")),
            "`{}` on the front: {}",
            promise.text,
            text(&front)
        );
        assert!(text(&back).contains(&words(&promise.text)), "`{}` on the back too", promise.text);
    }
    for point in ["att söka arbete aktivt", "klienten verkar rädd för sin partner"] {
        assert!(text(&back).contains(point) && !text(&front).contains(point), "`{point}` on the back only");
    }
    // Word heights: the promises stand taller on the front than the points on the back.
    let height = |html: &str, word: &str| -> f64 {
        let at = html.find(&format!(">{word}</word>")).unwrap_or_else(|| panic!("{word}"));
        let tag = &html[html[..at].rfind("<word ").unwrap()..at];
        let value = |name: &str| -> f64 {
            tag[tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2..].split('"').next().unwrap().parse().unwrap()
        };
        value("yMax") - value("yMin")
    };
    assert!(height(&front, "ställer") > 1.3 * height(&back, "aktiviteter"), "large type on the front");
    // Spread: the back's five promises reach from near the top to near the bottom of the face.
    let tops: Vec<f64> = ["ställer", "hänsyn", "erbjuder", "förväntningar", "uppmärksam"]
        .iter()
        .map(|word| {
            let at = back.find(&format!(">{word}</word>")).unwrap_or_else(|| panic!("{word} on the back"));
            let tag = &back[back[..at].rfind("<word ").unwrap()..at];
            tag[tag.find("yMin=\"").unwrap() + 6..].split('"').next().unwrap().parse().unwrap()
        })
        .collect();
    let gaps: Vec<f64> = tops.windows(2).map(|t| t[1] - t[0]).collect();
    assert!(gaps.iter().all(|g| *g > 40.0), "the promises are spread down the back, not bunched: {tops:?}");
}

fn fixture_card(size: CardSize, back: &str) -> Vec<PrintCard> {
    let dir = common::site(&[
        common::HOME,
        (
            "content/kort.md",
            &format!(
                "---\ntitle: Kort\n---\n\nText.\n\n```{{card}}\nid: langt-kort\ntitle: Ett långt kort\nsize: {}\nfront: Framsidan.\nback: |\n{}\n```\n",
                size.name(),
                back.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")
            ),
        ),
    ]);
    let site = trappa::site::assembled(dir.path(), false).expect("the fixture renders");
    cards::collect(&site.content, &site.bodies, &site.index)
}

#[test]
fn a_card_too_full_for_its_size_is_an_error_naming_the_card_and_the_millimetres() {
    let back: String = (1..=16)
        .map(|i| format!("- Punkt {i}: en rad som är lång nog att ta plats på kortet, och lite till\n"))
        .collect();
    let cards = fixture_card(CardSize::Kreditkort, &back);
    let root = tempfile::tempdir().unwrap();
    let ctx = PdfContext { site_title: "Test", base_url: None, root: root.path(), theme: "default", brand: None };
    let error = card_pdf(&cards[0], cards[0].size, &ctx).expect_err("the back does not fit");
    assert_eq!(error.path, Path::new("content/kort.md"));
    assert_eq!(error.line, 7, "{error}");
    assert!(
        error.message.starts_with("card `langt-kort`: the back is ")
            && error.message.ends_with(" mm too tall for Kreditkort (85,6 × 54 mm)"),
        "{error}"
    );
    let mm: f64 = error.message.split("the back is ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!(mm > 10.0 && mm < 80.0, "{error}");
    assert!(error.hint.as_deref().unwrap().contains("size:"));
    // The same card at A6 fits; the sheet leaves the card out and it is reported once.
    assert!(card_pdf(&cards[0], CardSize::A6, &ctx).is_ok());
    let (files, errors) = card_files(&cards, &ctx);
    assert_eq!(errors, [error]);
    assert!(files.is_empty(), "no sheet of no cards");
}
