//! Each reading path's summary page (`sammanfattning-ID.html` beside the path's page): what
//! the reader has done on the path, filled in by path.js from what their browser kept.

use std::sync::Arc;

use minijinja::value::{Serde, Value};
use rayon::prelude::*;

use crate::components::{SUMMARY_TEMPLATE, View, file_named};
use crate::content::PerPage;
use crate::diagnostics::Diagnostic;
use crate::index::SiteIndex;
use crate::markdown::PageBody;
use crate::output::WriteFn;
use crate::render::OwnPages;
use crate::web::{beside, file_name};

/// The summary page of every reading path. Returns (files written, problems).
pub fn write(
    bodies: &PerPage<Arc<PageBody>>,
    index: &SiteIndex,
    pages: &OwnPages,
    write: &WriteFn<'_>,
) -> (usize, Vec<Diagnostic>) {
    if !pages.has_template(SUMMARY_TEMPLATE) {
        return (0, Vec::new());
    }
    let content = pages.content;
    let pattern = pages.strings.files.summary;
    let results: Vec<Result<(), Diagnostic>> = index
        .reading_paths
        .par_iter()
        .filter_map(|entry| {
            // The path's view as its page shows it: steps with titles, links and keys.
            let defined = index.paths.get(&entry.id)?;
            let Some(View::Path(view)) = bodies[defined.page].view_of(defined.item) else { return None };
            Some((entry, view))
        })
        .map(|(entry, view)| {
            let path_page = &content.pages[entry.page];
            let url = beside(&path_page.url, &file_named(pattern, &entry.id));
            if let Some(taken) = pages.taken(&url, "the reading path's summary") {
                return Err(taken);
            }
            let mut view = view.clone();
            index.fill_step_forms(entry, &mut view);
            let path_file = file_name(&path_page.url);
            let forms: Vec<serde_json::Value> = view
                .steps
                .iter()
                .flat_map(|step| {
                    let page = step.url.split('#').next().unwrap_or_default();
                    step.forms.iter().map(move |form| {
                        serde_json::json!({"id": form.id, "version": form.version, "title": form.title, "url": format!("{page}#{}", form.id)})
                    })
                })
                .collect();
            let summary = serde_json::json!({
                "id": view.id,
                "title": view.title,
                "path_url": path_file,
                "steps": view.steps,
                "forms": forms,
                "file_name": format!("{}-{}.txt", pages.strings.get("summary_file"), view.id),
            });
            let context = Value::from(Serde(serde_json::json!({ "summary": summary })));
            let html = pages.render_under(SUMMARY_TEMPLATE, &url, Some(entry.page), context)?;
            write(&url, html.as_bytes())
        })
        .collect();
    let written = results.iter().filter(|r| r.is_ok()).count();
    (written, results.into_iter().filter_map(Result::err).collect())
}
