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
use crate::config::Config;
use crate::diagnostics::{self, Diagnostic};
use crate::memory;

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
    let files = write_site(site, options.out.as_deref()).map_err(diagnostics::sorted)?;
    Ok(BuildReport { pages, files, elapsed: started.elapsed(), warnings, config })
}

/// Every stage but the write: the site ready to write, or every problem found.
pub fn assembled(root: &Path, drafts: bool) -> Result<Assembled, Vec<Diagnostic>> {
    let loaded = load(root, How { drafts, ..How::default() }).map_err(diagnostics::sorted)?;
    assemble(analyze(parse(loaded)), Pages::All)
}
