//! The theme's UI strings in Swedish and English ("Sök", "Skriv ut", …). Templates read them as
//! `t.key`; components through [`Strings::get`]. A key missing in one language is a test failure.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// key, Swedish, English
const TABLE: &[(&str, &str, &str)] = &[
    ("skip_to_content", "Hoppa till innehållet", "Skip to content"),
    ("menu", "Meny", "Menu"),
    ("main_menu", "Huvudmeny", "Main menu"),
    ("search", "Sök", "Search"),
    ("search_label", "Sök i materialet", "Search the material"),
    ("print", "Skriv ut", "Print"),
    ("home", "Start", "Home"),
    ("breadcrumbs", "Du är här", "You are here"),
    ("on_this_page", "På den här sidan", "On this page"),
    ("in_this_section", "I det här avsnittet", "In this section"),
    ("sources", "Källor", "Sources"),
    ("audience", "För", "For"),
    ("tags", "Ämnen", "Topics"),
    ("duration", "Tid", "Duration"),
    ("minutes", "minuter", "minutes"),
    ("group_size", "Gruppstorlek", "Group size"),
    ("materials", "Material", "Materials"),
    ("exercises", "Övningar", "Exercises"),
    ("exercises_slug", "ovningar", "exercises"),
    ("previous", "Föregående", "Previous"),
    ("next", "Nästa", "Next"),
    ("not_found_title", "Sidan finns inte", "Page not found"),
    ("not_found_text", "Sidan du letar efter finns inte. Den kan ha flyttats eller tagits bort.", "The page you are looking for does not exist. It may have been moved or removed."),
    ("back_home", "Till startsidan", "Go to the start page"),
    ("step", "Steg", "Step"),
    ("question", "Fråga", "Question"),
    ("callout_reflection", "Fundera på", "Reflect"),
    ("callout_tip", "Tips", "Tip"),
    ("callout_note", "Att tänka på", "Note"),
    ("callout_warning", "Varning", "Warning"),
    ("card", "Kort", "Card"),
    ("card_front", "Kortets framsida", "Front of the card"),
    ("card_back", "Kortets baksida", "Back of the card"),
    ("points", "poäng", "points"),
    ("read_more", "Läs mer", "Read more"),
    ("form_bands", "Så tolkar du resultatet", "What your result means"),
    ("form_section_bands", "Så tolkar du resultatet för {}", "What your result for {} means"),
    ("form_privacy", "Dina svar sparas bara i den här webbläsaren på din dator. De skickas aldrig någonstans.", "Your answers are kept only in this browser on your computer. They are never sent anywhere."),
    ("clear_answers", "Rensa mina svar", "Clear my answers"),
    ("footer_made_with", "Byggd med trappa. Sidan fungerar utan nätverk.", "Built with trappa. The site works without a network."),
];

pub struct Strings {
    map: BTreeMap<&'static str, &'static str>,
}

impl Strings {
    /// The string for `key`; the key itself if it is missing (visible, never a panic).
    pub fn get(&self, key: &'static str) -> &'static str {
        self.map.get(key).copied().unwrap_or(key)
    }

    pub fn as_map(&self) -> &BTreeMap<&'static str, &'static str> {
        &self.map
    }
}

/// The table for a language of [`crate::config::LANGUAGES`] (English for any other).
pub fn strings(language: &str) -> &'static Strings {
    static SV: OnceLock<Strings> = OnceLock::new();
    static EN: OnceLock<Strings> = OnceLock::new();
    let (cell, column): (&OnceLock<Strings>, fn(&(&'static str, &'static str, &'static str)) -> &'static str) =
        if language == "sv" { (&SV, |r| r.1) } else { (&EN, |r| r.2) };
    cell.get_or_init(|| Strings { map: TABLE.iter().map(|r| (r.0, column(r))).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages_once() {
        let mut keys = std::collections::HashSet::new();
        for (key, sv, en) in TABLE {
            assert!(keys.insert(key), "duplicate key {key}");
            assert!(!sv.is_empty() && !en.is_empty(), "{key} lacks a translation");
        }
        assert_eq!(strings("sv").get("search"), "Sök");
        assert_eq!(strings("en").get("search"), "Search");
    }
}
