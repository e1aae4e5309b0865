//! Self-assessment forms end to end: the build's checks of form definitions, and forms.js in
//! headless Chromium from file:// (autosave per form and version, results with bands,
//! advice and chart, clearing, export, print layout, answer codes and the group view, axe-core
//! audits), on a fixture site and on the bundled site's forms; qr.js against fast_qr.

use crate::common;

use std::path::Path;
use std::sync::OnceLock;

use crate::common::{
    HOME, assert_no_axe_violations, browser, build, bundled_site, file_url, fixture_site, run, site, stderr, wait_for,
};
use headless_chrome::Tab;
use serde_json::{Value, json};

/// The fixture site (tests/fixtures/forms: a page with two forms, `fa`, a tick list with
/// advice and bands, and `fb`, with sections (scale, step, choice, note) and section bands,
/// drawn as a radar), built once per test run; returns the form page.
fn fixture_page() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    let (_, page) = OUT.get_or_init(|| {
        let dir = fixture_site("forms");
        let output = build(dir.path());
        assert!(output.status.success(), "the fixture builds: {}", stderr(&output));
        let page = dir.path().join("public/test/formular.html");
        (dir, page)
    });
    page
}

/// Runs `body` (a function body that may `return` a value or a promise) and returns the value.
fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url).unwrap().wait_until_navigated().unwrap();
    wait_for(tab, "document.querySelector('.self-assessment.is-live')");
    watch_csp(tab);
}

/// Collects what the page's Content-Security-Policy blocks from now on (inline style, …).
fn watch_csp(tab: &Tab) {
    run(
        tab,
        "window.cspViolations = []; document.addEventListener('securitypolicyviolation', e => cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
    );
}

fn assert_no_csp_violations(tab: &Tab) {
    assert_eq!(run(tab, "return window.cspViolations;"), json!([]), "the CSP blocked something");
}

/// Reloads and waits until the new document has set its forms up.
fn reload(tab: &Tab) {
    run(tab, "window.beforeReload = true;");
    tab.reload(false, None).unwrap();
    wait_for(
        tab,
        "!window.beforeReload && document.readyState === 'complete' && document.querySelector('.self-assessment.is-live')",
    );
    watch_csp(tab);
}

/// Which options of question `question` of form `form` are checked.
fn checked(tab: &Tab, form: &str, question: &str) -> Value {
    run(
        tab,
        &format!(
            "return [...document.querySelectorAll('#{form} [data-question=\"{question}\"] input')].map(i => i.checked);"
        ),
    )
}

fn click(tab: &Tab, selector: &str) {
    tab.find_element(selector).unwrap_or_else(|e| panic!("{selector}: {e}")).click().unwrap();
}

fn text(tab: &Tab, selector: &str) -> String {
    run(tab, &format!("return document.querySelector('{selector}').textContent;")).as_str().unwrap().to_string()
}

/// Shows form `form`'s answer code and returns its text.
fn answer_code(tab: &Tab, form: &str) -> String {
    run(tab, &format!("document.querySelector('#{form} [data-action=results]').click();"));
    let hidden = run(tab, &format!("return document.getElementById('{form}-kod').hidden;"));
    if hidden == json!(true) {
        click(tab, &format!("#{form}-resultat [data-action=code]"));
    }
    text(tab, &format!("#{form}-kod .answer-code-text"))
}

// ---- The build's checks ----

#[test]
fn a_band_gap_fails_the_build_at_its_line() {
    let page = "---\ntitle: A\n---\n\n```{form}\nid: f\ntitle: T\nquestions:\n  - id: q\n    kind: tick\n    text: Vilka?\n    options: [{text: X}, {text: Y}, {text: Z}]\nbands:\n  - min: 0\n    max: 1\n    text: Bra.\n  - min: 3\n    max: 3\n    text: Mer.\n```\n";
    let dir = site(&[HOME, ("content/a.md", page)]);
    let output = build(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("content/a.md:17:1: error: no band of the form covers the scores 2–2"), "{err}");
    assert!(err.contains("hint: the form can score from 0 to 3"), "{err}");
}

#[test]
fn a_band_no_answer_reaches_fails_the_build() {
    let page = "---\ntitle: A\n---\n\n```{form}\nid: f\ntitle: T\nsections:\n  - title: S\n    questions:\n      - {id: q, kind: scale, text: Hur?, scale: [Låg, Hög]}\n    bands:\n      - {min: 1, max: 2, text: Bra.}\n      - {min: 7, max: 9, text: Aldrig.}\n```\n";
    let dir = site(&[HOME, ("content/a.md", page)]);
    let err = stderr(&build(dir.path()));
    assert!(err.contains("content/a.md:14:1: error: no answer to section `S` can score 7–9"), "{err}");
}

/// Every form of the bundled site passed the build's checks (bands cover each score range,
/// links resolve) and is on its page with the script that runs it.
#[test]
fn bundled_forms_validate_and_load_their_script() {
    let site = bundled_site();
    for (page, id) in BUNDLED_FORMS {
        let html = std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(html.contains(&format!("data-form=\"{id}\"")), "{page} has form {id}");
        assert!(
            html.contains("static/js/forms.js") && html.contains("static/css/forms.css"),
            "{page} loads forms.js and forms.css"
        );
    }
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!home.contains("forms.js"), "pages without forms do not load the form script");
}

const BUNDLED_FORMS: &[(&str, &str)] = &[
    ("fallgropar/kanner-du-igen.html", "fallgropar"),
    ("checklistor/sjalvskattning.html", "oavsett-kon-sjalvskattning"),
    ("trappan/kompetenstrappan.html", "var-ar-du"),
    ("trappan/skatta-laget.html", "skatta-laget"),
    ("mallar/aterrapportering.html", "aterrapportering"),
];

// ---- Fixture site in Chromium ----

