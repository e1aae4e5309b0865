//! Each reading path's summary and certificate (`sammanfattning-ID.html`, `intyg-ID.html` beside the path's page), filled in by path.js from what the reader's browser (or learning platform) kept.

use std::sync::Arc;

use minijinja::value::{Serde, Value};
use rayon::prelude::*;

use crate::components::{CERTIFICATE_TEMPLATE, PathView, SUMMARY_TEMPLATE, View, file_named};
use crate::content::PerPage;
use crate::diagnostics::Diagnostic;
use crate::index::SiteIndex;
use crate::markdown::PageBody;
use crate::output::WriteFn;
use crate::render::OwnPages;
use crate::web::{beside, file_name};

/// The summary page and the certificate (*Intyg*) of every reading path. Returns (files
/// written, problems).
pub fn write(
    bodies: &PerPage<Arc<PageBody>>,
    index: &SiteIndex,
    pages: &OwnPages,
    write: &WriteFn<'_>,
) -> (usize, Vec<Diagnostic>) {
    let files = &pages.strings.files;
    let (summaries, mut problems) = write_beside(
        bodies,
        index,
        pages,
        write,
        (SUMMARY_TEMPLATE, files.summary, "the reading path's summary"),
        |view, path_file| {
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
            serde_json::json!({ "summary": summary })
        },
    );
    let (certificates, mut more) = write_beside(
        bodies,
        index,
        pages,
        write,
        (CERTIFICATE_TEMPLATE, files.certificate, "the reading path's certificate"),
        |view, path_file| {
            let certificate = serde_json::json!({
                "id": view.id,
                "title": view.title,
                "path_url": path_file,
                "steps": view.steps,
                "minutes": view.minutes,
            });
            serde_json::json!({ "certificate": certificate })
        },
    );
    problems.append(&mut more);
    (summaries + certificates, problems)
}

/// A page of `template` beside every reading path's page, named by `pattern` with the path's
/// id, its context made by `context` from the path's view (its steps' forms filled in) and the
/// path page's file name. Returns (files written, problems).
fn write_beside(
    bodies: &PerPage<Arc<PageBody>>,
    index: &SiteIndex,
    pages: &OwnPages,
    write: &WriteFn<'_>,
    (template, pattern, what): (&str, &str, &'static str),
    context: impl Fn(&PathView, &str) -> serde_json::Value + Sync,
) -> (usize, Vec<Diagnostic>) {
    if !pages.has_template(template) {
        return (0, Vec::new());
    }
    let content = pages.content;
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
            if let Some(taken) = pages.taken(&url, what) {
                return Err(taken);
            }
            let mut view = view.clone();
            index.fill_step_forms(entry, &mut view);
            let made = context(&view, file_name(&path_page.url));
            let html = pages.render_under(template, &url, Some(entry.page), Value::from(Serde(made)))?;
            write(&url, html.as_bytes())
        })
        .collect();
    let written = results.iter().filter(|r| r.is_ok()).count();
    (written, results.into_iter().filter_map(Result::err).collect())
}
