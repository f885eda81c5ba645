//! The demo's processes (issue 14).
//!
//! - Region Jönköpings län's revision of its RUS (seed 003): presented to Kommunalt forum on
//!   2024-10-11 (§ 7, linked to that agenda item), dialogue meetings in all 13 municipalities in
//!   autumn 2024 and spring 2025 with the seed's four group questions, and "Antas i
//!   regionfullmäktige november 2025" — a milestone the demo lets slip, so the flag shows. The
//!   writing and referral that follow are dated from the clock's today, so the process is
//!   ongoing whatever the date. Published and open for inputs; the inputs are fictional,
//!   written for the demo, some waiting for moderation.
//! - Region Kalmar län's review of its RUS (seed 002): the review template at the seed's own
//!   dates, February 2021 to December 2022, every milestone reached as planned; published.
//! - Region Östergötland's new RUS (seed 000): the four-phase template started half a year ago,
//!   its steering and preparing groups matched to the structure's bodies; not yet published, so
//!   only the members of those bodies and the region's registrars read it.

use domain::ids::BodyId;
use domain::organisations::OrganisationKind;
use domain::processes::template;
use domain::processes::{DialogueFields, InputFields, MilestoneFields, Moderation, ProcessFields, StakeholderFields};
use store::organisations::OrganisationFilter;
use store::processes::{FromTemplate, LinkKind};
use store::{Actor, Store, StoreError};
use time::{Date, Duration};

/// Seed 003's four group questions ("Gruppdiskussion 20 minuter").
pub const QUESTIONS: [&str; 4] = [
    "Hur skapar man genomförandekraft för en ny RUS?",
    "Vilka frågor ska RUS:en adressera?",
    "Inspel till lokala workshops/dialogmöten – form, intressenter, befintliga mötesplatser m.m.",
    "Andra medskick, andra dialogytor, aktörer m.m.?",
];

/// Fictional inputs written for the demo: (kind, organisation, question number, text, published).
const INPUTS: [(&str, &str, usize, &str, bool); 9] = [
    (
        "business",
        "Näringslivsbolag i länet",
        2,
        "Kompetensförsörjningen är den fråga som avgör om företagen kan växa här. RUS:en behöver peka ut hur utbildning och arbetsgivare ska samverka i varje kommun.",
        true,
    ),
    (
        "politics",
        "",
        1,
        "Genomförandekraft kräver att kommunerna äger prioriteringarna. Låt varje kommun ta ställning till två eller tre insatser som den själv driver.",
        true,
    ),
    (
        "civil_society",
        "Föreningsliv i länet",
        3,
        "Använd de mötesplatser som redan finns – bygdegårdar, studieförbund och idrottsföreningar – i stället för att bjuda in till nya möten.",
        true,
    ),
    (
        "officials",
        "",
        2,
        "Energiomställningen och elnätets kapacitet måste få ett eget avsnitt; flera etableringar står still i väntan på el.",
        true,
    ),
    (
        "resident",
        "",
        2,
        "Bättre kollektivtrafik mellan de mindre orterna och Jönköping, även på kvällar och helger.",
        true,
    ),
    (
        "officials",
        "",
        4,
        "Samordna med trafikförsörjningsprogrammet och den regionala transportplanen så att målen inte säger emot varandra.",
        true,
    ),
    (
        "business",
        "Besöksnäringen",
        2,
        "Lyft besöksnäringen som en väg till fler arbetstillfällen på landsbygden.",
        true,
    ),
    (
        "resident",
        "",
        2,
        "Jag heter Per Holm och bor i Aneby, ring mig på 070-765 43 21. Vi behöver fler hyreslägenheter för unga.",
        false,
    ),
    (
        "civil_society",
        "Pensionärsorganisation",
        1,
        "Tänk på de äldre i dialogen: erbjud möten dagtid och material på papper.",
        false,
    ),
];

async fn milestone(
    store: &Store,
    process: i64,
    phase: Option<i64>,
    title: &str,
    planned: Date,
    done: Option<Date>,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let f = MilestoneFields {
        phase_id: phase.map(|p| p.to_string()).unwrap_or_default(),
        title: title.into(),
        planned_on: planned.to_string(),
        actual_on: done.map(|d| d.to_string()).unwrap_or_default(),
        status: if done.is_some() { "done" } else { "planned" }.into(),
        note: String::new(),
    };
    store.add_milestone(process, &f.parse(store.today())?, actor, None).await
}

