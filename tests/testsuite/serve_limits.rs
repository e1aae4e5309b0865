//! `serve` against careless and hostile clients, over loopback with the real binary: request
//! heads far over the limit, many idle connections, clients that send one byte a second,
//! methods other than GET and HEAD, and Host names that are not the server's (DNS rebinding).
//! Each is refused or dropped, and a normal request is still answered at once.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::common::serve::{get, raw, serve_command, start, start_with};
use crate::common::{HOME, site};

/// The process's resident memory, from /proc (kB).
fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("VmRSS in /proc/PID/status");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The status of what the server answered on `stream` (`None`: it closed without a word).
fn answer(stream: &mut TcpStream) -> Option<u16> {
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).split(' ').nth(1).and_then(|s| s.parse().ok())
}

/// Sends a request head with one header of `size` bytes, in 64 KB writes, until the server
/// answers or closes or the whole header is sent. Returns the bytes sent and the status.
fn send_huge_header(addr: SocketAddr, size: usize) -> (usize, Option<u16>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    stream.set_write_timeout(Some(Duration::from_secs(15))).unwrap();
    let answered = Arc::new(AtomicBool::new(false));
    let reader = {
        let (mut stream, answered) = (stream.try_clone().unwrap(), Arc::clone(&answered));
        std::thread::spawn(move || {
            let status = answer(&mut stream);
            answered.store(true, Ordering::SeqCst);
            status
        })
    };
    let mut sent = 0;
    let _ = stream.write_all(b"GET /index.html HTTP/1.1\r\nHost: localhost\r\nX-Huge: ");
    let chunk = vec![b'a'; 64 * 1024];
    while sent < size && !answered.load(Ordering::SeqCst) {
        match stream.write(&chunk[..chunk.len().min(size - sent)]) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    let _ = stream.write_all(b"\r\n\r\n");
    (sent, reader.join().unwrap())
}

/// A client that sends a request one byte a second, until the server closes on it.
fn slow_client(addr: SocketAddr, stop: Arc<AtomicBool>) -> TcpStream {
    let stream = TcpStream::connect(addr).unwrap();
    let mut writer = stream.try_clone().unwrap();
    std::thread::spawn(move || {
        for byte in b"GET /index.html HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".iter().chain(std::iter::repeat(&b'a')) {
            if stop.load(Ordering::SeqCst) || writer.write_all(&[*byte]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    stream
}

/// Waits (`within` at most) for the server to end `stream`: an answer, EOF or a reset.
fn closed_by_server(stream: &mut TcpStream, within: Duration) -> bool {
    stream.set_read_timeout(Some(within)).unwrap();
    let mut buffer = [0; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => return false,
            Err(_) => return true,
        }
    }
}

#[test]
fn oversized_heads_idle_and_slow_clients_leave_the_server_small_and_answering() {
    let dir = site(&[HOME]);
    let server = start(dir.path());
    assert_eq!(get(server.addr, "/index.html").0, 200);
    let rss_before = rss_kb(server.child.id());

    // A 1 MB header, and a 100 MB one streamed: refused with 431 (or the connection closed)
    // long before the end, never answered with the page.
    let (_, status) = send_huge_header(server.addr, 1 << 20);
    assert!(matches!(status, Some(431) | None), "a 1 MB header got {status:?}");
    let (sent, status) = send_huge_header(server.addr, 100 << 20);
    assert!(matches!(status, Some(431) | None), "a 100 MB header got {status:?}");
    assert!(sent < 100 << 20, "the server read all of a 100 MB header without stopping it");
    eprintln!("100 MB header: stopped after {} KB, answer {status:?}", sent / 1024);

    // 200 idle connections and 5 clients sending a byte a second, all held open.
    let mut idle: Vec<TcpStream> = (0..200).map(|_| TcpStream::connect(server.addr).unwrap()).collect();
    let stop = Arc::new(AtomicBool::new(false));
    let mut slow: Vec<TcpStream> = (0..5).map(|_| slow_client(server.addr, Arc::clone(&stop))).collect();
    std::thread::sleep(Duration::from_secs(2));

    let started = Instant::now();
    let (status, page) = get(server.addr, "/index.html");
    let took = started.elapsed();
    let rss_after = rss_kb(server.child.id());
    eprintln!(
        "normal request with 200 idle and 5 slow clients: {took:?}; RSS {rss_before} kB before, {rss_after} kB after"
    );
    assert!(status == 200 && page.contains("Hej."), "the page is still served: {status}");
    assert!(took < Duration::from_millis(100), "the normal request took {took:?}");
    assert!(rss_after < 100 * 1024, "RSS {rss_after} kB");

    // Nobody holds a connection forever: the server ends idle and slow ones by itself.
    let deadline = Instant::now() + Duration::from_secs(20);
    for stream in idle.iter_mut().chain(slow.iter_mut()) {
        let left = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
        assert!(
            closed_by_server(stream, left),
            "a connection that never sent a whole request is still open after 20 s"
        );
    }
    stop.store(true, Ordering::SeqCst);
    assert_eq!(get(server.addr, "/index.html").0, 200);
}

#[test]
fn only_get_and_head_are_answered() {
    let dir = site(&[HOME]);
    let server = start(dir.path());
    for method in ["POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS"] {
        let (status, response) = raw(
            server.addr,
            &format!(
                "{method} /index.html HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
            ),
        );
        assert_eq!(status, 405, "{method}: {response}");
        assert!(response.contains("\r\nAllow: GET, HEAD\r\n"), "{method}: {response}");
        assert!(!response.contains("Hej."), "{method} got the page");
    }
    let (status, page) = get(server.addr, "/index.html");
    assert_eq!(status, 200);
    let (status, head) = raw(server.addr, "HEAD /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    let body = page.split_once("\r\n\r\n").unwrap().1;
    assert_eq!(status, 200, "{head}");
    assert!(head.contains(&format!("\r\nContent-Length: {}\r\n", body.len())), "HEAD tells the GET's length: {head}");
    assert!(head.ends_with("\r\n\r\n"), "HEAD has no body: {head}");
}

#[test]
fn only_the_servers_own_host_names_are_served() {
    let dir = site(&[HOME]);
    let server = start(dir.path());
    let port = server.addr.port();
    let request = |host: &str| {
        raw(server.addr, &format!("GET /index.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
    };
    for host in
        ["127.0.0.1", &format!("127.0.0.1:{port}"), "localhost", &format!("LOCALHOST:{port}"), &format!("[::1]:{port}")]
    {
        assert_eq!(request(host).0, 200, "Host: {host}");
    }
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "localhost.evil.example",
        "127.0.0.1.nip.io",
        &format!("127.0.0.1:{}", port + 1),
    ] {
        let (status, response) = request(host);
        assert_eq!(status, 403, "Host: {host}: {response}");
        assert!(!response.contains("Hej."), "Host: {host} got the page");
    }
    let (status, _) = raw(server.addr, "GET /index.html HTTP/1.0\r\n\r\n");
    assert_eq!(status, 403, "a request without Host");

    // With --bind, that address is the server's name too.
    let bound = start_with(serve_command().args(["--bind", "127.0.0.2", "--root"]).arg(dir.path()));
    let port = bound.addr.port();
    let (status, _) =
        raw(bound.addr, &format!("GET /index.html HTTP/1.1\r\nHost: 127.0.0.2:{port}\r\nConnection: close\r\n\r\n"));
    assert_eq!(status, 200);
    let (status, _) = raw(bound.addr, "GET /index.html HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 403);
}
