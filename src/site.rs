//! The build as a sequence of stages: load config → load content → render Markdown (in
//! parallel) → site index and cross-page checks → put the bodies together → render templates
//! and write (in parallel) → swap the output into place. Returns diagnostics; never prints.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use minijinja::value::Value;

use crate::cards;
use crate::check;
use crate::components::View;
use crate::config::{self, Config};
use crate::content::{self, Content, LoadOptions, PageKind};
use crate::diagnostics::{self, Diagnostic};
use crate::handouts;
use crate::i18n::{self, Strings};
use crate::index::{self, SiteIndex};
use crate::markdown::{self, MarkdownOptions, RenderedBody, links};
use crate::memory;
use crate::output::{Staging, WriteFn};
use crate::overview;
use crate::planner;
use crate::plans;
use crate::render::{self, Assembly, Menu, OwnPages, PageInputs, Renderer};
use crate::search::{self, IndexFrom};
use crate::summaries;
use crate::theme;

pub struct BuildOptions {
    pub root: PathBuf,
    /// Where to write the site; `None` checks everything without writing.
    pub out: Option<PathBuf>,
    pub drafts: bool,
    /// Also ask every external link whether it answers (slow; needs the network).
    pub external_links: bool,
    /// Every Markdown file must start with front matter (`check --require-front-matter`).
    pub require_front_matter: bool,
    /// Warnings are errors: nothing is written while there are any (`--strict`).
    pub strict: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    /// Broken links and anchors that `site.yaml` lets through (`broken_links: warning`).
    pub warnings: Vec<Diagnostic>,
    /// The site's settings as the build read them (`trappa pack` names its zip by the title).
    pub config: Config,
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
    pub menu: Menu,
    /// Pages get the live-reload script (only in `serve`'s output).
    pub live_reload: bool,
    /// The problems that do not stop the build (see [`analyze`]).
    pub warnings: Vec<Diagnostic>,
    /// The forms each plan's participant pack shows, seen from the pack (made by [`analyze`]:
    /// their links name other pages' headings, from `anchors`).
    pub worksheets: plans::Worksheets,
    /// Each page's headings and ids, for the links rendered after the Markdown stage.
    pub anchors: markdown::AnchorTables,
}

pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let rendered = render_checked(&options.root, options.drafts, options.require_front_matter, Markdown::LetGo)
        .map_err(diagnostics::sorted)?;
    if options.strict && !rendered.warnings.is_empty() {
        return Err(rendered.warnings.into_iter().map(|w| w.with_severity(diagnostics::Severity::Error)).collect());
    }
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
    // What only the Markdown stage and the checks read is let go before the biggest stage.
    let mut rendered = rendered;
    rendered.anchors = markdown::AnchorTables::default();
    for body in &mut rendered.bodies {
        if let Some(body) = Arc::get_mut(body) {
            body.forget_checked();
        }
    }
    memory::give_back();
    // The search index lets its text go as it is made (see `search::index::build`).
    let search = IndexFrom::text_of(&mut rendered.bodies);
    let files =
        write_site(&mut rendered, &options.root, options.out.as_deref(), search).map_err(diagnostics::sorted)?;
    Ok(BuildReport {
        pages: rendered.content.pages.len(),
        files,
        elapsed: started.elapsed(),
        warnings: rendered.warnings,
        config: rendered.config,
    })
}

/// Loads and renders every page's body; fails with every problem found.
pub fn render_site(root: &Path, drafts: bool) -> Result<Rendered, Vec<Diagnostic>> {
    render_checked(root, drafts, false, Markdown::Keep)
}

/// Whether the pages' Markdown stays in the site once rendered: `serve` renders edits from
/// it; a build reads it no more, and lets each page's go as soon as it is rendered.
#[derive(Clone, Copy, PartialEq)]
enum Markdown {
    Keep,
    LetGo,
}

