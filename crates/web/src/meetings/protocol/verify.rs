//! Verification: whether the stored text of every version is exactly what was adjusted (its
//! digest and its approvals' signatures), on the page and through the API alike: for those who
//! may read the protocol as it stands (everyone once adjusted), once it has been submitted.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use store::meetings::{Meeting, Verification};

use super::view;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::meetings::access::require_protocol;
use crate::meetings::path::MeetingPath;
use crate::pages::{Chrome, render};
use crate::{App, i18n};

#[derive(Template)]
#[template(path = "protocol/verify.html")]
struct VerifyPage {
    p: Chrome,
    m: Meeting,
    v: Verification,
}

impl VerifyPage {
    pub fn role(&self, r: &str) -> &'static str {
        view::role_label(r, self.p.lang)
    }
}

pub async fn page(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    let v = verification(&app, &ctx, &m).await?;
    let p = Chrome::new(&ctx, format!("{} – {} {}", i18n::text(ctx.lang, "verify.title"), m.body_name, m.date));
    Ok(render(&VerifyPage { p, m, v })?.into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    Ok(Json(verification(&app, &ctx, &m).await?).into_response())
}

/// The check of every version, for those who may read the protocol; nothing to verify (404)
/// before the protocol has been submitted.
async fn verification(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<Verification> {
    require_protocol(app, ctx, m).await?;
    let v = app.store.verify_protocol(m.id).await?;
    if v.versions.is_empty() { Err(AppError::NotFound) } else { Ok(v) }
}
