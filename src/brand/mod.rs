//! A site's own look (`brand:` in `site.yaml`): a logo, two colours and a font ([`font`]),
//! checked at build time.
//!
//! - **Colours** are `#rgb` or `#rrggbb`. Every text/background pair the default theme makes
//!   of them is checked for WCAG 2.1 AA contrast ([`PAIRS`]): 4.5:1 for text, 3:1 for UI parts
//!   (the focus outline). A failing colour is an error at its line, naming the pair and the
//!   ratio, with the nearest colour of the same hue that passes ([`suggest`]: only the HSL
//!   lightness changes, by the smallest step that passes every pair of that colour).
//! - **The logo** is a PNG or an SVG file in the site folder. It stands in place of the site's
//!   title in the header and on the cards' fronts, drawn [`LOGO_CARD_HEIGHT_MM`] high on the
//!   card, so the limits are: width:height at most [`LOGO_MAX_ASPECT`]:1 (at 4 mm high that is
//!   32 mm, inside the narrowest card's text width, 46 mm) and no taller than wide
//!   ([`LOGO_MIN_ASPECT`]); at most [`LOGO_MAX_BYTES`] bytes; a PNG at least [`LOGO_MIN_PNG_HEIGHT`] pixels high (4 mm at 300 dpi) and at most
//!   [`LOGO_MAX_PNG_SIDE`] on a side. An SVG must say its size (a `viewBox`, or `width` and
//!   `height`) and is refused with scripts, event attributes (`on…=`), `<foreignObject>` or
//!   references outside itself (`href`/`xlink:href`/`url(…)` to anything but `#id`, `@import`).
//!
//! Without `brand:` nothing here runs and the output is the same as before.

pub mod font;

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

/// `brand:` as written in `site.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandSettings {
    /// A PNG or SVG file, relative to the site folder.
    pub logo: Option<String>,
    /// The header's background, buttons, links and the cards' band.
    pub primary: Option<String>,
    /// The focus outline.
    pub accent: Option<String>,
    /// The text's font on the pages and the cards.
    pub font: Option<font::FontSettings>,
}

/// A checked brand, ready for the theme and the print designs.
#[derive(Debug, Clone, Default)]
pub struct Brand {
    pub primary: Option<Rgb>,
    pub accent: Option<Rgb>,
    pub logo: Option<Logo>,
    pub font: Option<font::BrandFont>,
}

#[derive(Debug, Clone)]
pub struct Logo {
    /// As written in `site.yaml`.
    pub source: String,
    pub kind: LogoKind,
    pub bytes: Vec<u8>,
    /// Width divided by height.
    pub aspect: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoKind {
    Png,
    Svg,
}

impl LogoKind {
    pub fn extension(self) -> &'static str {
        match self {
            LogoKind::Png => "png",
            LogoKind::Svg => "svg",
        }
    }
}

/// The logo's height on a card's front (in place of the site's title).
pub const LOGO_CARD_HEIGHT_MM: f64 = 4.0;
/// The widest logo: width at most this many times its height.
pub const LOGO_MAX_ASPECT: f64 = 8.0;
/// The tallest logo: width at least this many times its height.
pub const LOGO_MIN_ASPECT: f64 = 1.0;
pub const LOGO_MAX_BYTES: usize = 512 * 1024;
pub const LOGO_MIN_PNG_HEIGHT: u32 = 48;
pub const LOGO_MAX_PNG_SIDE: u32 = 4096;

/// Where the logo goes in the built site.
pub fn logo_path(kind: LogoKind) -> String {
    format!("static/brand/logo.{}", kind.extension())
}
/// The brand's stylesheet in the built site.
pub const CSS_PATH: &str = "static/brand/brand.css";

/// A colour in sRGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
/// The darkest of the theme's light backgrounds under text in the primary colour (`--surface`
/// #f3f6f8, `--reflection-bg`, `--tip-bg`, `--note-bg`, `--warning-bg` in trappa.css):
/// `--warning-bg`, relative luminance 0.886. A colour that passes on it passes on them all.
pub const DARKEST_LIGHT_BACKGROUND: Rgb = Rgb(0xfc, 0xef, 0xee);

