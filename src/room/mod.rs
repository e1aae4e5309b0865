//! `trappa room`: the live room of a staff day. Builds the site, serves it as `serve` does
//! (same files, same limits, same CSP) and pools the answers that participants' phones send
//! from the site's own forms, on the trainer's computer and in memory only ([`pool`]).
//!
//! Participants join at `/r/PIN` (the address and QR code on the projector); the form pages
//! get `room.js`, which adds *Skicka till gruppen* and, on the trainer's `PAGE?key=KEY#FORM-rum`,
//! the live room view. Only the room's own endpoints take POST, with small bodies; every
//! answer code is checked here ([`code`]) as the group view checks it; a client that posts
//! too fast is slowed ([`limit`]); no address or user agent is kept or logged.

pub mod code;
pub mod limit;
pub mod pool;

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::json;

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::report::{Line, Report};
use crate::serve::events;
use crate::serve::http::{Body, Request, Response};
use code::RoomForm;
use limit::Limiter;
use pool::{Counted, Pool, Refused};

/// The room view's id on a form's page: the form's id and this (`fallgropar-rum`); the
/// trainer's address ends in `#ID-rum`.
const VIEW_SUFFIX: &str = "-rum";
/// Where participants join: `/r/PIN`.
const JOIN_PREFIX: &str = "/r/";
const ANSWER_PATH: &str = "/__trappa/room/answer";
const EVENTS_PATH: &str = "/__trappa/room/events";
const EXPORT_PATH: &str = "/__trappa/room/export";
const CLEAR_PATH: &str = "/__trappa/room/clear";
const END_PATH: &str = "/__trappa/room/end";
/// The trainer shows a form's held-back counts, or holds them back again.
const SHOW_PATH: &str = "/__trappa/room/show";
/// What a phone asks on joining: whether each form's counts show as they come or when shown.
const MODE_PATH: &str = "/__trappa/room/mode";

/// The room view's stream waits this long between two updates, so that a burst of answers
/// is one redraw, well within the second the trainer may wait.
const COALESCE: Duration = Duration::from_millis(150);
/// How often an idle room view gets a comment line, so closed tabs are noticed and dropped.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The strings room.js shows, handed to it as JSON in a data attribute of its script element.
const SCRIPT_STRINGS: &[&str] = &[
    "room_joined",
    "room_send",
    "room_send_help",
    "room_privacy",
    "room_sent",
    "room_replaced",
    "room_failed",
    "room_closed",
    "room_heading",
    "room_join",
    "room_join_qr",
    "room_answered",
    "room_threshold",
    "room_nobody",
    "room_group_link",
    "room_refused_count",
    "room_export_csv",
    "room_export_json",
    "room_clear",
    "room_clear_confirm",
    "room_end",
    "room_end_confirm",
    "room_ended",
    "room_lost",
    "room_mode_live",
    "room_mode_held",
    "room_held",
    "room_show",
    "room_hold",
    "room_project",
    "room_project_label",
    "room_project_question",
    "room_project_sorted",
    "room_project_ordered",
    "room_project_keys",
    "room_project_leave",
    "room_project_share",
];

pub struct RoomOptions {
    pub out: PathBuf,
    /// `None`: loopback only. `Some(unspecified)`: every address of the computer (`--lan`).
    pub network: Option<IpAddr>,
    pub port: u16,
    /// Form ids; empty for every form of the site that has answers to pool.
    pub forms: Vec<String>,
    /// The fewest participants whose counts are shown (2 at least).
    pub threshold: usize,
    /// `--reveal`: the counts are held back until the trainer shows them, all at once.
    pub reveal: bool,
}

/// The built site, as far as the room needs it.
pub struct Built {
    forms: Vec<RoomForm>,
    strings: &'static Strings,
}

/// Builds the site into `out` (without live reload: the room's phones would each hold a
/// connection open for it) and reads its forms from the build.
pub fn build(root: &Path, out: &Path, drafts: bool) -> Result<Built, Vec<Diagnostic>> {
    let site = crate::site::assembled(root, drafts)?;
    let forms: Vec<RoomForm> = site
        .bodies
        .iter()
        .zip(&site.content.pages)
        .flat_map(|(body, page)| {
            body.components.items.iter().filter_map(move |(_, component)| match component {
                crate::components::Component::Form(form) => Some(RoomForm::new(form, &page.url, &body.components)),
                _ => None,
            })
        })
        .collect();
    let strings = site.setup.strings;
    crate::site::write_site(site, Some(out))?;
    Ok(Built { forms, strings })
}

