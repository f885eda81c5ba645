//! Creating a person (administrators): the operation, the form and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::organisations::PersonInput;
use store::people::PersonView;

use super::form::{self, PersonForm, Target};
use super::show::public_json;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};

/// The operation: an administrator creates the person; a retry with the same idempotency key
/// returns the first one.
pub async fn create(app: &App, ctx: &Ctx, input: &PersonInput, idempotency_key: Option<&str>) -> AppResult<PersonView> {
    ctx.require_admin()?;
    let id = app.store.create_person(input, &ctx.actor(), idempotency_key).await?;
    app.store.person(id).await?.ok_or(AppError::NotFound)
}

fn target() -> Target {
    Target { title_key: "person.new", action: "/personer".into(), cancel: "/personer".into() }
}

pub async fn form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let organisation_id = crate::pages::query_value(&ctx.query, "organisation").unwrap_or_default();
    let f = PersonForm { idempotency_key: crate::auth::new_secret(), organisation_id, ..Default::default() };
    form::page(&app, &ctx, target(), f, None).await
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, Input(f): Input<PersonForm>) -> AppResult<Response> {
    ctx.require_admin()?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match f.parse() {
        Ok(input) => create(&app, &ctx, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(v) => Ok(Redirect::to(&format!("/personer/{}?klart=skapat", v.person.id)).into_response()),
        Err(e) => form::page(&app, &ctx, target(), f, Some(&reshown(e)?)).await,
    }
}

pub async fn api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let input = form::parse_json(&headers, &body)?;
    let v = create(&app, &ctx, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/people/{}", v.person.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(public_json(&ctx, &v))).into_response())
}
