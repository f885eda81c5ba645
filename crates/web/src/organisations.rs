//! Organisations: the public list and page, the admin forms, CSV export and the JSON API.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::ids::OrganisationId;
use domain::organisations::{Organisation, OrganisationInput, OrganisationKind};
use domain::reference::{self, County};
use serde::Deserialize;
use serde_json::json;
use store::organisations::OrganisationFilter;
use store::people::{PersonFilter, PersonView};

use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, id};
use crate::json::JsonInput;
use crate::list::ListQuery;
use crate::pages::{Chrome, render};
use crate::{App, csv};

fn filter(q: &ListQuery) -> OrganisationFilter {
    OrganisationFilter { kind: q.kind, county_code: q.county.clone(), q: q.q.clone() }
}

#[derive(Template)]
#[template(path = "organisations/list.html")]
struct ListPage {
    p: Chrome,
    items: Vec<Organisation>,
    next: Option<String>,
    first: Option<String>,
    kind: String,
    county: String,
    q: String,
    kinds: [OrganisationKind; 8],
    counties: &'static [County],
}

pub async fn list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = ListQuery::parse(&ctx.query)?;
    let page = app.store.organisations(&filter(&q), q.cursor.clone(), q.limit).await?;
    let next = page.next_cursor.as_deref().map(|c| q.next_href("/organisationer", c));
    let first = q.first_href("/organisationer");
    Ok(render(&ListPage {
        p: Chrome::new(&ctx, crate::i18n::text(ctx.lang, "org.list_title")),
        items: page.items,
        next,
        first,
        kind: q.kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
        county: q.county.clone().unwrap_or_default(),
        q: q.q.clone().unwrap_or_default(),
        kinds: OrganisationKind::ALL,
        counties: reference::counties(),
    })?
    .into_response())
}

/// All organisations matching the filters as CSV (UTF-8 with BOM, for spreadsheets).
pub async fn export_csv(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = ListQuery::parse(&ctx.query)?;
    let mut rows =
        vec![vec!["id".into(), "namn".into(), "typ".into(), "kod".into(), "lanskod".into(), "webbplats".into()]];
    let mut cursor = None;
    loop {
        let page = app.store.organisations(&filter(&q), cursor, crate::list::MAX_LIMIT).await?;
        for o in &page.items {
            rows.push(vec![
                o.id.to_string(),
                o.name.clone(),
                o.kind.as_str().into(),
                o.code.clone().unwrap_or_default(),
                o.county_code.clone().unwrap_or_default(),
                o.website.clone().unwrap_or_default(),
            ]);
        }
        match page.next_cursor {
            Some(c) => cursor = Some(store::decode_cursor(&c)?),
            None => break,
        }
    }
    Ok(csv::response("organisationer.csv", &rows))
}

#[derive(Template)]
#[template(path = "organisations/show.html")]
struct ShowPage {
    p: Chrome,
    o: Organisation,
    county_name: Option<&'static str>,
    people: Vec<PersonView>,
    more_people: bool,
}

pub async fn show(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let oid: OrganisationId = id(&raw)?;
    let o = app.store.organisation(oid).await?.ok_or(AppError::NotFound)?;
    let people =
        app.store.people(&PersonFilter { organisation_id: Some(oid), ..Default::default() }, None, 100).await?;
    let county_name = o.county_code.as_deref().and_then(reference::county).map(|c| c.name.as_str());
    Ok(render(&ShowPage {
        p: Chrome::new(&ctx, o.name.clone()),
        county_name,
        more_people: people.next_cursor.is_some(),
        people: people.items,
        o,
    })?
    .into_response())
}

/// The organisation form's fields, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct OrgForm {
    pub name: String,
    pub kind: String,
    pub code: String,
    pub county_code: String,
    pub website: String,
    pub description: String,
    pub idempotency_key: String,
}

impl OrgForm {
    fn of(o: &Organisation) -> OrgForm {
        OrgForm {
            name: o.name.clone(),
            kind: o.kind.as_str().into(),
            code: o.code.clone().unwrap_or_default(),
            county_code: o.county_code.clone().unwrap_or_default(),
            website: o.website.clone().unwrap_or_default(),
            description: o.description.clone().unwrap_or_default(),
            idempotency_key: String::new(),
        }
    }

    fn parse(&self) -> Result<OrganisationInput, domain::Invalid> {
        OrganisationInput::parse(
            &self.name,
            &self.kind,
            &self.code,
            &self.county_code,
            &self.website,
            &self.description,
        )
    }
}

#[derive(Template)]
#[template(path = "organisations/form.html")]
struct FormPage {
    p: Chrome,
    f: OrgForm,
    action: String,
    cancel: String,
    kinds: [OrganisationKind; 8],
    counties: &'static [County],
}

fn form_page(
    ctx: &Ctx,
    title_key: &str,
    f: OrgForm,
    action: String,
    cancel: String,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let mut p = Chrome::new(ctx, crate::i18n::text(ctx.lang, title_key));
    if let Some(i) = invalid {
        p = p.with_errors(i);
    }
    let status = if invalid.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = FormPage { p, f, action, cancel, kinds: OrganisationKind::ALL, counties: reference::counties() };
    Ok((status, render(&page)?).into_response())
}

pub async fn new_form(ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let f = OrgForm { idempotency_key: crate::auth::new_secret(), kind: "municipality".into(), ..Default::default() };
    form_page(&ctx, "org.new", f, "/organisationer".into(), "/organisationer".into(), None)
}

