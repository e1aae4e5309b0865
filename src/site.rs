//! The build as a sequence of stages: load config → load content → render Markdown (in
//! parallel) → check cross-page references → render templates and write (in parallel) →
//! swap the output into place. Returns diagnostics; never prints.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use minijinja::value::{Serde, Value};

use crate::cards;
use crate::check;
use crate::components::CardSize;
use crate::config::{self, Config};
use crate::content::{self, Content, LoadOptions, PageKind};
use crate::diagnostics::{self, Diagnostic, nearest};
use crate::i18n::{self, Strings};
use crate::index::{self, SiteIndex};
use crate::markdown::{self, MarkdownOptions, RenderedBody, links};
use crate::output::Staging;
use crate::render::{self, Assembly, PageInputs, Renderer};
use crate::search;
use crate::theme;

pub struct BuildOptions {
    pub root: PathBuf,
    /// Where to write the site; `None` checks everything without writing.
    pub out: Option<PathBuf>,
    pub drafts: bool,
    /// Also ask every external link whether it answers (slow; needs the network).
    pub external_links: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
}

/// Everything known about a site after the Markdown stage, before anything is written.
/// `serve` keeps it between edits and re-renders only what a change touches.
#[derive(Clone)]
pub struct Rendered {
    pub root: PathBuf,
    pub drafts: bool,
    pub config: Config,
    pub strings: &'static Strings,
    pub content: Content,
    /// Shared, so that `serve` can hand a snapshot of the site to another thread cheaply.
    pub bodies: Vec<Arc<RenderedBody>>,
    /// Problems found while loading or rendering each page (indexed like `content.pages`).
    pub page_diagnostics: Vec<Vec<Diagnostic>>,
    pub renderer: Renderer,
    /// The components that other pages use, by id (built by [`analyze`]).
    pub index: SiteIndex,
    pub menu: Vec<(String, String)>,
    /// Pages get the live-reload script (only in `serve`'s output).
    pub live_reload: bool,
}

pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let rendered = render_site(&options.root, options.drafts).map_err(diagnostics::sorted)?;
    if options.external_links {
        let links: Vec<check::ExternalLink> = rendered
            .bodies
            .iter()
            .zip(&rendered.content.pages)
            .flat_map(|(body, page)| {
                body.external_links.iter().map(|(url, line, col)| check::ExternalLink {
                    url,
                    path: &page.source,
                    line: *line,
                    col: *col,
                })
            })
            .collect();
        let broken = check::external_links(&links);
        if !broken.is_empty() {
            return Err(diagnostics::sorted(broken));
        }
    }
    let files = write_site(&rendered, &options.root, options.out.as_deref()).map_err(diagnostics::sorted)?;
    Ok(BuildReport { pages: rendered.content.pages.len(), files, elapsed: started.elapsed() })
}

/// Loads and renders every page's body; fails with every problem found.
pub fn render_site(root: &Path, drafts: bool) -> Result<Rendered, Vec<Diagnostic>> {
    let config = config::load(root)?;
    let strings = i18n::strings(&config.language);
    let load_options = LoadOptions {
        drafts,
        exercises_slug: strings.get("exercises_slug"),
        exercises_title: strings.get("exercises"),
    };
    let (content, renderer) =
        rayon::join(|| content::load(root, &load_options), || Renderer::load(root, &config.theme));
    let ((content, load_diagnostics), renderer) = match (content, renderer) {
        (Ok(c), Ok(r)) => (c, r),
        (c, r) => return Err(c.err().into_iter().chain(r.err()).flatten().collect()),
    };

    let md_options = MarkdownOptions { raw_html: config.raw_html, strings };
    let (bodies, mut page_diagnostics): (Vec<Arc<RenderedBody>>, Vec<Vec<Diagnostic>>) = (0..content.pages.len())
        .into_par_iter()
        .map(|i| markdown::render_page(&content, i, md_options).shared())
        .unzip();
    for d in load_diagnostics {
        match content.page_for_source(&d.path) {
            Some(page) => page_diagnostics[page].push(d),
            None => page_diagnostics[Content::ROOT].push(d),
        }
    }
    let mut site = Rendered {
        root: root.to_path_buf(),
        drafts,
        config,
        strings,
        content,
        bodies,
        page_diagnostics,
        renderer,
        index: SiteIndex::default(),
        menu: Vec::new(),
        live_reload: false,
    };
    let diagnostics = analyze(&mut site);
    if diagnostics.is_empty() { Ok(site) } else { Err(diagnostics) }
}

