//! The bundled material read against its sources: the checklist *Oavsett kön …* keeps the key
//! terms of Malmö stad's items on its page, in the self-assessment and on the card, and says
//! that it is adapted from Malmö's checklist; and no run of nine words from a source document
//! stands in `content/` or `exercises/` (the material writes every sentence itself).

use std::path::{Path, PathBuf};

use crate::common::{bundled_site, repo};

/// The key terms of the seed's five items (Malmö stad, Hela familjen 2.0): each must stand,
/// word for word, where the checklist is retold.
const KEY_TERMS: &[&str] = &[
    "likvärdiga krav på klienten",
    "likvärdig hänsyn till fysisk och psykisk ohälsa",
    "erbjuder jag klienten samma insatser",
    "sjukvården",
    "informationsinsatser",
    "hur föräldrar tar ansvar",
    "likvärdiga förväntningar",
    "fysiska symptom",
    "kommer inte till tals",
    "våld i en nära relation",
];

/// The page's text: tags dropped, entities that matter here decoded, whitespace as single spaces.
fn text_of(path: &Path) -> String {
    let html = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&nbsp;", " ").replace("&#x27;", "'").replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page(site: &Path, rel: &str) -> String {
    text_of(&site.join(rel))
}

#[test]
fn the_checklist_keeps_the_key_terms_of_malmos_items_on_page_self_assessment_and_card() {
    let site = bundled_site();
    let checklist = page(site, "checklistor/oavsett-kon.html");
    let card = page(site, "kort/oavsett-kon-kort.html");
    let self_assessment = page(site, "checklistor/sjalvskattning.html");
    let mut missing = Vec::new();
    for (name, text) in [("the checklist page", &checklist), ("the card", &card)] {
        for term in KEY_TERMS {
            if !text.contains(term) {
                missing.push(format!("{name} lacks «{term}»"));
            }
        }
        if !text.to_lowercase().contains("efter malmö stads checklista") {
            missing.push(format!("{name} does not say it is «efter Malmö stads checklista»"));
        }
        if text.contains("får inte komma till tals") {
            missing.push(format!("{name} says «får inte komma till tals» (the seed: «kommer inte till tals»)"));
        }
    }
    for term in [
        "likvärdiga krav på klienten",
        "likvärdig hänsyn",
        "klienten samma insatser",
        "sjukvården",
        "informationsinsatser",
        "hur föräldrar tar ansvar",
        "likvärdiga förväntningar",
        "fysiska symptom",
        "kommer inte till tals",
    ] {
        // In a clause after «att» Swedish puts «inte» before the verb: the seed's words in
        // their order there, not «får inte».
        let subordinate = (term == "kommer inte till tals").then_some("inte kommer till tals");
        if !self_assessment.contains(term) && !subordinate.is_some_and(|t| self_assessment.contains(t)) {
            missing.push(format!("the self-assessment lacks «{term}»"));
        }
    }
    for (name, text) in
        [("the checklist page", &checklist), ("the card", &card), ("the self-assessment", &self_assessment)]
    {
        if text.contains("fem löften") {
            missing.push(format!("{name} calls the items «fem löften», a word the seed does not use"));
        }
    }
    assert!(missing.is_empty(), "the checklist against Malmö stad's:\n{}", missing.join("\n"));
}

/// The words of a text, lower-cased: runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

const RUN: usize = 9;

#[test]
fn no_run_of_nine_words_from_a_source_stands_in_the_material() {
    let seeds = repo().join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        crate::common::skipped(&format!("the source documents are not at {}", seeds.display()));
        return;
    };
    let mut runs = std::collections::HashMap::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let w = words(&text);
        for run in w.windows(RUN) {
            runs.insert(run.join(" "), path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(!runs.is_empty(), "the source documents at {} have words", seeds.display());
    let mut files = Vec::new();
    markdown_files(&repo().join("content"), &mut files);
    markdown_files(&repo().join("exercises"), &mut files);
    files.sort();
    let mut copied = Vec::new();
    for file in &files {
        let w = words(&std::fs::read_to_string(file).unwrap());
        for run in w.windows(RUN) {
            let run = run.join(" ");
            if let Some(seed) = runs.get(&run) {
                copied.push(format!("{}: «{run}» (from {seed})", file.strip_prefix(repo()).unwrap().display()));
            }
        }
    }
    assert!(copied.is_empty(), "runs of {RUN} words copied from a source:\n{}", copied.join("\n"));
}
