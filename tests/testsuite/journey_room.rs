//! The live room as a staff day uses it, in headless Chromium: `trappa room` started in the
//! bundled site's folder (no `--root`), the trainer's room view opened from the address it
//! prints, and participants who type only the join address, tick the form and press
//! *Skicka till gruppen*, each in their own browser context (their own phone). Three answer
//! and the room view shows the counts live; a fourth answers and then changes their answer,
//! and the counts follow. axe-core audits the room view and a participant's page.

use crate::common;

use std::time::{Duration, Instant};

use crate::common::room::{RoomProcess, room_command, start_room};
use crate::common::{axe_violations, browser, copy_of_bundled_site};
use headless_chrome::Tab;

const FORM: &str = "fallgropar";

/// Evaluates `script` in `tab` until it gives `want` (10 s at most).
pub(crate) fn wait_for(tab: &Tab, script: &str, want: &str) {
    let started = Instant::now();
    loop {
        let value = tab.evaluate(script, false).ok().and_then(|r| r.value).and_then(|v| v.as_str().map(String::from));
        if value.as_deref() == Some(want) {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{script} gave {value:?}, not {want:?}, within 10 s");
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub(crate) fn text(tab: &Tab, script: &str) -> String {
    tab.evaluate(script, false).unwrap().value.and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// The counts the room view shows, per table, per row.
const COUNTS: &str = "JSON.stringify([...document.querySelectorAll('#fallgropar-rum table.group-counts')]
  .map(t => [...t.querySelectorAll('tbody tr')].map(r => Number(r.querySelector('.group-count').textContent))))";

/// A participant's phone: opens the join address (the one address a person types), ticks
/// the options numbered `ticks` and sends.
pub(crate) fn participant(tab: &Tab, room: &RoomProcess, ticks: &[usize]) {
    tab.navigate_to(&room.join).unwrap().wait_until_navigated().unwrap();
    wait_for(tab, "String(!!document.querySelector('.room-send-button'))", "true");
    assert!(!tab.get_url().contains("room="), "the PIN is taken out of the address: {}", tab.get_url());
    // Above the button the form says what is sent and what is not, never "sent nowhere".
    let privacy = text(tab, "document.querySelector('form[data-form=fallgropar] .form-privacy').textContent");
    assert!(
        privacy.contains("bara dina kryss och val, som svarskoden")
            && privacy.contains("anteckningar")
            && !privacy.contains("aldrig någonstans"),
        "{privacy}"
    );
    // No trainer's link to the group view, no reading path's box on a participant's phone.
    assert_eq!(text(tab, "String(document.querySelectorAll('.form-group-link').length > 0)"), "true");
    assert_eq!(
        text(
            tab,
            "String([...document.querySelectorAll('.form-group-link, .path-place')].every(e => getComputedStyle(e).display === 'none'))"
        ),
        "true"
    );
    tick(tab, ticks);
    send(tab, "Skickat. Ditt svar räknas en gång.");
}

fn tick(tab: &Tab, options: &[usize]) {
    let inputs = tab.find_elements("form[data-form=\"fallgropar\"] [data-question] input").unwrap();
    for &option in options {
        inputs[option].click().unwrap();
    }
}

fn send(tab: &Tab, said: &str) {
    tab.find_element(".room-send-button").unwrap().click().unwrap();
    wait_for(tab, "document.querySelector('.room-send-status').textContent", said);
}

#[test]
fn three_phones_answer_the_room_view_counts_live_and_a_fourth_changes_their_answer() {
    let Some(browser) = browser() else { return };
    let site = copy_of_bundled_site();
    let room = start_room(
        room_command(std::path::Path::new(env!("CARGO_BIN_EXE_trappa")))
            .args(["--form", FORM])
            .current_dir(site.path()),
    );
    assert_eq!(room.views.len(), 1);

    // The trainer opens the room view from the terminal, on the projector.
    let trainer_context = browser.new_context().unwrap();
    let trainer = trainer_context.new_tab().unwrap();
    trainer.navigate_to(&room.views[0]).unwrap().wait_until_navigated().unwrap();
    wait_for(&trainer, "document.getElementById('fallgropar-rum')?.getAttribute('data-answered') ?? ''", "0");
    assert!(!trainer.get_url().contains("key="), "the key leaves the address bar: {}", trainer.get_url());
    assert_eq!(text(&trainer, "String(document.querySelector('form[data-form=fallgropar]').hidden)"), "true");
    assert_eq!(text(&trainer, "document.querySelector('.room-join-address strong').textContent"), room.join);
    assert_eq!(text(&trainer, "String(!!document.querySelector('.room-join-qr svg'))"), "true", "a QR code to join");
    let note = text(&trainer, "document.querySelector('.room-note').textContent");
    assert!(note.contains("Ingen har svarat ännu") && note.contains("gruppvyn"), "{note}");
    assert_eq!(
        text(&trainer, "document.querySelector('.room-view a[href=\"#fallgropar-grupp\"]').textContent"),
        "Till gruppvyn, för att klistra in svarskoder"
    );
    if let Some(violations) = axe_violations(&trainer) {
        assert!(violations.is_empty(), "the room view: {violations:?}");
    }
    // When the phones cannot reach the laptop, the group view that takes pasted codes is a
    // link away, and back is the room view again.
    trainer.find_element(".room-view a[href=\"#fallgropar-grupp\"]").unwrap().click().unwrap();
    wait_for(&trainer, "String(document.getElementById('fallgropar-grupp').hidden)", "false");
    assert_eq!(text(&trainer, "String(document.getElementById('fallgropar-rum').hidden)"), "true");
    trainer.evaluate("history.back()", false).unwrap();
    wait_for(&trainer, "String(document.getElementById('fallgropar-rum').hidden)", "false");
    assert_eq!(text(&trainer, "String(document.getElementById('fallgropar-grupp').hidden)"), "true");

    // Three phones answer; nothing is shown until the third.
    let phones: Vec<_> = (0..4).map(|_| browser.new_context().unwrap()).collect();
    let tabs: Vec<_> = phones.iter().map(|c| c.new_tab().unwrap()).collect();
    participant(&tabs[0], &room, &[0, 1]);
    wait_for(&trainer, "document.getElementById('fallgropar-rum').getAttribute('data-answered')", "1");
    participant(&tabs[1], &room, &[1]);
    wait_for(&trainer, "document.getElementById('fallgropar-rum').getAttribute('data-answered')", "2");
    assert_eq!(text(&trainer, COUNTS), "[]", "two answers show no counts");
    assert!(text(&trainer, "document.querySelector('.room-note').textContent").contains("minst 3"));
    participant(&tabs[2], &room, &[1, 2]);
    wait_for(&trainer, "document.querySelector('.room-answered').textContent", "3 har svarat.");
    let zeros = |n: usize| vec!["0"; n].join(",");
    wait_for(&trainer, COUNTS, &format!("[[1,3,1,{}]]", zeros(12)));
    if let Some(violations) = axe_violations(&tabs[2]) {
        assert!(violations.is_empty(), "a participant's page: {violations:?}");
    }
    if let Some(violations) = axe_violations(&trainer) {
        assert!(violations.is_empty(), "the room view with counts: {violations:?}");
    }

    // A fourth answers, then changes their mind: their answer is replaced, not added.
    participant(&tabs[3], &room, &[3]);
    wait_for(&trainer, COUNTS, &format!("[[1,3,1,1,{}]]", zeros(11)));
    tick(&tabs[3], &[3, 0]);
    send(&tabs[3], "Skickat igen: ditt nya svar ersätter det förra.");
    wait_for(&trainer, COUNTS, &format!("[[2,3,1,0,{}]]", zeros(11)));
    assert_eq!(text(&trainer, "document.querySelector('.room-answered').textContent"), "4 har svarat.");
}

#[test]
fn a_room_of_two_forms_leads_its_phones_from_the_home_page_to_each_form() {
    let Some(browser) = browser() else { return };
    let site = copy_of_bundled_site();
    let room = start_room(
        room_command(std::path::Path::new(env!("CARGO_BIN_EXE_trappa")))
            .args(["--form", FORM, "--form", "var-ar-du"])
            .current_dir(site.path()),
    );
    let phone = browser.new_context().unwrap();
    let tab = phone.new_tab().unwrap();
    tab.navigate_to(&room.join).unwrap().wait_until_navigated().unwrap();
    wait_for(
        &tab,
        "document.querySelector('.room-joined')?.textContent ?? ''",
        "Du är med i rummet. Formulär att svara på: Fallgropar jag känner igen, Var är du i jämställdhetstrappan?",
    );
    if let Some(violations) = axe_violations(&tab) {
        assert!(violations.is_empty(), "the home page of a joined phone: {violations:?}");
    }
    let from = tab.get_url();
    tab.find_element(".room-joined a").unwrap().click().unwrap();
    common::wait_for_navigation_from(&tab, &from);
    assert!(tab.get_url().ends_with("/fallgropar/kanner-du-igen.html#fallgropar"), "{}", tab.get_url());
    assert_eq!(text(&tab, "String(!!document.querySelector('.room-joined'))"), "false", "a form page needs no notice");
    tick(&tab, &[4]);
    send(&tab, "Skickat. Ditt svar räknas en gång.");
}

/// Ticks a spread of options in every scoring question of form `id` on the open page and
/// returns forms.js's answer code with what was ticked: per question, its kind and the
/// ticked options' numbers.
const FILL: &str = "(id => {
  const form = document.querySelector(`form[data-form=\"${id}\"]`);
  const ticked = [...form.querySelectorAll('[data-question]')].filter(q => q.dataset.kind !== 'text').map((q, n) => {
    const inputs = [...q.querySelectorAll('input')];
    const picked = q.dataset.kind === 'tick' ? inputs.map((_, k) => k).filter(k => (k + n) % 3 === 0) : [(n * 2) % inputs.length];
    picked.forEach(k => { inputs[k].checked = true; });
    return [q.dataset.kind, inputs.length, picked];
  });
  return JSON.stringify({ code: window.trappaForms.code(id), ticked });
})";

#[test]
fn codes_forms_js_makes_of_every_bundled_form_are_read_alike_on_the_server() {
    let Some(browser) = browser() else { return };
    let site = copy_of_bundled_site();
    let room = start_room(
        room_command(std::path::Path::new(env!("CARGO_BIN_EXE_trappa"))).args(["--min", "2"]).current_dir(site.path()),
    );
    assert!(room.views.len() >= 4, "the bundled site's forms: {:?}", room.views);
    forms_js_and_the_server_agree(&browser, &room);
}

#[test]
fn codes_of_the_largest_form_the_build_takes_are_read_alike_on_the_server() {
    let Some(browser) = browser() else { return };
    let options = |n: usize| (0..n).map(|k| format!("{{text: Alternativ {k}}}")).collect::<Vec<_>>().join(", ");
    let labels = (0..100).map(|k| format!("Steg {k}")).collect::<Vec<_>>().join(", ");
    let page = format!(
        "---\ntitle: Stor\n---\n\n```{{form}}\nid: stor\ntitle: Stor\nquestions:\n\
         - {{id: a, kind: tick, text: A, options: [{o}]}}\n\
         - {{id: b, kind: choice, text: B, options: [{o}]}}\n\
         - {{id: c, kind: tick, text: C, options: [{o}]}}\n\
         - {{id: d, kind: scale, text: D, scale: [{labels}]}}\n\
         - {{id: e, kind: tick, text: E, options: [{o}]}}\n```\n",
        o = options(100)
    );
    let site = common::site(&[common::HOME, ("content/stor.md", &page)]);
    let room = start_room(
        room_command(std::path::Path::new(env!("CARGO_BIN_EXE_trappa")))
            .args(["--min", "2", "--root"])
            .arg(site.path()),
    );
    forms_js_and_the_server_agree(&browser, &room);
}

/// For every form of the room: ticks a spread of options on its page, sends forms.js's code
/// as two participants, and compares the room's counts with what was ticked.
fn forms_js_and_the_server_agree(browser: &headless_chrome::Browser, room: &RoomProcess) {
    let tab = browser.new_tab().unwrap();
    for view in &room.views {
        let (page, id) = view.split_once('#').unwrap();
        let (page, id) = (page.split('?').next().unwrap(), id.trim_end_matches("-rum"));
        tab.navigate_to(page).unwrap().wait_until_navigated().unwrap();
        wait_for(&tab, "String(!!window.trappaForms)", "true");
        let filled: serde_json::Value = serde_json::from_str(&text(&tab, &format!("{FILL}({id:?})"))).unwrap();
        let code = filled["code"].as_str().unwrap();
        for participant in ["participanta", "participantb"] {
            let (status, body) = common::room::post(
                room.addr,
                "/__trappa/room/answer",
                &common::room::answer_body(&room.pin, id, participant, code),
            );
            assert_eq!(status, 200, "{id}: {code}: {body}");
        }
        let expected: Vec<serde_json::Value> = filled["ticked"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                let picked: Vec<u64> = q[2].as_array().unwrap().iter().map(|k| k.as_u64().unwrap()).collect();
                let counts: Vec<u64> =
                    (0..q[1].as_u64().unwrap()).map(|k| if picked.contains(&k) { 2 } else { 0 }).collect();
                serde_json::json!({ "counts": counts, "none": 0 })
            })
            .collect();
        let state = common::room::state(room, id);
        assert_eq!(state["tallies"], serde_json::Value::Array(expected), "{id}: {code}");
    }
}
