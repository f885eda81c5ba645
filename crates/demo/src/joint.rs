//! The demo's joint matter (issue 11, rule 9, seed 000): Region Östergötland's RUS case sent to
//! the county's 13 municipalities with seed 000's three decision points ("Förslag till
//! beslut"). Most municipal boards have decided, with their dates and paragraphs; one agreed
//! with a reservation; two have not decided yet (one still preparing), so the region's start
//! page has something waiting. The report-back duty of point 3 is a follow-up item. The
//! paragraph numbers and dates are the demo's own, dated from the clock's today.

use domain::cases::CaseStatus;
use domain::ids::OrganisationId;
use domain::joint::{DecisionFields, DecisionInput, FollowUpInput, JointMatterInput, PartyStatus};
use domain::organisations::OrganisationKind;
use store::{Actor, Store, StoreError};
use time::Duration;

use crate::registry::RUS_CASE;

/// Seed 000, "Förslag till beslut" 1–3.
pub const POINTS: [&str; 3] = [
    "Kommunstyrelsen beslutar att aktivt delta i processen för att utarbeta en ny regional utvecklingsstrategi för Östergötland.",
    "Kommunstyrelsen ställer sig bakom den i bilagan föreslagna processen och processorganisationen.",
    "Arbetet ska kontinuerligt återrapporteras till kommunstyrelsens planeringsutskott.",
];

