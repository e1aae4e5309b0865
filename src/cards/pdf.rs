//! Print-ready PDFs of the cards, typeset by typst (as a library) from the theme's print
//! designs `print/card.typ` and `print/sheet.typ`, which a designer can edit like any typst
//! document. The card data goes in as JSON (`card.json`, `sheet.json`) that the designs read
//! with `json(…)`, and the QR codes as SVG files (`qr/N.svg`); both are served from memory
//! by [`crate::print`]'s world, together with the designs, the theme's fonts and the brand's font.
//!
//! A card's own PDF has two pages, the front and the back, each the card's trim size (the
//! TrimBox) with 3 mm of bleed on every side (the BleedBox) and 6 mm more outside the bleed
//! (the MediaBox) for crop marks at the trim lines. The A4 sheet is exactly A4, with the
//! cards of one size imposed N-up as [`super::SheetLayout`] says (the same places as the
//! browser's sheet) and crop marks at every card corner; there is no bleed on the sheet,
//! as office printers cannot print to the edge anyway.
//!
//! Words that do not fit a face are never cut: the design measures each face and stops with
//! a `panic("trappa-overflow {json}")`, which becomes a [`Diagnostic`] at the card in its
//! Markdown file, saying how many millimetres are too many. Errors in a designer's `.typ`
//! file are reported at that file and line.

use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use typst::diag::SourceDiagnostic;
use typst::foundations::{Bytes, Smart};
use typst::syntax::{FileId, Source};

use super::{CROP_MARK_LENGTH_MM, CROP_MARK_OFFSET_MM, PrintCard, SHEET_PDF, SheetLayout};
use crate::components::CardSize;
use crate::diagnostics::Diagnostic;
use crate::print::{BrandData, PdfOptions, PrintWorld, Sources, Typesetter, file_id, main_source};

/// Where and for whom the PDFs are made.
pub struct PdfContext<'a> {
    pub site_title: &'a str,
    /// Where the site is published; cards get a QR code of their page only when it is known.
    pub base_url: Option<&'a str>,
    /// The site's folder and theme, for the theme's own print designs and fonts.
    pub root: &'a Path,
    pub theme: &'a str,
    /// The site's checked brand, when `site.yaml` has one.
    pub brand: Option<&'a crate::brand::Brand>,
}

/// Bleed beyond the trim on every side of a card's own PDF.
pub const BLEED_MM: f64 = 3.0;
/// Room outside the bleed for the crop marks (the MediaBox is trim + bleed + slug).
pub const SLUG_MM: f64 = 6.0;
/// A card PDF's crop marks start this far outside the bleed and are this long.
pub const PDF_MARK_OFFSET_MM: f64 = 1.0;
pub const PDF_MARK_LENGTH_MM: f64 = 4.0;

/// Points per millimetre.
pub const PT_PER_MM: f64 = 72.0 / 25.4;

/// A card's own PDF: the front on page 1 and the back on page 2, each the card's trim size
/// plus bleed and room for crop marks. `size` is the card's own size, or another to print it at.
pub fn card_pdf(card: &PrintCard, size: CardSize, ctx: &PdfContext) -> Result<Vec<u8>, Diagnostic> {
    Kit::load(ctx)?.card(card, size, ctx)
}