#[test]
fn answers_survive_reload_and_clearing_one_form_keeps_the_other() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(fixture_page()));
    run(&tab, "localStorage.clear();");
    // Keyboard: focus the first box and tick it with the space bar; the mouse ticks the second.
    tab.find_element("#fa-kanner-igen-0").unwrap().focus().unwrap();
    tab.press_key(" ").unwrap();
    click(&tab, "#fa-kanner-igen-1");
    click(&tab, "#fb-beslut-2");
    tab.find_element("#fb-not").unwrap().click().unwrap();
    tab.type_str("Ta upp på APT").unwrap();

    reload(&tab);
    assert_eq!(checked(&tab, "fa", "kanner-igen"), json!([true, true, false]));
    assert_eq!(checked(&tab, "fb", "beslut"), json!([false, false, true]));
    assert_eq!(run(&tab, "return document.getElementById('fb-not').value;"), json!("Ta upp på APT"));

    let clear_buttons = run(
        &tab,
        "return [...document.querySelectorAll('#fa button')].filter(b => b.textContent === 'Rensa mina svar' && !b.closest('[hidden]')).length;",
    );
    assert_eq!(clear_buttons, json!(1), "one visible clear button per form");
    click(&tab, "#fa [data-action=clear]");
    assert_eq!(checked(&tab, "fa", "kanner-igen"), json!([false, false, false]));
    assert_eq!(text(&tab, "#fa .form-status"), "Dina svar är rensade.");
    assert_eq!(checked(&tab, "fb", "beslut"), json!([false, false, true]), "the other form is untouched");

    reload(&tab);
    assert_eq!(checked(&tab, "fa", "kanner-igen"), json!([false, false, false]), "cleared answers stay cleared");
    assert_eq!(checked(&tab, "fb", "beslut"), json!([false, false, true]));
    assert_eq!(run(&tab, "return document.getElementById('fb-not').value;"), json!("Ta upp på APT"));
    let privacy = text(&tab, "#fa .form-privacy");
    assert!(privacy.contains("bara i den här webbläsaren"), "{privacy}");
}

#[test]
fn answers_to_another_version_of_the_form_are_not_read() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(fixture_page()));
    run(
        &tab,
        "localStorage.clear(); localStorage.setItem('trappa-svar:' + JSON.stringify(['fa', '00000000']), JSON.stringify({answers: {'kanner-igen': [0, 1, 2]}}));",
    );
    reload(&tab);
    assert_eq!(checked(&tab, "fa", "kanner-igen"), json!([false, false, false]));
    assert_eq!(run(&tab, "return document.querySelector('#fa .form-notice').hidden;"), json!(false));
    assert!(text(&tab, "#fa .form-notice").contains("Formuläret har ändrats"));
    click(&tab, "#fa [data-action=clear]");
    assert_eq!(run(&tab, "return localStorage.length;"), json!(0), "clearing removes every version's answers");
}

#[test]
fn results_show_band_advice_chart_and_pass_axe() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(fixture_page()));
    run(&tab, "localStorage.clear();");
    reload(&tab);
    assert_no_axe_violations(&tab, "the form page");

    click(&tab, "#fa-kanner-igen-0");
    click(&tab, "#fa-kanner-igen-1");
    click(&tab, "#fa [data-action=results]");
    assert_eq!(run(&tab, "return document.getElementById('fa-resultat').hidden;"), json!(false));
    let status = text(&tab, "#fa .form-status");
    assert!(
        status.contains("2 av 3 poäng") && status.contains("Välj en fallgrop och börja där."),
        "announced: {status}"
    );
    assert_eq!(run(&tab, "return document.querySelector('#fa .form-status').getAttribute('role');"), json!("status"));
    assert!(text(&tab, "#fa-resultat .results-band").contains("Välj en fallgrop och börja där."));
    let advice = text(&tab, "#fa-resultat .results-advice");
    assert!(
        advice.contains("Ta fram könsuppdelad statistik.") && advice.contains("Be ledningen om ett beslut."),
        "{advice}"
    );
    assert!(!advice.contains("Brist på tid"), "no advice for what was not ticked: {advice}");
    assert_eq!(
        run(&tab, "return document.querySelectorAll('#fa-resultat .results-advice a').length;"),
        json!(1),
        "the advice keeps its link"
    );
    // The band is marked in words too, not by colour alone.
    assert_eq!(text(&tab, "#fa .is-current-band .band-current").trim(), "(ditt resultat)");
    let chart = run(
        &tab,
        "const chart = document.querySelector('#fa-resultat .results-chart'); return [chart.getAttribute('role'), chart.getAttribute('aria-label'), chart.querySelectorAll('.chart-bar').length];",
    );
    assert_eq!(chart[0], "img");
    assert!(chart[1].as_str().unwrap().contains("2 av 3 poäng"));
    assert_eq!(chart[2], 1, "a bar per question of a form without sections");

    // The results follow the answers: untick one, and the lower band applies.
    click(&tab, "#fa-kanner-igen-1");
    assert!(text(&tab, "#fa-resultat .results-band").contains("Goda förutsättningar."));

    // A form with sections: a score and band per section, and a radar over the three sections.
    click(&tab, "#fb [data-action=results]");
    assert!(
        text(&tab, "#fb-resultat .results-incomplete").contains("Svara på alla frågor"),
        "incomplete answers get no band"
    );
    for id in ["fb-beslut-2", "fb-steg-1", "fb-stat-0", "fb-upp-0"] {
        click(&tab, &format!("#{id}"));
    }
    let scopes =
        run(&tab, "return [...document.querySelectorAll('#fb-resultat .results-scope')].map(s => s.textContent);");
    let scopes: Vec<&str> = scopes.as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert_eq!(scopes.len(), 4, "{scopes:?}");
    assert!(scopes[0].contains("7 av 11 poäng") && scopes[0].contains("Ni har börjat."), "{scopes:?}");
    assert!(
        scopes[1].contains("Ledning")
            && scopes[1].contains("5 av 6 poäng")
            && scopes[1].contains("Ledningen driver arbetet."),
        "{scopes:?}"
    );
    assert_eq!(
        run(
            &tab,
            "return document.querySelectorAll('#fb-resultat .chart-radar, #fb-resultat .radar-legend li').length;"
        ),
        json!(4)
    );
    assert!(
        text(&tab, "#fb-resultat .results-answers").contains("Jag vet vad jag behöver"),
        "the answers table names the step"
    );

    assert_no_csp_violations(&tab);
    assert_no_axe_violations(&tab, "the results of both forms");
}

