//! Adding, editing and deleting a membership (admins and the body's secretary): the three
//! operations, their forms and their API calls.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::ids::{BodyId, MembershipId};
use domain::structure::MembershipInput;
use store::structure::{Body, Membership};

use super::access::require_manager;
use super::members::membership_json;
use super::membership_form::{self, MembershipForm, Target, api_field_names};
use super::{BodyMembershipPath, BodyPath, MembershipPath};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};

/// The operation: a manager of the body adds the membership; a retry with the same idempotency
/// key returns the first one.
pub async fn add(
    app: &App,
    ctx: &Ctx,
    b: &Body,
    input: &MembershipInput,
    idempotency_key: Option<&str>,
) -> AppResult<Membership> {
    require_manager(app, ctx, b.id).await?;
    let id = app.store.create_membership(b.id, input, &ctx.actor(), idempotency_key).await?;
    app.store.membership(id).await?.ok_or(AppError::NotFound)
}

/// The operation: a manager of the membership's body replaces its fields.
pub async fn update(app: &App, ctx: &Ctx, m: &Membership, input: &MembershipInput) -> AppResult<Membership> {
    require_manager(app, ctx, BodyId(m.body_id)).await?;
    app.store.update_membership(MembershipId(m.id), input, &ctx.actor()).await?;
    app.store.membership(MembershipId(m.id)).await?.ok_or(AppError::NotFound)
}

/// The operation: a manager of the membership's body deletes it.
pub async fn delete(app: &App, ctx: &Ctx, m: &Membership) -> AppResult<()> {
    require_manager(app, ctx, BodyId(m.body_id)).await?;
    Ok(app.store.delete_membership(MembershipId(m.id), &ctx.actor()).await?)
}

fn members_page(b: &Body, done: &str) -> Response {
    Redirect::to(&format!("/organ/{}/ledamoter?klart={done}", b.id)).into_response()
}

fn add_target(b: &Body) -> Target {
    Target { title_key: "membership.new", action: format!("/organ/{}/ledamoter", b.id), delete: None }
}

fn edit_target(b: &Body, m: &Membership) -> Target {
    let action = format!("/organ/{}/ledamoter/{}", b.id, m.id);
    Target { title_key: "membership.edit", delete: Some(format!("{action}/ta-bort")), action }
}

pub async fn add_form(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let f = MembershipForm {
        idempotency_key: crate::auth::new_secret(),
        role: "member".into(),
        start: app.store.today().to_string(),
        ..Default::default()
    };
    let to = add_target(&b);
    membership_form::page(&app, &ctx, b, to, f, None).await
}

pub async fn add_post(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    Input(f): Input<MembershipForm>,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match f.parse() {
        Ok(input) => add(&app, &ctx, &b, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(members_page(&b, "skapat")),
        Err(e) => {
            let to = add_target(&b);
            membership_form::page(&app, &ctx, b, to, f, Some(&reshown(e)?)).await
        }
    }
}

pub async fn api_add(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let input = membership_form::parse_json(&headers, &body)?;
    let m = add(&app, &ctx, &b, &input, crate::json::idempotency_key(&headers)).await.map_err(api_field_names)?;
    let location = format!("/api/v1/memberships/{}", m.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(membership_json(&m))).into_response())
}

pub async fn edit_form(
    State(app): State<App>,
    ctx: Ctx,
    BodyMembershipPath(b, m): BodyMembershipPath,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let to = edit_target(&b, &m);
    membership_form::page(&app, &ctx, b, to, MembershipForm::of(&m), None).await
}

pub async fn update_post(
    State(app): State<App>,
    ctx: Ctx,
    BodyMembershipPath(b, m): BodyMembershipPath,
    Input(f): Input<MembershipForm>,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let result = match f.parse() {
        Ok(input) => update(&app, &ctx, &m, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(members_page(&b, "sparat")),
        Err(e) => {
            let to = edit_target(&b, &m);
            membership_form::page(&app, &ctx, b, to, f, Some(&reshown(e)?)).await
        }
    }
}

pub async fn api_update(
    State(app): State<App>,
    ctx: Ctx,
    MembershipPath(m): MembershipPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_manager(&app, &ctx, BodyId(m.body_id)).await?;
    let input = membership_form::parse_json(&headers, &body)?;
    let m = update(&app, &ctx, &m, &input).await.map_err(api_field_names)?;
    Ok(Json(membership_json(&m)).into_response())
}

pub async fn delete_post(
    State(app): State<App>,
    ctx: Ctx,
    BodyMembershipPath(b, m): BodyMembershipPath,
) -> AppResult<Response> {
    delete(&app, &ctx, &m).await?;
    Ok(members_page(&b, "borttaget"))
}

pub async fn api_delete(State(app): State<App>, ctx: Ctx, MembershipPath(m): MembershipPath) -> AppResult<Response> {
    delete(&app, &ctx, &m).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
