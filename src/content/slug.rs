//! Swedish-safe slugs for URLs and heading anchors: `Jämställd Ärendedragning!` →
//! `jamstalld-arendedragning`. Stable: the same text always gives the same slug.

use std::collections::{HashMap, HashSet};

/// Lowercases, folds å/ä/ö/é (and other Latin diacritics) to ASCII, and joins words with `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        if folded.is_empty() {
            pending_dash = !slug.is_empty();
            continue;
        }
        if pending_dash {
            slug.push('-');
            pending_dash = false;
        }
        slug.push_str(folded);
    }
    slug
}

/// ASCII for one lowercase character: the empty string for separators and punctuation.
fn fold(c: char) -> &'static str {
    const ASCII: [&str; 36] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l",
        "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    match c {
        '0'..='9' => ASCII[c as usize - '0' as usize],
        'a'..='z' => ASCII[10 + c as usize - 'a' as usize],
        'å' | 'ä' | 'à' | 'á' | 'â' | 'ã' => "a",
        'ö' | 'ø' | 'ò' | 'ó' | 'ô' | 'õ' => "o",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'ü' | 'ù' | 'ú' | 'û' => "u",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'æ' => "ae",
        'ç' => "c",
        'ñ' => "n",
        'ß' => "ss",
        _ => "",
    }
}

/// Hands out unique anchors within one page: a second "Tips" heading becomes `tips-2`, and
/// a generated id never takes one that is already on the page (a heading "Tips 2" before a
/// second "Tips" leaves that one `tips-3`).
#[derive(Default)]
pub struct AnchorSet {
    taken: HashSet<String>,
    /// The next suffix to try per base, so that many equal headings stay linear.
    next_suffix: HashMap<String, usize>,
}

impl AnchorSet {
    pub fn unique(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "avsnitt" } else { wanted };
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let suffix = self.next_suffix.entry(base.to_string()).or_insert(2);
        loop {
            let candidate = format!("{base}-{suffix}");
            *suffix += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// Records an id the author chose, so generated ones do not collide with it. Returns
    /// `false` when the page already has this id.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_fold() {
        assert_eq!(slugify("Jämställd Ärendedragning!"), "jamstalld-arendedragning");
        assert_eq!(slugify("Övningar & Fallgropar"), "ovningar-fallgropar");
        assert_eq!(slugify("  Café – 2025–2028 "), "cafe-2025-2028");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn anchors_are_unique_and_stable() {
        let mut set = AnchorSet::default();
        assert_eq!(set.unique("tips"), "tips");
        assert_eq!(set.unique("tips"), "tips-2");
        assert_eq!(set.unique(""), "avsnitt");
    }

    #[test]
    fn generated_anchors_never_take_an_id_already_on_the_page() {
        let mut set = AnchorSet::default();
        assert_eq!(set.unique("tips-2"), "tips-2", "a heading \"Tips 2\"");
        assert_eq!(set.unique("tips"), "tips");
        assert_eq!(set.unique("tips"), "tips-3", "the second \"Tips\" skips the taken tips-2");
        assert!(set.reserve("egen"));
        assert_eq!(set.unique("egen"), "egen-2");
        assert!(!set.reserve("tips"), "an explicit id that is taken is reported");
    }
}
