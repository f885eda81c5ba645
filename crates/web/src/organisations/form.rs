//! The organisation form, shared by creating and editing: its fields as typed, their parsing
//! into the domain's input (from the form and from JSON), and the page that shows it.

use askama::Template;
use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::organisations::{Organisation, OrganisationInput, OrganisationKind};
use domain::reference::{self, County};
use serde::Deserialize;

use crate::context::Ctx;
use crate::error::AppResult;
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The organisation form's fields, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct OrgForm {
    pub name: String,
    pub kind: String,
    pub code: String,
    pub county_code: String,
    pub website: String,
    pub description: String,
    pub email: String,
    pub idempotency_key: String,
}

impl OrgForm {
    pub fn of(o: &Organisation) -> OrgForm {
        OrgForm {
            name: o.name.clone(),
            kind: o.kind.as_str().into(),
            code: o.code.clone().unwrap_or_default(),
            county_code: o.county_code.clone().unwrap_or_default(),
            website: o.website.clone().unwrap_or_default(),
            description: o.description.clone().unwrap_or_default(),
            email: o.email.clone().unwrap_or_default(),
            idempotency_key: String::new(),
        }
    }

    pub fn parse(&self) -> Result<OrganisationInput, domain::Invalid> {
        OrganisationInput::parse_with_email(
            &self.name,
            &self.kind,
            &self.code,
            &self.county_code,
            &self.website,
            &self.description,
            &self.email,
        )
    }
}

const FIELDS: &[&str] = &["name", "kind", "code", "county_code", "website", "description", "email"];

/// The same input from a JSON body.
pub fn parse_json(headers: &HeaderMap, body: &Bytes) -> AppResult<OrganisationInput> {
    let mut j = JsonInput::parse(headers, body, FIELDS)?;
    let (name, kind, code, county, website, description, email) = (
        j.str("name"),
        j.str("kind"),
        j.str("code"),
        j.str("county_code"),
        j.str("website"),
        j.str("description"),
        j.str("email"),
    );
    j.finish()?;
    Ok(OrganisationInput::parse_with_email(&name, &kind, &code, &county, &website, &description, &email)?)
}

#[derive(Template)]
#[template(path = "organisations/form.html")]
struct FormPage {
    p: Chrome,
    f: OrgForm,
    action: String,
    cancel: String,
    kinds: [OrganisationKind; 8],
    counties: &'static [County],
}

/// Where the form posts and where "cancel" leads.
pub struct Target {
    pub title_key: &'static str,
    pub action: String,
    pub cancel: String,
}

/// The form page, with the errors of a refused post next to their fields (422).
pub fn page(ctx: &Ctx, to: Target, f: OrgForm, invalid: Option<&domain::Invalid>) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, to.title_key)).form(invalid);
    let page = FormPage {
        p,
        f,
        action: to.action,
        cancel: to.cancel,
        kinds: OrganisationKind::ALL,
        counties: reference::counties(),
    };
    Ok((status, render(&page)?).into_response())
}

/// A code that another organisation of the kind has already, as the form and the API say it.
pub fn conflict_on_code(e: store::StoreError) -> crate::error::AppError {
    match e {
        store::StoreError::Conflict(_) => crate::error::AppError::Conflict(domain::FieldError::new(
            "code",
            "already_exists",
            "Det finns redan en organisation av den typen med den koden.",
            "An organisation of that kind with that code already exists.",
        )),
        e => e.into(),
    }
}
