//! The theme's UI strings in Swedish and English ("Sök", "Skriv ut", …), and the names of the
//! files a site writes in each ([`FileNames`]). Templates read them as `t.key` and
//! `files.NAME`; the code through [`Strings::get`] and `strings.files`. A key missing in one
//! language, or named by a template or the code and not in the table, is a test failure.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// key, Swedish, English
const TABLE: &[(&str, &str, &str)] = &[
    ("skip_to_content", "Hoppa till innehållet", "Skip to content"),
    ("menu", "Meny", "Menu"),
    ("main_menu", "Huvudmeny", "Main menu"),
    // A menu too long for every page's header (render::Menu) is listed on a page of its own.
    ("all_sections", "Alla avsnitt", "All sections"),
    ("search", "Sök", "Search"),
    ("search_label", "Sök i materialet", "Search the material"),
    // Search (search.js, the search box and the search page); `{}` is filled in order.
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
    // The planner (min-plan.html, planner.js) and the presenter view (present.js).
    ("mp_title", "Min plan", "My plan"),
    (
        "mp_intro",
        "Välj övningar med knappen Lägg till i min plan på varje övning. Planen sparas bara i den här webbläsaren.",
        "Choose exercises with the Add to my plan button on each exercise. The plan is kept in this browser only.",
    ),
    ("mp_add", "Lägg till i min plan", "Add to my plan"),
    ("mp_added", "Tillagd i min plan", "Added to my plan"),
    ("mp_added_again", "Tillagd i min plan en gång till ({} gånger)", "Added to my plan again ({} times)"),
    ("mp_show", "Visa min plan", "Show my plan"),
    (
        "mp_empty",
        "Planen är tom. Lägg till övningar från övningssidorna.",
        "The plan is empty. Add exercises from the exercise pages.",
    ),
    ("mp_start", "Starttid", "Start time"),
    ("mp_length", "Önskad längd (minuter)", "Wanted length (minutes)"),
    ("mp_minutes", "Minuter", "Minutes"),
    ("mp_up", "Flytta upp", "Move up"),
    ("mp_down", "Flytta ner", "Move down"),
    ("mp_remove", "Ta bort", "Remove"),
    ("mp_add_break", "Lägg till fika", "Add a break"),
    ("mp_add_lunch", "Lägg till lunch", "Add lunch"),
    ("mp_add_free", "Lägg till egen punkt", "Add an item of your own"),
    ("mp_free_title", "Rubrik för egen punkt", "Title of your own item"),
    ("mp_break", "Fika", "Break"),
    ("mp_lunch", "Lunch", "Lunch"),
    ("mp_free", "Egen punkt", "Own item"),
    ("mp_total", "Totalt {} minuter av önskade {} ({}).", "{} minutes in all of the {} wanted ({})."),
    ("mp_fits", "stämmer", "fits"),
    ("mp_over", "{} minuter för mycket", "{} minutes too many"),
    ("mp_under", "{} minuter kvar", "{} minutes left"),
    ("mp_moved", "{} flyttad till plats {} av {}.", "{} moved to place {} of {}."),
    ("mp_removed", "{} borttagen ur planen.", "{} removed from the plan."),
    (
        "mp_keys",
        "Flytta en punkt med Alt+pil upp och Alt+pil ner när den har fokus, eller dra den.",
        "Move an item with Alt+Up and Alt+Down when it has focus, or drag it.",
    ),
    ("mp_print_agenda", "Skriv ut dagordning", "Print the agenda"),
    ("mp_print_guide", "Skriv ut ledarguide", "Print the facilitator guide"),
    ("mp_print_pack", "Skriv ut deltagarmaterial", "Print the participant pack"),
    ("mp_export", "Spara planen som fil", "Save the plan as a file"),
    ("mp_import", "Hämta en plan från fil", "Open a plan from a file"),
    ("mp_imported", "Planen från filen är inläst.", "The plan from the file is loaded."),
    (
        "mp_import_bad",
        "Filen kunde inte läsas som en plan från Min plan (fel form eller version). Din nuvarande plan är kvar.",
        "The file could not be read as a plan from My plan (wrong shape or version). Your current plan is kept.",
    ),
    ("mp_copy", "Kopiera som Markdown", "Copy as Markdown"),
    (
        "mp_copied",
        "Markdown kopierad. Klistra in den på en sida i content/kom-igang/.",
        "Markdown copied. Paste it into a page in content/kom-igang/.",
    ),
    (
        "mp_copy_manual",
        "Kopiera texten i rutan (Ctrl+C) och klistra in den på en sida i content/kom-igang/.",
        "Copy the text in the box (Ctrl+C) and paste it into a page in content/kom-igang/.",
    ),
    ("mp_markdown", "Planen som Markdown", "The plan as Markdown"),
    ("mp_clear", "Töm planen", "Clear the plan"),
    ("mp_cleared", "Planen är tömd.", "The plan is cleared."),
    (
        "mp_storage_unavailable",
        "Webbläsaren sparar inte planen (lagring avstängd).",
        "This browser does not keep the plan (storage is off).",
    ),
    ("mp_guide", "Ledarguide", "Facilitator guide"),
    ("mp_pack", "Deltagarmaterial", "Participant pack"),
    ("mp_from_plan", "Gör ett eget program i Min plan utifrån {}", "Make a programme of your own in My plan from {}"),
    (
        "mp_seeded",
        "Min plan utgår nu från {}. Ändra den som du vill.",
        "My plan now starts from {}. Change it as you like.",
    ),
    ("mp_replace_title", "Ersätta planen i Min plan?", "Replace the plan in My plan?"),
    (
        "mp_replace_text",
        "Min plan har redan {} punkter. Vill du ersätta dem med {}? Spara gärna den gamla planen som fil först.",
        "My plan already has {} items. Replace them with {}? You may save the old plan as a file first.",
    ),
    ("mp_replace", "Ersätt planen", "Replace the plan"),
    ("mp_keep", "Behåll den gamla", "Keep the old one"),
    ("mp_kept", "Den gamla planen är kvar.", "The old plan is kept."),
    ("mp_clear_title", "Tömma planen?", "Clear the plan?"),
    ("mp_clear_text", "Alla {} punkter tas bort ur Min plan.", "All {} items are removed from My plan."),
    ("mp_undo", "Ångra", "Undo"),
    ("mp_undone", "Planen är tillbaka.", "The plan is back."),
    ("mp_cancel", "Avbryt", "Cancel"),
    ("mp_add_again", "Lägg till en gång till", "Add once more"),
    ("mp_already", "Redan i min plan ({} gånger)", "Already in my plan ({} times)"),
    (
        "mp_steps_over",
        "Stegen i {} tar {} minuter, mer än blockets {}. Ledarguiden visar bara de steg som ryms.",
        "The steps of {} take {} minutes, more than the block's {}. The guide shows only the steps that fit.",
    ),
    ("mp_steps_cut", "Steg som inte ryms i blockets tid: {}", "Steps that do not fit in the block's time: {}"),
    ("present", "Visa för gruppen", "Present to the group"),
    ("present_label", "Presentationsvy", "Presenter view"),
    ("present_prev", "Föregående", "Previous"),
    ("present_next", "Nästa", "Next"),
    ("present_blank", "Svart skärm (B)", "Blank screen (B)"),
    ("present_from_now", "Räkna tiderna från nu", "Count the times from now"),
    ("present_leave", "Avsluta (Esc)", "Leave (Esc)"),
    ("present_next_up", "Nästa: {}", "Next: {}"),
    ("present_last", "Sista bilden", "Last slide"),
    ("present_left", "{} kvar", "{} left"),
    ("present_time_up", "Tiden är slut", "Time is up"),
    ("present_clock", "Klockan {}", "The time is {}"),
    ("present_on_time", "Enligt planen", "On time"),
    ("present_behind", "{} min efter planen", "{} min behind the plan"),
    ("present_ahead", "{} min före planen", "{} min ahead of the plan"),
    ("present_step", "Steg {} av {}", "Step {} of {}"),
    ("present_question", "Fråga", "Question"),
    ("present_position", "{} av {}", "{} of {}"),
    ("present_notes", "Anteckningar (N)", "Notes (N)"),
    ("present_no_notes", "Inga anteckningar till den här bilden.", "No notes for this slide."),
    ("present_material", "Underlag", "Material"),
    ("present_both", "Visa för gruppen med ledarvy (två fönster)", "Present with the trainer's view (two windows)"),
    ("present_upcoming", "Nästa bild", "Next slide"),
    ("present_reopen", "Öppna projektorfönstret", "Open the projector window"),
    ("present_window_open", "Projektorfönstret är öppet.", "The projector window is open."),
    ("present_window_closed", "Projektorfönstret är stängt.", "The projector window is closed."),
    (
        "present_window_blocked",
        "Webbläsaren öppnade inget projektorfönster (tillåt popup-fönster för sidan). Bilderna visas här.",
        "The browser opened no projector window (allow pop-ups for this page). The slides show here.",
    ),
    ("present_fullscreen", "Helskärm (F)", "Full screen (F)"),
    (
        "present_projector_waiting",
        "Det här är projektorfönstret. Dra det till projektorns skärm och välj {}. Bilderna kommer från ledarvyn.",
        "This is the projector window. Drag it to the projector's screen and choose {}. The slides come from the trainer's view.",
    ),
    ("print", "Skriv ut", "Print"),
    ("home", "Start", "Home"),
    ("breadcrumbs", "Du är här", "You are here"),
    // The live preview's error overlay (reload.js, only in `serve`'s output).
    (
        "serve_errors",
        "Innehållet har fel – sidan visar den senaste fungerande versionen",
        "The content has errors – the page shows the last version that worked",
    ),
    // Said above the messages, which are English in every site language (as in the terminal).
    (
        "serve_errors_language",
        "Felmeddelandena nedan är på engelska, som i terminalen. Varje rad börjar med fil:rad:kolumn.",
        "Each message starts with file:line:column.",
    ),
    // The live room (`trappa room`: room.js and the room's exports); `{}` is filled in order.
    ("room_joined", "Du är med i rummet. Formulär att svara på:", "You have joined the room. Forms to answer:"),
    ("room_send", "Skicka till gruppen", "Send to the group"),
    (
        "room_privacy",
        "I rummet skickas bara dina kryss och val, som svarskoden, till utbildarens dator, och bara när du trycker på Skicka till gruppen. Dina anteckningar och det som sparas i den här webbläsaren skickas inte, och inget visar vem du är.",
        "In the room only your ticks and choices are sent, as the answer code, to the trainer's computer, and only when you press Send to the group. Your notes and what this browser keeps are not sent, and nothing shows who you are.",
    ),
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
    (
        "room_mode_live",
        "Gruppens svar visas på projektorn medan de kommer in, när minst {} har svarat. Bara antal visas, aldrig vem som svarat vad.",
        "The group's answers show on the projector as they come in, once at least {} have answered. Only counts are shown, never who answered what.",
    ),
    (
        "room_mode_held",
        "Gruppens svar visas på projektorn först när utbildaren visar dem, alla på en gång. Bara antal visas, aldrig vem som svarat vad.",
        "The group's answers show on the projector only when the trainer shows them, all at once. Only counts are shown, never who answered what.",
    ),
    (
        "room_held",
        "Svaren hålls tillbaka tills utbildaren visar dem, alla på en gång.",
        "The answers are held back until the trainer shows them, all at once.",
    ),
    ("room_show", "Visa svaren för gruppen", "Show the answers to the group"),
    ("room_hold", "Dölj svaren tills jag visar dem", "Hide the answers until I show them"),
    ("room_project", "Visa på projektorn (F)", "Show on the projector (F)"),
    ("room_project_label", "Rummets svar på projektorn", "The room's answers on the projector"),
    ("room_project_question", "Fråga {} av {}", "Question {} of {}"),
    ("room_project_sorted", "Flest svar först", "Most answers first"),
    ("room_project_ordered", "I formulärets ordning", "In the form's order"),
    (
        "room_project_keys",
        "→ eller mellanslag: nästa fråga · ←: föregående · S: ordning · B: svart skärm · Esc: tillbaka",
        "→ or Space: next question · ←: previous · S: order · B: blank screen · Esc: back",
    ),
    ("room_project_leave", "Tillbaka till rumsvyn", "Back to the room view"),
    ("room_project_share", "{} ({} %)", "{} ({}%)"),
    ("room_group_link", "Till gruppvyn, för att klistra in svarskoder", "To the group view, to paste answer codes"),
    ("room_refused_count", "{} inskickade svar avvisades.", "{} posted answers were refused."),
    ("room_export_csv", "Spara antalen som CSV", "Save the counts as CSV"),
    // The room's lines in the terminal (`trappa room`); `{}` is filled in order.
    (
        "room_term_join",
        "rum {}: gå med på {} (visa den här adressen; rumsvyn visar den med en QR-kod)",
        "room {}: join at {} (show this address; the room view shows it with a QR code)",
    ),
    (
        "room_term_loopback",
        "lyssnar bara på den här datorn (loopback): telefoner kan inte gå med; använd --lan så att andra i nätverket kan gå med",
        "listening on this computer only (loopback): phones cannot join; use --lan to let others on your network join",
    ),
    (
        "room_term_every_unknown",
        "lyssnar på alla den här datorns adresser: alla i dess nätverk kan gå med; se datorns adress i nätverksinställningarna (den gick inte att ta reda på)",
        "listening on every address of this computer: anyone on its networks can join; find its address in the network settings (this computer's address could not be told)",
    ),
    (
        "room_term_every",
        "lyssnar på alla den här datorns adresser: alla i nätverket där {} finns kan gå med",
        "listening on every address of this computer: anyone on the network of {} can join",
    ),
    (
        "room_term_one",
        "lyssnar på {}: alla i det nätverket kan gå med",
        "listening on {}: anyone on that network can join",
    ),
    (
        "room_term_views",
        "rumsvyer (bara för dig: nyckeln låter den som har den se, visa, tömma och avsluta rummet):",
        "room views (for you alone: the key lets whoever has it see, show, clear and end the room):",
    ),
    (
        "room_term_counts",
        "antalen visas när {} har svarat; inget skrivs till disk om du inte sparar; Ctrl+C avslutar rummet och glömmer alla svar",
        "counts show once {} have answered; nothing is written to disk unless you export; Ctrl+C ends the room and forgets every answer",
    ),
    (
        "room_term_reveal",
        "--reveal: antalen hålls tillbaka tills du väljer Visa svaren för gruppen i rumsvyn",
        "--reveal: the counts are held back until you choose Show the answers to the group in the room view",
    ),
    (
        "room_term_ended",
        "utbildaren avslutade rummet: alla svar är glömda och inga fler tas emot (Ctrl+C stoppar servern)",
        "the trainer ended the room: every answer is forgotten and no more are taken (Ctrl+C stops the server)",
    ),
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
    ("section_pages", "Sidorna i avsnittet", "Pages in this section"),
    ("sources", "Källor", "Sources"),
    ("audience", "För", "For"),
    ("tags", "Ämnen", "Topics"),
    ("duration", "Tid", "Duration"),
    ("minutes", "minuter", "minutes"),
    ("group_size", "Gruppstorlek", "Group size"),
    ("materials", "Material", "Materials"),
    ("exercises", "Övningar", "Exercises"),
    // The headings of an exercise's parts, as its body writes them (read by the Markdown stage).
    ("exercise_purpose", "Syfte", "Purpose"),
    ("exercise_steps", "Så här gör du", "How to do it"),
    ("exercise_questions", "Frågor till gruppen", "Questions for the group"),
    ("exercise_tips", "Tips", "Tips"),
    // The first words of a blockquote meant for the trainer only (src/markdown/exercise.rs).
    ("trainer_note", "För utbildaren", "For the trainer"),
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
    (
        "path_again",
        "Det är {} dagar sedan du gjorde ”{}”. Gör den gärna igen och jämför med förra gången.",
        "It is {} days since you did “{}”. Do it again and compare with the last time.",
    ),
    // A plan for a staff day (components/plan.html).
    ("plan_from", "Från", "From"),
    ("plan_to", "till", "to"),
    ("plan_hours", "tim", "h"),
    ("plan_agenda", "Dagordning", "Agenda"),
    ("plan_time", "Tid", "Time"),
    ("plan_content", "Innehåll", "What"),
    ("plan_exercise", "Övning", "Exercise"),
    ("plan_materials", "Material att ta med till övningarna", "Materials for the exercises"),
    ("plan_forms", "Självskattningar under dagen", "Self-assessments of the day"),
    ("plan_per_participant", "per deltagare", "per participant"),
    ("plan_participants", "deltagare", "participants"),
    ("plan_cards", "Kort att skriva ut till dagen", "Cards to print for the day"),
    ("plan_for_the_day", "Till dagen", "For the day"),
    ("plan_guide_link", "Ledarguide: {}", "Facilitator guide: {}"),
    ("plan_pack_link", "Deltagarmaterial: {}", "Participant pack: {}"),
    // A plan's facilitator guide and participant pack, pages of their own beside the plan.
    (
        "plan_guide_intro",
        "Allt du behöver för att leda dagen, block för block, med klockslaget då varje steg börjar. Skriv ut den på A4, eller visa dagen för gruppen steg för steg.",
        "All you need to lead the day, block by block, with the time each step starts. Print it on A4, or present the day to the group step by step.",
    ),
    (
        "plan_pack_intro",
        "Dagordningen, dagens övningar med plats att skriva och självskattningarna som arbetsblad. Skriv ut ett exemplar per deltagare, på A4.",
        "The agenda, the day's exercises with room to write, and the self-assessments as worksheets. Print one copy for each participant, on A4.",
    ),
    ("plan_back", "Tillbaka till programmet på sidan {}", "Back to the programme on the page {}"),
    ("plan_prepare", "Förbered", "Prepare"),
    ("plan_purpose", "Syfte", "Purpose"),
    ("plan_steps", "Så här gör du", "What to do"),
    ("plan_steps_pack", "Så här gör vi", "What we do"),
    ("plan_questions", "Frågor till gruppen", "Questions for the group"),
    ("plan_tips", "Tips", "Tips"),
    ("plan_notes", "Anteckningar", "Notes"),
    ("plan_worksheets", "Självskattningar", "Self-assessments"),
    ("plan_open_page", "Sidan {}", "The page {}"),
    ("plan_open_exercise", "Övningen {} på sin egen sida", "The exercise {} on its own page"),
    ("plan_card_pdf", "{} (PDF)", "{} (PDF)"),
    ("plan_print_guide", "Skriv ut ledarguiden", "Print the facilitator guide"),
    ("plan_print_pack", "Skriv ut deltagarmaterialet", "Print the participant pack"),
    // The start page at the top of `trappa pack`'s zip.
    ("pack_open", "Öppna materialet", "Open the material"),
    (
        "pack_help",
        "Packa upp hela mappen först och öppna sedan den här filen. Allt fungerar utan internet, direkt från mappen.",
        "Unzip the whole folder first, then open this file. Everything works without the internet, straight from the folder.",
    ),
    // A reading path's certificate, Intyg (certificate.html, path.js): one page per path,
    // beside it, to print when the path is done.
    ("certificate_title", "Intyg", "Certificate"),
    (
        "certificate_intro",
        "När du har markerat alla steg som lästa får intyget dagens datum. Skriv ditt namn, så står det på intyget. Namnet sparas bara i den här webbläsaren och skickas aldrig någonstans.",
        "Once you have marked every step as read, the certificate gets the date. Type your name and it stands on the certificate. The name is kept only in this browser and is never sent anywhere.",
    ),
    (
        "certificate_needs_script",
        "Intyget läser ur din webbläsare vilka steg du har markerat som lästa, och behöver JavaScript. Du kan ändå skriva ut det och fylla i namn och datum för hand.",
        "The certificate reads from your browser which steps you have marked as read, and needs JavaScript. You can still print it and write the name and the date by hand.",
    ),
    ("certificate_name", "Ditt namn på intyget", "Your name on the certificate"),
    ("certificate_learner", "Namn i lärplattformen: {}", "Name in the learning platform: {}"),
    ("certificate_has_done", "har gått igenom läsvägen", "has completed the reading path"),
    ("certificate_in", "i materialet {}.", "in the material {}."),
    ("certificate_steps", "Läsvägens steg", "The path's steps"),
    ("certificate_done_on", "Klar {}.", "Completed on {}."),
    (
        "certificate_not_done",
        "Läsvägen är inte klar än: {} av {} steg är markerade som lästa. Intyget får ett datum när alla är det.",
        "The path is not complete yet: {} of {} steps are marked as read. The certificate gets a date when all of them are.",
    ),
    ("certificate_date", "Datum", "Date"),
    ("certificate_signature", "Namn", "Name"),
    ("certificate_print", "Skriv ut intyget", "Print the certificate"),
    // The launch page of a reading path in a SCORM package (`trappa pack --scorm`).
    ("scorm_open", "Öppna läsvägen: {}", "Open the reading path: {}"),
    // A reading path's summary (summary.html, path.js): one page per path, beside it.
    ("summary_title", "Min sammanfattning", "My summary"),
    (
        "summary_intro",
        "Här är det du har gjort på läsvägen, så som det är sparat i den här webbläsaren. Skriv ut sammanfattningen eller ladda ner den, till exempel inför ett samtal med din chef. Inget av det skickas någonstans.",
        "Here is what you have done on the reading path, as this browser has kept it. Print the summary or download it, for example for a talk with your manager. None of it is sent anywhere.",
    ),
    (
        "summary_needs_script",
        "Sammanfattningen läses ur din webbläsare och behöver JavaScript.",
        "The summary is read from your browser and needs JavaScript.",
    ),
    ("summary_steps", "Steg på läsvägen", "Steps on the path"),
    ("summary_forms", "Dina självskattningar", "Your self-assessments"),
    ("summary_notes", "Dina anteckningar", "Your notes"),
    ("summary_not_done", "Inte gjord än.", "Not done yet."),
    ("summary_open_form", "Till självskattningen", "To the self-assessment"),
    ("summary_answered_on", "Senast besvarad {}.", "Last answered {}."),
    ("summary_earlier", "Tidigare: {}", "Earlier: {}"),
    ("summary_step", "Steg {}: {}", "Step {}: {}"),
    ("summary_no_notes", "Inga anteckningar ännu.", "No notes yet."),
    ("summary_print", "Skriv ut sammanfattningen", "Print the summary"),
    ("summary_download", "Ladda ner sammanfattningen (textfil)", "Download the summary (text file)"),
    // The downloaded file's name: sammanfattning-PATH-ID.txt.
    ("summary_file", "sammanfattning", "summary"),
    ("summary_made", "Sammanfattningen gjord {}", "Summary made {}"),
    ("summary_clear", "Rensa allt på läsvägen", "Clear everything on the path"),
    (
        "summary_clear_help",
        "Tar bort dina markeringar på läsvägen och dina svar och tidigare resultat i självskattningarna på den.",
        "Removes your marks on the path, and your answers and earlier results in its self-assessments.",
    ),
    (
        "summary_cleared",
        "Allt på läsvägen är borttaget: markeringar, svar och tidigare resultat.",
        "Everything on the path is removed: marks, answers and earlier results.",
    ),
    ("question", "Fråga", "Question"),
    // The printed book (bok/*.pdf): the links to it, and the words its design prints.
    ("book_whole_link", "Hela materialet som bok (PDF)", "The whole material as a book (PDF)"),
    ("book_path_link", "Läsvägen som bok (PDF): {}", "The reading path as a book (PDF): {}"),
    ("book_plan_link", "Dagen som bok (PDF): {}", "The day as a book (PDF): {}"),
    ("book_contents", "Innehåll", "Contents"),
    ("book_page_ref", "se s. {}", "see p. {}"),
    ("book_page", "Sida", "Page"),
    ("book_path_title", "Läsväg: {}", "Reading path: {}"),
    ("book_plan_title", "Dagen: {}", "The day: {}"),
    ("book_agenda", "Dagens program", "The day's programme"),
    ("book_minutes", "min", "min"),
    ("book_notes", "Anteckningar", "Notes"),
    ("book_from_site", "Ur {}", "From {}"),
    ("callout_reflection", "Fundera på", "Reflect"),
    ("callout_tip", "Tips", "Tip"),
    ("callout_note", "Att tänka på", "Note"),
    ("callout_warning", "Varning", "Warning"),
    ("callout_own", "Materialets eget råd", "The material's own advice"),
    ("card", "Kort", "Card"),
    ("card_front", "Kortets framsida", "Front of the card"),
    ("card_back", "Kortets baksida", "Back of the card"),
    // Section handouts (handout.html): a section's pages as one document to print.
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
    // Said instead, before the questions, when the form is a reading path's `report_score`
    // and the path runs in a learning platform (a SCORM package).
    (
        "form_privacy_scored",
        "Dina svar sparas bara i den här webbläsaren på din dator. Men läsvägen skickar din poäng på självskattningen till lärplattformen när du har svarat på alla frågor: bara poängen, i procent, aldrig vad du har svarat.",
        "Your answers are kept only in this browser on your computer. But the reading path sends your score on this self-assessment to the learning platform once you have answered every question: only the score, as a percentage, never what you answered.",
    ),
    (
        "form_paper_scored",
        "Kryssa med penna för det som stämmer. Varje svar ger poängen inom parentes: räkna ihop dem och läs under Så tolkar du resultatet vad summan betyder.",
        "Tick with a pen what is true for you. Each answer gives the points in brackets: add them up and read under What your result means what the sum means.",
    ),
    ("form_paper", "Skriv dina svar med penna på papperet.", "Write your answers with a pen on the paper."),
    ("form_paper_points", "({} poäng)", "(points: {})"),
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
    // Excel in Swedish reads `;` as the column separator (`,` is the decimal comma there).
    ("form_csv_separator", ";", ","),
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
    // Coming back to a form: the results of earlier days beside today's.
    ("form_history", "Tidigare resultat", "Earlier results"),
    ("form_history_compare", "Förra gången, {}: {}. Nu: {}.", "Last time, {}: {}. Now: {}."),
    ("form_history_date", "Datum", "Date"),
    ("form_history_result", "Resultat", "Result"),
    ("form_history_band", "Vad det betyder", "What it means"),
    ("form_history_today", "I dag, {}", "Today, {}"),
    ("form_history_incomplete", "inte alla frågor besvarade", "not every question answered"),
    ("form_history_clear", "Radera tidigare resultat", "Delete earlier results"),
    ("form_history_cleared", "Dina tidigare resultat är raderade.", "Your earlier results have been deleted."),
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
    // The language's code, for templates (`hyphenate(t.lang)`).
    ("lang", "sv", "en"),
    (
        "footer_made_with",
        "Byggd med trappa. Sidan fungerar utan nätverk.",
        "Built with trappa. The site works without a network.",
    ),
];

