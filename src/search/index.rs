//! Building the inverted index in memory: every page is split into documents (its top and
//! one per heading or titled component), every word into terms (its stem, plus the parts of
//! a compound), and every (term, document) pair into a posting with an impact score and the
//! word positions for phrase and proximity boosts.
//!
//! Field weights are applied here, at build time, so the client needs no document lengths:
//! a posting's impact is `title + heading + tags + BM25(body)` with the weights below, which
//! makes any title hit outrank any heading hit, a heading hit any tag hit, and a tag hit any
//! amount of body text. The client multiplies impacts by the term's rarity and by how well
//! the term matches the query word (exact, folded, prefix, compound part).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::shard::PostingWriter;
use super::tokenize::{Compounds, EndingRules, Language, indexable, js_order, words};
use crate::markdown::Segment;
use crate::web::fold_accents;

const TITLE_WEIGHT: f64 = 6.0;
const HEADING_WEIGHT: f64 = 4.0;
const TAGS_WEIGHT: f64 = 3.0;
/// Added to a title hit on a section's overview page: when a page and a whole section are
/// named alike ("Kryssa fallgropar", "Vanliga fallgropar"), the section is the better way in.
const OVERVIEW_TITLE_BONUS: f64 = 2.0;
/// BM25 parameters for the body text; the body's share stays below (k1 + 1) = 2.2, under
/// the tags' weight.
const BM25_K1: f64 = 1.2;
const BM25_B: f64 = 0.75;
/// Impacts are stored as integers of quarter points, at most 63 (one character of the
/// shard alphabet; only an overview page hit in every field at once reaches the clamp).
const IMPACT_SCALE: f64 = 4.0;
const MAX_IMPACT: u32 = 63;
/// Positions kept per posting: enough to find a phrase among a word's first mentions, and a
/// page repeating a word a hundred times costs no more than one that says it eight times.
pub const MAX_POSITIONS: usize = 8;
/// The stored text of a section for snippets is cut at a word boundary after this many
/// characters: the bytes of a full copy of the site's text would dwarf the index.
pub const EXCERPT_CHARS: usize = 360;
/// Pages are analysed in batches so the postings of a huge site never sit in memory twice.
const PAGES_PER_BATCH: usize = 512;

/// What the index reads of one page.
pub struct PageSource<'a> {
    pub title: &'a str,
    /// Output path relative to the site root.
    pub url: &'a str,
    pub description: &'a str,
    pub tags: &'a [String],
    pub segments: &'a [Segment],
    /// A section's overview page (or the home page) rather than a single page.
    pub overview: bool,
}

/// A section as shown in a result.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// `None`: the top of the page.
    pub anchor: Option<String>,
    pub heading: String,
    /// The start of the section's text, for the snippet.
    pub excerpt: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageRecord {
    pub title: String,
    pub url: String,
    /// In document order: document ids are consecutive over pages and their sections.
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TermKind {
    /// The stem of a word as written.
    Word,
    /// The stem of a later part of a compound ("arbet" in "jämställdhetsarbete").
    Part,
}

pub struct Term {
    pub text: String,
    pub kind: TermKind,
    /// `text` folded: the order of shards and the key of the loose match.
    pub folded: String,
    pub postings: PostingWriter,
}

pub struct Index {
    pub language: &'static str,
    pub pages: Vec<PageRecord>,
    /// Sorted by `folded` in JavaScript's string order, then by text and kind.
    pub terms: Vec<Term>,
    pub rules: Vec<(String, String)>,
    pub stopwords: Vec<&'static str>,
    /// Bytes of the text indexed (titles, tags, headings, bodies), to compare sizes against.
    pub text_bytes: usize,
}

impl Index {
    pub fn docs(&self) -> usize {
        self.pages.iter().map(|p| p.sections.len()).sum()
    }
}

/// A section's fields as lowercase text.
struct DocText {
    heading: String,
    body: String,
}

/// A page's fields as lowercase text (title and tags belong to its top document).
struct PageText {
    title: String,
    title_weight: f64,
    tags: String,
    docs: Vec<DocText>,
}

impl PageText {
    fn new(page: &PageSource) -> Self {
        let top = Segment::default();
        let segments: &[Segment] = if page.segments.is_empty() { std::slice::from_ref(&top) } else { page.segments };
        let docs = segments
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let body = if i == 0 && !page.description.is_empty() {
                    format!("{} {}", page.description, s.text).to_lowercase()
                } else {
                    s.text.to_lowercase()
                };
                DocText { heading: s.heading.to_lowercase(), body }
            })
            .collect();
        let title_weight = TITLE_WEIGHT + if page.overview { OVERVIEW_TITLE_BONUS } else { 0.0 };
        PageText { title: page.title.to_lowercase(), title_weight, tags: page.tags.join(" ").to_lowercase(), docs }
    }
}

