//! Walking the source folders and building the [`Content`] tree.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::frontmatter::{self, FrontMatter, TitleFrom};
use super::slug::slugify;
use super::{Asset, CONTENT_DIR, Content, EXERCISES_DIR, Page, PageId, PageKind, PerPage, Section, SectionId};
use crate::diagnostics::Diagnostic;
use crate::site_root::SiteRoot;

/// Files larger than this are refused: a page this big is a mistake (a pasted export, a
/// binary). Training pages are a few kilobytes; the cap keeps the worst page's cost (about
/// 90 bytes of memory per byte for a page of one-line table rows or list items, measured in
/// tests/testsuite/pathological_pages.rs) well under a gigabyte.
const MAX_PAGE_BYTES: u64 = 4 * 1024 * 1024;

pub struct LoadOptions<'a> {
    pub drafts: bool,
    /// Output folder name of `exercises/` (language dependent: `ovningar`, `exercises`).
    pub exercises_slug: &'a str,
    /// Title of a generated `exercises/` section page.
    pub exercises_title: &'a str,
    /// A file without front matter is an error (`check --require-front-matter`).
    pub require_front_matter: bool,
}

/// A page read from disk: (front matter, body, body's first line), or the problem with the
/// body and its first line when the body could still be found.
/// The diagnostic is boxed: a problem is rare, and the result of every page is kept a while.
type ReadResult = Result<(FrontMatter, String, usize), (Box<Diagnostic>, String, usize)>;

struct Walked {
    dirs: Vec<PathBuf>,
    markdown: Vec<PathBuf>,
    assets: Vec<PathBuf>,
}

/// What loading gives: the tree, each page's Markdown after its front matter (indexed like
/// `content.pages`; empty for a folder's generated page), and the problems found.
pub type Loaded = (Content, PerPage<Arc<str>>, Vec<Diagnostic>);

/// Loads the tree. Pages whose front matter is broken stay in the tree under a stand-in
/// title (so links to them still resolve and later stages can report their own problems),
/// and their diagnostics are returned beside the content.
pub fn load(root: &Path, options: &LoadOptions) -> Result<Loaded, Vec<Diagnostic>> {
    if !root.join(CONTENT_DIR).is_dir() {
        return Err(vec![
            Diagnostic::file(root.join(CONTENT_DIR), "no content/ folder here")
                .with_hint("run trappa in a site folder, pass --root SITE, or create one with `trappa new NAME`"),
        ]);
    }
    let mut diagnostics = Vec::new();
    let walked = walk(root, &mut diagnostics);

    let parsed: Vec<ReadResult> = walked.markdown.par_iter().map(|rel| read_page(root, rel)).collect();

    let mut builder = TreeBuilder::new(options);
    for dir in &walked.dirs {
        builder.add_section(dir);
    }
    for (rel, result) in walked.markdown.iter().zip(parsed) {
        if let Ok((front, _, _)) = &result
            && options.require_front_matter
            && front.title_from != TitleFrom::FrontMatter
        {
            diagnostics.push(Diagnostic::file(rel, "missing front matter").with_hint(frontmatter::MISSING_HINT));
        }
        match result {
            Ok((front, _, _)) if front.draft && !options.drafts => {}
            Ok((front, body, body_line)) => {
                if let Err(d) = builder.add_page(rel, front, body, body_line) {
                    diagnostics.push(d);
                }
            }
            Err((d, body, body_line)) => {
                diagnostics.push(*d);
                let title = file_title(rel);
                let _ = builder.add_page(rel, FrontMatter { title, ..FrontMatter::default() }, body, body_line);
            }
        }
    }
    for rel in walked.assets {
        builder.add_asset(rel);
    }
    let (content, markdown) = builder.finish(&mut diagnostics);
    Ok((content, markdown, diagnostics))
}

