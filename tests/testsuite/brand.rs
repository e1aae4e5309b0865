//! A site's own look (`brand:` in site.yaml): colours with too little contrast, bad logos and
//! bad fonts as errors at their line in site.yaml; a branded fixture site whose header has the
//! brand's colour (computed style in Chromium), whose card page shows the logo, whose text is
//! in the brand's font (loaded from the site's own folder), whose card PDF has the band in the
//! brand's colour, the logo as an image and the brand's font embedded (read with lopdf), with
//! axe-core finding nothing.
//!
//! The font is `tests/fixtures/brand-font/`: Provserif, a subset of Liberation Serif (SIL OFL),
//! made by `make.py` there.

use crate::common;

use std::io::Write;
use std::path::Path;

use crate::common::{HOME, assert_no_axe_violations, bin, browser, file_url, site, stderr, value_of};

/// The fixture's primary colour, #7a1f5c, as 0–1 channels.
const PRIMARY: &str = "#7a1f5c";
#[cfg(feature = "pdf")]
const PRIMARY_RGB: [f64; 3] = [122.0 / 255.0, 31.0 / 255.0, 92.0 / 255.0];

/// A PNG of one colour, `w` × `h` pixels (8-bit RGB, no filtering).
fn png(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
    let row: Vec<u8> = std::iter::once(0).chain((0..w).flat_map(|_| rgb)).collect();
    let raw = row.repeat(h as usize);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&raw).unwrap();
    let idat = z.finish().unwrap();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(&b"IHDR"[..], &ihdr[..]), (b"IDAT", &idat), (b"IEND", &[])] {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc.sum().to_be_bytes());
    }
    out
}

const CARD_PAGE: (&str, &str) = (
    "content/kort.md",
    "---\ntitle: Kortet\n---\n\nText.\n\n```{card}\nid: vart-kort\ntitle: Vårt kort\nsize: a6\nfront: Framsidan med vårt namn.\nback: Baksidan.\n```\n",
);

/// A site with `brand:` as given (the lines under it) and `files` beside it.
fn branded(brand: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let yaml = format!("title: Kommunen\nbrand:\n{brand}");
    let dir = site(&[HOME, CARD_PAGE, ("site.yaml", &yaml)]);
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

fn build_fails(dir: &Path) -> String {
    let output = bin().args(["build", "--root"]).arg(dir).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "the build should fail on the content: {}", stderr(&output));
    stderr(&output)
}

/// The fixture font's family, as its name table says.
const FONT_FAMILY: &str = "Provserif";

/// A file of the fixture font (`Provserif-Regular.ttf`, `Provserif-Bold.woff2`, `OFL.txt`, …).
fn font_file(name: &str) -> Vec<u8> {
    std::fs::read(common::repo().join("tests/fixtures/brand-font").join(name)).unwrap()
}

#[test]
fn a_colour_with_too_little_contrast_is_an_error_at_its_line_with_the_nearest_that_passes() {
    let dir = branded("  primary: \"#3399ff\"\n  accent: \"#ffe000\"\n", &[]);
    let err = build_fails(dir.path());
    assert!(err.contains("site.yaml:3:12"), "{err}");
    assert!(err.contains("white text on the primary colour"), "{err}");
    assert!(err.contains("3.0") && err.contains(":1"), "the ratio: {err}");
    assert!(err.contains("nearest colour of the same hue that passes is #"), "{err}");
    assert!(err.contains("site.yaml:4:11") && err.contains("focus outline"), "{err}");
    // The suggestion itself passes.
    let suggested = err.split("passes is ").nth(1).unwrap()[..7].to_string();
    let dir = branded(&format!("  primary: \"{suggested}\"\n"), &[]);
    let output = common::build(dir.path());
    assert!(output.status.success(), "{suggested} passes: {}", stderr(&output));
}

