//! Writing the site atomically: everything goes into a sibling temporary folder, which
//! replaces the output folder only when the whole build has succeeded. A failed build leaves
//! the previous output untouched and no half-written folder behind.
//!
//! A file whose bytes the previous output already holds is not written again but linked
//! (a hard link: no data written, its modification time kept), so a build where nothing
//! changed writes no file's contents. The previous output is renamed aside
//! (`.NAME.old-PID`) and removed by the next build, on a thread of its own while that build
//! works: deleting thousands of files is not on any build's critical path. The next build
//! also clears what a killed build left (`.NAME.building-PID` of a process no longer running).

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use crate::diagnostics::Diagnostic;

pub struct Staging {
    target: PathBuf,
    temp: PathBuf,
    /// Removing the folders earlier builds left beside the output; joined before the swap.
    sweeping: Option<JoinHandle<()>>,
    finished: bool,
}

impl Staging {
    /// Prepares a temporary folder next to `target` (same file system, so the swap is a rename).
    pub fn new(target: &Path) -> Result<Staging, Diagnostic> {
        let name = target.file_name().map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        let temp = parent.join(format!(".{name}.building-{}", std::process::id()));
        if temp.exists() {
            std::fs::remove_dir_all(&temp).map_err(|e| io_error(&temp, e))?;
        }
        std::fs::create_dir_all(&temp).map_err(|e| io_error(&temp, e))?;
        let leftovers = leftovers(parent, &name);
        let sweeping = (!leftovers.is_empty()).then(|| {
            std::thread::spawn(move || {
                for folder in leftovers {
                    // Best effort: what cannot be removed now is tried again by the next build.
                    let _ = std::fs::remove_dir_all(folder);
                }
            })
        });
        Ok(Staging { target: target.to_path_buf(), temp, sweeping, finished: false })
    }

    /// Writes `bytes` to `rel` (a `/`-separated output path) inside the staging folder, or
    /// links the previous output's file there when it holds these very bytes.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.temp.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        }
        let previous = self.target.join(rel);
        if holds(&previous, bytes) && std::fs::hard_link(&previous, &path).is_ok() {
            return Ok(());
        }
        std::fs::write(&path, bytes).map_err(|e| io_error(&self.target.join(rel), e))
    }

    /// Replaces the output folder with the staged one; the previous output is left aside for
    /// the next build to remove.
    pub fn finish(mut self) -> Result<(), Diagnostic> {
        if let Some(sweeping) = self.sweeping.take() {
            // Done long before, as a rule; it must be, since it may be clearing `old`'s name.
            let _ = sweeping.join();
        }
        let old = self.temp.with_file_name(format!(
            ".{}.old-{}",
            self.target.file_name().unwrap_or_default().to_string_lossy(),
            std::process::id()
        ));
        if old.exists() {
            // Left by this process's previous build (serve) and not swept: it holds the name.
            std::fs::remove_dir_all(&old).map_err(|e| io_error(&old, e))?;
        }
        if self.target.exists() {
            std::fs::rename(&self.target, &old).map_err(|e| io_error(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.temp, &self.target) {
            // Put the previous output back rather than leave nothing.
            let _ = std::fs::rename(&old, &self.target);
            return Err(io_error(&self.target, e));
        }
        self.finished = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(sweeping) = self.sweeping.take() {
            let _ = sweeping.join();
        }
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.temp);
        }
    }
}

/// Whether the file at `path` holds exactly `bytes` (the size is compared first).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// The folders beside the output that earlier builds left: every previous output set aside
/// (`.NAME.old-PID`) and the staging folder of a build whose process is gone
/// (`.NAME.building-PID`, after a kill or a crash).
fn leftovers(parent: &Path, name: &str) -> Vec<PathBuf> {
    let (old, building) = (format!(".{name}.old-"), format!(".{name}.building-"));
    let Ok(entries) = std::fs::read_dir(parent) else { return Vec::new() };
    entries
        .flatten()
        .filter(|entry| {
            let file_name = entry.file_name();
            let file_name = file_name.to_string_lossy();
            if let Some(pid) = file_name.strip_prefix(&old) {
                pid.parse::<u32>().is_ok()
            } else if let Some(pid) = file_name.strip_prefix(&building) {
                pid.parse::<u32>().is_ok_and(|pid| pid != std::process::id() && !is_running(pid))
            } else {
                false
            }
        })
        .map(|entry| entry.path())
        .collect()
}

/// Whether process `pid` still runs (another build may be writing its staging folder). Where
/// there is no `/proc` to ask, it is taken to run: its folder is left rather than risked.
fn is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::file(path, format!("cannot write the output: {e}"))
        .with_hint("check that the output folder is writable and the disk is not full")
}

/// Where rendered output goes: (output path, bytes). The staging folder in a build, the
/// preview folder in `serve`, nowhere in `check`.
pub type WriteFn<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;
