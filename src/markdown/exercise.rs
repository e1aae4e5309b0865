//! An exercise's parts, read from its body while the Markdown stage reads it (one pass, the
//! same events): the purpose (`## Syfte`), the steps (the numbered list under `## Så här gör
//! du`, each item's minutes from its trailing "(N minuter)") and what that section holds
//! besides them (statements to read out), the questions (the list under `## Frågor till
//! gruppen`), the tips (`## Tips`) and every other section (a case, the text before the first
//! heading) under its own heading. Nothing of the body is left out: each view (the guide, the
//! pack, the presenter) shows the parts it is for.
//!
//! A blockquote that starts "För utbildaren" (the language's `trainer_note`) is for the
//! trainer only: it becomes a note of the step it stands in, or of the exercise, shown in the
//! guide and the presenter's notes and never on the projector or in the pack.
//!
//! The parts keep their events, with the site's own links written from the site's root, so
//! that each part can be written as HTML for any page that shows it.

use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

use crate::components::DayLinkView;
use crate::content::Page;
use crate::diagnostics::{Diagnostic, Severity};
use crate::i18n::Strings;
use crate::web::{rebase_links, root_prefix, trailing_count};

/// What the data block (`trappa-exercise`) and the plans' views say about their shape.
pub const EXERCISE_VERSION: u32 = 1;

/// Stands in a part's events where one of the page's components is placed.
const COMPONENT_PLACE: &str = "\n";

/// A piece of an exercise's body as events, which of them are links to the site's own files
/// (their destinations written from the site's root), and where the page's components stand.
#[derive(Clone, Debug, Default)]
pub struct Part {
    events: Vec<Event<'static>>,
    site_links: Vec<usize>,
    /// (index in `events` of a component's place, the component's index among the placed).
    components: Vec<(usize, usize)>,
}

impl Part {
    fn push(&mut self, event: &Event, site_link: Option<&str>) {
        let mut event = event.clone().into_static();
        if let (Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }), Some(dest)) =
            (&mut event, site_link)
        {
            self.site_links.push(self.events.len());
            *dest_url = CowStr::from(dest.to_string());
        }
        self.events.push(event);
    }

    fn push_component(&mut self, placed: usize) {
        self.components.push((self.events.len(), placed));
        self.events.push(Event::Html(CowStr::Borrowed(COMPONENT_PLACE)));
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The part as HTML on the page at output path `from` (its links lead from there), each
    /// component's HTML from `place` (given its index among the page's placed components).
    pub fn html(&self, from: &str, place: &mut dyn FnMut(usize) -> String) -> String {
        let prefix = root_prefix(from);
        let mut events = self.events.clone();
        for &i in &self.site_links {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut events[i] {
                *dest_url = CowStr::from(written_from(dest_url, from, &prefix));
            }
        }
        for &(i, placed) in &self.components {
            events[i] = Event::Html(CowStr::from(place(placed)));
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }

    fn remove(&mut self, at: usize) {
        self.events.remove(at);
        for i in self.site_links.iter_mut().chain(self.components.iter_mut().map(|(i, _)| i)) {
            if *i > at {
                *i -= 1;
            }
        }
    }

    /// Takes a trailing "(N minuter)" off the part's text; the N.
    fn take_minutes(&mut self) -> Option<u32> {
        // The step's own text ends where a list inside it starts: "(N minuter)" may stand before it.
        let end = self.events.iter().position(|e| matches!(e, Event::Start(Tag::List(_)))).unwrap_or(self.events.len());
        let last = self.events[..end].iter().rposition(|e| matches!(e, Event::Text(_)))?;
        if self.events[last + 1..end].iter().any(|e| !matches!(e, Event::End(_) | Event::SoftBreak)) {
            return None;
        }
        let Event::Text(text) = &self.events[last] else { return None };
        let (rest, minutes) = trailing_minutes(text)?;
        if rest.is_empty() {
            self.remove(last);
            // The line break that led to "(N minuter)" on a line of its own goes with it.
            if last > 0 && matches!(self.events[last - 1], Event::SoftBreak) {
                self.remove(last - 1);
            }
        } else {
            self.events[last] = Event::Text(CowStr::from(rest));
        }
        Some(minutes)
    }
}

/// `dest` (from the root) as a link on the page at `from`, whose way back to the root is `prefix`.
fn written_from(dest: &str, from: &str, prefix: &str) -> String {
    match dest.split_once('#') {
        Some((page, anchor)) if page == from => format!("#{anchor}"),
        _ => format!("{prefix}{dest}"),
    }
}

/// "Gör så här. (5 minuter)" → ("Gör så här.", 5); also "(1 minut)", "(10 min)", "(5 minutes)".
pub fn trailing_minutes(text: &str) -> Option<(String, u32)> {
    let (rest, minutes, unit) = trailing_count(text)?;
    matches!(unit.as_slice(), ["minut" | "minuter" | "min" | "minute" | "minutes"]).then_some((rest, minutes))
}

/// One step of an exercise: what to do, for how long if it says, and the trainer's notes to it.
#[derive(Clone, Debug, Default)]
pub struct Step {
    pub part: Part,
    pub minutes: Option<u32>,
    pub notes: Part,
}

/// A section of the body that is none of the named parts, under its heading ("" for the
/// text before the first heading).
#[derive(Clone, Debug, Default)]
pub struct Section {
    pub heading: String,
    pub part: Part,
}

/// The parts of an exercise's body; empty parts when a heading is missing.
#[derive(Clone, Debug, Default)]
pub struct ExerciseParts {
    pub purpose: Part,
    pub steps: Vec<Step>,
    /// What the steps' section holds besides its numbered steps, in order.
    pub steps_more: Part,
    pub questions: Vec<Part>,
    /// What the questions' section holds besides its list of questions.
    pub questions_more: Part,
    pub tips: Part,
    pub sections: Vec<Section>,
    /// The trainer's notes outside the steps, in order.
    pub notes: Part,
    /// The line of the steps' heading (for the check that the steps fill the exercise's time).
    steps_line: usize,
}

/// An exercise as a plan, a guide, a pack and the presenter view see it: the shape of the
/// `trappa-exercise` data block on every exercise page (`version` 1). URLs and the links in
/// the `_html` fields lead from the page the view is made for. The `_html` fields but
/// `notes_html` are for everyone; the notes are for the trainer's eyes only.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ExerciseView {
    pub version: u32,
    /// The exercise's output path without `.html`, e.g. `ovningar/var-ar-du-i-trappan`.
    pub id: String,
    pub title: String,
    /// The exercise's page, from the root of the site.
    pub url: String,
    pub minutes: Option<u32>,
    pub group_size: Option<String>,
    pub materials: Vec<String>,
    pub purpose_html: String,
    pub steps: Vec<StepView>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub steps_more_html: String,
    pub questions_html: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub questions_more_html: String,
    pub tips_html: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<SectionView>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes_html: String,
    /// The staircases and checklists the presenter draws on a slide that links to them, and the forms and
    /// cards on the pages it uses (Min plan's *Förbered*): the render stage fills them in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pictures: Vec<Picture>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<DayLinkView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<DayLinkView>,
}