#[test]
fn bad_logos_are_errors_at_their_line_with_a_hint() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("missing.png", Vec::new(), "cannot read the logo"),
        ("logo.png", b"GIF89a not a png at all".to_vec(), "is not a PNG or SVG image"),
        ("logo.png", png(2000, 100, [0, 0, 0]), "too large for the card's band"),
        ("logo.png", png(60, 20, [0, 0, 0]), "60×20 pixels"),
        ("logo.svg", br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 30"><script>alert(1)</script></svg>"#.to_vec(), "<script>"),
        ("logo.svg", br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 30" onload="x()"></svg>"#.to_vec(), "onload"),
        ("logo.svg", br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 30"><image href="https://example.org/a.png"/></svg>"#.to_vec(), "outside the file"),
        ("logo.svg", br#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>"#.to_vec(), "does not say its size"),
    ];
    for (name, bytes, expected) in cases {
        let path = format!("assets/{name}");
        let files: Vec<(&str, &[u8])> = if bytes.is_empty() { Vec::new() } else { vec![(&path, &bytes)] };
        let dir = branded(&format!("  primary: \"{PRIMARY}\"\n  logo: assets/{name}\n"), &files);
        let err = build_fails(dir.path());
        assert!(err.contains("site.yaml:4:9"), "{name}: {err}");
        assert!(err.contains(expected), "{name}: expected {expected:?} in {err}");
        assert!(err.contains("hint") || err.contains("help") || err.lines().count() > 1, "{name}: a hint: {err}");
    }
}

#[test]
fn bad_fonts_are_errors_at_their_line_with_a_hint() {
    let (ttf, woff2, licence) =
        (font_file("Provserif-Regular.ttf"), font_file("Provserif-Regular.woff2"), font_file("OFL.txt"));
    let mut too_big_web = b"wOF2".to_vec();
    too_big_web.resize(1024 * 1024 + 1, 0);
    let mut too_big_print = b"OTTO".to_vec();
    too_big_print.resize(8 * 1024 * 1024 + 1, 0);
    let mut broken_ttf = vec![0, 1, 0, 0];
    broken_ttf.extend(b"no tables here");
    // Line 4 is `  font:`, 5 `    web: …` (value at 10), 6 `    print: …` (12), 7 `    licence: …` (14).
    let font = |web: &str, print: &str, licence: &str| {
        let mut yaml = format!("  primary: \"{PRIMARY}\"\n  font:\n");
        for (key, value) in [("web", web), ("print", print), ("licence", licence)] {
            if !value.is_empty() {
                yaml.push_str(&format!("    {key}: {value}\n"));
            }
        }
        yaml
    };
    // A case: site.yaml's brand lines, the files beside it, where the error is and what it says.
    type Files<'a> = Vec<(&'a str, &'a [u8])>;
    let other_family =
        std::fs::read(common::repo().join("themes/default/static/fonts/AtkinsonHyperlegible-Regular.ttf")).unwrap();
    let good = [("f/Provserif.woff2", &woff2[..]), ("f/Provserif.ttf", &ttf[..]), ("f/OFL.txt", &licence[..])];
    let cases: Vec<(String, Files, &str, &str)> = vec![
        (
            font("f/Gone.woff2", "f/Provserif.ttf", "f/OFL.txt"),
            good.to_vec(),
            "site.yaml:5:10",
            "cannot read the web font `f/Gone.woff2`",
        ),
        (
            font("f/Web.woff2", "f/Provserif.ttf", "f/OFL.txt"),
            vec![good[1], good[2], ("f/Web.woff2", &ttf[..])],
            "site.yaml:5:10",
            "is a TrueType or OpenType file, not WOFF2",
        ),
        (
            font("f/Web.woff2", "f/Provserif.ttf", "f/OFL.txt"),
            vec![good[1], good[2], ("f/Web.woff2", &b"\x89PNG\r\n\x1a\n"[..])],
            "site.yaml:5:10",
            "is not a WOFF2 font",
        ),
        (
            font("f/Web.woff2", "f/Provserif.ttf", "f/OFL.txt"),
            vec![good[1], good[2], ("f/Web.woff2", &too_big_web[..])],
            "site.yaml:5:10",
            "a web font may be at most 1024 KB",
        ),
        (
            font("f/Provserif.woff2", "f/Print.ttf", "f/OFL.txt"),
            vec![good[0], good[2], ("f/Print.ttf", &woff2[..])],
            "site.yaml:6:12",
            "is a web font (WOFF), not a TrueType or OpenType file",
        ),
        (
            font("f/Provserif.woff2", "f/Print.ttf", "f/OFL.txt"),
            vec![good[0], good[2], ("f/Print.ttf", &b"GIF89a"[..])],
            "site.yaml:6:12",
            "is not a TrueType or OpenType font",
        ),
        (
            font("f/Provserif.woff2", "f/Print.ttf", "f/OFL.txt"),
            vec![good[0], good[2], ("f/Print.ttf", &broken_ttf[..])],
            "site.yaml:6:12",
            "cannot be read",
        ),
        (
            font("f/Provserif.woff2", "f/Print.otf", "f/OFL.txt"),
            vec![good[0], good[2], ("f/Print.otf", &too_big_print[..])],
            "site.yaml:6:12",
            "a print font may be at most 8192 KB",
        ),
        (font("f/Provserif.woff2", "", "f/OFL.txt"), good.to_vec(), "site.yaml:4:3", "has no `print:` file"),
        (
            font("[f/Provserif.woff2, f/Provserif.woff2]", "f/Provserif.ttf", "f/OFL.txt"),
            good.to_vec(),
            "site.yaml:5:10",
            "`web:` has 2 files and `print:` 1",
        ),
        (
            font("f/Provserif.woff2", "[f/Provserif.ttf, f/Other.ttf]", "f/OFL.txt"),
            vec![good[0], good[1], good[2], ("f/Other.ttf", &other_family[..])],
            "site.yaml:6:12",
            "the print font `f/Other.ttf` is of the family `Atkinson Hyperlegible`, not `Provserif`",
        ),
        (font("f/Provserif.woff2", "f/Provserif.ttf", ""), vec![good[0], good[1]], "site.yaml:4:3", "has no licence"),
        (
            font("f/Provserif.woff2", "f/Provserif.ttf", "f/LICENSE"),
            good.to_vec(),
            "site.yaml:7:14",
            "cannot read the font licence `f/LICENSE`",
        ),
        (
            font("f/Provserif.woff2", "f/Provserif.ttf", "f/Provserif.ttf"),
            good.to_vec(),
            "site.yaml:7:14",
            "is not a text file",
        ),
        (
            font("../Provserif.woff2", "f/Provserif.ttf", "f/OFL.txt"),
            good.to_vec(),
            "site.yaml:5:10",
            "outside the site folder",
        ),
    ];
    for (yaml, files, at, expected) in cases {
        let dir = branded(&yaml, &files);
        let err = build_fails(dir.path());
        assert!(
            err.contains(&format!("{at}: error: ")) && err.contains(expected),
            "expected {at} … {expected:?} in {err}"
        );
        assert!(err.contains("hint: "), "{expected}: a hint: {err}");
    }
    // Every problem in one run, and the flow style reports at `font:`.
    let dir = branded(
        &format!("  primary: \"{PRIMARY}\"\n  font: {{web: f/Gone.woff2, print: f/Print.ttf, licence: f/OFL.txt}}\n"),
        &[("f/Print.ttf", &b"GIF89a"[..]), ("f/OFL.txt", &licence)],
    );
    let err = build_fails(dir.path());
    assert!(err.contains("site.yaml:4:9: error: cannot read the web font"), "{err}");
    assert!(err.contains("site.yaml:4:9: error: the print font `f/Print.ttf` is not a TrueType"), "{err}");
}

/// The branded fixture, built once: a logo, colours and the fixture font in two styles,
/// written in the flow style with its licence found beside it.
fn built_fixture() -> &'static Path {
    use std::sync::OnceLock;
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let logo = png(240, 60, [122, 31, 92]);
        let files = ["Provserif-Regular.woff2", "Provserif-Bold.woff2", "Provserif-Regular.ttf", "Provserif-Bold.ttf", "OFL.txt"]
            .map(|name| (format!("brand/{name}"), font_file(name)));
        let mut files: Vec<(&str, &[u8])> = files.iter().map(|(path, bytes)| (path.as_str(), &bytes[..])).collect();
        files.push(("assets/logo.png", &logo));
        let dir = branded(
            &format!(
                "  logo: assets/logo.png\n  primary: \"{PRIMARY}\"\n  accent: \"#b34700\"\n  font: {{web: [brand/Provserif-Regular.woff2, brand/Provserif-Bold.woff2], print: [brand/Provserif-Regular.ttf, brand/Provserif-Bold.ttf]}}\n"
            ),
            &files,
        );
        let output = common::build(dir.path());
        assert!(output.status.success(), "the branded fixture builds: {}", stderr(&output));
        dir
    })
    .path()
    .join("public")
    .leak()
}

