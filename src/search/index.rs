//! Building the inverted index in memory: every page is split into documents (its top and
//! one per heading or titled component), every word into terms (its stem, plus the parts of
//! a compound), and every (term, document) pair into a posting with an impact score and the
//! word positions for phrase and proximity boosts.
//!
//! Field weights are applied here, at build time, so the client needs no document lengths:
//! a posting's impact is `title + heading + tags + description + BM25(body)` with the weights below, which
//! makes any title hit outrank any heading hit, a heading hit any tag hit, and a tag hit any
//! amount of body text. The client multiplies impacts by the term's rarity and by how well
//! the term matches the query word (exact, folded, prefix, compound part).

use std::borrow::{Borrow, Cow};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::posting::{PostingWriter, encode_posting};
use super::tokenize::{Compounds, EndingRules, Language, indexable, js_order};
use crate::web::fold_accents;
use crate::words::{SearchText, Segment, excerpt, lowercase_words};

const TITLE_WEIGHT: f64 = 6.0;
const HEADING_WEIGHT: f64 = 4.0;
const TAGS_WEIGHT: f64 = 3.0;
/// A word of the page's description (its summary, shown under the title in lists): the page
/// is about it, above a page that only mentions it in its text; with all the body can add
/// (under 2.2) it stays under a heading hit.
const LEAD_WEIGHT: f64 = 1.75;
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
/// Pages are analysed in batches so the postings of a huge site never sit in memory twice.
const PAGES_PER_BATCH: usize = 512;

/// What the index reads of one page.
pub struct PageSource<'a> {
    pub title: &'a str,
    /// Output path relative to the site root.
    pub url: &'a str,
    pub description: &'a str,
    pub tags: &'a [String],
    pub text: &'a SearchText,
    /// A section's overview page (or the home page) rather than a single page.
    pub overview: bool,
}

/// A section as shown in a result.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// `None`: the top of the page.
    pub anchor: Option<Arc<str>>,
    /// Shared with the page's heading.
    pub heading: Arc<str>,
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

/// How the index reads a page: its documents (the top of the page, then each heading or
/// titled component), their words lowercased (the title's, tags' and headings' one by one,
/// the text's as the page's word numbers).
struct PageText<'a> {
    page: &'a PageSource<'a>,
    segments: &'a [Segment],
    title_weight: f64,
}

impl<'a> PageText<'a> {
    fn new(page: &'a PageSource<'a>) -> Self {
        static TOP: std::sync::LazyLock<Segment> = std::sync::LazyLock::new(Segment::default);
        let segments = &page.text.segments;
        let segments = if segments.is_empty() { std::slice::from_ref(&*TOP) } else { segments };
        let title_weight = TITLE_WEIGHT + if page.overview { OVERVIEW_TITLE_BONUS } else { 0.0 };
        PageText { page, segments, title_weight }
    }

    fn title(&self) -> impl Iterator<Item = Cow<'a, str>> {
        lowercase_words(self.page.title)
    }

    fn tags(&self) -> impl Iterator<Item = Cow<'a, str>> {
        self.page.tags.iter().flat_map(|tag| lowercase_words(tag))
    }

    fn heading(&self, doc: usize) -> impl Iterator<Item = Cow<'a, str>> {
        lowercase_words(&self.segments[doc].heading)
    }

    /// The words of the page's description, which opens the top document's text.
    fn description(&self) -> impl Iterator<Item = Cow<'a, str>> {
        lowercase_words(self.page.description)
    }

    /// The numbers of a document's words (see [`SearchText::word`]), after the description.
    fn words(&self, doc: usize) -> impl Iterator<Item = u32> + 'a {
        let text = self.page.text;
        (doc < text.segments.len()).then(|| text.words(doc)).into_iter().flatten()
    }

    /// Bytes of the text indexed, to compare the index's size against.
    fn bytes(&self) -> usize {
        self.page.title.len()
            + self.page.tags.iter().map(|t| t.len() + 1).sum::<usize>()
            + self.page.description.len()
            + self.segments.iter().map(|s| s.heading.len()).sum::<usize>()
            + self.page.text.text_bytes
    }
}

