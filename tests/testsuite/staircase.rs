//! The staircase drawn as one climbs it: the first step lowest, the last highest, on a wide
//! screen, on a phone and on paper, while it stays an ordered list; and the step a reader
//! chooses in the self-placement form is shown on the same picture. Reached from the home
//! page, as a reader gets there.

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

/// The boxes of a staircase's steps in list order: [left, top, right, bottom].
fn steps(tab: &Tab, staircase: &str) -> Vec<[f64; 4]> {
    let boxes = run(
        tab,
        &format!(
            "return [...document.querySelectorAll('#{staircase} ol.staircase-steps > li.staircase-step')].map(li => {{
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

#[test]
fn the_staircase_rises_on_screen_on_a_phone_and_on_paper_and_shows_the_chosen_step() {
    let Some(browser) = browser() else { return };
    let site = journey::site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&site.join("index.html"))).unwrap().wait_until_navigated().unwrap();
    run(&tab, "localStorage.clear();");
    follow(&tab, "Trappan");
    follow(&tab, "Var är du i jämställdhetstrappan?");
    wait_for(&tab, "document.querySelector('.self-assessment.is-live')");

    // Read in order: an ordered list, the first step first.
    let order = run(
        &tab,
        "return [...document.querySelectorAll('#kompetenstrappan ol > li .step-number')].map(n => n.textContent);",
    );
    assert_eq!(order, json!(["Steg 1", "Steg 2", "Steg 3"]));

    let wide = steps(&tab, "kompetenstrappan");
    assert_rising(&wide, "on a wide screen");
    let floors: Vec<f64> = wide.iter().map(|b| b[3]).collect();
    assert!(floors.windows(2).all(|f| (f[0] - f[1]).abs() < 1.5), "the steps stand on one floor: {wide:?}");

    // The reader places themself on step 2: the picture shows it, in words too.
    tab.find_element("#var-ar-du-steg-1").unwrap().click().unwrap();
    let marks = || {
        run(
            &tab,
            "return [...document.querySelectorAll('#kompetenstrappan .staircase-step')].map(li =>
               [li.classList.contains('staircase-step-chosen'), (li.querySelector('.step-chosen') || {}).textContent || '']);",
        )
    };
    assert_eq!(marks(), json!([[false, ""], [true, "Ditt val"], [false, ""]]));
    if let Some(violations) = axe_violations(&tab) {
        assert!(violations.is_empty(), "axe-core on the staircase with a chosen step:\n{}", violations.join("\n"));
    }
    tab.reload(false, None).unwrap().wait_until_navigated().unwrap();
    wait_for(&tab, "document.querySelector('.self-assessment.is-live')");
    assert_eq!(
        marks(),
        json!([[false, ""], [true, "Ditt val"], [false, ""]]),
        "still there when the reader comes back"
    );

    // JämStöd's staircase of six steps rises too.
    let page = tab.get_url();
    tab.navigate_to(&page.replace("kompetenstrappan.html", "jamstalldhetsintegrering.html"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let six = run(&tab, "return document.querySelector('.staircase').id;");
    let six = steps(&tab, six.as_str().unwrap());
    assert_eq!(six.len(), 6);
    assert_rising(&six, "six steps on a wide screen");

    // On a phone: one above the other, the first at the bottom, nothing wider than the screen.
    journey::phone(&tab, 320, 640);
    tab.navigate_to(&page).unwrap().wait_until_navigated().unwrap();
    wait_for(&tab, "document.querySelector('.self-assessment.is-live')");
    assert_rising(&steps(&tab, "kompetenstrappan"), "on a phone");
    let overflow = run(&tab, "return document.documentElement.scrollWidth - window.innerWidth;");
    assert!(overflow.as_f64().unwrap() <= 0.0, "the page scrolls sideways by {overflow} px");
    tab.navigate_to(&page.replace("kompetenstrappan.html", "jamstalldhetsintegrering.html"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let id = run(&tab, "return document.querySelector('.staircase').id;");
    assert_rising(&steps(&tab, id.as_str().unwrap()), "six steps on a phone");
    let overflow = run(&tab, "return document.documentElement.scrollWidth - window.innerWidth;");
    assert!(overflow.as_f64().unwrap() <= 0.0, "six steps: the page scrolls sideways by {overflow} px");
    tab.call_method(Emulation::ClearDeviceMetricsOverride(None)).unwrap();

    // On paper: printed to PDF, the step numbers stand lower to the left, higher to the right.
    tab.navigate_to(&page).unwrap().wait_until_navigated().unwrap();
    wait_for(&tab, "document.querySelector('.self-assessment.is-live')");
    let pdf = tab.print_to_pdf(None).unwrap();
    let Some(words) = pdf_words(&pdf) else { return };
    let numbers: Vec<(f64, f64)> = (1..=3)
        .map(|n| {
            // A step's number on the staircase, not "Steg 3 av 12" of a reading path.
            let at = words.windows(3).position(|w| w[0].2 == "Steg" && w[1].2 == n.to_string() && w[2].2 != "av");
            let (x, y, _) = &words[at.unwrap_or_else(|| panic!("Steg {n} in the PDF"))];
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
