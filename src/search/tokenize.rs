//! Terms from words (see [`crate::words`]): Snowball stemming per site language, the
//! stopwords that are not indexed, folding of diacritics for the loose match, and splitting
//! compounds ("jämställdhetsarbete" → … + "arbete") against the site's own vocabulary.
//!
//! The client (search.js) repeats only the cheap parts (words, lowercasing, folding): it
//! never stems. Instead the index ships the ending rewrites the stemmer made at build time,
//! so the client turns "fallgroparna" into the candidates "fallgroparna", "fallgrop", …
//! (see [`EndingRules`]).

use std::collections::{HashMap, HashSet};

use frostem::{Algorithm, Stemmer};

/// Words longer than this are not indexed (URLs, runaway identifiers).
pub const MAX_WORD_CHARS: usize = 40;
/// Shorter parts are not split off a compound: "het" or "ar" would match everything.
const MIN_COMPOUND_PART_CHARS: usize = 4;
/// Letters that join the parts of a Swedish compound ("jämställdhet-s-arbete").
const LINKING_LETTERS: &[char] = &['s', 'e', 'a', 'o', 'u'];

/// The analysis rules of a site language: stemmer, stopwords and the endings a query word
/// may have beyond its stem even when the site never shows them.
pub struct Language {
    pub code: &'static str,
    stemmer: Stemmer,
    stopwords: HashSet<&'static str>,
    endings: Endings,
}

/// Swedish function words: they carry no subject, occur in every section and would make up
/// a third of the index. (Snowball's Swedish list, without "man": a query "man" is a noun.)
const SWEDISH_STOPWORDS: &str = "och det att i en jag hon som han på den med var sig för så till är men ett om hade \
     de av icke mig du henne då sin nu har inte hans honom skulle hennes där min ej vid kunde något från ut när \
     efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna \
     själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er \
     sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt \
     våra ert era vilkas";

/// English function words (the most frequent of Snowball's English list).
const ENGLISH_STOPWORDS: &str = "a an and are as at be been but by can could did do does for from had has have he \
     her his i if in into is it its me my no nor not of on or our she so than that the their them then there \
     these they this those to too was we were what when where which while who whom why will with would you your";

/// The suffixes Snowball's Swedish stemmer removes (steps 1 and 3), as ending rules: a small
/// site may never show "fallgroparna", yet a query for it must meet "fallgrop".
const SWEDISH_ENDINGS: Endings = Endings {
    removed: "a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ar er heter or as arnas \
              ernas ornas es ades andes ens arens hetens erns at andet het ast s lig ig els",
    rewritten: &[("löst", "lös"), ("fullt", "full")],
};

/// The commonest endings of Snowball's English stemmer.
const ENGLISH_ENDINGS: Endings = Endings {
    removed: "s es ed ing ly ness ment ful",
    rewritten: &[("ies", "i"), ("y", "i"), ("ation", "ate"), ("ations", "ate"), ("ional", "ion")],
};

/// Endings a stemmer removes (`removed`, separated by spaces) or rewrites.
struct Endings {
    removed: &'static str,
    rewritten: &'static [(&'static str, &'static str)],
}

impl Endings {
    fn rules(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.removed.split_whitespace().map(|e| (e, "")).chain(self.rewritten.iter().copied())
    }
}

impl Language {
    /// The language of a site (`site.yaml` `language`); anything but Swedish is English.
    pub fn for_site(code: &str) -> Language {
        let (code, algorithm, stopwords, endings) = match code {
            "sv" => ("sv", Algorithm::Swedish, SWEDISH_STOPWORDS, SWEDISH_ENDINGS),
            _ => ("en", Algorithm::English, ENGLISH_STOPWORDS, ENGLISH_ENDINGS),
        };
        Language { code, stemmer: Stemmer::new(algorithm), stopwords: stopwords.split_whitespace().collect(), endings }
    }

    /// The Snowball stem of a lowercase word.
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }

    /// The stopwords, sorted, for the client (it drops them from queries too).
    pub fn stopwords(&self) -> Vec<&'static str> {
        let mut words: Vec<&str> = self.stopwords.iter().copied().collect();
        words.sort_unstable();
        words
    }
}

