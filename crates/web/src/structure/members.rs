//! A body's members on a day: the page, the CSV export, and the JSON of memberships (a body's, one,
//! a person's).

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use store::structure::{Body, Membership};
use time::Date;

use super::access::can_manage;
use super::at_date;
use super::{BodyPath, MembershipPath};
use crate::context::Ctx;
use crate::error::AppResult;
use crate::member_rows::{MemberRow, member_rows};
use crate::pages::{Chrome, query_value, render};
use crate::people::PersonPath;
use crate::{App, csv as csv_file, i18n};

#[derive(Template)]
#[template(path = "structure/members.html")]
struct MembersPage {
    p: Chrome,
    b: Body,
    at: Date,
    members: Vec<MemberRow>,
    manage: bool,
}

pub async fn page(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    let at = at_date(&ctx.query, app.store.today())?;
    let members = member_rows(app.store.memberships(b.id, Some(at)).await?, ctx.lang);
    let manage = can_manage(&app, &ctx, b.id).await?;
    let p = Chrome::new(&ctx, format!("{} – {}", i18n::text(ctx.lang, "body.members"), b.name));
    Ok(render(&MembersPage { p, b, at, members, manage })?.into_response())
}

const CSV_HEAD: [&str; 8] = ["namn", "organisation", "roll", "sida", "parti", "start", "slut", "ersattare_for"];

/// The member list on a day as CSV, in the same columns the import reads.
pub async fn csv(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    let at = match query_value(&ctx.query, "datum").or_else(|| query_value(&ctx.query, "at")) {
        Some(_) => Some(at_date(&ctx.query, app.store.today())?),
        None => None,
    };
    let mut rows = vec![CSV_HEAD.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for m in app.store.memberships(b.id, at).await? {
        rows.push(vec![
            m.person_name.clone(),
            m.organisation_code.clone().unwrap_or_else(|| m.organisation_name.clone()),
            m.role.clone(),
            m.side.clone(),
            m.party.clone().unwrap_or_default(),
            m.start_date.to_string(),
            m.end_date.map(|d| d.to_string()).unwrap_or_default(),
            m.substitute_for_name.clone().unwrap_or_default(),
        ]);
    }
    Ok(csv_file::response(&format!("ledamoter-{}.csv", b.id), &rows))
}

/// A membership as published: names, party and role are public; nothing else is personal.
pub(super) fn membership_json(m: &Membership) -> Value {
    serde_json::to_value(m).unwrap_or(Value::Null)
}

pub async fn api_list(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    let at = match query_value(&ctx.query, "at") {
        Some(_) => Some(at_date(&ctx.query, app.store.today())?),
        None => None,
    };
    let items: Vec<Value> = app.store.memberships(b.id, at).await?.iter().map(membership_json).collect();
    Ok(Json(json!({"items": items, "next_cursor": null})).into_response())
}

pub async fn api_one(MembershipPath(m): MembershipPath) -> Response {
    Json(membership_json(&m)).into_response()
}

pub async fn api_of_person(State(app): State<App>, PersonPath(v): PersonPath) -> AppResult<Response> {
    let items: Vec<Value> = app.store.person_memberships(v.person.id).await?.iter().map(membership_json).collect();
    Ok(Json(json!({"items": items, "next_cursor": null})).into_response())
}
