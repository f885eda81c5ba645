//! Jönköping's forums of the joint management system and their action plans (seed 003,
//! Kommunalt forum 2024-10-11: "Handlingsplaner finns för: Strategigrupp Barn och unga,
//! Strategigrupp Psykiatri och missbruk, Strategigrupp Äldre, Folkhälsa, Funktionsnedsättning,
//! Styrgrupp för E-Hälsorådet, Styrgruppen för hjälpmedelsverksamheten"), each with a plan
//! 2022–2024 and one 2025–2027. Folkhälsa's focus areas are the three priorities of seed 003
//! ("Bästa platsen att leva på!", "Gemensam kraft i socialt utmanade bostadsområden", "Fortsatt
//! utveckling av främjande mötesplatser"); the other forums' activities are the demo's own
//! examples. ReKo asks the forums for their follow-up (as it did "före 2024-11-08"), with a due
//! day three days before the demo's today: all but one forum answered in time, one is late.
//! The activities link to nodes of Jönköping's RUS, and the RUS's sustainable region to the
//! demo's indicators with Kolada's values.

use domain::actionplans::{ActivityFields, AnswerFields, LineFields, PlanFields, RoundInput};
use domain::ids::{BodyId, PersonId};
use domain::structure::{BodyInput, BodyKind, MembershipInput, MembershipRole, Side};
use store::strategy::NodeInput;
use store::{Actor, Clock, Store, StoreError};
use time::Duration;
use time::macros::date;

const FORUMS: [(&str, BodyKind); 7] = [
    ("Strategigrupp Barn och unga", BodyKind::WorkingGroup),
    ("Strategigrupp Psykiatri och missbruk", BodyKind::WorkingGroup),
    ("Strategigrupp Äldre", BodyKind::WorkingGroup),
    ("Folkhälsa", BodyKind::WorkingGroup),
    ("Funktionsnedsättning", BodyKind::WorkingGroup),
    ("Styrgrupp för E-Hälsorådet", BodyKind::SteeringGroup),
    ("Styrgruppen för hjälpmedelsverksamheten", BodyKind::SteeringGroup),
];

/// Seed 003's three priorities of the strategy for equal health, Folkhälsa's focus areas.
const FOLKHALSA_AREAS: [&str; 3] = [
    "Bästa platsen att leva på!",
    "Gemensam kraft i socialt utmanade bostadsområden",
    "Fortsatt utveckling av främjande mötesplatser",
];

/// The demo's example activities per forum (not from a seed): title and, in the plan
/// 2022–2024, the status it ended with.
fn activities(forum: &str) -> [(&'static str, &'static str); 2] {
    match forum {
        "Strategigrupp Barn och unga" => [
            ("Samordnad individuell plan för barn och unga", "done"),
            ("Tidiga insatser i förskola och skola", "started"),
        ],
        "Strategigrupp Psykiatri och missbruk" => {
            [("Gemensamma rutiner vid samsjuklighet", "done"), ("Suicidpreventivt arbete i länet", "started")]
        }
        "Strategigrupp Äldre" => {
            [("Trygg hemgång från slutenvård", "done"), ("Gemensam demensvårdskedja", "cancelled")]
        }
        "Funktionsnedsättning" => [("Delaktighet i arbetslivet", "done"), ("Gemensam kompetensutveckling", "done")],
        "Styrgrupp för E-Hälsorådet" => {
            [("Digitala vårdmöten i hemmet", "done"), ("Gemensam informationsöverföring", "started")]
        }
        _ => [("Gemensam hjälpmedelsförsörjning", "done"), ("Utbildning i förskrivning av hjälpmedel", "done")],
    }
}

fn err(e: domain::Invalid) -> StoreError {
    StoreError::Invalid(e)
}

