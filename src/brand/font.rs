//! The brand's font (`font:` under `brand:`): WOFF2 files for the pages, TrueType or OpenType
//! files for the card PDFs and their licence, each checked at build time.
//!
//! - **`print:`** (required) is a `.ttf` or `.otf` file (first bytes `00 01 00 00`, `OTTO` or
//!   `true`) of at most [`PRINT_MAX_BYTES`], or a list of them: the family's styles (Regular,
//!   Bold, Italic, …), all of one family. The family's name is read from the first file's name
//!   table (the typographic family, else the family): the pages' stylesheet calls the web font
//!   by it, and typst finds the font for the cards by it.
//! - **`web:`** (optional) is a `.woff2` file (first bytes `wOF2`) of at most
//!   [`WEB_MAX_BYTES`] for each print file, in the same order: each is the web form of the
//!   print file in its place, whose weight and style it is given. Without it the pages keep
//!   the theme's font.
//! - **`licence:`** names the font's licence file; when it is left out, a file beside the
//!   first print font (or web font) named as in [`LICENCE_NAMES`] is taken. A font without a
//!   licence is an error: the site hands the font on, which only its licence can allow. The
//!   licence goes into the output beside the web fonts.

use std::path::Path;

use serde::Deserialize;

use super::Problem;
use crate::diagnostics::Diagnostic;

/// `font:` as written in `site.yaml`, each a path relative to the site folder.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontSettings {
    /// The WOFF2 files the pages load, one for each print file.
    pub web: Option<Paths>,
    /// The TrueType or OpenType files the card PDFs embed, one for each style.
    pub print: Option<Paths>,
    #[serde(alias = "license")]
    pub licence: Option<String>,
}

/// One file, or a list of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Paths {
    One(String),
    Many(Vec<String>),
}

impl Paths {
    pub fn all(&self) -> &[String] {
        match self {
            Paths::One(path) => std::slice::from_ref(path),
            Paths::Many(paths) => paths,
        }
    }
}

/// A checked brand font.
#[derive(Debug, Clone)]
pub struct BrandFont {
    /// The family's name, from the first print file's name table.
    pub family: String,
    /// In the order of `print:`.
    pub styles: Vec<FontStyle>,
    pub licence: Vec<u8>,
}

/// One style of the brand font: its print file, its web file when the pages get the font,
/// and its weight and slant as the print file's OS/2 table gives them.
#[derive(Debug, Clone)]
pub struct FontStyle {
    pub print: Vec<u8>,
    pub web: Option<Vec<u8>>,
    pub weight: u16,
    pub italic: bool,
}

/// The largest web font: every page loads it (a Latin font in WOFF2 is 20–100 KB a style).
pub const WEB_MAX_BYTES: usize = 1024 * 1024;
/// The largest print font: typst reads it whole on every build, and embeds only the glyphs used.
pub const PRINT_MAX_BYTES: usize = 8 * 1024 * 1024;
pub const LICENCE_MAX_BYTES: usize = 256 * 1024;

/// The names a licence file beside the font may have (compared without case), in the order
/// they are looked for.
pub const LICENCE_NAMES: &[&str] =
    &["OFL.txt", "OFL-1.1.txt", "OFL", "LICENCE.txt", "LICENSE.txt", "LICENCE", "LICENSE", "LICENCE.md", "LICENSE.md"];

/// The web font of the `n`th style (from 1) in the built site, beside `brand.css`.
fn web_file(n: usize) -> String {
    format!("font-{n}.woff2")
}
/// The font's licence in the built site, beside the web fonts.
pub const LICENCE_PATH: &str = "static/brand/font-licence.txt";

impl BrandFont {
    /// The files the built site gets: the web fonts (when there are) and the licence.
    pub fn output_files(&self) -> Vec<(String, &[u8])> {
        let web = self.styles.iter().enumerate().filter_map(|(i, style)| {
            style.web.as_deref().map(|bytes| (format!("static/brand/{}", web_file(i + 1)), bytes))
        });
        web.chain([(LICENCE_PATH.to_string(), self.licence.as_slice())]).collect()
    }

