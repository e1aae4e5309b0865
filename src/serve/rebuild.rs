//! Incremental rebuilds for `serve`: decides from the changed paths what a change touches
//! and re-renders only that. An edited page re-renders its own Markdown (and the pages
//! whose cards show one of its checklists); a change to what lists show (title, order, …)
//! re-renders every page's template but no other Markdown; a new, deleted or renamed file,
//! a template, a stylesheet or `site.yaml` rebuilds everything. Nothing is written while
//! the content has errors, so the last good pages stay.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::components::Component;
use crate::content::{self, CONTENT_DIR, EXERCISES_DIR, PageChange};
use crate::diagnostics::Diagnostic;
use crate::markdown;
use crate::site::{self, Rendered};

/// What a rebuild produced, for the browser.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Pages changed: reload.
    Reload { pages: usize },
    /// Only stylesheets changed: swap them without a reload.
    Css,
    /// The content is broken; the output was left as it was.
    Errors(Vec<Diagnostic>),
}

pub struct Session {
    root: PathBuf,
    out: PathBuf,
    drafts: bool,
    /// The site as last rendered (possibly with errors); `None` until a full build loads.
    site: Option<Rendered>,
    /// Pages edited since the output was last written (kept while the content has errors).
    dirty: BTreeSet<usize>,
    /// Every page must be written at the next good build (a listing changed meanwhile).
    dirty_all: bool,
    /// The search index, cards and handouts lag behind the pages: write them next.
    generated_stale: bool,
}

impl Session {
    /// Builds everything once. The session exists even when that fails, so the server can
    /// start, show the errors and pick up the fix.
    pub fn start(root: &Path, out: &Path, drafts: bool) -> (Session, Outcome) {
        let mut session = Session {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            drafts,
            site: None,
            dirty: BTreeSet::new(),
            dirty_all: false,
            generated_stale: false,
        };
        let outcome = session.full();
        (session, outcome)
    }

    pub fn apply(&mut self, changed: &[PathBuf]) -> Outcome {
        let rel: Vec<PathBuf> = changed
            .iter()
            .map(|p| p.strip_prefix(&self.root).unwrap_or(p).to_path_buf())
            .filter(|p| !p.starts_with(self.out.strip_prefix(&self.root).unwrap_or(&self.out)))
            .collect();
        let css_only = !rel.is_empty() && rel.iter().all(|p| p.extension().is_some_and(|e| e == "css"));
        match self.pages_for(&rel) {
            Some(pages) if !pages.is_empty() => self.incremental(&pages),
            Some(_) => Outcome::Reload { pages: 0 },
            None => match self.full() {
                Outcome::Reload { .. } if css_only => Outcome::Css,
                other => other,
            },
        }
    }

    /// The existing pages the changed paths are, or `None` when the change needs a full build.
    fn pages_for(&self, rel: &[PathBuf]) -> Option<Vec<usize>> {
        let site = self.site.as_ref()?;
        let mut pages = Vec::new();
        for path in rel {
            let is_markdown = (path.starts_with(CONTENT_DIR) || path.starts_with(EXERCISES_DIR))
                && path.extension().is_some_and(|e| e == "md");
            // A new file (not yet a page) or a deleted one changes the tree: full build.
            let page = site.content.page_for_source(path).filter(|_| is_markdown && self.root.join(path).is_file())?;
            pages.push(page);
        }
        Some(pages)
    }

    fn full(&mut self) -> Outcome {
        let mut site = match site::render_site(&self.root, self.drafts) {
            Ok(site) => site,
            Err(diagnostics) => return Outcome::Errors(diagnostics),
        };
        site.live_reload = true;
        if let Err(diagnostics) = site::write_site(&site, &self.root, Some(&self.out)) {
            return Outcome::Errors(diagnostics);
        }
        let pages = site.content.pages.len();
        self.site = Some(site);
        self.dirty.clear();
        self.dirty_all = false;
        Outcome::Reload { pages }
    }

    fn incremental(&mut self, changed: &[usize]) -> Outcome {
        let Some(site) = self.site.as_mut() else { return self.full() };
        let options = site.markdown_options();
        let mut rerender: BTreeSet<usize> = changed.iter().copied().collect();
        for &page in changed {
            let (change, diagnostic) = content::reload_page(&self.root, &mut site.content, page, self.drafts);
            match change {
                PageChange::Structure => return self.full(),
                PageChange::Listing => self.dirty_all = true,
                PageChange::Body => {}
            }
            // Cards elsewhere that show a checklist of this page (before or after the edit).
            let mut checklists = checklist_ids(&site.bodies[page]);
            let body = markdown::render_page(&site.content, page, options);
            checklists.extend(checklist_ids(&body));
            site.bodies[page] = body;
            site.page_diagnostics[page] = std::mem::take(&mut site.bodies[page].diagnostics);
            site.page_diagnostics[page].extend(diagnostic);
            rerender.extend(cards_showing(site, &checklists));
        }
        for &page in &rerender {
            if !changed.contains(&page) {
                site.bodies[page] = markdown::render_page(&site.content, page, options);
                site.page_diagnostics[page] = std::mem::take(&mut site.bodies[page].diagnostics);
            }
        }
        self.dirty.extend(rerender);
        let diagnostics = site::analyze(site);
        if !diagnostics.is_empty() {
            return Outcome::Errors(diagnostics);
        }
        let pages: Vec<usize> =
            if self.dirty_all { (0..site.content.pages.len()).collect() } else { self.dirty.iter().copied().collect() };
        let out = &self.out;
        let errors = site::write_pages(site, &pages, &|rel: &str, bytes: &[u8]| write_in_place(out, rel, bytes));
        if !errors.is_empty() {
            return Outcome::Errors(errors);
        }
        self.dirty.clear();
        self.dirty_all = false;
        self.generated_stale = true;
        Outcome::Reload { pages: pages.len() }
    }

    /// After an incremental rebuild, writes the pages that gather many pages again: the
    /// search index and page, the cards and their sheet, the section handouts. `None` when
    /// nothing was pending.
    pub fn refresh_generated(&mut self) -> Option<Result<(), Vec<Diagnostic>>> {
        if !std::mem::take(&mut self.generated_stale) {
            return None;
        }
        let site = self.site.as_ref()?;
        let out = &self.out;
        let (_, errors) = site::write_generated(site, &|rel: &str, bytes: &[u8]| write_in_place(out, rel, bytes));
        Some(if errors.is_empty() { Ok(()) } else { Err(errors) })
    }
}

fn checklist_ids(body: &markdown::RenderedBody) -> BTreeSet<String> {
    body.components
        .items
        .iter()
        .filter_map(|(_, c)| match c {
            Component::Checklist(c) => c.id.clone(),
            _ => None,
        })
        .collect()
}

fn cards_showing(site: &Rendered, checklists: &BTreeSet<String>) -> Vec<usize> {
    site.bodies
        .iter()
        .enumerate()
        .filter(|(_, body)| {
            body.components.items.iter().any(|(_, c)| {
                matches!(c, Component::Card(card) if card.checklist.as_ref().is_some_and(|id| checklists.contains(id)))
            })
        })
        .map(|(page, _)| page)
        .collect()
}

/// Replaces one output file without a moment where it is half-written.
fn write_in_place(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    let path = out.join(rel);
    let temp = path.with_extension("html.tmp");
    let result = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| std::fs::write(&temp, bytes))
        .and_then(|_| std::fs::rename(&temp, &path));
    result.map_err(|e| Diagnostic::file(&path, format!("cannot write the preview: {e}")))
}
