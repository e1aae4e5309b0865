//! `trappa serve` against `trappa build`: a seeded random sequence of an author's actions on
//! a copy of the bundled site (pages, exercises, sections and `_index.md` added, edited,
//! renamed, moved and deleted; weights, titles, minutes, a component's id and `site.yaml`
//! changed; YAML broken and fixed; images added and removed), applied to a running `trappa
//! serve`. After each step that leaves the content valid, the preview's folder must equal a
//! fresh `trappa build` of the same folder, file for file (the line loading the live-reload
//! script aside).
//! A step that breaks the build is undone by the next one, as an author fixes a mistake.
//!
//! The seed is printed; `SERVE_SEED=N` replays a run, `SERVE_STEPS=N` sets its length
//! (200 by default; `cargo test --release --test testsuite serve_differential:: -- --ignored` runs 1,000).

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::serve::start_with;
use crate::common::{bin, copy_of_bundled_site, stderr};

/// splitmix64: small, seedable, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xff, 0xff, 0x3f, 0x00, 0x05, 0xfe, 0x02, 0xfe, 0xa7, 0xd6, 0xa4, 0x52,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The files a step changed, as they were before it (`None`: the file did not exist), so
/// that a step which broke the build can be undone.
type Undo = Vec<(PathBuf, Option<Vec<u8>>)>;

struct Author {
    root: PathBuf,
    rng: Rng,
    /// Numbers the names and words the author makes up.
    counter: usize,
    undo: Undo,
}

impl Author {
    fn fresh(&mut self) -> usize {
        self.counter += 1;
        self.counter
    }

