//! Templates: a minijinja environment over the theme's templates (a site's own
//! `templates/` overrides any single one), the context every page gets, page bodies put
//! together with their components' templates (glossary terms marked), and template errors
//! mapped to file and line.

mod components;
mod context;
mod menu;
mod own_page;
mod terms;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use minijinja::value::{Enumerator, Object, Value};
use minijinja::{Environment, UndefinedBehavior};

pub use components::{
    Assembly, Bodies, book_url, component_html, day_links, exercise_view, fill_plan, pictures, whole_book_url,
};
pub use context::{CSP, PageInputs, SectionContexts, page_context};
pub use menu::{Menu, OVERVIEW_TEMPLATE};
pub use own_page::OwnPages;

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::theme;

/// The templates every theme provides.
pub const TEMPLATES: &[&str] = &["base.html", "index.html", "section.html", "page.html", "exercise.html", "404.html"];

#[derive(Clone)]
pub struct Renderer {
    env: Environment<'static>,
    /// Template name → the file it was read from (for error messages).
    files: HashMap<String, PathBuf>,
}

impl Renderer {
    /// Loads the templates of `theme_name` under `root`, letting `root/templates/` override them.
    pub fn load(root: &Path, theme_name: &str) -> Result<Renderer, Vec<Diagnostic>> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") { minijinja::AutoEscape::Html } else { minijinja::AutoEscape::None }
        });
        // `{{ x_html | hyphenate(t.lang) }}`: HTML (or plain text, escaped first) with soft
        // hyphens in its long words; `hyphenate(t.lang, "h2 td")` only in those elements' text.
        env.add_filter("hyphenate", |value: Value, language: &str, within: Option<&str>| {
            let html =
                if value.is_safe() { value.to_string() } else { minijinja::HtmlEscape(&value.to_string()).to_string() };
            Value::from_safe_string(match within {
                Some(names) => {
                    crate::hyphens::soft_hyphens_within(&html, language, &names.split(' ').collect::<Vec<_>>())
                }
                None => crate::hyphens::soft_hyphens(&html, language),
            })
        });
        let mut files = HashMap::new();
        let mut diagnostics = Vec::new();
        let sources = match theme::templates(root, theme_name) {
            Ok(sources) => sources,
            Err(d) => return Err(vec![d]),
        };
        for (name, (path, source)) in sources {
            if let Err(e) = env.add_template_owned(name.clone(), source) {
                diagnostics.push(template_diagnostic(&path, &e));
            }
            files.insert(name, path);
        }
        for required in TEMPLATES {
            if !files.contains_key(*required) {
                diagnostics.push(
                    Diagnostic::file(theme::theme_dir(theme_name).join("templates").join(required), "template missing")
                        .with_hint("every theme needs base, index, section, page, exercise and 404 templates"),
                );
            }
        }
        if diagnostics.is_empty() { Ok(Renderer { env, files }) } else { Err(diagnostics) }
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    pub fn render(&self, name: &str, context: minijinja::Value) -> Result<String, Diagnostic> {
        let template = self.env.get_template(name).map_err(|e| self.error(name, &e))?;
        template.render(context).map_err(|e| self.error(name, &e))
    }

    fn error(&self, name: &str, error: &minijinja::Error) -> Diagnostic {
        let failing = error.name().unwrap_or(name);
        let path = self.files.get(failing).cloned().unwrap_or_else(|| PathBuf::from(failing));
        template_diagnostic(&path, error)
    }
}

/// The UI strings as templates read them (`t.key`): looked up in the table when a template
/// asks, rather than copied into every page's context (four hundred entries a page, a tenth
/// of a build's time).
pub fn strings_value(strings: &'static Strings) -> Value {
    Value::from_object(StringTable(strings))
}

struct StringTable(&'static Strings);

impl std::fmt::Debug for StringTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.0.as_map()).finish()
    }
}

impl Object for StringTable {
    fn get_value(self: &std::sync::Arc<Self>, key: &Value) -> Option<Value> {
        key.as_str().and_then(|key| self.0.as_map().get(key)).map(|text| Value::from(*text))
    }

    fn enumerate(self: &std::sync::Arc<Self>) -> Enumerator {
        Enumerator::Values(self.0.as_map().keys().map(|key| Value::from(*key)).collect())
    }
}

fn template_diagnostic(path: &Path, error: &minijinja::Error) -> Diagnostic {
    let detail = error.detail().map(|d| format!(": {d}")).unwrap_or_default();
    Diagnostic::new(path, error.line().unwrap_or(1), 1, format!("template error: {}{detail}", error.kind()))
        .with_hint("check the template syntax near this line (minijinja / Jinja2)")
}
