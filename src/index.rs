//! The site index: what the pages define for other pages (checklists, cards, forms and
//! reading paths by id), built once after the Markdown stage, and the checks that span pages
//! (anchors, ids, the checklists cards point at). Later stages read other pages' components here.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use crate::components::{Card, Checklist, ChecklistView, Component, ComponentId, StepForm, Term, View};
use crate::content::slug::id_named;
use crate::content::{Content, PageId, PerPage};
use crate::diagnostics::{Diagnostic, Severity, nearest};
use crate::markdown::links::{self, Target};
use crate::markdown::{CrossRefs, PageBody};

/// Where a component is defined: its page and its place among the page's components.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Defined {
    pub page: PageId,
    pub item: ComponentId,
}

/// The site-wide ids of the components (saved answers, print sheets and cards use them).
#[derive(Debug, Clone, Default)]
pub struct SiteIndex {
    pub checklists: HashMap<String, Defined>,
    pub cards: HashMap<String, Defined>,
    pub forms: HashMap<String, Defined>,
    /// The forms of each page that has some, in page order: reading paths name them.
    pub forms_on_page: HashMap<PageId, Vec<StepForm>>,
    pub paths: HashMap<String, Defined>,
    /// The reading paths in page order, their steps as pages: each step page shows its place.
    pub reading_paths: Vec<PathEntry>,
    /// The site's glossary (one at most): other pages mark the first use of its terms.
    pub glossary: Option<GlossaryEntry>,
    /// The pages with a card that shows the checklist of this id (on its back).
    pub cards_showing: HashMap<String, Vec<PageId>>,
    /// The checklists that cards show, as their own page has them: few, and kept here so
    /// that the bodies can be put together in place.
    pub shown: HashMap<String, Shown>,
    pub plans: HashMap<String, Defined>,
    /// The plans for a staff day in page order, with what the day uses.
    pub day_plans: Vec<PlanEntry>,
    /// For each exercise page, what it uses as a day of its own in Min plan: the forms, cards
    /// and staircases on the page and on the pages it links to.
    pub exercise_uses: HashMap<PageId, Uses>,
    /// The cards each page brings to a day: those on it and those that show one of its
    /// checklists, so that what a day or an exercise uses costs its own pages, not every card.
    cards_by_page: HashMap<PageId, Vec<String>>,
}

/// The forms, cards and pictures (staircases, checklists) that a day or an exercise uses.
#[derive(Debug, Clone, Default)]
pub struct Uses {
    pub forms: Vec<DayForm>,
    /// The cards on those pages, and the cards that show a checklist of those pages.
    pub cards: Vec<DayCard>,
    /// The staircases and checklists on those pages: a slide that links to one shows it
    /// drawn (a checklist in large type).
    pub pictures: Vec<Defined>,
}

/// A plan as its guide and pack see it: where it is, the page each block names, and the
/// forms and cards the day uses.
#[derive(Debug, Clone)]
pub struct PlanEntry {
    pub id: String,
    pub page: PageId,
    pub item: ComponentId,
    /// The page each block names (its exercise or page), in block order.
    pub block_pages: Vec<Option<PageId>>,
    /// What is on the pages the day uses: the blocks' pages, the pages those link to, and
    /// the pages the blocks' own texts link to; each once, in that order.
    pub uses: Uses,
    /// What each block's pages hold, in block order (Min plan's seeded blocks carry theirs).
    pub block_uses: Vec<Uses>,
}

#[derive(Debug, Clone)]
pub struct DayForm {
    /// The page the form is on.
    pub page: PageId,
    pub form: StepForm,
}

#[derive(Debug, Clone)]
pub struct DayCard {
    pub id: String,
    /// The card's title as printed.
    pub title: String,
}

/// A checklist that a card shows: where it is, its model and its view on its own page.
#[derive(Debug, Clone)]
pub struct Shown {
    pub page: PageId,
    pub checklist: Checklist,
    pub view: ChecklistView,
}

/// A reading path as its step pages see it.
#[derive(Debug, Clone)]
pub struct PathEntry {
    pub id: String,
    pub title: String,
    /// The page the path is on.
    pub page: PageId,
    /// The steps in order.
    pub steps: Vec<PathStep>,
}

#[derive(Debug, Clone)]
pub struct PathStep {
    pub page: PageId,
    /// The anchor the step's link names (a form on the page).
    pub anchor: Option<String>,
    /// The step's own title, if it has one (else the page's).
    pub title: Option<String>,
}

