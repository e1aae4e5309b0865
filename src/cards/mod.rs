//! Cards for print: every `card` component of the site, gathered after the Markdown stage into
//! plain [`PrintCard`]s (title, size, front and back as simple blocks, where it lives online),
//! which the card pages and print sheet of the theme and the native PDF ([`pdf`]) are made from.
//!
//! A card's text is reduced to paragraphs and lists of plain text here, once, so that the
//! browser's print layout and the PDF show the same words.

pub mod command;
pub mod pages;
#[cfg(feature = "pdf")]
pub mod pdf;

use std::path::PathBuf;
use std::sync::Arc;

pub use crate::components::{Block, ListItem};
use crate::components::{CardSize, ChecklistView, Component, View};
use crate::content::{Content, PerPage};
use crate::index::SiteIndex;
use crate::markdown::PageBody;

/// One card as it is printed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PrintCard {
    pub id: String,
    pub title: String,
    pub size: CardSize,
    pub front: Vec<Block>,
    pub back: Vec<Block>,
    /// The back's items spread evenly down the face (a card with its items on the front).
    pub spread_back: bool,
    /// The Markdown file and line of the card block, for errors.
    pub source: PathBuf,
    pub line: usize,
    /// The output path of the page that holds the card, relative to the site root.
    pub page_url: String,
    pub page_title: String,
}

impl PrintCard {
    /// The card's own page, relative to the site root.
    pub fn url(&self) -> String {
        format!("{}{}.html", CARDS_DIR, self.id)
    }

    /// The card's online address when the site says where it is published (`base_url`).
    pub fn online_url(&self, base_url: Option<&str>) -> Option<String> {
        base_url.map(|base| format!("{}/{}", base.trim_end_matches('/'), self.url()))
    }

    /// Every word printed on the card, for tests and the PDF's text check.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.title.as_str()).chain(self.front.iter().chain(&self.back).flat_map(|b| {
            match b {
                Block::Paragraph { text } => vec![text.as_str()],
                Block::List { items, .. } => items
                    .iter()
                    .flat_map(|i| std::iter::once(i.text.as_str()).chain(i.points.iter().map(String::as_str)))
                    .collect(),
            }
        }))
    }
}

/// Where the card pages, the print sheet and the PDFs go in the output.
pub use crate::components::{CARDS_DIR, SHEET_PAGE, SHEET_PDF};

/// A4 portrait, the paper every office printer has.
pub const A4_MM: (f64, f64) = (210.0, 297.0);
/// Room between cards on a sheet for the crop marks of both neighbours.
pub const SHEET_GAP_MM: f64 = 8.0;
/// Crop marks stand this far outside the trim line and are this long.
pub const CROP_MARK_OFFSET_MM: f64 = 1.0;
pub const CROP_MARK_LENGTH_MM: f64 = 3.0;

/// How cards of one size are imposed on an A4 sheet. Printers leave the outer 5 mm white, so
/// an A6 card (a quarter of A4) cannot be printed four to a sheet with room to cut: it is
/// turned a quarter and printed two to a sheet.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct SheetLayout {
    pub columns: usize,
    pub rows: usize,
    /// The card lies on its side on the sheet.
    pub rotated: bool,
    /// The space a card takes on the sheet (its trim size, turned if `rotated`).
    pub slot_mm: (f64, f64),
}

impl SheetLayout {
    pub fn for_size(size: CardSize) -> Self {
        let (w, h) = size.millimetres();
        match size {
            CardSize::A6 => SheetLayout { columns: 1, rows: 2, rotated: true, slot_mm: (h, w) },
            CardSize::A7 => SheetLayout { columns: 2, rows: 2, rotated: false, slot_mm: (w, h) },
            CardSize::Kreditkort => SheetLayout { columns: 2, rows: 4, rotated: false, slot_mm: (w, h) },
        }
    }

    pub fn per_sheet(&self) -> usize {
        self.columns * self.rows
    }

    /// The top-left corner of slot `index` on the front sheet, in mm from the sheet's corner:
    /// the grid is centred on the page.
    pub fn slot_origin(&self, index: usize) -> (f64, f64) {
        let (w, h) = self.slot_mm;
        let grid_w = self.columns as f64 * w + (self.columns - 1) as f64 * SHEET_GAP_MM;
        let grid_h = self.rows as f64 * h + (self.rows - 1) as f64 * SHEET_GAP_MM;
        let (column, row) = (index % self.columns, index / self.columns);
        (
            (A4_MM.0 - grid_w) / 2.0 + column as f64 * (w + SHEET_GAP_MM),
            (A4_MM.1 - grid_h) / 2.0 + row as f64 * (h + SHEET_GAP_MM),
        )
    }

