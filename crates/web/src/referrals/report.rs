//! The consultation report (samrådsredogörelse): its drafters respond to every comment, review
//! the personal data and publish it; once published everyone reads it, grouped by section and
//! by kind of respondent, with its counts ("34 remissvar med omkring 320 synpunkter"). The
//! API reads and writes the same through the same operations.

use std::collections::HashMap;

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::ids::CommentId;
use domain::referrals::{ResponseInput, Verdict};
use store::referrals::Referral;

use super::access::require_drafter;
use super::report_view::{ReportView, report_view};
use super::{REPORT_PUBLISHED, ReferralPath, saved};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "referrals/report.html")]
struct ReportPage {
    p: Chrome,
    r: Referral,
    v: ReportView,
    editable: bool,
    by_verdict: Vec<(&'static str, usize)>,
    verdicts: Vec<(&'static str, &'static str)>,
}

async fn report_page(app: &App, ctx: &Ctx, r: Referral, invalid: Option<&domain::Invalid>) -> AppResult<Response> {
    let v = report_view(app, ctx, &r).await?;
    let lang = ctx.lang;
    let by_verdict = Verdict::ALL.iter().map(|x| (x.label(lang), v.summary.by_verdict[x.as_str()])).collect();
    let verdicts = Verdict::ALL.iter().map(|x| (x.as_str(), x.label(lang))).collect();
    let title = format!("{} – {}", crate::i18n::text(lang, "referral.report"), r.title);
    let (p, code) = Chrome::new(ctx, title).form(invalid);
    let editable = v.drafter && !v.reviewed();
    let page = ReportPage { p, r, v, editable, by_verdict, verdicts };
    Ok((code, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    report_page(&app, &ctx, r, None).await
}

/// The operation: the response to one comment.
pub async fn respond(app: &App, ctx: &Ctx, r: &Referral, comment: &str, verdict: &str, reason: &str) -> AppResult<()> {
    require_drafter(app, ctx, r).await?;
    let id: CommentId = crate::forms::id(comment)?;
    let input = ResponseInput::parse(verdict, reason)?;
    Ok(app.store.respond_to_comment(r.id, id, &input, &ctx.actor()).await?)
}

pub async fn respond_post(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    Input(f): Input<HashMap<String, String>>,
) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    let get = |n: &str| f.get(n).cloned().unwrap_or_default();
    let comment = get("comment_id");
    match respond(&app, &ctx, &r, &comment, &get("verdict"), &get("reason")).await {
        Ok(()) => Ok(saved(&r, "/redogorelse", &format!("synpunkt-{comment}"))),
        Err(e) => report_page(&app, &ctx, r, Some(&reshown(e)?)).await,
    }
}

/// The operation: the report's account of how the document changed after the referral (issue
/// 12: the report "says how the document changed"), while the report is a draft.
pub async fn set_changes(app: &App, ctx: &Ctx, r: &Referral, text: &str) -> AppResult<()> {
    require_drafter(app, ctx, r).await?;
    let text = domain::text::optional_multiline("changes", text, domain::referrals::report::CHANGES_MAX)?;
    Ok(app.store.set_report_changes(r.id, text.as_deref(), &ctx.actor()).await?)
}

pub async fn changes_post(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    Input(f): Input<HashMap<String, String>>,
) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    match set_changes(&app, &ctx, &r, f.get("changes").map(String::as_str).unwrap_or("")).await {
        Ok(()) => Ok(saved(&r, "/redogorelse", "andringar")),
        Err(e) => report_page(&app, &ctx, r, Some(&reshown(e)?)).await,
    }
}

/// `PUT /api/v1/referrals/{id}/report/changes`: `{"changes": …}`; the report as it then reads.
pub async fn changes_api(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_user()?;
    let text = JsonInput::one_str(&headers, &body, "changes")?;
    set_changes(&app, &ctx, &r, &text).await?;
    let r = app.store.referral(r.id).await?.ok_or(crate::error::AppError::NotFound)?;
    Ok(Json(report_view(&app, &ctx, &r).await?).into_response())
}

/// The operation: the personal-data review; what it finds is masked in the published text.
pub async fn review(app: &App, ctx: &Ctx, r: &Referral) -> AppResult<usize> {
    require_drafter(app, ctx, r).await?;
    Ok(app.store.review_report(r.id, &[], &ctx.actor()).await?)
}

pub async fn review_post(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    match review(&app, &ctx, &r).await {
        Ok(_) => Ok(saved(&r, "/redogorelse", "")),
        Err(e) => report_page(&app, &ctx, r, Some(&reshown(e)?)).await,
    }
}

/// The operation: publication after the review; every respondent is notified from a job.
pub async fn publish(app: &App, ctx: &Ctx, r: &Referral) -> AppResult<()> {
    require_drafter(app, ctx, r).await?;
    Ok(app.store.publish_report(r.id, REPORT_PUBLISHED, &ctx.actor()).await?)
}

pub async fn publish_post(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    match publish(&app, &ctx, &r).await {
        Ok(()) => Ok(saved(&r, "/redogorelse", "")),
        Err(e) => report_page(&app, &ctx, r, Some(&reshown(e)?)).await,
    }
}

/// `GET /api/v1/referrals/{id}/report`: the report as its reader may see it.
pub async fn api(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    Ok(Json(report_view(&app, &ctx, &r).await?).into_response())
}

/// `PUT /api/v1/referrals/{id}/comments/{comment}/response`: `{"verdict", "reason"}`.
pub async fn respond_api(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path((_, comment)): axum::extract::Path<(String, String)>,
    ReferralPath(r): ReferralPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_user()?;
    let mut j = JsonInput::parse(&headers, &body, &["verdict", "reason"])?;
    let (verdict, reason) = (j.str("verdict"), j.str("reason"));
    j.finish()?;
    respond(&app, &ctx, &r, &comment, &verdict, &reason).await?;
    Ok(Json(serde_json::json!({ "comment_id": crate::forms::id::<i64>(&comment).ok(), "verdict": verdict, "reason": reason }))
        .into_response())
}

/// `POST /api/v1/referrals/{id}/report/review`: the personal-data review.
pub async fn review_api(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    ctx.require_user()?;
    let masked = review(&app, &ctx, &r).await?;
    Ok(Json(serde_json::json!({ "masked": masked })).into_response())
}

/// `POST /api/v1/referrals/{id}/report/publication`: the report is published.
pub async fn publish_api(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    ctx.require_user()?;
    publish(&app, &ctx, &r).await?;
    let r = app.store.referral(r.id).await?.ok_or(crate::error::AppError::NotFound)?;
    Ok(Json(report_view(&app, &ctx, &r).await?).into_response())
}