impl Rgb {
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
            }
            _ => None,
        }
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2.1 relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Hue (degrees), saturation and lightness (0–1).
    pub fn hsl(self) -> (f64, f64, f64) {
        let (r, g, b) = (f64::from(self.0) / 255.0, f64::from(self.1) / 255.0, f64::from(self.2) / 255.0);
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let l = (max + min) / 2.0;
        let d = max - min;
        if d == 0.0 {
            return (0.0, 0.0, l);
        }
        let s = d / (1.0 - (2.0 * l - 1.0).abs());
        let h = if max == r {
            60.0 * (((g - b) / d).rem_euclid(6.0))
        } else if max == g {
            60.0 * ((b - r) / d + 2.0)
        } else {
            60.0 * ((r - g) / d + 4.0)
        };
        (h, s, l)
    }

    pub fn from_hsl(h: f64, s: f64, l: f64) -> Rgb {
        let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
        let x = c * (1.0 - ((h / 60.0).rem_euclid(2.0) - 1.0).abs());
        let m = l - c / 2.0;
        let (r, g, b) = match (h / 60.0) as u32 {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        let to = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
        Rgb(to(r), to(g), to(b))
    }

    /// The same colour with lightness `factor` times its own (for hover states).
    pub fn darker(self, factor: f64) -> Rgb {
        let (h, s, l) = self.hsl();
        Rgb::from_hsl(h, s, l * factor)
    }
}

/// WCAG 2.1 contrast ratio of two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Which brand colour a pair is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Primary,
    Accent,
}

/// A pair the theme forms of a brand colour and a fixed one, and the contrast it needs.
pub struct Pair {
    pub role: Role,
    pub other: Rgb,
    pub what: &'static str,
    pub min: f64,
}

/// Every pair the default theme's stylesheets (trappa.css, search.css, forms.css, cards.css)
/// form of the brand colours. `--brand` and `--link` are the primary colour, `--brand-dark`
/// (hover) a darker shade of it, `--focus` the accent colour.
pub const PAIRS: &[Pair] = &[
    Pair {
        role: Role::Primary,
        other: WHITE,
        what: "white text on the primary colour (header, menu, buttons)",
        min: 4.5,
    },
    Pair {
        role: Role::Primary,
        other: WHITE,
        what: "links and the search button's text in the primary colour on white (and the room's projector bars)",
        min: 4.5,
    },
    Pair {
        role: Role::Primary,
        other: DARKEST_LIGHT_BACKGROUND,
        what: "links in the primary colour on the theme's light backgrounds (boxes, tables, callouts; darkest #fcefee)",
        min: 4.5,
    },
    Pair {
        role: Role::Accent,
        other: WHITE,
        what: "the focus outline in the accent colour on white (a UI part)",
        min: 3.0,
    },
];

/// The first pair `colour` fails in `role`, with its ratio.
pub fn failing(role: Role, colour: Rgb) -> Option<(&'static Pair, f64)> {
    PAIRS.iter().filter(|p| p.role == role).map(|p| (p, contrast(colour, p.other))).find(|(p, r)| *r < p.min)
}

/// The nearest colour of the same hue and saturation that passes every pair of `role`:
/// the smallest change of lightness, either way. `None` when no lightness passes.
pub fn suggest(role: Role, colour: Rgb) -> Option<Rgb> {
    let (h, s, l) = colour.hsl();
    let steps = 1000;
    (1..=steps)
        .flat_map(|i| {
            let d = f64::from(i) / f64::from(steps);
            [l - d, l + d]
        })
        .filter(|l| (0.0..=1.0).contains(l))
        .map(|l| Rgb::from_hsl(h, s, l))
        .find(|c| failing(role, *c).is_none())
}

/// Checks the colours of `settings`; `line_of(key)` is the line and column of a key's value.
pub fn check_colours(
    settings: &BrandSettings,
    line_of: impl Fn(&str) -> (usize, usize),
    file: &str,
) -> Result<(Option<Rgb>, Option<Rgb>), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut read = |key: &str, value: &Option<String>, role: Role| -> Option<Rgb> {
        let text = value.as_deref()?;
        let (line, col) = line_of(key);
        let Some(colour) = Rgb::parse(text) else {
            errors.push(
                Diagnostic::new(file, line, col, format!("brand {key} `{text}` is not a colour")).with_hint(
                    "write it as #rrggbb, e.g. #0b4f6c (quote it: \"#0b4f6c\", as # starts a comment in YAML)",
                ),
            );
            return None;
        };
        if let Some((pair, ratio)) = failing(role, colour) {
            let hint = match suggest(role, colour) {
                Some(near) => format!(
                    "the nearest colour of the same hue that passes is {} ({:.2}:1); WCAG 2.1 AA asks {}:1",
                    near.hex(),
                    contrast(near, pair.other),
                    pair.min
                ),
                None => {
                    format!("no lightness of this hue passes; choose a darker colour (WCAG 2.1 AA asks {}:1)", pair.min)
                }
            };
            errors.push(
                Diagnostic::new(
                    file,
                    line,
                    col,
                    format!("brand {key} {} has too little contrast for {}: {:.2}:1", colour.hex(), pair.what, ratio),
                )
                .with_hint(hint),
            );
        }
        Some(colour)
    };
    let primary = read("primary", &settings.primary, Role::Primary);
    let accent = read("accent", &settings.accent, Role::Accent);
    if errors.is_empty() { Ok((primary, accent)) } else { Err(errors) }
}