    /// Where the back of the card in slot `index` goes: mirrored left to right, so that the
    /// sheet printed double-sided with a long-edge flip puts it behind its front.
    pub fn back_slot(&self, index: usize) -> usize {
        let (column, row) = (index % self.columns, index / self.columns);
        row * self.columns + (self.columns - 1 - column)
    }
}

/// One A4 sheet pair: the fronts of some cards of one size, and then their backs.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Sheet {
    pub size: CardSize,
    /// Indexes into the card list, in slot order of the front sheet.
    pub cards: Vec<usize>,
}

/// Imposes `cards` on sheets: grouped by size (in order of first appearance), each group
/// filling sheets of its layout. `size` prints every card at that size instead of its own.
pub fn sheets(cards: &[PrintCard], size: Option<CardSize>) -> Vec<Sheet> {
    let mut groups: Vec<(CardSize, Vec<usize>)> = Vec::new();
    for (i, card) in cards.iter().enumerate() {
        let card_size = size.unwrap_or(card.size);
        match groups.iter_mut().find(|(s, _)| *s == card_size) {
            Some((_, members)) => members.push(i),
            None => groups.push((card_size, vec![i])),
        }
    }
    groups
        .into_iter()
        .flat_map(|(size, members)| {
            let per_sheet = SheetLayout::for_size(size).per_sheet();
            members.chunks(per_sheet).map(|chunk| Sheet { size, cards: chunk.to_vec() }).collect::<Vec<_>>()
        })
        .collect()
}

/// The crop marks around one slot as an SVG drawn in millimetres, `margin` mm larger than
/// the slot on every side: two short lines at each corner, in line with the trim edges.
pub fn crop_marks_svg(slot_mm: (f64, f64), margin: f64) -> String {
    let (w, h) = slot_mm;
    let (outer_w, outer_h) = (w + 2.0 * margin, h + 2.0 * margin);
    let (near, far) = (margin - CROP_MARK_OFFSET_MM, margin - CROP_MARK_OFFSET_MM - CROP_MARK_LENGTH_MM);
    let mut lines = String::new();
    for x in [margin, margin + w] {
        for (y_from, y_to) in [(far, near), (outer_h - far, outer_h - near)] {
            lines.push_str(&format!("<line x1=\"{x}\" y1=\"{y_from}\" x2=\"{x}\" y2=\"{y_to}\"/>"));
        }
    }
    for y in [margin, margin + h] {
        for (x_from, x_to) in [(far, near), (outer_w - far, outer_w - near)] {
            lines.push_str(&format!("<line x1=\"{x_from}\" y1=\"{y}\" x2=\"{x_to}\" y2=\"{y}\"/>"));
        }
    }
    format!(
        "<svg class=\"crop-marks\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 {outer_w} {outer_h}\" \
         width=\"{outer_w}mm\" height=\"{outer_h}mm\" stroke=\"#000\" stroke-width=\"0.15\">{lines}</svg>"
    )
}

/// A QR code of `url` as inline SVG (no style attributes: it must pass the site's CSP).
pub fn qr_svg(url: &str, label: &str) -> Option<String> {
    use fast_qr::convert::{Builder, svg::SvgBuilder};
    let code = fast_qr::QRBuilder::new(url).ecl(fast_qr::ECL::M).build().ok()?;
    let svg = SvgBuilder::default().margin(2).to_str(&code);
    Some(svg.replacen(
        "<svg ",
        &format!("<svg class=\"card-qr\" role=\"img\" aria-label=\"{}\" ", crate::web::escape(label)),
        1,
    ))
}

