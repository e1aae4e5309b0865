//! On the projector, in headless Chromium at 1366×768: the room's results mode, opened from the
//! room view by its key (F), one question at a time in large type, counts only from the
//! threshold and sorted, clicker keys between questions, B and Esc; the reveal flow
//! (`--reveal`), where the counts show all at once when the trainer says so and the phones say
//! which mode the room is in; axe on the room view and the projector mode. The day's slides:
//! the presenter's two windows (the trainer's and the projector's) in step, the projector
//! never showing the trainer's notes; every bundled slide fitting 1366×768 and 1920×1080; a
//! checklist in large type and a live room's join code on the slides that link to them.

use std::path::Path;

use std::sync::Arc;

use headless_chrome::Tab;
use serde_json::json;

use crate::common::journey::{click_link, site_built_the_readme_way, viewport};
use crate::common::room::{RoomProcess, room_command, start_room};
use crate::common::{
    assert_no_axe_violations, browser, copy_of_bundled_site, file_url, run, value_of, wait_for, wait_for_value,
};
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

/// What a presenter window shows of its slide: kicker, title and body text (soft hyphens
/// aside), whether it is blanked, and the body's text as a reader of the window sees it.
const SLIDE_SHOWN: &str = "(() => {
  const p = document.querySelector('.presenter:not([hidden])');
  if (!p) return null;
  const text = n => n.textContent.replace(/\\u00ad/g, '').replace(/\\s+/g, ' ').trim();
  return { kicker: text(p.querySelector('.presenter-kicker')), title: text(p.querySelector('.presenter-title')),
    body: text(p.querySelector('.presenter-body')), blank: !p.querySelector('.presenter-blank').hidden };
})()";

/// The projector's window, once the trainer's has opened it (`window.open`, a tab of its own
/// to Chromium), at 1366×768.
pub fn projector_window(browser: &headless_chrome::Browser) -> Arc<Tab> {
    let started = std::time::Instant::now();
    loop {
        let found =
            browser.get_tabs().lock().unwrap().iter().find(|t| t.get_url().ends_with("#trappa-projektor")).cloned();
        if let Some(tab) = found {
            viewport(&tab, 1366, 768, false);
            wait_for(&tab, "document.querySelector('.presenter.is-projector')");
            return tab;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "no projector window opened");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Every trainer's note of the day the guide presents, as plain text.
fn notes_of_the_day(guide: &Tab) -> Vec<String> {
    let notes = value_of(
        guide,
        "(() => { const day = JSON.parse(document.getElementById('trappa-plan').textContent); const out = [];
           const plain = html => { const d = document.createElement('div'); d.innerHTML = html;
             return d.textContent.replace(/\\u00ad/g, '').replace(/\\s+/g, ' ').trim(); };
           day.blocks.forEach(b => { const ex = b.exercise; if (!ex) return;
             if (ex.notes_html) out.push(plain(ex.notes_html));
             (ex.steps || []).forEach(s => { if (s.notes_html) out.push(plain(s.notes_html)); }); });
           return out; })()",
    );
    serde_json::from_value(notes).unwrap()
}