#[test]
fn answers_export_as_json_and_csv() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(fixture_page()));
    run(&tab, "localStorage.clear();");
    reload(&tab);
    click(&tab, "#fb-beslut-1");
    click(&tab, "#fb-stat-1");
    run(
        &tab,
        "const note = document.getElementById('fb-not'); note.value = 'Säg \"hej\", sen'; note.dispatchEvent(new Event('input', {bubbles: true}));",
    );
    click(&tab, "#fb [data-action=results]");
    // Catch what the download link would save.
    run(&tab, "window.saved = []; URL.createObjectURL = blob => { window.saved.push(blob); return 'data:,'; };");
    click(&tab, "#fb-resultat [data-action=json]");
    click(&tab, "#fb-resultat [data-action=csv]");
    // Decoded keeping the byte-order mark, which Blob.text() would drop.
    let files = run(
        &tab,
        "return Promise.all(window.saved.map(b => b.arrayBuffer().then(buf => [b.type, new TextDecoder('utf-8', {ignoreBOM: true}).decode(buf)])));",
    );
    let exported: Value = serde_json::from_str(files[0][1].as_str().unwrap()).unwrap();
    assert_eq!(files[0][0], "application/json");
    assert_eq!(exported["form"], "fb");
    assert_eq!(exported["result"]["points"], 4);
    assert_eq!(exported["result"]["band"], Value::Null, "unanswered questions: no band yet");
    assert_eq!(exported["sections"][1], json!({"title": "Statistik", "points": 2, "min": 1, "max": 2, "band": null}));
    assert_eq!(exported["sections"][0]["title"], "Ledning");
    let answers = exported["answers"].as_array().unwrap();
    assert_eq!(
        answers[0],
        json!({"id": "beslut", "section": "Ledning", "question": "Finns ett beslut?", "kind": "scale", "answer": ["Delvis"], "points": 2})
    );
    assert_eq!(answers[3]["answer"], "Säg \"hej\", sen");
    let csv = files[1][1].as_str().unwrap();
    assert!(files[1][0].as_str().unwrap().starts_with("text/csv"));
    assert!(csv.starts_with("\u{feff}\"Avsnitt\";\"Fråga\";\"Svar\";\"Poäng\"\r\n"), "{csv}");
    assert!(csv.contains("\"Ledning\";\"Finns ett beslut?\";\"Delvis\";\"2\"\r\n"), "{csv}");
    assert!(csv.contains("\"Statistik\";\"Anteckning\";\"Säg \"\"hej\"\", sen\";\"\"\r\n"), "{csv}");
    assert!(
        csv.contains("\"Uppföljning\";\"Följs resultaten upp?\";\"Inget svar\";\"\"\r\n"),
        "an unanswered question has no points: {csv}"
    );
    assert_eq!(answers[4]["points"], Value::Null);
}

#[test]
fn printing_the_results_shows_only_the_results() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(fixture_page()));
    run(&tab, "localStorage.clear(); window.print = () => {};");
    click(&tab, "#fa-kanner-igen-0");
    click(&tab, "#fa [data-action=results]");
    click(&tab, "#fa-resultat [data-action=print]");
    run(&tab, "window.dispatchEvent(new Event('beforeprint'));");
    tab.call_method(headless_chrome::protocol::cdp::Emulation::SetEmulatedMedia {
        media: Some("print".into()),
        features: None,
    })
    .unwrap();
    let shown = run(
        &tab,
        "const shown = s => getComputedStyle(document.querySelector(s)).display !== 'none';
         return ['.site-header', '.page-header', '#fa', '#fb', '#fa-resultat', '#fa-resultat .results-body', '#fa-resultat .results-actions', '#fa-resultat .results-date'].map(shown);",
    );
    assert_eq!(shown, json!([false, false, false, false, true, true, false, true]));
    assert!(text(&tab, "#fa-resultat .results-date").starts_with("Utskrivet "));
    let pdf = tab.print_to_pdf(None).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    tab.call_method(headless_chrome::protocol::cdp::Emulation::SetEmulatedMedia {
        media: Some(String::new()),
        features: None,
    })
    .unwrap();
}

