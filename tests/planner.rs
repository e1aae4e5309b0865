//! The planner (Min plan) and the presenter view in the browser: exercises added from their
//! pages, reordered by keyboard, kept over a reload with their clock times; export, clear and
//! import; a malformed file refused; printing as A4; the presenter moved by keys with its timer
//! on a controlled clock (window.trappaClock); axe-core on both; one journey from the home page.

mod common;

use headless_chrome::Tab;
use headless_chrome::browser::tab::ModifierKey;
use headless_chrome::types::PrintToPdfOptions;
use serde_json::json;

use common::{assert_no_axe_violations, browser, file_url, journey, run, value_of, wait_for, wait_for_value};

const EXERCISES: [&str; 3] = ["var-ar-du-i-trappan", "genuslinsen", "observator"];

fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url).unwrap().wait_until_navigated().unwrap();
}

/// The planner's rows as (clock times, title).
fn rows(tab: &Tab) -> serde_json::Value {
    run(
        tab,
        "return [...document.querySelectorAll('.planner-block')].map(li =>
           [li.querySelector('.planner-time').textContent, li.querySelector('.planner-title').textContent || li.querySelector('.planner-title').value]);",
    )
}

fn add_from_pages(tab: &Tab, site: &std::path::Path) {
    for slug in EXERCISES {
        open(tab, &file_url(&site.join(format!("ovningar/{slug}.html"))));
        wait_for(tab, "!document.querySelector('.plan-actions').hidden");
        tab.find_element("[data-plan-add-button]").unwrap().click().unwrap();
        wait_for_value(tab, "document.querySelector('[data-plan-add-state]').textContent", json!("Tillagd i min plan"));
    }
}

#[test]
fn a_plan_is_built_reordered_kept_exported_imported_and_printed() {
    let Some(browser) = browser() else { return };
    let site = journey::site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(&site.join("index.html")));
    run(&tab, "localStorage.clear();");
    add_from_pages(&tab, site);

    let planner = file_url(&site.join("min-plan.html"));
    open(&tab, &planner);
    wait_for(&tab, "document.querySelectorAll('.planner-block').length === 3");
    let before = rows(&tab);
    // Alt+Down on the first row moves it below the second.
    run(&tab, "document.querySelector('.planner-block').focus();");
    tab.press_key_with_modifiers("ArrowDown", Some(&[ModifierKey::Alt])).unwrap();
    wait_for(&tab, "document.querySelector('[data-plan-status]').textContent.includes('plats 2 av 3')");
    let after = rows(&tab);
    assert_eq!(after[0][1], before[1][1], "{after}");
    assert_eq!(after[1][1], before[0][1], "{after}");
    assert_eq!(after[0][0].as_str().unwrap().split('–').next(), Some("09:00"), "{after}");
    // Lunch at the end, then reload: the same rows and times.
    tab.find_element("[data-plan-new=lunch]").unwrap().click().unwrap();
    let kept = rows(&tab);
    open(&tab, &planner);
    wait_for(&tab, "document.querySelectorAll('.planner-block').length === 4");
    assert_eq!(rows(&tab), kept);
    assert_no_axe_violations(&tab, "Min plan");

    // Export (the Blob the download link offers), clear, import: the same plan.
    let exported = run(
        &tab,
        "let blob; const make = URL.createObjectURL; URL.createObjectURL = b => { blob = b; return make(b); };
         document.querySelector('[data-plan-export]').click(); return blob.text();",
    );
    let exported = exported.as_str().unwrap().to_owned();
    tab.find_element("[data-plan-clear]").unwrap().click().unwrap();
    wait_for(&tab, "document.querySelectorAll('.planner-block').length === 0");
    // Chosen as a person chooses a file: a file on disk handed to the file input (what the
    // browser's file chooser does), read by the page from there.
    let chosen = tempfile::tempdir().unwrap();
    let mut files_chosen = 0;
    let mut import = |text: &str| {
        files_chosen += 1;
        let file = chosen.path().join(format!("plan-{files_chosen}.json"));
        std::fs::write(&file, text).unwrap();
        tab.find_element("[data-plan-import]").unwrap().set_input_files(&[file.to_str().unwrap()]).unwrap();
    };
    import(&exported);
    wait_for(&tab, "document.querySelectorAll('.planner-block').length === 4");
    assert_eq!(rows(&tab), kept);
    // A file of the wrong shape, and one of another version: refused, the plan kept.
    for bad in
        ["{\"version\":1,\"blocks\":\"nej\"}", &exported.replace("\"version\": 1", "\"version\": 9"), "inte json"]
    {
        import(bad);
        wait_for(
            &tab,
            "document.querySelector('[data-plan-status]').textContent.includes('Din nuvarande plan är kvar')",
        );
        assert_eq!(rows(&tab), kept);
        run(&tab, "document.querySelector('[data-plan-status]').textContent = '';");
    }

    // Markdown: a {plan} block with paths from a page in content/kom-igang/.
    tab.find_element("[data-plan-copy]").unwrap().click().unwrap();
    let markdown = value_of(&tab, "document.querySelector('[data-plan-markdown]').value");
    let markdown = markdown.as_str().unwrap();
    assert!(
        markdown.contains("```{plan}") && markdown.contains("- exercise: ../../exercises/genuslinsen.md"),
        "{markdown}"
    );
    assert!(markdown.contains("- lunch: \"Lunch\"\n    minutes: 60"), "{markdown}");

    // Print each of agenda, guide and pack as A4, measured with pdfinfo.
    for what in ["agenda", "guide", "pack"] {
        run(&tab, &format!("window.print = () => {{}}; document.querySelector('[data-plan-print={what}]').click();"));
        // Drawn with the built guide's and pack's markup: steps at their clock times, room to write.
        let (marks, least) = match what {
            "guide" => (".guide-block .guide-step-time", 1),
            "pack" => (".pack-exercise .pack-write", 1),
            _ => (".plan-agenda .plan-clock", 3),
        };
        let found = value_of(&tab, &format!("document.querySelectorAll('[data-plan-printout] {marks}').length"));
        assert!(found.as_u64().unwrap() >= least, "{what}: {marks} {found}");
        let options = PrintToPdfOptions { prefer_css_page_size: Some(true), ..Default::default() };
        let pdf = tab.print_to_pdf(Some(options)).unwrap();
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), &pdf).unwrap();
        let info = std::process::Command::new("pdfinfo").arg(file.path()).output().expect("pdfinfo");
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.lines().any(|l| l.starts_with("Page size:") && l.ends_with("(A4)")), "{what}: {info}");
        let text = std::process::Command::new("pdftotext").arg(file.path()).arg("-").output().expect("pdftotext");
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("Genuslinsen") && !text.contains("Spara planen som fil"), "{what}: {text}");
    }
}