impl Rendered {
    pub fn markdown_options(&self) -> MarkdownOptions {
        MarkdownOptions { raw_html: self.config.raw_html, strings: self.strings }
    }
}

/// After the Markdown stage, run after any change: builds the site index, runs the checks
/// that span pages (anchors, ids, card checklists, templates, menu) and puts together the
/// bodies not yet whole; returns every problem of the site, per-page ones included.
pub fn analyze(site: &mut Rendered) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = site.page_diagnostics.iter().flatten().cloned().collect();
    index::check_anchors(&site.content, &site.bodies, &mut diagnostics);
    site.index = SiteIndex::build(&site.content, &site.bodies, &mut diagnostics);
    index::check_card_checklists(&site.content, &site.bodies, &site.index, &mut diagnostics);
    check_templates(&site.content, &site.renderer, &mut diagnostics);
    site.menu = resolve_menu(&site.root, &site.config, &site.content, &mut diagnostics);
    assemble_bodies(site, &mut diagnostics);
    diagnostics::sorted(diagnostics)
}

/// Puts the components into the bodies that the Markdown stage left in parts (all of them
/// in a build; in `serve`, the pages just rendered again).
fn assemble_bodies(site: &mut Rendered, diagnostics: &mut Vec<Diagnostic>) {
    let with_components: Vec<usize> =
        (0..site.bodies.len()).filter(|&page| !site.bodies[page].placed.is_empty()).collect();
    let assembly = Assembly {
        content: &site.content,
        bodies: &site.bodies,
        index: &site.index,
        renderer: &site.renderer,
        options: site.markdown_options(),
    };
    let assembled: Vec<(usize, String, Vec<Diagnostic>)> = with_components
        .par_iter()
        .map(|&page| {
            let (html, problems) = assembly.body(page);
            (page, html, problems)
        })
        .collect();
    for (page, html, problems) in assembled {
        let body = Arc::make_mut(&mut site.bodies[page]);
        body.html = html;
        body.parts.clear();
        diagnostics.extend(problems);
    }
    // A body without components is its one part, moved.
    for body in &mut site.bodies {
        if body.parts.len() == 1 {
            let body = Arc::make_mut(body);
            body.html = body.parts.pop().unwrap_or_default();
        }
    }
}