async fn phase(
    store: &Store,
    process: i64,
    title: &str,
    from: Date,
    to: Date,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let f = domain::processes::PhaseFields {
        title: title.into(),
        starts_on: from.to_string(),
        ends_on: to.to_string(),
        ..Default::default()
    };
    store.add_phase(process, &f.parse()?, actor).await
}

async fn forum(
    store: &Store,
    process: i64,
    m: i64,
    body: Option<BodyId>,
    name: &str,
    role: &str,
    actor: &Actor,
) -> Result<(), StoreError> {
    let b = body.map(|b| b.0.to_string()).unwrap_or_default();
    let name = if body.is_some() { "" } else { name };
    let f = domain::processes::milestone::ForumInput::parse(&b, name, role)?;
    store.add_forum(process, m, &f, actor).await?;
    Ok(())
}

async fn strategy_of(store: &Store, owner: i64) -> Result<Option<i64>, StoreError> {
    Ok(store.strategies(true).await?.into_iter().find(|s| s.owner.id == owner).map(|s| s.id))
}

/// Loads the three processes; nothing without the regions.
pub(super) async fn load(store: &Store, forum_body: BodyId, actor: &Actor) -> Result<usize, StoreError> {
    let region = |code: &'static str| store.organisation_by_code(OrganisationKind::Region, code);
    let (Some(jkpg), Some(kalmar), Some(ostg)) = (region("06").await?, region("08").await?, region("05").await?) else {
        return Ok(0);
    };
    jonkoping(store, jkpg.id.0, forum_body, actor).await?;
    // Kalmar: the review at the seed's own dates, every milestone reached as planned.
    let review = template::find("review").ok_or(StoreError::NotFound)?;
    let f = ProcessFields {
        owner_id: kalmar.id.0.to_string(),
        title: "Översyn av RUS under 2021–2022".into(),
        description: "Översynen avgränsas till fyra sätt: uppföljning av läget i länet utifrån indikatorerna, analys post-corona, konkretisering av de fyra prioriterade utvecklingsområdena och en tydligare koppling till Agenda 2030.".into(),
        published: true,
        strategy_id: strategy_of(store, kalmar.id.0).await?.map(|s| s.to_string()).unwrap_or_default(),
        ..Default::default()
    };
    let from = FromTemplate {
        key: review.key,
        phases: review.plan(review.reference_start).unwrap_or_default(),
        roles: vec![(domain::processes::RoleKind::ProcessLead, None)],
    };
    let k = store.create_process(&f.parse()?, Some(&from), actor, None).await?;
    if let Some(x) = store.process(k).await? {
        for m in &x.milestones {
            let input = MilestoneFields {
                phase_id: m.phase_id.map(|p| p.to_string()).unwrap_or_default(),
                title: m.title.clone(),
                planned_on: m.planned_on.to_string(),
                actual_on: m.planned_on.to_string(),
                status: "done".into(),
                note: String::new(),
            };
            store.update_milestone(k, m.id, &input.parse(store.today())?, actor).await?;
        }
    }
    for (name, kind, interest, influence) in [
        ("Länets kommuner", "officials", "4", "4"),
        ("Länsstyrelsen i Kalmar län", "officials", "3", "3"),
        ("Linnéuniversitetet", "civil_society", "3", "2"),
        ("Företagarföreningar i länet", "business", "3", "2"),
        ("Unga i länet", "resident", "3", "1"),
    ] {
        let s = StakeholderFields {
            name: name.into(),
            kind: kind.into(),
            interest: interest.into(),
            influence: influence.into(),
            invited: true,
            took_part: kind != "resident",
            ..Default::default()
        };
        store.save_stakeholder(k, None, &s.parse()?, actor).await?;
    }
    // Östergötland: the four phases of seed 000, started half a year ago; not yet published.
    let rus = template::find("rus").ok_or(StoreError::NotFound)?;
    let start = store.today() - Duration::days(180);
    let f = ProcessFields {
        owner_id: ostg.id.0.to_string(),
        title: "Ny regional utvecklingsstrategi för Östergötland".into(),
        description: "Region Östergötland och kommunerna tar fram strategin i en gemensam process; den befintliga samrådsstrukturen är processorganisation.".into(),
        strategy_id: strategy_of(store, ostg.id.0).await?.map(|s| s.to_string()).unwrap_or_default(),
        ..Default::default()
    };
    let from = FromTemplate {
        key: rus.key,
        phases: rus.plan(start).unwrap_or_default(),
        roles: rus.roles.iter().map(|(k, n)| (*k, n.map(str::to_string))).collect(),
    };
    store.create_process(&f.parse()?, Some(&from), actor, None).await?;
    Ok(3)
}

