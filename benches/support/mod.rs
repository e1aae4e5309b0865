//! What the benchmarks share: a headless Chromium, a loopback server for a built site,
//! gzipped sizes and percentiles.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

/// Serves `dir` on a free loopback port for the rest of the run; returns the root URL.
pub fn serve(dir: &Path) -> String {
    let (server, addr) =
        trappa::serve::bind(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 0).expect("a free port");
    let dir = dir.to_path_buf();
    std::thread::spawn(move || trappa::serve::run(&server, &dir));
    format!("http://{addr}/")
}

/// Headless Chromium, if one is installed (a benchmark reports what it cannot measure).
pub fn browser() -> Option<headless_chrome::Browser> {
    let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().map(PathBuf::from).find(|p| p.is_file())?;
    let args: Vec<&std::ffi::OsStr> =
        ["--disable-gpu", "--disable-background-networking", "--no-first-run", "--allow-file-access-from-files"]
            .iter()
            .map(std::ffi::OsStr::new)
            .collect();
    let options = headless_chrome::LaunchOptions {
        path: Some(path),
        headless: true,
        sandbox: false,
        args,
        idle_browser_timeout: Duration::from_secs(600),
        ..Default::default()
    };
    Some(headless_chrome::Browser::new(options).expect("Chromium starts"))
}

pub fn percentile(values: &[f64], p: usize) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}
