//! Benchmark (not a test) of the self-assessment form pages of a site (the bundled one by
//! default): the JavaScript and CSS bytes each form page loads, raw and gzipped, and the time
//! from navigation start to a live form in headless Chromium, opened from file:// and over
//! HTTP (20 fresh loads each).
//!
//! ```sh
//! cargo bench --bench forms [-- SITE]
//! ```

mod support;

use std::path::{Component, Path, PathBuf};

use support::{browser, gzip_len, percentile, serve};
use trappa::site;

const LOADS: usize = 20;

fn main() {
    let root = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let rendered = site::assembled(&root, false).unwrap_or_else(|d| panic!("the site builds: {d:?}"));
    let out = std::env::temp_dir().join(format!("trappa-forms-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    site::write_site(rendered, Some(&out)).unwrap_or_else(|d| panic!("the site is written: {d:?}"));

    let form_pages = form_pages(&out);
    println!("{}: {} form pages", root.display(), form_pages.len());
    for page in &form_pages {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        let (mut js, mut css) = ((0, 0), (0, 0));
        for (asset, is_script) in assets(&html) {
            let bytes = std::fs::read(resolve(&out, page, &asset)).unwrap_or_else(|_| panic!("{page} loads {asset}"));
            let total = if is_script { &mut js } else { &mut css };
            *total = (total.0 + bytes.len(), total.1 + gzip_len(&bytes));
        }
        println!(
            "  {page}: JS {:.1} KB ({:.1} KB gzipped), CSS {:.1} KB ({:.1} KB gzipped), page {:.1} KB gzipped",
            kb(js.0),
            kb(js.1),
            kb(css.0),
            kb(css.1),
            kb(gzip_len(html.as_bytes()))
        );
    }

    let Some(browser) = browser() else {
        println!("no Chromium found: load times not measured");
        return;
    };
    let base = serve(&out);
    let file_base = format!("file://{}/", out.canonicalize().unwrap().display());
    for (how, base) in [("file://", file_base.as_str()), ("HTTP", base.as_str())] {
        let tab = browser.new_tab().unwrap();
        let mut live = Vec::new();
        for page in &form_pages {
            for _ in 0..LOADS {
                tab.navigate_to(&format!("{base}{page}")).unwrap().wait_until_navigated().unwrap();
                live.push(time_to_live_form(&tab));
            }
        }
        println!(
            "navigation start to a live form, {how} ({} loads): median {:.1} ms, p95 {:.1} ms",
            live.len(),
            percentile(&live, 50),
            percentile(&live, 95)
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1000.0
}

/// Output pages with a self-assessment form, handouts (utskrift.html) left out.
fn form_pages(out: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html") && e.file_name() != "utskrift.html")
        .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|h| h.contains("class=\"self-assessment")))
        .map(|e| e.path().strip_prefix(out).unwrap().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    pages
}

/// (href, is a script) of every script and stylesheet a page links.
fn assets(html: &str) -> Vec<(String, bool)> {
    let mut found = Vec::new();
    for tag in html.split('<').filter(|t| t.starts_with("script ") || t.starts_with("link ")) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let is_script = tag.starts_with("script");
        if !is_script && !tag.contains("stylesheet") {
            continue;
        }
        let attribute = if is_script { "src=\"" } else { "href=\"" };
        if let Some(start) = tag.find(attribute) {
            let value = &tag[start + attribute.len()..];
            let value = &value[..value.find('"').unwrap()];
            found.push((value.replace("&#x2f;", "/"), is_script));
        }
    }
    found
}

/// The output file a page's relative link points to.
fn resolve(out: &Path, page: &str, href: &str) -> PathBuf {
    let mut path = PathBuf::new();
    for component in Path::new(page).parent().unwrap().join(href).components() {
        match component {
            Component::ParentDir => {
                path.pop();
            }
            Component::Normal(part) => path.push(part),
            _ => {}
        }
    }
    out.join(path)
}

/// forms.js runs deferred, before DOMContentLoaded; the form is live once it has run.
fn time_to_live_form(tab: &headless_chrome::Tab) -> f64 {
    let script = "new Promise(done => { const check = () => { const n = performance.getEntriesByType('navigation')[0]; \
        if (n && n.domContentLoadedEventEnd > 0 && document.querySelector('.self-assessment.is-live')) done(n.domContentLoadedEventEnd); \
        else setTimeout(check, 5); }; check(); })";
    tab.evaluate(script, true).expect("the form page loads").value.and_then(|v| v.as_f64()).expect("a time")
}