/// The glossary as the other pages use it.
#[derive(Debug, Clone)]
pub struct GlossaryEntry {
    /// The page the glossary is on.
    pub page: PageId,
    pub terms: Vec<Term>,
}

impl SiteIndex {
    /// Indexes every page's components; an id used twice is an error at the second.
    pub fn build(content: &Content, bodies: &PerPage<Arc<PageBody>>, diagnostics: &mut Vec<Diagnostic>) -> SiteIndex {
        let mut index = SiteIndex::default();
        for (page, body) in bodies.enumerate() {
            for (item, line, component) in body.components.enumerate() {
                if let Component::Card(Card { checklist: Some(list), .. }) = component {
                    index.cards_showing.entry(list.clone()).or_default().push(page);
                }
                if let Component::Glossary(glossary) = component {
                    match &index.glossary {
                        Some(first) => diagnostics.push(
                            Diagnostic::new(
                                &content.pages[page].source,
                                line,
                                1,
                                format!(
                                    "the site already has a glossary, in {}",
                                    content.pages[first.page].source.display()
                                ),
                            )
                            .with_hint("a site has one glossary: move these terms into it"),
                        ),
                        None => index.glossary = Some(GlossaryEntry { page, terms: glossary.terms.clone() }),
                    }
                    continue;
                }
                let (kind, id, ids) = match component {
                    Component::Form(f) => ("form", f.id.as_str(), &mut index.forms),
                    Component::Card(c) => ("card", c.id.as_str(), &mut index.cards),
                    Component::Path(p) => ("path", p.id.as_str(), &mut index.paths),
                    Component::Plan(p) => ("plan", p.id.as_str(), &mut index.plans),
                    Component::Checklist(Checklist { id: Some(id), .. }) => {
                        ("checklist", id.as_str(), &mut index.checklists)
                    }
                    _ => continue,
                };
                if let Some(first) = ids.get(id) {
                    let first: &Path = &content.pages[first.page].source;
                    diagnostics.push(
                        Diagnostic::new(
                            &content.pages[page].source,
                            line,
                            1,
                            format!("a {kind} with the id `{id}` already exists in {}", first.display()),
                        )
                        .with_hint(format!("give every {kind} an id of its own")),
                    );
                    continue;
                }
                ids.insert(id.to_string(), Defined { page, item });
                if let Component::Form(form) = component {
                    index.forms_on_page.entry(page).or_default().push(StepForm {
                        id: form.id.clone(),
                        version: form.version(),
                        title: form.title.clone(),
                    });
                }
                if let Component::Path(path) = component {
                    let source = &content.pages[page].source;
                    // A step that leads nowhere was reported by the Markdown stage.
                    let steps = path
                        .steps
                        .iter()
                        .filter_map(|step| match links::resolve(content, source, page, &step.page) {
                            Ok(Target::Page { page, anchor }) => {
                                Some(PathStep { page, anchor, title: step.title.clone() })
                            }
                            _ => None,
                        })
                        .collect();
                    index.reading_paths.push(PathEntry { id: id.to_string(), title: path.title.clone(), page, steps });
                }
            }
        }
        for (id, at) in &index.cards {
            let Component::Card(card) = &bodies[at.page].components[at.item] else { continue };
            let shows = card.checklist.as_ref().and_then(|list| index.checklists.get(list)).map(|list| list.page);
            for page in std::iter::once(at.page).chain(shows.filter(|&p| p != at.page)) {
                index.cards_by_page.entry(page).or_default().push(id.clone());
            }
        }
        index.day_plans = index.plan_entries(content, bodies);
        for (page, body) in bodies.enumerate().filter(|(_, body)| body.exercise.is_some()) {
            let mut pages = vec![page];
            pages.extend(body.linked_pages.iter().copied().filter(|&p| p != page));
            let uses = index.uses(&pages, bodies);
            index.exercise_uses.insert(page, uses);
        }
        for id in index.cards_showing.keys() {
            let Some(at) = index.checklists.get(id) else { continue };
            let body = &bodies[at.page];
            if let (Component::Checklist(checklist), Some(View::Checklist(view))) =
                (&body.components[at.item], body.view_of(at.item))
            {
                index
                    .shown
                    .insert(id.clone(), Shown { page: at.page, checklist: checklist.clone(), view: view.clone() });
            }
        }
        index
    }

