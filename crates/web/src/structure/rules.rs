//! A body's representation rules (administrators): the operation, the form with the standard
//! sets, and the API call.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::structure::{Rule, standard_rules};
use domain::{FieldError, Invalid};
use serde::Deserialize;
use serde_json::{Value, json};
use store::structure::Body;

use super::BodyPath;
use super::rule_form::{self, RuleForm};
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};
use crate::{App, i18n};
use domain::structure::RuleFields;

/// The operation: an administrator replaces the body's rules (each validated by the caller's
/// parsing, `parse_rules` or a standard set).
pub async fn set(app: &App, ctx: &Ctx, b: &Body, rules: &[Rule]) -> AppResult<()> {
    ctx.require_admin()?;
    Ok(app.store.set_rules(b.id, rules, &ctx.actor()).await?)
}

#[derive(Template)]
#[template(path = "structure/rules.html")]
struct RulesPage {
    p: Chrome,
    b: Body,
    rules_json: String,
    described: Vec<String>,
    forms: Vec<RuleForm>,
    version: String,
    counties: &'static [domain::reference::County],
    organisations: Vec<(i64, String)>,
    kinds: [domain::organisations::OrganisationKind; 8],
}

/// The rules page: a form per rule and per kind to add (`forms`), the standard sets and the
/// JSON.
pub(super) async fn page(
    app: &App,
    ctx: &Ctx,
    b: Body,
    rules_json: String,
    forms: Vec<RuleForm>,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, format!("{} – {}", i18n::text(ctx.lang, "rules.title"), b.name)).form(invalid);
    let described = b.rules.iter().map(|r| r.describe(ctx.lang)).collect();
    let organisations = app
        .store
        .organisations(&Default::default(), None, 1000)
        .await?
        .items
        .into_iter()
        .map(|o| (o.id.0, o.name))
        .collect();
    let page = RulesPage {
        p,
        version: rule_form::version(&b.rules),
        b,
        rules_json,
        described,
        forms,
        counties: domain::reference::counties(),
        organisations,
        kinds: domain::organisations::OrganisationKind::ALL,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn form(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let json = serde_json::to_string_pretty(&b.rules).unwrap_or_else(|_| "[]".into());
    let forms = rule_form::forms(&b.rules);
    page(&app, &ctx, b, json, forms, None).await
}

/// Reads rules from JSON and validates each; errors name the field `rules`.
pub fn parse_rules(v: &Value) -> Result<Vec<Rule>, Invalid> {
    let rules: Vec<Rule> = serde_json::from_value(v.clone()).map_err(|e| {
        Invalid::one(FieldError::new(
            "rules",
            "invalid_rules",
            format!("Reglerna kunde inte läsas: {e}"),
            format!("The rules could not be read: {e}"),
        ))
    })?;
    for r in &rules {
        r.validate().map_err(|i| {
            Invalid(
                i.0.into_iter()
                    .map(|mut e| {
                        e.field = "rules".into();
                        e
                    })
                    .collect(),
            )
        })?;
    }
    Ok(rules)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RulesForm {
    pub rules: String,
    /// A standard set to use instead: strategic, care or management.
    pub standard: String,
}

impl RulesForm {
    /// The rules typed as JSON, or the standard set chosen for the body's county.
    fn parse(&self, county: Option<&str>) -> Result<Vec<Rule>, Invalid> {
        let county = county.unwrap_or_default();
        match self.standard.as_str() {
            "" => serde_json::from_str::<Value>(&self.rules)
                .map_err(|e| {
                    Invalid::one(FieldError::new(
                        "rules",
                        "invalid_json",
                        format!("Ogiltig JSON: {e}"),
                        format!("Invalid JSON: {e}"),
                    ))
                })
                .and_then(|v| parse_rules(&v)),
            _ if county.is_empty() => Err(Invalid::one(FieldError::new(
                "standard",
                "needs_county",
                "Ange organets län först.",
                "Set the body's county first.",
            ))),
            "strategic" => Ok(standard_rules::strategic_consultation_group(county)),
            "care" => Ok(standard_rules::care_consultation_group(county)),
            "management" => Ok(standard_rules::management_group(county)),
            _ => Err(Invalid::one(FieldError::new(
                "standard",
                "invalid_standard",
                "Okänd regeluppsättning.",
                "Unknown rule set.",
            ))),
        }
    }
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    Input(f): Input<RulesForm>,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let result = match f.parse(b.county_code.as_deref()) {
        Ok(rules) => set(&app, &ctx, &b, &rules).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/organ/{}?klart=sparat", b.id)).into_response()),
        Err(e) => {
            let forms = rule_form::forms(&b.rules);
            page(&app, &ctx, b, f.rules, forms, Some(&reshown(e)?)).await
        }
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let mut j = JsonInput::parse(&headers, &body, &["rules"])?;
    let v = j.raw("rules").unwrap_or(Value::Array(vec![]));
    j.finish()?;
    let rules = parse_rules(&v)?;
    set(&app, &ctx, &b, &rules).await?;
    Ok(Json(json!({"rules": rules})).into_response())
}

/// `POST /organ/{id}/regler/regel`.
pub async fn rule_post(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath, f: Pairs) -> AppResult<Response> {
    ctx.require_admin()?;
    let index = match f.get("index").as_str() {
        "" => None,
        i => Some(i.parse::<usize>().map_err(|_| AppError::NotFound)?),
    };
    let key = index.map_or_else(|| format!("n-{}", f.get("kind")), |i| format!("r{i}"));
    let typed = rule_form::fields(&f);
    let result = if f.get("version") != rule_form::version(&b.rules) {
        Err(rule_form::changed())
    } else {
        rule_form::apply(&b.rules, index, f.get("action") == "remove", &typed)
    };
    let result = match result {
        Ok(rules) => set(&app, &ctx, &b, &rules).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/organ/{}/regler?klart=sparat", b.id)).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            // Errors of this form's fields are shown at this form's fields.
            let prefixed = Invalid(
                invalid
                    .0
                    .into_iter()
                    .map(|mut fe| {
                        if fe.field != "rules" {
                            fe.field = format!("{key}-{}", fe.field);
                        }
                        fe
                    })
                    .collect(),
            );
            let json = serde_json::to_string_pretty(&b.rules).unwrap_or_else(|_| "[]".into());
            reshow(&app, &ctx, b, json, &key, typed, &prefixed).await
        }
    }
}

async fn reshow(
    app: &App,
    ctx: &Ctx,
    b: Body,
    json: String,
    key: &str,
    typed: RuleFields,
    invalid: &Invalid,
) -> AppResult<Response> {
    let mut forms = rule_form::forms(&b.rules);
    if let Some(form) = forms.iter_mut().find(|f| f.key == key) {
        form.f = typed;
    }
    page(app, ctx, b, json, forms, Some(invalid)).await
}