/// Renders every page through its template and writes the site (or, without `out`, only
/// renders, so `check` catches template errors too). Returns the number of files.
pub fn write_site(site: &Rendered, root: &Path, out: Option<&Path>) -> Result<usize, Vec<Diagnostic>> {
    let staging = out.map(Staging::new).transpose().map_err(|d| vec![d])?;
    let output_refs = check::OutputRefs::default();
    let write = |rel: &str, bytes: &[u8]| {
        output_refs.record(rel, bytes);
        match &staging {
            Some(s) => s.write(rel, bytes),
            None => Ok(()),
        }
    };
    let all_pages: Vec<usize> = (0..site.content.pages.len()).collect();
    // Side by side: writing pages waits on the disk now and then, and the search index
    // (the biggest of the generated files) fills those gaps.
    let (mut diagnostics, (generated_files, generated_diagnostics)) =
        rayon::join(|| write_pages(site, &all_pages, &write), || write_generated(site, &write));
    let mut files = site.content.pages.len() + generated_files;
    diagnostics.extend(generated_diagnostics);

    let statics = theme::static_files(root, &site.config.theme);
    match &statics {
        Ok(statics) => {
            for (rel, bytes) in statics {
                diagnostics.extend(write(&format!("static/{rel}"), bytes).err());
            }
            files += statics.len();
        }
        Err(d) => diagnostics.push(d.clone()),
    }
    let copied: Vec<Result<(), Diagnostic>> = site
        .content
        .assets
        .par_iter()
        .map(|asset| {
            let bytes = std::fs::read(root.join(&asset.source))
                .map_err(|e| Diagnostic::file(&asset.source, format!("cannot read the file: {e}")))?;
            write(&asset.url, &bytes)
        })
        .collect();
    diagnostics.extend(copied.into_iter().filter_map(Result::err));
    files += site.content.assets.len();

    let by_url: HashMap<&str, &Path> =
        site.content.pages.iter().map(|p| (p.url.as_str(), p.source.as_path())).collect();
    // Without the static files every page would be reported as referring to missing ones:
    // the one problem above says it all.
    if statics.is_ok() {
        diagnostics
            .extend(output_refs.missing(|page| by_url.get(page).map_or(page.to_string(), |p| p.display().to_string())));
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    if let Some(staging) = staging {
        staging.finish().map_err(|d| vec![d])?;
    }
    Ok(files)
}

/// Where rendered output goes: (output path, bytes). The staging folder in a build, the
/// preview folder in `serve`, nowhere in `check`.
pub type WriteFn<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;

/// Renders `pages` through their templates and hands each to `write` (in parallel).
pub fn write_pages(site: &Rendered, pages: &[usize], write: &WriteFn<'_>) -> Vec<Diagnostic> {
    pages
        .par_iter()
        .map(|&i| render_page(site, i).and_then(|html| write(&site.content.pages[i].url, html.as_bytes())))
        .filter_map(Result::err)
        .collect()
}

fn template_for(site: &Rendered, page: usize) -> String {
    let page = &site.content.pages[page];
    match (&page.front.template, page.kind) {
        (Some(own), _) => format!("{own}.html"),
        (None, PageKind::Home) => "index.html".into(),
        (None, PageKind::Section) => "section.html".into(),
        (None, PageKind::Page) => "page.html".into(),
        (None, PageKind::Exercise) => "exercise.html".into(),
    }
}

fn render_page(site: &Rendered, page: usize) -> Result<String, Diagnostic> {
    let body = &site.bodies[page];
    let inputs = PageInputs {
        config: &site.config,
        content: &site.content,
        page,
        html: &body.html,
        headings: &body.headings,
        strings: site.strings,
        menu: &site.menu,
        live_reload: site.live_reload,
        at: None,
    };
    site.renderer.render(&template_for(site, page), render::page_context(&inputs))
}

/// The pages no Markdown file stands for: the 404 page, the search page and index, the card
/// pages and their print sheet. Returns (files written, problems).
pub fn write_generated(site: &Rendered, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    let mut diagnostics: Vec<Diagnostic> = render_page_of_its_own(site, "404.html", "404.html", Value::UNDEFINED)
        .and_then(|html| write("404.html", html.as_bytes()))
        .err()
        .into_iter()
        .collect();
    let (search_files, search_diagnostics) = write_search(site, write);
    diagnostics.extend(search_diagnostics);
    let (card_files, card_diagnostics) = write_cards(site, write);
    diagnostics.extend(card_diagnostics);
    let (handout_files, handout_diagnostics) = write_handouts(site, write);
    diagnostics.extend(handout_diagnostics);
    (1 + search_files + card_files + handout_files, diagnostics)
}

/// What `trappa cards` writes: the PDFs of the site's cards into `out`.
pub struct CardsOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Every card at this size instead of its own.
    pub size: Option<CardSize>,
    /// Only the cards with these ids (all when empty).
    pub only: Vec<String>,
}

/// Writes each chosen card as `ID.pdf` and their A4 sheet as `kort-a4.pdf` into `out`;
/// returns the number of files. The content must build without errors first.
pub fn write_card_pdfs(options: &CardsOptions) -> Result<usize, Vec<Diagnostic>> {
    let site = render_site(&options.root, false)?;
    let mut chosen = cards::collect(&site.content, &site.bodies, &site.index);
    if let Some(unknown) = options.only.iter().find(|id| !chosen.iter().any(|card| &card.id == *id)) {
        let hint = match nearest(unknown, chosen.iter().map(|card| card.id.as_str())) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the cards are: {}", chosen.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")),
        };
        return Err(vec![Diagnostic::file(&options.root, format!("no card `{unknown}` in the site")).with_hint(hint)]);
    }
    chosen.retain(|card| options.only.is_empty() || options.only.contains(&card.id));
    if let Some(size) = options.size {
        chosen.iter_mut().for_each(|card| card.size = size);
    }
    pdf_files(&site, &chosen, &options.out)
}

/// What the PDF designs need to know of the site.
#[cfg(feature = "pdf")]
fn pdf_context(site: &Rendered) -> cards::pdf::PdfContext<'_> {
    cards::pdf::PdfContext {
        site_title: &site.config.title,
        base_url: site.config.base_url.as_deref(),
        root: &site.root,
        theme: &site.config.theme,
    }
}