    /// The print files, one for each style.
    pub fn print_files(&self) -> impl Iterator<Item = &[u8]> {
        self.styles.iter().map(|style| style.print.as_slice())
    }
}

/// Reads and checks the font files of `settings` (paths relative to `root`); `position(key)`
/// is the line and column of `web`, `print`, `licence` or `font` in `file`.
pub fn check(
    root: &Path,
    settings: &FontSettings,
    file: &str,
    position: impl Fn(&str) -> (usize, usize),
) -> Result<BrandFont, Vec<Diagnostic>> {
    let at = |key: &str, (message, hint): Problem| {
        let (line, col) = position(key);
        Diagnostic::new(file, line, col, message).with_hint(hint)
    };
    let mut errors = Vec::new();
    let print_paths = settings.print.as_ref().map_or(&[][..], Paths::all);
    let web_paths = settings.web.as_ref().map_or(&[][..], Paths::all);
    if print_paths.is_empty() {
        errors.push(at(
            "font",
            (
                "the brand font has no `print:` file".into(),
                "name its TrueType (.ttf) or OpenType (.otf) file with `print:` (or a list, one file a style): the card PDFs embed it, and the family's name is read from it".into(),
            ),
        ));
    }
    let prints: Vec<Option<PrintFile>> = print_paths
        .iter()
        .map(|source| read_print(root, source).map_err(|p| errors.push(at("print", p))).ok())
        .collect();
    let webs: Vec<Option<Vec<u8>>> =
        web_paths.iter().map(|source| read_web(root, source).map_err(|p| errors.push(at("web", p))).ok()).collect();
    if !web_paths.is_empty() && web_paths.len() != print_paths.len() {
        errors.push(at(
            "web",
            (
                format!("`web:` has {} files and `print:` {}", web_paths.len(), print_paths.len()),
                "give the WOFF2 of each print file, in the same order: each is given the weight and style of the print file in its place".into(),
            ),
        ));
    }
    let family = prints.iter().flatten().next().map(|first| first.family.clone());
    for (source, print) in print_paths.iter().zip(&prints) {
        if let (Some(family), Some(print)) = (&family, print)
            && print.family != *family
        {
            errors.push(at(
                "print",
                (
                    format!("the print font `{source}` is of the family `{}`, not `{family}`", print.family),
                    "give the styles of one family (the first file names it)".into(),
                ),
            ));
        }
    }
    // Looked for beside the fonts only when they were found: a missing font says enough.
    let fonts: Vec<&str> = print_paths.iter().chain(web_paths).map(String::as_str).collect();
    let licence = (settings.licence.is_some() || errors.is_empty())
        .then(|| find_licence(root, settings.licence.as_deref(), &fonts))
        .and_then(|found| found.map_err(|(key, p)| errors.push(at(key, p))).ok());
    match (family, licence) {
        (Some(family), Some(licence)) if errors.is_empty() => {
            let mut webs = webs.into_iter();
            let styles = prints
                .into_iter()
                .flatten()
                .map(|print| FontStyle {
                    web: webs.next().flatten(),
                    print: print.bytes,
                    weight: print.weight,
                    italic: print.italic,
                })
                .collect();
            Ok(BrandFont { family, styles, licence })
        }
        _ => Err(errors),
    }
}

/// The licence `named`, or else the one beside the first of `fonts` that has one; a problem
/// with the key it is reported at.
fn find_licence(root: &Path, named: Option<&str>, fonts: &[&str]) -> Result<Vec<u8>, (&'static str, Problem)> {
    if let Some(source) = named {
        return read_licence(root, source).map_err(|p| ("licence", p));
    }
    let beside = fonts.iter().find_map(|font| licence_beside(root, font));
    match beside {
        Some(source) => read_licence(root, &source).map_err(|p| ("font", p)),
        None => Err((
            "font",
            (
                format!("the brand font has no licence: no `licence:` and no OFL.txt or LICENSE.txt beside `{}`", fonts.first().unwrap_or(&"")),
                "put the font's licence file beside it (OFL.txt for a font under the SIL Open Font License) or name it with `licence:`; the site hands the font on, which only its licence can allow".into(),
            ),
        )),
    }
}

