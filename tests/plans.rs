//! Plans for a staff day as the build reads them: clock times across lunch and the materials
//! of the exercises on the page, a block naming a missing exercise an error at its line, sums
//! that do not add up and an exercise given too little time warnings at theirs (exit 3); and
//! in Chromium, a trainer's way from the home page to the bundled full day's agenda, which
//! passes axe and prints on A4.

mod common;

use common::journey::{click_link, site_built_the_readme_way};
use common::{HOME, assert_no_axe_violations, browser, build, file_url, is_a4, pdf_page_sizes, site, stderr, value_of};
use headless_chrome::types::PrintToPdfOptions;
use serde_json::json;

const EXERCISE: (&str, &str) = (
    "exercises/trappan.md",
    "---\ntitle: Trappan\nduration: 40\ngroup_size: \"4–30\"\nmaterials: [post-it-lappar]\n---\n\nText.\n",
);

fn plan_page(blocks: &str, length: u32) -> String {
    format!(
        "---\ntitle: Dagen\n---\n\nSå här ser dagen ut.\n\n```{{plan}}\nid: dag\ntitle: En dag\nstart: \"09:00\"\nlength: {length}\nblocks:\n{blocks}```\n"
    )
}

#[test]
fn a_plan_gets_its_clock_times_and_materials() {
    let page = plan_page(
        "  - title: Välkommen\n    minutes: 20\n  - exercise: ../exercises/trappan.md\n  - lunch: Lunch\n    minutes: 60\n  - exercise: ../exercises/trappan.md\n    minutes: 50\n",
        170,
    );
    let dir = site(&[HOME, EXERCISE, ("content/dag.md", &page)]);
    let output = build(dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let html = std::fs::read_to_string(dir.path().join("public/dag.html")).unwrap().replace("&#x2f;", "/");
    for row in ["09:00–09:20", "09:20–10:00", "10:00–11:00", "11:00–11:50"] {
        assert!(html.contains(&format!("<td class=\"plan-clock\">{row}</td>")), "{row}: {html}");
    }
    assert!(html.contains("Från 09:00 till 11:50: 170 minuter (2 tim 50 minuter)."), "{html}");
    assert!(html.contains("Övning: <a href=\"ovningar/trappan.html\">Trappan</a>"), "{html}");
    assert!(html.contains("<li>post-it-lappar <span class=\"plan-used-by\">(Trappan)</span></li>"), "once: {html}");
}

#[test]
fn a_block_naming_a_missing_exercise_is_an_error_at_its_line() {
    let page =
        plan_page("  - exercise: ../exercises/trappan.md\n  - exercise: ../exercises/saknas.md\n    minutes: 30\n", 70);
    let dir = site(&[HOME, EXERCISE, ("content/dag.md", &page)]);
    let output = build(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    // Front matter (3), blank, text, blank, fence (7), id, title, start, length, blocks (12),
    // the first block (13), the second (14).
    assert!(
        err.contains("content/dag.md:14:") && err.contains("link to a missing file `../exercises/saknas.md`"),
        "{err}"
    );
}

#[test]
fn a_page_named_as_an_exercise_and_a_block_without_minutes_are_errors() {
    let other = ("content/annan.md", "---\ntitle: Annan sida\n---\n\nText.\n");
    let page = plan_page("  - exercise: annan.md\n", 10);
    let dir = site(&[HOME, other, ("content/dag.md", &page)]);
    let err = stderr(&build(dir.path()));
    assert!(err.contains("content/dag.md:13:") && err.contains("names `annan.md`, which is not an exercise"), "{err}");

    let page = plan_page("  - title: Välkommen\n  - break: Fika\n    minutes: 15\n", 15);
    let dir = site(&[HOME, ("content/dag.md", &page)]);
    let err = stderr(&build(dir.path()));
    assert!(err.contains("content/dag.md:13:") && err.contains("block 1 of the plan has no `minutes:`"), "{err}");
}

#[test]
fn sums_that_do_not_add_up_and_a_short_exercise_are_warnings_at_their_lines() {
    let page = plan_page(
        "  - title: Välkommen\n    minutes: 20\n  - exercise: ../exercises/trappan.md\n    minutes: 25\n",
        390,
    );
    let dir = site(&[HOME, EXERCISE, ("content/dag.md", &page)]);
    let output = build(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "built, with warnings: {err}");
    assert!(
        err.contains(
            "content/dag.md:15:1: warning: block 2 gives `../exercises/trappan.md` 25 minutes; the exercise takes 40"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/dag.md:11:1: warning: the plan's blocks add up to 45 minutes, not the stated 390"),
        "{err}"
    );
    assert!(err.contains("hint: make `length: 45`"), "{err}");
}

#[test]
fn a_trainer_finds_the_full_day_from_the_home_page_and_prints_its_agenda() {
    let Some(browser) = browser() else { return };
    let public = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&public.join("index.html"))).unwrap().wait_until_navigated().unwrap();
    click_link(&tab, "för dig som leder en utbildningsdag");
    assert!(tab.get_url().ends_with("kom-igang/for-utbildare.html"), "{}", tab.get_url());

    let times = value_of(&tab, "[...document.querySelectorAll('#heldag .plan-clock')].map(td => td.textContent)");
    assert_eq!(
        times,
        json!([
            "09:00–09:20",
            "09:20–10:00",
            "10:00–11:00",
            "11:00–12:00",
            "12:00–12:45",
            "12:45–13:45",
            "13:45–14:00",
            "14:00–15:15",
            "15:15–15:40"
        ])
    );
    assert_eq!(
        value_of(&tab, "document.querySelector('#heldag .plan-times').textContent"),
        json!("Från 09:00 till 15:40: 400 minuter (6 tim 40 minuter).")
    );
    assert_eq!(
        value_of(&tab, "document.querySelector('#halvdag .plan-times').textContent"),
        json!("Från 09:00 till 12:30: 210 minuter (3 tim 30 minuter).")
    );
    assert_no_axe_violations(&tab, "the trainer's page with its two plans");

    let options = PrintToPdfOptions { prefer_css_page_size: Some(true), ..Default::default() };
    let pdf = tab.print_to_pdf(Some(options)).unwrap();
    let sizes = pdf_page_sizes(&lopdf::Document::load_mem(&pdf).unwrap(), "MediaBox");
    assert!(!sizes.is_empty() && sizes.iter().all(|s| is_a4(*s)), "A4: {sizes:?}");

    // An exercise of the day is a link away.
    click_link(&tab, "Rollspel och forumteater");
    assert!(tab.get_url().ends_with("ovningar/rollspel-och-forumteater.html"), "{}", tab.get_url());
}
