//! Benchmark (not a test) of site search on a large site, e.g. the 5,000-page corpus:
//!
//! ```sh
//! python3 ../shared/bench/gen_corpus.py /tmp/corpus5000 5000 --flavor plain
//! cargo bench --bench search -- /tmp/corpus5000 [--pagefind /tmp/pf/node_modules/.bin/pagefind]
//! ```
//!
//! Reports the index build time; the index bytes, raw and gzipped, against the bytes of the
//! text indexed; and for 50 queries in headless Chromium over HTTP, the bytes loaded before
//! the results are shown and the query time: cold (a fresh page: the files the query needs
//! are loaded first) and warm (the same query again). With `--pagefind`, Pagefind indexes
//! the same built site and the same queries run through its JavaScript API, for comparison.
//! Without a site argument the bundled site is measured.

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use support::{browser, gzip_len, percentile, serve};
use trappa::search;
use trappa::site;

const QUERIES: [&str; 50] = [
    "jämställdhet",
    "jamstalldhet",
    "socialtjänst",
    "bemötande",
    "bedömning",
    "insatser",
    "handläggare",
    "fallgropar",
    "fallgrop",
    "checklista",
    "checklistor",
    "reflektion",
    "övning",
    "ovningar",
    "trappan",
    "kunskap",
    "kompetens",
    "analys",
    "uppföljning",
    "statistik",
    "könsuppdelad",
    "klient",
    "försörjningsstöd",
    "bistånd",
    "familj",
    "barnen",
    "föräldrar",
    "våld",
    "vald",
    "kvinnor",
    "män",
    "flickor",
    "pojkar",
    "likvärdig",
    "handlingsplan",
    "likvärdiga krav",
    "kvinnor och män",
    "ekonomiskt bistånd",
    "flickor och pojkar",
    "könsuppdelad statistik",
    "handläggare beslut",
    "våld i relation",
    "arbete praktik utbildning",
    "jämställdhet i socialtjänsten",
    "sjukintyg planering",
    "rättssäker träffsäker",
    "arbetsplatsmöte värderingar",
    "normer och föreställningar",
    "implementering förankring",
    "observatör rollspel",
];

