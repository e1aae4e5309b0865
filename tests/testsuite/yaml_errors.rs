//! The five YAML mistakes authors make most, each reported where it was made with what to type
//! there, and nothing else reported because of it (`trappa check` on a small site).

use crate::common::{HOME, bin, site, stderr};

/// Checks a site of the home page and `pages`: it fails with exactly one problem, at `at`
/// (`file:line:col`), whose message and hint contain the texts given.
fn only_problem(pages: &[(&str, &str)], at: &str, message: &str, hint: &str) {
    let mut files = vec![HOME];
    files.extend_from_slice(pages);
    let dir = site(&files);
    let output = bin().args(["check", "--root"]).arg(dir.path()).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "the check fails:\n{err}");
    let problems: Vec<&str> = err.lines().filter(|l| l.contains(": error: ") || l.contains(": warning: ")).collect();
    assert_eq!(problems.len(), 1, "one problem, none that follows from it:\n{err}");
    let (place, said) = problems[0].split_once(": error: ").unwrap();
    assert_eq!(place, at, "where:\n{err}");
    assert!(said.contains(message), "what:\n{err}");
    let how = err.lines().find_map(|l| l.trim().strip_prefix("hint: ")).unwrap_or_default();
    assert!(how.contains(hint), "how to fix it:\n{err}");
}

/// The issue's case: a `[` left open is reported where it opens, not at the next line's `:`,
/// and the card that shows the checklist is not said to point at nothing, nor a link to it.
#[test]
fn an_unclosed_bracket_is_reported_where_it_opens_and_nothing_follows_from_it() {
    let page = "---\ntitle: Sida\n---\n[Listan](#min-checklista)\n\n```{checklist}\nid: min-checklista\ntitle: Lista\nitems:\n  - text: Ett\n    points: [a, b\n  - text: Två\n```\n\n```{card}\nid: kortet\ntitle: Kort\nsize: a6\nchecklist: min-checklista\n```\n";
    let other = "---\ntitle: Annan\n---\n[Listan](sida.md#min-checklista)\n";
    only_problem(
        &[("content/sida.md", page), ("content/annan.md", other)],
        "content/sida.md:11:13",
        "the list that starts with `[` here is never closed with `]`",
        "`[a, b]`",
    );
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    only_problem(
        &[("content/sida.md", "---\ntitle: \"Ny sida\ndescription: Om något\n---\nText.\n")],
        "content/sida.md:2:8",
        "has no closing `\"`",
        "end the text with `\"` on the same line",
    );
}

#[test]
fn a_tab_is_reported_on_its_line() {
    only_problem(
        &[("content/sida.md", "---\ntitle: Sida\ntags:\n\t- ett\n---\nText.\n")],
        "content/sida.md:4:1",
        "a tab indents this line",
        "spaces only",
    );
}

#[test]
fn a_missing_space_after_a_colon_is_reported_on_its_line() {
    only_problem(
        &[("content/sida.md", "---\ntitle:Sida\ndescription: Om något\n---\nText.\n")],
        "content/sida.md:2:6",
        "`title:Sida` has no space after the `:`",
        "write `title: Sida`",
    );
}

/// A list item out of line in a component block, and a staircase whose form is not said to
/// point at nothing because of it.
#[test]
fn a_list_item_at_the_wrong_indent_is_compared_with_the_one_above() {
    let page = "---\ntitle: Sida\n---\n```{staircase}\nid: trappan\ntitle: Trappan\nsteps:\n  - title: Ett\n    text: Först.\n - title: Två\n   text: Sedan.\n```\n\n```{form}\nid: var-star-vi\ntitle: Var står vi?\nquestions:\n  - id: steg\n    text: Vilket steg?\n    kind: step\n    staircase: trappan\n```\n";
    only_problem(
        &[("content/sida.md", page)],
        "content/sida.md:10:2",
        "this list item's `-` is 1 space in, but the item above it on line 8 has its `-` 2 spaces in",
        "same column",
    );
}
