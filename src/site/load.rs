//! Stage 1, load: the settings, the theme, and the content tree with each page's Markdown.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, Config};
use crate::content::{self, Content, LoadOptions, PerPage};
use crate::diagnostics::Diagnostic;
use crate::i18n::{self, Strings};
use crate::markdown::MarkdownOptions;
use crate::render::Renderer;

/// What every stage reads of the site and none changes: made once by [`load`], shared.
pub struct Setup {
    pub root: PathBuf,
    pub drafts: bool,
    pub config: Config,
    pub strings: &'static Strings,
    pub renderer: Renderer,
    /// How every page's Markdown, and every fragment rendered later, is turned into HTML.
    pub markdown: MarkdownOptions,
    /// Pages get the live-reload script (only in `serve`'s output).
    pub live_reload: bool,
}

/// How a site is loaded.
#[derive(Clone, Copy, Default)]
pub struct How {
    pub drafts: bool,
    /// Every Markdown file must start with front matter (`check --require-front-matter`).
    pub require_front_matter: bool,
    pub live_reload: bool,
}

/// The site as read from disk: nothing rendered yet.
pub struct Loaded {
    pub setup: Arc<Setup>,
    pub content: Content,
    /// Each page's Markdown after its front matter, indexed like `content.pages`.
    pub markdown: PerPage<Arc<str>>,
    /// Problems with single files (front matter, names) that later stages do not stop for.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads `site.yaml`, the theme and the content (the last two side by side); fails with
/// every problem that stops the stages after it.
pub fn load(root: &Path, how: How) -> Result<Loaded, Vec<Diagnostic>> {
    let config = config::load(root)?;
    let strings = i18n::strings(&config.language);
    let load_options = LoadOptions {
        drafts: how.drafts,
        exercises_slug: strings.files.exercises,
        exercises_title: strings.get("exercises"),
        require_front_matter: how.require_front_matter,
    };
    let (content, renderer) =
        rayon::join(|| content::load(root, &load_options), || Renderer::load(root, &config.theme));
    let ((content, markdown, diagnostics), renderer) = match (content, renderer) {
        (Ok(c), Ok(r)) => (c, r),
        (c, r) => return Err(c.err().into_iter().chain(r.err()).flatten().collect()),
    };
    let markdown_options = MarkdownOptions { raw_html: config.raw_html, strings, broken_links: config.broken_links };
    let setup = Setup {
        root: root.to_path_buf(),
        drafts: how.drafts,
        config,
        strings,
        renderer,
        markdown: markdown_options,
        live_reload: how.live_reload,
    };
    Ok(Loaded { setup: Arc::new(setup), content, markdown, diagnostics })
}