/// Every card's PDF as `kort/ID.pdf` and the A4 sheet of all cards as `kort/kort-a4.pdf`
/// (made in parallel, with the fonts and designs loaded once), and the problems found. A
/// card that fails is left out of the sheet (its own error says why).
pub fn card_files(cards: &[PrintCard], ctx: &PdfContext) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    if cards.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let kit = match Kit::load(ctx) {
        Ok(kit) => kit,
        Err(e) => return (Vec::new(), vec![e]),
    };
    // The sheet is made alongside the cards; if some card fails, it is made again without
    // the cards that failed (their own errors say why), so that nothing is reported twice.
    let (results, sheet) = rayon::join(
        || {
            cards
                .par_iter()
                .map(|card| {
                    kit.card(card, card.size, ctx).map(|pdf| (format!("{}{}.pdf", super::CARDS_DIR, card.id), pdf))
                })
                .collect::<Vec<_>>()
        },
        || kit.sheet(cards, ctx),
    );
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    let mut failed = Vec::new();
    for (card, result) in cards.iter().zip(results) {
        match result {
            Ok(file) => files.push(file),
            Err(e) => {
                diagnostics.push(e);
                failed.push(card.id.as_str());
            }
        }
    }
    let sheet = match sheet {
        Err(_) if !failed.is_empty() => {
            let fitting: Vec<PrintCard> = cards.iter().filter(|c| !failed.contains(&c.id.as_str())).cloned().collect();
            (!fitting.is_empty()).then(|| kit.sheet(&fitting, ctx))
        }
        sheet => Some(sheet),
    };
    match sheet {
        Some(Ok(pdf)) => files.push((SHEET_PDF.to_string(), pdf)),
        Some(Err(e)) => diagnostics.push(e),
        None => {}
    }
    (files, diagnostics)
}

// ---- The data the designs read ----

/// One card as the designs see it: the card's own fields and where it is printed.
#[derive(Serialize)]
struct Entry<'a> {
    card: &'a PrintCard,
    /// The size it is printed at (may differ from the card's own).
    size: PrintSize,
    url: Option<String>,
    short_url: Option<String>,
    /// The QR code's file, for `image(…)`.
    qr: Option<String>,
    /// The site's brand (`brand:` in site.yaml); absent without one, so that the data (and
    /// the PDF) of an unbranded site stays as it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    brand: Option<BrandData>,
}

/// A card size as the designs see it: its name (the key of `styles` in card.typ), its name
/// for people and its trim size in millimetres.
#[derive(Serialize)]
struct PrintSize {
    name: &'static str,
    label: String,
    width: f64,
    height: f64,
}

#[derive(Serialize)]
struct CardData<'a> {
    site_title: &'a str,
    print: CardPrint,
    card: Entry<'a>,
}

#[derive(Serialize)]
struct CardPrint {
    bleed: f64,
    slug: f64,
    mark_offset: f64,
    mark_length: f64,
}

#[derive(Serialize)]
struct SheetData<'a> {
    site_title: &'a str,
    print: SheetPrint,
    cards: Vec<Entry<'a>>,
    sheets: Vec<SheetPages>,
}

#[derive(Serialize)]
struct SheetPrint {
    mark_offset: f64,
    mark_length: f64,
}

#[derive(Serialize)]
struct SheetPages {
    size: CardSize,
    rotated: bool,
    slot: (f64, f64),
    fronts: Vec<Place>,
    backs: Vec<Place>,
}

#[derive(Serialize)]
struct Place {
    card: usize,
    x: f64,
    y: f64,
}

/// What a design's overflow check reports (see `check` in card.typ).
#[derive(Deserialize)]
struct Overflow {
    card: String,
    faces: Vec<FaceOverflow>,
}

#[derive(Deserialize)]
struct FaceOverflow {
    side: String,
    mm: f64,
}

const OVERFLOW_MARKER: &str = "trappa-overflow ";

// ---- The designs ----

/// The typesetter and the cards' two designs, loaded once per build and shared by all compiles.
struct Kit {
    typesetter: Typesetter,
    card_main: Source,
    sheet_main: Source,
}

impl Kit {
    fn load(ctx: &PdfContext) -> Result<Kit, Diagnostic> {
        let typesetter = Typesetter::load(Sources { root: ctx.root, theme: ctx.theme, brand: ctx.brand })?;
        Ok(Kit {
            typesetter,
            card_main: main_source("/trappa-card.typ", "card.typ", "card.json"),
            sheet_main: main_source("/trappa-sheet.typ", "sheet.typ", "sheet.json"),
        })
    }

