//! The texts of the user interface, Swedish first and English complete. A key missing from the
//! catalogue is a test failure (see `tests::every_template_key_exists`), never a blank page.

use domain::error::Lang;

macro_rules! catalogue {
    ($($key:literal => $sv:literal, $en:literal;)*) => {
        /// The text of `key` in `lang`, when this section has it.
        pub(crate) fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
            match (key, lang) {
                $(($key, Lang::Sv) => Some($sv), ($key, Lang::En) => Some($en),)*
                _ => None,
            }
        }

        #[cfg(test)]
        pub(crate) const KEYS: &[&str] = &[$($key),*];
    };
}
pub(crate) use catalogue;

/// The catalogue's sections: this file's, and one per capability, so that work on one
/// capability does not touch the texts of another.
const SECTIONS: &[fn(Lang, &str) -> Option<&'static str>] = &[
    lookup,
    meetings::lookup,
    protocol::lookup,
    platform::lookup,
    search::lookup,
    start::lookup,
    admin::lookup,
    editor::lookup,
    identity::lookup,
    cases::lookup,
    assignments::lookup,
    joint::lookup,
    privacy::lookup,
    directory::lookup,
    referrals::lookup,
    strategy::lookup, // strategy (issue 13)
    // indicators (issue 13)
    indicators::lookup,
    processes::lookup,   // processes (issue 14)
    actionplans::lookup, // action plans (issue 13)
    // surveys (issue 14)
    surveys::lookup,
    // registry: secrecy grants and archive packages (issue 11)
    registry::lookup,
];

/// The text of `key` in `lang`.
pub fn text(lang: Lang, key: &str) -> &'static str {
    SECTIONS.iter().find_map(|f| f(lang, key)).unwrap_or_else(|| {
        debug_assert!(false, "missing text key {key}");
        "?"
    })
}

/// The label of a form field named `field`, for the error summary's links.
pub fn field_label(lang: Lang, field: &str) -> Option<&'static str> {
    SECTIONS.iter().find_map(|f| f(lang, &format!("field.{field}")))
}

#[cfg(test)]
fn all_keys() -> Vec<&'static str> {
    [
        KEYS,
        meetings::KEYS,
        protocol::KEYS,
        platform::KEYS,
        search::KEYS,
        start::KEYS,
        admin::KEYS,
        editor::KEYS,
        identity::KEYS,
        cases::KEYS,
        assignments::KEYS,
        joint::KEYS,
        privacy::KEYS,
        directory::KEYS,
        referrals::KEYS,
        strategy::KEYS, // strategy (issue 13)
        // indicators (issue 13)
        indicators::KEYS,
        processes::KEYS,   // processes (issue 14)
        actionplans::KEYS, // action plans (issue 13)
        // surveys (issue 14)
        surveys::KEYS,
        registry::KEYS,
    ]
    .concat()
}

mod actionplans; // action plans (issue 13)
mod admin;
mod assignments;
mod cases;
mod directory;
mod editor;
mod identity;
// indicators (issue 13)
mod indicators;
mod joint;
mod meetings;
mod platform;
mod privacy;
mod processes; // processes (issue 14)
mod protocol;
mod referrals;
mod registry;
mod search;
mod start;
mod strategy; // strategy (issue 13)
// surveys (issue 14)
mod surveys;

