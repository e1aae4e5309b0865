//! The material's building blocks, written as fenced ```` ```{name} ```` blocks with YAML
//! inside: checklist, staircase, card, form, callout, timeline, path and glossary. Each submodule parses and
//! validates its YAML (errors at the author's line) and makes a plain view of it, with its
//! Markdown rendered, that the theme's template `components/NAME.html` turns into HTML.

mod callout;
mod card;
mod checklist;
mod form;
mod glossary;
mod plan;
mod reading_path;
mod staircase;
mod timeline;

use std::path::Path;

use serde::de::DeserializeOwned;

pub use callout::{CalloutView, Kind as CalloutKind};
pub use card::{Block, CARDS_DIR, Card, CardSize, CardView, ListItem, SHEET_PAGE, SHEET_PDF};
pub use checklist::{Checklist, ChecklistView, ItemView};
pub use form::{Form, FormView, Kind as FormKind, PART_SUFFIXES, QuestionView};
pub use glossary::{Glossary, GlossaryView, Term};
pub use plan::{
    BlockKind, DayLinkView, GUIDE_TEMPLATE, PACK_TEMPLATE, PLANNER_TEMPLATE, Plan, PlanBlock, PlanBlockView, PlanView,
    clock,
};
pub use reading_path::{CERTIFICATE_TEMPLATE, PathView, ReadingPath, SUMMARY_TEMPLATE, StepForm};
pub use staircase::{Staircase, StaircaseView};
pub use timeline::TimelineView;

use crate::diagnostics::{self, Diagnostic, nearest};
use crate::i18n::Strings;

/// Makes, from one table of the component kinds (each a block name, its model and its view),
/// the list of names, the two enums, each component's name and the parsing of a block by
/// name: a kind is added or renamed in one place. What differs by kind (ids, titles, views)
/// is matched below, exhaustively, so the compiler names every place a new kind needs.
macro_rules! component_kinds {
    ($($kind:ident($model:ty, $view:ty) = $name:literal),* $(,)?) => {
        /// Every block name, in the order the README lists them.
        pub const NAMES: &[&str] = &[$($name),*];

        /// A component as its template sees it (`c` in `components/NAME.html`).
        #[derive(Debug, Clone, serde::Serialize)]
        #[serde(untagged)]
        pub enum View {
            $($kind($view)),*
        }

        #[derive(Debug, Clone)]
        pub enum Component {
            $($kind($model)),*
        }

        impl Component {
            /// The name of its block and of its template (`components/NAME.html`).
            pub fn name(&self) -> &'static str {
                match self {
                    $(Component::$kind(_) => $name),*
                }
            }

            /// The component a block named `name` holds, its YAML read by `read`; `None` for
            /// a name that is no component.
            fn read_named(name: &str, read: impl YamlReader) -> Option<Result<Component, Diagnostic>> {
                match name {
                    $($name => Some(read.read().map(Component::$kind)),)*
                    _ => None,
                }
            }
        }
    };
}

component_kinds! {
    Checklist(Checklist, ChecklistView) = "checklist",
    Staircase(Staircase, StaircaseView) = "staircase",
    Card(Card, CardView) = "card",
    Form(Form, FormView) = "form",
    Callout(callout::Callout, CalloutView) = "callout",
    Timeline(timeline::Timeline, TimelineView) = "timeline",
    Path(ReadingPath, PathView) = "path",
    Plan(Plan, PlanView) = "plan",
    Glossary(Glossary, GlossaryView) = "glossary",
}

/// Reads a block's YAML as whichever model its name asks for.
trait YamlReader {
    fn read<T: DeserializeOwned>(self) -> Result<T, Diagnostic>;
}

/// How a component turns its text fields into HTML; implemented by the Markdown stage so
/// links inside components resolve like links in the page.
pub trait Markup {
    /// Markdown with paragraphs.
    fn block(&mut self, text: &str) -> String;
    /// A short Markdown text without the wrapping paragraph.
    fn inline(&mut self, text: &str) -> String;
    /// Markdown with paragraphs, and the same text as a printed card shows it.
    fn face(&mut self, text: &str) -> (String, Vec<Block>);
    /// A short Markdown text without the wrapping paragraph, and its words without markup.
    fn inline_text(&mut self, text: &str) -> (String, String);
    /// A link destination written to a source file → output URL.
    fn link(&mut self, dest: &str) -> String;
    /// The relative way from the page being rendered back to the site's root (`../../`), for
    /// links to generated pages such as a card's own page.
    fn root(&self) -> String;
    /// Where a link destination leads, in words for its link text (the page's title).
    fn link_title(&mut self, dest: &str) -> String;
    fn strings(&self) -> &'static Strings;
    /// A diagnostic at the line of the block that contains `needle`.
    fn diagnostic(&self, needle: &str, message: String, hint: &str) -> Diagnostic;
    /// What the front matter of the page a link destination leads to says, if it is a page.
    fn page_facts(&mut self, dest: &str) -> Option<PageFacts>;
    /// Reports a problem that does not stop the component (a warning) with the page's own.
    fn warn(&mut self, diagnostic: Diagnostic);
}

