//! A page body as print reads it (the book): its blocks and inline text as a tree, gathered
//! from the events of the one reading that writes the page's HTML, with each link's target
//! resolved (a page and heading of the site, or an address) and each component's place.

use std::sync::Arc;

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;

use crate::content::PageId;

/// A body's print form as the book's design reads it: its blocks as JSON (kept so, they take
/// a third of the memory the tree would: a build holds every page's), and the pictures it shows.
#[derive(Debug, Clone)]
pub struct PrintBody {
    pub blocks: Box<serde_json::value::RawValue>,
    /// The output path of each picture of the site it shows, in order.
    pub pictures: Vec<String>,
}

impl Default for PrintBody {
    fn default() -> Self {
        PrintBody::new(&[])
    }
}

impl PrintBody {
    pub fn new(blocks: &[PrintBlock]) -> Self {
        let mut pictures = Vec::new();
        block_pictures(blocks, &mut pictures);
        let json = serde_json::to_string(blocks).expect("print blocks serialize");
        PrintBody { blocks: serde_json::value::RawValue::from_string(json).expect("serde_json writes JSON"), pictures }
    }
}

fn block_pictures(blocks: &[PrintBlock], out: &mut Vec<String>) {
    for block in blocks {
        match block {
            PrintBlock::Heading { text, .. } | PrintBlock::Paragraph { text } => inline_pictures(text, out),
            PrintBlock::List { items, .. } => items.iter().for_each(|i| block_pictures(&i.blocks, out)),
            PrintBlock::Quote { blocks } | PrintBlock::Note { blocks, .. } => block_pictures(blocks, out),
            PrintBlock::Table { rows } => rows.iter().flatten().for_each(|cell| inline_pictures(cell, out)),
            PrintBlock::Code { .. } | PrintBlock::Rule | PrintBlock::Component { .. } => {}
        }
    }
}

fn inline_pictures(text: &[Inline], out: &mut Vec<String>) {
    for inline in text {
        match inline {
            Inline::Image { src: Some(src), .. } => out.push(src.clone()),
            Inline::Strong { text } | Inline::Emph { text } | Inline::Strike { text } | Inline::Link { text, .. } => {
                inline_pictures(text, out)
            }
            _ => {}
        }
    }
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrintBlock {
    /// A heading of the body at its level in the Markdown (2 for `##`), with its one id.
    Heading {
        level: u8,
        id: Arc<str>,
        text: Vec<Inline>,
    },
    Paragraph {
        text: Vec<Inline>,
    },
    /// `start` is the first number of an ordered list.
    List {
        start: Option<u64>,
        items: Vec<Item>,
    },
    Quote {
        blocks: Vec<PrintBlock>,
    },
    Code {
        text: String,
    },
    /// The first row is the table's head.
    Table {
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Rule,
    /// A footnote's text, where the Markdown defines it.
    Note {
        label: String,
        blocks: Vec<PrintBlock>,
    },
    /// The body's `index`-th placed component (`PageBody::placed`).
    Component {
        index: usize,
    },
}

/// A list item; `task` is its box (ticked or not) in a task list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub task: Option<bool>,
    pub blocks: Vec<PrintBlock>,
}

/// Inline text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Code {
        text: String,
    },
    Strong {
        text: Vec<Inline>,
    },
    Emph {
        text: Vec<Inline>,
    },
    Strike {
        text: Vec<Inline>,
    },
    Link {
        to: LinkTarget,
        text: Vec<Inline>,
    },
    /// `src` is the picture's output path from the site's root (none for another host's).
    Image {
        src: Option<String>,
        alt: String,
    },
    Note {
        label: String,
    },
    Break,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LinkTarget {
    /// A page of the site, at the heading or component with the id `anchor` when it names one.
    Page { page: PageId, anchor: Option<String> },
    /// Another host, or a file of the site, as an address.
    Address { url: String },
}

/// An open container while the events are read.
enum Open {
    Paragraph(Vec<Inline>),
    List(Option<u64>, Vec<Item>),
    Item(Option<bool>, Vec<PrintBlock>, Vec<Inline>),
    Quote(Vec<PrintBlock>),
    Code(String),
    Table(Vec<Vec<Vec<Inline>>>),
    Row(Vec<Vec<Inline>>),
    Cell(Vec<Inline>),
    Note(String, Vec<PrintBlock>),
    Span(SpanKind, Vec<Inline>),
    Link(LinkTarget, Vec<Inline>),
    Image(Option<String>, String),
}

#[derive(Clone, Copy)]
enum SpanKind {
    Strong,
    Emph,
    Strike,
}

/// Gathers a body's blocks from its events.
#[derive(Default)]
pub struct PrintTree {
    blocks: Vec<PrintBlock>,
    open: Vec<Open>,
    /// Inline tags inside a picture's description, whose words are its text alone.
    in_image: usize,
}

