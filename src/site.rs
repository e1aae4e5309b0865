//! The build as a sequence of stages: load config → load content → render Markdown (in
//! parallel) → check cross-page references → render templates and write (in parallel) →
//! swap the output into place. Returns diagnostics; never prints.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check;
use crate::components::{Component, checklist_marker};
use crate::config::{self, Config};
use crate::content::{self, Content, LoadOptions, PageKind};
use crate::diagnostics::{self, Diagnostic, nearest};
use crate::i18n::{self, Strings};
use crate::markdown::{self, MarkdownOptions, RenderedBody, links};
use crate::output::Staging;
use crate::render::{self, PageInputs, Renderer};
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
pub struct Rendered {
    pub root: PathBuf,
    pub drafts: bool,
    pub config: Config,
    pub strings: &'static Strings,
    pub content: Content,
    pub bodies: Vec<RenderedBody>,
    /// Problems found while loading or rendering each page (indexed like `content.pages`).
    pub page_diagnostics: Vec<Vec<Diagnostic>>,
    pub renderer: Renderer,
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
    let mut bodies: Vec<RenderedBody> =
        (0..content.pages.len()).into_par_iter().map(|i| markdown::render_page(&content, i, md_options)).collect();
    let mut page_diagnostics: Vec<Vec<Diagnostic>> =
        bodies.iter_mut().map(|b| std::mem::take(&mut b.diagnostics)).collect();
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

/// The checks that span pages (anchors, ids, card checklists, templates, menu), run after
/// any change; returns every problem of the site, per-page ones included.
pub fn analyze(site: &mut Rendered) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = site.page_diagnostics.iter().flatten().cloned().collect();
    let options = site.markdown_options();
    check_anchors(&site.content, &site.bodies, &mut diagnostics);
    check_unique_ids(&site.content, &site.bodies, &mut diagnostics);
    fill_card_checklists(&site.content, &mut site.bodies, options, &mut diagnostics);
    check_templates(&site.content, &site.renderer, &mut diagnostics);
    site.menu = resolve_menu(&site.root, &site.config, &site.content, &mut diagnostics);
    diagnostics::sorted(diagnostics)
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
    let mut diagnostics = write_pages(site, &all_pages, &write);
    let mut files = site.content.pages.len();

    let not_found = render_page_of_its_own(site, "404.html").and_then(|html| write("404.html", html.as_bytes()));
    diagnostics.extend(not_found.err());
    files += 1;

    let (search_files, search_diagnostics) = write_search(site, &write);
    files += search_files;
    diagnostics.extend(search_diagnostics);

    match theme::static_files(root, &site.config.theme) {
        Ok(statics) => {
            for (rel, bytes) in &statics {
                diagnostics.extend(write(&format!("static/{rel}"), bytes).err());
            }
            files += statics.len();
        }
        Err(d) => diagnostics.push(d),
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
    diagnostics
        .extend(output_refs.missing(|page| by_url.get(page).map_or(page.to_string(), |p| p.display().to_string())));
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
    };
    site.renderer.render(&template_for(site, page), render::page_context(&inputs))
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
                    render_page_of_its_own(site, SEARCH_TEMPLATE).and_then(|html| write(url, html.as_bytes())).err(),
                );
            }
        }
    }
    (files, diagnostics)
}

/// The theme's template of the full search page (optional: a theme may leave search out).
const SEARCH_TEMPLATE: &str = "search.html";

/// A page that is no content page (404, search), rendered with the home page's context.
fn render_page_of_its_own(site: &Rendered, template: &str) -> Result<String, Diagnostic> {
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
    };
    site.renderer.render(template, render::page_context(&inputs))
}

pub(crate) fn check_anchors(content: &Content, bodies: &[RenderedBody], diagnostics: &mut Vec<Diagnostic>) {
    let anchors: Vec<HashSet<&str>> = bodies.iter().map(|b| b.anchors.iter().map(String::as_str).collect()).collect();
    for (page, body) in bodies.iter().enumerate() {
        for r in &body.anchor_refs {
            if anchors[r.page].contains(r.anchor.as_str()) {
                continue;
            }
            let target = &content.pages[r.page].source;
            let hint = match nearest(&r.anchor, anchors[r.page].iter().copied()) {
                Some(near) => format!("did you mean `#{near}`? Anchors come from the headings of {}", target.display()),
                None => format!(
                    "{} has no heading with that anchor; anchors are the heading text in lowercase with - between words",
                    target.display()
                ),
            };
            diagnostics.push(
                Diagnostic::new(
                    &content.pages[page].source,
                    r.line,
                    r.col,
                    format!("link to a missing anchor `#{}`", r.anchor),
                )
                .with_hint(hint),
            );
        }
    }
}

/// Form, card and checklist ids are site-wide (saved answers and print sheets use them).
fn check_unique_ids(content: &Content, bodies: &[RenderedBody], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(&str, &str), &Path> = HashMap::new();
    for (page, body) in bodies.iter().enumerate() {
        for (line, component) in &body.components.items {
            let (kind, id) = match component {
                Component::Form(f) => ("form", f.id.as_str()),
                Component::Card(c) => ("card", c.id.as_str()),
                Component::Checklist(c) => match &c.id {
                    Some(id) => ("checklist", id.as_str()),
                    None => continue,
                },
                _ => continue,
            };
            let source = &content.pages[page].source;
            if let Some(first) = seen.insert((kind, id), source) {
                diagnostics.push(
                    Diagnostic::new(
                        source,
                        *line,
                        1,
                        format!("a {kind} with the id `{id}` already exists in {}", first.display()),
                    )
                    .with_hint(format!("give every {kind} an id of its own")),
                );
            }
        }
    }
}

/// Puts the items of the checklist a card points at on the card's back.
fn fill_card_checklists(
    content: &Content,
    bodies: &mut [RenderedBody],
    options: MarkdownOptions,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let checklists: HashMap<String, (usize, crate::components::Checklist)> = bodies
        .iter()
        .enumerate()
        .flat_map(|(page, b)| b.components.items.iter().map(move |(_, c)| (page, c)))
        .filter_map(|(page, c)| match c {
            Component::Checklist(c) => Some((c.id.clone()?, (page, c.clone()))),
            _ => None,
        })
        .collect();
    for (page, body) in bodies.iter_mut().enumerate() {
        let wanted: Vec<(usize, String)> = body
            .components
            .items
            .iter()
            .filter_map(|(line, c)| match c {
                Component::Card(card) => card.checklist.clone().map(|id| (*line, id)),
                _ => None,
            })
            .collect();
        for (line, id) in wanted {
            let Some((source_page, checklist)) = checklists.get(&id) else {
                let hint = match nearest(&id, checklists.keys().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "give the checklist an `id:` and use the same id here".to_string(),
                };
                diagnostics.push(
                    Diagnostic::new(
                        &content.pages[page].source,
                        line,
                        1,
                        format!("the card points at checklist `{id}`, which does not exist"),
                    )
                    .with_hint(hint),
                );
                continue;
            };
            let (items, mut errors) =
                markdown::render_fragment(content, page, *source_page, options, |m| checklist.items_html(m));
            diagnostics.append(&mut errors);
            body.html = body.html.replace(&checklist_marker(&id), &items);
        }
    }
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
