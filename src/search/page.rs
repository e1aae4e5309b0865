//! The search page (`sok.html`, or `search.html` on an English site) and the index files
//! it and the search box load.

use std::sync::Arc;

use minijinja::value::Value;

use super::IndexFrom;
use crate::diagnostics::Diagnostic;
use crate::markdown::RenderedBody;
use crate::output::WriteFn;
use crate::render::OwnPages;

/// The search index files (see [`IndexFrom`]) and, when the theme has a search template, the
/// search page (`sok.html`, or `search.html` on an English site). Returns (files written,
/// problems).
pub fn write(
    bodies: &[Arc<RenderedBody>],
    from: IndexFrom,
    pages: &OwnPages,
    write: &WriteFn<'_>,
) -> (usize, Vec<Diagnostic>) {
    let mut files = 0;
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    super::each_file(from, pages.content, bodies, &pages.config.language, &mut |rel, bytes| {
        files += 1;
        diagnostics.extend(write(rel, bytes).err());
    });
    if pages.has_template(SEARCH_TEMPLATE) {
        let url = pages.strings.get("search_page");
        match pages.taken(url, "the search page") {
            Some(taken) => diagnostics.push(taken),
            None => {
                files += 1;
                diagnostics.extend(
                    pages
                        .render(SEARCH_TEMPLATE, url, Value::UNDEFINED)
                        .and_then(|html| write(url, html.as_bytes()))
                        .err(),
                );
            }
        }
    }
    (files, diagnostics)
}

/// The theme's template of the full search page (optional: a theme may leave search out).
const SEARCH_TEMPLATE: &str = "search.html";
