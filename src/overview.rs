//! The page that lists the whole menu (`avsnitt.html`, or `sections.html` on an English site),
//! which every header links to when the menu is too long to carry whole (render::Menu).

use minijinja::value::{Serde, Value};
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::output::WriteFn;
use crate::render::{OVERVIEW_TEMPLATE, OwnPages};

#[derive(Serialize)]
struct Entry<'a> {
    title: &'a str,
    /// Relative to the root, where the page itself stands.
    url: &'a str,
}

/// Writes the overview when the menu is collapsed. Returns (files written, problems).
pub fn write(pages: &OwnPages, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    let Some(url) = pages.menu.overview.as_deref() else {
        return (0, Vec::new());
    };
    if let Some(taken) = pages.taken(url, "the list of all sections") {
        return (0, vec![taken]);
    }
    let entries: Vec<Entry> = pages.menu.entries.iter().map(|(title, url)| Entry { title, url }).collect();
    let extra = minijinja::context! { entries => Value::from(Serde(entries)) };
    let problems = pages.render(OVERVIEW_TEMPLATE, url, extra).and_then(|html| write(url, html.as_bytes())).err();
    (1, problems.into_iter().collect())
}
