//! Verification: whether the stored text of every version is exactly what was adjusted (its
//! digest and its approvals' signatures). The page, public once the protocol is adjusted, and
//! the API, for those who may read the protocol.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use store::meetings::{Meeting, Verification};

use super::record::published;
use super::view;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::meetings::access::require_protocol_record;
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
    published(&m)?;
    let v = app.store.verify_protocol(m.id).await?;
    let p = Chrome::new(&ctx, format!("{} – {} {}", i18n::text(ctx.lang, "verify.title"), m.body_name, m.date));
    Ok(render(&VerifyPage { p, m, v })?.into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    require_protocol_record(&app, &ctx, &m).await?;
    Ok(Json(app.store.verify_protocol(m.id).await?).into_response())
}
