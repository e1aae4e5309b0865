//! The answers pooled in a room, in memory only: each participant's latest answer per form
//! (a second send replaces the first) and the counts per option they add up to. The counts
//! leave the pool only when at least the room's threshold of participants have answered,
//! so no single person's answers can be read off the trainer's screen or an export.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::code::{Answer, Kind, Refusal, RoomForm};
use crate::i18n::Strings;

/// Participants one form takes at most: a staff day is tens of people; the cap bounds the
/// memory a flood of made-up participants can take.
pub const MAX_PARTICIPANTS: usize = 2_000;

/// The longest participant id (room.js makes 32 characters).
pub const MAX_PARTICIPANT_ID: usize = 64;

/// A participant's id, chosen by their page: 8 to [`MAX_PARTICIPANT_ID`] of `0-9a-z`.
fn valid_participant(id: &str) -> bool {
    (8..=MAX_PARTICIPANT_ID).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
}

/// How one question's answers add up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Participants per option.
    pub counts: Vec<usize>,
    /// Participants who chose none (one-of questions).
    pub none: usize,
}

/// A form's pooled answers.
struct FormPool {
    form: RoomForm,
    answers: HashMap<String, Vec<Answer>>,
    tallies: Vec<Tally>,
    /// The counts are held back from the room view until the trainer shows them (the reveal
    /// flow), so that no single answer can be read off a count that moves by one.
    held: bool,
}

impl FormPool {
    fn new(form: RoomForm, held: bool) -> FormPool {
        let tallies = form.questions.iter().map(|q| Tally { counts: vec![0; q.labels.len()], none: 0 }).collect();
        FormPool { form, answers: HashMap::new(), tallies, held }
    }

    /// The same form with no answers, in the same mode.
    fn emptied(&self) -> FormPool {
        FormPool::new(self.form.clone(), self.held)
    }

    /// Adds one participant's answers to the counts, or (`add` false) takes them away.
    fn count(tallies: &mut [Tally], answers: &[Answer], add: bool) {
        let step = |n: &mut usize| *n = if add { *n + 1 } else { n.saturating_sub(1) };
        for (tally, answer) in tallies.iter_mut().zip(answers) {
            match answer {
                Answer::Ticks(ticks) => {
                    tally.counts.iter_mut().zip(ticks).filter(|(_, ticked)| **ticked).for_each(|(n, _)| step(n));
                }
                Answer::Choice(Some(option)) => step(&mut tally.counts[*option]),
                Answer::Choice(None) => step(&mut tally.none),
            }
        }
    }
}

/// Why an answer was not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Not an answer at all: not JSON of the right fields, an unknown form, a bad participant id.
    Malformed,
    Code(Refusal),
    /// The form has [`MAX_PARTICIPANTS`] already.
    Full,
}

impl Refused {
    pub fn name(self) -> &'static str {
        match self {
            Refused::Malformed => "malformed",
            Refused::Code(refusal) => refusal.name(),
            Refused::Full => "full",
        }
    }
}

/// Whether a counted answer was a participant's first or replaced their earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    New,
    Replaced,
}

pub struct Pool {
    forms: Vec<FormPool>,
    /// Posts refused since the room opened (or was last cleared).
    refused: usize,
    /// Raised by every change, for the room views waiting on one.
    pub generation: u64,
}

impl Pool {
    /// `held`: every form starts with its counts held back until the trainer shows them.
    pub fn new(forms: Vec<RoomForm>, held: bool) -> Pool {
        Pool { forms: forms.into_iter().map(|form| FormPool::new(form, held)).collect(), refused: 0, generation: 0 }
    }

    pub fn forms(&self) -> impl Iterator<Item = &RoomForm> {
        self.forms.iter().map(|f| &f.form)
    }

    fn form_mut(&mut self, id: &str) -> Option<&mut FormPool> {
        self.forms.iter_mut().find(|f| f.form.id == id)
    }

    fn form(&self, id: &str) -> Option<&FormPool> {
        self.forms.iter().find(|f| f.form.id == id)
    }

    pub fn has_form(&self, id: &str) -> bool {
        self.form(id).is_some()
    }

    /// Counts a refused post.
    pub fn refuse(&mut self, refused: Refused) -> Refused {
        self.refused += 1;
        self.generation += 1;
        refused
    }

