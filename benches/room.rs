//! Benchmark (not a test): the live room under a staff day's load and then some, on
//! loopback. `trappa room` on the bundled site's form `fallgropar`; 300 simulated
//! participants send their answers within 10 seconds (100 of them send the same answer a
//! second time, as a phone does when its owner presses twice), mixed with 1,000 malformed
//! posts (not JSON, altered, foreign, unknown form or participant, another room's PIN).
//! Bounded: it stops by itself once the schedule has run.
//!
//! cargo bench --bench room
//!
//! Reports the answer latency (connect to whole answer: p50, p95, max), the process's
//! memory (resident now and at its peak), and how long the trainer's room view took to show
//! the last answer; checks that every valid answer was counted exactly once, with the right
//! counts, and that every malformed post was refused and counted as refused.

#[path = "../tests/testsuite/common/room.rs"]
#[allow(dead_code)] // the bench uses part of the tests' helpers
mod room;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use room::{Shape, answer_body, code, form_version, get, post, room_command, start_room};

const PARTICIPANTS: usize = 300;
const REPEATS: usize = 100;
const MALFORMED: usize = 1_000;
const WINDOW: Duration = Duration::from_secs(10);
const WORKERS: usize = 32;
const ANSWER: &str = "/__trappa/room/answer";

/// One post of the schedule.
struct Job {
    due: Duration,
    body: String,
    valid: bool,
}

