//! The search page (`sok.html`, or `search.html` on an English site) and the index files
//! it and the search box load.

use std::sync::{Arc, Mutex};

use minijinja::value::Value;

use super::LiveIndex;
use crate::diagnostics::Diagnostic;
use crate::markdown::RenderedBody;
use crate::output::WriteFn;
use crate::render::OwnPages;

/// The search index files (from `live` when `serve` keeps the index between edits) and,
/// when the theme has a search template, the search page (`sok.html`, or `search.html` on an
/// English site). Returns (files written, problems).
pub fn write(
    bodies: &[Arc<RenderedBody>],
    live: Option<&Mutex<LiveIndex>>,
    pages: &OwnPages,
    write: &WriteFn<'_>,
) -> (usize, Vec<Diagnostic>) {
    let language = &pages.config.language;
    let index = match live {
        Some(live) => live.lock().unwrap_or_else(|e| e.into_inner()).files(pages.content, bodies, language),
        None => super::index_files(pages.content, bodies, language),
    };
    let mut files = index.len();
    let mut diagnostics: Vec<Diagnostic> = index.iter().filter_map(|(rel, bytes)| write(rel, bytes).err()).collect();
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