#[test]
fn the_brand_is_in_the_header_and_on_the_card_page_without_axe_violations() {
    let site = built_fixture();
    assert!(site.join("static/brand/logo.png").is_file());
    assert!(site.join("static/brand/brand.css").is_file());
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&site.join("index.html"))).unwrap().wait_until_navigated().unwrap();
    assert_eq!(
        value_of(&tab, "getComputedStyle(document.querySelector('.site-header')).backgroundColor"),
        "rgb(122, 31, 92)"
    );
    assert_eq!(value_of(&tab, "document.querySelector('.site-title img.site-logo').naturalWidth"), 240);
    assert_eq!(value_of(&tab, "document.querySelector('.site-title img').alt"), "Kommunen");
    assert_no_axe_violations(&tab, "the branded home page");

    tab.navigate_to(&file_url(&site.join("kort/vart-kort.html"))).unwrap().wait_until_navigated().unwrap();
    assert_eq!(value_of(&tab, "document.querySelector('.card-front img.card-logo').naturalWidth"), 240);
    assert_eq!(
        value_of(&tab, "getComputedStyle(document.querySelector('.card-front')).borderTopColor"),
        "rgb(122, 31, 92)"
    );
    assert_no_axe_violations(&tab, "the branded card page");
    tab.navigate_to(&file_url(&site.join("kort/index.html"))).unwrap().wait_until_navigated().unwrap();
    assert_eq!(value_of(&tab, "document.querySelectorAll('.card-front img.card-logo').length"), 1);
    assert_no_axe_violations(&tab, "the branded card sheet");
}

