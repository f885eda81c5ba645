//! Adding and editing a node of a strategy's tree (the region's strategy owners): the
//! operations, the form and the API calls.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::named::Named;
use domain::strategy::{Dimension, NodeFields, NodeInput, NodeKind};
use store::strategy::{Node, Strategy};

use super::{NodePath, StrategyPath, require_owner};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, query_value, render};

/// The operation: a strategy owner adds a node; a retry with the same key returns it.
pub async fn create(app: &App, ctx: &Ctx, s: &Strategy, input: &NodeInput, key: Option<&str>) -> AppResult<Node> {
    require_owner(ctx)?;
    let id = app.store.create_strategy_node(s.id, input, &ctx.actor(), key).await?;
    node(app, s.id, id).await
}

/// The operation: a strategy owner replaces a node's fields, links and place.
pub async fn update(app: &App, ctx: &Ctx, s: &Strategy, id: i64, input: &NodeInput) -> AppResult<Node> {
    require_owner(ctx)?;
    app.store.update_strategy_node(id, input, &ctx.actor()).await?;
    node(app, s.id, id).await
}

async fn node(app: &App, strategy: i64, id: i64) -> AppResult<Node> {
    let s = app.store.strategy(strategy).await?.ok_or(AppError::NotFound)?;
    s.node(id).cloned().ok_or(AppError::NotFound)
}

fn of(n: &Node) -> NodeFields {
    NodeFields {
        parent_id: n.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        kind: n.kind.as_str().into(),
        title: n.title.clone(),
        description: n.description.clone().unwrap_or_default(),
        dimensions: n.dimensions.iter().map(|d| d.as_str().to_string()).collect(),
        sdg: n.sdg.iter().map(|r| r.code()).collect::<Vec<_>>().join(", "),
        bodies: n.bodies.iter().map(|b| b.id.to_string()).collect(),
        indicators: n.indicators.iter().map(|b| b.id.to_string()).collect(),
        position: n.position.to_string(),
    }
}

fn from_pairs(f: &Pairs) -> NodeFields {
    NodeFields {
        parent_id: f.get("parent_id"),
        kind: f.get("kind"),
        title: f.get("title"),
        description: f.get("description"),
        dimensions: f.all("dimensions"),
        sdg: f.get("sdg"),
        bodies: f.all("bodies"),
        indicators: f.all("indicators"),
        position: f.get("sort_order"),
    }
}

fn from_json(headers: &HeaderMap, body: &Bytes) -> AppResult<NodeInput> {
    let fields =
        ["parent_id", "kind", "title", "description", "dimensions", "sdg", "bodies", "indicators", "sort_order"];
    let mut j = JsonInput::parse(headers, body, &fields)?;
    let text = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
    let f = NodeFields {
        parent_id: text(j.id("parent_id")),
        position: text(j.int("sort_order")),
        kind: j.str("kind"),
        title: j.str("title"),
        description: j.str("description"),
        dimensions: j.strings("dimensions"),
        sdg: j.strings("sdg").join(" "),
        bodies: j.ids("bodies").iter().map(i64::to_string).collect(),
        indicators: j.ids("indicators").iter().map(i64::to_string).collect(),
    };
    j.finish()?;
    Ok(f.parse()?)
}

#[derive(Template)]
#[template(path = "strategy/node_form.html")]
struct FormPage {
    p: Chrome,
    s: Strategy,
    f: NodeFields,
    key: String,
    action: String,
    cancel: String,
    bodies: Vec<Named>,
    indicators: Vec<Named>,
    kinds: [NodeKind; 4],
    dimensions: [Dimension; 3],
    /// The node edited, which cannot be its own parent.
    editing: Option<i64>,
}

impl FormPage {
    fn has_dimension(&self, d: &Dimension) -> bool {
        self.f.dimensions.iter().any(|x| x == d.as_str())
    }

    fn has_body(&self, id: &i64) -> bool {
        self.f.bodies.iter().any(|b| b.trim() == id.to_string())
    }

    fn has_indicator(&self, id: &i64) -> bool {
        self.f.indicators.iter().any(|b| b.trim() == id.to_string())
    }

