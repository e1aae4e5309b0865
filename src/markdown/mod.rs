//! Markdown → HTML for one page, in one pass over pulldown-cmark's events: heading anchors,
//! internal link resolution, raw-HTML policy, and fenced ```` ```{component} ```` blocks handed
//! to [`crate::components`], which give back a view for the theme's template. The body comes
//! out in parts with the component views between them; the render stage puts each view
//! through its template once the site index is known. Links to missing files are reported
//! here; links to anchors of other pages are collected and checked once every page is known.

pub mod exercise;
pub mod links;
mod plain;
pub mod print;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::components::{self, Block, ComponentId, Markup, PageComponents, PageFacts, View};
use crate::content::slug::{Anchor, PageAnchors, id_named};
use crate::content::{Content, PageId, PageKind, PerPage, TitleFrom};
use crate::diagnostics::{Diagnostic, Severity};
use crate::i18n::Strings;
use crate::web::{file_name, root_prefix};
use crate::words::{SearchText, SegmentText};
use links::Target;
use print::{LinkTarget, PrintBody, PrintTree};

/// A heading of the body; its id and text are shared with the page's anchors and its search
/// segment (a large site has a hundred thousand).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: Arc<str>,
    pub text: Arc<str>,
}

/// A link to `#anchor` on `page`, to be checked when all pages' anchors are known.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    pub page: PageId,
    pub anchor: String,
    pub line: usize,
    pub col: usize,
}

/// A component's view at its place in the body: `components[item]` seen as `view`.
#[derive(Clone, Debug)]
pub struct Placed {
    pub item: ComponentId,
    pub view: View,
}

/// What every later stage reads of a page's body: its components and where they stand, its
/// headings, the pages it links to and an exercise's parts. Shared, so that `serve` keeps it
/// between edits and hands a snapshot of the site to another thread cheaply.
#[derive(Clone, Debug, Default)]
pub struct PageBody {
    pub placed: Vec<Placed>,
    /// Shared with the page's anchor table (see [`AnchorTables`]).
    pub headings: Arc<Vec<Heading>>,
    /// The other pages of the site this body links to, each once, in the order first linked
    /// (a plan's day uses the forms and cards of the pages its exercises point to).
    pub linked_pages: Vec<PageId>,
    /// The page's components, parsed, for the card sheet and forms.
    pub components: PageComponents,
    /// An exercise's parts (purpose, steps, questions, tips), for its data block and plans.
    pub exercise: Option<exercise::ExerciseParts>,
    /// The body as print reads it (the book), its links resolved.
    pub print: PrintBody,
}

impl PageBody {
    /// The view of the component `item` where the body places it (none when it did not parse).
    pub fn view_of(&self, item: ComponentId) -> Option<&View> {
        self.placed.iter().find(|placed| placed.item == item).map(|placed| &placed.view)
    }
}

/// What only the checks across pages read of a body: its ids and links into other pages.
#[derive(Clone, Debug, Default)]
pub struct CrossRefs {
    /// Every `id` on the page (headings and components), for anchor checks.
    pub anchors: Vec<Arc<str>>,
    /// The other spellings of the headings' ids (GitHub's, GitLab's) → where they lead, for anchor checks.
    pub aliases: Arc<HashMap<String, Anchor>>,
    pub anchor_refs: Vec<AnchorRef>,
    /// Links to other hosts as (URL, line, column), for `check --external`.
    pub external_links: Vec<(String, usize, usize)>,
}

/// What the Markdown stage makes of one page, each part for the stage that reads it.
#[derive(Debug, Default)]
pub struct ParsedPage {
    pub body: PageBody,
    /// The HTML before, between and after the components in `body.placed` (one more than
    /// those), put together once the site index is known.
    pub parts: Vec<String>,
    /// The text without markup in segments by heading, for the search index.
    pub text: SearchText,
    pub refs: CrossRefs,
    pub diagnostics: Vec<Diagnostic>,
}

/// Headings a page may have. Each one costs an anchor, a table-of-contents entry and a search
/// document (about 1 KB together), so a 4 MB page of one-line headings would take gigabytes;
/// real material has a few dozen.
pub const MAX_HEADINGS: usize = 2_000;

#[derive(Clone, Copy)]
pub struct MarkdownOptions {
    pub raw_html: bool,
    pub strings: &'static Strings,
    /// Whether a link to a missing file stops the build or is a warning (`site.yaml`).
    pub broken_links: Severity,
}

/// The anchors of every page, each read at most once: from the page's own render, or ahead of
/// it, from its Markdown, when a link points into a page not rendered yet. Kept with the site,
/// so that the fragments rendered later (a card's checklist, a pack's forms) name the headings
/// they link to without the Markdown, and `serve` reads again only the pages edited.
#[derive(Clone, Default)]
pub struct AnchorTables {
    tables: PerPage<OnceLock<AnchorTable>>,
    /// Each page's Markdown until it is rendered: then let go (a build holds no other copy,
    /// so the sources leave memory as the pages are rendered). Shared by a clone of the site
    /// (`serve` changes a copy), which replaces a page's slot when it reads the page again.
    sources: PerPage<Arc<Mutex<Arc<str>>>>,
}

impl AnchorTables {
    /// The tables of the pages whose Markdown is `markdown` (indexed like the pages), which
    /// they hold until each page is rendered.
    pub fn new(markdown: PerPage<Arc<str>>) -> Self {
        AnchorTables {
            tables: markdown.iter().map(|_| OnceLock::new()).collect(),
            sources: markdown.into_iter().map(|source| Arc::new(Mutex::new(source))).collect(),
        }
    }

    /// `page` was read again, its Markdown now `markdown`: its anchors are read again when
    /// next needed.
    pub fn reload(&mut self, page: PageId, markdown: Arc<str>) {
        self.tables[page] = OnceLock::new();
        self.sources[page] = Arc::new(Mutex::new(markdown));
    }