#[test]
fn the_presenters_two_windows_stay_in_step_and_the_projector_never_shows_the_trainers_notes() {
    let Some(browser) = browser() else { return };
    // From the home page, as a trainer goes: the trainer's page, then the full day's guide.
    let guide = browser.new_tab().unwrap();
    viewport(&guide, 1366, 768, false);
    let public = site_built_the_readme_way();
    guide.navigate_to(&file_url(&public.join("index.html"))).unwrap().wait_until_navigated().unwrap();
    click_link(&guide, "för dig som leder en utbildningsdag");
    click_link(&guide, "Ledarguide: Heldag om jämställd socialtjänst");
    let notes = notes_of_the_day(&guide);
    assert!(notes.len() >= 2, "the day has trainer's notes to keep off the projector: {notes:?}");
    let both = guide.find_element(".present-plan[data-present-both]").unwrap();
    assert_eq!(
        value_of(&guide, "document.querySelector('.present-plan[data-present-both]').textContent"),
        json!("Visa för gruppen med ledarvy (två fönster)")
    );
    both.click().unwrap();
    let projector = projector_window(&browser);
    wait_for(&guide, "document.querySelector('.presenter.is-trainer')");
    assert_eq!(
        value_of(&guide, "document.querySelector('.presenter-window').textContent"),
        json!("Projektorfönstret är öppet.")
    );

    // Ten presses, on either window (a clicker may be plugged into either laptop's port); after
    // each, the projector shows what the trainer's window shows as its slide.
    let mut notes_seen = 0;
    let presses = [
        (&guide, "ArrowRight"),
        (&guide, "PageDown"),
        (&projector, "ArrowRight"),
        (&guide, " "),
        (&projector, "PageDown"),
        (&guide, "ArrowLeft"),
        (&projector, "b"),
        (&projector, "b"),
        (&guide, "ArrowRight"),
        (&projector, " "),
    ];
    for (n, (tab, key)) in presses.iter().enumerate() {
        tab.press_key(key).unwrap();
        let trainer = value_of(&guide, SLIDE_SHOWN);
        wait_for_value(&projector, SLIDE_SHOWN, trainer.clone());
        // The trainer's window: the next slide and the slide's notes beside it.
        let beside = value_of(
            &guide,
            "[document.querySelector('.presenter-upcoming').hidden, document.querySelector('.presenter-notes').hidden,
              document.querySelector('.presenter-notes').textContent.replace(/\\s+/g, ' ').trim()]",
        );
        assert_eq!((&beside[0], &beside[1]), (&json!(false), &json!(false)), "after press {n} ({key:?}): {beside}");
        if notes.iter().any(|note| beside[2].as_str().unwrap().contains(note.as_str())) {
            notes_seen += 1;
        }
        // Nothing the projector's window shows (its whole page, as text) is a trainer's note.
        let everything = value_of(&projector, "document.body.innerText.replace(/\\u00ad/g, '').replace(/\\s+/g, ' ')");
        for note in &notes {
            assert!(
                !everything.as_str().unwrap().contains(note.as_str()),
                "the projector shows a note after press {n}: {note}"
            );
        }
    }
    assert!(notes_seen > 0, "the walk passed a slide with a trainer's note, shown in the trainer's window only");
    assert_no_axe_violations(&guide, "the trainer's window");
    assert_no_axe_violations(&projector, "the projector's window");
    // F on the projector's window asks for full screen there; Esc in the trainer's ends both.
    guide.press_key("Escape").unwrap();
    wait_for(&guide, "document.querySelector('.presenter').hidden");
    let started = std::time::Instant::now();
    while browser.get_tabs().lock().unwrap().iter().any(|t| t.get_url().ends_with("#trappa-projektor")) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the projector window closed with the trainer's"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Opens the presenter on the page's day or exercise and walks every slide, each measured:
/// whether its text runs off the slide, the scale it was set at, and the smallest text's size.
const EVERY_SLIDE: &str = "(() => {
  const node = document.getElementById('trappa-plan') || document.getElementById('trappa-exercise');
  window.trappaPresent.open(JSON.parse(node.textContent));
  const layer = document.querySelector('.presenter'), out = [];
  for (;;) {
    const slide = layer.querySelector('.presenter-slide');
    const sizes = [...slide.querySelectorAll('.presenter-body :is(p, li, figcaption)')].filter(n => n.textContent.trim())
      .map(n => parseFloat(getComputedStyle(n).fontSize));
    out.push({ title: layer.querySelector('.presenter-title').textContent, kicker: layer.querySelector('.presenter-kicker').textContent,
      overflows: slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1,
      scale: Number(layer.getAttribute('data-scale')), smallest: Math.min(...sizes), text: slide.textContent.length });
    if (layer.querySelector('[data-present-next]').disabled) break;
    layer.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  }
  window.trappaPresent.close();
  return out;
})()";