/// Results shown by the search box; the bytes before the first result include their records.
const SHOWN: usize = 8;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let pagefind = args.iter().position(|a| a == "--pagefind").map(|i| PathBuf::from(&args[i + 1]));
    let root = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--pagefind"))
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), |(_, a)| PathBuf::from(a));

    let started = Instant::now();
    let rendered = site::assembled(&root, false).unwrap_or_else(|d| panic!("the site builds: {d:?}"));
    println!("{}: {} pages, Markdown stage {:.2?}", root.display(), rendered.content.pages.len(), started.elapsed());

    let mut builds = Vec::new();
    let mut index = None;
    for _ in 0..3 {
        let started = Instant::now();
        // The text is copied: the build takes it and lets it go as it goes.
        let texts = rendered.texts.iter().map(|text| text.as_ref().clone()).collect();
        let none = Default::default();
        let sources = search::sources(&rendered.content, &none);
        let built = search::index::build(&sources, texts, &rendered.setup.config.language);
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        search::shard::each_file(&built, &mut |rel, bytes| files.push((rel.to_string(), bytes.to_vec())));
        builds.push(started.elapsed());
        index = Some((built, files));
    }
    builds.sort();
    let (index, files) = index.expect("built");
    println!("index build (terms, postings, files; 3 runs): best {:.2?}, median {:.2?}", builds[0], builds[1]);

    let out = std::env::temp_dir().join(format!("trappa-search-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    site::write_site(rendered, Some(&out)).unwrap_or_else(|d| panic!("the site is written: {d:?}"));
    report_sizes(&files, index.text_bytes);

    let Some(browser) = browser() else {
        println!("no Chromium found: query times not measured");
        return;
    };
    let base = serve(&out);
    let gzipped = GzipSizes::new(&out);
    let trappa = run_queries(&browser, &format!("{base}index.html"), TRAPPA_QUERY, "/search/", &gzipped);
    summarise("trappa", &trappa);

    if let Some(pagefind) = pagefind {
        let started = Instant::now();
        let status = std::process::Command::new(&pagefind).arg("--site").arg(&out).status().expect("pagefind runs");
        assert!(status.success(), "pagefind indexes the site");
        println!("\nPagefind index build (whole CLI run): {:.2?}", started.elapsed());
        let (count, raw, gz) = folder_size(&out.join("pagefind"));
        println!(
            "Pagefind files: {count}, {:.2} MB (its files are compressed already; gzip again: {:.2} MB)",
            mb(raw),
            mb(gz)
        );
        std::fs::write(out.join("pagefind-bench.html"), PAGEFIND_PAGE).unwrap();
        std::fs::write(out.join("pagefind-bench.js"), PAGEFIND_SCRIPT).unwrap();
        let measured =
            run_queries(&browser, &format!("{base}pagefind-bench.html"), PAGEFIND_QUERY, "/pagefind/", &gzipped);
        summarise("Pagefind", &measured);
    }
    let _ = std::fs::remove_dir_all(&out);
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn report_sizes(files: &[(String, Vec<u8>)], text_bytes: usize) {
    let mut kinds: Vec<(&str, usize, usize, usize)> = Vec::new();
    for (name, prefix) in [("meta", "search/meta"), ("term shards", "search/t/"), ("page records", "search/r/")] {
        let chosen: Vec<&Vec<u8>> = files.iter().filter(|(p, _)| p.starts_with(prefix)).map(|(_, b)| b).collect();
        let raw = chosen.iter().map(|b| b.len()).sum();
        let gz = chosen.iter().map(|b| gzip_len(b)).sum();
        kinds.push((name, chosen.len(), raw, gz));
    }
    let raw: usize = kinds.iter().map(|k| k.2).sum();
    let gz: usize = kinds.iter().map(|k| k.3).sum();
    println!("text indexed: {:.2} MB", mb(text_bytes));
    for (name, count, r, g) in &kinds {
        println!("  {name}: {count} files, {:.2} MB raw, {:.2} MB gzipped", mb(*r), mb(*g));
    }
    println!(
        "index: {} files, {:.2} MB raw ({:.1} % of the text), {:.2} MB gzipped ({:.1} % of the text)",
        files.len(),
        mb(raw),
        100.0 * raw as f64 / text_bytes as f64,
        mb(gz),
        100.0 * gz as f64 / text_bytes as f64
    );
}

/// (files, raw bytes, gzipped bytes) of every file under `dir`.
fn folder_size(dir: &Path) -> (usize, usize, usize) {
    let mut totals = (0, 0, 0);
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let bytes = std::fs::read(entry.path()).unwrap();
        totals = (totals.0 + 1, totals.1 + bytes.len(), totals.2 + gzip_len(&bytes));
    }
    totals
}

/// Gzipped sizes of the output's files by URL path, computed once each.
struct GzipSizes {
    root: PathBuf,
    known: std::cell::RefCell<HashMap<String, usize>>,
}

impl GzipSizes {
    fn new(root: &Path) -> Self {
        GzipSizes { root: root.to_path_buf(), known: Default::default() }
    }

    fn of(&self, url_path: &str) -> usize {
        let mut known = self.known.borrow_mut();
        *known.entry(url_path.to_string()).or_insert_with(|| {
            let path = self.root.join(url_path.trim_start_matches('/'));
            std::fs::read(&path).map(|b| gzip_len(&b)).unwrap_or(0)
        })
    }
}

/// One query in a fresh page: `SEARCH(q)` resolves when the first SHOWN results with their
/// titles and text are ready. Returns JSON {cold, warm, results, files: [[url, bytes]]}.
const MEASURE: &str = "(async () => {
  await READY;
  performance.clearResourceTimings();
  const q = QUERY;
  let t = performance.now();
  const results = await SEARCH(q);
  const cold = performance.now() - t;
  t = performance.now();
  await SEARCH(q);
  const warm = performance.now() - t;
  const files = performance.getEntriesByType('resource')
    .filter(e => e.name.includes(PREFIX)).map(e => [new URL(e.name).pathname, e.encodedBodySize]);
  return JSON.stringify({cold, warm, results, files});
})()";