    /// Remembers `rel` as it is now, then writes `text` (`None`: deletes it).
    fn put(&mut self, rel: &Path, text: Option<&[u8]>) {
        let path = self.root.join(rel);
        if !self.undo.iter().any(|(p, _)| p == rel) {
            self.undo.push((rel.to_path_buf(), std::fs::read(&path).ok()));
        }
        match text {
            Some(bytes) => {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, bytes).unwrap();
            }
            None => {
                let _ = std::fs::remove_file(&path);
                // An emptied folder goes too, as an author deletes a section.
                let parent = path.parent().unwrap();
                if parent != self.root.join("content") && parent != self.root.join("exercises") {
                    let _ = std::fs::remove_dir(parent);
                }
            }
        }
    }

    fn read(&self, rel: &Path) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }

    /// Every file under `dir` (relative to the site) whose name ends with `ext`.
    fn files(&self, dir: &str, ext: &str) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(self.root.join(dir))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(ext))
            .map(|e| e.path().strip_prefix(&self.root).unwrap().to_path_buf())
            .collect();
        files.sort();
        files
    }

    fn pages(&self) -> Vec<PathBuf> {
        let mut pages = self.files("content", ".md");
        pages.extend(self.files("exercises", ".md"));
        pages
    }

    /// The folders of `content/` (sections), the root included.
    fn sections(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = walkdir::WalkDir::new(self.root.join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_dir())
            .map(|e| e.path().strip_prefix(&self.root).unwrap().to_path_buf())
            .collect();
        dirs.sort();
        dirs
    }

    /// The pages this run added (named `ny-…`): safe to rename, move and delete.
    fn own_pages(&self) -> Vec<PathBuf> {
        self.pages().into_iter().filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("ny-")).collect()
    }

    /// Replaces the first line of `rel`'s front matter that starts with `key:` (or adds it).
    fn set_field(&mut self, rel: &Path, key: &str, value: &str) {
        let text = self.read(rel);
        let Some(rest) = text.strip_prefix("---\n") else { return };
        let Some(end) = rest.find("\n---") else { return };
        let mut lines: Vec<String> = rest[..end].lines().map(String::from).collect();
        let line = format!("{key}: {value}");
        match lines.iter().position(|l| l.starts_with(&format!("{key}:"))) {
            Some(i) => lines[i] = line,
            None => lines.push(line),
        }
        let new = format!("---\n{}{}", lines.join("\n"), &rest[end..]);
        self.put(rel, Some(new.as_bytes()));
    }

    /// One action, described for the log.
    fn act(&mut self) -> String {
        let n = self.fresh();
        let pages = self.pages();
        let sections = self.sections();
        match self.rng.below(17) {
            0 | 1 => {
                let section = self.rng.pick(&sections).unwrap().clone();
                let rel = section.join(format!("ny-sida-{n}.md"));
                let text = format!("---\ntitle: Ny sida {n}\nweight: {}\n---\nHej. Ordet nyord{n} står här.\n", n % 7);
                self.put(&rel, Some(text.as_bytes()));
                format!("add page {}", rel.display())
            }
            2 | 3 => {
                let rel = self.rng.pick(&pages).unwrap().clone();
                let mut text = self.read(&rel);
                text.push_str(&format!("\nEtt nytt stycke med ordet tillagt{n}.\n"));
                self.put(&rel, Some(text.as_bytes()));
                format!("edit body of {}", rel.display())
            }
            4 => {
                let rel = self.rng.pick(&pages).unwrap().clone();
                self.set_field(&rel, "title", &format!("Ny titel {n}"));
                format!("change title of {}", rel.display())
            }
            5 => {
                let rel = self.rng.pick(&pages).unwrap().clone();
                let weight = self.rng.below(100);
                self.set_field(&rel, "weight", &weight.to_string());
                format!("change weight of {} to {weight}", rel.display())
            }
            6 => {
                let index: Vec<PathBuf> = pages.iter().filter(|p| p.ends_with("_index.md")).cloned().collect();
                let rel = self.rng.pick(&index).unwrap().clone();
                if self.rng.below(2) == 0 {
                    self.set_field(&rel, "title", &format!("Avsnitt {n}"));
                } else {
                    let weight = self.rng.below(100);
                    self.set_field(&rel, "weight", &weight.to_string());
                }
                format!("change a section's _index.md: {}", rel.display())
            }
            7 => {
                // Rename: mostly a page of this run's; sometimes one of the material's (whose
                // links then break, and the next step undoes it).
                let own = self.own_pages();
                let rel = match (self.rng.below(4), self.rng.pick(&own)) {
                    (0, _) | (_, None) => self.rng.pick(&pages).unwrap().clone(),
                    (_, Some(p)) => p.clone(),
                };
                let to = rel.with_file_name(format!("ny-namn-{n}.md"));
                let text = std::fs::read(self.root.join(&rel)).unwrap();
                self.put(&rel, None);
                self.put(&to, Some(&text));
                format!("rename {} to {}", rel.display(), to.display())
            }
            8 => {
                let own: Vec<PathBuf> = self.own_pages().into_iter().filter(|p| p.starts_with("content")).collect();
                let Some(rel) = self.rng.pick(&own).cloned() else { return "move: no page of this run".into() };
                let to = self.rng.pick(&sections).unwrap().join(rel.file_name().unwrap());
                if to == rel {
                    return "move: to its own folder".into();
                }
                let text = std::fs::read(self.root.join(&rel)).unwrap();
                self.put(&rel, None);
                self.put(&to, Some(&text));
                format!("move {} to {}", rel.display(), to.display())
            }
            9 => {
                let own = self.own_pages();
                let rel = match (self.rng.below(5), self.rng.pick(&own)) {
                    (0, _) | (_, None) => self.rng.pick(&pages).unwrap().clone(),
                    (_, Some(p)) => p.clone(),
                };
                self.put(&rel, None);
                format!("delete {}", rel.display())
            }
            10 => {
                let dir = PathBuf::from(format!("content/ny-avsnitt-{n}"));
                let weight = self.rng.below(100);
                let index = format!("---\ntitle: Nytt avsnitt {n}\nweight: {weight}\n---\nOm avsnittet.\n");
                self.put(&dir.join("_index.md"), Some(index.as_bytes()));
                self.put(
                    &dir.join(format!("ny-sida-{n}.md")),
                    Some(format!("---\ntitle: Sida {n}\n---\nText.\n").as_bytes()),
                );
                format!("add section {}", dir.display())
            }
            11 => {
                let rel = PathBuf::from(format!("exercises/ny-ovning-{n}.md"));
                let text = format!(
                    "---\ntitle: Ny övning {n}\nduration: 15\nmaterials: [papper]\n---\n\n## Syfte\n\nAtt öva.\n\n\
                     ## Så här gör du\n\n1. Börja. (5 minuter)\n2. Fortsätt. (10 minuter)\n\n## Frågor till gruppen\n\n- Vad hände?\n"
                );
                self.put(&rel, Some(text.as_bytes()));
                format!("add exercise {}", rel.display())
            }
            12 => {
                // A step's minutes (the plans' clock times follow).
                let exercises = self.files("exercises", ".md");
                let rel = self.rng.pick(&exercises).unwrap().clone();
                let text = self.read(&rel);
                let Some(at) = text.find(" minuter)") else { return format!("minutes: none in {}", rel.display()) };
                let start = text[..at].rfind('(').unwrap() + 1;
                let new = format!("{}{}{}", &text[..start], 1 + self.rng.below(20), &text[at..]);
                self.put(&rel, Some(new.as_bytes()));
                format!("change a step's minutes in {}", rel.display())
            }
            13 => {
                // A component's id (what points at it then breaks, and is undone).
                let with_ids: Vec<PathBuf> =
                    pages.iter().filter(|p| self.read(p).contains("\nid: ")).cloned().collect();
                let rel = self.rng.pick(&with_ids).unwrap().clone();
                let text = self.read(&rel);
                let at = text.find("\nid: ").unwrap() + 5;
                let end = at + text[at..].find('\n').unwrap();
                let new = format!("{}{}-{n}{}", &text[..at], &text[at..end], &text[end..]);
                self.put(&rel, Some(new.as_bytes()));
                format!("change the id {} in {}", &text[at..end], rel.display())
            }
            14 => {
                let text = self.read(Path::new("site.yaml"));
                let new: String =
                    text.lines()
                        .map(|l| {
                            if l.starts_with("description:") {
                                format!("description: Beskrivning {n}")
                            } else {
                                l.into()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                self.put(Path::new("site.yaml"), Some(format!("{new}\n").as_bytes()));
                "change site.yaml's description".into()
            }
            15 => {
                let rel = self.rng.pick(&pages).unwrap().clone();
                let text = self.read(&rel).replacen("title: ", "title: [trasig ", 1);
                self.put(&rel, Some(text.as_bytes()));
                format!("break the YAML of {}", rel.display())
            }
            _ => {
                // An image beside a page, shown on it; or one of this run's taken away again.
                let images = self.files("content", ".png");
                if let (0, Some(image)) = (self.rng.below(2), self.rng.pick(&images).cloned()) {
                    let name = image.file_name().unwrap().to_string_lossy().into_owned();
                    for page in self.pages() {
                        let text = self.read(&page);
                        if text.contains(&name) {
                            let kept: Vec<&str> = text.lines().filter(|l| !l.contains(&name)).collect();
                            self.put(&page, Some(format!("{}\n", kept.join("\n")).as_bytes()));
                        }
                    }
                    self.put(&image, None);
                    return format!("remove image {}", image.display());
                }
                let content_pages: Vec<PathBuf> = pages.iter().filter(|p| p.starts_with("content")).cloned().collect();
                let rel = self.rng.pick(&content_pages).unwrap().clone();
                let name = format!("bild-{n}.png");
                self.put(&rel.with_file_name(&name), Some(PNG));
                let mut text = self.read(&rel);
                text.push_str(&format!("\n![Bild nummer {n}]({name})\n"));
                self.put(&rel, Some(text.as_bytes()));
                format!("add image {name} to {}", rel.display())
            }
        }
    }

    /// Puts back what the last step changed.
    fn undo(&mut self) -> String {
        for (rel, before) in std::mem::take(&mut self.undo).into_iter().rev() {
            let path = self.root.join(&rel);
            match before {
                Some(bytes) => {
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(&path, bytes).unwrap();
                }
                None => {
                    let _ = std::fs::remove_file(&path);
                    let _ = std::fs::remove_dir(path.parent().unwrap());
                }
            }
        }
        "undo the last step".into()
    }
}

/// Every file under `dir`, by path relative to it. The preview's pages lose the line that
/// loads the live-reload script, which only the preview's pages have.
fn tree(dir: &Path, preview: bool) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let mut bytes = std::fs::read(e.path()).ok()?;
            if preview && rel.ends_with(".html") {
                let text = String::from_utf8(bytes).unwrap();
                let kept: Vec<&str> =
                    text.split_inclusive('\n').filter(|l| !l.contains("static/js/reload.js")).collect();
                bytes = kept.concat().into_bytes();
            }
            Some((rel, bytes))
        })
        .collect()
}

