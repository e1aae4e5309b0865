//! Server-sent events for live reload: every open page holds one `EventSource` connection;
//! a build result is broadcast to all of them. The last error is replayed to pages that
//! connect while the site is broken, so a freshly opened tab shows the overlay too.

use std::io::Write;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::http::{Body, Response};

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

    /// The answer to a page's `EventSource`: a stream of this hub's events on its connection.
    pub fn response(hub: Arc<Hub>) -> Response {
        Response {
            status: 200,
            headers: vec![
                ("Content-Type", "text/event-stream; charset=utf-8".into()),
                ("Cache-Control", "no-store".into()),
            ],
            body: Body::Stream(Box::new(move |writer| hub.stream(writer))),
        }
    }

    /// Sends the events to `writer` until the page goes away.
    fn stream(&self, writer: &mut dyn Write) {
        let (sender, receiver) = channel::<String>();
        let replay = self.current_error.lock().unwrap_or_else(|e| e.into_inner()).clone();
        self.clients.lock().unwrap_or_else(|e| e.into_inner()).push(sender);
        let mut send = |text: &str| writer.write_all(text.as_bytes()).and_then(|_| writer.flush()).is_ok();
        if !send(": connected\n\n") {
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
