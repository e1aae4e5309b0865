//! Plans for a staff day as the build reads them: clock times across lunch and the materials
//! of the exercises on the page, a block naming a missing exercise an error at its line, sums
//! that do not add up and an exercise given too little time warnings at theirs (exit 3, and
//! errors with `--strict`); each plan's guide and pack beside it, with the forms and cards the
//! day uses. In Chromium, a trainer's way from the home page to the bundled full day's agenda,
//! its guide (printed on A4, then presented block by block with the room's pace) and its
//! participant pack (agenda first, the exercises and the forms as worksheets on A4), each
//! passing axe.

use crate::common::journey::{click_link, site_built_the_readme_way};
use crate::common::{
    HOME, assert_no_axe_violations, bin, browser, build, file_url, is_a4, pdf_page_sizes, run, site, stderr, value_of,
    wait_for,
};
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
    let tab = trainers_page(&browser);
    assert!(tab.get_url().ends_with("kom-igang/for-utbildare.html"), "{}", tab.get_url());

    let times = value_of(&tab, "[...document.querySelectorAll('#heldag .plan-clock')].map(td => td.textContent)");
    assert_eq!(
        times,
        json!([
            "09:00–09:20",
            "09:20–10:00",
            "10:00–10:15",
            "10:15–11:15",
            "11:15–12:15",
            "12:15–13:15",
            "13:15–14:00",
            "14:00–14:15",
            "14:15–15:30",
            "15:30–15:55"
        ])
    );
    assert_eq!(
        value_of(&tab, "document.querySelector('#heldag .plan-times').textContent"),
        json!("Från 09:00 till 15:55: 415 minuter (6 tim 55 minuter).")
    );
    assert_eq!(
        value_of(&tab, "document.querySelector('#halvdag .plan-times').textContent"),
        json!("Från 09:00 till 12:30: 210 minuter (3 tim 30 minuter).")
    );
    assert_no_axe_violations(&tab, "the trainer's page with its two plans");

    let (sizes, _) = printed(&tab);
    assert!(!sizes.is_empty() && sizes.iter().all(|s| is_a4(*s)), "A4: {sizes:?}");

    // An exercise of the day is a link away.
    click_link(&tab, "Rollspel och forumteater");
    assert!(tab.get_url().ends_with("ovningar/rollspel-och-forumteater.html"), "{}", tab.get_url());
}

/// An exercise with all its parts, which links to a page with a form.
const FULL_EXERCISE: (&str, &str) = (
    "exercises/trappan.md",
    "---\ntitle: Trappan\nduration: 40\ngroup_size: \"4–30\"\nmaterials: [post-it-lappar]\n---\n\n## Syfte\n\nAtt se var man står.\n\n## Så här gör du\n\n1. Visa [trappan](../content/skatta.md). (10 minuter)\n2. Låt var och en välja ett steg. (5 minuter)\n3. Samtala i grupper. (25 minuter)\n\n## Frågor till gruppen\n\n- Vilket steg valde du?\n- Vad hjälper dig vidare?\n\n## Tips\n\nBörja med dig själv.\n",
);
const FORM_PAGE: (&str, &str) = (
    "content/skatta.md",
    "---\ntitle: Skatta läget\n---\n\n```{form}\nid: skattning\ntitle: Var står du?\nquestions:\n  - {id: a, kind: text, text: Vad tänker du om trappan?}\n```\n",
);
const CARD_PAGE: (&str, &str) = (
    "content/lista.md",
    "---\ntitle: Listan\n---\n\n```{checklist}\nid: lista\ntitle: Oavsett kön\nitems:\n  - text: ställer jag likvärdiga krav\n```\n\n```{card}\nid: lista-kort\ntitle: Kortet Oavsett kön\nchecklist: lista\n```\n",
);

