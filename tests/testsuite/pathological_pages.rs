//! Pathological pages just under the size cap (4 MB): every one is built or refused with a
//! clear message, and the whole run stays well under 1 GB. The builds run in a child process
//! of their own (this test binary again, running only this test), so that the process's peak
//! memory (VmHWM) is theirs and not that of the other tests sharing the binary.

use std::path::Path;

use trappa::site::{BuildOptions, build};

/// The process's peak resident memory in MB, from /proc.
fn peak_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() / 1024
}

fn build_page(name: &str, body: &str) -> Result<usize, String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/_index.md"), "---\ntitle: Start\n---\nHej.\n").unwrap();
    std::fs::write(dir.path().join("content/stor.md"), format!("---\ntitle: Stor\n---\n{body}")).unwrap();
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        out: None,
        drafts: false,
        external_links: false,
        require_front_matter: false,
        strict: false,
    };
    let result =
        build(&options).map(|r| r.pages).map_err(|d| d.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"));
    eprintln!("{name}: {} bytes, peak so far {} MB", body.len(), peak_mb());
    result
}

fn repeat_to(line: impl Fn(usize) -> String, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 100);
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&line(i));
        i += 1;
    }
    text
}

/// Set in the child process that runs the builds.
const CHILD: &str = "TRAPPA_TEST_PATHOLOGICAL_CHILD";

#[test]
fn pages_just_under_the_size_cap_stay_under_a_gigabyte() {
    if std::env::var_os(CHILD).is_none() {
        // The test's name as libtest knows it: its path without the crate's name.
        let name = format!(
            "{}::pages_just_under_the_size_cap_stay_under_a_gigabyte",
            module_path!().split_once("::").unwrap().1
        );
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args([name.as_str(), "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD, "1")
            .output()
            .unwrap();
        let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        eprintln!("{stderr}");
        assert!(output.status.success(), "the builds in a process of their own failed:\n{stdout}\n{stderr}");
        assert!(stdout.contains("1 passed"), "the child process ran no test: {stdout}");
        return;
    }
    const NEAR_CAP: usize = 4_150_000;
    assert!(Path::new("/proc/self/status").is_file(), "this test reads Linux's /proc");

    // Half a million one-line headings: refused at the first heading over the limit.
    let headings = repeat_to(|i| format!("# H{i}\n"), NEAR_CAP);
    let err = build_page("headings", &headings).unwrap_err();
    assert!(err.contains("content/stor.md:2004:1: error: the page has more than 2000 headings"), "{err}");
    assert!(err.contains("hint: split the page"), "{err}");

    // The same number of lines as plain paragraphs, links to the page itself, list items
    // and table rows: built (they cost little per line).
    let paragraphs = repeat_to(|i| format!("Stycke {i} med några ord.\n\n"), NEAR_CAP);
    assert_eq!(build_page("paragraphs", &paragraphs), Ok(2));
    let links = repeat_to(|i| format!("[länk {i}](stor.md)\n"), NEAR_CAP);
    assert_eq!(build_page("links", &links), Ok(2));
    let items = repeat_to(|i| format!("- punkt {i}\n"), NEAR_CAP);
    assert_eq!(build_page("list items", &items), Ok(2));
    let table = format!("| a | b |\n|---|---|\n{}", repeat_to(|i| format!("| {i} | x |\n"), NEAR_CAP - 20));
    assert_eq!(build_page("table rows", &table), Ok(2));

    let peak = peak_mb();
    assert!(peak < 1024, "peak memory {peak} MB over all the pages");
}
