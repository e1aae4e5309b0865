//! Incremental rebuilds for `serve`: decides from the changed paths what a change touches
//! and runs the build's own stages on it (`crate::site`): the session keeps the [`Parsed`]
//! site, parses an edited page again (`Parsed::reparse`), and runs `analyze`, `assemble`
//! (for the pages edited) and `write_pages` as a build runs them on every page. An edit of a
//! page's text writes that page alone; a change to
//! what other pages read of it (its title, order or other listed facts, its components, its
//! headings, an exercise's step minutes), a new, deleted or renamed file, a template, a
//! stylesheet or `site.yaml` rebuilds everything, so the preview is always what a build
//! writes (`tests/testsuite/serve_differential.rs`). Nothing is written while the content has errors,
//! so the last good pages stay.
//!
//! The files that gather every page (search index, cards, handouts) are handed over as a
//! [`GeneratedWork`] after an incremental rebuild, to be written on another thread, so the
//! next edit need not wait. The search index is made anew from the kept pages' text, as a
//! build makes it (its ranking is the whole site's), and only the index files that changed
//! are rewritten. The books (typst, seconds rather than milliseconds) are never written by
//! a rebuild itself: after a full build they follow on the same thread, alone.

use std::collections::BTreeSet;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::content::{CONTENT_DIR, EXERCISES_DIR, PageId};
use crate::diagnostics::{self, Diagnostic};
use crate::site::{self, Assembled, Books, Edit, How, Pages, Parsed};

/// What a rebuild produced, for the browser.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Pages changed: reload.
    Reload { pages: usize },
    /// Only stylesheets changed: swap them without a reload.
    Css,
    /// The content is broken; the output was left as it was.
    Errors(Vec<Diagnostic>),
    /// The rebuild itself failed (a fault in trappa, not in the content), with what it said.
    /// What the session kept is dropped: the next change builds the whole site again.
    Failed(String),
}

/// A test's way to make a rebuild fail: a change to a file of this name panics, as a fault
/// would (`tests/testsuite/serve.rs`). Read once per rebuild; unset in any real use.
const FAIL_ON: &str = "TRAPPA_TEST_FAIL_ON";

pub struct Session {
    root: PathBuf,
    out: PathBuf,
    drafts: bool,
    /// The site as last parsed (possibly with errors); `None` until a full build loads.
    /// Each rebuild runs the stages after parsing on a copy of it.
    parsed: Option<Parsed>,
    /// The site as last written; `None` until a full build writes. Shared with a
    /// [`GeneratedWork`] while that writes.
    site: Option<Arc<Assembled>>,
    /// Pages edited since the output was last written (kept while the content has errors).
    dirty: BTreeSet<PageId>,
    /// The search index, cards and handouts lag behind the pages: write them next.
    generated_stale: bool,
    /// The books lag behind the pages (after a full build, which leaves them out).
    books_stale: bool,
    /// Counts the states of the site that were written.
    generation: u64,
    /// The generation whose search index, cards and handouts, and whose books, are in the
    /// output folder; held while they are written, and by a full build while it replaces the folder.
    generated_output: Arc<Mutex<WrittenOut>>,
    /// Writing the search index, cards or handouts failed: the next change builds everything.
    generated_failed: Arc<AtomicBool>,
}

/// The generations whose files that gather pages are in the output folder.
#[derive(Default)]
pub struct WrittenOut {
    generated: u64,
    books: u64,
}

/// Writing the search index, cards and handouts (and the books), or the books alone, of one
/// state of the site.
pub struct GeneratedWork {
    site: Arc<Assembled>,
    out: PathBuf,
    generation: u64,
    /// Only the books are due (after a full build).
    books_only: bool,
    generated_output: Arc<Mutex<WrittenOut>>,
    generated_failed: Arc<AtomicBool>,
}

impl GeneratedWork {
    /// Writes the files, unless a newer state of the site is already in the output folder.
    /// A failure has the next change build everything.
    pub fn write(self) -> Outcome {
        let failed = Arc::clone(&self.generated_failed);
        guarded(|| self.write_files(), || failed.store(true, Ordering::SeqCst))
    }

