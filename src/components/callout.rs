//! Callout: a reflection question, tip, note or warning set apart from the text.

use serde::Deserialize;

use super::Markup;

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Reflection,
    Tip,
    Note,
    Warning,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Callout {
    pub kind: Kind,
    pub title: Option<String>,
    pub text: String,
}

impl Callout {
    pub fn render(&self, markup: &mut dyn Markup) -> String {
        let (class, default_title) = match self.kind {
            Kind::Reflection => ("reflection", "callout_reflection"),
            Kind::Tip => ("tip", "callout_tip"),
            Kind::Note => ("note", "callout_note"),
            Kind::Warning => ("warning", "callout_warning"),
        };
        let title = match &self.title {
            Some(t) => markup.inline(t),
            None => markup.strings().get(default_title).to_string(),
        };
        format!(
            "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n{}</div>\n",
            markup.block(&self.text)
        )
    }
}