/// How one word of the site is indexed: its term and the terms of its compound parts.
struct WordTerms {
    term: u32,
    parts: Vec<u32>,
}

/// A term's name before its postings are gathered.
struct TermName {
    text: String,
    kind: TermKind,
    folded: String,
}

/// What the whole site's words decide: each word's stem and compound parts, the terms, the
/// ending rules and BM25's average document length. Built once from every page.
struct Vocabulary {
    language: Language,
    words: FxHashMap<String, WordTerms>,
    /// The stems of every word: a compound's parts must be words of the site themselves.
    stems: FxHashSet<String>,
    terms: Vec<TermName>,
    term_ids: FxHashMap<(String, TermKind), u32>,
    /// Term ids in the index's order (see [`Index::terms`]).
    order: Vec<u32>,
    rules: Vec<(String, String)>,
    average_body: f64,
    text_bytes: usize,
}

impl Vocabulary {
    fn new(pages: &[PageSource], language: &str) -> Self {
        let language = Language::for_site(language);
        // A few runs of pages, each with a vocabulary of its own, so a word is copied once per
        // run, not once per page; and merged a few times, not once per piece of work rayon
        // splits off (their number grows with the site, and each merge costs a vocabulary).
        let run = pages.len().div_ceil(4 * rayon::current_num_threads()).max(1);
        let (vocabulary, body_words, docs, text_bytes) = pages
            .par_chunks(run)
            .map(|run| {
                run.iter().fold(
                    (FxHashSet::<String>::default(), 0usize, 0usize, 0usize),
                    |(mut vocabulary, mut body_words, mut docs, bytes), page| {
                        let text = PageText::new(page);
                        let mut add = |word: Cow<str>| {
                            if !vocabulary.contains(word.as_ref()) && indexable(&word) && !language.is_stopword(&word) {
                                vocabulary.insert(word.into_owned());
                            }
                        };
                        text.title().chain(text.tags()).for_each(&mut add);
                        for word in text.description() {
                            body_words += 1;
                            add(word);
                        }
                        for doc in 0..text.segments.len() {
                            text.heading(doc).for_each(&mut add);
                        }
                        body_words += page.text.word_count();
                        // The text's words: each distinct one of the page once.
                        page.text.distinct().map(Cow::Borrowed).for_each(&mut add);
                        docs += text.segments.len();
                        (vocabulary, body_words, docs, bytes + text.bytes())
                    },
                )
            })
            .reduce(
                || (FxHashSet::default(), 0, 0, 0),
                |a, b| {
                    let (mut into, from) = if a.0.len() >= b.0.len() { (a.0, b.0) } else { (b.0, a.0) };
                    into.extend(from);
                    (into, a.1 + b.1, a.2 + b.2, a.3 + b.3)
                },
            );
        // Each distinct word is stemmed and split once.
        let stemmed: Vec<(String, String)> = vocabulary.into_par_iter().map(|w| (language.stem(&w), w)).collect();
        let mut rules = EndingRules::default();
        for (stem, word) in &stemmed {
            rules.observe(word, stem);
        }
        let rules = rules.into_sorted(&language);
        let stems: FxHashSet<String> = stemmed.iter().map(|(stem, _)| stem.clone()).collect();
        let mut vocabulary = Vocabulary {
            language,
            words: FxHashMap::default(),
            stems,
            terms: Vec::new(),
            term_ids: FxHashMap::default(),
            order: Vec::new(),
            rules,
            average_body: (body_words as f64 / docs.max(1) as f64).max(1.0),
            text_bytes,
        };
        vocabulary.learn(stemmed);
        vocabulary
    }

