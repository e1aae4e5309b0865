//! The printed book (feature `pdf`): the bundled site's books tagged, titled and in Swedish,
//! their contents' page numbers the chapters' pages, sections on right-hand pages; on a small
//! site a checklist with boxes, a form as a worksheet, the staircase drawn, a plan as its
//! agenda, a link as a page reference; a picture without alt text an error at its line; and
//! the book reached from the home page by its link.
#![cfg(feature = "pdf")]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The output of a poppler tool (`pdftotext`, `pdfinfo`) on `pdf`; `None` (skipped with a
/// loud notice) without poppler-utils, except under CI=true.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> Option<String> {
    match Command::new(tool).args(args).arg(pdf).args(if tool == "pdftotext" { &["-"][..] } else { &[] }).output() {
        Ok(output) => {
            assert!(output.status.success(), "{tool} {}: {}", pdf.display(), common::stderr(&output));
            // typst joins a page number to its leader with a word joiner.
            Some(String::from_utf8_lossy(&output.stdout).replace('\u{2060}', ""))
        }
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but {tool} cannot run ({e}): install Debian's poppler-utils (.ci/run does)")
        }
        Err(_) => {
            common::skipped(&format!("no {tool} (Debian's poppler-utils): the book was not read"));
            None
        }
    }
}

fn page_text(pdf: &Path, page: usize) -> Option<String> {
    let n = page.to_string();
    poppler("pdftotext", &["-enc", "UTF-8", "-f", &n, "-l", &n], pdf)
}

/// Words with any run of white space as one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A small site with one of each thing the book prints.
const SMALL: &[(&str, &str)] = &[
    (
        "content/_index.md",
        "---\ntitle: Start\n---\n\nLäs om [tiden](a.md#brist-pa-tid) och [trappan](b.md).\n\n\
         ```{path}\nid: ny\ntitle: För nya\nsteps:\n  - page: a.md\n    minutes: 10\n  - page: b.md\n    minutes: 5\n```\n",
    ),
    (
        "content/a.md",
        "---\ntitle: Fallgropar\nweight: 1\nsources:\n  - \"Källan, 2024\"\n---\n\nInledning.\n\n\
         ## Brist på tid\n\nText om tid.\n\n\
         ```{checklist}\nid: lista\ntitle: Innan mötet\nitems:\n  - text: Läs på om ärendet\n    points: [statistik, tidigare beslut]\n  - text: Boka rummet\n```\n\n\
         - [x] Klar uppgift\n\n- [ ] Kvar att göra\n",
    ),
    (
        "content/b.md",
        "---\ntitle: Trappan\nweight: 2\n---\n\n\
         ```{staircase}\nid: trappa\ntitle: Var är du?\nsteps:\n  - title: Jag vet att jag saknar kunskap\n    text: Du ser att kön spelar roll.\n  - title: Jag har kunskap\n    text: Du vet hur.\n  - title: Jag gör det av bara farten\n    text: Det sitter.\n```\n\n\
         ```{form}\nid: skattning\ntitle: Hur gör du?\nquestions:\n  - id: igen\n    kind: tick\n    text: Vilka fallgropar känner du igen?\n    options:\n      - text: Vi tror att vi redan är jämställda\n      - text: Ledningen prioriterar inte arbetet\n  - id: ofta\n    kind: choice\n    text: Hur ofta frågar du?\n    options:\n      - text: Ofta\n      - text: Sällan\n  - id: chef\n    kind: text\n    text: Vad vill du ta upp med din chef?\n```\n",
    ),
    (
        "content/dag.md",
        "---\ntitle: Dagen\nweight: 3\n---\n\n\
         ```{plan}\nid: halvdag\ntitle: Halvdag\nstart: \"09:00\"\nblocks:\n  - title: Välkommen\n    minutes: 15\n  - exercise: ../exercises/ovning.md\n  - break: Paus\n    minutes: 15\n```\n",
    ),
    (
        "exercises/ovning.md",
        "---\ntitle: Övningen\nduration: 30\n---\n\n## Syfte\n\nAtt öva.\n\n## Så här gör du\n\n1. Gör så här. (30 minuter)\n",
    ),
];