#[test]
fn a_plan_gets_a_guide_and_a_pack_beside_it_with_the_forms_and_cards_of_its_day() {
    let page = plan_page(
        "  - title: Välkommen\n    minutes: 20\n    text: Dela ut [listan](lista.md).\n  - exercise: ../exercises/trappan.md\n  - lunch: Lunch\n    minutes: 60\n",
        120,
    );
    let dir = site(&[HOME, FULL_EXERCISE, FORM_PAGE, CARD_PAGE, ("content/dag.md", &page)]);
    let output = build(dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let read = |rel: &str| std::fs::read_to_string(dir.path().join("public").join(rel)).unwrap().replace("&#x2f;", "/");

    // The plan: the form the exercise links to, the card of the checklist the first block
    // names, and its guide, pack and the planner.
    let plan = read("dag.html");
    for link in [
        "<a href=\"skatta.html#skattning\">Till självskattningen: Var står du?</a>",
        "<a href=\"kort/lista-kort.html\">Kort: Kortet Oavsett kön</a>",
        "<a href=\"ledarguide-dag.html\">Ledarguide: En dag</a>",
        "<a href=\"deltagarmaterial-dag.html\">Deltagarmaterial: En dag</a>",
        "<a href=\"min-plan.html#fran-dag\">Gör ett eget program i Min plan utifrån En dag</a>",
    ] {
        assert!(plan.contains(link), "{link}: {plan}");
    }

    // The guide: each step at the clock time it starts, the questions and tips, the way back.
    let guide = read("ledarguide-dag.html");
    for step in ["09:20 (10 minuter)", "09:30 (5 minuter)", "09:35 (25 minuter)"] {
        assert!(guide.contains(&format!("<span class=\"guide-step-time\">{step}</span>")), "{step}: {guide}");
    }
    assert!(guide.contains("<li>Vilket steg valde du?</li>") && guide.contains("Börja med dig själv."), "{guide}");
    assert!(guide.contains("<a href=\"dag.html#dag\">Tillbaka till programmet på sidan Dagen</a>"), "{guide}");
    // The exercise's own link leads from the guide's place (beside the plan).
    assert!(guide.contains("Visa <a href=\"skatta.html\">trappan</a>."), "{guide}");
    // The day for the presenter view, with the exercise's steps and the block's own text.
    let data = &guide[guide.find("id=\"trappa-plan\">").unwrap() + 17..];
    let data: serde_json::Value = serde_json::from_str(&data[..data.find("</script>").unwrap()]).unwrap();
    assert_eq!(data["version"], json!(1));
    assert_eq!(data["blocks"][1]["exercise"]["steps"].as_array().unwrap().len(), 3);
    assert_eq!(data["blocks"][1]["step_starts"], json!(["09:20", "09:30", "09:35"]));
    assert_eq!(data["blocks"][2]["start"], json!("10:00"));
    assert!(data["blocks"][0]["text_html"].as_str().unwrap().contains("listan"), "{data}");

    // The pack: the agenda, room under each question, and the form as a worksheet without its
    // script (nothing typed there is kept).
    let pack = read("deltagarmaterial-dag.html");
    assert!(pack.contains("<td class=\"plan-clock\">09:20–10:00</td>"), "{pack}");
    assert_eq!(pack.matches("class=\"pack-write\"").count(), 2, "{pack}");
    assert!(pack.contains("Vad tänker du om trappan?") && !pack.contains("forms.js"), "{pack}");
}

#[test]
fn materials_are_counted_for_the_participants_and_a_group_too_large_is_a_warning() {
    let exercise = (EXERCISE.0, &*EXERCISE.1.replace("[post-it-lappar]", "[\"post-it-lappar (3 per deltagare)\"]"));
    let page = plan_page("  - exercise: ../exercises/trappan.md\n", 40)
        .replace("length: 40\n", "length: 40\nparticipants: 32\n");
    let dir = site(&[HOME, exercise, ("content/dag.md", &page)]);
    let output = build(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "{err}");
    // The block is on line 14 (the plan's fields took one line more).
    assert!(
        err.contains("content/dag.md:14:1: warning: block 1 is `../exercises/trappan.md`, an exercise for 4–30 people; the plan is for 32"),
        "{err}"
    );
    let html = std::fs::read_to_string(dir.path().join("public/dag.html")).unwrap();
    assert!(html.contains("<li>post-it-lappar: 96 (3 per deltagare) <span"), "{html}");
    assert!(html.contains("Från 09:00 till 09:40: 40 minuter, 32 deltagare."), "{html}");
}

#[test]
fn strict_makes_a_plans_warnings_errors_and_writes_nothing() {
    let page = plan_page("  - title: Välkommen\n    minutes: 20\n", 390);
    let dir = site(&[HOME, ("content/dag.md", &page)]);
    for command in ["build", "check", "pack"] {
        let output = bin().args([command, "--strict", "--root"]).arg(dir.path()).output().unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{command}: {err}");
        assert!(
            err.contains("content/dag.md:11:1: error: the plan's blocks add up to 20 minutes, not the stated 390"),
            "{command}: {err}"
        );
        assert!(!dir.path().join("public").exists(), "{command} wrote nothing");
    }
    // Without it, the same site builds and says so with exit 3.
    assert_eq!(build(dir.path()).status.code(), Some(3));
}

#[test]
fn a_plan_id_that_names_no_plain_file_is_an_error_at_its_line() {
    let page = plan_page("  - title: Välkommen\n    minutes: 20\n", 20).replace("id: dag", "id: en dag");
    let dir = site(&[HOME, ("content/dag.md", &page)]);
    let err = stderr(&build(dir.path()));
    assert!(err.contains("content/dag.md:8:") && err.contains("the plan's id `en dag` is not a plain name"), "{err}");
}

/// A tab on the trainer's page, reached from the home page of the site built the README's way.
fn trainers_page(browser: &headless_chrome::Browser) -> std::sync::Arc<headless_chrome::Tab> {
    let tab = browser.new_tab().unwrap();
    let public = site_built_the_readme_way();
    tab.navigate_to(&file_url(&public.join("index.html"))).unwrap().wait_until_navigated().unwrap();
    click_link(&tab, "för dig som leder en utbildningsdag");
    tab
}

/// Prints the tab to PDF: (page sizes, text by pdftotext).
fn printed(tab: &headless_chrome::Tab) -> (Vec<(f64, f64)>, Vec<String>) {
    let options = PrintToPdfOptions { prefer_css_page_size: Some(true), ..Default::default() };
    let pdf = tab.print_to_pdf(Some(options)).unwrap();
    let sizes = pdf_page_sizes(&lopdf::Document::load_mem(&pdf).unwrap(), "MediaBox");
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &pdf).unwrap();
    let text =
        std::process::Command::new("pdftotext").arg("-layout").arg(file.path()).arg("-").output().expect("pdftotext");
    let pages = String::from_utf8_lossy(&text.stdout).split('\u{c}').map(str::to_owned).collect();
    (sizes, pages)
}

