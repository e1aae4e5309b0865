//! The site index: what the pages define for other pages (checklists, cards and forms by
//! id), built once after the Markdown stage, and the checks that span pages (anchors, ids,
//! the checklists cards point at). Later stages read other pages' components here.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use crate::components::{Card, Checklist, ChecklistView, Component, View};
use crate::content::Content;
use crate::diagnostics::{Diagnostic, nearest};
use crate::markdown::RenderedBody;

/// Where a component is defined: its page and its place among the page's components.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Defined {
    pub page: usize,
    pub item: usize,
}

/// The site-wide ids of the components (saved answers, print sheets and cards use them).
#[derive(Debug, Clone, Default)]
pub struct SiteIndex {
    pub checklists: HashMap<String, Defined>,
    pub cards: HashMap<String, Defined>,
    pub forms: HashMap<String, Defined>,
    /// The pages with a card that shows the checklist of this id (on its back).
    pub cards_showing: HashMap<String, Vec<usize>>,
}

impl SiteIndex {
    /// Indexes every page's components; an id used twice is an error at the second.
    pub fn build(content: &Content, bodies: &[Arc<RenderedBody>], diagnostics: &mut Vec<Diagnostic>) -> SiteIndex {
        let mut index = SiteIndex::default();
        for (page, body) in bodies.iter().enumerate() {
            for (item, (line, component)) in body.components.items.iter().enumerate() {
                if let Component::Card(Card { checklist: Some(list), .. }) = component {
                    index.cards_showing.entry(list.clone()).or_default().push(page);
                }
                let (kind, id, ids) = match component {
                    Component::Form(f) => ("form", f.id.as_str(), &mut index.forms),
                    Component::Card(c) => ("card", c.id.as_str(), &mut index.cards),
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
                            *line,
                            1,
                            format!("a {kind} with the id `{id}` already exists in {}", first.display()),
                        )
                        .with_hint(format!("give every {kind} an id of its own")),
                    );
                    continue;
                }
                ids.insert(id.to_string(), Defined { page, item });
            }
        }
        index
    }

    /// The checklist with `id` and the page it is on.
    pub fn checklist<'b>(&self, bodies: &'b [Arc<RenderedBody>], id: &str) -> Option<(usize, &'b Checklist)> {
        let at = self.checklists.get(id)?;
        match &bodies[at.page].components.items[at.item].1 {
            Component::Checklist(list) => Some((at.page, list)),
            _ => None,
        }
    }

    /// The view of the checklist with `id` as its own page shows it, and that page.
    pub fn checklist_view<'b>(&self, bodies: &'b [Arc<RenderedBody>], id: &str) -> Option<(usize, &'b ChecklistView)> {
        let at = self.checklists.get(id)?;
        bodies[at.page].placed.iter().find(|p| p.item == at.item).and_then(|placed| match &placed.view {
            View::Checklist(view) => Some((at.page, view)),
            _ => None,
        })
    }
}

/// Every card's `checklist:` names a checklist of the site.
pub fn check_card_checklists(
    content: &Content,
    bodies: &[Arc<RenderedBody>],
    index: &SiteIndex,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (page, body) in bodies.iter().enumerate() {
        for (line, component) in &body.components.items {
            let Component::Card(card) = component else { continue };
            let Some(id) = &card.checklist else { continue };
            if index.checklists.contains_key(id) {
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

/// Every link to `#anchor` of a page names an id that page has.
pub fn check_anchors(content: &Content, bodies: &[Arc<RenderedBody>], diagnostics: &mut Vec<Diagnostic>) {
    let anchors: Vec<HashSet<&str>> = bodies.iter().map(|b| b.anchors.iter().map(String::as_str).collect()).collect();
    for (page, body) in bodies.iter().enumerate() {
        for r in &body.anchor_refs {
            if anchors[r.page].contains(r.anchor.as_str()) {
                continue;
            }
            let target = &content.pages[r.page].source;
            let hint = match nearest(&r.anchor, anchors[r.page].iter().copied()) {
                Some(near) => format!("did you mean `#{near}`? Anchors come from the headings of {}", target.display()),
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
                .with_hint(hint),
            );
        }
    }
}
