//! On the projector, in headless Chromium at 1366×768: the room's results mode, opened from the
//! room view by its key (F), one question at a time in large type, counts only from the
//! threshold and sorted, clicker keys between questions, B and Esc; the reveal flow
//! (`--reveal`), where the counts show all at once when the trainer says so and the phones say
//! which mode the room is in; axe on the room view and the projector mode.

use std::path::Path;

use headless_chrome::Tab;
use serde_json::json;

use crate::common::journey::viewport;
use crate::common::room::{RoomProcess, room_command, start_room};
use crate::common::{assert_no_axe_violations, browser, copy_of_bundled_site, value_of, wait_for, wait_for_value};
use crate::journey_room::participant;

/// What the projector shows: the question, how many answered, the note, the bars' labels and
/// counts in their order on the screen, and the sizes that must be readable from the back.
const PROJECTED: &str = "(() => {
  const p = document.querySelector('.room-projector');
  if (!p || p.hidden) return null;
  const px = n => parseFloat(getComputedStyle(n).fontSize);
  const rows = [...p.querySelectorAll('.room-projector-row')];
  const main = p.querySelector('.room-projector-main');
  return {
    kicker: p.querySelector('.room-projector-kicker').textContent,
    question: p.querySelector('.room-projector-question').textContent,
    answered: p.querySelector('.room-projector-answered').textContent,
    note: p.querySelector('.room-projector-note').textContent,
    counts: rows.map(r => Number(r.querySelector('.room-projector-count').textContent.split(' ')[0])),
    questionPx: px(p.querySelector('.room-projector-question')),
    smallestLabelPx: Math.min(...rows.map(r => px(r.querySelector('.room-projector-label')))),
    overflows: main.scrollHeight > main.clientHeight + 1 || p.scrollHeight > p.clientHeight + 1,
    join: !!p.querySelector('.room-projector-join .room-join-qr svg') && !p.querySelector('.room-projector-join').hidden,
  };
})()";

/// The trainer's room view of `form`, opened from the address the room printed, on a 1366×768 projector.
fn trainer_at_the_projector(browser: &headless_chrome::Browser, room: &RoomProcess, form: &str) -> std::sync::Arc<Tab> {
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    viewport(&tab, 1366, 768, false);
    let view = room.views.iter().find(|v| v.ends_with(&format!("#{form}-rum"))).expect("the form's room view");
    tab.navigate_to(view).unwrap().wait_until_navigated().unwrap();
    wait_for(&tab, "document.querySelector('.room-view:not([hidden]) .room-answered')?.textContent");
    tab
}

fn press(tab: &Tab, key: &str) {
    tab.press_key(key).unwrap();
}