/// A URL as printed beside its QR code: without the scheme, which nobody types.
pub fn short_url(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

/// The cards of the site in reading order (pages in site order, cards in page order), as the
/// Markdown stage made them; a card's checklist comes from the site index. Card checklists
/// must exist (checked with the index); a card whose checklist is missing gets an empty back
/// rather than a second error.
pub fn collect(content: &Content, bodies: &PerPage<Arc<PageBody>>, index: &SiteIndex) -> Vec<PrintCard> {
    content
        .pages
        .iter()
        .zip(bodies)
        .flat_map(|(page, body)| body.placed.iter().map(move |placed| (page, body, placed)))
        .filter_map(|(page, body, placed)| {
            let View::Card(card) = &placed.view else { return None };
            let Component::Card(model) = &body.components[placed.item] else { return None };
            let line = body.components.line(placed.item);
            let shown = card.checklist_id.as_ref().and_then(|id| index.shown.get(id));
            let back = match (&card.checklist_id, shown) {
                (None, _) => card.back_blocks.clone(),
                (Some(_), Some(shown)) => checklist_blocks(&shown.view),
                (Some(_), None) => Vec::new(),
            };
            let mut front = card.front_blocks.clone();
            if let (true, Some(shown)) = (card.items_on_front, shown) {
                // The promises first, read at a glance; the card's own front text after them.
                let items = shown.view.items.iter().map(|i| ListItem { text: i.text.clone(), points: Vec::new() });
                front.insert(0, Block::List { ordered: false, items: items.collect(), large: true });
            }
            Some(PrintCard {
                id: card.id.clone(),
                title: card.title.clone(),
                size: model.size,
                front,
                back,
                spread_back: card.items_on_front,
                source: page.source.clone(),
                line,
                page_url: page.url.clone(),
                page_title: page.front.title.clone(),
            })
        })
        .collect()
}

/// A checklist on a card's back: its intro, then its items with their points.
fn checklist_blocks(list: &ChecklistView) -> Vec<Block> {
    let mut out = list.intro_blocks.clone();
    out.push(Block::List {
        ordered: false,
        large: false,
        items: list
            .items
            .iter()
            .map(|item| ListItem { text: item.text.clone(), points: item.points.clone() })
            .collect(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(id: &str, size: CardSize) -> PrintCard {
        PrintCard {
            id: id.into(),
            title: id.into(),
            size,
            front: vec![],
            back: vec![],
            spread_back: false,
            source: "content/a.md".into(),
            line: 1,
            page_url: "a.html".into(),
            page_title: "A".into(),
        }
    }

    #[test]
    fn sheets_group_by_size_and_fill_each_layout() {
        let cards: Vec<PrintCard> = [CardSize::A6, CardSize::Kreditkort, CardSize::A6, CardSize::A6]
            .iter()
            .enumerate()
            .map(|(i, s)| card(&format!("k{i}"), *s))
            .collect();
        let sheets = sheets(&cards, None);
        assert_eq!(
            sheets,
            [
                Sheet { size: CardSize::A6, cards: vec![0, 2] },
                Sheet { size: CardSize::A6, cards: vec![3] },
                Sheet { size: CardSize::Kreditkort, cards: vec![1] },
            ]
        );
        let all_a7 = super::sheets(&cards, Some(CardSize::A7));
        assert_eq!(all_a7, [Sheet { size: CardSize::A7, cards: vec![0, 1, 2, 3] }]);
    }

    #[test]
    fn every_layout_fits_a4_with_printer_margins_and_mirrors_backs() {
        for size in [CardSize::A6, CardSize::A7, CardSize::Kreditkort] {
            let layout = SheetLayout::for_size(size);
            let (w, h) = layout.slot_mm;
            let (left, top) = layout.slot_origin(0);
            let last = layout.slot_origin(layout.per_sheet() - 1);
            assert!(left >= 10.0 && top >= 10.0, "{size:?}: room for marks and the printer's margin");
            assert!((A4_MM.0 - (last.0 + w) - left).abs() < 1e-9, "{size:?} centred across");
            assert!((A4_MM.1 - (last.1 + h) - top).abs() < 1e-9, "{size:?} centred down");
            for slot in 0..layout.per_sheet() {
                let (front_x, front_y) = layout.slot_origin(slot);
                let (back_x, back_y) = layout.slot_origin(layout.back_slot(slot));
                assert!((front_x + w + back_x - A4_MM.0).abs() < 1e-9, "{size:?} slot {slot} mirrored");
                assert_eq!(front_y, back_y);
            }
        }
    }

    #[test]
    fn crop_marks_stay_outside_the_trim() {
        let svg = crop_marks_svg((85.6, 54.0), 4.0);
        assert_eq!(svg.matches("<line").count(), 8);
        assert!(svg.contains("viewBox=\"0 0 93.6 62\""));
        assert!(svg.contains("x1=\"4\" y1=\"0\" x2=\"4\" y2=\"3\""), "{svg}");
    }

    #[test]
    fn qr_code_is_svg_without_style_attributes() {
        let svg = qr_svg("https://example.org/kort/a.html", "QR-kod").unwrap();
        assert!(svg.starts_with("<svg class=\"card-qr\" role=\"img\" aria-label=\"QR-kod\""));
        assert!(!svg.contains("style="));
        assert_eq!(short_url("https://example.org/kort/a.html"), "example.org/kort/a.html");
    }
}
