//! Finding people: the filtered list (page, CSV, JSON), and everyone at once for the choosers of
//! other forms.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::ids::OrganisationId;
use domain::organisations::Organisation;
use serde_json::Value;
use store::organisations::OrganisationFilter;
use store::people::{PersonFilter, PersonView};

use super::show::public_json;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::list::ListQuery;
use crate::pages::{Chrome, render};
use crate::{App, csv as csv_file};

fn filter(q: &ListQuery, ctx: &Ctx) -> PersonFilter {
    PersonFilter {
        public: !ctx.is_admin(),
        organisation_id: q.organisation.map(OrganisationId),
        kind: q.kind,
        county_code: q.county.clone(),
        q: q.q.clone(),
    }
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

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = ListQuery::parse(&ctx.query)?;
    let page = app.store.people(&filter(&q, &ctx), q.cursor.clone(), q.limit).await?;
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

pub async fn csv(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = ListQuery::parse(&ctx.query)?;
    let mut head = vec!["id", "namn", "titel", "organisation", "parti"];
    if ctx.signed_in() {
        head.extend(["epost", "telefon"]);
    }
    let mut rows = vec![head.into_iter().map(String::from).collect::<Vec<_>>()];
    let f = filter(&q, &ctx);
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
    Ok(csv_file::response("personer.csv", &rows))
}

pub(crate) async fn all_organisations(app: &App) -> AppResult<Vec<Organisation>> {
    let f = OrganisationFilter::default();
    Ok(store::every_page(|c| app.store.organisations(&f, c, crate::list::MAX_LIMIT)).await?)
}

pub(crate) async fn all_people(app: &App) -> AppResult<Vec<PersonView>> {
    let f = PersonFilter::default();
    Ok(store::every_page(|c| app.store.people(&f, c, crate::list::MAX_LIMIT)).await?)
}

pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = ListQuery::parse(&ctx.query)?;
    let page = app.store.people(&filter(&q, &ctx), q.cursor.clone(), q.limit).await?;
    let items: Vec<Value> = page.items.iter().map(|v| public_json(&ctx, v)).collect();
    Ok(Json(serde_json::json!({"items": items, "next_cursor": page.next_cursor})).into_response())
}
