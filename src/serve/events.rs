//! Server-sent events for live reload: every open page holds one `EventSource` connection;
//! a build result is broadcast to all of them. The last error is replayed to pages that
//! connect while the site is broken, so a freshly opened tab shows the overlay too.

use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::time::Duration;

/// The URL pages connect to; outside any path the site itself can produce.
pub const EVENTS_PATH: &str = "/__trappa/events";

/// The event that carries content errors (`error` itself is taken by `EventSource`).
pub const BUILD_ERROR: &str = "build-error";

/// How often an idle connection gets a comment line, so closed tabs are noticed and dropped.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
    /// The `error` event currently in force, if the last build failed.
    current_error: Mutex<Option<String>>,
}

/// One SSE message; multi-line data is sent as several `data:` lines.
pub fn message(event: &str, data: &str) -> String {
    let mut text = format!("event: {event}\n");
    for line in data.lines() {
        text.push_str("data: ");
        text.push_str(line);
        text.push('\n');
    }
    if data.is_empty() {
        text.push_str("data:\n");
    }
    text.push('\n');
    text
}

impl Hub {
    pub fn broadcast(&self, event: &str, data: &str) {
        let text = message(event, data);
        *self.current_error.lock().unwrap_or_else(|e| e.into_inner()) = (event == BUILD_ERROR).then(|| text.clone());
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|client| client.send(text.clone()).is_ok());
    }

    /// Takes over the request's connection and streams events to it on its own thread.
    pub fn attach(&self, request: tiny_http::Request) {
        let (sender, receiver) = channel::<String>();
        let replay = self.current_error.lock().unwrap_or_else(|e| e.into_inner()).clone();
        self.clients.lock().unwrap_or_else(|e| e.into_inner()).push(sender);
        std::thread::spawn(move || {
            let mut writer = request.into_writer();
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
            let mut send = |text: &str| writer.write_all(text.as_bytes()).and_then(|_| writer.flush()).is_ok();
            if !send(head) || !send(": connected\n\n") {
                return;
            }
            if let Some(error) = replay
                && !send(&error)
            {
                return;
            }
            loop {
                let text = match receiver.recv_timeout(KEEP_ALIVE) {
                    Ok(text) => text,
                    Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
                    Err(RecvTimeoutError::Disconnected) => return,
                };
                if !send(&text) {
                    return;
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_data_is_split() {
        assert_eq!(message("error", "a.md:1:1: x\n  hint: y"), "event: error\ndata: a.md:1:1: x\ndata:   hint: y\n\n");
        assert_eq!(message("reload", ""), "event: reload\ndata:\n\n");
    }
}
