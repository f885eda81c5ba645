//! The administrators' page of sign-in (`/admin/inloggning`): the configured providers with the
//! redirect URI to register at them, and per organisation with a provider whether its people
//! may still use local passwords. One operation switches that, for the form and the API.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::ids::OrganisationId;
use domain::organisations::Organisation;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{post_logout_redirect_uri, redirect_uri};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::organisations::OrganisationPath;
use crate::pages::{Chrome, render};

/// The operation: switches local passwords on or off for the people of `org`. Only an
/// administrator; off only for an organisation with a provider, so nobody is locked out.
/// Answers whether anything changed (setting what is set changes nothing).
pub async fn set_local_passwords(app: &App, ctx: &Ctx, org: &Organisation, allowed: bool) -> AppResult<bool> {
    ctx.require_admin()?;
    if !allowed && !app.config.oidc.iter().any(|p| p.organisation_id == Some(org.id.0)) {
        return Err(AppError::Invalid(domain::Invalid::one(domain::FieldError::new(
            "local_passwords",
            "no_provider",
            "Organisationen har ingen inloggningstjänst: utan lokala lösenord kunde dess personer inte logga in.",
            "The organisation has no sign-in service: without local passwords its people could not sign in.",
        ))));
    }
    Ok(app.store.set_local_passwords(org.id, allowed, &ctx.actor()).await?)
}

/// A provider as the page and the API show it (never its secret).
struct ProviderRow {
    number: u32,
    label: String,
    issuer: String,
    client_id: String,
    organisation: Option<(i64, String)>,
}

/// An organisation with a provider or without local passwords.
struct OrganisationRow {
    id: i64,
    name: String,
    local_passwords: bool,
    has_provider: bool,
}

async fn rows(app: &App) -> AppResult<(Vec<ProviderRow>, Vec<OrganisationRow>)> {
    let without = app.store.organisations_without_passwords().await?;
    let mut providers = Vec::new();
    let mut organisations: Vec<OrganisationRow> = without
        .iter()
        .map(|(id, name)| OrganisationRow { id: *id, name: name.clone(), local_passwords: false, has_provider: false })
        .collect();
    for p in &app.config.oidc {
        let org = match p.organisation_id {
            Some(id) => app.store.organisation(OrganisationId(id)).await?,
            None => None,
        };
        if let Some(o) = &org {
            match organisations.iter_mut().find(|r| r.id == o.id.0) {
                Some(r) => r.has_provider = true,
                None => organisations.push(OrganisationRow {
                    id: o.id.0,
                    name: o.name.clone(),
                    local_passwords: true,
                    has_provider: true,
                }),
            }
        }
        providers.push(ProviderRow {
            number: p.number,
            label: p.label.clone(),
            issuer: p.issuer.clone(),
            client_id: p.client_id.clone(),
            organisation: org.map(|o| (o.id.0, o.name)),
        });
    }
    organisations.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok((providers, organisations))
}

#[derive(Template)]
#[template(path = "oidc/settings.html")]
struct SettingsPage {
    p: Chrome,
    redirect_uri: String,
    post_logout_redirect_uri: String,
    providers: Vec<ProviderRow>,
    organisations: Vec<OrganisationRow>,
}

async fn render_page(app: &App, ctx: &Ctx, invalid: Option<&domain::Invalid>) -> AppResult<Response> {
    ctx.require_admin()?;
    let (providers, organisations) = rows(app).await?;
    let mut p = Chrome::new(ctx, crate::i18n::text(ctx.lang, "signin.title"));
    if let Some(i) = invalid {
        p = p.with_errors(i);
    }
    let status = if invalid.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = SettingsPage {
        p,
        redirect_uri: redirect_uri(app),
        post_logout_redirect_uri: post_logout_redirect_uri(app),
        providers,
        organisations,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    render_page(&app, &ctx, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordsForm {
    organisation: String,
    /// "pa" or "av".
    local_passwords: String,
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, Input(f): Input<PasswordsForm>) -> AppResult<Response> {
    ctx.require_admin()?;
    let id: i64 = crate::forms::id(&f.organisation)?;
    let org = app.store.organisation(OrganisationId(id)).await?.ok_or(AppError::NotFound)?;
    let allowed = match f.local_passwords.as_str() {
        "pa" => true,
        "av" => false,
        _ => {
            let e = domain::FieldError::new("local_passwords", "invalid", "Välj på eller av.", "Choose on or off.");
            return render_page(&app, &ctx, Some(&e.into())).await;
        }
    };
    match set_local_passwords(&app, &ctx, &org, allowed).await {
        Ok(_) => Ok(Redirect::to("/admin/inloggning?klart=sparat").into_response()),
        Err(e) => render_page(&app, &ctx, Some(&reshown(e)?)).await,
    }
}

fn organisation_json(r: &OrganisationRow) -> Value {
    json!({"id": r.id, "name": r.name, "local_passwords": r.local_passwords, "has_provider": r.has_provider})
}

/// `GET /api/v1/admin/sign-in`: the providers, the redirect URI and the organisations.
pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let (providers, organisations) = rows(&app).await?;
    let providers: Vec<Value> = providers
        .iter()
        .map(|p| {
            json!({"number": p.number, "label": p.label, "issuer": p.issuer, "client_id": p.client_id,
                   "organisation_id": p.organisation.as_ref().map(|o| o.0)})
        })
        .collect();
    let organisations: Vec<Value> = organisations.iter().map(organisation_json).collect();
    Ok(Json(json!({
        "redirect_uri": redirect_uri(&app),
        "post_logout_redirect_uri": post_logout_redirect_uri(&app),
        "providers": providers,
        "organisations": organisations
    }))
    .into_response())
}

/// `PUT /api/v1/admin/sign-in/organisations/{id}` with `{"local_passwords": bool}`.
pub async fn api_put(
    State(app): State<App>,
    ctx: Ctx,
    OrganisationPath(org): OrganisationPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let mut j = JsonInput::parse(&headers, &body, &["local_passwords"])?;
    let allowed = j.bool("local_passwords");
    j.finish()?;
    let allowed = allowed.ok_or_else(|| AppError::from(domain::FieldError::required("local_passwords")))?;
    let changed = set_local_passwords(&app, &ctx, &org, allowed).await?;
    Ok(Json(json!({"id": org.id.0, "local_passwords": allowed, "changed": changed})).into_response())
}
