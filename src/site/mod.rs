//! The build as stages, each a value made by consuming the one before:
//! [`load`] → [`Loaded`] (settings, theme, the content tree and its Markdown) → [`parse`] →
//! [`Parsed`] (bodies in parts, anchors, search text, links) → [`analyze`] → [`Analyzed`]
//! (site index, menu, checks across pages) → [`assemble`] → [`Assembled`] (HTML) →
//! [`write_site`] (into a staging folder swapped in when whole). [`build`] runs them once;
//! `serve` keeps a `Parsed` between edits and runs the same stages on it again. Returns
//! diagnostics; never prints.

mod analyze;
mod assemble;
mod load;
mod parse;
mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use analyze::{Analyzed, analyze};
pub use assemble::{Assembled, Pages, assemble};
pub use load::{How, Loaded, Setup, load};
pub use parse::{Edit, Parsed, parse};
pub use write::{Books, write_books, write_generated, write_pages, write_site, write_site_with};

use crate::check;
use crate::components::{CERTIFICATE_TEMPLATE, StepForm, View, file_named};
use crate::config::Config;
use crate::diagnostics::{self, Diagnostic};
use crate::memory;
use crate::web::{beside, plain_text};

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
    /// The reading paths, as `trappa pack --scorm` makes a course of each.
    pub paths: Vec<PathFacts>,
}

/// A reading path as a package for a learning platform needs it; every URL from the site's root.
#[derive(Debug, Clone)]
pub struct PathFacts {
    pub id: String,
    pub title: String,
    /// Plain text: the path's intro, or else the description of the page it is on.
    pub description: String,
    /// The page the path is on.
    pub page: String,
    /// Each step's page, in order: what the step's mark is kept under.
    pub steps: Vec<String>,
    /// The form whose score the path reports (`report_score`) and its version.
    pub report_score: Option<StepForm>,
    /// The path's certificate page, when the theme has one.
    pub certificate: Option<String>,
}

/// The reading paths of an assembled site, in page order.
pub fn path_facts(site: &Assembled) -> Vec<PathFacts> {
    let files = &site.setup.strings.files;
    site.index
        .reading_paths
        .iter()
        .filter_map(|entry| {
            let defined = site.index.paths.get(&entry.id)?;
            let Some(View::Path(view)) = site.bodies[defined.page].view_of(defined.item) else { return None };
            let page = &site.content.pages[entry.page];
            let intro = view.intro_html.as_deref().map(plain_text).filter(|text| !text.is_empty());
            let report_score = view.report_score.as_ref().and_then(|id| {
                let mut on_steps =
                    entry.steps.iter().flat_map(|s| site.index.forms_on_page.get(&s.page).into_iter().flatten());
                on_steps.find(|form| &form.id == id).cloned()
            });
            Some(PathFacts {
                id: entry.id.clone(),
                title: view.title.clone(),
                description: intro.unwrap_or_else(|| page.front.description.clone()),
                page: page.url.clone(),
                steps: view.steps.iter().map(|step| step.key.clone()).collect(),
                report_score,
                certificate: site
                    .setup
                    .renderer
                    .has_template(CERTIFICATE_TEMPLATE)
                    .then(|| beside(&page.url, &file_named(files.certificate, &entry.id))),
            })
        })
        .collect()
}

pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let how = How { drafts: options.drafts, require_front_matter: options.require_front_matter, live_reload: false };
    let analyzed = analyze(parse(load(&options.root, how).map_err(diagnostics::sorted)?));
    if options.external_links {
        let broken = check::external_links(&analyzed.external_links());
        if !broken.is_empty() {
            return Err(diagnostics::sorted(broken));
        }
    }
    let site = assemble(analyzed, Pages::All)?;
    // What only parsing and the checks read (the parts, the anchors, the links) is gone.
    memory::give_back();
    if options.strict && !site.warnings.is_empty() {
        return Err(site.warnings.into_iter().map(|w| w.with_severity(diagnostics::Severity::Error)).collect());
    }
    let (pages, warnings, config) = (site.content.pages.len(), site.warnings.clone(), site.setup.config.clone());
    let paths = path_facts(&site);
    let files = write_site(site, options.out.as_deref()).map_err(diagnostics::sorted)?;
    Ok(BuildReport { pages, files, elapsed: started.elapsed(), warnings, config, paths })
}

/// Every stage but the write: the site ready to write, or every problem found.
pub fn assembled(root: &Path, drafts: bool) -> Result<Assembled, Vec<Diagnostic>> {
    let loaded = load(root, How { drafts, ..How::default() }).map_err(diagnostics::sorted)?;
    assemble(analyze(parse(loaded)), Pages::All)
}
