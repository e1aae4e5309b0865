//! Writing the site atomically: everything goes into a sibling temporary folder, which
//! replaces the output folder only when the whole build has succeeded. A failed build leaves
//! the previous output untouched and no half-written folder behind.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

pub struct Staging {
    target: PathBuf,
    temp: PathBuf,
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
        Ok(Staging { target: target.to_path_buf(), temp, finished: false })
    }

    /// Writes `bytes` to `rel` (a `/`-separated output path) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.temp.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| io_error(&self.target.join(rel), e))
    }

    /// Replaces the output folder with the staged one.
    pub fn finish(mut self) -> Result<(), Diagnostic> {
        let old = self.temp.with_file_name(format!(
            ".{}.old-{}",
            self.target.file_name().unwrap_or_default().to_string_lossy(),
            std::process::id()
        ));
        if self.target.exists() {
            std::fs::rename(&self.target, &old).map_err(|e| io_error(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.temp, &self.target) {
            // Put the previous output back rather than leave nothing.
            let _ = std::fs::rename(&old, &self.target);
            return Err(io_error(&self.target, e));
        }
        self.finished = true;
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| io_error(&old, e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.temp);
        }
    }
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::file(path, format!("cannot write the output: {e}"))
        .with_hint("check that the output folder is writable and the disk is not full")
}

/// Where rendered output goes: (output path, bytes). The staging folder in a build, the
/// preview folder in `serve`, nowhere in `check`.
pub type WriteFn<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;
