//! Swedish-safe slugs for URLs and heading anchors: `Jämställd Ärendedragning!` →
//! `jamstalld-arendedragning`. Stable: the same text always gives the same slug. A heading
//! is also known by the anchors GitHub and GitLab give it, so links copied from there work.

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

/// GitHub's anchor of a heading (github-slugger): lowercased, letters of any script, digits,
/// `-` and `_` kept, each space a `-`, everything else dropped: `Brist på tid` →
/// `brist-på-tid`, ``Class: `zlib.InflateRaw` `` → `class-zlibinflateraw`.
pub fn github_slug(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// GitLab's anchor of a heading: GitHub's, with each run of `-` made one (`a - b` → `a-b`,
/// where GitHub writes `a---b`).
pub fn gitlab_slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in github_slug(text).chars() {
        if !(c == '-' && slug.ends_with('-')) {
            slug.push(c);
        }
    }
    slug
}

/// Hands out unique anchors within one page, numbering repeats as GitHub and GitLab do: a
/// second "Tips" heading becomes `tips-1`, a third `tips-2`, and a generated id never takes
/// one that is already on the page (a heading "Tips 1" before a second "Tips" leaves that
/// one `tips-2`). Numbered alike, the three spellings of a repeated heading agree.
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
        let suffix = self.next_suffix.entry(base.to_string()).or_insert(1);
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

/// Where a link's `#anchor` leads on its page.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Anchor {
    /// The heading that is the page's title, which no element has: the top of the page.
    Top,
    /// The heading (or component) with this id.
    Id(String),
}

/// The id `anchor` names on a page whose other spellings are `aliases`: itself unless it is
/// one of them; `None` for the top of the page.
pub fn id_named<'a>(aliases: &'a HashMap<String, Anchor>, anchor: &'a str) -> Option<&'a str> {
    match aliases.get(anchor) {
        Some(Anchor::Top) => None,
        Some(Anchor::Id(id)) => Some(id),
        None => Some(anchor),
    }
}

/// The anchors of one page as it is read, heading by heading: the one id each heading gets
/// in the output (trappa's slug, or the author's `{#id}`), and the other spellings a link
/// may use for it (GitHub's and GitLab's).
#[derive(Default)]
pub struct PageAnchors {
    ids: AnchorSet,
    github: AnchorSet,
    gitlab: AnchorSet,
    /// (spelling, where it leads) in the order found, GitHub's before GitLab's of each heading.
    spellings: Vec<(String, Anchor, Spelling)>,
    /// trappa's id of the title heading, which no element has: a spelling, not an id.
    title: Option<String>,
}

/// Whose spelling of a heading a link uses; the earlier wins when two headings share one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Spelling {
    GitHub,
    GitLab,
}

impl PageAnchors {
    /// The id of the next heading: the author's own `{#id}`, or a slug of its text not taken
    /// yet; and `false` when the author's id is already on the page. Every heading, one with
    /// its own id too, is also reached by GitHub's and GitLab's spelling of its text.
    pub fn heading(&mut self, own: Option<&str>, text: &str) -> (String, bool) {
        let (id, free) = match own {
            Some(own) => (own.to_string(), self.ids.reserve(own)),
            None => (self.ids.unique(&slugify(text)), true),
        };
        self.spellings.push((self.github.unique(&github_slug(text)), Anchor::Id(id.clone()), Spelling::GitHub));
        self.spellings.push((self.gitlab.unique(&gitlab_slug(text)), Anchor::Id(id.clone()), Spelling::GitLab));
        (id, free)
    }

    /// The heading that is the page's title, shown by the template rather than in the body:
    /// every spelling of it, trappa's too, leads to the top of the page. It counts in the
    /// numbering of repeated headings, as on GitHub.
    pub fn title(&mut self, text: &str) {
        let (id, _) = self.heading(None, text);
        let own = Anchor::Id(id.clone());
        for (_, to, _) in self.spellings.iter_mut().filter(|(_, to, _)| *to == own) {
            *to = Anchor::Top;
        }
        self.spellings.push((id.clone(), Anchor::Top, Spelling::GitHub));
        self.title = Some(id);
    }

