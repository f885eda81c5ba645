//! Registering and editing a governing document, and relating it to another (the region's
//! strategy owners): the operations, the forms and the API calls.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::named::Named;
use domain::strategy::{DocumentFields, DocumentInput, DocumentKind, RelationInput, RevisionRule};
use store::organisations::OrganisationFilter;
use store::strategy::GoverningDocument;

use super::{DocumentPath, require_owner};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The operation: a strategy owner registers a document; a retry with the same key returns it.
pub async fn create(app: &App, ctx: &Ctx, input: &DocumentInput, key: Option<&str>) -> AppResult<GoverningDocument> {
    require_owner(ctx)?;
    let id = app.store.create_governing_document(input, &ctx.actor(), key).await?;
    app.store.governing_document(id).await?.ok_or(AppError::NotFound)
}

/// The operation: a strategy owner replaces a document's fields.
pub async fn update(app: &App, ctx: &Ctx, id: i64, input: &DocumentInput) -> AppResult<GoverningDocument> {
    require_owner(ctx)?;
    app.store.update_governing_document(id, input, &ctx.actor()).await?;
    app.store.governing_document(id).await?.ok_or(AppError::NotFound)
}

/// The operation: a strategy owner relates two documents.
pub async fn relate(app: &App, ctx: &Ctx, r: &RelationInput) -> AppResult<()> {
    require_owner(ctx)?;
    Ok(app.store.add_governing_relation(r, &ctx.actor()).await?)
}

/// The organisations and bodies a form offers.
pub(crate) async fn organisations(app: &App) -> AppResult<Vec<Named>> {
    let f = OrganisationFilter::default();
    let all = store::every_page(|c| app.store.organisations(&f, c, 500)).await?;
    Ok(all.into_iter().map(|o| Named { id: o.id.0, name: o.name }).collect())
}

pub(crate) async fn bodies(app: &App) -> AppResult<Vec<Named>> {
    Ok(app.store.all_bodies().await?.into_iter().map(|b| Named { id: b.id.0, name: b.name }).collect())
}

fn of(d: &GoverningDocument) -> DocumentFields {
    let s = |v: Option<time::Date>| v.map(|d| d.to_string()).unwrap_or_default();
    DocumentFields {
        owner_id: d.owner.id.to_string(),
        kind: d.kind.as_str().into(),
        title: d.title.clone(),
        summary: d.summary.clone().unwrap_or_default(),
        valid_from: s(d.valid_from),
        valid_to: s(d.valid_to),
        adopted_body_id: d.adopted_body.as_ref().map(|b| b.id.to_string()).unwrap_or_default(),
        adopted_by: d.adopted_by.clone().unwrap_or_default(),
        adopted_on: s(d.adopted_on),
        adopted_paragraph: d.adopted_paragraph.clone().unwrap_or_default(),
        paragraph_id: d.adopted_in.as_ref().map(|p| p.id.to_string()).unwrap_or_default(),
        revision_rule: d.revision_rule.as_string(),
        reviewed_on: s(d.reviewed_on),
        initiated_by_body_id: d.initiated_by.as_ref().map(|b| b.id.to_string()).unwrap_or_default(),
    }
}

fn from_pairs(f: &Pairs) -> DocumentFields {
    DocumentFields {
        owner_id: f.get("owner_id"),
        kind: f.get("kind"),
        title: f.get("title"),
        summary: f.get("summary"),
        valid_from: f.get("valid_from"),
        valid_to: f.get("valid_to"),
        adopted_body_id: f.get("adopted_body_id"),
        adopted_by: f.get("adopted_by"),
        adopted_on: f.get("adopted_on"),
        adopted_paragraph: f.get("adopted_paragraph"),
        paragraph_id: f.get("paragraph_id"),
        revision_rule: f.get("revision_rule"),
        reviewed_on: f.get("reviewed_on"),
        initiated_by_body_id: f.get("initiated_by_body_id"),
    }
}

const FIELDS: &[&str] = &[
    "owner_id",
    "kind",
    "title",
    "summary",
    "valid_from",
    "valid_to",
    "adopted_body_id",
    "adopted_by",
    "adopted_on",
    "adopted_paragraph",
    "paragraph_id",
    "revision_rule",
    "reviewed_on",
    "initiated_by_body_id",
];

