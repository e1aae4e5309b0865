//! Stage 2, parse: every page's Markdown to its body in parts (in parallel), with its
//! anchors, search text and links; `serve` parses an edited page again with the same code.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::load::{Loaded, Setup};
use crate::components::Component;
use crate::content::{self, Content, PageChange, PageId, PerPage};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, AnchorTables, CrossRefs, PageBody, ParsedPage};
use crate::words::SearchText;

/// The site after the Markdown stage. Each page's results stand apart, indexed like
/// `content.pages`, for the stage that reads them: shared, so that `serve` keeps this value
/// between edits while the later stages run on a copy.
#[derive(Clone)]
pub struct Parsed {
    pub setup: Arc<Setup>,
    pub content: Content,
    /// What every later stage reads of each body (components, headings, exercise, links).
    pub bodies: PerPage<Arc<PageBody>>,
    /// Each body's HTML around its components, for the assemble stage.
    pub(super) parts: PerPage<Arc<Vec<String>>>,
    /// Each page's text, for the search index.
    pub(super) texts: PerPage<Arc<SearchText>>,
    /// Each page's ids and links into other pages, for the checks across pages.
    pub(super) refs: PerPage<Arc<CrossRefs>>,
    /// Problems found while loading or parsing each page.
    pub(super) page_diagnostics: PerPage<Vec<Diagnostic>>,
    /// Each page's headings and ids, for the fragments rendered after this stage.
    pub(super) anchors: AnchorTables,
}

/// What an edit of one page changed for the stages after this one.
#[derive(Debug, PartialEq, Eq)]
pub enum Edit {
    /// Only the page's own output.
    Own,
    /// What other pages read of it (see [`reparse`]): every page may change.
    Elsewhere,
}

/// Parses every page of `loaded`. Each page's Markdown is let go as soon as it is parsed.
pub fn parse(loaded: Loaded) -> Parsed {
    let Loaded { setup, content, markdown, diagnostics } = loaded;
    let anchors = AnchorTables::new(markdown);
    // Each page's results are shared as they are made: what is collected is small.
    let pages: Vec<Shared> = content
        .pages
        .par_ids()
        .map(|page| Shared::from(markdown::render_page(&content, page, setup.markdown, &anchors)))
        .collect();
    let mut parsed = Parsed {
        setup,
        content,
        bodies: PerPage::with_capacity(pages.len()),
        parts: PerPage::with_capacity(pages.len()),
        texts: PerPage::with_capacity(pages.len()),
        refs: PerPage::with_capacity(pages.len()),
        page_diagnostics: PerPage::with_capacity(pages.len()),
        anchors,
    };
    for page in pages {
        parsed.push(page);
    }
    for d in diagnostics {
        let page = parsed.content.page_for_source(&d.path).unwrap_or(parsed.content.home_page());
        parsed.page_diagnostics[page].push(d);
    }
    parsed
}

/// One page's results, shared.
struct Shared {
    body: Arc<PageBody>,
    parts: Arc<Vec<String>>,
    text: Arc<SearchText>,
    refs: Arc<CrossRefs>,
    diagnostics: Vec<Diagnostic>,
}

impl From<ParsedPage> for Shared {
    fn from(page: ParsedPage) -> Self {
        let ParsedPage { body, parts, text, refs, diagnostics } = page;
        Shared { body: Arc::new(body), parts: Arc::new(parts), text: Arc::new(text), refs: Arc::new(refs), diagnostics }
    }
}

impl Parsed {
    fn push(&mut self, page: Shared) {
        self.bodies.push(page.body);
        self.parts.push(page.parts);
        self.texts.push(page.text);
        self.refs.push(page.refs);
        self.page_diagnostics.push(page.diagnostics);
    }

    /// Reads `page` again from disk and parses it, as [`parse`] does. `Err` when the tree
    /// itself changed (a title, an order, a draft flag): the site must be loaded again.
    pub fn reparse(&mut self, root: &Path, page: PageId) -> Result<Edit, PageChange> {
        let (change, markdown, problem) = content::reload_page(root, &mut self.content, page, self.setup.drafts);
        // What lists and menus show is also what other pages' Markdown reads (a link
        // without text is named by its page's title): every page again.
        if change != PageChange::Body {
            return Err(change);
        }
        self.anchors.reload(page, markdown);
        let mut parsed = Shared::from(markdown::render_page(&self.content, page, self.setup.markdown, &self.anchors));
        let edit = if read_elsewhere(&self.bodies[page], &self.refs[page]) == read_elsewhere(&parsed.body, &parsed.refs)
        {
            Edit::Own
        } else {
            Edit::Elsewhere
        };
        parsed.diagnostics.extend(problem);
        self.bodies[page] = parsed.body;
        self.parts[page] = parsed.parts;
        self.texts[page] = parsed.text;
        self.refs[page] = parsed.refs;
        self.page_diagnostics[page] = parsed.diagnostics;
        Ok(edit)
    }
}

/// What other pages read of a page's body, as one comparable text: its components as
/// written (not where they stand) and the ids of those that did not parse (a card shows a
/// checklist, a path its forms, a plan its exercise), its headings and their other spellings
/// (a link names the heading it leads to), and an exercise's step minutes (a plan's times).
fn read_elsewhere(body: &PageBody, refs: &CrossRefs) -> String {
    let components: Vec<&Component> = body.components.items.iter().map(|(_, c)| c).collect();
    let minutes: Vec<Option<u32>> =
        body.exercise.iter().flat_map(|parts| &parts.steps).map(|step| step.minutes).collect();
    let unparsed = &body.components.unparsed_ids;
    // In order: a map's own order differs from one map to the next, so two readings of an
    // unchanged page would seem to differ (every edit of a page with aliases built everything).
    let aliases: std::collections::BTreeMap<_, _> = refs.aliases.iter().collect();
    format!("{components:?}\n{unparsed:?}\n{:?}\n{aliases:?}\n{minutes:?}", body.headings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{How, load};

    /// An edit of a page's text alone is the page's own, however many headings (and other
    /// spellings of their ids) it has: once, a map's order made every such edit rebuild all.
    #[test]
    fn an_edit_of_the_text_alone_is_the_page_s_own() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("content/a.md");
        std::fs::create_dir_all(page.parent().unwrap()).unwrap();
        std::fs::write(dir.path().join("content/_index.md"), "---\ntitle: Hem\n---\n").unwrap();
        let headings: String =
            ["Åtgärder", "Mål för året", "Ärendedragning", "Brist på tid", "Öppna frågor", "Uppföljning"]
                .iter()
                .map(|h| format!("## {h}\n\nText.\n\n"))
                .collect();
        std::fs::write(&page, format!("---\ntitle: A\n---\n{headings}")).unwrap();
        let mut parsed = parse(load(dir.path(), How::default()).unwrap());
        let a = parsed.content.page_for_source(Path::new("content/a.md")).unwrap();
        assert!(parsed.refs[a].aliases.len() > 3, "the headings have other spellings");
        for edit in 0..5 {
            std::fs::write(&page, format!("---\ntitle: A\n---\n{headings}Ändring {edit}.\n")).unwrap();
            assert_eq!(parsed.reparse(dir.path(), a), Ok(Edit::Own), "edit {edit}");
        }
        std::fs::write(&page, format!("---\ntitle: A\n---\n{headings}## Ny rubrik\n")).unwrap();
        assert_eq!(parsed.reparse(dir.path(), a), Ok(Edit::Elsewhere), "a new heading is read elsewhere");
    }
}
