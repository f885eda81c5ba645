//! The start page (`/`): what needs the signed-in person today — protocols to approve and to
//! finish with their due dates, the meetings they are called to, the findings of their bodies —
//! and, for everyone, the notice board's latest items, the coming meetings and a search field.

use std::collections::BTreeSet;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use domain::ids::{BodyId, PersonId};
use domain::meetings::MeetingStatus;
use domain::structure::Finding;
use store::meetings::{Announcement, Meeting};
use time::{Date, Duration};

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

/// How many items each list of the start page shows; the pages behind its links show the rest.
const SHOWN: usize = 5;

/// A protocol with its adjustment deadline (KL 5 kap. 69 §) and whether it has passed.
struct Due {
    m: Meeting,
    status: &'static str,
    due: Date,
    late: bool,
}

impl Due {
    fn of(m: Meeting, today: Date, lang: Lang) -> Due {
        Due { status: m.status.label(lang), due: m.adjustment_due(), late: m.adjustment_late(today), m }
    }
}

/// The findings of one body the person sits in or is secretary of.
struct BodyFindings {
    id: BodyId,
    name: String,
    findings: Vec<Finding>,
}

/// What needs the signed-in person.
#[derive(Default)]
struct Mine {
    to_approve: Vec<Due>,
    to_finish: Vec<Due>,
    upcoming: Vec<Meeting>,
    findings: Vec<BodyFindings>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    p: Chrome,
    organisations: i64,
    people: i64,
    signed_in: bool,
    mine: Mine,
    board: Vec<Announcement>,
    coming: Vec<Meeting>,
    joint: JointLists,
    /// The processes the signed-in user follows (issue 14), with their next milestones.
    processes: Vec<store::processes::ProcessSummary>,
    /// For a registrar: each organisation they register for, with its count of open requests
    /// for official documents (issue 11), linking to its queue.
    queues: Vec<(i64, String, i64)>,
}

async fn queues(app: &App, ctx: &Ctx) -> AppResult<Vec<(i64, String, i64)>> {
    let Some(u) = &ctx.user else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for org in app.store.registrar_of(domain::ids::UserId(u.id)).await? {
        let name = app.store.organisation(org).await?.map(|o| o.name).unwrap_or_default();
        out.push((org.0, name, app.store.open_document_requests(org).await?));
    }
    Ok(out)
}

/// Joint matters (issue 11): for a region's officer, the matters where organisations have not
/// decided; for an organisation's officer, what their organisation is to decide.
#[derive(Default)]
struct JointLists {
    waiting: Vec<store::joint::Waiting>,
    to_decide: Vec<store::joint::ToDecide>,
}

async fn joint(app: &App, ctx: &Ctx) -> AppResult<JointLists> {
    let orgs = crate::joint::access::officer_of(app, ctx).await?;
    if orgs.is_empty() {
        return Ok(JointLists::default());
    }
    let mut waiting = app.store.joint_matters_waiting(&orgs).await?;
    waiting.truncate(SHOWN);
    let mut to_decide = app.store.joint_matters_to_decide(&orgs).await?;
    to_decide.truncate(SHOWN);
    Ok(JointLists { waiting, to_decide })
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let (organisations, people) = app.store.counts().await?;
    let today = app.store.today();
    let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "home.title"));
    let mine = match crate::meetings::access::person(&ctx) {
        Some(person) => mine(&app, person, today, ctx.lang).await?,
        None => Mine::default(),
    };
    let mut board = app.store.notice_board(today).await?;
    board.truncate(SHOWN);
    let mut coming = app.store.meetings_between(today, today + Duration::days(60)).await?;
    coming.retain(|m| m.status != MeetingStatus::Cancelled);
    coming.truncate(SHOWN);
    let joint = joint(&app, &ctx).await?;
    let processes = crate::processes::followed(&app, &ctx).await?;
    let queues = queues(&app, &ctx).await?;
    let page = HomePage {
        p,
        organisations,
        people,
        signed_in: ctx.signed_in(),
        mine,
        board,
        coming,
        joint,
        processes,
        queues,
    };
    Ok(render(&page)?.into_response())
}

async fn mine(app: &App, person: PersonId, today: Date, lang: Lang) -> AppResult<Mine> {
    let to_approve = app.store.awaiting_approval(person).await?.into_iter().map(|m| Due::of(m, today, lang)).collect();
    let to_finish =
        app.store.protocols_to_finish(person, today).await?.into_iter().map(|m| Due::of(m, today, lang)).collect();
    let mut upcoming = app.store.person_meetings(person).await?;
    upcoming.retain(|m| m.date >= today && m.status != MeetingStatus::Cancelled);
    upcoming.truncate(SHOWN);
    // The bodies the person sits in today, and those they are secretary of.
    let mut bodies: BTreeSet<BodyId> = app
        .store
        .person_memberships(person)
        .await?
        .iter()
        .filter(|m| m.is_active_at(today))
        .map(|m| BodyId(m.body_id))
        .collect();
    let snapshot = app.store.snapshot(today).await?;
    bodies.extend(
        snapshot.bodies.iter().filter(|b| b.secretary.as_ref().is_some_and(|s| s.id == person.0)).map(|b| b.id),
    );
    let findings = snapshot
        .bodies
        .iter()
        .filter(|b| bodies.contains(&b.id))
        .map(|b| BodyFindings { id: b.id, name: b.name.clone(), findings: snapshot.report(b).findings })
        .filter(|f| !f.findings.is_empty())
        .collect();
    Ok(Mine { to_approve, to_finish, upcoming, findings })
}