    fn entry<'a>(
        &self,
        card: &'a PrintCard,
        size: CardSize,
        index: usize,
        ctx: &PdfContext,
        qr: &mut Vec<(FileId, Bytes)>,
    ) -> Entry<'a> {
        let url = card.online_url(ctx.base_url);
        let qr_file = url.as_deref().and_then(|url| super::qr_svg(url, &card.title)).map(|svg| {
            let name = format!("qr/{index}.svg");
            qr.push((file_id(&name), Bytes::new(svg.into_bytes())));
            name
        });
        let brand = ctx.brand.map(|brand| self.typesetter.brand_data(brand, qr));
        let (width, height) = size.millimetres();
        Entry {
            brand,
            card,
            size: PrintSize { name: size.name(), label: size.label(), width, height },
            short_url: url.as_deref().map(|u| super::short_url(u).to_string()),
            url,
            qr: qr_file,
        }
    }

    fn card(&self, card: &PrintCard, size: CardSize, ctx: &PdfContext) -> Result<Vec<u8>, Diagnostic> {
        if let Some(problem) = self.glyph_problem(card) {
            return Err(problem);
        }
        let mut qr = Vec::new();
        let data = CardData {
            site_title: ctx.site_title,
            print: CardPrint {
                bleed: BLEED_MM,
                slug: SLUG_MM,
                mark_offset: PDF_MARK_OFFSET_MM,
                mark_length: PDF_MARK_LENGTH_MM,
            },
            card: self.entry(card, size, 0, ctx, &mut qr),
        };
        let json = serde_json::to_vec(&data).expect("card data serializes");
        let world = PrintWorld::new(&self.typesetter, &self.card_main, "/card.json", json, qr);
        let pdf = compile(&world, &card.id, std::slice::from_ref(card), Some(size), "card.typ")?;
        add_bleed_box(&pdf, BLEED_MM * PT_PER_MM)
            .map_err(|e| Diagnostic::file(&card.source, format!("card `{}`: cannot finish the PDF: {e}", card.id)))
    }

    fn sheet(&self, cards: &[PrintCard], ctx: &PdfContext) -> Result<Vec<u8>, Diagnostic> {
        if let Some(problem) = cards.iter().find_map(|card| self.glyph_problem(card)) {
            return Err(problem);
        }
        let mut qr = Vec::new();
        let entries: Vec<Entry> =
            cards.iter().enumerate().map(|(i, card)| self.entry(card, card.size, i, ctx, &mut qr)).collect();
        let sheets = super::sheets(cards, None)
            .into_iter()
            .map(|sheet| {
                let layout = SheetLayout::for_size(sheet.size);
                let place = |slot: usize, card: usize| {
                    let (x, y) = layout.slot_origin(slot);
                    Place { card, x, y }
                };
                SheetPages {
                    size: sheet.size,
                    rotated: layout.rotated,
                    slot: layout.slot_mm,
                    fronts: sheet.cards.iter().enumerate().map(|(slot, card)| place(slot, *card)).collect(),
                    backs: sheet
                        .cards
                        .iter()
                        .enumerate()
                        .map(|(slot, card)| place(layout.back_slot(slot), *card))
                        .collect(),
                }
            })
            .collect();
        let data = SheetData {
            site_title: ctx.site_title,
            print: SheetPrint { mark_offset: CROP_MARK_OFFSET_MM, mark_length: CROP_MARK_LENGTH_MM },
            cards: entries,
            sheets,
        };
        let json = serde_json::to_vec(&data).expect("sheet data serializes");
        let world = PrintWorld::new(&self.typesetter, &self.sheet_main, "/sheet.json", json, qr);
        compile(&world, "kort-a4", cards, None, "sheet.typ")
    }

    /// A character of the card that no font has, which would print as an empty box.
    fn glyph_problem(&self, card: &PrintCard) -> Option<Diagnostic> {
        let missing = card
            .texts()
            .flat_map(str::chars)
            .find(|c| !c.is_whitespace() && !c.is_control() && !self.typesetter.has_glyph(*c))?;
        Some(
            Diagnostic::new(
                &card.source,
                card.line,
                1,
                format!("card `{}`: no font of the print design has `{missing}` (U+{:04X})", card.id, missing as u32),
            )
            .with_hint("write it another way, or add a font that has it to the theme's static/fonts/"),
        )
    }
}

