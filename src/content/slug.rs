//! Swedish-safe slugs for URLs and heading anchors: `Jämställd Ärendedragning!` →
//! `jamstalld-arendedragning`. Stable: the same text always gives the same slug.

use std::collections::{HashMap, HashSet};

use crate::web::fold_accents;

/// Lowercases, folds å/ä/ö/é (and other Latin diacritics) to ASCII, and joins words with `-`.
pub fn slugify(text: &str) -> String {
    let lower: String = text.chars().flat_map(char::to_lowercase).collect();
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in fold_accents(&lower).chars() {
        let ascii = match c {
            'a'..='z' | '0'..='9' => Some(c),
            _ => None,
        };
        // The letters that are no letter with a mark, so the fold leaves them as they are.
        let spelled = match c {
            'ø' => "o",
            'æ' => "ae",
            'ß' => "ss",
            _ => "",
        };
        if ascii.is_none() && spelled.is_empty() {
            pending_dash = !slug.is_empty();
            continue;
        }
        if pending_dash {
            slug.push('-');
            pending_dash = false;
        }
        match ascii {
            Some(c) => slug.push(c),
            None => slug.push_str(spelled),
        }
    }
    slug
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
