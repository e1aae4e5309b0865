//! Card: a printable card with a front and a back, laminated and taken to client meetings.
//! Its back may be a checklist of the site (`checklist: ID`), so page and card share one source.

use serde::{Deserialize, Serialize};

use super::Markup;
use crate::web::escape;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum CardSize {
    #[default]
    A6,
    A7,
    Kreditkort,
}

impl CardSize {
    /// Trim size in millimetres (width, height), portrait.
    pub fn millimetres(self) -> (f64, f64) {
        match self {
            CardSize::A6 => (105.0, 148.0),
            CardSize::A7 => (74.0, 105.0),
            CardSize::Kreditkort => (85.6, 54.0),
        }
    }

    /// "A6 (105 × 148 mm)", "Kreditkort (85,6 × 54 mm)": how pages, the sheet, the PDFs and
    /// messages name a size (Swedish decimal comma: the sizes are Swedish print formats).
    pub fn label(self) -> String {
        let (w, h) = self.millimetres();
        let number = |mm: f64| format!("{mm}").replace('.', ",");
        let name = match self {
            CardSize::Kreditkort => "Kreditkort".to_string(),
            other => other.name().to_uppercase(),
        };
        format!("{name} ({} × {} mm)", number(w), number(h))
    }

    pub fn name(self) -> &'static str {
        match self {
            CardSize::A6 => "a6",
            CardSize::A7 => "a7",
            CardSize::Kreditkort => "kreditkort",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub size: CardSize,
    pub front: Option<String>,
    pub back: Option<String>,
    /// Id of a checklist anywhere in the site whose items fill the back.
    pub checklist: Option<String>,
    /// The checklist's items on the front too, in large type to read at a glance; the back
    /// then spreads each item with its points down the face.
    #[serde(default)]
    pub items_on_front: bool,
}

/// Where the card pages, the print sheet and the PDFs go in the output (gathered by `cards`).
pub const CARDS_DIR: &str = "kort/";
/// The print sheet of all cards (A4, N-up), in the browser and as a PDF.
pub const SHEET_PAGE: &str = "kort/index.html";
pub const SHEET_PDF: &str = "kort/kort-a4.pdf";

/// A block of a card face: the shapes a card's Markdown is reduced to.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// A list; `large` in the type of what is read at a glance (a card's promises on its front).
    List {
        ordered: bool,
        items: Vec<ListItem>,
        large: bool,
    },
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ListItem {
    pub text: String,
    /// Sub-points (a checklist item's `points`, or a nested list).
    pub points: Vec<String>,
}

/// What `components/card.html` gets (as `c`). A card whose back is a checklist of the site
/// gets that checklist's items (`checklist`) from the site index when the page is rendered.
#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    pub id: String,
    /// a6, a7 or kreditkort.
    pub size: &'static str,
    /// "Kort A6 (105 × 148 mm)".
    pub size_label: String,
    pub title_html: String,
    pub front_html: String,
    /// The back's own text; `None` when the back is the checklist `checklist_id`.
    pub back_html: Option<String>,
    pub checklist_id: Option<String>,
    /// The checklist's items are on the front as well (`items_on_front`).
    pub items_on_front: bool,
    /// That checklist's items, from the site index, seen from this page.
    pub checklist: Option<Vec<crate::components::ItemView>>,
    /// The title and faces as printed (plain text), for the card pages, sheet and PDFs.
    pub title: String,
    pub front_blocks: Vec<Block>,
    pub back_blocks: Vec<Block>,
    /// The card's own page, the print sheet and the PDF (when built with PDFs), from this page.
    pub page_url: String,
    pub sheet_url: String,
    pub pdf_url: Option<String>,
}

impl Card {
    pub fn view(&self, markup: &mut dyn Markup) -> Result<CardView, crate::diagnostics::Diagnostic> {
        if self.items_on_front && self.checklist.is_none() {
            return Err(markup.diagnostic(
                "items_on_front:",
                "`items_on_front` puts a checklist's items on the card, but the card has no `checklist`".into(),
                "add `checklist: ID` (and no `back`), or remove `items_on_front`",
            ));
        }
        let (back_html, back_blocks) = match (&self.back, &self.checklist) {
            (Some(back), None) => {
                let (html, blocks) = markup.face(back);
                (Some(html), blocks)
            }
            (None, Some(_)) => (None, Vec::new()),
            (Some(_), Some(_)) => {
                return Err(markup.diagnostic(
                    "checklist:",
                    "a card takes either `back` or `checklist`, not both".into(),
                    "remove one of them",
                ));
            }
            (None, None) => {
                return Err(markup.diagnostic(
                    "title:",
                    "the card has no back".into(),
                    "add `back: …` with the text, or `checklist: ID` to print a checklist of the site",
                ));
            }
        };
        let (front_html, front_blocks) = self.front.as_deref().map(|f| markup.face(f)).unwrap_or_default();
        // The way to print it: a card drawn on a page is only a preview; its own page prints
        // at the exact size, the sheet imposes it with the others, the PDF is for a print shop.
        let root = markup.root();
        let id = escape(&self.id);
        let (title_html, title) = markup.inline_text(&self.title);
        Ok(CardView {
            id: self.id.clone(),
            size: self.size.name(),
            size_label: format!("{} {}", markup.strings().get("card"), self.size.label()),
            title_html,
            front_html,
            back_html,
            checklist_id: self.checklist.clone(),
            items_on_front: self.items_on_front,
            checklist: None,
            title,
            front_blocks,
            back_blocks,
            page_url: format!("{root}{CARDS_DIR}{id}.html"),
            sheet_url: format!("{root}{SHEET_PAGE}"),
            pdf_url: cfg!(feature = "pdf").then(|| format!("{root}{CARDS_DIR}{id}.pdf")),
        })
    }
}