async fn jonkoping(store: &Store, region: i64, forum_body: BodyId, actor: &Actor) -> Result<(), StoreError> {
    let today = store.today();
    let f = ProcessFields {
        owner_id: region.to_string(),
        title: "Revidering av den regionala utvecklingsstrategin".into(),
        description: "Revideringen genomförs i form av dialogmöten i länets kommuner. Politik och tjänstepersoner från kommun och region bjuds in tillsammans med företrädare för näringslivet och civilsamhället. Platsens förutsättningar och genomförandekraften tillsammans är viktigare än dokumentet.".into(),
        published: true,
        open_for_input: true,
        strategy_id: strategy_of(store, region).await?.map(|s| s.to_string()).unwrap_or_default(),
    };
    let p = store.create_process(&f.parse()?, None, actor, None).await?;
    let lead = domain::processes::process::RoleInput::parse("process_lead", "", &region.to_string(), "")?;
    store.add_role(p, &lead, actor).await?;
    let mut questions = Vec::new();
    for q in QUESTIONS {
        questions.push(store.add_question(p, q, actor).await?);
    }
    let d = |y, m, day| {
        Date::from_calendar_date(y, time::Month::try_from(m).unwrap_or(time::Month::January), day).unwrap_or(today)
    };
    let autumn =
        phase(store, p, "Förarbete och dialogmöten hösten 2024", d(2024, 9, 2), d(2024, 12, 20), actor).await?;
    let spring = phase(store, p, "Dialogmöten våren 2025", d(2025, 1, 13), d(2025, 6, 13), actor).await?;
    let writing = phase(store, p, "Skrivprocess och remiss", d(2025, 6, 16), today + Duration::days(60), actor).await?;
    let decision = phase(store, p, "Beslut", today + Duration::days(61), today + Duration::days(150), actor).await?;
    let presented = milestone(
        store,
        p,
        Some(autumn),
        "Upplägget presenterat i Kommunalt forum",
        d(2024, 10, 11),
        Some(d(2024, 10, 11)),
        actor,
    )
    .await?;
    forum(store, p, presented, Some(forum_body), "", "information", actor).await?;
    forum(store, p, presented, Some(forum_body), "", "dialogue", actor).await?;
    if let Some(m) =
        store.body_meetings(forum_body, None).await?.into_iter().find(|m| m.date == super::meetings::FORUM_MEETING)
    {
        let items = store.agenda(m.id).await?;
        if let Some(i) = items.iter().find(|i| i.title.starts_with("Dialogmöten och processen")) {
            store.link_milestone(p, presented, LinkKind::AgendaItem, i.id, actor).await?;
        }
    }
    let dialogues_done = milestone(
        store,
        p,
        Some(spring),
        "Dialogmöten i länets alla 13 kommuner genomförda",
        d(2025, 6, 13),
        Some(d(2025, 6, 13)),
        actor,
    )
    .await?;
    forum(store, p, dialogues_done, Some(forum_body), "", "anchoring", actor).await?;
    let adopt = milestone(store, p, Some(writing), "Antas i regionfullmäktige", d(2025, 11, 25), None, actor).await?;
    forum(store, p, adopt, None, "Regionfullmäktige", "decision", actor).await?;
    let referral = milestone(
        store,
        p,
        Some(writing),
        "Remissversion beslutad",
        today - Duration::days(30),
        Some(today - Duration::days(20)),
        actor,
    )
    .await?;
    forum(store, p, referral, None, "Regionstyrelsen", "decision", actor).await?;
    let end = milestone(store, p, Some(writing), "Remisstiden slut", today + Duration::days(45), None, actor).await?;
    forum(store, p, end, Some(forum_body), "", "anchoring", actor).await?;
    let decided =
        milestone(store, p, Some(decision), "Beslut i regionfullmäktige", today + Duration::days(120), None, actor)
            .await?;
    forum(store, p, decided, None, "Regionfullmäktige", "decision", actor).await?;

    // The 13 municipalities, seven in the autumn and six in the spring.
    let f = OrganisationFilter { kind: Some(OrganisationKind::Municipality), county_code: Some("06".into()), q: None };
    let municipalities = store::every_page(|c| store.organisations(&f, c, 500)).await?;
    let mut dialogue_ids = Vec::new();
    for (i, m) in municipalities.iter().enumerate() {
        let held = if i < 7 {
            d(2024, 10, 21) + Duration::weeks(i as i64)
        } else {
            d(2025, 2, 10) + Duration::weeks((i - 7) as i64 * 2)
        };
        let f = DialogueFields {
            title: format!("Dialogmöte {}", m.name.trim_end_matches(" kommun")),
            organisation_id: m.id.0.to_string(),
            held_on: held.to_string(),
            place: "Kommunhuset".into(),
            invitees: [
                "Kommunstyrelsens presidium; regionens ledamöter från kommunen".into(),
                "Kommundirektör, näringslivschef och planeringschef; regionutvecklare".into(),
                "Företagarföreningen och näringslivsbolaget".into(),
                "Föreningsråd, studieförbund och bygdeföreningar".into(),
            ],
            notes: "Gruppdiskussion 20 minuter kring de fyra frågorna, därefter gemensam sammanfattning. Anteckningarna är sammanfattade av processledningen.".into(),
            question_ids: questions.iter().map(|q| q.to_string()).collect(),
            ..Default::default()
        };
        dialogue_ids.push(store.save_dialogue(p, None, &f.parse()?, actor, None).await?);
    }
    let areas: Vec<i64> = match strategy_of(store, region).await? {
        Some(s) => store
            .strategy(s)
            .await?
            .map(|s| s.nodes.iter().filter(|n| n.depth == 0).map(|n| n.id).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let area_for = |q: usize, i: usize| -> Vec<String> {
        areas.get((q + i) % areas.len().max(1)).map(|a| vec![a.to_string()]).unwrap_or_default()
    };
    for (i, (kind, org, q, text, published)) in INPUTS.iter().enumerate() {
        let f = InputFields {
            kind: kind.to_string(),
            organisation_name: org.to_string(),
            question_id: questions[q - 1].to_string(),
            dialogue_id: if *published {
                dialogue_ids.get(i).map(|d| d.to_string()).unwrap_or_default()
            } else {
                String::new()
            },
            area_ids: area_for(*q, i),
            sdg: match *kind {
                "business" => "8",
                "resident" => "11.2",
                "officials" => "7",
                _ => "",
            }
            .into(),
            text: text.to_string(),
            author_name: if *kind == "resident" && !published { "Per Holm".into() } else { String::new() },
            ..Default::default()
        };
        let (id, _) = store.create_process_input(p, &f.parse()?, false, None, actor, None).await?;
        if *published {
            store.moderate_input(p, id, Moderation::Published, actor).await?;
        }
    }
    for (name, kind, interest, influence, took_part) in [
        ("Länets 13 kommuner", "politics", "4", "4", true),
        ("Länsstyrelsen i Jönköpings län", "officials", "3", "3", true),
        ("Jönköping University", "civil_society", "3", "3", true),
        ("Näringslivets organisationer i länet", "business", "4", "3", true),
        ("Civilsamhällets organisationer", "civil_society", "3", "2", true),
        ("Unga i länet", "resident", "3", "1", false),
    ] {
        let s = StakeholderFields {
            name: name.into(),
            kind: kind.into(),
            interest: interest.into(),
            influence: influence.into(),
            invited: true,
            took_part,
            ..Default::default()
        };
        store.save_stakeholder(p, None, &s.parse()?, actor).await?;
    }
    Ok(())
}
