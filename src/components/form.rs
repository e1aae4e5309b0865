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
            (true, true) => return err("id:", "the form has no questions".into(), "add `questions:` (or `sections:` with questions)"),
            (false, false) => {
                return err("sections:", "the form has both `questions` and `sections`".into(), "put every question inside a section, or drop the sections")
            }
            _ => {}
        }
        let mut ids = HashSet::new();
        for q in self.all_questions() {
            let needle = format!("id: {}", q.id);
            if !ids.insert(q.id.as_str()) {
                return err(&needle, format!("two questions have the id `{}`", q.id), "give every question its own id");
            }
            let problem = match q.kind {
                Kind::Tick | Kind::Choice if q.options.is_empty() => Some("needs `options:` (a list of `- text: …`)".to_string()),
                Kind::Scale if q.scale.is_empty() => Some("needs `scale:` (the labels, e.g. [Alltid, Ofta, Ibland, Sällan])".to_string()),
                Kind::Scale if !q.scores.is_empty() && q.scores.len() != q.scale.len() => {
                    Some(format!("has {} labels in `scale` but {} `scores`", q.scale.len(), q.scores.len()))
                }
                Kind::Step => match &q.staircase {
                    None => Some("needs `staircase:` (the id of a staircase above it on the page)".to_string()),
                    Some(id) if page.staircase(id).is_none() => {
                        Some(format!("points at staircase `{id}`, but no staircase with that id stands above it on this page"))
                    }
                    Some(_) => None,
                },
                _ => None,
            };
            if let Some(problem) = problem {
                return err(&needle, format!("question `{}` {problem}", q.id), "see the form component in the README");
            }
        }
        for band in self.bands.iter().chain(self.sections.iter().flat_map(|s| s.bands.iter())) {
            if band.min > band.max {
                return err(&format!("min: {}", band.min), format!("a band runs from {} to {}", band.min, band.max), "`min` must not be larger than `max`");
            }
        }
        Ok(())
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
                        .map(|(i, step)| Option_ { label: step.title.clone(), score: i as i64 + 1, advice: None, link: None })
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
        let mut html = format!(
            "<form class=\"self-assessment\" id=\"{id}\" data-form=\"{id}\" data-form-version=\"{}\" aria-labelledby=\"{id}-titel\">\n\
             <p class=\"component-title form-title\" id=\"{id}-titel\">{}</p>\n",
            self.version(),
            markup.inline(&self.title)
        );
        if let Some(intro) = &self.intro {
            html.push_str(&format!("<div class=\"form-intro\">{}</div>\n", markup.block(intro)));
        }
        html.push_str(&format!("<p class=\"form-privacy\">{}</p>\n", s.get("form_privacy")));
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
            html.push_str(&bands_html(&section.bands, markup, &s.get("form_section_bands").replace("{}", &section.title)));
            html.push_str("</fieldset>\n");
        }
        html.push_str(&bands_html(&self.bands, markup, s.get("form_bands")));
        html.push_str("</form>\n");
        Ok(html)
    }

    fn question_html(&self, q: &Question, markup: &mut dyn Markup, page: &PageComponents) -> String {
        let qid = format!("{}-{}", escape(&self.id), escape(&q.id));
        let kind = format!("{:?}", q.kind).to_lowercase();
        let help = q.help.as_deref().map(|h| format!("<p class=\"question-help\" id=\"{qid}-hjalp\">{}</p>\n", markup.inline(h)));
        let described = if help.is_some() { format!(" aria-describedby=\"{qid}-hjalp\"") } else { String::new() };
        let link = q.link.as_deref().map(|l| {
            format!("<p class=\"question-link\"><a href=\"{}\">{}</a></p>\n", escape(&markup.link(l)), markup.strings().get("read_more"))
        });
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
                    .as_deref()
                    .map(|l| format!(" <a href=\"{}\">{}</a>", escape(&markup.link(l)), markup.strings().get("read_more")))
                    .unwrap_or_default();
                html.push_str(&format!("\n<p class=\"option-advice\" data-advice-for=\"{i}\">{}{more}</p>", markup.inline(advice)));
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ul>\n");
        html.push_str(&link.unwrap_or_default());
        html.push_str("</fieldset>\n");
        html
    }
}

fn bands_html(bands: &[Band], markup: &mut dyn Markup, heading: &str) -> String {
    if bands.is_empty() {
        return String::new();
    }
    let points = markup.strings().get("points").to_string();
    let mut html = format!("<div class=\"form-bands\">\n<p class=\"bands-heading\">{heading}</p>\n<ul>\n");
    for band in bands {
        let links: Vec<String> = band
            .links
            .iter()
            .map(|l| {
                let url = markup.link(l);
                format!("<a href=\"{}\">{}</a>", escape(&url), markup.strings().get("read_more"))
            })
            .collect();
        html.push_str(&format!(
            "<li data-min=\"{}\" data-max=\"{}\"><strong>{}–{} {points}:</strong> {} {}</li>\n",
            band.min,
            band.max,
            band.min,
            band.max,
            markup.inline(&band.text),
            links.join(" ")
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
            "id: f\ntitle: T\nquestions:\n  - id: a\n    kind: tick\n    text: Vilka?\n    options:\n      - text: X\n        advice: Gör Y\n  - id: b\n    kind: scale\n    text: Hur ofta?\n    scale: [Alltid, Sällan]\n    scores: [2, 1]\nbands:\n  - {min: 0, max: 1, text: Bra}\n",
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
    }

    #[test]
    fn version_changes_with_questions() {
        let a = form("id: f\ntitle: T\nquestions:\n  - {id: a, kind: text, text: X}\n");
        let b = form("id: f\ntitle: T\nquestions:\n  - {id: b, kind: text, text: X}\n");
        assert_ne!(a.version(), b.version());
    }
}