    /// The Markdown of `page` (empty once it is rendered).
    fn source(&self, page: PageId) -> Arc<str> {
        Arc::clone(&self.sources[page].lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// `page` is rendered: its anchors are `table` (unless a link read them ahead), and its
    /// Markdown is let go. The table is set first: whoever reads it after finds it.
    fn rendered(&self, page: PageId, table: AnchorTable) {
        let _ = self.tables[page].set(table);
        *self.sources[page].lock().unwrap_or_else(PoisonError::into_inner) = Arc::from("");
    }

    fn table(&self, content: &Content, page: PageId, raw_html: bool) -> &AnchorTable {
        self.tables[page].get_or_init(|| anchor_table(&content.pages[page], &self.source(page), raw_html))
    }
}

/// Renders the body of `content.pages[page]` from its Markdown in `tables` (of this
/// `content`), which then keep its anchors and let its Markdown go.
pub fn render_page(content: &Content, page: PageId, options: MarkdownOptions, tables: &AnchorTables) -> ParsedPage {
    let source = &content.pages[page];
    let mut renderer = PageRenderer {
        content,
        page,
        path: &source.source,
        options,
        title_pending: source.front.title_from == TitleFrom::Heading,
        page_anchors: PageAnchors::default(),
        segment: 0,
        segments: Vec::new(),
        out: ParsedPage::default(),
        tables,
        print: None,
        exercise: (source.kind == PageKind::Exercise).then(|| exercise::Collector::new(options.strings)),
        site_link: None,
        tree: PrintTree::default(),
        print_target: None,
    };
    let markdown = tables.source(page);
    let parts = renderer.render(&markdown, Origin::Body { first_line: source.body_line });
    drop(markdown);
    renderer.out.body.exercise = renderer.exercise.take().map(exercise::Collector::finish);
    if let Some(unmet) =
        renderer.out.body.exercise.as_ref().and_then(|parts| parts.check_minutes(source, &source.source))
    {
        renderer.out.diagnostics.push(unmet);
    }
    renderer.out.refs.aliases = Arc::new(renderer.page_anchors.aliases());
    renderer.out.body.print = PrintBody::new(&std::mem::take(&mut renderer.tree).finish());
    let mut out = renderer.out;
    out.text = SearchText::new(renderer.segments);
    out.parts = parts;
    // Each page once, in the order first linked (a page of many links to few pages stays small).
    let mut seen = std::collections::HashSet::new();
    out.body.linked_pages.retain(|page| seen.insert(*page));
    // Kept long after (the parts until the components are put in, the text until the search
    // index, the rest for the checks and the templates): without the room each grew into.
    for part in &mut out.parts {
        part.shrink_to_fit();
    }
    Arc::make_mut(&mut out.body.headings).shrink_to_fit();
    out.refs.anchors.shrink_to_fit();
    out.refs.anchor_refs.shrink_to_fit();
    out.body.linked_pages.shrink_to_fit();
    tables.rendered(
        page,
        AnchorTable { headings: Arc::clone(&out.body.headings), aliases: Arc::clone(&out.refs.aliases) },
    );
    out
}

/// Renders Markdown written on `source_page` (its links resolve from there) for display on
/// `page`, e.g. a checklist's items on the back of a card elsewhere.
pub fn render_fragment<T>(
    content: &Content,
    page: PageId,
    source_page: PageId,
    options: MarkdownOptions,
    tables: &AnchorTables,
    render: impl FnOnce(&mut dyn Markup) -> T,
) -> (T, Vec<Diagnostic>) {
    let mut renderer = PageRenderer {
        content,
        page,
        path: &content.pages[source_page].source,
        options,
        title_pending: false,
        page_anchors: PageAnchors::default(),
        segment: 0,
        segments: Vec::new(),
        out: ParsedPage::default(),
        tables,
        print: None,
        exercise: None,
        site_link: None,
        tree: PrintTree::default(),
        print_target: None,
    };
    let mut markup = FieldMarkup { renderer: &mut renderer, fence_line: 0, block: "" };
    let html = render(&mut markup);
    (html, renderer.out.diagnostics)
}

/// Where a piece of Markdown sits in its file, to turn offsets into `line:col`.
#[derive(Clone, Copy)]
enum Origin<'t> {
    /// The page body, starting at this file line.
    Body { first_line: usize },
    /// A text field inside a component block: positions are looked up in the block's YAML.
    Field { fence_line: usize, block: &'t str },
}

/// A heading being read: its level, the author's own id, its inner events, its text, and
/// where it starts (to report a clashing id at its line).
type OpenHeading<'t> = (HeadingLevel, Option<CowStr<'t>>, Vec<Event<'t>>, String, usize);

struct PageRenderer<'a> {
    content: &'a Content,
    page: PageId,
    path: &'a Path,
    options: MarkdownOptions,
    /// The page's title is its first level-1 heading (no front matter), not yet read: the
    /// template shows it, so the body leaves it out.
    title_pending: bool,
    page_anchors: PageAnchors,
    /// The text of the body by heading and titled component, for the search index.
    segments: Vec<SegmentText>,
    /// The segment of `segments` that text is being added to.
    segment: usize,
    out: ParsedPage,
    /// The anchors of the pages that links with an anchor point into, the page itself
    /// included: a link is written to the one id of the heading it names, and component
    /// links are named by the heading (see `link_title`).
    tables: &'a AnchorTables,
    /// While a card's face is written: its text as the card prints it.
    print: Option<plain::PlainBlocks>,
    /// On an exercise page: its parts, read from the body's events as they are written.
    exercise: Option<exercise::Collector>,
    /// The last link resolved, from the site's root, when it leads to the site's own file.
    site_link: Option<String>,
    /// The body as print reads it, gathered from the same events.
    tree: PrintTree,
    /// Where the last link or picture of the body leads, for `tree`.
    print_target: Option<LinkTarget>,
}

impl<'a> PageRenderer<'a> {
    /// File `line:col` of `offset` in `text` (body), or of `needle` in a component's block.
    fn position(&self, lines: &LineStarts, text: &str, offset: usize, origin: Origin, needle: &str) -> (usize, usize) {
        match origin {
            Origin::Body { first_line } => {
                let (line, start) = lines.locate(offset);
                let col = text[start..offset.min(text.len())].chars().count() + 1;
                (first_line + line, col)
            }
            Origin::Field { fence_line, block } => {
                let line = block.lines().position(|l| l.contains(needle)).unwrap_or(0);
                let col = block.lines().nth(line).and_then(|l| l.find(needle)).unwrap_or(0);
                (fence_line + 1 + line, col + 1)
            }
        }
    }

