//! Timeline: dated phases in order, e.g. a project plan over several years.

use serde::Deserialize;

use super::{Markup, title_html};

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

impl Timeline {
    pub fn render(&self, markup: &mut dyn Markup) -> String {
        let mut html = String::from("<div class=\"timeline\">\n");
        html.push_str(&title_html(markup, self.title.as_deref(), None));
        html.push_str("<ol class=\"timeline-items\">\n");
        for phase in &self.items {
            html.push_str(&format!(
                "<li><p class=\"timeline-when\">{}</p>\n<p class=\"timeline-title\"><strong>{}</strong></p>\n",
                markup.inline(&phase.when),
                markup.inline(&phase.title)
            ));
            if !phase.text.is_empty() {
                html.push_str(&markup.block(&phase.text));
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n</div>\n");
        html
    }
}
