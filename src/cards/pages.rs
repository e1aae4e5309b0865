//! The cards' pages in the site: each card's own page (`kort/ID.html`) and the A4 print
//! sheet of all cards (`kort/index.html`), made from the theme's templates with the views
//! here, and the PDFs beside them when built with the `pdf` feature.

use std::path::Path;

use minijinja::value::{Serde, Value};
use rayon::prelude::*;

use super::{
    Block, CARDS_DIR, PrintCard, SHEET_GAP_MM, SHEET_PAGE, SHEET_PDF, Sheet, SheetLayout, crop_marks_svg, qr_svg,
    sheets, short_url,
};
use crate::components::CardSize;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::output::WriteFn;
use crate::render::OwnPages;

/// What the PDF designs need to know of the site (nothing without the `pdf` feature).
#[cfg(feature = "pdf")]
pub type PdfContext<'a> = super::pdf::PdfContext<'a>;
#[cfg(not(feature = "pdf"))]
pub struct PdfContext<'a>(std::marker::PhantomData<&'a ()>);

#[cfg(feature = "pdf")]
pub fn pdf_context<'a>(config: &'a Config, root: &'a Path) -> PdfContext<'a> {
    super::pdf::PdfContext {
        site_title: &config.title,
        base_url: config.base_url.as_deref(),
        root,
        theme: &config.theme,
        brand: config.brand.as_ref(),
    }
}

#[cfg(not(feature = "pdf"))]
pub fn pdf_context<'a>(_: &'a Config, _: &'a Path) -> PdfContext<'a> {
    PdfContext(std::marker::PhantomData)
}

/// Each card's own page (`kort/ID.html`, front and back at their printed size) and the A4
/// print sheet of all cards (`kort/index.html`), with the cards' PDFs when built with the
/// `pdf` feature. Nothing is written for a site without cards.
pub fn write(cards: &[PrintCard], pages: &OwnPages, root: &Path, write: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    if cards.is_empty() {
        return (0, Vec::new());
    }
    let base_url = pages.config.base_url.as_deref();
    let views: Vec<CardPageView> = cards.iter().map(|card| CardPageView::new(card, base_url, pages.strings)).collect();
    let mut results: Vec<Result<(), Diagnostic>> = cards
        .par_iter()
        .zip(&views)
        .map(|(card, view)| {
            let url = card.url();
            let html = pages.render(CARD_TEMPLATE, &url, Value::from(Serde(context_for_card(view))))?;
            write(&url, html.as_bytes())
        })
        .collect();
    let sheets: Vec<SheetView> = sheets(cards, None).iter().map(SheetView::new).collect();
    let layouts = [CardSize::A6, CardSize::A7, CardSize::Kreditkort].map(LayoutView::new);
    let sheet_context = Value::from(Serde(serde_json::json!({
        "cards": views,
        "sheets": sheets,
        "layouts": layouts,
        "pdf": cfg!(feature = "pdf").then_some(SHEET_PDF.trim_start_matches(CARDS_DIR)),
    })));
    results.push(
        pages
            .render(CARD_SHEET_TEMPLATE, SHEET_PAGE, sheet_context)
            .and_then(|html| write(SHEET_PAGE, html.as_bytes())),
    );
    let (pdf_files, pdf_diagnostics) = write_card_pdfs_into_site(cards, &pdf_context(pages.config, root), write);
    let files = results.len() + pdf_files;
    (files, results.into_iter().filter_map(Result::err).chain(pdf_diagnostics).collect())
}

/// The cards' PDFs next to their pages (`kort/ID.pdf`, `kort/kort-a4.pdf`).
#[cfg(feature = "pdf")]
fn write_card_pdfs_into_site(
    cards: &[PrintCard],
    context: &PdfContext,
    write: &WriteFn<'_>,
) -> (usize, Vec<Diagnostic>) {
    let (pdfs, mut diagnostics) = super::pdf::card_files(cards, context);
    diagnostics.extend(pdfs.iter().filter_map(|(rel, bytes)| write(rel, bytes).err()));
    (pdfs.len(), diagnostics)
}

