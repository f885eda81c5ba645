//! An account's page for administrators: who it is, the person it acts as and that person's
//! roles per body (member, substitute, secretary), the forms to change it, and a search for
//! the person to link by name. The JSON carries the same.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::Invalid;
use domain::named::Named;
use serde_json::{Value, json};
use store::accounts::User;
use store::people::{PersonFilter, PersonView};

use super::UserPath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::member_rows::{MemberRow, member_rows};
use crate::pages::{Chrome, query_value, render};

/// How many people a name search shows.
const MATCHES: usize = 20;

/// The account and what it may do beyond reading: its person, that person's assignments
/// (active ones first) and the bodies it is secretary of.
pub struct Roles {
    pub person: Option<PersonView>,
    pub assignments: Vec<MemberRow>,
    pub secretary_of: Vec<Named>,
}

pub async fn roles(app: &App, ctx: &Ctx, u: &User) -> AppResult<Roles> {
    let person = match u.person_id {
        Some(id) => app.store.person(domain::ids::PersonId(id)).await?,
        None => None,
    };
    let (assignments, secretary_of) = match &person {
        Some(v) => {
            let today = app.store.today();
            let mut ms = app.store.person_memberships(v.person.id).await?;
            ms.retain(|m| m.is_active_at(today));
            (member_rows(ms, ctx.lang), app.store.secretary_bodies(v.person.id).await?)
        }
        None => (Vec::new(), Vec::new()),
    };
    Ok(Roles { person, assignments, secretary_of })
}

#[derive(Template)]
#[template(path = "accounts/show.html")]
struct Page {
    p: Chrome,
    u: User,
    roles: Roles,
    q: String,
    matches: Option<Vec<PersonView>>,
    is_self: bool,
    /// The identity providers the account is linked to (their labels, or issuers no longer
    /// configured), and whether it may use a local password (ADR 29).
    providers: Vec<String>,
    password_allowed: bool,
}

/// The page, and the page shown again with the errors of a refused change.
pub async fn show(app: &App, ctx: &Ctx, u: User, invalid: Option<&Invalid>) -> AppResult<Response> {
    ctx.require_admin()?;
    let q = query_value(&ctx.query, "sok").map(|s| s.trim().to_string()).unwrap_or_default();
    let matches = if q.is_empty() {
        None
    } else {
        let f = PersonFilter { q: Some(q.clone()), ..Default::default() };
        Some(app.store.people(&f, None, MATCHES).await?.items)
    };
    let roles = roles(app, ctx, &u).await?;
    let (p, status) = Chrome::new(ctx, u.name.clone()).form(invalid);
    let is_self = ctx.user.as_ref().is_some_and(|me| me.id == u.id);
    let providers = app
        .store
        .identity_issuers(u.user_id())
        .await?
        .into_iter()
        .map(|i| app.config.oidc.iter().find(|p| p.issuer == i).map_or(i, |p| p.label.clone()))
        .collect();
    let password_allowed = app.store.password_allowed(u.user_id()).await?;
    let page = Page { p, u, roles, q, matches, is_self, providers, password_allowed };
    Ok((status, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, UserPath(u): UserPath) -> AppResult<Response> {
    show(&app, &ctx, u, None).await
}

/// The account as JSON, with its person and per-body roles.
pub async fn account_json(app: &App, ctx: &Ctx, u: &User) -> AppResult<Value> {
    let r = roles(app, ctx, u).await?;
    let mut j = serde_json::to_value(u).unwrap_or(Value::Null);
    if let Some(o) = j.as_object_mut() {
        o.insert("person".into(), json!(r.person.as_ref().map(|v| json!({"id": v.person.id, "name": v.person.name}))));
        let memberships: Vec<Value> = r
            .assignments
            .iter()
            .map(|a| json!({"body_id": a.m.body_id, "body": a.m.body_name, "role": a.m.role, "side": a.m.side, "term": a.m.term}))
            .collect();
        o.insert("memberships".into(), json!(memberships));
        o.insert("secretary_of".into(), json!(r.secretary_of));
    }
    Ok(j)
}

/// `GET /api/v1/admin/users/{id}`.
pub async fn api(State(app): State<App>, ctx: Ctx, UserPath(u): UserPath) -> AppResult<Response> {
    ctx.require_admin()?;
    Ok(Json(account_json(&app, &ctx, &u).await?).into_response())
}

/// `GET /api/v1/admin/users`.
pub async fn api_list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    Ok(Json(json!({ "items": app.store.users().await? })).into_response())
}
