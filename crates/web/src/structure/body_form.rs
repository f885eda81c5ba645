//! The body form, shared by creating and editing: its fields as typed, their parsing into the
//! domain's input (from the form and from JSON), and the page that shows it.

use askama::Template;
use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::Invalid;
use domain::ids::OrganisationId;
use domain::organisations::Organisation;
use domain::reference::{self, County};
use domain::structure::{BodyFields, BodyInput, BodyKind, Rule};
use store::structure::Body;

use super::rules::parse_rules;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::json::JsonInput;
use crate::pages::{Chrome, render};
use crate::{App, i18n};

#[derive(Clone, Debug, Default)]
pub struct BodyForm {
    pub name: String,
    pub kind: String,
    pub formal: String,
    pub county_code: String,
    pub presidium_of: String,
    pub superior_id: String,
    pub prepares_for: String,
    pub duties: String,
    pub start: String,
    pub end: String,
    pub secretary: String,
    /// Organisation ids separated by commas (the form posts one check box `org` each).
    pub organisations: String,
    pub idempotency_key: String,
}

impl BodyForm {
    pub fn from_pairs(p: &crate::forms::Pairs) -> BodyForm {
        BodyForm {
            name: p.get("name"),
            kind: p.get("kind"),
            formal: p.get("formal"),
            county_code: p.get("county_code"),
            presidium_of: p.get("presidium_of"),
            superior_id: p.get("superior_id"),
            prepares_for: p.get("prepares_for"),
            duties: p.get("duties"),
            start: p.get("start"),
            end: p.get("end"),
            secretary: p.get("secretary"),
            organisations: p.all("org").join(","),
            idempotency_key: p.get("idempotency_key"),
        }
    }

    pub fn of(b: &Body) -> BodyForm {
        BodyForm {
            name: b.name.clone(),
            kind: b.kind.as_str().into(),
            formal: if b.formal { "yes".into() } else { "no".into() },
            county_code: b.county_code.clone().unwrap_or_default(),
            presidium_of: b.presidium_of.map(|x| x.to_string()).unwrap_or_default(),
            superior_id: b.superior_id.map(|x| x.to_string()).unwrap_or_default(),
            prepares_for: b.prepares_for.map(|x| x.to_string()).unwrap_or_default(),
            duties: b.duties.join("\n"),
            start: b.start.map(|d| d.to_string()).unwrap_or_default(),
            end: b.end.map(|d| d.to_string()).unwrap_or_default(),
            secretary: b.secretary.as_ref().map(|s| s.id.to_string()).unwrap_or_default(),
            organisations: b.organisations.iter().map(|o| o.id.to_string()).collect::<Vec<_>>().join(","),
            idempotency_key: String::new(),
        }
    }

    pub fn parse(&self) -> Result<BodyInput, Invalid> {
        let formal = match self.formal.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        BodyInput::parse(&BodyFields {
            name: &self.name,
            kind: &self.kind,
            formal,
            county_code: &self.county_code,
            presidium_of: &self.presidium_of,
            superior_id: &self.superior_id,
            prepares_for: &self.prepares_for,
            duties: &self.duties,
            start: &self.start,
            end: &self.end,
            secretary: &self.secretary,
            organisations: self.organisations.split([',', '\n', ' ']).filter(|s| !s.trim().is_empty()).collect(),
        })
    }

    pub fn has_organisation(&self, id: &OrganisationId) -> bool {
        let s = id.to_string();
        self.organisations.split([',', '\n', ' ']).any(|x| x.trim() == s)
    }
}

#[derive(Template)]
#[template(path = "structure/form.html")]
struct FormPage {
    p: Chrome,
    f: BodyForm,
    action: String,
    cancel: String,
    kinds: &'static [BodyKind],
    counties: &'static [County],
    bodies: Vec<Body>,
    people: Vec<store::people::PersonView>,
    organisations: Vec<Organisation>,
}

/// Where the form posts and where "cancel" leads.
pub struct Target {
    pub title_key: &'static str,
    pub action: String,
    pub cancel: String,
}

/// The form page, with the errors of a refused post next to their fields (422).
pub async fn page(app: &App, ctx: &Ctx, to: Target, f: BodyForm, invalid: Option<&Invalid>) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, i18n::text(ctx.lang, to.title_key)).form(invalid);
    let page = FormPage {
        p,
        f,
        action: to.action,
        cancel: to.cancel,
        kinds: BodyKind::ALL,
        counties: reference::counties(),
        bodies: app.store.all_bodies().await?,
        people: crate::people::all_people(app).await?,
        organisations: crate::people::all_organisations(app).await?,
    };
    Ok((status, render(&page)?).into_response())
}

const BODY_FIELDS: &[&str] = &[
    "name",
    "kind",
    "formal",
    "county_code",
    "presidium_of",
    "superior_id",
    "prepares_for",
    "duties",
    "start",
    "end",
    "secretary",
    "organisations",
    "rules",
];

/// A body from JSON: the same fields as the form, with `duties` and `organisations` as arrays.
pub fn parse_json(headers: &HeaderMap, body: &Bytes) -> AppResult<(BodyInput, Option<Vec<Rule>>)> {
    let mut j = JsonInput::parse(headers, body, BODY_FIELDS)?;
    let ids = |j: &mut JsonInput, f: &str| j.id(f).map(|v| v.to_string()).unwrap_or_default();
    let (name, kind, county, start, end) =
        (j.str("name"), j.str("kind"), j.str("county_code"), j.str("start"), j.str("end"));
    let (presidium_of, superior, prepares, secretary) = (
        ids(&mut j, "presidium_of"),
        ids(&mut j, "superior_id"),
        ids(&mut j, "prepares_for"),
        ids(&mut j, "secretary"),
    );
    let formal = j.bool("formal");
    let duties = j.strings("duties");
    let organisations: Vec<String> = j.ids("organisations").into_iter().map(|i| i.to_string()).collect();
    let rules = j.raw("rules");
    j.finish()?;
    let duties = duties.join("\n");
    let input = BodyInput::parse(&BodyFields {
        name: &name,
        kind: &kind,
        formal,
        county_code: &county,
        presidium_of: &presidium_of,
        superior_id: &superior,
        prepares_for: &prepares,
        duties: &duties,
        start: &start,
        end: &end,
        secretary: &secretary,
        organisations: organisations.iter().map(String::as_str).collect(),
    })?;
    let rules = rules.map(|v| parse_rules(&v)).transpose()?;
    Ok((input, rules))
}
