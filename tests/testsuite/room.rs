//! `trappa room` over loopback with the real binary: valid, altered, foreign and oversized
//! answers; a participant replacing their answer; the threshold below which no counts
//! leave the server; clearing, exporting and ending the room; the trainer's key; and that
//! only the room's own addresses take POST.

use crate::common;

use std::path::Path;

use crate::common::room::{
    RoomProcess, Shape, answer_body, code, exchange, form_version, get, post, room_command, start_room, state,
};
use crate::common::{HOME, site};
use serde_json::Value;

/// A page with two forms: `rf` (three ticks, a choice of two, a note) and `other`.
const PAGE: (&str, &str) = (
    "content/rum.md",
    "---\ntitle: Rummet\n---\n\n```{form}\nid: rf\ntitle: Vad känner du igen?\nquestions:\n  - id: t\n    kind: tick\n    text: Vilka känner du igen?\n    options: [{text: A}, {text: B}, {text: C}]\n  - id: c\n    kind: choice\n    text: Hur ofta?\n    options: [{text: Aldrig}, {text: Ibland}]\n  - id: n\n    kind: text\n    text: Anteckning\n```\n\n```{form}\nid: other\ntitle: Annat\nquestions:\n  - id: s\n    kind: scale\n    text: Hur?\n    scale: [Nej, Ja]\n```\n",
);
const RF: [Shape; 2] = [Shape::Tick(3), Shape::OneOf(2)];
const ANSWER: &str = "/__trappa/room/answer";

fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_trappa"))
}

struct Fixture {
    _dir: tempfile::TempDir,
    room: RoomProcess,
    version: String,
}

fn open(args: &[&str]) -> Fixture {
    let dir = site(&[HOME, PAGE]);
    let room = start_room(room_command(binary()).args(args).arg("--root").arg(dir.path()));
    let (status, page) = get(room.addr, "/rum.html");
    assert_eq!(status, 200);
    let version = form_version(&page, "rf");
    Fixture { _dir: dir, room, version }
}

impl Fixture {
    /// `participant`'s answer to `rf`: ticks as bits, the choice as option + 1.
    fn send(&self, participant: &str, ticks: u128, choice: u128) -> (u16, String) {
        let code = code("rf", &self.version, &RF, &[ticks, choice]);
        post(self.room.addr, ANSWER, &answer_body(&self.room.pin, "rf", participant, &code))
    }

    fn state(&self) -> Value {
        state(&self.room, "rf")
    }
}

fn counts(state: &Value) -> Vec<Vec<u64>> {
    state["tallies"]
        .as_array()
        .expect("counts are shown")
        .iter()
        .map(|t| {
            let mut row: Vec<u64> = t["counts"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).collect();
            row.push(t["none"].as_u64().unwrap());
            row
        })
        .collect()
}

