//! The data a template sees for one page. Every URL is relative to the page (`root` leads
//! back to the output root), so the site works from a folder as well as from a server.

use std::sync::{Mutex, PoisonError};

use minijinja::value::{Serde, Value};
use serde::Serialize;

use super::Menu;
use crate::config::Config;
use crate::content::{Content, Page, PageId, PageKind, SectionId};
use crate::i18n::{FileNames, Strings};
use crate::index::{PathEntry, PathStep};
use crate::markdown::Heading;
use crate::markdown::exercise::ExerciseView;
use crate::web::{from_root, root_prefix};

/// The Content-Security-Policy every page carries: only the site's own files, no inline script.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'none'; base-uri 'none'";

#[derive(Serialize)]
struct Link<'a> {
    title: &'a str,
    url: String,
    /// The entry leads to this page's top-level section.
    active: bool,
    /// The entry is this very page.
    current: bool,
}

#[derive(Serialize)]
struct PageSummary<'a> {
    title: &'a str,
    description: &'a str,
    url: String,
    kind: PageKind,
    duration: Option<u32>,
    group_size: Option<&'a str>,
}

pub struct PageInputs<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    pub page: PageId,
    pub html: &'a str,
    pub headings: &'a [Heading],
    pub strings: &'static Strings,
    pub menu: &'a Menu,
    pub live_reload: bool,
    /// The output path of a page that no Markdown file stands for (404, search, card pages),
    /// which borrows `page`'s context: its links are made relative to this path instead.
    pub at: Option<&'a str>,
    /// The content page a page of its own belongs to (a plan's guide its plan's page, a
    /// section's handout the section's): its trail of links leads through it. `None`: the
    /// home page.
    pub under: Option<PageId>,
    /// The reading paths of the site (their step pages show their place on them).
    pub reading_paths: &'a [PathEntry],
    /// An exercise's parts as its data block (`trappa-exercise`) gives them.
    pub exercise: Option<&'a ExerciseView>,
    /// The sections' contexts already made for other pages of the same write.
    pub sections: Option<&'a SectionContexts>,
}

/// Each section's context (its title, pages and subsections) as the pages in a folder see
/// it, made once per write and folder depth and shared by them: every page carries its
/// section's list of pages, and made again for each page it was a tenth of a large build's
/// time (the home page's, which the pages of their own borrow, lists every top section).
pub struct SectionContexts(Vec<Mutex<Vec<(String, Value)>>>);

impl SectionContexts {
    pub fn new(content: &Content) -> Self {
        SectionContexts(content.sections.iter().map(|_| Mutex::default()).collect())
    }

    /// The context of `section` seen from `root`, made by `make` the first time.
    fn get(&self, section: SectionId, root: &str, make: impl FnOnce() -> Value) -> Value {
        let mut made = self.0[section.index()].lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, value)) = made.iter().find(|(made_at, _)| made_at == root) {
            return value.clone();
        }
        let value = make();
        made.push((root.to_string(), value.clone()));
        value
    }
}

/// Where a page stands on a reading path: `path-place.html` shows it on the page.
#[derive(Serialize)]
struct PathPlace<'a> {
    id: &'a str,
    title: &'a str,
    /// The path on its page.
    url: String,
    number: usize,
    total: usize,
    /// This page's output path from the root, which its progress is saved under.
    key: &'a str,
    previous: Option<StepLink>,
    next: Option<StepLink>,
}

#[derive(Serialize)]
struct StepLink {
    title: String,
    url: String,
}

