//! The material as one printed book (PDF/UA-1), typeset by typst from the theme's design
//! `print/book.typ`: the whole site, a reading path or a plan's day, made from the bodies
//! the Markdown stage already read (`PageBody::print`) and the components' views.

pub mod command;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use typst::foundations::{Bytes, Smart};
use typst::syntax::FileId;

use crate::components::{Block, CalloutKind, FormView, View, file_named};
use crate::config::Config;
use crate::content::{Content, PageId, PerPage, SectionId};
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::index::SiteIndex;
use crate::markdown::PageBody;
use crate::output::WriteFn;
use crate::print::{BrandData, PdfOptions, PrintWorld, Sources, Typesetter, file_id, main_source};
use crate::web::plain_text as plain;

/// The design a site may override, as `themes/NAME/print/book.typ`.
pub const DESIGN: &str = "book.typ";

/// What a book is made from: the site after the assemble stage.
#[derive(Clone, Copy)]
pub struct Shelf<'a> {
    pub content: &'a Content,
    pub bodies: &'a PerPage<Arc<PageBody>>,
    pub index: &'a SiteIndex,
    pub config: &'a Config,
    pub strings: &'static Strings,
    pub root: &'a Path,
}

/// Which book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Which {
    Whole,
    Path(String),
    Plan(String),
}

impl Which {
    /// Its file in the output, relative to the site's root (`bok/lasvag-ny.pdf`).
    pub fn file(&self, strings: &Strings) -> String {
        match self {
            Which::Whole => strings.files.book_whole.to_string(),
            Which::Path(id) => file_named(strings.files.book_path, id),
            Which::Plan(id) => file_named(strings.files.book_plan, id),
        }
    }
}

/// The books a build writes: the whole site's (when [`Content::whole_book_fits`](crate::content::Content::whole_book_fits)), and one per
/// reading path and per plan.
pub fn planned(shelf: &Shelf) -> Vec<Which> {
    let whole = shelf.content.whole_book_fits().then_some(Which::Whole);
    let paths = shelf.index.reading_paths.iter().map(|p| Which::Path(p.id.clone()));
    let plans = shelf.index.day_plans.iter().map(|p| Which::Plan(p.id.clone()));
    whole.into_iter().chain(paths).chain(plans).collect()
}

/// Typesets every planned book (in parallel, the typesetter loaded once) and hands each to
/// `write`; a book that `previous` (the output being replaced) holds made from the same data,
/// designs and fonts is taken from there instead. Returns (files written, problems).
pub fn write(shelf: &Shelf, write: &WriteFn<'_>, previous: Option<&Path>) -> (usize, Vec<Diagnostic>) {
    let books = planned(shelf);
    if books.is_empty() {
        return (0, Vec::new());
    }
    let typesetter = match typesetter(shelf) {
        Ok(t) => t,
        Err(e) => return (0, vec![e]),
    };
    let results: Vec<Result<(), Diagnostic>> = books
        .par_iter()
        .map(|which| {
            let file = which.file(shelf.strings);
            let book = Prepared::new(shelf, &typesetter, which)?;
            let pdf = match previous.and_then(|dir| std::fs::read(dir.join(&file)).ok()) {
                Some(old) if book.made(&old) => old,
                _ => book.typeset(shelf, &typesetter, which)?,
            };
            write(&file, &pdf)
        })
        .collect();
    let files = results.iter().filter(|r| r.is_ok()).count();
    (files, results.into_iter().filter_map(Result::err).collect())
}

/// The fonts and designs of the site's theme and brand.
pub fn typesetter(shelf: &Shelf) -> Result<Typesetter, Diagnostic> {
    Typesetter::load(Sources { root: shelf.root, theme: &shelf.config.theme, brand: shelf.config.brand.as_ref() })
}

/// One book as PDF bytes; an error when the site has no such path or plan, or typst fails.
pub fn typeset(shelf: &Shelf, typesetter: &Typesetter, which: &Which) -> Result<Vec<u8>, Diagnostic> {
    Prepared::new(shelf, typesetter, which)?.typeset(shelf, typesetter, which)
}

