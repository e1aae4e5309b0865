//! Markdown from elsewhere, as an organisation brings it: anchors written as GitHub and GitLab
//! spell headings, pages without front matter, links to a sibling's `.html` name, and broken
//! links let through as warnings while a site is migrated. Ends with the Node.js API docs
//! (64 files written for GitHub, from Debian's `nodejs` package) built as they are.

use std::path::Path;

use crate::common::{HOME, axe_violations, bin, browser, build, file_url, site, stderr, wait_for_navigation_from};

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The ids of the headings of an output page, in order.
fn heading_ids(html: &str) -> Vec<String> {
    html.match_indices("<h")
        .filter_map(|(i, _)| {
            let tag = &html[i..html[i..].find('>').map_or(html.len(), |end| i + end)];
            let level = tag.as_bytes().get(2).copied()?;
            let id = tag.split_once(" id=\"")?.1.split('"').next()?;
            (b'2'..=b'6').contains(&level).then(|| id.to_string())
        })
        .collect()
}

const HEADINGS: &str = "---\ntitle: B\n---\n\n## Brist på tid\n\n## Class: `zlib.InflateRaw`\n\n\
                        ## Ärende & åtgärd\n\n## Tips\n\n## Tips\n\n## Tips\n\n## Egna tips {#egen}\n\n\
                        ## What's new? (2025)\n";

#[test]
fn an_anchor_spelled_as_trappa_github_or_gitlab_writes_it_leads_to_the_one_id() {
    // (as written in the link, the id it leads to)
    let spellings = [
        ("brist-pa-tid", "brist-pa-tid"),                   // trappa: ASCII
        ("brist-på-tid", "brist-pa-tid"),                   // GitHub and GitLab: Swedish letters kept
        ("brist-p%C3%A5-tid", "brist-pa-tid"),              // the same, as a browser copies it
        ("class-zlib-inflateraw", "class-zlib-inflateraw"), // trappa: punctuation is a hyphen
        ("class-zlibinflateraw", "class-zlib-inflateraw"),  // GitHub: punctuation and code marks dropped
        ("ärende--åtgärd", "arende-atgard"),                // GitHub: each space a hyphen
        ("ärende-åtgärd", "arende-atgard"),                 // GitLab: runs of hyphens made one
        ("tips", "tips"),
        ("tips-1", "tips-1"), // the second, numbered as GitHub numbers it
        ("tips-2", "tips-2"),
        ("egen", "egen"),                       // the author's own id as written
        ("what-s-new-2025", "what-s-new-2025"), // trappa: an apostrophe is a hyphen
        ("whats-new-2025", "what-s-new-2025"),  // GitHub and GitLab: dropped
    ];
    let links: String = spellings.iter().map(|(written, _)| format!("- [{written}](b.md#{written})\n")).collect();
    let page = format!("---\ntitle: A\n---\n\n{links}\n[Here](#a-rubrik)\n\n## A rubrik\n");
    let dir = site(&[HOME, ("content/a.md", &page), ("content/b.md", HEADINGS)]);
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));

    let b = read(dir.path(), "b.html");
    assert_eq!(
        heading_ids(&b),
        [
            "brist-pa-tid",
            "class-zlib-inflateraw",
            "arende-atgard",
            "tips",
            "tips-1",
            "tips-2",
            "egen",
            "what-s-new-2025"
        ],
        "one id per heading, repeats numbered from 1"
    );
    let a = read(dir.path(), "a.html");
    for (written, id) in spellings {
        assert!(
            a.contains(&format!("<a href=\"b.html#{id}\">{written}</a>")),
            "`#{written}` is written as `#{id}`: {a}"
        );
    }
    assert!(a.contains("<a href=\"#a-rubrik\">Here</a>"), "{a}");
}

#[test]
fn an_anchor_that_matches_no_spelling_is_an_error_naming_the_nearest_heading() {
    let page = "---\ntitle: A\n---\n\nSee [tid](b.md#brist-på-tiid).\n";
    let dir = site(&[HOME, ("content/a.md", page), ("content/b.md", HEADINGS)]);
    let output = build(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("content/a.md:5:5: error: link to a missing anchor `#brist-på-tiid`"), "{err}");
    assert!(err.contains("hint: did you mean `#brist-på-tid` (the heading \"Brist på tid\")?"), "{err}");
    assert!(!dir.path().join("public").exists(), "nothing is written");
}

