//! An exercise's parts, read from its body while the Markdown stage reads it (one pass, the
//! same events): the purpose (`## Syfte`), the steps (the list under `## Så här gör du`, each
//! item's minutes from its trailing "(N minuter)"), the questions (the list under `## Frågor
//! till gruppen`) and the tips (`## Tips`). The parts keep their events, with the site's own
//! links written from the site's root, so that each part can be written as HTML for any page
//! that shows it: the exercise itself, a plan, a facilitator guide or a participant pack.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

use crate::content::Page;
use crate::i18n::Strings;
use crate::web::{root_prefix, trailing_count};

/// What the data block (`trappa-exercise`) and the plans' views say about their shape.
pub const EXERCISE_VERSION: u32 = 1;

/// A piece of an exercise's body as events, and which of them are links to the site's own
/// files (their destinations written from the site's root).
#[derive(Clone, Debug, Default)]
pub struct Part {
    events: Vec<Event<'static>>,
    site_links: Vec<usize>,
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

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The part as HTML on the page at output path `from` (its links lead from there).
    pub fn html(&self, from: &str) -> String {
        let prefix = root_prefix(from);
        let mut events = self.events.clone();
        for &i in &self.site_links {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut events[i] {
                *dest_url = CowStr::from(written_from(dest_url, from, &prefix));
            }
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
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
            self.events.remove(last);
            // The line break that led to "(N minuter)" on a line of its own goes with it.
            if last > 0 && matches!(self.events[last - 1], Event::SoftBreak) {
                self.events.remove(last - 1);
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

/// One step of an exercise: what to do, and for how long if it says.
#[derive(Clone, Debug, Default)]
pub struct Step {
    pub part: Part,
    pub minutes: Option<u32>,
}

/// The parts of an exercise's body; empty parts when a heading is missing.
#[derive(Clone, Debug, Default)]
pub struct ExerciseParts {
    pub purpose: Part,
    pub steps: Vec<Step>,
    pub questions: Vec<Part>,
    pub tips: Part,
}

/// An exercise as a plan, a guide, a pack and the presenter view see it: the shape of the
/// `trappa-exercise` data block on every exercise page (`version` 1). URLs and the links in
/// the `_html` fields lead from the page the view is made for.
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
    pub questions_html: Vec<String>,
    pub tips_html: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct StepView {
    pub html: String,
    pub minutes: Option<u32>,
}

impl ExerciseParts {
    /// The exercise of `page` as seen on the page at output path `from`.
    pub fn view(&self, page: &Page, from: &str) -> ExerciseView {
        let front = &page.front;
        ExerciseView {
            version: EXERCISE_VERSION,
            id: page.url.strip_suffix(".html").unwrap_or(&page.url).to_string(),
            title: front.title.clone(),
            url: page.url.clone(),
            minutes: front.duration,
            group_size: front.group_size.clone(),
            materials: front.materials.clone(),
            purpose_html: self.purpose.html(from),
            steps: self.steps.iter().map(|s| StepView { html: s.part.html(from), minutes: s.minutes }).collect(),
            questions_html: self.questions.iter().map(|q| q.html(from)).collect(),
            tips_html: self.tips.html(from),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Other,
    Purpose,
    Steps,
    Questions,
    Tips,
}

/// Reads the parts from the body's events as the Markdown stage writes them.
pub struct Collector {
    strings: &'static Strings,
    section: Section,
    /// How deep in lists the events are (in the steps and questions).
    depth: usize,
    /// The list the events are in is a numbered one (steps are the numbered lists' items).
    numbered: bool,
    parts: ExerciseParts,
}

impl Collector {
    pub fn new(strings: &'static Strings) -> Self {
        Collector { strings, section: Section::Other, depth: 0, numbered: false, parts: ExerciseParts::default() }
    }

    /// A heading of the body, with its events: a level-2 heading starts a part (or a section
    /// of no part); a deeper one belongs to the part it stands in.
    pub fn heading(&mut self, level: HeadingLevel, text: &str, events: &[Event]) {
        if level <= HeadingLevel::H2 {
            let is = |key| text.trim().eq_ignore_ascii_case(self.strings.get(key));
            self.section = if level == HeadingLevel::H1 {
                Section::Other
            } else if is("exercise_purpose") {
                Section::Purpose
            } else if is("exercise_steps") {
                Section::Steps
            } else if is("exercise_questions") {
                Section::Questions
            } else if is("exercise_tips") {
                Section::Tips
            } else {
                Section::Other
            };
            self.depth = 0;
            return;
        }
        for event in events {
            self.event(event, None);
        }
    }

    /// An event of the body outside headings; `site_link` is a link's destination from the
    /// root when it leads to the site's own file.
    pub fn event(&mut self, event: &Event, site_link: Option<&str>) {
        let parts = &mut self.parts;
        match self.section {
            Section::Other => {}
            Section::Purpose => parts.purpose.push(event, site_link),
            Section::Tips => parts.tips.push(event, site_link),
            Section::Steps | Section::Questions => {
                let steps = self.section == Section::Steps;
                match event {
                    Event::Start(Tag::List(first)) => {
                        self.depth += 1;
                        if self.depth == 1 {
                            self.numbered = first.is_some();
                        }
                    }
                    Event::End(TagEnd::List(_)) => self.depth = self.depth.saturating_sub(1),
                    _ => {}
                }
                // A bulleted list among the steps (statements to read out) is no step.
                if steps && !self.numbered {
                    return;
                }
                let top_item = self.depth == 1;
                match event {
                    Event::Start(Tag::Item) if top_item => {
                        if steps {
                            parts.steps.push(Step::default());
                        } else {
                            parts.questions.push(Part::default());
                        }
                    }
                    Event::End(TagEnd::Item) if top_item => {
                        if steps && let Some(step) = parts.steps.last_mut() {
                            step.minutes = step.part.take_minutes();
                        }
                    }
                    Event::Start(Tag::List(_)) if top_item => {}
                    _ if self.depth >= 1 => {
                        let part = if steps {
                            parts.steps.last_mut().map(|s| &mut s.part)
                        } else {
                            parts.questions.last_mut()
                        };
                        if let Some(part) = part {
                            part.push(event, site_link);
                        }
                    }
                    // Text around the list (an introduction) is not a step.
                    _ => {}
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
