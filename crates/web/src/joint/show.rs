//! A joint matter's public page, its matrix as CSV, and its JSON: the recommendation's decision
//! points, the matrix of organisations × status with each decision (day, body, paragraph,
//! text, outcome, extract, and the note when the region recorded it on the organisation's
//! behalf) and the follow-up items with the overdue ones marked. The officers who may act see
//! the forms that send the matter, move a status, record a decision and add follow-up items.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use domain::ids::OrganisationId;
use domain::joint::PartyStatus;
use store::joint::{FollowUp, JointMatter, Party};

use super::JointPath;
use super::access::officer_of;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

/// A row of the matrix as the reader sees it.
pub struct PartyView {
    pub party: Party,
    pub status: &'static str,
    pub outcome: Option<&'static str>,
    pub extract_url: Option<String>,
    /// The reader may record this organisation's decision now.
    pub may_record: bool,
    /// The reader may mark it "in preparation" now.
    pub may_prepare: bool,
}

#[derive(Template)]
#[template(path = "joint/show.html")]
struct ShowPage {
    p: Chrome,
    m: JointMatter,
    rows: Vec<PartyView>,
    follow_ups: Vec<FollowUp>,
    region: bool,
    unsent: bool,
    decided: usize,
    form: FollowUpFormView,
}

/// The follow-up form's fields as typed (re-shown with their errors).
#[derive(Clone, Debug, Default)]
pub struct FollowUpFormView {
    pub text: String,
    pub due_on: String,
    pub organisation_id: String,
    pub idempotency_key: String,
}

pub fn extract_url(m: &JointMatter, org: OrganisationId) -> String {
    format!("/samverkan/{}/organisationer/{}/utdrag", m.id, org)
}

/// The matrix rows with what the reader may do in each.
async fn rows(app: &App, ctx: &Ctx, m: &JointMatter, lang: Lang) -> AppResult<(Vec<PartyView>, bool)> {
    let mine = officer_of(app, ctx).await?;
    let region = ctx.is_admin() || mine.contains(&m.owner_id);
    let rows = m
        .parties
        .iter()
        .map(|p| {
            let acts = region || mine.contains(&p.organisation_id);
            PartyView {
                status: p.status.label(lang),
                outcome: p.outcome.map(|o| o.label(lang)),
                extract_url: p.extract_name.as_ref().map(|_| extract_url(m, p.organisation_id)),
                may_record: acts && p.status.may_record(),
                may_prepare: acts && p.status.may_become(PartyStatus::InPreparation),
                party: p.clone(),
            }
        })
        .collect();
    Ok((rows, region))
}

/// The page, with the errors of a refused follow-up item when there are some (422).
pub async fn matter_page(
    app: &App,
    ctx: &Ctx,
    m: JointMatter,
    form: FollowUpFormView,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let (rows, region) = rows(app, ctx, &m, ctx.lang).await?;
    let (p, code) = Chrome::new(ctx, m.title.clone()).form(invalid);
    let form = FollowUpFormView {
        idempotency_key: if form.idempotency_key.is_empty() { crate::auth::new_secret() } else { form.idempotency_key },
        ..form
    };
    let page = ShowPage {
        p,
        unsent: m.parties.iter().any(|x| x.status == PartyStatus::NotSent),
        decided: m.decided(),
        follow_ups: m.follow_ups.clone(),
        rows,
        region,
        form,
        m,
    };
    Ok((code, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, JointPath(m): JointPath) -> AppResult<Response> {
    matter_page(&app, &ctx, m, FollowUpFormView::default(), None).await
}

pub async fn api(JointPath(m): JointPath) -> AppResult<Response> {
    Ok(Json(m).into_response())
}

/// The matrix as CSV (open data): one row per organisation, in Swedish.
pub async fn csv(JointPath(m): JointPath) -> AppResult<Response> {
    let mut rows = vec![
        [
            "organisation",
            "status",
            "skickat",
            "beslutsdatum",
            "beslutande_organ",
            "paragraf",
            "utfall",
            "beslut",
            "registrerat_for_organisationens_rakning",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let s = |d: Option<time::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    for p in &m.parties {
        rows.push(vec![
            p.organisation.clone(),
            p.status.as_str().into(),
            s(p.sent_on),
            s(p.decided_on),
            p.body.clone().unwrap_or_default(),
            p.paragraph.clone().unwrap_or_default(),
            p.outcome.map(|o| o.as_str().to_string()).unwrap_or_default(),
            p.text.clone().unwrap_or_default(),
            p.on_behalf_note.clone().unwrap_or_default(),
        ]);
    }
    Ok(crate::csv::response(&format!("gemensamt-arende-{}.csv", m.id), &rows))
}
