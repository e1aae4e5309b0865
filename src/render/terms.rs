//! The first use of each glossary term on a page, marked in the body's HTML: a link to the
//! term's entry that `terms.js` turns into a button opening the definition in place. Only
//! the page's own text is read, never a component's (they are put in after), and nothing
//! inside a heading, link, code, button or label. `TERM{-}` leaves one use unmarked.

use std::collections::{HashMap, HashSet};

use crate::components::Term;
use crate::web::escape;

/// Written right after a term, this use is not marked (and the marker is not shown).
pub const NOT_THIS_ONE: &str = "{-}";

/// Endings a Swedish word takes after its stem (*ärendedragningen*, *ISU:s* is punctuation).
const ENDINGS: &[&str] = &["arna", "erna", "orna", "ens", "ets", "en", "et", "ar", "er", "or", "na", "n", "s"];

/// Elements whose text is never marked: a term there would break it or mean something else.
const UNMARKED: &[&str] =
    &["a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "button", "label", "sup", "kbd", "script"];

/// The glossary's words by their first letter (lowercase), longest first (so *könsuppdelad
/// statistik* wins over *statistik*): a word is held against the few that begin like it.
pub struct Terms<'a> {
    forms: HashMap<char, Vec<(&'a str, usize)>>,
    terms: &'a [Term],
    ids: Vec<String>,
}

impl<'a> Terms<'a> {
    pub fn new(terms: &'a [Term]) -> Self {
        let mut forms: HashMap<char, Vec<(&str, usize)>> = HashMap::new();
        for (n, term) in terms.iter().enumerate() {
            for form in term.forms() {
                if let Some(first) = form.chars().next().and_then(|c| c.to_lowercase().next()) {
                    forms.entry(first).or_default().push((form, n));
                }
            }
        }
        for list in forms.values_mut() {
            list.sort_by_key(|(form, _)| std::cmp::Reverse(form.len()));
        }
        Terms { forms, terms, ids: terms.iter().map(Term::id).collect() }
    }

    /// `html` with the first use of each term not in `used` marked, linking to `glossary_url`
    /// (the glossary page, relative to this page); adds the terms it marks to `used`.
    pub fn mark(&self, html: &str, glossary_url: &str, used: &mut HashSet<usize>) -> String {
        let mut out = String::with_capacity(html.len() + 256);
        let mut unmarked_depth = 0usize;
        let mut rest = html;
        while !rest.is_empty() {
            if rest.starts_with('<') {
                let end = rest.find('>').map_or(rest.len(), |i| i + 1);
                let tag = &rest[..end];
                if let Some(name) = element_name(tag)
                    && UNMARKED.contains(&name.trim_start_matches('/'))
                {
                    if name.starts_with('/') {
                        unmarked_depth = unmarked_depth.saturating_sub(1);
                    } else if !tag.ends_with("/>") {
                        unmarked_depth += 1;
                    }
                }
                out.push_str(tag);
                rest = &rest[end..];
                continue;
            }
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            if unmarked_depth == 0 && text.contains(|c: char| c.is_alphabetic()) {
                self.mark_text(text, glossary_url, used, &mut out);
            } else {
                out.push_str(text);
            }
            rest = &rest[end..];
        }
        out
    }

    fn mark_text(&self, text: &str, glossary_url: &str, used: &mut HashSet<usize>, out: &mut String) {
        let mut written = 0;
        let mut previous: Option<char> = None;
        for (at, c) in text.char_indices() {
            let starts_word = previous.is_none_or(|p| !p.is_alphanumeric()) && c.is_alphanumeric();
            previous = Some(c);
            if !starts_word || at < written {
                continue;
            }
            let Some((len, term)) = self.match_at(&text[at..]) else { continue };
            let after = &text[at + len..];
            if let Some(after_marker) = after.strip_prefix(NOT_THIS_ONE) {
                out.push_str(&text[written..at + len]);
                written = text.len() - after_marker.len();
                continue;
            }
            if !used.insert(term) {
                continue;
            }
            let t = &self.terms[term];
            out.push_str(&text[written..at]);
            out.push_str(&format!(
                "<a class=\"term\" href=\"{glossary_url}#{id}\" data-term=\"{}\" data-definition=\"{}\">{}</a>",
                escape(&t.term),
                escape(&t.definition),
                &text[at..at + len],
                id = self.ids[term],
            ));
            written = at + len;
        }
        out.push_str(&text[written..]);
    }

    /// The length of the term word that `text` starts with (with its ending), and its term.
    fn match_at(&self, text: &str) -> Option<(usize, usize)> {
        let first = text.chars().next()?.to_lowercase().next()?;
        self.forms.get(&first)?.iter().find_map(|&(form, term)| {
            let len = starts_with_form(text, form)?;
            let tail = &text[len..];
            let ending =
                ENDINGS.iter().find(|e| tail.starts_with(**e) && ends_word(&tail[e.len()..])).map_or(0, |e| e.len());
            (ending > 0 || ends_word(tail)).then_some((len + ending, term))
        })
    }
}

/// The length of `form` at the start of `text`, its first letter in either case (a term
/// opening a sentence), the rest as written.
fn starts_with_form(text: &str, form: &str) -> Option<usize> {
    let mut form_chars = form.chars();
    let first = form_chars.next()?;
    let mut text_chars = text.char_indices();
    let (_, t) = text_chars.next()?;
    if !t.to_lowercase().eq(first.to_lowercase()) {
        return None;
    }
    let rest = form_chars.as_str();
    let start = t.len_utf8();
    text[start..].starts_with(rest).then_some(start + rest.len())
}

fn ends_word(text: &str) -> bool {
    text.chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// `p` of `<p class="…">`, `/p` of `</p>`; `None` for a comment or doctype.
fn element_name(tag: &str) -> Option<&str> {
    let inner = tag.strip_prefix('<')?;
    let end = inner
        .find(|c: char| c.is_whitespace() || c == '>' || (c == '/' && !inner.starts_with('/')))
        .unwrap_or(inner.len());
    let name = &inner[..end];
    name.trim_start_matches('/').chars().next().filter(char::is_ascii_alphabetic).map(|_| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> Vec<Term> {
        serde_saphyr::from_str(
            "- {term: ISU, definition: Individbaserad systematisk uppföljning., synonyms: [individbaserad systematisk uppföljning]}\n\
             - {term: könsuppdelad statistik, definition: Statistik per kön.}\n\
             - {term: statistik, definition: Siffror.}\n\
             - {term: ärendedragning, definition: Att dra ett ärende.}\n",
        )
        .unwrap()
    }

    fn mark(html: &str) -> String {
        let terms = terms();
        Terms::new(&terms).mark(html, "../ordlista.html", &mut HashSet::new())
    }

    #[test]
    fn the_first_use_is_marked_and_links_to_the_entry() {
        let html = mark("<p>Vi använder ISU. ISU hjälper.</p>\n");
        assert_eq!(
            html,
            "<p>Vi använder <a class=\"term\" href=\"../ordlista.html#isu\" data-term=\"ISU\" data-definition=\"Individbaserad systematisk uppföljning.\">ISU</a>. ISU hjälper.</p>\n"
        );
    }

    #[test]
    fn the_longest_term_wins_and_endings_and_sentence_case_count() {
        let html = mark("<p>Könsuppdelad statistik först, sedan ärendedragningen och statistiken.</p>");
        assert!(html.contains(">Könsuppdelad statistik</a> först"), "{html}");
        assert!(html.contains(">ärendedragningen</a>"), "{html}");
        assert!(html.contains(">statistiken</a>"), "another term's first use: {html}");
        assert!(!mark("<p>ISUX och misu</p>").contains("<a"), "only whole words");
    }

    #[test]
    fn headings_links_code_and_opted_out_uses_are_left_alone() {
        let html =
            mark("<h2 id=\"isu\">ISU</h2>\n<p><a href=\"x.html\">ISU</a> <code>ISU</code> ISU{-} och sedan ISU.</p>");
        assert!(html.starts_with("<h2 id=\"isu\">ISU</h2>\n<p><a href=\"x.html\">ISU</a> <code>ISU</code> ISU och sedan <a class=\"term\""), "{html}");
        assert_eq!(html.matches("class=\"term\"").count(), 1, "{html}");
    }

    #[test]
    fn a_synonym_marks_its_term_once() {
        let html = mark("<p>Individbaserad systematisk uppföljning, alltså ISU.</p>");
        assert_eq!(html.matches("href=\"../ordlista.html#isu\"").count(), 1, "{html}");
        assert!(html.contains(">Individbaserad systematisk uppföljning</a>"), "{html}");
    }
}
