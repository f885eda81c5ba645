//! The registry's number series and registrars (administrators, ADR 33): which organisations
//! keep their registry here and with which prefix, and which accounts register for each.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::cases::Prefix;
use domain::ids::{OrganisationId, UserId};
use domain::organisations::Organisation;
use domain::{FieldError, Invalid};
use serde::Deserialize;
use store::accounts::User;
use store::cases::{Registrar, Series};

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::{Input, reshown};
use crate::pages::{Chrome, render};

/// The operation: an administrator sets an organisation's prefix.
pub async fn set_series(app: &App, ctx: &Ctx, org: OrganisationId, prefix: &Prefix) -> AppResult<()> {
    ctx.require_admin()?;
    app.store.set_case_series(org, prefix, &ctx.actor()).await.map_err(|e| match e {
        store::StoreError::Conflict(_) => crate::error::AppError::Conflict(FieldError::new(
            "prefix",
            "prefix_taken",
            "En annan organisation har redan det prefixet.",
            "Another organisation already has that prefix.",
        )),
        e => e.into(),
    })
}

/// The operation: an administrator makes an account a registrar of an organisation.
pub async fn grant(app: &App, ctx: &Ctx, org: OrganisationId, user: UserId) -> AppResult<()> {
    ctx.require_admin()?;
    Ok(app.store.grant_registrar(org, user, &ctx.actor()).await?)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SeriesForm {
    pub organisation_id: String,
    pub prefix: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GrantForm {
    pub registrar_organisation_id: String,
    pub user_id: String,
}

fn chosen(field: &str, v: &str) -> Result<i64, FieldError> {
    v.trim().parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        if v.trim().is_empty() {
            FieldError::required(field)
        } else {
            FieldError::new(field, "invalid_id", "Välj ett värde i listan.", "Choose a value from the list.")
        }
    })
}

impl SeriesForm {
    fn parse(&self) -> Result<(OrganisationId, Prefix), Invalid> {
        let mut e = domain::error::Errors::new();
        let org = e.check(chosen("organisation_id", &self.organisation_id));
        let prefix = e.check(Prefix::parse("prefix", &self.prefix));
        e.finish(|| (OrganisationId(org.unwrap_or_default()), prefix.expect("checked")))
    }
}

impl GrantForm {
    fn parse(&self) -> Result<(OrganisationId, UserId), Invalid> {
        let mut e = domain::error::Errors::new();
        let org = e.check(chosen("registrar_organisation_id", &self.registrar_organisation_id));
        let user = e.check(chosen("user_id", &self.user_id));
        e.finish(|| (OrganisationId(org.unwrap_or_default()), UserId(user.unwrap_or_default())))
    }
}

struct SeriesRow {
    s: Series,
    registrars: Vec<Registrar>,
}

#[derive(Template)]
#[template(path = "cases/series.html")]
struct SeriesPage {
    p: Chrome,
    rows: Vec<SeriesRow>,
    organisations: Vec<Organisation>,
    users: Vec<User>,
    f: SeriesForm,
    g: GrantForm,
}

async fn show(app: &App, ctx: &Ctx, f: SeriesForm, g: GrantForm, invalid: Option<&Invalid>) -> AppResult<Response> {
    ctx.require_admin()?;
    let mut rows = Vec::new();
    for s in app.store.case_series().await? {
        let registrars = app.store.registrars(OrganisationId(s.organisation_id)).await?;
        rows.push(SeriesRow { s, registrars });
    }
    let all = store::organisations::OrganisationFilter::default();
    let organisations = store::every_page(|c| app.store.organisations(&all, c, crate::list::MAX_LIMIT)).await?;
    let users = app.store.users().await?.into_iter().filter(|u| !u.disabled).collect();
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, "case.series_title")).form(invalid);
    Ok((status, render(&SeriesPage { p, rows, organisations, users, f, g })?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    show(&app, &ctx, SeriesForm::default(), GrantForm::default(), None).await
}

pub async fn set_post(State(app): State<App>, ctx: Ctx, Input(f): Input<SeriesForm>) -> AppResult<Response> {
    ctx.require_admin()?;
    let result = match f.parse() {
        Ok((org, prefix)) => set_series(&app, &ctx, org, &prefix).await,
        Err(i) => Err(i.into()),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/diarium/serier?klart=sparat").into_response()),
        Err(e) => show(&app, &ctx, f, GrantForm::default(), Some(&reshown(e)?)).await,
    }
}

pub async fn grant_post(State(app): State<App>, ctx: Ctx, Input(g): Input<GrantForm>) -> AppResult<Response> {
    ctx.require_admin()?;
    let result = match g.parse() {
        Ok((org, user)) => grant(&app, &ctx, org, user).await,
        Err(i) => Err(i.into()),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/diarium/serier?klart=sparat").into_response()),
        Err(e) => show(&app, &ctx, SeriesForm::default(), g, Some(&reshown(e)?)).await,
    }
}
