//! Site search, built at build time and answered in the browser with no server: the pages
//! after the Markdown stage become a sharded inverted index of small script files
//! (`search/…`), which `static/js/search.js` loads on demand with `<script>` tags, so the
//! search works from file:// as well as from any static host.
//!
//! - [`tokenize`]: words, Snowball stems (Swedish or English, by the site's language),
//!   stopwords, folding of å/ä/ö/é for a secondary loose match, compound parts;
//! - [`index`]: pages → documents (top of page, each heading, each titled form or card) →
//!   postings with build-time field weights (title > heading > tags > body) and positions;
//! - [`shard`]: the index as files: a small meta file, term shards by alphabetical range,
//!   page records (title, URL, section excerpts) in buckets.
//!
//! Matching and ranking at query time (exact stem, folded, prefix while typing, compound
//! parts; rarity; phrase and proximity boosts; snippets) live in search.js.

pub mod index;
pub mod page;
pub mod shard;
pub mod tokenize;

use std::sync::{Arc, Mutex};

use crate::content::{Content, PageKind};
use crate::markdown::RenderedBody;
use crate::words::SearchText;

/// The pages of a site as the index reads them (`bodies` indexed like `content.pages`).
pub fn sources<'a>(content: &'a Content, bodies: &'a [Arc<RenderedBody>]) -> Vec<index::PageSource<'a>> {
    content
        .pages
        .iter()
        .zip(bodies)
        .map(|(page, body)| index::PageSource {
            title: &page.front.title,
            url: &page.url,
            description: &page.front.description,
            tags: &page.front.tags,
            text: &body.text,
            overview: matches!(page.kind, PageKind::Home | PageKind::Section),
        })
        .collect()
}

/// Where the search index a write puts out comes from.
pub enum IndexFrom<'a> {
    /// The pages' text, taken out of their bodies by [`IndexFrom::text_of`]: let go batch by batch
    /// while the index is made (a build).
    Text(Vec<SearchText>),
    /// The index `serve` keeps between edits.
    Live(&'a Mutex<LiveIndex>),
}

impl IndexFrom<'_> {
    /// Each page's text, taken out of its body (a body shared elsewhere keeps its text, and
    /// the index gets a copy).
    pub fn text_of(bodies: &mut [Arc<RenderedBody>]) -> Self {
        IndexFrom::Text(
            bodies
                .iter_mut()
                .map(|body| match Arc::get_mut(body) {
                    Some(body) => std::mem::take(&mut body.text),
                    None => body.text.clone(),
                })
                .collect(),
        )
    }
}

/// Hands the search index files of the site, in `language`, to `file` one by one.
pub fn each_file(
    from: IndexFrom,
    content: &Content,
    bodies: &[Arc<RenderedBody>],
    language: &str,
    file: &mut dyn FnMut(&str, &[u8]),
) {
    match from {
        IndexFrom::Text(texts) => shard::each_file(&index::build(&sources(content, bodies), texts, language), file),
        IndexFrom::Live(live) => {
            live.lock().unwrap_or_else(|e| e.into_inner()).each_file(content, bodies, language, file)
        }
    }
}

/// The search index `serve` keeps between edits, with the bodies it was made from: after
/// an edit only the pages whose bodies changed are analysed again.
#[derive(Default)]
pub struct LiveIndex {
    kept: Option<(index::KeptIndex, Vec<Arc<RenderedBody>>, String)>,
}

impl LiveIndex {
    /// Hands the index files of the site as it is now to `file`. A change to most pages, to
    /// the number of pages or to the language builds the index anew.
    fn each_file(
        &mut self,
        content: &Content,
        bodies: &[Arc<RenderedBody>],
        language: &str,
        file: &mut dyn FnMut(&str, &[u8]),
    ) {
        let sources = sources(content, bodies);
        let changed: Option<Vec<usize>> = self.kept.as_ref().and_then(|(_, kept_bodies, kept_language)| {
            let comparable = kept_bodies.len() == bodies.len() && kept_language == language;
            let changed: Vec<usize> =
                (0..bodies.len()).filter(|&i| !Arc::ptr_eq(&kept_bodies[i], &bodies[i])).collect();
            // Analysing page by page is worth it for a few pages, not for a full build's.
            (comparable && changed.len() * 8 <= bodies.len()).then_some(changed)
        });
        match (changed, &mut self.kept) {
            (Some(changed), Some((kept, kept_bodies, _))) => {
                kept.update(&sources, &changed);
                kept_bodies.clone_from_slice(bodies);
            }
            _ => self.kept = Some((index::KeptIndex::new(&sources, language), bodies.to_vec(), language.to_string())),
        }
        let (kept, _, _) = self.kept.as_ref().expect("kept above");
        shard::each_file(&kept.index(), file);
    }
}