/// How one word of the site is indexed: its term and the terms of its compound parts.
struct WordTerms {
    term: u32,
    parts: Vec<u32>,
}

/// Builds the index of `pages` for a site in `language` (`site.yaml` `language`).
pub fn build(pages: &[PageSource], language: &str) -> Index {
    let language = Language::for_site(language);
    let records: Vec<PageRecord> = pages.par_iter().map(record).collect();

    // Pass 1: the vocabulary and the body lengths (BM25 needs the average). Each worker
    // keeps one vocabulary, so a word is copied once per worker, not once per page.
    let (vocabulary, body_words, docs, text_bytes) = pages
        .par_iter()
        .fold(
            || (HashSet::<String>::new(), 0usize, 0usize, 0usize),
            |(mut vocabulary, mut body_words, docs, bytes), page| {
                let text = PageText::new(page);
                let mut add = |word: &str| {
                    if !vocabulary.contains(word) && indexable(word) && !language.is_stopword(word) {
                        vocabulary.insert(word.to_string());
                    }
                };
                words(&text.title).chain(words(&text.tags)).for_each(&mut add);
                for doc in &text.docs {
                    words(&doc.heading).for_each(&mut add);
                    for word in words(&doc.body) {
                        body_words += 1;
                        add(word);
                    }
                }
                let page_bytes = text.title.len()
                    + text.tags.len()
                    + text.docs.iter().map(|d| d.heading.len() + d.body.len()).sum::<usize>();
                (vocabulary, body_words, docs + text.docs.len(), bytes + page_bytes)
            },
        )
        .reduce(
            || (HashSet::new(), 0, 0, 0),
            |mut a, b| {
                a.0.extend(b.0);
                (a.0, a.1 + b.1, a.2 + b.2, a.3 + b.3)
            },
        );
    let average_body = (body_words as f64 / docs.max(1) as f64).max(1.0);

    // Each distinct word is stemmed and split once.
    let stems: HashMap<String, String> =
        vocabulary.into_par_iter().map(|w| (language.stem(&w), w)).map(|(s, w)| (w, s)).collect();
    let compounds = Compounds::new(&stems);
    let mut rules = EndingRules::default();
    for (word, stem) in &stems {
        rules.observe(word, stem);
    }
    let parts: HashMap<&str, Vec<String>> = stems
        .par_iter()
        .map(|(word, _)| (word.as_str(), compounds.tails(word, &language).iter().map(|t| language.stem(t)).collect()))
        .collect();
    let mut term_ids: HashMap<(String, TermKind), u32> = HashMap::new();
    let mut terms: Vec<Term> = Vec::new();
    let mut term_id = |text: &str, kind: TermKind| {
        *term_ids.entry((text.to_string(), kind)).or_insert_with(|| {
            terms.push(Term {
                text: text.to_string(),
                kind,
                folded: fold_accents(text),
                postings: PostingWriter::default(),
            });
            (terms.len() - 1) as u32
        })
    };
    let mut word_terms: HashMap<&str, WordTerms> = HashMap::with_capacity(stems.len());
    let mut sorted_words: Vec<&String> = stems.keys().collect();
    sorted_words.sort();
    for word in sorted_words {
        let term = term_id(&stems[word], TermKind::Word);
        let parts = parts[word.as_str()].iter().map(|p| term_id(p, TermKind::Part)).collect();
        word_terms.insert(word, WordTerms { term, parts });
    }

    // Pass 2: postings, page by page in document order.
    let mut next_doc = 0u32;
    for batch in pages.chunks(PAGES_PER_BATCH) {
        let analysed: Vec<Vec<Vec<DocPosting>>> =
            batch.par_iter().map(|page| page_postings(&PageText::new(page), &word_terms, average_body)).collect();
        for page in analysed {
            for doc in page {
                for posting in doc {
                    terms[posting.term as usize].postings.push(next_doc, posting.impact, &posting.positions);
                }
                next_doc += 1;
            }
        }
    }

    terms.sort_by(|a, b| js_order(&a.folded, &b.folded).then_with(|| a.text.cmp(&b.text)).then(a.kind.cmp(&b.kind)));
    Index {
        language: language.code,
        pages: records,
        terms,
        rules: rules.into_sorted(&language),
        stopwords: language.stopwords(),
        text_bytes,
    }
}