/// A book's data and files, ready to typeset, and the key that names what it is made from.
struct Prepared {
    json: Vec<u8>,
    files: Vec<(FileId, Bytes)>,
    /// `trappa-input-HASH`, which the design writes into the PDF's keywords: a book made from
    /// the same is the same, and a build takes it from the output it replaces.
    key: String,
}

impl Prepared {
    fn new(shelf: &Shelf, typesetter: &Typesetter, which: &Which) -> Result<Prepared, Diagnostic> {
        use std::hash::Hasher;
        let (mut contents, mut files) = contents(shelf, typesetter, which)?;
        files.extend(pictures(shelf, &contents.chapters)?);
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.write(&serde_json::to_vec(&contents).expect("the book's data serializes"));
        for (id, bytes) in &files {
            hasher.write(id.vpath().get_with_slash().as_bytes());
            hasher.write(bytes.as_slice());
        }
        typesetter.hash_into(&mut hasher);
        let key = format!("trappa-input-{:016x}", hasher.finish());
        contents.key.clone_from(&key);
        let json = serde_json::to_vec(&contents).expect("the book's data serializes");
        Ok(Prepared { json, files, key })
    }

    /// Whether `pdf` is this book, made before.
    fn made(&self, pdf: &[u8]) -> bool {
        memchr::memmem::find(pdf, self.key.as_bytes()).is_some()
    }

    fn typeset(self, shelf: &Shelf, typesetter: &Typesetter, which: &Which) -> Result<Vec<u8>, Diagnostic> {
        let main = main_source("/trappa-book.typ", DESIGN, "book.json");
        let world = PrintWorld::new(typesetter, &main, "/book.json", self.json, self.files);
        let options = PdfOptions {
            ident: Smart::Custom(which.file(shelf.strings)),
            creator: Smart::Custom(Some("trappa".to_string())),
            standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::Ua_1])
                .expect("PDF/UA-1 alone is a valid set of standards"),
            ..Default::default()
        };
        world.typeset(&options).map_err(|errors| {
            let mut d = world.diagnostic(&errors, DESIGN);
            d.message = format!("the book `{}`: {}", which.file(shelf.strings), d.message);
            d
        })
    }
}

// ---- The data the design reads ----

#[derive(Serialize)]
struct Contents<'a> {
    title: String,
    /// The site's title under a path's or plan's book title.
    subtitle: Option<&'a str>,
    lang: &'a str,
    strings: BTreeMap<&'static str, &'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    brand: Option<BrandData>,
    /// A component drawn after the table of contents: a path's steps or a plan's agenda.
    opening: Option<PrintComponent>,
    chapters: Vec<Chapter<'a>>,
    /// The label of each page in the book (`"12"`) and of each heading on it
    /// (`"12#brist-pa-tid"`): a link to one is a page reference (to a component, its page's).
    labels: BTreeMap<String, String>,
    /// What the book is made from, as the PDF's keywords (see [`Prepared`]).
    key: String,
}

#[derive(Serialize)]
struct Chapter<'a> {
    page: PageId,
    /// Its heading's level: 1 for a top section (or a path's or plan's chapter), deeper inside.
    level: u8,
    /// A top section of the whole site: starts on a right-hand page.
    part: bool,
    title: &'a str,
    lead: &'a str,
    label: String,
    sources: &'a [String],
    blocks: &'a serde_json::value::RawValue,
    components: Vec<PrintComponent>,
}

/// A component as print draws it: its words as plain text.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum PrintComponent {
    Checklist { title: Option<String>, intro: Option<String>, items: Vec<ListEntry> },
    Staircase { title: Option<String>, intro: Option<String>, steps: Vec<StairStep> },
    Card { title: String, front: Vec<Block>, back: Vec<Block> },
    Form { title: String, intro: Option<String>, sections: Vec<FormSection>, bands: Vec<Band> },
    Callout { label: &'static str, title: Option<String>, text: String },
    Timeline { title: Option<String>, items: Vec<Phase> },
    Path { title: String, minutes: u32, steps: Vec<PathStep> },
    Plan { title: String, start: String, end: String, total: u32, blocks: Vec<AgendaRow> },
    Glossary { terms: Vec<GlossaryTerm> },
}

