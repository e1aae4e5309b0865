//! The planner (Min plan) and the presenter view in the browser: exercises added from their
//! pages, reordered by keyboard, kept over a reload with their clock times; export, clear and
//! import; a malformed file refused; printing as A4; the presenter moved by keys with its timer
//! on a controlled clock (window.trappaClock); axe-core on both; one journey from the home page.

use headless_chrome::Tab;
use headless_chrome::browser::tab::ModifierKey;
use headless_chrome::types::PrintToPdfOptions;
use serde_json::json;

use crate::common::{assert_no_axe_violations, browser, file_url, journey, run, value_of, wait_for, wait_for_value};

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
    // Töm planen asks first: a modal dialog with the focus on its answer.
    wait_for(&tab, "document.querySelector('[data-plan-clear-dialog]').open");
    tab.find_element("[data-plan-clear-yes]").unwrap().click().unwrap();
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

/// Min plan from a ready plan: "Gör ett eget program i Min plan utifrån …" on the plan's page
/// starts Min plan with the plan's blocks and their own text; a plan already in Min plan is
/// replaced only when the trainer says so (a modal dialog that offers to save the old one
/// first, Esc keeps it); Töm planen asks; an exercise already in the plan says so on its
/// button; an exercise shortened below its steps warns, and the printed guide keeps to the
/// block's time and has the built guide's Förbered list.
#[test]
fn min_plan_starts_from_a_ready_plan_and_asks_before_it_loses_one() {
    let Some(browser) = browser() else { return };
    let site = journey::site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(&site.join("index.html")));
    run(&tab, "localStorage.clear();");
    let plan_page = file_url(&site.join("kom-igang/for-utbildare.html"));
    open(&tab, &plan_page);
    journey::click_link(&tab, "Gör ett eget program i Min plan utifrån Halvdag om jämställd socialtjänst");
    wait_for(&tab, "document.querySelectorAll('.planner-block').length > 3");
    let seeded = rows(&tab);
    assert_eq!(seeded[0][0], json!("09:00–09:15"), "{seeded}");
    assert_eq!(seeded[0][1], json!("Välkommen"), "{seeded}");
    let status = value_of(&tab, "document.querySelector('[data-plan-status]').textContent");
    assert!(status.as_str().unwrap().contains("Halvdag"), "{status}");
    // The blocks' own text comes along, its links leading from Min plan's page.
    let stored = value_of(&tab, "localStorage.getItem('trappa-plan-v1')");
    let stored: serde_json::Value = serde_json::from_str(stored.as_str().unwrap()).unwrap();
    let text = stored["blocks"][0]["text_html"].as_str().unwrap_or_default().to_owned();
    assert!(text.contains("href=\"exempel/hela-familjen.html\""), "{stored}");
    assert_no_axe_violations(&tab, "Min plan from a ready plan");

    // A plan in Min plan: the other plan's link asks first; Esc keeps the old one.
    tab.find_element("[data-plan-new=break]").unwrap().click().unwrap();
    let kept = rows(&tab);
    open(&tab, &plan_page);
    journey::click_link(&tab, "Gör ett eget program i Min plan utifrån Heldag om jämställd socialtjänst");
    wait_for(
        &tab,
        "document.querySelector('[data-plan-replace-dialog]') && document.querySelector('[data-plan-replace-dialog]').open",
    );
    assert_eq!(value_of(&tab, "document.activeElement.hasAttribute('data-plan-replace-yes')"), json!(true));
    let offered = value_of(&tab, "document.querySelector('[data-plan-replace-export]').textContent");
    assert_eq!(offered, json!("Spara planen som fil"));
    assert_no_axe_violations(&tab, "Min plan's question before replacing");
    tab.press_key("Escape").unwrap();
    wait_for(&tab, "!document.querySelector('[data-plan-replace-dialog]').open");
    assert_eq!(rows(&tab), kept);
    // Asked again and answered yes: the whole day's plan.
    open(&tab, &plan_page);
    journey::click_link(&tab, "Gör ett eget program i Min plan utifrån Heldag om jämställd socialtjänst");
    wait_for(
        &tab,
        "document.querySelector('[data-plan-replace-dialog]') && document.querySelector('[data-plan-replace-dialog]').open",
    );
    tab.find_element("[data-plan-replace-yes]").unwrap().click().unwrap();
    wait_for(&tab, "document.querySelector('[data-plan-status]').textContent.includes('Heldag')");
    assert_ne!(rows(&tab), kept);

    // Töm planen asks; "Avbryt" keeps the plan.
    let day = rows(&tab);
    tab.find_element("[data-plan-clear]").unwrap().click().unwrap();
    wait_for(&tab, "document.querySelector('[data-plan-clear-dialog]').open");
    tab.find_element("[data-plan-clear-no]").unwrap().click().unwrap();
    assert_eq!(rows(&tab), day);
    assert_eq!(value_of(&tab, "document.activeElement.hasAttribute('data-plan-clear')"), json!(true));

    // An exercise already in the plan: its button says so.
    run(&tab, "localStorage.clear();");
    open(&tab, &file_url(&site.join("ovningar/observator.html")));
    wait_for(&tab, "!document.querySelector('.plan-actions').hidden");
    let button = || value_of(&tab, "document.querySelector('[data-plan-add-button]').textContent");
    assert_eq!(button(), json!("Lägg till i min plan"));
    tab.find_element("[data-plan-add-button]").unwrap().click().unwrap();
    wait_for_value(
        &tab,
        "document.querySelector('[data-plan-add-button]').textContent",
        json!("Lägg till en gång till"),
    );
    open(&tab, &file_url(&site.join("ovningar/observator.html")));
    wait_for(&tab, "!document.querySelector('.plan-actions').hidden");
    assert_eq!(button(), json!("Lägg till en gång till"));

    // Shortened below its steps: a warning in Min plan, and the guide prints only what fits.
    open(&tab, &file_url(&site.join("min-plan.html")));
    wait_for(&tab, "document.querySelectorAll('.planner-block').length === 1");
    assert_eq!(value_of(&tab, "document.querySelectorAll('.planner-warning').length"), json!(0));
    run(&tab, "window.print = () => {}; document.querySelector('[data-plan-print=guide]').click();");
    let all_steps = value_of(&tab, "document.querySelectorAll('[data-plan-printout] .guide-steps > li').length");
    // The Förbered list of a built plan's guide, with the exercise's materials.
    let prepare = value_of(&tab, "document.querySelector('[data-plan-printout] .guide-prepare').textContent");
    assert!(prepare.as_str().unwrap().starts_with("Förbered"), "{prepare}");
    assert!(prepare.as_str().unwrap().contains("Material att ta med"), "{prepare}");
    run(
        &tab,
        "const m = document.querySelector('.planner-minutes input'); m.value = '10'; m.dispatchEvent(new Event('change'));",
    );
    let warning = value_of(&tab, "document.querySelector('.planner-warning').textContent");
    assert!(warning.as_str().unwrap().contains("Observatör") && warning.as_str().unwrap().contains("10"), "{warning}");
    run(&tab, "document.querySelector('[data-plan-print=guide]').click();");
    let fitting = value_of(&tab, "document.querySelectorAll('[data-plan-printout] .guide-steps > li').length");
    assert!(fitting.as_u64().unwrap() < all_steps.as_u64().unwrap(), "{fitting} of {all_steps}");
    let last_ends = value_of(
        &tab,
        "[...document.querySelectorAll('[data-plan-printout] .guide-steps > li')].map(li => li.textContent).join('|')",
    );
    assert!(!last_ends.as_str().unwrap().contains("09:1"), "a step past 09:10: {last_ends}");
    assert_no_axe_violations(&tab, "Min plan with a warning");
}

