//! Ten years of every region's registry for the national dataset (issue 11: "the national
//! generator adds ten years of cases and documents at realistic volume"), to measure the public
//! registry, its search and the case page at scale. Each region registers [`CASES_PER_YEAR`]
//! cases a year in its own series, spread over the working year, each with one to four
//! documents (the letter that opened it, the officer's memorandum, the decision sent out, an
//! answer); one incoming letter in [`SECRET_EVERY`] is marked secret (OSL 21 kap. 7 §). Cases of
//! past years are decided and closed. Everything goes through the store as a registrar would
//! register it, on the day it happened (the store's clock set to that day), so the numbers are
//! the series' own. The titles are generated from the themes of the seeds' regional development
//! work; they are not any region's real registry.

use domain::cases::{CaseInput, CaseStatus, DocumentFields, DocumentInput};
use domain::organisations::OrganisationKind;
use store::organisations::OrganisationFilter;
use store::{Actor, Clock, Store, StoreError};
use time::{Date, Duration, Month};

/// Cases registered per region and year.
pub const CASES_PER_YEAR: usize = 400;
/// Years of history before the current one.
pub const YEARS: i32 = 10;
/// One incoming letter in this many is secret.
pub const SECRET_EVERY: usize = 40;

/// What kind of matter a case is, as registry titles begin.
const KINDS: [&str; 10] = [
    "Remiss:",
    "Yttrande över",
    "Ansökan om medfinansiering av",
    "Uppföljning av",
    "Överenskommelse om",
    "Verksamhetsplan för",
    "Projektbidrag till",
    "Avsiktsförklaring om",
    "Redovisning av uppdrag om",
    "Samverkan kring",
];

/// The themes of the regional development work (seeds 000–004).
const THEMES: [&str; 16] = [
    "kompetensförsörjning i länet",
    "regional utvecklingsstrategi",
    "länstransportplan",
    "regionalt trafikförsörjningsprogram",
    "bredbandsutbyggnad på landsbygden",
    "besöksnäringens utveckling",
    "regional kulturplan",
    "smart specialisering och innovation",
    "folkhälsa och jämlik hälsa",
    "bostadsförsörjning",
    "klimatomställning och energi",
    "digital agenda",
    "landsbygdsutveckling",
    "vattenförsörjning",
    "näringslivets kompetensbehov",
    "Agenda 2030 i kommunerna",
];

/// What the registry holds after loading.
#[derive(Debug, Default, Clone, Copy)]
pub struct History {
    pub cases: usize,
    pub documents: usize,
}

/// The store as it was on `day` (its clock set to that day's morning).
fn on(store: &Store, day: Date) -> Store {
    store.clone().with_clock(Clock::starting_on(day))
}

/// The `i`th of `n` working days spread over `year` (from 8 January to mid December).
fn day_of(year: i32, i: usize, n: usize) -> Date {
    let start = Date::from_calendar_date(year, Month::January, 8).expect("a date");
    let mut d = start + Duration::days((i * 335 / n.max(1)) as i64);
    while d.weekday() == time::Weekday::Saturday || d.weekday() == time::Weekday::Sunday {
        d += Duration::days(1);
    }
    d
}

/// One document of a generated case: direction, days after the case was opened, counterpart,
/// description, secrecy provision.
type Doc = (&'static str, i64, String, String, &'static str);

/// The documents of case `n` (`k` of them, one to four) about `theme`, `from` the municipality
/// that wrote.
fn documents(n: usize, theme: &str, from: &str) -> Vec<Doc> {
    let secret = n % SECRET_EVERY == 7;
    let mut all: Vec<Doc> = vec![
        (
            "incoming",
            0,
            if secret { "Privatperson".to_string() } else { from.to_string() },
            if secret {
                format!("Synpunkter om {theme} med uppgifter om enskilds personliga förhållanden")
            } else {
                format!("Skrivelse om {theme}")
            },
            if secret { "21 kap. 7 §" } else { "" },
        ),
        ("drawn_up", 12, String::new(), format!("Tjänsteskrivelse {theme}"), ""),
        ("outgoing", 34, from.to_string(), format!("Beslut och svar om {theme}"), ""),
        ("incoming", 51, from.to_string(), format!("Återrapportering om {theme}"), ""),
    ];
    all.truncate(1 + n % 4);
    all
}

