//! Staircase: ordered steps, each with a title, text and an optional question to ask.

use serde::Deserialize;

use super::{Markup, title_html};
use crate::markdown::escape;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staircase {
    pub id: Option<String>,
    pub title: Option<String>,
    pub intro: Option<String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub title: String,
    #[serde(default)]
    pub text: String,
    pub question: Option<String>,
}

impl Staircase {
    pub fn render(&self, markup: &mut dyn Markup) -> String {
        let id_attr = self.id.as_deref().map(|id| format!(" id=\"{}\"", escape(id))).unwrap_or_default();
        let mut html = format!("<div class=\"staircase\"{id_attr}>\n");
        html.push_str(&title_html(markup, self.title.as_deref(), self.id.as_deref()));
        if let Some(intro) = &self.intro {
            html.push_str(&markup.block(intro));
        }
        let step_word = markup.strings().get("step").to_string();
        let question_word = markup.strings().get("question").to_string();
        html.push_str("<ol class=\"staircase-steps\">\n");
        for (n, step) in self.steps.iter().enumerate() {
            html.push_str(&format!(
                "<li class=\"staircase-step\"><p class=\"step-heading\"><span class=\"step-number\">{step_word} {}</span> <strong class=\"step-title\">{}</strong></p>\n",
                n + 1,
                markup.inline(&step.title)
            ));
            if !step.text.is_empty() {
                html.push_str(&format!("<div class=\"step-text\">{}</div>\n", markup.block(&step.text)));
            }
            if let Some(q) = &step.question {
                html.push_str(&format!(
                    "<p class=\"step-question\"><strong>{question_word}:</strong> {}</p>\n",
                    markup.inline(q)
                ));
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n</div>\n");
        html
    }
}