/// What each municipality (by kommunkod) did: decided so many days ago in that paragraph, with
/// a reservation (agrees with changes), recorded by the region on its behalf or not; or not yet
/// (sent, or in preparation).
enum Step {
    Decided { days_ago: i64, paragraph: &'static str, with_changes: bool, on_behalf: bool },
    Pending { preparing: bool },
}

const STEPS: [(&str, Step); 13] = [
    ("0509", Step::Decided { days_ago: 40, paragraph: "§ 112", with_changes: false, on_behalf: false }),
    ("0512", Step::Decided { days_ago: 38, paragraph: "§ 87", with_changes: false, on_behalf: true }),
    ("0513", Step::Decided { days_ago: 36, paragraph: "§ 134", with_changes: false, on_behalf: false }),
    ("0560", Step::Decided { days_ago: 35, paragraph: "§ 98", with_changes: false, on_behalf: false }),
    ("0561", Step::Decided { days_ago: 33, paragraph: "§ 141", with_changes: false, on_behalf: false }),
    ("0562", Step::Decided { days_ago: 31, paragraph: "§ 156", with_changes: true, on_behalf: false }),
    ("0563", Step::Pending { preparing: true }),
    ("0580", Step::Decided { days_ago: 29, paragraph: "§ 245", with_changes: false, on_behalf: false }),
    ("0581", Step::Decided { days_ago: 27, paragraph: "§ 201", with_changes: false, on_behalf: false }),
    ("0582", Step::Decided { days_ago: 26, paragraph: "§ 119", with_changes: false, on_behalf: true }),
    ("0583", Step::Decided { days_ago: 24, paragraph: "§ 173", with_changes: false, on_behalf: false }),
    ("0584", Step::Pending { preparing: false }),
    ("0586", Step::Decided { days_ago: 20, paragraph: "§ 188", with_changes: false, on_behalf: false }),
];

/// The reservation of the municipality that agreed with changes.
const RESERVATION: &str = "Kommunstyrelsen beslutar att aktivt delta i processen och ställer sig bakom processorganisationen, \
     med tillägget att kommunens landsbygdsperspektiv ska belysas särskilt i dialogfasen. \
     Arbetet ska kontinuerligt återrapporteras till kommunstyrelsens planeringsutskott.";
const AGREED: &str = "Kommunstyrelsen beslutar att aktivt delta i processen för att utarbeta en ny regional \
     utvecklingsstrategi för Östergötland, ställer sig bakom den föreslagna processen och processorganisationen \
     och att arbetet ska kontinuerligt återrapporteras till kommunstyrelsens planeringsutskott.";

/// Loads the joint matter; returns how many there are (1, or 0 without the RUS case).
pub(super) async fn load(store: &Store, actor: &Actor) -> Result<usize, StoreError> {
    let today = store.today();
    let Some(case) = crate::registry::rus_case(store).await? else { return Ok(0) };
    let mut orgs = Vec::new();
    for (code, _) in &STEPS {
        let o = store.organisation_by_code(OrganisationKind::Municipality, code).await?.ok_or(StoreError::NotFound)?;
        orgs.push(o.id);
    }
    let ids: Vec<String> = orgs.iter().map(|o| o.to_string()).collect();
    let due = (today + Duration::days(14)).to_string();
    let input = JointMatterInput::parse(&case.id.to_string(), "", RUS_CASE, &POINTS.join("\n"), &due, &ids, today)?;
    let id = store.create_joint_matter(&input, actor, None).await?;
    store.send_joint_matter_on(id, Some(today - Duration::days(60)), None, actor).await?;
    for ((_, step), org) in STEPS.iter().zip(&orgs) {
        record(store, id, *org, step, actor).await?;
    }
    let report = FollowUpInput::parse(
        "Återrapportering till kommunstyrelsernas planeringsutskott: dialogfasens resultat",
        &(today + Duration::days(45)).to_string(),
        "",
    )?;
    store.add_joint_follow_up(id, &report, actor, None).await?;
    let late = FollowUpInput::parse(
        "Återrapportering av processplanen till kommunstyrelsens planeringsutskott",
        &(today - Duration::days(5)).to_string(),
        &orgs[5].to_string(),
    )?;
    store.add_joint_follow_up(id, &late, actor, None).await?;
    if case.status < CaseStatus::InPreparation {
        store.change_case_status(case.id, CaseStatus::InPreparation, actor).await?;
    }
    Ok(1)
}

async fn record(store: &Store, id: i64, org: OrganisationId, step: &Step, actor: &Actor) -> Result<(), StoreError> {
    match step {
        Step::Pending { preparing: true } => {
            store.change_joint_party_status(id, org, PartyStatus::InPreparation, actor).await
        }
        Step::Pending { preparing: false } => Ok(()),
        Step::Decided { days_ago, paragraph, with_changes, on_behalf } => {
            let today = store.today();
            let date = (today - Duration::days(*days_ago)).to_string();
            let fields = DecisionFields {
                decided_on: &date,
                body: "Kommunstyrelsen",
                paragraph,
                text: if *with_changes { RESERVATION } else { AGREED },
                outcome: if *with_changes { "agrees_with_changes" } else { "agrees" },
                note: if *on_behalf { "Protokollsutdrag mottaget per e-post från kommunledningskontoret" } else { "" },
            };
            let input = DecisionInput::parse(fields, today, *on_behalf)?;
            store.record_joint_decision(id, org, &input, None, actor).await
        }
    }
}

/// The national dataset's joint matters: in every county, the region's development strategy
/// case (in a number series of its own) sent to the county's municipalities with seed 000's
/// points; four in five have decided, the rest are pending. For measuring the matrix page at
/// national scale (`scripts/bench-joint.sh`), not a claim about any real county.
pub(super) async fn load_national(store: &Store, actor: &Actor) -> Result<usize, StoreError> {
    use domain::cases::{CaseInput, Prefix};
    use store::organisations::OrganisationFilter;
    let today = store.today();
    let f = OrganisationFilter { kind: Some(OrganisationKind::Region), ..Default::default() };
    let regions = store.organisations(&f, None, 100).await?.items;
    let mut n = 0;
    for region in regions {
        let Some(county) = region.county_code.clone() else { continue };
        // "REG" and the county code's digits as letters (05 → REGAF): a prefix is letters only.
        let letters: String = county.chars().filter_map(|c| c.to_digit(10)).map(|d| (b'A' + d as u8) as char).collect();
        let prefix = Prefix::parse("prefix", &format!("REG{letters}")).map_err(domain::Invalid::one)?;
        store.set_case_series(region.id, &prefix, actor).await?;
        let title = format!("Regional utvecklingsstrategi för {} – gemensam arbetsprocess", region.name);
        let input = CaseInput::parse(&region.id.to_string(), &title, &title, "", "")?;
        let case = store.register_case(&input, actor, None).await?;
        let mf = OrganisationFilter { kind: Some(OrganisationKind::Municipality), county_code: Some(county), q: None };
        let municipalities = store.organisations(&mf, None, 100).await?.items;
        let ids: Vec<String> = municipalities.iter().map(|o| o.id.to_string()).collect();
        let due = (today + Duration::days(14)).to_string();
        let input = JointMatterInput::parse(&case.to_string(), "", &title, &POINTS.join("\n"), &due, &ids, today)?;
        let id = store.create_joint_matter(&input, actor, None).await?;
        store.send_joint_matter_on(id, Some(today - Duration::days(60)), None, actor).await?;
        for (i, o) in municipalities.iter().enumerate() {
            let step = if i % 5 == 4 {
                Step::Pending { preparing: i % 10 == 4 }
            } else {
                Step::Decided {
                    days_ago: 10 + (i as i64 % 30),
                    paragraph: "§ 100",
                    with_changes: i % 7 == 3,
                    on_behalf: i % 6 == 1,
                }
            };
            record(store, id, o.id, &step, actor).await?;
        }
        n += 1;
    }
    Ok(n)
}
