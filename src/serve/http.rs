//! The preview's HTTP/1.1 server, on std only: reads one request per connection within
//! fixed limits, refuses Host names that are not the server's, and writes the answer a
//! handler gives (bytes, a file, or a stream such as the live-reload events).
//!
//! Why not tiny_http (the dependency the project started with): tiny_http 0.12 reads the
//! request line and headers without any limit (a 1,000 MB header line is held in memory
//! whole), starts a thread for every connection without a cap and sets no read timeout, so a
//! client that sends a byte a second holds its thread for ever; none of this can be set from
//! outside. The live room puts this server on a network, where those limits matter, and they
//! take less code here than working around them would.
//!
//! Each connection carries one request and is closed after the answer (`Connection: close`):
//! the preview is on loopback or a local network, where a new connection costs nothing.
//! Only a POST's body is read, and only with a `Content-Length` of at most [`MAX_BODY`]
//! that arrives within the same [`HEAD_TIMEOUT`] as the head (the live room's answers are
//! the only bodies any route takes).

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The request line and headers together, at most (a browser sends well under 2 KB).
pub const MAX_HEAD: usize = 16 * 1024;
/// Connections open at once, event streams included; past this, new ones get 503.
pub const MAX_CONNECTIONS: usize = 256;
/// A POST's body, at most: the live room's answers (a code of at most 132 characters, a
/// form id and two short tokens) take well under this.
pub const MAX_BODY: usize = 512;
/// The whole request (head and body) must arrive within this, however slowly it trickles in.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// A client that stops reading its answer is dropped after this.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// After a refusal the unread rest of a request is drained, so that closing does not reset the
/// connection before the client has read the answer; this much at most.
const DRAIN_LIMIT: usize = 256 * 1024;
const DRAIN_TIMEOUT: Duration = Duration::from_secs(1);
/// A connection's thread only parses a head and copies a file: a small stack will do.
const THREAD_STACK: usize = 256 * 1024;

pub struct Server {
    listener: TcpListener,
    /// The address given to [`Server::bind`], one of the Host names the server answers to.
    bound: IpAddr,
    open: Arc<AtomicUsize>,
}

/// A parsed request.
pub struct Request {
    pub method: String,
    /// The path and query, as sent (`/trappan/?q=1`).
    pub target: String,
    /// A POST's body (empty for other methods).
    pub body: Vec<u8>,
    /// The address the request came from: only for slowing a client that sends too fast,
    /// never kept or logged.
    pub peer: IpAddr,
    /// The request carries an `Origin` that is not this server (a page of another site
    /// posting here).
    pub foreign_origin: bool,
}

pub enum Body {
    Bytes(Vec<u8>),
    File(File, u64),
    /// Written to the connection after the head until the function returns (no length: the
    /// end of the stream is the end of the connection).
    Stream(StreamWriter),
}

/// Writes a streamed body to the connection.
pub type StreamWriter = Box<dyn FnOnce(&mut dyn Write) + Send>;

pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

impl Response {
    /// A short plain-text answer, for refusals.
    pub fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: Body::Bytes(format!("{text}\n").into_bytes()),
        }
    }

    pub fn with_status(self, status: u16) -> Response {
        Response { status, ..self }
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

/// Answers requests; shared by every connection's thread.
pub type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

impl Server {
    pub fn bind(addr: SocketAddr) -> std::io::Result<Server> {
        Ok(Server { listener: TcpListener::bind(addr)?, bound: addr.ip(), open: Arc::default() })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Accepts connections until the process ends, each on its own thread, at most
    /// [`MAX_CONNECTIONS`] at once.
    pub fn run(&self, handler: Handler) {
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            if self.open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                self.open.fetch_sub(1, Ordering::SeqCst);
                refuse_busy(stream);
                continue;
            }
            let open = OpenConnection(Arc::clone(&self.open));
            let (handler, bound) = (Arc::clone(&handler), self.bound);
            // When no thread can be had, the connection is dropped with the closure (and its
            // guard counts it closed).
            let _ = std::thread::Builder::new().stack_size(THREAD_STACK).spawn(move || {
                let _open = open;
                connection(stream, bound, &handler);
            });
        }
    }
}