#[test]
fn every_bundled_slide_fits_the_projector_at_1366_and_1920() {
    let Some(browser) = browser() else { return };
    let public = site_built_the_readme_way();
    // Every page the presenter shows: the exercises and the plans' guides.
    let mut pages: Vec<_> = std::fs::read_dir(public.join("ovningar"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|html| html.contains("id=\"trappa-exercise\"")))
        .collect();
    pages.sort();
    pages.extend(["ledarguide-halvdag.html", "ledarguide-heldag.html"].map(|f| public.join("kom-igang").join(f)));
    let tab = browser.new_tab().unwrap();
    let mut longest = (0, String::new(), 0.0);
    for (width, height) in [(1366, 768), (1920, 1080)] {
        viewport(&tab, width, height, false);
        let (mut slides, mut least_scale) = (0, 1.0_f64);
        for page in &pages {
            tab.navigate_to(&file_url(page)).unwrap().wait_until_navigated().unwrap();
            let shown = value_of(&tab, EVERY_SLIDE);
            let shown = shown.as_array().unwrap_or_else(|| panic!("{}: {shown}", page.display()));
            for slide in shown {
                slides += 1;
                assert_eq!(slide["overflows"], json!(false), "{width}×{height}, {}: {slide}", page.display());
                // Scaled down, the slide's text is still at least 18 px at 1366 (25 px at 1920).
                let smallest = slide["smallest"].as_f64().unwrap_or(f64::INFINITY);
                assert!(
                    smallest >= 18.0 * width as f64 / 1366.0 - 0.5,
                    "{width}×{height}, {}: {slide}",
                    page.display()
                );
                least_scale = least_scale.min(slide["scale"].as_f64().unwrap());
                let length = slide["text"].as_u64().unwrap() as usize;
                if width == 1366 && length > longest.0 {
                    longest =
                        (length, format!("{} {}", slide["title"], slide["kicker"]), slide["scale"].as_f64().unwrap());
                }
            }
        }
        assert!(slides > 100, "{slides} slides measured at {width}×{height}");
        println!("{width}×{height}: {slides} slides, the smallest scale {least_scale}");
    }
    // The longest slide was set smaller to fit, not cut off.
    assert!(longest.2 < 1.0, "the longest slide ({} characters, {}) was scaled: {}", longest.0, longest.1, longest.2);
}

#[test]
fn a_slide_shows_the_checklist_it_links_to_in_large_type() {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    viewport(&tab, 1366, 768, false);
    let page = site_built_the_readme_way().join("ovningar/observator.html");
    tab.navigate_to(&file_url(&page)).unwrap().wait_until_navigated().unwrap();
    tab.find_element(".plan-actions [data-present]").unwrap().click().unwrap();
    wait_for(&tab, "document.querySelector('.presenter') && !document.querySelector('.presenter').hidden");
    let checklist =
        "(() => { const f = document.querySelector('.presenter-body .checklist-picture'); if (!f) return null;
        const items = [...f.querySelectorAll('li')];
        return { caption: f.querySelector('figcaption').textContent.replace(/\\u00ad/g, ''), items: items.length,
          smallest: Math.min(...items.map(li => parseFloat(getComputedStyle(li).fontSize))),
          first: items[0].textContent.replace(/\\u00ad/g, '') }; })()";
    let mut found = serde_json::Value::Null;
    for _ in 0..20 {
        found = value_of(&tab, checklist);
        if !found.is_null() {
            break;
        }
        tab.press_key("ArrowRight").unwrap();
    }
    assert_eq!(found["caption"], json!("Oavsett kön …"), "{found}");
    assert_eq!(found["items"], json!(5), "the five items, without their points: {found}");
    assert_eq!(found["first"], json!("… ställer jag likvärdiga krav på klienten"), "{found}");
    assert!(found["smallest"].as_f64().unwrap() >= 24.0, "large type at 1366×768: {found}");
    assert_no_axe_violations(&tab, "a slide with a checklist");
}

#[test]
fn a_slide_that_links_to_a_room_form_shows_how_to_join_on_both_windows() {
    let Some(browser) = browser() else { return };
    let site = copy_of_bundled_site();
    let room = start_room(
        room_command(Path::new(env!("CARGO_BIN_EXE_trappa")))
            .args(["--form", "oavsett-kon-sjalvskattning"])
            .current_dir(site.path()),
    );
    // The trainer's tab knows the room's key from the room view's address, then goes to the guide.
    let context = browser.new_context().unwrap();
    let guide = context.new_tab().unwrap();
    viewport(&guide, 1366, 768, false);
    guide.navigate_to(&room.views[0]).unwrap().wait_until_navigated().unwrap();
    wait_for(&guide, "document.querySelector('.room-view .room-answered')?.textContent");
    let address = format!("http://{}/kom-igang/ledarguide-heldag.html", room.addr);
    guide.navigate_to(&address).unwrap().wait_until_navigated().unwrap();
    guide.find_element(".present-plan[data-present-both]").unwrap().click().unwrap();
    let projector = projector_window(&browser);
    // The first slide asks everyone to do the self-assessment: the room's join address, both windows.
    let join = "(() => { const j = document.querySelector('.presenter:not([hidden]) .presenter-body .presenter-join');
        return j && j.querySelector('.room-join-qr svg') ? j.querySelector('.room-join-address strong').textContent : null; })()";
    wait_for_value(&guide, join, json!(room.join));
    wait_for_value(&projector, join, json!(room.join));
    assert_no_axe_violations(&projector, "a slide with the room's join code");
    let _ = run(&guide, "window.trappaPresent.close()");
}
