//! Soft hyphens in long words, from the hyphenation patterns of the page's language, so that
//! a narrow box breaks a word at a syllable with a hyphen rather than anywhere (Chromium has no
//! Swedish hyphenation dictionary, so CSS `hyphens: auto` does nothing for Swedish).

/// A word shorter than this fits any box the theme draws: it is left whole.
const LONG_WORD: usize = 10;

const SOFT_HYPHEN: char = '\u{ad}';

/// Elements whose text is written as it stands: code, and what is not text to read (a script's
/// data, a style sheet, a field's value).
const VERBATIM: &[&str] = &["code", "pre", "kbd", "samp", "script", "style", "textarea", "title"];

/// A text this short (a page's title, a heading) is remembered once hyphenated; see
/// [`soft_hyphens`].
const REMEMBERED_LEN: usize = 256;

/// How many texts a thread remembers before it starts again (a long `serve` session sees
/// ever new titles).
const REMEMBERED_TEXTS: usize = 50_000;

thread_local! {
    /// Short texts already hyphenated on this thread, by language and text.
    static REMEMBERED: std::cell::RefCell<std::collections::HashMap<(String, String), String>> =
        std::cell::RefCell::default();
}

/// `html` with soft hyphens between the syllables of its long words, in text only (not in
/// tags, entities, code, scripts or addresses). A language without patterns gets `html` back.
///
/// Fast path: a page's title is hyphenated on every page that lists it (the side list of its
/// section, the pager), which made the patterns the build's largest cost after the Markdown
/// (a quarter of the CPU on the 5,000-page corpus); short texts are remembered per thread, so
/// each is hyphenated once per thread rather than once per listing.
pub fn soft_hyphens(html: &str, language: &str) -> String {
    if html.len() > REMEMBERED_LEN {
        return hyphenate_html(html, language, None);
    }
    let key = (language.to_string(), html.to_string());
    if let Some(known) = REMEMBERED.with(|texts| texts.borrow().get(&key).cloned()) {
        return known;
    }
    let hyphenated = hyphenate_html(html, language, None);
    REMEMBERED.with(|texts| {
        let mut texts = texts.borrow_mut();
        if texts.len() >= REMEMBERED_TEXTS {
            texts.clear();
        }
        texts.insert(key, hyphenated.clone());
    });
    hyphenated
}

/// As [`soft_hyphens`], but only in the text of the elements named in `within` (`h2`, `td`…),
/// for a page's text, where headings and table cells are the narrow boxes and the running
/// text is left as written.
pub fn soft_hyphens_within(html: &str, language: &str, within: &[&str]) -> String {
    hyphenate_html(html, language, Some(within))
}

fn hyphenate_html(html: &str, language: &str, within: Option<&[&str]>) -> String {
    let lang = match language {
        "sv" => hypher::Lang::Swedish,
        "en" => hypher::Lang::English,
        _ => return html.to_string(),
    };
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    // How many verbatim elements, and how many of the `within` ones, the text stands in.
    let (mut verbatim, mut inside) = (0usize, 0usize);
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[..end];
            let name = tag.trim_start_matches(['<', '/']).split([' ', '>', '/', '\n']).next().unwrap_or_default();
            let step = |depth: usize| if tag.starts_with("</") { depth.saturating_sub(1) } else { depth + 1 };
            if VERBATIM.contains(&name) {
                verbatim = step(verbatim);
            }
            if within.is_some_and(|names| names.contains(&name)) {
                inside = step(inside);
            }
            out.push_str(tag);
            rest = &rest[end..];
        } else if rest.starts_with('&') {
            let end = rest.find(';').filter(|&i| i < 12).map_or(1, |i| i + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            let end = rest.find(['<', '&']).unwrap_or(rest.len());
            let text = &rest[..end];
            if verbatim > 0 || (within.is_some() && inside == 0) {
                out.push_str(text);
            } else {
                hyphenate_text(text, lang, &mut out);
            }
            rest = &rest[end..];
        }
    }
    out
}

/// Text with its long words hyphenated, into `out`; an address (`https://…`, `www.…`, an
/// e-mail) and a word that has soft hyphens already are left as they are.
fn hyphenate_text(text: &str, lang: hypher::Lang, out: &mut String) {
    for run in text.split_inclusive(char::is_whitespace) {
        if run.contains("://") || run.starts_with("www.") || run.contains('@') {
            out.push_str(run);
        } else {
            hyphenate_words(run, lang, out);
        }
    }
}

fn hyphenate_words(text: &str, lang: hypher::Lang, out: &mut String) {
    let mut word_start: Option<usize> = None;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphabetic() || c == SOFT_HYPHEN, word_start) {
            (true, None) => word_start = Some(at),
            (false, Some(start)) => {
                let word = &text[start..at];
                if word.chars().count() >= LONG_WORD && !word.contains(SOFT_HYPHEN) {
                    for (i, syllable) in hypher::hyphenate(word, lang).enumerate() {
                        if i > 0 {
                            out.push(SOFT_HYPHEN);
                        }
                        out.push_str(syllable);
                    }
                } else {
                    out.push_str(word);
                }
                word_start = None;
                if at < text.len() {
                    out.push(c);
                }
            }
            (false, None) if at < text.len() => out.push(c),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_get_soft_hyphens_at_syllables_and_short_ones_none() {
        let out = soft_hyphens("Grundkurs: utvecklingsarbetet i tid.", "sv");
        assert_eq!(out.replace(SOFT_HYPHEN, "-"), "Grundkurs: ut-veck-lings-ar-be-tet i tid.");
        assert_eq!(out.replace(SOFT_HYPHEN, ""), "Grundkurs: utvecklingsarbetet i tid.");
        assert_eq!(soft_hyphens(&out, "sv"), out, "hyphenated once");
    }

    #[test]
    fn tags_entities_code_scripts_and_addresses_are_left_as_they_are() {
        let html = "<a href=\"jamstalldhetsintegrering.html\">jämställdhetsintegrering</a> &amp; <code>jämställdhetsintegrering</code>";
        let out = soft_hyphens(html, "sv");
        assert!(out.starts_with("<a href=\"jamstalldhetsintegrering.html\">jäm"), "{out}");
        assert!(out.contains('\u{ad}'));
        assert!(out.ends_with(" &amp; <code>jämställdhetsintegrering</code>"), "{out}");
        assert_eq!(soft_hyphens(html, "de"), html);
        let whole = "<script type=\"application/json\">{\"t\": \"jämställdhetsintegrering\"}</script>\
                     <p>https://www.jamstall.nu/verktygslada/trappan/ www.jamstall.nu/verktygslada \
                     jamstalldhetsintegrering@example.se</p>";
        assert_eq!(soft_hyphens(whole, "sv"), whole);
    }

    #[test]
    fn within_names_the_elements_whose_text_is_hyphenated() {
        let html = "<h2 id=\"a\">Jämställdhetsintegrering</h2>\n<p>Jämställdhetsintegrering</p>\n<td>Verksamhetsplanering</td>";
        let out = soft_hyphens_within(html, "sv", &["h2", "td"]);
        let plain = out.replace(SOFT_HYPHEN, "-");
        assert!(plain.starts_with("<h2 id=\"a\">Jäm-"), "{plain}");
        assert!(plain.contains("<p>Jämställdhetsintegrering</p>"), "{plain}");
        assert!(plain.contains("<td>Verk-"), "{plain}");
    }
}
