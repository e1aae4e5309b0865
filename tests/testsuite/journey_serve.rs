//! Journey "Live preview": an author runs `trappa serve` in the site's own folder, as the
//! README says (`cargo run --release -- serve` there, so no `--root`), opens a page and edits
//! its source the ways editors save: in place, and by writing a temporary file and renaming it
//! over the original (`sed -i`, vim, JetBrains' safe write). The open page follows each save;
//! a broken save shows the error overlay and the fix clears it. Real binary, headless Chromium.

use crate::common;

use std::path::Path;

use crate::common::serve::{ServeProcess, serve_command, start_with, wait_for_text};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() { copy_dir(&source, &target) } else { std::fs::copy(&source, &target).map(|_| ()).unwrap() }
    }
}

/// The bundled site (content, exercises, site.yaml, theme) in a temporary folder.
fn bundled_site_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["content", "exercises", "themes"] {
        copy_dir(&common::repo().join(name), &dir.path().join(name));
    }
    std::fs::copy(common::repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    dir
}

/// Waits until the open page shows `text` (it can only get there by reloading) and listens
/// for the next save again.
fn wait_for_page_text(tab: &headless_chrome::Tab, text: &str) {
    let script = format!(
        "document.body.innerText.includes({text:?}) && !document.getElementById('trappa-error-overlay') \
         && document.documentElement.dataset.liveReload === 'listening' ? 'shown' : ''"
    );
    wait_for_text(tab, &script);
}

#[test]
fn live_preview_follows_edits_in_place_renames_and_broken_saves() {
    let dir = bundled_site_copy();
    // `--port 0` only so that tests running side by side never clash over port 8000; like
    // the README's command, the server runs in the site's folder without `--root`.
    let server: ServeProcess = start_with(serve_command().current_dir(dir.path()));
    let Some(browser) = common::browser() else { return };
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("http://{}/om/", server.addr)).unwrap().wait_until_navigated().unwrap();
    let source = dir.path().join("content/om/_index.md");
    let original = std::fs::read_to_string(&source).unwrap();
    wait_for_page_text(&tab, "Om materialet");

    // An edit in place.
    std::fs::write(&source, format!("{original}\nRedigerad på plats.\n")).unwrap();
    wait_for_page_text(&tab, "Redigerad på plats.");

    // A save by rename: a new file takes the original's name.
    let temporary = dir.path().join("content/om/sedQ1x7Za");
    std::fs::write(&temporary, format!("{original}\nSparad genom namnbyte.\n")).unwrap();
    std::fs::rename(&temporary, &source).unwrap();
    wait_for_page_text(&tab, "Sparad genom namnbyte.");

    // A broken save: the overlay names the file and line; the page stays as it was.
    std::fs::write(&source, original.replacen("title: Om materialet", "title: [Om materialet", 1)).unwrap();
    let overlay = wait_for_text(&tab, "document.getElementById('trappa-error-overlay')?.textContent ?? ''");
    assert!(overlay.contains("content/om/_index.md:2:"), "the overlay names the broken line: {overlay}");

    // The fix clears the overlay and shows the fixed page.
    std::fs::write(&source, format!("{original}\nLagad igen.\n")).unwrap();
    wait_for_page_text(&tab, "Lagad igen.");
}