#[test]
fn the_presenter_moves_by_keys_counts_down_blanks_and_leaves() {
    let Some(browser) = browser() else { return };
    let site = journey::site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(&site.join("ovningar/var-ar-du-i-trappan.html")));
    wait_for(&tab, "!document.querySelector('.plan-actions').hidden");
    run(
        &tab,
        "window.fakeNow = Date.parse('2026-12-02T09:00:00'); window.trappaClock = { now: () => window.fakeNow };",
    );
    tab.find_element(".plan-actions [data-present]").unwrap().click().unwrap();
    wait_for(&tab, "document.querySelector('.presenter') && !document.querySelector('.presenter').hidden");
    let position = || value_of(&tab, "document.querySelector('.presenter-position').textContent");
    assert_eq!(position().as_str().unwrap().split(' ').next(), Some("1"));
    tab.press_key("ArrowRight").unwrap();
    assert_eq!(position().as_str().unwrap().split(' ').next(), Some("2"));
    tab.press_key("PageDown").unwrap();
    assert_eq!(position().as_str().unwrap().split(' ').next(), Some("3"));
    tab.press_key("PageUp").unwrap();
    assert_eq!(position().as_str().unwrap().split(' ').next(), Some("2"));
    // Body text at least 32 px on a 1920×1080 screen.
    // (The type scales with the width, 2.2vw: scaled from this window's width to 1920 px.)
    let size = value_of(
        &tab,
        "Math.min(48, parseFloat(getComputedStyle(document.querySelector('.presenter-body')).fontSize) * 1920 / innerWidth)",
    );
    assert!(size.as_f64().unwrap() >= 32.0, "body text {size} px");
    // The timer: a step of its own minutes, counted down by the clock the test moves.
    let timer =
        || value_of(&tab, "document.querySelector('.presenter-timer').textContent").as_str().unwrap().to_owned();
    let first = timer();
    assert!(first.ends_with("kvar"), "{first}");
    run(&tab, "window.fakeNow += 60000; window.trappaPresent.tick();");
    let later = timer();
    assert!(later != first && later.ends_with("kvar"), "{first} then {later}");
    run(&tab, "window.fakeNow += 3600000; window.trappaPresent.tick();");
    assert_eq!(timer(), "Tiden är slut");
    assert_eq!(value_of(&tab, "document.querySelector('.presenter').classList.contains('is-time-up')"), json!(true));
    assert_no_axe_violations(&tab, "the presenter view");
    tab.press_key("b").unwrap();
    assert_eq!(value_of(&tab, "document.querySelector('.presenter-blank').hidden"), json!(false));
    tab.press_key("b").unwrap();
    assert_eq!(value_of(&tab, "document.querySelector('.presenter-blank').hidden"), json!(true));
    tab.press_key("Escape").unwrap();
    wait_for(&tab, "document.querySelector('.presenter').hidden");
}

#[test]
fn a_trainer_goes_from_the_home_page_to_a_plan_in_the_presenter() {
    let Some(browser) = browser() else { return };
    let site = journey::site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(&site.join("index.html")));
    run(&tab, "localStorage.clear();");
    journey::click_link(&tab, "Övningar");
    journey::click_link(&tab, "Genuslinsen");
    wait_for(&tab, "!document.querySelector('.plan-actions').hidden");
    tab.find_element("[data-plan-add-button]").unwrap().click().unwrap();
    wait_for_value(&tab, "document.querySelector('[data-plan-add-state]').textContent", json!("Tillagd i min plan"));
    journey::click_link(&tab, "Visa min plan");
    wait_for(&tab, "document.querySelectorAll('.planner-block').length === 1");
    tab.find_element(".planner-tools [data-present]").unwrap().click().unwrap();
    wait_for(&tab, "document.querySelector('.presenter') && !document.querySelector('.presenter').hidden");
    let title = value_of(&tab, "document.querySelector('.presenter-title').textContent");
    assert!(title.as_str().unwrap().starts_with("Genuslinsen"), "{title}");
    let pace = value_of(&tab, "document.querySelector('.presenter-pace').textContent");
    assert!(pace.as_str().unwrap().contains("planen"), "{pace}");
}
