//! The site's folder as the boundary of what a build reads: a symbolic link may be followed
//! only while its target lies inside the site, so a build never publishes the machine's files.

use std::path::{Path, PathBuf};

use walkdir::DirEntry;

use crate::diagnostics::Diagnostic;

/// The site's folder, resolved once, to test walked entries against.
pub struct SiteRoot<'a> {
    root: &'a Path,
    canonical: PathBuf,
}

impl<'a> SiteRoot<'a> {
    pub fn new(root: &'a Path) -> Self {
        SiteRoot { root, canonical: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()) }
    }

    /// The problem with following `entry`, if it is a symbolic link whose target lies
    /// outside the site. A link that cannot be resolved is left to the walk to report.
    pub fn refuse_link(&self, entry: &DirEntry) -> Option<Diagnostic> {
        if !entry.path_is_symlink() {
            return None;
        }
        let target = std::fs::canonicalize(entry.path()).ok()?;
        if target.starts_with(&self.canonical) {
            return None;
        }
        let link = entry.path().strip_prefix(self.root).unwrap_or(entry.path());
        Some(
            Diagnostic::file(link, format!("this symbolic link points outside the site, to {}", target.display()))
                .with_hint(
                    "copy the file into the site's folder, or remove the link: links may only point inside the site",
                ),
        )
    }
}
