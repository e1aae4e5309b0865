//! Benchmark (not a test): full `trappa build` of a generated corpus, and Hugo's build of the
//! same text when `hugo` is on the PATH, from alternating runs.
//!
//! cargo bench --bench build -- [PAGES ...]        (default: 1000 5000)
//! TRAPPA_BENCH_RUNS=N  runs per tool and size (default 5)
//!
//! For each size it prints the median wall time, the median CPU time (user + sys of the child,
//! from /usr/bin/time), the largest peak RSS, pages per second and Hugo's ratio. The corpus
//! (benches/support/corpus.rs, seed 42) and the output are written under the target folder,
//! on disk rather than tmpfs, as a real build is.

#[path = "support/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::Command;

struct Run {
    wall: f64,
    cpu: f64,
    rss_mb: f64,
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Runs `cmd` under /usr/bin/time; panics with its output if it fails.
fn timed(program: &Path, args: &[&str], report: &Path) -> Run {
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%e %U %S %M")
        .arg("-o")
        .arg(report)
        .arg(program)
        .args(args)
        .output()
        .expect("/usr/bin/time (Debian package `time`) runs the builds");
    assert!(
        out.status.success(),
        "{} {args:?} failed:\n{}{}",
        program.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(report).unwrap();
    let f: Vec<f64> = text.lines().last().unwrap().split_whitespace().map(|v| v.parse().unwrap()).collect();
    Run { wall: f[0], cpu: f[1] + f[2], rss_mb: f[3] / 1024.0 }
}

fn hugo() -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join("hugo")).find(|p| p.is_file())
}

struct Summary {
    wall: f64,
    cpu: f64,
    rss_mb: f64,
    walls: Vec<f64>,
}

fn summarize(runs: &[Run]) -> Summary {
    Summary {
        wall: median(runs.iter().map(|r| r.wall).collect()),
        cpu: median(runs.iter().map(|r| r.cpu).collect()),
        rss_mb: runs.iter().map(|r| r.rss_mb).fold(0.0, f64::max),
        walls: runs.iter().map(|r| r.wall).collect(),
    }
}

fn main() {
    let mut sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![1000, 5000];
    }
    let runs: usize = std::env::var("TRAPPA_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5).max(1);
    let trappa = PathBuf::from(env!("CARGO_BIN_EXE_trappa"));
    // target/release/trappa → target/bench-build
    let work = trappa.parent().and_then(Path::parent).unwrap().join("bench-build");
    std::fs::create_dir_all(&work).unwrap();
    let hugo = hugo();
    if hugo.is_none() {
        eprintln!("note: no `hugo` on the PATH, so trappa only (Debian: apt-get install hugo)");
    }
    println!("{runs} alternating runs per tool; corpus and output under {}", work.display());
    println!(
        "| pages | trappa wall (min–max) | trappa CPU | trappa peak | pages/s | Hugo wall (min–max) | Hugo CPU | Hugo peak | wall ratio |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for &pages in &sizes {
        let plain = work.join(format!("plain-{pages}"));
        corpus::generate(&plain, pages, corpus::Flavor::Plain, 42).unwrap();
        let hugo_site = work.join(format!("hugo-{pages}"));
        if hugo.is_some() {
            corpus::generate(&hugo_site, pages, corpus::Flavor::Hugo, 42).unwrap();
        }
        let (out, hugo_out, report) =
            (work.join(format!("out-{pages}")), work.join(format!("hugo-out-{pages}")), work.join("time.txt"));
        let trappa_args = ["build", "--root", plain.to_str().unwrap(), "--out", out.to_str().unwrap()];
        let hugo_args =
            ["--quiet", "--source", hugo_site.to_str().unwrap(), "--destination", hugo_out.to_str().unwrap()];
        // One warm-up each: the page cache holds the sources, an old output exists to replace.
        timed(&trappa, &trappa_args, &report);
        if let Some(h) = &hugo {
            timed(h, &hugo_args, &report);
        }
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            ours.push(timed(&trappa, &trappa_args, &report));
            if let Some(h) = &hugo {
                theirs.push(timed(h, &hugo_args, &report));
            }
        }
        let t = summarize(&ours);
        let range = |s: &Summary| {
            format!(
                "{:.2} s ({:.2}–{:.2})",
                s.wall,
                s.walls.iter().copied().fold(f64::MAX, f64::min),
                s.walls.iter().copied().fold(0.0, f64::max)
            )
        };
        let mut row = format!(
            "| {pages} | {} | {:.2} s | {:.0} MB | {:.0} |",
            range(&t),
            t.cpu,
            t.rss_mb,
            pages as f64 / t.wall.max(0.001)
        );
        if theirs.is_empty() {
            row.push_str(" | | | |");
        } else {
            let h = summarize(&theirs);
            row.push_str(&format!(" {} | {:.2} s | {:.0} MB | {:.2} |", range(&h), h.cpu, h.rss_mb, t.wall / h.wall));
        }
        println!("{row}");
    }
}