#[test]
fn a_page_without_front_matter_is_titled_by_its_first_level_1_heading_once() {
    let guide = "Some words first.\n\n# Getting started\n\nText.\n\n## Install\n\n## Getting started\n";
    let dir = site(&[
        HOME,
        ("content/guide.md", guide),
        ("content/no-heading.md", "Only text, [back to the guide](guide.md#getting-started).\n"),
        (
            "content/index-links.md",
            "---\ntitle: Links\n---\n\n[Second](guide.md#getting-started-1) [Install](guide.md#install)\n",
        ),
    ]);
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let html = read(dir.path(), "guide.html");
    assert_eq!(html.matches("<h1").count(), 1, "the title is shown once: {html}");
    assert!(html.contains("<h1>Getting started</h1>"), "{html}");
    assert!(html.contains("<title>Getting started"), "the page's title: {html}");
    assert_eq!(heading_ids(&html), ["install", "getting-started-1"], "the title counts, as on GitHub: {html}");
    let plain = read(dir.path(), "no-heading.html");
    assert!(plain.contains("<h1>No heading</h1>"), "titled by the file name: {plain}");
    assert!(plain.contains("<a href=\"guide.html\">back to the guide</a>"), "the title heading is the top: {plain}");
    let links = read(dir.path(), "index-links.html");
    assert!(links.contains("href=\"guide.html#getting-started-1\""), "{links}");
    let home = read(dir.path(), "index.html");
    assert!(home.contains("Getting started") && home.contains("No heading"), "listed by their titles: {home}");
}

#[test]
fn a_link_to_a_siblings_html_name_is_a_link_to_its_markdown() {
    let dir = site(&[
        HOME,
        ("content/a.md", "---\ntitle: A\n---\n\n[B](b.html#brist-på-tid) [Start](index.html) [Sub](sub/index.html)\n"),
        ("content/b.md", HEADINGS),
        ("content/sub/_index.md", "---\ntitle: Sub\n---\n"),
    ]);
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let a = read(dir.path(), "a.html");
    assert!(a.contains("<a href=\"b.html#brist-pa-tid\">B</a>"), "{a}");
    assert!(a.contains("<a href=\"index.html\">Start</a>") && a.contains("<a href=\"sub/index.html\">Sub</a>"), "{a}");

    let missing = site(&[HOME, ("content/a.md", "---\ntitle: A\n---\n\n[C](c.html)\n")]);
    let err = stderr(&build(missing.path()));
    assert!(err.contains("content/a.md:5:1: error: link to a missing file `c.html`"), "{err}");
}

#[test]
fn broken_links_as_warnings_build_the_site_list_them_and_exit_with_3() {
    let page = "---\ntitle: A\n---\n\nSee [gone](gone.md) and\n[tid](b.md#brist-på-tiid).\n";
    let files = [HOME, ("content/a.md", page), ("content/b.md", HEADINGS), ("site.yaml", "broken_links: warning\n")];
    for command in ["build", "check"] {
        let dir = site(&files);
        let output = bin().args([command, "--root"]).arg(dir.path()).output().unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(3), "{command}: {err}");
        assert!(err.contains("content/a.md:5:5: warning: link to a missing file `gone.md`\n  hint: no file"), "{err}");
        assert!(
            err.contains("content/a.md:6:1: warning: link to a missing anchor `#brist-på-tiid`\n  hint: did you mean"),
            "{err}"
        );
        assert!(err.contains("2 warnings: built all the same (`--strict` makes them errors)"), "{err}");
        assert_eq!(
            dir.path().join("public/a.html").exists(),
            command == "build",
            "{command} writes only when building"
        );
        if command == "build" {
            let a = read(dir.path(), "a.html");
            assert!(a.contains("<a href=\"#\">gone</a>"), "a missing file is not linked to: {a}");
        }
    }

    // Any other error still stops the build, the warnings listed with it.
    let mut broken = files.to_vec();
    broken.push(("content/c.md", "---\ntitle: C\ntitel: x\n---\n"));
    let dir = site(&broken);
    let output = build(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("error: unknown field `titel`") && err.contains("warning: link to a missing file"), "{err}");
    assert!(!dir.path().join("public").exists());
}

