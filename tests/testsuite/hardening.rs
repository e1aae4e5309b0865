//! What a careless author or someone else's change can make a build do: symbolic links that
//! leave the site, script URLs in links, and pathological pages. Each is refused with a clear
//! message at its place, and nothing is published.

use crate::common;

use std::os::unix::fs::symlink;

use crate::common::{HOME, build, site, stderr};

/// A secret outside the site, to link to.
fn outside_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hemligt.txt"), "lösenord: hunter2\n").unwrap();
    std::fs::create_dir(dir.path().join("mapp")).unwrap();
    std::fs::write(dir.path().join("mapp/sida.md"), "---\ntitle: Utanför\n---\nhemligt\n").unwrap();
    dir
}

fn assert_refused(dir: &std::path::Path, link: &str) {
    let output = build(dir);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{link}:1:1: error: this symbolic link points outside the site, to ")), "{err}");
    assert!(!err.contains("refers to"), "one problem, not its consequences: {err}");
    assert!(err.contains("hint: copy the file into the site's folder"), "{err}");
    assert!(!dir.join("public").exists(), "nothing is published");
}

#[test]
fn a_symlinked_file_outside_the_site_is_refused_not_published() {
    let outside = outside_file();
    let dir = site(&[HOME, ("content/amne/_index.md", "---\ntitle: Ämne\n---\n")]);
    symlink(outside.path().join("hemligt.txt"), dir.path().join("content/amne/pw.txt")).unwrap();
    assert_refused(dir.path(), "content/amne/pw.txt");
}

#[test]
fn a_symlinked_folder_outside_the_site_is_not_built_as_a_section() {
    let outside = outside_file();
    let dir = site(&[HOME]);
    symlink(outside.path().join("mapp"), dir.path().join("content/mapp")).unwrap();
    assert_refused(dir.path(), "content/mapp");
}

#[test]
fn a_symlink_in_the_themes_static_files_follows_the_same_rule() {
    let outside = outside_file();
    let dir = site(&[HOME, ("themes/default/static/css/egen.css", "body {}\n")]);
    symlink(outside.path().join("hemligt.txt"), dir.path().join("themes/default/static/pw.txt")).unwrap();
    assert_refused(dir.path(), "themes/default/static/pw.txt");
}

#[test]
fn symlinks_that_stay_inside_the_site_are_followed() {
    let dir =
        site(&[HOME, ("delat/bild.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"), ("static/egen.txt", "x\n")]);
    symlink(dir.path().join("delat/bild.svg"), dir.path().join("content/bild.svg")).unwrap();
    symlink("../delat", dir.path().join("static/delat")).unwrap();
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("public/bild.svg").is_file());
    assert!(dir.path().join("public/static/delat/bild.svg").is_file());
}

#[test]
fn script_and_data_urls_are_errors_at_their_line_in_text_and_in_components() {
    let page = "---\ntitle: A\n---\n\nSe [här](javascript:alert(1)).\n\n![bild](data:image/svg+xml,x)\n\n\
                ```{callout}\nkind: tip\ntext: Klicka [här](JavaScript:alert(2)).\n```\n\n\
                [webb](https://example.org) [post](mailto:a@example.org) [ring](tel:+4640)\n";
    let dir = site(&[HOME, ("content/a.md", page)]);
    let output = build(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("content/a.md:5:4: error: a `javascript:` link is not allowed"), "{err}");
    assert!(err.contains("content/a.md:7:1: error: a `data:` link is not allowed"), "{err}");
    assert!(err.contains("content/a.md:11:") && err.matches("`javascript:` link").count() == 2, "{err}");
    assert_eq!(err.matches("link is not allowed").count(), 3, "http, mailto and tel are fine: {err}");
    assert!(!dir.path().join("public").exists());

    let check = common::bin().args(["check", "--root"]).arg(dir.path()).output().unwrap();
    assert_eq!(check.status.code(), Some(1), "`trappa check` says so too");
}
