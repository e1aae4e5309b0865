//! The real `trappa serve` process for tests: started on a free loopback port, spoken to
//! over plain TCP (page requests and the live-reload events), killed when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

pub struct ServeProcess {
    pub child: Child,
    pub addr: SocketAddr,
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `trappa serve --port 0`: any free port, so tests running side by side never clash.
pub fn serve_command() -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("trappa"));
    command.args(["serve", "--port", "0"]);
    command
}

/// `trappa serve` on the site in `root`.
pub fn start(root: &std::path::Path) -> ServeProcess {
    start_with(serve_command().arg("--root").arg(root))
}

/// Starts `command` and waits for the address it prints.
pub fn start_with(command: &mut Command) -> ServeProcess {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve prints its address").unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.trim_end_matches(['/', ')', ' ']).split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    ServeProcess { child, addr }
}

/// Sends `request` as it is and returns the status and the whole response.
pub fn raw(addr: SocketAddr, request: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response)
}

pub fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    raw(addr, &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
}

/// Subscribes to the live-reload events; yields `(event, data)` pairs.
pub fn events(addr: SocketAddr) -> Receiver<(String, String)> {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET /__trappa/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let (mut event, mut data) = (String::new(), String::new());
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(d) = line.strip_prefix("data:") {
                data.push_str(d.trim_start());
                data.push('\n');
            } else if line.is_empty()
                && !event.is_empty()
                && sender.send((std::mem::take(&mut event), std::mem::take(&mut data))).is_err()
            {
                return;
            }
        }
    });
    receiver
}

pub fn next_event(events: &Receiver<(String, String)>) -> (String, String) {
    events.recv_timeout(Duration::from_secs(10)).expect("an event within 10 s")
}

/// Evaluates `script` in the tab until it gives a non-empty string (10 s at most).
pub fn wait_for_text(tab: &headless_chrome::Tab, script: &str) -> String {
    let started = std::time::Instant::now();
    loop {
        let value = tab.evaluate(script, false).ok().and_then(|r| r.value).and_then(|v| v.as_str().map(String::from));
        if let Some(text) = value.filter(|t| !t.is_empty()) {
            return text;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "nothing from {script} within 10 s");
        std::thread::sleep(Duration::from_millis(50));
    }
}
