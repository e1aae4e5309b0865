//! Form: a self-assessment, parsed and validated here; [`view`] makes what the theme's
//! template renders as a worksheet that works and prints without JavaScript, and the theme's
//! script adds saving, scoring and results on top of it.

mod view;

pub use view::{FormView, PART_SUFFIXES, QuestionView};

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{Markup, PageComponents};
use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub id: String,
    pub title: String,
    pub intro: Option<String>,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub sections: Vec<FormSection>,
    #[serde(default)]
    pub bands: Vec<Band>,
    #[serde(default)]
    pub chart: Chart,
}

/// How the results chart draws the scores: a bar per section (per question in a form
/// without sections), a radar over the same values (bars when there are fewer than three),
/// or no chart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Chart {
    #[default]
    Bars,
    Radar,
    #[serde(rename = "none")]
    Hidden,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSection {
    pub title: String,
    pub intro: Option<String>,
    pub questions: Vec<Question>,
    #[serde(default)]
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Tick,
    Choice,
    Scale,
    Step,
    Text,
}

impl Kind {
    /// The kind as a form's version reads it. Written out, not the Rust name: renaming a
    /// variant must not orphan the answers saved in readers' browsers (these are the names the
    /// first version hashed).
    pub fn name_in_version(self) -> &'static str {
        match self {
            Kind::Tick => "Tick",
            Kind::Choice => "Choice",
            Kind::Scale => "Scale",
            Kind::Step => "Step",
            Kind::Text => "Text",
        }
    }
}

/// A question, what it asks for typed when read: a tick list and a one-of question have
/// options, a scale its labels (and scores), a step question its staircase, a note nothing.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "QuestionFields")]
pub struct Question {
    pub id: String,
    pub text: String,
    pub help: Option<String>,
    pub link: Option<String>,
    pub answer: Answer,
}

/// What a question is answered with, by its kind.
#[derive(Debug, Clone)]
pub enum Answer {
    Tick(Vec<Choice>),
    Choice(Vec<Choice>),
    /// The scale's labels, and each label's score when not 1, 2, 3 …
    Scale {
        labels: Vec<String>,
        scores: Vec<i64>,
    },
    /// The id of a staircase above the form on its page, whose steps are the options.
    Step(String),
    Text,
}

impl Question {
    pub fn kind(&self) -> Kind {
        match self.answer {
            Answer::Tick(_) => Kind::Tick,
            Answer::Choice(_) => Kind::Choice,
            Answer::Scale { .. } => Kind::Scale,
            Answer::Step(_) => Kind::Step,
            Answer::Text => Kind::Text,
        }
    }
}

/// A question as written: `kind:` says which of the other fields it takes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFields {
    id: String,
    kind: Kind,
    text: String,
    help: Option<String>,
    link: Option<String>,
    #[serde(default)]
    options: Vec<Choice>,
    #[serde(default)]
    scale: Vec<String>,
    #[serde(default)]
    scores: Vec<i64>,
    staircase: Option<String>,
}

impl TryFrom<QuestionFields> for Question {
    type Error = String;

    fn try_from(q: QuestionFields) -> Result<Self, Self::Error> {
        let QuestionFields { id, kind, text, help, link, options, scale, scores, staircase } = q;
        let refuse =
            |problem: String| Err(crate::diagnostics::refusal(&format!("question `{id}` {problem}"), QUESTION_HINT));
        // The fields each kind takes; one of another kind is a slip.
        let takes: &[&str] = match kind {
            Kind::Tick | Kind::Choice => &["options"],
            Kind::Scale => &["scale", "scores"],
            Kind::Step => &["staircase"],
            Kind::Text => &[],
        };
        let given = [
            ("options", !options.is_empty()),
            ("scale", !scale.is_empty()),
            ("scores", !scores.is_empty()),
            ("staircase", staircase.is_some()),
        ];
        if let Some((field, _)) = given.iter().find(|(field, given)| *given && !takes.contains(field)) {
            return refuse(format!(
                "is a `{}` question, which takes no `{field}:`",
                kind.name_in_version().to_lowercase()
            ));
        }
        let answer = match kind {
            Kind::Tick | Kind::Choice if options.is_empty() => {
                return refuse("needs `options:` (a list of `- text: …`)".into());
            }
            Kind::Tick => Answer::Tick(options),
            Kind::Choice => Answer::Choice(options),
            Kind::Scale if scale.is_empty() => {
                return refuse("needs `scale:` (the labels, e.g. [Alltid, Ofta, Ibland, Sällan])".into());
            }
            Kind::Scale if !scores.is_empty() && scores.len() != scale.len() => {
                return refuse(format!("has {} labels in `scale` but {} `scores`", scale.len(), scores.len()));
            }
            Kind::Scale => Answer::Scale { labels: scale, scores },
            Kind::Step => match staircase {
                Some(id) => Answer::Step(id),
                None => return refuse("needs `staircase:` (the id of a staircase above it on the page)".into()),
            },
            Kind::Text => Answer::Text,
        };
        Ok(Question { id, text, help, link, answer })
    }
}

