//! A plan for a staff day: blocks in order (an exercise or a page of the site, a break, lunch or
//! an item of one's own), each with its minutes, from a start time. The view is the agenda: each
//! block's clock times, the total against the stated length, and the materials the exercises
//! need. Sums that do not add up, and an exercise given less than its own time, are warnings
//! at the line that says so.

use serde::{Deserialize, Serialize};

use super::Markup;
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::web::trailing_count;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    /// Plain text.
    pub title: String,
    /// The clock time the day starts, `"09:00"`.
    pub start: String,
    /// The stated length in minutes, checked against the blocks' sum.
    pub length: Option<u32>,
    /// How many take part: materials given per participant are counted for them, and an
    /// exercise for another group size is a warning.
    pub participants: Option<u32>,
    pub blocks: Vec<PlanBlock>,
}

/// One block of the day, what it is read from the one field of its YAML that says so.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "BlockFields")]
pub struct PlanBlock {
    pub kind: BlockKind,
    /// What that field says: an exercise's or a page's source file
    /// (`../../exercises/var-ar-du-i-trappan.md`), a break's, a lunch's or an item's title.
    pub value: String,
    /// For an exercise: its own `duration` unless given.
    pub minutes: Option<u32>,
    /// What happens in the block (Markdown).
    pub text: Option<String>,
}

/// A block as written: exactly one of `exercise`, `page`, `break`, `lunch` and `title` says
/// what it is (a mistake is an error at the block's line, from the YAML reader).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BlockFields {
    exercise: Option<String>,
    /// A page of the site to go through together.
    page: Option<String>,
    #[serde(rename = "break")]
    pause: Option<String>,
    lunch: Option<String>,
    /// An item of one's own (plain text), e.g. "Välkommen".
    title: Option<String>,
    minutes: Option<u32>,
    text: Option<String>,
}

impl TryFrom<BlockFields> for PlanBlock {
    type Error = String;

    fn try_from(fields: BlockFields) -> Result<Self, Self::Error> {
        let BlockFields { exercise, page, pause, lunch, title, minutes, text } = fields;
        let mut given = [
            (BlockKind::Exercise, exercise),
            (BlockKind::Page, page),
            (BlockKind::Break, pause),
            (BlockKind::Lunch, lunch),
            (BlockKind::Item, title),
        ]
        .into_iter()
        .filter_map(|(kind, value)| value.map(|v| (kind, v)));
        match (given.next(), given.next()) {
            (Some((kind, value)), None) => Ok(PlanBlock { kind, value, minutes, text }),
            (None, _) => Err(diagnostics::refusal(BLOCK_WITHOUT_KIND, BLOCK_KINDS)),
            (Some(_), Some(_)) => Err(diagnostics::refusal(BLOCK_OF_TWO_KINDS, BLOCK_KINDS)),
        }
    }
}

const BLOCK_WITHOUT_KIND: &str = "this block of the plan says neither what it is nor which page";
const BLOCK_OF_TWO_KINDS: &str = "this block of the plan says more than one thing it is";
const BLOCK_KINDS: &str = "give each block one of `exercise:`, `page:`, `break:`, `lunch:` or `title:`";

/// What a block is, from the one field of it that says so. Written into the view (and its
/// JSON) in lowercase: `exercise`, `page`, `break`, `lunch`, `item`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Exercise,
    Page,
    Break,
    Lunch,
    Item,
}

impl BlockKind {
    /// The block's field that says what it is (an item's is its `title:`).
    fn key(self) -> &'static str {
        match self {
            BlockKind::Exercise => "exercise",
            BlockKind::Page => "page",
            BlockKind::Break => "break",
            BlockKind::Lunch => "lunch",
            BlockKind::Item => "title",
        }
    }

    /// Whether the block's value is a link to a page of the site.
    fn names_a_page(self) -> bool {
        matches!(self, BlockKind::Exercise | BlockKind::Page)
    }
}

/// A block longer than a working day is a typing slip.
const MAX_BLOCK_MINUTES: u32 = 480;

