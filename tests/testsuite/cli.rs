//! The real binary on small fixture sites: every kind of content error is reported as
//! `path:line:col` with a hint and a non-zero exit, and a failed build changes nothing.

use crate::common;

use crate::common::{HOME, bin, build, site, stderr};

fn assert_error(files: &[(&str, &str)], location: &str, message: &str) {
    let dir = site(files);
    let output = build(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "exit code for {message}: {err}");
    assert!(err.contains(location), "expected `{location}` in:\n{err}");
    assert!(err.contains(message), "expected `{message}` in:\n{err}");
    assert!(err.contains("hint:"), "expected a hint in:\n{err}");
    assert!(!dir.path().join("public").exists(), "nothing is written on error");
}

#[test]
fn invalid_yaml_points_at_line_and_column() {
    assert_error(
        &[HOME, ("content/a.md", "---\ntitle: A\nweight: [1\n---\nText\n")],
        "content/a.md:3:9:",
        "the list that starts with `[` here is never closed",
    );
}

#[test]
fn tab_in_yaml_is_explained() {
    assert_error(&[HOME, ("content/a.md", "---\ntitle: A\n\tweight: 1\n---\n")], "content/a.md:", "tab");
}

#[test]
fn missing_title_is_an_error() {
    assert_error(
        &[HOME, ("content/a.md", "---\ndescription: x\n---\nText\n")],
        "content/a.md:",
        "missing field `title`",
    );
}

#[test]
fn missing_front_matter_is_an_error_when_check_requires_it() {
    let dir = site(&[HOME, ("content/a.md", "# Just text\n")]);
    assert!(build(dir.path()).status.success(), "a page without front matter builds");
    let output = bin().args(["check", "--require-front-matter", "--root"]).arg(dir.path()).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("content/a.md:1:1: error: missing front matter"), "{err}");
    assert!(err.contains("hint: start the file with a line `---`"), "{err}");
    assert!(!err.contains("_index.md"), "the home page has front matter: {err}");
}

#[test]
fn unknown_field_suggests_the_nearest() {
    let dir = site(&[HOME, ("content/a.md", "---\ntitle: A\ndecsription: x\n---\n")]);
    let err = stderr(&build(dir.path()));
    assert!(err.contains("content/a.md:3:1: error: unknown field `decsription`"), "{err}");
    assert!(err.contains("did you mean `description`"), "{err}");
}

#[test]
fn unknown_component_is_reported_at_its_fence() {
    let page = "---\ntitle: A\n---\n\nText.\n\n```{checklista}\nitems: []\n```\n";
    assert_error(&[HOME, ("content/a.md", page)], "content/a.md:7:", "unknown component `{checklista}`");
}

#[test]
fn missing_component_field_is_reported_at_its_line() {
    let page = "---\ntitle: A\n---\n\n```{checklist}\ntitle: T\nitems:\n  - points: [x]\n```\n";
    assert_error(&[HOME, ("content/a.md", page)], "content/a.md:8:5", "missing field `text`");
}

#[test]
fn broken_internal_link_names_file_and_line() {
    let page = "---\ntitle: A\n---\n\nFirst line.\n\nSee [trappan](../trappan/_index.md).\n";
    assert_error(&[HOME, ("content/a.md", page)], "content/a.md:7:5", "link to a missing file `../trappan/_index.md`");
}

#[test]
fn broken_anchor_is_an_error() {
    let page = "---\ntitle: A\n---\n\n## Steg ett\n\nSee [below](b.md#steg-tva).\n";
    let other = "---\ntitle: B\n---\n\n## Steg två\n";
    let ok = site(&[HOME, ("content/a.md", page), ("content/b.md", other)]);
    assert!(build(ok.path()).status.success(), "the anchor of `## Steg två` is `steg-tva`");
    assert_error(
        &[HOME, ("content/a.md", &page.replace("steg-tva", "steg-tre")), ("content/b.md", other)],
        "content/a.md:7:",
        "missing anchor `#steg-tre`",
    );
}

#[test]
fn template_error_names_template_file_and_line() {
    let template = "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title }</h1>\n{% endblock %}\n";
    assert_error(
        &[HOME, ("content/a.md", "---\ntitle: A\n---\n"), ("templates/page.html", template)],
        "templates/page.html:3:",
        "template error",
    );
}