/// Counts a connection as open until dropped.
struct OpenConnection(Arc<AtomicUsize>);

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Tells a client over the connection cap to come back, without waiting on it.
fn refuse_busy(stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let _ = (&stream).write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

fn connection(mut stream: TcpStream, bound: IpAddr, handler: &Handler) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let (response, method) = match read_head(&mut stream, deadline) {
        Ok((head, rest)) => match parse(&head) {
            Some(head) if is_own_host(head.host, bound, &stream) => {
                let method = head.method.to_string();
                let response = match request(&mut stream, &head, rest, bound, deadline) {
                    Ok(request) => handler(&request),
                    Err(refusal) => refusal,
                };
                (response, method)
            }
            Some(head) => {
                (Response::text(403, "This server answers only to its own address."), head.method.to_string())
            }
            None => (Response::text(400, "Malformed request."), String::new()),
        },
        Err(HeadError::TooLarge) => (Response::text(431, "The request's headers are too large."), String::new()),
        Err(HeadError::TimedOut) => (Response::text(408, "The request took too long to arrive."), String::new()),
        Err(HeadError::Closed) => return,
    };
    let refused = response.status >= 400;
    if write_response(&mut stream, response, method == "HEAD").is_ok() && refused {
        drain(&mut stream);
    }
}

/// The request of a parsed head, with a POST's body read (within [`MAX_BODY`] and the
/// request's deadline); `Err` is the refusal to send instead.
fn request(
    stream: &mut TcpStream,
    head: &Head,
    mut body: Vec<u8>,
    bound: IpAddr,
    deadline: Instant,
) -> Result<Request, Response> {
    let peer = stream.peer_addr().map_err(|_| Response::text(400, "Malformed request."))?.ip();
    let foreign_origin = head.origin.is_some_and(|origin| {
        let host = origin.split_once("://").map_or("", |(_, host)| host);
        !is_own_host(Some(host), bound, stream)
    });
    if head.method != "POST" {
        body.clear();
    } else if head.chunked {
        return Err(Response::text(411, "A request body needs a Content-Length."));
    } else {
        let Some(length) = head.content_length else {
            return Err(Response::text(411, "A request body needs a Content-Length."));
        };
        if length > MAX_BODY {
            return Err(Response::text(413, "The request's body is too large."));
        }
        read_body(stream, &mut body, length, deadline)?;
    }
    Ok(Request { method: head.method.to_string(), target: head.target.to_string(), body, peer, foreign_origin })
}

/// Reads until `body` holds `length` bytes (more sent than announced is malformed).
fn read_body(stream: &mut TcpStream, body: &mut Vec<u8>, length: usize, deadline: Instant) -> Result<(), Response> {
    let mut chunk = [0u8; MAX_BODY];
    while body.len() < length {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Response::text(408, "The request took too long to arrive."));
        }
        let _ = stream.set_read_timeout(Some(left));
        match stream.read(&mut chunk[..length - body.len()]) {
            Ok(0) => return Err(Response::text(400, "The request's body is shorter than its Content-Length.")),
            Ok(n) => body.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return Err(Response::text(408, "The request took too long to arrive.")),
        }
    }
    if body.len() > length {
        return Err(Response::text(400, "The request's body is longer than its Content-Length."));
    }
    Ok(())
}

enum HeadError {
    TooLarge,
    TimedOut,
    /// The client went away, or the connection failed.
    Closed,
}

/// Reads up to the blank line that ends the head, within [`MAX_HEAD`] and the deadline;
/// returns the head and what came after it (the start of a body).
fn read_head(stream: &mut TcpStream, deadline: Instant) -> Result<(Vec<u8>, Vec<u8>), HeadError> {
    let mut head = Vec::with_capacity(2048);
    let mut chunk = [0u8; 2048];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HeadError::TimedOut);
        }
        let _ = stream.set_read_timeout(Some(left));
        let read = match stream.read(&mut chunk) {
            Ok(0) => return Err(HeadError::Closed),
            Ok(n) => n,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(HeadError::TimedOut);
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return Err(HeadError::Closed),
        };
        // Search from a little before the new bytes, in case the terminator straddles reads.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&chunk[..read]);
        if let Some(end) = head[from..].windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = head.split_off(from + end + 4);
            head.truncate(from + end);
            return Ok((head, rest));
        }
        if head.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
    }
}

/// What the server reads of a request head.
struct Head<'a> {
    method: &'a str,
    target: &'a str,
    host: Option<&'a str>,
    origin: Option<&'a str>,
    content_length: Option<usize>,
    chunked: bool,
}