/// The small site, built once per test run: (its folder, the output's `bok/`).
fn small() -> &'static (PathBuf, PathBuf) {
    static SITE: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = common::site(SMALL).keep();
        let output = common::build(&dir);
        assert!(output.status.success(), "the small site builds: {}", common::stderr(&output));
        let books = dir.join("public/bok");
        (dir, books)
    })
}

#[test]
fn the_bundled_books_are_tagged_titled_and_in_swedish() {
    let books = common::bundled_site().join("bok");
    let expected = [
        ("hela-materialet.pdf", "Jämställd socialtjänst"),
        ("lasvag-ny.pdf", "Läsväg: För dig som är ny"),
        ("lasvag-chef.pdf", "Läsväg: För dig som är chef"),
        ("dag-halvdag.pdf", "Dagen: Halvdag om jämställd socialtjänst"),
        ("dag-heldag.pdf", "Dagen: Heldag om jämställd socialtjänst"),
    ];
    for (file, title) in expected {
        let path = books.join(file);
        let document = lopdf::Document::load(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let catalog = document.catalog().unwrap();
        assert_eq!(catalog.get(b"Lang").and_then(lopdf::Object::as_str).unwrap(), b"sv", "{file}: /Lang");
        assert!(catalog.get(b"StructTreeRoot").is_ok(), "{file}: a structure tree");
        let Some(info) = poppler("pdfinfo", &[], &path) else { return };
        assert!(info.lines().any(|l| words(l) == "Tagged: yes"), "{file}:\n{info}");
        assert!(info.lines().any(|l| words(l) == format!("Title: {title}")), "{file}:\n{info}");
        let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
        assert!(pages >= 6, "{file}: {pages} pages");
    }
}

/// The contents' entries as (indented, title, page), read from the contents pages (page 3 on).
fn contents(pdf: &Path) -> Option<Vec<(bool, String, usize)>> {
    let mut entries = Vec::new();
    let mut pending = String::new();
    for page in 3.. {
        let text =
            poppler("pdftotext", &["-enc", "UTF-8", "-layout", "-f", &page.to_string(), "-l", &page.to_string()], pdf)?;
        let mut found = false;
        // The first line is the contents' title, or the running head on the pages after.
        for line in text.lines().filter(|l| !l.trim().is_empty()).skip(1) {
            let Some((title, rest)) = line.split_once(" . .") else {
                if !line.trim().is_empty() && !line.trim().chars().all(|c| c.is_ascii_digit()) {
                    pending = format!("{pending}{line} ");
                }
                continue;
            };
            found = true;
            let number = rest.trim_end().rsplit(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap();
            let whole = format!("{pending}{title}");
            pending.clear();
            let indented = whole.starts_with(' ');
            entries.push((indented, words(&whole), number));
        }
        pending.clear();
        if !found {
            break;
        }
    }
    Some(entries)
}

#[test]
fn the_contents_give_the_pages_the_chapters_are_on_and_sections_start_on_the_right() {
    let pdf = common::bundled_site().join("bok/hela-materialet.pdf");
    let Some(entries) = contents(&pdf) else { return };
    assert!(entries.len() > 40, "every page of the site is a chapter: {entries:?}");
    assert!(entries.iter().any(|(_, title, _)| title == "Trappan"), "{entries:?}");
    for (indented, title, page) in &entries {
        let text = page_text(&pdf, *page).unwrap();
        assert!(words(&text).contains(title.as_str()), "`{title}` is not on page {page}:\n{text}");
        if !indented {
            assert_eq!(page % 2, 1, "the section `{title}` starts on page {page}, a left-hand page");
        }
    }
}

#[test]
fn a_checklist_prints_with_boxes_and_a_task_list_keeps_its_ticks() {
    let (_, books) = small();
    let pdf = books.join("hela-materialet.pdf");
    let document = lopdf::Document::load(&pdf).unwrap();
    let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf) else { return };
    for words in ["Innan mötet", "Läs på om ärendet", "statistik", "Boka rummet", "Klar uppgift", "Kvar att göra"]
    {
        assert!(text.contains(words), "`{words}` is in the book:\n{text}");
    }
    let page = page_of(&pdf, &document, "Boka rummet");
    let shapes = shapes_on(&document, page);
    // Two items of the checklist and two of the task list: four boxes, one of them filled.
    assert_eq!(shapes.squares, 4, "{shapes:?}");
    assert_eq!(shapes.filled_squares, 1, "the ticked task's box is filled: {shapes:?}");
}

#[test]
fn a_form_prints_as_a_worksheet() {
    let (_, books) = small();
    let pdf = books.join("hela-materialet.pdf");
    let document = lopdf::Document::load(&pdf).unwrap();
    let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf) else { return };
    for words in [
        "1. Vilka fallgropar känner du igen?",
        "Vi tror att vi redan är jämställda",
        "2. Hur ofta frågar du?",
        "3. Vad vill du ta upp med din chef?",
    ] {
        assert!(text.contains(words), "`{words}` is in the book:\n{text}");
    }
    let shapes = shapes_on(&document, page_of(&pdf, &document, "Hur ofta frågar du?"));
    assert!(shapes.squares >= 2, "a box for each option of the tick question: {shapes:?}");
    assert!(shapes.circles >= 2, "a round box for each option of the one-of question: {shapes:?}");
    assert!(shapes.lines >= 3, "lines to write the note on: {shapes:?}");
}