/// A page's front matter as another page's component uses it (a plan its exercises).
#[derive(Debug, Clone)]
pub struct PageFacts {
    pub title: String,
    pub is_exercise: bool,
    pub duration: Option<u32>,
    pub group_size: Option<String>,
    pub materials: Vec<String>,
}

/// A component's place among its page's components (see [`PageComponents`]): with the
/// page's id, what names a component across the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ComponentId(usize);

/// The components of one page in order, with the line of their opening fence.
#[derive(Debug, Default, Clone)]
pub struct PageComponents {
    /// Read by place with [`ComponentId`] (`components[id]`).
    pub items: Vec<(usize, Component)>,
    /// The ids of the page's blocks that did not parse: what refers to them is not reported
    /// as missing, since the block's own error already says what to fix.
    pub unparsed_ids: Vec<String>,
}

impl PageComponents {
    /// Adds the page's next component, whose fence is on `line`.
    pub fn push(&mut self, line: usize, component: Component) -> ComponentId {
        self.items.push((line, component));
        ComponentId(self.items.len() - 1)
    }

    /// Each component's id, the line of its fence and the component, in order.
    pub fn enumerate(&self) -> impl Iterator<Item = (ComponentId, usize, &Component)> {
        self.items.iter().enumerate().map(|(i, (line, component))| (ComponentId(i), *line, component))
    }

    /// The line of the component's opening fence.
    pub fn line(&self, id: ComponentId) -> usize {
        self.items[id.0].0
    }

    pub fn staircase(&self, id: &str) -> Option<&Staircase> {
        self.items.iter().find_map(|(_, c)| match c {
            Component::Staircase(s) if s.id.as_deref() == Some(id) => Some(s),
            _ => None,
        })
    }
}

impl std::ops::Index<ComponentId> for PageComponents {
    type Output = Component;
    fn index(&self, id: ComponentId) -> &Component {
        &self.items[id.0].1
    }
}

/// The `id:` a block's YAML gives at its top level, read from its line (for a block that
/// did not parse).
pub fn declared_id(yaml: &str) -> Option<String> {
    let line = yaml.lines().nth(crate::web::key_line(yaml, "id")? - 1)?;
    let (_, value) = line.split_once(':')?;
    let value = value.split(" #").next()?.trim().trim_matches(|c| c == '"' || c == '\'');
    (!value.is_empty()).then(|| value.to_string())
}

/// Parses the YAML of a ```` ```{name} ```` block whose fence is on `fence_line`.
pub fn parse(name: &str, yaml: &str, path: &Path, fence_line: usize) -> Result<Component, Diagnostic> {
    struct Block<'a> {
        yaml: &'a str,
        path: &'a Path,
        fence_line: usize,
    }
    impl YamlReader for Block<'_> {
        fn read<T: DeserializeOwned>(self) -> Result<T, Diagnostic> {
            if self.yaml.trim().is_empty() {
                return Err(Diagnostic::new(self.path, self.fence_line, 1, "the component block is empty")
                    .with_hint("write the component's fields as YAML between the fences"));
            }
            serde_saphyr::from_str(self.yaml)
                .map_err(|e| diagnostics::from_yaml_error(self.path, self.fence_line, self.yaml, &e))
        }
    }
    Component::read_named(name, Block { yaml, path, fence_line }).unwrap_or_else(|| {
        let hint = match nearest(name, NAMES.iter().copied()) {
            Some(near) => format!("did you mean `{{{near}}}`? Components: {}", NAMES.join(", ")),
            None => format!("the components are: {}", NAMES.join(", ")),
        };
        Err(Diagnostic::new(path, fence_line, 4, format!("unknown component `{{{name}}}`")).with_hint(hint))
    })
}

impl Component {
    /// The `id` the component puts on the page, if any (usable as a link anchor).
    pub fn anchor(&self) -> Option<&str> {
        match self {
            Component::Checklist(c) => c.id.as_deref(),
            Component::Staircase(s) => s.id.as_deref(),
            Component::Card(c) => Some(&c.id),
            Component::Form(f) => Some(&f.id),
            Component::Path(p) => Some(&p.id),
            Component::Plan(p) => Some(&p.id),
            Component::Callout(_) | Component::Timeline(_) | Component::Glossary(_) => None,
        }
    }

    /// Every `id` the component puts on the page: its own, or each of a glossary's terms.
    pub fn anchors(&self) -> Vec<String> {
        match self {
            Component::Glossary(g) => g.terms.iter().map(Term::id).collect(),
            other => other.anchor().map(str::to_string).into_iter().collect(),
        }
    }