const QUESTION_HINT: &str = "see the form component in the README";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub text: String,
    pub score: Option<i64>,
    pub advice: Option<String>,
    pub link: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min: i64,
    pub max: i64,
    pub text: String,
    #[serde(default)]
    pub links: Vec<String>,
}

/// The most options one question may have (ticks, choices, scale labels or steps): more is
/// a list no one answers with care, and the page has to stay quick to load and to score.
const MAX_OPTIONS_PER_QUESTION: usize = 100;

/// The most options a whole form may have: a tick is a bit of the answer code, and with up
/// to 500 every code (106 symbols and dashes, 132 characters) fits the QR code qr.js draws
/// (version 10, 213 bytes).
const MAX_OPTIONS_PER_FORM: usize = 500;

/// One answer option as rendered: its label and score.
struct Option_ {
    label: String,
    score: i64,
    advice: Option<String>,
    link: Option<String>,
}

impl Form {
    /// Every question in order, those in sections too.
    pub fn all_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().chain(self.sections.iter().flat_map(|s| s.questions.iter()))
    }

    /// A short fingerprint of what the reader answers: saved answers and answer codes carry
    /// it, so answers to an older version of the form are not read into a changed one. The
    /// format is fixed (the README's "A form's version"): FNV-1a over, for each question in
    /// order, its id, its kind's name ([`Kind::name_in_version`]), its options' texts, its scale's
    /// labels and its staircase, each followed by a zero byte; the low 32 bits in hex. What
    /// the reader does not answer (titles, help, bands) is not in it.
    pub fn version(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |s: &str| {
            for b in s.bytes().chain([0]) {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x100_0000_01b3);
            }
        };
        for q in self.all_questions() {
            feed(&q.id);
            feed(q.kind().name_in_version());
            // Options, a scale's labels, then the staircase (empty when none), as every
            // version so far was made.
            match &q.answer {
                Answer::Tick(options) | Answer::Choice(options) => options.iter().for_each(|o| feed(&o.text)),
                Answer::Scale { labels, .. } => labels.iter().for_each(|l| feed(l)),
                Answer::Step(_) | Answer::Text => {}
            }
            feed(match &q.answer {
                Answer::Step(id) => id,
                _ => "",
            });
        }
        format!("{:08x}", hash as u32)
    }

    fn validate(&self, markup: &dyn Markup, page: &PageComponents) -> Result<(), Diagnostic> {
        let err = |needle: &str, message: String, hint: &str| Err(markup.diagnostic(needle, message, hint));
        match (self.questions.is_empty(), self.sections.is_empty()) {
            (true, true) => {
                return err(
                    "id:",
                    "the form has no questions".into(),
                    "add `questions:` (or `sections:` with questions)",
                );
            }
            (false, false) => {
                return err(
                    "sections:",
                    "the form has both `questions` and `sections`".into(),
                    "put every question inside a section, or drop the sections",
                );
            }
            _ => {}
        }
        let mut ids = HashSet::new();
        let mut form_options = 0;
        for q in self.all_questions() {
            let needle = format!("id: {}", q.id);
            if !ids.insert(q.id.as_str()) {
                return err(&needle, format!("two questions have the id `{}`", q.id), "give every question its own id");
            }
            // What the question alone says was checked when it was read; what it points at
            // on the page is checked here.
            let problem = match &q.answer {
                Answer::Step(id) => match page.staircase(id) {
                    None if page.unparsed_ids.contains(id) => None,
                    None => Some(format!(
                        "points at staircase `{id}`, but no staircase with that id stands above it on this page"
                    )),
                    Some(s) if s.steps.is_empty() => {
                        Some(format!("points at staircase `{id}`, which has no steps to choose from"))
                    }
                    Some(_) => None,
                },
                _ => None,
            };
            if let Some(problem) = problem {
                return err(&needle, format!("question `{}` {problem}", q.id), QUESTION_HINT);
            }
            let options = self.options(q, page).len();
            if options > MAX_OPTIONS_PER_QUESTION {
                return err(
                    &needle,
                    format!(
                        "question `{}` has {options} options, more than the {MAX_OPTIONS_PER_QUESTION} a question may have",
                        q.id
                    ),
                    &format!("split it into shorter questions of at most {MAX_OPTIONS_PER_QUESTION} options each"),
                );
            }
            form_options += options;
            if form_options > MAX_OPTIONS_PER_FORM {
                return err(
                    &needle,
                    format!(
                        "the form has {form_options} options up to question `{}`, more than the {MAX_OPTIONS_PER_FORM} a form may have",
                        q.id
                    ),
                    "split it into two forms (every answer code has to fit its QR code)",
                );
            }
        }
        let form_range = self.score_range(self.all_questions(), page);
        let scopes = std::iter::once((&self.bands, form_range, "the form".to_string())).chain(
            self.sections
                .iter()
                .map(|s| (&s.bands, self.score_range(s.questions.iter(), page), format!("section `{}`", s.title))),
        );
        for (bands, range, whose) in scopes {
            if let Some((needle, message, hint)) = band_problem(bands, range, &whose) {
                return err(&needle, message, &hint);
            }
        }
        Ok(())
    }

    /// The lowest and highest total that complete answers to `questions` can score: a tick
    /// list from no ticks to all of its positive ticks, a one-of question from its lowest to
    /// its highest option; notes score nothing.
    fn score_range<'q>(&self, questions: impl Iterator<Item = &'q Question>, page: &PageComponents) -> (i64, i64) {
        questions.fold((0, 0), |(low, high), q| {
            let scores = self.options(q, page).into_iter().map(|o| o.score);
            let (q_low, q_high) = match q.kind() {
                Kind::Tick => {
                    scores.fold((0i64, 0i64), |(l, h), s| (l.saturating_add(s.min(0)), h.saturating_add(s.max(0))))
                }
                Kind::Text => (0, 0),
                _ => scores
                    .fold(None, |range: Option<(i64, i64)>, s| {
                        Some(range.map_or((s, s), |(l, h)| (l.min(s), h.max(s))))
                    })
                    .unwrap_or((0, 0)),
            };
            (low.saturating_add(q_low), high.saturating_add(q_high))
        })
    }

    /// The labels of a question's options in the order answer codes number them (ticks or
    /// choices, a scale's labels, a staircase's steps; none for notes).
    pub fn option_labels(&self, q: &Question, page: &PageComponents) -> Vec<String> {
        self.options(q, page).into_iter().map(|o| o.label).collect()
    }

    fn options(&self, q: &Question, page: &PageComponents) -> Vec<Option_> {
        let plain = |label: &String, score: i64| Option_ { label: label.clone(), score, advice: None, link: None };
        match &q.answer {
            Answer::Tick(options) | Answer::Choice(options) => {
                let ticks = matches!(q.answer, Answer::Tick(_));
                options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| Option_ {
                        label: o.text.clone(),
                        score: o.score.unwrap_or(if ticks { 1 } else { i as i64 + 1 }),
                        advice: o.advice.clone(),
                        link: o.link.clone(),
                    })
                    .collect()
            }
            Answer::Scale { labels, scores } => labels
                .iter()
                .enumerate()
                .map(|(i, label)| plain(label, scores.get(i).copied().unwrap_or(i as i64 + 1)))
                .collect(),
            Answer::Step(id) => page
                .staircase(id)
                .map(|s| s.steps.iter().enumerate().map(|(i, step)| plain(&step.title, i as i64 + 1)).collect())
                .unwrap_or_default(),
            Answer::Text => Vec::new(),
        }
    }
}