    fn is_editing(&self, id: &i64) -> bool {
        self.editing == Some(*id)
    }

    fn indent(&self, n: &Node) -> String {
        "– ".repeat(n.depth)
    }
}

#[allow(clippy::too_many_arguments)]
async fn page(
    app: &App,
    ctx: &Ctx,
    s: Strategy,
    title_key: &str,
    action: String,
    editing: Option<i64>,
    f: NodeFields,
    key: String,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, title_key)).form(invalid);
    let cancel = match editing {
        Some(id) => format!("/strategier/{}/delar/{id}", s.id),
        None => format!("/strategier/{}", s.id),
    };
    let bodies = super::document_form::bodies(app).await?;
    let indicators = app.store.indicators(true).await?.into_iter().map(|i| Named { id: i.id, name: i.title }).collect();
    let page = FormPage {
        p,
        s,
        f,
        key,
        action,
        cancel,
        bodies,
        indicators,
        kinds: NodeKind::ALL,
        dimensions: Dimension::ALL,
        editing,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn create_form(State(app): State<App>, ctx: Ctx, StrategyPath(s): StrategyPath) -> AppResult<Response> {
    require_owner(&ctx)?;
    let parent = query_value(&ctx.query, "under").unwrap_or_default();
    let kind = match parent.parse::<i64>().ok().and_then(|p| s.node(p)) {
        Some(p) => NodeKind::ALL.into_iter().find(|k| *k > p.kind).unwrap_or(NodeKind::ImpactGoal),
        None => NodeKind::Area,
    };
    let f = NodeFields { parent_id: parent, kind: kind.as_str().into(), ..Default::default() };
    let action = format!("/strategier/{}/delar", s.id);
    page(&app, &ctx, s, "strategy.node_new", action, None, f, crate::auth::new_secret(), None).await
}

pub async fn create_post(
    State(app): State<App>,
    ctx: Ctx,
    StrategyPath(s): StrategyPath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let f = from_pairs(&form);
    let key = form.get("idempotency_key");
    let result = match f.parse() {
        Ok(input) => create(&app, &ctx, &s, &input, Some(key.as_str()).filter(|k| !k.is_empty())).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(n) => Ok(Redirect::to(&format!("/strategier/{}/delar/{}?klart=skapat", s.id, n.id)).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            let action = format!("/strategier/{}/delar", s.id);
            page(&app, &ctx, s, "strategy.node_new", action, None, f, key, Some(&invalid)).await
        }
    }
}

pub async fn create_api(
    State(app): State<App>,
    ctx: Ctx,
    StrategyPath(s): StrategyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let input = from_json(&headers, &body)?;
    let n = create(&app, &ctx, &s, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/strategies/{}/nodes/{}", s.id, n.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(n)).into_response())
}

pub async fn update_form(State(app): State<App>, ctx: Ctx, NodePath(s, id): NodePath) -> AppResult<Response> {
    require_owner(&ctx)?;
    let f = of(s.node(id).ok_or(AppError::NotFound)?);
    let action = format!("/strategier/{}/delar/{id}", s.id);
    page(&app, &ctx, s, "strategy.node_edit", action, Some(id), f, String::new(), None).await
}

pub async fn update_post(
    State(app): State<App>,
    ctx: Ctx,
    NodePath(s, id): NodePath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let f = from_pairs(&form);
    let result = match f.parse() {
        Ok(input) => update(&app, &ctx, &s, id, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    let action = format!("/strategier/{}/delar/{id}", s.id);
    match result {
        Ok(_) => Ok(Redirect::to(&format!("{action}?klart=sparat")).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            page(&app, &ctx, s, "strategy.node_edit", action, Some(id), f, String::new(), Some(&invalid)).await
        }
    }
}

pub async fn update_api(
    State(app): State<App>,
    ctx: Ctx,
    NodePath(s, id): NodePath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let input = from_json(&headers, &body)?;
    let n = update(&app, &ctx, &s, id, &input).await?;
    Ok(Json(n).into_response())
}