fn walk(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Walked {
    let mut walked = Walked { dirs: Vec::new(), markdown: Vec::new(), assets: Vec::new() };
    let site_root = SiteRoot::new(root);
    for top in [CONTENT_DIR, EXERCISES_DIR] {
        if !root.join(top).is_dir() {
            continue;
        }
        let mut refused = Vec::new();
        let entries =
            WalkDir::new(root.join(top)).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
                if e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') {
                    return false;
                }
                // Refused links are neither read nor descended into.
                let refusal = site_root.refuse_link(e);
                let follow = refusal.is_none();
                refused.extend(refusal);
                follow
            });
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().map(|p| relative(root, p)).unwrap_or_else(|| PathBuf::from(top));
                    let message = if e.loop_ancestor().is_some() {
                        "this symbolic link points back to a folder that contains it (a loop)".to_string()
                    } else {
                        format!("cannot read: {}", e.io_error().map_or(e.to_string(), |io| io.to_string()))
                    };
                    diagnostics
                        .push(Diagnostic::file(path, message).with_hint("remove the link or fix the permissions"));
                    continue;
                }
            };
            let rel = relative(root, entry.path());
            if entry.file_type().is_dir() {
                walked.dirs.push(rel);
            } else if rel.extension().is_some_and(|e| e == "md") {
                walked.markdown.push(rel);
            } else {
                walked.assets.push(rel);
            }
        }
        diagnostics.extend(refused);
    }
    walked
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads and splits one page. On a front-matter error the body (if found) comes back with
/// the diagnostic, so the page's Markdown can still be checked.
fn read_page(root: &Path, rel: &Path) -> ReadResult {
    let text = read_text(root, rel).map_err(|d| (Box::new(d), String::new(), 1))?;
    let split = frontmatter::split(rel, &text).map_err(|d| (Box::new(d), String::new(), 1))?;
    let Some(yaml) = split.yaml else {
        let front = frontmatter::without(split.body, title_from_name(&file_title(rel)));
        return Ok((front, split.body.to_string(), split.body_line));
    };
    let is_exercise = rel.starts_with(EXERCISES_DIR) && !is_section_file(rel);
    match frontmatter::parse(rel, yaml, is_exercise) {
        Ok(front) => Ok((front, split.body.to_string(), split.body_line)),
        Err(d) => Err((Box::new(d), split.body.to_string(), split.body_line)),
    }
}

/// The file as text with BOM removed and line ends normalised to `\n`.
fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let path = root.join(rel);
    let unreadable = |e: std::io::Error| {
        Diagnostic::file(rel, format!("cannot read the file: {e}")).with_hint("check the file's permissions")
    };
    let size = std::fs::metadata(&path).map_err(unreadable)?.len();
    if size > MAX_PAGE_BYTES {
        return Err(Diagnostic::file(
            rel,
            format!("the file is {:.1} MB; pages may be at most 4 MB", size as f64 / 1_048_576.0),
        )
        .with_hint("split the page into several pages"));
    }
    let bytes = std::fs::read(&path).map_err(unreadable)?;
    if bytes.contains(&0) {
        return Err(Diagnostic::file(rel, "this is not a text file (it contains binary data)")
            .with_hint("save the page as UTF-8 text, or give a binary file another extension than .md"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        Diagnostic::new(rel, line, 1, "the file is not valid UTF-8 text")
            .with_hint("save the file with the encoding UTF-8")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() })
}

/// The name a file stands for: its own, or its folder's for a folder's own page.
fn file_title(rel: &Path) -> String {
    let named = if is_section_file(rel) { rel.parent().unwrap_or(rel) } else { rel };
    named.file_stem().unwrap_or_default().to_string_lossy().into_owned()
}

fn is_section_file(rel: &Path) -> bool {
    rel.file_name().is_some_and(|n| n == "_index.md" || n == "index.md")
}

struct TreeBuilder<'a> {
    options: &'a LoadOptions<'a>,
    content: Content,
    section_by_dir: HashMap<PathBuf, SectionId>,
    /// Sections whose own page has been read from a file (others get a generated page).
    has_own_page: Vec<bool>,
    /// Each page's Markdown, indexed like `content.pages`.
    markdown: PerPage<Arc<str>>,
}

