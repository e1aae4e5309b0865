//! trappa's integration tests, as one test binary (as mdBook and Cargo lay theirs out): one
//! module per feature, the helpers in `common`. One binary links the crate (and typst) once,
//! where a binary per file linked it thirty-seven times; a file directly in `tests/` would be
//! a test binary of its own again, so a new test file goes here and gets its `mod` line below
//! (`every_file_here_is_a_module` fails otherwise).
//!
//! The tests share one process: nothing here may set an environment variable or change the
//! current directory of the test process (give them to the child `Command` instead), and a
//! test that measures the process itself runs in a child process of its own
//! (`pathological_pages`).

mod common;

mod book;
mod brand;
mod browser;
mod cards;
mod cards_pdf;
mod cli;
mod components;
mod determinism;
mod exercises_whole;
mod forms;
mod glossary;
mod hardening;
mod hyphenation;
mod journey_glossary;
mod journey_path;
mod journey_reading;
mod journey_room;
mod journey_serve;
mod journey_summary;
mod journeys;
mod layers;
mod layout;
mod long_menu;
mod migration;
mod output_atomic;
mod pack;
mod pathological_pages;
mod paths;
mod planner;
mod plans;
mod projector;
mod quality;
mod robustness;
mod room;
mod scorm;
mod screenshots;
mod search;
mod serve;
mod serve_differential;
mod serve_limits;
mod source_fidelity;
mod staircase;
mod yaml_errors;

/// A `.rs` file in this folder that is not declared above would never be compiled or run.
#[test]
fn every_file_here_is_a_module() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite");
    let main = std::fs::read_to_string(here.join("main.rs")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&here).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".rs")) else {
            continue;
        };
        if name != "main" && !main.lines().any(|l| l == format!("mod {name};")) {
            missing.push(name.to_owned());
        }
    }
    assert!(missing.is_empty(), "tests/testsuite/main.rs declares no `mod` for {missing:?}");
}
