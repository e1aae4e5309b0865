//! Shared helpers for the integration and browser tests: fixture sites, the real binary,
//! and a headless Chromium that skips loudly locally but fails under CI=true.
//!
//! Skipping: libtest has no way for a running test to say it was skipped (`#[ignore]` is
//! decided at compile time), so a browser test without Chromium (or an audit without
//! axe-core) returns early and libtest counts it as *passed*. To keep that honest, each skip
//! is recorded with the test's name ([`skipped`]), and when the test process exits, after
//! libtest's own summary, one uncaptured block on stderr names every test that skipped and
//! why: `SKIPPED 23 of the tests counted as passed above: …`. Under CI=true nothing skips:
//! a missing Chromium or axe-core fails the test.

pub mod journey;
pub mod room;
pub mod serve;

use std::path::{Path, PathBuf};
use std::process::Output;

pub fn bin() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("trappa").expect("the trappa binary is built")
}

/// The repository root, which is also the bundled site.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder, from (path, text) pairs.
pub fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

pub fn build(root: &Path) -> Output {
    bin().args(["build", "--root"]).arg(root).output().unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A minimal valid page.
pub const HOME: (&str, &str) = ("content/_index.md", "---\ntitle: Start\n---\n\nHej.\n");

/// Builds the bundled site once per test run into a temporary folder and returns it.
pub fn bundled_site() -> &'static Path {
    use std::sync::OnceLock;
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let output =
            bin().args(["build", "--root"]).arg(repo()).arg("--out").arg(out.path().join("public")).output().unwrap();
        assert!(output.status.success(), "the bundled site builds: {}", stderr(&output));
        out
    })
    .path()
    .join("public")
    .leak()
}

/// Runs `body` (the body of a function, which may return a value or a promise) in the page and
/// gives back what it returns, through JSON.
pub fn run(tab: &headless_chrome::Tab, body: &str) -> serde_json::Value {
    let script =
        format!("Promise.resolve((() => {{ {body} }})()).then(v => JSON.stringify(v === undefined ? null : v))");
    let result = tab.evaluate(&script, true).unwrap_or_else(|e| panic!("script failed: {e}\n{body}"));
    serde_json::from_str(result.value.expect("a JSON string").as_str().unwrap()).unwrap()
}

/// Waits until the JavaScript expression `condition` holds (at most 10 s).
pub fn wait_for(tab: &headless_chrome::Tab, condition: &str) {
    let started = std::time::Instant::now();
    while run(tab, &format!("return Boolean({condition});")) != serde_json::json!(true) {
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "timed out waiting for {condition}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The value of the JavaScript `expression` on the open page, through JSON (arrays too);
/// null when it has none.
pub fn value_of(tab: &headless_chrome::Tab, expression: &str) -> serde_json::Value {
    let json = tab.evaluate(&format!("JSON.stringify(({expression}) ?? null)"), false).unwrap().value;
    json.and_then(|v| serde_json::from_str(v.as_str()?).ok()).unwrap_or(serde_json::Value::Null)
}

/// Waits until `expression` gives `want` (at most 10 s; scripts run after the page loads).
pub fn wait_for_value(tab: &headless_chrome::Tab, expression: &str, want: serde_json::Value) {
    let started = std::time::Instant::now();
    loop {
        let value = value_of(tab, expression);
        if value == want {
            return;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{expression} gave {value}, not {want}, within 10 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Fails with axe-core's findings on the open page (skipped, loudly, without axe-core).
pub fn assert_no_axe_violations(tab: &headless_chrome::Tab, what: &str) {
    if let Some(violations) = axe_violations(tab) {
        assert!(violations.is_empty(), "axe-core violations on {what}:\n{}", violations.join("\n"));
    }
}

/// The Chromium to drive, if one is installed.
pub fn chromium_path() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("CHROME") {
        return Some(PathBuf::from(path));
    }
    ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")
            .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()))
    })
}