    /// The HTML of `text`, in parts around the components of a page body (a component's
    /// text field is one part: components do not nest).
    fn render(&mut self, text: &str, origin: Origin) -> Vec<String> {
        let lines = LineStarts::new(text);
        let mut events: Vec<Event> = Vec::new();
        // Where in `events` each placed component stands.
        let mut splits: Vec<usize> = Vec::new();
        let mut heading: Option<OpenHeading> = None;
        let mut component: Option<(String, usize, String)> = None;
        // A picture being read: where it is, and its alt text so far.
        let mut image_alt: Option<(usize, usize, String)> = None;
        let mut page_components = std::mem::take(&mut self.out.body.components);
        for (event, range) in Parser::new_ext(text, crate::content::markdown_options()).into_offset_iter() {
            if let Some((_, _, yaml)) = component.as_mut() {
                match event {
                    Event::Text(t) => yaml.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let (name, line, yaml) = component.take().unwrap_or_default();
                        if let Origin::Field { .. } = origin {
                            self.out.diagnostics.push(
                                Diagnostic::new(self.path, line, 1, format!("a `{{{name}}}` block inside a component"))
                                    .with_hint("components do not nest: put the block after the component"),
                            );
                        } else if self.component(&name, line, &yaml, &mut page_components) {
                            if let Some(collector) = self.exercise.as_mut() {
                                collector.component(self.out.body.placed.len() - 1);
                            }
                            self.tree.component(self.out.body.placed.len() - 1);
                            splits.push(events.len());
                            // A line end in the place of the component, as its HTML ends
                            // with one: what follows is written as it would be after it.
                            events.push(Event::Html(CowStr::Borrowed(PLACE)));
                        }
                    }
                    _ => {}
                }
                continue;
            }
            self.site_link = None;
            if let Some(name) = component_fence(&event) {
                let (line, _) = self.position(&lines, text, range.start, origin, "");
                component = Some((name, line, String::new()));
                continue;
            }
            let event = match event {
                Event::Start(Tag::Heading { level, id, .. }) => {
                    heading = Some((level, id, Vec::new(), String::new(), range.start));
                    continue;
                }
                Event::End(TagEnd::Heading(_)) => {
                    let Some((level, id, inner, heading_text, start)) = heading.take() else { continue };
                    if matches!(origin, Origin::Body { .. }) && takes_title(&mut self.title_pending, level) {
                        self.page_anchors.title(&heading_text);
                        continue;
                    }
                    if let Some(print) = self.print.as_mut() {
                        print.observe(&Event::End(TagEnd::Heading(level)));
                    }
                    if self.out.body.headings.len() == MAX_HEADINGS {
                        let (line, col) = self.position(&lines, text, start, origin, "");
                        self.out.diagnostics.push(
                            Diagnostic::new(self.path, line, col, format!("the page has more than {MAX_HEADINGS} headings"))
                                .with_hint("split the page into several pages: each heading is a search entry and an anchor, and a page this long cannot be read anyway"),
                        );
                        break;
                    }
                    // An exercise's steps heading is where a warning about their minutes points.
                    let heading_line =
                        if self.exercise.is_some() { self.position(&lines, text, start, origin, "").0 } else { 0 };
                    let (id, free) = self.page_anchors.heading(id.as_deref(), &heading_text);
                    if !free {
                        let (line, col) = self.position(&lines, text, start, origin, &id);
                        self.out.diagnostics.push(duplicate_id(self.path, line, col, &id));
                    }
                    let start = Event::Start(Tag::Heading {
                        level,
                        id: Some(id.clone().into()),
                        classes: vec![],
                        attrs: vec![],
                    });
                    let (id, heading_text): (Arc<str>, Arc<str>) = (id.into(), heading_text.into());
                    self.out.refs.anchors.push(Arc::clone(&id));
                    self.start_segment(Arc::clone(&id), Arc::clone(&heading_text));
                    if let Origin::Body { .. } = origin {
                        self.tree.heading(level as u8, Arc::clone(&id), &inner);
                    }
                    let heading = Heading { level: level as u8, id, text: heading_text };
                    Arc::make_mut(&mut self.out.body.headings).push(heading);
                    if let (Some(collector), Origin::Body { .. }) = (self.exercise.as_mut(), origin) {
                        let whole: Vec<Event> = [start.clone()]
                            .into_iter()
                            .chain(inner.iter().cloned())
                            .chain([Event::End(TagEnd::Heading(level))])
                            .collect();
                        collector.heading(
                            level,
                            &self.out.body.headings.last().map(|h| h.text.clone()).unwrap_or_default(),
                            heading_line,
                            &whole,
                        );
                    }
                    events.push(start);
                    events.extend(inner);
                    events.push(Event::End(TagEnd::Heading(level)));
                    continue;
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dest = self.link(&dest_url, &lines, text, range.start, origin);
                    Event::Start(Tag::Link { link_type, dest_url: dest.into(), title, id })
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    let dest = self.link(&dest_url, &lines, text, range.start, origin);
                    let (line, col) = self.position(&lines, text, range.start, origin, &dest_url);
                    image_alt = Some((line, col, String::new()));
                    Event::Start(Tag::Image { link_type, dest_url: dest.into(), title, id })
                }
                Event::End(TagEnd::Image) => {
                    if let Some((line, col, alt)) = image_alt.take()
                        && alt.trim().is_empty()
                    {
                        self.out.diagnostics.push(
                            Diagnostic::new(self.path, line, col, "a picture without alt text")
                                .with_hint("say in the brackets what the picture shows, e.g. `![Trappan med tre steg](trappa.png)`: a screen reader reads it out, and the accessible book needs it"),
                        );
                    }
                    Event::End(TagEnd::Image)
                }
                Event::Html(raw) | Event::InlineHtml(raw) if !self.options.raw_html => Event::Text(raw),
                other => other,
            };
            if let Some(print) = self.print.as_mut() {
                print.observe(&event);
            }
            if let (Some((_, _, alt)), Event::Text(t) | Event::Code(t)) = (image_alt.as_mut(), &event) {
                alt.push_str(t);
            }
            if let (Origin::Body { .. }, None) = (origin, heading.as_ref()) {
                let target = self.print_target.take();
                self.tree.observe(&event, target.as_ref());
            }
            match (&event, heading.as_mut()) {
                (_, Some((_, _, _, heading_text, _))) => {
                    heading_text.push_str(heading_words(&event, self.options.raw_html))
                }
                (Event::Text(t) | Event::Code(t), None) => self.segment_text().push_str(t),
                // Inline markup splits a word into several text events; only block ends and
                // line breaks separate words.
                (Event::SoftBreak | Event::HardBreak | Event::End(_), None) if ends_words(&event) => {
                    let text = self.segment_text();
                    if !text.is_empty() && !text.ends_with(' ') {
                        text.push(' ');
                    }
                }
                _ => {}
            }
            match heading.as_mut() {
                Some((_, _, inner, _, _)) => inner.push(event),
                None => {
                    if let (Some(collector), Origin::Body { .. }) = (self.exercise.as_mut(), origin) {
                        collector.event(&event, self.site_link.as_deref());
                    }
                    events.push(event)
                }
            }
        }
        self.out.body.components = page_components;
        html_in_parts(events, &splits, text.len() * 3 / 2).into_iter().map(table_alignment_as_classes).collect()
    }

