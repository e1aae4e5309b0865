//! Checklist: items with optional sub-points, e.g. the five commitments of *Oavsett kön…*.

use serde::Deserialize;

use super::{Markup, one_or_many, title_html};
use crate::markdown::escape;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    pub id: Option<String>,
    pub title: Option<String>,
    pub intro: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub text: String,
    #[serde(default, deserialize_with = "one_or_many")]
    pub points: Vec<String>,
}

impl Checklist {
    pub fn render(&self, markup: &mut dyn Markup) -> String {
        let id_attr = self.id.as_deref().map(|id| format!(" id=\"{}\"", escape(id))).unwrap_or_default();
        let mut html = format!("<div class=\"checklist\"{id_attr}>\n");
        html.push_str(&title_html(markup, self.title.as_deref(), self.id.as_deref()));
        if let Some(intro) = &self.intro {
            html.push_str(&format!("<div class=\"checklist-intro\">{}</div>\n", markup.block(intro)));
        }
        html.push_str(&self.items_html(markup));
        html.push_str("</div>\n");
        html
    }

    /// The list alone, also used on the back of a card that points at this checklist.
    pub fn items_html(&self, markup: &mut dyn Markup) -> String {
        let mut html = String::from("<ul class=\"checklist-items\">\n");
        for item in &self.items {
            html.push_str(&format!("<li><span class=\"checklist-item\">{}</span>", markup.inline(&item.text)));
            if !item.points.is_empty() {
                html.push_str("\n<ul class=\"checklist-points\">");
                for point in &item.points {
                    html.push_str(&format!("<li>{}</li>", markup.inline(point)));
                }
                html.push_str("</ul>\n");
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ul>\n");
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_support::plain;

    #[test]
    fn renders_items_and_points() {
        let c: Checklist = serde_saphyr::from_str(
            "id: ok\ntitle: Oavsett kön\nitems:\n  - text: krav\n    points: [a, b]\n  - text: hänsyn\n    points: c\n",
        )
        .unwrap();
        let html = c.render(&mut plain());
        assert!(html.contains("id=\"ok\""));
        assert!(html.contains("<li>a</li><li>b</li>"));
        assert!(html.contains("<li>c</li>"));
    }
}
