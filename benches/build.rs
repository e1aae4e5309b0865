//! Benchmark (not a test): full `trappa build` of a generated corpus, and Hugo's build of the
//! same text when `hugo` is on the PATH, from alternating runs.
//!
//! cargo bench --bench build -- [PAGES ...]        (default: 1000 5000)
//! TRAPPA_BENCH_RUNS=N  runs per tool and size (default 5)
//!
//! For each size it prints the median wall time, the median CPU time (user + sys of the child,
//! from /usr/bin/time), the largest peak RSS, pages per second and Hugo's ratio, then how
//! much each size costs over the one before. Each round runs every size (trappa, then Hugo).
//! The corpus (benches/support/corpus.rs, seed 42) and the output are written under the
//! target folder, on disk rather than tmpfs, as a real build is.

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
    // Every size in each round, so that a drift in the machine's speed (shared with others)
    // falls on all sizes alike and the growth from one size to the next is compared fairly.
    let builds: Vec<Build> = sizes.iter().map(|&pages| Build::new(&work, pages, hugo.is_some())).collect();
    let report = work.join("time.txt");
    // One warm-up each: the page cache holds the sources, an old output exists to replace.
    for build in &builds {
        timed(&trappa, &build.trappa_args(), &report);
        if let Some(h) = &hugo {
            timed(h, &build.hugo_args(), &report);
        }
    }
    let mut ours: Vec<Vec<Run>> = builds.iter().map(|_| Vec::new()).collect();
    let mut theirs: Vec<Vec<Run>> = builds.iter().map(|_| Vec::new()).collect();
    for _ in 0..runs {
        for (n, build) in builds.iter().enumerate() {
            ours[n].push(timed(&trappa, &build.trappa_args(), &report));
            if let Some(h) = &hugo {
                theirs[n].push(timed(h, &build.hugo_args(), &report));
            }
        }
    }
    let range = |s: &Summary| {
        format!(
            "{:.2} s ({:.2}–{:.2})",
            s.wall,
            s.walls.iter().copied().fold(f64::MAX, f64::min),
            s.walls.iter().copied().fold(0.0, f64::max)
        )
    };
    for (n, build) in builds.iter().enumerate() {
        let t = summarize(&ours[n]);
        let mut row = format!(
            "| {} | {} | {:.2} s | {:.0} MB | {:.0} |",
            build.pages,
            range(&t),
            t.cpu,
            t.rss_mb,
            build.pages as f64 / t.wall.max(0.001)
        );
        if theirs[n].is_empty() {
            row.push_str(" | | | |");
        } else {
            let h = summarize(&theirs[n]);
            row.push_str(&format!(" {} | {:.2} s | {:.0} MB | {:.2} |", range(&h), h.cpu, h.rss_mb, t.wall / h.wall));
        }
        println!("{row}");
    }
    // The growth from each size to the next, round by round (runs close in time), then the median.
    for n in 1..builds.len() {
        let (small, large) = (&ours[n - 1], &ours[n]);
        let growth = |of: fn(&Run) -> f64| median(small.iter().zip(large).map(|(s, l)| of(l) / of(s)).collect());
        println!(
            "{} → {} pages ({:.1}× the pages): wall {:.2}×, CPU {:.2}×, peak {:.2}× (median of each round's ratio)",
            builds[n - 1].pages,
            builds[n].pages,
            builds[n].pages as f64 / builds[n - 1].pages as f64,
            growth(|r| r.wall),
            growth(|r| r.cpu),
            growth(|r| r.rss_mb),
        );
    }
}

/// One size's corpus (for trappa and, with Hugo, for Hugo) and output folders.
struct Build {
    pages: usize,
    plain: PathBuf,
    out: PathBuf,
    hugo_site: PathBuf,
    hugo_out: PathBuf,
}

impl Build {
    fn new(work: &Path, pages: usize, with_hugo: bool) -> Self {
        let build = Build {
            pages,
            plain: work.join(format!("plain-{pages}")),
            out: work.join(format!("out-{pages}")),
            hugo_site: work.join(format!("hugo-{pages}")),
            hugo_out: work.join(format!("hugo-out-{pages}")),
        };
        corpus::generate(&build.plain, pages, corpus::Flavor::Plain, 42).unwrap();
        if with_hugo {
            corpus::generate(&build.hugo_site, pages, corpus::Flavor::Hugo, 42).unwrap();
        }
        build
    }

    fn trappa_args(&self) -> [&str; 5] {
        ["build", "--root", self.plain.to_str().unwrap(), "--out", self.out.to_str().unwrap()]
    }

    fn hugo_args(&self) -> [&str; 5] {
        ["--quiet", "--source", self.hugo_site.to_str().unwrap(), "--destination", self.hugo_out.to_str().unwrap()]
    }
}