    fn write_files(self) -> Outcome {
        let mut written = self.generated_output.lock().unwrap_or_else(|e| e.into_inner());
        let generated_due = !self.books_only && written.generated < self.generation;
        if !generated_due && written.books >= self.generation {
            return Outcome::Reload { pages: 0 };
        }
        let out = &self.out;
        let write = |rel: &str, bytes: &[u8]| write_in_place(out, rel, bytes);
        let (_, errors) = if generated_due {
            site::write_generated(&self.site, &write, out)
        } else {
            site::write_books(&self.site, &write, Some(out))
        };
        written.books = self.generation;
        if generated_due {
            written.generated = self.generation;
        }
        if errors.is_empty() { Outcome::Reload { pages: 0 } } else { Outcome::Errors(errors) }
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
            parsed: None,
            site: None,
            dirty: BTreeSet::new(),
            generated_stale: false,
            books_stale: false,
            generation: 0,
            generated_output: Arc::default(),
            generated_failed: Arc::default(),
        };
        let outcome = session.guarded(Session::full);
        (session, outcome)
    }

    /// Rebuilds what `changed` touches. Whatever goes wrong, the next change is tried again:
    /// after a failure (a panic included) everything the session kept is dropped.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Outcome {
        if let Ok(name) = std::env::var(FAIL_ON)
            && changed.iter().any(|p| p.file_name().is_some_and(|n| *n == *name))
        {
            return self.guarded(|_| panic!("{FAIL_ON}: a failure injected on a change to {name}"));
        }
        if self.generated_failed.swap(false, Ordering::SeqCst) {
            self.parsed = None;
        }
        self.guarded(|session| session.apply_changes(changed))
    }

    /// Runs `step`; a panic in it is caught, and drops what the session kept.
    fn guarded(&mut self, step: impl FnOnce(&mut Session) -> Outcome) -> Outcome {
        let mut dropped = false;
        let outcome = guarded(|| step(self), || dropped = true);
        if dropped {
            self.parsed = None;
            self.site = None;
            self.generated_stale = false;
            self.books_stale = false;
        }
        outcome
    }

    fn apply_changes(&mut self, changed: &[PathBuf]) -> Outcome {
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
    fn pages_for(&self, rel: &[PathBuf]) -> Option<Vec<PageId>> {
        let site = self.parsed.as_ref()?;
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
        self.parsed = None;
        self.site = None;
        let how = How { drafts: self.drafts, require_front_matter: false, live_reload: true };
        let parsed = match site::load(&self.root, how) {
            Ok(loaded) => site::parse(loaded),
            Err(diagnostics) => return Outcome::Errors(diagnostics::sorted(diagnostics)),
        };
        self.parsed = Some(parsed.clone());
        let assembled = match site::assemble(site::analyze(parsed), Pages::All) {
            Ok(assembled) => assembled,
            Err(diagnostics) => return Outcome::Errors(diagnostics),
        };
        let pages = assembled.content.pages.len();
        let mut generated_output = self.generated_output.lock().unwrap_or_else(|e| e.into_inner());
        // `write_site` takes the stage (a build lets its HTML go before the search index):
        // the session keeps its own copy for the next edit.
        if let Err(diagnostics) = site::write_site_with(assembled.clone(), Some(&self.out), Books::Later) {
            return Outcome::Errors(diagnostics);
        }
        self.generation += 1;
        generated_output.generated = self.generation;
        drop(generated_output);
        self.generated_stale = false;
        self.books_stale = true;
        self.site = Some(Arc::new(assembled));
        self.dirty.clear();
        Outcome::Reload { pages }
    }

    /// Parses the `changed` pages again and runs the stages after parsing on the whole site,
    /// as a build does; assembles and writes only the pages edited since the last write
    /// (everything when what other pages read of a page changed).
    fn incremental(&mut self, changed: &[PageId]) -> Outcome {
        let (Some(parsed), Some(previous)) = (self.parsed.as_mut(), self.site.clone()) else { return self.full() };
        for &page in changed {
            if parsed.reparse(&self.root, page) != Ok(Edit::Own) {
                return self.full();
            }
        }
        self.dirty.extend(changed);
        let pages: Vec<PageId> = self.dirty.iter().copied().collect();
        let only = Pages::Only { pages: &pages, previous: &previous };
        let assembled = match site::assemble(site::analyze(parsed.clone()), only) {
            Ok(assembled) => assembled,
            Err(diagnostics) => return Outcome::Errors(diagnostics),
        };
        let out = &self.out;
        let errors = site::write_pages(&assembled, &pages, &|rel: &str, bytes: &[u8]| write_in_place(out, rel, bytes));
        if !errors.is_empty() {
            return Outcome::Errors(errors);
        }
        self.site = Some(Arc::new(assembled));
        self.dirty.clear();
        self.generation += 1;
        self.generated_stale = true;
        Outcome::Reload { pages: pages.len() }
    }

    /// After an incremental rebuild, the pages that gather many pages are due: the search
    /// index and page, the cards and their sheet, the section handouts. `None` when nothing
    /// is pending.
    pub fn generated_work(&mut self) -> Option<GeneratedWork> {
        let generated = std::mem::take(&mut self.generated_stale);
        let books = std::mem::take(&mut self.books_stale);
        if !generated && !books {
            return None;
        }
        Some(GeneratedWork {
            site: Arc::clone(self.site.as_ref()?),
            out: self.out.clone(),
            generation: self.generation,
            books_only: !generated,
            generated_output: Arc::clone(&self.generated_output),
            generated_failed: Arc::clone(&self.generated_failed),
        })
    }
}

/// Runs `step`, catching a panic: then `recover` runs and the outcome says what the panic said.
fn guarded(step: impl FnOnce() -> Outcome, recover: impl FnOnce()) -> Outcome {
    std::panic::catch_unwind(AssertUnwindSafe(step)).unwrap_or_else(|panic| {
        recover();
        let said = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("no message");
        Outcome::Failed(said.to_string())
    })
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
