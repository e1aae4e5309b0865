//! A new member of staff comes back to the reading path, in headless Chromium, from the home
//! page by links: a self-assessment done a month ago is suggested again on the path page; done
//! again, its result stands beside the last time's, with dates; *Min sammanfattning* gathers the
//! steps read, the form's result with its history and the reader's note, prints on A4 and
//! downloads as text; clearing it removes the path's marks, answers and history. axe-core audits
//! the form with its history and the summary.

use std::process::Command;

use crate::common::journey::{click_link, site_built_the_readme_way};
use crate::common::{
    assert_no_axe_violations, browser, file_url, is_a4, pdf_page_sizes, run, value_of, wait_for_value,
};
use headless_chrome::Tab;
use headless_chrome::types::PrintToPdfOptions;
use serde_json::json;

const FORM: &str = "form.self-assessment[data-form=var-ar-du]";
const NOTE: &str = "Att få gå bredvid en kollega som har gjort det länge.";

/// Keeps a result of the staircase form `days` ago in this browser, as forms.js would have
/// kept it then (the one part of the journey that cannot be walked: a month passing). Returns
/// that day as the page writes it.
fn result_days_ago(tab: &Tab, days: u32, points: u32) -> String {
    let day = run(
        tab,
        &format!(
            "const form = document.querySelector({FORM:?});
             const version = form.getAttribute('data-form-version');
             const day = window.trappaSaved.today(new Date(Date.now() - {days} * 86400000));
             const key = 'trappa-historik:' + JSON.stringify(['var-ar-du', version]);
             const list = JSON.parse(localStorage.getItem(key) || '[]');
             const steps = [{{ number: {points}, of: 3, title: ['Jag vet att jag saknar kunskap.', 'Jag har kunskap och färdigheter och …', 'Jag gör det av bara farten.'][{points} - 1] }}];
             list.unshift({{ day, points: {points}, low: 1, high: 3, complete: true, band: null, steps }});
             localStorage.setItem(key, JSON.stringify(list));
             return window.trappaHelpers.longDate(day);"
        ),
    );
    day.as_str().unwrap().to_string()
}

fn text(tab: &Tab, selector: &str) -> String {
    value_of(tab, &format!("document.querySelector({selector:?}).textContent.trim()")).as_str().unwrap().to_string()
}

fn answer_step_two_with_a_note(tab: &Tab) {
    wait_for_value(tab, &format!("document.querySelector({FORM:?}).classList.contains('is-live')"), json!(true));
    tab.find_element(&format!("{FORM} [data-question=steg] input[data-score='2']")).unwrap().click().unwrap();
    tab.find_element(&format!("{FORM} [data-question=nasta-steg] textarea")).unwrap().type_into(NOTE).unwrap();
}

