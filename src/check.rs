//! Link checking beyond the Markdown stage: every `href`/`src` in the written HTML (theme
//! templates included) must point at a file the build produced, and, on request, external
//! links must answer. Internal links and anchors written by authors are already checked
//! where they are parsed (`markdown`), with their line numbers.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::process::Command;
use std::sync::{LazyLock, Mutex};

use memchr::memmem;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;

/// Collects what a build writes and what its pages refer to, from parallel writers.
///
/// References are resolved as they are recorded and kept once per (target, reference as
/// written) with the pages that use it: every page repeats the menu and the theme's files,
/// so storing each reference per page would cost more memory than the pages themselves
/// (about 100 MB on a 5,000-page site).
#[derive(Default)]
pub struct OutputRefs {
    /// The files the build writes for certain: read by every writer without a lock.
    expected: HashSet<String>,
    recorded: Mutex<Recorded>,
}

#[derive(Default)]
struct Recorded {
    /// The files written that were not expected.
    written: HashSet<String>,
    pages: Vec<String>,
    /// (resolved target, or `None` for an absolute path; reference as written) → pages.
    references: HashMap<(Option<String>, String), Vec<u32>>,
}

impl OutputRefs {
    /// Expecting `files`, which the build writes for certain (its pages and assets: a page it
    /// cannot write is an error of its own): references to them are not kept, so that what is
    /// kept is the few references to the other files (the theme's, the generated pages).
    pub fn expecting(files: impl IntoIterator<Item = String>) -> Self {
        OutputRefs { expected: files.into_iter().collect(), recorded: Mutex::default() }
    }

    pub fn record(&self, rel: &str, bytes: &[u8]) {
        let mut found: Vec<(Option<String>, String)> = Vec::new();
        if rel.ends_with(".html") {
            // Each reference once: a page names its section's pages in the menu and the table
            // of contents alike.
            let mut references: Vec<Cow<str>> = references(bytes).collect();
            references.sort_unstable();
            references.dedup();
            for reference in references {
                let target = match resolve(rel, &reference) {
                    Local::Skip => continue,
                    Local::File(target) if self.expected.contains(&target) => continue,
                    Local::Absolute => None,
                    Local::File(target) => Some(target),
                };
                found.push((target, reference.into_owned()));
            }
        }
        let mut recorded = self.recorded.lock().unwrap_or_else(|e| e.into_inner());
        if !self.expected.contains(rel) {
            recorded.written.insert(rel.to_string());
        }
        found.retain(|(target, _)| target.as_ref().is_none_or(|target| !recorded.written.contains(target)));
        if !found.is_empty() {
            let page = recorded.pages.len() as u32;
            recorded.pages.push(rel.to_string());
            for key in found {
                recorded.references.entry(key).or_default().push(page);
            }
        }
    }

    /// Every local reference that no written file answers, as one diagnostic per page and
    /// target. `source_of` maps an output page to the source file named in the message.
    pub fn missing(self, source_of: impl Fn(&str) -> String) -> Vec<Diagnostic> {
        let recorded = self.recorded.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut diagnostics = Vec::new();
        for ((target, reference), pages) in &recorded.references {
            let problem = match target {
                Some(target) if recorded.written.contains(target) || self.expected.contains(target) => continue,
                Some(_) => "a file the build did not produce",
                None => "an absolute path, which breaks when the site is opened from a folder",
            };
            for &page in pages {
                let page = &recorded.pages[page as usize];
                diagnostics.push(
                    Diagnostic::file(source_of(page), format!("the page {page} refers to `{reference}`, {problem}"))
                        .with_hint(
                            "if the reference comes from a template, fix it there; use {{ root }} before site files",
                        ),
                );
            }
        }
        diagnostics
    }
}

/// Values of `href="…"` and `src="…"` attributes: inside a tag only, not in text that reads
/// like one (`&lt;a href="…"&gt;`, raw HTML written as text: quotes in text stay as they are).
/// Read from the page's bytes: the attributes are found by memchr's vectorised search,
/// and only the values are read as text (a site's output is most of what a build handles).
fn references(html: &[u8]) -> impl Iterator<Item = Cow<'_, str>> {
    static ATTRIBUTES: LazyLock<[memmem::Finder<'static>; 2]> =
        LazyLock::new(|| [memmem::Finder::new(" href=\""), memmem::Finder::new(" src=\"")]);
    ATTRIBUTES.iter().flat_map(move |attribute| {
        attribute.find_iter(html).filter_map(move |at| {
            memchr::memrchr2(b'<', b'>', &html[..at]).filter(|&open| html[open] == b'<')?;
            let start = at + attribute.needle().len();
            let length = memchr::memchr(b'"', &html[start..])?;
            Some(String::from_utf8_lossy(&html[start..start + length]))
        })
    })
}

