//! Puts a page body together: the HTML of the Markdown stage with each component rendered
//! through the theme's template `components/NAME.html` in its place. A card that shows a
//! checklist of another page gets it from the site index here, and the text between the
//! components gets the first use of each glossary term marked.

use std::sync::Arc;

use minijinja::value::{Serde, Value};

use super::terms::Terms;
use super::{Renderer, strings_value};
use crate::components::{
    CARDS_DIR, CERTIFICATE_TEMPLATE, Component, DayLinkView, GUIDE_TEMPLATE, PACK_TEMPLATE, PLANNER_TEMPLATE, PlanView,
    SUMMARY_TEMPLATE, View, file_named,
};
use crate::content::{Content, PageId, PerPage};
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::index::{Defined, SiteIndex, Uses};
use crate::markdown::exercise::{ExerciseView, Picture};
use crate::markdown::{self, MarkdownOptions, PageBody};
use crate::web::{from_root, root_prefix};

/// The site's bodies once assembled, as the pages that show them read them (indexed like
/// `content.pages`).
pub struct Bodies<'a> {
    pub bodies: &'a PerPage<Arc<PageBody>>,
    pub html: &'a PerPage<Arc<String>>,
    /// The HTML of each page's placed components (an exercise's, shown again elsewhere).
    pub components_html: &'a PerPage<Arc<Vec<String>>>,
    pub index: &'a SiteIndex,
}

impl Bodies<'_> {
    /// The exercise of `page` as seen on the page at output path `at`, without what the
    /// site index adds (see [`exercise_view`]).
    pub fn exercise(&self, content: &Content, page: PageId, at: &str) -> Option<ExerciseView> {
        let parts = self.bodies[page].exercise.as_ref()?;
        Some(parts.view(&content.pages[page], at, &self.components_html[page]))
    }
}

/// What assembling a body needs of the site.
pub struct Assembly<'a> {
    content: &'a Content,
    index: &'a SiteIndex,
    renderer: &'a Renderer,
    options: MarkdownOptions,
    anchors: &'a markdown::AnchorTables,
    /// The UI strings as the templates see them, made once for every component.
    strings: Value,
    /// The glossary's terms, when the site has a glossary.
    terms: Option<Terms<'a>>,
}

/// The template of a component (a site overrides it with its own `templates/components/…`).
fn template_of(component: &Component) -> String {
    format!("components/{}.html", component.name())
}

impl<'a> Assembly<'a> {
    pub fn new(
        content: &'a Content,
        index: &'a SiteIndex,
        renderer: &'a Renderer,
        options: MarkdownOptions,
        anchors: &'a markdown::AnchorTables,
    ) -> Self {
        let terms = index.glossary.as_ref().map(|g| Terms::new(&g.terms));
        Assembly { content, index, renderer, options, anchors, strings: strings_value(options.strings), terms }
    }

    /// Whether `page`'s text gets glossary terms marked: not the glossary's own page, nor a
    /// page that says `glossary: false`.
    pub fn marks_terms(&self, page: PageId) -> bool {
        // `terms` is made from the index's glossary: one stands for the other.
        self.index.glossary.as_ref().is_some_and(|g| g.page != page)
            && self.content.pages[page].front.glossary != Some(false)
    }

    /// The whole HTML of `body`, the body of `page` in `parts` around its components, each
    /// placed component's HTML, and the problems its components had.
    pub fn body(&self, page: PageId, body: &PageBody, parts: &[String]) -> (String, Vec<String>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let rendered: Vec<String> = body
            .placed
            .iter()
            .map(|placed| {
                let component = &body.components[placed.item];
                let mut html = self.component(page, component, &placed.view, &mut diagnostics).unwrap_or_else(|d| {
                    diagnostics.push(d);
                    String::new()
                });
                // Markdown after a component starts on a line of its own.
                if !html.ends_with('\n') {
                    html.push('\n');
                }
                html
            })
            .collect();
        let marked: Option<Vec<String>> = match (&self.terms, &self.index.glossary) {
            (Some(terms), Some(glossary)) if self.marks_terms(page) => {
                let url = &self.content.pages[page].url;
                let glossary_url = from_root(&root_prefix(url), &self.content.pages[glossary.page].url);
                let mut used = std::collections::HashSet::new();
                Some(parts.iter().map(|part| terms.mark(part, &glossary_url, &mut used)).collect())
            }
            _ => None,
        };
        let parts = marked.as_deref().unwrap_or(parts);
        // Kept for the whole build: sized exactly.
        let mut html = String::with_capacity(parts.iter().chain(&rendered).map(String::len).sum());
        for (n, part) in parts.iter().enumerate() {
            html.push_str(part);
            if let Some(component) = rendered.get(n) {
                html.push_str(component);
            }
        }
        (html, rendered, diagnostics)
    }