/// Typesets one card design and exports it as PDF; errors become diagnostics at the card (a
/// face too full) or at the design's line. `size` is the size the cards are printed at when
/// it is not their own.
fn compile(
    world: &PrintWorld,
    ident: &str,
    cards: &[PrintCard],
    size: Option<CardSize>,
    design: &str,
) -> Result<Vec<u8>, Diagnostic> {
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some("trappa".to_string())),
        ..Default::default()
    };
    world.typeset(&options).map_err(|errors| diagnostic(world, &errors, cards, size, design))
}

fn diagnostic(
    world: &PrintWorld,
    errors: &[SourceDiagnostic],
    cards: &[PrintCard],
    size: Option<CardSize>,
    design: &str,
) -> Diagnostic {
    if let Some(overflow) = errors.iter().find_map(|e| overflow(&e.message))
        && let Some(card) = cards.iter().find(|c| c.id == overflow.card)
    {
        return overflow_diagnostic(card, &overflow, size.unwrap_or(card.size));
    }
    world.diagnostic(errors, design)
}

fn overflow(message: &str) -> Option<Overflow> {
    let json = &message[message.find(OVERFLOW_MARKER)? + OVERFLOW_MARKER.len()..];
    serde_json::from_str(json).ok()
}

/// "card `x`: the back is 12.4 mm too tall for A6 (105 × 148 mm)".
fn overflow_diagnostic(card: &PrintCard, overflow: &Overflow, size: CardSize) -> Diagnostic {
    let faces: Vec<String> = overflow
        .faces
        .iter()
        .map(|face| {
            let side = if face.side == "front" { "front" } else { "back" };
            format!("the {side} is {:.1} mm", (face.mm * 10.0).ceil() / 10.0)
        })
        .collect();
    Diagnostic::new(
        &card.source,
        card.line,
        1,
        format!("card `{}`: {} too tall for {}", card.id, faces.join(" and "), size.label()),
    )
    .with_hint("shorten the text, or choose a larger `size:`")
}

/// Adds a BleedBox `bleed` points outside the TrimBox to every page. typst 0.15 writes the
/// MediaBox (trim + its page `bleed`, which here also holds the crop marks) and a TrimBox,
/// but has no BleedBox; print shops' preflight wants one, so lopdf adds it.
fn add_bleed_box(pdf: &[u8], bleed: f64) -> Result<Vec<u8>, lopdf::Error> {
    use lopdf::{Document, Object};
    let mut document = Document::load_mem(pdf)?;
    let pages: Vec<lopdf::ObjectId> = document.get_pages().into_values().collect();
    for id in pages {
        let page = document.get_object_mut(id)?.as_dict_mut()?;
        let trim: Vec<f64> =
            page.get(b"TrimBox")?.as_array()?.iter().map(|n| n.as_float().map(f64::from)).collect::<Result<_, _>>()?;
        let [left, bottom, right, top] = trim[..] else { return Err(lopdf::Error::DictKey("TrimBox".into())) };
        let bleed_box = [left - bleed, bottom - bleed, right + bleed, top + bleed];
        page.set("BleedBox", Object::Array(bleed_box.iter().map(|v| Object::Real(*v as f32)).collect()));
    }
    let mut out = Vec::with_capacity(pdf.len() + 256);
    document.save_to(&mut out)?;
    Ok(out)
}
