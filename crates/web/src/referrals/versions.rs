//! Later versions of the document and their comparison with the referral version (issue 12,
//! ADR 52): the drafter adds a version (numbered sections from Markdown, like the first) on
//! the referral's page or through the API; everyone who may read the referral reads the
//! comparison, section by section with struck and inserted words marked as `<del>`/`<ins>`
//! and said in words, which the report links to as "how the document changed".

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::referrals::{DiffSummary, SectionDiff, from_markdown};
use serde::{Deserialize, Serialize};
use store::referrals::{Referral, VERSION_LABEL_MAX, Version};

use super::ReferralPath;
use super::access::{require_drafter, require_visible};
use super::show::{Typed, referral_page};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct VersionForm {
    pub label: String,
    pub markdown: String,
    pub idempotency_key: String,
}

/// The operation: a later version of the document, its sections from the Markdown's headings.
pub async fn add_version(app: &App, ctx: &Ctx, r: &Referral, f: &VersionForm) -> AppResult<i64> {
    require_drafter(app, ctx, r).await?;
    let mut e = domain::error::Errors::new();
    let label = e.check(domain::text::required("label", &f.label, VERSION_LABEL_MAX));
    let text =
        e.check(domain::text::optional_multiline("markdown", &f.markdown, domain::referrals::section::BODY_MAX * 4));
    let sections = match text.flatten() {
        Some(t) => match from_markdown(&t) {
            Ok(s) => Some(s),
            Err(domain::Invalid(errs)) => {
                errs.into_iter().for_each(|x| e.push(x));
                None
            }
        },
        None => {
            e.push(domain::FieldError::required("markdown"));
            None
        }
    };
    e.finish(|| ())?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let (label, sections) = (label.unwrap_or_default(), sections.unwrap_or_default());
    Ok(app.store.add_referral_version(r.id, &label, &sections, &ctx.actor(), key).await?)
}

pub async fn version_post(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    Input(f): Input<VersionForm>,
) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    match add_version(&app, &ctx, &r, &f).await {
        Ok(v) => Ok(Redirect::to(&format!("/remisser/{}/jamforelse?version={v}", r.id)).into_response()),
        Err(e) => {
            let typed =
                Typed { markdown: f.markdown, label: f.label, version_key: f.idempotency_key, ..Typed::default() };
            referral_page(&app, &ctx, r, typed, Some(&reshown(e)?)).await
        }
    }
}

/// The comparison of one later version with the referral version.
#[derive(Serialize)]
pub struct Comparison {
    pub version: Version,
    pub referral_version: String,
    pub summary: DiffSummary,
    pub sections: Vec<SectionDiff>,
}

/// The comparison of version `version` (the newest when none), or `None` when the document has
/// no later version.
pub async fn comparison(app: &App, r: &Referral, version: Option<i64>) -> AppResult<Option<Comparison>> {
    let versions = app.store.referral_versions(r.id).await?;
    let chosen = match version {
        Some(v) => Some(versions.into_iter().find(|x| x.version == v).ok_or(AppError::NotFound)?),
        None => versions.into_iter().last(),
    };
    let Some(version) = chosen else { return Ok(None) };
    let referral = app.store.referral_sections(r.id, 1).await?;
    let later = app.store.referral_sections(r.id, version.version).await?;
    let (sections, summary) = domain::referrals::diff::sections(&referral, &later);
    Ok(Some(Comparison { version, referral_version: r.document_version.clone(), summary, sections }))
}

#[derive(Template)]
#[template(path = "referrals/compare.html")]
struct ComparePage {
    p: Chrome,
    r: Referral,
    versions: Vec<Version>,
    c: Option<Comparison>,
}

fn version_of(query: &str) -> AppResult<Option<i64>> {
    match query.split('&').filter_map(|kv| kv.split_once('=')).find(|(k, _)| *k == "version") {
        None | Some((_, "")) => Ok(None),
        Some((_, v)) => crate::forms::id(v).map(Some),
    }
}

/// `/remisser/{id}/jamforelse?version=N`: the comparison page (the newest version by default).
pub async fn page(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_visible(&app, &ctx, &r).await?;
    let c = comparison(&app, &r, version_of(&ctx.query)?).await?;
    let versions = app.store.referral_versions(r.id).await?;
    let title = format!("{} – {}", crate::i18n::text(ctx.lang, "referral.compare"), r.title);
    let p = Chrome::new(&ctx, title);
    Ok(render(&ComparePage { p, r, versions, c })?.into_response())
}

/// `GET /api/v1/referrals/{id}/versions`: the later versions.
pub async fn list_api(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_visible(&app, &ctx, &r).await?;
    Ok(Json(serde_json::json!({ "items": app.store.referral_versions(r.id).await? })).into_response())
}

/// `POST /api/v1/referrals/{id}/versions`: `{"label", "markdown"}`; the comparison with the
/// referral version.
pub async fn create_api(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_user()?;
    let mut j = JsonInput::parse(&headers, &body, &["label", "markdown"])?;
    let f = VersionForm {
        label: j.str("label"),
        markdown: j.str("markdown"),
        idempotency_key: crate::json::idempotency_key(&headers).unwrap_or("").to_string(),
    };
    j.finish()?;
    let v = add_version(&app, &ctx, &r, &f).await?;
    let c = comparison(&app, &r, Some(v)).await?;
    let location = format!("/api/v1/referrals/{}/versions/{v}/comparison", r.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(c)).into_response())
}

/// `GET /api/v1/referrals/{id}/versions/{version}/comparison`.
pub async fn comparison_api(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path((_, version)): axum::extract::Path<(String, String)>,
    ReferralPath(r): ReferralPath,
) -> AppResult<Response> {
    require_visible(&app, &ctx, &r).await?;
    let v: i64 = crate::forms::id(&version)?;
    let c = comparison(&app, &r, Some(v)).await?.ok_or(AppError::NotFound)?;
    Ok(Json(c).into_response())
}
