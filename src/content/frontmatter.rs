//! Splits a Markdown file into its YAML front matter and body, and parses the front matter
//! into [`FrontMatter`] with errors at the author's line and column. A file without front
//! matter (Markdown from elsewhere) takes its title from its first `# heading`.

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
    /// Where the title came from: a file without front matter has none of its own.
    #[serde(skip)]
    pub title_from: TitleFrom,
    /// `false`: the first use of the glossary's terms is not marked on this page.
    #[serde(default)]
    pub glossary: Option<bool>,
}

/// Where a page's title comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TitleFrom {
    #[default]
    FrontMatter,
    /// The first level-1 heading of a file without front matter; the page shows it as its
    /// title, not again in the body.
    Heading,
    /// The file name, for a file with neither.
    FileName,
}

/// What a file without front matter is told when a site requires it.
pub const MISSING_HINT: &str = "start the file with a line `---`, then `title: …`, then a closing `---`";

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
    /// `None` for a file without front matter.
    pub yaml: Option<&'a str>,
    pub body: &'a str,
    /// 1-based file line on which the body starts.
    pub body_line: usize,
}

/// Finds the `---` … `---` block at the top of `text` (already without BOM and CRs). An
/// empty file is refused: a page with nothing on it is a mistake.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let Some(after_open) = text.strip_prefix("---\n").or_else(|| (text == "---").then_some("")) else {
        if text.trim().is_empty() {
            return Err(Diagnostic::file(path, "the file is empty").with_hint(MISSING_HINT));
        }
        return Ok(Split { yaml: None, body: text, body_line: 1 });
    };
    let mut offset = 0;
    for (index, line) in after_open.split_inclusive('\n').enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            let body = &after_open[offset + line.len()..];
            return Ok(Split { yaml: Some(&after_open[..offset]), body, body_line: index + 3 });
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
    let front: FrontMatter =
        serde_saphyr::from_str(yaml).map_err(|e| diagnostics::from_yaml_error(path, 1, yaml, &e))?;
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

/// The front matter of a file without one: the title is the text of its first level-1
/// heading, or `file_title` when it has none; everything else is the default.
pub fn without(body: &str, file_title: String) -> FrontMatter {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut title: Option<String> = None;
    for event in Parser::new_ext(body, super::markdown_options()) {
        match (event, title.as_mut()) {
            (Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }), None) => title = Some(String::new()),
            (Event::Text(t) | Event::Code(t), Some(title)) => title.push_str(&t),
            (Event::End(TagEnd::Heading(_)), Some(_)) => break,
            _ => {}
        }
    }
    match title.filter(|t| !t.trim().is_empty()) {
        Some(title) => FrontMatter { title, title_from: TitleFrom::Heading, ..FrontMatter::default() },
        None => FrontMatter { title: file_title, title_from: TitleFrom::FileName, ..FrontMatter::default() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn splits_and_counts_body_line() {
        let s = split(p(), "---\ntitle: A\nweight: 2\n---\n# Hej\n").unwrap();
        assert_eq!(s.yaml, Some("title: A\nweight: 2\n"));
        assert_eq!(s.body, "# Hej\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        let s = split(p(), "# Hej\n").unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), (None, "# Hej\n", 1), "the whole file is the body");
        assert!(split(p(), "").unwrap_err().message.contains("empty"));
        assert!(split(p(), " \n").unwrap_err().message.contains("empty"));
        assert!(split(p(), "---\ntitle: A\n").unwrap_err().message.contains("not closed"));
    }

    #[test]
    fn a_file_without_front_matter_is_titled_by_its_first_level_1_heading() {
        let front = without("Intro.\n\n## Not this\n\n# Class: `zlib` *stream* {#own}\n\n# Later\n", "file".into());
        assert_eq!((front.title.as_str(), front.title_from), ("Class: zlib stream", TitleFrom::Heading));
        let front = without("Setext title\n============\n", "file".into());
        assert_eq!(front.title, "Setext title");
        let front = without("## Only level 2\n", "Getting started".into());
        assert_eq!((front.title.as_str(), front.title_from), ("Getting started", TitleFrom::FileName));
        assert_eq!((front.weight, front.draft, front.description.as_str()), (0, false, ""));
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