enum Local {
    Skip,
    Absolute,
    File(String),
}

fn resolve(page: &str, reference: &str) -> Local {
    let reference = crate::web::unescape(reference);
    let path = reference.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() || crate::web::is_external(&reference) || path.starts_with("/__trappa/") {
        return Local::Skip;
    }
    if path.starts_with('/') {
        return Local::Absolute;
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut target = crate::web::percent_decode(&parts.join("/"));
    if path.ends_with('/') || target.is_empty() {
        target = format!("{}index.html", if target.is_empty() { String::new() } else { format!("{target}/") });
    }
    Local::File(target)
}

/// An external link as written, and where.
pub struct ExternalLink<'a> {
    pub url: &'a str,
    pub path: &'a Path,
    pub line: usize,
    pub col: usize,
}

/// Asks every external URL once (with `curl`, which brings its own TLS) and reports the
/// links whose URL fails or answers with an error status.
pub fn external_links(links: &[ExternalLink]) -> Vec<Diagnostic> {
    let mut by_url: BTreeMap<&str, Vec<&ExternalLink>> = BTreeMap::new();
    for link in links.iter().filter(|l| l.url.starts_with("http://") || l.url.starts_with("https://")) {
        by_url.entry(link.url).or_default().push(link);
    }
    let curl_available = Command::new("curl").arg("--version").output().is_ok_and(|o| o.status.success());
    if !curl_available {
        return vec![
            Diagnostic::file("site.yaml", "checking external links needs the `curl` program")
                .with_hint("install curl, or run `trappa check` without --external"),
        ];
    }
    let results: Vec<(&str, Option<String>)> =
        by_url.keys().copied().collect::<Vec<_>>().par_iter().map(|url| (*url, probe(url))).collect();
    let mut diagnostics = Vec::new();
    for (url, problem) in results {
        let Some(problem) = problem else { continue };
        for link in &by_url[url] {
            diagnostics.push(
                Diagnostic::new(link.path, link.line, link.col, format!("external link `{url}` {problem}"))
                    .with_hint("fix or remove the link; check it in a browser"),
            );
        }
    }
    diagnostics
}

/// `None` when the URL answers with a success or redirect status.
fn probe(url: &str) -> Option<String> {
    let output = Command::new("curl")
        .args([
            "--silent",
            "--show-error",
            "--location",
            "--max-time",
            "15",
            "--output",
            "/dev/null",
            "--write-out",
            "%{http_code}",
            "--",
            url,
        ])
        .output();
    match output {
        Err(e) => Some(format!("could not be checked: {e}")),
        Ok(o) => {
            let code: u16 = String::from_utf8_lossy(&o.stdout).trim().parse().unwrap_or(0);
            match code {
                200..=399 => None,
                0 => Some(format!("does not answer ({})", String::from_utf8_lossy(&o.stderr).trim())),
                code => Some(format!("answers with HTTP status {code}")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded() {
        assert_eq!(crate::web::unescape("..&#x2f;a&amp;b&#47;c &x"), "../a&b/c &x");
    }

    #[test]
    fn references_resolve_relative_to_the_page() {
        let refs = OutputRefs::default();
        refs.record("a/b.html", br##"<link href="../static/x.css"><a href="c.html#top">c</a><img src="bild%20ett.png"><a href="https://e.org">e</a><a href="/abs.html">x</a><a href="#innehall">s</a><p>&lt;a href="d.md"&gt;</p>"##);
        refs.record("static/x.css", b"");
        refs.record("a/c.html", b"");
        let missing = refs.missing(|page| page.to_string());
        let messages: Vec<&str> = missing.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("`bild%20ett.png`, a file the build did not produce")));
        assert!(messages.iter().any(|m| m.contains("`/abs.html`, an absolute path")));
    }
}
