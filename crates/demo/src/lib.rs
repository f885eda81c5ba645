//! The demo: Region Östergötland and Region Jönköpings län with their 13 municipalities each
//! (real names and codes from `data/`), the county administrative boards, other actors named in
//! the seeds, fictional people and demo accounts; Östergötland's consultation structure of seed
//! 001 with a realistic finding or two, and Jönköping's Kommunalt forum of seed 003. With
//! [`load_national`], the same structure in every county of Sweden.

mod actionplans;
mod assignments;
mod county;
mod forum;
// indicators (issue 13)
mod indicators;
mod joint;
mod meetings;
mod national;
mod people;
mod processes;
mod referrals;
mod registry;
mod registry_history;
mod requests;
mod routing;
mod strategy; // strategy (issue 13)
// surveys (issue 14)
mod surveys;

use domain::ids::{BodyId, MembershipId, PersonId, UserId};
use domain::meetings::MeetingStatus;
use domain::organisations::OrganisationKind;
use domain::structure::{MembershipInput, Question, QuestionStatus, Side, Term, WorkPlanInput};
use store::{Actor, Store, StoreError};
use time::macros::date;

pub use forum::PLAN_2025 as FORUM_PLAN_2025;
pub use meetings::FORUM_MEETING;
pub use national::{NationalSummary, load_national};
pub use registry::{GRANTEE as SECRECY_GRANTEE, RUS_CASE};

use county::{Builder, Options, Structure, org_input};
use people::Folk;
use web::auth::{hash_password, new_secret};

/// The counties of the demo: Östergötland (seed 001, 000) and Jönköping (seed 003).
pub const DEMO_COUNTIES: [&str; 2] = ["05", "06"];

/// Demo accounts: (e-mail, name, administrator). The chair and the minutes checker act as the
/// chair and an adjuster of the strategic consultation group's latest meeting, whose protocol
/// waits for their approval, so a newcomer can adjust a protocol in the browser. The registrar
/// keeps the registries of Region Östergötland and Region Jönköpings län (`registry`). The
/// municipal account acts as Valdemarsvik's municipal director (journeys: Mikael), who has the
/// joint matter to decide and the open referral to answer for his municipality.
pub const DEMO_ACCOUNTS: [(&str, &str, bool); 7] = [
    ("admin@demo.samverkan.se", "Anders Admin", true),
    ("sekreterare@demo.samverkan.se", "Josefin Sekreterare", false),
    ("ledamot@demo.samverkan.se", "Tore Ledamot", false),
    ("ordforande@demo.samverkan.se", "Olle Ordförande", false),
    ("justerare@demo.samverkan.se", "Jenny Justerare", false),
    ("registrator@demo.samverkan.se", "Rebecka Registrator", false),
    ("kommundirektor@demo.samverkan.se", "Mikael Kommundirektör", false),
];

/// The municipality whose director the municipal account acts as: Valdemarsvik, which is still
/// preparing its decision on the joint RUS matter (`joint`), so its start page lists it.
pub const DEMO_MUNICIPALITY: &str = "0563";

/// The day Ydre kommun's opposition representative left Samrådet för strategiska frågor; the
/// seat stays vacant.
pub const YDRE_RESIGNED: time::Date = date!(2025 - 09 - 30);

/// Other actors named in the seeds: (name, kind, county, website).
const OTHER_ACTORS: &[(&str, OrganisationKind, Option<&str>, Option<&str>)] = &[
    ("Jönköping University", OrganisationKind::University, Some("06"), Some("https://ju.se")),
    ("Linköpings universitet", OrganisationKind::University, Some("05"), Some("https://liu.se")),
    ("Tranås United", OrganisationKind::BusinessOrganisation, Some("06"), None),
    ("Näringslivsutveckling i Vetlanda AB", OrganisationKind::BusinessOrganisation, Some("06"), None),
    ("Husqvarna AB", OrganisationKind::BusinessOrganisation, Some("06"), Some("https://www.husqvarna.com")),
    ("Småland Blekinge Halland South Sweden", OrganisationKind::Other, None, Some("https://www.sbhss.eu")),
    ("Sveriges Kommuner och Regioner", OrganisationKind::Other, None, Some("https://skr.se")),
    ("Transportstyrelsen", OrganisationKind::StateAgency, None, Some("https://www.transportstyrelsen.se")),
    ("Trafikverket", OrganisationKind::StateAgency, None, Some("https://www.trafikverket.se")),
    ("Coompanion Östergötland", OrganisationKind::CivilSocietyOrganisation, Some("05"), None),
];

#[derive(Debug, Default)]
pub struct DemoSummary {
    pub organisations: usize,
    pub people: usize,
    pub accounts: usize,
    pub bodies: usize,
    pub memberships: usize,
    pub meetings: usize,
    pub cases: usize,
    pub joint_matters: usize,
}

fn term(year: i32) -> Term {
    Term::starting(year).expect("a term starts that year")
}

