//! The membership form, shared by adding and editing: its fields as typed, their parsing into the
//! domain's input (from the form and from JSON, whose links are named `person_id` and
//! `organisation_id`), and the page that shows it.

use askama::Template;
use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::Invalid;
use domain::organisations::Organisation;
use domain::structure::{MembershipInput, MembershipRole, Side};
use serde::Deserialize;
use store::structure::{Body, Membership};

use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};
use crate::{App, i18n};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MembershipForm {
    pub person: String,
    pub organisation: String,
    pub role: String,
    pub side: String,
    pub start: String,
    pub end: String,
    pub substitute_for: String,
    pub idempotency_key: String,
}

impl MembershipForm {
    pub fn of(m: &Membership) -> MembershipForm {
        MembershipForm {
            person: m.person_id.to_string(),
            organisation: m.organisation_id.to_string(),
            role: m.role.clone(),
            side: m.side.clone(),
            start: m.start_date.to_string(),
            end: m.end_date.map(|d| d.to_string()).unwrap_or_default(),
            substitute_for: m.substitute_for.map(|s| s.to_string()).unwrap_or_default(),
            idempotency_key: String::new(),
        }
    }

    pub fn parse(&self) -> Result<MembershipInput, Invalid> {
        MembershipInput::parse(
            &self.person,
            &self.organisation,
            &self.role,
            &self.side,
            &self.start,
            &self.end,
            &self.substitute_for,
        )
    }
}

const FIELDS: &[&str] = &["person_id", "organisation_id", "role", "side", "start", "end", "substitute_for"];

/// The same input from a JSON body.
pub fn parse_json(headers: &HeaderMap, body: &Bytes) -> AppResult<MembershipInput> {
    let mut j = JsonInput::parse(headers, body, FIELDS)?;
    let id_str = |j: &mut JsonInput, f: &str| j.id(f).map(|v| v.to_string()).unwrap_or_default();
    let (person, org, sub) =
        (id_str(&mut j, "person_id"), id_str(&mut j, "organisation_id"), id_str(&mut j, "substitute_for"));
    let (role, side, start, end) = (j.str("role"), j.str("side"), j.str("start"), j.str("end"));
    j.finish()?;
    MembershipInput::parse(&person, &org, &role, &side, &start, &end, &sub).map_err(|i| api_field_names(i.into()))
}

/// The API names the membership's links `person_id` and `organisation_id`; the domain and store
/// name them `person` and `organisation`.
pub fn api_field_names(e: AppError) -> AppError {
    match e {
        AppError::Invalid(i) => AppError::Invalid(Invalid(
            i.0.into_iter()
                .map(|mut e| {
                    if e.field == "person" || e.field == "organisation" {
                        e.field.push_str("_id");
                    }
                    e
                })
                .collect(),
        )),
        e => e,
    }
}

#[derive(Template)]
#[template(path = "structure/membership_form.html")]
struct FormPage {
    p: Chrome,
    b: Body,
    f: MembershipForm,
    action: String,
    people: Vec<store::people::PersonView>,
    organisations: Vec<Organisation>,
    roles: &'static [MembershipRole],
    sides: &'static [Side],
    delete: Option<String>,
}

/// Where the form posts, and where its delete button posts (editing only).
pub struct Target {
    pub title_key: &'static str,
    pub action: String,
    pub delete: Option<String>,
}

/// The form page, with the errors of a refused post next to their fields (422).
pub async fn page(
    app: &App,
    ctx: &Ctx,
    b: Body,
    to: Target,
    f: MembershipForm,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, format!("{} – {}", i18n::text(ctx.lang, to.title_key), b.name)).form(invalid);
    let page = FormPage {
        p,
        b,
        f,
        action: to.action,
        people: crate::people::all_people(app).await?,
        organisations: crate::people::all_organisations(app).await?,
        roles: MembershipRole::ALL,
        sides: Side::ALL,
        delete: to.delete,
    };
    Ok((status, render(&page)?).into_response())
}
