//! The demo's governing documents and strategies (issue 13).
//!
//! - Region Jönköpings län (seed 003): the five documents the regional board asked to be
//!   revised ("Regionstyrelsen ger Regionledningskontoret i uppdrag att påbörja arbetet med
//!   revidering av: …", Kommunalt forum 2024-10-11), the RUS adopted by the regional council on
//!   2019-12-03 and reviewed at least once between two elections, and the regional transport
//!   plan 2022–2033 coordinated with the RUS and the public-transport programme (seed 003 § 8).
//!   The RUS as a strategy: the vision and six strategy areas with 4, 3, 2, 4, 4 and 3
//!   prioritised sub-strategies. The seed names the areas and their focus, not the
//!   sub-strategies: those are numbered, not named.
//! - Region Kalmar län (seed 002): the RUS 2019–2030 with its four priority areas at the top.
//!   Their Agenda 2030 goals are the demo's reading of the areas' names (the review asks for
//!   that link; the seed does not make it).
//! - Region Östergötland: seed 001's Bilaga 1, the regional strategies to be initiated from the
//!   strategic consultation group; and its new RUS being drawn up (seed 000), with seed 004's
//!   structure of overall goals along the three dimensions of sustainability.
//!
//! Validity periods given as years in the seeds start on 1 January and end on 31 December.

use domain::ids::BodyId;
use domain::organisations::OrganisationKind;
use domain::strategy::{DocumentFields, NodeFields, RelationInput, StrategyFields};
use store::{Actor, Store, StoreError};

/// Seed 003's vision of Jönköping's RUS.
pub const JONKOPING_VISION: &str = "Sveriges mest hållbara, attraktiva och tillgängliga län";

/// Seed 003's six strategy areas: name, focus, and how many prioritised sub-strategies.
pub const JONKOPING_AREAS: [(&str, &str, usize); 6] = [
    ("En attraktiv region", "Likvärdiga möjligheter till boende, arbete och välfärd i hela länet", 4),
    ("En smart region", "Innovation och förnyelse samt entreprenörskap och företagande i hela länet", 3),
    ("En kompetent region", "Kompetensförsörjning och kompetensutveckling i hela länet", 2),
    ("En tillgänglig region", "Tillgänglighet i hela länet genom digital kommunikation och transportsystem", 4),
    ("En hållbar region", "Social, ekonomisk och ekologisk hållbarhet genomsyrar länets utvecklingsarbete", 4),
    ("En global region", "Stärkt lokal och regional utveckling som ett resultat av internationell samverkan", 3),
];

/// Seed 003's documents under revision: title, kind, first and last year.
const UNDER_REVISION: [(&str, &str, i32, i32); 4] = [
    ("Tillsammans möter vi framtidens behov av hälso- och sjukvård 2020-2030", "strategy", 2020, 2030),
    ("Hållbarhetsprogram 2020-2025", "programme", 2020, 2025),
    ("Tillsammans för jämlik hälsa och ett bra liv i Jönköpings län 2016-2025", "strategy", 2016, 2025),
    ("Regionalt trafikförsörjningsprogram 2021-2035 för Jönköpings län", "programme", 2021, 2035),
];
const REVISION_NOTE: &str = "Under revidering: Regionstyrelsen har gett Regionledningskontoret i uppdrag att påbörja arbetet med revidering (Kommunalt forum 2024-10-11).";

/// Seed 002's four priority areas, with the goals the demo links them to.
const KALMAR_AREAS: [(&str, &str); 4] = [
    ("Delaktighet, hälsa och välbefinnande", "3 10"),
    ("God miljö för barn och unga", "4 3.4"),
    ("Hållbar samhällsplanering", "11 11.2"),
    ("Stärkt konkurrenskraft", "8 9"),
];

/// Seed 001's Bilaga 1: the regional strategies to be initiated from the strategic
/// consultation group, with their kinds.
const BILAGA_1: [(&str, &str); 7] = [
    ("Utvecklingsstrategi för Östergötland", "strategy"),
    ("Regional Digital Agenda/Regional digitaliseringsstrategi", "agenda"),
    ("Länsplan för regional transportinfrastruktur (LTP) för Östergötland", "plan"),
    ("Regionalt Trafikförsörjningsprogram (RTP)", "programme"),
    ("Strukturbild Östergötland", "plan"),
    ("Östergötlands kulturplan", "plan"),
    ("Regional utvecklingsstrategi (RUS) för Östergötland", "strategy"),
];

fn years(a: i32, b: i32) -> (String, String) {
    (format!("{a}-01-01"), format!("{b}-12-31"))
}

async fn document(store: &Store, f: DocumentFields, actor: &Actor) -> Result<i64, StoreError> {
    store.create_governing_document(&f.parse()?, actor, None).await
}

async fn node(store: &Store, s: i64, f: NodeFields, actor: &Actor) -> Result<i64, StoreError> {
    store.create_strategy_node(s, &f.parse()?, actor, None).await
}