pub struct Strings {
    map: BTreeMap<&'static str, &'static str>,
    /// The names of the files the site writes in this language.
    pub files: &'static FileNames,
}

/// The names of the files a site writes in its language: web addresses, not words a reader
/// reads, so they stand apart from the UI strings. Templates read them as `files.NAME`; a name
/// with `{}` takes an id (`ledarguide-{}.html`).
#[derive(Debug, serde::Serialize)]
pub struct FileNames {
    /// The page that lists a menu too long for every page's header (render::Menu).
    pub menu: &'static str,
    pub search: &'static str,
    /// Min plan, where a trainer makes a plan of their own.
    pub planner: &'static str,
    /// The output folder of `exercises/`.
    pub exercises: &'static str,
    /// A plan's facilitator guide and participant pack, beside the plan's page.
    pub plan_guide: &'static str,
    pub plan_pack: &'static str,
    /// A reading path's summary, beside the path's page.
    pub summary: &'static str,
    /// A reading path's certificate (*Intyg*), beside the path's page.
    pub certificate: &'static str,
    /// A section's pages as one document to print, in the section's folder.
    pub handout: &'static str,
    /// The printed book (PDF) of the whole site, of a reading path and of a plan's day.
    pub book_whole: &'static str,
    pub book_path: &'static str,
    pub book_plan: &'static str,
}

