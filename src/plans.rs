//! Each plan's facilitator guide and participant pack, pages of their own beside the plan's
//! page (`ledarguide-ID.html`, `deltagarmaterial-ID.html`): the guide takes the trainer through
//! every block (purpose, steps at the clock time each starts, questions, tips) and carries the
//! day for the presenter view; the pack is the agenda, the day's exercises with room to write
//! and its forms as worksheets. Both print on A4.

use std::collections::HashMap;
use std::sync::Arc;

use minijinja::value::{Serde, Value};
use rayon::prelude::*;
use serde::Serialize;

use crate::components::{
    BlockKind, Component, ComponentId, FormView, GUIDE_TEMPLATE, PACK_TEMPLATE, PlanBlockView, PlanView, View, clock,
    file_named,
};
use crate::content::{Content, PageId, PerPage};
use crate::diagnostics::Diagnostic;
use crate::index::{PlanEntry, SiteIndex};
use crate::markdown::exercise::ExerciseView;
use crate::markdown::{self, MarkdownOptions, PageBody};
use crate::output::WriteFn;
use crate::render::{Bodies, OwnPages, component_html, fill_plan, pictures};
use crate::web::{beside, file_name};

/// A block of the day as the guide, the pack and the presenter view show it.
#[derive(Debug, Serialize)]
struct DayBlock<'a> {
    #[serde(flatten)]
    block: &'a PlanBlockView,
    /// The exercise's parts, their links leading from beside the plan's page.
    exercise: Option<ExerciseView>,
    /// The clock time each of the exercise's steps starts.
    step_starts: Vec<String>,
    /// What a page block's page is about (its description).
    description: Option<&'a str>,
}

/// The shape of the day that present.js reads: a change it cannot read is a new version.
const DAY_VERSION: u32 = 1;

/// The day as the presenter view reads it from the guide (`#trappa-plan`).
#[derive(Debug, Serialize)]
struct PresentedDay<'a> {
    version: u32,
    id: &'a str,
    title: &'a str,
    start: &'a str,
    end: &'a str,
    blocks: &'a [DayBlock<'a>],
    /// The staircases and checklists the day's pages hold, drawn for the slides that link to them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pictures: Vec<crate::markdown::exercise::Picture>,
}

/// The guide and the pack of every plan whose template the theme has. Returns (files
/// written, problems).
pub fn write(bodies: &Bodies, views: &Worksheets, pages: &OwnPages, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    let files = pages.strings.files;
    let made: Vec<(&str, &'static str)> = [(GUIDE_TEMPLATE, files.plan_guide), (PACK_TEMPLATE, files.plan_pack)]
        .into_iter()
        .filter(|(template, _)| pages.has_template(template))
        .collect();
    if made.is_empty() {
        return (0, Vec::new());
    }
    let results: Vec<Result<(), Diagnostic>> = bodies
        .index
        .day_plans
        .par_iter()
        .filter_map(|entry| {
            let Some(View::Plan(view)) = bodies.bodies[entry.page].view_of(entry.item) else { return None };
            Some((entry, view))
        })
        .flat_map_iter(|(entry, view)| {
            let day = Day::new(bodies, pages, entry, view);
            made.iter().map(move |(template, pattern)| day.write(template, pattern, views, write)).collect::<Vec<_>>()
        })
        .collect();
    let written = results.iter().filter(|r| r.is_ok()).count();
    (written, results.into_iter().filter_map(Result::err).collect())
}

/// One plan's day, for its pages of their own.
struct Day<'a> {
    bodies: &'a Bodies<'a>,
    pages: &'a OwnPages<'a>,
    entry: &'a PlanEntry,
    /// The plan's view as its own page shows it, with what the day uses filled in.
    plan: PlanView,
}

impl<'a> Day<'a> {
    fn new(bodies: &'a Bodies<'a>, pages: &'a OwnPages<'a>, entry: &'a PlanEntry, view: &PlanView) -> Self {
        let mut plan = view.clone();
        // The guide and pack lie beside the plan's page: its links serve them unchanged.
        fill_plan(pages.content, bodies.index, pages.renderer, pages.strings, entry.page, &mut plan);
        Day { bodies, pages, entry, plan }
    }

