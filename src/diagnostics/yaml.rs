//! The common YAML mistakes, found by reading the text a parser refused.
//!
//! A YAML parser notices a mistake where it can no longer go on, which is often a line or
//! more after it: a `[` left open is reported at the next line's `:` as "illegal placement of
//! ':' indicator". An author needs the place the mistake was made and what to type there, so
//! when the parser refuses a block this reads its lines once more for the five mistakes people
//! make most (an unclosed `[`, `{` or quote; a tab; no space after `:`; an item indented
//! differently from the one above it) and, when one explains the parser's error, reports it
//! instead. The reading is deliberately simple (no full YAML grammar): it only ever runs on
//! text the parser has already refused, and it names a mistake only at or before the line the
//! parser stopped on.

/// A mistake at `line`:`col` of the file (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: String,
}

/// The mistake that explains a parser error at `error_line` of `yaml`, if it is one of the
/// common ones. Lines are the file's: the YAML's first line is its line `line_offset + 1`.
pub fn explain(yaml: &str, line_offset: usize, error_line: usize) -> Option<Mistake> {
    let lines = read_lines(yaml, line_offset);
    let error_line = error_line + line_offset;
    let definite = [unclosed(&lines), first_tab(&lines)]
        .into_iter()
        .flatten()
        .filter(|m| m.line <= error_line)
        .min_by_key(|m| (m.line, m.col));
    definite.or_else(|| missing_space(&lines, error_line)).or_else(|| misindented(&lines, error_line))
}

/// One line of the YAML as the mistakes are looked for in it.
struct Line<'a> {
    number: usize,
    /// The spaces before its first other character.
    indent: usize,
    text: &'a str,
    /// Neither blank nor a comment nor the inside of a `|` or `>` block of text.
    structural: bool,
}

fn read_lines(yaml: &str, line_offset: usize) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    // The indent of the line that opened a `|` or `>` block, while inside it.
    let mut block_text_of: Option<usize> = None;
    for (i, text) in yaml.lines().enumerate() {
        let indent = text.len() - text.trim_start_matches(' ').len();
        let rest = text.trim_start_matches([' ', '\t']);
        let blank = rest.is_empty() || rest.starts_with('#');
        if let Some(opener) = block_text_of {
            if blank || indent > opener {
                lines.push(Line { number: i + 1 + line_offset, indent, text, structural: false });
                continue;
            }
            block_text_of = None;
        }
        if !blank && opens_block_text(rest) {
            block_text_of = Some(indent);
        }
        lines.push(Line { number: i + 1 + line_offset, indent, text, structural: !blank });
    }
    lines
}