    /// Resolves a link destination to an output URL, recording errors and anchor checks.
    fn link(&mut self, dest: &str, lines: &LineStarts, text: &str, offset: usize, origin: Origin) -> String {
        match links::resolve(self.content, self.path, self.page, dest) {
            Ok(Target::External) => {
                let (line, col) = self.position(lines, text, offset, origin, dest);
                if let Some(scheme) = links::unsafe_scheme(dest) {
                    self.out.diagnostics.push(
                        Diagnostic::new(self.path, line, col, format!("a `{scheme}:` link is not allowed"))
                            .with_hint("links may be http, https, mailto, tel or to a file of the site; a `javascript:` or `data:` link runs code or hides content in the address"),
                    );
                    return "#".to_string();
                }
                self.out.refs.external_links.push((dest.to_string(), line, col));
                self.print_target = Some(LinkTarget::Address { url: dest.to_string() });
                dest.to_string()
            }
            Ok(Target::Asset { url }) => {
                let written = format!("{}{url}", root_prefix(&self.content.pages[self.page].url));
                self.print_target = Some(LinkTarget::Address { url: url.clone() });
                self.site_link = Some(url);
                written
            }
            Ok(Target::Page { page, anchor }) => {
                let mut url = if page == self.page && dest.split('#').next().is_none_or(str::is_empty) {
                    String::new()
                } else {
                    let from = &self.content.pages[self.page].url;
                    format!("{}{}", root_prefix(from), self.content.pages[page].url)
                };
                let mut print_anchor = None;
                if let Some(anchor) = anchor {
                    let (line, col) = self.position(lines, text, offset, origin, dest);
                    print_anchor = id_named(&self.table(page).aliases, &anchor).map(str::to_string);
                    match id_named(&self.table(page).aliases, &anchor) {
                        // The page's title heading: the top of the page.
                        None if url.is_empty() => url.push('#'),
                        None => {}
                        Some(id) => {
                            url.push('#');
                            url.push_str(id);
                        }
                    }
                    self.out.refs.anchor_refs.push(AnchorRef { page, anchor, line, col });
                }
                if page != self.page {
                    self.out.body.linked_pages.push(page);
                }
                self.print_target = Some(LinkTarget::Page { page, anchor: print_anchor });
                let target = &self.content.pages[page].url;
                self.site_link = Some(match url.split_once('#') {
                    Some((_, anchor)) => format!("{target}#{anchor}"),
                    None => target.clone(),
                });
                url
            }
            Err(missing) => {
                let (line, col) = self.position(lines, text, offset, origin, dest);
                self.out.diagnostics.push(
                    Diagnostic::new(self.path, line, col, format!("link to a missing file `{dest}`"))
                        .with_hint(format!(
                            "no file {} exists; links are written to the source file, relative to this page (e.g. `../trappan/_index.md`)",
                            missing.resolved.display()
                        ))
                        .with_severity(self.options.broken_links),
                );
                // Built anyway (a warning), the link leads nowhere rather than to a missing file.
                match self.options.broken_links {
                    Severity::Error => dest.to_string(),
                    Severity::Warning => "#".to_string(),
                }
            }
        }
    }

    /// The words for where `dest` leads: the target page's title, after the heading an anchor
    /// names ("Otydliga mål (Vanliga fallgropar)"); the destination as written for a link
    /// out of the site, a file or a missing target (which `link` reports).
    fn link_title(&mut self, dest: &str) -> String {
        match links::resolve(self.content, self.path, self.page, dest) {
            Ok(Target::Page { page, anchor }) => {
                let heading = anchor.and_then(|anchor| {
                    let table = self.table(page);
                    let id = id_named(&table.aliases, &anchor)?;
                    table.headings.iter().find(|heading| &*heading.id == id).map(|heading| heading.text.to_string())
                });
                let title = &self.content.pages[page].front.title;
                match heading {
                    Some(heading) if heading != *title => format!("{heading} ({title})"),
                    _ => title.clone(),
                }
            }
            Ok(Target::Asset { url }) => file_name(&url).to_string(),
            Ok(Target::External) | Err(_) => dest.to_string(),
        }
    }

    /// The anchors of `page`.
    fn table(&self, page: PageId) -> &'a AnchorTable {
        self.tables.table(self.content, page, self.options.raw_html)
    }

    /// Parses and views a component block; `true` when it has a view to place in the body.
    fn component(&mut self, name: &str, fence_line: usize, yaml: &str, page_components: &mut PageComponents) -> bool {
        let parsed = match components::parse(name, yaml, self.path, fence_line) {
            Ok(c) => c,
            Err(d) => {
                self.out.diagnostics.push(d);
                page_components.unparsed_ids.extend(components::declared_id(yaml));
                return false;
            }
        };
        for id in parsed.anchors() {
            if !self.page_anchors.reserve(&id) {
                self.out.diagnostics.push(duplicate_id(self.path, fence_line, 1, &id));
            }
            self.out.refs.anchors.push(id.into());
        }
        // A titled component with an id (a form, a card …) is a search segment of its own;
        // the text after it belongs to the heading before it again.
        let resume = match (parsed.anchor(), parsed.title()) {
            (Some(id), Some(title)) => Some(self.start_segment(id.into(), title.into())),
            _ => None,
        };
        let mut markup = FieldMarkup { renderer: self, fence_line, block: yaml };
        let view = parsed.view(&mut markup, page_components);
        if let Some(previous) = resume {
            self.segment = previous;
        }
        let item = page_components.push(fence_line, parsed);
        match view {
            Ok(view) => {
                self.out.body.placed.push(Placed { item, view });
                true
            }
            Err(d) => {
                self.out.diagnostics.push(d);
                false
            }
        }
    }

    /// The text of the segment being written (the top of the page before any heading).
    fn segment_text(&mut self) -> &mut String {
        if self.segments.is_empty() {
            self.segments.push(SegmentText::default());
        }
        &mut self.segments[self.segment].text
    }

    /// Starts a segment under `heading`; returns the index of the one it interrupts.
    fn start_segment(&mut self, anchor: Arc<str>, heading: Arc<str>) -> usize {
        self.segment_text();
        self.segments.push(SegmentText { anchor: Some(anchor), heading, text: String::new() });
        std::mem::replace(&mut self.segment, self.segments.len() - 1)
    }
}

/// An id the author gave that the page already has: a link to it would be ambiguous.
fn duplicate_id(path: &Path, line: usize, col: usize, id: &str) -> Diagnostic {
    Diagnostic::new(path, line, col, format!("the id `{id}` is already used on this page"))
        .with_hint("give this heading or component another id: ids on a page must be unique")
}

/// pulldown-cmark aligns table columns with `style` attributes, which the site's
/// Content-Security-Policy (`style-src 'self'`) blocks; the theme styles these classes instead.
/// Only whole tags are replaced: authored text cannot contain `<`, it is escaped.
fn table_alignment_as_classes(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    let mut html = html;
    for cell in ["th", "td"] {
        for align in ["left", "center", "right"] {
            html = html.replace(
                &format!("<{cell} style=\"text-align: {align}\">"),
                &format!("<{cell} class=\"align-{align}\">"),
            );
        }
    }
    html
}

