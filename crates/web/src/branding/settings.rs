//! Setting the look (administrators): one operation, the page at `/admin/utseende` (a
//! multipart form, so that the logo can come with it) and the API.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::branding::{Branding, BrandingInput, Logo, MAX_LOGO_BYTES};
use domain::{FieldError, Invalid};
use serde_json::json;
use store::branding::LogoChange;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::reshown;
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The operation: an administrator sets the name and accent colour, and keeps, replaces or
/// removes the logo.
pub async fn set(app: &App, ctx: &Ctx, input: &BrandingInput, logo: &LogoChange) -> AppResult<Branding> {
    ctx.require_admin()?;
    app.store.set_branding(input, logo, &ctx.actor()).await?;
    Ok(app.brand.get(&app.store).await.as_ref().clone())
}

/// What the form holds, as typed.
#[derive(Default)]
struct BrandForm {
    name: String,
    accent: String,
    remove_logo: bool,
    logo: Option<Vec<u8>>,
    too_large: bool,
}

impl BrandForm {
    fn of(b: &Branding) -> BrandForm {
        BrandForm { name: b.name.clone(), accent: b.accent.map(|c| c.hex()).unwrap_or_default(), ..Default::default() }
    }

    fn parse(&self) -> Result<(BrandingInput, LogoChange), Invalid> {
        let input = BrandingInput::parse(&self.name, &self.accent);
        let logo = if self.too_large {
            Err(Logo::parse(vec![0; MAX_LOGO_BYTES + 1]).expect_err("too large"))
        } else {
            match (&self.logo, self.remove_logo) {
                (Some(bytes), _) => Logo::parse(bytes.clone()).map(LogoChange::Set),
                (None, true) => Ok(LogoChange::Remove),
                (None, false) => Ok(LogoChange::Keep),
            }
        };
        match (input, logo) {
            (Ok(i), Ok(l)) => Ok((i, l)),
            (Err(mut e), Err(l)) => {
                e.0.push(l);
                Err(e)
            }
            (Err(e), _) => Err(e),
            (_, Err(l)) => Err(Invalid::one(l)),
        }
    }
}

async fn read_form(mut mp: Multipart) -> AppResult<BrandForm> {
    let mut f = BrandForm::default();
    let unreadable = || AppError::BadRequest {
        code: "invalid_form",
        field: None,
        sv: "Formuläret kunde inte läsas.".into(),
        en: "The form could not be read.".into(),
    };
    while let Some(mut field) = mp.next_field().await.map_err(|_| unreadable())? {
        match field.name().unwrap_or("") {
            "name" => f.name = field.text().await.map_err(|_| unreadable())?,
            "accent" => f.accent = field.text().await.map_err(|_| unreadable())?,
            "remove_logo" => f.remove_logo = !field.text().await.map_err(|_| unreadable())?.is_empty(),
            "logo" => {
                let mut bytes = Vec::new();
                while let Some(c) = field.chunk().await.map_err(|_| unreadable())? {
                    if bytes.len() + c.len() > MAX_LOGO_BYTES {
                        f.too_large = true;
                    } else {
                        bytes.extend_from_slice(&c);
                    }
                }
                if !bytes.is_empty() {
                    f.logo = Some(bytes);
                }
            }
            _ => {}
        }
    }
    crate::forms::refuse_nul([("name", f.name.as_str()), ("accent", f.accent.as_str())])?;
    Ok(f)
}

#[derive(Template)]
#[template(path = "admin/branding.html")]
struct Page {
    p: Chrome,
    f: BrandForm,
    current: Branding,
    logo: Option<String>,
}

fn show(ctx: &Ctx, current: Branding, f: BrandForm, invalid: Option<&Invalid>) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, "brand.title")).form(invalid);
    let logo = current.logo_href();
    Ok((status, render(&Page { p, f, current, logo })?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let current = app.brand.get(&app.store).await.as_ref().clone();
    show(&ctx, current.clone(), BrandForm::of(&current), None)
}

pub async fn page_post(State(app): State<App>, ctx: Ctx, mp: Multipart) -> AppResult<Response> {
    ctx.require_admin()?;
    let f = read_form(mp).await?;
    let result = match f.parse() {
        Ok((input, logo)) => set(&app, &ctx, &input, &logo).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(Redirect::to("/admin/utseende?klart=sparat").into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            let current = app.brand.get(&app.store).await.as_ref().clone();
            show(&ctx, current, BrandForm { logo: None, ..f }, Some(&invalid))
        }
    }
}

fn api_body(b: &Branding) -> serde_json::Value {
    json!({
        "name": b.name,
        "accent": b.accent.map(|c| c.hex()),
        "logo_url": b.logo_href(),
        "stylesheet_url": b.stylesheet_href(),
    })
}

/// `GET /api/v1/admin/branding`.
pub async fn api_get(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    Ok(Json(api_body(app.brand.get(&app.store).await.as_ref())).into_response())
}

/// `PUT /api/v1/admin/branding` with `{"name", "accent"}` (`accent` null or "" for the
/// product's own); the logo stays.
pub async fn api_put(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let mut j = JsonInput::parse(&headers, &body, &["name", "accent"])?;
    let (name, accent) = (j.str("name"), j.str("accent"));
    j.finish()?;
    let input = BrandingInput::parse(&name, &accent)?;
    let b = set(&app, &ctx, &input, &LogoChange::Keep).await?;
    Ok(Json(api_body(&b)).into_response())
}

/// `PUT /api/v1/admin/branding/logo` with the file as the body (`image/png` or
/// `image/svg+xml`).
pub async fn api_put_logo(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let logo = Logo::parse(body.to_vec()).map_err(Invalid::one)?;
    if !declared.starts_with(logo.kind.mime()) {
        return Err(Invalid::one(FieldError::new(
            "logo",
            "logo_type",
            format!("Filen är {}, men anropet säger ”{declared}”.", logo.kind.mime()),
            format!("The file is {}, but the request says “{declared}”.", logo.kind.mime()),
        ))
        .into());
    }
    let current = app.brand.get(&app.store).await;
    let input = BrandingInput { name: current.name.clone(), accent: current.accent };
    let b = set(&app, &ctx, &input, &LogoChange::Set(logo)).await?;
    Ok(Json(api_body(&b)).into_response())
}

/// `DELETE /api/v1/admin/branding/logo`.
pub async fn api_delete_logo(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let current = app.brand.get(&app.store).await;
    let input = BrandingInput { name: current.name.clone(), accent: current.accent };
    set(&app, &ctx, &input, &LogoChange::Remove).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