/// Why `bands` do not give feedback for every score from `low` to `high` exactly once, as
/// (text of the YAML line to point at, message, hint); `None` when they do (or when there
/// are no bands at all).
fn band_problem(bands: &[Band], (low, high): (i64, i64), whose: &str) -> Option<(String, String, String)> {
    let range_hint = format!("{whose} can score from {low} to {high}: give every score in that range exactly one band");
    let mut sorted: Vec<&Band> = bands.iter().collect();
    sorted.sort_by_key(|b| (b.min, b.max));
    let mut uncovered = low;
    let mut previous: Option<&Band> = None;
    for band in &sorted {
        let needle = format!("min: {}", band.min);
        if band.min > band.max {
            let message = format!("a band runs from {} to {}", band.min, band.max);
            return Some((needle, message, "`min` must not be larger than `max`".to_string()));
        }
        if band.max < low || band.min > high {
            let message =
                format!("no answer to {whose} can score {}–{}, so this band is never shown", band.min, band.max);
            return Some((needle, message, range_hint));
        }
        if let Some(previous) = previous.filter(|p| band.min <= p.max) {
            let message =
                format!("the bands {}–{} and {}–{} of {whose} overlap", previous.min, previous.max, band.min, band.max);
            return Some((needle, message, range_hint));
        }
        if band.min > uncovered {
            let message = format!("no band of {whose} covers the scores {}–{}", uncovered, band.min - 1);
            return Some((needle, message, range_hint));
        }
        uncovered = uncovered.max(band.max.saturating_add(1));
        previous = Some(band);
    }
    match sorted.last() {
        Some(last) if uncovered <= high => {
            let message = format!("no band of {whose} covers the scores {uncovered}–{high}");
            Some((format!("min: {}", last.min), message, range_hint))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_support::plain;

    fn form(yaml: &str) -> Form {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn invalid_forms_are_errors() {
        // What a question alone says is checked as it is read.
        for (question, says) in [
            ("kind: scale\n    text: Hur?", "question `a` needs `scale:`"),
            ("kind: tick\n    text: Vilka?", "question `a` needs `options:`"),
            ("kind: step\n    text: Var?", "question `a` needs `staircase:`"),
            (
                "kind: scale\n    text: Hur?\n    scale: [Ja, Nej]\n    scores: [1]",
                "2 labels in `scale` but 1 `scores`",
            ),
            ("kind: text\n    text: Vad?\n    options: [{text: X}]", "is a `text` question, which takes no `options:`"),
            ("kind: choice\n    text: Vad?\n    options: [{text: X}]\n    scale: [A]", "takes no `scale:`"),
        ] {
            let yaml = format!("id: f\ntitle: T\nquestions:\n  - id: a\n    {question}\n");
            let err = serde_saphyr::from_str::<Form>(&yaml).unwrap_err().to_string();
            assert!(err.contains(says), "{yaml}: {err}");
        }
        let f = form("id: f\ntitle: T\nquestions:\n  - id: a\n    kind: step\n    text: Var?\n    staircase: nope\n");
        assert!(f.view(&mut plain(), &PageComponents::default()).unwrap_err().message.contains("no staircase"));
        let mut page = PageComponents::default();
        let empty =
            crate::components::Staircase { id: Some("nope".into()), title: None, intro: None, steps: Vec::new() };
        page.push(1, crate::components::Component::Staircase(empty));
        assert!(f.view(&mut plain(), &page).unwrap_err().message.contains("has no steps"));
    }

    fn band_error(yaml: &str) -> Option<String> {
        form(yaml)
            .view(&mut plain(), &PageComponents::default())
            .err()
            .map(|e| format!("{} / {}", e.message, e.hint.unwrap_or_default()))
    }

    const THREE_TICKS: &str = "id: f\ntitle: T\nquestions:\n  - id: a\n    kind: tick\n    text: Vilka?\n    options: [{text: X}, {text: Y}, {text: Z, score: -1}]\n";

    #[test]
    fn bands_must_cover_the_score_range_once() {
        // Ticks score 1, 1 and -1: the range is -1..=2.
        assert_eq!(
            band_error(&format!(
                "{THREE_TICKS}bands:\n  - {{min: -1, max: 0, text: A}}\n  - {{min: 1, max: 9, text: B}}\n"
            )),
            None
        );
        let gap = band_error(&format!(
            "{THREE_TICKS}bands:\n  - {{min: -1, max: 0, text: A}}\n  - {{min: 2, max: 2, text: B}}\n"
        ))
        .unwrap();
        assert!(gap.contains("no band of the form covers the scores 1–1"), "{gap}");
        assert!(gap.contains("can score from -1 to 2"), "{gap}");
        let end = band_error(&format!("{THREE_TICKS}bands:\n  - {{min: -1, max: 1, text: A}}\n")).unwrap();
        assert!(end.contains("covers the scores 2–2"), "{end}");
        let overlap = band_error(&format!(
            "{THREE_TICKS}bands:\n  - {{min: -1, max: 1, text: A}}\n  - {{min: 1, max: 2, text: B}}\n"
        ))
        .unwrap();
        assert!(overlap.contains("the bands -1–1 and 1–2 of the form overlap"), "{overlap}");
        let never = band_error(&format!(
            "{THREE_TICKS}bands:\n  - {{min: -1, max: 2, text: A}}\n  - {{min: 5, max: 9, text: B}}\n"
        ))
        .unwrap();
        assert!(never.contains("can score 5–9, so this band is never shown"), "{never}");
        let reversed = band_error(&format!("{THREE_TICKS}bands:\n  - {{min: 2, max: -1, text: A}}\n")).unwrap();
        assert!(reversed.contains("a band runs from 2 to -1"), "{reversed}");
    }

    #[test]
    fn section_bands_use_the_section_range() {
        // Section 1: a scale scored 1..=3 (range 1–3); a band from 0 covers it, one from 2 does not.
        let yaml = |min: i64| {
            format!(
                "id: f\ntitle: T\nsections:\n  - title: Ledning\n    questions:\n      - {{id: a, kind: scale, text: Hur?, scale: [Låg, Mellan, Hög]}}\n    bands:\n      - {{min: {min}, max: 3, text: A}}\n  - title: Statistik\n    questions:\n      - {{id: b, kind: text, text: Anteckning}}\n"
            )
        };
        assert_eq!(band_error(&yaml(0)), None);
        let err = band_error(&yaml(2)).unwrap();
        assert!(err.contains("no band of section `Ledning` covers the scores 1–1"), "{err}");
    }

    #[test]
    fn questions_and_forms_have_at_most_so_many_options() {
        let tick = |id: &str, n: usize| {
            let options: Vec<String> = (0..n).map(|i| format!("{{text: O{i}}}")).collect();
            format!("  - {{id: {id}, kind: tick, text: Q, options: [{}]}}\n", options.join(", "))
        };
        let error = |questions: String| {
            form(&format!("id: f\ntitle: T\nquestions:\n{questions}"))
                .view(&mut plain(), &PageComponents::default())
                .err()
                .map(|e| e.message)
        };
        assert_eq!(error(tick("a", MAX_OPTIONS_PER_QUESTION)), None);
        let long = error(tick("a", MAX_OPTIONS_PER_QUESTION + 1)).unwrap();
        assert!(long.contains("question `a` has 101 options, more than the 100"), "{long}");
        let five: String = (0..5).map(|q| tick(&format!("q{q}"), 100)).collect();
        assert_eq!(error(five.clone()), None, "500 options in all are allowed");
        let big = error(five + &tick("q5", 1)).unwrap();
        assert!(big.contains("the form has 501 options up to question `q5`, more than the 500"), "{big}");
    }

    #[test]
    fn version_changes_with_questions() {
        let a = form("id: f\ntitle: T\nquestions:\n  - {id: a, kind: text, text: X}\n");
        let b = form("id: f\ntitle: T\nquestions:\n  - {id: b, kind: text, text: X}\n");
        assert_ne!(a.version(), b.version());
    }
}