/// A staircase or a checklist drawn for the presenter view: a slide with a link to `href` (to `#id` of it,
/// or to the page when it has no anchor) shows `html` beneath its text.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Picture {
    /// The staircase's page, from the page that carries the picture.
    pub href: String,
    pub id: Option<String>,
    pub html: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct StepView {
    pub html: String,
    pub minutes: Option<u32>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes_html: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SectionView {
    pub heading: String,
    pub html: String,
}

impl ExerciseParts {
    /// The exercise of `page` as seen on the page at output path `from`, its placed
    /// components being `components_html` as its own page shows them (assemble stage).
    pub fn view(&self, page: &Page, from: &str, components_html: &[String]) -> ExerciseView {
        let front = &page.front;
        let mut place = |placed: usize| {
            components_html.get(placed).map(|html| rebase_links(html, &page.url, from)).unwrap_or_default()
        };
        let mut html = |part: &Part| part.html(from, &mut place);
        ExerciseView {
            version: EXERCISE_VERSION,
            id: page.url.strip_suffix(".html").unwrap_or(&page.url).to_string(),
            title: front.title.clone(),
            url: page.url.clone(),
            minutes: front.duration,
            group_size: front.group_size.clone(),
            materials: front.materials.clone(),
            purpose_html: html(&self.purpose),
            steps: self
                .steps
                .iter()
                .map(|s| StepView { html: html(&s.part), minutes: s.minutes, notes_html: html(&s.notes) })
                .collect(),
            steps_more_html: html(&self.steps_more),
            questions_html: self.questions.iter().map(&mut html).collect(),
            questions_more_html: html(&self.questions_more),
            tips_html: html(&self.tips),
            sections: self
                .sections
                .iter()
                .map(|s| SectionView { heading: s.heading.clone(), html: html(&s.part) })
                .collect(),
            notes_html: html(&self.notes),
            pictures: Vec::new(),
            forms: Vec::new(),
            cards: Vec::new(),
        }
    }

    /// A warning when the steps' minutes do not add up to the exercise's `duration`.
    pub fn check_minutes(&self, page: &Page, path: &Path) -> Option<Diagnostic> {
        let duration = page.front.duration?;
        if self.steps.is_empty() {
            return None;
        }
        let sum: u32 = self.steps.iter().filter_map(|s| s.minutes).sum();
        let untimed: Vec<String> = self
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.minutes.is_none())
            .map(|(i, _)| (i + 1).to_string())
            .collect();
        if sum == duration {
            return None;
        }
        let mut message = format!("the steps add up to {sum} minutes, but the exercise's `duration` is {duration}");
        if !untimed.is_empty() {
            let (steps, say) = if untimed.len() == 1 { ("step", "says") } else { ("steps", "say") };
            message.push_str(&format!(" ({steps} {} {say} no time)", untimed.join(", ")));
        }
        Some(
            Diagnostic::new(path, self.steps_line, 1, message)
                .with_hint("end each step with its time, e.g. \"(5 minuter)\", so that they add up to `duration`, or change `duration`: a plan and the presenter time the day by the steps")
                .with_severity(Severity::Warning),
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Before the first heading, or under a heading that names no part.
    Other,
    Purpose,
    Steps,
    Questions,
    Tips,
}

/// Where the events of a blockquote go while it is read: a trainer's note is told by its
/// first words, so the events before them wait.
#[derive(Debug, Default)]
enum Quote {
    #[default]
    Outside,
    /// In a blockquote whose first words have not come yet: its events so far.
    Undecided { depth: usize, events: Vec<(Event<'static>, Option<String>)> },
    /// In a blockquote, a trainer's note or not.
    Inside { depth: usize, note: bool },
}

/// Reads the parts from the body's events as the Markdown stage writes them.
pub struct Collector {
    strings: &'static Strings,
    kind: Kind,
    /// How deep in lists the events are (in the steps and questions).
    depth: usize,
    /// The list the events are in is a numbered one (steps are the numbered lists' items).
    numbered: bool,
    quote: Quote,
    parts: ExerciseParts,
}

impl Collector {
    pub fn new(strings: &'static Strings) -> Self {
        Collector {
            strings,
            kind: Kind::Other,
            depth: 0,
            numbered: false,
            quote: Quote::Outside,
            parts: ExerciseParts::default(),
        }
    }

    /// A heading of the body on `line`, with its events: a level-1 or -2 heading starts a
    /// part (or a section of its own); a deeper one belongs to the part it stands in.
    pub fn heading(&mut self, level: HeadingLevel, text: &str, line: usize, events: &[Event]) {
        if level <= HeadingLevel::H2 {
            let is = |key| level == HeadingLevel::H2 && text.trim().eq_ignore_ascii_case(self.strings.get(key));
            self.kind = if is("exercise_purpose") {
                Kind::Purpose
            } else if is("exercise_steps") {
                self.parts.steps_line = line;
                Kind::Steps
            } else if is("exercise_questions") {
                Kind::Questions
            } else if is("exercise_tips") {
                Kind::Tips
            } else {
                self.parts.sections.push(Section { heading: text.trim().to_string(), part: Part::default() });
                Kind::Other
            };
            self.depth = 0;
            return;
        }
        for event in events {
            self.event(event, None);
        }
    }

    /// A component placed in the body (its index among the placed ones).
    pub fn component(&mut self, placed: usize) {
        let note = matches!(self.quote, Quote::Inside { note: true, .. });
        if let Some(part) = self.target(&Event::Html(CowStr::Borrowed(COMPONENT_PLACE)), note) {
            part.push_component(placed);
        }
    }

    /// An event of the body outside headings; `site_link` is a link's destination from the
    /// root when it leads to the site's own file.
    pub fn event(&mut self, event: &Event, site_link: Option<&str>) {
        let depth_change = match event {
            Event::Start(Tag::BlockQuote(_)) => 1isize,
            Event::End(TagEnd::BlockQuote(_)) => -1,
            _ => 0,
        };
        match &mut self.quote {
            Quote::Outside if depth_change == 1 => {
                let events = vec![(event.clone().into_static(), site_link.map(str::to_string))];
                self.quote = Quote::Undecided { depth: 1, events };
            }
            Quote::Outside => self.route(event, site_link, false),
            Quote::Undecided { depth, events } => {
                *depth = depth.saturating_add_signed(depth_change);
                events.push((event.clone().into_static(), site_link.map(str::to_string)));
                let decided = match event {
                    Event::Text(text) => Some(text.trim_start().starts_with(self.strings.get("trainer_note"))),
                    _ if *depth == 0 => Some(false),
                    _ => None,
                };
                if let Some(note) = decided {
                    let (depth, events) = (*depth, std::mem::take(events));
                    self.quote = if depth == 0 { Quote::Outside } else { Quote::Inside { depth, note } };
                    for (event, link) in &events {
                        self.route(event, link.as_deref(), note);
                    }
                }
            }
            Quote::Inside { depth, note } => {
                *depth = depth.saturating_add_signed(depth_change);
                let note = *note;
                if *depth == 0 {
                    self.quote = Quote::Outside;
                }
                self.route(event, site_link, note);
            }
        }
    }

    fn route(&mut self, event: &Event, site_link: Option<&str>, note: bool) {
        if let Some(part) = self.target(event, note) {
            part.push(event, site_link);
        }
    }

    /// The part `event` belongs to (a trainer's note when `note`), or none when the event
    /// only frames the parts (a list of steps starting, a step ending).
    fn target(&mut self, event: &Event, note: bool) -> Option<&mut Part> {
        let parts = &mut self.parts;
        match self.kind {
            _ if note && !matches!(self.kind, Kind::Steps) => Some(&mut parts.notes),
            Kind::Other => {
                if parts.sections.is_empty() {
                    parts.sections.push(Section::default());
                }
                parts.sections.last_mut().map(|s| &mut s.part)
            }
            Kind::Purpose => Some(&mut parts.purpose),
            Kind::Tips => Some(&mut parts.tips),
            Kind::Steps | Kind::Questions => {
                let steps = self.kind == Kind::Steps;
                let before = self.depth;
                match event {
                    Event::Start(Tag::List(first)) => {
                        self.depth += 1;
                        if before == 0 {
                            self.numbered = first.is_some();
                        }
                    }
                    Event::End(TagEnd::List(_)) => self.depth = self.depth.saturating_sub(1),
                    _ => {}
                }
                // The steps are the items of a numbered list; a bulleted list among them
                // (statements to read out) is the section's own text, as is the text around.
                let items = self.depth.max(before) >= 1 && (!steps || self.numbered);
                let more = if steps { &mut parts.steps_more } else { &mut parts.questions_more };
                if !items {
                    return Some(if note { &mut parts.notes } else { more });
                }
                let top = self.depth == 1 && before == 1;
                match event {
                    Event::Start(Tag::List(_)) | Event::End(TagEnd::List(_)) if self.depth.min(before) == 0 => None,
                    Event::Start(Tag::Item) if top => {
                        if steps {
                            parts.steps.push(Step::default());
                        } else {
                            parts.questions.push(Part::default());
                        }
                        None
                    }
                    Event::End(TagEnd::Item) if top => {
                        if steps && let Some(step) = parts.steps.last_mut() {
                            step.minutes = step.part.take_minutes();
                        }
                        None
                    }
                    _ if steps => parts.steps.last_mut().map(|s| if note { &mut s.notes } else { &mut s.part }),
                    _ if note => Some(&mut parts.notes),
                    _ => parts.questions.last_mut(),
                }
            }
        }
    }

    pub fn finish(self) -> ExerciseParts {
        self.parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_are_read_from_the_end_of_a_step() {
        assert_eq!(trailing_minutes("Gör så här. (5 minuter)"), Some(("Gör så här.".into(), 5)));
        assert_eq!(trailing_minutes("(10 minuter)"), Some((String::new(), 10)));
        assert_eq!(trailing_minutes("Kort. (1 minut) "), Some(("Kort.".into(), 1)));
        assert_eq!(trailing_minutes("Brief. (5 minutes)"), Some(("Brief.".into(), 5)));
        assert_eq!(trailing_minutes("Spela scenen (i fem minuter)"), None);
        assert_eq!(trailing_minutes("Utan tid."), None);
        assert_eq!(trailing_minutes("(5 minuter) och sen"), None);
    }

    #[test]
    fn a_site_link_is_written_from_the_page_that_shows_it() {
        assert_eq!(written_from("content/a.html", "ovningar/x.html", "../"), "../content/a.html");
        assert_eq!(written_from("ovningar/x.html#tips", "ovningar/x.html", "../"), "#tips");
        assert_eq!(written_from("ovningar/x.html#tips", "kom-igang/plan.html", "../"), "../ovningar/x.html#tips");
        assert_eq!(written_from("ovningar/x.html", "index.html", ""), "ovningar/x.html");
    }
}
