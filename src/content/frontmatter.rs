//! Splits a Markdown file into its YAML front matter and body, and parses the front matter
//! into [`FrontMatter`] with errors at the author's line and column.

use std::path::Path;

use serde::{Deserialize, Deserializer};

use crate::diagnostics::{self, Diagnostic};

const EXERCISE_FIELDS: &[&str] = &["duration", "group_size", "materials"];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub audience: Vec<String>,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub template: Option<String>,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Minutes an exercise takes.
    #[serde(default)]
    pub duration: Option<u32>,
    /// Written as text ("4–20") or a number (6).
    #[serde(default, deserialize_with = "text_or_number")]
    pub group_size: Option<String>,
    #[serde(default)]
    pub materials: Vec<String>,
    /// `false`: the first use of the glossary's terms is not marked on this page.
    #[serde(default)]
    pub glossary: Option<bool>,
}

fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum TextOrNumber {
        Text(String),
        Number(i64),
    }
    Ok(Option::<TextOrNumber>::deserialize(d)?.map(|v| match v {
        TextOrNumber::Text(s) => s,
        TextOrNumber::Number(n) => n.to_string(),
    }))
}

/// A source file split at its front matter.
#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based file line on which the body starts.
    pub body_line: usize,
}

/// Finds the `---` … `---` block at the top of `text` (already without BOM and CRs).
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let hint = "start the file with a line `---`, then `title: …`, then a closing `---`";
    let Some(after_open) = text.strip_prefix("---\n").or_else(|| (text == "---").then_some("")) else {
        let what = if text.trim().is_empty() { "the file is empty" } else { "missing front matter" };
        return Err(Diagnostic::file(path, what).with_hint(hint));
    };
    let mut offset = 0;
    for (index, line) in after_open.split_inclusive('\n').enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            let body = &after_open[offset + line.len()..];
            return Ok(Split { yaml: &after_open[..offset], body, body_line: index + 3 });
        }
        offset += line.len();
    }
    Err(Diagnostic::file(path, "the front matter is not closed")
        .with_hint("add a line `---` after the last front-matter field (before the text of the page)"))
}

/// Parses front matter YAML (which starts on file line 2).
pub fn parse(path: &Path, yaml: &str, is_exercise: bool) -> Result<FrontMatter, Diagnostic> {
    if yaml.trim().is_empty() {
        return Err(
            Diagnostic::new(path, 2, 1, "missing field `title`").with_hint("add `title: …` to the front matter")
        );
    }
    let front: FrontMatter = serde_saphyr::from_str(yaml).map_err(|e| diagnostics::from_yaml_error(path, 1, &e))?;
    if front.title.trim().is_empty() {
        let line = crate::web::key_line(yaml, "title").unwrap_or(1) + 1;
        return Err(
            Diagnostic::new(path, line, 1, "the title is empty").with_hint("write the page's title after `title:`")
        );
    }
    if !is_exercise {
        for field in EXERCISE_FIELDS {
            if let Some(line) = crate::web::key_line(yaml, field) {
                return Err(Diagnostic::new(path, line + 1, 1, format!("`{field}` is only for exercises"))
                    .with_hint("move the file under exercises/, or put the value under `extra:`"));
            }
        }
    }
    Ok(front)
}

/// The 1-based line of a top-level `key:` within `yaml`.
#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn splits_and_counts_body_line() {
        let s = split(p(), "---\ntitle: A\nweight: 2\n---\n# Hej\n").unwrap();
        assert_eq!(s.yaml, "title: A\nweight: 2\n");
        assert_eq!(s.body, "# Hej\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        assert!(split(p(), "# Hej").unwrap_err().message.contains("missing front matter"));
        assert!(split(p(), "").unwrap_err().message.contains("empty"));
        assert!(split(p(), "---\ntitle: A\n").unwrap_err().message.contains("not closed"));
    }

    #[test]
    fn parses_fields_and_reports_lines() {
        let fm = parse(p(), "title: A\ngroup_size: 6\nduration: 30\n", true).unwrap();
        assert_eq!(fm.group_size.as_deref(), Some("6"));
        let err = parse(p(), "title: A\ntitel: B\n", false).unwrap_err();
        assert_eq!(err.line, 3);
        let err = parse(p(), "title: A\nduration: 30\n", false).unwrap_err();
        assert_eq!((err.line, err.message.as_str()), (3, "`duration` is only for exercises"));
        let err = parse(p(), "description: x\n", false).unwrap_err();
        assert!(err.message.contains("missing field `title`"), "{}", err.message);
    }
}