    /// Adds words with their stems (already in `stems`): their compound parts, their terms.
    fn learn(&mut self, mut stemmed: Vec<(String, String)>) {
        let compounds = Compounds::new(&self.stems);
        let language = &self.language;
        let parts: Vec<Vec<String>> = stemmed
            .par_iter()
            .map(|(_, word)| compounds.tails(word, language).iter().map(|t| language.stem(t)).collect())
            .collect();
        // Term ids in the words' order, so the same site numbers them the same.
        let mut learned: Vec<((String, String), Vec<String>)> = stemmed.drain(..).zip(parts).collect();
        learned.sort_by(|a, b| a.0.1.cmp(&b.0.1));
        for ((stem, word), parts) in learned {
            let term = self.term_id(&stem, TermKind::Word);
            let parts = parts.iter().map(|p| self.term_id(p, TermKind::Part)).collect();
            self.words.insert(word, WordTerms { term, parts });
        }
        let terms = &self.terms;
        self.order = (0..terms.len() as u32).collect();
        self.order.sort_by(|&a, &b| {
            let (a, b) = (&terms[a as usize], &terms[b as usize]);
            js_order(&a.folded, &b.folded).then_with(|| a.text.cmp(&b.text)).then(a.kind.cmp(&b.kind))
        });
    }

    fn term_id(&mut self, text: &str, kind: TermKind) -> u32 {
        let terms = &mut self.terms;
        *self.term_ids.entry((text.to_string(), kind)).or_insert_with(|| {
            terms.push(TermName { text: text.to_string(), kind, folded: fold_accents(text) });
            (terms.len() - 1) as u32
        })
    }

    /// The index of these pages' records and postings (in page order).
    fn index(&self, records: Vec<PageRecord>, postings: impl Iterator<Item = impl Borrow<PagePostings>>) -> Index {
        let mut writers: Vec<PostingWriter> = self.terms.iter().map(|_| PostingWriter::default()).collect();
        let mut next_doc = 0;
        for page in postings {
            page.borrow().add_to(&mut writers, &mut next_doc);
        }
        let mut writers: Vec<Option<PostingWriter>> = writers.into_iter().map(Some).collect();
        // A term no page uses any more (its words edited away in `serve`) is left out.
        let terms = self
            .order
            .iter()
            .filter_map(|&id| {
                let postings = writers[id as usize].take().filter(|p| !p.as_str().is_empty())?;
                let name = &self.terms[id as usize];
                Some(Term { text: name.text.clone(), kind: name.kind, folded: name.folded.clone(), postings })
            })
            .collect();
        Index {
            language: self.language.code,
            pages: records,
            terms,
            rules: self.rules.clone(),
            stopwords: self.language.stopwords(),
            text_bytes: self.text_bytes,
        }
    }

    /// The postings of each document of a page.
    fn postings(&self, page: &PageSource) -> PagePostings {
        let text = PageText::new(page);
        fn terms_of(word: Option<&WordTerms>) -> impl Iterator<Item = u32> + '_ {
            word.into_iter().flat_map(|w| std::iter::once(w.term).chain(w.parts.iter().copied()))
        }
        let known = |word: Cow<str>| self.words.get(word.as_ref());
        // The text's words by their number on the page: each distinct word looked up once.
        let numbered: Vec<Option<&WordTerms>> = page.text.distinct().map(|word| self.words.get(word)).collect();
        let mut out = PagePostings::default();
        // One table and one list for all of the page's documents, emptied after each.
        let mut found: FxHashMap<u32, Occurrences> = FxHashMap::default();
        let mut terms: Vec<(u32, Occurrences)> = Vec::new();
        for doc in 0..text.segments.len() {
            if doc == 0 {
                for term in text.title().map(known).flat_map(terms_of) {
                    found.entry(term).or_default().title = true;
                }
                for term in text.tags().map(known).flat_map(terms_of) {
                    found.entry(term).or_default().tags = true;
                }
            }
            // Positions run through the heading and on into the body, so a phrase in the
            // heading counts; stopwords take up a position without being indexed. The
            // description opens the top document's body.
            let heading = text.heading(doc).map(|w| (known(w), Field::Heading));
            let description =
                (doc == 0).then(|| text.description()).into_iter().flatten().map(|w| (known(w), Field::Lead));
            let body = description.chain(text.words(doc).map(|number| (numbered[number as usize], Field::Body)));
            let mut body_length = 0;
            for (position, (word, field)) in heading.chain(body).enumerate() {
                body_length += usize::from(field != Field::Heading);
                for term in terms_of(word) {
                    let occurrences = found.entry(term).or_default();
                    match field {
                        Field::Heading => occurrences.heading = true,
                        Field::Lead => {
                            occurrences.lead = true;
                            occurrences.body += 1;
                        }
                        Field::Body => occurrences.body += 1,
                    }
                    occurrences.add_position(position as u32);
                }
            }
            let length_norm = 1.0 - BM25_B + BM25_B * body_length as f64 / self.average_body;
            terms.extend(found.drain());
            terms.sort_unstable_by_key(|(term, _)| *term);
            for (term, o) in terms.drain(..) {
                encode_posting(&mut out.encoded, impact(&o, text.title_weight, length_norm), o.positions());
                out.entries.push((term, doc as u32, out.encoded.len() as u32));
            }
        }
        out.docs = text.segments.len() as u32;
        out
    }
}