    /// Counts `code` as `participant`'s answer to `form`, replacing their earlier one.
    pub fn answer(&mut self, form: &str, participant: &str, code: &str) -> Result<Counted, Refused> {
        if !valid_participant(participant) {
            return Err(self.refuse(Refused::Malformed));
        }
        let Some(pool) = self.form_mut(form) else { return Err(self.refuse(Refused::Malformed)) };
        let answers = match pool.form.read(code) {
            Ok(answers) => answers,
            Err(refusal) => return Err(self.refuse(Refused::Code(refusal))),
        };
        if pool.answers.len() >= MAX_PARTICIPANTS && !pool.answers.contains_key(participant) {
            return Err(self.refuse(Refused::Full));
        }
        FormPool::count(&mut pool.tallies, &answers, true);
        let counted = match pool.answers.insert(participant.to_string(), answers) {
            Some(earlier) => {
                FormPool::count(&mut pool.tallies, &earlier, false);
                Counted::Replaced
            }
            None => Counted::New,
        };
        self.generation += 1;
        Ok(counted)
    }

    /// Forgets every answer to `form`; `false` for a form not in the room.
    pub fn clear(&mut self, form: &str) -> bool {
        let Some(pool) = self.form_mut(form) else { return false };
        *pool = pool.emptied();
        self.refused = 0;
        self.generation += 1;
        true
    }

    /// Forgets every answer to every form.
    pub fn clear_all(&mut self) {
        self.forms.iter_mut().for_each(|pool| *pool = pool.emptied());
        self.refused = 0;
        self.generation += 1;
    }

    /// Holds `form`'s counts back from the room view (`true`) or shows them (`false`), all at
    /// once; `false` for a form not in the room.
    pub fn hold(&mut self, form: &str, held: bool) -> bool {
        let Some(pool) = self.form_mut(form) else { return false };
        pool.held = held;
        self.generation += 1;
        true
    }

    /// Each form's id and whether its counts are held back, for the participants' phones.
    pub fn modes(&self) -> impl Iterator<Item = (&str, bool)> {
        self.forms.iter().map(|pool| (pool.form.id.as_str(), pool.held))
    }

    pub fn answered(&self, form: &str) -> usize {
        self.form(form).map_or(0, |pool| pool.answers.len())
    }

    /// The counts of `form`, only once `threshold` participants have answered it.
    pub fn tallies(&self, form: &str, threshold: usize) -> Option<&[Tally]> {
        self.form(form).filter(|pool| pool.answers.len() >= threshold).map(|pool| pool.tallies.as_slice())
    }

    /// What the room view shows of `form`: how many answered, how many posts were refused,
    /// whether the counts are held back, and the counts once there are enough answers and
    /// the trainer has not held them back.
    pub fn view(&self, form: &str, threshold: usize) -> Value {
        let held = self.form(form).is_some_and(|pool| pool.held);
        let tallies = self
            .tallies(form, threshold)
            .filter(|_| !held)
            .map(|tallies| tallies.iter().map(|t| json!({ "counts": t.counts, "none": t.none })).collect::<Vec<_>>());
        json!({
            "answered": self.answered(form),
            "refused": self.refused,
            "threshold": threshold,
            "held": held,
            "tallies": tallies,
        })
    }

    /// The pooled counts of `form` as JSON, for the trainer's notes (`None` below the threshold).
    pub fn export_json(&self, form: &str, threshold: usize) -> Option<String> {
        let pool = self.form(form)?;
        let tallies = self.tallies(form, threshold)?;
        let questions: Vec<Value> = pool
            .form
            .questions
            .iter()
            .zip(tallies)
            .map(|(q, t)| {
                let answers: Vec<Value> =
                    q.labels.iter().zip(&t.counts).map(|(label, n)| json!({ "answer": label, "count": n })).collect();
                let mut question = json!({
                    "id": q.id,
                    "question": q.text,
                    "kind": if q.kind == Kind::Tick { "tick" } else { "one-of" },
                    "answers": answers,
                });
                if q.kind == Kind::OneOf {
                    question["no_answer"] = json!(t.none);
                }
                question
            })
            .collect();
        let export = json!({
            "form": pool.form.id,
            "version": pool.form.version,
            "title": pool.form.title,
            "answered": pool.answers.len(),
            "questions": questions,
        });
        Some(format!("{export:#}\n"))
    }

