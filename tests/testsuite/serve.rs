//! `trappa serve` end to end: a real server process on a fixture site, edited while it runs.
//! Checks the reload event and the new content over HTTP, error events for broken content
//! (with the last good page still served), deletions, and refusal of path traversal.

use crate::common;

use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::serve::{events, get, next_event, start, start_with, wait_for_text};
use crate::common::{HOME, site};

#[test]
fn edits_reload_errors_show_and_clear_deletions_404() {
    let dir = site(&[
        HOME,
        ("content/a.md", "---\ntitle: A\n---\nFörsta versionen.\n"),
        ("content/b.md", "---\ntitle: B\n---\nB.\n"),
    ]);
    let server = start(dir.path());
    let (status, page) = get(server.addr, "/a.html");
    assert_eq!(status, 200);
    assert!(page.contains("Första versionen.") && page.contains("static/js/reload.js"), "{page}");
    let events = events(server.addr);
    std::thread::sleep(Duration::from_millis(200));

    // An edit: reload event, new content.
    std::fs::write(dir.path().join("content/a.md"), "---\ntitle: A\n---\nAndra versionen.\n").unwrap();
    let started = Instant::now();
    assert_eq!(next_event(&events).0, "reload");
    eprintln!("save → reload event: {:?}", started.elapsed());
    assert!(get(server.addr, "/a.html").1.contains("Andra versionen."));
    // The search index follows right after the reload.
    let out = dir.path().join(".trappa-serve/search");
    let index_has = |text: &str| {
        walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(Result::ok)
            .any(|f| f.file_type().is_file() && std::fs::read_to_string(f.path()).unwrap().contains(text))
    };
    // (Both at once: a file being replaced is briefly there twice, as `NAME.tmp` and itself.)
    let has_the_edit = || index_has("Andra versionen") && !index_has("Första versionen");
    let waited = Instant::now();
    while !has_the_edit() && waited.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(has_the_edit(), "the search index has the edit");

    // Broken YAML: an error event with file:line, and the last good page stays.
    std::fs::write(dir.path().join("content/a.md"), "---\ntitle: [A\n---\nTrasig.\n").unwrap();
    let (event, data) = next_event(&events);
    assert_eq!(event, "build-error");
    assert!(data.contains("content/a.md:2:"), "{data}");
    assert!(get(server.addr, "/a.html").1.contains("Andra versionen."));

    // Fixed: reload again and the new content is served.
    std::fs::write(dir.path().join("content/a.md"), "---\ntitle: A\n---\nTredje versionen.\n").unwrap();
    assert_eq!(next_event(&events).0, "reload");
    assert!(get(server.addr, "/a.html").1.contains("Tredje versionen."));

    // A deleted page disappears.
    std::fs::remove_file(dir.path().join("content/b.md")).unwrap();
    assert_eq!(next_event(&events).0, "reload");
    assert_eq!(get(server.addr, "/b.html").0, 404);

    // Sources were never rewritten or deleted by the server.
    assert!(std::fs::read_to_string(dir.path().join("content/a.md")).unwrap().contains("Tredje versionen."));
}

/// A save by rename (a temporary file written and renamed over the page, as `sed -i` and
/// safe-writing editors do) is an edit of that page like any other: only it is rebuilt.
#[test]
fn a_save_by_rename_rebuilds_just_that_page() {
    let dir =
        site(&[HOME, ("content/a.md", "---\ntitle: A\n---\nFörst.\n"), ("content/b.md", "---\ntitle: B\n---\nB.\n")]);
    let server = start(dir.path());
    let events = events(server.addr);
    std::thread::sleep(Duration::from_millis(200));
    let temporary = dir.path().join("content/sedX4kq2P");
    std::fs::write(&temporary, "---\ntitle: A\n---\nSparad genom namnbyte.\n").unwrap();
    std::fs::rename(&temporary, dir.path().join("content/a.md")).unwrap();
    assert_eq!(next_event(&events), ("reload".to_string(), "1\n".to_string()), "one page rebuilt");
    assert!(get(server.addr, "/a.html").1.contains("Sparad genom namnbyte."));
}

