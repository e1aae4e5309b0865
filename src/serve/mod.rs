//! `serve`: a live preview. Builds into its own folder, serves it on loopback, watches the
//! sources and rebuilds what an edit touches ([`rebuild`]), and tells open pages to reload
//! or to show the errors over server-sent events ([`events`]). The server ([`http`]) only
//! ever reads from the output folder (paths with `..`, plain or encoded, are refused), only
//! answers GET and HEAD, and only to its own Host names.

pub mod events;
pub mod http;
pub mod rebuild;
pub mod watch;

use std::fs::File;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::report::{Line, Report};
use events::Hub;
use http::{Body, Handler, Request, Response, Server};
use rebuild::{GeneratedWork, Outcome, Session};

pub struct ServeOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub ip: IpAddr,
    pub port: u16,
    pub drafts: bool,
    /// Open the preview in the default browser.
    pub open: bool,
}

/// Builds, serves and rebuilds until the process is stopped.
pub fn serve(options: &ServeOptions, say: Report) -> anyhow::Result<()> {
    let started = Instant::now();
    // The watcher reports absolute paths, which a relative root (the default `.`) would
    // never match: every path is made absolute once, here.
    let root = std::fs::canonicalize(&options.root)
        .map_err(|e| anyhow::anyhow!("cannot open the site folder {}: {e}", options.root.display()))?;
    let out = std::path::absolute(&options.out)?;
    // Watching starts before the first build: a save while it runs (or before the address is
    // printed) is a change like any later one, not lost.
    let watcher = watch::watch(&root)?;
    let (mut session, outcome) = Session::start(&root, &out, options.drafts);
    let hub = Arc::new(Hub::default());
    let reporter = Arc::new(Mutex::new(Reporter { last_errors: None, say: Arc::clone(&say), built: false }));
    report(&reporter, &outcome, started, &hub);
    let (server, addr) = bind(options.ip, options.port)?;
    if addr.port() != options.port && options.port != 0 {
        say(Line::Said(format!("port {} is taken; using {} instead", options.port, addr.port())));
    }
    say(Line::Said(format!("serving {} on http://{addr}/ (Ctrl+C stops)", options.out.display())));
    if options.open {
        open_in_browser(&format!("http://{addr}/"), &say);
    }

    // The pages that gather many pages (search index, cards, handouts, books) follow the reload on
    // their own thread, so that the edited page is on screen as soon as can be and the
    // next save does not wait for them. Only the newest pending state is written.
    let (generate, generated_work) = std::sync::mpsc::channel::<GeneratedWork>();
    let (generator_hub, generator_reporter) = (Arc::clone(&hub), Arc::clone(&reporter));
    std::thread::spawn(move || {
        while let Ok(mut work) = generated_work.recv() {
            while let Ok(newer) = generated_work.try_recv() {
                work = newer;
            }
            let started = Instant::now();
            match work.write() {
                Outcome::Reload { .. } | Outcome::Css => {}
                failed => report(&generator_reporter, &failed, started, &generator_hub),
            }
        }
    });
    // The first build left the books out: they follow it.
    if let Some(work) = session.generated_work() {
        let _ = generate.send(work);
    }
    let rebuild_hub = Arc::clone(&hub);
    std::thread::spawn(move || {
        for changes in watcher.changes.iter() {
            let started = Instant::now();
            let outcome = session.apply(&changes);
            report(&reporter, &outcome, started, &rebuild_hub);
            if let Some(work) = session.generated_work() {
                let _ = generate.send(work);
            }
        }
    });
    server.run(handler(out, Some(hub)));
    Ok(())
}

/// Hands the URL to the desktop's opener. A machine without one (a server, a locked-down
/// PC) gets a line saying so; the preview runs either way.
fn open_in_browser(url: &str, say: &Report) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let opened = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = opened {
        say(Line::Said(format!("could not open a browser ({e}); open {url} yourself")));
    }
}

fn report(reporter: &Mutex<Reporter>, outcome: &Outcome, started: Instant, hub: &Hub) {
    reporter.lock().unwrap_or_else(|e| e.into_inner()).report(outcome, started, hub);
}

/// Tells the terminal the build results (each distinct error list once) and sends them to
/// the open pages.
struct Reporter {
    last_errors: Option<String>,
    say: Report,
    /// The first build has been told (after it, a build is a rebuild).
    built: bool,
}

