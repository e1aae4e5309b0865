//! Nothing an exercise holds is lost on its way to the facilitator guide and the participant
//! pack: every sentence of every bundled exercise stands in a guide that has the exercise, the
//! ones for participants in the pack, and the trainer's notes ("För utbildaren …") never there.
//! The exercises are put in one plan of a copy of the bundled site, which is then built.

use crate::common::{bin, copy_of_bundled_site};

/// Lowercase words separated by one space: markup, punctuation and typography aside.
fn words(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of an HTML page (tags out, the few entities the site writes decoded, the soft
/// hyphens of the build's hyphenation out: a reader sees them only at a line's end), as words.
fn page_words(html: &str) -> String {
    let body = html.split_once("<main").map_or(html, |(_, main)| main);
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x2f;", "/")
        .replace(['\u{ad}'], "")
        .replace("&shy;", "");
    words(&text)
}

/// A sentence of an exercise's source and whether it is for the pack (not a tip, not a note).
struct Sentence {
    words: String,
    for_participants: bool,
    trainer_note: bool,
}

/// The sentences of an exercise's Markdown (front matter out; a component's `text:` and
/// `title:` in; link targets and the steps' "(N minuter)" out).
fn sentences(markdown: &str) -> Vec<Sentence> {
    let body = markdown.splitn(3, "---\n").nth(2).unwrap_or(markdown);
    let mut out = Vec::new();
    let (mut in_tips, mut in_fence, mut in_note) = (false, false, false);
    for line in body.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        let text = if in_fence {
            match trimmed.split_once(": ") {
                Some(("text" | "title", value)) => value.to_string(),
                _ => continue,
            }
        } else {
            if let Some(heading) = trimmed.strip_prefix("## ") {
                in_tips = heading == "Tips";
                in_note = false;
                continue;
            }
            let quoted = trimmed.strip_prefix('>');
            match quoted {
                Some(q) if words(q).starts_with("för utbildaren") => in_note = true,
                Some(_) => {}
                None if trimmed.is_empty() => in_note = false,
                None => {}
            }
            // Link targets are not text: `[text](target)` → `text`.
            let mut text = String::new();
            let mut rest = trimmed;
            while let Some(at) = rest.find("](") {
                text.push_str(&rest[..at]);
                rest = rest[at + 2..].split_once(')').map_or("", |(_, after)| after);
            }
            text.push_str(rest);
            text
        };
        let text = strip_minutes(text.trim_end());
        for sentence in text.split(['.', '?', '!', ':']) {
            let words = words(sentence);
            if words.split(' ').count() >= 3 {
                out.push(Sentence { words, for_participants: !in_tips && !in_note, trainer_note: in_note });
            }
        }
    }
    out
}

/// A step's line without its trailing "(N minuter)", which the guide writes as a time of its own.
fn strip_minutes(text: &str) -> String {
    match text.rfind(" (") {
        Some(at) if text.ends_with("minuter)") || text.ends_with("minut)") => text[..at].to_string(),
        _ => text.to_string(),
    }
}

#[test]
fn every_sentence_of_every_exercise_reaches_the_guide_and_the_participants_ones_the_pack() {
    let dir = copy_of_bundled_site();
    let mut exercises: Vec<String> = std::fs::read_dir(dir.path().join("exercises"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md") && name != "_index.md")
        .collect();
    exercises.sort();
    let blocks: String = exercises.iter().map(|name| format!("  - exercise: ../../exercises/{name}\n")).collect();
    std::fs::write(
        dir.path().join("content/kom-igang/alla-ovningar.md"),
        format!("---\ntitle: Alla övningar\n---\n\n```{{plan}}\nid: alla\ntitle: Alla övningar\nstart: \"08:00\"\nblocks:\n{blocks}```\n"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let built = bin().args(["build", "--out"]).arg(out.path()).current_dir(dir.path()).output().unwrap();
    assert!(matches!(built.status.code(), Some(0 | 3)), "{}", String::from_utf8_lossy(&built.stderr));
    let read = |file: &str| page_words(&std::fs::read_to_string(out.path().join("kom-igang").join(file)).unwrap());
    let (guide, pack) = (read("ledarguide-alla.html"), read("deltagarmaterial-alla.html"));

    let mut missing = Vec::new();
    let (mut notes, mut checked) = (0, 0);
    for name in &exercises {
        let source = std::fs::read_to_string(dir.path().join("exercises").join(name)).unwrap();
        for sentence in sentences(&source) {
            checked += 1;
            if !guide.contains(&sentence.words) {
                missing.push(format!("{name}: not in the guide: {}", sentence.words));
            }
            if sentence.for_participants && !pack.contains(&sentence.words) {
                missing.push(format!("{name}: not in the pack: {}", sentence.words));
            }
            if sentence.trainer_note {
                notes += 1;
                if pack.contains(&sentence.words) {
                    missing.push(format!("{name}: a trainer's note in the pack: {}", sentence.words));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{} problems:\n{}", missing.len(), missing.join("\n"));
    assert!(checked > 20 * exercises.len(), "the sentences were read: {checked}");
    eprintln!("{} exercises, {checked} sentences, {notes} of them trainer's notes", exercises.len());
}
