//! The index as files the browser loads with `<script>` tags (so it works from file://,
//! where fetch() is refused): each file calls a registration function of search.js.
//!
//! - `search/meta.js`: sizes, the shard table, the ending rules and stopwords (loaded first);
//! - `search/t/N.js`: shard N of the terms, a contiguous range in folded alphabetical order,
//!   about [`SHARD_BYTES`] each, so a one-word query loads one or two small files;
//! - `search/r/N.js`: bucket N of the page records (title, URL, sections with excerpts),
//!   consecutive pages of about [`BUCKET_BYTES`], loaded only for the results shown.
//!
//! Postings and the tables of numbers are written in [`super::posting`]'s letters.

use serde::Serialize;
use serde_json::json;

use super::index::{Index, PageRecord, TermKind};
use super::posting::push_number;
use super::tokenize::js_order;

/// Target size of a term shard. A single term's postings are never split, so a very
/// common word can make its shard bigger.
pub const SHARD_BYTES: usize = 32 * 1024;
/// Target size of a bucket of page records. Each result shown loads its page's bucket, so
/// small buckets (a page or two) keep the first results cheap: with 12 KB buckets the eight
/// results of a one-word query on 5,000 pages cost about 96 KB of records, with 4 KB 32 KB.
pub const BUCKET_BYTES: usize = 4 * 1024;
/// Bump when the file format changes (search.js checks it).
pub const FORMAT: u32 = 1;

/// Hands the output files of the index to `file` (path under the output root, bytes) one by
/// one, so that a big site's index files never sit in memory together: the term shards
/// first, then the page records, then the meta file that names the shards' bounds.
pub fn each_file(index: &Index, file: &mut dyn FnMut(&str, &[u8])) {
    let mut shards: Vec<serde_json::Value> = Vec::new();
    term_shards(index, |bound, script| {
        file(&format!("search/t/{}.js", shards.len()), script.as_bytes());
        shards.push(json!([bound, script.len()]));
    });
    let buckets = record_buckets(&index.pages);
    for (n, bucket) in buckets.iter().enumerate() {
        let records: Vec<RecordJson> = bucket.iter().map(RecordJson::from).collect();
        let records = serde_json::to_string(&records).expect("records serialize");
        file(&format!("search/r/{n}.js"), format!("trappaSearch.addRecords({n},{records});\n").as_bytes());
    }

    let mut sections_per_page = String::new();
    for page in &index.pages {
        push_number(&mut sections_per_page, page.sections.len() as u32);
    }
    let mut pages_per_bucket = String::new();
    for bucket in &buckets {
        push_number(&mut pages_per_bucket, bucket.len() as u32);
    }
    let meta = json!({
        "format": FORMAT,
        "language": index.language,
        "docs": index.docs(),
        "sections": sections_per_page,
        "buckets": pages_per_bucket,
        "shards": shards,
        "rules": index.rules,
        "stopwords": index.stopwords,
    });
    file("search/meta.js", format!("trappaSearch.addMeta({meta});\n").as_bytes());
}

/// Cuts the sorted terms into shards of about [`SHARD_BYTES`] and hands each to `shard` as
/// (bound, script) in order. The bound is the shortest string that sorts after every term of
/// the previous shard and not after this shard's first term ("" for the first): the client
/// finds a term's shard by it. Terms with the same folded form stay together, so the loose
/// match ("har" for "här") finds both in one shard.
fn term_shards(index: &Index, mut shard: impl FnMut(&str, &str)) {
    // Each entry is written once, into its shard's script: `["text","postings"]` (`,1`
    // after the postings for a compound part). The postings' letters need no escaping, and
    // the common words' postings are the biggest part of a large site's index.
    let start = |n: usize| format!("trappaSearch.addShard({n},[");
    let mut shards = 0;
    let mut script = start(0);
    let mut entries = 0;
    let mut size = 0;
    let mut bound = String::new();
    let mut previous_folded: Option<&str> = None;
    for term in &index.terms {
        let text = serde_json::to_string(&term.text).expect("a string serializes");
        let postings = term.postings.as_str();
        let part = if term.kind == TermKind::Part { ",1" } else { "" };
        let entry_length = text.len() + postings.len() + part.len() + "[,\"\"]".len();
        if size + entry_length > SHARD_BYTES
            && entries > 0
            && let Some(last) = previous_folded.filter(|last| *last != term.folded)
        {
            script.push_str("]);\n");
            shard(&bound, &script);
            shards += 1;
            script = start(shards);
            bound = shortest_bound(last, &term.folded);
            entries = 0;
            size = 0;
        }
        if entries > 0 {
            script.push(',');
        }
        for piece in ["[", &text, ",\"", postings, "\"", part, "]"] {
            script.push_str(piece);
        }
        entries += 1;
        size += entry_length + 1;
        previous_folded = Some(&term.folded);
    }
    script.push_str("]);\n");
    shard(&bound, &script);
}

/// The shortest prefix of `next` that sorts after `last` (both folded, `last` < `next`).
fn shortest_bound(last: &str, next: &str) -> String {
    let mut prefix = String::new();
    for c in next.chars() {
        prefix.push(c);
        if js_order(&prefix, last).is_gt() {
            break;
        }
    }
    prefix
}

/// Consecutive pages in buckets of about [`BUCKET_BYTES`] of records.
fn record_buckets(pages: &[PageRecord]) -> Vec<Vec<&PageRecord>> {
    let mut buckets: Vec<Vec<&PageRecord>> = vec![Vec::new()];
    let mut size = 0;
    for page in pages {
        let bytes = page.title.len()
            + page.url.len()
            + page.sections.iter().map(|s| s.excerpt.len() + s.heading.len() + 16).sum::<usize>();
        let current = buckets.last_mut().expect("a bucket");
        if size + bytes > BUCKET_BYTES && !current.is_empty() {
            buckets.push(Vec::new());
            size = 0;
        }
        size += bytes;
        buckets.last_mut().expect("a bucket").push(page);
    }
    buckets
}

/// A page record as JSON: `[title, url, [[anchor, heading, excerpt], …]]`, anchor "" for
/// the top of the page.
#[derive(Serialize)]
struct RecordJson<'a>(&'a str, &'a str, Vec<(&'a str, &'a str, &'a str)>);

impl<'a> From<&&'a PageRecord> for RecordJson<'a> {
    fn from(page: &&'a PageRecord) -> Self {
        let sections = page
            .sections
            .iter()
            .map(|s| (s.anchor.as_deref().unwrap_or(""), &*s.heading, s.excerpt.as_str()))
            .collect();
        RecordJson(&page.title, &page.url, sections)
    }
}

#[cfg(test)]
mod tests {
    /// search.js reads the format this writes.
    #[test]
    fn search_js_reads_this_format() {
        assert_eq!(crate::theme::js_constant("js/search.js", "FORMAT"), Some(super::FORMAT.to_string()));
    }

    use super::*;

    #[test]
    fn shard_bounds_are_the_shortest_separating_prefixes() {
        assert_eq!(shortest_bound("fallgrop", "familj"), "fam");
        assert_eq!(shortest_bound("abc", "b"), "b");
        assert_eq!(shortest_bound("kort", "kortare"), "korta");
    }
}
