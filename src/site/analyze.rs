//! Stage 3, analyze: what needs every page at once. The site index (the components other
//! pages use, by id), the checks that span pages (anchors, card checklists, templates), the
//! menu and the plans' worksheets; every problem found so far, kept for the next stage.

use std::path::Path;

use super::parse::Parsed;
use crate::check;
use crate::config::{self, Config};
use crate::content::Content;
use crate::diagnostics::Diagnostic;
use crate::index::{self, SiteIndex};
use crate::markdown::links;
use crate::plans;
use crate::render::{self, Menu, Renderer};

/// The site with what needs all of its pages known.
pub struct Analyzed {
    pub parsed: Parsed,
    pub index: SiteIndex,
    pub menu: Menu,
    /// The forms each plan's participant pack shows, seen from the pack (their links name
    /// other pages' headings, from the parsed anchors).
    pub(super) worksheets: plans::Worksheets,
    /// Every problem found so far, per-page ones included: errors and warnings.
    pub(super) problems: Vec<Diagnostic>,
}

/// Runs each job that needs the whole site, in the order their results are read.
pub fn analyze(parsed: Parsed) -> Analyzed {
    let mut problems: Vec<Diagnostic> = parsed.page_diagnostics.iter().flatten().cloned().collect();
    let (setup, content) = (&parsed.setup, &parsed.content);
    index::check_anchors(content, &parsed.bodies, &parsed.refs, setup.config.broken_links, &mut problems);
    let index = SiteIndex::build(content, &parsed.bodies, &mut problems);
    index::check_card_checklists(content, &parsed.bodies, &index, &mut problems);
    index::check_reported_scores(content, &parsed.bodies, &index, &mut problems);
    check_templates(content, &setup.renderer, &mut problems);
    let entries = resolve_menu(&setup.config, content, &mut problems);
    let can_list = setup.renderer.has_template(render::OVERVIEW_TEMPLATE);
    let menu = Menu::new(entries, setup.strings.files.menu, can_list);
    let worksheets = plans::worksheets(content, &parsed.bodies, &index, setup.markdown, &parsed.anchors);
    Analyzed { parsed, index, menu, worksheets, problems }
}

impl Analyzed {
    /// The links to other hosts on every page, for `check --external`.
    pub fn external_links(&self) -> Vec<check::ExternalLink<'_>> {
        let pages = self.parsed.refs.iter().zip(&self.parsed.content.pages);
        pages
            .flat_map(|(refs, page)| {
                refs.external_links.iter().map(|(url, line, col)| check::ExternalLink {
                    url,
                    path: &page.source,
                    line: *line,
                    col: *col,
                })
            })
            .collect()
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
    let home = content.home_page();
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
