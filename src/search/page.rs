//! The search page (`sok.html`, or `search.html` on an English site) and the index files
//! it and the search box load.

use minijinja::value::Value;

use crate::diagnostics::Diagnostic;
use crate::output::WriteFn;
use crate::render::OwnPages;
use crate::words::SearchText;

/// The search index files, from the pages' `texts`, and, when the theme has a search template, the
/// search page (`sok.html`, or `search.html` on an English site). Returns (files written,
/// problems).
pub fn write(texts: Vec<SearchText>, pages: &OwnPages, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    let mut files = 0;
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    super::each_file(texts, pages.content, &pages.config.language, &mut |rel, bytes| {
        files += 1;
        diagnostics.extend(write(rel, bytes).err());
    });
    if pages.has_template(SEARCH_TEMPLATE) {
        let url = pages.strings.files.search;
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