/// Opens the room on the built site and serves it until the process is stopped.
pub fn run(built: Built, options: &RoomOptions, say: Report) -> anyhow::Result<()> {
    let forms = choose_forms(built.forms, &options.forms)?;
    anyhow::ensure!(options.threshold >= 2, "--min must be 2 or more, so that no one's answers can be read off");
    let network = options.network.filter(|ip| !ip.is_loopback());
    let ip = options.network.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let (server, addr) = crate::serve::bind(ip, options.port)?;
    let (join_host, trainer_host) = match network {
        None => (addr.ip(), addr.ip()),
        Some(ip) if ip.is_unspecified() => (network_address().unwrap_or(ip), IpAddr::V4(Ipv4Addr::LOCALHOST)),
        Some(ip) => (ip, ip),
    };
    let pin = format!("{:06}", random() % 1_000_000);
    let key = format!("{:016x}{:016x}", random(), random());
    let join = format!("http://{}{JOIN_PREFIX}{pin}", SocketAddr::new(join_host, addr.port()));
    // In the site's language, as the room's pages.
    let s = built.strings;
    let mut lines = vec![s.fill("room_term_join", &[&pin, &join])];
    lines.push(match network {
        None => s.get("room_term_loopback").to_string(),
        Some(ip) if ip.is_unspecified() && join_host.is_unspecified() => s.get("room_term_every_unknown").to_string(),
        Some(ip) if ip.is_unspecified() => s.fill("room_term_every", &[&join_host]),
        Some(ip) => s.fill("room_term_one", &[&ip]),
    });
    lines.push(s.get("room_term_views").to_string());
    for form in &forms {
        let trainer = SocketAddr::new(trainer_host, addr.port());
        lines.push(format!("  {}: http://{trainer}/{}?key={key}#{}{VIEW_SUFFIX}", form.title, form.page, form.id));
    }
    lines.push(s.fill("room_term_counts", &[&options.threshold]));
    if options.reveal {
        lines.push(s.get("room_term_reveal").to_string());
    }
    for line in lines {
        say(Line::Said(line));
    }
    let room = Arc::new(Room::new(pin, key, join, options, built.strings, forms, say));
    server.run(Arc::new(move |request| room.route(request)));
    Ok(())
}

/// The room's forms: those named, or every form with answers to pool.
fn choose_forms(all: Vec<RoomForm>, wanted: &[String]) -> anyhow::Result<Vec<RoomForm>> {
    let scoring: Vec<RoomForm> = all.into_iter().filter(|f| !f.questions.is_empty()).collect();
    if let Some(unknown) = wanted.iter().find(|id| !scoring.iter().any(|f| &f.id == *id)) {
        let ids: Vec<&str> = scoring.iter().map(|f| f.id.as_str()).collect();
        anyhow::bail!("no form `{unknown}` with answers to pool in this site; its forms are: {}", ids.join(", "));
    }
    let forms: Vec<RoomForm> = scoring.into_iter().filter(|f| wanted.is_empty() || wanted.contains(&f.id)).collect();
    anyhow::ensure!(!forms.is_empty(), "the site has no form with ticks or choices to pool");
    // A phone's answer must fit the server's cap on bodies, whatever the form's id.
    for form in &forms {
        let longest = AnswerPost {
            room: "0".repeat(6),
            form: form.id.clone(),
            participant: "0".repeat(pool::MAX_PARTICIPANT_ID),
            code: "0".repeat(form.longest_code()),
        };
        let size = serde_json::to_string(&longest)?.len();
        anyhow::ensure!(
            size <= crate::serve::http::MAX_BODY,
            "the form `{}` cannot be in a room: its id is too long to send with an answer ({size} bytes, at most {}); give it a shorter id",
            form.id,
            crate::serve::http::MAX_BODY
        );
    }
    Ok(forms)
}

/// This computer's address on the network it would reach others by. Connecting a UDP
/// socket sends nothing: the system only picks the interface (192.0.2.1 is a documentation
/// address, never a real host).
fn network_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

/// 64 unpredictable bits for the PIN and the key, without a crate: std's `RandomState` is
/// SipHash keyed from the operating system's randomness, and its output under an unknown
/// key cannot be foreseen.
fn random() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher
        .write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
    hasher.finish()
}