impl Reporter {
    fn report(&mut self, outcome: &Outcome, started: Instant, hub: &Hub) {
        match outcome {
            Outcome::Reload { pages } => {
                if self.last_errors.take().is_some() {
                    (self.say)(Line::Said("fixed: the errors are gone".into()));
                }
                let done = if std::mem::replace(&mut self.built, true) { "rebuilt" } else { "built" };
                (self.say)(Line::Said(format!("{done} {pages} page(s) in {:.1?}", started.elapsed())));
                hub.broadcast("reload", &pages.to_string());
            }
            Outcome::Css => {
                (self.say)(Line::Said(format!("stylesheet changed ({:.1?})", started.elapsed())));
                hub.broadcast("css", "");
            }
            Outcome::Errors(diagnostics) => {
                let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
                let text = text.join("\n");
                if self.last_errors.as_deref() != Some(text.as_str()) {
                    let problems = diagnostics.len();
                    (self.say)(Line::Problem(format!(
                        "{text}\n{problems} problem(s); the preview keeps the last good pages"
                    )));
                }
                hub.broadcast(events::BUILD_ERROR, &text);
                self.last_errors = Some(text);
            }
            Outcome::Failed(said) => {
                let text = format!("the rebuild failed: {said}\nthe next change builds the whole site again");
                (self.say)(Line::Problem(text.clone()));
                hub.broadcast(events::BUILD_ERROR, &text);
                self.last_errors = Some(text);
            }
        }
    }
}

/// How many ports above the asked one to try when it is taken.
const PORT_ATTEMPTS: u16 = 20;

/// Binds to `ip:port`, or to the next free port above it (port 0: any free port). Returns
/// the server and the address it listens on.
pub fn bind(ip: IpAddr, port: u16) -> anyhow::Result<(Server, SocketAddr)> {
    let mut last_error = None;
    for candidate in port..port.saturating_add(PORT_ATTEMPTS) {
        match Server::bind(SocketAddr::new(ip, candidate)) {
            Ok(server) => {
                let actual = server.local_addr()?;
                return Ok((server, actual));
            }
            Err(e) => last_error = Some(e),
        }
    }
    anyhow::bail!(
        "no free port in {port}–{}: {}",
        port.saturating_add(PORT_ATTEMPTS - 1),
        last_error.map(|e| e.to_string()).unwrap_or_default()
    )
}

/// Answers requests from `root` until the process ends (no live reload).
pub fn run(server: &Server, root: &Path) {
    server.run(handler(root.to_path_buf(), None));
}

fn handler(root: PathBuf, hub: Option<Arc<Hub>>) -> Handler {
    Arc::new(move |request| route(request, &root, hub.as_ref()))
}

/// The answer to each method and path. The site itself is read-only: GET and HEAD.
fn route(request: &Request, root: &Path, hub: Option<&Arc<Hub>>) -> Response {
    match (request.method.as_str(), hub) {
        ("GET" | "HEAD", Some(hub)) if request.target == events::EVENTS_PATH => Hub::response(Arc::clone(hub)),
        ("GET" | "HEAD", _) => file(root, &request.target),
        _ => Response::text(405, "The preview only answers GET and HEAD.").with_header("Allow", "GET, HEAD"),
    }
}

/// The file `target` names under `root`, or the site's 404 page (also for the live room).
pub(crate) fn file(root: &Path, target: &str) -> Response {
    let (status, path) = match resolve(root, target) {
        Some(path) if path.is_file() => (200, path),
        Some(_) => (404, root.join("404.html")),
        None => (400, root.join("404.html")),
    };
    let opened = File::open(&path).and_then(|file| Ok((file.metadata()?.len(), file)));
    let Ok((length, file)) = opened else {
        return Response::text(if status == 200 { 404 } else { status }, "Not found");
    };
    Response { status, headers: vec![("Content-Type", content_type(&path).into())], body: Body::File(file, length) }
        .with_header("Cache-Control", "no-store")
}

/// Maps a request URL to a file under `root`; `None` for anything trying to leave it.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = crate::web::percent_decode(path);
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => continue,
            ".." => return None,
            s if s.contains('\\') || s.contains('\0') || s.contains(':') => return None,
            s => file.push(s),
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        let root = Path::new("/srv/site");
        assert_eq!(resolve(root, "/../Cargo.toml"), None);
        assert_eq!(resolve(root, "/%2e%2e/Cargo.toml"), None);
        assert_eq!(resolve(root, "/a/%2E%2E/%2E%2E/etc/passwd"), None);
        assert_eq!(resolve(root, "/..%2fCargo.toml"), None);
        assert_eq!(resolve(root, "/%5c..%5cCargo.toml"), None);
        assert_eq!(resolve(root, "/%zz"), Some(root.join("%zz")), "a malformed escape is just a name");
        assert_eq!(resolve(root, "/trappan/x.html?q=1"), Some(root.join("trappan/x.html")));
    }
}
