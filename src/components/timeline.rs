//! Timeline: dated phases in order, e.g. a project plan over several years.

use serde::{Deserialize, Serialize};

use super::Markup;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub title: Option<String>,
    pub items: Vec<Phase>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub when: String,
    pub title: String,
    #[serde(default)]
    pub text: String,
}

/// What `components/timeline.html` gets (as `c`).
#[derive(Debug, Clone, Serialize)]
pub struct TimelineView {
    pub title_html: Option<String>,
    pub items: Vec<PhaseView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseView {
    pub when_html: String,
    pub title_html: String,
    pub text_html: Option<String>,
}

impl Timeline {
    pub fn view(&self, markup: &mut dyn Markup) -> TimelineView {
        TimelineView {
            title_html: self.title.as_deref().map(|t| markup.inline(t)),
            items: self
                .items
                .iter()
                .map(|phase| PhaseView {
                    when_html: markup.inline(&phase.when),
                    title_html: markup.inline(&phase.title),
                    text_html: (!phase.text.is_empty()).then(|| markup.block(&phase.text)),
                })
                .collect(),
        }
    }
}