const SWEDISH_FILES: FileNames = FileNames {
    menu: "avsnitt.html",
    search: "sok.html",
    planner: "min-plan.html",
    exercises: "ovningar",
    plan_guide: "ledarguide-{}.html",
    plan_pack: "deltagarmaterial-{}.html",
    summary: "sammanfattning-{}.html",
    certificate: "intyg-{}.html",
    handout: "utskrift.html",
    book_whole: "bok/hela-materialet.pdf",
    book_path: "bok/lasvag-{}.pdf",
    book_plan: "bok/dag-{}.pdf",
};
const ENGLISH_FILES: FileNames = FileNames {
    menu: "sections.html",
    search: "search.html",
    planner: "my-plan.html",
    exercises: "exercises",
    plan_guide: "guide-{}.html",
    plan_pack: "participant-pack-{}.html",
    summary: "summary-{}.html",
    certificate: "certificate-{}.html",
    handout: "handout.html",
    book_whole: "book/the-whole-material.pdf",
    book_path: "book/reading-path-{}.pdf",
    book_plan: "book/day-{}.pdf",
};

impl Strings {
    /// The string for `key`; the key itself if it is missing (visible, never a panic).
    pub fn get(&self, key: &'static str) -> &'static str {
        self.map.get(key).copied().unwrap_or(key)
    }

    pub fn as_map(&self) -> &BTreeMap<&'static str, &'static str> {
        &self.map
    }

    /// The string for `key` with each `{}` filled by the next of `values`, in order (as the
    /// scripts' `fill`); a `{}` without a value is left empty.
    pub fn fill(&self, key: &'static str, values: &[&dyn std::fmt::Display]) -> String {
        let mut values = values.iter();
        let mut parts = self.get(key).split("{}");
        let mut out = parts.next().unwrap_or_default().to_string();
        for part in parts {
            if let Some(value) = values.next() {
                out.push_str(&value.to_string());
            }
            out.push_str(part);
        }
        out
    }
}

/// The table for a language of [`crate::config::LANGUAGES`] (English for any other).
pub fn strings(language: &str) -> &'static Strings {
    static SV: OnceLock<Strings> = OnceLock::new();
    static EN: OnceLock<Strings> = OnceLock::new();
    type Column = fn(&(&'static str, &'static str, &'static str)) -> &'static str;
    let (cell, column, files): (&OnceLock<Strings>, Column, _) =
        if language == "sv" { (&SV, |r| r.1, &SWEDISH_FILES) } else { (&EN, |r| r.2, &ENGLISH_FILES) };
    cell.get_or_init(|| Strings { map: TABLE.iter().map(|r| (r.0, column(r))).collect(), files })
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
        assert_eq!(strings("en").fill("form_history_compare", &[&"May", &3, &4]), "Last time, May: 3. Now: 4.");
    }

    /// The keys `text` names as `t.KEY` (a template) or as `strings.get("KEY")`,
    /// `s.fill("KEY"` … (Rust: on `strings`, `s`, or a call chained from the line above), with
    /// the line each is on.
    fn keys_named(text: &str, rust: bool) -> Vec<(usize, String)> {
        let mut keys = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let patterns: &[&str] = if rust { &[".get(\"", ".fill(\""] } else { &["t."] };
            for pattern in patterns {
                for (at, _) in line.match_indices(pattern) {
                    let before = &line[..at];
                    let receiver = &before[before.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_').len()..];
                    let named = if rust {
                        // Other `get("…")` calls (maps of ids, headers) name no UI string.
                        matches!(receiver, "strings" | "s") || before.trim().is_empty()
                    } else {
                        // `t.` starts a name (not `part.`, `root.t.`).
                        receiver.is_empty() && !before.ends_with('.')
                    };
                    if !named {
                        continue;
                    }
                    let key: String = line[at + pattern.len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                        .collect();
                    if !key.is_empty() {
                        keys.push((n + 1, key));
                    }
                }
            }
        }
        keys
    }

    fn files_under(dir: &std::path::Path, extension: &str, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files_under(&path, extension, found);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }

    /// A key missing from the table would show as the key itself (Rust) or fail the build
    /// (a template, whose undefined values are errors): every key the theme's templates and
    /// the code name is in the table, so in both languages.
    #[test]
    fn every_key_the_templates_and_the_code_name_is_in_the_table() {
        let known: std::collections::HashSet<&str> = TABLE.iter().map(|(key, _, _)| *key).collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut missing, mut named) = (Vec::new(), 0);
        for (folder, extension, rust) in [("themes", "html", false), ("src", "rs", true)] {
            let mut files = Vec::new();
            files_under(&root.join(folder), extension, &mut files);
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap();
                for (line, key) in keys_named(&text, rust) {
                    named += 1;
                    if !known.contains(key.as_str()) {
                        missing.push(format!("{}:{line}: {key}", file.strip_prefix(root).unwrap().display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "keys not in the table:\n{}", missing.join("\n"));
        assert!(named > 300, "the templates and the code name hundreds of keys, found {named}");
        assert_eq!(keys_named("{{ t.search }} {{ root.t.x }} {{ part.y }}", false), [(1, "search".to_string())]);
        let rust = "strings.get(\"a\") ids.get(\"b\")\n    .fill(\"c\", &[])";
        assert_eq!(keys_named(rust, true), [(1, "a".to_string()), (2, "c".to_string())]);
    }
}
