//! What the benchmarks share: a headless Chromium, a loopback server for a built site,
//! gzipped sizes and percentiles.

#[path = "../../tests/testsuite/common/mod.rs"]
#[allow(dead_code)] // the benches use part of the tests' helpers
mod common;

use std::io::Write;

pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

/// The tests' headless Chromium (a notice when none is installed) and loopback server.
pub use common::{browser, http_server as serve};

pub fn percentile(values: &[f64], p: usize) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}