/// The theme's templates of a plan's facilitator guide and participant pack, the pages of
/// their own beside the plan's page (optional: a theme may leave them out).
pub const GUIDE_TEMPLATE: &str = "plan-guide.html";
pub const PACK_TEMPLATE: &str = "plan-pack.html";
/// The theme's template of the planner (`min-plan.html`), where a trainer makes a plan of their own.
pub const PLANNER_TEMPLATE: &str = "min-plan.html";

/// What `components/plan.html` gets (as `c`).
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub id: String,
    pub title: String,
    pub start: String,
    pub end: String,
    pub total: u32,
    pub length: Option<u32>,
    pub participants: Option<u32>,
    pub blocks: Vec<PlanBlockView>,
    /// The materials of the plan's exercises, each once, with the exercises that need it.
    pub materials: Vec<MaterialView>,
    /// The self-assessments and cards the day uses, from the site index (the render stage
    /// fills them in): those on the pages the blocks name and the pages they link to.
    pub forms: Vec<DayLinkView>,
    pub cards: Vec<DayLinkView>,
    /// The plan's facilitator guide and participant pack, and the planner, from the plan's
    /// page (filled in by the render stage when the theme has their templates).
    pub guide_url: Option<String>,
    pub pack_url: Option<String>,
    pub planner_url: Option<String>,
    /// The day as a printed book (PDF), from the plan's page (filled in by the render stage).
    pub book_url: Option<String>,
}

/// A form or card the day uses, as a link from the page that shows the plan.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DayLinkView {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanBlockView {
    pub kind: BlockKind,
    pub title: String,
    /// The exercise's or page's address, from the plan's page.
    pub url: Option<String>,
    pub minutes: u32,
    pub start: String,
    pub end: String,
    /// The minute of the day the block starts (`start` as a number).
    #[serde(skip)]
    pub starts_at: u32,
    pub group_size: Option<String>,
    pub text_html: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MaterialView {
    /// The material without its count (`post-it-lappar` of `post-it-lappar (3 per deltagare)`).
    pub text: String,
    /// The titles of the exercises that need it.
    pub used_by: Vec<String>,
    /// How many each participant needs, over all the exercises that say so.
    pub per_participant: Option<u32>,
    /// How many to bring: `per_participant` times the plan's participants.
    pub count: Option<u32>,
}