#[test]
fn the_text_is_in_the_brand_font_from_the_site_own_folder() {
    let site = built_fixture();
    assert_eq!(std::fs::read(site.join("static/brand/font-1.woff2")).unwrap(), font_file("Provserif-Regular.woff2"));
    assert_eq!(std::fs::read(site.join("static/brand/font-2.woff2")).unwrap(), font_file("Provserif-Bold.woff2"));
    assert_eq!(std::fs::read(site.join("static/brand/font-licence.txt")).unwrap(), font_file("OFL.txt"));
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    for (page, text) in
        [("index.html", "main p"), ("kort/vart-kort.html", ".card-front"), ("kort/index.html", ".card-back")]
    {
        let url = file_url(&site.join(page));
        tab.navigate_to(&url).unwrap().wait_until_navigated().unwrap();
        let family = value_of(&tab, &format!("getComputedStyle(document.querySelector('{text}')).fontFamily"));
        assert!(family.as_str().unwrap().starts_with(FONT_FAMILY), "{page}: {text} in {family}");
        // The faces (regular text, bold headings) are loaded, and from the site's own folder:
        // brand.css's url()s, resolved.
        let faces = common::run(
            &tab,
            &format!(
                "return document.fonts.ready.then(() => [...document.fonts].filter(f => f.family.replaceAll('\"', '') === '{FONT_FAMILY}').map(f => f.weight + ' ' + f.status))"
            ),
        );
        assert_eq!(faces, serde_json::json!(["400 loaded", "700 loaded"]), "{page}");
        assert_eq!(value_of(&tab, &format!("document.fonts.check('16px {FONT_FAMILY}')")), true, "{page}");
        let source = value_of(
            &tab,
            "[...document.styleSheets].flatMap(s => [...s.cssRules].filter(r => r instanceof CSSFontFaceRule && r.style.fontFamily.includes('Provserif')).map(r => new URL(r.style.getPropertyValue('src').match(/url\\(\"?([^\")]+)/)[1], s.href).href))",
        );
        let own = ["font-1.woff2", "font-2.woff2"].map(|file| file_url(&site.join("static/brand").join(file)));
        assert_eq!(source, serde_json::json!(own), "{page}");
    }
}