/// [`render_site`], for `check` also requiring front matter when asked.
fn render_checked(
    root: &Path,
    drafts: bool,
    require_front_matter: bool,
    markdown: Markdown,
) -> Result<Rendered, Vec<Diagnostic>> {
    let config = config::load(root)?;
    let strings = i18n::strings(&config.language);
    let load_options = LoadOptions {
        drafts,
        exercises_slug: strings.get("exercises_slug"),
        exercises_title: strings.get("exercises"),
        require_front_matter,
    };
    let (content, renderer) =
        rayon::join(|| content::load(root, &load_options), || Renderer::load(root, &config.theme));
    let ((mut content, load_diagnostics), renderer) = match (content, renderer) {
        (Ok(c), Ok(r)) => (c, r),
        (c, r) => return Err(c.err().into_iter().chain(r.err()).flatten().collect()),
    };

    let md_options = MarkdownOptions { raw_html: config.raw_html, strings, broken_links: config.broken_links };
    let anchors = markdown::AnchorTables::new(&content);
    if markdown == Markdown::LetGo {
        content.forget_markdown();
    }
    let (bodies, mut page_diagnostics): (Vec<Arc<RenderedBody>>, Vec<Vec<Diagnostic>>) = (0..content.pages.len())
        .into_par_iter()
        .map(|i| markdown::render_page(&content, i, md_options, &anchors).shared())
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
        menu: Menu { entries: Vec::new(), overview: None },
        live_reload: false,
        warnings: Vec::new(),
        worksheets: plans::Worksheets::default(),
        anchors,
    };
    let errors = analyze(&mut site);
    if errors.is_empty() {
        Ok(site)
    } else {
        // Nothing is written: every problem is shown at once, the warnings among them.
        Err(diagnostics::sorted(errors.into_iter().chain(std::mem::take(&mut site.warnings)).collect()))
    }
}

impl Rendered {
    pub fn markdown_options(&self) -> MarkdownOptions {
        MarkdownOptions {
            raw_html: self.config.raw_html,
            strings: self.strings,
            broken_links: self.config.broken_links,
        }
    }

    /// How the pages no Markdown file stands for are rendered.
    pub fn own_pages(&self) -> OwnPages<'_> {
        OwnPages::new(&self.config, &self.content, self.strings, &self.menu, self.live_reload, &self.renderer)
    }
}

/// After the Markdown stage, run after any change: builds the site index, runs the checks
/// that span pages (anchors, ids, card checklists, templates, menu) and puts together the
/// bodies not yet whole; returns every error of the site, per-page ones included, and keeps
/// the warnings in `site.warnings`.
pub fn analyze(site: &mut Rendered) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = site.page_diagnostics.iter().flatten().cloned().collect();
    index::check_anchors(&site.content, &site.bodies, site.config.broken_links, &mut diagnostics);
    site.index = SiteIndex::build(&site.content, &site.bodies, &mut diagnostics);
    index::check_card_checklists(&site.content, &site.bodies, &site.index, &mut diagnostics);
    check_templates(&site.content, &site.renderer, &mut diagnostics);
    let entries = resolve_menu(&site.config, &site.content, &mut diagnostics);
    let can_list = site.renderer.has_template(render::OVERVIEW_TEMPLATE);
    site.menu = Menu::new(entries, site.strings.get("menu_page"), can_list);
    assemble_bodies(site, &mut diagnostics);
    site.worksheets =
        plans::worksheets(&site.content, &site.bodies, &site.index, site.markdown_options(), &site.anchors);
    let (errors, warnings) = diagnostics::sorted(diagnostics).into_iter().partition(Diagnostic::is_error);
    site.warnings = warnings;
    errors
}

