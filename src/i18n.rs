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
    // Search (search.js, the search box and the search page); `{}` is filled in order.
    ("search_page", "sok.html", "search.html"),
    ("search_title", "Sök i materialet", "Search the material"),
    ("search_words", "Sökord", "Search words"),
    ("search_results", "Sökträffar", "Search results"),
    ("search_hits", "{} träffar för ”{}”.", "{} results for “{}”."),
    ("search_one_hit", "1 träff för ”{}”.", "1 result for “{}”."),
    (
        "search_no_hits",
        "Inga träffar för ”{}”. Pröva ett annat ord, en kortare form av ordet eller färre ord.",
        "No results for “{}”. Try another word, a shorter form of the word or fewer words.",
    ),
    ("search_too_short", "Skriv minst två bokstäver.", "Type at least two letters."),
    ("search_more", "Visa fler träffar", "Show more results"),
    ("search_all", "Alla träffar på söksidan", "All results on the search page"),
    ("search_failed", "Sökningen kunde inte laddas.", "The search could not be loaded."),
    ("search_needs_script", "Sökningen behöver JavaScript.", "Search needs JavaScript."),
    ("search_shortcut", "Tryck / för att söka", "Press / to search"),
    ("print", "Skriv ut", "Print"),
    ("home", "Start", "Home"),
    ("breadcrumbs", "Du är här", "You are here"),
    // The live preview's error overlay (reload.js, only in `serve`'s output).
    (
        "serve_errors",
        "Innehållet har fel – sidan visar den senaste fungerande versionen",
        "The content has errors – the page shows the last version that worked",
    ),
    // The live room (`trappa room`: room.js and the room's exports); `{}` is filled in order.
    ("room_joined", "Du är med i rummet. Formulär att svara på:", "You have joined the room. Forms to answer:"),
    ("room_send", "Skicka till gruppen", "Send to the group"),
    (
        "room_send_help",
        "Skickar dina kryss och val till utbildarens dator, utan dina anteckningar och utan något som visar vem du är. Du kan ändra och skicka igen.",
        "Sends your ticks and choices to the trainer's computer, without your notes and without anything that shows who you are. You can change them and send again.",
    ),
    ("room_sent", "Skickat. Ditt svar räknas en gång.", "Sent. Your answer counts once."),
    (
        "room_replaced",
        "Skickat igen: ditt nya svar ersätter det förra.",
        "Sent again: your new answer replaces the earlier one.",
    ),
    (
        "room_failed",
        "Svaret kom inte fram till utbildarens dator. Visa din svarskod för utbildaren i stället.",
        "The answer did not reach the trainer's computer. Show your answer code to the trainer instead.",
    ),
    ("room_closed", "Rummet är avslutat; svaret skickades inte.", "The room has ended; the answer was not sent."),
    ("room_heading", "Rummet: {}", "The room: {}"),
    ("room_join", "Gå med från mobilen: öppna {}", "Join from your phone: open {}"),
    ("room_join_qr", "QR-kod till rummet: {}", "QR code to the room: {}"),
    ("room_answered", "{} har svarat.", "{} have answered."),
    (
        "room_threshold",
        "Svaren visas när minst {} har svarat, så att ingens egna svar går att läsa ut.",
        "The answers are shown once at least {} have answered, so that no one's own answers can be read off.",
    ),
    (
        "room_nobody",
        "Ingen har svarat ännu. Når telefonerna inte den här datorn (ett gästnät som håller enheterna isär)? Låt deltagarna visa sina svarskoder och klistra in dem i gruppvyn.",
        "No one has answered yet. If the phones cannot reach this computer (a guest network that keeps devices apart), let participants show their answer codes and paste them into the group view.",
    ),
    ("room_group_link", "Till gruppvyn, för att klistra in svarskoder", "To the group view, to paste answer codes"),
    ("room_refused_count", "{} inskickade svar avvisades.", "{} posted answers were refused."),
    ("room_export_csv", "Spara antalen som CSV", "Save the counts as CSV"),
    ("room_export_json", "Spara antalen som JSON", "Save the counts as JSON"),
    ("room_clear", "Töm rummet", "Clear the room"),
    ("room_clear_confirm", "Glömma alla svar på formuläret?", "Forget every answer to the form?"),
    ("room_end", "Avsluta rummet", "End the room"),
    (
        "room_end_confirm",
        "Avsluta rummet och glömma alla svar? Ingen kan skicka fler.",
        "End the room and forget every answer? No one can send more.",
    ),
    ("room_ended", "Rummet är avslutat och alla svar är glömda.", "The room has ended and every answer is forgotten."),
    ("room_lost", "Kontakten med rummet bröts; försöker igen …", "Lost contact with the room; trying again …"),
    ("room_count", "Antal", "Count"),
    ("room_answered_column", "Antal som svarat", "Participants who answered"),
    ("room_file", "rum", "room"),
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
    // The headings of an exercise's parts, as its body writes them (read by the Markdown stage).
    ("exercise_purpose", "Syfte", "Purpose"),
    ("exercise_steps", "Så här gör du", "How to do it"),
    ("exercise_questions", "Frågor till gruppen", "Questions for the group"),
    ("exercise_tips", "Tips", "Tips"),
    ("previous", "Föregående", "Previous"),
    ("next", "Nästa", "Next"),
    ("not_found_title", "Sidan finns inte", "Page not found"),
    (
        "not_found_text",
        "Sidan du letar efter finns inte. Den kan ha flyttats eller tagits bort.",
        "The page you are looking for does not exist. It may have been moved or removed.",
    ),
    ("back_home", "Till startsidan", "Go to the start page"),
    ("step", "Steg", "Step"),
    // The glossary (components/glossary.html) and its terms marked in the text (terms.js).
    ("glossary_synonyms", "Även", "Also"),
    ("glossary_source", "Källa", "Source"),
    ("term_more", "Mer om {} i ordlistan", "More about {} in the glossary"),
    // Reading paths (components/path.html, path-place.html, path.js); `{}` is filled in order.
    ("of", "av", "of"),
    ("path_label", "Läsväg", "Reading path"),
    ("path_steps", "steg", "steps"),
    ("path_about", "ungefär", "about"),
    (
        "path_progress",
        "Du har läst {} av {} steg. Kvar: ungefär {} minuter.",
        "You have read {} of {} steps. Left: about {} minutes.",
    ),
    ("path_done", "Du har läst alla {} steg.", "You have read all {} steps."),
    ("path_continue", "Fortsätt där du slutade: {}", "Continue where you left off: {}"),
    ("path_read_on", "Läst {}", "Read {}"),
    ("path_unread", "Inte läst", "Not read"),
    ("path_mark_read", "Markera som läst", "Mark as read"),
    ("path_previous_step", "Föregående steg", "Previous step"),
    ("path_next_step", "Nästa steg", "Next step"),
    ("path_clear", "Rensa min läsväg", "Clear my reading path"),
    ("path_cleared", "Dina markeringar på läsvägen är borttagna.", "Your marks on the reading path are removed."),
    (
        "path_storage_unavailable",
        "Webbläsaren låter inte sidan spara något, så markeringen sparades inte.",
        "The browser does not let the page save anything, so the mark was not saved.",
    ),
    ("question", "Fråga", "Question"),
    ("callout_reflection", "Fundera på", "Reflect"),
    ("callout_tip", "Tips", "Tip"),
    ("callout_note", "Att tänka på", "Note"),
    ("callout_warning", "Varning", "Warning"),
    ("card", "Kort", "Card"),
    ("card_front", "Kortets framsida", "Front of the card"),
    ("card_back", "Kortets baksida", "Back of the card"),
    // Section handouts (handout.html): a section's pages as one document to print.
    ("handout_page", "utskrift.html", "handout.html"),
    ("handout_link", "Skriv ut hela avsnittet som ett häfte", "Print the whole section as a handout"),
    ("handout_title", "Utskrift", "Handout"),
    (
        "handout_instruction",
        "Alla sidor i avsnittet, för utskrift på A4. Varje sida börjar på ett nytt ark.",
        "Every page of the section, to print on A4. Each page starts on a new sheet.",
    ),
    ("handout_back", "Tillbaka till avsnittet", "Back to the section"),
    // Card pages and the print sheet (card.html, cards.html, cards.js); `{}` is filled in order.
    ("card_qr_label", "QR-kod till kortets sida:", "QR code to the card's page:"),
    ("card_print", "Skriv ut kortet", "Print the card"),
    ("card_pdf_of", "PDF för tryckeri:", "PDF for a print shop:"),
    (
        "card_page_instruction",
        "Skriv ut med skala 100 %. Framsidan och baksidan blir var sin sida i kortets storlek, {}.",
        "Print at 100 % scale. The front and the back each become a page of the card's size, {}.",
    ),
    ("card_on_page", "Kortet hör till sidan", "The card belongs to the page"),
    (
        "card_pdf",
        "PDF för tryckeri (3 mm utfallande kant och skärmärken)",
        "PDF for a print shop (3 mm bleed and crop marks)",
    ),
    ("cards_title", "Skriv ut kort", "Print cards"),
    (
        "cards_lead",
        "Alla kort i materialet, på A4-ark med skärmärken.",
        "All cards of the material, on A4 sheets with crop marks.",
    ),
    (
        "cards_instruction",
        "Skriv ut på A4 i skala 100 %, dubbelsidigt och vänd längs långa kanten. Skär längs skärmärkena.",
        "Print on A4 at 100 % scale, double-sided, flipping on the long edge. Cut along the crop marks.",
    ),
    ("cards_all_link", "Alla kort på A4-ark", "All cards on A4 sheets"),
    ("cards_pick", "Välj kort att skriva ut", "Choose the cards to print"),
    ("cards_size", "Storlek", "Size"),
    ("cards_size_own", "Varje korts egen storlek", "Each card's own size"),
    ("cards_print", "Skriv ut arken", "Print the sheets"),
    ("cards_sheet_pdf", "Arken som PDF", "The sheets as a PDF"),
    ("cards_sheets_label", "Arken att skriva ut", "The sheets to print"),
    ("cards_sheet_front", "Ark {}, framsidor", "Sheet {}, fronts"),
    ("cards_sheet_back", "Ark {}, baksidor", "Sheet {}, backs"),
    ("cards_sheets_ready", "{} ark att skriva ut.", "{} sheets to print."),
    ("cards_none", "Inga kort valda.", "No cards chosen."),
    (
        "cards_overflow",
        "Kortet ”{}” får inte plats i storleken {}. Välj en större storlek.",
        "The card “{}” does not fit the size {}. Choose a larger size.",
    ),
    ("points", "poäng", "points"),
    ("point", "poäng", "point"),
    ("read_more", "Läs mer", "Read more"),
    ("form_bands", "Så tolkar du resultatet", "What your result means"),
    ("form_section_bands", "Så tolkar du resultatet för {}", "What your result for {} means"),
    (
        "form_privacy",
        "Dina svar sparas bara i den här webbläsaren på din dator. De skickas aldrig någonstans.",
        "Your answers are kept only in this browser on your computer. They are never sent anywhere.",
    ),
    ("clear_answers", "Rensa mina svar", "Clear my answers"),
    // Self-assessment forms (forms.js); `{}` is filled in order.
    ("form_show_results", "Visa mitt resultat", "Show my result"),
    ("form_results_heading", "Ditt resultat", "Your result"),
    ("form_score", "{} av {} poäng", "{} of {} points"),
    ("form_answered", "Du har svarat på {} av {} frågor.", "You have answered {} of {} questions."),
    (
        "form_answer_all",
        "Svara på alla frågor för att se vad resultatet betyder.",
        "Answer every question to see what your result means.",
    ),
    ("form_advice", "Det här kan hjälpa", "What can help"),
    ("form_your_answers", "Dina svar", "Your answers"),
    ("form_no_answer", "Inget svar", "No answer"),
    ("form_chart", "Diagram över resultatet", "Chart of the result"),
    ("form_whole_form", "Hela formuläret", "The whole form"),
    ("form_band_current", "(ditt resultat)", "(your result)"),
    ("form_cleared", "Dina svar är rensade.", "Your answers have been cleared."),
    (
        "form_storage_unavailable",
        "Webbläsaren låter inte sidan spara svar: de försvinner när du stänger sidan.",
        "This browser does not let the page save answers: they disappear when you close the page.",
    ),
    (
        "form_old_version",
        "Formuläret har ändrats sedan du svarade, så dina tidigare svar visas inte. Ta bort dem med ”Rensa mina svar”.",
        "The form has changed since you answered, so your earlier answers are not shown. Remove them with “Clear my answers”.",
    ),
    ("form_printed", "Utskrivet {}", "Printed {}"),
    ("form_download_json", "Ladda ner mina svar (JSON)", "Download my answers (JSON)"),
    ("form_download_csv", "Ladda ner mina svar (CSV)", "Download my answers (CSV)"),
    // The downloaded files' names: FORM-ID-svar.json, FORM-ID-svar.csv.
    ("form_file_answers", "svar", "answers"),
    ("form_print_results", "Skriv ut resultatet", "Print the result"),
    ("form_csv_section", "Avsnitt", "Section"),
    ("form_csv_question", "Fråga", "Question"),
    ("form_csv_answer", "Svar", "Answer"),
    ("form_csv_points", "Poäng", "Points"),
    ("form_show_code", "Visa min svarskod", "Show my answer code"),
    ("form_code_heading", "Din svarskod", "Your answer code"),
    (
        "form_code_help",
        "Visa koden eller QR-koden för utbildaren. Den innehåller bara dina kryss, inte dina anteckningar och inte vem du är.",
        "Show the code or the QR code to the trainer. It holds only your ticks: not your notes, and not who you are.",
    ),
    ("form_qr_label", "QR-kod med svarskoden {}", "QR code with the answer code {}"),
    // Named by the form's title: a handout can hold several forms.
    ("form_group_link", "För utbildare: samla gruppens svar på {}", "For trainers: pool the group's answers to {}"),
    ("form_group_heading", "Gruppens svar", "The group's answers"),
    (
        "form_group_help",
        "Klistra in deltagarnas svarskoder, en per rad (text från en QR-läsare går också bra). Du ser bara hur många som valt varje svar, aldrig vem.",
        "Paste the participants' answer codes, one per line (text from a QR scanner works too). You see only how many chose each answer, never who.",
    ),
    ("form_group_codes", "Svarskoder", "Answer codes"),
    ("form_group_show", "Visa gruppens svar", "Show the group's answers"),
    ("form_group_back", "Tillbaka till formuläret {}", "Back to the form {}"),
    ("form_group_participants", "Svar från {} deltagare.", "Answers from {} participants."),
    ("form_group_none", "Ingen giltig svarskod ännu.", "No valid answer code yet."),
    ("form_group_chart", "Antal svar per alternativ", "Number of answers per option"),
    // On the staircase, beside the step the reader chose in a step question.
    ("form_step_chosen", "Ditt val", "Your choice"),
    (
        "form_code_bad_chars",
        "Rad {}: det här är ingen svarskod (den innehåller tecken som svarskoder inte har).",
        "Line {}: this is not an answer code (it has characters answer codes do not have).",
    ),
    (
        "form_code_altered",
        "Rad {}: koden stämmer inte. Något tecken är fel eller ändrat; be om koden igen.",
        "Line {}: the code does not add up. A character is wrong or changed; ask for the code again.",
    ),
    (
        "form_code_foreign",
        "Rad {}: koden hör till ett annat formulär, eller till en annan version av det här.",
        "Line {}: the code belongs to another form, or to another version of this one.",
    ),
    (
        "form_code_duplicate",
        "Rad {}: samma kod som rad {}. Båda räknas; ta bort den ena om den klistrats in två gånger.",
        "Line {}: the same code as line {}. Both are counted; remove one if it was pasted twice.",
    ),
    (
        "footer_made_with",
        "Byggd med trappa. Sidan fungerar utan nätverk.",
        "Built with trappa. The site works without a network.",
    ),
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
    type Column = fn(&(&'static str, &'static str, &'static str)) -> &'static str;
    let (cell, column): (&OnceLock<Strings>, Column) = if language == "sv" { (&SV, |r| r.1) } else { (&EN, |r| r.2) };
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