/// One term's entry in one document.
struct DocPosting {
    term: u32,
    impact: u32,
    positions: Vec<u32>,
}

/// What a document says about one term, before scoring.
#[derive(Default)]
struct Occurrences {
    title: bool,
    heading: bool,
    tags: bool,
    body: u32,
    positions: Vec<u32>,
}

/// The postings of each document of a page, each sorted by term.
fn page_postings(text: &PageText, word_terms: &HashMap<&str, WordTerms>, average_body: f64) -> Vec<Vec<DocPosting>> {
    let terms_of = |word: &str| {
        word_terms.get(word).into_iter().flat_map(|w| std::iter::once(w.term).chain(w.parts.iter().copied()))
    };
    text.docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let mut found: HashMap<u32, Occurrences> = HashMap::new();
            if i == 0 {
                for term in words(&text.title).flat_map(terms_of) {
                    found.entry(term).or_default().title = true;
                }
                for term in words(&text.tags).flat_map(terms_of) {
                    found.entry(term).or_default().tags = true;
                }
            }
            // Positions run through the heading and on into the body, so a phrase in the
            // heading counts; stopwords take up a position without being indexed.
            let heading = words(&doc.heading).map(|w| (w, true));
            let mut body_length = 0;
            for (position, (word, in_heading)) in heading.chain(words(&doc.body).map(|w| (w, false))).enumerate() {
                body_length += usize::from(!in_heading);
                for term in terms_of(word) {
                    let occurrences = found.entry(term).or_default();
                    if in_heading {
                        occurrences.heading = true;
                    } else {
                        occurrences.body += 1;
                    }
                    if occurrences.positions.len() < MAX_POSITIONS {
                        occurrences.positions.push(position as u32);
                    }
                }
            }
            let length_norm = 1.0 - BM25_B + BM25_B * body_length as f64 / average_body;
            let mut postings: Vec<DocPosting> = found
                .into_iter()
                .map(|(term, o)| DocPosting {
                    term,
                    impact: impact(&o, text.title_weight, length_norm),
                    positions: o.positions,
                })
                .collect();
            postings.sort_by_key(|p| p.term);
            postings
        })
        .collect()
}

fn impact(o: &Occurrences, title_weight: f64, length_norm: f64) -> u32 {
    let tf = f64::from(o.body);
    let body = tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * length_norm);
    let score = title_weight * f64::from(u8::from(o.title))
        + HEADING_WEIGHT * f64::from(u8::from(o.heading))
        + TAGS_WEIGHT * f64::from(u8::from(o.tags))
        + body;
    ((score * IMPACT_SCALE).round() as u32).clamp(1, MAX_IMPACT)
}

/// The page as results show it.
fn record(page: &PageSource) -> PageRecord {
    let top = Segment::default();
    let segments: &[Segment] = if page.segments.is_empty() { std::slice::from_ref(&top) } else { page.segments };
    let sections = segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let text = if i == 0 && !page.description.is_empty() {
                format!("{} {}", page.description, s.text)
            } else {
                s.text.clone()
            };
            // A titled component's text starts with its title, which the result shows already.
            let text = text.trim_start();
            let text = text.strip_prefix(s.heading.as_str()).filter(|_| !s.heading.is_empty()).unwrap_or(text);
            Section { anchor: s.anchor.clone(), heading: s.heading.clone(), excerpt: excerpt(text) }
        })
        .collect();
    PageRecord { title: page.title.to_string(), url: page.url.to_string(), sections }
}

