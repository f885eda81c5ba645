//! Creating a referral from a case (the case organisation's registrars): the operation and its
//! form and the API call. The deadline defaults to three months after sending (issue 12).

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::cases::Case;
use domain::ids::CaseId;
use domain::referrals::{ReferralFields, ReferralInput};
use serde::Deserialize;
use store::referrals::Referral;

use crate::App;
use crate::cases::CasePath;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The operation: a registrar of the case's organisation creates a draft referral in it.
pub async fn create(
    app: &App,
    ctx: &Ctx,
    case: &Case,
    input: &ReferralInput,
    key: Option<&str>,
) -> AppResult<Referral> {
    crate::cases::require_registrar(app, ctx, case.organisation_id).await?;
    let id = app.store.create_referral(case.id, input, &ctx.actor(), key).await?;
    app.store.referral(id).await?.ok_or(AppError::NotFound)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReferralForm {
    pub title: String,
    pub document_version: String,
    pub sent_on: String,
    pub deadline: String,
    pub late_answers: String,
    pub open_to_public: String,
    pub missiv: String,
    pub idempotency_key: String,
}

impl ReferralForm {
    pub fn parse(&self, today: time::Date) -> Result<ReferralInput, domain::Invalid> {
        ReferralInput::parse(
            ReferralFields {
                title: &self.title,
                document_version: &self.document_version,
                sent_on: &self.sent_on,
                deadline: &self.deadline,
                late_answers: &self.late_answers,
                open_to_public: !self.open_to_public.is_empty(),
                missiv: &self.missiv,
            },
            today,
        )
    }
}

#[derive(Template)]
#[template(path = "referrals/new.html")]
struct FormPage {
    p: Chrome,
    f: ReferralForm,
    case: Case,
}

async fn page(ctx: &Ctx, case: Case, f: ReferralForm, invalid: Option<&domain::Invalid>) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, "referral.new")).form(invalid);
    Ok((status, render(&FormPage { p, f, case })?).into_response())
}

pub async fn form(State(app): State<App>, ctx: Ctx, CasePath(case): CasePath) -> AppResult<Response> {
    crate::cases::require_registrar(&app, &ctx, case.organisation_id).await?;
    let today = app.store.today();
    let f = ReferralForm {
        title: case.public_title.clone(),
        sent_on: today.to_string(),
        deadline: domain::referrals::default_deadline(today).to_string(),
        late_answers: "accepted".into(),
        idempotency_key: crate::auth::new_secret(),
        ..Default::default()
    };
    page(&ctx, case, f, None).await
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(case): CasePath,
    Input(f): Input<ReferralForm>,
) -> AppResult<Response> {
    crate::cases::require_registrar(&app, &ctx, case.organisation_id).await?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match f.parse(app.store.today()) {
        Ok(input) => create(&app, &ctx, &case, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(r) => Ok(Redirect::to(&format!("/remisser/{}?klart=skapat", r.id)).into_response()),
        Err(e) => page(&ctx, case, f, Some(&reshown(e)?)).await,
    }
}

const FIELDS: &[&str] =
    &["case_id", "title", "document_version", "sent_on", "deadline", "late_answers", "open_to_public", "missiv"];

/// `POST /api/v1/referrals`: the same operation; the deadline defaults as on the form.
pub async fn api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_user()?;
    let mut j = JsonInput::parse(&headers, &body, FIELDS)?;
    let case_id = j.id("case_id");
    let f = ReferralForm {
        title: j.str("title"),
        document_version: j.str("document_version"),
        sent_on: j.str("sent_on"),
        deadline: j.str("deadline"),
        late_answers: j.str("late_answers"),
        open_to_public: if j.bool("open_to_public").unwrap_or(false) { "on".into() } else { String::new() },
        missiv: j.str("missiv"),
        idempotency_key: String::new(),
    };
    j.finish()?;
    let case = match case_id {
        Some(id) => app.store.case(CaseId(id)).await?,
        None => None,
    };
    let mut e = domain::error::Errors::new();
    if case.is_none() {
        e.push(domain::FieldError::new(
            "case_id",
            "unknown_case",
            "Ange ett ärende i diariet.",
            "Give a case of the registry.",
        ));
    }
    let input = match f.parse(app.store.today()) {
        Ok(i) => Some(i),
        Err(domain::Invalid(errs)) => {
            errs.into_iter().for_each(|x| e.push(x));
            None
        }
    };
    e.finish(|| ())?;
    let (Some(case), Some(input)) = (case, input) else { return Err(AppError::NotFound) };
    let r = create(&app, &ctx, &case, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/referrals/{}", r.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(r)).into_response())
}