pub fn page_context(inputs: &PageInputs) -> Value {
    let content = inputs.content;
    let page = &content.pages[inputs.page];
    let own_url = inputs.at.unwrap_or(&page.url);
    let root = root_prefix(own_url);
    let href = |url: &str| from_root(&root, url);
    let summary = |index: PageId| {
        let p: &Page = &content.pages[index];
        PageSummary {
            title: &p.front.title,
            description: &p.front.description,
            url: href(&p.url),
            kind: p.kind,
            duration: p.front.duration,
            group_size: p.front.group_size.as_deref(),
        }
    };
    let section = content.section_of(inputs.page);
    let top_section = top_level_section(content, page.section);
    let top_url = &content.pages[content.sections[top_section].index_page].url;
    let own_entries = [top_url.as_str(), own_url];
    let menu: Vec<Link> = inputs
        .menu
        .shown(&own_entries)
        .map(|(title, url)| Link { title, url: href(url), active: url == top_url, current: url == own_url })
        .collect();
    let menu_overview = inputs.menu.overview.as_deref().map(|url| Link {
        title: inputs.strings.get("all_sections"),
        url: href(url),
        active: false,
        current: url == own_url,
    });

    // A section's trail starts at its parent; the home page itself has none (it would only
    // repeat the site's title), but a page of its own that borrows its context leads back to
    // it, or through the page it belongs to, which ends its trail.
    let mut breadcrumbs = Vec::new();
    let trail_page = &content.pages[inputs.under.unwrap_or(inputs.page)];
    let mut cursor = match trail_page.kind {
        PageKind::Section => content.sections[trail_page.section].parent,
        PageKind::Home if inputs.at.is_none() || inputs.under.is_some() => None,
        _ => Some(trail_page.section),
    };
    while let Some(s) = cursor {
        let index_page = content.sections[s].index_page;
        breadcrumbs.push(Link {
            title: &content.pages[index_page].front.title,
            url: href(&content.pages[index_page].url),
            active: false,
            current: false,
        });
        cursor = content.sections[s].parent;
    }
    breadcrumbs.reverse();
    if inputs.under.is_some() {
        breadcrumbs.push(Link {
            title: &trail_page.front.title,
            url: href(&trail_page.url),
            active: false,
            current: false,
        });
    }

    let siblings = &section.pages;
    let position = siblings.iter().position(|p| *p == inputs.page);
    let previous = position.and_then(|i| i.checked_sub(1)).map(|i| summary(siblings[i]));
    let next = position.and_then(|i| siblings.get(i + 1)).map(|p| summary(*p));
    let toc: Vec<&Heading> = inputs.headings.iter().filter(|h| (2..=3).contains(&h.level)).collect();
    let front = &page.front;

    let step_link = |step: &PathStep| StepLink {
        title: step.title.clone().unwrap_or_else(|| content.pages[step.page].front.title.clone()),
        url: match &step.anchor {
            Some(anchor) => format!("{}#{anchor}", href(&content.pages[step.page].url)),
            None => href(&content.pages[step.page].url),
        },
    };
    let paths: Vec<PathPlace> = inputs
        .reading_paths
        .iter()
        .filter_map(|path| {
            let n = path.steps.iter().position(|step| step.page == inputs.page)?;
            Some(PathPlace {
                id: &path.id,
                title: &path.title,
                url: format!("{}#{}", href(&content.pages[path.page].url), path.id),
                number: n + 1,
                total: path.steps.len(),
                key: &page.url,
                previous: n.checked_sub(1).map(|i| step_link(&path.steps[i])),
                next: path.steps.get(n + 1).map(step_link),
            })
        })
        .collect();

    let section_context = || {
        let section_page = &content.pages[section.index_page];
        Value::from(Serde(SectionCtx {
            title: &section_page.front.title,
            url: href(&section_page.url),
            pages: section.pages.iter().map(|p| summary(*p)).collect(),
            subsections: section.subsections.iter().map(|s| summary(content.sections[*s].index_page)).collect(),
        }))
    };
    // Shared by the pages that see it from the same folder (the links are relative).
    let section_value = match inputs.sections {
        Some(made) => made.get(page.section, &root, section_context),
        None => section_context(),
    };
    let context = Context {
        root: root.clone(),
        csp: CSP,
        live_reload: inputs.live_reload,
        t: super::strings_value(inputs.strings),
        files: inputs.strings.files,
        site: SiteCtx {
            title: &inputs.config.title,
            description: &inputs.config.description,
            language: &inputs.config.language,
            menu,
            menu_overview,
            home_url: href("index.html"),
            brand_css: inputs.config.brand.as_ref().map(|_| href(crate::brand::CSS_PATH)),
            logo_url: inputs
                .config
                .brand
                .as_ref()
                .and_then(|b| b.logo.as_ref())
                .map(|logo| href(&crate::brand::logo_path(logo.kind))),
        },
        page: PageCtx {
            title: &front.title,
            description: &front.description,
            tags: &front.tags,
            audience: &front.audience,
            sources: &front.sources,
            duration: front.duration,
            group_size: front.group_size.as_deref(),
            materials: &front.materials,
            extra: &front.extra,
            kind: page.kind,
            url: &page.url,
            source: page.source.to_string_lossy().replace('\\', "/"),
            content: Value::from_safe_string(inputs.html.to_string()),
            toc,
        },
        section: section_value,
        breadcrumbs,
        previous,
        next,
        paths,
        exercise: inputs.exercise,
        book_url: (page.kind == PageKind::Home && inputs.at.is_none())
            .then(|| super::whole_book_url(content, own_url, inputs.strings))
            .flatten(),
    };
    Value::from(Serde(context))
}

#[derive(Serialize)]
struct Context<'a> {
    root: String,
    csp: &'static str,
    live_reload: bool,
    t: Value,
    /// The names of the files the site writes in its language (`files.search` …).
    files: &'static FileNames,
    site: SiteCtx<'a>,
    page: PageCtx<'a>,
    section: Value,
    breadcrumbs: Vec<Link<'a>>,
    previous: Option<PageSummary<'a>>,
    next: Option<PageSummary<'a>>,
    /// The reading paths this page is a step of.
    paths: Vec<PathPlace<'a>>,
    exercise: Option<&'a ExerciseView>,
    /// The whole site as a printed book, on the home page (when the site has one).
    book_url: Option<String>,
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    menu: Vec<Link<'a>>,
    /// The link to the page listing the whole menu, when the header shows only some of it.
    menu_overview: Option<Link<'a>>,
    home_url: String,
    /// The brand's stylesheet and logo (`brand:` in site.yaml), when the site has them.
    brand_css: Option<String>,
    logo_url: Option<String>,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    title: &'a str,
    description: &'a str,
    tags: &'a [String],
    audience: &'a [String],
    sources: &'a [String],
    duration: Option<u32>,
    group_size: Option<&'a str>,
    materials: &'a [String],
    extra: &'a serde_json::Map<String, serde_json::Value>,
    kind: PageKind,
    url: &'a str,
    source: String,
    content: Value,
    toc: Vec<&'a Heading>,
}

#[derive(Serialize)]
struct SectionCtx<'a> {
    title: &'a str,
    url: String,
    pages: Vec<PageSummary<'a>>,
    subsections: Vec<PageSummary<'a>>,
}

/// The section directly under the root that contains `section` (the root itself for the root).
fn top_level_section(content: &Content, mut section: SectionId) -> SectionId {
    while let Some(parent) = content.sections[section].parent {
        if content.sections[parent].parent.is_none() {
            return section;
        }
        section = parent;
    }
    section
}
