//! The screenshots in `docs/screenshots/` (`scripts/screenshots.sh` takes them): the home page,
//! a content page, the staircase page, an exercise and the presenter of a plan's day, each at
//! 320, 768, 1366 and 1920 px, as much as the window shows (not the whole page).

use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;

use crate::common::{browser, file_url, journey, repo, run, wait_for};

/// (file name, page, what to do there before the picture is taken).
const SHOTS: &[(&str, &str, &str)] = &[
    ("home", "index.html", ""),
    ("content-page", "framgang/framgangsfaktorer.html", ""),
    ("staircase", "trappan/jamstalldhetsintegrering.html", "document.getElementById('trappan').scrollIntoView();"),
    ("exercise", "ovningar/var-ar-du-i-trappan.html", ""),
    (
        "presenter",
        "kom-igang/ledarguide-heldag.html",
        "window.trappaClock = { now: () => Date.parse('2026-12-02T09:00:00') };
         document.querySelector('.present-plan').click();",
    ),
];

/// Window sizes: a small phone, a tablet, a laptop, a desktop.
const WINDOWS: &[(u32, u32)] = &[(320, 640), (768, 1024), (1366, 768), (1920, 1080)];

#[test]
#[ignore = "writes docs/screenshots/: run by scripts/screenshots.sh"]
fn screenshots() {
    let Some(browser) = browser() else { return };
    let site = journey::site_built_the_readme_way();
    let out = repo().join("docs/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let tab = browser.new_tab().unwrap();
    for &(width, height) in WINDOWS {
        journey::viewport(&tab, width, height, width < 768);
        for (name, page, before) in SHOTS {
            tab.navigate_to(&file_url(&site.join(page))).unwrap().wait_until_navigated().unwrap();
            run(&tab, &format!("{before} return document.fonts.ready.then(() => null);"));
            if *name == "presenter" {
                wait_for(&tab, "document.querySelector('.presenter:not([hidden])')");
            }
            let png = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true).unwrap();
            std::fs::write(out.join(format!("{name}-{width}.png")), png).unwrap();
        }
    }
}

/// The presenter's two windows at 1366×768, on the full day's first exercise step with a
/// trainer's note: `present-trainer-1366.png` and `present-projector-1366.png`.
#[test]
#[ignore = "writes docs/screenshots/: run by scripts/screenshots.sh"]
fn screenshots_of_the_two_presenter_windows() {
    let Some(browser) = browser() else { return };
    let site = journey::site_built_the_readme_way();
    let out = repo().join("docs/screenshots");
    let guide = browser.new_tab().unwrap();
    journey::viewport(&guide, 1366, 768, false);
    guide
        .navigate_to(&file_url(&site.join("kom-igang/ledarguide-heldag.html")))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    run(
        &guide,
        "window.trappaClock = { now: () => Date.parse('2026-12-02T09:22:00') };
         document.querySelector('.present-plan[data-present-both]').click();
         return document.fonts.ready.then(() => null);",
    );
    let projector = crate::projector::projector_window(&browser);
    // The first exercise's first step: the staircase drawn, a trainer's note beside it.
    for _ in 0..2 {
        guide.press_key("ArrowRight").unwrap();
    }
    wait_for(&projector, "document.querySelector('.presenter-body .staircase-picture')");
    run(&projector, "return document.fonts.ready.then(() => null);");
    for (name, tab) in [("present-trainer", &guide), ("present-projector", &projector)] {
        let png = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true).unwrap();
        std::fs::write(out.join(format!("{name}-1366.png")), png).unwrap();
    }
}
