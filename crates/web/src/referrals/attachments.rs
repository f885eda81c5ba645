//! Files attached to a consultee's answer (issue 12: "attachments"): added and removed by
//! those who may answer while the answer is a draft, checked like every upload (at most
//! `MAX_ATTACHMENT_BYTES`, a kind the product accepts by content, at most ten per answer), and
//! registered with the answer's incoming document on submission. The answerers and the
//! referral's drafters download them.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::ids::{AnswerId, ConsulteeId, ReferralId};
use domain::referrals::AnswerInput;
use store::referrals::Consultee;

use super::access::{is_drafter, may_answer, require_answerer, token_of};
use super::{AnswerPath, ConsulteePath};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::upload::CheckedFile;

/// The operation: a file attached to the consultee's draft (begun if need be).
pub async fn attach(app: &App, ctx: &Ctx, k: &Consultee, token: Option<&str>, file: CheckedFile) -> AppResult<i64> {
    require_answerer(app, ctx, k, token).await?;
    let a = match app.store.consultee_answer(ConsulteeId(k.id)).await? {
        Some(a) => AnswerId(a.id),
        None => app.store.save_answer(ConsulteeId(k.id), &AnswerInput::default(), &[], &ctx.actor()).await?,
    };
    let size = file.bytes.len() as i64;
    let (sha, fresh) = crate::upload::store_bytes(app, file.bytes).await?;
    match app.store.add_answer_file(a, &file.file_name, &sha, size, file.mime, &ctx.actor()).await {
        Ok(id) => Ok(id),
        Err(e) => {
            crate::upload::forget_fresh(app, &sha, fresh).await;
            Err(e.into())
        }
    }
}

/// The operation: a file taken off the draft.
pub async fn detach(app: &App, ctx: &Ctx, k: &Consultee, token: Option<&str>, file: i64) -> AppResult<()> {
    require_answerer(app, ctx, k, token).await?;
    let a = app.store.consultee_answer(ConsulteeId(k.id)).await?.ok_or(AppError::NotFound)?;
    Ok(app.store.remove_answer_file(AnswerId(a.id), file, &ctx.actor()).await?)
}

/// The multipart form's answer-link token (field `nyckel`) and its checked file.
async fn read_file(req: Request, app: &App) -> AppResult<(String, Result<CheckedFile, domain::Invalid>)> {
    let multi = crate::upload::read_request(req, app).await?;
    Ok((multi.get("nyckel"), multi.file()))
}

/// `POST /remissvar/{id}/bilagor` (multipart, `file`).
pub async fn attach_post(
    State(app): State<App>,
    ctx: Ctx,
    ConsulteePath(k): ConsulteePath,
    req: Request,
) -> AppResult<Response> {
    let query_token = token_of(&ctx.query, None);
    require_answerer(&app, &ctx, &k, query_token.as_deref()).await?;
    let (typed, file) = read_file(req, &app).await?;
    let token = token_of(&ctx.query, Some(&typed)).unwrap_or_default();
    let result = match file {
        Ok(f) => attach(&app, &ctx, &k, Some(&token), f).await.map(|_| ()),
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(()) => Ok(super::answer::back(&k, &token, "sparat")),
        Err(e) => super::answer::reshow(&app, &ctx, k, token, crate::forms::reshown(e)?).await,
    }
}

/// `POST /remissvar/{id}/bilagor/{file}/ta-bort`.
pub async fn detach_post(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path((_, file)): axum::extract::Path<(String, String)>,
    ConsulteePath(k): ConsulteePath,
    crate::forms::Input(f): crate::forms::Input<std::collections::HashMap<String, String>>,
) -> AppResult<Response> {
    let token = token_of(&ctx.query, f.get("nyckel").map(String::as_str)).unwrap_or_default();
    let file: i64 = crate::forms::id(&file)?;
    detach(&app, &ctx, &k, Some(&token), file).await?;
    Ok(super::answer::back(&k, &token, "sparat"))
}

/// `GET /remissvar/{id}/bilagor/{file}`: the file, to those who may answer and to the
/// referral's drafters (404 to others: an answer's files are not public before the report).
pub async fn download(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path((_, file)): axum::extract::Path<(String, String)>,
    ConsulteePath(k): ConsulteePath,
) -> AppResult<Response> {
    let r = app.store.referral(ReferralId(k.referral_id)).await?.ok_or(AppError::NotFound)?;
    let token = token_of(&ctx.query, None);
    if !may_answer(&app, &ctx, &k, token.as_deref()).await? && !is_drafter(&app, &ctx, &r).await? {
        return Err(AppError::NotFound);
    }
    let file: i64 = crate::forms::id(&file)?;
    let f = super::answer::files_of(&app, &k).await?.into_iter().find(|f| f.id == file).ok_or(AppError::NotFound)?;
    crate::download::serve(&app, &f.sha256, &f.file_name, &f.mime, crate::download::PRIVATE).await
}

/// `POST …/answer/files` (multipart, `file`): the answer with the file attached.
pub async fn attach_api(
    State(app): State<App>,
    ctx: Ctx,
    AnswerPath(k): AnswerPath,
    req: Request,
) -> AppResult<Response> {
    let token = token_of(&ctx.query, None);
    require_answerer(&app, &ctx, &k, token.as_deref()).await?;
    let (_, file) = read_file(req, &app).await?;
    let id = attach(&app, &ctx, &k, token.as_deref(), file?).await?;
    let f = super::answer::files_of(&app, &k).await?.into_iter().find(|f| f.id == id);
    Ok((StatusCode::CREATED, axum::Json(f)).into_response())
}

/// `DELETE …/answer/files/{file}`.
pub async fn detach_api(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path((_, _, file)): axum::extract::Path<(String, String, String)>,
    AnswerPath(k): AnswerPath,
) -> AppResult<Response> {
    let token = token_of(&ctx.query, None);
    let file: i64 = crate::forms::id(&file)?;
    detach(&app, &ctx, &k, token.as_deref(), file).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
