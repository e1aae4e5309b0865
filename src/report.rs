//! What a command that keeps running (`serve`, `room`) tells the person at the terminal,
//! handed to the caller line by line: the library never prints, and `main` decides where
//! each line goes.

use std::sync::Arc;

/// One line (or a few) for the terminal.
pub enum Line {
    /// What happened: an address, a rebuild, the room ended.
    Said(String),
    /// A problem the person should read (build errors, a failed rebuild).
    Problem(String),
}

/// Where a running command's lines go; called from any of its threads.
pub type Report = Arc<dyn Fn(Line) + Send + Sync>;