/// Whether a lowercase word is worth indexing at all (stopwords aside).
pub fn indexable(word: &str) -> bool {
    let chars = word.chars().count();
    (2..=MAX_WORD_CHARS).contains(&chars)
}

/// Compares strings as JavaScript's `<` does (by UTF-16 code units), so the client finds a
/// term's shard by the same order the index was split in.
pub fn js_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Splits compounds into parts that are words of the site themselves: "jämställdhetsarbete"
/// is "jämställdhet" + linking "s" + "arbete" when both occur on their own. Only parts the
/// site knows are split off, so "fallgropar" stays whole unless "gropar" is a word there.
pub struct Compounds<'v, S> {
    /// Stems of every word of the site (a part matches by stem: "arbetet" → "arbet").
    stems: &'v HashSet<String, S>,
}

impl<'v, S: std::hash::BuildHasher> Compounds<'v, S> {
    pub fn new(stems: &'v HashSet<String, S>) -> Self {
        Compounds { stems }
    }

    /// The parts after the first one of a compound word, longest last part first, e.g.
    /// "försörjningsstödshandläggare" → ["handläggare", "stöd"]. Empty for a simple word.
    /// The first part needs no entry: a prefix match already finds it.
    pub fn tails<'w>(&self, word: &'w str, language: &Language) -> Vec<&'w str> {
        let mut tails = Vec::new();
        let mut rest = word;
        while let Some((head, tail)) = self.split_last(rest, language) {
            tails.push(tail);
            rest = head;
        }
        tails
    }

    /// The split of `word` into (head, last part) with the longest known last part; the
    /// head is a word of the site (perhaps with a linking letter) or a compound itself.
    fn split_last<'w>(&self, word: &'w str, language: &Language) -> Option<(&'w str, &'w str)> {
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
        let chars = bounds.len();
        if chars < 2 * MIN_COMPOUND_PART_CHARS {
            return None;
        }
        // Split points from the left: the first valid one leaves the longest last part.
        (MIN_COMPOUND_PART_CHARS..=chars - MIN_COMPOUND_PART_CHARS).find_map(|at| {
            let (head, tail) = word.split_at(bounds[at]);
            (self.is_known(tail, language) && self.is_word_or_compound(head, language)).then_some((head, tail))
        })
    }

    fn is_word_or_compound(&self, part: &str, language: &Language) -> bool {
        self.is_known(part, language)
            || part
                .strip_suffix(LINKING_LETTERS)
                .is_some_and(|p| p.chars().count() >= MIN_COMPOUND_PART_CHARS - 1 && self.is_known(p, language))
            || self.split_last(part, language).is_some()
    }

    fn is_known(&self, part: &str, language: &Language) -> bool {
        self.stems.contains(language.stem(part).as_str())
    }
}

/// How the stemmer changed the endings of the site's words, as (word ending, stem ending)
/// pairs, most frequent first: "fallgroparna" → "fallgrop" gives ("arna", ""). The client
/// applies them to a query word to guess its stem without a stemmer of its own.
#[derive(Default)]
pub struct EndingRules {
    counts: HashMap<(String, String), usize>,
}

impl EndingRules {
    /// Rules seen once are kept too: a site of a few pages sees each ending rarely.
    const MAX_RULES: usize = 300;

    pub fn observe(&mut self, word: &str, stem: &str) {
        let common = word.chars().zip(stem.chars()).take_while(|(a, b)| a == b).count();
        let tail = |s: &str| s.chars().skip(common).collect::<String>();
        let rule = (tail(word), tail(stem));
        if !rule.0.is_empty() {
            *self.counts.entry(rule).or_default() += 1;
        }
    }

