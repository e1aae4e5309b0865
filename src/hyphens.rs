//! Soft hyphens in long words, from the hyphenation patterns of the page's language, so that
//! a narrow box breaks a word at a syllable with a hyphen rather than anywhere (Chromium has no
//! Swedish hyphenation dictionary, so CSS `hyphens: auto` does nothing for Swedish).

/// A word shorter than this fits any box the theme draws: it is left whole.
const LONG_WORD: usize = 10;

const SOFT_HYPHEN: char = '\u{ad}';

/// `html` with soft hyphens between the syllables of its long words, in text only (not in
/// tags, entities, `<code>` or `<pre>`). A language without patterns gets `html` back.
pub fn soft_hyphens(html: &str, language: &str) -> String {
    let lang = match language {
        "sv" => hypher::Lang::Swedish,
        "en" => hypher::Lang::English,
        _ => return html.to_string(),
    };
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    // Inside <code> or <pre>: text as written, never broken.
    let mut verbatim = 0usize;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[..end];
            let name = tag.trim_start_matches(['<', '/']).split([' ', '>', '/']).next().unwrap_or_default();
            if matches!(name, "code" | "pre" | "kbd" | "samp") {
                verbatim = if tag.starts_with("</") { verbatim.saturating_sub(1) } else { verbatim + 1 };
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
            if verbatim > 0 {
                out.push_str(text);
            } else {
                hyphenate_text(text, lang, &mut out);
            }
            rest = &rest[end..];
        }
    }
    out
}

/// Text with its long words hyphenated, into `out`.
fn hyphenate_text(text: &str, lang: hypher::Lang, out: &mut String) {
    let mut word_start: Option<usize> = None;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphabetic(), word_start) {
            (true, None) => word_start = Some(at),
            (false, Some(start)) => {
                let word = &text[start..at];
                if word.chars().count() >= LONG_WORD {
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
    }

    #[test]
    fn tags_entities_and_code_are_left_as_they_are() {
        let html = "<a href=\"jamstalldhetsintegrering.html\">jämställdhetsintegrering</a> &amp; <code>jämställdhetsintegrering</code>";
        let out = soft_hyphens(html, "sv");
        assert!(out.starts_with("<a href=\"jamstalldhetsintegrering.html\">jäm"), "{out}");
        assert!(out.contains('\u{ad}'));
        assert!(out.ends_with(" &amp; <code>jämställdhetsintegrering</code>"), "{out}");
        assert_eq!(soft_hyphens(html, "de"), html);
    }
}
