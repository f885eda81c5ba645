//! A case's path through the consultation structure (seed 001 § 6.2) as the case page shows it:
//! a timeline of its steps, each with its status and links to where it was handled — agenda
//! items and paragraphs naming the case in a body of the step's kind, the case's referrals, its
//! joint matters — and the deviations from the proposal with their reasons. The same timeline
//! is `GET /api/v1/cases/{id}/routing`. The writes are `route_edit`.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::cases::Case;
use domain::cases::path::{Step, StepKind, StepStatus};
use domain::cases::routing::{CaseTraits, Line, Reason, StrategicDocument};
use domain::error::Lang;
use domain::referrals::ReferralStatus;
use serde::Serialize;
use store::cases::{CaseRoute, RouteHandling, parse_step_code};

use super::CasePath;
use super::access::is_case_officer;
use super::route_form::RouteForm;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::pages::{Chrome, render};

/// A link from a step to where it was handled.
#[derive(Clone, Debug, Serialize)]
pub struct StepLink {
    pub href: String,
    pub text: String,
}

/// A step as the timeline shows it.
#[derive(Clone, Debug, Serialize)]
pub struct TimelineStep {
    pub id: i64,
    pub kind: StepKind,
    pub line: Option<Line>,
    pub label: String,
    pub status: StepStatus,
    pub status_label: &'static str,
    /// False for a step a deviation added.
    pub proposed: bool,
    pub links: Vec<StepLink>,
}

/// A deviation as the timeline shows it.
#[derive(Clone, Debug, Serialize)]
pub struct DeviationView {
    pub action: String,
    pub action_label: &'static str,
    pub before: Option<String>,
    pub after: Option<String>,
    pub reason: String,
    pub recorded_on: String,
}

/// The whole path as shown and sent.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Timeline {
    pub case_id: i64,
    /// Whether the case's traits are recorded (without them there is no path).
    pub recorded: bool,
    pub traits: Option<CaseTraits>,
    /// The principles of § 6.2 the proposal follows, as text.
    pub reasons: Vec<String>,
    pub steps: Vec<TimelineStep>,
    pub deviations: Vec<DeviationView>,
}

fn deviation_label(action: &str, lang: Lang) -> &'static str {
    match (action, lang) {
        ("add", Lang::Sv) => "Steg tillagt",
        ("remove", Lang::Sv) => "Steg borttaget",
        ("change", Lang::Sv) => "Steg ändrat",
        ("skip", Lang::Sv) => "Steg överhoppat",
        ("add", Lang::En) => "Step added",
        ("remove", Lang::En) => "Step removed",
        ("change", Lang::En) => "Step changed",
        (_, _) => "Step skipped",
    }
}

fn handling_link(h: &RouteHandling) -> StepLink {
    let x = &h.handling;
    match x.paragraph {
        Some(n) => StepLink {
            href: format!("/moten/{}/protokoll#paragraf-{n}", x.meeting_id),
            text: format!("{} {}, § {n} {}", x.body, x.date, x.title),
        },
        None => StepLink {
            href: format!("/moten/{}#item-{}", x.meeting_id, x.ref_id),
            text: format!("{} {}: {}", x.body, x.date, x.title),
        },
    }
}

/// The body kinds where a step of `kind` is handled.
fn body_kinds(kind: StepKind) -> &'static [&'static str] {
    match kind {
        StepKind::Prepare => &["management_group"],
        StepKind::Handle => &["consultation_group"],
        StepKind::Referral => &[],
        StepKind::Decide => &["municipal_board", "regional_board", "regional_council", "committee"],
    }
}

