//! `trappa serve` end to end: a real server process on a fixture site, edited while it runs.
//! Checks the reload event and the new content over HTTP, error events for broken content
//! (with the last good page still served), deletions, and refusal of path traversal.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::{HOME, site};

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path) -> Server {
    start_with(Command::new(assert_cmd::cargo::cargo_bin("trappa")).args(["serve", "--port", "0", "--root"]).arg(root))
}

fn start_with(command: &mut Command) -> Server {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve prints its address").unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.trim_end_matches(['/', ')', ' ']).split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, addr }
}

fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response)
}

/// Subscribes to the live-reload events; yields `(event, data)` pairs.
fn events(addr: SocketAddr) -> Receiver<(String, String)> {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET /__trappa/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let (mut event, mut data) = (String::new(), String::new());
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(d) = line.strip_prefix("data:") {
                data.push_str(d.trim_start());
                data.push('\n');
            } else if line.is_empty()
                && !event.is_empty()
                && sender.send((std::mem::take(&mut event), std::mem::take(&mut data))).is_err()
            {
                return;
            }
        }
    });
    receiver
}

fn next_event(events: &Receiver<(String, String)>) -> (String, String) {
    events.recv_timeout(Duration::from_secs(10)).expect("an event within 10 s")
}

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
    let waited = Instant::now();
    while !index_has("Andra versionen") && waited.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(index_has("Andra versionen") && !index_has("Första versionen"), "the search index has the edit");

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

/// `--open` hands the preview's address to the desktop's opener (here a stand-in
/// `xdg-open` that records it); without the flag nothing is opened.
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

    let server = start_with(&mut trappa());
    assert_eq!(get(server.addr, "/index.html").0, 200);
    drop(server);
    assert!(!record.exists(), "serve without --open opened {:?}", std::fs::read_to_string(&record));

    let server = start_with(trappa().arg("--open"));
    let started = Instant::now();
    while !record.exists() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let opened = std::fs::read_to_string(&record).expect("--open ran the opener");
    assert_eq!(opened.trim(), format!("http://{}/", server.addr));
}