#[test]
fn group_view_counts_three_codes_and_rejects_altered_and_foreign_ones() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(fixture_page()));
    run(&tab, "localStorage.clear();");
    // Three participants on the same device, one after another.
    let mut codes = Vec::new();
    for ticks in [&[0, 1][..], &[1], &[0, 2]] {
        click(&tab, "#fa [data-action=clear]");
        for t in ticks {
            click(&tab, &format!("#fa-kanner-igen-{t}"));
        }
        codes.push(answer_code(&tab, "fa"));
    }
    let qr = run(
        &tab,
        "const svg = document.querySelector('#fa-kod svg.qr-code'); return [svg.getAttribute('role'), svg.getAttribute('aria-label')];",
    );
    assert_eq!(qr[0], "img");
    assert!(qr[1].as_str().unwrap().starts_with("QR-kod"));
    let first = &codes[0];
    assert!(first.len() <= 14 && first.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "short code: {first}");
    // A code with one character changed, a code of the other form, and a scanned code
    // (as a QR scanner pastes it: lower case, no dashes) of the first participant.
    let altered: String =
        first.chars().enumerate().map(|(i, c)| if i == 5 { if c == '7' { '8' } else { '7' } } else { c }).collect();
    click(&tab, "#fb-beslut-0");
    let foreign = answer_code(&tab, "fb");
    let scanned = first.replace('-', "").to_lowercase();

    run(&tab, "location.hash = '#fa-grupp';");
    wait_for(&tab, "!document.getElementById('fa-grupp').hidden");
    assert_eq!(
        run(&tab, "return [document.getElementById('fa').hidden, document.activeElement.id];"),
        json!([true, "fa-grupp-rubrik"])
    );
    tab.find_element("#fa-koder").unwrap().click().unwrap();
    let pasted = [codes[0].as_str(), &codes[1], &codes[2], &altered, &foreign, "hej hopp!"].join("\n");
    run(&tab, &format!("document.getElementById('fa-koder').value = {};", json!(pasted)));
    click(&tab, "#fa-grupp [data-action=group]");
    let counts = run(
        &tab,
        "return [...document.querySelectorAll('#fa-grupp .group-counts tr')].map(r => [r.cells[0].textContent, Number(r.cells[1].textContent)]);",
    );
    assert_eq!(
        counts,
        json!([
            ["Vi tror att vi redan är jämställda", 2],
            ["Ledningen prioriterar inte arbetet", 2],
            ["Brist på tid", 1]
        ])
    );
    let messages = text(&tab, "#fa-grupp .group-messages");
    assert!(messages.contains("Svar från 3 deltagare."), "{messages}");
    assert!(messages.contains("Rad 4: koden stämmer inte."), "altered: {messages}");
    assert!(messages.contains("Rad 5: koden hör till ett annat formulär"), "foreign: {messages}");
    assert!(messages.contains("Rad 6: det här är ingen svarskod"), "not a code: {messages}");
    assert_no_csp_violations(&tab);
    assert_no_axe_violations(&tab, "the group view");

    // The scanned form of a code counts the same.
    run(&tab, &format!("document.getElementById('fa-koder').value = {};", json!(scanned)));
    click(&tab, "#fa-grupp [data-action=group]");
    let counts =
        run(&tab, "return [...document.querySelectorAll('#fa-grupp .group-count')].map(c => Number(c.textContent));");
    assert_eq!(counts, json!([1, 1, 0]));

    // Back to the form.
    click(&tab, "#fa-grupp a[href='#fa']");
    wait_for(&tab, "document.getElementById('fa-grupp').hidden && !document.getElementById('fa').hidden");
}

/// With scripts off, a form is a worksheet: boxes, scales, lines to write on, all advice and
/// bands in view, and nothing that needs the script.
#[test]
fn without_javascript_the_form_is_a_worksheet() {
    use headless_chrome::protocol::cdp::Emulation::SetScriptExecutionDisabled;
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    tab.call_method(SetScriptExecutionDisabled { value: true }).unwrap();
    tab.navigate_to(&file_url(fixture_page())).unwrap().wait_until_navigated().unwrap();
    tab.wait_for_element("#fa").unwrap();
    let shown = run(
        &tab,
        "const shown = s => [...document.querySelectorAll(s)].map(e => e.getClientRects().length > 0);
         return { live: document.querySelector('.is-live') !== null, boxes: shown('#fa input[type=checkbox]'),
                  advice: shown('#fa .option-advice'), bands: shown('#fa .form-bands li'), lines: shown('#fb textarea'),
                  scripted: shown('.form-actions, .form-group-link, .form-results, .form-group') };",
    );
    assert_eq!(shown["live"], false, "the script did not run");
    assert_eq!(shown["boxes"], json!([true, true, true]));
    assert_eq!(shown["advice"], json!([true, true]));
    assert_eq!(shown["bands"], json!([true, true]));
    assert_eq!(shown["lines"], json!([true]));
    assert!(shown["scripted"].as_array().unwrap().iter().all(|v| v == false), "{shown}");
}

// ---- qr.js ----

/// qr.js draws the same modules as the fast_qr crate for every mask, in versions 1 to 10.
#[test]
fn qr_encoder_matches_fast_qr() {
    use fast_qr::{ECL, Mask, Mode, QRBuilder};
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(fixture_page()));
    let masks = [
        Mask::Checkerboard,
        Mask::HorizontalLines,
        Mask::VerticalLines,
        Mask::DiagonalLines,
        Mask::LargeCheckerboard,
        Mask::Fields,
        Mask::Diamonds,
        Mask::Meadow,
    ];
    let samples = [
        "K7QM-3XR9-T2A0-HV".to_string(),
        "Hallå, jämställd socialtjänst – åäö".to_string(),
        "x".repeat(60),  // version 4: two blocks
        "y".repeat(120), // version 7: version information
        "z".repeat(200), // version 10: 16-bit length, two block sizes
    ];
    for sample in &samples {
        for (n, mask) in masks.iter().enumerate() {
            let ours = run(
                &tab,
                &format!(
                    "const q = trappaQr.encode({}, {n}); const rows = []; for (let y = 0; y < q.size; y++) {{ let r = ''; for (let x = 0; x < q.size; x++) r += q.isDark(x, y) ? '1' : '0'; rows.push(r); }} return rows;",
                    json!(sample)
                ),
            );
            let reference =
                QRBuilder::new(sample.as_bytes()).ecl(ECL::M).mode(Mode::Byte).mask(*mask).build().ok().unwrap();
            let expected: Vec<String> = (0..reference.size)
                .map(|y| (0..reference.size).map(|x| if reference[y][x].value() { '1' } else { '0' }).collect())
                .collect();
            assert_eq!(ours, json!(expected), "{sample:?} with mask {n}");
        }
        let size = run(&tab, &format!("return trappaQr.encode({}).size;", json!(sample)));
        let reference = QRBuilder::new(sample.as_bytes()).ecl(ECL::M).mode(Mode::Byte).build().ok().unwrap();
        assert_eq!(size, json!(reference.size), "the smallest version that holds {sample:?}");
    }
}