/// Puts the components into the bodies that the Markdown stage left in parts (all of them
/// in a build; in `serve`, the pages just rendered again).
fn assemble_bodies(site: &mut Rendered, diagnostics: &mut Vec<Diagnostic>) {
    let assembly = Assembly::new(&site.content, &site.index, &site.renderer, site.markdown_options(), &site.anchors);
    // In place, so that a body's parts are let go as soon as it is whole.
    let problems: Vec<Diagnostic> = site
        .bodies
        .par_iter_mut()
        .enumerate()
        .filter(|(_, body)| !body.parts.is_empty())
        .flat_map_iter(|(page, body)| {
            let body = Arc::make_mut(body);
            let (html, problems) = if body.placed.is_empty() && !assembly.marks_terms(page) {
                // A body without components is its one part, moved.
                (body.parts.pop().unwrap_or_default(), Vec::new())
            } else {
                let (html, components, problems) = assembly.body(page, body);
                // An exercise's guide, pack and presenter show the components of its parts.
                if let Some(exercise) = body.exercise.as_mut() {
                    exercise.components_html = components;
                }
                (html, problems)
            };
            body.html = html;
            // Kept until the pages are written: without the room it grew into.
            body.html.shrink_to_fit();
            body.parts = Vec::new();
            // Kept are the views later stages read: the cards (for print), the checklists
            // a card may show (the index reads them again after each change in `serve`), the
            // reading paths (their summaries), the plans (their guides and packs) and the
            // staircases (the presenter draws them).
            body.placed.retain(|placed| match &placed.view {
                View::Card(_) | View::Path(_) | View::Plan(_) => true,
                // The presenter view draws them on the slides that link to them.
                View::Staircase(_) => true,
                View::Checklist(list) => list.id.is_some(),
                _ => false,
            });
            problems
        })
        .collect();
    diagnostics.extend(problems);
}