    /// The page of `template` (its file name from the language's `pattern`, e.g. `ledarguide-{}.html`).
    fn write(
        &self,
        template: &str,
        pattern: &'static str,
        views: &Worksheets,
        write: &WriteFn<'_>,
    ) -> Result<(), Diagnostic> {
        let content = self.pages.content;
        let plan_page = &content.pages[self.entry.page];
        let url = beside(&plan_page.url, &file_named(pattern, &self.entry.id));
        if let Some(taken) = self.pages.taken(&url, "the plan's guide or pack") {
            return Err(taken);
        }
        let blocks = self.blocks(&url);
        let pages = self.pages;
        let pictures = if template == GUIDE_TEMPLATE {
            pictures(pages.content, self.bodies.bodies, pages.renderer, pages.strings, &self.entry.uses.pictures, &url)?
        } else {
            Vec::new()
        };
        let presented = PresentedDay {
            version: DAY_VERSION,
            id: &self.plan.id,
            title: &self.plan.title,
            start: &self.plan.start,
            end: &self.plan.end,
            blocks: &blocks,
            pictures,
        };
        let worksheets = if template == PACK_TEMPLATE { self.worksheets(&url, views)? } else { Vec::new() };
        let plan_file = file_name(&plan_page.url);
        let day = serde_json::json!({
            "plan": self.plan,
            "blocks": blocks,
            "back": { "title": plan_page.front.title, "url": format!("{plan_file}#{}", self.plan.id) },
            "presented": presented,
            "worksheets": worksheets,
        });
        let extra = minijinja::context! { day => Value::from(Serde(day)), presenter => template == GUIDE_TEMPLATE };
        let html = self.pages.render_under(template, &url, Some(self.entry.page), extra)?;
        write(&url, html.as_bytes())
    }

    /// The plan's blocks with their exercises' parts seen from `url` (beside the plan's page).
    fn blocks(&self, url: &str) -> Vec<DayBlock<'_>> {
        let content = self.pages.content;
        self.plan
            .blocks
            .iter()
            .zip(&self.entry.block_pages)
            .map(|(block, page)| {
                let exercise = page.and_then(|p| self.bodies.exercise(content, p, url));
                let mut at = block.starts_at;
                let step_starts = exercise
                    .iter()
                    .flat_map(|ex| &ex.steps)
                    .map(|step| {
                        let starts = clock(at);
                        at += step.minutes.unwrap_or(0);
                        starts
                    })
                    .collect();
                let description = match (block.kind, page) {
                    (BlockKind::Page, Some(p)) => {
                        Some(content.pages[*p].front.description.as_str()).filter(|d| !d.is_empty())
                    }
                    _ => None,
                };
                DayBlock { block, exercise, step_starts, description }
            })
            .collect()
    }

    /// The day's forms as worksheets on the page at `url`, through the form's own template.
    fn worksheets(&self, url: &str, views: &Worksheets) -> Result<Vec<String>, Diagnostic> {
        let Some(forms) = views.0.get(&self.entry.id) else { return Ok(Vec::new()) };
        forms
            .iter()
            .map(|(form_page, item, view)| {
                let component = &self.bodies.bodies[*form_page].components[*item];
                component_html(self.pages.renderer, component, &View::Form(view.clone()), self.pages.strings, url)
            })
            .collect()
    }
}

/// The forms of each plan's day as its pack shows them, by plan id: (the form's page, its
/// place among the page's components, its view with links as from beside the plan's page).
#[derive(Clone, Debug, Default)]
pub struct Worksheets(HashMap<String, Vec<(PageId, ComponentId, FormView)>>);

/// The forms each plan's day uses, seen from beside the plan's page. Made while the pages'
/// Markdown is at hand: a form's link to another page's heading is written from its headings.
pub fn worksheets(
    content: &Content,
    bodies: &PerPage<Arc<PageBody>>,
    index: &SiteIndex,
    options: MarkdownOptions,
    anchors: &markdown::AnchorTables,
) -> Worksheets {
    let by_plan = index
        .day_plans
        .iter()
        .map(|entry| {
            let forms = entry
                .uses
                .forms
                .iter()
                .filter_map(|day_form| {
                    let at = index.forms.get(&day_form.form.id)?;
                    let body = &bodies[at.page];
                    let Component::Form(form) = &body.components[at.item] else { return None };
                    // Its links lead where they lead from the form's page, seen from the pack's;
                    // its problems were reported on its own page.
                    let (view, _) =
                        markdown::render_fragment(content, entry.page, at.page, options, anchors, |markup| {
                            form.view(markup, &body.components)
                        });
                    Some((at.page, at.item, view.ok()?))
                })
                .collect();
            (entry.id.clone(), forms)
        })
        .collect();
    Worksheets(by_plan)
}
