//! The person form, shared by creating and editing: its fields as typed, their parsing into the
//! domain's input (from the form and from JSON), and the page that shows it.

use askama::Template;
use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::ids::OrganisationId;
use domain::organisations::{Organisation, PersonInput};
use serde::Deserialize;
use store::people::PersonView;

use super::list::all_organisations;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PersonForm {
    pub name: String,
    pub title: String,
    pub organisation_id: String,
    pub party: String,
    pub email: String,
    pub phone: String,
    /// The language of the e-mail the product sends them: "sv" or "en".
    pub lang: String,
    pub idempotency_key: String,
}

impl PersonForm {
    pub fn of(v: &PersonView) -> PersonForm {
        let p = &v.person;
        PersonForm {
            name: p.name.clone(),
            title: p.title.clone().unwrap_or_default(),
            organisation_id: p.organisation_id.map(|o| o.to_string()).unwrap_or_default(),
            party: p.party.clone().unwrap_or_default(),
            email: p.email.clone().unwrap_or_default(),
            phone: p.phone.clone().unwrap_or_default(),
            lang: p.lang.code().into(),
            idempotency_key: String::new(),
        }
    }

    pub fn parse(&self) -> Result<PersonInput, domain::Invalid> {
        let org = self.organisation_id.trim();
        let org_id = if org.is_empty() {
            None
        } else {
            match org.parse::<i64>() {
                Ok(v) if v > 0 => Some(OrganisationId(v)),
                _ => {
                    return Err(domain::Invalid::one(domain::FieldError::new(
                        "organisation_id",
                        "invalid_id",
                        "Välj en organisation i listan.",
                        "Choose an organisation from the list.",
                    )));
                }
            }
        };
        PersonInput::parse(&self.name, &self.title, org_id, &self.party, &self.email, &self.phone, &self.lang)
    }
}

#[derive(Template)]
#[template(path = "people/form.html")]
struct FormPage {
    p: Chrome,
    f: PersonForm,
    action: String,
    cancel: String,
    organisations: Vec<Organisation>,
}

/// Where the form posts and where "cancel" leads.
pub struct Target {
    pub title_key: &'static str,
    pub action: String,
    pub cancel: String,
}

/// The form page, with the errors of a refused post next to their fields (422).
pub async fn page(
    app: &App,
    ctx: &Ctx,
    to: Target,
    f: PersonForm,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, to.title_key)).form(invalid);
    let organisations = all_organisations(app).await?;
    let page = FormPage { p, f, action: to.action, cancel: to.cancel, organisations };
    Ok((status, render(&page)?).into_response())
}

const FIELDS: &[&str] = &["name", "title", "organisation_id", "party", "email", "phone", "lang"];

/// The same input from a JSON body.
pub fn parse_json(headers: &HeaderMap, body: &Bytes) -> AppResult<PersonInput> {
    let mut j = JsonInput::parse(headers, body, FIELDS)?;
    let (name, title, org, party, email, phone) =
        (j.str("name"), j.str("title"), j.id("organisation_id"), j.str("party"), j.str("email"), j.str("phone"));
    let lang = j.str("lang");
    j.finish()?;
    Ok(PersonInput::parse(&name, &title, org.map(OrganisationId), &party, &email, &phone, &lang)?)
}
