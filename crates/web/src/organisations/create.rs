//! Creating an organisation (administrators): the operation, the form and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::organisations::{Organisation, OrganisationInput};

use super::form::{self, OrgForm, Target};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};

/// The operation: an administrator creates the organisation; a retry with the same
/// idempotency key returns the first one.
pub async fn create(
    app: &App,
    ctx: &Ctx,
    input: &OrganisationInput,
    idempotency_key: Option<&str>,
) -> AppResult<Organisation> {
    ctx.require_admin()?;
    let id =
        app.store.create_organisation(input, &ctx.actor(), idempotency_key).await.map_err(form::conflict_on_code)?;
    app.store.organisation(id).await?.ok_or(AppError::NotFound)
}

fn target() -> Target {
    Target { title_key: "org.new", action: "/organisationer".into(), cancel: "/organisationer".into() }
}

pub async fn form(ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let f = OrgForm { idempotency_key: crate::auth::new_secret(), kind: "municipality".into(), ..Default::default() };
    form::page(&ctx, target(), f, None)
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, Input(f): Input<OrgForm>) -> AppResult<Response> {
    ctx.require_admin()?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match f.parse() {
        Ok(input) => create(&app, &ctx, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(o) => Ok(Redirect::to(&format!("/organisationer/{}?klart=skapat", o.id)).into_response()),
        Err(e) => form::page(&ctx, target(), f, Some(&reshown(e)?)),
    }
}

pub async fn api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let input = form::parse_json(&headers, &body)?;
    let o = create(&app, &ctx, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/organisations/{}", o.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(o)).into_response())
}