/// A field of /proc/PID/status, in kB.
fn status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_else(|| panic!("{field} in /proc"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn main() {
    let out = tempfile::tempdir().unwrap();
    let binary = std::path::Path::new(env!("CARGO_BIN_EXE_trappa"));
    let root = env!("CARGO_MANIFEST_DIR");
    let room = start_room(room_command(binary).args(["--form", "fallgropar", "--root", root, "--out"]).arg(out.path()));
    let pid = room.child.id();
    let (_, page) = get(room.addr, "/fallgropar/kanner-du-igen.html");
    let version = form_version(&page, "fallgropar");
    let form = &page[page.find("data-form=\"fallgropar\"").unwrap()..];
    let options = form[..form.find("</form>").unwrap()].matches("type=\"checkbox\"").count();
    let shapes = [Shape::Tick(options as u32)];
    let idle_kb = status_kb(pid, "VmRSS:");

    // The answers: participant n ticks the options of n's bits (a spread of answers).
    let mut expected = vec![0u64; options];
    let answers: Vec<(String, String)> = (0..PARTICIPANTS)
        .map(|n| {
            let ticks = (n as u128 * 2_654_435_761) % (1 << options);
            (0..options).filter(|k| ticks >> k & 1 == 1).for_each(|k| expected[k] += 1);
            (format!("participant{n:05}"), code("fallgropar", &version, &shapes, &[ticks]))
        })
        .collect();
    let valid = &answers[0].1;
    let mut altered = valid.clone().into_bytes();
    altered[6] = if altered[6] == b'1' { b'2' } else { b'1' };
    let altered = String::from_utf8(altered).unwrap();
    let foreign = code("fallgropar", "00000000", &shapes, &[1]);
    let malformed = |n: usize| match n % 7 {
        0 => "{\"room\":".to_string(),
        1 => answer_body(&room.pin, "fallgropar", &format!("bad{n:08}"), &altered),
        2 => answer_body(&room.pin, "fallgropar", &format!("bad{n:08}"), &foreign),
        3 => answer_body(&room.pin, "fallgropar", &format!("bad{n:08}"), "<img src=x>"),
        4 => answer_body(&room.pin, "no-such-form", &format!("bad{n:08}"), valid),
        5 => answer_body(&room.pin, "fallgropar", "Not An Id", valid),
        _ => answer_body("999999x", "fallgropar", &format!("bad{n:08}"), valid),
    };
    let spread = |i: usize, of: usize| WINDOW.mul_f64(i as f64 / of as f64);
    let mut jobs: Vec<Job> = answers
        .iter()
        .enumerate()
        .map(|(i, (participant, code))| Job {
            due: spread(i, PARTICIPANTS),
            body: answer_body(&room.pin, "fallgropar", participant, code),
            valid: true,
        })
        .chain(answers.iter().take(REPEATS).enumerate().map(|(i, (participant, code))| Job {
            due: spread(i, REPEATS) + Duration::from_millis(5),
            body: answer_body(&room.pin, "fallgropar", participant, code),
            valid: true,
        }))
        .chain((0..MALFORMED).map(|n| Job { due: spread(n, MALFORMED), body: malformed(n), valid: false }))
        .collect();
    jobs.sort_by_key(|job| job.due);

    // The trainer's room view, listening throughout.
    let last_state = Arc::new(Mutex::new(String::new()));
    let all_counted_at = Arc::new(Mutex::new(None));
    {
        let (last_state, all_counted_at) = (Arc::clone(&last_state), Arc::clone(&all_counted_at));
        let mut stream = TcpStream::connect(room.addr).unwrap();
        write!(
            stream,
            "GET /__trappa/room/events?form=fallgropar&key={} HTTP/1.1\r\nHost: localhost\r\n\r\n",
            room.key
        )
        .unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(data) = line.strip_prefix("data: ") {
                    let state: serde_json::Value = serde_json::from_str(data).unwrap();
                    if state["answered"] == PARTICIPANTS {
                        all_counted_at.lock().unwrap().get_or_insert_with(Instant::now);
                    }
                    *last_state.lock().unwrap() = data.to_string();
                }
            }
        });
    }

    let queue = Arc::new(Mutex::new(jobs.into_iter().collect::<VecDeque<Job>>()));
    let results = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (queue, results, addr) = (Arc::clone(&queue), Arc::clone(&results), room.addr);
            std::thread::spawn(move || {
                loop {
                    let Some(job) = queue.lock().unwrap().pop_front() else { return };
                    if let Some(wait) = job.due.checked_sub(started.elapsed()) {
                        std::thread::sleep(wait);
                    }
                    let sent = Instant::now();
                    let (status, _) = post(addr, ANSWER, &job.body);
                    results.lock().unwrap().push((job.valid, status, sent.elapsed(), Instant::now()));
                }
            })
        })
        .collect();
    workers.into_iter().for_each(|w| w.join().unwrap());
    let took = started.elapsed();
    let results = results.lock().unwrap();
    // The last first send (repeats change nothing the room view shows).
    let last_answer = results.iter().filter(|r| r.0).map(|r| r.3).max().unwrap();
    std::thread::sleep(Duration::from_secs(1));
    let state: serde_json::Value = serde_json::from_str(&last_state.lock().unwrap()).unwrap();
    let all_counted_at = all_counted_at.lock().unwrap().expect("the room view showed every answer");

    let mut latencies: Vec<Duration> = results.iter().filter(|r| r.0).map(|r| r.2).collect();
    latencies.sort();
    let mut refused_latencies: Vec<Duration> = results.iter().filter(|r| !r.0).map(|r| r.2).collect();
    refused_latencies.sort();
    let valid_ok = results.iter().filter(|r| r.0 && r.1 == 200).count();
    let refused_ok = results.iter().filter(|r| !r.0 && (r.1 == 400 || r.1 == 403)).count();
    let counts: Vec<u64> =
        state["tallies"][0]["counts"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).collect();
    let (rss_kb, peak_kb) = (status_kb(pid, "VmRSS:"), status_kb(pid, "VmHWM:"));

    println!(
        "room on loopback: {PARTICIPANTS} participants (+{REPEATS} repeated sends) and {MALFORMED} malformed posts in {took:.2?}"
    );
    println!("  valid posts answered 200: {valid_ok} of {}", PARTICIPANTS + REPEATS);
    println!("  malformed posts refused (400/403): {refused_ok} of {MALFORMED}");
    println!("  counted: {} answered, {} refused (room view)", state["answered"], state["refused"]);
    println!(
        "  answer latency: p50 {:.1?}, p95 {:.1?}, max {:.1?} (goal: p95 under 50 ms)",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.95),
        latencies.last().unwrap()
    );
    println!(
        "  refusal latency: p50 {:.1?}, p95 {:.1?}",
        percentile(&refused_latencies, 0.5),
        percentile(&refused_latencies, 0.95)
    );
    println!(
        "  room view: showed all {PARTICIPANTS} answers {:.0?} after the last valid post was answered (goal: within a second)",
        all_counted_at.saturating_duration_since(last_answer)
    );
    println!(
        "  memory: {:.1} MB resident idle, {:.1} MB after, {:.1} MB at the peak (goal: under 50 MB)",
        idle_kb as f64 / 1024.0,
        rss_kb as f64 / 1024.0,
        peak_kb as f64 / 1024.0
    );
    assert_eq!(valid_ok, PARTICIPANTS + REPEATS, "every valid post is answered");
    assert_eq!(refused_ok, MALFORMED, "every malformed post is refused");
    assert_eq!(state["answered"], PARTICIPANTS, "every participant counted exactly once");
    assert_eq!(state["refused"], MALFORMED, "every malformed post counted as refused");
    assert_eq!(counts, expected, "the counts are the answers' counts");
}