/// Reads and checks the logo `source` (relative to `root`); errors at `line`:`col` of `file`.
pub fn check_logo(root: &Path, source: &str, file: &str, line: usize, col: usize) -> Result<Logo, Diagnostic> {
    let error = |message: String, hint: &str| Diagnostic::new(file, line, col, message).with_hint(hint.to_string());
    let bytes =
        read_in_site(root, source, "logo", LOGO_MAX_BYTES, "export it smaller (a logo is shown 4 mm high on a card)")
            .map_err(|(message, hint)| error(message, &hint))?;
    let (kind, aspect) = if let Some((w, h)) = png_size(&bytes) {
        if h < LOGO_MIN_PNG_HEIGHT || w > LOGO_MAX_PNG_SIDE || h > LOGO_MAX_PNG_SIDE {
            return Err(error(
                format!("the logo `{source}` is {w}×{h} pixels"),
                &format!(
                    "a PNG logo needs {LOGO_MIN_PNG_HEIGHT} to {LOGO_MAX_PNG_SIDE} pixels of height (and at most {LOGO_MAX_PNG_SIDE} of width) to print sharply; or use an SVG"
                ),
            ));
        }
        (LogoKind::Png, f64::from(w) / f64::from(h))
    } else if let Some(text) = svg_text(&bytes) {
        if let Some(problem) = svg_problem(text) {
            return Err(error(
                format!("the SVG logo `{source}` is refused: it has {problem}"),
                "save the logo as a plain SVG (no scripts, no event attributes, no foreignObject, no links to other files or sites) or as a PNG",
            ));
        }
        let Some((w, h)) = svg_size(text) else {
            return Err(error(
                format!("the SVG logo `{source}` does not say its size"),
                "give the <svg> element a viewBox (e.g. viewBox=\"0 0 120 30\") or width and height",
            ));
        };
        (LogoKind::Svg, w / h)
    } else {
        return Err(error(
            format!("the logo `{source}` is not a PNG or SVG image"),
            "save the logo as a PNG or an SVG file",
        ));
    };
    if !(LOGO_MIN_ASPECT..=LOGO_MAX_ASPECT).contains(&aspect) {
        return Err(error(
            format!("the logo `{source}` is too large for the card's band: its width is {aspect:.2} times its height"),
            &format!(
                "a logo is shown {LOGO_CARD_HEIGHT_MM} mm high in place of the site's title: it may be {LOGO_MIN_ASPECT} to {LOGO_MAX_ASPECT} times as wide as it is high; crop it or use the wordmark only"
            ),
        ));
    }
    Ok(Logo { source: source.to_string(), kind, bytes, aspect })
}

/// What is wrong with a brand file, and how to fix it (the message and the hint).
type Problem = (String, String);

/// Reads the brand's `what` (the logo, a font) from `source`, a path inside the site folder
/// `root`, refusing a file over `max_bytes` with the hint `smaller`; a problem as its message
/// and hint.
fn read_in_site(root: &Path, source: &str, what: &str, max_bytes: usize, smaller: &str) -> Result<Vec<u8>, Problem> {
    let rel = Path::new(source);
    if rel.is_absolute() || rel.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
        return Err((
            format!("the {what} `{source}` is outside the site folder"),
            format!("put the {what} in the site folder (e.g. under assets/) and give its path from there"),
        ));
    }
    let bytes = std::fs::read(root.join(rel)).map_err(|e| {
        (
            format!("cannot read the {what} `{source}`: {e}"),
            "check the path: it is relative to the folder of site.yaml".to_string(),
        )
    })?;
    if bytes.len() > max_bytes {
        return Err((
            format!(
                "the {what} `{source}` is {} KB; a {what} may be at most {} KB",
                bytes.len() / 1024,
                max_bytes / 1024
            ),
            smaller.to_string(),
        ));
    }
    Ok(bytes)
}

