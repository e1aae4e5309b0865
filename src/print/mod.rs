//! Typesetting with typst (as a library), shared by the cards and the book: the theme's print
//! designs (`print/*.typ`, which a site overrides file by file), the theme's and the brand's
//! fonts, and a [`PrintWorld`] that serves a design, its JSON data and any images from memory;
//! errors in a designer's `.typ` file are reported at that file and line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use serde::Serialize;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{DiagSpan, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

pub use typst_pdf::PdfOptions;

use crate::brand::Brand;
use crate::diagnostics::Diagnostic;
use crate::theme;

/// Where the designs and fonts come from: the site's folder, its theme and its brand.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub root: &'a Path,
    pub theme: &'a str,
    pub brand: Option<&'a Brand>,
}

/// Everything a compile needs that does not depend on what is typeset: the fonts and the
/// parsed designs. Made once per build and shared by all compiles.
pub struct Typesetter {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// The brand font's family as typst knows it (from the font's name table), when the site
    /// has one.
    brand_family: Option<String>,
    /// The designs and the files they may load, by typst file id, with the path an author
    /// knows them by; `.typ` files parsed once here.
    files: HashMap<FileId, (PathBuf, Bytes)>,
    sources: HashMap<FileId, Source>,
}

/// typst's standard library: the same for every compile.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The default theme's fonts, parsed once per process.
static DEFAULT_FONTS: LazyLock<Vec<Font>> = LazyLock::new(|| {
    theme::DEFAULT_STATIC
        .iter()
        .filter(|(name, _)| name.ends_with(".ttf"))
        .flat_map(|(_, bytes)| Font::iter(Bytes::new(*bytes)))
        .collect()
});

/// The typst file id of one of trappa's own files (`/card.json`, `qr/1.svg`).
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("trappa's own file names are valid typst paths");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// A main file that imports `design` and calls its `design` function with the JSON `data`.
pub fn main_source(name: &str, design: &str, data: &str) -> Source {
    Source::new(
        file_id(name),
        format!("#import \"{design}\"\n#{}.design(json(\"{data}\"))\n", design.trim_end_matches(".typ")),
    )
}

/// The brand as the designs see it: its primary colour, the logo's file and the font's
/// family, each when set.
#[derive(Serialize)]
pub struct BrandData {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
}

impl Typesetter {
    pub fn load(from: Sources) -> Result<Typesetter, Diagnostic> {
        let mut fonts: Vec<Font> = Vec::new();
        for (path, bytes) in theme::print_fonts(from.root, from.theme)? {
            let default = theme::DEFAULT_STATIC.iter().any(|(_, b)| *b == bytes.as_slice());
            if default {
                continue;
            }
            let before = fonts.len();
            fonts.extend(Font::iter(Bytes::new(bytes)));
            if fonts.len() == before {
                return Err(Diagnostic::file(path, "not a font typst can read")
                    .with_hint("use a TrueType (.ttf) or OpenType (.otf) font"));
            }
        }
        let brand_family = match from.brand.and_then(|brand| brand.font.as_ref()) {
            Some(font) => {
                let brand_fonts: Vec<Font> =
                    font.print_files().flat_map(|bytes| Font::iter(Bytes::new(bytes.to_vec()))).collect();
                let family = brand_fonts.first().map(|f| f.info().family.clone()).ok_or_else(|| {
                    Diagnostic::file(crate::config::CONFIG_FILE, "the brand's print font is not a font typst can read")
                        .with_hint("export it again as TrueType (.ttf) or OpenType (.otf)")
                })?;
                fonts.extend(brand_fonts);
                Some(family)
            }
            None => None,
        };
        fonts.extend(DEFAULT_FONTS.iter().cloned());
        let book = LazyHash::new(FontBook::from_fonts(&fonts));

        let mut files = HashMap::new();
        let mut sources = HashMap::new();
        for (name, (path, bytes)) in theme::print_files(from.root, from.theme)? {
            let Ok(vpath) = VirtualPath::new(&name) else { continue };
            let id = RootedPath::new(VirtualRoot::Project, vpath).intern();
            if name.ends_with(".typ") {
                let text = String::from_utf8(bytes.clone())
                    .map_err(|_| Diagnostic::file(&path, "the print design is not UTF-8 text"))?;
                sources.insert(id, Source::new(id, text));
            }
            files.insert(id, (path, Bytes::new(bytes)));
        }
        Ok(Typesetter { book, fonts, brand_family, files, sources })
    }

