//! Stage 5, write: every page through its template (in parallel), the pages no Markdown file
//! stands for, the search index, the theme's files and the assets, into a staging folder
//! swapped in only when whole.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use minijinja::value::Value;
use rayon::prelude::*;

use super::assemble::Assembled;
use crate::cards;
use crate::check;
use crate::content::{PageId, PageKind, PerPage};
use crate::diagnostics::Diagnostic;
use crate::handouts;
use crate::memory;
use crate::output::{Staging, WriteFn};
use crate::overview;
use crate::planner;
use crate::plans;
use crate::render::{self, OwnPages, PageInputs};
use crate::search;
use crate::summaries;
use crate::theme;
use crate::words::SearchText;

/// Whether the books are typeset with the rest of the site.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Books {
    /// In the same write (a build): typeset side by side with the pages.
    WithSite,
    /// Later, by [`write_books`] (`serve`, so that a rebuild never waits for typst).
    Later,
}

/// Writes the site into `out` (or, without it, only renders, so `check` catches template
/// errors too), its books with it; returns the number of files.
pub fn write_site(site: Assembled, out: Option<&Path>) -> Result<usize, Vec<Diagnostic>> {
    write_site_with(site, out, Books::WithSite)
}

/// [`write_site`], the books typeset with the site or left for later. The search index is
/// made last, in the memory the bodies' HTML held: it is let go once the pages that show it
/// are written.
pub fn write_site_with(site: Assembled, out: Option<&Path>, books: Books) -> Result<usize, Vec<Diagnostic>> {
    let staging = out.map(Staging::new).transpose().map_err(|d| vec![d])?;
    // The books left for later are linked to already: they will be there.
    let later = if books == Books::Later { book_files(&site) } else { Vec::new() };
    let output_refs = check::OutputRefs::expecting(
        site.content
            .pages
            .iter()
            .map(|page| page.url.clone())
            .chain(site.content.assets.iter().map(|asset| asset.url.clone()))
            .chain(later),
    );
    let write = |rel: &str, bytes: &[u8]| {
        output_refs.record(rel, bytes);
        match &staging {
            Some(s) => s.write(rel, bytes),
            None => Ok(()),
        }
    };
    let all_pages: Vec<PageId> = site.content.pages.ids().collect();
    // Side by side: writing pages waits on the disk now and then, and the other pages and the
    // books (typst, the longest part) fill those gaps.
    let (mut diagnostics, ((generated_files, generated_diagnostics), (book_files, book_diagnostics))) = rayon::join(
        || write_pages(&site, &all_pages, &write),
        || {
            rayon::join(
                || write_own_pages(&site, &write),
                || if books == Books::WithSite { write_books(&site, &write, out) } else { (0, Vec::new()) },
            )
        },
    );
    let mut files = site.content.pages.len() + generated_files + book_files;
    diagnostics.extend(generated_diagnostics);
    diagnostics.extend(book_diagnostics);
    let Assembled { setup, content, html, texts, menu, .. } = site;
    drop(html);
    memory::give_back();
    let pages = OwnPages::new(&setup.config, &content, setup.strings, &menu, setup.live_reload, &setup.renderer);
    let (search_files, search_diagnostics) = search::page::write(owned_texts(texts), &pages, &write);
    files += search_files;
    diagnostics.extend(search_diagnostics);
    let root = &setup.root;
    let statics = theme::static_files(root, &setup.config.theme);
    match &statics {
        Ok(statics) => {
            for (rel, bytes) in statics {
                diagnostics.extend(write(&format!("static/{rel}"), bytes).err());
            }
            files += statics.len();
        }
        Err(d) => diagnostics.push(d.clone()),
    }
    if let Some(brand) = &setup.config.brand {
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
    let copied: Vec<Result<(), Diagnostic>> = content
        .assets
        .par_iter()
        .map(|asset| {
            let bytes = std::fs::read(root.join(&asset.source))
                .map_err(|e| Diagnostic::file(&asset.source, format!("cannot read the file: {e}")))?;
            write(&asset.url, &bytes)
        })
        .collect();
    diagnostics.extend(copied.into_iter().filter_map(Result::err));
    files += content.assets.len();

    let by_url: HashMap<&str, &Path> = content.pages.iter().map(|p| (p.url.as_str(), p.source.as_path())).collect();
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
pub fn write_pages(site: &Assembled, pages: &[PageId], write: &WriteFn<'_>) -> Vec<Diagnostic> {
    let sections = render::SectionContexts::new(&site.content);
    pages
        .par_iter()
        .map(|&i| render_page(site, i, &sections).and_then(|html| write(&site.content.pages[i].url, html.as_bytes())))
        .filter_map(Result::err)
        .collect()
}

fn template_for(site: &Assembled, page: PageId) -> String {
    let page = &site.content.pages[page];
    match (&page.front.template, page.kind) {
        (Some(own), _) => format!("{own}.html"),
        (None, PageKind::Home) => "index.html".into(),
        (None, PageKind::Section) => "section.html".into(),
        (None, PageKind::Page) => "page.html".into(),
        (None, PageKind::Exercise) => "exercise.html".into(),
    }
}

fn render_page(site: &Assembled, page: PageId, sections: &render::SectionContexts) -> Result<String, Diagnostic> {
    let setup = &site.setup;
    let source = &site.content.pages[page];
    let exercise =
        render::exercise_view(&site.content, &site.read_bodies(), &setup.renderer, setup.strings, page, &source.url)?;
    let inputs = PageInputs {
        config: &setup.config,
        content: &site.content,
        page,
        html: &site.html[page],
        headings: &site.bodies[page].headings,
        strings: setup.strings,
        menu: &site.menu,
        live_reload: setup.live_reload,
        at: None,
        under: None,
        reading_paths: &site.index.reading_paths,
        exercise: exercise.as_ref(),
        sections: Some(sections),
    };
    setup.renderer.render(&template_for(site, page), render::page_context(&inputs))
}

/// The pages no Markdown file stands for: the 404 page, the search page and index, the card
/// pages and their print sheet, the handouts, the reading paths' summaries, the planner, the
/// plans' guides and packs, the list of all sections and the books (those unchanged taken
/// from `previous`, the output folder they are written into). Returns (files written, problems).
pub fn write_generated(site: &Assembled, write: &WriteFn<'_>, previous: &Path) -> (usize, Vec<Diagnostic>) {
    let ((files, mut diagnostics), (book_files, book_diagnostics)) =
        rayon::join(|| write_own_pages(site, write), || write_books(site, write, Some(previous)));
    let files = files + book_files;
    diagnostics.extend(book_diagnostics);
    let (search_files, search_diagnostics) =
        search::page::write(owned_texts(site.texts.clone()), &site.own_pages(), write);
    diagnostics.extend(search_diagnostics);
    (files + search_files, diagnostics)
}

/// The site's books (`bok/*.pdf`), typeset in parallel; a book unchanged since the output
/// `previous` was written is taken from there. Returns (files written, problems).
#[cfg(feature = "pdf")]
pub fn write_books(site: &Assembled, write: &WriteFn<'_>, previous: Option<&Path>) -> (usize, Vec<Diagnostic>) {
    crate::book::write(&site.shelf(), write, previous)
}

#[cfg(not(feature = "pdf"))]
pub fn write_books(_: &Assembled, _: &WriteFn<'_>, _: Option<&Path>) -> (usize, Vec<Diagnostic>) {
    (0, Vec::new())
}

/// The files of the site's books, relative to its root.
#[cfg(feature = "pdf")]
fn book_files(site: &Assembled) -> Vec<String> {
    let shelf = site.shelf();
    crate::book::planned(&shelf).iter().map(|which| which.file(shelf.strings)).collect()
}

#[cfg(not(feature = "pdf"))]
fn book_files(_: &Assembled) -> Vec<String> {
    Vec::new()
}

/// The pages' text for the search index, which lets it go batch by batch as it is made:
/// moved when the stage held the only copy (a build), copied when `serve` keeps its own.
fn owned_texts(texts: PerPage<Arc<SearchText>>) -> Vec<SearchText> {
    texts.into_iter().map(Arc::unwrap_or_clone).collect()
}

/// The pages that no Markdown file stands for (404, cards, handouts, summaries, plans …),
/// the search index and page aside. Returns (files written, problems).
fn write_own_pages(site: &Assembled, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    let pages = site.own_pages();
    let mut diagnostics: Vec<Diagnostic> = pages
        .render("404.html", "404.html", Value::UNDEFINED)
        .and_then(|html| write("404.html", html.as_bytes()))
        .err()
        .into_iter()
        .collect();
    let cards = cards::collect(&site.content, &site.bodies, &site.index);
    let (card_files, card_diagnostics) = cards::pages::write(&cards, &pages, &site.setup.root, write);
    diagnostics.extend(card_diagnostics);
    let (handout_files, handout_diagnostics) = handouts::write(&site.html, &pages, write);
    diagnostics.extend(handout_diagnostics);
    let (summary_files, summary_diagnostics) = summaries::write(&site.bodies, &site.index, &pages, write);
    diagnostics.extend(summary_diagnostics);
    let bodies = site.read_bodies();
    let (planner_files, planner_diagnostics) = planner::write(&bodies, &pages, write);
    diagnostics.extend(planner_diagnostics);
    let (plan_files, plan_diagnostics) = plans::write(&bodies, &site.worksheets, &pages, write);
    diagnostics.extend(plan_diagnostics);
    let (overview_files, overview_diagnostics) = overview::write(&pages, write);
    diagnostics.extend(overview_diagnostics);
    let own = planner_files + plan_files + overview_files;
    (1 + card_files + handout_files + summary_files + own, diagnostics)
}