    fn component(
        &self,
        page: PageId,
        component: &Component,
        view: &View,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<String, Diagnostic> {
        let mut view = std::borrow::Cow::Borrowed(view);
        if let View::Card(card) = view.as_ref()
            && let Some(shown) = card.checklist_id.as_ref().and_then(|id| self.index.shown.get(id))
        {
            let items = if folder(&self.content.pages[shown.page].url) == folder(&self.content.pages[page].url) {
                // Written the same from both pages: the checklist's own items serve.
                shown.view.items.clone()
            } else {
                // Its links lead where they lead from the checklist's page, seen from this one.
                let (items, mut errors) =
                    markdown::render_fragment(self.content, page, shown.page, self.options, self.anchors, |m| {
                        shown.checklist.items_view(m)
                    });
                diagnostics.append(&mut errors);
                items
            };
            if let View::Card(card) = view.to_mut() {
                card.checklist = Some(items);
            }
        }
        // Only a path's view is filled in here: other views are rendered as they are, not copied.
        if matches!(view.as_ref(), View::Path(_))
            && let View::Path(path) = view.to_mut()
        {
            if let Some(entry) = self.index.reading_paths.iter().find(|p| p.id == path.id) {
                self.index.fill_step_forms(entry, path);
            }
            let (files, id) = (&self.options.strings.files, path.id.clone());
            let own_page =
                |template: &str, pattern: &str| self.renderer.has_template(template).then(|| file_named(pattern, &id));
            path.summary_url = own_page(SUMMARY_TEMPLATE, files.summary);
            path.certificate_url = own_page(CERTIFICATE_TEMPLATE, files.certificate);
            path.book_url = book_url(&self.content.pages[page].url, self.options.strings.files.book_path, &path.id);
        }
        if matches!(view.as_ref(), View::Plan(_))
            && let View::Plan(plan) = view.to_mut()
        {
            fill_plan(self.content, self.index, self.renderer, self.options.strings, page, plan);
        }
        render_with(self.renderer, component, &view, self.strings.clone(), &root_prefix(&self.content.pages[page].url))
    }
}

/// What the plan's day uses, its guide and pack, and the planner, as links from `page` (or
/// from a page beside it: the guide and the pack).
pub fn fill_plan(
    content: &Content,
    index: &SiteIndex,
    renderer: &Renderer,
    strings: &'static Strings,
    page: PageId,
    plan: &mut PlanView,
) {
    let root = root_prefix(&content.pages[page].url);
    if let Some(entry) = index.day_plans.iter().find(|p| p.id == plan.id) {
        (plan.forms, plan.cards) = day_links(content, &entry.uses, &content.pages[page].url);
    }
    let own_page =
        |template: &str, pattern: &str| renderer.has_template(template).then(|| file_named(pattern, &plan.id));
    plan.guide_url = own_page(GUIDE_TEMPLATE, strings.files.plan_guide);
    plan.pack_url = own_page(PACK_TEMPLATE, strings.files.plan_pack);
    plan.planner_url =
        renderer.has_template(PLANNER_TEMPLATE).then(|| format!("{root}{}#fran-{}", strings.files.planner, plan.id));
    plan.book_url = book_url(&content.pages[page].url, strings.files.book_plan, &plan.id);
}

/// The whole site's book, from the page at `from`, when the site has one ([`Content::whole_book_fits`]).
pub fn whole_book_url(content: &Content, from: &str, strings: &Strings) -> Option<String> {
    content.whole_book_fits().then(|| book_url(from, strings.files.book_whole, ""))?
}

/// The printed book named by `pattern` (with `id`), from the page at `from`: there only when
/// this trappa typesets books (the `pdf` feature).
pub fn book_url(from: &str, pattern: &str, id: &str) -> Option<String> {
    cfg!(feature = "pdf").then(|| format!("{}{}", root_prefix(from), file_named(pattern, id)))
}

/// The exercise of `page` as the page at output path `at` carries it, with the staircases,
/// forms and cards it uses (its data block, and an exercise of Min plan's seeded plans).
pub fn exercise_view(
    content: &Content,
    bodies: &Bodies,
    renderer: &Renderer,
    strings: &'static Strings,
    page: PageId,
    at: &str,
) -> Result<Option<ExerciseView>, Diagnostic> {
    let Some(view) = bodies.exercise(content, page, at) else { return Ok(None) };
    let mut view = view;
    if let Some(uses) = bodies.index.exercise_uses.get(&page) {
        view.pictures = pictures(content, bodies.bodies, renderer, strings, &uses.pictures, at)?;
        (view.forms, view.cards) = day_links(content, uses, at);
    }
    Ok(Some(view))
}

/// The forms and cards of `uses` as links from the page at output path `at`: its *Förbered*
/// list (a plan's, or an exercise's in Min plan).
pub fn day_links(content: &Content, uses: &Uses, at: &str) -> (Vec<DayLinkView>, Vec<DayLinkView>) {
    let root = root_prefix(at);
    let forms = uses
        .forms
        .iter()
        .map(|day| DayLinkView {
            title: day.form.title.clone(),
            url: format!("{}#{}", from_root(&root, &content.pages[day.page].url), day.form.id),
        })
        .collect();
    let cards = uses
        .cards
        .iter()
        .map(|card| DayLinkView { title: card.title.clone(), url: format!("{root}{CARDS_DIR}{}.html", card.id) })
        .collect();
    (forms, cards)
}

/// The output folder of a page (`a/b/` of `a/b/c.html`): links are written the same from
/// every page in it.
fn folder(url: &str) -> &str {
    url.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// A component's view through its template on the page at output path `at`: a page of its
/// own that shows another page's component (a form as a worksheet in a participant pack).
pub fn component_html(
    renderer: &Renderer,
    component: &Component,
    view: &View,
    strings: &'static Strings,
    at: &str,
) -> Result<String, Diagnostic> {
    render_with(renderer, component, view, strings_value(strings), &root_prefix(at))
}

/// The templates that draw a staircase and a checklist (in large type) for the presenter view.
pub const PICTURE_TEMPLATES: [&str; 2] = ["components/staircase-picture.html", "components/checklist-picture.html"];

/// The staircases and checklists at `defined`, drawn for the presenter view of the page at
/// output path `at`.
pub fn pictures(
    content: &Content,
    bodies: &PerPage<Arc<PageBody>>,
    renderer: &Renderer,
    strings: &'static Strings,
    defined: &[Defined],
    at: &str,
) -> Result<Vec<Picture>, Diagnostic> {
    let root = root_prefix(at);
    let t = strings_value(strings);
    defined
        .iter()
        .filter_map(|d| {
            let (template, id, view) = match bodies[d.page].view_of(d.item)? {
                View::Staircase(view) => (PICTURE_TEMPLATES[0], &view.id, Value::from(Serde(view))),
                View::Checklist(view) => (PICTURE_TEMPLATES[1], &view.id, Value::from(Serde(view))),
                _ => return None,
            };
            let context = minijinja::context! { c => view, t => t.clone(), root => &root };
            Some(renderer.render(template, context).map(|html| Picture {
                href: from_root(&root, &content.pages[d.page].url),
                id: id.clone(),
                html,
            }))
        })
        .collect()
}

/// Renders one component's view through its template, with the UI strings `t`.
fn render_with(
    renderer: &Renderer,
    component: &Component,
    view: &View,
    t: Value,
    root: &str,
) -> Result<String, Diagnostic> {
    let context = minijinja::context! { c => Value::from(Serde(view)), t => t, root => root };
    renderer.render(&template_of(component), context)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::components::PageComponents;
    use crate::components::test_support::PlainMarkup;

    /// A component block as the default theme renders it (Markdown as written, links as
    /// `PlainMarkup` makes them).
    fn html(name: &str, yaml: &str, language: &str) -> String {
        let component = crate::components::parse(name, yaml, Path::new("t.md"), 1).unwrap();
        let strings = crate::i18n::strings(language);
        let view = component
            .view(&mut PlainMarkup { strings, exercises: Vec::new(), warnings: Vec::new() }, &PageComponents::default())
            .unwrap();
        let renderer = Renderer::load(Path::new("/nonexistent"), "default").unwrap();
        render_with(&renderer, &component, &view, strings_value(strings), "../").unwrap()
    }

    const THREE_TICKS: &str = "id: f\ntitle: T\nquestions:\n  - id: a\n    kind: tick\n    text: Vilka?\n    options: [{text: X}, {text: Y}, {text: Z, score: -1}]\n";

    #[test]
    fn a_checklist_renders_its_items_and_points() {
        let html = html(
            "checklist",
            "id: ok\ntitle: Oavsett kön\nitems:\n  - text: krav\n    points: [a, b]\n  - text: hänsyn\n",
            "sv",
        );
        assert!(
            html.starts_with(
                "<div class=\"checklist\" id=\"ok\">\n<p class=\"component-title\" id=\"ok-titel\">Oavsett kön</p>\n"
            ),
            "{html}"
        );
        assert!(html.contains("<li><span class=\"checklist-item\">krav</span>\n<ul class=\"checklist-points\"><li>a</li><li>b</li></ul>\n</li>\n"), "{html}");
        assert!(html.contains("<li><span class=\"checklist-item\">hänsyn</span></li>\n</ul>\n</div>"), "{html}");
    }

    #[test]
    fn renders_a_worksheet_with_labels() {
        let f = String::from(
            "id: f\ntitle: T\nquestions:\n  - id: a\n    kind: tick\n    text: Vilka?\n    options:\n      - text: X\n        advice: Gör Y\n  - id: b\n    kind: scale\n    text: Hur ofta?\n    scale: [Alltid, Sällan]\n    scores: [2, 1]\nbands:\n  - {min: 0, max: 1, text: Bra}\n  - {min: 2, max: 3, text: Mer}\n",
        );
        let html = html("form", &f, "sv");
        assert!(html.contains("<input type=\"checkbox\" id=\"f-a-0\""));
        assert!(html.contains("<label for=\"f-a-0\">X</label>"));
        assert!(html.contains("data-score=\"2\""));
        assert!(html.contains("<legend>Hur ofta?</legend>"));
        assert!(html.contains("data-min=\"0\" data-max=\"1\""));
    }

    #[test]
    fn script_parts_are_hidden_until_the_script_runs() {
        let html = html("form", &format!("{THREE_TICKS}chart: radar\n"), "sv");
        for hidden in
            ["class=\"form-actions\" hidden", "class=\"form-group-link\" hidden", "id=\"f-resultat\"", "id=\"f-grupp\""]
        {
            let at = html.find(hidden).unwrap_or_else(|| panic!("{hidden} missing"));
            let tag_end = at + html[at..].find('>').unwrap();
            assert!(html[at..tag_end].contains("hidden"), "{hidden} is hidden");
        }
        assert!(html.contains("data-chart=\"radar\""));
        assert_eq!(html.matches("data-action=\"clear\"").count(), 1, "one clear button per form");
        assert!(html.contains("<button type=\"button\" data-action=\"clear\">Rensa mina svar</button>"));
        // Every button is type=button: the CSP forbids submitting (form-action 'none').
        assert_eq!(html.matches("<button ").count(), html.matches("<button type=\"button\"").count());
    }

    #[test]
    fn a_form_of_notes_alone_has_no_answer_code_or_group_view() {
        let notes = String::from("id: f\ntitle: T\nquestions:\n  - {id: a, kind: text, text: Nämnd}\n");
        let html = html("form", &notes, "sv");
        assert!(html.contains("id=\"f-resultat\"") && html.contains("data-action=\"json\""), "results and export stay");
        for absent in ["data-action=\"code\"", "f-grupp", "form-group-link"] {
            assert!(!html.contains(absent), "{absent} in {html}");
        }
    }

    #[test]
    fn a_band_for_one_score_says_it_once() {
        let f = format!(
            "{THREE_TICKS}bands:\n  - {{min: -1, max: -1, text: A}}\n  - {{min: 0, max: 0, text: B}}\n  - {{min: 1, max: 2, text: C}}\n"
        );
        let sv = html("form", &f, "sv");
        for lead in ["<strong>-1 poäng:</strong>", "<strong>0 poäng:</strong>", "<strong>1–2 poäng:</strong>"] {
            assert!(sv.contains(lead), "{lead} in {sv}");
        }
        let en = html("form", &f, "en");
        for lead in ["<strong>-1 point:</strong>", "<strong>0 points:</strong>", "<strong>1–2 points:</strong>"] {
            assert!(en.contains(lead), "{lead} in {en}");
        }
    }

    #[test]
    fn links_are_named_by_their_targets() {
        let f = String::from(
            "id: f\ntitle: T\nquestions:\n  - id: a\n    kind: tick\n    text: Vilka?\n    link: fragor.md\n    options:\n      - {text: X, advice: Gör Y, link: x.md}\nbands:\n  - {min: 0, max: 1, text: Bra, links: [a.md, b.md]}\n",
        );
        let html = html("form", &f, "sv");
        assert!(
            html.contains("<p class=\"question-link\">Läs mer: <a href=\"fragor.html\">fragor.md</a></p>"),
            "{html}"
        );
        assert!(html.contains("Gör Y Läs mer: <a href=\"x.html\">x.md</a>"), "{html}");
        assert!(html.contains("Läs mer: <a href=\"a.html\">a.md</a>, <a href=\"b.html\">b.md</a>"), "{html}");
    }
}