/// One page's postings as the index stores them after each document's number: (term,
/// document within the page, end of its encoding in `encoded`), by document then term.
#[derive(Default)]
struct PagePostings {
    entries: Vec<(u32, u32, u32)>,
    encoded: String,
    docs: u32,
}

impl PagePostings {
    /// Adds the page's postings to the terms' writers, its documents numbered from `next_doc`.
    fn add_to(&self, writers: &mut [PostingWriter], next_doc: &mut u32) {
        let mut start = 0;
        for &(term, doc, end) in &self.entries {
            writers[term as usize].push_encoded(*next_doc + doc, &self.encoded[start as usize..end as usize]);
            start = end;
        }
        *next_doc += self.docs;
    }
}

/// Builds the index of `pages` for a site in `language` (`site.yaml` `language`), their text
/// in `texts` (indexed like `pages`, whose own `text` is not read). The postings are made
/// in batches of pages and gathered as they come, and each batch's text is let go as soon as
/// its postings are made: neither the postings nor the text of a huge site sit in memory
/// twice, and the index grows while the text it is made from shrinks.
pub fn build(pages: &[PageSource], mut texts: Vec<SearchText>, language: &str) -> Index {
    let (vocabulary, records) = {
        let pages: Vec<PageSource> = pages.iter().zip(&texts).map(|(page, text)| with_text(page, text)).collect();
        rayon::join(|| Vocabulary::new(&pages, language), || pages.par_iter().map(record).collect())
    };
    let postings = (0..pages.len()).step_by(PAGES_PER_BATCH).flat_map(|start| {
        let batch = start..(start + PAGES_PER_BATCH).min(pages.len());
        let postings: Vec<PagePostings> = batch
            .clone()
            .into_par_iter()
            .map(|page| vocabulary.postings(&with_text(&pages[page], &texts[page])))
            .collect();
        // Its memory is reused for the postings (handing it back to the system as well, every
        // 16 MB, made no difference to the peak or the time once the text was kept as words).
        for text in &mut texts[batch] {
            *text = SearchText::default();
        }
        postings
    });
    vocabulary.index(records, postings)
}

/// `page` with `text` as its text.
fn with_text<'a>(page: &PageSource<'a>, text: &'a SearchText) -> PageSource<'a> {
    let PageSource { title, url, description, tags, overview, .. } = *page;
    PageSource { title, url, description, tags, text, overview }
}

/// Where a word of a document's text stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Heading,
    /// The page's description, which opens the top document's body.
    Lead,
    Body,
}

/// What a document says about one term, before scoring. The positions kept are few
/// ([`MAX_POSITIONS`]): in place, so that a term of a document costs no allocation.
#[derive(Default)]
struct Occurrences {
    title: bool,
    heading: bool,
    tags: bool,
    /// In the page's description (also counted in `body`).
    lead: bool,
    body: u32,
    positions: [u32; MAX_POSITIONS],
    kept: usize,
}

impl Occurrences {
    fn add_position(&mut self, position: u32) {
        if self.kept < MAX_POSITIONS {
            self.positions[self.kept] = position;
            self.kept += 1;
        }
    }

    fn positions(&self) -> &[u32] {
        &self.positions[..self.kept]
    }
}

