//! Checklist: items with optional sub-points, e.g. the five commitments of *Oavsett kön…*.

use serde::{Deserialize, Serialize};

use super::{Block, Markup, one_or_many};

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

/// What `components/checklist.html` gets (as `c`); `*_html` fields are rendered Markdown.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistView {
    pub id: Option<String>,
    pub title_html: Option<String>,
    pub intro_html: Option<String>,
    pub items: Vec<ItemView>,
    /// The intro as a printed card shows it (a card's back may be this checklist).
    pub intro_blocks: Vec<Block>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub text_html: String,
    pub points_html: Vec<String>,
    /// The same without markup, as a card prints it.
    pub text: String,
    pub points: Vec<String>,
}

impl Checklist {
    pub fn view(&self, markup: &mut dyn Markup) -> ChecklistView {
        let title_html = self.title.as_deref().map(|t| markup.inline(t));
        let (intro_html, intro_blocks) = match self.intro.as_deref().map(|i| markup.face(i)) {
            Some((html, blocks)) => (Some(html), blocks),
            None => (None, Vec::new()),
        };
        ChecklistView { id: self.id.clone(), title_html, intro_html, items: self.items_view(markup), intro_blocks }
    }

    /// The items alone, also shown on the back of a card that points at this checklist.
    pub fn items_view(&self, markup: &mut dyn Markup) -> Vec<ItemView> {
        self.items
            .iter()
            .map(|item| {
                let (text_html, text) = markup.inline_text(&item.text);
                let (points_html, points) = item.points.iter().map(|p| markup.inline_text(p)).unzip();
                ItemView { text_html, points_html, text, points }
            })
            .collect()
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
        let view = c.view(&mut plain());
        assert_eq!(view.id.as_deref(), Some("ok"));
        assert_eq!(view.items[0].points_html, ["a", "b"]);
        assert_eq!(view.items[1].points_html, ["c"]);
    }
}
