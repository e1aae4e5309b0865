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

use std::sync::Arc;

use crate::content::{Content, PageKind};
use crate::markdown::RenderedBody;

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
            segments: &body.segments,
            overview: matches!(page.kind, PageKind::Home | PageKind::Section),
        })
        .collect()
}

/// The search index files of a site in `language`: (path under the output root, bytes).
pub fn index_files(content: &Content, bodies: &[Arc<RenderedBody>], language: &str) -> Vec<(String, Vec<u8>)> {
    shard::files(&index::build(&sources(content, bodies), language))
}

/// The search index `serve` keeps between edits, with the bodies it was made from: after
/// an edit only the pages whose bodies changed are analysed again.
#[derive(Default)]
pub struct LiveIndex {
    kept: Option<(index::KeptIndex, Vec<Arc<RenderedBody>>, String)>,
}

impl LiveIndex {
    /// The index files of the site as it is now. A change to most pages, to the number of
    /// pages or to the language builds the index anew.
    pub fn files(&mut self, content: &Content, bodies: &[Arc<RenderedBody>], language: &str) -> Vec<(String, Vec<u8>)> {
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
        shard::files(&kept.index())
    }
}
