//! Incremental rebuilds for `serve`: decides from the changed paths what a change touches
//! and re-renders only that. An edited page re-renders its own Markdown (and the pages
//! whose cards show one of its checklists, and every page's template when it has a reading
//! path; a glossary's page rebuilds everything); a change to what lists show (title, order, …)
//! re-renders every page's template but no other Markdown; a new, deleted or renamed file,
//! a template, a stylesheet or `site.yaml` rebuilds everything. Nothing is written while
//! the content has errors, so the last good pages stay.
//!
//! The files that gather every page (search index, cards, handouts) are handed over as a
//! [`GeneratedWork`] after an incremental rebuild, to be written on another thread, so the
//! next edit need not wait. The search index is kept between edits ([`LiveIndex`]): an edit
//! analyses only its own page again, and only the index files that changed are rewritten.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::components::Component;
use crate::content::{self, CONTENT_DIR, EXERCISES_DIR, PageChange};
use crate::diagnostics::Diagnostic;
use crate::markdown;
use crate::search::{IndexFrom, LiveIndex};
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
    /// Shared with a [`GeneratedWork`] while that writes; an edit meanwhile works on a copy.
    site: Option<Arc<Rendered>>,
    /// Pages edited since the output was last written (kept while the content has errors).
    dirty: BTreeSet<usize>,
    /// Every page must be written at the next good build (a listing changed meanwhile).
    dirty_all: bool,
    /// The search index, cards and handouts lag behind the pages: write them next.
    generated_stale: bool,
    /// Counts the states of the site that were written.
    generation: u64,
    /// The generation whose search index, cards and handouts are in the output folder; held
    /// while they are written, and by a full build while it replaces the folder.
    generated_output: Arc<Mutex<u64>>,
    /// The search index between edits: an edit analyses only its own page again.
    search: Arc<Mutex<LiveIndex>>,
}

/// Writing the search index, cards and handouts of one state of the site.
pub struct GeneratedWork {
    site: Arc<Rendered>,
    out: PathBuf,
    generation: u64,
    generated_output: Arc<Mutex<u64>>,
    search: Arc<Mutex<LiveIndex>>,
}

impl GeneratedWork {
    /// Writes the files, unless a newer state of the site is already in the output folder.
    pub fn write(self) -> Result<(), Vec<Diagnostic>> {
        let mut written = self.generated_output.lock().unwrap_or_else(|e| e.into_inner());
        if *written >= self.generation {
            return Ok(());
        }
        let out = &self.out;
        let (_, errors) =
            site::write_generated(&self.site, IndexFrom::Live(&self.search), &|rel: &str, bytes: &[u8]| {
                write_in_place(out, rel, bytes)
            });
        *written = self.generation;
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
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
            generation: 0,
            generated_output: Arc::default(),
            search: Arc::default(),
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
        let mut generated_output = self.generated_output.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(diagnostics) =
            site::write_site(&mut site, &self.root, Some(&self.out), IndexFrom::Live(&self.search))
        {
            return Outcome::Errors(diagnostics);
        }
        self.generation += 1;
        *generated_output = self.generation;
        drop(generated_output);
        self.generated_stale = false;
        let pages = site.content.pages.len();
        self.site = Some(Arc::new(site));
        self.dirty.clear();
        self.dirty_all = false;
        Outcome::Reload { pages }
    }

    fn incremental(&mut self, changed: &[usize]) -> Outcome {
        let Some(site) = self.site.as_mut().map(Arc::make_mut) else { return self.full() };
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
            site.anchors.reload(&site.content, page);
            let (body, body_diagnostics) = markdown::render_page(&site.content, page, options, &site.anchors).shared();
            checklists.extend(checklist_ids(&body));
            let has = |name: &str| has_component(&site.bodies[page], name) || has_component(&body, name);
            // The glossary's terms are marked in every page's text: all bodies again.
            if has("glossary") {
                return self.full();
            }
            // Every step page of a reading path shows its place: their templates follow.
            if has("path") {
                self.dirty_all = true;
            }
            site.bodies[page] = body;
            site.page_diagnostics[page] = body_diagnostics;
            site.page_diagnostics[page].extend(diagnostic);
            rerender.extend(cards_showing(site, &checklists));
        }
        for &page in &rerender {
            if !changed.contains(&page) {
                site.anchors.reload(&site.content, page);
                (site.bodies[page], site.page_diagnostics[page]) =
                    markdown::render_page(&site.content, page, options, &site.anchors).shared();
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
        self.generation += 1;
        self.generated_stale = true;
        Outcome::Reload { pages: pages.len() }
    }

    /// After an incremental rebuild, the pages that gather many pages are due: the search
    /// index and page, the cards and their sheet, the section handouts. `None` when nothing
    /// is pending.
    pub fn generated_work(&mut self) -> Option<GeneratedWork> {
        if !std::mem::take(&mut self.generated_stale) {
            return None;
        }
        Some(GeneratedWork {
            site: Arc::clone(self.site.as_ref()?),
            out: self.out.clone(),
            generation: self.generation,
            generated_output: Arc::clone(&self.generated_output),
            search: Arc::clone(&self.search),
        })
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

fn has_component(body: &markdown::RenderedBody, name: &str) -> bool {
    body.components.items.iter().any(|(_, c)| c.name() == name)
}

/// The pages with a card that shows one of `checklists` (by the index of the last build).
fn cards_showing(site: &Rendered, checklists: &BTreeSet<String>) -> Vec<usize> {
    checklists.iter().flat_map(|id| site.index.cards_showing.get(id)).flatten().copied().collect()
}

/// Replaces one output file without a moment where it is half-written; a file that already
/// holds `bytes` is left as it is (most of the search index's files after an edit).
fn write_in_place(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    let path = out.join(rel);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    let temp = path.with_extension("html.tmp");
    let result = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| std::fs::write(&temp, bytes))
        .and_then(|_| std::fs::rename(&temp, &path));
    result.map_err(|e| Diagnostic::file(&path, format!("cannot write the preview: {e}")))
}