/// Whether a line ends in `|` or `>` (with `-`, `+` or a digit), so the lines below are text.
fn opens_block_text(rest: &str) -> bool {
    let value = strip_comment(rest).trim_end();
    let value = value.trim_end_matches(['-', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    (value.ends_with('|') || value.ends_with('>'))
        && matches!(value[..value.len() - 1].trim_end().chars().last(), None | Some(':') | Some('-'))
}

/// The line up to a `#` that starts a comment (one after a space, outside quotes).
fn strip_comment(text: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') if matches!(previous, ' ' | ':' | '[' | '{' | ',') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous == ' ' || at == 0 => return &text[..at],
            _ => {}
        }
        previous = c;
    }
    text
}

/// Something opened on a line and never closed: a `[`, `{`, `"` or `'` still open when a line
/// comes that is indented no more than the one it opened on (or the YAML ends).
fn unclosed(lines: &[Line]) -> Option<Mistake> {
    struct Open {
        what: char,
        line: usize,
        col: usize,
        indent: usize,
    }
    let mut open: Vec<Open> = Vec::new();
    for line in lines.iter().filter(|l| l.structural) {
        if let Some(first) = open.first()
            && line.indent <= first.indent
        {
            return Some(never_closed(first.what, first.line, first.col));
        }
        // Whether a value may start here (a quote or bracket then opens something).
        let mut value_starts = open.last().is_none_or(|o| matches!(o.what, '[' | '{'));
        let mut chars = line.text.chars().enumerate().skip(line.indent).peekable();
        // Whether the character before is a space or the line's indentation (a `#` there
        // starts a comment).
        let mut after_space = true;
        while let Some((at, c)) = chars.next() {
            let was_after_space = std::mem::replace(&mut after_space, c == ' ');
            let in_quote = open.last().filter(|o| matches!(o.what, '"' | '\''));
            if let Some(quote) = in_quote {
                match (quote.what, c) {
                    ('"', '\\') => {
                        chars.next();
                    }
                    ('\'', '\'') if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                        chars.next();
                    }
                    (q, c) if q == c => {
                        open.pop();
                        value_starts = false;
                    }
                    _ => {}
                }
                continue;
            }
            let in_flow = !open.is_empty();
            match c {
                '#' if was_after_space => break,
                '"' | '\'' | '[' | '{' if value_starts => {
                    open.push(Open { what: c, line: line.number, col: at + 1, indent: line.indent });
                    value_starts = c != '"' && c != '\'';
                }
                ']' | '}' if in_flow => {
                    open.pop();
                    value_starts = false;
                }
                ',' if in_flow => value_starts = true,
                ':' | '-' if chars.peek().is_none_or(|&(_, n)| n == ' ') => value_starts = true,
                ' ' => {}
                _ => value_starts = false,
            }
        }
    }
    open.first().map(|first| never_closed(first.what, first.line, first.col))
}

fn never_closed(what: char, line: usize, col: usize) -> Mistake {
    let (message, hint) = match what {
        '[' => (
            "the list that starts with `[` here is never closed with `]`",
            "end the list on the same line, as in `[a, b]`, or write each item on a line of its own after `- `",
        ),
        '{' => ("the `{` here is never closed with `}`", "end it on the same line, as in `{text: a, points: 2}`"),
        '"' => (
            "the text in quotes that starts here has no closing `\"`",
            "end the text with `\"` on the same line (write `\\\"` for a quote inside it), or leave out the quotes",
        ),
        _ => (
            "the text in quotes that starts here has no closing `'`",
            "end the text with `'` on the same line (write `''` for an apostrophe inside it), or leave out the quotes",
        ),
    };
    Mistake { line, col, message: message.into(), hint: hint.into() }
}

/// The first tab in a line's indentation.
fn first_tab(lines: &[Line]) -> Option<Mistake> {
    lines.iter().filter(|l| l.structural).find_map(|line| {
        let lead = line.text.len() - line.text.trim_start_matches([' ', '\t']).len();
        let at = line.text[..lead].find('\t')?;
        Some(Mistake {
            line: line.number,
            col: at + 1,
            message: "a tab indents this line".into(),
            hint: "YAML indents with spaces only: replace the tab with spaces, as many as the line above it has".into(),
        })
    })
}

/// A field written `key:value`, on the line the parser stopped on or the one before it (a
/// `title:Hej` is read as text, and the parser only stops at the next field).
fn missing_space(lines: &[Line], error_line: usize) -> Option<Mistake> {
    let mut candidates = lines.iter().filter(|l| l.structural && l.number <= error_line).rev().take(2);
    candidates.find_map(|line| {
        let mut rest = &line.text[line.indent..];
        let mut col = line.indent + 1;
        while let Some(after) = rest.strip_prefix("- ") {
            let spaces = after.len() - after.trim_start_matches(' ').len();
            col += 2 + spaces;
            rest = &after[spaces..];
        }
        let key_len = rest.find(':')?;
        let key = &rest[..key_len];
        let after = rest[key_len + 1..].chars().next()?;
        let is_key = key.len() >= 2
            && key.starts_with(|c: char| c.is_ascii_alphabetic())
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !is_key || after.is_whitespace() || matches!(after, ':' | '/') {
            return None;
        }
        let value = rest[key_len + 1..].trim_end();
        Some(Mistake {
            line: line.number,
            col: col + key_len,
            message: format!("`{key}:{value}` has no space after the `:`"),
            hint: format!(
                "write `{key}: {value}`: a field's name ends with `: `; a value that holds a colon, like a time, goes in quotes: \"09:00\""
            ),
        })
    })
}

/// The line the parser stopped on, when it is indented differently from the lines it belongs
/// with: a list item whose `-` is not in the column of the item above it, or a field between
/// two levels.
fn misindented(lines: &[Line], error_line: usize) -> Option<Mistake> {
    let line = lines.iter().find(|l| l.number == error_line && l.structural)?;
    let is_item = |l: &Line| l.text[l.indent..].starts_with("- ") || l.text[l.indent..].trim_end() == "-";
    // The indents open above the line: each line's own, and for `- key:` the key's too.
    struct Level {
        indent: usize,
        line: usize,
        item: bool,
    }
    let mut levels: Vec<Level> = Vec::new();
    for above in lines.iter().filter(|l| l.structural && l.number < error_line) {
        levels.retain(|level| level.indent < above.indent);
        levels.push(Level { indent: above.indent, line: above.number, item: is_item(above) });
        if is_item(above) {
            let inner = above.text[above.indent + 1..].len() - above.text[above.indent + 1..].trim_start().len();
            levels.push(Level { indent: above.indent + 1 + inner, line: above.number, item: false });
        }
    }
    let here = line.indent;
    if is_item(line) {
        // The nearest item above at another indent, with no item of this indent between.
        let matching = levels.iter().rev().find(|l| l.indent <= here);
        if matching.is_some_and(|l| l.indent == here && l.item) {
            return None;
        }
        let sibling = levels.iter().rev().find(|l| l.item && l.indent != here)?;
        return Some(Mistake {
            line: line.number,
            col: here + 1,
            message: format!(
                "this list item's `-` is {}, but the item above it on line {} has its `-` {}",
                spaces_in(here),
                sibling.line,
                spaces_in(sibling.indent)
            ),
            hint: "put the `-` of every item of one list in the same column".into(),
        });
    }
    if levels.iter().any(|l| l.indent == here) {
        return None;
    }
    let above = levels.iter().rev().find(|l| l.indent < here)?;
    let word = lines.iter().find(|l| l.number == above.line)?.text[above.indent..]
        .split([':', ' '])
        .next()
        .unwrap_or_default();
    Some(Mistake {
        line: line.number,
        col: here + 1,
        message: format!(
            "this line is {}, which lines it up with nothing above it (`{word}` on line {} is {})",
            spaces_in(here),
            above.line,
            spaces_in(above.indent)
        ),
        hint: "a field lines up with the fields beside it: give it as many spaces as they have".into(),
    })
}

fn spaces_in(n: usize) -> String {
    match n {
        1 => "1 space in".to_string(),
        n => format!("{n} spaces in"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(yaml: &str, error_line: usize) -> Option<(usize, usize, String)> {
        explain(yaml, 0, error_line).map(|m| (m.line, m.col, m.message))
    }

    #[test]
    fn an_open_bracket_is_found_where_it_opens() {
        let yaml = "items:\n  - text: Ett\n    points: [a, b\n  - text: Två\n";
        let (line, col, message) = at(yaml, 4).unwrap();
        assert_eq!((line, col), (3, 13));
        assert!(message.contains("`[`"), "{message}");
    }

    #[test]
    fn a_list_over_several_lines_is_not_a_mistake() {
        let yaml = "items:\n  - text: Ett\n    points: [a,\n      b]\n  - text: Två\n    weight:2\n";
        assert_eq!(at(yaml, 6).map(|m| m.0), Some(6));
        assert!(unclosed(&read_lines(yaml, 0)).is_none());
    }

    #[test]
    fn an_open_quote_is_found_and_quotes_inside_text_are_not() {
        let yaml = "title: Se \"här\"\ndescription: \"Hej\nweight: 2\n";
        assert_eq!(at(yaml, 3).map(|m| (m.0, m.1)), Some((2, 14)));
        assert!(unclosed(&read_lines("title: 'Kim''s'\ntext: \"a \\\" b\"\n", 0)).is_none());
    }

    #[test]
    fn block_text_is_not_read_as_yaml() {
        let yaml = "text: |\n  Ett [ och \"två\n  tre:fyra\nweight: 2\n";
        assert!(unclosed(&read_lines(yaml, 0)).is_none());
        assert!(explain(yaml, 0, 3).is_none());
    }

    #[test]
    fn a_tab_is_found_in_the_indentation() {
        assert_eq!(at("title: C\ntags:\n\t- x\n", 3).map(|m| (m.0, m.1)), Some((3, 1)));
    }

    #[test]
    fn a_missing_space_after_a_colon_is_found_on_the_line_or_the_one_before() {
        let (line, col, message) = at("title:D\ndescription: x\n", 2).unwrap();
        assert_eq!((line, col), (1, 6));
        assert!(message.contains("`title:D`"), "{message}");
        assert_eq!(at("items:\n  - text:Ett\n", 2).map(|m| (m.0, m.1)), Some((2, 9)));
        // A time or an address is not a field.
        assert!(missing_space(&read_lines("- 09:00 Start\n- https://x.se\n", 0), 2).is_none());
    }

    #[test]
    fn a_list_item_out_of_line_is_compared_with_the_one_above() {
        let (line, col, message) = at("items:\n  - text: Ett\n - text: Två\n", 3).unwrap();
        assert_eq!((line, col), (3, 2));
        assert!(message.contains("line 2 has its `-` 2 spaces in"), "{message}");
        assert!(misindented(&read_lines("items:\n  - text: Ett\n  - text: Två\n", 0), 3).is_none());
    }

    #[test]
    fn a_field_between_two_levels_is_found() {
        let (line, _, message) = at("items:\n  - text: Ett\n     points: 2\n", 3).unwrap();
        assert_eq!(line, 3);
        assert!(message.contains("is 5 spaces in") && message.contains("`text` on line 2 is 4 spaces in"), "{message}");
    }
}