    /// The pooled counts of `form` as CSV: question, answer, count (`None` below the threshold).
    pub fn export_csv(&self, form: &str, threshold: usize, s: &Strings) -> Option<String> {
        let pool = self.form(form)?;
        let tallies = self.tallies(form, threshold)?;
        let field = |value: &str| format!("\"{}\"", value.replace('"', "\"\""));
        let mut rows = vec![[s.get("form_csv_question"), s.get("form_csv_answer"), s.get("room_count")].map(field)];
        rows.push([field(s.get("room_answered_column")), field(""), pool.answers.len().to_string()]);
        for (q, t) in pool.form.questions.iter().zip(tallies) {
            for (label, n) in q.labels.iter().zip(&t.counts) {
                rows.push([field(&q.text), field(label), n.to_string()]);
            }
            if q.kind == Kind::OneOf {
                rows.push([field(&q.text), field(s.get("form_no_answer")), t.none.to_string()]);
            }
        }
        // The byte-order mark makes spreadsheet programs read å, ä and ö as UTF-8, and the
        // separator is the one the site language's spreadsheets read as columns (`;` in
        // Swedish Excel), as forms.js's CSV.
        let separator = s.get("form_csv_separator");
        let lines: Vec<String> = rows.iter().map(|r| r.join(separator)).collect();
        Some(format!("\u{feff}{}\r\n", lines.join("\r\n")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::room::code::tests::{code, form};

    fn pool() -> (Pool, RoomForm) {
        let form = form(vec![(Kind::Tick, 2), (Kind::OneOf, 3)]);
        (Pool::new(vec![form.clone()], false), form)
    }

    #[test]
    fn participants_are_checked_before_anything_is_counted() {
        let (mut pool, f) = pool();
        let valid = code(&f, &[1, 1]);
        for participant in ["short", "UPPERCASE1", "has space1", &"x".repeat(65)] {
            assert_eq!(pool.answer("f", participant, &valid), Err(Refused::Malformed), "{participant:?}");
        }
        assert_eq!(pool.answer("nope", "participant1", &valid), Err(Refused::Malformed));
        assert_eq!(pool.answered("f"), 0);
        assert_eq!(pool.view("f", 3)["refused"], 5);
    }

    #[test]
    fn a_full_form_takes_no_one_new_but_still_takes_changes() {
        let (mut pool, f) = pool();
        for n in 0..MAX_PARTICIPANTS {
            assert_eq!(pool.answer("f", &format!("participant{n}"), &code(&f, &[1, 0])), Ok(Counted::New));
        }
        assert_eq!(pool.answer("f", "participantnew", &code(&f, &[1, 0])), Err(Refused::Full));
        assert_eq!(pool.answer("f", "participant0", &code(&f, &[2, 3])), Ok(Counted::Replaced));
        let tallies = pool.tallies("f", 3).unwrap();
        let last = MAX_PARTICIPANTS - 1;
        assert_eq!(tallies[0], Tally { counts: vec![last, 1], none: 0 });
        assert_eq!(tallies[1], Tally { counts: vec![0, 0, 1], none: last });
        assert!(pool.clear("f") && pool.answered("f") == 0 && !pool.clear("nope"));
    }

    #[test]
    fn held_counts_stay_out_of_the_view_until_shown_and_the_mode_outlasts_a_clear() {
        let form = form(vec![(Kind::Tick, 2)]);
        let mut pool = Pool::new(vec![form.clone()], true);
        for n in 0..4 {
            pool.answer("f", &format!("participant{n}"), &code(&form, &[1])).unwrap();
        }
        let held = pool.view("f", 3);
        assert_eq!(
            (held["answered"].as_u64(), held["held"].as_bool(), held["tallies"].is_null()),
            (Some(4), Some(true), true)
        );
        assert!(pool.hold("f", false) && !pool.hold("nope", false));
        assert_eq!(pool.view("f", 3)["tallies"][0]["counts"], json!([4, 0]));
        pool.hold("f", true);
        pool.clear("f");
        assert_eq!(pool.modes().collect::<Vec<_>>(), vec![("f", true)]);
    }
}
