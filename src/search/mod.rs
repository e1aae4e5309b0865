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
pub enum IndexFrom {
    /// The pages' text, taken out of their bodies by [`IndexFrom::text_of`]: let go batch by batch
    /// while the index is made (a build).
    Text(Vec<SearchText>),
    /// The bodies keep their text (`serve` renders again from them): the index is made from
    /// a copy. Made anew after every edit, as a build makes it: the ending rules, the compound
    /// parts and BM25's average length are the whole site's, so an index kept between edits
    /// and patched page by page gave other files than a build (`tests/testsuite/serve_differential.rs`).
    Kept,
}

impl IndexFrom {
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
    let texts = match from {
        IndexFrom::Text(texts) => texts,
        IndexFrom::Kept => bodies.iter().map(|body| body.text.clone()).collect(),
    };
    shard::each_file(&index::build(&sources(content, bodies), texts, language), file);
}