/// The start of `text`, whitespace collapsed, cut after a word near [`EXCERPT_CHARS`].
fn excerpt(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() >= EXCERPT_CHARS {
            out.push_str(" …");
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(anchor: Option<&str>, heading: &str, text: &str) -> Segment {
        Segment { anchor: anchor.map(str::to_string), heading: heading.into(), text: text.into() }
    }

    /// The impact each document got for `stem`, by (page title, section heading).
    fn impacts(index: &Index, stem: &str) -> Vec<(String, String, u32)> {
        let term = index.terms.iter().find(|t| t.text == stem && t.kind == TermKind::Word).expect("term indexed");
        let docs: Vec<(String, String)> =
            index.pages.iter().flat_map(|p| p.sections.iter().map(|s| (p.title.clone(), s.heading.clone()))).collect();
        term.postings
            .decode()
            .into_iter()
            .map(|(doc, impact, _)| (docs[doc as usize].0.clone(), docs[doc as usize].1.clone(), impact))
            .collect()
    }

    #[test]
    fn a_title_hit_outranks_a_heading_hit_a_tag_hit_and_any_body_text() {
        let long_body = "fallgropar ".repeat(40);
        let tags = vec!["fallgropar".to_string()];
        let segs = [
            vec![segment(None, "", "Om arbetet.")],
            vec![segment(None, "", "Inledning."), segment(Some("fallgropar"), "Fallgropar", "Text.")],
            vec![segment(None, "", "Om stöd.")],
            vec![segment(None, "", &long_body)],
        ];
        let pages = [
            PageSource {
                title: "Vanliga fallgropar",
                url: "a.html",
                description: "",
                tags: &[],
                segments: &segs[0],
                overview: false,
            },
            PageSource {
                title: "Rubrik",
                url: "b.html",
                description: "",
                tags: &[],
                segments: &segs[1],
                overview: false,
            },
            PageSource {
                title: "Taggad",
                url: "c.html",
                description: "",
                tags: &tags,
                segments: &segs[2],
                overview: false,
            },
            PageSource {
                title: "Brödtext",
                url: "d.html",
                description: "",
                tags: &[],
                segments: &segs[3],
                overview: false,
            },
        ];
        let index = build(&pages, "sv");
        let mut found = impacts(&index, "fallgrop");
        found.sort_by_key(|f| std::cmp::Reverse(f.2));
        let order: Vec<(&str, &str)> = found.iter().map(|(t, h, _)| (t.as_str(), h.as_str())).collect();
        assert_eq!(
            order,
            [("Vanliga fallgropar", ""), ("Rubrik", "Fallgropar"), ("Taggad", ""), ("Brödtext", "")],
            "{found:?}"
        );
    }

    #[test]
    fn pages_split_into_sections_with_anchors_and_short_excerpts() {
        let long = "ord ".repeat(500);
        let segs = [segment(None, "", "Inledning om trappan."), segment(Some("steg-1"), "Steg 1", &long)];
        let pages = [PageSource {
            title: "Trappan",
            url: "trappan/index.html",
            description: "Så fungerar trappan.",
            tags: &[],
            segments: &segs,
            overview: true,
        }];
        let index = build(&pages, "sv");
        let sections = &index.pages[0].sections;
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].anchor, None);
        assert_eq!(sections[0].excerpt, "Så fungerar trappan. Inledning om trappan.");
        assert_eq!(sections[1].anchor.as_deref(), Some("steg-1"));
        assert!(sections[1].excerpt.ends_with(" …") && sections[1].excerpt.chars().count() < EXCERPT_CHARS + 8);
        assert_eq!(index.docs(), 2);
    }

    #[test]
    fn compounds_and_stopwords_in_the_terms() {
        let segs = [segment(None, "", "Jämställdhetsarbete och arbete med jämställdhet i socialtjänsten.")];
        let pages = [PageSource {
            title: "Start",
            url: "index.html",
            description: "",
            tags: &[],
            segments: &segs,
            overview: false,
        }];
        let index = build(&pages, "sv");
        let terms: Vec<(&str, TermKind)> = index.terms.iter().map(|t| (t.text.as_str(), t.kind)).collect();
        assert!(terms.contains(&("jämställdhetsarbet", TermKind::Word)), "{terms:?}");
        assert!(terms.contains(&("arbet", TermKind::Part)), "{terms:?}");
        assert!(terms.contains(&("arbet", TermKind::Word)), "{terms:?}");
        assert!(!terms.iter().any(|(t, _)| *t == "och" || *t == "med" || *t == "i"), "stopwords are not indexed");
        // Positions count the stopwords: "arbete" is word 2 of the text ("och" is word 1).
        let arbete = index.terms.iter().find(|t| t.text == "arbet" && t.kind == TermKind::Word).unwrap();
        // One body hit in the only document (length norm 1): BM25 gives 2.2 / 2.2 = 1 point.
        let one_body_hit = IMPACT_SCALE.round() as u32;
        assert_eq!(arbete.postings.decode(), [(0, one_body_hit, vec![2])]);
        let sorted: Vec<&str> = index.terms.iter().map(|t| t.folded.as_str()).collect();
        assert!(sorted.windows(2).all(|w| js_order(w[0], w[1]).is_le()));
    }

    #[test]
    fn english_sites_get_english_terms() {
        let segs = [segment(None, "", "The pitfalls of checklists.")];
        let pages = [PageSource {
            title: "Pitfalls",
            url: "index.html",
            description: "",
            tags: &[],
            segments: &segs,
            overview: false,
        }];
        let index = build(&pages, "en");
        let terms: Vec<&str> = index.terms.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(terms, ["checklist", "pitfal"]);
        assert_eq!(index.language, "en");
    }
}
