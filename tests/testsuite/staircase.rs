//! The staircase drawn as one climbs it: its steps' names on rising steps, the first lowest
//! and furthest left, side by side where there is room (a tablet, a laptop, a desktop, paper)
//! and one above the other on a phone, every name whole or broken with a hyphen; each step's
//! text beneath, to read as prose; and the step a reader chooses in the self-placement form
//! shown on the picture and by its text. Reached from the home page, as a reader gets there.

use crate::common;

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Emulation;
use serde_json::json;

use crate::common::{axe_violations, browser, file_url, journey, run, wait_for};

/// Follows the link whose text is `text` and waits for the next page.
fn follow(tab: &Tab, text: &str) {
    let from = tab.get_url();
    let clicked = run(
        tab,
        &format!(
            "const a = [...document.querySelectorAll('main a, .site-menu a')].find(a => a.textContent.trim() === {text:?});
             if (!a) return false; a.click(); return true;"
        ),
    );
    assert_eq!(clicked, json!(true), "a link named {text:?} on {from}");
    common::wait_for_navigation_from(tab, &from);
    tab.wait_until_navigated().unwrap();
}

/// The boxes of a staircase's drawn steps in order: [left, top, right, bottom].
fn steps(tab: &Tab, staircase: &str) -> Vec<[f64; 4]> {
    let boxes = run(
        tab,
        &format!(
            "return [...document.querySelectorAll('#{staircase} .staircase-picture ol.stair-steps > li.stair-step')].map(li => {{
               const r = li.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }});"
        ),
    );
    serde_json::from_value(boxes).unwrap()
}

/// Each step stands higher than the one before (its top above that one's), and further right.
fn assert_rising(boxes: &[[f64; 4]], what: &str) {
    assert!(boxes.len() >= 3, "{what}: {boxes:?}");
    for pair in boxes.windows(2) {
        let ([left, top, ..], [next_left, next_top, ..]) = (pair[0], pair[1]);
        assert!(next_top < top - 8.0, "{what}: a step is not above the one before: {boxes:?}");
        assert!(next_left > left + 4.0, "{what}: a step is not to the right of the one before: {boxes:?}");
    }
}

/// The steps stand side by side on one floor.
fn assert_side_by_side(boxes: &[[f64; 4]], what: &str) {
    let floors: Vec<f64> = boxes.iter().map(|b| b[3]).collect();
    assert!(floors.windows(2).all(|f| (f[0] - f[1]).abs() < 1.5), "{what}: the steps stand on one floor: {boxes:?}");
    assert!(boxes.windows(2).all(|b| b[1][0] >= b[0][2]), "{what}: side by side: {boxes:?}");
}

/// Every step's name fits its step (nothing sticks out) and no word of it is broken without a
/// hyphen; every step's text is prose as wide as the staircase (not a column beside others).
fn assert_readable(tab: &Tab, staircase: &str, what: &str) {
    let fits = run(
        tab,
        &format!(
            "return [...document.querySelectorAll('#{staircase} .stair-step')].every(li => li.scrollWidth <= li.clientWidth);"
        ),
    );
    assert_eq!(fits, json!(true), "{what}: a name sticks out of its step");
    let broken: Vec<String> = crate::hyphenation::broken_words(tab)
        .into_iter()
        .filter(|word| word.starts_with(&format!("div#{staircase} ")))
        .collect();
    assert!(broken.is_empty(), "{what}: words broken without a hyphen: {broken:?}");
    let prose = run(
        tab,
        &format!(
            "const all = document.getElementById('{staircase}').getBoundingClientRect().width;
             return [...document.querySelectorAll('#{staircase} .staircase-steps .step-text')]
               .every(text => text.getBoundingClientRect().width > 0.8 * all);"
        ),
    );
    assert_eq!(prose, json!(true), "{what}: a step's text is narrower than the staircase");
}