#[derive(Serialize)]
struct ListEntry {
    text: String,
    points: Vec<String>,
}

#[derive(Serialize)]
struct StairStep {
    number: usize,
    title: String,
    text: Option<String>,
    question: Option<String>,
}

#[derive(Serialize)]
struct FormSection {
    title: Option<String>,
    intro: Option<String>,
    questions: Vec<Question>,
}

#[derive(Serialize)]
struct Question {
    /// tick, choice, scale, step or text.
    kind: crate::components::FormKind,
    text: String,
    help: Option<String>,
    options: Vec<String>,
}

#[derive(Serialize)]
struct Band {
    scores: String,
    text: String,
}

#[derive(Serialize)]
struct Phase {
    when: String,
    title: String,
    text: Option<String>,
}

#[derive(Serialize)]
struct PathStep {
    number: usize,
    title: String,
    minutes: u32,
    /// The step page's label in the book.
    label: String,
}

#[derive(Serialize)]
struct AgendaRow {
    start: String,
    end: String,
    minutes: u32,
    title: String,
    kind: crate::components::BlockKind,
    group_size: Option<String>,
    label: Option<String>,
}

#[derive(Serialize)]
struct GlossaryTerm {
    term: String,
    definition: String,
}

/// The words the design prints, in the site's language.
const STRINGS: &[&str] = &[
    "book_contents",
    "book_page_ref",
    "book_page",
    "book_agenda",
    "book_minutes",
    "book_notes",
    "book_from_site",
    "sources",
    "step",
    "minutes",
];

fn contents<'a>(
    shelf: &Shelf<'a>,
    typesetter: &Typesetter,
    which: &Which,
) -> Result<(Contents<'a>, Vec<(FileId, Bytes)>), Diagnostic> {
    let (content, strings) = (shelf.content, shelf.strings);
    let unknown = |kind: &str, id: &str| {
        Diagnostic::file(shelf.root, format!("no {kind} `{id}` in the site"))
            .with_hint(format!("give the id of a `{{{kind}}}` block"))
    };
    let (title, subtitle, pages, opening) = match which {
        Which::Whole => (shelf.config.title.clone(), None, whole_site(content), None),
        Which::Path(id) => {
            let path = shelf.index.reading_paths.iter().find(|p| &p.id == id).ok_or_else(|| unknown("path", id))?;
            let mut seen = HashSet::new();
            let pages = path.steps.iter().filter(|s| seen.insert(s.page)).map(|s| (s.page, 1, false)).collect();
            let opening = component_at(shelf, path.page, |v| matches!(v, View::Path(p) if &p.id == id));
            (strings.fill("book_path_title", &[&path.title]), Some(shelf.config.title.as_str()), pages, opening)
        }
        Which::Plan(id) => {
            let plan = shelf.index.day_plans.iter().find(|p| &p.id == id).ok_or_else(|| unknown("plan", id))?;
            let mut seen = HashSet::new();
            let pages =
                plan.block_pages.iter().flatten().filter(|p| seen.insert(**p)).map(|&p| (p, 1, false)).collect();
            let opening = component_at(shelf, plan.page, |v| matches!(v, View::Plan(p) if &p.id == id));
            let title = match &opening {
                Some(PrintComponent::Plan { title, .. }) => title.clone(),
                _ => id.clone(),
            };
            (strings.fill("book_plan_title", &[&title]), Some(shelf.config.title.as_str()), pages, opening)
        }
    };
    // In order: the data, and so the key made from it, are the same from one build to the next.
    let mut labels = BTreeMap::new();
    for &(page, ..) in &pages {
        let label = format!("c{}", page.number());
        let body = &shelf.bodies[page];
        for id in body.headings.iter().map(|h| &*h.id) {
            labels.insert(format!("{}#{id}", page.number()), format!("{label}-{id}"));
        }
        labels.insert(page.number().to_string(), label);
    }
    let label_of = |page: PageId| labels.get(&page.number().to_string()).cloned();
    let chapters = pages
        .iter()
        .map(|&(page, level, part)| {
            let source = &content.pages[page];
            let body = &shelf.bodies[page];
            Chapter {
                page,
                level,
                part,
                title: &source.front.title,
                lead: &source.front.description,
                label: format!("c{}", page.number()),
                sources: &source.front.sources,
                blocks: &body.print.blocks,
                components: body.placed.iter().map(|placed| print_component(shelf, &placed.view, &label_of)).collect(),
            }
        })
        .collect();
    let mut files = Vec::new();
    let brand = shelf.config.brand.as_ref().map(|brand| typesetter.brand_data(brand, &mut files));
    let contents = Contents {
        title,
        subtitle,
        lang: &shelf.config.language,
        strings: STRINGS.iter().map(|key| (*key, strings.get(key))).collect(),
        brand,
        opening,
        chapters,
        labels,
        key: String::new(),
    };
    Ok((contents, files))
}