    /// Every plan of the site with what its day uses, in page order.
    fn plan_entries(&self, content: &Content, bodies: &PerPage<Arc<PageBody>>) -> Vec<PlanEntry> {
        let mut plans: Vec<(&String, &Defined)> = self.plans.iter().collect();
        plans.sort_by_key(|(_, at)| (at.page, at.item));
        plans
            .into_iter()
            .filter_map(|(id, at)| {
                let Component::Plan(plan) = &bodies[at.page].components[at.item] else { return None };
                let source = &content.pages[at.page].source;
                let page_of = |dest: &str| match links::resolve(content, source, at.page, dest) {
                    Ok(Target::Page { page, .. }) => Some(page),
                    _ => None,
                };
                let block_pages: Vec<Option<PageId>> =
                    plan.blocks.iter().map(|block| block.destination().and_then(page_of)).collect();
                // The pages the day uses, each once, in the order the day comes to them.
                let mut used: Vec<PageId> = Vec::new();
                let mut seen = HashSet::new();
                let mut block_uses = Vec::with_capacity(plan.blocks.len());
                for (block, page) in plan.blocks.iter().zip(&block_pages) {
                    let named =
                        page.iter().flat_map(|&p| std::iter::once(p).chain(bodies[p].linked_pages.iter().copied()));
                    let in_text = block.text.as_deref().map(links_in).unwrap_or_default();
                    let mut own: Vec<PageId> = Vec::new();
                    for p in named.chain(in_text.iter().filter_map(|dest| page_of(dest))) {
                        if !own.contains(&p) {
                            own.push(p);
                        }
                        if seen.insert(p) {
                            used.push(p);
                        }
                    }
                    block_uses.push(self.uses(&own, bodies));
                }
                Some(PlanEntry {
                    id: id.clone(),
                    page: at.page,
                    item: at.item,
                    block_pages,
                    uses: self.uses(&used, bodies),
                    block_uses,
                })
            })
            .collect()
    }

    /// The forms, cards and pictures on `pages`.
    fn uses(&self, pages: &[PageId], bodies: &PerPage<Arc<PageBody>>) -> Uses {
        Uses {
            forms: self.forms_on(pages),
            cards: self.cards_on(pages, bodies),
            pictures: pictured_on(pages.iter().copied(), bodies),
        }
    }

    fn forms_on(&self, pages: &[PageId]) -> Vec<DayForm> {
        pages
            .iter()
            .flat_map(|&page| {
                self.forms_on_page
                    .get(&page)
                    .into_iter()
                    .flatten()
                    .map(move |form| DayForm { page, form: form.clone() })
            })
            .collect()
    }

    /// The cards on `pages` and those that show a checklist of `pages`, in the pages' order.
    fn cards_on(&self, pages: &[PageId], bodies: &PerPage<Arc<PageBody>>) -> Vec<DayCard> {
        // Each card once, at the first of the pages that has it or the checklist it shows.
        let mut seen = HashSet::new();
        let mut cards: Vec<(usize, &String, &Defined)> = pages
            .iter()
            .enumerate()
            .flat_map(|(first, page)| self.cards_by_page.get(page).into_iter().flatten().map(move |id| (first, id)))
            .filter(|(_, id)| seen.insert(*id))
            .filter_map(|(first, id)| Some((first, id, self.cards.get(id)?)))
            .collect();
        cards.sort_by_key(|(first, _, at)| (*first, at.page, at.item));
        cards
            .into_iter()
            .map(|(_, id, at)| {
                let title = match bodies[at.page].view_of(at.item) {
                    Some(View::Card(card)) => card.title.clone(),
                    _ => id.clone(),
                };
                DayCard { id: id.clone(), title }
            })
            .collect()
    }

    /// The forms on each step's page, into the path's view (its steps are the entry's, in order).
    pub fn fill_step_forms(&self, entry: &PathEntry, view: &mut crate::components::PathView) {
        for (step, shown) in entry.steps.iter().zip(view.steps.iter_mut()) {
            shown.forms = self.forms_on_page.get(&step.page).cloned().unwrap_or_default();
        }
    }
}

/// The staircases and checklists on `pages`, in their order: what a slide can show drawn.
fn pictured_on(pages: impl Iterator<Item = PageId>, bodies: &PerPage<Arc<PageBody>>) -> Vec<Defined> {
    pages
        .flat_map(|page| {
            bodies[page]
                .components
                .enumerate()
                .filter(|(_, _, c)| matches!(c, Component::Staircase(_) | Component::Checklist(_)))
                .map(move |(item, _, _)| Defined { page, item })
        })
        .collect()
}

