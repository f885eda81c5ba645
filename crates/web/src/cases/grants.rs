//! Secrecy grants (ADR 54): a registrar of the case's organisation lets a named person read a
//! secrecy-marked document, or all the case's secret ones, with a reason and an optional last
//! day, and revokes it: the operations, the posts of the form on the case page (`grant_block`)
//! and the API calls.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::cases::{Case, GrantInput};
use domain::ids::CaseId;
use serde_json::json;
use store::cases::SecrecyGrant;

use super::CasePath;
use super::access::require_registrar;
use super::grant_block::GrantForm;
use super::show::case_page_full;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;

/// `{id}` of a secrecy grant.
pub struct GrantPath(pub SecrecyGrant);
crate::path_entity!(GrantPath, "id", |app, id| app.store.secrecy_grant(id).await);

/// The operation: a registrar grants; a retry with the same key returns the first grant.
pub async fn grant(app: &App, ctx: &Ctx, c: &Case, input: &GrantInput, key: Option<&str>) -> AppResult<SecrecyGrant> {
    require_registrar(app, ctx, c.organisation_id).await?;
    let id = app.store.grant_secrecy(c.id, input, &ctx.actor(), key).await?;
    app.store.secrecy_grant(id).await?.ok_or(AppError::NotFound)
}

/// The operation: a registrar of the grant's case revokes it (404 when already revoked).
pub async fn revoke(app: &App, ctx: &Ctx, g: &SecrecyGrant) -> AppResult<Case> {
    let c = app.store.case(CaseId(g.case_id)).await?.ok_or(AppError::NotFound)?;
    require_registrar(app, ctx, c.organisation_id).await?;
    app.store.revoke_secrecy_grant(c.id, g.id, &ctx.actor()).await?;
    Ok(c)
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(c): CasePath,
    Input(f): Input<GrantForm>,
) -> AppResult<Response> {
    require_registrar(&app, &ctx, c.organisation_id).await?;
    let today = app.store.today();
    let key = Some(f.idempotency_key.clone()).filter(|k| !k.is_empty());
    let result = match GrantInput::parse(&f.grantee, &f.grant_document, &f.grant_reason, &f.grant_until, today) {
        Ok(input) => grant(&app, &ctx, &c, &input, key.as_deref()).await,
        Err(i) => Err(i.into()),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/diarium/{}?klart=sparat#behorigheter", c.id)).into_response()),
        Err(e) => case_page_full(&app, &ctx, c, String::new(), None, Some(f), Some(&reshown(e)?)).await,
    }
}

pub async fn revoke_post(State(app): State<App>, ctx: Ctx, GrantPath(g): GrantPath) -> AppResult<Response> {
    let c = revoke(&app, &ctx, &g).await?;
    Ok(Redirect::to(&format!("/diarium/{}?klart=sparat#behorigheter", c.id)).into_response())
}

/// `GET /api/v1/cases/{id}/secrecy-grants` (registrars).
pub async fn api_list(State(app): State<App>, ctx: Ctx, CasePath(c): CasePath) -> AppResult<Response> {
    require_registrar(&app, &ctx, c.organisation_id).await?;
    Ok(Json(json!({"items": app.store.secrecy_grants(c.id).await?})).into_response())
}

/// `POST /api/v1/cases/{id}/secrecy-grants`.
pub async fn api_create(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(c): CasePath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_registrar(&app, &ctx, c.organisation_id).await?;
    let mut j = JsonInput::parse(&headers, &body, &["grantee", "document_id", "reason", "until"])?;
    let (grantee, reason, until) = (j.str("grantee"), j.str("reason"), j.str("until"));
    let document = j.id("document_id").map(|d| d.to_string()).unwrap_or_default();
    j.finish()?;
    let input =
        GrantInput::parse(&grantee, &document, &reason, &until, app.store.today()).map_err(|i| api_named(i.into()))?;
    let g = grant(&app, &ctx, &c, &input, crate::json::idempotency_key(&headers)).await.map_err(api_named)?;
    let location = format!("/api/v1/secrecy-grants/{}", g.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(g)).into_response())
}

/// The API names its fields as its schema does: the form's `grant_reason` is `reason`, its
/// `grant_document` is `document_id` — for the rules' errors and the store's alike.
fn api_named(e: AppError) -> AppError {
    let rename = |f: &mut domain::FieldError| {
        f.field = f.field.trim_start_matches("grant_").replace("document", "document_id");
    };
    match e {
        AppError::Invalid(mut i) => {
            i.0.iter_mut().for_each(rename);
            AppError::Invalid(i)
        }
        AppError::Conflict(mut f) => {
            rename(&mut f);
            AppError::Conflict(f)
        }
        e => e,
    }
}

/// `DELETE /api/v1/secrecy-grants/{id}`: revokes (the grant is kept, marked revoked).
pub async fn api_revoke(State(app): State<App>, ctx: Ctx, GrantPath(g): GrantPath) -> AppResult<Response> {
    revoke(&app, &ctx, &g).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
