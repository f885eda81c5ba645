//! A consultee's answer: drafted together by the consultee organisation's people (signed in,
//! or with the personal answer link `?nyckel=`), then submitted once on its behalf, which
//! registers it in the case's registry and sends the receipt (ADR 36). The API under
//! `/api/v1/referrals/{id}/consultees/{consultee}/answer` calls the same operations, with the
//! answer link's token as `?nyckel=` too.

use std::collections::HashMap;

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::ids::{AnswerId, ConsulteeId, ReferralId};
use domain::referrals::{AnswerInput, CommentInput, Position};
use serde::Serialize;
use store::referrals::{Answer, AnswerFile, Comment, Consultee, Question, Referral, Section};

use super::access::{require_answerer, token_of};
use super::{AnswerPath, ConsulteePath, RECEIPT};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// A question with the answer's text for it.
#[derive(Serialize)]
pub struct QuestionRow {
    #[serde(flatten)]
    pub q: Question,
    pub answer: String,
}

#[derive(Template)]
#[template(path = "referrals/answer.html")]
struct AnswerPage {
    p: Chrome,
    r: Referral,
    k: Consultee,
    a: Option<Answer>,
    submitted: bool,
    sections: Vec<Section>,
    questions: Vec<QuestionRow>,
    comments: Vec<Comment>,
    positions: Vec<(&'static str, &'static str)>,
    f: HashMap<String, String>,
    token: String,
    registered_as: Option<String>,
    /// The answer's files with where each is downloaded from.
    files: Vec<(AnswerFile, String)>,
}

impl AnswerPage {
    fn field(&self, name: &str) -> String {
        self.f.get(name).cloned().unwrap_or_default()
    }
}

async fn referral_of(app: &App, k: &Consultee) -> AppResult<Referral> {
    app.store.referral(ReferralId(k.referral_id)).await?.ok_or(AppError::NotFound)
}

/// What the answer form and the API show of a consultee's answer.
#[derive(Serialize)]
struct AnswerData {
    #[serde(skip)]
    r: Referral,
    answer: Option<Answer>,
    #[serde(skip)]
    sections: Vec<Section>,
    questions: Vec<QuestionRow>,
    comments: Vec<Comment>,
    /// The registry number the submitted answer got.
    registered_as: Option<String>,
    files: Vec<AnswerFile>,
}

