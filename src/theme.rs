//! Where a theme's files come from. The default theme in `themes/default/` is also compiled
//! into the binary, so a site made with `trappa new` works without a copy of it; files of a
//! site's own `themes/NAME/` and `templates/` take precedence.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::site_root::SiteRoot;

macro_rules! embed {
    ($kind:literal, $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../themes/default/", $kind, "/", $name)))),*]
    };
}

/// The default theme's templates, as compiled in.
pub const DEFAULT_TEMPLATES: &[(&str, &[u8])] = embed!(
    "templates",
    "base.html",
    "index.html",
    "section.html",
    "page.html",
    "exercise.html",
    "404.html",
    "page-meta.html",
    "page-footer.html",
    "section-list.html",
    "search.html",
    "min-plan.html",
    "menu.html",
    "search-box.html",
    "card.html",
    "cards.html",
    "card-faces.html",
    "handout.html",
    "components/parts.html",
    "components/checklist.html",
    "components/staircase.html",
    "components/staircase-picture.html",
    "components/checklist-picture.html",
    "components/card.html",
    "components/form.html",
    "components/callout.html",
    "components/timeline.html",
    "components/path.html",
    "components/plan.html",
    "components/plan-agenda.html",
    "components/plan-needs.html",
    "components/glossary.html",
    "path-place.html",
    "summary.html",
    "certificate.html",
    "plan-guide.html",
    "plan-day-header.html",
    "plan-pack.html",
);

/// The default theme's static files, as compiled in.
/// The value a default theme script gives a constant (`var NAME = VALUE;`), for the tests
/// that hold a contract between Rust and the browser: both sides must say the same.
#[cfg(test)]
pub fn js_constant(script: &str, name: &str) -> Option<String> {
    let (_, bytes) = DEFAULT_STATIC.iter().find(|(file, _)| *file == script)?;
    let text = std::str::from_utf8(bytes).ok()?;
    let declared = format!("var {name} = ");
    let start = text.find(&declared)? + declared.len();
    let value = text[start..].split(';').next()?;
    Some(value.trim_matches('"').to_string())
}

pub const DEFAULT_STATIC: &[(&str, &[u8])] = embed!(
    "static",
    "css/trappa.css",
    "css/forms.css",
    "js/helpers.js",
    "js/saved.js",
    "js/charts.js",
    "js/trappa.js",
    "js/planner.js",
    "js/present.js",
    "css/planner.css",
    "js/reload.js",
    "js/room.js",
    "css/room.css",
    "js/forms.js",
    "js/qr.js",
    "css/search.css",
    "js/search.js",
    "css/cards.css",
    "js/cards.js",
    "js/path.js",
    "js/scorm.js",
    "js/terms.js",
    "favicon.svg",
    "fonts/AtkinsonHyperlegible-Regular.ttf",
    "fonts/AtkinsonHyperlegible-Bold.ttf",
    "fonts/AtkinsonHyperlegible-Italic.ttf",
    "fonts/OFL.txt",
);

/// The default theme's print designs (typst), as compiled in: `card.typ` designs a card's
/// faces and its own PDF, `sheet.typ` imposes cards on A4.
pub const DEFAULT_PRINT: &[(&str, &[u8])] = embed!("print", "card.typ", "sheet.typ", "book.typ");

/// Where a theme keeps its print designs.
pub const PRINT_DIR: &str = "print";

pub fn theme_dir(name: &str) -> PathBuf {
    Path::new("themes").join(name)
}

/// Template name → (file it comes from, source), with overrides applied.
pub fn templates(root: &Path, theme: &str) -> Result<BTreeMap<String, (PathBuf, String)>, Diagnostic> {
    let mut out = BTreeMap::new();
    if theme == "default" {
        for (name, bytes) in DEFAULT_TEMPLATES {
            let path = theme_dir(theme).join("templates").join(name);
            out.insert(name.to_string(), (path, String::from_utf8_lossy(bytes).into_owned()));
        }
    } else if !root.join(theme_dir(theme)).is_dir() {
        return Err(Diagnostic::file(crate::config::CONFIG_FILE, format!("no theme `{theme}` in themes/"))
            .with_hint("use `theme: default`, or create themes/NAME/templates/"));
    } else {
        // A theme of a site's own needs not draw every component: the default's stand in.
        for (name, bytes) in DEFAULT_TEMPLATES.iter().filter(|(name, _)| name.starts_with("components/")) {
            let path = theme_dir("default").join("templates").join(name);
            out.insert(name.to_string(), (path, String::from_utf8_lossy(bytes).into_owned()));
        }
    }
    for dir in [theme_dir(theme).join("templates"), PathBuf::from("templates")] {
        for (rel, path) in files_under(root, &dir)? {
            if !rel.ends_with(".html") {
                continue;
            }
            let source = std::fs::read_to_string(&path)
                .map_err(|e| Diagnostic::file(dir.join(&rel), format!("cannot read the template: {e}")))?;
            out.insert(rel.clone(), (dir.join(&rel), source));
        }
    }
    Ok(out)
}

