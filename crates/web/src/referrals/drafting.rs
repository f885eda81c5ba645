//! Building the draft (its drafters): the referral version's sections from Markdown headings,
//! consultees (an organisation kind in a county in one step, obliged or invited), the missiv's
//! questions, and publication with the invitations; each step's form and API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::FieldError;
use domain::ids::PersonId;
use domain::referrals::{Obligation, from_markdown};
use serde::Deserialize;
use store::referrals::{ConsulteeTarget, Referral};

use super::access::require_drafter;
use super::show::{Typed, referral_page};
use super::{INVITATIONS, ReferralPath, saved};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::{Input, reshown};
use crate::json::JsonInput;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SectionsForm {
    pub markdown: String,
}

/// The operation: the referral version's sections, from the Markdown's headings.
pub async fn set_sections(app: &App, ctx: &Ctx, r: &Referral, markdown: &str) -> AppResult<()> {
    require_drafter(app, ctx, r).await?;
    let text = domain::text::optional_multiline("markdown", markdown, domain::referrals::section::BODY_MAX * 4)?
        .unwrap_or_default();
    let sections = from_markdown(&text)?;
    Ok(app.store.set_referral_sections(r.id, 1, &sections, &ctx.actor()).await?)
}

pub async fn sections_post(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    Input(f): Input<SectionsForm>,
) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    match set_sections(&app, &ctx, &r, &f.markdown).await {
        Ok(()) => Ok(saved(&r, "", "avsnitt")),
        Err(e) => referral_page(&app, &ctx, r, Typed::markdown(f.markdown), Some(&reshown(e)?)).await,
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConsulteesForm {
    pub kind: String,
    pub county: String,
    pub obligation: String,
    /// One organisation, instead of a kind in a county.
    pub organisation_id: String,
    /// One named person of the register, by e-mail address (the form) or id (the API).
    pub person_email: String,
    pub person_id: String,
}

fn field_error(field: &str, code: &'static str, sv: &str, en: &str) -> domain::Invalid {
    domain::Invalid::one(FieldError::new(field, code, sv, en))
}

/// Whom the form asks: one organisation, one named person, or every organisation of a kind in
/// a county.
async fn targets(app: &App, f: &ConsulteesForm) -> AppResult<Vec<ConsulteeTarget>> {
    let id = |s: &str, field: &str| {
        crate::forms::id::<i64>(s.trim())
            .map_err(|_| field_error(field, "unknown_choice", "Välj en i registret.", "Choose one of the register."))
    };
    if f.organisation_id.trim().is_empty() && !f.person_id.trim().is_empty() {
        let p = PersonId(id(&f.person_id, "person_id")?);
        app.store.person(p).await?.ok_or_else(|| {
            field_error(
                "person_id",
                "unknown_choice",
                "Välj en person i registret.",
                "Choose a person of the register.",
            )
        })?;
        return Ok(vec![ConsulteeTarget::Person(p)]);
    }
    if f.organisation_id.trim().is_empty() && !f.person_email.trim().is_empty() {
        let p = app.store.person_by_email(&f.person_email).await?.ok_or_else(|| {
            field_error(
                "person_email",
                "unknown_person",
                "Ingen person i registret har den e-postadressen.",
                "No person of the register has that e-mail address.",
            )
        })?;
        return Ok(vec![ConsulteeTarget::Person(p)]);
    }
    let orgs = super::selection::organisations_in(app, &f.organisation_id, &f.kind, &f.county).await?;
    Ok(orgs.into_iter().map(ConsulteeTarget::Organisation).collect())
}

/// The operation: one organisation, one named person, or every organisation of a kind in a
/// county in one step, obliged to answer or invited.
pub async fn add_consultees(app: &App, ctx: &Ctx, r: &Referral, f: &ConsulteesForm) -> AppResult<usize> {
    require_drafter(app, ctx, r).await?;
    let obligation = Obligation::parse_field("obligation", &f.obligation);
    let targets = targets(app, f).await;
    let (obligation, targets) = match (obligation, targets) {
        (Ok(o), Ok(t)) => (o, t),
        (Err(e), Ok(_)) => return Err(domain::Invalid::one(e).into()),
        (Ok(_), Err(e)) => return Err(e),
        (Err(o), Err(crate::error::AppError::Invalid(mut inv))) => {
            inv.0.push(o);
            return Err(inv.into());
        }
        (Err(_), Err(e)) => return Err(e),
    };
    Ok(app.store.add_consultees(r.id, &targets, obligation, INVITATIONS, &ctx.actor()).await?)
}

pub async fn consultees_post(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    Input(f): Input<ConsulteesForm>,
) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    match add_consultees(&app, &ctx, &r, &f).await {
        Ok(_) => Ok(saved(&r, "", "instanser")),
        Err(e) => referral_page(&app, &ctx, r, Typed::default(), Some(&reshown(e)?)).await,
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    pub question: String,
    pub section: String,
}

/// The operation: a question of the missiv, overall or on a section.
pub async fn add_question(app: &App, ctx: &Ctx, r: &Referral, f: &QuestionForm) -> AppResult<i64> {
    require_drafter(app, ctx, r).await?;
    let mut e = domain::error::Errors::new();
    let text = e.check(domain::text::required("question", &f.question, domain::referrals::answer::QUESTION_ANSWER_MAX));
    let section = match f.section.trim() {
        "" => None,
        s => e.check(crate::forms::id::<i64>(s).map_err(|_| {
            FieldError::new("section", "unknown_section", "Välj ett av avsnitten.", "Choose one of the sections.")
        })),
    };
    e.finish(|| ())?;
    Ok(app.store.add_referral_question(r.id, section, &text.unwrap_or_default(), &ctx.actor()).await?)
}

pub async fn question_post(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    Input(f): Input<QuestionForm>,
) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    match add_question(&app, &ctx, &r, &f).await {
        Ok(_) => Ok(saved(&r, "", "fragor")),
        Err(e) => {
            let typed = Typed { question: f.question.clone(), question_section: f.section.clone(), ..Typed::default() };
            referral_page(&app, &ctx, r, typed, Some(&reshown(e)?)).await
        }
    }
}