#[test]
fn a_trainer_prints_the_guide_presents_the_day_and_prints_the_pack() {
    let Some(browser) = browser() else { return };
    let tab = trainers_page(&browser);
    click_link(&tab, "Ledarguide: Heldag om jämställd socialtjänst");
    assert!(tab.get_url().ends_with("kom-igang/ledarguide-heldag.html"), "{}", tab.get_url());
    let first_steps = value_of(
        &tab,
        "[...document.querySelectorAll('.guide-block')[1].querySelectorAll('.guide-step-time')].map(s => s.textContent)",
    );
    assert_eq!(
        first_steps,
        json!([
            "09:20 (5 minuter)",
            "09:25 (5 minuter)",
            "09:30 (5 minuter)",
            "09:35 (15 minuter)",
            "09:50 (10 minuter)"
        ])
    );
    assert_no_axe_violations(&tab, "the full day's facilitator guide");

    let (sizes, pages) = printed(&tab);
    assert!(!sizes.is_empty() && sizes.iter().all(|s| is_a4(*s)), "A4: {sizes:?}");
    let text = pages.concat();
    assert!(text.contains("09:35 (15 minuter)") && text.contains("Rollspel och forumteater"), "{text}");
    assert!(!text.contains("Visa för gruppen") && !text.contains("Skriv ut ledarguiden"), "no buttons: {text}");

    // The presenter: the day block by block, at 09:00 on time; later, behind the plan.
    run(
        &tab,
        "window.fakeNow = Date.parse('2026-12-02T09:00:00'); window.trappaClock = { now: () => window.fakeNow };",
    );
    tab.find_element(".present-plan").unwrap().click().unwrap();
    wait_for(&tab, "document.querySelector('.presenter') && !document.querySelector('.presenter').hidden");
    let slide = || {
        value_of(
            &tab,
            "['title', 'kicker', 'pace', 'timer'].map(k => document.querySelector('.presenter-' + k).textContent)",
        )
    };
    assert_eq!(slide(), json!(["Välkommen", "09:00–09:20", "Enligt planen", "20:00 kvar"]));
    assert!(
        value_of(&tab, "document.querySelector('.presenter-body').textContent").as_str().unwrap().contains("trappan")
    );
    // "Visa trappan": the slide draws the staircase it links to, its six steps rising, every
    // name within its step and a word broken only at a syllable, with a hyphen.
    let picture = || {
        value_of(
            &tab,
            "(() => { const f = document.querySelector('.presenter-body .staircase-picture'); if (!f) return null;
               const steps = [...f.querySelectorAll('li')].map(li => li.getBoundingClientRect());
               const plain = node => node.textContent.replace(/\\u00ad/g, '');
               return { caption: plain(f.querySelector('figcaption')), steps: steps.length,
                 rising: steps.every((r, i) => i == 0 || r.height > steps[i - 1].height),
                 level: steps.every(r => Math.abs(r.bottom - steps[0].bottom) < 1),
                 whole: [...f.querySelectorAll('li')].every(li => li.scrollWidth <= li.clientWidth)
                   && [...f.querySelectorAll('.stair-title')].every(title => {
                     const text = title.firstChild, range = document.createRange(); let at = 0;
                     return text.textContent.split(' ').every(word => {
                       range.setStart(text, at); range.setEnd(text, at + word.length); at += word.length + 1;
                       return range.getClientRects().length < 2 || word.includes('\\u00ad'); }); }),
                 first: plain(f.querySelector('li')) }; })()",
        )
    };
    let drawn = picture();
    assert_eq!(drawn["caption"], json!("Trappan – arbetsordning för hållbar jämställdhetsintegrering"), "{drawn}");
    assert_eq!(drawn["steps"], json!(6), "{drawn}");
    assert_eq!(
        (&drawn["rising"], &drawn["level"], &drawn["whole"]),
        (&json!(true), &json!(true), &json!(true)),
        "{drawn}"
    );
    assert_no_axe_violations(&tab, "the presenter view of a plan");
    // Into the first exercise at 09:35: its first slide was planned for 09:20.
    run(&tab, "window.fakeNow = Date.parse('2026-12-02T09:35:00');");
    tab.press_key("PageDown").unwrap();
    assert_eq!(slide()[0], json!("Var är du i jämställdhetstrappan?"));
    assert_eq!(slide()[2], json!("15 min efter planen"));
    assert_eq!(picture(), json!(null), "a slide that links to no staircase draws none");
    tab.press_key("ArrowRight").unwrap();
    assert_eq!(slide()[1], json!("Steg 1 av 5"));
    // "Visa jämställdhetstrappan med dess tre steg": the three steps, drawn.
    let drawn = picture();
    assert_eq!((&drawn["caption"], &drawn["steps"]), (&json!("Jämställdhetstrappan"), &json!(3)), "{drawn}");
    assert_eq!(drawn["first"], json!("1 Jag vet att jag saknar kunskap."), "{drawn}");
    assert_eq!((&drawn["rising"], &drawn["whole"]), (&json!(true), &json!(true)), "{drawn}");
    // Starting late (at 14:04): the times count from the moment "Räkna tiderna från nu" is
    // pressed, not from the plan's 09:00.
    run(&tab, "window.fakeNow = Date.parse('2026-12-02T14:04:00'); window.trappaPresent.tick();");
    assert!(slide()[2].as_str().unwrap().ends_with("min efter planen"), "{}", slide()[2]);
    tab.find_element("[data-present-from-now]").unwrap().click().unwrap();
    assert_eq!(slide()[2], json!("Enligt planen"));
    run(&tab, "window.fakeNow = Date.parse('2026-12-02T14:09:00'); window.trappaPresent.tick();");
    assert_eq!(slide()[2], json!("5 min efter planen"));
    tab.press_key("Escape").unwrap();
    wait_for(&tab, "document.querySelector('.presenter').hidden");
    // Focus is back on the button that opened the presenter.
    assert_eq!(value_of(&tab, "document.activeElement.classList.contains('present-plan')"), json!(true));

    click_link(&tab, "Deltagarmaterial: Heldag om jämställd socialtjänst");
    assert!(tab.get_url().ends_with("kom-igang/deltagarmaterial-heldag.html"), "{}", tab.get_url());
    assert_no_axe_violations(&tab, "the full day's participant pack");
    let (sizes, pages) = printed(&tab);
    assert!(sizes.iter().all(|s| is_a4(*s)), "A4: {sizes:?}");
    // The agenda on the first page; each of the five exercises starts a page; the forms last.
    assert!(pages[0].contains("Dagordning") && pages[0].contains("15:30–15:55"), "{}", pages[0]);
    for exercise in ["Granska er egen statistik", "Kryssa fallgropar", "Rollspel och forumteater"] {
        assert!(pages.iter().skip(1).any(|p| p.trim_start().starts_with(exercise)), "{exercise} starts a page");
    }
    let text = pages.concat();
    assert!(text.contains("Fallgropar jag känner igen"), "the day's form as a worksheet: {text}");
    assert!(!text.contains("Skriv ut deltagarmaterialet"), "no buttons: {text}");
    // Paper is paper: nothing about the browser, the options' points and how to add them up.
    assert!(!text.contains("Dina svar sparas bara i den här webbläsaren"), "no browser on paper: {text}");
    assert!(text.contains("Kryssa med penna") && text.contains("(1 poäng)"), "what a pen needs: {text}");
}