/// Every page of the site in the order of its tree: the home page, then each top section's
/// own page (on a right-hand page) and its pages, its subsections one level deeper.
fn whole_site(content: &Content) -> Vec<(PageId, u8, bool)> {
    fn section(content: &Content, id: SectionId, level: u8, out: &mut Vec<(PageId, u8, bool)>) {
        let this = &content.sections[id];
        out.push((this.index_page, level, level == 1));
        out.extend(this.pages.iter().map(|&p| (p, level + 1, false)));
        for &sub in &this.subsections {
            section(content, sub, level + 1, out);
        }
    }
    let mut out = Vec::new();
    let root = &content.sections[Content::ROOT];
    out.push((root.index_page, 1, true));
    out.extend(root.pages.iter().map(|&p| (p, 2, false)));
    let tops = root.subsections.iter().copied().chain(
        // `exercises/` is a tree of its own beside `content/`.
        content.section_ids().filter(|&s| s != Content::ROOT && content.sections[s].parent.is_none()),
    );
    for top in tops {
        section(content, top, 1, &mut out);
    }
    out
}

/// The first component of `page` whose view `wanted` picks, as print draws it.
fn component_at(shelf: &Shelf, page: PageId, wanted: impl Fn(&View) -> bool) -> Option<PrintComponent> {
    let body = &shelf.bodies[page];
    let placed = body.placed.iter().find(|placed| wanted(&placed.view))?;
    let label_of = |page: PageId| Some(format!("c{}", page.number()));
    Some(print_component(shelf, &placed.view, &label_of))
}