/// Registers [`YEARS`] years of history in every region's series (set by the national joint
/// matters), ending with the year before today's; the regions are loaded side by side, as
/// their registrars would work.
pub(super) async fn load(store: &Store, actor: &Actor) -> Result<History, StoreError> {
    let f = OrganisationFilter { kind: Some(OrganisationKind::Region), ..Default::default() };
    let regions = store.organisations(&f, None, 100).await?.items;
    let mut tasks = tokio::task::JoinSet::new();
    for region in regions {
        let Some(county) = region.county_code.clone() else { continue };
        let mf = OrganisationFilter { kind: Some(OrganisationKind::Municipality), county_code: Some(county), q: None };
        let municipalities: Vec<String> =
            store.organisations(&mf, None, 100).await?.items.into_iter().map(|o| o.name).collect();
        let (store, actor) = (store.clone(), actor.clone());
        tasks.spawn(async move { region_history(&store, region.id, &municipalities, &actor).await });
    }
    let mut h = History::default();
    while let Some(done) = tasks.join_next().await {
        let one = done.map_err(|e| StoreError::Config(format!("a region's registry history stopped: {e}")))??;
        (h.cases, h.documents) = (h.cases + one.cases, h.documents + one.documents);
    }
    Ok(h)
}

/// One region's history: [`CASES_PER_YEAR`] cases a year, each with its documents, closed.
async fn region_history(
    store: &Store,
    region: domain::ids::OrganisationId,
    municipalities: &[String],
    actor: &Actor,
) -> Result<History, StoreError> {
    let this_year = store.today().year();
    let mut h = History::default();
    for year in this_year - YEARS..this_year {
        for i in 0..CASES_PER_YEAR {
            let n = i + year as usize * CASES_PER_YEAR;
            let theme = THEMES[n % THEMES.len()];
            let from = municipalities.get(n % municipalities.len().max(1)).map_or("Länsstyrelsen", |s| s.as_str());
            let title = format!("{} {theme} {year}", KINDS[(n / THEMES.len()) % KINDS.len()]);
            let opened = day_of(year, i, CASES_PER_YEAR);
            let input = CaseInput::parse(&region.to_string(), &title, &title, "", "")?;
            let case = on(store, opened).register_case(&input, actor, None).await?;
            let mut last = opened;
            for (direction, after, counterpart, description, secrecy) in documents(n, theme, from) {
                let day = opened + Duration::days(after);
                let date = day.to_string();
                let fields = DocumentFields {
                    direction,
                    document_date: &date,
                    counterpart: &counterpart,
                    description: &description,
                    secrecy_provision: secrecy,
                    secrecy_until: "",
                };
                let doc = DocumentInput::parse(fields, day)?;
                on(store, day).register_document(case, &doc, &[], actor, None).await?;
                h.documents += 1;
                last = day;
            }
            let closed = on(store, last + Duration::days(7));
            closed.change_case_status(case, CaseStatus::Decided, actor).await?;
            closed.change_case_status(case, CaseStatus::Closed, actor).await?;
            h.cases += 1;
        }
    }
    tracing::info!(region = region.0, cases = h.cases, documents = h.documents, "registry history");
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_fall_on_working_days_of_their_year() {
        for i in 0..CASES_PER_YEAR {
            let d = day_of(2020, i, CASES_PER_YEAR);
            assert_eq!(d.year(), 2020);
            assert!(!matches!(d.weekday(), time::Weekday::Saturday | time::Weekday::Sunday), "{d}");
        }
    }

    #[test]
    fn a_case_has_one_to_four_documents_and_one_letter_in_forty_is_secret() {
        let counts: Vec<usize> = (0..8).map(|n| documents(n, "bredband", "Kalmar kommun").len()).collect();
        assert_eq!(counts, [1, 2, 3, 4, 1, 2, 3, 4]);
        let secret = (0..400).filter(|n| !documents(*n, "bredband", "Kalmar kommun")[0].4.is_empty()).count();
        assert_eq!(secret, 400 / SECRET_EVERY);
    }
}
