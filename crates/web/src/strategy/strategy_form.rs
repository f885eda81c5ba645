//! Creating and editing a strategy (the region's strategy owners): the operations, the form
//! and the API calls.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::named::Named;
use domain::strategy::{StrategyFields, StrategyInput};
use store::strategy::{DocumentFilter, Strategy};

use super::{StrategyPath, require_owner};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The operation: a strategy owner creates a strategy; a retry with the same key returns it.
pub async fn create(app: &App, ctx: &Ctx, input: &StrategyInput, key: Option<&str>) -> AppResult<Strategy> {
    require_owner(ctx)?;
    let id = app.store.create_strategy(input, &ctx.actor(), key).await?;
    app.store.strategy(id).await?.ok_or(AppError::NotFound)
}

/// The operation: a strategy owner replaces a strategy's own fields.
pub async fn update(app: &App, ctx: &Ctx, id: i64, input: &StrategyInput) -> AppResult<Strategy> {
    require_owner(ctx)?;
    app.store.update_strategy(id, input, &ctx.actor()).await?;
    app.store.strategy(id).await?.ok_or(AppError::NotFound)
}

fn of(s: &Strategy) -> StrategyFields {
    StrategyFields {
        owner_id: s.owner.id.to_string(),
        title: s.title.clone(),
        vision: s.vision.clone().unwrap_or_default(),
        first_year: s.first_year.to_string(),
        last_year: s.last_year.to_string(),
        status: s.status.as_str().into(),
        document_id: s.document.as_ref().map(|d| d.id.to_string()).unwrap_or_default(),
    }
}

fn from_pairs(f: &Pairs) -> StrategyFields {
    StrategyFields {
        owner_id: f.get("owner_id"),
        title: f.get("title"),
        vision: f.get("vision"),
        first_year: f.get("first_year"),
        last_year: f.get("last_year"),
        status: f.get("status"),
        document_id: f.get("document_id"),
    }
}

fn from_json(headers: &HeaderMap, body: &Bytes) -> AppResult<StrategyInput> {
    let fields = ["owner_id", "title", "vision", "first_year", "last_year", "status", "document_id"];
    let mut j = JsonInput::parse(headers, body, &fields)?;
    let text = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
    let f = StrategyFields {
        owner_id: text(j.id("owner_id")),
        document_id: text(j.id("document_id")),
        first_year: text(j.int("first_year")),
        last_year: text(j.int("last_year")),
        title: j.str("title"),
        vision: j.str("vision"),
        status: j.str("status"),
    };
    j.finish()?;
    Ok(f.parse()?)
}

#[derive(Template)]
#[template(path = "strategy/strategy_form.html")]
struct FormPage {
    p: Chrome,
    f: StrategyFields,
    key: String,
    action: String,
    cancel: String,
    organisations: Vec<Named>,
    documents: Vec<Named>,
}

#[allow(clippy::too_many_arguments)]
async fn page(
    app: &App,
    ctx: &Ctx,
    title_key: &str,
    action: String,
    cancel: String,
    f: StrategyFields,
    key: String,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, title_key)).form(invalid);
    let documents = app.store.governing_documents(&DocumentFilter::default()).await?;
    let page = FormPage {
        p,
        f,
        key,
        action,
        cancel,
        organisations: super::document_form::organisations(app).await?,
        documents: documents.into_iter().map(|d| Named { id: d.id, name: d.title }).collect(),
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn create_form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    require_owner(&ctx)?;
    let f = StrategyFields { status: "drafting".into(), ..Default::default() };
    let key = crate::auth::new_secret();
    page(&app, &ctx, "strategy.strategy_new", "/strategier".into(), "/strategier".into(), f, key, None).await
}

pub async fn create_post(State(app): State<App>, ctx: Ctx, form: Pairs) -> AppResult<Response> {
    require_owner(&ctx)?;
    let f = from_pairs(&form);
    let key = form.get("idempotency_key");
    let result = match f.parse() {
        Ok(input) => create(&app, &ctx, &input, Some(key.as_str()).filter(|k| !k.is_empty())).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(s) => Ok(Redirect::to(&format!("/strategier/{}?klart=skapat", s.id)).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            page(
                &app,
                &ctx,
                "strategy.strategy_new",
                "/strategier".into(),
                "/strategier".into(),
                f,
                key,
                Some(&invalid),
            )
            .await
        }
    }
}

pub async fn create_api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    require_owner(&ctx)?;
    let input = from_json(&headers, &body)?;
    let s = create(&app, &ctx, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/strategies/{}", s.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(s)).into_response())
}

pub async fn update_form(State(app): State<App>, ctx: Ctx, StrategyPath(s): StrategyPath) -> AppResult<Response> {
    require_owner(&ctx)?;
    let here = format!("/strategier/{}", s.id);
    page(&app, &ctx, "strategy.strategy_edit", here.clone(), here, of(&s), String::new(), None).await
}

pub async fn update_post(
    State(app): State<App>,
    ctx: Ctx,
    StrategyPath(s): StrategyPath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let f = from_pairs(&form);
    let result = match f.parse() {
        Ok(input) => update(&app, &ctx, s.id, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    let here = format!("/strategier/{}", s.id);
    match result {
        Ok(_) => Ok(Redirect::to(&format!("{here}?klart=sparat")).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            page(&app, &ctx, "strategy.strategy_edit", here.clone(), here, f, String::new(), Some(&invalid)).await
        }
    }
}

pub async fn update_api(
    State(app): State<App>,
    ctx: Ctx,
    StrategyPath(s): StrategyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let input = from_json(&headers, &body)?;
    Ok(Json(update(&app, &ctx, s.id, &input).await?).into_response())
}
