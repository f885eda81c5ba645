//! One person: the page with their assignments (contact details for signed-in users only) and the
//! JSON.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use store::people::PersonView;

use super::PersonPath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::member_rows::{MemberRow, member_rows};
use crate::pages::{Chrome, render};

/// A person as the caller may see them: contact details only for signed-in users (GDPR: names
/// and party of elected representatives may be published, other personal data may not).
pub fn public_json(ctx: &Ctx, v: &PersonView) -> Value {
    let mut j = serde_json::to_value(v).unwrap_or(Value::Null);
    if !ctx.signed_in()
        && let Some(o) = j.as_object_mut()
    {
        o.remove("email");
        o.remove("phone");
        o.remove("lang");
    }
    j
}

#[derive(Template)]
#[template(path = "people/show.html")]
struct ShowPage {
    p: Chrome,
    v: PersonView,
    signed_in: bool,
    assignments: Vec<MemberRow>,
    today: time::Date,
}

/// A person whose personal data was removed from the web is not found by anyone but an
/// administrator, unless they are an elected representative (rule 22, ADR 35).
pub(crate) async fn require_public(app: &App, ctx: &Ctx, v: &PersonView) -> AppResult<()> {
    if ctx.is_admin() || domain::privacy::stays_public(v.person.party.as_deref()) {
        return Ok(());
    }
    match app.store.removal(v.person.id).await? {
        Some(_) => Err(crate::error::AppError::NotFound),
        None => Ok(()),
    }
}

pub async fn page(State(app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    require_public(&app, &ctx, &v).await?;
    let assignments = member_rows(app.store.person_memberships(v.person.id).await?, ctx.lang);
    let p = Chrome::new(&ctx, v.person.name.clone());
    Ok(render(&ShowPage { p, signed_in: ctx.signed_in(), v, assignments, today: app.store.today() })?.into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    require_public(&app, &ctx, &v).await?;
    Ok(Json(public_json(&ctx, &v)).into_response())
}