/// Records that the running test skips (all or part of) what it checks, and why; the list is
/// printed on stderr when the test process exits, after libtest's summary (see the module's
/// doc). The test's name is its thread's, which libtest sets.
pub fn skipped(why: &str) {
    use std::sync::{Mutex, Once};
    static SKIPS: Mutex<Vec<String>> = Mutex::new(Vec::new());
    static AT_EXIT: Once = Once::new();
    unsafe extern "C" {
        safe fn atexit(f: extern "C" fn()) -> std::ffi::c_int;
    }
    extern "C" fn report() {
        let skips = SKIPS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut text = format!("\n!!!!! SKIPPED {} of the tests counted as passed above:\n", skips.len());
        for line in skips.iter() {
            text.push_str(&format!("!!!!!   {line}\n"));
        }
        // Straight to the stream: past libtest's capture of a test's output.
        let _ = std::io::Write::write_all(&mut std::io::stderr(), text.as_bytes());
    }
    let test = std::thread::current().name().unwrap_or("?").to_owned();
    let mut skips = SKIPS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let line = format!("{test}: {why}");
    if !skips.contains(&line) {
        skips.push(line);
    }
    AT_EXIT.call_once(|| {
        atexit(report);
    });
}

/// Launches headless Chromium. Without one, the test is skipped with a loud notice, except
/// under CI=true, where browser tests must run.
pub fn browser() -> Option<headless_chrome::Browser> {
    let Some(path) = chromium_path() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but no Chromium found: install Debian's `chromium` (.ci/run does)");
        }
        skipped("no Chromium found (install Debian's `chromium`)");
        return None;
    };
    let args: Vec<&std::ffi::OsStr> = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--allow-file-access-from-files",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .collect();
    let options = headless_chrome::LaunchOptions {
        path: Some(path),
        headless: true,
        sandbox: false,
        args,
        window_size: Some((1280, 900)),
        idle_browser_timeout: std::time::Duration::from_secs(120),
        ..Default::default()
    };
    Some(headless_chrome::Browser::new(options).expect("Chromium starts"))
}

/// Waits until a click or key press has taken `tab` away from `from` and the new page has
/// loaded: `wait_until_navigated` alone can return before the navigation starts.
pub fn wait_for_navigation_from(tab: &headless_chrome::Tab, from: &str) {
    let started = std::time::Instant::now();
    while tab.get_url() == from {
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "no navigation away from {from}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    tab.wait_until_navigated().unwrap();
}

/// `file://` URL of a path.
pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// Serves `dir` on a free loopback port for the rest of the test process; returns the
/// root URL (ending in `/`).
pub fn http_server(dir: &Path) -> String {
    use std::net::{IpAddr, Ipv4Addr};
    let (server, addr) = trappa::serve::bind(IpAddr::V4(Ipv4Addr::LOCALHOST), 0).unwrap();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || trappa::serve::run(&server, &dir));
    format!("http://{addr}/")
}

/// A file of the test-only npm packages in tests/ (`node_modules/…`, installed with `npm ci`
/// on first use). `None` when npm could not install it, except under CI=true, where that fails.
pub fn npm_file(name: &str) -> Option<PathBuf> {
    use std::sync::Mutex;
    // One `npm ci` at a time: the tests run in parallel and share tests/node_modules.
    static INSTALL: Mutex<()> = Mutex::new(());
    let tests = repo().join("tests");
    let file = tests.join("node_modules").join(name);
    if !file.is_file() {
        let _installing = INSTALL.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !file.is_file() {
            let _ = std::process::Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--silent"])
                .current_dir(&tests)
                .status();
        }
    }
    if file.is_file() {
        return Some(file);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but tests/node_modules/{name} is not installed: run `npm ci` in tests/");
    }
    None
}

