//! No word broken without a hyphen: on every page reached from the home page, on a laptop
//! (1366 px) and on a phone (320 px), a line that ends inside a word ends at a soft hyphen
//! (which the browser shows as a hyphen) or a real one; and the soft hyphens the build puts
//! into long words never reach the search index, an address or a tag's attributes.

use std::path::Path;

use crate::common::{browser, bundled_site, journey, run};

/// The words of the page that a line break cuts where it shows no hyphen, as "element: word
/// (line ends …)". Measured per word (`Range.getClientRects`): a word in more than one box is
/// measured per character, and where a character stands below the one before, a new line
/// began; the text before it on the line must end with a soft hyphen (a real one ends a
/// word).
const BROKEN_WORDS: &str = r#"
return document.fonts.ready.then(() => new Promise(laid => requestAnimationFrame(laid))).then(() => {
  const SOFT = '\u00ad', found = [], range = document.createRange();
  const boxes = (node, from, to) => { range.setStart(node, from); range.setEnd(node, to); return range.getClientRects(); };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, { acceptNode: n =>
    n.parentElement.closest('script, style, template, [hidden]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : '');
  for (let node; (node = walker.nextNode()); ) {
    const text = node.data;
    for (const m of text.matchAll(/[\p{L}\p{N}\u00ad]+/gu)) {
      const end = m.index + m[0].length;
      if (m[0].length < 2 || boxes(node, m.index, end).length < 2) continue;
      let last = null;
      for (let i = m.index; i < end; i++) {
        const box = boxes(node, i, i + 1)[0];
        if (!box || box.width === 0) continue;
        // Chromium gives the letter after a soft hyphen that ends a line a box on that line:
        // the hyphen may stand one letter before the first one below.
        if (last && box.top >= last.box.bottom - 1 && !text.slice(Math.max(m.index, last.at - 1), i).includes(SOFT)) {
          const where = node.parentElement;
          found.push(name(where.closest('[id]') || where) + ' > ' + name(where) + ': ' + m[0].replaceAll(SOFT, '') +
            ' (line ends "' + text.slice(m.index, i).replaceAll(SOFT, '') + '")');
        }
        last = { at: i, box };
      }
    }
  }
  return found;
});
"#;

/// The words broken without a hyphen on the open page.
pub fn broken_words(tab: &headless_chrome::Tab) -> Vec<String> {
    serde_json::from_value(run(tab, BROKEN_WORDS)).unwrap()
}

#[test]
fn no_word_is_broken_without_a_hyphen_on_a_laptop_or_a_phone() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    let site = journey::site_built_the_readme_way();
    let mut failures = Vec::new();
    // Each page loaded once, measured on the laptop's window, then on the phone's.
    journey::viewport(&tab, 1366, 900, false);
    let pages = journey::walk(&tab, site, |tab, page| {
        failures.extend(broken_words(tab).into_iter().map(|word| format!("1366 px, {page}: {word}")));
        journey::phone(tab, 320, 640);
        failures.extend(broken_words(tab).into_iter().map(|word| format!("320 px, {page}: {word}")));
        journey::viewport(tab, 1366, 900, false);
    });
    assert!(pages.len() > 30, "every page from home: {} pages", pages.len());
    assert!(failures.is_empty(), "{} words broken without a hyphen:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_measure_finds_a_word_broken_without_a_hyphen_and_passes_one_broken_with_one() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("narrow.html");
    std::fs::write(
        &page,
        "<!doctype html><html lang=\"sv\"><style>p { width: 5em; overflow-wrap: anywhere; }</style>\
         <p id=\"anywhere\">Jämställdhetsintegrering</p>\
         <p id=\"soft\">Jäm\u{ad}ställd\u{ad}hets\u{ad}in\u{ad}te\u{ad}gre\u{ad}ring</p>\
         <p id=\"real\">kvinno-och-mansfrid</p></html>",
    )
    .unwrap();
    tab.navigate_to(&crate::common::file_url(&page)).unwrap().wait_until_navigated().unwrap();
    let broken = broken_words(&tab);
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].starts_with("p#anywhere > p#anywhere: Jämställdhetsintegrering (line ends"), "{broken:?}");
}

#[test]
fn soft_hyphens_stay_out_of_the_search_index_addresses_and_code() {
    let site = bundled_site();
    let mut files = Vec::new();
    collect(site, &mut files);
    let hyphenated = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
        .any(|file| std::fs::read_to_string(file).unwrap().contains('\u{ad}'));
    assert!(hyphenated, "the build puts soft hyphens into long words");
    for file in &files {
        let rel = file.strip_prefix(site).unwrap().display().to_string();
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        if rel.starts_with("search") {
            assert!(!text.contains('\u{ad}'), "{rel}: the search index has a soft hyphen");
        } else if rel.ends_with(".html") {
            for (what, part) in parts(&text) {
                assert!(!part.contains('\u{ad}'), "{rel}: a soft hyphen in {what}: {part}");
            }
        }
    }
}

/// The parts of a page that are not text to read: each tag (its attributes, an address among
/// them), the title, code and preformatted text.
fn parts(html: &str) -> Vec<(&'static str, &str)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        found.push(("a tag", &rest[start..end]));
        rest = &rest[end..];
    }
    for (open, close, what) in
        [("<title>", "</title>", "the title"), ("<code", "</code>", "code"), ("<pre", "</pre>", "preformatted text")]
    {
        for piece in html.split(open).skip(1) {
            found.push((what, piece.split(close).next().unwrap_or_default()));
        }
    }
    found
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { collect(&path, files) } else { files.push(path) }
    }
}