// ---- The bundled site's forms ----

fn bundled_url(page: &str) -> String {
    file_url(&bundled_site().join(page))
}

/// Ticks the first `n` options of the first tick list of form `form`; returns their ids.
fn tick_first(tab: &Tab, form: &str, n: usize) -> Vec<String> {
    let ids = run(
        tab,
        &format!(
            "return [...document.querySelectorAll('#{form} [data-kind=tick] input')].slice(0, {n}).map(i => i.id);"
        ),
    );
    let ids: Vec<String> = ids.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), n, "form {form} has a tick list with {n} options");
    for id in &ids {
        click(tab, &format!("[id='{id}']"));
    }
    ids
}

/// Answers every one-of question of `form` with its first option, and writes every note.
fn answer_all(tab: &Tab, form: &str) {
    run(
        tab,
        &format!(
            "document.querySelectorAll('#{form} fieldset.question').forEach(q => {{ const first = q.querySelector('input[type=radio]'); if (first) first.click(); }});
             document.querySelectorAll('#{form} textarea').forEach(t => {{ t.value = 'En anteckning'; t.dispatchEvent(new Event('input', {{bubbles: true}})); }});"
        ),
    );
}

#[test]
fn bundled_tick_list_reload_results_clear_and_second_form() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    // A second form, on another page, answered first.
    open(&tab, &bundled_url("trappan/skatta-laget.html"));
    run(&tab, "localStorage.clear();");
    answer_all(&tab, "skatta-laget");
    let other = run(&tab, "return [...document.querySelectorAll('#skatta-laget input')].map(i => i.checked);");

    open(&tab, &bundled_url("fallgropar/kanner-du-igen.html"));
    let ticked = tick_first(&tab, "fallgropar", 2);
    reload(&tab);
    for id in &ticked {
        assert_eq!(
            run(&tab, &format!("return document.getElementById('{id}').checked;")),
            json!(true),
            "{id} survives the reload"
        );
    }

    // The band that applies follows from the scores in the page.
    click(&tab, "#fallgropar [data-action=results]");
    let expected = run(
        &tab,
        "const form = document.getElementById('fallgropar');
         const points = [...form.querySelectorAll('input:checked')].reduce((s, i) => s + Number(i.dataset.score), 0);
         const band = [...form.querySelectorAll(':scope > .form-bands li')].find(li => points >= +li.dataset.min && points <= +li.dataset.max);
         const advice = [...form.querySelectorAll('input:checked')].map(i => i.parentNode.querySelector('.option-advice')).filter(Boolean).map(a => a.textContent.trim());
         return [band.querySelector('.band-text').textContent.trim(), advice];",
    );
    let band = text(&tab, "#fallgropar-resultat .results-band .band-text");
    assert_eq!(band.trim(), expected[0].as_str().unwrap());
    let advice = text(&tab, "#fallgropar-resultat .results-scope ~ .results-advice");
    for item in expected[1].as_array().unwrap() {
        assert!(advice.contains(item.as_str().unwrap()), "advice for a ticked pitfall: {item} in {advice}");
    }
    assert!(!expected[1].as_array().unwrap().is_empty(), "the bundled pitfalls carry advice");
    assert_no_axe_violations(&tab, "the pitfalls form with its results");

    click(&tab, "#fallgropar [data-action=clear]");
    reload(&tab);
    assert_eq!(run(&tab, "return document.querySelectorAll('#fallgropar input:checked').length;"), json!(0));

    open(&tab, &bundled_url("trappan/skatta-laget.html"));
    assert_eq!(
        run(&tab, "return [...document.querySelectorAll('#skatta-laget input')].map(i => i.checked);"),
        other,
        "the second form keeps its answers"
    );
}

#[test]
fn bundled_group_view_counts_three_participants() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    open(&tab, &bundled_url("fallgropar/kanner-du-igen.html"));
    run(&tab, "localStorage.clear();");
    let mut codes = Vec::new();
    for n in [1, 2, 3] {
        click(&tab, "#fallgropar [data-action=clear]");
        tick_first(&tab, "fallgropar", n);
        codes.push(answer_code(&tab, "fallgropar"));
    }
    let altered: String = codes[2].chars().rev().collect();
    run(&tab, "location.hash = '#fallgropar-grupp';");
    wait_for(&tab, "!document.getElementById('fallgropar-grupp').hidden");
    let pasted = [codes[0].as_str(), &codes[1], &codes[2], &altered].join("\n");
    run(&tab, &format!("document.getElementById('fallgropar-koder').value = {};", json!(pasted)));
    click(&tab, "#fallgropar-grupp [data-action=group]");
    let counts = run(
        &tab,
        "return [...document.querySelector('#fallgropar-grupp .group-counts').querySelectorAll('.group-count')].map(c => Number(c.textContent));",
    );
    let counts: Vec<u64> = counts.as_array().unwrap().iter().map(|c| c.as_u64().unwrap()).collect();
    assert_eq!(&counts[..3], &[3, 2, 1], "the first option ticked by all three, the second by two, the third by one");
    assert!(counts[3..].iter().all(|c| *c == 0));
    let messages = text(&tab, "#fallgropar-grupp .group-messages");
    assert!(messages.contains("Svar från 3 deltagare.") && messages.contains("Rad 4:"), "{messages}");
    assert_no_axe_violations(&tab, "the bundled group view");
}

