//! The planner page (`min-plan.html`, or `my-plan.html` on an English site): a page of its own
//! that planner.js fills from the browser's storage.

use crate::components::PLANNER_TEMPLATE as TEMPLATE;
use crate::diagnostics::Diagnostic;
use crate::output::WriteFn;
use crate::render::OwnPages;

/// Writes the planner page when the theme has its template. Returns (files written, problems).
pub fn write(pages: &OwnPages, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    if !pages.has_template(TEMPLATE) {
        return (0, Vec::new());
    }
    let url = pages.strings.get("mp_page");
    if let Some(taken) = pages.taken(url, "the planner") {
        return (0, vec![taken]);
    }
    let extra = minijinja::context! { planner_page => true };
    let problems = pages.render(TEMPLATE, url, extra).and_then(|html| write(url, html.as_bytes())).err();
    (1, problems.into_iter().collect())
}
