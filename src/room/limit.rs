//! Slows a client that posts too fast, by its network address, in memory only: an address
//! is held (as a keyed hash, never in clear, never logged) only while its client is over
//! its allowance, so a phone that sends once is forgotten as soon as it has sent.
//!
//! The rule is a leaky bucket (GCRA): [`BURST`] posts at once, then one per [`INTERVAL`];
//! a post over that waits its turn, up to [`MAX_WAIT`]; past that it is refused (429).
//! Posts from the computer itself (loopback) are not slowed: only the trainer sends from
//! there, and the room's load benchmark sends its hundreds of participants from there.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Posts one address may send at once before it is slowed.
pub const BURST: u32 = 20;
/// The pace it is then held to.
pub const INTERVAL: Duration = Duration::from_millis(100);
/// The longest a post is made to wait; a client further ahead than that is refused.
pub const MAX_WAIT: Duration = Duration::from_secs(1);
/// Past this many addresses the idle ones are dropped.
const PRUNE_AT: usize = 1024;

pub struct Limiter {
    /// A random key for hashing addresses, so the table holds no address in clear.
    hasher: RandomState,
    /// Per hashed address, when its bucket will be empty again.
    busy_until: Mutex<HashMap<u64, Instant>>,
}

impl Default for Limiter {
    fn default() -> Limiter {
        Limiter { hasher: RandomState::new(), busy_until: Mutex::default() }
    }
}

impl Limiter {
    /// How long a post from `peer` at `now` must wait, or `None` when it is refused.
    pub fn admit(&self, peer: IpAddr, now: Instant) -> Option<Duration> {
        if peer.is_loopback() {
            return Some(Duration::ZERO);
        }
        let mut busy = self.busy_until.lock().unwrap_or_else(|e| e.into_inner());
        if busy.len() >= PRUNE_AT {
            busy.retain(|_, until| *until > now);
        }
        let entry = busy.entry(self.hasher.hash_one(peer)).or_insert(now);
        let start = (*entry).max(now);
        let tolerance = INTERVAL * (BURST - 1);
        let wait = start.saturating_duration_since(now + tolerance);
        if wait > MAX_WAIT {
            return None;
        }
        *entry = start + INTERVAL;
        Some(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fast_client_is_slowed_then_refused_and_others_are_not() {
        let limiter = Limiter::default();
        let (phone, other): (IpAddr, IpAddr) = ("192.168.1.20".parse().unwrap(), "192.168.1.21".parse().unwrap());
        let now = Instant::now();
        for n in 0..BURST {
            assert_eq!(limiter.admit(phone, now), Some(Duration::ZERO), "post {n} of the burst");
        }
        assert_eq!(limiter.admit(phone, now), Some(INTERVAL), "the next waits its turn");
        let waits: Vec<Option<Duration>> = (0..20).map(|_| limiter.admit(phone, now)).collect();
        assert!(waits.contains(&None), "a client far ahead is refused: {waits:?}");
        assert!(waits.iter().flatten().all(|w| *w <= MAX_WAIT));
        assert_eq!(limiter.admit(other, now), Some(Duration::ZERO), "another phone is not slowed");
        assert_eq!(limiter.admit(phone, now + INTERVAL * (BURST + 20)), Some(Duration::ZERO), "it recovers");
        assert_eq!(limiter.admit("127.0.0.1".parse().unwrap(), now), Some(Duration::ZERO));
    }
}