impl Plan {
    pub fn view(&self, markup: &mut dyn Markup) -> Result<PlanView, Diagnostic> {
        if !super::is_plain_name(&self.id) {
            return Err(markup.diagnostic(
                "id",
                format!("the plan's id `{}` is not a plain name", self.id),
                "write the id with letters a–z, digits, `-` and `_` only, e.g. `heldag`: it names the plan's guide and pack",
            ));
        }
        let start = clock_minutes(&self.start).ok_or_else(|| {
            markup.diagnostic(
                "start",
                format!("the plan's start `{}` is not a time of day", self.start),
                "write the time the day starts as hours and minutes in quotes, e.g. `start: \"09:00\"`",
            )
        })?;
        if self.blocks.is_empty() {
            return Err(markup.diagnostic(
                "blocks",
                "the plan has no blocks".into(),
                "list the day's blocks under `blocks:`, e.g. `- exercise: ../../exercises/NAME.md`",
            ));
        }
        let mut at = start;
        let mut blocks = Vec::with_capacity(self.blocks.len());
        let mut materials: Vec<MaterialView> = Vec::new();
        for (n, block) in self.blocks.iter().enumerate() {
            let (kind, value) = (block.kind, block.value.as_str());
            let needle = format!("{}: {value}", kind.key());
            // A missing page is reported at its line by the link itself.
            let url = kind.names_a_page().then(|| markup.link(value));
            let facts = url.as_ref().and_then(|_| markup.page_facts(value));
            if kind == BlockKind::Exercise && facts.as_ref().is_some_and(|f| !f.is_exercise) {
                return Err(markup.diagnostic(
                    &needle,
                    format!("block {} of the plan names `{value}`, which is not an exercise", n + 1),
                    "an exercise is a file under exercises/; for another page write `page:`",
                ));
            }
            let own = facts.as_ref().and_then(|f| f.duration);
            let minutes = match (block.minutes, own) {
                (Some(m), _) | (None, Some(m)) => m,
                (None, None) if url.is_some() && facts.is_none() => 0,
                (None, None) => {
                    return Err(markup.diagnostic(
                        &needle,
                        format!("block {} of the plan has no `minutes:`", n + 1),
                        "say how long the block takes, e.g. `minutes: 15`",
                    ));
                }
            };
            if minutes > MAX_BLOCK_MINUTES || block.minutes == Some(0) {
                return Err(markup.diagnostic(
                    &needle,
                    format!("block {} of the plan takes {minutes} minutes", n + 1),
                    &format!("give the minutes the block takes, from 1 to {MAX_BLOCK_MINUTES}"),
                ));
            }
            if let Some(own) = own
                && minutes < own
            {
                markup.warn(
                    markup
                        .diagnostic(
                            &needle,
                            format!("block {} gives `{value}` {minutes} minutes; the exercise takes {own}", n + 1),
                            "give the block the exercise's time, or plan a shorter part of it as an item of its own (`title:`)",
                        )
                        .with_severity(Severity::Warning),
                );
            }
            let title = match (&facts, kind) {
                (Some(f), _) => f.title.clone(),
                _ => value.to_string(),
            };
            if kind == BlockKind::Exercise
                && let Some(f) = &facts
            {
                for material in &f.materials {
                    let (text, each) = match per_participant(material) {
                        Some((text, each)) => (text, Some(each)),
                        None => (material.clone(), None),
                    };
                    let index = match materials.iter().position(|m| m.text == text) {
                        Some(index) => index,
                        None => {
                            let view = MaterialView { text, used_by: Vec::new(), per_participant: None, count: None };
                            materials.push(view);
                            materials.len() - 1
                        }
                    };
                    let merged = &mut materials[index];
                    // Each exercise uses its own: what they need per participant adds up.
                    if let Some(each) = each {
                        let each = merged.per_participant.unwrap_or(0).saturating_add(each);
                        merged.per_participant = Some(each);
                        merged.count = self.participants.map(|n| n.saturating_mul(each));
                    }
                    if !merged.used_by.contains(&f.title) {
                        merged.used_by.push(f.title.clone());
                    }
                }
                if let (Some(participants), Some((least, most))) =
                    (self.participants, f.group_size.as_deref().and_then(group_range))
                    && !(least..=most).contains(&participants)
                {
                    markup.warn(
                        markup
                            .diagnostic(
                                &needle,
                                format!(
                                    "block {} is `{value}`, an exercise for {least}–{most} people; the plan is for {participants}",
                                    n + 1
                                ),
                                "split the group, or choose an exercise for a group of this size",
                            )
                            .with_severity(Severity::Warning),
                    );
                }
            }
            let end = at + minutes;
            blocks.push(PlanBlockView {
                kind,
                title,
                url,
                minutes,
                start: clock(at),
                end: clock(end),
                starts_at: at,
                group_size: facts.as_ref().and_then(|f| f.group_size.clone()),
                text_html: block.text.as_deref().map(|t| markup.block(t)),
            });
            at = end;
        }
        if at >= 24 * 60 {
            return Err(markup.diagnostic(
                "start",
                format!("the plan ends at {} on the next day", clock(at)),
                "a plan is one day: start earlier or take blocks out",
            ));
        }
        let total = at - start;
        if let Some(length) = self.length
            && length != total
        {
            markup.warn(
                markup
                    .diagnostic(
                        "length",
                        format!("the plan's blocks add up to {total} minutes, not the stated {length}"),
                        &format!("make `length: {total}`, or change the blocks' minutes"),
                    )
                    .with_severity(Severity::Warning),
            );
        }
        Ok(PlanView {
            id: self.id.clone(),
            title: self.title.clone(),
            start: clock(start),
            end: clock(at),
            total,
            length: self.length,
            participants: self.participants,
            blocks,
            materials,
            forms: Vec::new(),
            cards: Vec::new(),
            guide_url: None,
            pack_url: None,
            planner_url: None,
            book_url: None,
        })
    }
}

