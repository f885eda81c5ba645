//! Adding, editing and ending a membership (admins and the body's secretary): the form and the
//! API calls.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Invalid;
use domain::ids::{BodyId, MembershipId};
use domain::organisations::Organisation;
use domain::structure::{MembershipInput, MembershipRole, Side};
use serde::Deserialize;
use store::structure::{Body, Membership};

use super::access::require_manager;
use super::members::membership_json;
use super::{BodyMembershipPath, BodyPath, MembershipPath};
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Input;
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
    fn of(m: &Membership) -> MembershipForm {
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

    fn parse(&self) -> Result<MembershipInput, Invalid> {
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

#[derive(Template)]
#[template(path = "structure/membership_form.html")]
struct MembershipFormPage {
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

#[allow(clippy::too_many_arguments)]
async fn membership_form(
    app: &App,
    ctx: &Ctx,
    b: Body,
    f: MembershipForm,
    action: String,
    title_key: &str,
    delete: Option<String>,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let mut p = Chrome::new(ctx, format!("{} – {}", i18n::text(ctx.lang, title_key), b.name));
    if let Some(i) = invalid {
        p = p.with_errors(i);
    }
    let status = if invalid.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = MembershipFormPage {
        p,
        b,
        f,
        action,
        people: crate::people::all_people(app).await?,
        organisations: crate::people::all_organisations(app).await?,
        roles: MembershipRole::ALL,
        sides: Side::ALL,
        delete,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn new_membership(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let f = MembershipForm {
        idempotency_key: crate::auth::new_secret(),
        role: "member".into(),
        start: app.store.today().to_string(),
        ..Default::default()
    };
    let action = format!("/organ/{}/ledamoter", b.id);
    membership_form(&app, &ctx, b, f, action, "membership.new", None, None).await
}

pub async fn create_membership(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    Input(f): Input<MembershipForm>,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let result = match f.parse() {
        Ok(m) => {
            let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
            app.store.create_membership(b.id, &m, &ctx.actor(), key).await.map_err(form_error)
        }
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/organ/{}/ledamoter?klart=skapat", b.id)).into_response()),
        Err(Ok(inv)) => {
            let action = format!("/organ/{}/ledamoter", b.id);
            membership_form(&app, &ctx, b, f, action, "membership.new", None, Some(&inv)).await
        }
        Err(Err(e)) => Err(e),
    }
}

pub async fn edit_membership(
    State(app): State<App>,
    ctx: Ctx,
    BodyMembershipPath(b, m): BodyMembershipPath,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let action = format!("/organ/{}/ledamoter/{}", b.id, m.id);
    let delete = Some(format!("{action}/ta-bort"));
    membership_form(&app, &ctx, b, MembershipForm::of(&m), action, "membership.edit", delete, None).await
}

pub async fn update_membership(
    State(app): State<App>,
    ctx: Ctx,
    BodyMembershipPath(b, m): BodyMembershipPath,
    Input(f): Input<MembershipForm>,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let result = match f.parse() {
        Ok(input) => app.store.update_membership(MembershipId(m.id), &input, &ctx.actor()).await.map_err(form_error),
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/organ/{}/ledamoter?klart=sparat", b.id)).into_response()),
        Err(Ok(inv)) => {
            let action = format!("/organ/{}/ledamoter/{}", b.id, m.id);
            let delete = Some(format!("{action}/ta-bort"));
            membership_form(&app, &ctx, b, f, action, "membership.edit", delete, Some(&inv)).await
        }
        Err(Err(e)) => Err(e),
    }
}

pub async fn delete_membership(
    State(app): State<App>,
    ctx: Ctx,
    BodyMembershipPath(b, m): BodyMembershipPath,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    app.store.delete_membership(MembershipId(m.id), &ctx.actor()).await?;
    Ok(Redirect::to(&format!("/organ/{}/ledamoter?klart=borttaget", b.id)).into_response())
}

const MEMBERSHIP_FIELDS: &[&str] = &["person_id", "organisation_id", "role", "side", "start", "end", "substitute_for"];

/// The API names the membership's links `person_id` and `organisation_id`; the domain and store
/// name them `person` and `organisation`.
fn api_field_names(e: AppError) -> AppError {
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

fn parse_membership_json(headers: &HeaderMap, body: &Bytes) -> AppResult<MembershipInput> {
    let mut j = JsonInput::parse(headers, body, MEMBERSHIP_FIELDS)?;
    let id_str = |j: &mut JsonInput, f: &str| j.id(f).map(|v| v.to_string()).unwrap_or_default();
    let (person, org, sub) =
        (id_str(&mut j, "person_id"), id_str(&mut j, "organisation_id"), id_str(&mut j, "substitute_for"));
    let (role, side, start, end) = (j.str("role"), j.str("side"), j.str("start"), j.str("end"));
    j.finish()?;
    MembershipInput::parse(&person, &org, &role, &side, &start, &end, &sub).map_err(|i| api_field_names(i.into()))
}

pub async fn api_create_membership(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let m = parse_membership_json(&headers, &body)?;
    let key = crate::json::idempotency_key(&headers);
    let mid = app.store.create_membership(b.id, &m, &ctx.actor(), key).await.map_err(|e| api_field_names(e.into()))?;
    let m = app.store.membership(mid).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/memberships/{mid}"))], Json(membership_json(&m)))
        .into_response())
}

pub async fn api_update_membership(
    State(app): State<App>,
    ctx: Ctx,
    MembershipPath(m): MembershipPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_manager(&app, &ctx, BodyId(m.body_id)).await?;
    let input = parse_membership_json(&headers, &body)?;
    app.store
        .update_membership(MembershipId(m.id), &input, &ctx.actor())
        .await
        .map_err(|e| api_field_names(e.into()))?;
    let m = app.store.membership(MembershipId(m.id)).await?.ok_or(AppError::NotFound)?;
    Ok(Json(membership_json(&m)).into_response())
}

pub async fn api_delete_membership(
    State(app): State<App>,
    ctx: Ctx,
    MembershipPath(m): MembershipPath,
) -> AppResult<Response> {
    require_manager(&app, &ctx, BodyId(m.body_id)).await?;
    app.store.delete_membership(MembershipId(m.id), &ctx.actor()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Store errors about the input are shown on the form; others go to the error page.
fn form_error(e: store::StoreError) -> Result<Invalid, AppError> {
    match e {
        store::StoreError::Invalid(i) => Ok(i),
        e => Err(e.into()),
    }
}
