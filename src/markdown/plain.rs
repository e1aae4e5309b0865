//! A card's text as it is printed: the Markdown events of one text field reduced, while they
//! are written as HTML, to paragraphs and (one level of nested) lists of plain text.
//! Headings, quotes and the like print as paragraphs; a card has no room for more.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::components::{Block, ListItem};

/// Watches the events of one text and gathers its blocks.
#[derive(Default)]
pub struct PlainBlocks {
    out: Vec<Block>,
    text: String,
    /// (ordered, items) of the open top-level list; `depth` counts nested lists.
    list: Option<(bool, Vec<ListItem>)>,
    depth: usize,
}

impl PlainBlocks {
    pub fn observe(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::List(start)) => {
                self.depth += 1;
                if self.depth == 1 {
                    self.list = Some((start.is_some(), Vec::new()));
                } else if let Some((_, items)) = self.list.as_mut() {
                    // The parent item's own words end where its sub-list starts.
                    if let Some(last) = items.last_mut()
                        && last.text.is_empty()
                    {
                        last.text = std::mem::take(&mut self.text).trim().to_string();
                    }
                }
            }
            Event::Start(Tag::Item) if self.depth == 1 => {
                if let Some((_, items)) = self.list.as_mut() {
                    items.push(ListItem { text: String::new(), points: Vec::new() });
                }
            }
            Event::End(TagEnd::Item) => {
                let words = std::mem::take(&mut self.text).trim().to_string();
                if let Some(item) = self.list.as_mut().and_then(|(_, items)| items.last_mut()) {
                    if self.depth > 1 {
                        item.points.push(words);
                    } else if item.text.is_empty() {
                        item.text = words;
                    }
                }
            }
            Event::End(TagEnd::List(_)) => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0
                    && let Some((ordered, items)) = self.list.take()
                {
                    self.out.push(Block::List { ordered, items, large: false });
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) if self.depth == 0 => {
                let words = std::mem::take(&mut self.text).trim().to_string();
                if !words.is_empty() {
                    self.out.push(Block::Paragraph { text: words });
                }
            }
            Event::Text(t) | Event::Code(t) => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => self.text.push(' '),
            _ => {}
        }
    }

    pub fn finish(self) -> Vec<Block> {
        self.out
    }
}