/// What differs between two trees, briefly.
fn differences(preview: &BTreeMap<String, Vec<u8>>, built: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut found = Vec::new();
    for (rel, bytes) in built {
        match preview.get(rel) {
            None => found.push(format!("{rel}: missing from the preview")),
            Some(other) if other != bytes => {
                let (a, b) = (String::from_utf8_lossy(other), String::from_utf8_lossy(bytes));
                let line = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
                let show = |t: &str| t.lines().nth(line).unwrap_or("").chars().take(160).collect::<String>();
                found.push(format!("{rel}: line {}: preview {:?}, build {:?}", line + 1, show(&a), show(&b)));
            }
            Some(_) => {}
        }
    }
    found.extend(preview.keys().filter(|k| !built.contains_key(*k)).map(|k| format!("{k}: only in the preview")));
    found
}

fn run(steps: usize) {
    let seed = std::env::var("SERVE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    eprintln!("serve_differential: seed {seed} ({steps} steps); replay with SERVE_SEED={seed}");
    let dir = copy_of_bundled_site();
    let built = tempfile::tempdir().unwrap();
    let out = built.path().join("public");
    let _server = start_with(common::serve::serve_command().current_dir(dir.path()));
    let preview = dir.path().join(".trappa-serve");
    let mut author = Author { root: dir.path().to_path_buf(), rng: Rng(seed), counter: 0, undo: Vec::new() };
    let mut log: Vec<String> = Vec::new();
    let mut broken = false;
    let mut compared = 0;
    for step in 0..steps {
        let what = if broken {
            author.undo()
        } else {
            author.undo.clear();
            author.act()
        };
        log.push(format!("{step}: {what}"));
        let build = bin().args(["build", "--out"]).arg(&out).current_dir(dir.path()).output().unwrap();
        // 0 is built, 3 built with warnings; anything else left the output as it was.
        broken = !matches!(build.status.code(), Some(0 | 3));
        if broken {
            assert!(
                !stderr(&build).contains("panicked"),
                "seed {seed}: the build panicked after\n{}\n{}",
                log.join("\n"),
                stderr(&build)
            );
            if std::env::var_os("SERVE_VERBOSE").is_some() {
                eprintln!("{step}: {what}: the build refused it:\n{}", stderr(&build));
            }
            continue;
        }
        let expected = tree(&out, false);
        let waited = Instant::now();
        loop {
            let found = differences(&tree(&preview, true), &expected);
            if found.is_empty() {
                break;
            }
            if waited.elapsed() > Duration::from_secs(20) {
                let tail = log.len().saturating_sub(12);
                panic!(
                    "seed {seed}: after step {step} the preview differs from a build (replay: SERVE_SEED={seed} SERVE_STEPS={}):\n{}\n\nthe last steps:\n{}",
                    step + 1,
                    found.iter().take(12).cloned().collect::<Vec<_>>().join("\n"),
                    log[tail..].join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(40));
        }
        compared += 1;
    }
    eprintln!("serve_differential: seed {seed}: {compared} of {steps} steps compared equal to a build");
    assert!(compared * 2 >= steps, "seed {seed}: most steps should leave the content valid ({compared} of {steps})");
}

#[test]
fn the_preview_equals_a_fresh_build_after_every_valid_step() {
    let steps = std::env::var("SERVE_STEPS").ok().and_then(|s| s.parse().ok()).unwrap_or(200);
    run(steps);
}

#[test]
#[ignore = "long: 1,000 steps"]
fn the_preview_equals_a_fresh_build_over_a_long_run() {
    run(1000);
}
