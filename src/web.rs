//! Small text helpers every layer shares (HTML escaping and unescaping, URL decoding and relative roots,
//! accent folding, finding a YAML key's line); it depends on nothing of trappa's own.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Undoes HTML escaping: named entities and numeric ones (templates escape `/` as `&#x2f;`);
/// an `&` that starts no entity stays as it is.
pub fn unescape(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether a link destination leads out of the site (`https:`, `mailto:`, `//host`).
pub fn is_external(dest: &str) -> bool {
    let scheme_end = dest.find(':');
    let slash = dest.find('/').unwrap_or(usize::MAX);
    dest.starts_with("//")
        || scheme_end.is_some_and(|i| i < slash && dest[..i].chars().all(|c| c.is_ascii_alphanumeric() || c == '+'))
}

/// Decodes `%XX` escapes; malformed escapes stay as written, invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = s.get(i + 1..i + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) if bytes[i] == b'%' => {
                out.push(byte);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The prefix that leads from a page's folder back to the output root (`../../`).
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// `url` (relative to the output root) as seen from a page whose way back is `root`; a link
/// out of the site stays as it is.
pub fn from_root(root: &str, url: &str) -> String {
    if is_external(url) { url.to_string() } else { format!("{root}{url}") }
}

/// The output path of `file` in the folder of the page at `url`: a page of its own that lies
/// beside its page (a path's summary, a plan's guide) keeps that page's relative links.
/// The words of HTML that trappa wrote (a view's, a template's): tags out, entities read by
/// [`unescape`]; the line break written after a paragraph stays.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    unescape(&out).trim().to_string()
}

pub fn beside(url: &str, file: &str) -> String {
    match url.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/{file}"),
        None => file.to_string(),
    }
}

/// HTML written for the page at `from` as it must read on the page at `to`: each relative
/// `href` and `src` (the only attributes the site's own markup links by) is resolved from
/// `from`'s folder and written from `to`'s. A component of an exercise shown in a plan's guide
/// is written once, for its own page.
pub fn rebase_links(html: &str, from: &str, to: &str) -> String {
    let folder = |url: &str| url.rsplit_once('/').map_or("", |(f, _)| f).to_string();
    let from_folder = folder(from);
    if from_folder == folder(to) {
        return html.to_string();
    }
    let prefix = root_prefix(to);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = [" href=\"", " src=\""].iter().filter_map(|a| rest.find(a).map(|i| i + a.len())).min() {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('"').unwrap_or(rest.len());
        let dest = &rest[..end];
        if is_external(dest) || dest.starts_with('/') || dest.is_empty() {
            out.push_str(dest);
        } else {
            let mut path: Vec<&str> = from_folder.split('/').filter(|s| !s.is_empty()).collect();
            let (file, anchor) = match dest.split_once('#') {
                Some(("", anchor)) => (file_name(from), Some(anchor)),
                Some((file, anchor)) => (file, Some(anchor)),
                None => (dest, None),
            };
            for segment in file.split('/') {
                match segment {
                    ".." => {
                        path.pop();
                    }
                    "." | "" => {}
                    s => path.push(s),
                }
            }
            out.push_str(&prefix);
            out.push_str(&path.join("/"));
            if let Some(anchor) = anchor {
                out.push('#');
                out.push_str(anchor);
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A count in parentheses at the end of `text`: `"Gör så här. (5 minuter)"` → (`Gör så här.`,
/// 5, `["minuter"]`), the words after the number as written (an exercise's step minutes, a
/// material's count per participant).
pub fn trailing_count(text: &str) -> Option<(String, u32, Vec<&str>)> {
    let inner = text.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let mut words = inner[open + 1..].split_whitespace();
    let count = words.next()?.parse().ok()?;
    Some((inner[..open].trim_end().to_string(), count, words.collect()))
}

/// The file name of an output path (`kom-igang/for-utbildare.html` → `for-utbildare.html`):
/// how a page beside it links there.
pub fn file_name(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}

/// Text without its accents: `jämställdhet` → `jamstalldhet`, also for decomposed input.
/// The one fold of the site: slugs build on it, the search index folds by it, and the search
/// script folds a query the same way (`normalize('NFD')` without marks).
pub fn fold_accents(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The 1-based line of `text` (YAML) on which top-level `key:` is written.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|l| l.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':'))).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_written_for_one_page_are_rewritten_for_another() {
        let html = r##"<p><a href="../content/a.html#x">a</a> <a href="b.html">b</a> <a href="#top">t</a> <a href="https://x.se/">x</a> <img src="../bild.png" alt=""></p>"##;
        assert_eq!(
            rebase_links(html, "ovningar/ovning.html", "kom-igang/plan/dag.html"),
            r##"<p><a href="../../content/a.html#x">a</a> <a href="../../ovningar/b.html">b</a> <a href="../../ovningar/ovning.html#top">t</a> <a href="https://x.se/">x</a> <img src="../../bild.png" alt=""></p>"##
        );
        assert_eq!(rebase_links(html, "ovningar/a.html", "ovningar/b.html"), html, "the same folder: as written");
    }

    #[test]
    fn a_page_of_its_own_lies_beside_its_page() {
        assert_eq!(
            beside("kom-igang/for-nyanstallda.html", "sammanfattning-ny.html"),
            "kom-igang/sammanfattning-ny.html"
        );
        assert_eq!(beside("index.html", "summary-new.html"), "summary-new.html");
    }

    #[test]
    fn escapes_what_html_needs() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn external_links_have_a_scheme_or_two_slashes() {
        assert!(is_external("https://a.se") && is_external("mailto:a@b.se") && is_external("//cdn"));
        assert!(!is_external("../a.md") && !is_external("a/b:c.md") && !is_external("#x"));
        assert_eq!(from_root("../", "a/b.html"), "../a/b.html");
        assert_eq!(from_root("../", "https://a.se"), "https://a.se");
    }

    #[test]
    fn percent_decoding_keeps_what_it_cannot_read() {
        assert_eq!(percent_decode("a%20b%C3%A4"), "a bä");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(root_prefix("a/b/c.html"), "../../");
    }

    #[test]
    fn accents_fold_in_both_forms() {
        assert_eq!(fold_accents("jämställdhet idé"), "jamstalldhet ide");
        assert_eq!(fold_accents("a\u{308}r"), "ar");
    }

    #[test]
    fn html_is_read_as_its_words() {
        assert_eq!(plain_text("<p>Kön &amp; <em>ålder</em></p>\n<p>&quot;Två&quot;</p>\n"), "Kön & ålder\n\"Två\"");
        assert_eq!(plain_text("Bara text"), "Bara text");
    }

    #[test]
    fn key_lines_are_found_at_the_start_of_a_line() {
        assert_eq!(key_line("a: 1\ntitle : x\n  title: y\n", "title"), Some(2));
        assert_eq!(key_line("titles: x\n", "title"), None);
    }
}
