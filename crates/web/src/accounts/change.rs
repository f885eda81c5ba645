//! Changing an account (administrators): administration granted or withdrawn, disabled or
//! enabled, and the person it acts as. One operation; a small form per change on the account's
//! page, and `PATCH /api/v1/admin/users/{id}` with any of `is_admin`, `disabled`, `person_id`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::ids::{PersonId, UserId};
use serde::Deserialize;
use store::accounts::User;

use super::UserPath;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;

/// What may change; `person` is `Some(None)` to remove the link.
#[derive(Debug, Default)]
pub struct Change {
    pub is_admin: Option<bool>,
    pub disabled: Option<bool>,
    pub person: Option<Option<PersonId>>,
}

/// The operation. An administrator cannot withdraw their own administration or disable
/// themselves here (the store also keeps the last active administrator).
pub async fn change(app: &App, ctx: &Ctx, u: &User, c: &Change) -> AppResult<User> {
    let me = ctx.require_admin()?;
    let id = UserId(u.id);
    let actor = ctx.actor();
    if me.id == u.id && (c.is_admin == Some(false) || c.disabled == Some(true)) {
        return Err(AppError::Invalid(domain::Invalid::one(domain::FieldError::new(
            if c.is_admin == Some(false) { "is_admin" } else { "disabled" },
            "own_account",
            "Du kan inte ta bort din egen behörighet eller stänga ditt eget konto. Be en annan administratör.",
            "You cannot withdraw your own rights or disable your own account. Ask another administrator.",
        ))));
    }
    if let Some(a) = c.is_admin.filter(|a| *a != u.is_admin) {
        app.store.set_user_admin(id, a, &actor).await?;
    }
    if let Some(d) = c.disabled.filter(|d| *d != u.disabled) {
        app.store.set_user_disabled(id, d, &actor).await?;
    }
    if let Some(p) = c.person.filter(|p| p.map(|x| x.0) != u.person_id) {
        app.store.link_user_person(id, p, &actor).await?;
    }
    app.store.user(id).await?.ok_or(AppError::NotFound)
}

#[derive(Deserialize)]
pub struct FlagForm {
    value: String,
}

#[derive(Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    person_id: String,
}

async fn respond(app: &App, ctx: &Ctx, u: User, c: Change) -> AppResult<Response> {
    match change(app, ctx, &u, &c).await {
        Ok(u) => Ok(Redirect::to(&format!("/admin/konton/{}?klart=sparat", u.id)).into_response()),
        Err(e) => super::show::show(app, ctx, u, Some(&reshown(e)?)).await,
    }
}

pub async fn admin_post(
    State(app): State<App>,
    ctx: Ctx,
    UserPath(u): UserPath,
    Input(f): Input<FlagForm>,
) -> AppResult<Response> {
    respond(&app, &ctx, u, Change { is_admin: Some(f.value == "1"), ..Default::default() }).await
}

pub async fn disabled_post(
    State(app): State<App>,
    ctx: Ctx,
    UserPath(u): UserPath,
    Input(f): Input<FlagForm>,
) -> AppResult<Response> {
    respond(&app, &ctx, u, Change { disabled: Some(f.value == "1"), ..Default::default() }).await
}

pub async fn person_post(
    State(app): State<App>,
    ctx: Ctx,
    UserPath(u): UserPath,
    Input(f): Input<PersonForm>,
) -> AppResult<Response> {
    let person = match f.person_id.trim() {
        "" => None,
        s => Some(crate::forms::id::<PersonId>(s)?),
    };
    respond(&app, &ctx, u, Change { person: Some(person), ..Default::default() }).await
}

/// `PATCH /api/v1/admin/users/{id}`.
pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    UserPath(u): UserPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let mut j = JsonInput::parse(&headers, &body, &["is_admin", "disabled", "person_id"])?;
    let c = Change {
        is_admin: j.bool("is_admin"),
        disabled: j.bool("disabled"),
        person: j.has("person_id").then(|| j.id("person_id").map(PersonId)),
    };
    j.finish()?;
    let u = change(&app, &ctx, &u, &c).await?;
    Ok(Json(super::show::account_json(&app, &ctx, &u).await?).into_response())
}