pub async fn create(State(app): State<App>, ctx: Ctx, Input(f): Input<OrgForm>) -> AppResult<Response> {
    ctx.require_admin()?;
    let input = match f.parse() {
        Ok(i) => i,
        Err(inv) => {
            return form_page(&ctx, "org.new", f, "/organisationer".into(), "/organisationer".into(), Some(&inv));
        }
    };
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    match app.store.create_organisation(&input, &ctx.actor(), key).await {
        Ok(oid) => Ok(Redirect::to(&format!("/organisationer/{oid}?klart=skapat")).into_response()),
        Err(store::StoreError::Conflict(_)) => {
            let inv = conflict_on_code();
            form_page(&ctx, "org.new", f, "/organisationer".into(), "/organisationer".into(), Some(&inv))
        }
        Err(e) => Err(e.into()),
    }
}

fn conflict_on_code() -> domain::Invalid {
    domain::Invalid::one(domain::FieldError::new(
        "code",
        "already_exists",
        "Det finns redan en organisation av den typen med den koden.",
        "An organisation of that kind with that code already exists.",
    ))
}

pub async fn edit_form(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    let oid: OrganisationId = id(&raw)?;
    let o = app.store.organisation(oid).await?.ok_or(AppError::NotFound)?;
    form_page(
        &ctx,
        "org.edit",
        OrgForm::of(&o),
        format!("/organisationer/{oid}"),
        format!("/organisationer/{oid}"),
        None,
    )
}

pub async fn update(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Input(f): Input<OrgForm>,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let oid: OrganisationId = id(&raw)?;
    let (action, cancel) = (format!("/organisationer/{oid}"), format!("/organisationer/{oid}"));
    let input = match f.parse() {
        Ok(i) => i,
        Err(inv) => return form_page(&ctx, "org.edit", f, action, cancel, Some(&inv)),
    };
    match app.store.update_organisation(oid, &input, &ctx.actor()).await {
        Ok(()) => Ok(Redirect::to(&format!("/organisationer/{oid}?klart=sparat")).into_response()),
        Err(store::StoreError::Conflict(_)) => {
            form_page(&ctx, "org.edit", f, action, cancel, Some(&conflict_on_code()))
        }
        Err(e) => Err(e.into()),
    }
}

/// The confirmation page before a deletion, shared by every kind of record.
#[derive(Template)]
#[template(path = "delete.html")]
pub(crate) struct DeletePage {
    pub p: Chrome,
    pub name: String,
    pub action: String,
    pub cancel: String,
}

pub async fn delete_form(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    let oid: OrganisationId = id(&raw)?;
    let o = app.store.organisation(oid).await?.ok_or(AppError::NotFound)?;
    let p = Chrome::new(&ctx, format!("{} {}", crate::i18n::text(ctx.lang, "form.delete"), o.name));
    Ok(render(&DeletePage {
        p,
        name: o.name,
        action: format!("/organisationer/{oid}/ta-bort"),
        cancel: format!("/organisationer/{oid}"),
    })?
    .into_response())
}

pub async fn delete(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    let oid: OrganisationId = id(&raw)?;
    app.store.delete_organisation(oid, &ctx.actor()).await?;
    Ok(Redirect::to("/organisationer?klart=borttaget").into_response())
}

// ---- JSON API ----

const FIELDS: &[&str] = &["name", "kind", "code", "county_code", "website", "description"];

fn parse_json(headers: &HeaderMap, body: &Bytes) -> AppResult<OrganisationInput> {
    let mut j = JsonInput::parse(headers, body, FIELDS)?;
    let (name, kind, code, county, website, description) =
        (j.str("name"), j.str("kind"), j.str("code"), j.str("county_code"), j.str("website"), j.str("description"));
    j.finish()?;
    Ok(OrganisationInput::parse(&name, &kind, &code, &county, &website, &description)?)
}

pub async fn api_list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = ListQuery::parse(&ctx.query)?;
    let page = app.store.organisations(&filter(&q), q.cursor.clone(), q.limit).await?;
    Ok(Json(page).into_response())
}

pub async fn api_get(State(app): State<App>, Path(raw): Path<String>) -> AppResult<Response> {
    let o = app.store.organisation(id(&raw)?).await?.ok_or(AppError::NotFound)?;
    Ok(Json(o).into_response())
}

pub async fn api_create(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let input = parse_json(&headers, &body)?;
    let oid = app.store.create_organisation(&input, &ctx.actor(), crate::json::idempotency_key(&headers)).await?;
    let o = app.store.organisation(oid).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/organisations/{oid}"))], Json(o)).into_response())
}

pub async fn api_update(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let oid: OrganisationId = id(&raw)?;
    let input = parse_json(&headers, &body)?;
    app.store.update_organisation(oid, &input, &ctx.actor()).await?;
    let o = app.store.organisation(oid).await?.ok_or(AppError::NotFound)?;
    Ok(Json(o).into_response())
}

pub async fn api_delete(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    app.store.delete_organisation(id(&raw)?, &ctx.actor()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn api_counties() -> Response {
    let items: Vec<_> =
        reference::counties().iter().map(|c| json!({"code": c.code, "name": c.name, "region": c.region})).collect();
    Json(json!({"items": items, "next_cursor": null})).into_response()
}