    /// Records a component's id; `false` when the page already has it.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.ids.reserve(id)
    }

    /// The other spellings → where they lead. An id on the page always means itself; a
    /// spelling two headings share means the heading GitHub gives it, else the first.
    pub fn aliases(&self) -> HashMap<String, Anchor> {
        let mut spellings: Vec<&(String, Anchor, Spelling)> = self.spellings.iter().collect();
        spellings.sort_by_key(|(_, _, by)| *by);
        let mut aliases = HashMap::new();
        for (spelling, to, _) in spellings {
            let an_id = self.ids.taken.contains(spelling) && self.title.as_ref() != Some(spelling);
            if !matches!(to, Anchor::Id(id) if id == spelling) && !an_id {
                aliases.entry(spelling.clone()).or_insert_with(|| to.clone());
            }
        }
        aliases
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
        assert_eq!(set.unique("tips"), "tips-1");
        assert_eq!(set.unique("tips"), "tips-2");
        assert_eq!(set.unique(""), "avsnitt");
    }

    #[test]
    fn generated_anchors_never_take_an_id_already_on_the_page() {
        let mut set = AnchorSet::default();
        assert_eq!(set.unique("tips-1"), "tips-1", "a heading \"Tips 1\"");
        assert_eq!(set.unique("tips"), "tips");
        assert_eq!(set.unique("tips"), "tips-2", "the second \"Tips\" skips the taken tips-1, as GitHub does");
        assert_eq!(set.unique("tips-2"), "tips-2-1", "a heading \"Tips 2\" after them");
        assert!(set.reserve("egen"));
        assert_eq!(set.unique("egen"), "egen-1");
        assert!(!set.reserve("tips"), "an explicit id that is taken is reported");
    }

    #[test]
    fn github_and_gitlab_spell_headings_their_way() {
        for (text, github, gitlab) in [
            ("Getting started", "getting-started", "getting-started"),
            ("Brist på tid", "brist-på-tid", "brist-på-tid"),
            ("Ärende & Åtgärd", "ärende--åtgärd", "ärende-åtgärd"),
            ("Class: zlib.InflateRaw", "class-zlibinflateraw", "class-zlibinflateraw"),
            ("What's new? (2025)", "whats-new-2025", "whats-new-2025"),
            ("a - b", "a---b", "a-b"),
            ("snake_case and kebab-case", "snake_case-and-kebab-case", "snake_case-and-kebab-case"),
            ("Ω and ß", "ω-and-ß", "ω-and-ß"),
        ] {
            assert_eq!((github_slug(text), gitlab_slug(text)), (github.to_string(), gitlab.to_string()), "{text}");
        }
    }

    #[test]
    fn every_spelling_of_a_heading_leads_to_its_one_id() {
        let mut page = PageAnchors::default();
        assert_eq!(page.heading(None, "Tips"), ("tips".to_string(), true));
        assert_eq!(page.heading(None, "Tips"), ("tips-1".to_string(), true), "numbered as GitHub numbers it");
        assert_eq!(page.heading(None, "Brist på tid"), ("brist-pa-tid".to_string(), true));
        assert_eq!(page.heading(None, "Brist på tid"), ("brist-pa-tid-1".to_string(), true));
        assert_eq!(page.heading(None, "Class: `zlib.InflateRaw`"), ("class-zlib-inflateraw".to_string(), true));
        assert_eq!(page.heading(Some("egen"), "Med eget id"), ("egen".to_string(), true));
        assert!(page.reserve("formular"));
        assert_eq!(page.heading(Some("formular"), "Igen"), ("formular".to_string(), false));
        let aliases = page.aliases();
        assert_eq!(aliases.get("brist-på-tid"), Some(&Anchor::Id("brist-pa-tid".into())));
        assert_eq!(aliases.get("brist-på-tid-1"), Some(&Anchor::Id("brist-pa-tid-1".into())));
        assert_eq!(aliases.get("class-zlibinflateraw"), Some(&Anchor::Id("class-zlib-inflateraw".into())));
        assert_eq!(aliases.get("med-eget-id"), Some(&Anchor::Id("egen".into())));
        assert!(!aliases.contains_key("tips") && !aliases.contains_key("egen"), "ids are not aliases: {aliases:?}");
    }

    #[test]
    fn the_title_heading_leads_to_the_top_and_is_counted() {
        let mut page = PageAnchors::default();
        page.title("Översikt");
        assert_eq!(page.heading(None, "Översikt"), ("oversikt-1".to_string(), true), "GitHub numbers it `översikt-1`");
        let aliases = page.aliases();
        assert_eq!(aliases.get("oversikt"), Some(&Anchor::Top));
        assert_eq!(aliases.get("översikt"), Some(&Anchor::Top));
        assert_eq!(aliases.get("översikt-1"), Some(&Anchor::Id("oversikt-1".into())));
    }
}