#[test]
fn unreadable_file_is_reported() {
    let dir = site(&[HOME]);
    std::os::unix::fs::symlink(dir.path().join("nowhere.md"), dir.path().join("content/broken.md")).unwrap();
    let output = build(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("content/broken.md:1:1: error: cannot read"), "{err}");
}

#[test]
fn unknown_site_setting_suggests_the_nearest() {
    assert_error(&[HOME, ("site.yaml", "title: X\nlanguge: sv\n")], "site.yaml:2:1", "unknown field `languge`");
}

#[test]
fn several_errors_are_reported_in_one_run() {
    let dir = site(&[
        HOME,
        ("content/a.md", "---\ntitel: A\n---\n"),
        ("content/b.md", "---\ntitle: B\n---\n[x](nope.md)\n"),
        ("content/c.md", "---\ntitle: C\n---\n```{stair}\nsteps: []\n```\n"),
    ]);
    let output = build(dir.path());
    let err = stderr(&output);
    assert!(err.contains("content/a.md:2:1"), "{err}");
    assert!(err.contains("content/b.md:4:1"), "{err}");
    assert!(err.contains("content/c.md:4:"), "{err}");
    assert!(err.contains("3 problems found"), "{err}");
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let dir = site(&[HOME, ("content/a.md", "---\ntitle: A\n---\nFirst version.\n")]);
    assert!(build(dir.path()).status.success());
    let page = dir.path().join("public/a.html");
    let before = std::fs::read_to_string(&page).unwrap();
    // Valid content, but a template that fails while the pages are being written.
    std::fs::write(dir.path().join("content/a.md"), "---\ntitle: A\n---\nSecond version.\n").unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/page.html"), "{{ page.title | no_such_filter }}").unwrap();
    let output = build(dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), before, "the old page is still there");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "no half-written folder is left: {leftovers:?}");
}

#[test]
fn new_site_builds_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("my-site");
    bin().arg("new").arg(&root).assert().success();
    // `--strict`: the sample an author copies from has nothing to warn about (its exercise's
    // steps fill its time).
    bin().args(["check", "--strict", "--root"]).arg(&root).assert().success();
    let output = build(&root);
    assert!(output.status.success(), "{}", stderr(&output));
    for page in ["index.html", "amne/index.html", "amne/exempelsida.html", "ovningar/forsta-ovningen.html", "404.html"]
    {
        assert!(root.join("public").join(page).is_file(), "{page} is written");
    }
    // What it says is so: the staircase called "Fyra steg" has four, the steps their minutes.
    let sample = std::fs::read_to_string(root.join("public/amne/exempelsida.html")).unwrap();
    assert_eq!(sample.matches("<li class=\"staircase-step\"").count(), 4, "{sample}");
    let guide = std::fs::read_to_string(root.join("public/ovningar/forsta-ovningen.html")).unwrap();
    assert_eq!(guide.matches("minuter)").count(), 3, "{guide}");
    bin().arg("new").arg(&root).assert().failure();
}

#[test]
fn links_become_relative_output_urls() {
    let dir = site(&[
        HOME,
        ("content/trappan/_index.md", "---\ntitle: Trappan\n---\n[Övning](../../exercises/var-ar-du.md#syfte)\n"),
        (
            "exercises/var-ar-du.md",
            "---\ntitle: Var är du?\nduration: 30\n---\n## Syfte\n[Tillbaka](../content/trappan/_index.md)\n",
        ),
    ]);
    assert!(build(dir.path()).status.success());
    let section = std::fs::read_to_string(dir.path().join("public/trappan/index.html")).unwrap();
    assert!(section.contains("href=\"../ovningar/var-ar-du.html#syfte\""), "{section}");
    let exercise = std::fs::read_to_string(dir.path().join("public/ovningar/var-ar-du.html")).unwrap();
    assert!(exercise.contains("href=\"../trappan/index.html\""));
    assert!(exercise.contains("30 minuter"));
}

#[test]
fn drafts_are_built_only_on_request() {
    let dir = site(&[HOME, ("content/utkast.md", "---\ntitle: Utkast\ndraft: true\n---\n")]);
    assert!(build(dir.path()).status.success());
    assert!(!dir.path().join("public/utkast.html").exists());
    bin().args(["build", "--drafts", "--root"]).arg(dir.path()).assert().success();
    assert!(dir.path().join("public/utkast.html").exists());
}

