//! Benchmark (not a test): time from saving a page to the live-reload event of
//! `trappa serve`, and to the search index holding the edit's new word (and no longer the
//! previous edit's), median and p95 of 20 edits, for the bundled site and any other sites
//! given as arguments (e.g. a 5,000-page corpus of benches/support/corpus.rs).
//!
//! cargo bench --bench reload -- [SITE ...]
//! cargo bench --bench reload -- --pages 5000     (generates the corpus of the build bench)
//!
//! Each site is copied to a temporary folder first, so the edits never touch the sources.

#[path = "support/corpus.rs"]
mod corpus;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

const EDITS: usize = 20;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut sites: Vec<PathBuf> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--pages" {
            let pages: usize = args.get(i + 1).and_then(|n| n.parse().ok()).expect("--pages N");
            let site = std::env::temp_dir().join(format!("trappa-reload-corpus-{pages}"));
            corpus::generate(&site, pages, corpus::Flavor::Plain, 42).unwrap();
            sites.push(site);
            i += 2;
        } else {
            if !args[i].starts_with("--") {
                sites.push(PathBuf::from(&args[i]));
            }
            i += 1;
        }
    }
    if sites.is_empty() {
        sites.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    }
    for site in sites {
        measure(&site);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let name = entry.file_name();
        if [".git", "target", "public", ".trappa-serve", "node_modules"].iter().any(|n| name == *n) {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        if src.is_dir() { copy_dir(&src, &dst) } else { std::fs::copy(&src, &dst).map(|_| ()).unwrap() }
    }
}

/// A page to edit: the first Markdown file of the first section under content/.
fn page_to_edit(root: &Path) -> PathBuf {
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(root.join("content")).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dirs[0])
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    pages.sort();
    pages[0].clone()
}

fn measure(site: &Path) {
    let temp = std::env::temp_dir().join(format!("trappa-reload-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&temp);
    copy_dir(site, &temp);
    let mut child = Command::new(env!("CARGO_BIN_EXE_trappa"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&temp)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut pages = 0;
    let addr = loop {
        let line = lines.next().unwrap().unwrap();
        if let Some(n) = line.strip_prefix("built ").and_then(|l| l.split(' ').next()) {
            pages = n.parse().unwrap_or(0);
        }
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});

    let mut stream = TcpStream::connect(&addr).unwrap();
    write!(stream, "GET /__trappa/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let (sender, events) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if line.starts_with("event: ") && sender.send((line, Instant::now())).is_err() {
                return;
            }
        }
    });
    std::thread::sleep(Duration::from_millis(300));

    let page = page_to_edit(&temp);
    let original = std::fs::read_to_string(&page).unwrap();
    let terms = temp.join(".trappa-serve/search/t");
    let mut times = Vec::new();
    let mut indexed = Vec::new();
    for i in 0..EDITS {
        let saved = Instant::now();
        // A word of its own for each edit, which the stemmer leaves as it is.
        std::fs::write(&page, format!("{original}\nÄndring q{i}q.\n")).unwrap();
        let (event, at) = events.recv_timeout(Duration::from_secs(30)).expect("a reload event");
        assert_eq!(event, "event: reload");
        times.push(at.duration_since(saved));
        let (new, old) = (format!("[\"q{i}q\","), format!("[\"q{}q\",", i.wrapping_sub(1)));
        loop {
            let shards = term_shards(&terms);
            if shards.contains(&new) && !shards.contains(&old) {
                indexed.push(saved.elapsed());
                break;
            }
            assert!(saved.elapsed() < Duration::from_secs(30), "the search index never showed the edit");
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&temp);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let figures = |mut times: Vec<Duration>| {
        times.sort();
        format!(
            "median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            ms(times[EDITS / 2]),
            ms(times[EDITS * 95 / 100]),
            ms(times[EDITS - 1])
        )
    };
    println!(
        "{}: {pages} pages, editing {}, over {EDITS} edits:\n  save → reload event: {}\n  save → search index has the edit: {}",
        site.display(),
        page.strip_prefix(&temp).unwrap().display(),
        figures(times),
        figures(indexed)
    );
}

/// The term shards of the search index as one text (read while `serve` may replace them).
fn term_shards(dir: &Path) -> String {
    let Ok(entries) = std::fs::read_dir(dir) else { return String::new() };
    entries.flatten().filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect()
}