impl PlanBlock {
    /// The page the block names (its exercise or page), as written.
    pub fn destination(&self) -> Option<&str> {
        self.kind.names_a_page().then_some(self.value.as_str())
    }
}

/// `"post-it-lappar (3 per deltagare)"` → (`post-it-lappar`, 3); also `(1 per participant)`.
fn per_participant(material: &str) -> Option<(String, u32)> {
    let (rest, each, unit) = trailing_count(material)?;
    matches!(unit.as_slice(), ["per", "deltagare" | "participant"]).then_some((rest, each))
}

/// A group size as written in front matter, `"4–30"` (or `4-30`, or one number) → (4, 30).
fn group_range(size: &str) -> Option<(u32, u32)> {
    match size.split_once(['–', '-']) {
        Some((least, most)) => Some((least.trim().parse().ok()?, most.trim().parse().ok()?)),
        None => size.trim().parse().ok().map(|n| (n, n)),
    }
}

/// `"09:05"` → 545.
fn clock_minutes(text: &str) -> Option<u32> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && text.trim().len() >= 4).then_some(h * 60 + m)
}

/// 545 → `"09:05"`.
pub fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_support::plain;

    fn plan(yaml: &str) -> Plan {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn blocks_get_their_clock_times_across_lunch() {
        let view = plan(
            "id: dag\ntitle: Dag\nstart: \"08:30\"\nlength: 135\nblocks:\n  - {title: Välkommen, minutes: 15}\n  - {lunch: Lunch, minutes: 60}\n  - {break: Fika, minutes: 15}\n  - {title: Avslutning, minutes: 45}\n",
        )
        .view(&mut plain())
        .unwrap();
        let times: Vec<(BlockKind, &str, &str)> =
            view.blocks.iter().map(|b| (b.kind, b.start.as_str(), b.end.as_str())).collect();
        assert_eq!(
            times,
            [
                (BlockKind::Item, "08:30", "08:45"),
                (BlockKind::Lunch, "08:45", "09:45"),
                (BlockKind::Break, "09:45", "10:00"),
                (BlockKind::Item, "10:00", "10:45")
            ]
        );
        assert_eq!((view.total, view.end.as_str()), (135, "10:45"));
    }

    #[test]
    fn a_block_without_a_kind_or_with_two_is_refused_by_the_reader() {
        for (yaml, says) in [
            ("id: d\ntitle: D\nstart: \"09:00\"\nblocks:\n  - {minutes: 5}\n", BLOCK_WITHOUT_KIND),
            ("id: d\ntitle: D\nstart: \"09:00\"\nblocks:\n  - {title: A, break: B, minutes: 5}\n", BLOCK_OF_TWO_KINDS),
        ] {
            let err = serde_saphyr::from_str::<Plan>(yaml).unwrap_err().to_string();
            assert!(err.contains(says), "{yaml}: {err}");
        }
    }

    #[test]
    fn a_bad_start_no_kind_or_two_kinds_are_errors() {
        for (yaml, says) in [
            ("id: d\ntitle: D\nstart: \"9\"\nblocks:\n  - {title: A, minutes: 5}\n", "not a time of day"),
            ("id: d\ntitle: D\nstart: \"09:00\"\nblocks:\n  - {title: A}\n", "has no `minutes:`"),
            ("id: d\ntitle: D\nstart: \"23:00\"\nblocks:\n  - {title: A, minutes: 90}\n", "on the next day"),
            ("id: hel dag\ntitle: D\nstart: \"09:00\"\nblocks:\n  - {title: A, minutes: 5}\n", "not a plain name"),
        ] {
            let err = plan(yaml).view(&mut plain()).unwrap_err();
            assert!(err.message.contains(says), "{yaml}: {}", err.message);
        }
    }

    #[test]
    fn exercises_take_their_own_time_and_their_materials_merge() {
        let mut markup = plain();
        markup.exercises =
            vec![("a.md", 40, vec!["post-it-lappar", "blädderblock"]), ("b.md", 60, vec!["post-it-lappar"])];
        let view =
            plan("id: d\ntitle: D\nstart: \"09:00\"\nlength: 100\nblocks:\n  - exercise: a.md\n  - exercise: b.md\n")
                .view(&mut markup)
                .unwrap();
        assert_eq!((view.total, view.blocks[1].start.as_str(), view.end.as_str()), (100, "09:40", "10:40"));
        assert_eq!(view.blocks[0].url.as_deref(), Some("a.html"));
        let materials: Vec<(&str, Vec<&str>)> =
            view.materials.iter().map(|m| (m.text.as_str(), m.used_by.iter().map(String::as_str).collect())).collect();
        assert_eq!(materials, [("post-it-lappar", vec!["a", "b"]), ("blädderblock", vec!["a"])]);
        assert!(markup.warnings.is_empty(), "{:?}", markup.warnings);
    }

    #[test]
    fn materials_per_participant_add_up_and_are_counted_for_the_group() {
        let mut markup = plain();
        markup.exercises = vec![
            ("a.md", 40, vec!["post-it-lappar (3 per deltagare)", "blädderblock"]),
            ("b.md", 60, vec!["post-it-lappar (2 per deltagare)", "kort (1 per deltagare)"]),
        ];
        let yaml =
            "id: d\ntitle: D\nstart: \"09:00\"\nparticipants: 12\nblocks:\n  - exercise: a.md\n  - exercise: b.md\n";
        let view = plan(yaml).view(&mut markup).unwrap();
        let counted: Vec<(&str, Option<u32>, Option<u32>)> =
            view.materials.iter().map(|m| (m.text.as_str(), m.per_participant, m.count)).collect();
        assert_eq!(
            counted,
            [("post-it-lappar", Some(5), Some(60)), ("blädderblock", None, None), ("kort", Some(1), Some(12))]
        );
        // Without participants, the need per participant is still said.
        let mut again = plain();
        again.exercises = markup.exercises.clone();
        let view = plan(&yaml.replace("participants: 12\n", "")).view(&mut again).unwrap();
        assert_eq!((view.materials[0].per_participant, view.materials[0].count), (Some(5), None));
    }

    #[test]
    fn counts_and_group_sizes_are_read_as_written() {
        assert_eq!(per_participant("post-it-lappar (3 per deltagare)"), Some(("post-it-lappar".into(), 3)));
        assert_eq!(per_participant("cards (1 per participant)"), Some(("cards".into(), 1)));
        assert_eq!(per_participant("pennor (några per grupp)"), None);
        assert_eq!(per_participant("blädderblock"), None);
        assert_eq!(group_range("4–30"), Some((4, 30)));
        assert_eq!(group_range("6-20"), Some((6, 20)));
        assert_eq!(group_range("2"), Some((2, 2)));
        assert_eq!(group_range("alla"), None);
    }

    #[test]
    fn a_short_exercise_and_a_wrong_length_are_warnings() {
        let mut markup = plain();
        markup.exercises = vec![("a.md", 60, vec![])];
        let view = plan("id: d\ntitle: D\nstart: \"09:00\"\nlength: 390\nblocks:\n  - {exercise: a.md, minutes: 25}\n")
            .view(&mut markup)
            .unwrap();
        assert_eq!(view.total, 25);
        let said: Vec<&str> = markup.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            said,
            [
                "block 1 gives `a.md` 25 minutes; the exercise takes 60",
                "the plan's blocks add up to 25 minutes, not the stated 390"
            ]
        );
        assert!(markup.warnings.iter().all(|w| !w.is_error()));
    }

    #[test]
    fn clock_times_read_and_write_alike() {
        assert_eq!(clock_minutes("09:05"), Some(545));
        assert_eq!(clock(545), "09:05");
        assert_eq!(clock_minutes("25:00"), None);
    }
}