fn impact(o: &Occurrences, title_weight: f64, length_norm: f64) -> u32 {
    let tf = f64::from(o.body);
    let body = tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * length_norm);
    let score = title_weight * f64::from(u8::from(o.title))
        + HEADING_WEIGHT * f64::from(u8::from(o.heading))
        + TAGS_WEIGHT * f64::from(u8::from(o.tags))
        + LEAD_WEIGHT * f64::from(u8::from(o.lead))
        + body;
    ((score * IMPACT_SCALE).round() as u32).clamp(1, MAX_IMPACT)
}

/// The page as results show it.
fn record(page: &PageSource) -> PageRecord {
    let sections = PageText::new(page)
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            // The description opens the top's excerpt (cut again, at the word the whole
            // text would be cut at).
            let excerpt = if i == 0 && !page.description.is_empty() {
                excerpt(&format!("{} {}", page.description, s.excerpt))
            } else {
                s.excerpt.clone()
            };
            Section { anchor: s.anchor.clone(), heading: s.heading.clone(), excerpt }
        })
        .collect();
    PageRecord { title: page.title.to_string(), url: page.url.to_string(), sections }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::{EXCERPT_CHARS, SegmentText};

    fn segment(anchor: Option<&str>, heading: &str, text: &str) -> SegmentText {
        SegmentText { anchor: anchor.map(Arc::from), heading: heading.into(), text: text.into() }
    }

    /// The text of `pages`, as [`build`] takes it.
    fn texts_of(pages: &[PageSource]) -> Vec<SearchText> {
        pages.iter().map(|page| page.text.clone()).collect()
    }

    /// The impact each document got for `stem`, by (page title, section heading).
    fn impacts(index: &Index, stem: &str) -> Vec<(String, String, u32)> {
        let term = index.terms.iter().find(|t| t.text == stem && t.kind == TermKind::Word).expect("term indexed");
        let docs: Vec<(String, String)> = index
            .pages
            .iter()
            .flat_map(|p| p.sections.iter().map(|s| (p.title.clone(), s.heading.to_string())))
            .collect();
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
            SearchText::new(vec![segment(None, "", "Om arbetet.")]),
            SearchText::new(vec![segment(None, "", "Inledning."), segment(Some("fallgropar"), "Fallgropar", "Text.")]),
            SearchText::new(vec![segment(None, "", "Om stöd.")]),
            SearchText::new(vec![segment(None, "", &long_body)]),
        ];
        let pages = [
            PageSource {
                title: "Vanliga fallgropar",
                url: "a.html",
                description: "",
                tags: &[],
                text: &segs[0],
                overview: false,
            },
            PageSource { title: "Rubrik", url: "b.html", description: "", tags: &[], text: &segs[1], overview: false },
            PageSource {
                title: "Taggad",
                url: "c.html",
                description: "",
                tags: &tags,
                text: &segs[2],
                overview: false,
            },
            PageSource {
                title: "Brödtext",
                url: "d.html",
                description: "",
                tags: &[],
                text: &segs[3],
                overview: false,
            },
        ];
        let index = build(&pages, texts_of(&pages), "sv");
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
        let segs =
            SearchText::new(vec![segment(None, "", "Inledning om trappan."), segment(Some("steg-1"), "Steg 1", &long)]);
        let pages = [PageSource {
            title: "Trappan",
            url: "trappan/index.html",
            description: "Så fungerar trappan.",
            tags: &[],
            text: &segs,
            overview: true,
        }];
        let index = build(&pages, texts_of(&pages), "sv");
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
        let segs = SearchText::new(vec![segment(
            None,
            "",
            "Jämställdhetsarbete och arbete med jämställdhet i socialtjänsten.",
        )]);
        let pages = [PageSource {
            title: "Start",
            url: "index.html",
            description: "",
            tags: &[],
            text: &segs,
            overview: false,
        }];
        let index = build(&pages, texts_of(&pages), "sv");
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
        let segs = SearchText::new(vec![segment(None, "", "The pitfalls of checklists.")]);
        let pages = [PageSource {
            title: "Pitfalls",
            url: "index.html",
            description: "",
            tags: &[],
            text: &segs,
            overview: false,
        }];
        let index = build(&pages, texts_of(&pages), "en");
        let terms: Vec<&str> = index.terms.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(terms, ["checklist", "pitfal"]);
        assert_eq!(index.language, "en");
    }
}
