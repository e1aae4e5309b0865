//! `trappa book`: the site built, then one book (the whole site, a reading path or a plan's
//! day) typeset into a file of the trainer's choice.

use std::path::PathBuf;

use super::Which;
use crate::content::{BOOK_BYTES_LIMIT, BOOK_PAGE_LIMIT};
use crate::diagnostics::Diagnostic;
use crate::site;

pub struct BookOptions {
    pub root: PathBuf,
    pub which: Which,
    /// The PDF file; `None`: the book's own name in the site's folder (`hela-materialet.pdf`).
    pub out: Option<PathBuf>,
    pub drafts: bool,
}

/// What was written: the file and its number of pages.
pub struct Written {
    pub path: PathBuf,
    pub pages: usize,
}

/// Builds the site (its content must have no errors) and writes the chosen book.
pub fn write_book(options: &BookOptions) -> Result<Written, Vec<Diagnostic>> {
    let site = site::assembled(&options.root, options.drafts)?;
    let setup = &site.setup;
    let shelf = site.shelf();
    let pages = site.content.pages.len();
    if options.which == Which::Whole && !site.content.whole_book_fits() {
        return Err(vec![
            Diagnostic::file(
                &options.root,
                format!("the site has {pages} pages: a book of the whole site is made for at most {BOOK_PAGE_LIMIT} pages and {BOOK_BYTES_LIMIT} bytes of Markdown"),
            )
            .with_hint("make the book of a reading path (`trappa book --path ID`) or of a plan's day (`--plan ID`)"),
        ]);
    }
    let typesetter = super::typesetter(&shelf).map_err(|d| vec![d])?;
    let pdf = super::typeset(&shelf, &typesetter, &options.which).map_err(|d| vec![d])?;
    let file = options.which.file(setup.strings);
    let path = options.out.clone().unwrap_or_else(|| options.root.join(file.rsplit('/').next().unwrap_or(&file)));
    let pages = lopdf::Document::load_mem(&pdf).map(|d| d.get_pages().len()).unwrap_or(0);
    // Written beside its place and renamed when whole: never half a book.
    let part = path.with_extension("pdf.part");
    std::fs::write(&part, &pdf)
        .and_then(|_| std::fs::rename(&part, &path))
        .map_err(|e| vec![Diagnostic::file(&path, format!("cannot write the book: {e}"))])?;
    Ok(Written { path, pages })
}