#[test]
fn a_new_member_of_staff_comes_back_and_takes_a_summary_to_their_manager() {
    let Some(browser) = browser() else { return };
    let public = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&public.join("index.html"))).unwrap().wait_until_navigated().unwrap();
    run(&tab, "localStorage.clear();");

    click_link(&tab, "läsordningen för nya medarbetare");
    click_link(&tab, "Jämställdhetstrappan");
    assert!(tab.get_url().ends_with("trappan/kompetenstrappan.html"), "{}", tab.get_url());
    let month_ago = result_days_ago(&tab, 40, 1);
    let mark = "nav.path-place[data-path=ny] [data-path-mark]";
    wait_for_value(&tab, &format!("!document.querySelector({mark:?}).closest('[hidden]')"), json!(true));
    tab.find_element(mark).unwrap().click().unwrap();

    // The path page suggests the self-assessment again.
    click_link(&tab, "Läsväg: För dig som är ny");
    let again = "#ny .path-step[data-step='trappan/kompetenstrappan.html'] [data-step-again]";
    wait_for_value(&tab, &format!("!document.querySelector({again:?}).hidden"), json!(true));
    assert_eq!(
        text(&tab, again),
        "Det är 40 dagar sedan du gjorde ”Var är du i jämställdhetstrappan?”. Gör den gärna igen och jämför med förra gången."
    );

    // Done again: today's result beside the last time's.
    click_link(&tab, "Jämställdhetstrappan");
    answer_step_two_with_a_note(&tab);
    tab.find_element(&format!("{FORM} [data-action=results]")).unwrap().click().unwrap();
    let compare = "#var-ar-du-resultat .results-history-compare";
    wait_for_value(&tab, &format!("!!document.querySelector({compare:?})"), json!(true));
    assert_eq!(text(&tab, compare), format!("Förra gången, {month_ago}: 1 av 3 poäng. Nu: 2 av 3 poäng."));
    let rows = value_of(
        &tab,
        "[...document.querySelectorAll('#var-ar-du-resultat .results-history-table tbody th')].map(th => th.textContent)",
    );
    assert_eq!(rows.as_array().unwrap().len(), 2, "today and the last time: {rows}");
    assert!(rows[0].as_str().unwrap().starts_with("I dag, ") && rows[1] == json!(month_ago), "{rows}");
    assert_no_axe_violations(&tab, "a form's result beside the last time's");

    // The summary, from the path page.
    click_link(&tab, "Läsväg: För dig som är ny");
    wait_for_value(&tab, &format!("document.querySelector({again:?}).hidden"), json!(true));
    click_link(&tab, "Min sammanfattning: För dig som är ny");
    assert!(tab.get_url().ends_with("kom-igang/sammanfattning-ny.html"), "{}", tab.get_url());
    let result = "[data-form=var-ar-du] [data-summary-result]";
    wait_for_value(&tab, &format!("document.querySelector({result:?}).textContent.includes('Steg 2: ')"), json!(true));
    let shown =
        value_of(&tab, &format!("[...document.querySelectorAll({:?})].map(p => p.textContent)", format!("{result} p")));
    let shown: Vec<&str> = shown.as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    // The step chosen on the staircase, not its points.
    assert_eq!(shown[0], "Steg 2: Jag har kunskap och färdigheter och …");
    assert!(shown[1].starts_with("Du har kunskap och färdigheter."), "the band: {shown:?}");
    assert!(shown.iter().any(|p| p.starts_with("Senast besvarad ")), "{shown:?}");
    assert_eq!(*shown.last().unwrap(), format!("Tidigare: {month_ago}: Steg 1: Jag vet att jag saknar kunskap."));
    assert_eq!(text(&tab, ".summary-notes dt"), "Vad skulle hjälpa dig att ta nästa steg?");
    assert_eq!(text(&tab, ".summary-notes dd"), NOTE);
    assert_eq!(
        text(&tab, ".path-summary [data-path-progress]"),
        "Du har läst 1 av 13 steg. Kvar: ungefär 105 minuter."
    );
    let states =
        value_of(&tab, "[...document.querySelectorAll('.summary-steps [data-step-state]')].map(s => s.textContent)");
    let states: Vec<&str> = states.as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    // Jämställdhetstrappan is the path's fifth step (after the checklist, the glossary, the
    // self-assessment and the questions for child and family services): only it is read.
    assert_eq!(states.len(), 13, "{states:?}");
    assert!(
        states.iter().enumerate().all(|(i, s)| if i == 4 { s.starts_with("Läst ") } else { *s == "Inte läst" }),
        "{states:?}"
    );
    assert_no_axe_violations(&tab, "the summary");

    // Printed: A4, with the result and the note, without the buttons.
    let options = PrintToPdfOptions { prefer_css_page_size: Some(true), ..Default::default() };
    let pdf = tab.print_to_pdf(Some(options)).unwrap();
    let sizes = pdf_page_sizes(&lopdf::Document::load_mem(&pdf).unwrap(), "MediaBox");
    assert!(!sizes.is_empty() && sizes.iter().all(|s| is_a4(*s)), "A4 pages: {sizes:?}");
    let printed = pdf_text(&pdf);
    for words in ["Min sammanfattning: För dig som är ny", "Steg 2: Jag har kunskap", "gå bredvid en kollega"] {
        assert!(printed.contains(words), "the printed summary has {words:?}:\n{printed}");
    }
    assert!(!printed.contains("Rensa allt på läsvägen"), "no buttons on paper:\n{printed}");

    // Downloaded: the same as text.
    run(&tab, "window.trappaHelpers.download = (name, type, text) => { window.downloaded = { name, type, text }; };");
    tab.find_element("[data-summary-download]").unwrap().click().unwrap();
    let file = value_of(&tab, "window.downloaded");
    assert_eq!(file["name"], json!("sammanfattning-ny.txt"));
    let body = file["text"].as_str().unwrap();
    for words in [
        "Min sammanfattning: För dig som är ny",
        "- Jämställdhetstrappan: Läst ",
        "Steg 2: Jag har kunskap och färdigheter och …",
        NOTE,
    ] {
        assert!(body.contains(words), "the downloaded summary has {words:?}:\n{body}");
    }

    // Clearing removes everything of the path: marks, answers, history.
    tab.find_element("[data-summary-clear]").unwrap().click().unwrap();
    wait_for_value(
        &tab,
        "document.querySelector('[data-summary-status]').textContent",
        json!("Allt på läsvägen är borttaget: markeringar, svar och tidigare resultat."),
    );
    assert_eq!(text(&tab, result), "Inte gjord än.");
    assert_eq!(text(&tab, ".summary-notes"), "Inga anteckningar ännu.");
    let left = value_of(
        &tab,
        "Object.keys(localStorage).filter(k => k === 'trappa-lasvag:ny' || k.includes('\"var-ar-du\"') || k.includes('\"fallgropar\"'))",
    );
    assert_eq!(left, json!([]), "nothing of the path is kept");
    click_link(&tab, "Till självskattningen: Var är du i jämställdhetstrappan?");
    wait_for_value(&tab, &format!("document.querySelector({FORM:?}).classList.contains('is-live')"), json!(true));
    assert_eq!(value_of(&tab, &format!("document.querySelector('{FORM} textarea').value")), json!(""));
}