/// The case's path as the caller may see it; officers of the case's organisation also see the
/// referrals still in draft.
pub async fn timeline(app: &App, ctx: &Ctx, c: &Case, route: Option<CaseRoute>) -> AppResult<Timeline> {
    let Some(route) = route else { return Ok(Timeline { case_id: c.id.0, ..Default::default() }) };
    let lang = ctx.lang;
    let officer = is_case_officer(app, ctx, c.organisation_id).await?;
    let handled = app.store.route_handling(&c.number).await?;
    let referrals: Vec<StepLink> = app
        .store
        .case_referrals(c.id)
        .await?
        .into_iter()
        .filter(|r| officer || r.status != ReferralStatus::Draft)
        .map(|r| StepLink { href: format!("/remisser/{}", r.id), text: format!("{} ({})", r.title, r.sent_on) })
        .collect();
    let joint: Vec<StepLink> = app
        .store
        .joint_matters(Some(c.id), None)
        .await?
        .into_iter()
        .map(|m| StepLink { href: format!("/samverkan/{}", m.id), text: m.title })
        .collect();
    let steps = route
        .steps
        .iter()
        .map(|s| {
            let mut links: Vec<StepLink> = handled
                .iter()
                .filter(|h| body_kinds(s.step.kind).contains(&h.body_kind.as_str()))
                .map(handling_link)
                .collect();
            match s.step.kind {
                StepKind::Referral => links.extend(referrals.iter().cloned()),
                StepKind::Decide => links.extend(joint.iter().cloned()),
                _ => {}
            }
            TimelineStep {
                id: s.id,
                kind: s.step.kind,
                line: s.step.line,
                label: s.step.label(lang),
                status: s.status,
                status_label: s.status.label(lang),
                proposed: s.proposed,
                links,
            }
        })
        .collect();
    let name = |code: &Option<String>| code.as_deref().and_then(parse_step_code).map(|s: Step| s.label(lang));
    let deviations = route
        .deviations
        .iter()
        .map(|d| DeviationView {
            action: d.action.clone(),
            action_label: deviation_label(&d.action, lang),
            before: name(&d.step_before),
            after: name(&d.step_after),
            reason: d.reason.clone(),
            recorded_on: d.recorded_on.to_string(),
        })
        .collect();
    Ok(Timeline {
        case_id: c.id.0,
        recorded: true,
        traits: Some(route.traits),
        reasons: route.proposal.reasons.iter().map(|r: &Reason| r.label(lang).to_string()).collect(),
        steps,
        deviations,
    })
}

/// A choice of a select: its code and its label.
pub struct Choice {
    pub code: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "cases/routing.html")]
struct Block {
    p: Chrome,
    t: Timeline,
    officer: bool,
    f: RouteForm,
    strategies: Vec<Choice>,
    lines: Vec<Choice>,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
}

fn kind_label(k: StepKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (StepKind::Prepare, Lang::Sv) => "Beredning i ledningsgrupp",
        (StepKind::Handle, Lang::Sv) => "Behandling i samråd",
        (StepKind::Referral, Lang::Sv) => "Remiss",
        (StepKind::Decide, Lang::Sv) => "Beslut i styrelserna",
        (StepKind::Prepare, Lang::En) => "Preparation in a management group",
        (StepKind::Handle, Lang::En) => "Handling in a consultation group",
        (StepKind::Referral, Lang::En) => "Referral",
        (StepKind::Decide, Lang::En) => "Decisions of the boards",
    }
}

/// The block's HTML for the case page, with the values and errors of a refused post.
pub async fn block(
    app: &App,
    ctx: &Ctx,
    c: &Case,
    f: Option<RouteForm>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<String> {
    let route = app.store.case_route(c.id).await?;
    let officer = is_case_officer(app, ctx, c.organisation_id).await? && ctx.signed_in();
    let f = f.unwrap_or_else(|| RouteForm::from_route(route.as_ref()));
    let t = timeline(app, ctx, c, route).await?;
    let lang = ctx.lang;
    let block = Block {
        p: Chrome::new(ctx, "").form(invalid).0,
        t,
        officer,
        f,
        strategies: StrategicDocument::ALL.iter().map(|d| Choice { code: d.as_str(), label: d.label(lang) }).collect(),
        lines: Line::ALL.iter().map(|l| Choice { code: l.as_str(), label: l.label(lang) }).collect(),
        kinds: StepKind::ALL.iter().map(|k| Choice { code: k.as_str(), label: kind_label(*k, lang) }).collect(),
        statuses: StepStatus::ALL.iter().map(|s| Choice { code: s.as_str(), label: s.label(lang) }).collect(),
    };
    Ok(render(&block)?.0)
}

/// `GET /api/v1/cases/{id}/routing`.
pub async fn api(State(app): State<App>, ctx: Ctx, CasePath(c): CasePath) -> AppResult<Response> {
    let route = app.store.case_route(c.id).await?;
    let t = timeline(&app, &ctx, &c, route).await?;
    Ok(Json(serde_json::to_value(t).map_err(|e| AppError::Internal(e.to_string()))?).into_response())
}