#[test]
fn check_writes_nothing() {
    let dir = site(&[HOME]);
    bin().args(["check", "--root"]).arg(dir.path()).assert().success();
    assert!(!dir.path().join("public").exists());
}

#[test]
fn external_links_are_checked_only_on_request() {
    // A stand-in for the web: `/ok` is there (200), anything else is not (404).
    let web = tempfile::tempdir().unwrap();
    std::fs::write(web.path().join("ok"), "").unwrap();
    let port =
        common::http_server(web.path()).rsplit(':').next().unwrap().trim_end_matches('/').parse::<u16>().unwrap();
    let page = format!(
        "---\ntitle: A\n---\n\n[fungerar](http://127.0.0.1:{port}/ok)\n\n[borta](http://127.0.0.1:{port}/borta)\n"
    );
    let dir = site(&[HOME, ("content/a.md", &page)]);
    bin().args(["check", "--root"]).arg(dir.path()).assert().success();
    let output = bin().args(["check", "--external", "--root"]).arg(dir.path()).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("content/a.md:7:1: error: external link"), "{err}");
    assert!(err.contains("/borta` answers with HTTP status 404"), "{err}");
    assert!(!err.contains("/ok`"), "{err}");
}

#[test]
fn theme_references_to_missing_files_are_errors() {
    let base = std::fs::read_to_string(common::repo().join("themes/default/templates/base.html")).unwrap();
    let broken = base.replace("static/css/trappa.css", "static/css/finns-inte.css");
    let dir = site(&[HOME, ("templates/base.html", &broken)]);
    let output = build(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("refers to `static/css/finns-inte.css`, a file the build did not produce"), "{err}");
}

#[test]
fn raw_html_is_escaped_unless_trusted_and_front_matter_is_escaped() {
    let page =
        "---\ntitle: \"<script>alert(1)</script>\"\ndescription: \"\\\" onmouseover=\\\"x\"\n---\n\n<b>fet</b>\n";
    let dir = site(&[HOME, ("content/a.md", page)]);
    assert!(build(dir.path()).status.success());
    let html = std::fs::read_to_string(dir.path().join("public/a.html")).unwrap();
    assert!(!html.contains("<script>alert"), "title escaped");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "{html}"
    );
    assert!(!html.contains("\" onmouseover=\"x"), "attribute values escaped");
    assert!(html.contains("&lt;b&gt;fet&lt;/b&gt;"), "raw HTML is shown as text by default");
    std::fs::write(dir.path().join("site.yaml"), "raw_html: true\n").unwrap();
    assert!(build(dir.path()).status.success());
    let html = std::fs::read_to_string(dir.path().join("public/a.html")).unwrap();
    assert!(html.contains("<b>fet</b>"), "raw_html: true passes trusted HTML through");
}

#[test]
fn built_output_refers_to_no_other_host() {
    let dir = site(&[
        HOME,
        (
            "content/a.md",
            "---\ntitle: A\n---\n\nSe [SKR](https://skr.se/) för mer.\n\n```{checklist}\nitems:\n  - text: ett\n```\n",
        ),
    ]);
    assert!(build(dir.path()).status.success());
    // The author's link, and the SVG namespace name (an identifier, never fetched).
    let authored = ["https://skr.se/", "http://www.w3.org/2000/svg"];
    // Only what a browser loads can make a request; the font's licence text (OFL.txt) and the
    // PDFs' metadata name URLs that nothing fetches.
    let loaded_by_browser = ["html", "css", "js", "svg"];
    for entry in walk(&dir.path().join("public")) {
        let extension = entry.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !loaded_by_browser.contains(&extension) {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&entry).unwrap()).into_owned();
        for (i, _) in text.match_indices("http") {
            let url: String = text[i..].chars().take_while(|c| !c.is_whitespace() && !"\"'<>)".contains(*c)).collect();
            if url.starts_with("http://") || url.starts_with("https://") {
                assert!(authored.contains(&url.as_str()), "{} refers to {url}", entry.display());
            }
        }
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() { files.extend(walk(&path)) } else { files.push(path) }
    }
    files
}