/// Loads the demo into an empty database; does nothing if organisations exist already.
pub async fn load(store: &Store, files: &dyn store::files::FileStore) -> Result<DemoSummary, StoreError> {
    let mut s = DemoSummary::default();
    if store.counts().await?.0 > 0 {
        return Ok(s);
    }
    let mut folk = Folk::new(Actor::system("demo"));
    let mut counties = Vec::new();
    for code in DEMO_COUNTIES {
        let (county, created) = county::create(store, &mut folk, code).await?;
        s.organisations += created;
        counties.push(county);
    }
    s.organisations += other_actors(store, &folk.actor).await?;
    let users = create_accounts(store, &folk.actor).await?;
    s.accounts = users.len();

    // Östergötland: the current term and, in the strategic consultation group, the one before.
    // Meeting plans from 2025 (the seed's) to the end of next year, so that the demo has a
    // past and a future whatever the date.
    let today = store.today();
    let opts = Options {
        terms: vec![term(2019), term(2023)],
        history_everywhere: false,
        years: 2025..=today.year().max(2025) + 1,
        suffix: String::new(),
    };
    let mut b = Builder::new(store, &mut folk, &counties[0], opts.terms.clone());
    let structure = county::build(&mut b, &opts).await?;
    ostergotland_findings(&b, &structure).await?;
    (s.bodies, s.memberships) = (b.bodies, b.memberships);

    let mut b = Builder::new(store, &mut folk, &counties[1], vec![term(2023)]);
    let (forum, secretary) = forum::build(&mut b, &opts.years).await?;
    (s.bodies, s.memberships) = (s.bodies + b.bodies, s.memberships + b.memberships);
    meetings::forum_meeting(store, files, forum, &folk.actor).await?;
    s.meetings = 1 + meetings::history(store, today, Some(structure.strategic), &folk.actor).await?;
    assignments::load(store, &folk.actor).await?;

    s.cases = registry::load(store, files, forum, users[5], &folk.actor).await?;
    s.joint_matters = joint::load(store, &folk.actor).await?;
    // cases: the RUS case's path through the structure, with one recorded deviation (ADR 47).
    routing::load(store, &folk.actor).await?;
    // indicators (issue 13): Kolada's values for Region Jönköpings län, with the demo's targets
    indicators::load(store, &folk.actor).await?;
    // cases: two requests for official documents in the registrars' queue (ADR 48).
    requests::load(store, &folk.actor).await?;
    // Region Kalmar län and its municipalities, with the review of seed 002 on referral, and
    // Östergötland's RUS on referral today (issue 12).
    let (_, kalmar) = county::create(store, &mut folk, "08").await?;
    s.organisations += kalmar + referrals::load(store, users[5], &folk.actor).await?;
    s.cases += 1;
    // Governing documents and strategies (issue 13), once the three regions exist.
    strategy::load(store, structure.strategic, &folk.actor).await?;
    // Processes (issue 14): Jönköping's RUS revision, Kalmar's review, Östergötland's new RUS.
    processes::load(store, forum, &folk.actor).await?;
    // Action plans of Jönköping's forums, ReKo's follow-up round, links to the RUS (issue 13).
    let (bodies, memberships) = actionplans::load(store, forum, secretary, &folk.actor).await?;
    (s.bodies, s.memberships) = (s.bodies + bodies, s.memberships + memberships);
    // Surveys (issue 14): seed 004's survey of Östergötland's municipalities, mostly answered.
    surveys::load(store, &folk.actor).await?;

    link_accounts(store, &users, secretary, structure.member, &folk.actor).await?;
    link_approvers(store, &users, structure.strategic, &folk.actor).await?;
    let (_, valdemarsvik) = counties[0]
        .municipalities
        .iter()
        .find(|(org, _)| org.code.as_deref() == Some(DEMO_MUNICIPALITY))
        .expect("Valdemarsvik is in Östergötland");
    store.link_user_person(users[6], Some(valdemarsvik.director), &folk.actor).await?;
    s.people = folk.created;
    Ok(s)
}

/// What the compliance report of Östergötland's structure shows: Ydre kommun's opposition seat
/// in the strategic consultation group is vacant since its holder resigned, the care group
/// planned only three meetings for 2026 and has no work plan; the strategic group has a work
/// plan for 2026–2027 and the one before it as history.
async fn ostergotland_findings(b: &Builder<'_>, s: &Structure) -> Result<(), StoreError> {
    let (store, actor) = (b.store, &b.folk.actor);
    let ydre = store
        .memberships(s.strategic, Some(YDRE_RESIGNED))
        .await?
        .into_iter()
        .find(|m| {
            m.organisation_code.as_deref() == Some("0512") && m.side() == Side::Opposition && m.role().is_ordinary()
        })
        .expect("Ydre kommun has an opposition representative");
    let resigned = MembershipInput {
        person: PersonId(ydre.person_id),
        organisation: domain::ids::OrganisationId(ydre.organisation_id),
        role: ydre.role(),
        side: ydre.side(),
        start: ydre.start_date,
        end: Some(YDRE_RESIGNED),
        substitute_for: ydre.substitute_for.map(PersonId),
    };
    store.update_membership(MembershipId(ydre.id), &resigned, actor).await?;
    store.set_meeting_plan(s.care, 2026, &county::care_dates(2026)[..3], actor).await?;
    for plan in work_plans() {
        store.add_work_plan(s.strategic, &plan, actor).await?;
    }
    Ok(())
}