fn from_json(headers: &HeaderMap, body: &Bytes) -> AppResult<DocumentInput> {
    let mut j = JsonInput::parse(headers, body, FIELDS)?;
    let id = |j: &mut JsonInput, f: &str| j.id(f).map(|i| i.to_string()).unwrap_or_default();
    let f = DocumentFields {
        owner_id: id(&mut j, "owner_id"),
        adopted_body_id: id(&mut j, "adopted_body_id"),
        paragraph_id: id(&mut j, "paragraph_id"),
        initiated_by_body_id: id(&mut j, "initiated_by_body_id"),
        kind: j.str("kind"),
        title: j.str("title"),
        summary: j.str("summary"),
        valid_from: j.str("valid_from"),
        valid_to: j.str("valid_to"),
        adopted_by: j.str("adopted_by"),
        adopted_on: j.str("adopted_on"),
        adopted_paragraph: j.str("adopted_paragraph"),
        revision_rule: j.str("revision_rule"),
        reviewed_on: j.str("reviewed_on"),
    };
    j.finish()?;
    Ok(f.parse()?)
}

#[derive(Template)]
#[template(path = "strategy/document_form.html")]
struct FormPage {
    p: Chrome,
    f: DocumentFields,
    key: String,
    action: String,
    cancel: String,
    organisations: Vec<Named>,
    bodies: Vec<Named>,
    kinds: [DocumentKind; 6],
    rules: Vec<RevisionRule>,
}

impl FormPage {
    fn rule_label(&self, r: &RevisionRule) -> String {
        match r {
            RevisionRule::BetweenElections => self.p.t("strategy.rule_between_elections").to_string(),
            RevisionRule::EveryYears(n) => {
                format!("{} {n} {}", self.p.t("strategy.rule_every"), self.p.t("strategy.rule_years"))
            }
            RevisionRule::None => self.p.t("strategy.rule_none").to_string(),
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn page(
    app: &App,
    ctx: &Ctx,
    title_key: &str,
    action: String,
    cancel: String,
    f: DocumentFields,
    key: String,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, title_key)).form(invalid);
    let page = FormPage {
        p,
        f,
        key,
        action,
        cancel,
        organisations: organisations(app).await?,
        bodies: bodies(app).await?,
        kinds: DocumentKind::ALL,
        rules: RevisionRule::choices(),
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn create_form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    require_owner(&ctx)?;
    let f = DocumentFields { kind: "strategy".into(), revision_rule: "between_elections".into(), ..Default::default() };
    let key = crate::auth::new_secret();
    page(&app, &ctx, "strategy.document_new", "/styrdokument".into(), "/styrdokument".into(), f, key, None).await
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
        Ok(d) => Ok(Redirect::to(&format!("/styrdokument/{}?klart=skapat", d.id)).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            page(
                &app,
                &ctx,
                "strategy.document_new",
                "/styrdokument".into(),
                "/styrdokument".into(),
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
    let d = create(&app, &ctx, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/governing-documents/{}", d.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(d)).into_response())
}

pub async fn update_form(State(app): State<App>, ctx: Ctx, DocumentPath(d): DocumentPath) -> AppResult<Response> {
    require_owner(&ctx)?;
    let here = format!("/styrdokument/{}", d.id);
    page(&app, &ctx, "strategy.document_edit", here.clone(), here, of(&d), String::new(), None).await
}

pub async fn update_post(
    State(app): State<App>,
    ctx: Ctx,
    DocumentPath(d): DocumentPath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let f = from_pairs(&form);
    let result = match f.parse() {
        Ok(input) => update(&app, &ctx, d.id, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    let here = format!("/styrdokument/{}", d.id);
    match result {
        Ok(_) => Ok(Redirect::to(&format!("{here}?klart=sparat")).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            page(&app, &ctx, "strategy.document_edit", here.clone(), here, f, String::new(), Some(&invalid)).await
        }
    }
}

pub async fn update_api(
    State(app): State<App>,
    ctx: Ctx,
    DocumentPath(d): DocumentPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let input = from_json(&headers, &body)?;
    Ok(Json(update(&app, &ctx, d.id, &input).await?).into_response())
}

pub async fn relation_post(
    State(app): State<App>,
    ctx: Ctx,
    DocumentPath(d): DocumentPath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let result = match RelationInput::parse(d.id, &form.get("to_id"), &form.get("relation")) {
        Ok(r) => relate(&app, &ctx, &r).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/styrdokument/{}?klart=sparat#relationer", d.id)).into_response()),
        // The relation form is on the document's page: shown again there with the error.
        Err(e) => super::documents::show_page(&app, &ctx, d, Some(&reshown(e)?)).await,
    }
}

pub async fn relation_api(
    State(app): State<App>,
    ctx: Ctx,
    DocumentPath(d): DocumentPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let mut j = JsonInput::parse(&headers, &body, &["to_id", "relation"])?;
    let to = j.id("to_id").map(|i| i.to_string()).unwrap_or_default();
    let kind = j.str("relation");
    j.finish()?;
    relate(&app, &ctx, &RelationInput::parse(d.id, &to, &kind)?).await?;
    let d = app.store.governing_document(d.id).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(d)).into_response())
}