/// Every bundled form page, and its results once every question is answered, passes axe.
#[test]
fn bundled_form_pages_and_results_have_no_axe_violations() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    for (page, id) in BUNDLED_FORMS {
        open(&tab, &bundled_url(page));
        run(&tab, "localStorage.clear();");
        assert_no_axe_violations(&tab, page);
        answer_all(&tab, id);
        click(&tab, &format!("#{id} [data-action=results]"));
        assert_eq!(run(&tab, &format!("return document.getElementById('{id}-resultat').hidden;")), json!(false));
        // Forms of notes alone have no answer code.
        run(&tab, &format!("document.querySelector('#{id}-resultat [data-action=code]')?.click();"));
        assert_no_axe_violations(&tab, &format!("{page} with results and answer code"));
    }
}

// ---- Limits, and answer codes of every size the build allows ----

/// The most options a question may have, and a form (see the form component).
const MAX_OPTIONS_PER_QUESTION: usize = 100;
const MAX_OPTIONS_PER_FORM: usize = 500;

/// A form of tick lists with these numbers of options, as a page.
fn tick_form_page(id: &str, questions: &[usize]) -> String {
    let mut page = format!("---\ntitle: Stort formulär\n---\n\n```{{form}}\nid: {id}\ntitle: Stort\nquestions:\n");
    for (q, n) in questions.iter().enumerate() {
        let options: Vec<String> = (0..*n).map(|i| format!("{{text: Alternativ {i}}}")).collect();
        page.push_str(&format!(
            "  - id: q{q}\n    kind: tick\n    text: Fråga {q}\n    options: [{}]\n",
            options.join(", ")
        ));
    }
    page.push_str("```\n");
    page
}

#[test]
fn a_question_or_form_over_the_option_limits_fails_the_build_at_its_line() {
    let dir = site(&[HOME, ("content/a.md", &tick_form_page("f", &[3, MAX_OPTIONS_PER_QUESTION + 1]))]);
    let output = build(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    // Line 13 is `  - id: q1`: after the front matter, a blank line, the fence, id, title,
    // `questions:` and the four lines of q0.
    assert!(
        err.contains("content/a.md:13:1: error: question `q1` has 101 options, more than the 100 a question may have"),
        "{err}"
    );
    assert!(err.contains("hint: split it into shorter questions of at most 100 options each"), "{err}");

    let six = [MAX_OPTIONS_PER_QUESTION; MAX_OPTIONS_PER_FORM / MAX_OPTIONS_PER_QUESTION + 1];
    let dir = site(&[HOME, ("content/a.md", &tick_form_page("f", &six))]);
    let err = stderr(&build(dir.path()));
    assert!(
        err.contains(
            "content/a.md:29:1: error: the form has 600 options up to question `q5`, more than the 500 a form may have"
        ),
        "{err}"
    );
    assert!(err.contains("hint: split it into two forms"), "{err}");
}

/// Records, from the start of each document, when its first form went live (forms.js done).
const RECORD_LIVE: &str = "new MutationObserver((_, observer) => {
    if (document.querySelector('.self-assessment.is-live')) { window.liveAt = performance.now(); observer.disconnect(); }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['class']});";

/// A form at both limits (five tick lists of 100 options) is set up, scored and coded in
/// bounded time, and every tick comes back from its code.
#[test]
fn a_form_at_the_option_limits_stays_responsive_and_its_code_round_trips() {
    use headless_chrome::protocol::cdp::Page;
    let Some(browser) = browser() else { return };
    let questions = [MAX_OPTIONS_PER_QUESTION; MAX_OPTIONS_PER_FORM / MAX_OPTIONS_PER_QUESTION];
    let dir = site(&[HOME, ("content/stor.md", &tick_form_page("stor", &questions))]);
    let output = build(dir.path());
    assert!(output.status.success(), "a form at the limits builds: {}", stderr(&output));
    let tab = browser.new_tab().unwrap();
    tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
        source: RECORD_LIVE.to_string(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .unwrap();
    open(&tab, &file_url(&dir.path().join("public/stor.html")));
    run(&tab, "localStorage.clear();");
    reload(&tab);
    // From the parsed page (the deferred script runs after it) to the form being live.
    let setup = run(&tab, "return window.liveAt - performance.getEntriesByType('navigation')[0].domInteractive;");
    let setup = setup.as_f64().unwrap();
    eprintln!("forms.js set up a {MAX_OPTIONS_PER_FORM}-option form in {setup:.0} ms");
    assert!(setup < 1500.0, "setting up took {setup} ms");

    // Tick every option, then results and code, then decode the code in the group view.
    let timed = run(
        &tab,
        "const t0 = performance.now();
         document.querySelectorAll('#stor input').forEach(i => { i.checked = true; });
         document.querySelector('#stor [data-action=results]').click();
         document.querySelector('#stor-resultat [data-action=code]').click();
         const code = document.querySelector('#stor-kod .answer-code-text').textContent;
         const shown = performance.now() - t0;
         document.getElementById('stor-koder').value = code;
         document.querySelector('#stor-grupp [data-action=group]').click();
         const counts = [...document.querySelectorAll('#stor-grupp .group-count')].map(c => Number(c.textContent));
         return {shown, code, qr: document.querySelector('#stor-kod svg.qr-code') !== null, counts};",
    );
    let shown = timed["shown"].as_f64().unwrap();
    eprintln!("results and code of all {MAX_OPTIONS_PER_FORM} ticks in {shown:.0} ms: {}", timed["code"]);
    assert!(shown < 1500.0, "results and code took {shown} ms");
    assert_eq!(timed["qr"], true, "the longest code still fits its QR code");
    assert_eq!(timed["counts"], json!(vec![1; MAX_OPTIONS_PER_FORM]), "every tick comes back from the code");
}

/// The case of issue 19: 40 options, ticks 0, 5, 31, 32 and 39 (past the 32-bit operators).
#[test]
fn a_forty_option_tick_list_code_counts_exactly_its_ticks() {
    let Some(browser) = browser() else { return };
    let dir = site(&[HOME, ("content/f.md", &tick_form_page("f", &[40]))]);
    assert!(build(dir.path()).status.success());
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(&dir.path().join("public/f.html")));
    run(&tab, "localStorage.clear();");
    for k in [0, 5, 31, 32, 39] {
        click(&tab, &format!("#f-q0-{k}"));
    }
    let code = answer_code(&tab, "f");
    run(&tab, "location.hash = '#f-grupp';");
    wait_for(&tab, "!document.getElementById('f-grupp').hidden");
    run(&tab, &format!("document.getElementById('f-koder').value = {};", json!(code)));
    click(&tab, "#f-grupp [data-action=group]");
    let ticked = run(
        &tab,
        "return [...document.querySelectorAll('#f-grupp .group-count')].map((c, k) => [k, Number(c.textContent)]).filter(([, n]) => n > 0).map(([k]) => k);",
    );
    assert_eq!(ticked, json!([0, 5, 31, 32, 39]), "code {code}");
}

