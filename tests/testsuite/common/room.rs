//! The real `trappa room` process for tests and the room's benchmark: started on a free
//! loopback port, with what it prints (join address, PIN, trainer's key, room views) read
//! back; answers posted over plain TCP; and answer codes made from the format, so that the
//! server's check is tested against a second reading of the format (the browser test of the
//! room sends codes made by forms.js itself).

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct RoomProcess {
    pub child: Child,
    pub addr: SocketAddr,
    pub pin: String,
    pub key: String,
    /// The join address, as printed for the projector.
    pub join: String,
    /// The trainer's room view of each form, as printed.
    pub views: Vec<String>,
}

impl Drop for RoomProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `trappa room --port 0`: any free port, so tests running side by side never clash.
pub fn room_command(binary: &Path) -> Command {
    let mut command = Command::new(binary);
    command.args(["room", "--port", "0"]);
    command
}

/// Starts `command` (a [`room_command`]) and reads back what the room prints.
pub fn start_room(command: &mut Command) -> RoomProcess {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut join, mut views) = (String::new(), Vec::new());
    loop {
        let line = lines.next().expect("room prints its addresses").unwrap();
        // The lines are in the site's language: read by their addresses and the last one's Ctrl+C.
        if let Some(view) = line.split(": http://").nth(1).filter(|_| line.starts_with("  ")) {
            views.push(format!("http://{view}"));
        } else if let Some(rest) = line.split(" http://").nth(1).filter(|_| join.is_empty()) {
            join = format!("http://{}", rest.split(' ').next().unwrap());
        } else if line.contains("Ctrl+C") {
            break;
        }
    }
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let addr = join.trim_start_matches("http://").split('/').next().unwrap().parse().unwrap();
    let pin = join.rsplit('/').next().unwrap().to_string();
    let key = views[0].split("key=").nth(1).unwrap().split('#').next().unwrap().to_string();
    RoomProcess { child, addr, pin, key, join, views }
}

/// Sends `request` as it is; returns the status and the body.
pub fn exchange(addr: SocketAddr, request: &[u8]) -> (u16, String) {
    use std::io::Read;
    let mut stream = TcpStream::connect(addr).unwrap();
    // Longer than the server's 10 s for a whole request, so its 408 is heard.
    stream.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    stream.write_all(request).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response.split_once("\r\n\r\n").map(|(_, body)| body.to_string()).unwrap_or_default())
}

pub fn post(addr: SocketAddr, path: &str, body: &str) -> (u16, String) {
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    exchange(addr, request.as_bytes())
}

pub fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    exchange(addr, format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes())
}

/// An answer as room.js sends it.
pub fn answer_body(pin: &str, form: &str, participant: &str, code: &str) -> String {
    serde_json::json!({ "room": pin, "form": form, "participant": participant, "code": code }).to_string()
}

/// The room view's state of `form` now: the first event of its stream.
pub fn state(room: &RoomProcess, form: &str) -> serde_json::Value {
    let mut stream = TcpStream::connect(room.addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET /__trappa/room/events?form={form}&key={} HTTP/1.1\r\nHost: localhost\r\n\r\n", room.key)
        .unwrap();
    let line = BufReader::new(stream)
        .lines()
        .map_while(Result::ok)
        .find(|line| line.starts_with("data: "))
        .expect("the room view gets its state");
    serde_json::from_str(&line["data: ".len()..]).unwrap()
}

/// A question's shape in a code: a tick list of n options, or one of n.
#[derive(Clone, Copy)]
pub enum Shape {
    Tick(u32),
    OneOf(u32),
}

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The answer code of form `id` (at `version`) for one digit per scoring question: the
/// ticked options' bits, or the chosen option + 1 (0 for none). Forms up to 128 bits of answers.
pub fn code(id: &str, version: &str, shapes: &[Shape], digits: &[u128]) -> String {
    let (mut value, mut largest) = (0u128, 1u128);
    for (shape, digit) in shapes.iter().zip(digits) {
        let radix = match shape {
            Shape::Tick(n) => 1u128 << n,
            Shape::OneOf(n) => u128::from(n + 1),
        };
        value = value * radix + digit;
        largest *= radix;
    }
    let bits = 128 - (largest - 1).leading_zeros() as usize;
    let length = bits.div_ceil(5).max(1);
    let mut hash: u32 = 0x811c_9dc5;
    for unit in format!("{id}\n{version}").encode_utf16() {
        hash = (hash ^ u32::from(unit)).wrapping_mul(0x0100_0193);
    }
    let hash = hash >> 12;
    let mut symbols: Vec<usize> = (0..4).rev().map(|i| ((hash >> (5 * i)) & 31) as usize).collect();
    symbols.extend((0..length).rev().map(|i| ((value >> (5 * i)) & 31) as usize));
    let total = symbols.iter().enumerate().fold(0, |t, (i, v)| (t + v * (i + 1)) % 1021);
    symbols.extend([total >> 5, total & 31]);
    let text: Vec<u8> = symbols.iter().map(|&v| ALPHABET[v]).collect();
    text.chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

/// The version forms.js reads for form `id` from its served page.
pub fn form_version(page: &str, id: &str) -> String {
    let at = page.find(&format!("data-form=\"{id}\" data-form-version=\"")).expect("the form on its page");
    page[at..].split("data-form-version=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
}