/// A print font as read: its bytes, its family's name, its weight and slant.
struct PrintFile {
    bytes: Vec<u8>,
    family: String,
    weight: u16,
    italic: bool,
}

/// The print font's bytes, family name, weight and slant.
fn read_print(root: &Path, source: &str) -> Result<PrintFile, Problem> {
    let bytes = super::read_in_site(
        root,
        source,
        "print font",
        PRINT_MAX_BYTES,
        "give one file a style (Regular, Bold, …), or a subset of the font",
    )?;
    let problem = match bytes.get(..4) {
        Some([0, 1, 0, 0] | b"OTTO" | b"true") => None,
        Some(b"ttcf") => Some((
            "is a font collection (.ttc), not one font",
            "give one font of the collection as a .ttf or .otf file",
        )),
        Some(b"wOF2" | b"wOFF") => Some((
            "is a web font (WOFF), not a TrueType or OpenType file",
            "give `web:` the WOFF2 file and `print:` the .ttf or .otf it was made from",
        )),
        _ => Some((
            "is not a TrueType or OpenType font",
            "give a .ttf or .otf file (one that begins with the bytes 00 01 00 00, OTTO or true)",
        )),
    };
    if let Some((what, hint)) = problem {
        return Err((format!("the print font `{source}` {what}"), hint.into()));
    }
    let face = ttf_parser::Face::parse(&bytes, 0).map_err(|e| {
        (format!("the print font `{source}` cannot be read: {e}"), "export it again as TrueType or OpenType".into())
    })?;
    let family = family_name(&face).ok_or_else(|| {
        (
            format!("the print font `{source}` has no family name in its name table"),
            "use the font as its maker published it (a font editor can set the family name)".into(),
        )
    })?;
    let (weight, italic) = (face.weight().to_number(), face.style() != ttf_parser::Style::Normal);
    Ok(PrintFile { family, weight, italic, bytes })
}

/// The typographic family name (name ID 16), else the family name (ID 1), in a Unicode encoding.
fn family_name(face: &ttf_parser::Face) -> Option<String> {
    use ttf_parser::name_id::{FAMILY, TYPOGRAPHIC_FAMILY};
    [TYPOGRAPHIC_FAMILY, FAMILY].into_iter().find_map(|id| {
        face.names()
            .into_iter()
            .filter(|name| name.name_id == id && name.is_unicode())
            .find_map(|name| name.to_string())
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
    })
}

fn read_web(root: &Path, source: &str) -> Result<Vec<u8>, Problem> {
    let bytes = super::read_in_site(
        root,
        source,
        "web font",
        WEB_MAX_BYTES,
        "subset it to the characters the site needs (e.g. pyftsubset FONT.ttf --unicodes=U+0020-00FF,U+2013-2026 --flavor=woff2 --output-file=FONT.woff2)",
    )?;
    let problem = match bytes.get(..4) {
        Some(b"wOF2") => return Ok(bytes),
        Some(b"wOFF") => (
            "is WOFF 1.0, not WOFF2",
            "convert it to WOFF2 (e.g. with fonttools: pyftsubset FONT.ttf --unicodes='*' --flavor=woff2 --output-file=FONT.woff2)",
        ),
        Some([0, 1, 0, 0] | b"OTTO" | b"true") => (
            "is a TrueType or OpenType file, not WOFF2",
            "give it as `print:`, and convert it to WOFF2 for `web:` (e.g. with fonttools: pyftsubset FONT.ttf --unicodes='*' --flavor=woff2 --output-file=FONT.woff2)",
        ),
        _ => ("is not a WOFF2 font", "give a .woff2 file (one that begins with the bytes wOF2)"),
    };
    Err((format!("the web font `{source}` {}", problem.0), problem.1.into()))
}

