//! Diagnostics: what went wrong in the content, where, and how to fix it.
//!
//! Every stage collects `Diagnostic`s instead of stopping at the first problem, so one run
//! reports everything an author has to fix. Nothing here prints; `main` decides how.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the site's sources, pointing at `path:line:col`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path as the author knows it (relative to the site root where possible).
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic { path: path.into(), line, col, message: message.into(), hint: None }
    }

    /// A problem with a whole file (unreadable, empty, …): reported at line 1, column 1.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(path, 1, 1, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: error: {}", self.path.display(), self.line.max(1), self.col.max(1), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A build's collected diagnostics, in a stable order (by path, then position).
pub fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    diagnostics.dedup();
    diagnostics
}

/// The nearest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars; inputs are short keys, so the quadratic cost is fine.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}

/// Converts a serde-saphyr error into a diagnostic. `line_offset` is the number of lines of
/// the file before the YAML starts (the YAML's line 1 is the file's line `line_offset + 1`).
/// An "unknown field" error suggests the nearest of the fields valid at that place.
pub fn from_yaml_error(path: &Path, line_offset: usize, error: &serde_saphyr::Error) -> Diagnostic {
    let (line, col) = error.location().map(|l| (l.line() as usize, l.column() as usize)).unwrap_or((1, 1));
    let raw = error.without_snippet().to_string();
    let message = strip_location_prefix(&raw);
    let mut diagnostic = Diagnostic::new(path, line + line_offset, col, "");
    if let Some(field) = backticked(message).filter(|_| message.starts_with("unknown field")) {
        diagnostic.message = format!("unknown field `{field}`");
        let known_fields: Vec<&str> = message
            .split_once("expected one of ")
            .map(|(_, list)| list.split(" at line ").next().unwrap_or(list))
            .map(|list| list.split(',').map(|f| f.trim().trim_matches('`')).collect())
            .unwrap_or_default();
        let hint = match nearest(field, known_fields.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? Valid fields: {}", known_fields.join(", ")),
            None => format!("valid fields: {}", known_fields.join(", ")),
        };
        diagnostic.hint = Some(hint);
    } else if let Some(field) = backticked(message).filter(|_| message.starts_with("missing field")) {
        diagnostic.message = format!("missing field `{field}`");
        diagnostic.hint = Some(format!("add `{field}:` here"));
    } else if message.contains("found a tab") {
        diagnostic.message = message.to_string();
        diagnostic.hint = Some("YAML indents with spaces only: replace the tab with spaces".into());
    } else {
        diagnostic.message = format!("invalid YAML: {message}");
        diagnostic.hint =
            Some("check the indentation and quote text that contains `: ` or starts with a special character".into());
    }
    diagnostic
}

/// The message alone: the parser's own "line L column C" is already in the diagnostic.
fn strip_location_prefix(raw: &str) -> &str {
    let first_line = raw.lines().next().unwrap_or(raw);
    let mut rest = first_line.strip_prefix("error: ").unwrap_or(first_line);
    if rest.starts_with("line ")
        && let Some(idx) = rest.find(": ")
    {
        rest = &rest[idx + 2..];
    }
    match rest.rfind(" at line ") {
        Some(idx) if rest[idx..].contains("column") => &rest[..idx],
        _ => rest,
    }
}

fn backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_but_not_strangers() {
        let fields = ["title", "description", "weight", "tags"];
        assert_eq!(nearest("titel", fields), Some("title"));
        assert_eq!(nearest("wieght", fields), Some("weight"));
        assert_eq!(nearest("colour", fields), None);
    }

    #[test]
    fn display_has_path_line_col_and_hint() {
        let d = Diagnostic::new("content/a.md", 3, 5, "missing field `title`").with_hint("add it");
        assert_eq!(d.to_string(), "content/a.md:3:5: error: missing field `title`\n  hint: add it");
    }

    #[test]
    fn yaml_unknown_field_suggests_nearest() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            title: String,
        }
        let err = serde_saphyr::from_str::<T>("title: a\ntitel: b\n").unwrap_err();
        let d = from_yaml_error(Path::new("x.md"), 1, &err);
        assert_eq!((d.line, d.col), (3, 1));
        assert_eq!(d.message, "unknown field `titel`");
        assert!(d.hint.unwrap().contains("did you mean `title`"));
    }
}