    /// The rules, most frequent first (ties by ending, so the output is stable), then the
    /// language's own endings that the site did not show.
    pub fn into_sorted(self, language: &Language) -> Vec<(String, String)> {
        let mut rules: Vec<((String, String), usize)> = self.counts.into_iter().collect();
        rules.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut sorted: Vec<(String, String)> = rules.into_iter().take(Self::MAX_RULES).map(|(rule, _)| rule).collect();
        for (ending, replacement) in language.endings.rules() {
            let rule = (ending.to_string(), replacement.to_string());
            if !sorted.contains(&rule) {
                sorted.push(rule);
            }
        }
        sorted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(words: &[&str], language: &Language) -> HashSet<String> {
        words.iter().map(|w| language.stem(w)).collect()
    }

    #[test]
    fn swedish_word_forms_meet_in_one_stem() {
        let sv = Language::for_site("sv");
        for form in ["fallgrop", "fallgropar", "fallgroparna", "fallgropen"] {
            assert_eq!(sv.stem(form), "fallgrop", "{form}");
        }
        assert_eq!(sv.stem("jämställdhet"), sv.stem("jämställdheten"));
        assert_eq!(sv.stem("checklistor"), sv.stem("checklista"));
    }

    #[test]
    fn english_sites_stem_in_english() {
        let en = Language::for_site("en");
        assert_eq!(en.stem("pitfalls"), "pitfal");
        assert_eq!(en.stem("pitfall"), en.stem("pitfalls"));
        assert_eq!(en.stem("checklists"), "checklist");
        assert!(en.is_stopword("the") && !en.is_stopword("och"));
        assert!(Language::for_site("sv").is_stopword("och"));
    }

    #[test]
    fn folding_removes_swedish_diacritics_for_the_loose_match() {
        use crate::web::fold_accents;
        assert_eq!(fold_accents("jämställdhetsarbete"), "jamstalldhetsarbete");
        assert_eq!(fold_accents("våld"), "vald");
        assert_eq!(fold_accents("förändring"), "forandring");
        assert_eq!(fold_accents("idé"), "ide");
        // Folding applies to decomposed input too (NFD text from some editors).
        assert_eq!(fold_accents("a\u{308}r"), "ar");
        assert_eq!(fold_accents(&Language::for_site("sv").stem("jämställdhet")), "jamstalld");
    }

    #[test]
    fn only_words_of_two_to_forty_letters_are_indexed() {
        assert!(indexable("vab") && !indexable("a") && !indexable(&"x".repeat(41)));
    }

    #[test]
    fn compounds_split_into_parts_the_site_uses_on_their_own() {
        let sv = Language::for_site("sv");
        let vocabulary = stems(
            &["jämställdhet", "arbete", "checklista", "kort", "försörjning", "stöd", "handläggare", "fallgropar"],
            &sv,
        );
        let compounds = Compounds::new(&vocabulary);
        assert_eq!(compounds.tails("jämställdhetsarbete", &sv), ["arbete"]);
        assert_eq!(compounds.tails("jämställdhetsarbetet", &sv), ["arbetet"]);
        assert_eq!(compounds.tails("checklistekort", &sv), ["kort"]);
        let parts: Vec<String> =
            compounds.tails("försörjningsstödshandläggare", &sv).iter().map(|p| sv.stem(p)).collect();
        assert_eq!(parts, [sv.stem("handläggare"), sv.stem("stöd")]);
        assert!(compounds.tails("fallgropar", &sv).is_empty(), "no part 'gropar' on the site");
        assert!(compounds.tails("arbete", &sv).is_empty());
    }

    #[test]
    fn ending_rules_record_what_the_stemmer_removed() {
        let sv = Language::for_site("sv");
        let mut rules = EndingRules::default();
        for word in ["kvinnorna", "flickorna", "checklistorna", "fallgroparna", "barnen", "barn"] {
            rules.observe(word, &sv.stem(word));
        }
        let rules = rules.into_sorted(&sv);
        let rule = |ending: &str| (ending.to_string(), String::new());
        assert_eq!(rules[..3], [rule("orna"), rule("arna"), rule("en")], "seen three times, then once each");
        assert!(rules.contains(&("heterna".into(), String::new())), "Snowball's endings are added: {rules:?}");
        assert!(!rules.iter().any(|(ending, _)| ending.is_empty()), "unchanged words give no rule");
    }

    #[test]
    fn js_order_is_utf16_order() {
        use std::cmp::Ordering;
        assert_eq!(js_order("a", "b"), Ordering::Less);
        // U+FF21 sorts after U+1F600 by code point but before it in UTF-16.
        assert_eq!(js_order("\u{FF21}", "\u{1F600}"), Ordering::Greater);
        assert_eq!("\u{FF21}".cmp("\u{1F600}"), Ordering::Less);
    }
}