impl PrintTree {
    /// Reads one event of the body. A link's or image's resolved target comes with its start.
    pub fn observe(&mut self, event: &Event, target: Option<&LinkTarget>) {
        match event {
            Event::Start(tag) => self.start(tag, target),
            Event::End(tag) => self.end(*tag),
            Event::Text(t) => self.text(t),
            Event::Code(t) => self.inline(Inline::Code { text: t.to_string() }),
            // Raw HTML the site does not trust arrives as text; trusted HTML has no print form.
            Event::Html(_) | Event::InlineHtml(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.inline(Inline::Break),
            Event::Rule => self.block(PrintBlock::Rule),
            Event::FootnoteReference(label) => self.inline(Inline::Note { label: label.to_string() }),
            Event::TaskListMarker(done) => {
                // In a loose list the box stands inside the item's first paragraph.
                if let Some(Open::Item(task, ..)) = self.open.iter_mut().rev().find(|o| matches!(o, Open::Item(..))) {
                    *task = Some(*done);
                }
            }
        }
    }

    /// A heading of the body, once its id is known.
    pub fn heading(&mut self, level: u8, id: Arc<str>, events: &[Event]) {
        self.open.push(Open::Paragraph(Vec::new()));
        for event in events {
            self.observe(event, None);
        }
        if let Some(Open::Paragraph(text)) = self.open.pop() {
            self.block(PrintBlock::Heading { level, id, text });
        }
    }

    /// The body's `index`-th placed component stands here.
    pub fn component(&mut self, index: usize) {
        self.block(PrintBlock::Component { index });
    }

    pub fn finish(mut self) -> Vec<PrintBlock> {
        while !self.open.is_empty() {
            self.close();
        }
        self.blocks
    }

    fn start(&mut self, tag: &Tag, target: Option<&LinkTarget>) {
        let inline =
            matches!(tag, Tag::Strong | Tag::Emphasis | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. });
        if inline && matches!(self.open.last(), Some(Open::Image(..))) {
            self.in_image += 1;
            return;
        }
        // A paragraph open at a block's start is one made for loose text (raw HTML shown as text).
        if !inline && matches!(self.open.last(), Some(Open::Paragraph(_))) {
            self.close();
        }
        let open = match tag {
            Tag::Paragraph => Open::Paragraph(Vec::new()),
            Tag::List(start) => Open::List(*start, Vec::new()),
            Tag::Item => Open::Item(None, Vec::new(), Vec::new()),
            Tag::BlockQuote(_) => Open::Quote(Vec::new()),
            Tag::CodeBlock(_) => Open::Code(String::new()),
            Tag::Table(_) => Open::Table(Vec::new()),
            Tag::TableHead | Tag::TableRow => Open::Row(Vec::new()),
            Tag::TableCell => Open::Cell(Vec::new()),
            Tag::FootnoteDefinition(label) => Open::Note(label.to_string(), Vec::new()),
            Tag::Strong => Open::Span(SpanKind::Strong, Vec::new()),
            Tag::Emphasis => Open::Span(SpanKind::Emph, Vec::new()),
            Tag::Strikethrough => Open::Span(SpanKind::Strike, Vec::new()),
            Tag::Link { dest_url, .. } => {
                let to = target.cloned().unwrap_or_else(|| LinkTarget::Address { url: dest_url.to_string() });
                Open::Link(to, Vec::new())
            }
            Tag::Image { .. } => {
                let src = match target {
                    Some(LinkTarget::Address { url }) if !crate::web::is_external(url) => Some(url.clone()),
                    _ => None,
                };
                Open::Image(src, String::new())
            }
            // Headings come whole through `heading`; the rest prints as its text.
            _ => return,
        };
        self.open.push(open);
    }

    fn end(&mut self, tag: TagEnd) {
        let closes = matches!(
            tag,
            TagEnd::Paragraph
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::TableCell
                | TagEnd::FootnoteDefinition
                | TagEnd::Strong
                | TagEnd::Emphasis
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        );
        let inline =
            matches!(tag, TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image);
        if inline && self.in_image > 0 {
            self.in_image -= 1;
        } else if closes {
            self.close();
        }
    }

    /// Closes the innermost open container into the one around it.
    fn close(&mut self) {
        let Some(open) = self.open.pop() else { return };
        match open {
            Open::Paragraph(text) => {
                if !text.is_empty() {
                    self.block(PrintBlock::Paragraph { text });
                }
            }
            Open::List(start, items) => self.block(PrintBlock::List { start, items }),
            Open::Item(task, mut blocks, text) => {
                if !text.is_empty() {
                    blocks.push(PrintBlock::Paragraph { text });
                }
                if let Some(Open::List(_, items)) = self.open.last_mut() {
                    items.push(Item { task, blocks });
                }
            }
            Open::Quote(blocks) => self.block(PrintBlock::Quote { blocks }),
            Open::Code(text) => self.block(PrintBlock::Code { text }),
            Open::Table(rows) => self.block(PrintBlock::Table { rows }),
            Open::Row(cells) => {
                if let Some(Open::Table(rows)) = self.open.last_mut() {
                    rows.push(cells);
                }
            }
            Open::Cell(text) => {
                if let Some(Open::Row(cells)) = self.open.last_mut() {
                    cells.push(text);
                }
            }
            Open::Note(label, blocks) => self.block(PrintBlock::Note { label, blocks }),
            Open::Span(kind, text) => self.inline(match kind {
                SpanKind::Strong => Inline::Strong { text },
                SpanKind::Emph => Inline::Emph { text },
                SpanKind::Strike => Inline::Strike { text },
            }),
            Open::Link(to, text) => self.inline(Inline::Link { to, text }),
            Open::Image(src, alt) => self.inline(Inline::Image { src, alt }),
        }
    }