/// Compares secrets in a time that does not tell how much of a guess was right.
fn same_secret(given: &str, secret: &str) -> bool {
    given.len() == secret.len() && given.bytes().zip(secret.bytes()).fold(0, |d, (a, b)| d | (a ^ b)) == 0
}

#[derive(Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct AnswerPost {
    room: String,
    form: String,
    participant: String,
    code: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrainerPost {
    key: String,
    form: Option<String>,
    /// For `show`: `true` shows the form's counts, `false` holds them back again.
    shown: Option<bool>,
}

pub struct Room {
    pin: String,
    key: String,
    join: String,
    threshold: usize,
    root: PathBuf,
    strings: &'static Strings,
    /// Where the room's lines for the terminal go (its end).
    say: Report,
    pool: Mutex<Pool>,
    /// Signalled on every change of the pool, for the room views.
    changed: Condvar,
    ended: AtomicBool,
    limiter: Limiter,
    /// The tags that bring room.js and its stylesheet into every page.
    head_tag: String,
    body_tag: String,
}

impl Room {
    fn new(
        pin: String,
        key: String,
        join: String,
        options: &RoomOptions,
        strings: &'static Strings,
        forms: Vec<RoomForm>,
        say: Report,
    ) -> Room {
        let table: serde_json::Map<String, serde_json::Value> =
            SCRIPT_STRINGS.iter().map(|k| (k.to_string(), json!(strings.get(k)))).collect();
        let ids: Vec<&str> = forms.iter().map(|f| f.id.as_str()).collect();
        let links: Vec<serde_json::Value> =
            forms.iter().map(|f| json!([f.title, format!("/{}#{}", f.page, f.id)])).collect();
        let body_tag = format!(
            "<script src=\"/static/js/room.js\" data-forms=\"{}\" data-links=\"{}\" data-view-suffix=\"{VIEW_SUFFIX}\" data-strings=\"{}\" defer></script>\n",
            crate::web::escape(&ids.join(" ")),
            crate::web::escape(&serde_json::Value::Array(links).to_string()),
            crate::web::escape(&serde_json::Value::Object(table).to_string()),
        );
        Room {
            pin,
            key,
            join,
            threshold: options.threshold,
            root: options.out.clone(),
            strings,
            say,
            pool: Mutex::new(Pool::new(forms, options.reveal)),
            changed: Condvar::new(),
            ended: AtomicBool::new(false),
            limiter: Limiter::default(),
            head_tag: "<link rel=\"stylesheet\" href=\"/static/css/room.css\">\n".into(),
            body_tag,
        }
    }

    fn pool(&self) -> MutexGuard<'_, Pool> {
        self.pool.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The answer to each request: the room's endpoints, the join address, and the site.
    pub fn route(self: &Arc<Room>, request: &Request) -> Response {
        let (path, query) = request.target.split_once('?').unwrap_or((&request.target, ""));
        let get = matches!(request.method.as_str(), "GET" | "HEAD");
        match path {
            ANSWER_PATH | CLEAR_PATH | END_PATH | SHOW_PATH if request.method == "POST" => self.post(path, request),
            ANSWER_PATH | CLEAR_PATH | END_PATH | SHOW_PATH => {
                Response::text(405, "This address only takes POST.").with_header("Allow", "POST")
            }
            EVENTS_PATH if get => self.trainer(query, |room, form| room.events(form)),
            EXPORT_PATH if get => self.trainer(query, |room, form| room.export(form, param(query, "format"))),
            MODE_PATH if get => self.modes(&param(query, "room")),
            _ if get && path.starts_with(JOIN_PREFIX) => self.join(&path[JOIN_PREFIX.len()..]),
            _ if get => self.page(&request.target),
            _ => Response::text(405, "Only the room's own addresses take POST; the site answers GET and HEAD.")
                .with_header("Allow", "GET, HEAD"),
        }
    }

    /// A file of the site, as `serve` answers it; HTML pages get room.js.
    fn page(&self, target: &str) -> Response {
        let response = crate::serve::file(&self.root, target);
        let html =
            response.headers.iter().any(|(name, value)| *name == "Content-Type" && value.starts_with("text/html"));
        let (status, headers, mut file) = match response {
            Response { status, headers, body: Body::File(file, _) } if html => (status, headers, file),
            other => return other,
        };
        let mut text = String::new();
        if file.read_to_string(&mut text).is_err() {
            return Response::text(500, "The page could not be read.");
        }
        if let Some(at) = text.find("</head>") {
            text.insert_str(at, &self.head_tag);
        }
        if let Some(at) = text.rfind("</body>") {
            text.insert_str(at, &self.body_tag);
        }
        Response { status, headers, body: Body::Bytes(text.into_bytes()) }
    }

