//! What `components/form.html` gets: a validated form with its Markdown rendered, the ids
//! that forms.js looks up, and the strings it builds text from.

use serde::Serialize;

use super::{Band, Chart, Form, Kind, Question};
use crate::components::{Markup, PageComponents};
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::web::escape;

/// The parts of a form that the script finds by id: the form's id and then this suffix
/// (`ID-resultat`). One table for both sides: the template writes the ids from it, and the
/// script reads the suffixes from the form's strings block (`ids`).
pub const PART_SUFFIXES: &[(&str, &str)] = &[
    ("title", "-titel"),
    ("results", "-resultat"),
    ("results_heading", "-resultat-rubrik"),
    ("code", "-kod"),
    ("group", "-grupp"),
    ("group_heading", "-grupp-rubrik"),
    ("codes", "-koder"),
];

#[derive(Debug, Clone, Serialize)]
pub struct FormView {
    pub id: String,
    pub version: String,
    /// bars, radar or none.
    pub chart: &'static str,
    /// Each of [`PART_SUFFIXES`] with the form's id in front: `ids.results` is `ID-resultat`.
    pub ids: std::collections::BTreeMap<&'static str, String>,
    pub title_html: String,
    pub intro_html: Option<String>,
    /// Some question scores: only then are there answer codes and a group view.
    pub scored: bool,
    pub group_link_html: String,
    pub group_back_html: String,
    pub questions: Vec<QuestionView>,
    pub sections: Vec<SectionView>,
    pub bands: BandsView,
    /// The UI strings forms.js builds text from, as JSON that cannot close its block.
    pub strings_json: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub number: usize,
    pub title_html: String,
    pub intro_html: Option<String>,
    pub questions: Vec<QuestionView>,
    pub bands: BandsView,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    /// The question's own id, and the id of its field (`FORM-QUESTION`).
    pub id: String,
    pub field_id: String,
    /// tick, choice, scale, step or text.
    pub kind: Kind,
    /// checkbox for ticks, radio otherwise.
    pub input_type: &'static str,
    pub text_html: String,
    pub help_html: Option<String>,
    /// "Läs mer: <a>…</a>" for the question's link.
    pub link_html: Option<String>,
    pub options: Vec<OptionView>,
    /// A step question's staircase (its id on the page), where the script marks the choice.
    pub staircase: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OptionView {
    pub number: usize,
    pub score: i64,
    pub label_html: String,
    pub advice_html: Option<String>,
    pub read_more_html: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BandsView {
    /// The heading above the bands, ready to insert.
    pub heading_html: String,
    pub items: Vec<BandView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BandView {
    pub min: i64,
    pub max: i64,
    /// "0–3 poäng".
    pub scores: String,
    pub text_html: String,
    pub read_more_html: String,
}

impl Form {
    /// Validates the form (its staircases are on `page`) and renders its Markdown.
    pub fn view(&self, markup: &mut dyn Markup, page: &PageComponents) -> Result<FormView, Diagnostic> {
        self.validate(markup, page)?;
        let s = markup.strings();
        let title_html = markup.inline(&self.title);
        let intro_html = self.intro.as_deref().map(|i| markup.block(i));
        let questions = self.questions.iter().map(|q| self.question_view(q, markup, page)).collect();
        let sections = self
            .sections
            .iter()
            .enumerate()
            .map(|(number, section)| {
                let title_html = markup.inline(&section.title);
                let intro_html = section.intro.as_deref().map(|i| markup.block(i));
                let questions = section.questions.iter().map(|q| self.question_view(q, markup, page)).collect();
                let heading = s.get("form_section_bands").replace("{}", &escape(&section.title));
                SectionView {
                    number,
                    title_html,
                    intro_html,
                    questions,
                    bands: bands_view(&section.bands, markup, heading),
                }
            })
            .collect();
        let bands = bands_view(&self.bands, markup, s.get("form_bands").to_string());
        Ok(FormView {
            id: self.id.clone(),
            version: self.version(),
            chart: match self.chart {
                Chart::Bars => "bars",
                Chart::Radar => "radar",
                Chart::Hidden => "none",
            },
            ids: PART_SUFFIXES.iter().map(|(part, suffix)| (*part, format!("{}{suffix}", self.id))).collect(),
            scored: self.all_questions().any(|q| q.kind() != Kind::Text),
            group_link_html: s.get("form_group_link").replacen("{}", &title_html, 1),
            group_back_html: s.get("form_group_back").replacen("{}", &title_html, 1),
            title_html,
            intro_html,
            questions,
            sections,
            bands,
            strings_json: script_strings(s),
        })
    }

    fn question_view(&self, q: &Question, markup: &mut dyn Markup, page: &PageComponents) -> QuestionView {
        // In the order the page reads them, so the search text follows the page.
        let help_html = q.help.as_deref().map(|h| markup.inline(h));
        let link_html = q.link.as_ref().map(|l| read_more(markup, std::slice::from_ref(l)));
        let text_html = markup.inline(&q.text);
        let options = self
            .options(q, page)
            .into_iter()
            .enumerate()
            .map(|(number, option)| {
                let label_html = markup.inline(&option.label);
                let (advice_html, read_more_html) = match &option.advice {
                    Some(advice) => {
                        let more = option.link.as_ref().map(|l| read_more(markup, std::slice::from_ref(l)));
                        (Some(markup.inline(advice)), more)
                    }
                    None => (None, None),
                };
                OptionView { number, score: option.score, label_html, advice_html, read_more_html }
            })
            .collect();
        QuestionView {
            id: q.id.clone(),
            field_id: format!("{}-{}", self.id, q.id),
            kind: q.kind(),
            input_type: if q.kind() == Kind::Tick { "checkbox" } else { "radio" },
            text_html,
            help_html,
            link_html,
            options,
            staircase: match &q.answer {
                super::Answer::Step(id) => Some(id.clone()),
                _ => None,
            },
        }
    }
}

/// The UI strings forms.js builds text from.
const SCRIPT_STRINGS: &[&str] = &[
    "form_results_heading",
    "form_score",
    "form_answered",
    "form_answer_all",
    "form_advice",
    "form_your_answers",
    "form_no_answer",
    "form_chart",
    "form_whole_form",
    "form_band_current",
    "form_cleared",
    "form_storage_unavailable",
    "form_privacy_scored",
    "form_old_version",
    "form_printed",
    "form_qr_label",
    "form_csv_section",
    "form_csv_question",
    "form_csv_separator",
    "form_csv_answer",
    "form_csv_points",
    "form_file_answers",
    "form_group_participants",
    "form_group_none",
    "form_group_chart",
    "form_code_bad_chars",
    "form_code_altered",
    "form_code_foreign",
    "form_code_duplicate",
    "form_step_chosen",
    "form_history",
    "form_history_compare",
    "form_history_date",
    "form_history_result",
    "form_history_band",
    "form_history_today",
    "form_history_incomplete",
    "form_history_clear",
    "form_history_cleared",
];

/// The strings as a JSON data block (not script: the CSP allows it), with the id suffixes
/// under `ids`. `<` is escaped so no string can close the block.
fn script_strings(strings: &Strings) -> String {
    let mut map: serde_json::Map<String, serde_json::Value> =
        SCRIPT_STRINGS.iter().map(|k| (k.to_string(), strings.get(k).into())).collect();
    let ids: serde_json::Map<String, serde_json::Value> =
        PART_SUFFIXES.iter().map(|(part, suffix)| (part.to_string(), (*suffix).into())).collect();
    map.insert("ids".into(), ids.into());
    serde_json::to_string(&map).unwrap_or_default().replace('<', "\\u003c")
}

/// The scores a band is for: "0–3 poäng", or "3 poäng" when it is for one score.
fn band_scores(band: &Band, strings: &Strings) -> String {
    match (band.min == band.max, band.min.abs() == 1) {
        (true, true) => format!("{} {}", band.min, strings.get("point")),
        (true, false) => format!("{} {}", band.min, strings.get("points")),
        (false, _) => format!("{}–{} {}", band.min, band.max, strings.get("points")),
    }
}

/// "Läs mer: <a>Vanliga fallgropar</a>, <a>Oavsett kön</a>": each link named by the page
/// (and heading) it leads to, so that no two links with one text go to different places.
fn read_more(markup: &mut dyn Markup, dests: &[String]) -> String {
    if dests.is_empty() {
        return String::new();
    }
    let links: Vec<String> = dests
        .iter()
        .map(|dest| format!("<a href=\"{}\">{}</a>", escape(&markup.link(dest)), escape(&markup.link_title(dest))))
        .collect();
    format!("{}: {}", markup.strings().get("read_more"), links.join(", "))
}

fn bands_view(bands: &[Band], markup: &mut dyn Markup, heading_html: String) -> BandsView {
    let items = bands
        .iter()
        .map(|band| BandView {
            min: band.min,
            max: band.max,
            scores: band_scores(band, markup.strings()),
            text_html: markup.inline(&band.text),
            read_more_html: read_more(markup, &band.links),
        })
        .collect();
    BandsView { heading_html, items }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_strings_are_json_that_cannot_close_the_block() {
        let json = script_strings(crate::i18n::strings("sv"));
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json).unwrap();
        assert_eq!(map.len(), SCRIPT_STRINGS.len() + 1);
        assert_eq!(map["form_score"], "{} av {} poäng");
        assert_eq!(map["ids"]["results"], "-resultat", "the script finds the parts by the same suffixes");
        assert!(
            SCRIPT_STRINGS.iter().all(|k| crate::i18n::strings("en").get(k) != *k),
            "every script string is in the table"
        );
        assert!(!json.contains('<'));
    }
}