/// The link destinations in a piece of Markdown (a plan block's text).
fn links_in(markdown: &str) -> Vec<String> {
    pulldown_cmark::Parser::new(markdown)
        .filter_map(|event| match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect()
}

/// A path's `report_score:` names a form on one of the path's own steps: the score a
/// learning platform is told must be of what the person does on that path.
pub fn check_reported_scores(
    content: &Content,
    bodies: &PerPage<Arc<PageBody>>,
    index: &SiteIndex,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (page, body) in bodies.enumerate() {
        for (line, component) in &body.components.items {
            let Component::Path(path) = component else { continue };
            let Some(id) = &path.report_score else { continue };
            let Some(entry) = index.reading_paths.iter().find(|p| p.id == path.id && p.page == page) else { continue };
            let on_steps: Vec<&str> = entry
                .steps
                .iter()
                .flat_map(|step| index.forms_on_page.get(&step.page).into_iter().flatten())
                .map(|form| form.id.as_str())
                .collect();
            if on_steps.contains(&id.as_str()) {
                continue;
            }
            let hint = match (nearest(id, on_steps.iter().copied()), on_steps.is_empty()) {
                (_, true) => {
                    "no step of this path has a form: add the form's page as a step, or leave `report_score` out"
                        .to_string()
                }
                (Some(near), _) => {
                    format!("did you mean `{near}`? The forms on the path's steps: {}", on_steps.join(", "))
                }
                (None, _) => format!("name a form on one of the path's steps: {}", on_steps.join(", ")),
            };
            diagnostics.push(
                Diagnostic::new(
                    &content.pages[page].source,
                    *line,
                    1,
                    format!("the path's `report_score` names form `{id}`, which is on none of its steps"),
                )
                .with_hint(hint),
            );
        }
    }
}

/// Every card's `checklist:` names a checklist of the site.
pub fn check_card_checklists(
    content: &Content,
    bodies: &PerPage<Arc<PageBody>>,
    index: &SiteIndex,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let unparsed: HashSet<&str> =
        bodies.iter().flat_map(|b| b.components.unparsed_ids.iter().map(String::as_str)).collect();
    for (page, body) in bodies.enumerate() {
        for (line, component) in &body.components.items {
            let Component::Card(card) = component else { continue };
            let Some(id) = &card.checklist else { continue };
            if index.checklists.contains_key(id) || unparsed.contains(id.as_str()) {
                continue;
            }
            let hint = match nearest(id, index.checklists.keys().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "give the checklist an `id:` and use the same id here".to_string(),
            };
            diagnostics.push(
                Diagnostic::new(
                    &content.pages[page].source,
                    *line,
                    1,
                    format!("the card points at checklist `{id}`, which does not exist"),
                )
                .with_hint(hint),
            );
        }
    }
}

/// Every link to `#anchor` of a page names an id that page has, as trappa, GitHub or GitLab
/// spell it; the problem is an error or a warning as `site.yaml` says.
pub fn check_anchors(
    content: &Content,
    bodies: &PerPage<Arc<PageBody>>,
    refs: &PerPage<Arc<CrossRefs>>,
    severity: Severity,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let anchors: PerPage<HashSet<&str>> = refs.iter().map(|r| r.anchors.iter().map(|id| &**id).collect()).collect();
    for (page, page_refs) in refs.enumerate() {
        for r in &page_refs.anchor_refs {
            let (to, aliases) = (&bodies[r.page], &refs[r.page].aliases);
            if anchors[r.page].contains(r.anchor.as_str())
                || aliases.contains_key(&r.anchor)
                || to.components.unparsed_ids.contains(&r.anchor)
            {
                continue;
            }
            let target = &content.pages[r.page].source;
            let spellings = anchors[r.page].iter().copied().chain(aliases.keys().map(String::as_str));
            let hint = match nearest(&r.anchor, spellings) {
                Some(near) => {
                    let heading = id_named(aliases, near).and_then(|id| to.headings.iter().find(|h| &*h.id == id));
                    let named = heading.map(|h| format!(" (the heading \"{}\")", h.text)).unwrap_or_default();
                    format!(
                        "did you mean `#{near}`{named}? Anchors are the headings of {} as trappa, GitHub or GitLab write them",
                        target.display()
                    )
                }
                None => format!(
                    "{} has no heading with that anchor; anchors are the heading text in lowercase with - between words",
                    target.display()
                ),
            };
            diagnostics.push(
                Diagnostic::new(
                    &content.pages[page].source,
                    r.line,
                    r.col,
                    format!("link to a missing anchor `#{}`", r.anchor),
                )
                .with_hint(hint)
                .with_severity(severity),
            );
        }
    }
}