const TRAPPA_QUERY: (&str, &str) = ("Promise.resolve()", "(q => trappaSearch.search(q, SHOWN).then(r => r.length))");

const PAGEFIND_QUERY: (&str, &str) = (
    "window.pagefindReady",
    "(q => pagefind.search(q).then(s => Promise.all(s.results.slice(0, SHOWN).map(r => r.data())).then(() => s.results.length)))",
);

const PAGEFIND_PAGE: &str = "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Pagefind</title>\
     <script type=\"module\" src=\"pagefind-bench.js\"></script></head><body></body></html>\n";

const PAGEFIND_SCRIPT: &str = "window.pagefindReady = import('./pagefind/pagefind.js').then(async (module) => {\n\
     window.pagefind = module;\n  await module.init();\n});\n";

struct Measured {
    cold: Vec<f64>,
    warm: Vec<f64>,
    /// (query, bytes raw, bytes gzipped, results) for one-word queries.
    one_word_bytes: Vec<(String, usize, usize, u64)>,
}

fn run_queries(
    browser: &headless_chrome::Browser,
    page: &str,
    (ready, search): (&str, &str),
    prefix: &str,
    gzipped: &GzipSizes,
) -> Measured {
    let tab = browser.new_tab().unwrap();
    let mut measured = Measured { cold: Vec::new(), warm: Vec::new(), one_word_bytes: Vec::new() };
    for query in QUERIES {
        tab.navigate_to(page).unwrap().wait_until_navigated().unwrap();
        let script = MEASURE
            .replace("READY", ready)
            .replace("SEARCH", &search.replace("SHOWN", &SHOWN.to_string()))
            .replace("QUERY", &serde_json::to_string(query).unwrap())
            .replace("PREFIX", &serde_json::to_string(prefix).unwrap());
        let value = tab.evaluate(&script, true).expect("the query runs").value.expect("a result");
        let result: serde_json::Value = serde_json::from_str(value.as_str().unwrap()).unwrap();
        measured.cold.push(result["cold"].as_f64().unwrap());
        measured.warm.push(result["warm"].as_f64().unwrap());
        if !query.contains(' ') {
            let files = result["files"].as_array().unwrap();
            let raw = files.iter().map(|f| f[1].as_u64().unwrap() as usize).sum();
            let gz = files.iter().map(|f| gzipped.of(f[0].as_str().unwrap())).sum();
            measured.one_word_bytes.push((query.to_string(), raw, gz, result["results"].as_u64().unwrap_or(0)));
        }
    }
    measured
}

fn summarise(name: &str, m: &Measured) {
    println!("\n{name}: {} queries in Chromium over HTTP (first {SHOWN} results with their text)", QUERIES.len());
    println!(
        "  query time cold (fresh page, files loaded as needed): median {:.1} ms, p95 {:.1} ms",
        percentile(&m.cold, 50),
        percentile(&m.cold, 95)
    );
    println!(
        "  query time warm (the same query again): median {:.1} ms, p95 {:.1} ms",
        percentile(&m.warm, 50),
        percentile(&m.warm, 95)
    );
    let raw: Vec<f64> = m.one_word_bytes.iter().map(|b| b.1 as f64).collect();
    let gz: Vec<f64> = m.one_word_bytes.iter().map(|b| b.2 as f64).collect();
    println!(
        "  bytes loaded before the first results of a one-word query ({} queries): median {:.0} KB raw / {:.0} KB gzipped, max {:.0} KB raw / {:.0} KB gzipped",
        m.one_word_bytes.len(),
        percentile(&raw, 50) / 1000.0,
        percentile(&gz, 50) / 1000.0,
        percentile(&raw, 100) / 1000.0,
        percentile(&gz, 100) / 1000.0
    );
    for (query, raw, gz, results) in &m.one_word_bytes {
        println!(
            "    {query:<18} {:>5.0} KB raw {:>5.0} KB gz  {results} results",
            *raw as f64 / 1000.0,
            *gz as f64 / 1000.0
        );
    }
}
