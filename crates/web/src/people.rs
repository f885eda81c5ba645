//! People: the public list and page (contact details for signed-in users only), admin forms,
//! CSV export and the JSON API.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::ids::{OrganisationId, PersonId};
use domain::organisations::{Organisation, PersonInput};
use serde::Deserialize;
use serde_json::Value;
use store::organisations::OrganisationFilter;
use store::people::{PersonFilter, PersonView};

use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, id};
use crate::json::JsonInput;
use crate::list::ListQuery;
use crate::pages::{Chrome, render};
use crate::{App, csv};

fn filter(q: &ListQuery) -> PersonFilter {
    PersonFilter {
        organisation_id: q.organisation.map(OrganisationId),
        kind: q.kind,
        county_code: q.county.clone(),
        q: q.q.clone(),
    }
}

/// A person as the caller may see them: contact details only for signed-in users (GDPR: names
/// and party of elected representatives may be published, other personal data may not).
pub fn public_json(ctx: &Ctx, v: &PersonView) -> Value {
    let mut j = serde_json::to_value(v).unwrap_or(Value::Null);
    if !ctx.signed_in()
        && let Some(o) = j.as_object_mut()
    {
        o.remove("email");
        o.remove("phone");
    }
    j
}

#[derive(Template)]
#[template(path = "people/list.html")]
struct ListPage {
    p: Chrome,
    items: Vec<PersonView>,
    next: Option<String>,
    first: Option<String>,
    q: String,
    signed_in: bool,
}

pub async fn list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = ListQuery::parse(&ctx.query)?;
    let page = app.store.people(&filter(&q), q.cursor.clone(), q.limit).await?;
    let next = page.next_cursor.as_deref().map(|c| q.next_href("/personer", c));
    let first = q.first_href("/personer");
    Ok(render(&ListPage {
        p: Chrome::new(&ctx, crate::i18n::text(ctx.lang, "person.list_title")),
        items: page.items,
        next,
        first,
        q: q.q.clone().unwrap_or_default(),
        signed_in: ctx.signed_in(),
    })?
    .into_response())
}

pub async fn export_csv(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = ListQuery::parse(&ctx.query)?;
    let mut head = vec!["id", "namn", "titel", "organisation", "parti"];
    if ctx.signed_in() {
        head.extend(["epost", "telefon"]);
    }
    let mut rows = vec![head.into_iter().map(String::from).collect::<Vec<_>>()];
    let f = filter(&q);
    for v in store::every_page(|c| app.store.people(&f, c, crate::list::MAX_LIMIT)).await? {
        let p = &v.person;
        let mut r = vec![
            p.id.to_string(),
            p.name.clone(),
            p.title.clone().unwrap_or_default(),
            v.organisation_name.clone().unwrap_or_default(),
            p.party.clone().unwrap_or_default(),
        ];
        if ctx.signed_in() {
            r.push(p.email.clone().unwrap_or_default());
            r.push(p.phone.clone().unwrap_or_default());
        }
        rows.push(r);
    }
    Ok(csv::response("personer.csv", &rows))
}

#[derive(Template)]
#[template(path = "people/show.html")]
struct ShowPage {
    p: Chrome,
    v: PersonView,
    signed_in: bool,
    assignments: Vec<crate::structure::MemberRow>,
    today: time::Date,
}