/// Width and height from a PNG's signature and IHDR chunk.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 24 || !bytes.starts_with(SIGNATURE) || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    Some((be(16), be(20)))
}

/// The text of an SVG file: UTF-8 whose root element (after an XML declaration, comments and
/// a doctype) is `<svg`.
fn svg_text(bytes: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>")?.1.trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->")?.1.trim_start();
        } else if rest.starts_with("<!DOCTYPE") || rest.starts_with("<!doctype") {
            rest = rest.split_once('>')?.1.trim_start();
        } else {
            break;
        }
    }
    let after = rest.strip_prefix("<svg")?;
    after.starts_with(|c: char| c.is_whitespace() || c == '>').then_some(text)
}

/// What makes an SVG unsafe to embed: scripts, event attributes, foreign objects, references
/// to anything outside the file.
fn svg_problem(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("<script") {
        return Some("a <script> element".into());
    }
    if lower.contains("<foreignobject") {
        return Some("a <foreignObject> element".into());
    }
    if lower.contains("@import") {
        return Some("an @import".into());
    }
    let bytes = lower.as_bytes();
    for (at, _) in lower.match_indices("on") {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        if !before.is_some_and(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let name: String = lower[at..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if name.len() > 2 && lower[at + name.len()..].trim_start().starts_with('=') {
            return Some(format!("an event attribute `{name}`"));
        }
    }
    for attr in ["href", "xlink:href"] {
        for (at, _) in lower.match_indices(attr) {
            let before = at.checked_sub(1).map(|i| bytes[i]);
            if !before.is_some_and(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let Some(value) = lower[at + attr.len()..].trim_start().strip_prefix('=') else { continue };
            let value = value.trim_start().trim_start_matches(['"', '\'']);
            if !value.starts_with('#') {
                let shown: String = value.chars().take_while(|c| *c != '"' && *c != '\'').take(60).collect();
                return Some(format!("a reference outside the file ({attr}=\"{shown}\")"));
            }
        }
    }
    for (at, _) in lower.match_indices("url(") {
        let value = lower[at + 4..].trim_start().trim_start_matches(['"', '\'']);
        if !value.starts_with('#') {
            return Some("a url(…) outside the file".into());
        }
    }
    None
}

/// The SVG's width and height: from its viewBox, or its width and height attributes.
fn svg_size(text: &str) -> Option<(f64, f64)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| -> Option<&str> {
        let mut from = 0;
        while let Some(at) = tag[from..].find(name) {
            let at = from + at;
            from = at + name.len();
            if !tag[..at].ends_with(|c: char| c.is_whitespace()) {
                continue;
            }
            let rest = tag[from..].trim_start().strip_prefix('=')?.trim_start();
            let quote = rest.chars().next()?;
            let rest = &rest[1..];
            return rest.find(quote).map(|end| &rest[..end]);
        }
        None
    };
    let positive = |w: f64, h: f64| (w > 0.0 && h > 0.0).then_some((w, h));
    if let Some(view_box) = attr("viewBox") {
        let n: Vec<f64> = view_box.split([' ', ',']).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect();
        if n.len() == 4 {
            return positive(n[2], n[3]);
        }
    }
    let number = |s: &str| s.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse::<f64>().ok();
    positive(number(attr("width")?)?, number(attr("height")?)?)
}

/// The brand's stylesheet: the theme's colour variables and the logo's size.
pub fn css(brand: &Brand) -> String {
    let mut css = String::from("/* Made by trappa from brand: in site.yaml. */\n:root {\n");
    if let Some(p) = brand.primary {
        css.push_str(&format!(
            "  --brand: {};\n  --brand-dark: {};\n  --link: {};\n",
            p.hex(),
            p.darker(0.75).hex(),
            p.hex()
        ));
    }
    if let Some(a) = brand.accent {
        css.push_str(&format!("  --focus: {};\n", a.hex()));
    }
    // On a white ground of its own: a logo drawn for paper stays visible on the header's colour.
    css.push_str(
        "}\n.site-logo { display: block; height: 2rem; width: auto; max-width: 12rem; background: #fff; padding: 0.2rem 0.4rem; border-radius: 4px; }\n",
    );
    css.push_str(&format!(".card-logo {{ display: block; height: {LOGO_CARD_HEIGHT_MM}mm; width: auto; }}\n"));
    if let Some(p) = brand.primary {
        css.push_str(&format!("body .card-face {{ border-block-start-color: {}; }}\n", p.hex()));
    }
    if let Some(font) = &brand.font {
        css.push_str(&font::css(font));
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ratios() {
        let grey = Rgb::parse("#777").unwrap();
        assert_eq!(grey, Rgb(0x77, 0x77, 0x77));
        let r = contrast(grey, WHITE);
        assert!((r - 4.48).abs() < 0.01, "{r}");
        assert!((contrast(Rgb(0, 0, 0), WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
        // The theme's own blue passes.
        assert!(failing(Role::Primary, Rgb::parse("#0b4f6c").unwrap()).is_none());
    }

    #[test]
    fn suggestion_passes_and_keeps_the_hue() {
        for text in ["#3399ff", "#ff8800", "#777777", "#66cc66", "#e0a0ff"] {
            let colour = Rgb::parse(text).unwrap();
            assert!(failing(Role::Primary, colour).is_some(), "{text} should fail");
            let near = suggest(Role::Primary, colour).unwrap();
            assert!(failing(Role::Primary, near).is_none(), "{text} → {} fails", near.hex());
            let (h0, s0, _) = colour.hsl();
            let (h1, s1, _) = near.hsl();
            let dh = (h0 - h1).abs().min(360.0 - (h0 - h1).abs());
            assert!(dh < 3.0 && (s0 - s1).abs() < 0.05, "{text} → {}: hue {h0}→{h1}, sat {s0}→{s1}", near.hex());
            // The smallest change: one step less dark would fail.
            let (_, _, l1) = near.hsl();
            let (h, s, _) = colour.hsl();
            assert!(failing(Role::Primary, Rgb::from_hsl(h, s, l1 + 0.01)).is_some());
        }
    }

    #[test]
    fn colour_errors_name_the_pair_the_ratio_and_a_suggestion() {
        let settings =
            BrandSettings { primary: Some("#3399ff".into()), accent: Some("#ffe000".into()), ..Default::default() };
        let errs =
            check_colours(&settings, |k| if k == "primary" { (3, 12) } else { (4, 11) }, "site.yaml").unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!((errs[0].line, errs[0].col), (3, 12));
        assert!(errs[0].message.contains("white text on the primary colour"), "{}", errs[0].message);
        assert!(errs[0].message.contains("3.00:1") || errs[0].message.contains(":1"), "{}", errs[0].message);
        assert!(errs[0].hint.as_ref().unwrap().contains("#"), "{:?}", errs[0].hint);
        assert!(errs[1].message.contains("focus outline"), "{}", errs[1].message);
        let bad = BrandSettings { primary: Some("blue".into()), ..Default::default() };
        assert!(check_colours(&bad, |_| (2, 3), "site.yaml").unwrap_err()[0].message.contains("not a colour"));
    }

    #[test]
    fn svg_sniffing_and_refusals() {
        let ok = r##"<?xml version="1.0"?><!-- x --><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 30"><path d="M0 0h10v10z"/><use href="#a"/></svg>"##;
        assert!(svg_text(ok.as_bytes()).is_some());
        assert_eq!(svg_problem(ok), None);
        assert_eq!(svg_size(ok), Some((120.0, 30.0)));
        assert!(svg_text(b"<html><svg></svg></html>").is_none());
        assert!(svg_problem(r#"<svg><script>alert(1)</script></svg>"#).unwrap().contains("script"));
        assert!(svg_problem(r#"<svg onload="x()"></svg>"#).unwrap().contains("onload"));
        assert!(svg_problem(r#"<svg><foreignObject/></svg>"#).unwrap().contains("foreignObject"));
        assert!(svg_problem(r#"<svg><image href="https://x.se/a.png"/></svg>"#).unwrap().contains("outside"));
        assert!(svg_problem(r#"<svg><image xlink:href="other.svg"/></svg>"#).unwrap().contains("outside"));
        assert!(svg_problem(r#"<svg><rect style="fill:url(http://x)"/></svg>"#).is_some());
        assert_eq!(svg_size(r#"<svg width="200px" height="50px">"#), Some((200.0, 50.0)));
        assert_eq!(svg_size(r#"<svg>"#), None);
    }

    #[test]
    fn png_size_reads_the_header() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(400u32.to_be_bytes());
        png.extend(100u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((400, 100)));
        assert_eq!(png_size(b"GIF89a............................"), None);
    }
}