impl<'a> TreeBuilder<'a> {
    fn new(options: &'a LoadOptions<'a>) -> Self {
        TreeBuilder {
            options,
            content: Content::default(),
            section_by_dir: HashMap::new(),
            has_own_page: Vec::new(),
            markdown: PerPage::default(),
        }
    }

    /// Output folder (with trailing `/`, or empty for the root) of a source folder.
    fn dir_url(&self, dir: &Path) -> String {
        let mut url = String::new();
        for (i, part) in dir.components().enumerate() {
            let part = part.as_os_str().to_string_lossy();
            match (i, part.as_ref()) {
                (0, CONTENT_DIR) => continue,
                (0, EXERCISES_DIR) => url.push_str(self.options.exercises_slug),
                _ => url.push_str(&slugify(&part)),
            }
            url.push('/');
        }
        url
    }

    fn add_section(&mut self, dir: &Path) {
        let index = SectionId(self.content.sections.len());
        let parent = if dir == Path::new(CONTENT_DIR) {
            None
        } else if dir == Path::new(EXERCISES_DIR) {
            Some(Content::ROOT)
        } else {
            dir.parent().and_then(|p| self.section_by_dir.get(p).copied())
        };
        let title = if dir == Path::new(EXERCISES_DIR) {
            self.options.exercises_title.to_string()
        } else {
            title_from_name(&dir.file_name().unwrap_or_default().to_string_lossy())
        };
        let page = self.content.pages.push(Page {
            source: dir.join("_index.md"),
            kind: if parent.is_none() { PageKind::Home } else { PageKind::Section },
            front: FrontMatter { title, ..FrontMatter::default() },
            url: format!("{}index.html", self.dir_url(dir)),
            section: index,
            body_line: 1,
            markdown_bytes: 0,
        });
        self.markdown.push(Arc::from(""));
        self.content.sections.push(Section {
            dir: dir.to_path_buf(),
            index_page: page,
            pages: Vec::new(),
            subsections: Vec::new(),
            parent,
        });
        self.has_own_page.push(false);
        self.section_by_dir.insert(dir.to_path_buf(), index);
        self.content.by_source.insert(dir.to_path_buf(), page);
    }

    fn add_page(&mut self, rel: &Path, front: FrontMatter, body: String, body_line: usize) -> Result<(), Diagnostic> {
        let dir = rel.parent().unwrap_or(Path::new(""));
        let section = self.section_by_dir[dir];
        if is_section_file(rel) {
            if std::mem::replace(&mut self.has_own_page[section.index()], true) {
                return Err(Diagnostic::file(rel, "this folder has both _index.md and index.md")
                    .with_hint("keep one of them: both would be the folder's own page"));
            }
            let page = &mut self.content.pages[self.content.sections[section].index_page];
            page.source = rel.to_path_buf();
            page.front = front;
            page.body_line = body_line;
            page.markdown_bytes = body.len();
            let page_index = self.content.sections[section].index_page;
            self.markdown[page_index] = body.into();
            self.content.by_source.insert(rel.to_path_buf(), page_index);
            return Ok(());
        }
        let stem = rel.file_stem().unwrap_or_default().to_string_lossy();
        let slug = slugify(&stem);
        if slug.is_empty() {
            return Err(Diagnostic::file(rel, "the file name gives an empty web address")
                .with_hint("use letters or digits in the file name, e.g. `fallgropar.md`"));
        }
        let kind = if rel.starts_with(EXERCISES_DIR) { PageKind::Exercise } else { PageKind::Page };
        let index = self.content.pages.push(Page {
            source: rel.to_path_buf(),
            kind,
            front,
            url: format!("{}{slug}.html", self.dir_url(dir)),
            section,
            body_line,
            markdown_bytes: body.len(),
        });
        self.markdown.push(body.into());
        self.content.sections[section].pages.push(index);
        self.content.by_source.insert(rel.to_path_buf(), index);
        Ok(())
    }