/// Property: for every tick, choice and scale question from 1 to the most options allowed,
/// random answer sets (seeded; the seed is printed on failure) give codes that the group view
/// counts back exactly. Form n holds a tick list, a choice and a scale of n options each, so
/// the mixed radix across questions is exercised too. Each answer set includes the edges:
/// nothing, everything (the last option of a one-of question), the last tick alone.
#[test]
fn answer_codes_round_trip_for_every_question_shape_and_size() {
    let Some(browser) = browser() else { return };
    let seed: u32 = std::env::var("FORMS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos());
    let per_page = 10;
    let mut files = vec![(HOME.0.to_string(), HOME.1.to_string())];
    for page in 0..MAX_OPTIONS_PER_QUESTION / per_page {
        let mut text = format!("---\ntitle: Koder {page}\n---\n\n");
        for n in page * per_page + 1..=(page + 1) * per_page {
            let options: Vec<String> = (0..n).map(|i| format!("{{text: A{i}}}")).collect();
            let labels: Vec<String> = (0..n).map(|i| format!("S{i}")).collect();
            text.push_str(&format!(
                "```{{form}}\nid: p{n}\ntitle: Form {n}\nquestions:\n  - {{id: t, kind: tick, text: Kryss, options: [{o}]}}\n  - {{id: c, kind: choice, text: Val, options: [{o}]}}\n  - {{id: s, kind: scale, text: Skala, scale: [{}]}}\n```\n\n",
                labels.join(", "),
                o = options.join(", ")
            ));
        }
        files.push((format!("content/koder-{page}.md"), text));
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let dir = site(&files);
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let tab = browser.new_tab().unwrap();
    for page in 0..MAX_OPTIONS_PER_QUESTION / per_page {
        open(&tab, &file_url(&dir.path().join(format!("public/koder-{page}.html"))));
        run(&tab, "localStorage.clear();");
        let problems = run(&tab, &ROUND_TRIP.replace("SEED", &(seed.wrapping_add(page as u32)).to_string()));
        assert_eq!(problems, json!([]), "page {page}, FORMS_SEED={seed}");
    }
}

/// For each form of the page: 12 answer sets (3 edges, 9 random) as codes, pasted together
/// into the group view; returns the forms whose counts differ from what was answered.
const ROUND_TRIP: &str = "let state = SEED;
  function random() { // mulberry32
    state = (state + 0x6D2B79F5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  const problems = [];
  for (const form of document.querySelectorAll('form.self-assessment')) {
    const id = form.dataset.form;
    const questions = [...form.querySelectorAll('[data-question]')].map(q => [...q.querySelectorAll('input')]);
    // Expected counts per question; a one-of question has a last count for no answer.
    const expected = questions.map(inputs => inputs.map(() => 0).concat(inputs[0].type === 'radio' ? [0] : []));
    const codes = [];
    for (let set = 0; set < 12; set++) {
      questions.forEach((inputs, q) => {
        const n = inputs.length;
        if (inputs[0].type === 'checkbox') {
          const density = random();
          inputs.forEach((input, k) => {
            input.checked = set === 1 || (set === 2 ? k === n - 1 : set > 2 && random() < density);
            if (input.checked) expected[q][k]++;
          });
        } else {
          const pick = set === 0 ? -1 : set === 1 ? n - 1 : Math.floor(random() * (n + 1)) - 1;
          inputs.forEach((input, k) => { input.checked = k === pick; });
          expected[q][pick < 0 ? n : pick]++;
        }
      });
      form.querySelector('[data-action=results]').click();
      if (set === 0) document.querySelector('#' + id + '-resultat [data-action=code]').click();
      codes.push(document.querySelector('#' + id + '-kod .answer-code-text').textContent);
    }
    document.getElementById(id + '-koder').value = codes.join('\\n');
    document.querySelector('#' + id + '-grupp [data-action=group]').click();
    const counted = [...document.querySelectorAll('#' + id + '-grupp .group-counts')]
      .map(table => [...table.querySelectorAll('.group-count')].map(c => Number(c.textContent)));
    if (JSON.stringify(counted) !== JSON.stringify(expected)) problems.push({ form: id, codes, expected, counted });
  }
  return problems.slice(0, 2);";

// ---- Links, bands and the chart as people meet them ----

/// The visible link texts of the page that lead to more than one place, with those places.
fn one_text_many_targets(tab: &Tab) -> Vec<String> {
    let links = run(
        tab,
        "return [...document.querySelectorAll('a[href]')].filter(a => a.getClientRects().length > 0).map(a => [a.innerText.trim(), a.href]);",
    );
    let mut targets: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = Default::default();
    for link in links.as_array().unwrap() {
        targets.entry(link[0].as_str().unwrap().to_string()).or_default().insert(link[1].as_str().unwrap().to_string());
    }
    targets
        .into_iter()
        .filter(|(_, places)| places.len() > 1)
        .map(|(text, places)| format!("{text:?} → {places:?}"))
        .collect()
}

/// WCAG 2.4.4: on the bundled form pages, with every tick ticked and the results shown (band
/// and advice links included), no visible link text leads to two different places.
#[test]
fn no_link_text_on_the_bundled_forms_and_results_leads_to_two_places() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    for (page, id) in BUNDLED_FORMS {
        open(&tab, &bundled_url(page));
        run(&tab, "localStorage.clear();");
        answer_all(&tab, id);
        run(&tab, &format!("document.querySelectorAll('#{id} input[type=checkbox]').forEach(i => i.click());"));
        click(&tab, &format!("#{id} [data-action=results]"));
        let clashes = one_text_many_targets(&tab);
        assert!(clashes.is_empty(), "{page}: {clashes:#?}");
    }
    // The step bands of the staircase form name their pages; an anchored link names its heading.
    let html = std::fs::read_to_string(bundled_site().join("trappan/kompetenstrappan.html")).unwrap();
    assert!(html.contains(">Vanliga fallgropar</a>"), "a band link names its page");
    let pitfalls = std::fs::read_to_string(bundled_site().join("fallgropar/kanner-du-igen.html")).unwrap();
    assert!(pitfalls.contains("#otydliga-mal\">Otydliga mål (Vanliga fallgropar)</a>"), "an anchor names its heading");
}

#[test]
fn a_band_for_one_score_names_that_score_once() {
    let html = std::fs::read_to_string(bundled_site().join("trappan/kompetenstrappan.html")).unwrap();
    assert!(html.contains("<strong>3 poäng:</strong>"), "one score, said once");
    assert!(!html.contains("3–3"), "no range from a score to itself");
}

/// At 375 × 812 CSS px (a phone), every label and value of the results charts, bars and radar,
/// is drawn at 12 CSS px or more.
#[test]
fn results_chart_labels_stay_readable_on_a_phone() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    common::journey::phone(&tab, 375, 812);
    open(&tab, &file_url(fixture_page()));
    run(&tab, "localStorage.clear();");
    for id in ["fa-kanner-igen-0", "fb-beslut-2", "fb-steg-1", "fb-stat-0", "fb-upp-0"] {
        click(&tab, &format!("#{id}"));
    }
    click(&tab, "#fa [data-action=results]");
    click(&tab, "#fb [data-action=results]");
    let sizes = run(
        &tab,
        "const labels = [...document.querySelectorAll('.results-chart text, .results-chart .chart-label, .results-chart .chart-value, .radar-legend li')];
         return {width: window.innerWidth, labels: labels.map(node => {
           const scale = node instanceof SVGElement ? node.getScreenCTM().a : 1;
           return [node.textContent, parseFloat(getComputedStyle(node).fontSize) * scale];
         })};",
    );
    assert_eq!(sizes["width"], 375);
    let labels = sizes["labels"].as_array().unwrap();
    assert!(labels.len() >= 6, "the bar chart's label and value, the radar's three numbers and legend: {labels:?}");
    let small: Vec<&Value> = labels.iter().filter(|l| l[1].as_f64().unwrap() < 12.0).collect();
    assert!(small.is_empty(), "labels under 12 CSS px on a phone: {small:?}");
    assert_no_axe_violations(&tab, "the results on a phone");
}

/// On an English site every text of the form comes from the English table, the names of the
/// downloaded files too.
#[test]
fn an_english_form_names_its_downloads_and_bands_in_english() {
    let Some(browser) = browser() else { return };
    let page = "---\ntitle: Form\n---\n\n```{form}\nid: check\ntitle: Check\nquestions:\n  - {id: q, kind: choice, text: Which?, options: [{text: A}, {text: B}, {text: C}]}\nbands:\n  - {min: 1, max: 1, text: One.}\n  - {min: 2, max: 3, text: More.}\n```\n";
    let dir = site(&[("site.yaml", "language: en\n"), HOME, ("content/form.md", page)]);
    let output = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(&dir.path().join("public/form.html")));
    run(
        &tab,
        "localStorage.clear(); window.downloads = []; HTMLAnchorElement.prototype.click = function () { if (this.download) downloads.push(this.download); };",
    );
    click(&tab, "#check-q-0");
    click(&tab, "#check [data-action=results]");
    click(&tab, "#check-resultat [data-action=json]");
    click(&tab, "#check-resultat [data-action=csv]");
    assert_eq!(run(&tab, "return window.downloads;"), json!(["check-answers.json", "check-answers.csv"]));
    let bands = text(&tab, "#check .form-bands");
    assert!(bands.contains("1 point:") && bands.contains("2–3 points:"), "{bands}");
}

/// The bundled forms' versions, as the answers saved in readers' browsers and their answer
/// codes carry them. A change here orphans those answers: make it only when what a reader
/// answers has changed (README, "A form's version").
#[test]
fn the_bundled_forms_keep_their_versions() {
    let mut found: Vec<(String, String)> = Vec::new();
    for entry in walkdir::WalkDir::new(bundled_site()).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = std::fs::read_to_string(entry.path()).unwrap();
        for part in page.split(" data-form=\"").skip(1) {
            let (id, rest) = part.split_once('"').unwrap();
            let Some(version) = rest.strip_prefix(" data-form-version=\"").and_then(|v| v.split_once('"')) else {
                continue;
            };
            found.push((id.to_owned(), version.0.to_owned()));
        }
    }
    found.sort();
    found.dedup();
    let pinned = [
        ("aterrapportering", "5d9d83e4"),
        ("fallgropar", "4a509b4c"),
        ("oavsett-kon-sjalvskattning", "b5c5d62c"),
        ("skatta-laget", "d69b171f"),
        ("var-ar-du", "2499d4fa"),
    ];
    let pinned: Vec<(String, String)> = pinned.iter().map(|(id, v)| (id.to_string(), v.to_string())).collect();
    assert_eq!(found, pinned);
}