#[test]
fn paths_outside_the_output_are_refused() {
    let dir = site(&[HOME, ("content/hemlig.md", "---\ntitle: Hemlig\n---\nsecret-marker\n")]);
    let server = start(dir.path());
    for path in [
        "/../content/hemlig.md",
        "/%2e%2e/content/hemlig.md",
        "/%2E%2E/content/hemlig.md",
        "/..%2fcontent/hemlig.md",
        "/%2e%2e%2fcontent%2fhemlig.md",
        "/static/../../content/hemlig.md",
        "/..%5ccontent%5chemlig.md",
        "/../Cargo.toml",
    ] {
        let (status, body) = get(server.addr, path);
        assert!(status == 400 || status == 404, "{path} → {status}");
        assert!(!body.contains("secret-marker") && !body.contains("title: Hemlig"), "{path} leaked a source file");
    }
    assert_eq!(get(server.addr, "/hemlig.html").0, 200);
}

/// The processes whose parent is `pid`, zombies included: serve never waits for the opener,
/// so one it started stays listed until serve itself exits.
#[cfg(target_os = "linux")]
fn children_of(pid: u32) -> Vec<String> {
    let parent = format!("PPid:\t{pid}\n");
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.path().join("status")).ok())
        .filter(|status| status.contains(&parent))
        .map(|status| status.lines().next().unwrap_or_default().to_string())
        .collect()
}

/// `--open` hands the preview's address to the desktop's opener (here a stand-in
/// `xdg-open` that records it); without the flag nothing is opened. serve runs the opener
/// before it answers any request, so once a page was served the decision is made: without
/// `--open`, no process was started at all (not even one that already ended).
#[cfg(target_os = "linux")]
#[test]
fn open_flag_opens_the_preview_and_only_then() {
    use std::os::unix::fs::PermissionsExt;
    let dir = site(&[HOME]);
    let bin = tempfile::tempdir().unwrap();
    let record = bin.path().join("opened.txt");
    let opener = bin.path().join("xdg-open");
    std::fs::write(&opener, format!("#!/bin/sh\necho \"$1\" >> '{}'\n", record.display())).unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap_or_default());
    let trappa = || {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("trappa"));
        command.env("PATH", &path).args(["serve", "--port", "0", "--root"]).arg(dir.path());
        command
    };

    let server = start_with(trappa().arg("--open"));
    assert_eq!(get(server.addr, "/index.html").0, 200);
    assert_eq!(children_of(server.child.id()).len(), 1, "--open started the opener");
    // The opener creates the record before it writes the line: wait for the whole line.
    let recorded = || std::fs::read_to_string(&record).ok().filter(|text| text.ends_with('\n'));
    let started = Instant::now();
    while recorded().is_none() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let opened = recorded().expect("--open ran the opener");
    assert_eq!(opened.trim(), format!("http://{}/", server.addr));
    drop(server);
    std::fs::remove_file(&record).unwrap();

    let server = start_with(&mut trappa());
    assert_eq!(get(server.addr, "/index.html").0, 200);
    assert_eq!(children_of(server.child.id()), Vec::<String>::new(), "serve without --open started a process");
    drop(server);
    assert!(!record.exists(), "serve without --open opened {:?}", std::fs::read_to_string(&record));
}

/// Where each of `titles` first appears in `html` after `from`, in the order of `titles`.
fn positions(html: &str, from: &str, titles: &[&str]) -> Vec<usize> {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from} in {html}"));
    titles.iter().map(|t| html[start..].find(&format!(">{t}<")).unwrap_or_else(|| panic!("no {t}"))).collect()
}

/// A section's `_index.md` sets the section's place among its siblings: a new weight
/// re-sorts the menu and the parent's list at once, without a restart.
#[test]
fn a_section_weight_edit_reorders_the_menu_and_the_parent_list() {
    let dir = site(&[
        HOME,
        ("content/alfa/_index.md", "---\ntitle: Alfa\nweight: 1\n---\nA.\n"),
        ("content/beta/_index.md", "---\ntitle: Beta\nweight: 2\n---\nB.\n"),
    ]);
    let server = start(dir.path());
    let home = get(server.addr, "/index.html").1;
    let (menu, tiles) =
        (positions(&home, "site-menu", &["Alfa", "Beta"]), positions(&home, "class=\"tiles\"", &["Alfa", "Beta"]));
    assert!(menu[0] < menu[1] && tiles[0] < tiles[1], "Alfa first before the edit: {home}");

    let events = events(server.addr);
    std::thread::sleep(Duration::from_millis(200));
    std::fs::write(dir.path().join("content/beta/_index.md"), "---\ntitle: Beta\nweight: 0\n---\nB.\n").unwrap();
    assert_eq!(next_event(&events).0, "reload");
    let home = get(server.addr, "/index.html").1;
    let (menu, tiles) =
        (positions(&home, "site-menu", &["Alfa", "Beta"]), positions(&home, "class=\"tiles\"", &["Alfa", "Beta"]));
    assert!(menu[1] < menu[0], "Beta first in the menu after its weight became 0: {home}");
    assert!(tiles[1] < tiles[0], "Beta first in the home page's list after its weight became 0: {home}");
}