#[test]
fn a_github_spelled_anchor_is_followed_from_the_home_page_in_a_browser() {
    let dir = site(&[
        ("content/_index.md", "# Docs\n\nRead [the guide](guide.md).\n"),
        (
            "content/guide.md",
            "# Guide\n\nJump to [the lack of time](#brist-på-tid).\n\n## Intro\n\n## Brist på tid\n\nHere.\n",
        ),
    ]);
    let output = bin().arg("build").current_dir(dir.path()).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&dir.path().join("public/index.html"))).unwrap().wait_until_navigated().unwrap();
    let home = tab.get_url();
    tab.find_element("main a[href='guide.html']").unwrap().click().unwrap();
    wait_for_navigation_from(&tab, &home);
    tab.find_element("main a[href='#brist-pa-tid']").unwrap().click().unwrap();
    let landed = tab
        .evaluate("location.hash + ' ' + document.querySelector(location.hash).textContent", false)
        .unwrap()
        .value
        .unwrap();
    assert_eq!(landed, "#brist-pa-tid Brist på tid");
    if let Some(violations) = axe_violations(&tab) {
        assert!(violations.is_empty(), "a page without front matter: {violations:?}");
    }
}

/// The Node.js API docs as Node.js ships them (`/usr/share/doc/nodejs/api/*.md`, written for
/// GitHub; Debian's `nodejs-doc` has them gzipped), copied into `content/` unchanged.
fn node_api_docs() -> Option<tempfile::TempDir> {
    let docs = Path::new("/usr/share/doc/nodejs/api");
    let files: Vec<_> = std::fs::read_dir(docs)
        .map(|entries| {
            let mut files: Vec<_> =
                entries.flatten().map(|e| e.path()).filter(|p| markdown_name(p).is_some()).collect();
            // Both forms of a file (unpacked beside its .gz): one copy.
            files.sort();
            files.dedup_by(|b, a| markdown_name(a) == markdown_name(b));
            files
        })
        .unwrap_or_default();
    if files.len() < 20 {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but no Node.js API docs in {}: install Node.js (or Debian's `nodejs-doc`)", docs.display());
        }
        crate::common::skipped(&format!("no Node.js API docs in {}: the migration test did not run", docs.display()));
        return None;
    }
    let dir = site(&[("site.yaml", "broken_links: warning\n")]);
    std::fs::create_dir(dir.path().join("content")).unwrap();
    for file in files {
        let mut text = Vec::new();
        let mut source = std::fs::File::open(&file).unwrap();
        if file.extension().is_some_and(|e| e == "gz") {
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(source), &mut text).unwrap();
        } else {
            std::io::Read::read_to_end(&mut source, &mut text).unwrap();
        }
        std::fs::write(dir.path().join("content").join(markdown_name(&file).unwrap()), text).unwrap();
    }
    Some(dir)
}

/// `fs.md` of `fs.md` or `fs.md.gz`; None for other files.
fn markdown_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let name = name.strip_suffix(".gz").unwrap_or(name);
    name.ends_with(".md").then(|| name.to_string())
}

#[test]
fn the_node_api_docs_build_as_written_for_github() {
    let Some(dir) = node_api_docs() else { return };
    let output = build(dir.path());
    let err = stderr(&output);
    let problems: Vec<&str> = err.lines().filter(|l| l.contains(": warning: ") || l.contains(": error: ")).collect();
    let kinds = |kind: &str| problems.iter().filter(|l| l.contains(kind)).count();
    eprintln!(
        "Node.js API docs: {} problems: {} missing anchors, {} missing files, {} others",
        problems.len(),
        kinds("missing anchor"),
        kinds("missing file"),
        problems.len() - kinds("missing anchor") - kinds("missing file")
    );
    assert_eq!(output.status.code(), Some(3), "built, with warnings: {err}");
    assert!(problems.iter().all(|l| l.contains(": warning: link to a missing anchor `#")), "{err}");
    // What is left is broken on GitHub too: the docs' own `_1` numbering of repeated headings
    // (GitHub numbers `-1`), and ids of raw `<a id="DEP0111">` tags, which are not trusted here.
    for line in &problems {
        let anchor = line.split('`').nth(1).unwrap_or_default();
        let node_numbering = anchor.rsplit_once('_').is_some_and(|(_, n)| n.parse::<u32>().is_ok());
        let raw_html_id = anchor.chars().any(|c| c.is_ascii_uppercase());
        assert!(node_numbering || raw_html_id, "{line}");
    }
    assert!(problems.len() < 30, "{err}");
    let zlib = read(dir.path(), "zlib.html");
    assert!(zlib.contains("<h1>Zlib</h1>") && zlib.matches("<h1").count() == 1, "titled by its `# Zlib`");
    assert!(zlib.contains("<h2 id=\"class-zlib-inflateraw\""), "one id, trappa's");
    assert!(zlib.contains("href=\"#class-zlib-inflateraw\""), "GitHub's `#class-zlibinflateraw` written to it");
    let fs = read(dir.path(), "fs.html");
    assert!(!fs.contains("href=\"#\""), "no link of fs.md was broken");
}
