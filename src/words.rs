//! A page's plain text as the search index keeps it from the Markdown stage on: split into
//! lowercase words once, as each page is rendered, each distinct word stored once and the
//! text as word numbers, plus the start of each section for its snippet. A large site's text
//! is held by every page until the index is made; this way it is held in about half the
//! memory, and the index reads each page's distinct words instead of splitting and looking
//! up every word again.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashMap;

/// The stored text of a section for snippets is cut at a word boundary after this many
/// characters: the bytes of a full copy of the site's text would dwarf the index.
pub const EXCERPT_CHARS: usize = 360;

/// The words of `text` in order: runs of letters and digits (what JavaScript's
/// `/[\p{Alphabetic}\p{N}]+/gu` finds), as slices of `text`.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty())
}

/// `c.is_alphanumeric()`, with the letters of Latin-1 (å, ä, ö, é …) answered without the
/// Unicode tables: most words of a Swedish text have one.
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\u{C0}'..='\u{FF}' => c != '\u{D7}' && c != '\u{F7}',
        _ => !c.is_ascii() && c.is_alphanumeric(),
    }
}

/// The words of `text` lowercased, as lowercasing the whole text and then splitting it would
/// give them, without copying the text: a word already in lowercase is a slice of `text`.
pub fn lowercase_words(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    words(text).flat_map(|word| {
        if !word.chars().any(changes_in_lowercase) {
            return Lowered::Same(Some(word));
        }
        // Lowercasing may make a letter into one and a mark ("İ" → "i̇"): split again.
        let lower = word.to_lowercase();
        Lowered::Changed(words(&lower).map(str::to_string).collect::<Vec<_>>().into_iter())
    })
}

/// A word of [`lowercase_words`]: itself, or the words its lowercase form splits into.
enum Lowered<'a> {
    Same(Option<&'a str>),
    Changed(std::vec::IntoIter<String>),
}

impl<'a> Iterator for Lowered<'a> {
    type Item = Cow<'a, str>;

    fn next(&mut self) -> Option<Cow<'a, str>> {
        match self {
            Lowered::Same(word) => word.take().map(Cow::Borrowed),
            Lowered::Changed(words) => words.next().map(Cow::Owned),
        }
    }
}

/// Whether lowercasing changes `c` (ASCII and Latin-1 answered without the Unicode tables:
/// À to Þ, but for ×, are its capitals).
fn changes_in_lowercase(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_uppercase(),
        '\u{C0}'..='\u{DE}' => c != '\u{D7}',
        '\u{80}'..='\u{FF}' => false,
        _ => {
            let mut lower = c.to_lowercase();
            lower.next() != Some(c) || lower.next().is_some()
        }
    }
}

/// The start of `text`, whitespace collapsed, cut after a word near [`EXCERPT_CHARS`].
/// Cutting an excerpt again, or one with more text before it, cuts at the same word as
/// cutting the whole text would.
pub fn excerpt(text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        if chars >= EXCERPT_CHARS {
            out.push_str(" …");
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += word.chars().count();
    }
    out
}

/// The plain text of a page under one heading, or under a titled component with an id (a
/// form, a card …), as the Markdown stage gathers it. The first holds the text before the
/// first heading (`anchor` is `None`: the top of the page).
#[derive(Debug, Clone, Default)]
pub struct SegmentText {
    pub anchor: Option<Arc<str>>,
    /// The heading's (or component title's) text; empty for the top of the page.
    pub heading: Arc<str>,
    pub text: String,
}

/// A segment of a page's [`SearchText`]: a hit on its words jumps to `anchor`.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    pub anchor: Option<Arc<str>>,
    /// The heading's (or component title's) text; empty for the top of the page.
    pub heading: Arc<str>,
    /// The start of the text, for the snippet (a component's title, which the result shows
    /// already, left out).
    pub excerpt: String,
    /// The segment's words in the page's [`SearchText::sequence`].
    words: Range<u32>,
}

/// A page's text for the search index: its segments, and their words lowercased.
#[derive(Debug, Clone, Default)]
pub struct SearchText {
    pub segments: Vec<Segment>,
    /// Each distinct word once, one after another, in the order first written.
    distinct: String,
    /// Where each distinct word ends in `distinct`: a word's number is its place here.
    ends: Vec<u32>,
    /// The segments' words, one after another, as word numbers.
    sequence: WordNumbers,
    /// Bytes of the text as written, to compare sizes against.
    pub text_bytes: usize,
}

