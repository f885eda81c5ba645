//! Removing a role of the process organisation or a question (its owners): a confirmation page
//! (`/processer/{id}/roller/{role}/ta-bort`, `/processer/{id}/fragor/{question}/ta-bort`), its
//! post, and `DELETE /api/v1/processes/{id}/roles/{role}` and `…/questions/{question}`. A
//! question that inputs answer is not removed (the compilation groups inputs by their question):
//! the page says so instead of offering the button. A form sent twice leads back to the process
//! as the first did.

use askama::Template;
use axum::extract::{FromRequestParts, RawPathParams, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use domain::FieldError;
use store::processes::{Process, Removal};

use super::ProcessPath;
use super::access::require_owner;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::pages::{Chrome, render};

/// The id in the route parameter `name`, if it is one.
pub(super) fn param(params: &RawPathParams, name: &str) -> Option<i64> {
    params.iter().find(|(k, _)| *k == name).and_then(|(_, v)| v.parse().ok()).filter(|v: &i64| *v > 0)
}

/// Why a question that inputs answer is not removed, in both languages.
pub fn answered(n: i64) -> FieldError {
    FieldError::new(
        "question",
        "question_answered",
        format!(
            "{n} inspel svarar på frågan, och sammanställningen ordnar dem efter den. Frågan finns kvar; \
             skriv en ny fråga om den behöver formuleras om."
        ),
        format!(
            "{n} input(s) answer the question, and the compilation groups them by it. The question is kept; \
             add a new question if it needs rewording."
        ),
    )
}

/// What is removed: a role or a question of the process, by its id in the route (`{role}` or
/// `{question}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Role(i64),
    Question(i64),
}

/// `{id}/roller/{role}` or `{id}/fragor/{question}`: a readable process and what to remove from
/// it (which may already be gone).
pub struct TargetPath(pub Process, pub Target);

impl FromRequestParts<App> for TargetPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, app).await.map_err(|_| AppError::NotFound)?;
        let target = match (param(&params, "role"), param(&params, "question")) {
            (Some(r), _) => Target::Role(r),
            (None, Some(q)) => Target::Question(q),
            (None, None) => return Err(AppError::NotFound),
        };
        let ProcessPath(x) = ProcessPath::from_request_parts(parts, app).await?;
        Ok(TargetPath(x, target))
    }
}

impl Target {
    /// What the process page calls it, if the process still has it.
    fn name(self, ctx: &Ctx, x: &Process) -> Option<String> {
        match self {
            Target::Role(id) => x
                .roles
                .iter()
                .find(|r| r.id == id)
                .map(|r| format!("{}: {}", crate::i18n::text(ctx.lang, &r.kind.key()), r.holder())),
            Target::Question(id) => x.questions.iter().find(|q| q.id == id).map(|q| q.text.clone()),
        }
    }

    fn action(self, x: &Process) -> String {
        match self {
            Target::Role(id) => format!("/processer/{}/roller/{id}/ta-bort", x.id),
            Target::Question(id) => format!("/processer/{}/fragor/{id}/ta-bort", x.id),
        }
    }

    fn heading(self) -> &'static str {
        match self {
            Target::Role(_) => "process.remove_role",
            Target::Question(_) => "process.remove_question",
        }
    }
}

/// The operation: an owner removes a role, or a question no input answers (409 with the
/// reason otherwise).
pub async fn remove(app: &App, ctx: &Ctx, x: &Process, t: Target) -> AppResult<()> {
    require_owner(app, ctx, x).await?;
    let actor = ctx.actor();
    match t {
        Target::Role(id) => Ok(app.store.remove_role(x.id, id, &actor).await?),
        Target::Question(id) => match app.store.remove_question(x.id, id, &actor).await? {
            Removal::Removed => Ok(()),
            Removal::InUse(n) => Err(AppError::Conflict(answered(n))),
        },
    }
}

#[derive(Template)]
#[template(path = "processes/remove.html")]
struct Page {
    p: Chrome,
    x: Process,
    /// What is removed, as the process page names it.
    name: String,
    action: String,
    /// Why it cannot be removed, if it cannot.
    refused: Option<String>,
}

/// The confirmation page, or with `refused` the reason it cannot be removed (`status` 200 when
/// shown before anything was tried, 409 when a removal was just refused).
fn page(
    ctx: &Ctx,
    x: Process,
    heading: &str,
    (name, action): (String, String),
    refused: Option<FieldError>,
    status: StatusCode,
) -> Response {
    let p = Chrome::new(ctx, format!("{} – {name}", crate::i18n::text(ctx.lang, heading)));
    let refused = refused.map(|e| e.message(ctx.lang).to_string());
    match render(&Page { p, x, name, action, refused }) {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_response(),
    }
}

fn back(x: &Process) -> Response {
    Redirect::to(&format!("/processer/{}?klart=borttaget", x.id)).into_response()
}

/// The confirmation page; for a question that inputs answer, the reason it stays instead.
pub async fn confirm(State(app): State<App>, ctx: Ctx, TargetPath(x, t): TargetPath) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let name = t.name(&ctx, &x).ok_or(AppError::NotFound)?;
    let refused = match t {
        Target::Question(id) => {
            let answers = app.store.question_answers(x.id).await?;
            answers.into_iter().find(|(q, n)| *q == id && *n > 0).map(|(_, n)| answered(n))
        }
        Target::Role(_) => None,
    };
    let action = t.action(&x);
    Ok(page(&ctx, x, t.heading(), (name, action), refused, StatusCode::OK))
}

/// The removal; sent again once it is gone, it leads back as the first did.
pub async fn remove_post(State(app): State<App>, ctx: Ctx, TargetPath(x, t): TargetPath) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let Some(name) = t.name(&ctx, &x) else { return Ok(back(&x)) };
    match remove(&app, &ctx, &x, t).await {
        Ok(()) => Ok(back(&x)),
        Err(AppError::Conflict(e)) => {
            let action = t.action(&x);
            Ok(page(&ctx, x, t.heading(), (name, action), Some(e), StatusCode::CONFLICT))
        }
        Err(e) => Err(e),
    }
}

/// `DELETE /api/v1/processes/{id}/roles/{role}` and `…/questions/{question}`: 204, or 404 when
/// there is none.
pub async fn api(State(app): State<App>, ctx: Ctx, TargetPath(x, t): TargetPath) -> AppResult<Response> {
    remove(&app, &ctx, &x, t).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