/// What Min plan's printed guide prepares (its *Förbered*: materials, self-assessments, cards)
/// is what the built guide of the same plan prepares, with links that lead where the built
/// guide's do; an exercise added from its own page keeps its links into the site.
#[test]
fn min_plan_s_guide_prepares_what_the_built_guide_does_and_its_links_lead_into_the_site() {
    let Some(browser) = browser() else { return };
    let site = journey::site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    // Each list of Förbered as (text, absolute address) of its items.
    let prepared = |tab: &Tab, scope: &str| {
        value_of(
            tab,
            &format!(
                "Object.fromEntries(['materials', 'forms', 'cards'].map(k => [k,
                   [...document.querySelectorAll('{scope} .plan-' + k + ' li')].map(li =>
                     [li.textContent.trim(), li.querySelector('a') ? li.querySelector('a').href : null])]))"
            ),
        )
    };
    open(&tab, &file_url(&site.join("kom-igang/ledarguide-heldag.html")));
    let built = prepared(&tab, ".guide-prepare");
    assert!(
        !built["forms"].as_array().unwrap().is_empty() && !built["cards"].as_array().unwrap().is_empty(),
        "{built}"
    );

    open(&tab, &file_url(&site.join("index.html")));
    run(&tab, "localStorage.clear();");
    open(&tab, &file_url(&site.join("kom-igang/for-utbildare.html")));
    journey::click_link(&tab, "Gör ett eget program i Min plan utifrån Heldag om jämställd socialtjänst");
    wait_for(&tab, "document.querySelectorAll('.planner-block').length > 3");
    run(&tab, "window.print = () => {}; document.querySelector('[data-plan-print=guide]').click();");
    let mine = prepared(&tab, "[data-plan-printout] .guide-prepare");
    assert_eq!(mine["forms"], built["forms"], "the same self-assessments, leading to the same places");
    assert_eq!(mine["cards"], built["cards"], "the same cards");
    let texts = |list: &serde_json::Value| -> Vec<String> {
        list.as_array().unwrap().iter().map(|item| item[0].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(texts(&mine["materials"]), texts(&built["materials"]), "the same materials");

    // Added from its own page (a folder down), the exercise's links still lead into the site:
    // the step "Visa jämställdhetstrappan" and its self-assessment in Förbered.
    run(&tab, "localStorage.clear();");
    open(&tab, &file_url(&site.join("ovningar/var-ar-du-i-trappan.html")));
    wait_for(&tab, "!document.querySelector('.plan-actions').hidden");
    tab.find_element("[data-plan-add-button]").unwrap().click().unwrap();
    wait_for_value(&tab, "document.querySelector('[data-plan-add-state]').textContent", json!("Tillagd i min plan"));
    open(&tab, &file_url(&site.join("min-plan.html")));
    wait_for(&tab, "document.querySelectorAll('.planner-block').length === 1");
    run(&tab, "document.querySelector('[data-plan-print=guide]').click();");
    let staircase = value_of(
        &tab,
        "[...document.querySelectorAll('[data-plan-printout] .guide-steps a')].find(a => a.textContent === 'jämställdhetstrappan').href",
    );
    assert_eq!(staircase, json!(file_url(&site.join("trappan/kompetenstrappan.html"))), "the step's link");
    let forms = prepared(&tab, "[data-plan-printout] .guide-prepare")["forms"].clone();
    assert_eq!(
        forms,
        json!([[
            "Till självskattningen: Var är du i jämställdhetstrappan?",
            format!("{}#var-ar-du", file_url(&site.join("trappan/kompetenstrappan.html")))
        ]]),
        "its self-assessment, on the page it links to"
    );
}
