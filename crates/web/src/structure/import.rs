//! Importing members from CSV (admins and the body's secretary): the operation, all rows or none,
//! and its form.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::{FieldError, Invalid};
use serde::Deserialize;
use store::structure::Body;

use super::BodyPath;
use super::access::require_manager;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::Input;
use crate::pages::{Chrome, render};
use crate::{App, i18n};

/// What an import did: saved every row, or refused them all for the errors of some.
pub enum Imported {
    Saved(usize),
    Refused(Vec<(usize, FieldError)>),
}

/// The operation: a manager of the body imports the rows of a CSV text, each person found by name
/// within the organisation (created when missing), each organisation by kommunkod, länskod or
/// exact name.
pub async fn import(app: &App, ctx: &Ctx, b: &Body, csv: &str) -> AppResult<Imported> {
    require_manager(app, ctx, b.id).await?;
    let orgs = crate::people::all_organisations(app).await?;
    let find_org = |s: &str| {
        let s = s.trim();
        orgs.iter().find(|o| o.code.as_deref() == Some(s) || o.name.eq_ignore_ascii_case(s)).map(|o| o.id)
    };
    Ok(match domain::structure::csv_import::parse(csv, find_org) {
        Ok(rows) => Imported::Saved(app.store.import_members(b.id, &rows, &ctx.actor()).await?),
        Err(errors) => Imported::Refused(errors),
    })
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ImportForm {
    pub csv: String,
}

#[derive(Template)]
#[template(path = "structure/import.html")]
struct ImportPage {
    p: Chrome,
    b: Body,
    csv: String,
    row_errors: Vec<(usize, String, String)>,
}

pub async fn form(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let p = Chrome::new(&ctx, format!("{} – {}", i18n::text(ctx.lang, "import.title"), b.name));
    Ok(render(&ImportPage { p, b, csv: String::new(), row_errors: vec![] })?.into_response())
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    Input(f): Input<ImportForm>,
) -> AppResult<Response> {
    match import(&app, &ctx, &b, &f.csv).await? {
        Imported::Saved(n) => {
            Ok(Redirect::to(&format!("/organ/{}/ledamoter?klart=importerat&antal={n}", b.id)).into_response())
        }
        Imported::Refused(errors) => {
            let invalid = Invalid(vec![FieldError::new(
                "csv",
                "import_failed",
                format!("{} rader har fel. Inget har sparats.", errors.len()),
                format!("{} rows have errors. Nothing was saved.", errors.len()),
            )]);
            let row_errors =
                errors.into_iter().map(|(row, e)| (row, e.field.clone(), e.message(ctx.lang).to_string())).collect();
            let p = Chrome::new(&ctx, format!("{} – {}", i18n::text(ctx.lang, "import.title"), b.name))
                .with_errors(&invalid);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&ImportPage { p, b, csv: f.csv, row_errors })?)
                .into_response())
        }
    }
}