#[test]
fn valid_altered_foreign_and_oversized_answers() {
    let f = open(&["--min", "2"]);
    let (status, body) = f.send("participant1", 0b011, 2);
    assert_eq!((status, body.as_str()), (200, r#"{"counted":"new"}"#));

    let valid = code("rf", &f.version, &RF, &[0b001, 1]);
    let mut altered = valid.clone().into_bytes();
    altered[5] = if altered[5] == b'1' { b'2' } else { b'1' };
    let altered = String::from_utf8(altered).unwrap();
    let other_version = code("rf", "00000000", &RF, &[0b001, 1]);
    let other_form = code("other", &form_version(&get(f.room.addr, "/rum.html").1, "other"), &[Shape::OneOf(2)], &[1]);
    let pin = &f.room.pin;
    for (what, body, status, reason) in [
        ("altered", answer_body(pin, "rf", "participant2", &altered), 400, "(altered)"),
        ("another version", answer_body(pin, "rf", "participant2", &other_version), 400, "(foreign)"),
        ("another form's code", answer_body(pin, "rf", "participant2", &other_form), 400, "(foreign)"),
        ("letters no code has", answer_body(pin, "rf", "participant2", "<script>"), 400, "(bad_chars)"),
        ("no such form", answer_body(pin, "nope", "participant2", &valid), 400, "(malformed)"),
        ("a made-up participant id", answer_body(pin, "rf", "P 2", &valid), 400, "(malformed)"),
        ("not JSON", "room=1&code=2".to_string(), 400, "(malformed)"),
        (
            "a field too many",
            answer_body(pin, "rf", "participant2", &valid).replace('}', r#","ua":"x"}"#),
            400,
            "(malformed)",
        ),
        ("another room's PIN", answer_body("000000", "rf", "participant2", &valid), 403, "(malformed)"),
    ] {
        let (got, text) = post(f.room.addr, ANSWER, &body);
        assert_eq!(got, status, "{what}: {text}");
        assert!(text.contains(reason), "{what}: {text}");
    }
    // A page of another site posting here (its Origin is not this server).
    let body = answer_body(pin, "rf", "participant2", &valid);
    let request = format!(
        "POST {ANSWER} HTTP/1.1\r\nHost: localhost\r\nOrigin: http://evil.example\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    assert_eq!(exchange(f.room.addr, request.as_bytes()).0, 403);
    let refused_so_far = 10;

    // Bodies over the cap are refused before they are read; so is one without a length.
    let huge = answer_body(pin, "rf", "participant2", &"0".repeat(600));
    assert_eq!(post(f.room.addr, ANSWER, &huge).0, 413);
    let chunked = format!(
        "POST {ANSWER} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
    );
    assert_eq!(exchange(f.room.addr, chunked.as_bytes()).0, 411);
    assert_eq!(exchange(f.room.addr, format!("POST {ANSWER} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes()).0, 411);
    let short = format!("POST {ANSWER} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 50\r\n\r\n{{\"room\"");
    let started = std::time::Instant::now();
    assert_eq!(exchange(f.room.addr, short.as_bytes()).0, 408, "a body that never comes whole");
    assert!(started.elapsed() < std::time::Duration::from_secs(15));

    // Only the room's own addresses take POST; they take nothing else.
    assert_eq!(post(f.room.addr, "/rum.html", "{}").0, 405);
    assert_eq!(get(f.room.addr, ANSWER).0, 405);

    assert_eq!(post(f.room.addr, ANSWER, &answer_body(pin, "rf", "participant3", &valid)).0, 200);
    let state = f.state();
    assert_eq!(state["answered"], 2, "only the valid answers count: {state}");
    assert_eq!(state["refused"], refused_so_far, "{state}");
    assert_eq!(counts(&state), vec![vec![2, 1, 0, 0], vec![1, 1, 0]], "{state}");
}

#[test]
fn a_participant_replaces_their_answer_and_counts_once() {
    let f = open(&["--min", "2"]);
    assert_eq!(f.send("participant1", 0b001, 1).1, r#"{"counted":"new"}"#);
    assert_eq!(f.send("participant2", 0b001, 1).1, r#"{"counted":"new"}"#);
    assert_eq!(counts(&f.state()), vec![vec![2, 0, 0, 0], vec![2, 0, 0]]);
    assert_eq!(f.send("participant2", 0b110, 0).1, r#"{"counted":"replaced"}"#);
    assert_eq!(f.send("participant2", 0b110, 0).1, r#"{"counted":"replaced"}"#, "the same again");
    let state = f.state();
    assert_eq!(state["answered"], 2);
    assert_eq!(counts(&state), vec![vec![1, 1, 1, 0], vec![1, 0, 1]], "the second answer replaced the first");
}

#[test]
fn counts_leave_the_server_only_from_the_threshold() {
    let f = open(&[]);
    let export = format!("/__trappa/room/export?form=rf&key={}&format=json", f.room.key);
    f.send("participant1", 0b111, 1);
    f.send("participant2", 0b001, 2);
    let state = f.state();
    assert_eq!((state["answered"].as_u64(), state["threshold"].as_u64()), (Some(2), Some(3)));
    assert!(state["tallies"].is_null(), "two answers show no counts: {state}");
    assert_eq!(get(f.room.addr, &export).0, 409, "nor can they be exported");
    f.send("participant3", 0b100, 0);
    assert_eq!(counts(&f.state()), vec![vec![2, 1, 2, 0], vec![1, 1, 1]]);
    assert_eq!(get(f.room.addr, &export).0, 200);

    let dir = site(&[HOME, PAGE]);
    let output = common::bin().args(["room", "--port", "0", "--min", "1", "--root"]).arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr(&output).contains("--min must be 2 or more"), "{}", common::stderr(&output));
    let output =
        common::bin().args(["room", "--port", "0", "--form", "nope", "--root"]).arg(dir.path()).output().unwrap();
    assert!(common::stderr(&output).contains("no form `nope`") && common::stderr(&output).contains("rf, other"));
    let long = format!(
        "{}\n\n```{{form}}\nid: {}\ntitle: Lång\nquestions:\n  - {{id: q, kind: tick, text: Q, options: [{{text: A}}]}}\n```\n",
        PAGE.1,
        "x".repeat(400)
    );
    let dir = site(&[HOME, ("content/rum.md", &long)]);
    let output = common::bin().args(["room", "--port", "0", "--root"]).arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        common::stderr(&output).contains("its id is too long to send with an answer"),
        "{}",
        common::stderr(&output)
    );
}

#[test]
fn the_trainer_exports_clears_and_ends_the_room() {
    let f = open(&["--min", "2"]);
    let files_before = files(f._dir.path());
    f.send("participant1", 0b011, 2);
    f.send("participant2", 0b010, 0);
    let key = &f.room.key;
    let (status, json) = get(f.room.addr, &format!("/__trappa/room/export?form=rf&key={key}&format=json"));
    assert_eq!(status, 200);
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!((json["form"].as_str(), json["answered"].as_u64()), (Some("rf"), Some(2)));
    assert_eq!(json["questions"][0]["answers"][1], serde_json::json!({ "answer": "B", "count": 2 }));
    assert_eq!(
        (json["questions"][1]["answers"][1]["count"].as_u64(), json["questions"][1]["no_answer"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(json["questions"].as_array().unwrap().len() == 2, "the note is no question of the room");
    let (status, csv) = get(f.room.addr, &format!("/__trappa/room/export?form=rf&key={key}&format=csv"));
    assert_eq!(status, 200);
    assert!(csv.starts_with("\u{feff}\"Fråga\";\"Svar\";\"Antal\"\r\n\"Antal som svarat\";\"\";2\r\n"), "{csv}");
    assert!(
        csv.contains("\"Vilka känner du igen?\";\"B\";2\r\n") && csv.contains("\"Hur ofta?\";\"Inget svar\";1\r\n"),
        "{csv}"
    );
    let download = {
        let request =
            format!("GET /__trappa/room/export?form=rf&key={key}&format=csv HTTP/1.1\r\nHost: localhost\r\n\r\n");
        let mut stream = std::net::TcpStream::connect(f.room.addr).unwrap();
        std::io::Write::write_all(&mut stream, request.as_bytes()).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stream, &mut text).unwrap();
        text
    };
    assert!(download.contains("Content-Disposition: attachment; filename=\"rf-rum.csv\""), "{download}");

    let clear = format!(r#"{{"key":"{key}","form":"rf"}}"#);
    assert_eq!(post(f.room.addr, "/__trappa/room/clear", &clear).0, 200);
    let state = f.state();
    assert_eq!((state["answered"].as_u64(), state["refused"].as_u64()), (Some(0), Some(0)), "{state}");
    assert_eq!(f.send("participant1", 0b001, 1).1, r#"{"counted":"new"}"#, "a cleared room takes answers anew");

    assert_eq!(post(f.room.addr, "/__trappa/room/end", &format!(r#"{{"key":"{key}"}}"#)).0, 200);
    let state = f.state();
    assert_eq!((state["answered"].as_u64(), state["ended"].as_bool()), (Some(0), Some(true)), "{state}");
    assert_eq!(f.send("participant1", 0b001, 1).0, 410, "an ended room takes no answers");
    assert_eq!(get(f.room.addr, "/rum.html").0, 200, "the site is still served");
    assert_eq!(files(f._dir.path()), files_before, "nothing was written to disk");
}

/// Every file under `dir` with its size.
fn files(dir: &Path) -> Vec<(std::path::PathBuf, u64)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .map(|e| (e.path().to_path_buf(), e.metadata().unwrap().len()))
        .collect();
    files.sort();
    files
}

#[test]
fn the_room_view_clearing_and_export_need_the_trainers_key() {
    let f = open(&["--min", "2"]);
    f.send("participant1", 0b011, 2);
    f.send("participant2", 0b011, 2);
    let key = f.room.key.clone();
    let wrong = key.chars().rev().collect::<String>();
    for key in ["", "x", wrong.as_str()] {
        for path in ["/__trappa/room/events", "/__trappa/room/export"] {
            assert_eq!(get(f.room.addr, &format!("{path}?form=rf&format=csv&key={key}")).0, 403, "{path} with {key:?}");
        }
        assert_eq!(post(f.room.addr, "/__trappa/room/clear", &format!(r#"{{"key":"{key}","form":"rf"}}"#)).0, 403);
        assert_eq!(post(f.room.addr, "/__trappa/room/end", &format!(r#"{{"key":"{key}"}}"#)).0, 403);
        let hold = format!(r#"{{"key":"{key}","form":"rf","shown":false}}"#);
        assert_eq!(post(f.room.addr, "/__trappa/room/show", &hold).0, 403, "holding back with {key:?}");
    }
    assert!(f.state()["tallies"].is_array(), "nothing was held back");
    // The trainer holds the counts back and shows them again; a phone asks the mode by the PIN only.
    let mode = |pin: &str| get(f.room.addr, &format!("/__trappa/room/mode?room={pin}"));
    assert_eq!(mode("000000").0, 403);
    assert!(
        mode(&f.room.pin).1.ends_with(r#"{"forms":{"other":"live","rf":"live"},"threshold":2}"#),
        "{:?}",
        mode(&f.room.pin)
    );
    for (shown, status) in [("false", 200), ("true", 200), ("1", 400)] {
        let body = format!(r#"{{"key":"{key}","form":"rf","shown":{shown}}}"#);
        assert_eq!(post(f.room.addr, "/__trappa/room/show", &body).0, status, "shown: {shown}");
        if shown == "false" {
            assert!(f.state()["tallies"].is_null() && f.state()["held"] == true, "held back: {}", f.state());
            assert!(mode(&f.room.pin).1.contains(r#""rf":"held""#));
        }
    }
    assert_eq!(
        post(f.room.addr, "/__trappa/room/show", &format!(r#"{{"key":"{key}","form":"nope","shown":true}}"#)).0,
        404
    );
    assert_eq!(post(f.room.addr, "/__trappa/room/show", &format!(r#"{{"key":"{key}","form":"rf"}}"#)).0, 400);
    assert!(f.state()["tallies"].is_array(), "shown again");
    assert_eq!(get(f.room.addr, &format!("/__trappa/room/export?form=nope&format=csv&key={key}")).0, 404);
    assert_eq!(f.state()["answered"], 2, "nothing was cleared");
    assert_eq!(f.send("participant3", 0b001, 1).0, 200, "nor ended");

    // The join address knows only the room's PIN; pages show neither the PIN nor the key.
    assert_eq!(get(f.room.addr, "/r/000000").0, 404);
    let (status, join) = common::serve::get(f.room.addr, &format!("/r/{}", f.room.pin));
    assert_eq!(status, 303);
    assert!(
        join.contains(&format!("\r\nLocation: /?room={}\r\n", f.room.pin)),
        "two forms: on to the home page: {join}"
    );
    let (_, page) = get(f.room.addr, "/rum.html");
    assert!(!page.contains(&f.room.pin) && !page.contains(&key));
    assert!(page.contains("<script src=\"/static/js/room.js\" data-forms=\"rf other\""), "room.js on the page");
    assert!(page.contains("Content-Security-Policy"), "the pages keep their CSP");
    for path in ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/static/..%2f..%2fCargo.toml"] {
        assert_eq!(get(f.room.addr, path).0, 400, "{path}: the room serves only its output folder");
    }
}

#[test]
fn a_phone_that_posts_too_fast_is_slowed_and_the_others_are_not() {
    let dir = site(&[HOME, PAGE]);
    let room = start_room(room_command(binary()).args(["--lan", "--root"]).arg(dir.path()));
    let addr = room.addr;
    if addr.ip().is_unspecified() {
        crate::common::skipped("this machine has no network address to post from but loopback");
        return;
    }
    assert!(!addr.ip().is_loopback(), "--lan joins at the network address: {}", room.join);
    // Forty posts at once from one network address: the burst passes, the next wait their
    // turn, the rest are refused with 429.
    let posts: Vec<_> = (0..40)
        .map(|_| {
            std::thread::spawn(move || {
                let started = std::time::Instant::now();
                (post(addr, ANSWER, "{}").0, started.elapsed())
            })
        })
        .collect();
    let posts: Vec<(u16, std::time::Duration)> = posts.into_iter().map(|p| p.join().unwrap()).collect();
    let refused = posts.iter().filter(|(status, _)| *status == 429).count();
    let slowed =
        posts.iter().filter(|(status, took)| *status == 400 && *took >= std::time::Duration::from_millis(90)).count();
    assert!(refused > 0 && slowed > 0, "{posts:?}");
    assert_eq!(posts.iter().filter(|(status, _)| *status == 400).count(), 40 - refused, "{posts:?}");
    // The trainer's computer itself is not slowed.
    let loopback = std::net::SocketAddr::from(([127, 0, 0, 1], addr.port()));
    let started = std::time::Instant::now();
    assert_eq!(post(loopback, ANSWER, "{}").0, 400);
    assert!(started.elapsed() < std::time::Duration::from_millis(90));
}