    /// Feeds everything a compile reads besides its data (the designs and the fonts) to
    /// `hasher`: with the data, what says whether a document would come out the same.
    pub fn hash_into(&self, hasher: &mut impl std::hash::Hasher) {
        let mut files: Vec<&(PathBuf, Bytes)> = self.files.values().collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, bytes) in files {
            hasher.write(path.as_os_str().as_encoded_bytes());
            hasher.write(bytes.as_slice());
        }
        for font in &self.fonts {
            hasher.write(font.data().as_slice());
            hasher.write_u32(font.index());
        }
    }

    /// Whether some font of the designs has `c` (else it prints as an empty box).
    pub fn has_glyph(&self, c: char) -> bool {
        self.fonts.iter().any(|f| f.info().coverage.contains(c as u32))
    }

    /// The site's brand as the designs read it; its logo, when it has one, is added to `files`.
    pub fn brand_data(&self, brand: &Brand, files: &mut Vec<(FileId, Bytes)>) -> BrandData {
        BrandData {
            primary: brand.primary.map(|c| c.hex()),
            logo: brand.logo.as_ref().map(|logo| {
                let name = format!("brand/logo.{}", logo.kind.extension());
                if !files.iter().any(|(id, _)| *id == file_id(&name)) {
                    files.push((file_id(&name), Bytes::new(logo.bytes.clone())));
                }
                name
            }),
            font: self.brand_family.clone(),
        }
    }

    /// The author's path of a typst file (a design) and the 1-based line and column of `byte`.
    fn locate(&self, world: &PrintWorld, id: FileId, byte: usize) -> Option<(PathBuf, usize, usize)> {
        let (path, _) = self.files.get(&id)?;
        let source = world.source(id).ok()?;
        let lines = source.lines();
        let line = lines.byte_to_line(byte).map_or(1, |l| l + 1);
        let col = lines.byte_to_column(byte).map_or(1, |c| c + 1);
        Some((path.clone(), line, col))
    }

    /// The path an author knows the design `name` by.
    pub fn design_path(&self, name: &str) -> PathBuf {
        self.files.get(&file_id(name)).map(|(path, _)| path.clone()).unwrap_or_else(|| name.into())
    }
}

/// The files of one compile: the typesetter's, the main file, the data and any further files
/// (QR codes, the logo, pictures).
pub struct PrintWorld<'a> {
    typesetter: &'a Typesetter,
    main: &'a Source,
    data: (FileId, Bytes),
    more: Vec<(FileId, Bytes)>,
}

impl<'a> PrintWorld<'a> {
    pub fn new(
        typesetter: &'a Typesetter,
        main: &'a Source,
        data_path: &str,
        data: Vec<u8>,
        more: Vec<(FileId, Bytes)>,
    ) -> Self {
        PrintWorld { typesetter, main, data: (file_id(data_path), Bytes::new(data)), more }
    }

    /// Typesets the main file and exports it as PDF with `options`; the errors as typst gives
    /// them (a warning about a font family no font has among them: it would print in another).
    pub fn typeset(&self, options: &PdfOptions) -> Result<Vec<u8>, Vec<SourceDiagnostic>> {
        let warned = typst::compile::<PagedDocument>(self);
        let mut errors: Vec<SourceDiagnostic> = match warned.output {
            Ok(document) => return typst_pdf::pdf(&document, options).map_err(|errors| errors.to_vec()),
            Err(errors) => errors.to_vec(),
        };
        errors.extend(warned.warnings.iter().filter(|w| w.message.contains("unknown font family")).cloned());
        Err(errors)
    }

    /// The first error as a diagnostic at the innermost place in a design file that led to
    /// it (else at the design `design`).
    pub fn diagnostic(&self, errors: &[SourceDiagnostic], design: &str) -> Diagnostic {
        let error = errors.iter().find(|e| e.severity == Severity::Error).or(errors.first());
        let Some(error) = error else {
            return Diagnostic::file(self.typesetter.design_path(design), "typst could not typeset the print design");
        };
        let (path, line, col) = std::iter::once(error.span)
            .chain(error.trace.iter().map(|t| DiagSpan::from(t.span)))
            .find_map(|span| self.typesetter.locate(self, span.id()?, self.range(span)?.start))
            .unwrap_or_else(|| (self.typesetter.design_path(design), 1, 1));
        let mut diagnostic = Diagnostic::new(path, line, col, format!("print design: {}", error.message));
        let hints: Vec<&str> = error.hints.iter().map(|h| h.v.as_str()).collect();
        if !hints.is_empty() {
            diagnostic = diagnostic.with_hint(hints.join("; "));
        }
        diagnostic
    }
}

impl World for PrintWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.typesetter.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        match self.typesetter.sources.get(&id) {
            Some(source) => Ok(source.clone()),
            None if self.typesetter.files.contains_key(&id) || id == self.data.0 => Err(FileError::NotSource),
            None => Err(FileError::NotFound(id.vpath().get_with_slash().into())),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data.0 {
            return Ok(self.data.1.clone());
        }
        if let Some((_, bytes)) = self.more.iter().find(|(more, _)| *more == id) {
            return Ok(bytes.clone());
        }
        match self.typesetter.files.get(&id) {
            Some((_, bytes)) => Ok(bytes.clone()),
            None => Err(FileError::NotFound(id.vpath().get_with_slash().into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.typesetter.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
