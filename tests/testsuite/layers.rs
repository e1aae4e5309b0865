//! Data flows one way: a module uses only modules of its own layer or below (the layers are
//! described in the README's layout section). Read from the source, so a new `use` that points
//! upwards fails here with the file and the module it named.

use std::path::Path;

/// The layers from the bottom: a module may use the modules of its layer and those below.
const LAYERS: &[&[&str]] = &[
    &["web", "diagnostics", "site_root", "memory", "words", "hyphens", "report"],
    &["brand", "config", "i18n", "theme", "content"],
    &["components"],
    &["markdown"],
    &["index"],
    &["render", "print"],
    &["search", "book", "cards", "handouts", "summaries", "planner", "plans", "overview", "check", "output"],
    &["site"],
    &["serve", "room", "scaffold", "pack", "cards::command", "book::command"],
];

/// The layer of a module path such as `cards::pages` (the longest listed prefix wins).
fn layer(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .enumerate()
        .flat_map(|(n, names)| names.iter().map(move |name| (n, *name)))
        .filter(|(_, name)| module == *name || module.starts_with(&format!("{name}::")))
        .max_by_key(|(_, name)| name.len())
        .map(|(n, _)| n)
}

/// `src/cards/pages.rs` → `cards::pages`; `src/cards/mod.rs` → `cards`.
fn module_of(path: &Path, src: &Path) -> String {
    let rel = path.strip_prefix(src).unwrap().with_extension("");
    let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).filter(|p| p != "mod").collect();
    parts.join("::")
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut upward = Vec::new();
    for entry in walkdir(&src) {
        let module = module_of(&entry, &src);
        if module == "lib" || module == "main" {
            continue;
        }
        let own = layer(&module).unwrap_or_else(|| panic!("{module} is in no layer of this test"));
        let text = std::fs::read_to_string(&entry).unwrap();
        // Test code may reach further (a template test renders a component's view).
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for (at, _) in text.match_indices("crate::") {
            for used in paths_after(&text[at + "crate::".len()..]) {
                let Some(theirs) = layer(&used) else { continue };
                if theirs > own {
                    upward.push(format!("{}: {module} (layer {own}) uses {used} (layer {theirs})", entry.display()));
                }
            }
        }
    }
    assert!(upward.is_empty(), "uses of a higher layer:\n{}", upward.join("\n"));
}

#[test]
fn components_do_not_use_markdown() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components");
    for file in walkdir(&dir) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("crate::markdown"), "{} uses the Markdown stage", file.display());
    }
}

/// The module paths named right after `crate::`: one (`site::render_site`), or each of a
/// group (`{cards, render::OwnPages}`).
fn paths_after(text: &str) -> Vec<String> {
    let path = |t: &str| -> String {
        t.trim()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect::<String>()
            .trim_end_matches(':')
            .to_string()
    };
    let Some(group) = text.strip_prefix('{') else { return vec![path(text)] };
    let mut depth = 1;
    let end = group
        .char_indices()
        .find(|(_, c)| {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            depth == 0
        })
        .map_or(group.len(), |(i, _)| i);
    let mut names = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in group[..end].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(path(&group[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    names.push(path(&group[start..end]));
    names.into_iter().filter(|n| !n.is_empty() && n != "self").collect()
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn uses_are_read_as_written() {
    assert_eq!(paths_after("site::render_site(&root)"), ["site::render_site"]);
    assert_eq!(paths_after("{cards, render::{Assembly, OwnPages}, self};"), ["cards", "render"]);
    assert_eq!(layer("cards::command"), layer("serve"), "the cards command sits above the pipeline");
    assert!(layer("cards::pages") < layer("site") && layer("markdown") > layer("components"));
}

/// The README's list of layers names the same modules, layer for layer, as `LAYERS`.
#[test]
fn the_readme_lists_the_layers_this_test_checks() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let listed: Vec<Vec<String>> = readme
        .lines()
        .skip_while(|line| !line.starts_with("Data flows one way."))
        .filter_map(|line| {
            let (number, rest) = line.split_once(". ")?;
            number.parse::<usize>().ok()?;
            let names = rest.split(": ").next()?;
            Some(names.split('`').skip(1).step_by(2).map(str::to_owned).collect())
        })
        .collect();
    let expected: Vec<Vec<String>> = LAYERS.iter().map(|names| names.iter().map(|n| n.to_string()).collect()).collect();
    assert_eq!(listed, expected, "the README's layers (Project layout) and LAYERS here differ");
}
