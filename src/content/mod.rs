//! The content model: walks `content/` and `exercises/`, reads every Markdown file once,
//! parses its front matter and builds the tree of sections and pages that every later stage
//! reads. Nothing here knows about HTML.

pub mod frontmatter;
mod ids;
mod load;
pub mod slug;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use frontmatter::{FrontMatter, TitleFrom};
pub use ids::{PageId, PerPage, SectionId};
pub use load::{LoadOptions, Loaded, PageChange, load, reload_page};

pub const CONTENT_DIR: &str = "content";
pub const EXERCISES_DIR: &str = "exercises";

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// `content/_index.md`: the start page.
    Home,
    /// A folder's own page (`_index.md`, or generated when the folder has none).
    Section,
    Page,
    Exercise,
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Source path relative to the site root, e.g. `content/trappan/_index.md`.
    pub source: PathBuf,
    pub kind: PageKind,
    pub front: FrontMatter,
    /// Output path relative to the output root, e.g. `trappan/index.html`.
    pub url: String,
    /// The section this page belongs to (for a section's own page: that section).
    pub section: SectionId,
    /// File line on which the Markdown after the front matter starts, so Markdown positions
    /// map to file lines.
    pub body_line: usize,
    /// The length of its Markdown after the front matter, in bytes: what the whole book's
    /// size limit counts ([`Content::whole_book_fits`]).
    pub markdown_bytes: usize,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// Folder relative to the site root, e.g. `content/trappan`.
    pub dir: PathBuf,
    /// The section's own page (its `_index.md`, or a generated one).
    pub index_page: PageId,
    /// Pages in display order (weight, then title); excludes `index_page`.
    pub pages: Vec<PageId>,
    /// Child sections in display order.
    pub subsections: Vec<SectionId>,
    pub parent: Option<SectionId>,
}

/// A file under `content/` or `exercises/` that is not Markdown (an image, a PDF …), copied
/// next to the pages that refer to it.
#[derive(Debug, Clone)]
pub struct Asset {
    pub source: PathBuf,
    pub url: String,
}

#[derive(Clone, Debug, Default)]
pub struct Content {
    pub pages: PerPage<Page>,
    pub sections: Vec<Section>,
    pub assets: Vec<Asset>,
    /// Source path (relative to root) → page; section folders map to their page too.
    pub by_source: HashMap<PathBuf, PageId>,
    /// Source path of each asset → its URL.
    pub asset_urls: HashMap<PathBuf, String>,
}

/// How every stage parses Markdown (GitHub's extensions and heading ids), so that the title
/// found at load time is the heading the Markdown stage sees.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The most pages a site may have for its whole book to be typeset with its builds: typst
/// sets about a hundred book pages a second, and a site's every build would wait for it.
/// A larger site has the books of its reading paths and plans, and `trappa book --path`.
pub const BOOK_PAGE_LIMIT: usize = 500;

/// The most Markdown, in bytes, of a site whose whole book is typeset with its builds (the
/// bundled site has about 220 kB; a site of one 4 MB page would keep typst busy for minutes).
pub const BOOK_BYTES_LIMIT: usize = 2_000_000;

impl Content {
    /// Whether the site is small enough for its whole book: at most [`BOOK_PAGE_LIMIT`] pages
    /// and [`BOOK_BYTES_LIMIT`] bytes of Markdown.
    pub fn whole_book_fits(&self) -> bool {
        self.pages.len() <= BOOK_PAGE_LIMIT
            && self.pages.iter().map(|p| p.markdown_bytes).sum::<usize>() <= BOOK_BYTES_LIMIT
    }

    /// The root section (`content/`), whose own page is the home page.
    pub const ROOT: SectionId = SectionId(0);

    /// The home page: the root section's own page.
    pub fn home_page(&self) -> PageId {
        self.sections[Self::ROOT].index_page
    }

    /// Every section's id, in the order of `sections`.
    pub fn section_ids(&self) -> impl Iterator<Item = SectionId> + use<> {
        (0..self.sections.len()).map(SectionId)
    }

    pub fn section_of(&self, page: PageId) -> &Section {
        &self.sections[self.pages[page].section]
    }

    /// Finds what a source path (already normalised, relative to root) refers to.
    pub fn page_for_source(&self, source: &Path) -> Option<PageId> {
        self.by_source.get(source).copied()
    }
}
