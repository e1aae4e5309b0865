//! Reading path: pages (and forms on them) to read in order, each with the minutes it takes.
//! The path page lists the steps; every step page shows where it stands on the path (the
//! render stage reads the steps from the site index). Progress is kept by `path.js` in the
//! reader's browser, per path id and step page.

use serde::{Deserialize, Serialize};

use super::Markup;
use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingPath {
    /// Progress is saved under this id: renaming it starts every reader afresh.
    pub id: String,
    /// Plain text: step pages name the path by it.
    pub title: String,
    pub intro: Option<String>,
    pub steps: Vec<Step>,
    /// A form on one of the steps whose score (never its answers) the path reports to a
    /// learning platform when it runs there as a SCORM package (`trappa pack --scorm`).
    pub report_score: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// A page of the site, written as a link to its source file (`../trappan/_index.md`),
    /// optionally with the anchor of a form or heading on it.
    pub page: String,
    pub minutes: u32,
    /// The step's name in links to it (plain text); the page's title by default.
    pub title: Option<String>,
    /// What to do there (Markdown).
    pub text: Option<String>,
}

/// The theme's template of a path's summary page (optional: a theme may leave summaries out).
pub const SUMMARY_TEMPLATE: &str = "summary.html";

/// The theme's template of a path's certificate, *Intyg* (optional, as the summary).
pub const CERTIFICATE_TEMPLATE: &str = "certificate.html";

/// A step longer than a working day is a typing slip (`minutes: 1000` for 10).
pub const MAX_STEP_MINUTES: u32 = 480;

/// What `components/path.html` gets (as `c`).
#[derive(Debug, Clone, Serialize)]
pub struct PathView {
    pub id: String,
    pub title: String,
    pub intro_html: Option<String>,
    pub minutes: u32,
    pub steps: Vec<StepView>,
    /// The path's summary page, from the path's page (the render stage fills it in when the
    /// theme has a summary template).
    pub summary_url: Option<String>,
    /// The path's certificate page, from the path's page (filled in as the summary's).
    pub certificate_url: Option<String>,
    /// The form whose score the path reports in a learning platform (`report_score`).
    pub report_score: Option<String>,
    /// The path as a printed book (PDF), from the path's page (filled in by the render stage).
    pub book_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub number: usize,
    /// The step's own title, or the target page's.
    pub title: String,
    pub url: String,
    /// The step page's output path from the site's root: what its progress is saved under,
    /// on the path page and on the step page alike.
    pub key: String,
    pub minutes: u32,
    pub text_html: Option<String>,
    /// The self-assessments on the step's page (the render stage fills them in from the site
    /// index): the path page suggests one again after a while, the summary shows their results.
    pub forms: Vec<StepForm>,
}

/// A form on a step's page, as saved answers name it.
#[derive(Debug, Clone, Serialize)]
pub struct StepForm {
    pub id: String,
    pub version: String,
    /// Plain text.
    pub title: String,
}

impl ReadingPath {
    pub fn view(&self, markup: &mut dyn Markup) -> Result<PathView, Diagnostic> {
        if self.steps.is_empty() {
            return Err(markup.diagnostic(
                "steps",
                "the path has no steps".into(),
                "list the pages to read in order under `steps:`, each with `page:` and `minutes:`",
            ));
        }
        // The id names the summary page's file and the saved progress.
        if !super::is_plain_name(&self.id) {
            return Err(markup.diagnostic(
                "id",
                format!("the path's id `{}` is not a plain name", self.id),
                "write the id with letters a–z, digits, `-` and `_` only, e.g. `ny-medarbetare`",
            ));
        }
        let root = markup.root();
        let mut steps: Vec<StepView> = Vec::with_capacity(self.steps.len());
        for (n, step) in self.steps.iter().enumerate() {
            let file = step.page.split('#').next().unwrap_or_default();
            if !file.ends_with(".md") {
                return Err(markup.diagnostic(
                    &step.page,
                    format!("step {} of the path is not a page of the site: `{}`", n + 1, step.page),
                    "a step is a link to a page's source file, e.g. `../trappan/_index.md` or `kanner-du-igen.md#fallgropar`",
                ));
            }
            if step.minutes == 0 || step.minutes > MAX_STEP_MINUTES {
                return Err(markup.diagnostic(
                    &step.page,
                    format!("step {} takes {} minutes", n + 1, step.minutes),
                    &format!("give the minutes the step takes, from 1 to {MAX_STEP_MINUTES}"),
                ));
            }
            let url = markup.link(&step.page);
            let page_url = url.split('#').next().unwrap_or_default();
            let key = page_url.strip_prefix(root.as_str()).unwrap_or(page_url).to_string();
            if let Some(earlier) = steps.iter().find(|s| s.key == key) {
                return Err(markup.diagnostic(
                    &step.page,
                    format!("steps {} and {} of the path are the same page", earlier.number, n + 1),
                    "a page is one step of a path: its page shows the one place it has",
                ));
            }
            steps.push(StepView {
                number: n + 1,
                title: step.title.clone().unwrap_or_else(|| markup.link_title(file)),
                url,
                key,
                minutes: step.minutes,
                text_html: step.text.as_deref().map(|t| markup.inline(t)),
                forms: Vec::new(),
            });
        }
        Ok(PathView {
            id: self.id.clone(),
            title: self.title.clone(),
            intro_html: self.intro.as_deref().map(|i| markup.block(i)),
            minutes: steps.iter().map(|s| s.minutes).sum(),
            steps,
            summary_url: None,
            certificate_url: None,
            report_score: self.report_score.clone(),
            book_url: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_support::plain;

    fn path(yaml: &str) -> ReadingPath {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn steps_keep_their_order_minutes_and_keys() {
        let view = path("id: ny\ntitle: Ny\nsteps:\n  - {page: a.md, minutes: 10}\n  - {page: b/c.md#f, minutes: 5, text: Gör formuläret}\n")
            .view(&mut plain())
            .unwrap();
        assert_eq!(view.minutes, 15);
        let steps: Vec<(usize, &str, &str)> =
            view.steps.iter().map(|s| (s.number, s.url.as_str(), s.key.as_str())).collect();
        assert_eq!(steps, [(1, "a.html", "a.html"), (2, "b/c.html#f", "b/c.html")]);
        assert_eq!(view.steps[1].text_html.as_deref(), Some("Gör formuläret"));
    }

    #[test]
    fn a_path_without_steps_a_step_off_the_site_or_twice_is_an_error() {
        for (yaml, says) in [
            ("id: p\ntitle: P\nsteps: []\n", "has no steps"),
            ("id: ny väg\ntitle: P\nsteps:\n  - {page: a.md, minutes: 5}\n", "is not a plain name"),
            ("id: p\ntitle: P\nsteps:\n  - {page: 'https://example.org/', minutes: 5}\n", "not a page of the site"),
            ("id: p\ntitle: P\nsteps:\n  - {page: a.md, minutes: 0}\n", "takes 0 minutes"),
            (
                "id: p\ntitle: P\nsteps:\n  - {page: a.md, minutes: 5}\n  - {page: a.md#x, minutes: 5}\n",
                "steps 1 and 2",
            ),
        ] {
            let err = path(yaml).view(&mut plain()).unwrap_err();
            assert!(err.message.contains(says), "{yaml}: {}", err.message);
        }
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert!(
            serde_saphyr::from_str::<ReadingPath>("id: p\ntitle: P\nsteps:\n  - {page: a.md, minuter: 5}\n").is_err()
        );
    }
}