#[test]
fn the_projector_shows_counts_from_the_threshold_sorted_and_large_and_moves_by_clicker_keys() {
    let Some(browser) = browser() else { return };
    let site = copy_of_bundled_site();
    let room = start_room(
        room_command(Path::new(env!("CARGO_BIN_EXE_trappa"))).args(["--form", "fallgropar"]).current_dir(site.path()),
    );
    let trainer = trainer_at_the_projector(&browser, &room, "fallgropar");
    assert_no_axe_violations(&trainer, "the room view");
    // F, from the room view, as the button says.
    let button = value_of(&trainer, "document.querySelector('.room-project').textContent");
    assert_eq!(button, json!("Visa på projektorn (F)"));
    press(&trainer, "f");
    wait_for(&trainer, "document.querySelector('.room-projector:not([hidden])')");
    let waiting = value_of(&trainer, PROJECTED);
    assert_eq!(waiting["question"], json!("Vilka av fallgroparna finns på din arbetsplats?"));
    assert_eq!(waiting["answered"], json!("0 har svarat."));
    assert_eq!(waiting["counts"], json!([]), "no counts before anyone answered");
    assert_eq!(waiting["join"], json!(true), "the join address and QR code while answers come in");
    assert_no_axe_violations(&trainer, "the projector mode, waiting");

    // Three phones, each its own browser context; nothing shows until the third.
    let phones: Vec<_> = (0..3).map(|_| browser.new_context().unwrap().new_tab().unwrap()).collect();
    participant(&phones[0], &room, &[1, 4]);
    participant(&phones[1], &room, &[4]);
    wait_for_value(&trainer, "document.querySelector('.room-projector-answered').textContent", json!("2 har svarat."));
    let two = value_of(&trainer, PROJECTED);
    assert_eq!(two["counts"], json!([]), "two answers show no counts: {two}");
    assert!(two["note"].as_str().unwrap().contains("minst 3"), "{two}");
    participant(&phones[2], &room, &[4, 1, 7]);
    wait_for_value(&trainer, "document.querySelectorAll('.room-projector-row').length", json!(15));
    // Most answers first (then the form's order): 3 for the fifth option, 2 for the second, 1 for the eighth.
    wait_for_value(
        &trainer,
        "[...document.querySelectorAll('.room-projector-count')].slice(0, 4).map(c => c.textContent)",
        json!(["3 (100 %)", "2 (67 %)", "1 (33 %)", "0 (0 %)"]),
    );
    let shown = value_of(&trainer, PROJECTED);
    let labels: Vec<String> = serde_json::from_value(value_of(
        &trainer,
        "[...document.querySelectorAll('.room-projector-label')].slice(0, 3).map(l => l.textContent)",
    ))
    .unwrap();
    assert_eq!(
        labels,
        ["Andra frågor går före", "Ledningen prioriterar inte arbetet", "Det känns krångligt och abstrakt"]
    );
    assert!(shown["questionPx"].as_f64().unwrap() >= 40.0, "{shown}");
    assert!(shown["smallestLabelPx"].as_f64().unwrap() >= 28.0, "{shown}");
    assert_eq!(shown["overflows"], json!(false), "all 15 answers fit 1366×768: {shown}");
    assert_no_axe_violations(&trainer, "the projector mode with counts");
    // S: the form's order.
    press(&trainer, "s");
    wait_for_value(
        &trainer,
        "[...document.querySelectorAll('.room-projector-count')].slice(0, 5).map(c => Number(c.textContent.split(' ')[0]))",
        json!([0, 2, 0, 0, 3]),
    );
    // B blanks, B again brings it back; Esc leaves to the room view, focus on its button.
    press(&trainer, "b");
    assert_eq!(value_of(&trainer, "document.querySelector('.room-projector-blank').hidden"), json!(false));
    press(&trainer, "b");
    assert_eq!(value_of(&trainer, "document.querySelector('.room-projector-blank').hidden"), json!(true));
    press(&trainer, "Escape");
    wait_for(&trainer, "document.querySelector('.room-projector').hidden");
    assert_eq!(value_of(&trainer, "document.activeElement.className"), json!("room-project"));

    // The self-assessment's five questions, by the clicker's keys.
    let room = start_room(
        room_command(Path::new(env!("CARGO_BIN_EXE_trappa")))
            .args(["--form", "oavsett-kon-sjalvskattning"])
            .current_dir(site.path()),
    );
    let second = trainer_at_the_projector(&browser, &room, "oavsett-kon-sjalvskattning");
    second.find_element(".room-project").unwrap().click().unwrap();
    wait_for(&second, "document.querySelector('.room-projector:not([hidden])')");
    let kicker = "document.querySelector('.room-projector-kicker').textContent";
    assert_eq!(value_of(&second, kicker), json!("Fråga 1 av 5"));
    for (key, want) in [
        ("ArrowRight", 2),
        ("PageDown", 3),
        (" ", 4),
        ("ArrowRight", 5),
        ("ArrowRight", 5),
        ("PageUp", 4),
        ("ArrowLeft", 3),
    ] {
        press(&second, key);
        assert_eq!(value_of(&second, kicker), json!(format!("Fråga {want} av 5")), "after {key:?}");
    }
}

#[test]
fn in_reveal_mode_the_counts_show_all_at_once_when_the_trainer_shows_them() {
    let Some(browser) = browser() else { return };
    let site = copy_of_bundled_site();
    let room = start_room(
        room_command(Path::new(env!("CARGO_BIN_EXE_trappa")))
            .args(["--form", "fallgropar", "--reveal"])
            .current_dir(site.path()),
    );
    let trainer = trainer_at_the_projector(&browser, &room, "fallgropar");
    wait_for_value(&trainer, "document.querySelector('.room-reveal').textContent", json!("Visa svaren för gruppen"));
    press(&trainer, "f");
    wait_for(&trainer, "document.querySelector('.room-projector:not([hidden])')");
    let phones: Vec<_> = (0..4).map(|_| browser.new_context().unwrap().new_tab().unwrap()).collect();
    for (phone, ticks) in phones.iter().zip([&[0][..], &[0, 2], &[2], &[0]]) {
        participant(phone, &room, ticks);
    }
    // The phones say the answers show only when the trainer shows them.
    wait_for(
        &phones[0],
        "document.querySelector('.room-send-mode')?.textContent.includes('först när utbildaren visar dem')",
    );
    wait_for_value(&trainer, "document.querySelector('.room-projector-answered').textContent", json!("4 har svarat."));
    let held = value_of(&trainer, PROJECTED);
    assert_eq!(held["counts"], json!([]), "held back: {held}");
    assert!(held["note"].as_str().unwrap().contains("tills utbildaren visar dem"), "{held}");
    assert_no_axe_violations(&trainer, "the projector mode, held back");

    // Shown from the room view: every count at once, in one state.
    press(&trainer, "Escape");
    wait_for(&trainer, "document.querySelector('.room-projector').hidden");
    trainer.find_element(".room-reveal").unwrap().click().unwrap();
    wait_for_value(
        &trainer,
        "document.querySelector('.room-reveal').textContent",
        json!("Dölj svaren tills jag visar dem"),
    );
    press(&trainer, "f");
    wait_for_value(
        &trainer,
        "[...document.querySelectorAll('.room-projector-count')].slice(0, 3).map(c => c.textContent)",
        json!(["3 (75 %)", "2 (50 %)", "0 (0 %)"]),
    );
    let phone = &phones[1];
    phone.reload(false, None).unwrap();
    wait_for(phone, "document.querySelector('.room-send-mode')?.textContent.includes('medan de kommer in')");
}