async fn load(app: &App, k: &Consultee) -> AppResult<AnswerData> {
    let r = referral_of(app, k).await?;
    let answer = app.store.consultee_answer(ConsulteeId(k.id)).await?;
    let sections = app.store.referral_sections(r.id, 1).await?;
    let (qa, comments) = match &answer {
        Some(a) => (
            app.store.answer_question_answers(AnswerId(a.id)).await?,
            app.store.referral_comments(r.id, Some(AnswerId(a.id))).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let questions = app
        .store
        .referral_questions(r.id)
        .await?
        .into_iter()
        .map(|q| {
            let answer = qa.iter().find(|(id, _)| *id == q.id).map(|(_, t)| t.clone()).unwrap_or_default();
            QuestionRow { q, answer }
        })
        .collect();
    let registered_as = match &answer {
        Some(a) => super::registry_number(app, a).await?,
        None => None,
    };
    let files = match &answer {
        Some(a) => app.store.answer_files(AnswerId(a.id)).await?,
        None => Vec::new(),
    };
    Ok(AnswerData { r, answer, sections, questions, comments, registered_as, files })
}

async fn answer_page(
    app: &App,
    ctx: &Ctx,
    k: Consultee,
    token: String,
    typed: Option<HashMap<String, String>>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let AnswerData { r, answer: a, sections, questions, comments, registered_as, .. } = load(app, &k).await?;
    let mut f: HashMap<String, String> = HashMap::new();
    if let Some(a) = &a {
        f.insert("position".into(), a.position.clone().unwrap_or_default());
        f.insert("their_case_number".into(), a.their_case_number.clone().unwrap_or_default());
        f.insert("summary".into(), a.summary.clone().unwrap_or_default());
    }
    if let Some(t) = typed {
        f.extend(t);
    }
    let submitted = a.as_ref().is_some_and(|a| a.status == "submitted");
    let positions = Position::ALL.iter().map(|p| (p.as_str(), p.label(ctx.lang))).collect();
    let title = format!("{}: {}", crate::i18n::text(ctx.lang, "referral.answer_of"), k.name);
    let (p, code) = Chrome::new(ctx, title).form(invalid);
    let files = files_of(app, &k)
        .await?
        .into_iter()
        .map(|f| {
            let href = href(&k, &f, &token);
            (f, href)
        })
        .collect();
    let page =
        AnswerPage { p, r, k, a, submitted, sections, questions, comments, positions, f, token, registered_as, files };
    Ok((code, render(&page)?).into_response())
}

pub(super) fn back(k: &Consultee, token: &str, done: &str) -> Response {
    let q = if token.is_empty() { String::new() } else { format!("&nyckel={token}") };
    Redirect::to(&format!("/remissvar/{}?klart={done}{q}", k.id)).into_response()
}

/// The answer page re-shown with the errors of a refused step.
pub(super) async fn reshow(
    app: &App,
    ctx: &Ctx,
    k: Consultee,
    token: String,
    invalid: domain::Invalid,
) -> AppResult<Response> {
    answer_page(app, ctx, k, token, None, Some(&invalid)).await
}

pub async fn page(State(app): State<App>, ctx: Ctx, ConsulteePath(k): ConsulteePath) -> AppResult<Response> {
    let token = token_of(&ctx.query, None).unwrap_or_default();
    require_answerer(&app, &ctx, &k, Some(&token)).await?;
    answer_page(&app, &ctx, k, token, None, None).await
}

/// The operation: the draft saved with its position, own case number, summary and answers to
/// the questions.
pub async fn save(
    app: &App,
    ctx: &Ctx,
    k: &Consultee,
    token: Option<&str>,
    f: &HashMap<String, String>,
) -> AppResult<AnswerId> {
    require_answerer(app, ctx, k, token).await?;
    let get = |n: &str| f.get(n).map(String::as_str).unwrap_or("");
    let mut e = domain::error::Errors::new();
    let input = match AnswerInput::parse(get("position"), get("their_case_number"), get("summary"), "") {
        Ok(i) => Some(i),
        Err(domain::Invalid(errs)) => {
            errs.into_iter().for_each(|x| e.push(x));
            None
        }
    };
    let mut questions = Vec::new();
    for q in app.store.referral_questions(ReferralId(k.referral_id)).await? {
        let name = format!("q{}", q.id);
        if let Some(t) = e.check(domain::referrals::answer::question_answer(&name, get(&name))) {
            questions.push((q.id, t));
        }
    }
    e.finish(|| ())?;
    Ok(app.store.save_answer(ConsulteeId(k.id), &input.unwrap_or_default(), &questions, &ctx.actor()).await?)
}

pub async fn save_post(
    State(app): State<App>,
    ctx: Ctx,
    ConsulteePath(k): ConsulteePath,
    Input(f): Input<HashMap<String, String>>,
) -> AppResult<Response> {
    let token = token_of(&ctx.query, f.get("nyckel").map(String::as_str)).unwrap_or_default();
    require_answerer(&app, &ctx, &k, Some(&token)).await?;
    match save(&app, &ctx, &k, Some(&token), &f).await {
        Ok(_) => Ok(back(&k, &token, "sparat")),
        Err(e) => answer_page(&app, &ctx, k, token, Some(f), Some(&reshown(e)?)).await,
    }
}

/// The operation: a comment on the draft, anchored to a section or to the whole document.
pub async fn comment(
    app: &App,
    ctx: &Ctx,
    k: &Consultee,
    token: Option<&str>,
    section: &str,
    text: &str,
) -> AppResult<()> {
    require_answerer(app, ctx, k, token).await?;
    let r = ReferralId(k.referral_id);
    let sections = app.store.referral_sections(r, 1).await?.len() as i64;
    let c = CommentInput::parse(section, text, sections)?;
    let a = match app.store.consultee_answer(ConsulteeId(k.id)).await? {
        Some(a) => AnswerId(a.id),
        None => app.store.save_answer(ConsulteeId(k.id), &AnswerInput::default(), &[], &ctx.actor()).await?,
    };
    app.store.add_answer_comment(a, &c, &ctx.actor()).await?;
    Ok(())
}

pub async fn comment_post(
    State(app): State<App>,
    ctx: Ctx,
    ConsulteePath(k): ConsulteePath,
    Input(f): Input<HashMap<String, String>>,
) -> AppResult<Response> {
    let token = token_of(&ctx.query, f.get("nyckel").map(String::as_str)).unwrap_or_default();
    require_answerer(&app, &ctx, &k, Some(&token)).await?;
    let get = |n: &str| f.get(n).cloned().unwrap_or_default();
    match comment(&app, &ctx, &k, Some(&token), &get("section"), &get("text")).await {
        Ok(()) => Ok(back(&k, &token, "sparat")),
        Err(e) => answer_page(&app, &ctx, k, token, Some(f), Some(&reshown(e)?)).await,
    }
}

/// The operation: the answer submitted once on the organisation's behalf (ADR 36).
pub async fn submit(app: &App, ctx: &Ctx, k: &Consultee, token: Option<&str>) -> AppResult<Answer> {
    require_answerer(app, ctx, k, token).await?;
    let Some(a) = app.store.consultee_answer(ConsulteeId(k.id)).await? else {
        return Err(domain::Invalid::one(domain::FieldError::new(
            "position",
            "position_required",
            "Välj ett ställningstagande innan svaret skickas in.",
            "Choose a position before the answer is submitted.",
        ))
        .into());
    };
    Ok(app.store.submit_answer(AnswerId(a.id), RECEIPT, &ctx.actor()).await?)
}

pub async fn submit_post(
    State(app): State<App>,
    ctx: Ctx,
    ConsulteePath(k): ConsulteePath,
    Input(f): Input<HashMap<String, String>>,
) -> AppResult<Response> {
    let token = token_of(&ctx.query, f.get("nyckel").map(String::as_str)).unwrap_or_default();
    require_answerer(&app, &ctx, &k, Some(&token)).await?;
    match submit(&app, &ctx, &k, Some(&token)).await {
        Ok(_) => Ok(back(&k, &token, "sparat")),
        Err(e) => answer_page(&app, &ctx, k, token, None, Some(&reshown(e)?)).await,
    }
}

/// The answer as JSON after a step of the API.
async fn answer_json(app: &App, k: &Consultee, status: StatusCode) -> AppResult<Response> {
    Ok((status, Json(load(app, k).await?)).into_response())
}

/// `GET …/answer`: the consultee's answer (draft or submitted) for those who may answer.
pub async fn show_api(State(app): State<App>, ctx: Ctx, AnswerPath(k): AnswerPath) -> AppResult<Response> {
    require_answerer(&app, &ctx, &k, token_of(&ctx.query, None).as_deref()).await?;
    answer_json(&app, &k, StatusCode::OK).await
}

/// `PUT …/answer`: the draft's position, own case number, summary and answers to the
/// questions (`answers`: question id → text; an error on one names the field `q{id}`).
pub async fn save_api(
    State(app): State<App>,
    ctx: Ctx,
    AnswerPath(k): AnswerPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let token = token_of(&ctx.query, None);
    require_answerer(&app, &ctx, &k, token.as_deref()).await?;
    let mut j = JsonInput::parse(&headers, &body, &["position", "their_case_number", "summary", "answers"])?;
    let mut f = HashMap::new();
    for name in ["position", "their_case_number", "summary"] {
        f.insert(name.to_string(), j.str(name));
    }
    let answers = j.raw("answers");
    j.finish()?;
    answer_fields(&app, ReferralId(k.referral_id), answers, &mut f).await?;
    save(&app, &ctx, &k, token.as_deref(), &f).await?;
    answer_json(&app, &k, StatusCode::OK).await
}

/// The API's `answers` (an object from a question's id to the answer's text) as the form's
/// `q{id}` fields, for the consultee's answer and the open form alike; an id the referral does
/// not ask is refused at `answers` (`domain::referrals::answer::question_id`).
pub(super) async fn answer_fields(
    app: &App,
    referral: ReferralId,
    answers: Option<serde_json::Value>,
    f: &mut HashMap<String, String>,
) -> AppResult<()> {
    let refused = || -> AppError {
        domain::Invalid::one(domain::FieldError::new(
            "answers",
            "wrong_type",
            "Fältet ska vara ett objekt från frågans id till svarets text.",
            "The field must be an object from the question's id to the answer's text.",
        ))
        .into()
    };
    let m = match answers {
        None => return Ok(()),
        Some(serde_json::Value::Object(m)) => m,
        Some(_) => return Err(refused()),
    };
    let known: Vec<i64> = app.store.referral_questions(referral).await?.iter().map(|q| q.id).collect();
    for (id, v) in m {
        let text = v.as_str().ok_or_else(refused)?;
        let id = domain::referrals::answer::question_id("answers", &id, &known).map_err(domain::Invalid::one)?;
        f.insert(format!("q{id}"), text.to_string());
    }
    Ok(())
}

/// `POST …/answer/comments`: a comment on section `section` (or on the whole document).
pub async fn comment_api(
    State(app): State<App>,
    ctx: Ctx,
    AnswerPath(k): AnswerPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let token = token_of(&ctx.query, None);
    require_answerer(&app, &ctx, &k, token.as_deref()).await?;
    let mut j = JsonInput::parse(&headers, &body, &["section", "text"])?;
    let section = j.id("section").map(|s| s.to_string()).unwrap_or_default();
    let text = j.str("text");
    j.finish()?;
    comment(&app, &ctx, &k, token.as_deref(), &section, &text).await?;
    answer_json(&app, &k, StatusCode::CREATED).await
}

/// `POST …/answer/submission`: the answer submitted once on the organisation's behalf.
pub async fn submit_api(State(app): State<App>, ctx: Ctx, AnswerPath(k): AnswerPath) -> AppResult<Response> {
    submit(&app, &ctx, &k, token_of(&ctx.query, None).as_deref()).await?;
    answer_json(&app, &k, StatusCode::OK).await
}

/// The files of the consultee's answer, for those who may answer and for the drafters.
pub(super) async fn files_of(app: &App, k: &Consultee) -> AppResult<Vec<AnswerFile>> {
    match app.store.consultee_answer(ConsulteeId(k.id)).await? {
        Some(a) => Ok(app.store.answer_files(AnswerId(a.id)).await?),
        None => Ok(Vec::new()),
    }
}

/// Where a file of the answer is downloaded from (with the answer link's token when used).
fn href(k: &Consultee, f: &AnswerFile, token: &str) -> String {
    let q = if token.is_empty() { String::new() } else { format!("?nyckel={token}") };
    format!("/remissvar/{}/bilagor/{}{q}", k.id, f.id)
}