pub async fn show(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let pid: PersonId = id(&raw)?;
    let v = app.store.person(pid).await?.ok_or(AppError::NotFound)?;
    let assignments = crate::structure::person_assignments(&app, pid, ctx.lang).await?;
    let p = Chrome::new(&ctx, v.person.name.clone());
    Ok(render(&ShowPage { p, signed_in: ctx.signed_in(), v, assignments, today: app.store.today() })?.into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PersonForm {
    pub name: String,
    pub title: String,
    pub organisation_id: String,
    pub party: String,
    pub email: String,
    pub phone: String,
    pub idempotency_key: String,
}

impl PersonForm {
    fn of(v: &PersonView) -> PersonForm {
        let p = &v.person;
        PersonForm {
            name: p.name.clone(),
            title: p.title.clone().unwrap_or_default(),
            organisation_id: p.organisation_id.map(|o| o.to_string()).unwrap_or_default(),
            party: p.party.clone().unwrap_or_default(),
            email: p.email.clone().unwrap_or_default(),
            phone: p.phone.clone().unwrap_or_default(),
            idempotency_key: String::new(),
        }
    }

    fn parse(&self) -> Result<PersonInput, domain::Invalid> {
        let org = self.organisation_id.trim();
        let org_id = if org.is_empty() {
            None
        } else {
            match org.parse::<i64>() {
                Ok(v) if v > 0 => Some(OrganisationId(v)),
                _ => {
                    return Err(domain::Invalid::one(domain::FieldError::new(
                        "organisation_id",
                        "invalid_id",
                        "Välj en organisation i listan.",
                        "Choose an organisation from the list.",
                    )));
                }
            }
        };
        PersonInput::parse(&self.name, &self.title, org_id, &self.party, &self.email, &self.phone)
    }
}

#[derive(Template)]
#[template(path = "people/form.html")]
struct FormPage {
    p: Chrome,
    f: PersonForm,
    action: String,
    cancel: String,
    organisations: Vec<Organisation>,
}

async fn form_page(
    app: &App,
    ctx: &Ctx,
    title_key: &str,
    f: PersonForm,
    action: String,
    cancel: String,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let mut p = Chrome::new(ctx, crate::i18n::text(ctx.lang, title_key));
    if let Some(i) = invalid {
        p = p.with_errors(i);
    }
    let organisations = all_organisations(app).await?;
    let status = if invalid.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok((status, render(&FormPage { p, f, action, cancel, organisations })?).into_response())
}

pub(crate) async fn all_organisations(app: &App) -> AppResult<Vec<Organisation>> {
    let f = OrganisationFilter::default();
    Ok(store::every_page(|c| app.store.organisations(&f, c, crate::list::MAX_LIMIT)).await?)
}

pub(crate) async fn all_people(app: &App) -> AppResult<Vec<PersonView>> {
    let f = PersonFilter::default();
    Ok(store::every_page(|c| app.store.people(&f, c, crate::list::MAX_LIMIT)).await?)
}

pub async fn new_form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let organisation_id = crate::pages::query_value(&ctx.query, "organisation").unwrap_or_default();
    let f = PersonForm { idempotency_key: crate::auth::new_secret(), organisation_id, ..Default::default() };
    form_page(&app, &ctx, "person.new", f, "/personer".into(), "/personer".into(), None).await
}

pub async fn create(State(app): State<App>, ctx: Ctx, Input(f): Input<PersonForm>) -> AppResult<Response> {
    ctx.require_admin()?;
    let result = match f.parse() {
        Ok(input) => {
            let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
            app.store.create_person(&input, &ctx.actor(), key).await
        }
        Err(inv) => Err(store::StoreError::Invalid(inv)),
    };
    match result {
        Ok(pid) => Ok(Redirect::to(&format!("/personer/{pid}?klart=skapat")).into_response()),
        Err(store::StoreError::Invalid(inv)) => {
            form_page(&app, &ctx, "person.new", f, "/personer".into(), "/personer".into(), Some(&inv)).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn edit_form(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    let pid: PersonId = id(&raw)?;
    let v = app.store.person(pid).await?.ok_or(AppError::NotFound)?;
    let path = format!("/personer/{pid}");
    form_page(&app, &ctx, "person.edit", PersonForm::of(&v), path.clone(), path, None).await
}

pub async fn update(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Input(f): Input<PersonForm>,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let pid: PersonId = id(&raw)?;
    let result = match f.parse() {
        Ok(input) => app.store.update_person(pid, &input, &ctx.actor()).await,
        Err(inv) => Err(store::StoreError::Invalid(inv)),
    };
    let path = format!("/personer/{pid}");
    match result {
        Ok(()) => Ok(Redirect::to(&format!("{path}?klart=sparat")).into_response()),
        Err(store::StoreError::Invalid(inv)) => {
            form_page(&app, &ctx, "person.edit", f, path.clone(), path, Some(&inv)).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn delete_form(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    let pid: PersonId = id(&raw)?;
    let v = app.store.person(pid).await?.ok_or(AppError::NotFound)?;
    let p = Chrome::new(&ctx, format!("{} {}", crate::i18n::text(ctx.lang, "form.delete"), v.person.name));
    Ok(render(&crate::pages::DeletePage {
        p,
        name: v.person.name,
        action: format!("/personer/{pid}/ta-bort"),
        cancel: format!("/personer/{pid}"),
    })?
    .into_response())
}

pub async fn delete(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    app.store.delete_person(id(&raw)?, &ctx.actor()).await?;
    Ok(Redirect::to("/personer?klart=borttaget").into_response())
}

// ---- JSON API ----

const FIELDS: &[&str] = &["name", "title", "organisation_id", "party", "email", "phone"];

fn parse_json(headers: &HeaderMap, body: &Bytes) -> AppResult<PersonInput> {
    let mut j = JsonInput::parse(headers, body, FIELDS)?;
    let (name, title, org, party, email, phone) =
        (j.str("name"), j.str("title"), j.id("organisation_id"), j.str("party"), j.str("email"), j.str("phone"));
    j.finish()?;
    Ok(PersonInput::parse(&name, &title, org.map(OrganisationId), &party, &email, &phone)?)
}

pub async fn api_list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = ListQuery::parse(&ctx.query)?;
    let page = app.store.people(&filter(&q), q.cursor.clone(), q.limit).await?;
    let items: Vec<Value> = page.items.iter().map(|v| public_json(&ctx, v)).collect();
    Ok(Json(serde_json::json!({"items": items, "next_cursor": page.next_cursor})).into_response())
}

pub async fn api_get(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let v = app.store.person(id(&raw)?).await?.ok_or(AppError::NotFound)?;
    Ok(Json(public_json(&ctx, &v)).into_response())
}

pub async fn api_create(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let input = parse_json(&headers, &body)?;
    let pid = app.store.create_person(&input, &ctx.actor(), crate::json::idempotency_key(&headers)).await?;
    let v = app.store.person(pid).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/people/{pid}"))], Json(public_json(&ctx, &v)))
        .into_response())
}

pub async fn api_update(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let pid: PersonId = id(&raw)?;
    let input = parse_json(&headers, &body)?;
    app.store.update_person(pid, &input, &ctx.actor()).await?;
    let v = app.store.person(pid).await?.ok_or(AppError::NotFound)?;
    Ok(Json(public_json(&ctx, &v)).into_response())
}

pub async fn api_delete(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    app.store.delete_person(id(&raw)?, &ctx.actor()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