fn print_component(shelf: &Shelf, view: &View, label_of: &dyn Fn(PageId) -> Option<String>) -> PrintComponent {
    let opt = |html: &Option<String>| html.as_deref().map(plain).filter(|t| !t.is_empty());
    match view {
        View::Checklist(c) => PrintComponent::Checklist {
            title: opt(&c.title_html),
            intro: opt(&c.intro_html),
            items: c.items.iter().map(|i| ListEntry { text: i.text.clone(), points: i.points.clone() }).collect(),
        },
        View::Staircase(s) => PrintComponent::Staircase {
            title: opt(&s.title_html),
            intro: opt(&s.intro_html),
            steps: s
                .steps
                .iter()
                .map(|step| StairStep {
                    number: step.number,
                    title: plain(&step.title_html),
                    text: opt(&step.text_html),
                    question: opt(&step.question_html),
                })
                .collect(),
        },
        View::Card(c) => {
            PrintComponent::Card { title: c.title.clone(), front: c.front_blocks.clone(), back: c.back_blocks.clone() }
        }
        View::Form(f) => form(f),
        View::Callout(c) => PrintComponent::Callout {
            label: shelf.strings.get(match c.kind {
                CalloutKind::Reflection => "callout_reflection",
                CalloutKind::Tip => "callout_tip",
                CalloutKind::Note => "callout_note",
                CalloutKind::Warning => "callout_warning",
                CalloutKind::Own => "callout_own",
            }),
            title: Some(plain(&c.title_html)).filter(|t| !t.is_empty()),
            text: plain(&c.text_html),
        },
        View::Timeline(t) => PrintComponent::Timeline {
            title: opt(&t.title_html),
            items: t
                .items
                .iter()
                .map(|p| Phase { when: plain(&p.when_html), title: plain(&p.title_html), text: opt(&p.text_html) })
                .collect(),
        },
        View::Path(p) => {
            let entry = shelf.index.reading_paths.iter().find(|e| e.id == p.id);
            PrintComponent::Path {
                title: p.title.clone(),
                minutes: p.minutes,
                steps: p
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(n, step)| PathStep {
                        number: step.number,
                        title: step.title.clone(),
                        minutes: step.minutes,
                        label: entry.and_then(|e| e.steps.get(n)).and_then(|s| label_of(s.page)).unwrap_or_default(),
                    })
                    .collect(),
            }
        }
        View::Plan(p) => {
            let entry = shelf.index.day_plans.iter().find(|e| e.id == p.id);
            PrintComponent::Plan {
                title: p.title.clone(),
                start: p.start.clone(),
                end: p.end.clone(),
                total: p.total,
                blocks: p
                    .blocks
                    .iter()
                    .enumerate()
                    .map(|(n, b)| AgendaRow {
                        start: b.start.clone(),
                        end: b.end.clone(),
                        minutes: b.minutes,
                        title: b.title.clone(),
                        kind: b.kind,
                        group_size: b.group_size.clone(),
                        label: entry.and_then(|e| *e.block_pages.get(n)?).and_then(label_of),
                    })
                    .collect(),
            }
        }
        View::Glossary(g) => PrintComponent::Glossary {
            terms: g
                .terms
                .iter()
                .map(|t| GlossaryTerm { term: plain(&t.term_html), definition: plain(&t.definition_html) })
                .collect(),
        },
    }
}

fn form(f: &FormView) -> PrintComponent {
    let questions = |qs: &[crate::components::QuestionView]| {
        qs.iter()
            .map(|q| Question {
                kind: q.kind,
                text: plain(&q.text_html),
                help: q.help_html.as_deref().map(plain),
                options: q.options.iter().map(|o| plain(&o.label_html)).collect(),
            })
            .collect()
    };
    let mut sections = Vec::new();
    if !f.questions.is_empty() {
        sections.push(FormSection { title: None, intro: None, questions: questions(&f.questions) });
    }
    sections.extend(f.sections.iter().map(|s| FormSection {
        title: Some(plain(&s.title_html)),
        intro: s.intro_html.as_deref().map(plain),
        questions: questions(&s.questions),
    }));
    PrintComponent::Form {
        title: plain(&f.title_html),
        intro: f.intro_html.as_deref().map(plain),
        sections,
        bands: f.bands.items.iter().map(|b| Band { scores: b.scores.clone(), text: plain(&b.text_html) }).collect(),
    }
}

/// The pictures the chapters show, read from the site's folder for the design (`img/URL`).
fn pictures<'a>(shelf: &Shelf<'a>, chapters: &[Chapter]) -> Result<Vec<(FileId, Bytes)>, Diagnostic> {
    let mut urls: Vec<&'a str> =
        chapters.iter().flat_map(|c| shelf.bodies[c.page].print.pictures.iter().map(String::as_str)).collect();
    urls.sort_unstable();
    urls.dedup();
    let sources: HashMap<&str, &Path> =
        shelf.content.assets.iter().map(|a| (a.url.as_str(), a.source.as_path())).collect();
    urls.into_iter()
        .filter_map(|url| Some((url, *sources.get(url)?)))
        .map(|(url, source)| {
            let bytes = std::fs::read(shelf.root.join(source))
                .map_err(|e| Diagnostic::file(source, format!("cannot read the picture: {e}")))?;
            Ok((file_id(&format!("img/{url}")), Bytes::new(bytes)))
        })
        .collect()
}