#[test]
fn the_staircase_is_drawn_rising() {
    let (_, books) = small();
    let pdf = books.join("hela-materialet.pdf");
    let document = lopdf::Document::load(&pdf).unwrap();
    let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf) else { return };
    assert!(text.contains("Jag gör det av bara farten"), "{text}");
    let shapes = shapes_on(&document, page_of(&pdf, &document, "Jag gör det av bara farten"));
    let heights: Vec<f64> = shapes.blocks.iter().map(|(_, h)| *h).collect();
    assert!(heights.len() >= 3, "a block per step: {shapes:?}");
    assert!(heights.windows(2).take(2).all(|w| w[1] > w[0]), "each step higher than the one before: {heights:?}");
}

#[test]
fn a_plan_prints_as_its_agenda_with_clock_times() {
    let (_, books) = small();
    let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &books.join("dag-halvdag.pdf")) else { return };
    let text = words(&text);
    for row in ["09:00–09:15 Välkommen", "09:15–09:45 Övningen", "09:45–10:00 Paus"] {
        assert!(text.contains(row), "`{row}` in the agenda:\n{text}");
    }
    assert!(text.contains("Att öva."), "the exercise is a chapter of the day's book");
}

#[test]
fn a_link_to_a_heading_of_another_page_is_a_reference_to_its_page() {
    let (_, books) = small();
    let pdf = books.join("hela-materialet.pdf");
    let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf) else { return };
    let text = words(&text);
    let at = text.find("Läs om tiden (se s. ").unwrap_or_else(|| panic!("a page reference: {text}"));
    let number: usize =
        text[at + "Läs om tiden (se s. ".len()..].split(')').next().unwrap().parse().expect("a page number");
    let page = words(&page_text(&pdf, number).unwrap());
    assert!(page.contains("Brist på tid Text om tid."), "page {number} has the heading linked to: {page}");
    let path = words(&poppler("pdftotext", &["-enc", "UTF-8"], &books.join("lasvag-ny.pdf")).unwrap());
    assert!(path.contains("Fallgropar (10 minuter), se s."), "the path's steps refer to their pages: {path}");
}

#[test]
fn a_picture_without_alt_text_stops_the_build_at_its_line() {
    let site = common::site(&[
        common::HOME,
        ("content/a.md", "---\ntitle: A\n---\n\nText.\n\n![](bild.png) och ![Trappan](bild.png)\n"),
        ("content/bild.png", "not read"),
    ]);
    let output = common::build(site.path());
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr(&output));
    let stderr = common::stderr(&output);
    assert!(stderr.contains("content/a.md:7:1: error: a picture without alt text"), "{stderr}");
    assert_eq!(stderr.matches("without alt text").count(), 1, "the picture with alt text is fine: {stderr}");
    assert!(!site.path().join("public").exists(), "nothing is written");
}