#[cfg(feature = "pdf")]
#[test]
fn the_card_pdfs_embed_the_brand_font() {
    let site = built_fixture();
    for rel in ["kort/vart-kort.pdf", "kort/kort-a4.pdf"] {
        let document = lopdf::Document::load(site.join(rel)).unwrap();
        let fonts: Vec<String> = document
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).is_ok_and(|n| n == b"FontDescriptor"))
            .filter(|d| d.has(b"FontFile2") || d.has(b"FontFile3"))
            .filter_map(|d| d.get(b"FontName").and_then(|n| n.as_name()).ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect();
        // A subset's name is TAG+PostScriptName (ABCDEF+Provserif-Regular); the card's title is bold.
        let mut embedded: Vec<&str> = fonts.iter().filter_map(|f| f.split('+').next_back()).collect();
        embedded.sort();
        assert_eq!(embedded, ["Provserif-Bold", "Provserif-Regular"], "{rel}: only the brand font, both styles");
    }
}

#[cfg(feature = "pdf")]
#[test]
fn the_card_pdf_has_the_band_in_the_brand_colour_and_the_logo_as_an_image() {
    use lopdf::{Document, Object, content::Content};
    let site = built_fixture();
    if std::env::var_os("TRAPPA_PDF_DUMP").is_some() {
        std::fs::copy(site.join("kort/vart-kort.pdf"), "/tmp/vart-kort.pdf").unwrap();
    }
    for rel in ["kort/vart-kort.pdf", "kort/kort-a4.pdf"] {
        let document = Document::load(site.join(rel)).unwrap();
        let (_, &front) = document.get_pages().iter().next().unwrap();
        let content = Content::decode(&document.get_page_content(front)).unwrap();
        let number = |o: &Object| o.as_float().map(f64::from).or_else(|_| o.as_i64().map(|i| i as f64)).ok();
        let fills: Vec<Vec<f64>> = content
            .operations
            .iter()
            .filter(|op| ["rg", "sc", "scn"].contains(&op.operator.as_str()) && op.operands.len() == 3)
            .map(|op| op.operands.iter().filter_map(number).collect())
            .collect();
        assert!(
            fills.iter().any(|f| f.len() == 3 && f.iter().zip(PRIMARY_RGB).all(|(a, b)| (a - b).abs() < 0.005)),
            "{rel}: a fill in {PRIMARY}: {fills:?}"
        );
        // An image XObject on the front page (the logo), directly or in a form XObject.
        let images = document
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).is_ok_and(|n| n == b"Image"))
            .filter(|s| s.dict.get(b"Width").and_then(|w| w.as_i64()).is_ok_and(|w| w == 240))
            .count();
        assert!(images >= 1, "{rel}: the logo as an image XObject");
        assert!(content.operations.iter().any(|op| op.operator == "Do"), "{rel}: the front page draws an XObject");
    }
}
