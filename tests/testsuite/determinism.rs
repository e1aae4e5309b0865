//! The same site builds to the same bytes: two builds of the bundled site, one after the
//! other, write identical files (pages, search index, card PDFs), so a rebuild changes only
//! what its sources changed.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

#[test]
fn two_builds_of_the_same_site_are_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    let build = |name: &str| {
        let dir = out.path().join(name);
        let output =
            common::bin().args(["build", "--root"]).arg(common::repo()).arg("--out").arg(&dir).output().unwrap();
        assert!(output.status.success(), "{}", common::stderr(&output));
        files(&dir)
    };
    let (first, second) = (build("first"), build("second"));
    assert!(first.len() > 100, "{} files", first.len());
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>(), "the same files");
    let differ: Vec<&String> =
        first.iter().filter(|(rel, bytes)| second[*rel] != **bytes).map(|(rel, _)| rel).collect();
    assert!(differ.is_empty(), "files that differ between two builds: {differ:?}");
}