#[test]
fn the_book_is_reached_from_the_home_page_by_its_link() {
    let public = common::bundled_site();
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    let text = ">Hela materialet som bok (PDF)</a>";
    let end = home.find(text).unwrap_or_else(|| panic!("the home page links to the book"));
    let href_at = home[..end].rfind("href=\"").unwrap() + "href=\"".len();
    // As a browser reads the attribute (the templates escape `/`).
    let href = home[href_at..home[href_at..].find('"').unwrap() + href_at].replace("&#x2f;", "/");
    let bytes = std::fs::read(public.join(&href)).unwrap_or_else(|e| panic!("{href}: {e}"));
    assert!(bytes.starts_with(b"%PDF-"), "{href} is a PDF");
    let path_page = std::fs::read_to_string(public.join("kom-igang/for-nyanstallda.html")).unwrap();
    assert!(path_page.contains(">Läsvägen som bok (PDF): För dig som är ny</a>"), "the path's page links to its book");
}

#[test]
fn trappa_book_writes_one_book_and_an_english_site_speaks_english() {
    let site = common::site(&[
        ("site.yaml", "title: Equal services\nlanguage: en\n"),
        ("content/_index.md", "---\ntitle: Start\n---\n\nHello.\n"),
    ]);
    let out = site.path().join("whole.pdf");
    let output = common::bin().args(["book", "--root"]).arg(site.path()).arg("--out").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("pages) into"), "says where it wrote");
    let document = lopdf::Document::load(&out).unwrap();
    assert_eq!(document.catalog().unwrap().get(b"Lang").and_then(lopdf::Object::as_str).unwrap(), b"en");
    let built = common::build(site.path());
    assert!(built.status.success(), "{}", common::stderr(&built));
    let home = std::fs::read_to_string(site.path().join("public/index.html")).unwrap();
    assert!(home.contains("the-whole-material.pdf\">The whole material as a book (PDF)</a>"), "{home}");
    assert!(site.path().join("public/book/the-whole-material.pdf").is_file(), "the English site's book");
    let unknown = common::bin().args(["book", "--plan", "nej", "--root"]).arg(site.path()).output().unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    assert!(common::stderr(&unknown).contains("no plan `nej` in the site"), "{}", common::stderr(&unknown));
}

/// The page of `pdf` whose text has `words`.
fn page_of(pdf: &Path, document: &lopdf::Document, words: &str) -> u32 {
    (1..=document.get_pages().len())
        .find(|&n| page_text(pdf, n).is_some_and(|t| self::words(&t).contains(words)))
        .unwrap_or_else(|| panic!("no page has `{words}`")) as u32
}

/// What is drawn on a page, from its content stream.
#[derive(Debug, Default)]
struct Shapes {
    /// Boxes to tick (squares about 9 pt), and those filled (ticked).
    squares: usize,
    filled_squares: usize,
    /// Round boxes (circles drawn with four curves).
    circles: usize,
    /// Straight lines of at least 300 pt (to write on).
    lines: usize,
    /// Filled and stroked rectangles taller than 30 pt, as (width, height), in order.
    blocks: Vec<(f64, f64)>,
}

fn shapes_on(document: &lopdf::Document, page: u32) -> Shapes {
    let id = document.get_pages()[&page];
    let content = lopdf::content::Content::decode(&document.get_page_content(id)).unwrap();
    let number = |o: &lopdf::Object| o.as_float().map(f64::from).unwrap_or(0.0);
    let ops = &content.operations;
    let mut shapes = Shapes::default();
    for (i, op) in ops.iter().enumerate() {
        if op.operator != "m" {
            continue;
        }
        let names: Vec<&str> = ops[i + 1..].iter().take(6).map(|o| o.operator.as_str()).collect();
        if names.starts_with(&["l", "l", "l", "h"]) {
            let corner = &ops[i + 2].operands;
            let (w, h) = (number(&corner[0]) - number(&op.operands[0]), number(&corner[1]) - number(&op.operands[1]));
            let paint = names[4];
            if (7.0..11.0).contains(&w.abs()) && (w.abs() - h.abs()).abs() < 0.5 {
                shapes.squares += 1;
                if paint == "B" || paint == "f" {
                    shapes.filled_squares += 1;
                }
            } else if h.abs() > 30.0 && paint == "B" {
                shapes.blocks.push((w.abs(), h.abs()));
            }
        } else if names.starts_with(&["c", "c", "c", "c"]) {
            shapes.circles += 1;
        } else if names.first() == Some(&"l") && names.get(1) == Some(&"S") {
            let end = &ops[i + 1].operands;
            if (number(&end[0]) - number(&op.operands[0])).abs() >= 300.0 {
                shapes.lines += 1;
            }
        }
    }
    shapes
}