    /// The component's title as written (Markdown), if it has one; search indexes it as a
    /// heading.
    pub fn title(&self) -> Option<&str> {
        match self {
            Component::Checklist(c) => c.title.as_deref(),
            Component::Staircase(s) => s.title.as_deref(),
            Component::Card(c) => Some(&c.title),
            Component::Form(f) => Some(&f.title),
            Component::Callout(c) => c.title.as_deref(),
            Component::Timeline(t) => t.title.as_deref(),
            Component::Path(p) => Some(&p.title),
            Component::Plan(p) => Some(&p.title),
            Component::Glossary(g) => g.title.as_deref(),
        }
    }

    /// The component as its template sees it, its Markdown rendered by `markup`; an invalid
    /// component is an error at its line. `page` holds the components above it on its page.
    pub fn view(&self, markup: &mut dyn Markup, page: &PageComponents) -> Result<View, Diagnostic> {
        Ok(match self {
            Component::Checklist(c) => View::Checklist(c.view(markup)),
            Component::Staircase(s) => View::Staircase(s.view(markup)),
            Component::Card(c) => View::Card(c.view(markup)?),
            Component::Form(f) => View::Form(f.view(markup, page)?),
            Component::Callout(c) => View::Callout(c.view(markup)),
            Component::Timeline(t) => View::Timeline(t.view(markup)),
            Component::Path(p) => View::Path(p.view(markup)?),
            Component::Plan(p) => View::Plan(p.view(markup)?),
            Component::Glossary(g) => View::Glossary(g.view(markup)?),
        })
    }
}

/// An id that names a file of its own (a path's summary, a plan's guide and pack): letters
/// a–z, digits, `-` and `_` only.
pub fn is_plain_name(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The file of a component's page of its own: the language's `pattern` (`handledning-{}.html`)
/// with the component's id.
pub fn file_named(pattern: &str, id: &str) -> String {
    pattern.replace("{}", id)
}

/// A YAML field that may be written as a plain string or a list of strings.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match <OneOrMany as serde::Deserialize>::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// Markup that renders text as-is and links unchanged, for component unit tests. Pages
    /// named in `exercises` are exercises of that many minutes; warnings are kept.
    pub struct PlainMarkup {
        pub strings: &'static Strings,
        pub exercises: Vec<(&'static str, u32, Vec<&'static str>)>,
        pub warnings: Vec<Diagnostic>,
    }

    impl Markup for PlainMarkup {
        fn block(&mut self, text: &str) -> String {
            format!("<p>{text}</p>")
        }
        fn inline(&mut self, text: &str) -> String {
            text.to_string()
        }
        fn face(&mut self, text: &str) -> (String, Vec<Block>) {
            (format!("<p>{text}</p>"), vec![Block::Paragraph { text: text.to_string() }])
        }
        fn inline_text(&mut self, text: &str) -> (String, String) {
            (text.to_string(), text.to_string())
        }
        fn link(&mut self, dest: &str) -> String {
            dest.replace(".md", ".html")
        }
        fn root(&self) -> String {
            "../".into()
        }
        fn link_title(&mut self, dest: &str) -> String {
            dest.to_string()
        }
        fn strings(&self) -> &'static Strings {
            self.strings
        }
        fn diagnostic(&self, _needle: &str, message: String, hint: &str) -> Diagnostic {
            Diagnostic::new("t.md", 1, 1, message).with_hint(hint)
        }
        fn page_facts(&mut self, dest: &str) -> Option<PageFacts> {
            self.exercises.iter().find(|(name, ..)| *name == dest).map(|(name, minutes, materials)| PageFacts {
                title: name.trim_end_matches(".md").to_string(),
                is_exercise: true,
                duration: Some(*minutes),
                group_size: None,
                materials: materials.iter().map(|m| m.to_string()).collect(),
            })
        }
        fn warn(&mut self, diagnostic: Diagnostic) {
            self.warnings.push(diagnostic);
        }
    }

    pub fn plain() -> PlainMarkup {
        PlainMarkup { strings: crate::i18n::strings("sv"), exercises: Vec::new(), warnings: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_component_suggests_nearest() {
        let err = parse("checklista", "x: 1", Path::new("a.md"), 7).unwrap_err();
        assert_eq!(err.line, 7);
        assert!(err.message.contains("unknown component `{checklista}`"));
        assert!(err.hint.unwrap().contains("`{checklist}`"));
    }

    #[test]
    fn missing_field_is_reported_at_its_line() {
        let yaml = "title: T\nitems:\n  - text: a\n  - points: [b]\n";
        let err = parse("checklist", yaml, Path::new("a.md"), 10).unwrap_err();
        assert_eq!(err.line, 14, "{err}");
        assert!(err.message.contains("missing field `text`"));
    }
}