/// axe-core's source, from the test-only npm package (see [`npm_file`]).
pub fn axe_source() -> Option<&'static str> {
    use std::sync::OnceLock;
    static AXE: OnceLock<Option<String>> = OnceLock::new();
    AXE.get_or_init(|| npm_file("axe-core/axe.min.js").and_then(|file| std::fs::read_to_string(file).ok())).as_deref()
}

/// Collects what the tab's pages report as errors from now on (exceptions, `console.error`,
/// the browser's own errors such as a refused request or a CSP violation), frames included.
pub fn console_errors(tab: &headless_chrome::Tab) -> std::sync::Arc<std::sync::Mutex<Vec<String>>> {
    use headless_chrome::protocol::cdp::types::Event;
    use headless_chrome::protocol::cdp::{Log, Runtime};
    let errors = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = errors.clone();
    tab.enable_runtime().unwrap();
    tab.enable_log().unwrap();
    tab.add_event_listener(std::sync::Arc::new(move |event: &Event| {
        let error = match event {
            Event::RuntimeExceptionThrown(e) => Some(format!("exception: {:?}", e.params.exception_details.text)),
            Event::RuntimeConsoleAPICalled(e)
                if matches!(e.params.Type, Runtime::ConsoleAPICalledEventTypeOption::Error) =>
            {
                Some(format!("console.error: {:?}", e.params.args.iter().map(|a| &a.value).collect::<Vec<_>>()))
            }
            Event::LogEntryAdded(e) if matches!(e.params.entry.level, Log::LogEntryLevel::Error) => {
                Some(format!("{:?}: {}", e.params.entry.source, e.params.entry.text))
            }
            _ => None,
        };
        if let Some(error) = error {
            seen.lock().unwrap().push(error);
        }
    }))
    .unwrap();
    errors
}

/// Runs an axe-core audit (WCAG 2.0/2.1 A and AA rules) on the tab's current page and
/// returns one line per violation (rule id, impact, first failing element).
pub fn axe_violations(tab: &headless_chrome::Tab) -> Option<Vec<String>> {
    let Some(source) = axe_source() else {
        skipped("axe-core not installed (`npm ci` in tests/ failed): its audit did not run");
        return None;
    };
    tab.evaluate(source, false).expect("axe-core loads");
    let script = r#"axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
        .then(r => JSON.stringify(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))"#;
    let result = tab.evaluate(script, true).expect("axe-core runs");
    let json = result.value.expect("axe returns a result");
    Some(serde_json::from_str(json.as_str().unwrap()).unwrap())
}

/// A copy of the bundled site (content, exercises, settings, theme) in a fresh folder, to
/// run the binary in it the way the README says: in the site's own folder, with no flags.
pub fn copy_of_bundled_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "exercises", "themes", "site.yaml"] {
        copy_tree(&repo().join(part), &dir.path().join(part));
    }
    dir
}

/// A copy of the fixture site `tests/fixtures/NAME` (a site too long to write inline) in a
/// fresh folder.
pub fn fixture_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("tests/fixtures").join(name), dir.path());
    dir
}

/// Copies the file or folder `from` to `to`.
fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// Points in a millimetre, the unit of PDF page boxes.
pub const PT_PER_MM: f64 = 72.0 / 25.4;

/// Each page's (width, height) in points from the PDF box `key` (`MediaBox`, `TrimBox`, …).
pub fn pdf_page_sizes(document: &lopdf::Document, key: &str) -> Vec<(f64, f64)> {
    document
        .get_pages()
        .values()
        .map(|id| {
            let page = document.get_dictionary(*id).unwrap();
            let media = page.get(key.as_bytes()).unwrap().as_array().unwrap();
            let n: Vec<f64> = media.iter().map(|v| v.as_float().map(f64::from).unwrap()).collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
}

/// Whether (width, height) in points is A4 portrait, to a point.
pub fn is_a4((w, h): (f64, f64)) -> bool {
    (w - 210.0 * PT_PER_MM).abs() <= 1.0 && (h - 297.0 * PT_PER_MM).abs() <= 1.0
}