#[cfg(not(feature = "pdf"))]
fn write_card_pdfs_into_site(_: &[PrintCard], _: &PdfContext, _: &WriteFn<'_>) -> (usize, Vec<Diagnostic>) {
    (0, Vec::new())
}

fn context_for_card(view: &CardPageView) -> serde_json::Value {
    serde_json::json!({ "card": view, "layout": LayoutView::new(view.size) })
}

/// Templates of the card pages.
const CARD_TEMPLATE: &str = "card.html";
const CARD_SHEET_TEMPLATE: &str = "cards.html";

/// A card as the card templates see it; URLs are relative to the `kort/` folder.
#[derive(serde::Serialize)]
struct CardPageView<'a> {
    id: &'a str,
    title: &'a str,
    size: CardSize,
    size_label: String,
    front: &'a [Block],
    back: &'a [Block],
    spread_back: bool,
    /// The page the card is on, and its title.
    page_url: String,
    page_title: &'a str,
    url: String,
    pdf: Option<String>,
    /// QR code (SVG markup) of the card's online page, and the address written beside it,
    /// when `site.yaml` says where the site is published.
    qr: Option<String>,
    short_url: Option<String>,
}

impl<'a> CardPageView<'a> {
    fn new(card: &'a PrintCard, base_url: Option<&str>, strings: &Strings) -> Self {
        let online = card.online_url(base_url);
        let label = format!("{} {}", strings.get("card_qr_label"), card.title);
        CardPageView {
            id: &card.id,
            title: &card.title,
            size: card.size,
            size_label: card.size.label(),
            front: &card.front,
            spread_back: card.spread_back,
            back: &card.back,
            page_url: format!("../{}", card.page_url),
            page_title: &card.page_title,
            url: format!("{}.html", card.id),
            pdf: cfg!(feature = "pdf").then(|| format!("{}.pdf", card.id)),
            qr: online.as_deref().and_then(|url| qr_svg(url, &label)),
            short_url: online.as_deref().map(|url| short_url(url).to_string()),
        }
    }
}

/// How a size is imposed, for the sheet's markup and the script that re-imposes it.
#[derive(serde::Serialize)]
struct LayoutView {
    size: CardSize,
    label: String,
    per_sheet: usize,
    columns: usize,
    rotated: bool,
    crop_marks: String,
}

impl LayoutView {
    fn new(size: CardSize) -> Self {
        let layout = SheetLayout::for_size(size);
        LayoutView {
            size,
            label: size.label(),
            per_sheet: layout.per_sheet(),
            columns: layout.columns,
            rotated: layout.rotated,
            crop_marks: crop_marks_svg(layout.slot_mm, SHEET_MARK_MARGIN_MM),
        }
    }
}

/// The crop marks' drawing reaches this far beyond a card on the sheet (half the gap).
const SHEET_MARK_MARGIN_MM: f64 = SHEET_GAP_MM / 2.0;

/// One sheet pair for the template: the card ids of the fronts in slot order, and of the
/// backs in slot order (mirrored).
#[derive(serde::Serialize)]
struct SheetView {
    size: CardSize,
    fronts: Vec<usize>,
    backs: Vec<Option<usize>>,
}

impl SheetView {
    fn new(sheet: &Sheet) -> Self {
        let layout = SheetLayout::for_size(sheet.size);
        // Backs fill the mirrored slots; a slot whose front is empty stays empty behind.
        let slots = sheet.cards.len().div_ceil(layout.columns) * layout.columns;
        let mut backs = vec![None; slots];
        for (slot, card) in sheet.cards.iter().enumerate() {
            backs[layout.back_slot(slot)] = Some(*card);
        }
        SheetView { size: sheet.size, fronts: sheet.cards.clone(), backs }
    }
}