#[test]
fn earlier_results_can_be_deleted_and_clearing_the_answers_keeps_them() {
    let Some(browser) = browser() else { return };
    let public = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&public.join("trappan/kompetenstrappan.html"))).unwrap().wait_until_navigated().unwrap();
    run(&tab, "localStorage.clear();");
    result_days_ago(&tab, 70, 1);
    result_days_ago(&tab, 35, 3);
    answer_step_two_with_a_note(&tab);
    let history = "JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.startsWith('trappa-historik:'))) || '[]').map(e => e.points)";
    wait_for_value(&tab, history, json!([1, 3, 2]));

    // Clearing the answers takes today's result with them; the earlier days stay.
    tab.find_element(&format!("{FORM} [data-action=clear]")).unwrap().click().unwrap();
    wait_for_value(&tab, history, json!([1, 3]));
    answer_step_two_with_a_note(&tab);
    tab.find_element(&format!("{FORM} [data-action=results]")).unwrap().click().unwrap();
    let rows = "document.querySelectorAll('#var-ar-du-resultat .results-history-table tbody tr').length";
    wait_for_value(&tab, rows, json!(3));
    assert!(text(&tab, "#var-ar-du-resultat .results-history-compare").ends_with(": 3 av 3 poäng. Nu: 2 av 3 poäng."));

    // Deleting the history keeps only today's result, which the answers on the page give.
    tab.find_element("#var-ar-du-resultat [data-action=history-clear]").unwrap().click().unwrap();
    wait_for_value(&tab, "!!document.querySelector('#var-ar-du-resultat .results-history')", json!(false));
    assert_eq!(value_of(&tab, history), json!([2]));
    assert_eq!(text(&tab, &format!("{FORM} .form-status")), "Dina tidigare resultat är raderade.");
    assert_eq!(
        value_of(&tab, "document.activeElement.id"),
        json!("var-ar-du-resultat-rubrik"),
        "the focus is kept in the results"
    );
}

/// The text of a PDF, as poppler's pdftotext reads it.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sammanfattning.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext").arg(&file).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