    fn text(&mut self, text: &str) {
        match self.open.last_mut() {
            Some(Open::Code(code)) => code.push_str(text),
            Some(Open::Image(_, alt)) => alt.push_str(text),
            _ => match self.inlines().and_then(|inlines| inlines.last_mut()) {
                Some(Inline::Text { text: last }) => last.push_str(text),
                _ => self.inline(Inline::Text { text: text.to_string() }),
            },
        }
    }

    /// Where inline text goes now: the open paragraph, cell, span or link; a tight list
    /// item's own text; a new paragraph otherwise.
    fn inlines(&mut self) -> Option<&mut Vec<Inline>> {
        if !matches!(
            self.open.last(),
            Some(Open::Paragraph(_) | Open::Cell(_) | Open::Span(..) | Open::Link(..) | Open::Item(..))
        ) {
            self.open.push(Open::Paragraph(Vec::new()));
        }
        match self.open.last_mut()? {
            Open::Paragraph(text) | Open::Cell(text) | Open::Span(_, text) | Open::Link(_, text) => Some(text),
            Open::Item(_, _, text) => Some(text),
            _ => None,
        }
    }

    fn inline(&mut self, inline: Inline) {
        if let Some(Open::Image(_, alt)) = self.open.last_mut() {
            // A picture's description is text only.
            if let Inline::Code { text } = &inline {
                alt.push_str(text);
            }
            return;
        }
        if let Some(inlines) = self.inlines() {
            inlines.push(inline);
        }
    }

    fn block(&mut self, block: PrintBlock) {
        // A block ends a paragraph made for loose text before it.
        if matches!(self.open.last(), Some(Open::Paragraph(_))) {
            self.close();
        }
        match self.open.last_mut() {
            Some(Open::Item(_, blocks, text)) => {
                if !text.is_empty() {
                    blocks.push(PrintBlock::Paragraph { text: std::mem::take(text) });
                }
                blocks.push(block);
            }
            Some(Open::Quote(blocks) | Open::Note(_, blocks)) => blocks.push(block),
            _ => self.blocks.push(block),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn tree(markdown: &str) -> Vec<PrintBlock> {
        let mut tree = PrintTree::default();
        for event in Parser::new_ext(markdown, crate::content::markdown_options()) {
            tree.observe(&event, None);
        }
        tree.finish()
    }

    fn text(t: &str) -> Inline {
        Inline::Text { text: t.into() }
    }

    #[test]
    fn paragraphs_lists_and_emphasis_keep_their_shape() {
        let blocks = tree("Ett **fett** ord.\n\n1. Först\n   - under\n2. Sen\n");
        assert_eq!(
            blocks[0],
            PrintBlock::Paragraph {
                text: vec![text("Ett "), Inline::Strong { text: vec![text("fett")] }, text(" ord.")]
            }
        );
        let PrintBlock::List { start: Some(1), items } = &blocks[1] else { panic!("{blocks:?}") };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].blocks[0], PrintBlock::Paragraph { text: vec![text("Först")] });
        assert!(matches!(&items[0].blocks[1], PrintBlock::List { start: None, items } if items.len() == 1));
    }

    #[test]
    fn a_loose_task_list_keeps_its_boxes() {
        for markdown in ["- [x] Klar\n- [ ] Kvar\n", "- [x] Klar\n\n- [ ] Kvar\n"] {
            let blocks = tree(markdown);
            let PrintBlock::List { items, .. } = &blocks[0] else { panic!("{blocks:?}") };
            let tasks: Vec<Option<bool>> = items.iter().map(|i| i.task).collect();
            assert_eq!(tasks, [Some(true), Some(false)], "{markdown:?}: {blocks:?}");
            assert_eq!(items[1].blocks, [PrintBlock::Paragraph { text: vec![text("Kvar")] }], "{markdown:?}");
        }
    }

    #[test]
    fn tables_quotes_and_pictures() {
        let blocks = tree("| A | B |\n|---|---|\n| 1 | 2 |\n\n> Citat\n\n![En *trappa*](bild.png)\n");
        assert_eq!(
            blocks[0],
            PrintBlock::Table {
                rows: vec![vec![vec![text("A")], vec![text("B")]], vec![vec![text("1")], vec![text("2")]]]
            }
        );
        assert_eq!(blocks[1], PrintBlock::Quote { blocks: vec![PrintBlock::Paragraph { text: vec![text("Citat")] }] });
        assert_eq!(
            blocks[2],
            PrintBlock::Paragraph { text: vec![Inline::Image { src: None, alt: "En trappa".into() }] }
        );
    }
}