/// Renders every page through its template and writes the site (or, without `out`, only
/// renders, so `check` catches template errors too), the search index from `search` last.
/// With the pages' text ([`IndexFrom::Text`], a build), the bodies' HTML is let go once
/// the pages are written, and the index is made in the memory it held. Returns the number of
/// files.
pub fn write_site(
    site: &mut Rendered,
    root: &Path,
    out: Option<&Path>,
    search: IndexFrom,
) -> Result<usize, Vec<Diagnostic>> {
    let staging = out.map(Staging::new).transpose().map_err(|d| vec![d])?;
    let content = &site.content;
    let output_refs = check::OutputRefs::expecting(
        content.pages.iter().map(|page| page.url.clone()).chain(content.assets.iter().map(|asset| asset.url.clone())),
    );
    let write = |rel: &str, bytes: &[u8]| {
        output_refs.record(rel, bytes);
        match &staging {
            Some(s) => s.write(rel, bytes),
            None => Ok(()),
        }
    };
    let all_pages: Vec<usize> = (0..site.content.pages.len()).collect();
    // Side by side: writing pages waits on the disk now and then, and the other pages fill
    // those gaps.
    let (mut diagnostics, (generated_files, generated_diagnostics)) =
        rayon::join(|| write_pages(site, &all_pages, &write), || write_own_pages(site, &write));
    let mut files = site.content.pages.len() + generated_files;
    diagnostics.extend(generated_diagnostics);
    if let IndexFrom::Text(_) = search {
        forget_html(&mut site.bodies);
        memory::give_back();
    }
    let (search_files, search_diagnostics) = search::page::write(&site.bodies, search, &site.own_pages(), &write);
    files += search_files;
    diagnostics.extend(search_diagnostics);
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
    if let Some(brand) = &site.config.brand {
        diagnostics.extend(write(crate::brand::CSS_PATH, crate::brand::css(brand).as_bytes()).err());
        files += 1;
        if let Some(logo) = &brand.logo {
            diagnostics.extend(write(&crate::brand::logo_path(logo.kind), &logo.bytes).err());
            files += 1;
        }
        for (rel, bytes) in brand.font.iter().flat_map(|font| font.output_files()) {
            diagnostics.extend(write(&rel, bytes).err());
            files += 1;
        }
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

/// Renders `pages` through their templates and hands each to `write` (in parallel).
pub fn write_pages(site: &Rendered, pages: &[usize], write: &WriteFn<'_>) -> Vec<Diagnostic> {
    let sections = render::SectionContexts::new(&site.content);
    pages
        .par_iter()
        .map(|&i| render_page(site, i, &sections).and_then(|html| write(&site.content.pages[i].url, html.as_bytes())))
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

fn render_page(site: &Rendered, page: usize, sections: &render::SectionContexts) -> Result<String, Diagnostic> {
    let body = &site.bodies[page];
    let source = &site.content.pages[page];
    let (content, bodies, index) = (&site.content, &site.bodies, &site.index);
    let exercise = render::exercise_view(content, bodies, index, &site.renderer, site.strings, page, &source.url)?;
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
        under: None,
        reading_paths: &site.index.reading_paths,
        exercise: exercise.as_ref(),
        sections: Some(sections),
    };
    site.renderer.render(&template_for(site, page), render::page_context(&inputs))
}

/// The pages no Markdown file stands for: the 404 page, the search page and index, the card
/// pages and their print sheet, the handouts, the reading paths' summaries, the planner, the
/// plans' guides and packs and the list of all sections (the search index from `search`).
/// Returns (files written, problems).
pub fn write_generated(site: &Rendered, search: IndexFrom, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    let (files, mut diagnostics) = write_own_pages(site, write);
    let (search_files, search_diagnostics) = search::page::write(&site.bodies, search, &site.own_pages(), write);
    diagnostics.extend(search_diagnostics);
    (files + search_files, diagnostics)
}

/// Lets go of the bodies' HTML once every page that shows it is written (a body shared
/// elsewhere keeps its own).
fn forget_html(bodies: &mut [Arc<RenderedBody>]) {
    for body in bodies {
        if let Some(body) = Arc::get_mut(body) {
            body.html = String::new();
        }
    }
}

/// The pages that no Markdown file stands for (404, cards, handouts, summaries, plans …),
/// the search index and page aside. Returns (files written, problems).
fn write_own_pages(site: &Rendered, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    let pages = site.own_pages();
    let mut diagnostics: Vec<Diagnostic> = pages
        .render("404.html", "404.html", Value::UNDEFINED)
        .and_then(|html| write("404.html", html.as_bytes()))
        .err()
        .into_iter()
        .collect();
    let cards = cards::collect(&site.content, &site.bodies, &site.index);
    let (card_files, card_diagnostics) = cards::pages::write(&cards, &pages, &site.root, write);
    diagnostics.extend(card_diagnostics);
    let (handout_files, handout_diagnostics) = handouts::write(&site.bodies, &pages, write);
    diagnostics.extend(handout_diagnostics);
    let (summary_files, summary_diagnostics) = summaries::write(&site.bodies, &site.index, &pages, write);
    diagnostics.extend(summary_diagnostics);
    let (planner_files, planner_diagnostics) = planner::write(&site.bodies, &site.index, &pages, write);
    diagnostics.extend(planner_diagnostics);
    let (plan_files, plan_diagnostics) = plans::write(&site.bodies, &site.index, &site.worksheets, &pages, write);
    diagnostics.extend(plan_diagnostics);
    let (overview_files, overview_diagnostics) = overview::write(&pages, write);
    diagnostics.extend(overview_diagnostics);
    let own = planner_files + plan_files + overview_files;
    (1 + card_files + handout_files + summary_files + own, diagnostics)
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
fn resolve_menu(config: &Config, content: &Content, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
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
    let home = content.sections[Content::ROOT].index_page;
    entries
        .iter()
        .filter_map(|entry| match links::resolve(content, Path::new(config::CONFIG_FILE), home, &entry.link) {
            Ok(links::Target::Page { page, .. }) => Some((entry.title.clone(), content.pages[page].url.clone())),
            Ok(links::Target::Asset { url }) => Some((entry.title.clone(), url)),
            Ok(links::Target::External) => Some((entry.title.clone(), entry.link.clone())),
            Err(missing) => {
                diagnostics.push(
                    Diagnostic::new(
                        config::CONFIG_FILE,
                        entry.line,
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
