//! Internal links are written to source files (`../trappan/_index.md#steg-1`); this resolves
//! them to the target page or asset and to a relative output URL, so the site works from
//! any folder and from file://.

use std::path::{Component, Path, PathBuf};

use crate::content::{Content, PageId};
use crate::web::{is_external, percent_decode};

/// What a link destination points at.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// Another host or protocol (`https:`, `mailto:`): left as written.
    External,
    /// A page of the site (possibly the same page), with an optional anchor.
    Page { page: PageId, anchor: Option<String> },
    /// A copied file (image, PDF, …), by its output URL.
    Asset { url: String },
}

#[derive(Debug, PartialEq, Eq)]
pub struct Missing {
    /// The source path the link was resolved to, relative to the site root.
    pub resolved: PathBuf,
}

/// The schemes a link or image may use besides the site's own files; anything else
/// (`javascript:`, `data:`, `vbscript:`, `file:` …) is refused at build time, not left to the CSP.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme of an external `dest` when it is not one of [`ALLOWED_SCHEMES`], lowercased.
/// A protocol-relative `//host/…` link is http(s) and allowed.
pub fn unsafe_scheme(dest: &str) -> Option<String> {
    let (scheme, _) = dest.split_once(':').filter(|_| !dest.starts_with("//"))?;
    let scheme = scheme.to_ascii_lowercase();
    (!ALLOWED_SCHEMES.contains(&scheme.as_str())).then_some(scheme)
}

/// Resolves `dest` as written in the page whose source is `from` (relative to the root).
pub fn resolve(content: &Content, from: &Path, from_page: PageId, dest: &str) -> Result<Target, Missing> {
    if is_external(dest) {
        return Ok(Target::External);
    }
    let (path_part, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(percent_decode(a))),
        None => (dest, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    if path_part.is_empty() {
        return Ok(Target::Page { page: from_page, anchor });
    }
    let decoded = percent_decode(path_part);
    let joined = match decoded.strip_prefix('/') {
        Some(from_root) => PathBuf::from(from_root),
        None => from.parent().unwrap_or(Path::new("")).join(&decoded),
    };
    let resolved = normalize(&joined);
    let lookup = |p: &Path| content.page_for_source(p);
    if let Some(page) = lookup(&resolved).or_else(|| {
        // A folder's own page may be linked as the folder or as either index file name.
        let name = resolved.file_name()?;
        (name == "_index.md" || name == "index.md").then(|| lookup(resolved.parent()?))?
    }) {
        return Ok(Target::Page { page, anchor });
    }
    if let Some(url) = content.asset_urls.get(&resolved) {
        return Ok(Target::Asset { url: url.clone() });
    }
    // Markdown written for another generator links to a sibling's output name: `other.html`
    // (or `index.html`) where `other.md` is the page.
    if resolved.extension().is_some_and(|e| e == "html")
        && let Some(page) = lookup(&resolved.with_extension("md")).or_else(|| {
            let name = resolved.file_name()?;
            (name == "index.html").then(|| lookup(resolved.parent()?))?
        })
    {
        return Ok(Target::Page { page, anchor });
    }
    Err(Missing { resolved })
}

/// `a/b/../c/./d` → `a/c/d`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(p) => out.push(p),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_phone_schemes_are_allowed() {
        for ok in ["https://a.se", "HTTP://a.se", "mailto:a@b.se", "tel:+4640", "//a.se/x"] {
            assert_eq!(unsafe_scheme(ok), None, "{ok}");
        }
        assert_eq!(unsafe_scheme("javascript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(unsafe_scheme("JavaScript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(unsafe_scheme("data:text/html,x").as_deref(), Some("data"));
        assert_eq!(unsafe_scheme("vbscript:x").as_deref(), Some("vbscript"));
    }

    #[test]
    fn normalizes() {
        assert_eq!(normalize(Path::new("content/a/../b/./c.md")), PathBuf::from("content/b/c.md"));
    }
}