/// A trainer's note ("För utbildaren: …") is for the trainer: in the guide and as the
/// presenter's note (N), never on the projected slide nor in the participant pack. The text
/// after the steps (statements to read out) reaches the guide, the pack and a slide.
#[test]
fn a_trainer_s_note_stays_off_the_slide_and_the_pack_and_the_text_after_the_steps_is_kept() {
    let exercise = "---\ntitle: Linjen\nduration: 15\n---\n\n## Syfte\n\nAtt ta ställning.\n\n## Så här gör du\n\n\
        1. Dra en linje på golvet. (5 minuter)\n\n   > För utbildaren: börja med det lättaste påståendet.\n\n\
        2. Läs ett påstående i taget. (10 minuter)\n\nPåståenden till linjen:\n\n- Män är svårare att nå i samtal.\n";
    let page = plan_page("  - exercise: ../exercises/linjen.md\n", 15);
    let dir = site(&[HOME, ("exercises/linjen.md", exercise), ("content/dag.md", &page)]);
    let output = build(dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let read = |rel: &str| std::fs::read_to_string(dir.path().join("public").join(rel)).unwrap();
    let (guide, pack) = (read("ledarguide-dag.html"), read("deltagarmaterial-dag.html"));
    assert!(guide.contains("<div class=\"trainer-note\"><blockquote>\n<p>För utbildaren: börja med"), "{guide}");
    assert!(!pack.contains("börja med det lättaste"), "no trainer's note in the pack: {pack}");
    for text in ["Påståenden till linjen:", "Män är svårare att nå i samtal."] {
        assert!(guide.contains(text) && pack.contains(text), "{text}");
    }

    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&dir.path().join("public/ovningar/linjen.html")))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    tab.find_element(".plan-actions [data-present]").unwrap().click().unwrap();
    wait_for(&tab, "document.querySelector('.presenter') && !document.querySelector('.presenter').hidden");
    tab.press_key("ArrowRight").unwrap();
    let shown = || {
        value_of(
            &tab,
            "[document.querySelector('.presenter-kicker').textContent, document.querySelector('.presenter-slide').textContent, \
             document.querySelector('.presenter-notes').hidden, document.querySelector('.presenter-notes').textContent]",
        )
    };
    let step = shown();
    assert_eq!(step[0], json!("Steg 1 av 2"));
    assert!(!step[1].as_str().unwrap().contains("För utbildaren"), "not on the slide: {step}");
    assert_eq!(step[2], json!(true), "the notes are hidden until asked for");
    tab.press_key("n").unwrap();
    let step = shown();
    assert_eq!(step[2], json!(false));
    assert!(step[3].as_str().unwrap().contains("För utbildaren: börja med det lättaste påståendet."), "{step}");
    assert_eq!(
        value_of(&tab, "document.querySelector('[data-present-notes]').getAttribute('aria-pressed')"),
        json!("true")
    );
    assert_no_axe_violations(&tab, "the presenter with its notes");
    tab.press_key("ArrowRight").unwrap();
    tab.press_key("ArrowRight").unwrap();
    let material = shown();
    assert_eq!(material[0], json!("Underlag"));
    assert!(material[1].as_str().unwrap().contains("Män är svårare att nå i samtal."), "{material}");
}
