//! Stage 4, assemble: each body put together, its components rendered through the theme's
//! templates in their places (in parallel), now that the site index is known.

use std::sync::Arc;

use rayon::prelude::*;

use super::analyze::Analyzed;
use super::load::Setup;
use crate::content::{Content, PageId, PerPage};
use crate::diagnostics::{self, Diagnostic};
use crate::index::SiteIndex;
use crate::markdown::PageBody;
use crate::plans;
use crate::render::{Assembly, Bodies, Menu, OwnPages};
use crate::words::SearchText;

/// The site ready to write: every page's body as HTML. Cheap to clone (`serve` writes a
/// copy and keeps it).
#[derive(Clone)]
pub struct Assembled {
    pub setup: Arc<Setup>,
    pub content: Content,
    pub bodies: PerPage<Arc<PageBody>>,
    /// Each page's body HTML, indexed like `content.pages` (an `Arc<String>`, so that the
    /// HTML made is moved in, not copied).
    pub html: PerPage<Arc<String>>,
    /// The HTML of each page's placed components as its own page shows them (an
    /// exercise's guide, pack and presenter show them again; empty for a page without).
    pub components_html: PerPage<Arc<Vec<String>>>,
    /// Each page's text, for the search index.
    pub texts: PerPage<Arc<SearchText>>,
    pub index: SiteIndex,
    pub menu: Menu,
    pub(super) worksheets: plans::Worksheets,
    /// The problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Which bodies to put together.
pub enum Pages<'a> {
    /// All of them (a build).
    All,
    /// Those of `pages`; the others are as `previous` has them (`serve`, after an edit that
    /// changed nothing other pages read of the page).
    Only { pages: &'a [PageId], previous: &'a Assembled },
}

/// Puts together the bodies of `pages`; fails with every problem of the site (warnings
/// included) when there is an error among them.
pub fn assemble(analyzed: Analyzed, pages: Pages) -> Result<Assembled, Vec<Diagnostic>> {
    let Analyzed { parsed, index, menu, worksheets, mut problems } = analyzed;
    let setup = &parsed.setup;
    let assembly = Assembly::new(&parsed.content, &index, &setup.renderer, setup.markdown, &parsed.anchors);
    let (mut html, mut components_html) = match pages {
        Pages::All => {
            (vec![Arc::default(); parsed.bodies.len()].into(), vec![Arc::default(); parsed.bodies.len()].into())
        }
        Pages::Only { previous, .. } => (previous.html.clone(), previous.components_html.clone()),
    };
    // A build holds the only copy of the parts: moved here, each is let go once its body is
    // whole. `serve` keeps its own, and the pages edited get a copy.
    let chosen: Vec<(PageId, Arc<Vec<String>>)> = match pages {
        Pages::All => parsed.parts.ids().zip(parsed.parts).collect(),
        Pages::Only { pages, .. } => pages.iter().map(|&page| (page, Arc::clone(&parsed.parts[page]))).collect(),
    };
    let made: Vec<(PageId, String, Vec<String>, Vec<Diagnostic>)> = chosen
        .into_par_iter()
        .map(|(page, page_parts)| {
            let page_parts = Arc::unwrap_or_clone(page_parts);
            let body = &parsed.bodies[page];
            if body.placed.is_empty() && !assembly.marks_terms(page) {
                // A body without components is its one part.
                let html = page_parts.into_iter().next().unwrap_or_default();
                (page, html, Vec::new(), Vec::new())
            } else {
                let (html, components, problems) = assembly.body(page, body, &page_parts);
                // Only an exercise's are shown again (its guide, pack and presenter).
                let components = if body.exercise.is_some() { components } else { Vec::new() };
                (page, html, components, problems)
            }
        })
        .collect();
    drop(assembly);
    for (page, page_html, components, page_problems) in made {
        // Moved, not copied: a copy would hold the site's HTML twice for a moment.
        html[page] = Arc::new(page_html);
        components_html[page] = Arc::new(components);
        problems.extend(page_problems);
    }
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diagnostics::sorted(problems).into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        // Nothing is written: every problem is shown at once, the warnings among them.
        return Err(diagnostics::sorted(errors.into_iter().chain(warnings).collect()));
    }
    Ok(Assembled {
        setup: parsed.setup,
        content: parsed.content,
        bodies: parsed.bodies,
        html,
        components_html,
        texts: parsed.texts,
        index,
        menu,
        worksheets,
        warnings,
    })
}

impl Assembled {
    /// The bodies as the pages that show them read them.
    pub fn read_bodies(&self) -> Bodies<'_> {
        Bodies { bodies: &self.bodies, html: &self.html, components_html: &self.components_html, index: &self.index }
    }

    /// What the books are made from.
    #[cfg(feature = "pdf")]
    pub fn shelf(&self) -> crate::book::Shelf<'_> {
        let setup = &self.setup;
        crate::book::Shelf {
            content: &self.content,
            bodies: &self.bodies,
            index: &self.index,
            config: &setup.config,
            strings: setup.strings,
            root: &setup.root,
        }
    }

    /// How the pages no Markdown file stands for are rendered.
    pub fn own_pages(&self) -> OwnPages<'_> {
        let setup = &self.setup;
        OwnPages::new(&setup.config, &self.content, setup.strings, &self.menu, setup.live_reload, &setup.renderer)
    }
}
