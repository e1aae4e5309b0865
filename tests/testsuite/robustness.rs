//! Bad input never panics or hangs and always gets a clear message: a table of awkward
//! files run through the real binary, and property tests over front matter, components and
//! Markdown run in-process.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{HOME, build, site, stderr};
use proptest::prelude::*;

/// What a build of a bad input must do.
enum Expect {
    /// Builds, and this output file exists.
    Builds(&'static str),
    /// Fails (exit 1) with this text in the message, at this `path:line`.
    Fails(&'static str, &'static str),
}

/// (name, files as (path, bytes), expected outcome)
type Case = (&'static str, Vec<(&'static str, Vec<u8>)>, Expect);

fn check(name: &str, dir: &Path, expect: Expect) {
    let started = Instant::now();
    let output = build(dir);
    let err = stderr(&output);
    assert!(started.elapsed() < Duration::from_secs(20), "{name}: took {:?}", started.elapsed());
    assert!(!err.contains("panicked"), "{name}: panicked: {err}");
    match expect {
        Expect::Builds(file) => {
            assert!(output.status.success(), "{name}: should build: {err}");
            assert!(dir.join("public").join(file).is_file(), "{name}: {file} is written");
        }
        Expect::Fails(location, message) => {
            assert_eq!(output.status.code(), Some(1), "{name}: exit code: {err}");
            assert!(
                err.contains(location) && err.contains(message),
                "{name}: expected `{location}` … `{message}` in:\n{err}"
            );
            assert!(err.contains("hint:"), "{name}: a hint says how to fix it:\n{err}");
        }
    }
}

#[test]
fn table_of_bad_inputs() {
    let long_line = format!("---\ntitle: Lång rad\n---\n{}\n", "ord ".repeat(250_000));
    // A heading every 220 paragraphs: 380 headings, under the limit of 2,000 a page.
    let big_page = format!(
        "---\ntitle: Stor\n---\n{}",
        format!("## Rubrik\n\n{}", "Ett stycke med lite text i. [Länk](#rubrik)\n\n".repeat(220)).repeat(380)
    );
    assert!(big_page.len() > 3_800_000, "near the 4 MB cap");
    let cases: Vec<Case> = vec![
        ("empty file", vec![("content/a.md", b"".to_vec())], Expect::Fails("content/a.md:1:1", "the file is empty")),
        (
            "binary file",
            vec![("content/a.md", vec![0x89, b'P', b'N', b'G', 0, 0, 1, 2])],
            Expect::Fails("content/a.md:1:1", "not a text file"),
        ),
        (
            "invalid UTF-8",
            vec![("content/a.md", b"---\ntitle: A\n---\n\xff\xfe\n".to_vec())],
            Expect::Fails("content/a.md:4:1", "not valid UTF-8"),
        ),
        (
            "byte order mark",
            vec![("content/a.md", "\u{feff}---\ntitle: A\n---\nText\n".into())],
            Expect::Builds("a.html"),
        ),
        (
            "CRLF line ends",
            vec![("content/a.md", b"---\r\ntitle: A\r\n---\r\n[x](#a)\r\n\r\n## A\r\n".to_vec())],
            Expect::Builds("a.html"),
        ),
        (
            "tab in YAML",
            vec![("content/a.md", b"---\ntitle: A\n\ttags: [x]\n---\n".to_vec())],
            Expect::Fails("content/a.md:", "tab"),
        ),
        (
            "duplicate slugs",
            vec![
                ("content/Övning.md", b"---\ntitle: A\n---\n".to_vec()),
                ("content/ovning.md", b"---\ntitle: B\n---\n".to_vec()),
            ],
            Expect::Fails(".md:1:1", "same web address `ovning.html`"),
        ),
        (
            "file and folder with the same slug",
            vec![
                ("content/trappan.md", b"---\ntitle: Sida\n---\n".to_vec()),
                ("content/trappan/_index.md", b"---\ntitle: Avsnitt\n---\n".to_vec()),
            ],
            Expect::Builds("trappan/index.html"),
        ),
        ("very long line", vec![("content/a.md", long_line.into_bytes())], Expect::Builds("a.html")),
        ("page near the size cap", vec![("content/a.md", big_page.into_bytes())], Expect::Builds("a.html")),
        (
            "unclosed front matter",
            vec![("content/a.md", b"---\ntitle: A\n".to_vec())],
            Expect::Fails("content/a.md:1:1", "not closed"),
        ),
        (
            "unclosed component",
            vec![("content/a.md", b"---\ntitle: A\n---\n```{checklist}\nitems:\n".to_vec())],
            Expect::Fails("content/a.md:5:", "invalid YAML"),
        ),
        (
            "component with wrong type",
            vec![("content/a.md", b"---\ntitle: A\n---\n```{card}\nid: [1]\n```\n".to_vec())],
            Expect::Fails("content/a.md:5:5", "invalid YAML: expected string scalar"),
        ),
        (
            "YAML bomb",
            vec![("content/a.md", yaml_bomb().into_bytes())],
            Expect::Fails("content/a.md:", "the YAML is larger or deeper than trappa reads: budget breached"),
        ),
    ];
    let total = cases.len() + 2;
    for (name, files, expect) in cases {
        let dir = site(&[HOME]);
        for (rel, bytes) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        check(name, dir.path(), expect);
    }

    let dir = site(&[HOME]);
    std::fs::create_dir_all(dir.path().join("content/a")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("content/a/loop")).unwrap();
    check("symlink loop", dir.path(), Expect::Fails("content/a/loop", "loop"));

    let dir = site(&[HOME]);
    std::os::unix::fs::symlink(dir.path().join("missing.md"), dir.path().join("content/a.md")).unwrap();
    check("unreadable file", dir.path(), Expect::Fails("content/a.md:1:1", "cannot read"));
    eprintln!("{total} bad inputs tried");
}