#[test]
fn the_staircase_rises_on_screen_on_a_phone_and_on_paper_and_shows_the_chosen_step() {
    let Some(browser) = browser() else { return };
    let site = journey::site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    journey::viewport(&tab, 1366, 900, false);
    tab.navigate_to(&file_url(&site.join("index.html"))).unwrap().wait_until_navigated().unwrap();
    run(&tab, "localStorage.clear();");
    follow(&tab, "Trappan");
    follow(&tab, "Var är du i jämställdhetstrappan?");
    wait_for(&tab, "document.querySelector('.self-assessment.is-live')");

    // Read in order: ordered lists, the first step first, in the picture and in the texts.
    let order = run(
        &tab,
        "return [...document.querySelectorAll('#kompetenstrappan ol > li')].map(li =>
           (li.querySelector('.step-number, .stair-number') || {}).textContent);",
    );
    assert_eq!(order, json!(["1", "2", "3", "Steg 1", "Steg 2", "Steg 3"]));

    let wide = steps(&tab, "kompetenstrappan");
    assert_rising(&wide, "on a laptop");
    assert_side_by_side(&wide, "on a laptop");
    assert_readable(&tab, "kompetenstrappan", "on a laptop");

    // The reader places themself on step 2: the picture and the text show it, in words too.
    tab.find_element("#var-ar-du-steg-1").unwrap().click().unwrap();
    let marks = || {
        run(
            &tab,
            "return [...document.querySelectorAll('#kompetenstrappan :is(.stair-step, .staircase-step)')].map(li =>
               [li.classList.contains('staircase-step-chosen'), (li.querySelector('.step-chosen') || {}).textContent || '']);",
        )
    };
    let chosen = json!([[false, ""], [true, "Ditt val"], [false, ""], [false, ""], [true, "Ditt val"], [false, ""]]);
    assert_eq!(marks(), chosen);
    if let Some(violations) = axe_violations(&tab) {
        assert!(violations.is_empty(), "axe-core on the staircase with a chosen step:\n{}", violations.join("\n"));
    }
    tab.reload(false, None).unwrap().wait_until_navigated().unwrap();
    wait_for(&tab, "document.querySelector('.self-assessment.is-live')");
    assert_eq!(marks(), chosen, "still there when the reader comes back");

    // JämStöd's staircase of six steps, with long names: side by side from a tablet up, one
    // above the other on a phone, rising and readable at every width.
    let page = tab.get_url();
    let six_page = page.replace("kompetenstrappan.html", "jamstalldhetsintegrering.html");
    for (width, side_by_side) in [(1920, true), (1366, true), (768, true), (320, false)] {
        journey::viewport(&tab, width, 900, width < 768);
        tab.navigate_to(&six_page).unwrap().wait_until_navigated().unwrap();
        run(&tab, "return document.fonts.ready.then(() => null);");
        let what = format!("six steps at {width} px");
        let six = steps(&tab, "trappan");
        assert_eq!(six.len(), 6, "{what}");
        assert_rising(&six, &what);
        if side_by_side {
            assert_side_by_side(&six, &what);
        }
        assert_readable(&tab, "trappan", &what);
        let overflow = run(&tab, "return document.documentElement.scrollWidth - window.innerWidth;");
        assert!(overflow.as_f64().unwrap() <= 0.0, "{what}: the page scrolls sideways by {overflow} px");
        if width == 1366
            && let Some(violations) = axe_violations(&tab)
        {
            assert!(violations.is_empty(), "axe-core on the six steps:\n{}", violations.join("\n"));
        }
    }

    // On a phone the three steps rise too, and nothing is wider than the screen.
    journey::phone(&tab, 320, 640);
    tab.navigate_to(&page).unwrap().wait_until_navigated().unwrap();
    wait_for(&tab, "document.querySelector('.self-assessment.is-live')");
    assert_rising(&steps(&tab, "kompetenstrappan"), "on a phone");
    assert_readable(&tab, "kompetenstrappan", "on a phone");
    let overflow = run(&tab, "return document.documentElement.scrollWidth - window.innerWidth;");
    assert!(overflow.as_f64().unwrap() <= 0.0, "the page scrolls sideways by {overflow} px");
    tab.call_method(Emulation::ClearDeviceMetricsOverride(None)).unwrap();

    // On paper: printed to PDF, the drawn steps' numbers stand lower to the left, higher to
    // the right, and the chosen step is marked.
    tab.navigate_to(&page).unwrap().wait_until_navigated().unwrap();
    wait_for(&tab, "document.querySelector('.self-assessment.is-live')");
    let pdf = tab.print_to_pdf(None).unwrap();
    let Some(words) = pdf_words(&pdf) else { return };
    let numbers: Vec<(f64, f64)> = (1..=3)
        .map(|n| {
            // A drawn step's number before its name (every name starts "Jag …"); the first
            // such is the picture's, the texts beneath it follow.
            let at = words.windows(2).position(|w| w[0].2 == n.to_string() && w[1].2 == "Jag");
            let (x, y, _) = &words[at.unwrap_or_else(|| panic!("step {n} drawn in the PDF"))];
            (*x, *y)
        })
        .collect();
    for pair in numbers.windows(2) {
        assert!(pair[1].1 < pair[0].1 - 5.0 && pair[1].0 > pair[0].0, "printed rising: {numbers:?}");
    }
    assert!(words.iter().any(|w| w.2 == "Ditt"), "the chosen step is marked on paper too");
}

/// The words of a PDF with their top-left corner (x, y from the top, in points), read by
/// poppler's `pdftotext -bbox`; `None` (skipped loudly) without it, except under CI=true.
fn pdf_words(pdf: &[u8]) -> Option<Vec<(f64, f64, String)>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = match std::process::Command::new("pdftotext").arg("-bbox").arg(&path).arg("-").output() {
        Ok(output) => output,
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but pdftotext cannot run ({e}): install Debian's poppler-utils (.ci/run does)")
        }
        Err(e) => {
            crate::common::skipped(&format!("the printed staircase is not measured: pdftotext cannot run ({e})"));
            return None;
        }
    };
    let html = String::from_utf8_lossy(&output.stdout);
    let attribute = |word: &str, name: &str| -> f64 {
        let start = word.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        word[start..].split('"').next().unwrap().parse().unwrap()
    };
    Some(
        html.split("<word ")
            .skip(1)
            .map(|word| {
                let text = word.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
                (attribute(word, "xMin"), attribute(word, "yMin"), text)
            })
            .collect(),
    )
}