    /// `/r/PIN`: on to the room's form (or the home page, when the room has several), with
    /// the PIN for room.js to send with the answers.
    fn join(&self, pin: &str) -> Response {
        if !same_secret(pin.trim_end_matches('/'), &self.pin) {
            return crate::serve::file(&self.root, "/404.html").with_status(404);
        }
        let pool = self.pool();
        let forms: Vec<&RoomForm> = pool.forms().collect();
        let location = match forms.as_slice() {
            [form] => format!("/{}?room={}#{}", form.page, self.pin, form.id),
            _ => format!("/?room={}", self.pin),
        };
        Response::text(303, "On to the room.").with_header("Location", location)
    }

    /// A request of the trainer's (`?key=KEY&form=ID`), answered by `answer` once the key holds.
    fn trainer(self: &Arc<Room>, query: &str, answer: impl FnOnce(&Arc<Room>, String) -> Response) -> Response {
        let key = param(query, "key");
        if !same_secret(&key, &self.key) {
            return Response::text(403, "The room view needs the trainer's key.");
        }
        let form = param(query, "form");
        if !self.pool().has_form(&form) {
            return Response::text(404, "No such form in this room.");
        }
        answer(self, form)
    }

    fn post(&self, path: &str, request: &Request) -> Response {
        let Some(wait) = self.limiter.admit(request.peer, Instant::now()) else {
            return Response::text(429, "Too many answers at once; wait a moment.").with_header("Retry-After", "1");
        };
        std::thread::sleep(wait);
        let response = if request.foreign_origin {
            self.refused(Refused::Malformed, 403, "Answers come only from this room's own pages.")
        } else {
            match path {
                ANSWER_PATH => self.answer(&request.body),
                CLEAR_PATH => self.clear(&request.body),
                SHOW_PATH => self.show(&request.body),
                _ => self.end(&request.body),
            }
        };
        self.changed.notify_all();
        response
    }

    fn refused(&self, refused: Refused, status: u16, text: &str) -> Response {
        let refused = self.pool().refuse(refused);
        Response::text(status, &format!("{text} ({})", refused.name()))
    }

    fn answer(&self, body: &[u8]) -> Response {
        if self.ended.load(Ordering::SeqCst) {
            return Response::text(410, "The room has ended.");
        }
        let Ok(post) = serde_json::from_slice::<AnswerPost>(body) else {
            return self.refused(Refused::Malformed, 400, "Not an answer");
        };
        if !same_secret(&post.room, &self.pin) {
            return self.refused(Refused::Malformed, 403, "Not this room");
        }
        let counted = self.pool().answer(&post.form, &post.participant, &post.code);
        match counted {
            Ok(counted) => Response {
                status: 200,
                headers: vec![("Content-Type", "application/json".into())],
                body: Body::Bytes(
                    json!({ "counted": if counted == Counted::New { "new" } else { "replaced" } })
                        .to_string()
                        .into_bytes(),
                ),
            },
            Err(refused) => Response::text(400, &format!("The answer was refused ({})", refused.name())),
        }
    }

    /// The trainer's post, once its key holds.
    fn trainer_post(&self, body: &[u8]) -> Result<TrainerPost, Response> {
        let post =
            serde_json::from_slice::<TrainerPost>(body).map_err(|_| Response::text(400, "Malformed request."))?;
        if !same_secret(&post.key, &self.key) {
            return Err(Response::text(403, "Clearing, showing and ending need the trainer's key."));
        }
        Ok(post)
    }

    fn clear(&self, body: &[u8]) -> Response {
        let post = match self.trainer_post(body) {
            Ok(post) => post,
            Err(refusal) => return refusal,
        };
        let cleared = match post.form {
            Some(form) => self.pool().clear(&form),
            None => {
                self.pool().clear_all();
                true
            }
        };
        if cleared { Response::text(200, "Cleared.") } else { Response::text(404, "No such form in this room.") }
    }

