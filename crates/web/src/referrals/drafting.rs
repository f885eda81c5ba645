//! Building the draft (its drafters): the referral version's sections from Markdown headings,
//! consultees (an organisation kind in a county in one step, obliged or invited), the missiv's
//! questions, and publication with the invitations.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::FieldError;
use domain::organisations::OrganisationKind;
use domain::referrals::{Obligation, from_markdown};
use serde::Deserialize;
use store::referrals::{ConsulteeTarget, Referral};

use super::access::require_drafter;
use super::show::referral_page;
use super::{INVITATIONS, ReferralPath};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::{Input, reshown};

fn saved(r: &Referral, anchor: &str) -> Response {
    Redirect::to(&format!("/remisser/{}?klart=sparat#{anchor}", r.id)).into_response()
}

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
        Ok(()) => Ok(saved(&r, "avsnitt")),
        Err(e) => referral_page(&app, &ctx, r, f.markdown, Some(&reshown(e)?)).await,
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConsulteesForm {
    pub kind: String,
    pub county: String,
    pub obligation: String,
}

/// The operation: every organisation of a kind in a county, in one step.
pub async fn add_consultees(app: &App, ctx: &Ctx, r: &Referral, f: &ConsulteesForm) -> AppResult<usize> {
    require_drafter(app, ctx, r).await?;
    let mut e = domain::error::Errors::new();
    let kind = e.check(OrganisationKind::parse(f.kind.trim()).ok_or_else(|| {
        FieldError::new("kind", "invalid_choice", "Välj en sorts organisation.", "Choose a kind of organisation.")
    }));
    let county = e.check(
        domain::reference::county(f.county.trim())
            .map(|c| c.code.clone())
            .ok_or_else(|| FieldError::new("county", "unknown_county", "Välj ett län.", "Choose a county.")),
    );
    let obligation = e.check(Obligation::parse_field("obligation", &f.obligation));
    e.finish(|| ())?;
    let (Some(kind), Some(county), Some(obligation)) = (kind, county, obligation) else { return Ok(0) };
    let ids = app.store.organisations_of_kind_in_county(kind, &county).await?;
    if ids.is_empty() {
        return Err(domain::Invalid::one(FieldError::new(
            "county",
            "no_organisations",
            "Det finns inga organisationer av den sorten i länet.",
            "There are no organisations of that kind in the county.",
        ))
        .into());
    }
    let targets: Vec<_> = ids.into_iter().map(ConsulteeTarget::Organisation).collect();
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
        Ok(_) => Ok(saved(&r, "instanser")),
        Err(e) => referral_page(&app, &ctx, r, String::new(), Some(&reshown(e)?)).await,
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
        s => e.check(s.parse::<i64>().map_err(|_| {
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
        Ok(_) => Ok(saved(&r, "fragor")),
        Err(e) => referral_page(&app, &ctx, r, String::new(), Some(&reshown(e)?)).await,
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
        Ok(r) => Ok(Redirect::to(&format!("/remisser/{}?klart=sparat", r.id)).into_response()),
        Err(e) => referral_page(&app, &ctx, r, String::new(), Some(&reshown(e)?)).await,
    }
}