/// The operation: the referral goes out with its missiv; the invitations follow from a job.
pub async fn publish(app: &App, ctx: &Ctx, r: &Referral) -> AppResult<Referral> {
    require_drafter(app, ctx, r).await?;
    Ok(app.store.publish_referral(r.id, INVITATIONS, &ctx.actor()).await?)
}

pub async fn publish_post(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    match publish(&app, &ctx, &r).await {
        Ok(r) => Ok(saved(&r, "", "")),
        Err(e) => referral_page(&app, &ctx, r, Typed::default(), Some(&reshown(e)?)).await,
    }
}

/// `PUT /api/v1/referrals/{id}/sections`: the sections from `{"markdown": …}`.
pub async fn sections_api(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_user()?;
    let markdown = JsonInput::one_str(&headers, &body, "markdown")?;
    set_sections(&app, &ctx, &r, &markdown).await?;
    Ok(Json(serde_json::json!({ "items": app.store.referral_sections(r.id, 1).await? })).into_response())
}

/// `POST /api/v1/referrals/{id}/consultees`: one organisation (`organisation_id`), one named
/// person (`person_id`), or every organisation of a kind in a county.
pub async fn consultees_api(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_user()?;
    let mut j = JsonInput::parse(&headers, &body, &["kind", "county", "obligation", "organisation_id", "person_id"])?;
    let id = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
    let f = ConsulteesForm {
        kind: j.str("kind"),
        county: j.str("county"),
        obligation: j.str("obligation"),
        organisation_id: id(j.id("organisation_id")),
        person_id: id(j.id("person_id")),
        person_email: String::new(),
    };
    j.finish()?;
    let added = add_consultees(&app, &ctx, &r, &f).await?;
    Ok(Json(serde_json::json!({ "added": added })).into_response())
}

/// `POST /api/v1/referrals/{id}/questions`: a question, overall or on section `section`.
pub async fn question_api(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_user()?;
    let mut j = JsonInput::parse(&headers, &body, &["question", "section"])?;
    let question = j.str("question");
    let section = j.id("section").map(|s| s.to_string()).unwrap_or_default();
    j.finish()?;
    let id = add_question(&app, &ctx, &r, &QuestionForm { question, section }).await?;
    let q = app.store.referral_questions(r.id).await?.into_iter().find(|q| q.id == id);
    Ok((StatusCode::CREATED, Json(q)).into_response())
}

/// `POST /api/v1/referrals/{id}/publication`: the referral goes out.
pub async fn publish_api(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    ctx.require_user()?;
    Ok(Json(publish(&app, &ctx, &r).await?).into_response())
}
