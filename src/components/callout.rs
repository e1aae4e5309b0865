//! Callout: a reflection question, tip, note or warning set apart from the text, or the
//! material's own advice (`own`), marked as such so that it is never read as a source's.

use serde::{Deserialize, Serialize};

use super::Markup;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Reflection,
    Tip,
    Note,
    Warning,
    /// The site's own advice, not a source's: always labelled ("Materialets eget råd").
    Own,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Callout {
    pub kind: Kind,
    pub title: Option<String>,
    pub text: String,
}

/// What `components/callout.html` gets (as `c`): `kind` is reflection, tip, note,
/// warning or own.
#[derive(Debug, Clone, Serialize)]
pub struct CalloutView {
    pub kind: Kind,
    pub title_html: String,
    pub text_html: String,
}

impl Callout {
    pub fn view(&self, markup: &mut dyn Markup) -> CalloutView {
        let default_title = match self.kind {
            Kind::Reflection => "callout_reflection",
            Kind::Tip => "callout_tip",
            Kind::Note => "callout_note",
            Kind::Warning => "callout_warning",
            Kind::Own => "callout_own",
        };
        let title_html = match &self.title {
            // Own advice keeps its label whatever the title, so the marking is always seen.
            Some(t) if matches!(self.kind, Kind::Own) => {
                format!("{}: {}", markup.strings().get(default_title), markup.inline(t))
            }
            Some(t) => markup.inline(t),
            None => markup.strings().get(default_title).to_string(),
        };
        CalloutView { kind: self.kind, title_html, text_html: markup.block(&self.text) }
    }
}
