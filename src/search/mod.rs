//! Site search, built at build time and answered in the browser with no server: the pages
//! after the Markdown stage become a sharded inverted index of small script files
//! (`search/…`), which `static/js/search.js` loads on demand with `<script>` tags, so the
//! search works from file:// as well as from any static host.
//!
//! - [`tokenize`]: words, Snowball stems (Swedish or English, by the site's language),
//!   stopwords, folding of å/ä/ö/é for a secondary loose match, compound parts;
//! - [`index`]: pages → documents (top of page, each heading, each titled form or card) →
//!   postings with build-time field weights (title > heading > tags > body) and positions;
//! - [`posting`]: postings and numbers as letters (below both the index and its files);
//! - [`shard`]: the index as files: a small meta file, term shards by alphabetical range,
//!   page records (title, URL, section excerpts) in buckets.
//!
//! Matching and ranking at query time (exact stem, folded, prefix while typing, compound
//! parts; rarity; phrase and proximity boosts; snippets) live in search.js.

pub mod index;
pub mod page;
pub mod posting;
pub mod shard;
pub mod tokenize;

use crate::content::{Content, PageKind};
use crate::words::SearchText;

/// The pages of a site as the index reads them, each with `text` until the index puts in
/// its own.
pub fn sources<'a>(content: &'a Content, text: &'a SearchText) -> Vec<index::PageSource<'a>> {
    content
        .pages
        .iter()
        .map(|page| index::PageSource {
            title: &page.front.title,
            url: &page.url,
            description: &page.front.description,
            tags: &page.front.tags,
            text,
            overview: matches!(page.kind, PageKind::Home | PageKind::Section),
        })
        .collect()
}

/// Hands the search index files of the site, in `language`, to `file` one by one.
/// `texts` are the pages' (indexed like `content.pages`), let go batch by batch as the index
/// is made. Made anew after every edit in `serve`, as a build makes it: the ending rules, the
/// compound parts and BM25's average length are the whole site's, so an index kept between
/// edits and patched page by page gave other files than a build (`tests/testsuite/serve_differential.rs`).
pub fn each_file(texts: Vec<SearchText>, content: &Content, language: &str, file: &mut dyn FnMut(&str, &[u8])) {
    let none = SearchText::default();
    shard::each_file(&index::build(&sources(content, &none), texts, language), file);
}
