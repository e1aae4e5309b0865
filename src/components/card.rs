//! Card: a printable card with a front and a back, laminated and taken to client meetings.
//! Its back may be a checklist of the site (`checklist: ID`), so page and card share one source.

use serde::Deserialize;

use super::Markup;
use crate::markdown::escape;

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
}

/// Where the card pages, the print sheet and the PDFs go in the output (gathered by `cards`).
pub const CARDS_DIR: &str = "kort/";
/// The print sheet of all cards (A4, N-up), in the browser and as a PDF.
pub const SHEET_PAGE: &str = "kort/index.html";
pub const SHEET_PDF: &str = "kort/kort-a4.pdf";

/// Marker left in the page HTML where a referenced checklist's items go; the site stage fills
/// it once every page's checklists are known.
pub fn checklist_marker(id: &str) -> String {
    format!("<!--trappa:checklist:{id}-->")
}

impl Card {
    pub fn render(&self, markup: &mut dyn Markup) -> Result<String, crate::diagnostics::Diagnostic> {
        let back = match (&self.back, &self.checklist) {
            (Some(back), None) => markup.block(back),
            (None, Some(id)) => checklist_marker(id),
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
        let front = self.front.as_deref().map(|f| markup.block(f)).unwrap_or_default();
        let (w, h) = self.size.millimetres();
        let strings = markup.strings();
        let size_label = format!("{} {} ({} × {} mm)", strings.get("card"), self.size.name().to_uppercase(), w, h);
        let title = markup.inline(&self.title);
        // The way to print it: a card drawn on a page is only a preview; its own page prints
        // at the exact size, the sheet imposes it with the others, the PDF is for a print shop.
        let root = markup.root();
        let id = escape(&self.id);
        let pdf = if cfg!(feature = "pdf") {
            format!("<li><a href=\"{root}{CARDS_DIR}{id}.pdf\">{} {title}</a></li>\n", strings.get("card_pdf_of"))
        } else {
            String::new()
        };
        let links = format!(
            "<ul class=\"card-links no-print\">\n<li><a href=\"{root}{CARDS_DIR}{id}.html\">{}: {title}</a></li>\n\
             <li><a href=\"{root}{SHEET_PAGE}\">{}</a></li>\n{pdf}</ul>\n",
            strings.get("card_print"),
            strings.get("cards_all_link"),
        );
        Ok(format!(
            "<figure class=\"card card-{size}\" id=\"{id}\" data-card-size=\"{size}\">\n\
             <div class=\"card-faces\">\n\
             <div class=\"card-face card-front\" role=\"group\" aria-label=\"{front_label}\">\n<p class=\"card-title\">{title}</p>\n{front}</div>\n\
             <div class=\"card-face card-back\" role=\"group\" aria-label=\"{back_label}\">\n{back}</div>\n\
             </div>\n<figcaption>{size_label}\n{links}</figcaption>\n</figure>\n",
            size = self.size.name(),
            front_label = strings.get("card_front"),
            back_label = strings.get("card_back"),
        ))
    }
}
