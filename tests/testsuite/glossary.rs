//! The glossary as the build makes it: a link to a term the glossary does not have is an
//! error at its line, a site has one glossary, and a term's first use is marked in a page's
//! own text only (not in a component, a heading or a link), unless the page or the use says no.

use crate::common::{HOME, bin, build, site, stderr};

const GLOSSARY: (&str, &str) = (
    "content/ordlista.md",
    "---\ntitle: Ordlista\n---\n\n```{glossary}\nterms:\n  - term: ISU\n    definition: Individbaserad systematisk uppföljning.\n    synonyms: [individbaserad systematisk uppföljning]\n    source: SKR\n  - term: RSS\n    definition: Regional stödstruktur.\n```\n",
);

fn check_fails(files: &[(&str, &str)]) -> String {
    let dir = site(files);
    let output = bin().args(["check", "--root"]).arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "the content has errors: {}", stderr(&output));
    stderr(&output)
}

#[test]
fn a_link_to_an_unknown_term_is_an_error_at_its_line() {
    let page = "---\ntitle: Sida\n---\n\nSe [ordlistan](ordlista.md#isu).\n\nOch [RSS](ordlista.md#rrs).\n";
    let err = check_fails(&[HOME, GLOSSARY, ("content/sida.md", page)]);
    assert!(err.contains("content/sida.md:7:") && err.contains("missing anchor `#rrs`"), "{err}");
    assert!(err.contains("did you mean `#rss`?"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "the known term is fine: {err}");
}

#[test]
fn a_second_glossary_is_an_error() {
    let second = ("content/fler.md", GLOSSARY.1);
    let err = check_fails(&[HOME, GLOSSARY, second]);
    assert!(err.contains("content/ordlista.md:5:") || err.contains("content/fler.md:5:"), "{err}");
    assert!(err.contains("the site already has a glossary"), "{err}");
}

#[test]
fn the_first_use_in_the_text_is_marked_unless_the_page_or_the_use_says_no() {
    let page = "---\ntitle: Sida\n---\n\n## ISU i rubriken\n\n```{callout}\nkind: tip\ntext: ISU i en ruta.\n```\n\n\
                [ISU](https://example.org/) i en länk, `ISU` som kod, ISU{-} utan markering, sedan ISU och ISU igen. RSS:s stöd.\n";
    let off = "---\ntitle: Utan\nglossary: false\n---\n\nISU och RSS.\n";
    let dir = site(&[HOME, GLOSSARY, ("content/sida.md", page), ("content/utan.md", off)]);
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let read = |rel: &str| std::fs::read_to_string(dir.path().join("public").join(rel)).unwrap();

    let html = read("sida.html");
    let marked: Vec<&str> = html.match_indices("<a class=\"term\"").map(|(at, _)| &html[at..at + 60]).collect();
    assert_eq!(marked.len(), 2, "ISU once, RSS once: {marked:?}");
    assert!(html.contains("ISU utan markering, sedan <a class=\"term\" href=\"ordlista.html#isu\""), "{html}");
    assert!(html.contains(">ISU</a> och ISU igen"), "only the first use: {html}");
    assert!(html.contains("<a class=\"term\" href=\"ordlista.html#rss\""), "{html}");
    assert!(html.contains("<p>ISU i en ruta.</p>") && html.contains("ISU i rubriken</h2>"), "{html}");
    assert!(!html.contains("{-}"), "the marker is not shown");
    assert!(html.contains("static/js/terms.js"), "the page loads the script");

    assert!(!read("utan.html").contains("class=\"term\""), "glossary: false");
    let glossary = read("ordlista.html");
    assert!(glossary.contains("<dt id=\"isu\">ISU</dt>") && glossary.contains("Källa: SKR"), "{glossary}");
    assert!(!glossary.contains("class=\"term\""), "the glossary marks nothing on itself");
}
