//! Form: a self-assessment. Here it is parsed, validated and rendered as a worksheet that
//! works and prints without JavaScript (real fieldsets, legends and labels); the theme's
//! script adds saving, scoring and results on top of the data attributes written here.

use std::collections::HashSet;

use serde::Deserialize;

use super::{Markup, PageComponents};
use crate::diagnostics::Diagnostic;
use crate::markdown::escape;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Tick,
    Choice,
    Scale,
    Step,
    Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    pub text: String,
    pub help: Option<String>,
    pub link: Option<String>,
    #[serde(default)]
    pub options: Vec<Choice>,
    #[serde(default)]
    pub scale: Vec<String>,
    #[serde(default)]
    pub scores: Vec<i64>,
    pub staircase: Option<String>,
}

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
    fn all_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().chain(self.sections.iter().flat_map(|s| s.questions.iter()))
    }

    /// A short fingerprint of the questions and options: saved answers carry it, so answers
    /// to an older version of the form are not read into a changed one.
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
            feed(&format!("{:?}", q.kind));
            q.options.iter().for_each(|o| feed(&o.text));
            q.scale.iter().for_each(|s| feed(s));
            feed(q.staircase.as_deref().unwrap_or(""));
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
            let problem = match q.kind {
                Kind::Tick | Kind::Choice if q.options.is_empty() => {
                    Some("needs `options:` (a list of `- text: …`)".to_string())
                }
                Kind::Scale if q.scale.is_empty() => {
                    Some("needs `scale:` (the labels, e.g. [Alltid, Ofta, Ibland, Sällan])".to_string())
                }
                Kind::Scale if !q.scores.is_empty() && q.scores.len() != q.scale.len() => {
                    Some(format!("has {} labels in `scale` but {} `scores`", q.scale.len(), q.scores.len()))
                }
                Kind::Step => match &q.staircase {
                    None => Some("needs `staircase:` (the id of a staircase above it on the page)".to_string()),
                    Some(id) => match page.staircase(id) {
                        None => Some(format!(
                            "points at staircase `{id}`, but no staircase with that id stands above it on this page"
                        )),
                        Some(s) if s.steps.is_empty() => {
                            Some(format!("points at staircase `{id}`, which has no steps to choose from"))
                        }
                        Some(_) => None,
                    },
                },
                _ => None,
            };
            if let Some(problem) = problem {
                return err(&needle, format!("question `{}` {problem}", q.id), "see the form component in the README");
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
            let (q_low, q_high) = match q.kind {
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

    fn options(&self, q: &Question, page: &PageComponents) -> Vec<Option_> {
        match q.kind {
            Kind::Tick | Kind::Choice => q
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| Option_ {
                    label: o.text.clone(),
                    score: o.score.unwrap_or(if q.kind == Kind::Tick { 1 } else { i as i64 + 1 }),
                    advice: o.advice.clone(),
                    link: o.link.clone(),
                })
                .collect(),
            Kind::Scale => q
                .scale
                .iter()
                .enumerate()
                .map(|(i, label)| Option_ {
                    label: label.clone(),
                    score: q.scores.get(i).copied().unwrap_or(i as i64 + 1),
                    advice: None,
                    link: None,
                })
                .collect(),
            Kind::Step => q
                .staircase
                .as_deref()
                .and_then(|id| page.staircase(id))
                .map(|s| {
                    s.steps
                        .iter()
                        .enumerate()
                        .map(|(i, step)| Option_ {
                            label: step.title.clone(),
                            score: i as i64 + 1,
                            advice: None,
                            link: None,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            Kind::Text => Vec::new(),
        }
    }

    pub fn render(&self, markup: &mut dyn Markup, page: &PageComponents) -> Result<String, Diagnostic> {
        self.validate(markup, page)?;
        let id = escape(&self.id);
        let s = markup.strings();
        let title = markup.inline(&self.title);
        let chart = match self.chart {
            Chart::Bars => "bars",
            Chart::Radar => "radar",
            Chart::Hidden => "none",
        };
        let mut html = format!(
            "<form class=\"self-assessment\" id=\"{id}\" data-form=\"{id}\" data-form-version=\"{}\" data-chart=\"{chart}\" aria-labelledby=\"{id}-titel\">\n\
             <p class=\"component-title form-title\" id=\"{id}-titel\">{title}</p>\n",
            self.version(),
        );
        if let Some(intro) = &self.intro {
            html.push_str(&format!("<div class=\"form-intro\">{}</div>\n", markup.block(intro)));
        }
        html.push_str(&format!("<p class=\"form-privacy\">{}</p>\n", s.get("form_privacy")));
        // What needs the script (group link, notices) is rendered hidden and shown by forms.js.
        // Only answers that score can be pooled: a form of notes alone has no group view.
        let scored = self.all_questions().any(|q| q.kind != Kind::Text);
        if scored {
            html.push_str(&format!(
                "<p class=\"form-group-link\" hidden><a href=\"#{id}-grupp\">{}</a></p>\n",
                s.get("form_group_link").replacen("{}", &title, 1)
            ));
        }
        html.push_str("<p class=\"form-notice\" hidden></p>\n");
        for q in &self.questions {
            html.push_str(&self.question_html(q, markup, page));
        }
        for (n, section) in self.sections.iter().enumerate() {
            html.push_str(&format!(
                "<fieldset class=\"form-section\" data-section=\"{n}\">\n<legend>{}</legend>\n",
                markup.inline(&section.title)
            ));
            if let Some(intro) = &section.intro {
                html.push_str(&markup.block(intro));
            }
            for q in &section.questions {
                html.push_str(&self.question_html(q, markup, page));
            }
            html.push_str(&bands_html(
                &section.bands,
                markup,
                &s.get("form_section_bands").replace("{}", &escape(&section.title)),
            ));
            html.push_str("</fieldset>\n");
        }
        html.push_str(&bands_html(&self.bands, markup, s.get("form_bands")));
        html.push_str(&format!(
            "<div class=\"form-actions\" hidden>\n\
             <button type=\"button\" data-action=\"results\" aria-controls=\"{id}-resultat\">{}</button>\n\
             <button type=\"button\" data-action=\"clear\">{}</button>\n\
             <p class=\"form-status\" role=\"status\"></p>\n</div>\n\
             <script type=\"application/json\" class=\"form-strings\">{}</script>\n</form>\n",
            s.get("form_show_results"),
            s.get("clear_answers"),
            script_strings(s)
        ));
        html.push_str(&results_html(&id, &title, s, scored));
        if scored {
            html.push_str(&group_html(&id, &title, s));
        }
        Ok(html)
    }

    fn question_html(&self, q: &Question, markup: &mut dyn Markup, page: &PageComponents) -> String {
        let qid = format!("{}-{}", escape(&self.id), escape(&q.id));
        let kind = format!("{:?}", q.kind).to_lowercase();
        let help = q
            .help
            .as_deref()
            .map(|h| format!("<p class=\"question-help\" id=\"{qid}-hjalp\">{}</p>\n", markup.inline(h)));
        let described = if help.is_some() { format!(" aria-describedby=\"{qid}-hjalp\"") } else { String::new() };
        let link = q
            .link
            .as_ref()
            .map(|l| format!("<p class=\"question-link\">{}</p>\n", read_more(markup, std::slice::from_ref(l))));
        if q.kind == Kind::Text {
            return format!(
                "<div class=\"question question-text\" data-question=\"{}\" data-kind=\"text\">\n<label for=\"{qid}\">{}</label>\n{}<textarea id=\"{qid}\" name=\"{qid}\" rows=\"4\"{described}></textarea>\n{}</div>\n",
                escape(&q.id),
                markup.inline(&q.text),
                help.unwrap_or_default(),
                link.unwrap_or_default()
            );
        }
        let input_type = if q.kind == Kind::Tick { "checkbox" } else { "radio" };
        let mut html = format!(
            "<fieldset class=\"question question-{kind}\" data-question=\"{}\" data-kind=\"{kind}\"{described}>\n<legend>{}</legend>\n{}<ul class=\"question-options\">\n",
            escape(&q.id),
            markup.inline(&q.text),
            help.unwrap_or_default()
        );
        for (i, option) in self.options(q, page).into_iter().enumerate() {
            html.push_str(&format!(
                "<li><input type=\"{input_type}\" id=\"{qid}-{i}\" name=\"{qid}\" value=\"{i}\" data-score=\"{}\"> <label for=\"{qid}-{i}\">{}</label>",
                option.score,
                markup.inline(&option.label)
            ));
            if let Some(advice) = &option.advice {
                let more = option
                    .link
                    .as_ref()
                    .map(|l| format!(" {}", read_more(markup, std::slice::from_ref(l))))
                    .unwrap_or_default();
                html.push_str(&format!(
                    "\n<p class=\"option-advice\" data-advice-for=\"{i}\">{}{more}</p>",
                    markup.inline(advice)
                ));
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ul>\n");
        html.push_str(&link.unwrap_or_default());
        html.push_str("</fieldset>\n");
        html
    }
}

/// The UI strings forms.js builds text from, as a JSON data block (not script: the CSP
/// allows it). `<` is escaped so no string can close the block.
const SCRIPT_STRINGS: &[&str] = &[
    "form_results_heading",
    "form_score",
    "form_answered",
    "form_answer_all",
    "form_advice",
    "form_your_answers",
    "form_no_answer",
    "form_chart",
    "form_whole_form",
    "form_band_current",
    "form_cleared",
    "form_storage_unavailable",
    "form_old_version",
    "form_printed",
    "form_qr_label",
    "form_csv_section",
    "form_csv_question",
    "form_csv_answer",
    "form_csv_points",
    "form_file_answers",
    "form_group_participants",
    "form_group_none",
    "form_group_chart",
    "form_code_bad_chars",
    "form_code_altered",
    "form_code_foreign",
    "form_code_duplicate",
];

fn script_strings(strings: &crate::i18n::Strings) -> String {
    let map: std::collections::BTreeMap<&str, &str> = SCRIPT_STRINGS.iter().map(|k| (*k, strings.get(k))).collect();
    serde_json::to_string(&map).unwrap_or_default().replace('<', "\\u003c")
}

/// The results view of a form, filled by forms.js and hidden until it runs (without the
/// script the form stays a worksheet). Only a form with questions that score gets the
/// answer-code button: notes never leave the page.
fn results_html(id: &str, title: &str, s: &crate::i18n::Strings, scored: bool) -> String {
    let code = if scored {
        format!(
            "<button type=\"button\" data-action=\"code\" aria-expanded=\"false\" aria-controls=\"{id}-kod\">{}</button>\n\
             </div>\n<div class=\"answer-code\" id=\"{id}-kod\" hidden>\n<h3>{}</h3>\n<p>{}</p>\n\
             <p class=\"answer-code-text\"></p>\n<div class=\"answer-code-qr\"></div>\n",
            s.get("form_show_code"),
            s.get("form_code_heading"),
            s.get("form_code_help"),
        )
    } else {
        String::new()
    };
    format!(
        "<section class=\"form-results\" id=\"{id}-resultat\" aria-labelledby=\"{id}-resultat-rubrik\" hidden>\n\
         <h2 id=\"{id}-resultat-rubrik\" tabindex=\"-1\">{}: {title}</h2>\n\
         <p class=\"results-date\"></p>\n<div class=\"results-body\"></div>\n\
         <div class=\"results-actions\">\n\
         <button type=\"button\" data-action=\"json\">{}</button>\n\
         <button type=\"button\" data-action=\"csv\">{}</button>\n\
         <button type=\"button\" data-action=\"print\">{}</button>\n{code}</div>\n</section>\n",
        s.get("form_results_heading"),
        s.get("form_download_json"),
        s.get("form_download_csv"),
        s.get("form_print_results"),
    )
}

/// The trainer's group view of a form (the page with `#ID-grupp`), shown by forms.js.
fn group_html(id: &str, title: &str, s: &crate::i18n::Strings) -> String {
    format!(
        "<section class=\"form-group\" id=\"{id}-grupp\" aria-labelledby=\"{id}-grupp-rubrik\" hidden>\n\
         <h2 id=\"{id}-grupp-rubrik\" tabindex=\"-1\">{}: {title}</h2>\n<p>{}</p>\n\
         <label for=\"{id}-koder\">{}</label>\n\
         <textarea id=\"{id}-koder\" class=\"group-codes\" rows=\"6\" spellcheck=\"false\" autocomplete=\"off\"></textarea>\n\
         <p><button type=\"button\" data-action=\"group\">{}</button></p>\n\
         <div class=\"group-messages\" role=\"status\"></div>\n<div class=\"group-body\"></div>\n\
         <p><a href=\"#{id}\">{}</a></p>\n</section>\n",
        s.get("form_group_heading"),
        s.get("form_group_help"),
        s.get("form_group_codes"),
        s.get("form_group_show"),
        s.get("form_group_back").replacen("{}", title, 1),
    )
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

/// The scores a band is for: "0–3 poäng", or "3 poäng" when it is for one score.
fn band_scores(band: &Band, strings: &crate::i18n::Strings) -> String {
    match (band.min == band.max, band.min.abs() == 1) {
        (true, true) => format!("{} {}", band.min, strings.get("point")),
        (true, false) => format!("{} {}", band.min, strings.get("points")),
        (false, _) => format!("{}–{} {}", band.min, band.max, strings.get("points")),
    }
}

/// "Läs mer: <a>Vanliga fallgropar</a>, <a>Oavsett kön</a>": each link named by the page
/// (and heading) it leads to, so that no two links with one text go to different places.
fn read_more(markup: &mut dyn Markup, dests: &[String]) -> String {
    if dests.is_empty() {
        return String::new();
    }
    let links: Vec<String> = dests
        .iter()
        .map(|dest| format!("<a href=\"{}\">{}</a>", escape(&markup.link(dest)), escape(&markup.link_title(dest))))
        .collect();
    format!("{}: {}", markup.strings().get("read_more"), links.join(", "))
}

fn bands_html(bands: &[Band], markup: &mut dyn Markup, heading: &str) -> String {
    if bands.is_empty() {
        return String::new();
    }
    let mut html = format!("<div class=\"form-bands\">\n<p class=\"bands-heading\">{heading}</p>\n<ul>\n");
    for band in bands {
        html.push_str(&format!(
            "<li data-min=\"{}\" data-max=\"{}\"><strong>{}:</strong> <span class=\"band-text\">{}</span> {}</li>\n",
            band.min,
            band.max,
            band_scores(band, markup.strings()),
            markup.inline(&band.text),
            read_more(markup, &band.links)
        ));
    }
    html.push_str("</ul>\n</div>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_support::plain;

    fn form(yaml: &str) -> Form {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn renders_a_worksheet_with_labels() {
        let f = form(
            "id: f\ntitle: T\nquestions:\n  - id: a\n    kind: tick\n    text: Vilka?\n    options:\n      - text: X\n        advice: Gör Y\n  - id: b\n    kind: scale\n    text: Hur ofta?\n    scale: [Alltid, Sällan]\n    scores: [2, 1]\nbands:\n  - {min: 0, max: 1, text: Bra}\n  - {min: 2, max: 3, text: Mer}\n",
        );
        let html = f.render(&mut plain(), &PageComponents::default()).unwrap();
        assert!(html.contains("<input type=\"checkbox\" id=\"f-a-0\""));
        assert!(html.contains("<label for=\"f-a-0\">X</label>"));
        assert!(html.contains("data-score=\"2\""));
        assert!(html.contains("<legend>Hur ofta?</legend>"));
        assert!(html.contains("data-min=\"0\" data-max=\"1\""));
    }

    #[test]
    fn invalid_forms_are_errors() {
        let f = form("id: f\ntitle: T\nquestions:\n  - id: a\n    kind: scale\n    text: Hur?\n");
        let err = f.render(&mut plain(), &PageComponents::default()).unwrap_err();
        assert!(err.message.contains("needs `scale:`"));
        let f = form("id: f\ntitle: T\nquestions:\n  - id: a\n    kind: step\n    text: Var?\n    staircase: nope\n");
        assert!(f.render(&mut plain(), &PageComponents::default()).unwrap_err().message.contains("no staircase"));
        let mut page = PageComponents::default();
        let empty =
            crate::components::Staircase { id: Some("nope".into()), title: None, intro: None, steps: Vec::new() };
        page.push(1, crate::components::Component::Staircase(empty));
        assert!(f.render(&mut plain(), &page).unwrap_err().message.contains("has no steps"));
    }

    fn band_error(yaml: &str) -> Option<String> {
        form(yaml)
            .render(&mut plain(), &PageComponents::default())
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
    fn script_parts_are_hidden_until_the_script_runs() {
        let html =
            form(&format!("{THREE_TICKS}chart: radar\n")).render(&mut plain(), &PageComponents::default()).unwrap();
        for hidden in
            ["class=\"form-actions\" hidden", "class=\"form-group-link\" hidden", "id=\"f-resultat\"", "id=\"f-grupp\""]
        {
            let at = html.find(hidden).unwrap_or_else(|| panic!("{hidden} missing"));
            let tag_end = at + html[at..].find('>').unwrap();
            assert!(html[at..tag_end].contains("hidden"), "{hidden} is hidden");
        }
        assert!(html.contains("data-chart=\"radar\""));
        assert_eq!(html.matches("data-action=\"clear\"").count(), 1, "one clear button per form");
        assert!(html.contains("<button type=\"button\" data-action=\"clear\">Rensa mina svar</button>"));
        // Every button is type=button: the CSP forbids submitting (form-action 'none').
        assert_eq!(html.matches("<button ").count(), html.matches("<button type=\"button\"").count());
    }

    #[test]
    fn a_form_of_notes_alone_has_no_answer_code_or_group_view() {
        let notes = form("id: f\ntitle: T\nquestions:\n  - {id: a, kind: text, text: Nämnd}\n");
        let html = notes.render(&mut plain(), &PageComponents::default()).unwrap();
        assert!(html.contains("id=\"f-resultat\"") && html.contains("data-action=\"json\""), "results and export stay");
        for absent in ["data-action=\"code\"", "f-grupp", "form-group-link"] {
            assert!(!html.contains(absent), "{absent} in {html}");
        }
    }

    #[test]
    fn script_strings_are_json_that_cannot_close_the_block() {
        let json = script_strings(crate::i18n::strings("sv"));
        let map: std::collections::BTreeMap<String, String> = serde_json::from_str(&json).unwrap();
        assert_eq!(map.len(), SCRIPT_STRINGS.len());
        assert_eq!(map["form_score"], "{} av {} poäng");
        assert!(
            SCRIPT_STRINGS.iter().all(|k| crate::i18n::strings("en").get(k) != *k),
            "every script string is in the table"
        );
        assert!(!json.contains('<'));
    }

    #[test]
    fn a_band_for_one_score_says_it_once() {
        let f = form(&format!(
            "{THREE_TICKS}bands:\n  - {{min: -1, max: -1, text: A}}\n  - {{min: 0, max: 0, text: B}}\n  - {{min: 1, max: 2, text: C}}\n"
        ));
        let sv = f.render(&mut plain(), &PageComponents::default()).unwrap();
        for lead in ["<strong>-1 poäng:</strong>", "<strong>0 poäng:</strong>", "<strong>1–2 poäng:</strong>"] {
            assert!(sv.contains(lead), "{lead} in {sv}");
        }
        let mut english = crate::components::test_support::PlainMarkup { strings: crate::i18n::strings("en") };
        let en = f.render(&mut english, &PageComponents::default()).unwrap();
        for lead in ["<strong>-1 point:</strong>", "<strong>0 points:</strong>", "<strong>1–2 points:</strong>"] {
            assert!(en.contains(lead), "{lead} in {en}");
        }
    }

    #[test]
    fn links_are_named_by_their_targets() {
        let f = form(
            "id: f\ntitle: T\nquestions:\n  - id: a\n    kind: tick\n    text: Vilka?\n    link: fragor.md\n    options:\n      - {text: X, advice: Gör Y, link: x.md}\nbands:\n  - {min: 0, max: 1, text: Bra, links: [a.md, b.md]}\n",
        );
        let html = f.render(&mut plain(), &PageComponents::default()).unwrap();
        assert!(
            html.contains("<p class=\"question-link\">Läs mer: <a href=\"fragor.html\">fragor.md</a></p>"),
            "{html}"
        );
        assert!(html.contains("Gör Y Läs mer: <a href=\"x.html\">x.md</a>"), "{html}");
        assert!(html.contains("Läs mer: <a href=\"a.html\">a.md</a>, <a href=\"b.html\">b.md</a>"), "{html}");
    }

    #[test]
    fn questions_and_forms_have_at_most_so_many_options() {
        let tick = |id: &str, n: usize| {
            let options: Vec<String> = (0..n).map(|i| format!("{{text: O{i}}}")).collect();
            format!("  - {{id: {id}, kind: tick, text: Q, options: [{}]}}\n", options.join(", "))
        };
        let error = |questions: String| {
            form(&format!("id: f\ntitle: T\nquestions:\n{questions}"))
                .render(&mut plain(), &PageComponents::default())
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
