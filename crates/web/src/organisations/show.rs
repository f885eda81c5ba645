//! One organisation: its page with its people, and its JSON.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::organisations::Organisation;
use domain::reference;
use store::people::{PersonFilter, PersonView};

use super::OrganisationPath;
use super::place::Place;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "organisations/show.html")]
struct ShowPage {
    p: Chrome,
    o: Organisation,
    county_name: Option<&'static str>,
    people: Vec<PersonView>,
    more_people: bool,
    place: Place,
}

pub async fn page(State(app): State<App>, ctx: Ctx, OrganisationPath(o): OrganisationPath) -> AppResult<Response> {
    let filter = PersonFilter { organisation_id: Some(o.id), public: !ctx.is_admin(), ..Default::default() };
    let people = app.store.people(&filter, None, 100).await?;
    let county_name = o.county_code.as_deref().and_then(reference::county).map(|c| c.name.as_str());
    let place = super::place::load(&app, o.id).await?;
    Ok(render(&ShowPage {
        place,
        p: Chrome::new(&ctx, o.name.clone()),
        county_name,
        more_people: people.next_cursor.is_some(),
        people: people.items,
        o,
    })?
    .into_response())
}

pub async fn api(OrganisationPath(o): OrganisationPath) -> Response {
    Json(o).into_response()
}