/// Exponential alias expansion ("billion laughs"); the YAML parser's budget must stop it.
fn yaml_bomb() -> String {
    let mut yaml = String::from("---\ntitle: A\nextra:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = i - 1;
        yaml.push_str(&format!("  a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    yaml.push_str("---\n");
    yaml
}

fn render_markdown(body: &str) -> trappa::markdown::ParsedPage {
    use trappa::content::{Content, FrontMatter, Page, PageKind, Section};
    let mut content = Content::default();
    let home = content.pages.push(Page {
        source: "content/_index.md".into(),
        kind: PageKind::Home,
        front: FrontMatter { title: "T".into(), ..FrontMatter::default() },
        url: "index.html".into(),
        section: Content::ROOT,
        body_line: 4,
        markdown_bytes: body.len(),
    });
    content.sections.push(Section {
        dir: "content".into(),
        index_page: home,
        pages: vec![],
        subsections: vec![],
        parent: None,
    });
    let options = trappa::markdown::MarkdownOptions {
        raw_html: false,
        strings: trappa::i18n::strings("sv"),
        broken_links: trappa::diagnostics::Severity::Error,
    };
    trappa::markdown::render_page(
        &content,
        home,
        options,
        &trappa::markdown::AnchorTables::new(vec![body.into()].into()),
    )
}

/// Text made of the characters that matter to YAML and Markdown, so random inputs hit
/// the parsers' interesting paths rather than plain prose.
fn awkward_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\n".to_string()),
            Just("---\n".to_string()),
            Just("```{checklist}\n".to_string()),
            Just("```{form}\n".to_string()),
            Just("```\n".to_string()),
            Just("items:\n  - text: x\n".to_string()),
            Just("[l](x.md#a)".to_string()),
            Just("## Rubrik {#id}\n".to_string()),
            Just("\t".to_string()),
            Just(": ".to_string()),
            Just("- ".to_string()),
            Just("&a *a ".to_string()),
            Just("<script>".to_string()),
            Just("| a | b |\n|---|---|\n".to_string()),
            Just("[^1]\n\n[^1]: fot\n".to_string()),
            "[a-zåäöA-Z0-9 ]{0,12}".prop_map(|s| s),
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_never_panics(yaml in awkward_text(), exercise in any::<bool>()) {
        let path = Path::new("content/a.md");
        let text = format!("---\n{yaml}\n---\nbody");
        if let Ok(split) = trappa::content::frontmatter::split(path, &text) {
            let _ = trappa::content::frontmatter::parse(path, split.yaml.unwrap_or_default(), exercise);
        }
        // Without front matter, the whole text is a body whose first `# heading` is the title.
        if let Ok(split) = trappa::content::frontmatter::split(path, &yaml) {
            let front = trappa::content::frontmatter::without(split.body, "a".into());
            prop_assert!(!front.title.is_empty());
        }
    }

    #[test]
    fn components_never_panic(yaml in awkward_text(), name in prop_oneof![Just("checklist"), Just("staircase"), Just("card"), Just("form"), Just("callout"), Just("timeline"), Just("nope")]) {
        let body = format!("Text\n\n```{{{name}}}\n{yaml}\n```\n");
        let started = Instant::now();
        let rendered = render_markdown(&body);
        prop_assert!(started.elapsed() < Duration::from_secs(2));
        for d in &rendered.diagnostics {
            prop_assert!(d.line >= 4, "diagnostics point into the file: {d}");
        }
    }

    #[test]
    fn markdown_never_panics_and_escapes_raw_html(body in awkward_text()) {
        let started = Instant::now();
        let rendered = render_markdown(&body);
        prop_assert!(started.elapsed() < Duration::from_secs(2));
        // The body's HTML around its components (before, an empty body's HTML was checked).
        prop_assert!(!rendered.parts.concat().contains("<script>"), "raw HTML is escaped by default");
    }
}