/// The strategic consultation group's work plans (rule 6: two years, updated every year),
/// decided at its December meetings, with development questions from seed 001 linked to its
/// duties.
fn work_plans() -> [WorkPlanInput; 2] {
    use QuestionStatus::*;
    let q = |title: &str, description: &str, duty: &str, status| Question {
        title: title.into(),
        description: Some(description.into()),
        duty: Some(duty.into()),
        status,
    };
    let skills = "Kompetensförsörjning i länet";
    let skills_text = "Länsgemensamt arbete med kompetensförsörjning på strategisk nivå.";
    let rus = "Revidering av den regionala utvecklingsstrategin (RUS)";
    let rus_text = "Kommunernas inspel till översynen av utvecklingsstrategin för Östergötland.";
    let ltp = "Länsplan för regional transportinfrastruktur (LTP)";
    let ltp_text = "Gemensamma prioriteringar inför länsplanen och inspel till den nationella planen.";
    let split = "Ansvarsfördelning mellan kommunerna och regionen";
    let split_text = "Principiella frågor om ansvarsfördelningen, även inom vård och omsorg.";
    let (development, strategies) = (county::CONSULTATION_DUTIES[5], county::CONSULTATION_DUTIES[6]);
    let (principal, initiate) = (county::STRATEGIC_DUTIES[2], county::STRATEGIC_DUTIES[3]);
    [
        WorkPlanInput {
            decided_on: date!(2024 - 12 - 13),
            covers_from: 2025,
            covers_to: 2026,
            questions: vec![
                q(skills, skills_text, development, Ongoing),
                q(rus, rus_text, strategies, Planned),
                q(ltp, ltp_text, initiate, Ongoing),
                q(split, split_text, principal, Planned),
            ],
        },
        WorkPlanInput {
            decided_on: date!(2025 - 12 - 12),
            covers_from: 2026,
            covers_to: 2027,
            questions: vec![
                q(skills, skills_text, development, Ongoing),
                q(rus, rus_text, strategies, Ongoing),
                q(ltp, ltp_text, initiate, Done),
                q(
                    "Regional digital agenda",
                    "En gemensam digitaliseringsstrategi för Östergötland, initierad från samrådet.",
                    initiate,
                    Planned,
                ),
                q(split, split_text, principal, Ongoing),
            ],
        },
    ]
}

async fn other_actors(store: &Store, actor: &Actor) -> Result<usize, StoreError> {
    for (name, kind, county, website) in OTHER_ACTORS {
        store.create_organisation(&org_input(name, *kind, None, *county, *website), actor, None).await?;
    }
    Ok(OTHER_ACTORS.len())
}

/// The demo accounts, with passwords nobody knows until `reset_passwords` sets new ones.
async fn create_accounts(store: &Store, actor: &Actor) -> Result<Vec<UserId>, StoreError> {
    let mut users = Vec::new();
    for (email, name, admin) in DEMO_ACCOUNTS {
        users.push(store.create_user(email, name, &hash_password(&new_secret()), admin, actor).await?);
    }
    Ok(users)
}

/// The secretary account acts as a body's secretary and the member account as a member, so
/// per-body permissions can be shown.
async fn link_accounts(
    store: &Store,
    users: &[UserId],
    secretary: PersonId,
    member: PersonId,
    actor: &Actor,
) -> Result<(), StoreError> {
    store.link_user_person(users[1], Some(secretary), actor).await?;
    store.link_user_person(users[2], Some(member), actor).await
}

/// The chair and minutes-checker accounts act as the chair and the first adjuster of `body`'s
/// meeting whose protocol waits for approval (status `protocol_drafted`), when there is one.
async fn link_approvers(store: &Store, users: &[UserId], body: BodyId, actor: &Actor) -> Result<(), StoreError> {
    let waiting =
        store.body_meetings(body, None).await?.into_iter().rfind(|m| m.status == MeetingStatus::ProtocolDrafted);
    let Some(m) = waiting else { return Ok(()) };
    if let Some(chair) = &m.chair {
        store.link_user_person(users[3], Some(PersonId(chair.id)), actor).await?;
    }
    if let Some(adjuster) = m.adjusters.first() {
        store.link_user_person(users[4], Some(PersonId(adjuster.id)), actor).await?;
    }
    Ok(())
}

/// Gives each demo account a new password, returned so the server can print it at start in
/// demo mode. `fixed` (for tests) sets the same known password on all of them.
pub async fn reset_passwords(store: &Store, fixed: Option<&str>) -> Result<Vec<(String, String)>, StoreError> {
    let actor = Actor::system("demo");
    let mut out = Vec::new();
    for (email, _, _) in DEMO_ACCOUNTS {
        if let Some((user, _)) = store.user_with_hash(email).await? {
            let password = fixed.map_or_else(|| new_secret()[..20].to_string(), str::to_string);
            store.set_password(user.user_id(), &hash_password(&password), false, &actor).await?;
            out.push((email.to_string(), password));
        }
    }
    Ok(out)
}
