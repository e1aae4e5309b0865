//! Staircase: ordered steps, each with a title, text and an optional question to ask.

use serde::{Deserialize, Serialize};

use super::Markup;

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

/// What `components/staircase.html` gets (as `c`).
#[derive(Debug, Clone, Serialize)]
pub struct StaircaseView {
    pub id: Option<String>,
    pub title_html: Option<String>,
    pub intro_html: Option<String>,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub number: usize,
    pub title_html: String,
    pub text_html: Option<String>,
    pub question_html: Option<String>,
}

impl Staircase {
    pub fn view(&self, markup: &mut dyn Markup) -> StaircaseView {
        StaircaseView {
            id: self.id.clone(),
            title_html: self.title.as_deref().map(|t| markup.inline(t)),
            intro_html: self.intro.as_deref().map(|i| markup.block(i)),
            steps: self
                .steps
                .iter()
                .enumerate()
                .map(|(n, step)| StepView {
                    number: n + 1,
                    title_html: markup.inline(&step.title),
                    text_html: (!step.text.is_empty()).then(|| markup.block(&step.text)),
                    question_html: step.question.as_deref().map(|q| markup.inline(q)),
                })
                .collect(),
        }
    }
}