/// Loads the documents and strategies; returns how many documents there are (0 without the
/// regions).
pub(super) async fn load(store: &Store, strategic: BodyId, actor: &Actor) -> Result<usize, StoreError> {
    let region = |code: &'static str| store.organisation_by_code(OrganisationKind::Region, code);
    let (Some(jkpg), Some(kalmar), Some(ostg)) = (region("06").await?, region("08").await?, region("05").await?) else {
        return Ok(0);
    };
    let mut n = 0;
    // Jönköping: the RUS and the documents under revision.
    let (from, to) = years(2020, 2035);
    let rus = DocumentFields {
        owner_id: jkpg.id.to_string(),
        kind: "strategy".into(),
        title: "Regional utvecklingsstrategi 2020-2035".into(),
        summary: REVISION_NOTE.into(),
        valid_from: from,
        valid_to: to,
        adopted_by: "Regionfullmäktige".into(),
        adopted_on: "2019-12-03".into(),
        revision_rule: "between_elections".into(),
        ..Default::default()
    };
    let rus = document(store, rus, actor).await?;
    let mut transit = 0;
    for (title, kind, a, b) in UNDER_REVISION {
        let (from, to) = years(a, b);
        let f = DocumentFields {
            owner_id: jkpg.id.to_string(),
            kind: kind.into(),
            title: title.into(),
            summary: REVISION_NOTE.into(),
            valid_from: from,
            valid_to: to,
            ..Default::default()
        };
        let id = document(store, f, actor).await?;
        if title.starts_with("Regionalt trafikförsörjningsprogram") {
            transit = id;
        }
    }
    let (from, to) = years(2022, 2033);
    let plan = DocumentFields {
        owner_id: jkpg.id.to_string(),
        kind: "plan".into(),
        title: "Regional transportplan 2022-2033".into(),
        valid_from: from,
        valid_to: to,
        ..Default::default()
    };
    let plan = document(store, plan, actor).await?;
    for other in [rus, transit] {
        let r = RelationInput::parse(plan, &other.to_string(), "coordinated_with")?;
        store.add_governing_relation(&r, actor).await?;
    }
    n += UNDER_REVISION.len() + 2;

    let s = StrategyFields {
        owner_id: jkpg.id.to_string(),
        title: "Regional utvecklingsstrategi för Jönköpings län 2020–2035".into(),
        vision: JONKOPING_VISION.into(),
        first_year: "2020".into(),
        last_year: "2035".into(),
        status: "adopted".into(),
        document_id: rus.to_string(),
    };
    let s = store.create_strategy(&s.parse()?, actor, None).await?;
    for (name, focus, subs) in JONKOPING_AREAS {
        // Seed 003: "Social, ekonomisk och ekologisk hållbarhet genomsyrar" the sustainable region.
        let dimensions = if name == "En hållbar region" {
            vec!["social".into(), "ecological".into(), "economic".into()]
        } else {
            vec![]
        };
        let area = NodeFields {
            kind: "area".into(),
            title: name.into(),
            description: focus.into(),
            dimensions,
            ..Default::default()
        };
        let area = node(store, s, area, actor).await?;
        for i in 1..=subs {
            let sub = NodeFields {
                parent_id: area.to_string(),
                kind: "priority".into(),
                title: format!("Prioriterad delstrategi {i}"),
                ..Default::default()
            };
            node(store, s, sub, actor).await?;
        }
    }

    // Kalmar: the RUS 2019–2030 and its four priority areas (seed 002).
    let (from, to) = years(2019, 2030);
    let doc = DocumentFields {
        owner_id: kalmar.id.to_string(),
        kind: "strategy".into(),
        title: "Regional utvecklingsstrategi för Kalmar län 2019–2030".into(),
        valid_from: from,
        valid_to: to,
        ..Default::default()
    };
    let doc = document(store, doc, actor).await?;
    n += 1;
    let s = StrategyFields {
        owner_id: kalmar.id.to_string(),
        title: "Regional utvecklingsstrategi för Kalmar län 2019–2030".into(),
        first_year: "2019".into(),
        last_year: "2030".into(),
        status: "adopted".into(),
        document_id: doc.to_string(),
        ..Default::default()
    };
    let s = store.create_strategy(&s.parse()?, actor, None).await?;
    for (name, sdg) in KALMAR_AREAS {
        let f = NodeFields { kind: "priority".into(), title: name.into(), sdg: sdg.into(), ..Default::default() };
        node(store, s, f, actor).await?;
    }

    // Östergötland: Bilaga 1, initiated from the strategic consultation group, and the new
    // RUS being drawn up with seed 004's overall goals along the three dimensions.
    for (title, kind) in BILAGA_1 {
        let f = DocumentFields {
            owner_id: ostg.id.to_string(),
            kind: kind.into(),
            title: title.into(),
            initiated_by_body_id: strategic.0.to_string(),
            ..Default::default()
        };
        document(store, f, actor).await?;
    }
    n += BILAGA_1.len();
    let first = store.today().year() + 1;
    let s = StrategyFields {
        owner_id: ostg.id.to_string(),
        title: "Regional utvecklingsstrategi (RUS) för Östergötland".into(),
        first_year: first.to_string(),
        last_year: (first + 14).to_string(),
        status: "drafting".into(),
        ..Default::default()
    };
    let s = store.create_strategy(&s.parse()?, actor, None).await?;
    for (title, dimension) in
        [("Social hållbarhet", "social"), ("Ekologisk hållbarhet", "ecological"), ("Ekonomisk hållbarhet", "economic")]
    {
        let f = NodeFields {
            kind: "overall_goal".into(),
            title: title.into(),
            dimensions: vec![dimension.into()],
            bodies: vec![strategic.0.to_string()],
            ..Default::default()
        };
        node(store, s, f, actor).await?;
    }
    Ok(n)
}