/// Whether an event separates words in the plain text (a block ends, a line breaks).
fn ends_words(event: &Event) -> bool {
    match event {
        Event::SoftBreak | Event::HardBreak => true,
        Event::End(tag) => matches!(
            tag,
            TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::List(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
        ),
        _ => false,
    }
}

/// Markdown rendering for a component's text fields, with positions inside its block.
struct FieldMarkup<'r, 'a, 't> {
    renderer: &'r mut PageRenderer<'a>,
    fence_line: usize,
    block: &'t str,
}

impl Markup for FieldMarkup<'_, '_, '_> {
    fn block(&mut self, text: &str) -> String {
        let origin = Origin::Field { fence_line: self.fence_line, block: self.block };
        self.renderer.render(text, origin).concat()
    }

    fn inline(&mut self, text: &str) -> String {
        let html = self.block(text);
        let trimmed = html.trim_end();
        match trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => html,
        }
    }

    fn face(&mut self, text: &str) -> (String, Vec<Block>) {
        self.renderer.print = Some(plain::PlainBlocks::default());
        let html = self.block(text);
        (html, self.renderer.print.take().map(plain::PlainBlocks::finish).unwrap_or_default())
    }

    fn inline_text(&mut self, text: &str) -> (String, String) {
        // The words are those the search index gets: what this text adds to its segment.
        let before = self.renderer.segment_text().len();
        let html = self.inline(text);
        let words = self.renderer.segment_text()[before..].trim().to_string();
        (html, words)
    }

    fn link(&mut self, dest: &str) -> String {
        let origin = Origin::Field { fence_line: self.fence_line, block: self.block };
        self.renderer.link(dest, &LineStarts::new(""), "", 0, origin)
    }

    fn root(&self) -> String {
        root_prefix(&self.renderer.content.pages[self.renderer.page].url)
    }

    fn link_title(&mut self, dest: &str) -> String {
        self.renderer.link_title(dest)
    }

    fn strings(&self) -> &'static Strings {
        self.renderer.options.strings
    }

    fn diagnostic(&self, needle: &str, message: String, hint: &str) -> Diagnostic {
        let line = self.block.lines().position(|l| l.contains(needle)).unwrap_or(0);
        Diagnostic::new(self.renderer.path, self.fence_line + 1 + line, 1, message).with_hint(hint)
    }

    fn page_facts(&mut self, dest: &str) -> Option<PageFacts> {
        let renderer = &self.renderer;
        let Ok(Target::Page { page, .. }) = links::resolve(renderer.content, renderer.path, renderer.page, dest) else {
            return None;
        };
        let page = &renderer.content.pages[page];
        Some(PageFacts {
            title: page.front.title.clone(),
            is_exercise: page.kind == PageKind::Exercise,
            duration: page.front.duration,
            group_size: page.front.group_size.clone(),
            materials: page.front.materials.clone(),
        })
    }

    fn warn(&mut self, diagnostic: Diagnostic) {
        self.renderer.out.diagnostics.push(diagnostic);
    }
}

/// A page's anchors as `render` gives them: its headings (the title left out), to name links
/// to them, and the other spellings of the ids, to write links to them. A rendered page's are
/// its body's, shared; a page linked before it is rendered has them read ahead.
#[derive(Clone, Default)]
pub struct AnchorTable {
    headings: Arc<Vec<Heading>>,
    aliases: Arc<HashMap<String, Anchor>>,
}

/// Reads the headings and component ids of `page` in order, as `render` does, without
/// rendering it (a link may point at a page not rendered yet, or further down its own page).
/// The component a fenced block opened by `event` holds (```` ```{name} ````), by name.
fn component_fence(event: &Event) -> Option<String> {
    let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event else { return None };
    info.starts_with('{').then(|| info.trim().trim_start_matches('{').trim_end_matches('}').trim().to_string())
}

/// What an event inside a heading adds to the heading's text (whose id is made from it):
/// its text and code, and raw HTML, shown as text on a site that does not allow it.
fn heading_words<'e>(event: &'e Event, raw_html: bool) -> &'e str {
    match event {
        Event::Text(t) | Event::Code(t) => t,
        Event::Html(raw) | Event::InlineHtml(raw) if !raw_html => raw,
        _ => "",
    }
}

/// Whether a heading of `level` is the page's title (its first H1, when the title comes from
/// the body), which is the page's `<h1>` and no anchor of its own: then no longer `pending`.
fn takes_title(pending: &mut bool, level: HeadingLevel) -> bool {
    let takes = *pending && level == HeadingLevel::H1;
    if takes {
        *pending = false;
    }
    takes
}

/// The anchors of a page read from its Markdown without rendering it, for a link into a page
/// not rendered yet: the headings and ids its render gives (the fence, heading-text and title
/// rules above are the renderer's own; `tests::anchors_read_ahead_are_the_rendered_ones`).
fn anchor_table(page: &crate::content::Page, markdown: &str, raw_html: bool) -> AnchorTable {
    let mut anchors = PageAnchors::default();
    let mut headings = Vec::new();
    let mut heading: Option<(HeadingLevel, Option<CowStr>, String)> = None;
    let mut component: Option<(String, String)> = None;
    let mut title_pending = page.front.title_from == TitleFrom::Heading;
    for event in Parser::new_ext(markdown, crate::content::markdown_options()) {
        if heading.is_none()
            && component.is_none()
            && let Some(name) = component_fence(&event)
        {
            component = Some((name, String::new()));
            continue;
        }
        match (event, heading.as_mut(), component.as_mut()) {
            (Event::Text(t), None, Some((_, yaml))) => yaml.push_str(&t),
            (Event::End(TagEnd::CodeBlock), None, Some(_)) => {
                let (name, yaml) = component.take().unwrap_or_default();
                // Errors in the block are reported when the page itself is rendered.
                if let Ok(parsed) = components::parse(&name, &yaml, &page.source, 0) {
                    for id in parsed.anchors() {
                        anchors.reserve(&id);
                    }
                }
            }
            (Event::Start(Tag::Heading { level, id, .. }), _, None) => heading = Some((level, id, String::new())),
            (Event::End(TagEnd::Heading(_)), Some(_), None) => {
                let Some((level, own, text)) = heading.take() else { continue };
                if takes_title(&mut title_pending, level) {
                    anchors.title(&text);
                    continue;
                }
                let id = anchors.heading(own.as_deref(), &text).0;
                headings.push(Heading { level: level as u8, id: id.into(), text: text.into() });
            }
            (event, Some((_, _, text)), None) => text.push_str(heading_words(&event, raw_html)),
            _ => {}
        }
    }
    AnchorTable { headings: Arc::new(headings), aliases: Arc::new(anchors.aliases()) }
}

/// What stands in the events where a component goes (see [`html_in_parts`]).
const PLACE: &str = "\n";

