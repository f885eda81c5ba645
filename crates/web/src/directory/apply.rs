//! Applying an import: exactly the plan the dry run showed, all or nothing. The plan page's form
//! post and `POST /api/v1/admin/directory/apply?fingerprint=…` with the same export as the body.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::FieldError;
use serde::Deserialize;
use serde_json::json;
use store::StoreError;
use store::directory::Applied;

use super::Names;
use super::plan::{DryRun, body_text, dry_run, plan_json, render_plan};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Input;
use crate::pages::query_value;

/// The refusal when the register or the file changed since the dry run.
fn changed() -> AppError {
    AppError::Conflict(FieldError::new(
        "fingerprint",
        "plan_changed",
        "Registret eller filen har ändrats sedan provkörningen. Inget har ändrats; granska den nya provkörningen.",
        "The register or the file changed since the dry run. Nothing has changed; review the new dry run.",
    ))
}

/// The operation: an administrator applies the export whose dry run had `fingerprint`. A bad
/// file is refused whole; a plan that no longer has that fingerprint is a conflict; a retry of
/// an applied plan returns the first apply's counts.
pub async fn apply(app: &App, ctx: &Ctx, names: &Names, text: &str, fingerprint: &str) -> AppResult<Applied> {
    ctx.require_admin()?;
    let entries = names.read(text).map_err(|e| AppError::Invalid(super::row_errors(e)))?;
    let fingerprint = fingerprint.trim();
    if fingerprint.len() != 64 || !fingerprint.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::Invalid(domain::Invalid::one(FieldError::new(
            "fingerprint",
            "invalid_fingerprint",
            "Ange fingeravtrycket från provkörningen (64 hexadecimala tecken).",
            "Give the fingerprint of the dry run (64 hexadecimal characters).",
        ))));
    }
    match app.store.apply_directory(&entries, fingerprint, &ctx.actor()).await {
        Err(StoreError::Conflict("fingerprint")) => Err(changed()),
        other => Ok(other?),
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ApplyForm {
    pub data: String,
    pub fingerprint: String,
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, Input(f): Input<ApplyForm>) -> AppResult<Response> {
    ctx.require_admin()?;
    let names = Names::load(&app).await?;
    match apply(&app, &ctx, &names, &f.data, &f.fingerprint).await {
        Ok(done) => Ok(Redirect::to(&format!("/admin/katalog?klart=verkstallt#import-{}", done.id)).into_response()),
        Err(AppError::Conflict(e)) => reshow(&app, &ctx, &names, f.data, domain::Invalid::one(e)).await,
        Err(AppError::Invalid(i)) => reshow(&app, &ctx, &names, f.data, i).await,
        Err(e) => Err(e),
    }
}

/// Shows what the import would do now: the new plan with the reason the old one was refused,
/// or the file's bad rows.
async fn reshow(app: &App, ctx: &Ctx, names: &Names, data: String, why: domain::Invalid) -> AppResult<Response> {
    let outcome = dry_run(app, ctx, names, &data).await?;
    let why = matches!(outcome, DryRun::Planned(..)).then_some(&why);
    render_plan(app, ctx, names, data, outcome, why).await
}

pub async fn api(State(app): State<App>, ctx: Ctx, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let text = body_text(&body)?;
    let fingerprint = query_value(&ctx.query, "fingerprint").unwrap_or_default();
    let names = Names::load(&app).await?;
    match apply(&app, &ctx, &names, &text, &fingerprint).await {
        Ok(done) => {
            let status = if done.repeated { StatusCode::OK } else { StatusCode::CREATED };
            Ok((status, Json(json!({"id": done.id, "counts": done.counts, "repeated": done.repeated}))).into_response())
        }
        Err(AppError::Conflict(e)) => {
            // The new plan travels with the refusal, so the caller can review and apply it.
            let DryRun::Planned(plan, print) = dry_run(&app, &ctx, &names, &text).await? else {
                return Err(AppError::Conflict(e));
            };
            let mut body = json!({"error": {"code": e.code, "field": e.field, "message": e.message(ctx.lang)}});
            body["plan"] = plan_json(&plan, &print);
            Ok((StatusCode::CONFLICT, Json(body)).into_response())
        }
        Err(e) => Err(e),
    }
}
