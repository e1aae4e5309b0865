//! Pages that no Markdown file stands for (404, search, card pages, handouts): rendered with
//! the home page's context, their links made relative to their own place, and their own
//! values on top.

use minijinja::value::Value;
use rustc_hash::FxHashMap;

use super::{Menu, PageInputs, Renderer, SectionContexts, page_context};
use crate::config::Config;
use crate::content::{Content, PageId};
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;

/// What every page of its own shares with the site's pages.
pub struct OwnPages<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    pub strings: &'static Strings,
    pub menu: &'a Menu,
    pub live_reload: bool,
    pub renderer: &'a Renderer,
    /// The home page's section as these pages see it, made once (every section's handout
    /// lists it, and it lists every top section).
    sections: SectionContexts,
    /// The content pages by output path.
    urls: FxHashMap<&'a str, PageId>,
}

impl<'a> OwnPages<'a> {
    pub fn new(
        config: &'a Config,
        content: &'a Content,
        strings: &'static Strings,
        menu: &'a Menu,
        live_reload: bool,
        renderer: &'a Renderer,
    ) -> Self {
        let sections = SectionContexts::new(content);
        let urls = content.pages.enumerate().map(|(page, p)| (p.url.as_str(), page)).collect();
        OwnPages { config, content, strings, menu, live_reload, renderer, sections, urls }
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.renderer.has_template(name)
    }

    /// The page at output path `at` through `template`, with the values of `extra` (a map).
    pub fn render(&self, template: &str, at: &str, extra: Value) -> Result<String, Diagnostic> {
        self.render_under(template, at, None, extra)
    }

    /// [`OwnPages::render`] for a page that belongs to the content page `under` (see
    /// [`PageInputs::under`]).
    pub fn render_under(
        &self,
        template: &str,
        at: &str,
        under: Option<PageId>,
        extra: Value,
    ) -> Result<String, Diagnostic> {
        let inputs = PageInputs {
            config: self.config,
            content: self.content,
            page: self.content.sections[Content::ROOT].index_page,
            html: "",
            headings: &[],
            strings: self.strings,
            menu: self.menu,
            live_reload: self.live_reload,
            at: Some(at),
            under,
            reading_paths: &[],
            exercise: None,
            sections: Some(&self.sections),
        };
        let base = page_context(&inputs);
        let context = if extra.is_undefined() {
            base
        } else {
            minijinja::context! { ..extra, ..base }
        };
        self.renderer.render(template, context)
    }

    /// An error when a content page already has the output path a page of its own needs.
    pub fn taken(&self, url: &str, what: &str) -> Option<Diagnostic> {
        self.urls.get(url).map(|&page| &self.content.pages[page]).map(|taken| {
            Diagnostic::file(&taken.source, format!("this page's output `{url}` is where {what} goes"))
                .with_hint("rename the file")
        })
    }
}