/// Writes `events` as HTML in parts, cut where the events at `splits` (each a [`PLACE`])
/// stand. One writer for the whole body, so that what it counts (footnote numbers) and
/// whether a block needs a line break before it come out as if the body were one piece.
fn html_in_parts(events: Vec<Event>, splits: &[usize], capacity: usize) -> Vec<String> {
    use std::cell::RefCell;
    use std::rc::Rc;

    if splits.is_empty() {
        let mut html = String::with_capacity(capacity);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        return vec![html];
    }
    let out = Rc::new(RefCell::new(String::with_capacity(capacity)));
    struct Shared(Rc<RefCell<String>>);
    impl std::fmt::Write for Shared {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.borrow_mut().push_str(s);
            Ok(())
        }
    }
    // The writer asks for each event once the ones before are written: the length of the
    // output then is where the component goes.
    let mut offsets = Vec::with_capacity(splits.len());
    let mut next_split = splits.iter().peekable();
    let watched = events.into_iter().enumerate().map(|(i, event)| {
        if next_split.peek() == Some(&&i) {
            next_split.next();
            offsets.push(out.borrow().len());
        }
        event
    });
    // Writing into a String cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(Shared(Rc::clone(&out)), watched);
    let html = out.take();
    let mut parts = Vec::with_capacity(offsets.len() + 1);
    let mut start = 0;
    for offset in offsets {
        parts.push(html[start..offset].to_string());
        start = offset + PLACE.len();
    }
    parts.push(html[start..].to_string());
    parts
}