/// Output path → bytes of every static file, with a site's own files overriding the theme's.
pub fn static_files(root: &Path, theme: &str) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let mut out = BTreeMap::new();
    if theme == "default" {
        for (name, bytes) in DEFAULT_STATIC {
            out.insert(name.to_string(), bytes.to_vec());
        }
    }
    for dir in [theme_dir(theme).join("static"), PathBuf::from("static")] {
        for (rel, path) in files_under(root, &dir)? {
            let bytes = std::fs::read(&path)
                .map_err(|e| Diagnostic::file(dir.join(&rel), format!("cannot read the file: {e}")))?;
            out.insert(rel, bytes);
        }
    }
    Ok(out)
}

/// File name → (file it comes from, bytes) of the print designs and what they load (images,
/// other `.typ` files): the default theme's, with the files of the site's own
/// `themes/NAME/print/` over them. Every theme starts from the default designs, so a theme
/// without a `print/` folder still gets PDFs.
pub fn print_files(root: &Path, theme: &str) -> Result<BTreeMap<String, (PathBuf, Vec<u8>)>, Diagnostic> {
    let dir = theme_dir(theme).join(PRINT_DIR);
    let mut out: BTreeMap<String, (PathBuf, Vec<u8>)> = DEFAULT_PRINT
        .iter()
        .map(|(name, bytes)| (name.to_string(), (theme_dir("default").join(PRINT_DIR).join(name), bytes.to_vec())))
        .collect();
    for (rel, path) in files_under(root, &dir)? {
        let bytes =
            std::fs::read(&path).map_err(|e| Diagnostic::file(dir.join(&rel), format!("cannot read the file: {e}")))?;
        out.insert(rel.clone(), (dir.join(&rel), bytes));
    }
    Ok(out)
}

/// The fonts the print designs can use (TrueType and OpenType files under `fonts/` of the
/// static files): the default theme's, and any of the site's theme and `static/fonts/`.
pub fn print_fonts(root: &Path, theme: &str) -> Result<Vec<(PathBuf, Vec<u8>)>, Diagnostic> {
    let is_font = |name: &str| {
        let lower = name.to_ascii_lowercase();
        lower.starts_with("fonts/") && [".ttf", ".otf", ".ttc", ".otc"].iter().any(|ext| lower.ends_with(ext))
    };
    let mut out: BTreeMap<String, (PathBuf, Vec<u8>)> = DEFAULT_STATIC
        .iter()
        .filter(|(name, _)| is_font(name))
        .map(|(name, bytes)| (name.to_string(), (theme_dir("default").join("static").join(name), bytes.to_vec())))
        .collect();
    for dir in [theme_dir(theme).join("static"), PathBuf::from("static")] {
        for (rel, path) in files_under(root, &dir)?.into_iter().filter(|(rel, _)| is_font(rel)) {
            let bytes = std::fs::read(&path)
                .map_err(|e| Diagnostic::file(dir.join(&rel), format!("cannot read the font: {e}")))?;
            out.insert(rel.clone(), (dir.join(&rel), bytes));
        }
    }
    Ok(out.into_values().collect())
}

/// Files under `root/dir` as (path relative to `dir` with `/` separators, full path).
/// Symbolic links are followed while they point inside the site; one that leaves it is an
/// error, as in `content/`.
fn files_under(root: &Path, dir: &Path) -> Result<Vec<(String, PathBuf)>, Diagnostic> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Ok(Vec::new());
    }
    let site_root = SiteRoot::new(root);
    let mut refused = None;
    let files = walkdir::WalkDir::new(&full)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| match site_root.refuse_link(e) {
            Some(d) => {
                refused.get_or_insert(d);
                false
            }
            None => true,
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&full).ok()?.to_string_lossy().replace('\\', "/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect();
    match refused {
        Some(d) => Err(d),
        None => Ok(files),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of themes/default is compiled in, so `trappa new` sites get the whole theme.
    #[test]
    fn embedded_theme_matches_the_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let theme = theme_dir("default");
        let names = |dir: &str| files_under(root, &theme.join(dir)).unwrap().into_iter().map(|f| f.0);
        let mut on_disk: Vec<String> = names("templates").collect();
        on_disk.extend(names("static"));
        on_disk.extend(names(PRINT_DIR));
        on_disk.sort();
        let mut embedded: Vec<String> =
            DEFAULT_TEMPLATES.iter().chain(DEFAULT_STATIC).chain(DEFAULT_PRINT).map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }
}