impl SearchText {
    /// The segments' text as lowercase words (see [`lowercase_words`]), numbered in the order
    /// first written, and each segment's excerpt.
    pub fn new(segments: Vec<SegmentText>) -> Self {
        let mut numbering = Numbering::default();
        let mut sequence = Vec::new();
        let mut kept = Vec::with_capacity(segments.len());
        for segment in &segments {
            let start = sequence.len() as u32;
            for word in words(&segment.text) {
                if let Some(&number) = numbering.numbers.get(word) {
                    sequence.push(number);
                    continue;
                }
                let mut lowered = lowercase_words(word);
                match (lowered.next(), lowered.next()) {
                    (Some(lower), None) => {
                        let number = numbering.number(lower);
                        numbering.numbers.insert(Cow::Borrowed(word), number);
                        sequence.push(number);
                    }
                    // Lowercasing split it ("İ" → "i̇"): rare, not kept as written.
                    (first, second) => {
                        for lower in first.into_iter().chain(second).chain(lowered) {
                            sequence.push(numbering.number(lower));
                        }
                    }
                }
            }
            let text = segment.text.trim_start();
            let heading = &*segment.heading;
            let text = text.strip_prefix(heading).filter(|_| !heading.is_empty()).unwrap_or(text);
            kept.push(Segment {
                anchor: segment.anchor.clone(),
                heading: segment.heading.clone(),
                excerpt: excerpt(text),
                words: start..sequence.len() as u32,
            });
        }
        let Numbering { mut distinct, mut ends, .. } = numbering;
        distinct.shrink_to_fit();
        ends.shrink_to_fit();
        let text_bytes = segments.iter().map(|s| s.text.len()).sum();
        SearchText { segments: kept, distinct, ends, sequence: WordNumbers::new(&sequence), text_bytes }
    }

    /// The page's distinct words, by number.
    pub fn distinct(&self) -> impl ExactSizeIterator<Item = &str> {
        (0..self.ends.len()).map(|number| self.word(number as u32))
    }

    /// The distinct word numbered `number`.
    pub fn word(&self, number: u32) -> &str {
        let end = self.ends[number as usize] as usize;
        let start = number.checked_sub(1).map_or(0, |before| self.ends[before as usize] as usize);
        &self.distinct[start..end]
    }

    /// How many words the segments have together.
    pub fn word_count(&self) -> usize {
        // The segments' words follow one another from the first.
        self.segments.last().map_or(0, |last| last.words.end as usize)
    }

    /// The numbers of the words of `segment`, in order.
    pub fn words(&self, segment: usize) -> impl ExactSizeIterator<Item = u32> + '_ {
        let Range { start, end } = self.segments[segment].words.clone();
        (start as usize..end as usize).map(|at| self.sequence.get(at))
    }
}

/// How a page's words are numbered as they are read.
#[derive(Default)]
struct Numbering<'t> {
    /// Keyed by the lowercase forms and by the words as written: a capitalised word leads to
    /// its lowercase form's number, so it is lowercased once per page, not each time.
    numbers: FxHashMap<Cow<'t, str>, u32>,
    distinct: String,
    ends: Vec<u32>,
}

impl<'t> Numbering<'t> {
    /// The number of a lowercase word, the next one if it is new.
    fn number(&mut self, word: Cow<'t, str>) -> u32 {
        let next = self.ends.len() as u32;
        *self.numbers.entry(word).or_insert_with_key(|word| {
            self.distinct.push_str(word);
            self.ends.push(self.distinct.len() as u32);
            next
        })
    }
}

/// Word numbers in as few bytes each as the page's count of distinct words allows (most
/// pages use fewer than 256 words, or 65,536).
#[derive(Debug, Clone, Default)]
struct WordNumbers {
    bytes: Vec<u8>,
    width: usize,
}

impl WordNumbers {
    fn new(numbers: &[u32]) -> Self {
        let largest = numbers.iter().copied().max().unwrap_or(0);
        let width = if largest <= 0xff {
            1
        } else if largest <= 0xffff {
            2
        } else {
            4
        };
        let mut bytes = Vec::with_capacity(numbers.len() * width);
        match width {
            1 => bytes.extend(numbers.iter().map(|&n| n as u8)),
            2 => bytes.extend(numbers.iter().flat_map(|&n| (n as u16).to_le_bytes())),
            _ => bytes.extend(numbers.iter().flat_map(|&n| n.to_le_bytes())),
        }
        WordNumbers { bytes, width }
    }

