//! Reading paths as the build checks them: a step that leads to no page is an error at the
//! step's own line, a path id is the site's once, and each step page names its place.

use crate::common::{HOME, bin, build, site, stderr};

const STEP: (&str, &str) = ("content/steg.md", "---\ntitle: Ett steg\n---\n\nText.\n");

fn path_page(steps: &str) -> String {
    format!(
        "---\ntitle: Läsväg\n---\n\nLäs så här.\n\n```{{path}}\nid: ny\ntitle: För dig som är ny\nsteps:\n{steps}```\n"
    )
}

fn check(files: &[(&str, &str)]) -> String {
    let dir = site(files);
    let output = bin().args(["check", "--root"]).arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "the content has errors: {}", stderr(&output));
    stderr(&output)
}

#[test]
fn a_step_to_a_missing_page_is_an_error_at_its_line() {
    let page = path_page("  - page: steg.md\n    minutes: 5\n  - page: saknas.md\n    minutes: 10\n");
    let err = check(&[HOME, STEP, ("content/vag.md", &page)]);
    // Line 13 of the file: front matter (3), blank, text, blank, fence (7), id, title, steps,
    // the first step (11–12), the second step's `page:`.
    assert!(err.contains("content/vag.md:13:"), "{err}");
    assert!(err.contains("link to a missing file `saknas.md`"), "{err}");
}

#[test]
fn a_step_that_is_no_page_and_a_path_id_used_twice_are_errors() {
    let off_site = path_page("  - page: https://example.org/\n    minutes: 5\n");
    let err = check(&[HOME, ("content/vag.md", &off_site)]);
    assert!(
        err.contains("content/vag.md:11:") && err.contains("step 1 of the path is not a page of the site"),
        "{err}"
    );

    let page = path_page("  - page: steg.md\n    minutes: 5\n");
    let err = check(&[HOME, STEP, ("content/vag.md", &page), ("content/vag2.md", &page)]);
    assert!(err.contains("a path with the id `ny` already exists"), "{err}");
}

#[test]
fn each_step_page_names_its_place_and_the_way_on() {
    let page = path_page("  - page: steg.md\n    minutes: 5\n  - page: andra.md#formular\n    minutes: 10\n");
    let andra = "---\ntitle: Andra steget\n---\n\n## Formulär {#formular}\n\nText.\n";
    let dir = site(&[HOME, STEP, ("content/andra.md", andra), ("content/vag.md", &page)]);
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let read = |rel: &str| std::fs::read_to_string(dir.path().join("public").join(rel)).unwrap();

    let first = read("steg.html");
    assert!(first.contains("<p class=\"path-kicker\">Steg 1 av 2 · För dig som är ny</p>"), "{first}");
    assert!(first.contains("data-path=\"ny\" data-step=\"steg.html\""), "{first}");
    assert!(first.contains("<a href=\"andra.html#formular\"><span>Nästa steg:</span> Andra steget</a>"), "{first}");
    assert!(!first.contains("Föregående steg"), "the first step has no step before it");
    assert!(first.contains("static/js/path.js"), "a step page loads the script");

    let path = read("vag.html");
    assert!(path.contains("<p class=\"path-total\">2 steg, ungefär 15 minuter.</p>"), "{path}");
    assert!(path.contains("data-step=\"andra.html\" data-minutes=\"10\""), "{path}");
    assert!(!read("index.html").contains("path.js"), "a page off every path has no path script");
}

#[test]
fn a_path_gets_a_summary_beside_it_naming_the_forms_on_its_steps() {
    let page = path_page("  - page: steg.md\n    minutes: 5\n  - page: formular.md#f\n    minutes: 10\n");
    let form = "---\ntitle: Formulärsidan\n---\n\n```{form}\nid: f\ntitle: Mitt formulär\nquestions:\n  - {id: a, kind: text, text: Vad tänker du?}\n```\n";
    let dir = site(&[
        HOME,
        STEP,
        ("content/formular.md", form),
        ("content/dela/vag.md", &page.replace("steg.md", "../steg.md").replace("formular.md", "../formular.md")),
    ]);
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let read = |rel: &str| std::fs::read_to_string(dir.path().join("public").join(rel)).unwrap();

    let path = read("dela/vag.html");
    assert!(path.contains("<a href=\"sammanfattning-ny.html\">Min sammanfattning: För dig som är ny</a>"), "{path}");
    assert!(path.contains("data-forms='[{\"id\": \"f\", \"version\": \""), "the step names its form: {path}");
    // minijinja writes `/` in attributes as `&#x2f;`, which the browser reads as `/`.
    let summary = read("dela/sammanfattning-ny.html").replace("&#x2f;", "/");
    assert!(summary.contains("<h1>Min sammanfattning: För dig som är ny</h1>"), "{summary}");
    assert!(summary.contains("<a href=\"vag.html\">Läsväg: För dig som är ny</a>"), "back to the path: {summary}");
    assert!(
        summary.contains("<a href=\"../steg.html\">Ett steg</a>"),
        "the steps, linked from beside the path: {summary}"
    );
    assert!(summary.contains("<h3 id=\"sammanfattning-f\">Mitt formulär</h3>"), "{summary}");
    assert!(summary.contains("<a href=\"../formular.html#f\">Till självskattningen: Mitt formulär</a>"), "{summary}");
    assert!(summary.contains("data-form=\"f\" data-version=\""), "{summary}");
    assert!(summary.contains("static/js/path.js") && summary.contains("static/js/saved.js"), "{summary}");
}

#[test]
fn a_path_id_that_is_no_plain_name_is_an_error_at_its_line() {
    let page = path_page("  - page: steg.md\n    minutes: 5\n").replace("id: ny", "id: ny/väg");
    let err = check(&[HOME, STEP, ("content/vag.md", &page)]);
    assert!(err.contains("content/vag.md:8:") && err.contains("the path's id `ny/väg` is not a plain name"), "{err}");
}
