//! A build killed mid-write (SIGKILL, no chance to clean up) leaves the previous output whole,
//! and the next build succeeds and clears what the killed one left; a build where nothing
//! changed writes no file again. The fixture is the benchmark corpus (benches/support/corpus.rs),
//! big enough that the build is caught while it writes its hidden staging folder
//! (src/output.rs: `.NAME.building-PID` beside the output).

#[path = "../../benches/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn build(site: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trappa"));
    cmd.args(["build", "--root"]).arg(site).arg("--out").arg(out);
    cmd
}

#[test]
fn a_build_killed_mid_write_leaves_the_previous_output_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (site, out) = (dir.path().join("site"), dir.path().join("public"));
    corpus::generate(&site, 1500, corpus::Flavor::Plain, 7).unwrap();
    assert!(build(&site, &out).status().unwrap().success());
    let before = files(&out);
    assert!(before.len() > 1500, "{} files", before.len());

    // An edit, so that a finished second build would differ from the first.
    let page = site.join("content/avsnitt-000/sida-00000.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("\n---\n\n", "\n---\n\nÄndrad mening som bara finns här.\n\n")).unwrap();

    let mut child = build(&site, &out).stdout(std::process::Stdio::null()).spawn().unwrap();
    let staging = dir.path().join(format!(".public.building-{}", child.id()));
    let start = Instant::now();
    let caught = loop {
        if child.try_wait().unwrap().is_some() {
            break false;
        }
        // Mid-write: the staging folder holds some pages already.
        let written = staging.is_dir()
            && walkdir::WalkDir::new(&staging)
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .nth(20)
                .is_some();
        if written {
            child.kill().unwrap(); // SIGKILL on Unix
            child.wait().unwrap();
            break true;
        }
        assert!(start.elapsed() < Duration::from_secs(120), "the build neither wrote nor finished");
        std::thread::sleep(Duration::from_millis(2));
    };
    assert!(caught, "the build finished before it could be killed: make the fixture bigger");
    let after = files(&out);
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "the same files");
    assert!(before == after, "the previous output changed under a killed build");

    // The next build succeeds and shows the edit.
    let output = build(&site, &out).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let page = std::fs::read_to_string(out.join("avsnitt-000/sida-00000/index.html"))
        .or_else(|_| std::fs::read_to_string(out.join("avsnitt-000/sida-00000.html")))
        .expect("the edited page is in the output");
    assert!(page.contains("Ändrad mening som bara finns här."));

    // The killed build's staging folder is cleared; only the last previous output is left
    // aside (for the next build to remove while it works).
    let beside = || -> Vec<String> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".public."))
            .collect()
    };
    let left = beside();
    assert!(!left.iter().any(|n| n.starts_with(".public.building-")), "{left:?}");
    assert!(left.iter().filter(|n| n.starts_with(".public.old-")).count() <= 1, "{left:?}");

    // A build where nothing changed writes no file again: the same files, linked over.
    use std::os::unix::fs::MetadataExt;
    let home = out.join("index.html");
    let before = std::fs::metadata(&home).unwrap();
    assert!(build(&site, &out).status().unwrap().success());
    let after = std::fs::metadata(&home).unwrap();
    assert_eq!((before.ino(), before.mtime_nsec()), (after.ino(), after.mtime_nsec()), "index.html was written again");
    assert_eq!(beside().iter().filter(|n| n.starts_with(".public.old-")).count(), 1, "{:?}", beside());
}