#[cfg(feature = "pdf")]
fn pdf_files(site: &Rendered, chosen: &[cards::PrintCard], out: &Path) -> Result<usize, Vec<Diagnostic>> {
    let (files, diagnostics) = cards::pdf::card_files(chosen, &pdf_context(site));
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    std::fs::create_dir_all(out).map_err(|e| vec![Diagnostic::file(out, format!("cannot create the folder: {e}"))])?;
    let written: Vec<Diagnostic> = files
        .iter()
        .filter_map(|(rel, bytes)| {
            let path = out.join(rel.trim_start_matches(cards::CARDS_DIR));
            std::fs::write(&path, bytes).err().map(|e| Diagnostic::file(&path, format!("cannot write the PDF: {e}")))
        })
        .collect();
    if written.is_empty() { Ok(files.len()) } else { Err(written) }
}

#[cfg(not(feature = "pdf"))]
fn pdf_files(_: &Rendered, _: &[cards::PrintCard], out: &Path) -> Result<usize, Vec<Diagnostic>> {
    Err(vec![
        Diagnostic::file(out, "this trappa was built without PDF support".to_string())
            .with_hint("build it with the default features (`cargo install --path .`, without --no-default-features)"),
    ])
}

/// Each section's pages as one document to print (`SECTION/utskrift.html`): its own page and
/// then its pages in order, each starting on a new A4 sheet. Pages of subsections are left
/// out, so that every relative link in the bodies still leads where it did.
pub fn write_handouts(site: &Rendered, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    if !site.renderer.has_template(HANDOUT_TEMPLATE) {
        return (0, Vec::new());
    }
    let file_name = site.strings.get("handout_page");
    let results: Vec<Result<(), Diagnostic>> = site
        .content
        .sections
        .par_iter()
        .enumerate()
        .filter(|(index, section)| *index != Content::ROOT && !section.pages.is_empty())
        .map(|(_, section)| {
            let index_url = &site.content.pages[section.index_page].url;
            let url = format!("{}{file_name}", index_url.trim_end_matches("index.html"));
            if let Some(taken) = site.content.pages.iter().find(|p| p.url == url) {
                return Err(Diagnostic::file(
                    &taken.source,
                    format!("this page's output `{url}` is where the section's handout goes"),
                )
                .with_hint("rename the file"));
            }
            let pages: Vec<serde_json::Value> = std::iter::once(section.index_page)
                .chain(section.pages.iter().copied())
                .map(|page| {
                    let front = &site.content.pages[page].front;
                    serde_json::json!({
                        "title": front.title,
                        "description": front.description,
                        "kind": site.content.pages[page].kind,
                        "duration": front.duration,
                        "group_size": front.group_size,
                        "materials": front.materials,
                        "sources": front.sources,
                        "content": site.bodies[page].html,
                    })
                })
                .collect();
            let handout = serde_json::json!({ "handout": {
                "title": site.content.pages[section.index_page].front.title,
                "section_url": "index.html",
                "pages": pages,
            }});
            let html = render_page_of_its_own(site, HANDOUT_TEMPLATE, &url, Value::from(Serde(handout)))?;
            write(&url, html.as_bytes())
        })
        .collect();
    let files = results.len();
    (files, results.into_iter().filter_map(Result::err).collect())
}

const HANDOUT_TEMPLATE: &str = "handout.html";

/// Each card's own page (`kort/ID.html`, front and back at their printed size) and the A4
/// print sheet of all cards (`kort/index.html`), with the cards' PDFs when built with the
/// `pdf` feature. Nothing is written for a site without cards.
pub fn write_cards(site: &Rendered, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    let cards = cards::collect(&site.content, &site.bodies, &site.index);
    if cards.is_empty() {
        return (0, Vec::new());
    }
    let base_url = site.config.base_url.as_deref();
    let views: Vec<CardView> = cards.iter().map(|card| CardView::new(card, base_url, site.strings)).collect();
    let mut results: Vec<Result<(), Diagnostic>> = cards
        .par_iter()
        .zip(&views)
        .map(|(card, view)| {
            let url = card.url();
            let html = render_page_of_its_own(site, CARD_TEMPLATE, &url, Value::from(Serde(context_for_card(view))))?;
            write(&url, html.as_bytes())
        })
        .collect();
    let sheets: Vec<SheetView> = cards::sheets(&cards, None).iter().map(SheetView::new).collect();
    let layouts = [CardSize::A6, CardSize::A7, CardSize::Kreditkort].map(LayoutView::new);
    let sheet_context = Value::from(Serde(serde_json::json!({
        "cards": views,
        "sheets": sheets,
        "layouts": layouts,
        "pdf": cfg!(feature = "pdf").then_some(cards::SHEET_PDF.trim_start_matches(cards::CARDS_DIR)),
    })));
    results.push(
        render_page_of_its_own(site, CARD_SHEET_TEMPLATE, cards::SHEET_PAGE, sheet_context)
            .and_then(|html| write(cards::SHEET_PAGE, html.as_bytes())),
    );
    let (pdf_files, pdf_diagnostics) = write_card_pdfs_into_site(site, &cards, write);
    let files = results.len() + pdf_files;
    (files, results.into_iter().filter_map(Result::err).chain(pdf_diagnostics).collect())
}

