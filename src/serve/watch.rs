//! Watching the sources: `content/`, `exercises/`, `themes/`, `templates/`, `static/` and
//! `site.yaml`. Events are debounced, so an editor's save (write to a temporary file, rename
//! over the original) arrives as one batch of changed paths.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// Quiet time after the last event before a batch is handed on. Short enough that a save
/// shows within a blink, long enough to fold a save-rename-write into one change.
const DEBOUNCE: Duration = Duration::from_millis(20);
const TICK: Duration = Duration::from_millis(5);

pub const WATCHED: &[&str] = &["content", "exercises", "themes", "templates", "static", "site.yaml"];

pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    pub changes: Receiver<Vec<PathBuf>>,
}

pub fn watch(root: &Path) -> anyhow::Result<Watcher> {
    let (sender, changes) = channel();
    let watched: Vec<PathBuf> = WATCHED.iter().map(|name| root.join(name)).collect();
    let mut debouncer = new_debouncer(DEBOUNCE, Some(TICK), move |result: DebounceEventResult| {
        if let Ok(events) = result {
            let mut paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !e.kind.is_access())
                .flat_map(|e| e.event.paths)
                .filter(|p| watched.iter().any(|w| p.starts_with(w)) && !is_editor_temporary(p))
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                let _ = sender.send(paths);
            }
        }
    })?;
    // The root itself non-recursively, so `site.yaml` is seen even when an editor replaces
    // it or it is created later; the output folder's own churn is filtered out above.
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for name in WATCHED {
        let path = root.join(name);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(Watcher { _debouncer: debouncer, changes })
}

/// Swap and backup files editors write next to the real one (vim, Emacs, JetBrains' safe
/// write), so that a save is the one real file changing.
fn is_editor_temporary(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.starts_with(".#")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temporaries_are_not_sources() {
        for name in ["a.md~", ".a.md.swp", "a.md___jb_tmp___", "a.md___jb_old___", ".#a.md", "4913"] {
            assert!(is_editor_temporary(&Path::new("content").join(name)), "{name}");
        }
        assert!(!is_editor_temporary(Path::new("content/a.md")));
    }
}