    fn add_asset(&mut self, rel: PathBuf) {
        let dir = rel.parent().unwrap_or(Path::new(""));
        let name = rel.file_name().unwrap_or_default().to_string_lossy().to_string();
        let url = format!("{}{name}", self.dir_url(dir));
        self.content.asset_urls.insert(rel.clone(), url.clone());
        self.content.assets.push(Asset { source: rel, url });
    }

    fn finish(mut self, diagnostics: &mut Vec<Diagnostic>) -> (Content, PerPage<Arc<str>>) {
        let content = &mut self.content;
        for index in content.section_ids() {
            if let Some(parent) = content.sections[index].parent {
                content.sections[parent].subsections.push(index);
            }
        }
        for section in content.section_ids() {
            content.sort_section(section);
        }
        let pages = &content.pages;
        let mut by_url: HashMap<&str, &Path> = HashMap::new();
        for page in pages {
            if let Some(other) = by_url.insert(&page.url, &page.source) {
                diagnostics.push(
                    Diagnostic::file(
                        &page.source,
                        format!("gives the same web address `{}` as {}", page.url, other.display()),
                    )
                    .with_hint(
                        "rename one of the files: names that differ only in å/ä/ö or case become the same address",
                    ),
                );
            }
        }
        (self.content, self.markdown)
    }
}

/// A readable title for a folder without `_index.md`: `lararande-exempel` → `Lararande exempel`.
fn title_from_name(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What re-reading one page changed, so `serve` rebuilds no more than it must.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageChange {
    /// Only this page's own output changes.
    Body,
    /// Something shown in lists and menus changed (title, description, order, exercise facts):
    /// every page's template output may change, but no other page's Markdown.
    Listing,
    /// The page appears or disappears (a draft flag): the tree must be loaded again.
    Structure,
}

/// Re-reads the source of `page` after an edit: what changed, its Markdown now, and its
/// problem. A broken file keeps its last good front matter.
pub fn reload_page(
    root: &Path,
    content: &mut Content,
    page: PageId,
    drafts: bool,
) -> (PageChange, Arc<str>, Option<Diagnostic>) {
    let rel = content.pages[page].source.clone();
    let (front, body, body_line, diagnostic) = match read_page(root, &rel) {
        Ok((front, body, body_line)) => (Some(front), body, body_line, None),
        Err((d, body, body_line)) => (None, body, body_line, Some(*d)),
    };
    let body: Arc<str> = body.into();
    let book_fitted = content.whole_book_fits();
    let current = &mut content.pages[page];
    current.body_line = body_line;
    current.markdown_bytes = body.len();
    // Crossing the whole book's size limit adds or takes away the home page's link to it.
    let body_change = if content.whole_book_fits() == book_fitted { PageChange::Body } else { PageChange::Listing };
    let current = &mut content.pages[page];
    let Some(front) = front else { return (body_change, body, diagnostic) };
    if front.draft && !drafts {
        return (PageChange::Structure, body, None);
    }
    let old = &current.front;
    let listing_changed = old.title != front.title
        || old.description != front.description
        || old.weight != front.weight
        || old.duration != front.duration
        || old.group_size != front.group_size;
    current.front = front;
    if !listing_changed {
        return (body_change, body, None);
    }
    let section = current.section;
    content.sort_section(section);
    // A section's own page places the section among its siblings (and in the menu).
    if let Some(parent) = content.sections.iter().find(|s| s.index_page == page).and_then(|s| s.parent) {
        content.sort_section(parent);
    }
    (PageChange::Listing, body, None)
}

impl Content {
    /// Puts a section's pages and subsections in display order: weight, then title.
    fn sort_section(&mut self, section: SectionId) {
        let pages = &self.pages;
        let order = |page: PageId| (pages[page].front.weight, pages[page].front.title.to_lowercase());
        let mut subsections = std::mem::take(&mut self.sections[section].subsections);
        subsections.sort_by_cached_key(|s| order(self.sections[*s].index_page));
        let section = &mut self.sections[section];
        section.subsections = subsections;
        section.pages.sort_by_cached_key(|p| order(*p));
    }
}
