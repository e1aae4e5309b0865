//! `site.yaml` → [`Config`]: site settings with defaults, and unknown keys reported with the
//! nearest valid one. The file is optional: a folder with only `content/` builds as is.

use std::path::Path;

use serde::Deserialize;

use crate::brand::{self, Brand, BrandSettings};
use crate::diagnostics::{self, Diagnostic, Severity};

pub const CONFIG_FILE: &str = "site.yaml";

/// Languages with a UI translation table (see `render::i18n`).
pub const LANGUAGES: &[&str] = &["sv", "en"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Page language (`lang` attribute, UI strings, search stemming).
    pub language: String,
    /// Where the site will be published, e.g. `https://example.org/trappan/`. Only used for
    /// the printed short URLs of cards; links inside the site stay relative so file:// works.
    pub base_url: Option<String>,
    /// The main menu. When absent, the top-level sections in weight order.
    pub menu: Option<Vec<MenuEntry>>,
    pub theme: String,
    /// Whether raw HTML written in Markdown is passed through (trusted authors) or escaped.
    pub raw_html: bool,
    /// Whether links to missing files and anchors stop the build (`error`) or are listed
    /// while it completes (`warning`), for a site whose Markdown is being migrated.
    pub broken_links: Severity,
    /// `brand:` as written: logo, primary and accent colour, font (see [`crate::brand`]).
    #[serde(rename = "brand")]
    pub brand_settings: Option<BrandSettings>,
    /// The checked brand (colours by [`parse`], the logo and font read by [`load`]); `None` without
    /// `brand:`, and then the site looks as the theme has it.
    #[serde(skip)]
    pub brand: Option<Brand>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "trappa".into(),
            description: String::new(),
            language: "sv".into(),
            base_url: None,
            menu: None,
            theme: "default".into(),
            raw_html: false,
            broken_links: Severity::Error,
            brand_settings: None,
            brand: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuEntry {
    pub title: String,
    /// A source file relative to the site root (`content/trappan/_index.md`) or a URL.
    pub link: String,
    /// The line of `site.yaml` that names the link, for errors about it.
    #[serde(skip)]
    pub line: usize,
}

/// Reads `site.yaml` under `root`, or returns the defaults when it does not exist.
pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => {
            return Err(vec![
                Diagnostic::file(CONFIG_FILE, format!("cannot read the site settings: {e}"))
                    .with_hint("check that the file is readable and saved as UTF-8"),
            ]);
        }
    };
    let mut config = parse(&text)?;
    if let (Some(settings), Some(brand)) = (&config.brand_settings, &mut config.brand) {
        let mut errors = Vec::new();
        if let Some(source) = &settings.logo {
            let (line, col) = brand_key_position(&text, "logo");
            match brand::check_logo(root, source, CONFIG_FILE, line, col) {
                Ok(logo) => brand.logo = Some(logo),
                Err(d) => errors.push(d),
            }
        }
        if let Some(font) = &settings.font {
            match brand::font::check(root, font, CONFIG_FILE, |key| font_key_position(&text, key)) {
                Ok(font) => brand.font = Some(font),
                Err(d) => errors.extend(d),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
    }
    Ok(config)
}

/// The line and column of the value of `key` inside the `brand:` block of `text`.
fn brand_key_position(text: &str, key: &str) -> (usize, usize) {
    find_brand_key(text, key).unwrap_or((crate::web::key_line(text, "brand").unwrap_or(1), 1))
}

/// The line and column of `key` of `font:` (`licence` also spelt `license`), or of `font:`
/// itself when the key is not on a line of its own (`font: {web: …, print: …}`).
fn font_key_position(text: &str, key: &str) -> (usize, usize) {
    let spellings: &[&str] = if key == "licence" { &["licence", "license"] } else { &[key] };
    spellings.iter().find_map(|key| find_brand_key(text, key)).unwrap_or_else(|| brand_key_position(text, "font"))
}

/// Where the value of `key` starts (or the key, when its value is the block below) on a line of its own inside the `brand:` block of `text`.
fn find_brand_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let start = crate::web::key_line(text, "brand").unwrap_or(1);
    text.lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, l)| l.trim().is_empty() || l.starts_with([' ', '\t']) || l.trim_start().starts_with('#'))
        .find_map(|(i, l)| {
            let rest = l.trim_start().strip_prefix(key)?.strip_prefix(':')?;
            // A key whose value is the block below (`font:`) is reported at the key itself.
            let col =
                if rest.trim().is_empty() { l.len() - l.trim_start().len() } else { l.len() - rest.trim_start().len() };
            Some((i + 1, col + 1))
        })
}

pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    let mut config: Config = serde_saphyr::from_str(text)
        .map_err(|e| vec![diagnostics::from_yaml_error(Path::new(CONFIG_FILE), 0, text, &e)])?;
    // Each entry's link on the first line after the entry before that names it.
    let mut from = 0;
    for entry in config.menu.iter_mut().flatten() {
        let found = text.lines().enumerate().skip(from).find(|(_, l)| l.contains(&entry.link)).map(|(i, _)| i);
        entry.line = found.map_or(1, |i| i + 1);
        from = found.map_or(from, |i| i + 1);
    }
    if !LANGUAGES.contains(&config.language.as_str()) {
        let line = crate::web::key_line(text, "language").unwrap_or(1);
        return Err(vec![
            Diagnostic::new(CONFIG_FILE, line, 1, format!("unsupported language `{}`", config.language))
                .with_hint(format!("trappa has UI strings for: {}", LANGUAGES.join(", "))),
        ]);
    }
    if let Some(settings) = &config.brand_settings {
        let (primary, accent) = brand::check_colours(settings, |key| brand_key_position(text, key), CONFIG_FILE)?;
        config.brand = Some(Brand { primary, accent, logo: None, font: None });
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_gives_defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.language, "sv");
        assert_eq!(c.theme, "default");
    }

    #[test]
    fn unknown_key_names_nearest() {
        let errs = parse("title: X\nlanguge: sv\n").unwrap_err();
        assert_eq!(errs[0].line, 2);
        assert!(errs[0].message.contains("languge"));
        assert!(errs[0].hint.as_ref().unwrap().contains("`language`"));
    }

    #[test]
    fn broken_links_are_errors_unless_set_to_warnings() {
        assert_eq!(parse("title: X\n").unwrap().broken_links, Severity::Error);
        assert_eq!(parse("broken_links: warning\n").unwrap().broken_links, Severity::Warning);
        let errs = parse("broken_links: warn\n").unwrap_err();
        assert!(errs[0].message.contains("warning"), "{}", errs[0].message);
    }

    #[test]
    fn brand_colours_are_checked_at_their_line_and_column() {
        let c = parse("title: X\nbrand:\n  primary: \"#0b4f6c\"\n").unwrap();
        assert_eq!(c.brand.unwrap().primary.unwrap().hex(), "#0b4f6c");
        let errs =
            parse("title: X\nbrand:\n  # our colours\n  primary: \"#3399ff\"\n  accent: \"#b34700\"\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].line, errs[0].col), (4, 12), "{:?}", errs[0]);
        assert!(errs[0].message.contains("#3399ff"), "{}", errs[0].message);
        assert!(parse("brand:\n  colour: red\n").is_err());
        assert!(parse("title: X\n").unwrap().brand.is_none());
    }

    #[test]
    fn unsupported_language_is_an_error() {
        let errs = parse("title: X\nlanguage: de\n").unwrap_err();
        assert_eq!(errs[0].line, 2);
    }
}
