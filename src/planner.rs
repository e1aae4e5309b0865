//! The planner page (`min-plan.html`, or `my-plan.html` on an English site): a page of its own
//! that planner.js fills from the browser's storage. It carries every plan of the site in the
//! planner's own shape (`#trappa-plans`), so that a plan's "Gör ett eget program i Min plan"
//! (`min-plan.html#fran-ID`) starts Min plan from that plan.

use minijinja::value::{Serde, Value};
use serde::Serialize;

use crate::components::{BlockKind, DayLinkView, PLANNER_TEMPLATE as TEMPLATE, View};
use crate::diagnostics::Diagnostic;
use crate::markdown::exercise::ExerciseView;
use crate::output::WriteFn;
use crate::render::{Bodies, OwnPages, day_links, exercise_view};
use crate::web::rebase_links;

/// A page at the top of the site, where the planner page lies: the plans' texts are written
/// from there.
const TOP: &str = "index.html";

/// A plan of the site as Min plan keeps one (planner.js's `trappa-plan-v1`), with its id.
#[derive(Debug, Serialize)]
struct Seed {
    id: String,
    title: String,
    start: String,
    length: u32,
    blocks: Vec<SeedBlock>,
}

/// A block as Min plan keeps it, with the block's own text.
#[derive(Debug, Serialize)]
struct SeedBlock {
    kind: SeedKind,
    title: String,
    minutes: u32,
    text_html: Option<String>,
    exercise: Option<ExerciseView>,
    /// The self-assessments and cards on the block's pages, for Min plan's *Förbered*.
    prepare: Prepare,
}

/// What a block is in Min plan (planner.js): a page or an item of the plan is a block of the
/// trainer's own (`free`) there.
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
enum SeedKind {
    Exercise,
    Break,
    Lunch,
    Free,
}

#[derive(Debug, Serialize)]
struct Prepare {
    forms: Vec<DayLinkView>,
    cards: Vec<DayLinkView>,
}

/// Writes the planner page when the theme has its template. Returns (files written, problems).
pub fn write(bodies: &Bodies, pages: &OwnPages, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    if !pages.has_template(TEMPLATE) {
        return (0, Vec::new());
    }
    let url = pages.strings.files.planner;
    if let Some(taken) = pages.taken(url, "the planner") {
        return (0, vec![taken]);
    }
    let problems = seeds(bodies, pages, url)
        .and_then(|seeds| {
            let extra = minijinja::context! { planner_page => true, plans => Value::from(Serde(seeds)) };
            pages.render(TEMPLATE, url, extra)
        })
        .and_then(|html| write(url, html.as_bytes()))
        .err();
    (1, problems.into_iter().collect())
}

/// Every plan of the site in Min plan's shape, its exercises' links leading from `url`.
fn seeds(bodies: &Bodies, pages: &OwnPages, url: &str) -> Result<Vec<Seed>, Diagnostic> {
    let content = pages.content;
    bodies
        .index
        .day_plans
        .iter()
        .filter_map(|entry| {
            let Some(View::Plan(view)) = bodies.bodies[entry.page].view_of(entry.item) else { return None };
            let blocks = view
                .blocks
                .iter()
                .zip(&entry.block_pages)
                .zip(&entry.block_uses)
                .map(|((block, page), uses)| {
                    let exercise = match page {
                        Some(p) => exercise_view(content, bodies, pages.renderer, pages.strings, *p, url)?,
                        None => None,
                    };
                    let kind = match block.kind {
                        BlockKind::Exercise if exercise.is_some() => SeedKind::Exercise,
                        BlockKind::Break => SeedKind::Break,
                        BlockKind::Lunch => SeedKind::Lunch,
                        _ => SeedKind::Free,
                    };
                    Ok(SeedBlock {
                        kind,
                        title: block.title.clone(),
                        minutes: block.minutes,
                        text_html: block
                            .text_html
                            .as_deref()
                            .map(|html| rebase_links(html, &content.pages[entry.page].url, TOP)),
                        exercise,
                        prepare: {
                            let (forms, cards) = day_links(content, uses, url);
                            Prepare { forms, cards }
                        },
                    })
                })
                .collect::<Result<Vec<_>, Diagnostic>>();
            Some(blocks.map(|blocks| Seed {
                id: view.id.clone(),
                title: view.title.clone(),
                start: view.start.clone(),
                length: view.length.unwrap_or(view.total),
                blocks,
            }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::TOP;
    use crate::web::rebase_links;

    #[test]
    fn links_lead_from_the_top() {
        let html = r#"<p><a href="../exempel/a.html#x">a</a> <a href="b.html">b</a> <a href="https://e.se/">e</a></p>"#;
        assert_eq!(
            rebase_links(html, "kom-igang/plan.html", TOP),
            r#"<p><a href="exempel/a.html#x">a</a> <a href="kom-igang/b.html">b</a> <a href="https://e.se/">e</a></p>"#
        );
        assert!(rebase_links(html, "plan.html", TOP).contains(r#"href="b.html""#));
    }
}