fn read_licence(root: &Path, source: &str) -> Result<Vec<u8>, Problem> {
    let bytes = super::read_in_site(root, source, "font licence", LICENCE_MAX_BYTES, "give the licence's text alone")?;
    match std::str::from_utf8(&bytes) {
        Ok(text) if !text.trim().is_empty() => Ok(bytes),
        _ => Err((
            format!("the font licence `{source}` is not a text file"),
            "give the licence as plain text (UTF-8), as the font's maker published it".into(),
        )),
    }
}

/// A licence file in the folder of `font` (a path relative to `root`), as a path from `root`.
fn licence_beside(root: &Path, font: &str) -> Option<String> {
    let folder = Path::new(font).parent().unwrap_or(Path::new(""));
    let names: Vec<String> = std::fs::read_dir(root.join(folder))
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let name = LICENCE_NAMES.iter().find_map(|wanted| names.iter().find(|name| name.eq_ignore_ascii_case(wanted)))?;
    Some(folder.join(name).to_string_lossy().replace('\\', "/"))
}

/// The brand.css rules for the web fonts: a face for each style, and the pages' and cards'
/// text in the family (the theme's font after it, for any character the brand's lacks).
pub fn css(font: &BrandFont) -> String {
    let family = css_string(&font.family);
    let mut css = String::new();
    for (i, style) in font.styles.iter().enumerate().filter(|(_, style)| style.web.is_some()) {
        css.push_str(&format!(
            "@font-face {{ font-family: {family}; src: url(\"{}\") format(\"woff2\"); font-weight: {}; font-style: {}; font-display: swap; }}\n",
            web_file(i + 1),
            style.weight,
            if style.italic { "italic" } else { "normal" }
        ));
    }
    if !css.is_empty() {
        // `body .card-face` outweighs cards.css's `.card-face`, which the card pages load later.
        css.push_str(&format!(
            "body, body .card-face {{ font-family: {family}, \"Atkinson Hyperlegible\", system-ui, sans-serif; }}\n"
        ));
    }
    css
}

/// `text` as a quoted CSS string: quotes, backslashes and control characters escaped.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c == '"' || c == '\\' || c.is_control() {
            out.push_str(&format!("\\{:x} ", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_escape_quotes_and_controls() {
        assert_eq!(css_string("Provserif"), "\"Provserif\"");
        assert_eq!(css_string("A\"B\\C\n"), "\"A\\22 B\\5c C\\a \"");
    }

    #[test]
    fn without_web_fonts_the_pages_keep_the_theme_font() {
        let style = FontStyle { print: Vec::new(), web: None, weight: 400, italic: false };
        let font = BrandFont { family: "X".into(), styles: vec![style], licence: b"OFL".to_vec() };
        assert_eq!(css(&font), "");
        assert_eq!(font.output_files(), vec![(LICENCE_PATH.to_string(), &b"OFL"[..])]);
    }

    #[test]
    fn each_web_font_has_its_print_file_weight_and_style() {
        let style = |weight, italic| FontStyle { print: Vec::new(), web: Some(b"wOF2".to_vec()), weight, italic };
        let font =
            BrandFont { family: "X".into(), styles: vec![style(400, false), style(700, true)], licence: Vec::new() };
        let css = css(&font);
        assert!(
            css.contains("url(\"font-1.woff2\") format(\"woff2\"); font-weight: 400; font-style: normal;"),
            "{css}"
        );
        assert!(
            css.contains("url(\"font-2.woff2\") format(\"woff2\"); font-weight: 700; font-style: italic;"),
            "{css}"
        );
        assert!(css.contains("body, body .card-face { font-family: \"X\", \"Atkinson"), "{css}");
        let files: Vec<String> = font.output_files().into_iter().map(|(path, _)| path).collect();
        assert_eq!(files, ["static/brand/font-1.woff2", "static/brand/font-2.woff2", LICENCE_PATH]);
    }
}