    fn get(&self, at: usize) -> u32 {
        let mut number = [0; 4];
        number[..self.width].copy_from_slice(&self.bytes[at * self.width..(at + 1) * self.width]);
        u32::from_le_bytes(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        let text = "Jämställdhets-arbete (2025–2028): VAB, våld & checklistekort.";
        assert_eq!(
            words(text).collect::<Vec<_>>(),
            ["Jämställdhets", "arbete", "2025", "2028", "VAB", "våld", "checklistekort"]
        );
    }

    #[test]
    fn words_are_lowercased_one_by_one_as_the_whole_text_would_be() {
        for text in ["Jämställd SOCIALTJÄNST, Åsa och Örebro.", "İstanbul ÅÄÖ ǅemal", "redan gemener"] {
            let whole = text.to_lowercase();
            let expected: Vec<&str> = words(&whole).collect();
            assert_eq!(lowercase_words(text).collect::<Vec<_>>(), expected, "{text}");
        }
        assert!(lowercase_words("gemener här").all(|w| matches!(w, Cow::Borrowed(_))), "no copies");
    }

    #[test]
    fn the_latin_1_fast_paths_answer_as_the_unicode_tables_do() {
        for c in (0..=0x2FF).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            let mut lower = c.to_lowercase();
            let changes = lower.next() != Some(c) || lower.next().is_some();
            assert_eq!(changes_in_lowercase(c), changes, "{c:?}");
        }
    }

    #[test]
    fn a_capitalised_word_is_its_lowercase_forms_word() {
        let text = SearchText::new(vec![segment_text(None, "", "Stöd stöd STÖD. İstanbul İstanbul")]);
        // "İ" lowercases to "i" and a combining dot, which splits the word as it splits the
        // lowercased text.
        assert_eq!(text.distinct().collect::<Vec<_>>(), ["stöd", "i", "stanbul"]);
        assert_eq!(text.words(0).collect::<Vec<_>>(), [0, 0, 0, 1, 2, 1, 2]);
    }

    fn segment_text(anchor: Option<&str>, heading: &str, text: &str) -> SegmentText {
        SegmentText { anchor: anchor.map(Arc::from), heading: heading.into(), text: text.into() }
    }

    /// The words of each segment of `text`, joined by spaces.
    fn segment_words(text: &SearchText) -> Vec<String> {
        (0..text.segments.len()).map(|s| text.words(s).map(|n| text.word(n)).collect::<Vec<_>>().join(" ")).collect()
    }

    #[test]
    fn a_page_keeps_each_word_once_and_its_segments_as_numbers() {
        let text = SearchText::new(vec![
            segment_text(None, "", "Lika stöd, LIKA villkor."),
            segment_text(Some("lista"), "Innan mötet", "Innan mötet Läs på om stöd."),
        ]);
        assert_eq!(segment_words(&text), ["lika stöd lika villkor", "innan mötet läs på om stöd"]);
        assert_eq!(
            text.distinct().collect::<Vec<_>>(),
            ["lika", "stöd", "villkor", "innan", "mötet", "läs", "på", "om"]
        );
        let excerpts: Vec<&str> = text.segments.iter().map(|s| s.excerpt.as_str()).collect();
        assert_eq!(excerpts, ["Lika stöd, LIKA villkor.", "Läs på om stöd."], "a component's title is not repeated");
        assert_eq!(text.segments[1].anchor.as_deref(), Some("lista"));
    }

    #[test]
    fn word_numbers_take_as_many_bytes_as_the_largest_needs() {
        for count in [3, 300, 70_000] {
            let text: String = (0..count).map(|n| format!("w{n} ")).collect();
            let page = SearchText::new(vec![segment_text(None, "", &text)]);
            assert_eq!(page.ends.len(), count);
            let expected = if count < 256 {
                1
            } else if count < 65_536 {
                2
            } else {
                4
            };
            assert_eq!(page.sequence.width, expected);
            assert_eq!(page.word(page.words(0).last().unwrap()), format!("w{}", count - 1));
            assert!(page.words(0).enumerate().all(|(at, n)| at as u32 == n));
        }
    }

    #[test]
    fn an_excerpt_cuts_after_a_word_and_cutting_again_cuts_the_same() {
        let long = "ord ".repeat(500);
        let cut = excerpt(&long);
        assert!(cut.ends_with(" …") && cut.chars().count() < EXCERPT_CHARS + 8);
        assert_eq!(excerpt(&cut), cut);
        for before in ["", "En beskrivning.", &"förord ".repeat(30), &"förord ".repeat(80)] {
            assert_eq!(excerpt(&format!("{before} {cut}")), excerpt(&format!("{before} {long}")), "{before}");
        }
        assert_eq!(excerpt("  kort\n text "), "kort text");
    }
}