    fn show(&self, body: &[u8]) -> Response {
        let post = match self.trainer_post(body) {
            Ok(post) => post,
            Err(refusal) => return refusal,
        };
        let (Some(form), Some(shown)) = (post.form, post.shown) else {
            return Response::text(400, "Showing needs the form and whether its counts are shown.");
        };
        if self.pool().hold(&form, !shown) {
            Response::text(200, "Done.")
        } else {
            Response::text(404, "No such form in this room.")
        }
    }

    /// For a phone of the room (`?room=PIN`): each form's mode, `live` (counts shown as they
    /// come, from the threshold) or `held` (shown when the trainer chooses), and the threshold.
    fn modes(&self, pin: &str) -> Response {
        if !same_secret(pin, &self.pin) {
            return Response::text(403, "Not this room.");
        }
        let modes: serde_json::Map<String, serde_json::Value> =
            self.pool().modes().map(|(id, held)| (id.to_string(), json!(if held { "held" } else { "live" }))).collect();
        Response {
            status: 200,
            headers: vec![("Content-Type", "application/json".into()), ("Cache-Control", "no-store".into())],
            body: Body::Bytes(json!({ "forms": modes, "threshold": self.threshold }).to_string().into_bytes()),
        }
    }

    fn end(&self, body: &[u8]) -> Response {
        if let Err(refusal) = self.trainer_post(body) {
            return refusal;
        }
        self.ended.store(true, Ordering::SeqCst);
        self.pool().clear_all();
        (self.say)(Line::Said(self.strings.get("room_term_ended").to_string()));
        Response::text(200, "The room has ended.")
    }

    /// The room view's stream: the state of `form` now and after every change (at most one
    /// update per [`COALESCE`]), until the view goes away or the room ends.
    fn events(self: &Arc<Room>, form: String) -> Response {
        let room = Arc::clone(self);
        Response {
            status: 200,
            headers: vec![
                ("Content-Type", "text/event-stream; charset=utf-8".into()),
                ("Cache-Control", "no-store".into()),
            ],
            body: Body::Stream(Box::new(move |writer| room.stream(&form, writer))),
        }
    }

    fn stream(&self, form: &str, writer: &mut dyn Write) {
        let mut send = |text: &str| writer.write_all(text.as_bytes()).and_then(|_| writer.flush()).is_ok();
        let mut seen = None;
        let mut pool = self.pool();
        loop {
            let ended = self.ended.load(Ordering::SeqCst);
            if seen == Some(pool.generation) && !ended {
                let (guard, wait) = self.changed.wait_timeout(pool, KEEP_ALIVE).unwrap_or_else(|e| e.into_inner());
                pool = guard;
                if wait.timed_out() && seen == Some(pool.generation) {
                    drop(pool);
                    if !send(": keep-alive\n\n") {
                        return;
                    }
                    pool = self.pool();
                }
                continue;
            }
            seen = Some(pool.generation);
            let mut view = pool.view(form, self.threshold);
            drop(pool);
            view["join"] = json!(self.join);
            view["ended"] = json!(ended);
            if !send(&events::message("state", &view.to_string())) || ended {
                return;
            }
            std::thread::sleep(COALESCE);
            pool = self.pool();
        }
    }

    /// The pooled counts of `form` as a download, once enough have answered.
    fn export(&self, form: String, format: String) -> Response {
        let pool = self.pool();
        let (text, content_type) = match format.as_str() {
            "csv" => (pool.export_csv(&form, self.threshold, self.strings), "text/csv; charset=utf-8"),
            "json" => (pool.export_json(&form, self.threshold), "application/json"),
            _ => return Response::text(400, "Export as csv or json."),
        };
        let Some(text) = text else {
            return Response::text(
                409,
                &format!("Fewer than {} have answered: there is nothing to export yet.", self.threshold),
            );
        };
        let name = format!("{form}-{}.{format}", self.strings.get("room_file"));
        Response {
            status: 200,
            headers: vec![("Content-Type", content_type.into())],
            body: Body::Bytes(text.into_bytes()),
        }
        .with_header("Content-Disposition", format!("attachment; filename=\"{name}\""))
        .with_header("Cache-Control", "no-store")
    }
}

/// The value of `name` in a query string (`""` when it is not there).
fn param(query: &str, name: &str) -> String {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| crate::web::percent_decode(value))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("123456", "123456"));
        assert!(!same_secret("12345", "123456"));
        assert!(!same_secret("123457", "123456"));
        assert_eq!(param("key=a%20b&form=f", "key"), "a b");
        assert_eq!(param("key=a", "form"), "");
    }
}
