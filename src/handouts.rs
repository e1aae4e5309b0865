//! Section handouts: each section's pages as one document to print (`SECTION/utskrift.html`).

use std::sync::Arc;

use minijinja::value::{Serde, Value};
use rayon::prelude::*;

use crate::content::{Content, PerPage};
use crate::diagnostics::Diagnostic;
use crate::output::WriteFn;
use crate::render::OwnPages;

/// Each section's pages as one document to print (`SECTION/utskrift.html`): its own page and
/// then its pages in order, each starting on a new A4 sheet. Pages of subsections are left
/// out, so that every relative link in the bodies still leads where it did.
pub fn write(html: &PerPage<Arc<String>>, pages: &OwnPages, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    if !pages.has_template(HANDOUT_TEMPLATE) {
        return (0, Vec::new());
    }
    let content = pages.content;
    let file_name = pages.strings.files.handout;
    let results: Vec<Result<(), Diagnostic>> = content
        .sections
        .par_iter()
        .zip(content.section_ids().collect::<Vec<_>>())
        .filter(|(section, id)| *id != Content::ROOT && !section.pages.is_empty())
        .map(|(section, _)| {
            let index_url = &content.pages[section.index_page].url;
            let url = format!("{}{file_name}", index_url.trim_end_matches("index.html"));
            if let Some(taken) = pages.taken(&url, "the section's handout") {
                return Err(taken);
            }
            let handout_pages: Vec<serde_json::Value> = std::iter::once(section.index_page)
                .chain(section.pages.iter().copied())
                .map(|page| {
                    let front = &content.pages[page].front;
                    serde_json::json!({
                        "title": front.title,
                        "description": front.description,
                        "kind": content.pages[page].kind,
                        "duration": front.duration,
                        "group_size": front.group_size,
                        "materials": front.materials,
                        "sources": front.sources,
                        "content": &*html[page],
                    })
                })
                .collect();
            // Its pages' glossary terms open in place as on the pages (base.html loads terms.js).
            let terms = std::iter::once(section.index_page)
                .chain(section.pages.iter().copied())
                .any(|page| html[page].contains("class=\"term\""));
            let handout = serde_json::json!({ "handout": {
                "title": content.pages[section.index_page].front.title,
                "section_url": "index.html",
                "pages": handout_pages,
                "terms": terms,
            }});
            let html =
                pages.render_under(HANDOUT_TEMPLATE, &url, Some(section.index_page), Value::from(Serde(handout)))?;
            write(&url, html.as_bytes())
        })
        .collect();
    let files = results.len();
    (files, results.into_iter().filter_map(Result::err).collect())
}

const HANDOUT_TEMPLATE: &str = "handout.html";
