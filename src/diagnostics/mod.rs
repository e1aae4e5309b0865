//! Diagnostics: what went wrong in the content, where, and how to fix it.
//!
//! Every stage collects `Diagnostic`s instead of stopping at the first problem, so one run
//! reports everything an author has to fix. Nothing here prints; `main` decides how.

mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the site's sources, pointing at `path:line:col`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path as the author knows it (relative to the site root where possible).
    pub path: PathBuf,
    /// 1-based line; a problem with the whole file is at line 1 ([`Diagnostic::file`]).
    pub line: usize,
    /// 1-based column (a 0 from a caller that does not know it is shown as 1).
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    pub severity: Severity,
}

/// Whether a problem stops the build. Warnings are broken internal links and anchors when
/// `site.yaml` says so (`broken_links: warning`, for a site being migrated) and a plan whose
/// sums do not add up; `--strict` makes them errors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

impl Diagnostic {
    pub fn new(path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic { path: path.into(), line, col, message: message.into(), hint: None, severity: Severity::Error }
    }

    /// A problem with a whole file (unreadable, empty, …): reported at line 1, column 1.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(path, 1, 1, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}:{}: {severity}: {}", self.path.display(), self.line.max(1), self.col.max(1), self.message)?;
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
/// An "unknown field" error suggests the nearest of the fields valid at that place; a syntax
/// error caused by one of the common mistakes in `yaml` is reported where the mistake is.
/// How a model refuses a value it read (`TryFrom` in serde): the problem and how to fix it
/// in one message, which [`from_yaml_error`] shows apart, at the value's line.
pub fn refusal(problem: &str, fix: &str) -> String {
    format!("{problem}{REFUSAL_FIX}{fix}")
}

const REFUSAL_FIX: &str = " — to fix: ";

pub fn from_yaml_error(path: &Path, line_offset: usize, yaml: &str, error: &serde_saphyr::Error) -> Diagnostic {
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
    } else if let Some((problem, fix)) = message.split_once(REFUSAL_FIX) {
        diagnostic.message = problem.to_string();
        diagnostic.hint = Some(fix.to_string());
    } else if message.starts_with("budget breached") {
        let message = file_lines(message, line_offset);
        diagnostic.message = format!("the YAML is larger or deeper than trappa reads: {message}");
        diagnostic.hint = Some(
            "an alias (`*name`) counts every time it is used: write the values out, use fewer aliases, or nest less deep"
                .into(),
        );
    } else if let Some(mistake) = yaml::explain(yaml, line_offset, line) {
        return Diagnostic::new(path, mistake.line, mistake.col, mistake.message).with_hint(mistake.hint);
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
    // Only a location that ends the message: "(used at line 9, column 17)" is part of it.
    match rest.rfind(" at line ") {
        Some(idx) if is_line_and_column(&rest[idx + " at line ".len()..]) => &rest[..idx],
        _ => rest,
    }
}

/// `message` with each "line N" of the YAML turned into the file's line.
fn file_lines(message: &str, line_offset: usize) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("line ") {
        let (before, after) = rest.split_at(at + "line ".len());
        out.push_str(before);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[..digits].parse::<usize>() {
            Ok(line) => out.push_str(&(line + line_offset).to_string()),
            Err(_) => out.push_str(&after[..digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// Whether `text` is exactly "L, column C" (or "L column C").
fn is_line_and_column(text: &str) -> bool {
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (line, column) = text.split_once(" column ").unwrap_or(("", ""));
    number(line.strip_suffix(',').unwrap_or(line)) && number(column)
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
        let d = from_yaml_error(Path::new("x.md"), 1, "", &err);
        assert_eq!((d.line, d.col), (3, 1));
        assert_eq!(d.message, "unknown field `titel`");
        assert!(d.hint.unwrap().contains("did you mean `title`"));
    }

    /// A YAML bomb is refused with the whole message, down to where the alias is used.
    #[test]
    fn yaml_budget_errors_are_shown_whole() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            yaml.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", ")));
        }
        let err = serde_saphyr::from_str::<serde_json::Value>(&yaml).unwrap_err();
        let d = from_yaml_error(Path::new("x.md"), 1, "", &err);
        assert!(
            d.message.starts_with("the YAML is larger or deeper than trappa reads: budget breached"),
            "{}",
            d.message
        );
        // The YAML's lines as the file's (the YAML starts after one line here).
        assert!(d.message.ends_with("(defined at line 6, column 9) (used at line 7, column 15)"), "{}", d.message);
        assert!(d.hint.unwrap().contains("alias"));
    }

    #[test]
    fn only_a_location_at_the_end_is_stripped() {
        assert_eq!(strip_location_prefix("line 2 column 3: bad value at line 2, column 3"), "bad value");
        assert_eq!(strip_location_prefix("x (used at line 6, column 15)"), "x (used at line 6, column 15)");
    }
}