catalogue! {
    "field.name" => "Namn", "Name";
    "field.namn" => "Namn", "Name";
    "field.email" => "E-post", "E-mail";
    "field.title" => "Rubrik", "Title";
    "field.date" => "Datum", "Date";
    "field.start" => "Från", "From";
    "field.end" => "Till", "To";
    "field.person" => "Person", "Person";
    "field.reason" => "Skäl", "Reason";
    "field.decision" => "Beslut", "Decision";
    "field.text" => "Text", "Text";
    "field.question" => "Fråga", "Question";
    "field.by" => "Vem", "Who";
    "field.result" => "Resultat", "Result";
    "field.decided_on" => "Beslutsdag", "Date of decision";
    "field.kind" => "Typ", "Type";
    "field.county_code" => "Län", "County";
    "field.code" => "Kod", "Code";
    "field.role" => "Roll", "Role";
    "field.side" => "Sida", "Side";
    "field.organisation" => "Organisation", "Organisation";
    "field.organisation_id" => "Organisation", "Organisation";
    "field.csv" => "CSV-text", "CSV text";
    "field.file" => "Fil", "File";
    "field.password" => "Lösenord", "Password";
    "field.current_password" => "Nuvarande lösenord", "Current password";
    "field.new_password" => "Nytt lösenord", "New password";
    "field.place" => "Plats", "Place";
    "field.website" => "Webbplats", "Website";
    "field.adjusters" => "Justerare", "Minutes checkers";
    "field.case_number" => "Diarienummer", "Case number";
    "field.year" => "År", "Year";
    "field.ar" => "År", "Year";
    "site.tagline" => "Regional utveckling i samverkan", "Regional development in collaboration";
    "skip" => "Hoppa till huvudinnehållet", "Skip to main content";
    "nav.label" => "Huvudmeny", "Main menu";
    "nav.group.structure" => "Struktur", "Structure";
    "nav.group.meetings" => "Möten och protokoll", "Meetings and minutes";
    "nav.group.cases" => "Ärenden", "Cases";
    "nav.group.strategy" => "Strategi och uppföljning", "Strategy and follow-up";
    "nav.home" => "Start", "Home";
    "nav.organisations" => "Organisationer", "Organisations";
    "nav.people" => "Personer", "People";
    "nav.admin" => "Administration", "Administration";
    "nav.bodies" => "Organ", "Bodies";
    "nav.meetings" => "Möten", "Meetings";
    "nav.notice_board" => "Anslagstavla", "Notice board";
    "nav.account" => "Mitt konto", "My account";
    "nav.login" => "Logga in", "Sign in";
    "nav.logout" => "Logga ut", "Sign out";
    "lang.switch" => "Byt språk", "Change language";
    "lang.other" => "In English", "På svenska";
    "footer.accessibility" => "Tillgänglighetsredogörelse", "Accessibility statement";
    "footer.api" => "Öppna data och API", "Open data and API";
    "footer.about" => "Samverkan är fri programvara för regionalt utvecklingsarbete.", "Samverkan is free software for regional development.";
    "signed_in_as" => "Inloggad som", "Signed in as";
    "home.title" => "Välkommen till Samverkan", "Welcome to Samverkan";
    "home.intro" => "Här samlas regionens och kommunernas gemensamma arbete med regional utveckling: organisationerna, personerna och – allteftersom – samrådsstrukturen, mötena och strategin.", "This is where the region and its municipalities keep their joint work on regional development: the organisations, the people and, step by step, the consultation structure, the meetings and the strategy.";
    "home.counts" => "I registret", "In the register";
    "home.organisations" => "organisationer", "organisations";
    "home.people" => "personer", "people";
    "home.browse" => "Bläddra i registret", "Browse the register";
    "home.for_you" => "För dig", "For you";
    "home.to_approve" => "Protokoll som väntar på din justering", "Minutes waiting for your approval";
    "home.approve_by" => "justeras senast", "to be approved by";
    "home.upcoming" => "Dina kommande möten", "Your coming meetings";
    "home.board_hint" => "Justerade protokoll tillkännages på anslagstavlan; mötena och deras handlingar är öppna för alla.", "Approved minutes are announced on the notice board; the meetings and their papers are open to all.";
    "home.admin_hint" => "Som administratör kan du lägga till och ändra organisationer och personer och läsa ändringsloggen.", "As an administrator you can add and edit organisations and people and read the audit log.";
    "home.user_hint" => "Du ser kontaktuppgifter till personerna i registret.", "You can see the contact details of the people in the register.";
    "home.anon_hint" => "Logga in för att se kontaktuppgifter och arbeta i systemet.", "Sign in to see contact details and work in the system.";
    "login.title" => "Logga in", "Sign in";
    "login.email" => "E-postadress", "E-mail address";
    "login.password" => "Lösenord", "Password";
    "login.submit" => "Logga in", "Sign in";
    "login.failed" => "Fel e-postadress eller lösenord.", "Wrong e-mail address or password.";
    "logout.done" => "Du är utloggad.", "You are signed out.";
    "form.errors" => "Det finns fel i formuläret", "There are errors in the form";
    "form.save" => "Spara", "Save";
    "form.cancel" => "Avbryt", "Cancel";
    "form.optional" => "(frivilligt)", "(optional)";
    "form.saved" => "Ändringarna är sparade.", "The changes are saved.";
    "form.created" => "Det nya är sparat.", "The new entry is saved.";
    "created.organisation" => "Organisationen är skapad.", "The organisation is created.";
    "created.person" => "Personen är tillagd.", "The person is added.";
    "created.body" => "Organet är skapat.", "The body is created.";
    "created.membership" => "Uppdraget är tillagt.", "The membership is added.";
    "created.meeting" => "Mötet är skapat.", "The meeting is created.";
    "created.agenda_item" => "Punkten är tillagd på dagordningen.", "The item is added to the agenda.";
    "created.attachment" => "Bilagan är tillagd.", "The attachment is added.";
    "form.deleted" => "Posten är borttagen.", "The record is deleted.";
    "form.delete" => "Ta bort", "Delete";
    "form.delete_confirm" => "Vill du ta bort", "Do you want to delete";
    "form.delete_warning" => "Borttagningen loggas men kan inte ångras här.", "The deletion is logged but cannot be undone here.";
    "list.filter" => "Filtrera", "Filter";
    "list.search" => "Sök på namn", "Search by name";
    "list.all" => "Alla", "All";
    "list.none" => "Inga träffar.", "No matches.";
    "list.next" => "Nästa sida", "Next page";
    "list.pages" => "Sidor", "Pages";
    "list.first" => "Första sidan", "First page";
    "list.showing" => "Visar", "Showing";
    "list.csv" => "Ladda ner som CSV", "Download as CSV";
    "org.list_title" => "Organisationer", "Organisations";
    "org.new" => "Ny organisation", "New organisation";
    "org.edit" => "Ändra organisation", "Edit organisation";
    "org.name" => "Namn", "Name";
    "org.kind" => "Typ", "Kind";
    "org.code" => "Kod", "Code";
    "org.code_hint" => "Kommunkod (fyra siffror) för en kommun, länskod (två siffror) för en region, annars organisationsnummer.", "Municipality code (four digits) for a municipality, county code (two digits) for a region, otherwise the organisation number.";
    "org.county" => "Län", "County";
    "org.county_hint" => "Fylls i av koden för kommuner och regioner.", "Filled in from the code for municipalities and regions.";
    "org.website" => "Webbplats", "Website";
    "org.description" => "Beskrivning", "Description";
    "org.people" => "Personer", "People";
    "org.no_people" => "Inga personer är registrerade för organisationen.", "No people are registered for the organisation.";
    "org.facts" => "Uppgifter", "Details";
    "person.list_title" => "Personer", "People";
    "person.new" => "Ny person", "New person";
    "person.edit" => "Ändra person", "Edit person";
    "person.name" => "Namn", "Name";
    "person.title" => "Titel eller uppdrag", "Title or office";
    "person.organisation" => "Organisation", "Organisation";
    "person.no_organisation" => "Ingen organisation", "No organisation";
    "person.party" => "Parti", "Party";
    "person.party_hint" => "För förtroendevalda, t.ex. S, M, C, KD.", "For elected representatives, e.g. S, M, C, KD.";
    "person.email" => "E-post", "E-mail";
    "person.phone" => "Telefon", "Phone";
    "person.contact" => "Kontaktuppgifter", "Contact details";
    "person.contact_hidden" => "Kontaktuppgifter visas för inloggade.", "Contact details are shown to signed-in users.";
    "admin.title" => "Administration", "Administration";
    "admin.users" => "Användarkonton", "User accounts";
    "admin.audit" => "Ändringslogg", "Audit log";
    "admin.role" => "Roll", "Role";
    "admin.role_admin" => "Administratör", "Administrator";
    "admin.role_user" => "Användare", "User";
    "admin.users_hint" => "Skapa konton här (eller med kommandot samverkan user add). Ett konto som kopplas till en person får personens roller i organen.", "Create accounts here (or with the command samverkan user add). An account linked to a person gets the person's roles in the bodies.";
    "audit.when" => "Tid", "Time";
    "audit.who" => "Vem", "Who";
    "audit.via" => "Via", "Via";
    "audit.action" => "Händelse", "Action";
    "audit.entity_type" => "Typ av post", "Record type";
    "audit.changes" => "Ändringar", "Changes";
    "audit.from" => "Från och med datum", "From date";
    "audit.to" => "Till och med datum", "To date";
    "audit.older" => "Äldre händelser", "Older events";
    "account.title" => "Mitt konto", "My account";
    "account.tokens" => "Personliga API-nycklar", "Personal API tokens";
    "account.tokens_hint" => "Med en API-nyckel kan program läsa och skriva genom API:t i ditt namn. Nyckeln visas bara en gång.", "With an API token, programs can read and write through the API on your behalf. The token is shown only once.";
    "account.token_name" => "Namn på nyckeln", "Name of the token";
    "account.token_create" => "Skapa nyckel", "Create token";
    "account.token_created" => "Din nya nyckel. Kopiera den nu; den visas inte igen:", "Your new token. Copy it now; it will not be shown again:";
    "account.token_revoke" => "Återkalla", "Revoke";
    "account.token_revoked" => "Återkallad", "Revoked";
    "account.token_last_used" => "Senast använd", "Last used";
    "account.never" => "aldrig", "never";
    "account.language" => "Språk", "Language";
    "account.password" => "Byt lösenord", "Change password";
    "account.current_password" => "Nuvarande lösenord", "Current password";
    "account.new_password" => "Nytt lösenord (minst 12 tecken)", "New password (at least 12 characters)";
    "account.revoke_tokens" => "Återkalla också mina API-nycklar", "Also revoke my API tokens";
    "account.password_changed" => "Lösenordet är bytt. Logga in igen på dina andra enheter.", "The password is changed. Sign in again on your other devices.";
    "a11y.title" => "Tillgänglighetsredogörelse", "Accessibility statement";
    "error.title" => "Något gick fel", "Something went wrong";
    "error.prefix" => "Fel: ", "Error: ";
    "error.not_found" => "Sidan finns inte", "Page not found";
    "error.forbidden" => "Ingen behörighet", "Not allowed";
    "error.reference" => "Felkod att uppge om du kontaktar oss", "Error code to give if you contact us";
    "error.home" => "Till startsidan", "To the home page";
    "nav.structure" => "Samverkansstruktur", "Collaboration structure";
    "body.list_title" => "Organ i samverkan", "Collaboration bodies";
    "body.new" => "Nytt organ", "New body";
    "body.edit" => "Ändra organ", "Edit body";
    "body.kind" => "Typ av organ", "Kind of body";
    "body.formal" => "Formellt organ", "Formal body";
    "body.formal_default" => "Enligt typen (nätverk är informella)", "By its kind (networks are informal)";
    "body.informal" => "informellt, utan beredande roll", "informal, no preparatory role";
    "body.presidium_of" => "Presidium för", "Presidium of";
    "body.presidium" => "Presidium", "Presidium";
    "body.superior" => "Överordnat organ", "Superior body";
    "body.subordinates" => "Underordnade organ", "Subordinate bodies";
    "body.prepares_for" => "Bereder ärenden åt", "Prepares cases for";
    "body.secretary" => "Sekreterare", "Secretary";
    "body.start" => "Från och med", "From";
    "body.end" => "Till och med", "Until";
    "body.organisations" => "Organisationer bakom organet", "Organisations behind the body";
    "body.duties" => "Uppdrag", "Mission";
    "body.duties_hint" => "En uppdragspunkt per rad.", "One duty a line.";
    "body.members" => "Ledamöter och andra deltagare", "Members and other participants";
    "body.members_at_date" => "Visa ledamöter vid ett annat datum", "Show members on another date";
    "body.at_date" => "Datum", "Date";
    "body.no_members" => "Inga ledamöter vid detta datum.", "No members on this date.";
    "body.back" => "Tillbaka till organet", "Back to the body";
    "body.meeting_plan" => "Sammanträdesplan", "Meeting plan";
    "body.no_meeting_plan" => "Ingen sammanträdesplan är registrerad för året.", "No meeting plan is recorded for the year.";
    "body.year" => "År", "Year";
    "body.dates" => "Sammanträdesdagar", "Meeting dates";
    "body.dates_hint" => "Ett datum per rad, ÅÅÅÅ-MM-DD.", "One date a line, YYYY-MM-DD.";
    "membership.new" => "Lägg till ledamot", "Add member";
    "membership.edit" => "Ändra uppdrag", "Edit assignment";
    "membership.delete" => "Ta bort uppdraget", "Delete the assignment";
    "membership.person" => "Person", "Person";
    "membership.organisation" => "Företräder", "Represents";
    "membership.role" => "Roll", "Role";
    "membership.side" => "Politisk sida", "Political side";
    "membership.period" => "Period", "Period";
    "membership.for" => "för", "for";
    "membership.substitute_for" => "Personlig ersättare för", "Personal substitute for";
    "membership.body" => "Organ", "Body";
    "membership.term" => "Mandatperiod", "Term";
    "person.assignments" => "Uppdrag i samverkan", "Assignments in the collaboration";
    "person.no_assignments" => "Inga uppdrag registrerade.", "No assignments recorded.";
    "import.title" => "Importera ledamöter", "Import members";
    "import.intro" => "Klistra in en CSV-fil med en rubrikrad. Kolumnerna kan separeras med komma eller semikolon. Personer som saknas skapas; organisationen anges med kommunkod, länskod eller exakt namn.", "Paste a CSV file with a header row, separated by commas or semicolons. Missing people are created; give the organisation by its code or exact name.";
    "import.csv" => "CSV-data", "CSV data";
    "import.hint" => "Roll: ledamot, ersättare, ordförande … Sida: majoritet, opposition eller tomt. Datum som ÅÅÅÅ-MM-DD.", "Role: member, substitute, chair … Side: majority, opposition or empty. Dates as YYYY-MM-DD.";
    "import.submit" => "Importera", "Import";
    "import.done" => "Ledamöterna är importerade.", "The members are imported.";
    "import.errors" => "Rader med fel", "Rows with errors";
    "import.line" => "Rad", "Line";
    "import.column" => "Kolumn", "Column";
    "import.problem" => "Fel", "Problem";
    "rules.title" => "Representationsregler", "Representation rules";
    "rules.current" => "Gällande regler", "Rules in force";
    "rules.standard" => "Använd en standarduppsättning", "Use a standard set";
    "rules.standard_set" => "Uppsättning", "Set";
    "rules.strategic" => "Strategiskt samråd (regel 1, 4–6)", "Strategic consultation group (rules 1, 4–6)";
    "rules.care" => "Samråd för vård och omsorg (regel 2, 4–6)", "Care consultation group (rules 2, 4–6)";
    "rules.management" => "Ledningsgrupp (regel 4)", "Management group (rule 4)";
    "rules.use_standard" => "Ersätt med uppsättningen", "Replace with the set";
    "rules.edit" => "Redigera reglerna", "Edit the rules";
    "rules.json" => "Regler (JSON)", "Rules (JSON)";
    "rules.hint" => "En lista av regler: seats_per_organisation, presidium_includes, meets_at_least, work_plan_current.", "A list of rules: seats_per_organisation, presidium_includes, meets_at_least, work_plan_current.";
    "compliance.title" => "Efterlevnad av samverkansreglerna", "Compliance with the collaboration rules";
    "compliance.heading" => "Efterlevnad", "Compliance on";
    "compliance.intro" => "Varje organ med representationsregler, prövat mot ledamöter, presidium, sammanträdesplan och arbetsplan det valda datumet.", "Every body with representation rules, checked against its members, presidium, meeting plan and work plan on the chosen date.";
    "compliance.ok" => "Organet uppfyller alla sina regler.", "The body meets all its rules.";
    "compliance.no_rules" => "Organet har inga representationsregler.", "The body has no representation rules.";
    "compliance.bodies" => "organ", "bodies";
    "compliance.findings" => "avvikelser", "findings";
    "work_plan.title" => "Arbetsplan", "Work plan";
    "work_plan.none" => "Ingen arbetsplan är registrerad.", "No work plan is recorded.";
    "work_plan.version" => "Version", "Version";
    "work_plan.current" => "gällande", "current";
    "work_plan.decided" => "beslutad", "decided";
    "work_plan.decided_on" => "Beslutsdatum", "Decided on";
    "work_plan.covers_from" => "Första år", "First year";
    "work_plan.covers_to" => "Sista år", "Last year";
    "work_plan.questions" => "utvecklingsfrågor", "development questions";
    "work_plan.question" => "Utvecklingsfråga", "Development question";
    "work_plan.question_title" => "Rubrik", "Title";
    "work_plan.duty" => "Uppdragspunkt", "Duty";
    "work_plan.status" => "Status", "Status";
    "work_plan.open" => "Öppna arbetsplanen och dess historik", "Open the work plan and its history";
    "work_plan.new_version" => "Ny version av arbetsplanen", "New version of the work plan";
    "work_plan.save_version" => "Spara som ny version", "Save as a new version";
    "chart.title" => "Samverkansstrukturen", "The collaboration structure";
    "chart.text" => "Strukturen i text", "The structure as text";
    "form.edit" => "Ändra", "Edit";
    "yes" => "Ja", "Yes";
    "no" => "Nej", "No";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `t("…")` in a template names a key of the catalogue.
    #[test]
    fn every_template_key_exists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut missing = Vec::new();
        for entry in walk(std::path::Path::new(dir)) {
            let text = std::fs::read_to_string(&entry).unwrap();
            for part in text.split(".t(\"").skip(1) {
                let key = &part[..part.find('"').unwrap()];
                if !all_keys().contains(&key) {
                    missing.push(format!("{}: {key}", entry.display()));
                }
            }
        }
        assert!(missing.is_empty(), "keys missing from the catalogue: {missing:#?}");
    }

    #[test]
    fn keys_are_unique() {
        let mut k = all_keys();
        k.sort();
        k.dedup();
        assert_eq!(k.len(), all_keys().len());
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
        }
        out
    }
}