/// The cards' PDFs next to their pages (`kort/ID.pdf`, `kort/kort-a4.pdf`).
#[cfg(feature = "pdf")]
fn write_card_pdfs_into_site(
    site: &Rendered,
    cards: &[cards::PrintCard],
    write: &WriteFn<'_>,
) -> (usize, Vec<Diagnostic>) {
    let (pdfs, mut diagnostics) = cards::pdf::card_files(cards, &pdf_context(site));
    diagnostics.extend(pdfs.iter().filter_map(|(rel, bytes)| write(rel, bytes).err()));
    (pdfs.len(), diagnostics)
}

#[cfg(not(feature = "pdf"))]
fn write_card_pdfs_into_site(_: &Rendered, _: &[cards::PrintCard], _: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    (0, Vec::new())
}

fn context_for_card(view: &CardView) -> serde_json::Value {
    serde_json::json!({ "card": view, "layout": LayoutView::new(view.size) })
}

/// Templates of the card pages.
const CARD_TEMPLATE: &str = "card.html";
const CARD_SHEET_TEMPLATE: &str = "cards.html";

/// A card as the card templates see it; URLs are relative to the `kort/` folder.
#[derive(serde::Serialize)]
struct CardView<'a> {
    id: &'a str,
    title: &'a str,
    size: CardSize,
    size_label: String,
    front: &'a [cards::Block],
    back: &'a [cards::Block],
    /// The page the card is on, and its title.
    page_url: String,
    page_title: &'a str,
    url: String,
    pdf: Option<String>,
    /// QR code (SVG markup) of the card's online page, and the address written beside it,
    /// when `site.yaml` says where the site is published.
    qr: Option<String>,
    short_url: Option<String>,
}

impl<'a> CardView<'a> {
    fn new(card: &'a cards::PrintCard, base_url: Option<&str>, strings: &Strings) -> Self {
        let online = card.online_url(base_url);
        let label = format!("{} {}", strings.get("card_qr_label"), card.title);
        CardView {
            id: &card.id,
            title: &card.title,
            size: card.size,
            size_label: card.size.label(),
            front: &card.front,
            back: &card.back,
            page_url: format!("../{}", card.page_url),
            page_title: &card.page_title,
            url: format!("{}.html", card.id),
            pdf: cfg!(feature = "pdf").then(|| format!("{}.pdf", card.id)),
            qr: online.as_deref().and_then(|url| cards::qr_svg(url, &label)),
            short_url: online.as_deref().map(|url| cards::short_url(url).to_string()),
        }
    }
}

/// How a size is imposed, for the sheet's markup and the script that re-imposes it.
#[derive(serde::Serialize)]
struct LayoutView {
    size: CardSize,
    label: String,
    per_sheet: usize,
    columns: usize,
    rotated: bool,
    crop_marks: String,
}

impl LayoutView {
    fn new(size: CardSize) -> Self {
        let layout = cards::SheetLayout::for_size(size);
        LayoutView {
            size,
            label: size.label(),
            per_sheet: layout.per_sheet(),
            columns: layout.columns,
            rotated: layout.rotated,
            crop_marks: cards::crop_marks_svg(layout.slot_mm, SHEET_MARK_MARGIN_MM),
        }
    }
}

/// The crop marks' drawing reaches this far beyond a card on the sheet (half the gap).
const SHEET_MARK_MARGIN_MM: f64 = cards::SHEET_GAP_MM / 2.0;

/// One sheet pair for the template: the card ids of the fronts in slot order, and of the
/// backs in slot order (mirrored).
#[derive(serde::Serialize)]
struct SheetView {
    size: CardSize,
    fronts: Vec<usize>,
    backs: Vec<Option<usize>>,
}

