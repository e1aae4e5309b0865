//! `trappa cards`: the site built, then its cards' print-ready PDFs written into a folder of
//! the trainer's choice (all cards or some, at their own size or one for all).

use std::path::{Path, PathBuf};

use super::PrintCard;
use super::pages::{PdfContext, pdf_context};
use crate::components::CardSize;
use crate::diagnostics::{Diagnostic, nearest};
use crate::site;

/// What `trappa cards` writes: the PDFs of the site's cards into `out`.
pub struct CardsOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Every card at this size instead of its own.
    pub size: Option<CardSize>,
    /// Only the cards with these ids (all when empty).
    pub only: Vec<String>,
}

/// Writes each chosen card as `ID.pdf` and their A4 sheet as `kort-a4.pdf` into `out`;
/// returns the number of files. The content must build without errors first.
pub fn write_card_pdfs(options: &CardsOptions) -> Result<usize, Vec<Diagnostic>> {
    let site = site::assembled(&options.root, false)?;
    let mut chosen = super::collect(&site.content, &site.bodies, &site.index);
    if let Some(unknown) = options.only.iter().find(|id| !chosen.iter().any(|card| &card.id == *id)) {
        let hint = match nearest(unknown, chosen.iter().map(|card| card.id.as_str())) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the cards are: {}", chosen.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")),
        };
        return Err(vec![Diagnostic::file(&options.root, format!("no card `{unknown}` in the site")).with_hint(hint)]);
    }
    chosen.retain(|card| options.only.is_empty() || options.only.contains(&card.id));
    if let Some(size) = options.size {
        chosen.iter_mut().for_each(|card| card.size = size);
    }
    pdf_files(&chosen, &pdf_context(&site.setup.config, &site.setup.root), &options.out)
}

#[cfg(feature = "pdf")]
fn pdf_files(chosen: &[PrintCard], context: &PdfContext, out: &Path) -> Result<usize, Vec<Diagnostic>> {
    let (files, diagnostics) = super::pdf::card_files(chosen, context);
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    std::fs::create_dir_all(out).map_err(|e| vec![Diagnostic::file(out, format!("cannot create the folder: {e}"))])?;
    let written: Vec<Diagnostic> = files
        .iter()
        .filter_map(|(rel, bytes)| {
            let path = out.join(rel.trim_start_matches(super::CARDS_DIR));
            std::fs::write(&path, bytes).err().map(|e| Diagnostic::file(&path, format!("cannot write the PDF: {e}")))
        })
        .collect();
    if written.is_empty() { Ok(files.len()) } else { Err(written) }
}

#[cfg(not(feature = "pdf"))]
fn pdf_files(_: &[PrintCard], _: &PdfContext, out: &Path) -> Result<usize, Vec<Diagnostic>> {
    Err(vec![
        Diagnostic::file(out, "this trappa was built without PDF support".to_string())
            .with_hint("build it with the default features (`cargo install --path .`, without --no-default-features)"),
    ])
}