/// Creates the forums, ReKo, the plans, their links and the round; returns how many bodies and
/// memberships it added.
pub(super) async fn load(
    store: &Store,
    forum: BodyId,
    member: PersonId,
    actor: &Actor,
) -> Result<(usize, usize), StoreError> {
    let today = store.today();
    let region = store
        .memberships(forum, Some(today))
        .await?
        .into_iter()
        .find(|m| m.person_id == member.0)
        .map(|m| m.organisation_id)
        .ok_or(StoreError::NotFound)?;
    let body = |name: &str, kind: BodyKind| BodyInput {
        name: name.into(),
        kind,
        formal: true,
        county_code: Some("06".into()),
        presidium_of: None,
        superior_id: None,
        prepares_for: None,
        duties: vec!["Ta fram, genomföra och följa upp en treårig handlingsplan".into()],
        start: None,
        end: None,
        secretary: None,
        organisations: vec![domain::ids::OrganisationId(region)],
    };
    let reko = store.create_body(&body("ReKo", BodyKind::ConsultationGroup), &[], actor, None).await?;

    // The RUS's nodes and the demo's indicators.
    let rus = store
        .strategies(false)
        .await?
        .into_iter()
        .find(|s| s.title.contains("Jönköpings län"))
        .ok_or(StoreError::NotFound)?;
    let rus = store.strategy(rus.id).await?.ok_or(StoreError::NotFound)?;
    let indicators = store.indicators(true).await?;
    let node_of = |title: &str| rus.nodes.iter().find(|n| n.title == title).map(|n| n.id);
    let sustainable = node_of("En hållbar region");
    let attractive = node_of("En attraktiv region");
    let competent = node_of("En kompetent region");
    // The sustainable region is followed up by every demo indicator; its text in the report.
    if let Some(id) = sustainable
        && let Some(n) = rus.node(id)
    {
        let input = NodeInput {
            parent_id: n.parent_id,
            kind: n.kind,
            title: n.title.clone(),
            description: n.description.clone(),
            dimensions: n.dimensions.clone(),
            sdg: n.sdg.clone(),
            bodies: n.bodies.iter().map(|b| BodyId(b.id)).collect(),
            indicators: indicators.iter().map(|i| i.id).collect(),
            position: Some(n.position),
        };
        store.update_strategy_node(id, &input, actor).await?;
        let text = "Uppföljningen visar en utveckling i rätt riktning för flera indikatorer, men takten behöver öka för att nå målen. Forumens handlingsplaner bidrar genom insatser för jämlik hälsa och främjande mötesplatser.";
        store.save_report_text(rus.id, today.year() - 1, id, text, actor).await?;
    }

    let mut plans = Vec::new();
    for (name, kind) in FORUMS {
        let b = store.create_body(&body(name, kind), &[], actor, None).await?;
        if name == "Folkhälsa" {
            // The secretary's account works in Folkhälsa, and answers its follow-up.
            let m = MembershipInput {
                person: member,
                organisation: domain::ids::OrganisationId(region),
                role: MembershipRole::Member,
                side: Side::Neither,
                start: date!(2022 - 01 - 01),
                end: None,
                substitute_for: None,
            };
            store.create_membership(b, &m, actor, None).await?;
        }
        for (first, last) in [(2022, 2024), (2025, 2027)] {
            let f = PlanFields {
                body_id: b.0.to_string(),
                title: format!("Handlingsplan {name} {first}–{last}"),
                summary: format!(
                    "{name}s handlingsplan inom Gemensamt ledningssystem för samverkan {first}–{last}: fokusområden, prioriteringar och aktiviteter, och hur de följs upp."
                ),
                first_year: first.to_string(),
                last_year: last.to_string(),
                published: "on".into(),
            };
            let plan = store.create_action_plan(&f.parse().map_err(err)?, actor, None).await?;
            let mut areas = Vec::new();
            if name == "Folkhälsa" {
                for a in FOLKHALSA_AREAS {
                    let input = domain::actionplans::AreaFields { title: a.into() }.parse().map_err(err)?;
                    areas.push(store.create_focus_area(plan, &input, actor, None).await?);
                }
            }
            let list: Vec<(String, &str)> = if name == "Folkhälsa" {
                FOLKHALSA_AREAS.iter().map(|a| (format!("Insatser: {a}"), "done")).collect()
            } else {
                activities(name).iter().map(|(t, s)| (t.to_string(), *s)).collect()
            };
            for (i, (title, ended)) in list.iter().enumerate() {
                let old = first == 2022;
                // The earlier plan's activities ended as listed (a started one is now late);
                // the current plan's run through it, the first started.
                let status = if old {
                    *ended
                } else if i == 0 {
                    "started"
                } else {
                    "not_started"
                };
                let node = [sustainable, attractive, competent][i % 3];
                let f = ActivityFields {
                    area_id: areas.get(i).map(|a| a.to_string()).unwrap_or_default(),
                    title: title.clone(),
                    organisation_id: region.to_string(),
                    body_id: b.0.to_string(),
                    starts_on: format!("{first}-01-01"),
                    ends_on: format!("{last}-12-31"),
                    status: status.into(),
                    progress: if status == "started" { "40".into() } else { String::new() },
                    nodes: node.map(|n| vec![n.to_string()]).unwrap_or_default(),
                    indicators: if i == 0 {
                        indicators.first().map(|x| vec![x.id.to_string()]).unwrap_or_default()
                    } else {
                        vec![]
                    },
                    ..Default::default()
                };
                store.create_action_activity(plan, &f.parse().map_err(err)?, actor, None).await?;
            }
            if !old_plan(first) {
                plans.push((name, plan));
            }
        }
    }

    // ReKo's round on the current plans, due three days ago; every forum but the last answered
    // a week ago.
    let due = today - Duration::days(3);
    let round = RoundInput {
        body_id: reko.0,
        title: "Uppföljning av handlingsplaner inom Gemensamt ledningssystem för samverkan".into(),
        year: today.year().clamp(2025, 2027),
        due_on: due,
    };
    let round = store.create_followup_round(&round, actor, None).await?;
    let week_ago = store.clone().with_clock(Clock::starting_at(store.now() - Duration::days(7)));
    for (name, plan) in plans.iter().take(plans.len() - 1) {
        let p = store.action_plan(*plan).await?.ok_or(StoreError::NotFound)?;
        let f = AnswerFields {
            summary: format!(
                "{name}: arbetet pågår enligt planen. Pågående aktivitetsområden löper in i kommande handlingsplan."
            ),
            lines: p
                .activities
                .iter()
                .map(|a| LineFields {
                    activity_id: a.id,
                    status: "started".into(),
                    progress: "60".into(),
                    comment: String::new(),
                })
                .collect(),
        };
        week_ago.submit_followup_answer(round, *plan, &f.parse().map_err(err)?, actor).await?;
    }
    Ok((FORUMS.len() + 1, 1))
}

fn old_plan(first: i32) -> bool {
    first < 2025
}
