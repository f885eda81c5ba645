//! A person's personal data, for administrators: every place the register keeps it, with
//! links, and the form that removes it from the web with a reason (`/personer/{id}/personuppgifter`).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use store::people::PersonView;
use store::privacy::Places;

use crate::App;
use crate::audit_words::AuditRow;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};
use crate::people::PersonPath;

#[derive(Template)]
#[template(path = "privacy/places.html")]
struct PlacesPage {
    p: Chrome,
    places: Places,
    reason: String,
    /// The audit events about the person and their accounts, in words.
    events: Vec<AuditRow>,
}

/// The page, with the reason typed so far and its error when a removal was refused (422).
pub async fn render_page(
    app: &App,
    ctx: &Ctx,
    v: &PersonView,
    reason: &str,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let places = app.store.personal_data_places(v.person.id).await?;
    let title = format!("{} – {}", crate::i18n::text(ctx.lang, "privacy.title"), v.person.name);
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    let labels = app.store.audit_labels(&crate::audit_words::references(&places.audit)).await?;
    let events = crate::audit_words::rows(places.audit.clone(), &labels, ctx.lang);
    Ok((status, render(&PlacesPage { p, places, reason: reason.to_string(), events })?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    render_page(&app, &ctx, &v, "", None).await
}
