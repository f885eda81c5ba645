//! Open surveys: anyone answers, signed in or not; each submission is one response, submitted
//! at once. The form is throttled per client address (`LIMIT`, `crate::throttle`), so a loop of posts
//! cannot swamp the results; a retried post with the same key is the same response.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::surveys::{Answers, Audience, Mode};
use serde_json::json;
use store::surveys::Survey;

use super::view::{SectionView, sections};
use super::{SurveyPath, require_visible};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// Open responses one client address may give in an hour.
pub const LIMIT: crate::throttle::PerAddress = crate::throttle::PerAddress { limit: 20, message: "survey.throttled" };

fn require_open(ctx: &Ctx, s: &Survey) -> AppResult<()> {
    require_visible(ctx, s)?;
    if s.audience == Audience::Open { Ok(()) } else { Err(AppError::NotFound) }
}

/// The operation: checks a complete response and stores it, unless the address has given
/// `LIMIT` in the last hour (a retry of a stored response returns it whatever the count). With
/// `receipt_email` (optional, checked with the answers) the respondent's copy is mailed
/// (`receipt`), in the page's language.
pub async fn submit(
    app: &App,
    ctx: &Ctx,
    s: &Survey,
    answers: Answers,
    key: Option<&str>,
    receipt_email: &str,
) -> AppResult<i64> {
    require_open(ctx, s)?;
    if !s.takes_answers(app.store.today()) {
        return Err(domain::FieldError::new(
            "answers",
            "survey_closed",
            "Enkäten tar inte emot svar.",
            "The survey is not taking answers.",
        )
        .into());
    }
    let email = domain::surveys::receipt::receipt_email("receipt_email", receipt_email).map_err(domain::Invalid::one);
    let (kept, email) = domain::Invalid::both(domain::surveys::check(&s.definition, answers, Mode::Submit), email)?;
    let sent = app.store.open_responses_from(&ctx.address, LIMIT.since(app)).await?;
    let stored = sent >= LIMIT.limit && app.store.open_response_keyed(s.id, key).await?.is_some();
    LIMIT.check(sent, stored)?;
    let copy = email.map(|e| {
        let submission = key.map_or_else(crate::auth::new_secret, str::to_string);
        super::receipt::receipt(app, s, &kept, &e, ctx.lang, &submission)
    });
    let actor = ctx.actor();
    Ok(app.store.create_open_response(s.id, &kept, &ctx.address, key, &actor, copy.as_ref()).await?)
}

#[derive(Template)]
#[template(path = "surveys/open.html")]
struct OpenPage {
    p: Chrome,
    s: Survey,
    sections: Vec<SectionView>,
    readonly: bool,
    key: String,
    thanks: bool,
    throttled: bool,
    open: bool,
    /// The receipt address as typed, kept when the form is shown again.
    receipt_email: String,
    /// Thanked with a receipt on its way.
    receipt_sent: bool,
}

fn page_with(
    app: &App,
    ctx: &Ctx,
    s: Survey,
    answers: &Answers,
    key: String,
    invalid: Option<&domain::Invalid>,
    (throttled, receipt_email): (bool, String),
) -> AppResult<Response> {
    let (p, mut status) = Chrome::new(ctx, s.title.clone()).form(invalid);
    if throttled {
        status = StatusCode::TOO_MANY_REQUESTS;
    }
    let sections = sections(&s.definition, answers, &p.errors, ctx.lang);
    let thanks = ctx.query.split('&').any(|kv| kv == "tack=1");
    let receipt_sent = thanks && ctx.query.split('&').any(|kv| kv == "kvitto=1");
    let open = s.takes_answers(app.store.today());
    let page = OpenPage { p, s, sections, readonly: false, key, thanks, throttled, open, receipt_email, receipt_sent };
    Ok((status, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_open(&ctx, &s)?;
    page_with(&app, &ctx, s, &Answers::new(), crate::auth::new_secret(), None, (false, String::new()))
}

pub async fn submit_post(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    pairs: Pairs,
) -> AppResult<Response> {
    require_open(&ctx, &s)?;
    let key = pairs.get("idempotency_key");
    let typed = domain::surveys::from_form(&s.definition, &pairs.0);
    let answers = typed.clone().unwrap_or_default();
    let email = pairs.get("receipt_email");
    let result = match typed {
        Ok(a) => submit(&app, &ctx, &s, a, Some(key.as_str()).filter(|k| !k.is_empty()), &email).await,
        Err(invalid) => {
            // The address's own error beside the answers' ones.
            let e = domain::surveys::receipt::receipt_email("receipt_email", &email).map_err(domain::Invalid::one);
            Err(domain::Invalid::both(Err::<(), _>(invalid), e).unwrap_err().into())
        }
    };
    match result {
        Ok(_) => {
            let copy = if email.trim().is_empty() { "" } else { "&kvitto=1" };
            Ok(Redirect::to(&format!("/enkater/{}/oppet-svar?tack=1{copy}", s.id)).into_response())
        }
        Err(AppError::Throttled(_)) => page_with(&app, &ctx, s, &answers, key, None, (true, email)),
        Err(e) => page_with(&app, &ctx, s, &answers, key, Some(&reshown(e)?), (false, email)),
    }
}

/// `POST /api/v1/surveys/{id}/responses`: an open response, `{"answers": {…}}`, with an
/// optional `receipt_email` for the respondent's copy.
pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_open(&ctx, &s)?;
    let mut j = JsonInput::parse(&headers, &body, &["answers", "receipt_email"])?;
    let raw = j.raw("answers").unwrap_or_else(|| json!({}));
    let email = j.str("receipt_email");
    j.finish()?;
    let answers = domain::surveys::from_json(&raw)?;
    let id = submit(&app, &ctx, &s, answers, crate::json::idempotency_key(&headers), &email).await?;
    let location = format!("/api/v1/surveys/{}/responses/{id}", s.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(json!({"id": id, "survey_id": s.id})))
        .into_response())
}