/// The error overlay speaks the site's language: an English site gets the English text
/// from the language table, with no Swedish in it.
/// Serves the site of `files` in a browser, breaks its home page's front matter and hands the
/// tab, with the overlay up, to `check` (nothing without a browser, as the other browser tests).
fn with_overlay_of_a_broken_home_page(files: &[(&str, &str)], check: impl FnOnce(&headless_chrome::Tab)) {
    let dir = site(files);
    let server = start(dir.path());
    let Some(browser) = common::browser() else { return };
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("http://{}/index.html", server.addr)).unwrap().wait_until_navigated().unwrap();
    wait_for_text(&tab, "document.documentElement.dataset.liveReload ?? ''");
    std::fs::write(dir.path().join("content/_index.md"), "---\ntitle: [Start\n---\nHej.\n").unwrap();
    wait_for_text(&tab, "document.getElementById('trappa-error-title')?.textContent ?? ''");
    check(&tab);
}

#[test]
fn the_error_overlay_uses_the_site_language() {
    with_overlay_of_a_broken_home_page(&[("site.yaml", "title: Test\nlanguage: en\n"), HOME], |tab| {
        let title = wait_for_text(tab, "document.getElementById('trappa-error-title')?.textContent ?? ''");
        assert_eq!(title, "The content has errors – the page shows the last version that worked");
        let overlay = wait_for_text(tab, "document.getElementById('trappa-error-overlay').textContent");
        assert!(overlay.contains("content/_index.md:2:"), "{overlay}");
        assert_eq!(
            wait_for_text(tab, "document.querySelector('.trappa-error-text').lang"),
            "en",
            "the messages are marked as English, for a screen reader"
        );
    });
}

/// In a Swedish site the overlay says, in Swedish, that the messages below are in English,
/// and marks them so.
#[test]
fn a_swedish_site_s_overlay_says_its_messages_are_english() {
    with_overlay_of_a_broken_home_page(&[HOME], |tab| {
        let title = wait_for_text(tab, "document.getElementById('trappa-error-title')?.textContent ?? ''");
        assert_eq!(title, "Innehållet har fel – sidan visar den senaste fungerande versionen");
        let about = wait_for_text(tab, "document.querySelector('.trappa-error-about').textContent");
        assert!(about.contains("på engelska"), "{about}");
        assert_eq!(wait_for_text(tab, "document.querySelector('.trappa-error-text').lang"), "en");
    });
}

/// The search index's term shards as `serve` answers them over HTTP (`search/t/N.js` from 0
/// until the first that is not found).
fn term_shards(addr: std::net::SocketAddr) -> String {
    let mut shards = String::new();
    for n in 0.. {
        let (status, response) = get(addr, &format!("/search/t/{n}.js"));
        if status != 200 {
            return shards;
        }
        shards.push_str(response.split_once("\r\n\r\n").map_or("", |(_, body)| body));
    }
    unreachable!()
}

/// The entry of `term` in the term shards: `["term","postings"…]`.
fn term_entry(shards: &str, term: &str) -> Option<String> {
    let start = shards.find(&format!("[\"{term}\","))?;
    shards[start..].find(']').map(|end| shards[start..=start + end].to_string())
}