/// Byte offsets where each line of a text starts, so positions are found by binary search
/// (a page with many links would otherwise be scanned once per link).
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> Self {
        LineStarts(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// (0-based line, byte offset of that line's start) of `offset`.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let line = self.0.partition_point(|&start| start <= offset).saturating_sub(1);
        (line, self.0[line])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{FrontMatter, Page, PageKind};

    fn render(body: &str) -> ParsedPage {
        let page = Page {
            source: "content/sida.md".into(),
            kind: PageKind::Page,
            front: FrontMatter::default(),
            url: "sida.html".into(),
            section: Content::ROOT,
            body_line: 3,
            markdown_bytes: 0,
        };
        let content = Content { pages: vec![page].into(), ..Content::default() };
        let options =
            MarkdownOptions { raw_html: false, strings: crate::i18n::strings("sv"), broken_links: Severity::Error };
        render_page(&content, PageId::at(0), options, &AnchorTables::new(vec![body.into()].into()))
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style_attribute() {
        let html = render("| A | B | C |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\nstyle=\"text-align: left\"\n").parts.concat();
        assert!(html.contains("<th class=\"align-left\">A</th>") && html.contains("<td class=\"align-right\">3</td>"));
        assert!(!html.contains("<td style") && !html.contains("<th style"), "{html}");
        assert!(html.contains("<p>style=\"text-align: left\"</p>"), "text stays as written: {html}");
    }

    #[test]
    fn components_cut_the_body_into_parts_written_as_one() {
        let body = "Före[^a].\n\n```{callout}\nkind: tip\ntext: Råd\n```\n\nEfter[^b].\n\n\
                    [^a]: Ett.\n[^b]: Två.\n";
        let out = render(body);
        assert_eq!(out.parts.len(), 2, "{:?}", out.parts);
        assert_eq!(out.body.placed.len(), 1);
        assert!(matches!(&out.body.placed[0].view, View::Callout(c) if c.kind == crate::components::CalloutKind::Tip));
        assert!(out.parts[0].ends_with("</p>\n"), "the component's place is cut out: {:?}", out.parts[0]);
        assert!(out.parts[1].starts_with("<p>Efter"), "{:?}", out.parts[1]);
        assert!(
            out.parts[1].contains("href=\"#b\">2</a>"),
            "footnotes count on across a component: {:?}",
            out.parts[1]
        );

        let nested = render("```{callout}\nkind: tip\ntext: |\n  ```{checklist}\n  items: []\n  ```\n```\n");
        assert!(
            nested.diagnostics.iter().any(|d| d.message.contains("inside a component")),
            "{:?}",
            nested.diagnostics
        );
    }

    #[test]
    fn a_card_face_is_printed_as_the_page_writes_it() {
        let body = "```{card}\nid: k\ntitle: Kort **ett**\nfront: |\n  Är skillnaden **motiverad**?\n\n  1. Vad ser vi?\n  2. Vi reflekterar:\n     - i gruppen\n     - själv\n\n  Slut.\nback: Baksida\n```\n";
        let out = render(body);
        let View::Card(card) = &out.body.placed[0].view else { panic!("{:?}", out.body.placed) };
        assert_eq!(card.title, "Kort ett");
        assert_eq!(
            card.front_blocks,
            [
                Block::Paragraph { text: "Är skillnaden motiverad?".into() },
                Block::List {
                    ordered: true,
                    large: false,
                    items: vec![
                        components::ListItem { text: "Vad ser vi?".into(), points: vec![] },
                        components::ListItem {
                            text: "Vi reflekterar:".into(),
                            points: vec!["i gruppen".into(), "själv".into()]
                        },
                    ],
                },
                Block::Paragraph { text: "Slut.".into() },
            ]
        );
        assert_eq!(card.back_blocks, [Block::Paragraph { text: "Baksida".into() }]);
        assert!(card.front_html.contains("<strong>motiverad</strong>"), "one reading gives both: {}", card.front_html);
    }

    #[test]
    fn heading_ids_on_a_page_are_unique() {
        let out = render("## Tips 1\n\n## Tips\n\n## Tips\n");
        let ids: Vec<&str> = out.body.headings.iter().map(|h| &*h.id).collect();
        assert_eq!(ids, ["tips-1", "tips", "tips-2"]);
        assert!(out.diagnostics.is_empty());

        let out = render("## Tips\n\ntext\n\n## Egna tips {#tips}\n");
        assert_eq!(out.diagnostics.len(), 1, "{:?}", out.diagnostics);
        let d = &out.diagnostics[0];
        assert_eq!((d.line, d.col), (7, 1), "at the heading's line in the file (body starts at line 3)");
        assert!(d.message.contains("the id `tips` is already used on this page"), "{}", d.message);
    }

    #[test]
    fn search_segments_follow_headings_and_titled_components() {
        let body = "Jäm**ställd**het först.\n\n## Brist på tid\n\nTiden räcker\ninte.\n\n\
                    ```{checklist}\nid: lista\ntitle: Innan mötet\nitems:\n  - text: Läs på\n```\n\nEfter listan.\n";
        let text = render(body).text;
        let segments: Vec<(Option<String>, String, String, String)> = (text.segments.iter().enumerate())
            .map(|(n, s)| {
                let words: Vec<&str> = text.words(n).map(|w| text.word(w)).collect();
                (s.anchor.as_deref().map(str::to_string), s.heading.to_string(), s.excerpt.clone(), words.join(" "))
            })
            .collect();
        let segment = |anchor: Option<&str>, heading: &str, excerpt: &str, words: &str| {
            (anchor.map(str::to_string), heading.to_string(), excerpt.to_string(), words.to_string())
        };
        assert_eq!(
            segments,
            [
                segment(None, "", "Jämställdhet först.", "jämställdhet först"),
                segment(
                    Some("brist-pa-tid"),
                    "Brist på tid",
                    "Tiden räcker inte. Efter listan.",
                    "tiden räcker inte efter listan"
                ),
                segment(Some("lista"), "Innan mötet", "Läs på", "innan mötet läs på"),
            ],
            "inline markup does not split words; text after a component returns to its heading"
        );
    }

    /// The anchors read ahead from a page's Markdown (for a link into a page not rendered
    /// yet) are the ones its render gives: pages made of random pieces, seeded and replayable.
    #[test]
    fn anchors_read_ahead_are_the_rendered_ones() {
        const PIECES: &[&str] = &[
            "# Titeln\n\n",
            "## Brist på tid\n\n",
            "## Brist på tid\n\n",
            "## Med `kod` och *kursiv*\n\n",
            "## Med <b>html</b> i\n\n",
            "## En [länk](#brist-pa-tid) här\n\n",
            "## Egen {#egen}\n\n",
            "### Tips\n\n",
            "Text med <span>html</span>.\n\n",
            "```{callout}\nkind: tip\ntext: Råd\n```\n\n",
            "```{checklist}\nid: tips\nitems:\n  - text: Ett\n```\n\n",
            "```text\n## inte en rubrik\n```\n\n",
            "- punkt\n\n## Efter listan\n\n",
        ];
        let mut seed: u64 = 35;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for case in 0..300 {
            let markdown: String = (0..1 + next(8)).map(|_| PIECES[next(PIECES.len())]).collect();
            let raw_html = case % 2 == 1;
            let title_from = if next(2) == 0 { TitleFrom::Heading } else { TitleFrom::FrontMatter };
            let page = Page {
                source: "content/sida.md".into(),
                kind: PageKind::Page,
                front: FrontMatter { title_from, ..FrontMatter::default() },
                url: "sida.html".into(),
                section: Content::ROOT,
                body_line: 3,
                markdown_bytes: 0,
            };
            let ahead = anchor_table(&page, &markdown, raw_html);
            let content = Content { pages: vec![page].into(), ..Content::default() };
            let options =
                MarkdownOptions { raw_html, strings: crate::i18n::strings("sv"), broken_links: Severity::Error };
            let rendered = render_page(
                &content,
                PageId::at(0),
                options,
                &AnchorTables::new(vec![markdown.as_str().into()].into()),
            );
            let ids = |headings: &[Heading]| {
                headings.iter().map(|h| (h.level, h.id.to_string(), h.text.to_string())).collect::<Vec<_>>()
            };
            assert_eq!(
                ids(&ahead.headings),
                ids(&rendered.body.headings),
                "case {case}, raw_html {raw_html}:\n{markdown}"
            );
            assert_eq!(*ahead.aliases, *rendered.refs.aliases, "case {case}:\n{markdown}");
        }
    }

    #[test]
    fn a_rendered_page_lets_its_markdown_go_and_later_links_still_name_its_headings() {
        let page = |name: &str, title: &str| Page {
            source: format!("content/{name}.md").into(),
            kind: PageKind::Page,
            front: FrontMatter { title: title.into(), ..FrontMatter::default() },
            url: format!("{name}.html"),
            section: Content::ROOT,
            body_line: 3,
            markdown_bytes: 0,
        };
        let mut content =
            Content { pages: vec![page("a", "Fallgropar"), page("b", "Planen")].into(), ..Content::default() };
        content.by_source = [("content/a.md".into(), PageId::at(0)), ("content/b.md".into(), PageId::at(1))].into();
        let options =
            MarkdownOptions { raw_html: false, strings: crate::i18n::strings("sv"), broken_links: Severity::Error };
        // As a build does: the tables hold the only copy of the Markdown.
        let tables = AnchorTables::new(vec!["## Otydliga mål\n\nText.\n".into(), "Text.\n".into()].into());
        let rendered = render_page(&content, PageId::at(0), options, &tables);
        assert_eq!(&*rendered.body.headings[0].text, "Otydliga mål");
        assert_eq!(&*tables.source(PageId::at(0)), "", "page a's Markdown is let go once rendered");
        // A fragment rendered after the Markdown stage (a pack's form) names the heading.
        let (title, problems) = render_fragment(&content, PageId::at(1), PageId::at(1), options, &tables, |markup| {
            markup.link_title("a.md#otydliga-mal")
        });
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(title, "Otydliga mål (Fallgropar)");
    }
}

#[cfg(test)]
mod exercise_tests {
    use super::*;
    use crate::content::{FrontMatter, Page, PageKind};

    fn exercise(body: &str) -> (Content, ParsedPage) {
        let front = FrontMatter {
            title: "Övningen".into(),
            duration: Some(40),
            group_size: Some("4–30".into()),
            materials: vec!["post-it-lappar".into()],
            ..FrontMatter::default()
        };
        let pages = vec![
            Page {
                source: "exercises/ovningen.md".into(),
                kind: PageKind::Exercise,
                front,
                url: "ovningar/ovningen.html".into(),
                section: Content::ROOT,
                body_line: 3,
                markdown_bytes: 0,
            },
            Page {
                source: "content/trappan.md".into(),
                kind: PageKind::Page,
                front: FrontMatter { title: "Trappan".into(), ..FrontMatter::default() },
                url: "trappan.html".into(),
                section: Content::ROOT,
                body_line: 3,
                markdown_bytes: 0,
            },
        ];
        let mut content = Content { pages: pages.into(), ..Content::default() };
        content.by_source.insert("exercises/ovningen.md".into(), PageId::at(0));
        content.by_source.insert("content/trappan.md".into(), PageId::at(1));
        let options =
            MarkdownOptions { raw_html: false, strings: crate::i18n::strings("sv"), broken_links: Severity::Error };
        let out = render_page(
            &content,
            PageId::at(0),
            options,
            &AnchorTables::new(vec![body.into(), "## Steg\n".into()].into()),
        );
        (content, out)
    }

    const BODY: &str = "Inledning.\n\n## Syfte\n\nAtt se [trappan](../content/trappan.md#steg).\n\n\
        ```{callout}\nkind: tip\ntext: En ruta\n```\n\n## Så här gör du\n\nFöre listan.\n\n\
        1. Visa trappan. (5 minuter)\n2. Låt var och en välja,\n   i tysthet.\n   (10 minuter)\n\
        3. Samtala: (8 minuter)\n   - i par\n   - i grupp\n4. Ett steg utan tid.\n5. Kort. (1 minut)\n\nPåståenden:\n\n- Inte ett steg\n\n\
        ## Frågor till gruppen\n\n- Vilket steg valde du?\n- Vad *hjälper*?\n\n## Tips\n\nBetona [frågorna](#fragor-till-gruppen).\n\n\
        ### Mer\n\nText.\n\n## Annat\n\nInte med.\n";

    #[test]
    fn an_exercise_s_parts_are_read_in_the_one_reading_of_its_body() {
        let (content, out) = exercise(BODY);
        // Its steps take 24 of its 40 minutes: that warning, and no other problem.
        assert!(out.diagnostics.iter().all(|d| d.message.contains("add up to 24")), "{:?}", out.diagnostics);
        let parts = out.body.exercise.as_ref().expect("an exercise page has parts");
        let view = parts.view(&content.pages[PageId::at(0)], "ovningar/ovningen.html", &[]);
        assert_eq!(view.version, 1);
        assert_eq!(view.id, "ovningar/ovningen");
        assert_eq!(view.url, "ovningar/ovningen.html");
        assert_eq!((view.minutes, view.group_size.as_deref()), (Some(40), Some("4–30")));
        assert_eq!(view.materials, ["post-it-lappar"]);
        assert_eq!(view.purpose_html, "<p>Att se <a href=\"../trappan.html#steg\">trappan</a>.</p>\n", "no component");
        let steps: Vec<(&str, Option<u32>)> = view.steps.iter().map(|s| (s.html.as_str(), s.minutes)).collect();
        assert_eq!(
            steps,
            [
                ("Visa trappan.", Some(5)),
                ("Låt var och en välja,\ni tysthet.", Some(10)),
                ("Samtala:\n<ul>\n<li>i par</li>\n<li>i grupp</li>\n</ul>\n", Some(8)),
                ("Ett steg utan tid.", None),
                ("Kort.", Some(1)),
            ]
        );
        assert_eq!(view.questions_html, ["Vilket steg valde du?", "Vad <em>hjälper</em>?"]);
        assert_eq!(
            view.tips_html,
            "<p>Betona <a href=\"#fragor-till-gruppen\">frågorna</a>.</p>\n<h3 id=\"mer\">Mer</h3>\n<p>Text.</p>\n"
        );
        assert!(out.parts.concat().contains("(5 minuter)"), "the page itself keeps the minutes as written");
        // Nothing is left out: the text around the steps, the text before the first heading
        // and a section of its own are parts too.
        assert_eq!(
            view.steps_more_html,
            "<p>Före listan.</p>\n<p>Påståenden:</p>\n<ul>\n<li>Inte ett steg</li>\n</ul>\n"
        );
        let sections: Vec<(&str, &str)> = view.sections.iter().map(|s| (s.heading.as_str(), s.html.as_str())).collect();
        assert_eq!(sections, [("", "<p>Inledning.</p>\n"), ("Annat", "<p>Inte med.</p>\n")]);
        assert_eq!(view.notes_html, "");
    }

    #[test]
    fn trainer_notes_go_with_their_step_or_the_exercise_and_never_into_the_text() {
        let body = "## Syfte\n\nAtt öva.\n\n> För utbildaren: håll tiden.\n\n> Ett citat för alla.\n\n\
            ## Så här gör du\n\n1. Visa bilden. (5 minuter)\n\n   > **För utbildaren:** säg att den är påhittad.\n\n\
            2. Samtala. (10 minuter)\n\n## Tips\n\nVar lugn.\n";
        let (content, out) = exercise(body);
        let view =
            out.body.exercise.as_ref().unwrap().view(&content.pages[PageId::at(0)], "ovningar/ovningen.html", &[]);
        assert_eq!(view.purpose_html, "<p>Att öva.</p>\n<blockquote>\n<p>Ett citat för alla.</p>\n</blockquote>\n");
        assert_eq!(view.notes_html, "<blockquote>\n<p>För utbildaren: håll tiden.</p>\n</blockquote>\n");
        let steps: Vec<(&str, Option<u32>, &str)> =
            view.steps.iter().map(|s| (s.html.as_str(), s.minutes, s.notes_html.as_str())).collect();
        assert_eq!(
            steps,
            [
                (
                    "<p>Visa bilden.</p>\n",
                    Some(5),
                    "<blockquote>\n<p><strong>För utbildaren:</strong> säg att den är påhittad.</p>\n</blockquote>\n"
                ),
                ("<p>Samtala.</p>\n", Some(10), ""),
            ]
        );
        assert!(out.parts.concat().contains("För utbildaren: håll tiden."), "the exercise's own page shows all of it");
    }

    #[test]
    fn steps_that_do_not_fill_the_exercise_s_time_are_a_warning_at_their_heading() {
        let (_, out) =
            exercise("## Syfte\n\nX.\n\n## Så här gör du\n\n1. Ett. (5 minuter)\n2. Två.\n3. Tre. (10 minuter)\n");
        let warning = out.diagnostics.iter().find(|d| d.message.contains("add up")).expect("a warning");
        assert_eq!(warning.severity, Severity::Warning);
        assert_eq!(warning.line, 7, "the line of `## Så här gör du` in the file: {warning}");
        assert!(warning.message.contains("15 minutes") && warning.message.contains("is 40"), "{warning}");
        assert!(warning.message.contains("step 2 says no time"), "{warning}");
        let (_, out) = exercise("## Så här gör du\n\n1. Ett. (30 minuter)\n2. Två.\n3. Tre. (10 minuter)\n");
        assert!(out.diagnostics.is_empty(), "steps that fill the time: {:?}", out.diagnostics);
    }

    #[test]
    fn an_exercise_s_links_lead_from_the_page_that_shows_it() {
        let (content, out) = exercise(BODY);
        let view =
            out.body.exercise.as_ref().unwrap().view(&content.pages[PageId::at(0)], "kom-igang/plan/dag.html", &[]);
        assert!(view.purpose_html.contains("href=\"../../trappan.html#steg\""), "{}", view.purpose_html);
        assert!(
            view.tips_html.contains("href=\"../../ovningar/ovningen.html#fragor-till-gruppen\""),
            "{}",
            view.tips_html
        );
    }

    #[test]
    fn an_exercise_without_the_headings_has_empty_parts_and_other_pages_none() {
        let (content, out) = exercise("Bara text.\n\n1. En lista (5 minuter)\n");
        let view =
            out.body.exercise.as_ref().unwrap().view(&content.pages[PageId::at(0)], "ovningar/ovningen.html", &[]);
        assert!(view.steps.is_empty() && view.questions_html.is_empty());
        assert_eq!((view.purpose_html.as_str(), view.tips_html.as_str()), ("", ""));
        let options =
            MarkdownOptions { raw_html: false, strings: crate::i18n::strings("sv"), broken_links: Severity::Error };
        let tables = AnchorTables::new(vec!["".into(), "## Steg\n".into()].into());
        assert!(render_page(&content, PageId::at(1), options, &tables).body.exercise.is_none());
    }
}