impl SheetView {
    fn new(sheet: &cards::Sheet) -> Self {
        let layout = cards::SheetLayout::for_size(sheet.size);
        // Backs fill the mirrored slots; a slot whose front is empty stays empty behind.
        let slots = sheet.cards.len().div_ceil(layout.columns) * layout.columns;
        let mut backs = vec![None; slots];
        for (slot, card) in sheet.cards.iter().enumerate() {
            backs[layout.back_slot(slot)] = Some(*card);
        }
        SheetView { size: sheet.size, fronts: sheet.cards.clone(), backs }
    }
}

/// The search index files and, when the theme has a search template, the search page
/// (`sok.html`, or `search.html` on an English site). Returns (files written, problems).
pub fn write_search(site: &Rendered, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    let index = search::index_files(&site.content, &site.bodies, &site.config.language);
    let mut files = index.len();
    let mut diagnostics: Vec<Diagnostic> = index.iter().filter_map(|(rel, bytes)| write(rel, bytes).err()).collect();
    if site.renderer.has_template(SEARCH_TEMPLATE) {
        let url = site.strings.get("search_page");
        match site.content.pages.iter().find(|p| p.url == url) {
            Some(taken) => diagnostics.push(
                Diagnostic::file(&taken.source, format!("this page's output `{url}` is where the search page goes"))
                    .with_hint("rename the file"),
            ),
            None => {
                files += 1;
                diagnostics.extend(
                    render_page_of_its_own(site, SEARCH_TEMPLATE, url, Value::UNDEFINED)
                        .and_then(|html| write(url, html.as_bytes()))
                        .err(),
                );
            }
        }
    }
    (files, diagnostics)
}

/// The theme's template of the full search page (optional: a theme may leave search out).
const SEARCH_TEMPLATE: &str = "search.html";

/// A page that is no content page (404, search, cards) at output path `at`, rendered with
/// the home page's context and the values of `extra` (a map) on top.
fn render_page_of_its_own(site: &Rendered, template: &str, at: &str, extra: Value) -> Result<String, Diagnostic> {
    let home = site.content.sections[Content::ROOT].index_page;
    let inputs = PageInputs {
        config: &site.config,
        content: &site.content,
        page: home,
        html: "",
        headings: &[],
        strings: site.strings,
        menu: &site.menu,
        live_reload: site.live_reload,
        at: Some(at),
    };
    let base = render::page_context(&inputs);
    let context = if extra.is_undefined() {
        base
    } else {
        minijinja::context! { ..extra, ..base }
    };
    site.renderer.render(template, context)
}

fn check_templates(content: &Content, renderer: &Renderer, diagnostics: &mut Vec<Diagnostic>) {
    for page in &content.pages {
        if let Some(own) = &page.front.template
            && !renderer.has_template(&format!("{own}.html"))
        {
            diagnostics.push(
                Diagnostic::file(&page.source, format!("no template `{own}.html` in the theme or in templates/"))
                    .with_hint(format!("use one of {}, or add templates/{own}.html", render::TEMPLATES.join(", "))),
            );
        }
    }
}

/// The menu as (title, output URL): from `site.yaml`, or the top-level sections.
fn resolve_menu(
    root: &Path,
    config: &Config,
    content: &Content,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let Some(entries) = &config.menu else {
        return content.sections[Content::ROOT]
            .subsections
            .iter()
            .map(|s| {
                let page = &content.pages[content.sections[*s].index_page];
                (page.front.title.clone(), page.url.clone())
            })
            .collect();
    };
    let yaml = std::fs::read_to_string(root.join(config::CONFIG_FILE)).unwrap_or_default();
    let home = content.sections[Content::ROOT].index_page;
    entries
        .iter()
        .filter_map(|entry| match links::resolve(content, Path::new(config::CONFIG_FILE), home, &entry.link) {
            Ok(links::Target::Page { page, .. }) => Some((entry.title.clone(), content.pages[page].url.clone())),
            Ok(links::Target::Asset { url }) => Some((entry.title.clone(), url)),
            Ok(links::Target::External) => Some((entry.title.clone(), entry.link.clone())),
            Err(missing) => {
                let line = yaml.lines().position(|l| l.contains(&entry.link)).map_or(1, |i| i + 1);
                diagnostics.push(
                    Diagnostic::new(
                        config::CONFIG_FILE,
                        line,
                        1,
                        format!("menu link to a missing file `{}`", entry.link),
                    )
                    .with_hint(format!(
                        "no file {} exists; menu links are relative to the site folder, e.g. content/trappan/_index.md",
                        missing.resolved.display()
                    )),
                );
                None
            }
        })
        .collect()
}