/// After an edit, the search index that `serve` answers has the page's new words and not its
/// old ones, and another page's entries are as they were (the same length, the same weights;
/// that every file equals a build's is `tests/serve_differential.rs`).
#[test]
fn an_edit_changes_only_its_own_page_s_entries_in_the_search_index() {
    let others: Vec<(String, String)> =
        (1..=8).map(|n| (format!("content/c{n}.md"), format!("---\ntitle: C{n}\n---\nSida {n}.\n"))).collect();
    let mut files = vec![
        HOME,
        ("content/a.md", "---\ntitle: A\n---\nEn tapir i skogen.\n"),
        ("content/b.md", "---\ntitle: B\n---\nEn kaktus i öknen.\n"),
    ];
    files.extend(others.iter().map(|(path, text)| (path.as_str(), text.as_str())));
    let dir = site(&files);
    let server = start(dir.path());
    let events = events(server.addr);
    let before = term_shards(server.addr);
    let (tapir, kaktus) = (term_entry(&before, "tapir"), term_entry(&before, "kaktus"));
    assert!(tapir.is_some() && kaktus.is_some(), "both pages' words are indexed: {before}");
    std::thread::sleep(Duration::from_millis(200));

    std::fs::write(dir.path().join("content/a.md"), "---\ntitle: A\n---\nEn okapi i skogen.\n").unwrap();
    assert_eq!(next_event(&events).0, "reload");
    let waited = Instant::now();
    let after = loop {
        let shards = term_shards(server.addr);
        if term_entry(&shards, "okapi").is_some() || waited.elapsed() > Duration::from_secs(10) {
            break shards;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(term_entry(&after, "okapi").is_some(), "the edited page's new word is found: {after}");
    assert_eq!(term_entry(&after, "tapir"), None, "its old word is gone");
    assert_eq!(term_entry(&after, "kaktus"), kaktus, "the other page's entry is as it was");
}

/// The author's first edit after `trappa new`: a new page in a running `serve`. It is served,
/// and the edits after it are rebuilt too (a new page used to panic the rebuild: "index out of
/// bounds: the len is 6 but the index is 6", and no later edit was ever rebuilt).
#[test]
fn a_page_added_while_serving_a_new_site_is_served_and_later_edits_follow() {
    let parent = tempfile::tempdir().unwrap();
    assert!(common::bin().args(["new", "demo"]).current_dir(parent.path()).output().unwrap().status.success());
    let demo = parent.path().join("demo");
    let server = start_with(common::serve::serve_command().current_dir(&demo));
    let events = events(server.addr);
    std::thread::sleep(Duration::from_millis(200));

    std::fs::write(demo.join("content/amne/ny.md"), "---\ntitle: Ny sida\n---\nHej.\n").unwrap();
    assert_eq!(next_event(&events).0, "reload");
    let (status, page) = get(server.addr, "/amne/ny.html");
    assert_eq!(status, 200, "the new page is served: {page}");
    assert!(page.contains("Hej."), "{page}");

    std::fs::write(demo.join("content/amne/ny.md"), "---\ntitle: Ny sida\n---\nHej igen.\n").unwrap();
    assert_eq!(next_event(&events).0, "reload");
    assert!(get(server.addr, "/amne/ny.html").1.contains("Hej igen."), "the edit after it is rebuilt");
    // The search index (written after the reload, on its own thread) has the new page.
    let waited = Instant::now();
    while !term_shards(server.addr).contains("igen") && waited.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(term_shards(server.addr).contains("igen"), "the search index has the new page's words");
}

/// A rebuild that fails in trappa itself (here a panic injected by the test hook
/// `TRAPPA_TEST_FAIL_ON`) is shown as an error with what happened, and the next edit builds
/// the whole site again: serve never stays stale.
#[test]
fn a_failed_rebuild_is_reported_and_the_next_edit_builds_everything_again() {
    let dir = site(&[HOME, ("content/a.md", "---\ntitle: A\n---\nFörst.\n")]);
    let server =
        start_with(common::serve::serve_command().arg("--root").arg(dir.path()).env("TRAPPA_TEST_FAIL_ON", "boom.md"));
    let events = events(server.addr);
    std::thread::sleep(Duration::from_millis(200));

    std::fs::write(dir.path().join("content/boom.md"), "---\ntitle: Boom\n---\nSmäll.\n").unwrap();
    let (event, data) = next_event(&events);
    assert_eq!(event, "build-error");
    assert!(data.contains("the rebuild failed") && data.contains("a failure injected"), "{data}");
    assert!(data.contains("the next change builds the whole site again"), "{data}");
    assert!(get(server.addr, "/a.html").1.contains("Först."), "the last good page stays");

    // The next edit (another file) is a full build: the page added before is there too.
    std::fs::write(dir.path().join("content/a.md"), "---\ntitle: A\n---\nSedan.\n").unwrap();
    assert_eq!(next_event(&events).0, "reload");
    assert!(get(server.addr, "/a.html").1.contains("Sedan."));
    assert_eq!(get(server.addr, "/boom.html").0, 200, "the full build took in the page added when it failed");
}
