//! Glossary: the site's terms, each with a short definition, an optional longer text,
//! synonyms and a source. The glossary page lists them alphabetically, each with its anchor;
//! the render stage marks a term's first use on every other page (see `render::terms`).

use serde::{Deserialize, Serialize};

use super::Markup;
use crate::content::slug::slugify;
use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub title: Option<String>,
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    /// One or two sentences of plain text: shown in place on every page that uses the term.
    pub definition: String,
    /// More about the term, on the glossary page only (Markdown).
    pub text: Option<String>,
    /// Other words for the same thing; their first use is marked too.
    #[serde(default)]
    pub synonyms: Vec<String>,
    pub source: Option<String>,
}

/// What `components/glossary.html` gets (as `c`): the terms in alphabetical order.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryView {
    pub title_html: Option<String>,
    pub terms: Vec<TermView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub id: String,
    pub term_html: String,
    pub definition_html: String,
    pub text_html: Option<String>,
    pub synonyms_html: Vec<String>,
    pub source_html: Option<String>,
}

impl Term {
    /// The anchor of the term on the glossary page.
    pub fn id(&self) -> String {
        slugify(&self.term)
    }

    /// The words whose first use on a page is marked: the term and its synonyms.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.synonyms.iter().map(String::as_str))
    }
}

impl Glossary {
    pub fn view(&self, markup: &mut dyn Markup) -> Result<GlossaryView, Diagnostic> {
        let mut seen: Vec<(String, &str)> = Vec::new();
        for term in &self.terms {
            for form in term.forms() {
                if form.trim().chars().count() < 2 {
                    return Err(markup.diagnostic(
                        form,
                        format!("the term `{}` has a word too short to mark: `{form}`", term.term),
                        "a term or synonym has at least two letters",
                    ));
                }
                let key = form.to_lowercase();
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                    return Err(markup.diagnostic(
                        form,
                        format!("`{form}` is already a word of the term `{first}`"),
                        "a word belongs to one term: its first use on a page explains that term",
                    ));
                }
                seen.push((key, &term.term));
            }
        }
        let mut terms: Vec<&Term> = self.terms.iter().collect();
        terms.sort_by_cached_key(|t| sort_key(&t.term));
        Ok(GlossaryView {
            title_html: self.title.as_deref().map(|t| markup.inline(t)),
            // Through the Markdown stage, so that search finds the terms and their synonyms.
            terms: terms
                .into_iter()
                .map(|t| TermView {
                    id: t.id(),
                    term_html: markup.inline(&t.term),
                    definition_html: markup.inline(&t.definition),
                    text_html: t.text.as_deref().map(|text| markup.block(text)),
                    synonyms_html: t.synonyms.iter().map(|s| markup.inline(s)).collect(),
                    source_html: t.source.as_deref().map(|s| markup.inline(s)),
                })
                .collect(),
        })
    }
}

/// Swedish alphabetical order: å, ä and ö after z, other accents as their letter.
fn sort_key(term: &str) -> Vec<(u8, char)> {
    term.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => (2, c),
            'ä' | 'æ' => (3, c),
            'ö' | 'ø' => (4, c),
            _ => (1, crate::web::fold_accents(&c.to_string()).chars().next().unwrap_or(c)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_support::plain;

    fn glossary(yaml: &str) -> Glossary {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn terms_sort_in_swedish_order_with_their_anchors() {
        let view = glossary(
            "terms:\n  - {term: Överenskommelse, definition: Ö}\n  - {term: ärendedragning, definition: Ä}\n  - {term: ISU, definition: I, synonyms: [individbaserad systematisk uppföljning], source: SKR}\n  - {term: Zon, definition: Z}\n",
        )
        .view(&mut plain())
        .unwrap();
        let order: Vec<(&str, &str)> = view.terms.iter().map(|t| (t.term_html.as_str(), t.id.as_str())).collect();
        assert_eq!(
            order,
            [
                ("ISU", "isu"),
                ("Zon", "zon"),
                ("ärendedragning", "arendedragning"),
                ("Överenskommelse", "overenskommelse")
            ]
        );
        assert_eq!(view.terms[0].source_html.as_deref(), Some("SKR"));
    }

    #[test]
    fn a_word_of_two_terms_is_an_error() {
        let err =
            glossary("terms:\n  - {term: RSS, definition: A}\n  - {term: Stöd, definition: B, synonyms: [rss]}\n")
                .view(&mut plain())
                .unwrap_err();
        assert!(err.message.contains("`rss` is already a word of the term `RSS`"), "{}", err.message);
    }
}