/// The head's request line and the headers the server uses (`None` for a head that is not
/// HTTP/1.x with an origin-form target, or has a malformed header line).
fn parse(head: &[u8]) -> Option<Head<'_>> {
    let head = std::str::from_utf8(head).ok()?;
    let mut lines = head.trim_start_matches("\r\n").split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let (method, target, version) = (request_line.next()?, request_line.next()?, request_line.next()?);
    if request_line.next().is_some() || !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return None;
    }
    let mut parsed = Head { method, target, host: None, origin: None, content_length: None, chunked: false };
    for line in lines {
        let (name, value) = line.split_once(':')?;
        if name.is_empty() || name.contains([' ', '\t']) {
            return None;
        }
        let value = value.trim();
        let fine = if name.eq_ignore_ascii_case("host") {
            once(&mut parsed.host, value)
        } else if name.eq_ignore_ascii_case("origin") {
            once(&mut parsed.origin, value)
        } else if name.eq_ignore_ascii_case("content-length") {
            let length = value.parse().ok()?;
            once(&mut parsed.content_length, length)
        } else {
            if name.eq_ignore_ascii_case("transfer-encoding") {
                parsed.chunked = true;
            }
            true
        };
        if !fine {
            return None;
        }
    }
    Some(parsed)
}

/// Fills a header's slot; `false` when it was filled already: two of these headers are a
/// request smuggling trick, not a mistake.
fn once<T>(slot: &mut Option<T>, value: T) -> bool {
    slot.replace(value).is_none()
}

/// Whether `host` names this server: `localhost`, a loopback address, the address it was
/// bound to, or the address the client connected to (for a server bound to all
/// interfaces), with this server's port or none. Anything else is refused, because a page
/// on another site can point its own name at this address (DNS rebinding) and then read
/// the preview; such requests carry the other site's name.
fn is_own_host(host: Option<&str>, bound: IpAddr, stream: &TcpStream) -> bool {
    let (Some(host), Ok(local)) = (host, stream.local_addr()) else { return false };
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((name, "")) => (name, None),
            Some((name, port)) => match port.strip_prefix(':') {
                Some(port) => (name, Some(port)),
                None => return false,
            },
            None => return false,
        },
        None => match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    if port.is_some_and(|port| port.parse() != Ok(local.port())) {
        return false;
    }
    let own = [IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST), bound, local.ip()];
    name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok_and(|ip| own.contains(&ip))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        303 => "See Other",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Writes the answer and closes; `head_only` (a HEAD request) leaves the body out.
fn write_response(stream: &mut TcpStream, response: Response, head_only: bool) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    match &response.body {
        Body::Bytes(bytes) => head.push_str(&format!("Content-Length: {}\r\n", bytes.len())),
        Body::File(_, length) => head.push_str(&format!("Content-Length: {length}\r\n")),
        Body::Stream(_) => {}
    }
    head.push_str("Connection: close\r\n\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        match response.body {
            Body::Bytes(bytes) => stream.write_all(&bytes)?,
            Body::File(file, length) => {
                std::io::copy(&mut file.take(length), stream)?;
            }
            Body::Stream(write) => write(stream),
        }
    }
    stream.flush()?;
    stream.shutdown(Shutdown::Write)
}

/// Reads and drops what the client still sends, briefly, before the connection closes.
fn drain(stream: &mut TcpStream) {
    let _ = stream.set_read_timeout(Some(DRAIN_TIMEOUT));
    let started = Instant::now();
    let (mut drained, mut buffer) = (0, [0u8; 4096]);
    while drained < DRAIN_LIMIT && started.elapsed() < DRAIN_TIMEOUT {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_parsed_strictly() {
        let head = parse(b"GET /a.html?q=1 HTTP/1.1\r\nHost: localhost:8000\r\nAccept: */*").unwrap();
        assert_eq!((head.method, head.target, head.host), ("GET", "/a.html?q=1", Some("localhost:8000")));
        assert!(parse(b"GET /a.html HTTP/1.0").is_some_and(|head| head.host.is_none()));
        assert!(parse(b"GET http://evil.example/ HTTP/1.1\r\nHost: localhost").is_none(), "absolute-form target");
        assert!(parse(b"GET / HTTP/2\r\nHost: localhost").is_none());
        assert!(parse(b"GET / HTTP/1.1\r\nHost: localhost\r\nHost: evil.example").is_none(), "two Host headers");
        assert!(parse(b"GET / HTTP/1.1\r\nno colon").is_none());
        assert!(parse(b"GET / HTTP/1.1\r\n folded: header").is_none());
    }

    #[test]
    fn body_headers_are_read_once() {
        let head = parse(b"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\nOrigin: http://a").unwrap();
        assert_eq!((head.content_length, head.origin, head.chunked), (Some(12), Some("http://a"), false));
        assert!(parse(b"POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2").is_none(), "two lengths");
        assert!(parse(b"POST /x HTTP/1.1\r\nContent-Length: -1").is_none());
        assert!(parse(b"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked").unwrap().chunked);
    }
}
