//! Creating a joint matter (the region's officers, from its case and, when there is one, the
//! consultation group's protocol paragraph that recommended it): the operation, the form and
//! the API call.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::cases::Case;
use domain::ids::CaseId;
use domain::joint::JointMatterInput;
use domain::organisations::{Organisation, OrganisationKind};
use store::cases::Handling;
use store::joint::JointMatter;
use store::organisations::OrganisationFilter;

use super::access::require_region_officer;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The operation: an officer of the case's organisation (the region) creates the matter; a
/// retry with the same idempotency key returns the first.
pub async fn create(app: &App, ctx: &Ctx, input: &JointMatterInput, key: Option<&str>) -> AppResult<JointMatter> {
    let case = app.store.case(input.case_id).await?.ok_or_else(|| {
        AppError::from(domain::Invalid::one(domain::FieldError::new(
            "case_id",
            "unknown_case",
            "Ärendet finns inte.",
            "The case does not exist.",
        )))
    })?;
    require_region_officer(app, ctx, case.organisation_id).await?;
    let id = app.store.create_joint_matter(input, &ctx.actor(), key).await?;
    app.store.joint_matter(id).await?.ok_or(AppError::NotFound)
}

/// The form's fields as typed.
#[derive(Clone, Debug, Default)]
pub struct MatterForm {
    pub case_id: String,
    pub paragraph_id: String,
    pub title: String,
    pub points: String,
    pub due_on: String,
    pub organisations: Vec<String>,
    pub idempotency_key: String,
}

impl MatterForm {
    fn parse(&self, today: time::Date) -> Result<JointMatterInput, domain::Invalid> {
        JointMatterInput::parse(
            &self.case_id,
            &self.paragraph_id,
            &self.title,
            &self.points,
            &self.due_on,
            &self.organisations,
            today,
        )
    }

    pub fn chosen(&self, org: &i64) -> bool {
        self.organisations.iter().any(|o| o.trim() == org.to_string())
    }
}

#[derive(Template)]
#[template(path = "joint/new.html")]
struct FormPage {
    p: Chrome,
    f: MatterForm,
    case: Case,
    organisations: Vec<Organisation>,
    /// The paragraphs of adjusted protocols that name the case's number: the ones the
    /// recommendation can have been decided in.
    paragraphs: Vec<Handling>,
}

impl FormPage {
    fn chosen_paragraph(&self, id: &i64) -> bool {
        self.f.paragraph_id.trim() == id.to_string()
    }
}

/// The municipalities of the case's organisation's county (all organisations when it has no
/// county), as the organisations to choose from.
async fn choices(app: &App, case: &Case) -> AppResult<Vec<Organisation>> {
    let owner = app.store.organisation(case.organisation_id).await?;
    let county = owner.and_then(|o| o.county_code);
    let f = OrganisationFilter {
        kind: county.as_ref().map(|_| OrganisationKind::Municipality),
        county_code: county,
        q: None,
    };
    Ok(app.store.organisations(&f, None, domain::joint::matter::PARTIES_MAX).await?.items)
}

/// The form for `case` with `organisations` to choose from (`choices`, read once a request).
async fn page(
    app: &App,
    ctx: &Ctx,
    case: Case,
    organisations: Vec<Organisation>,
    f: MatterForm,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let paragraphs =
        app.store.case_handling(&case.number).await?.into_iter().filter(|h| h.paragraph.is_some()).collect();
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, "joint.new")).form(invalid);
    Ok((status, render(&FormPage { p, f, case, organisations, paragraphs })?).into_response())
}

/// The case named by `arende` in the query; 404 without one.
async fn case_of(app: &App, raw: &str) -> AppResult<Case> {
    let id: CaseId = crate::forms::id(raw)?;
    app.store.case(id).await?.ok_or(AppError::NotFound)
}

pub async fn form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    let raw = crate::pages::query_value(&ctx.query, "arende").unwrap_or_default();
    let case = case_of(&app, &raw).await?;
    require_region_officer(&app, &ctx, case.organisation_id).await?;
    let organisations = choices(&app, &case).await?;
    let f = MatterForm {
        case_id: case.id.to_string(),
        paragraph_id: crate::pages::query_value(&ctx.query, "paragraf").unwrap_or_default(),
        title: case.public_title.clone(),
        due_on: (app.store.today() + time::Duration::days(60)).to_string(),
        organisations: organisations.iter().map(|o| o.id.to_string()).collect(),
        idempotency_key: crate::auth::new_secret(),
        ..Default::default()
    };
    page(&app, &ctx, case, organisations, f, None).await
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, f: Pairs) -> AppResult<Response> {
    ctx.require_user()?;
    let form = MatterForm {
        case_id: f.get("case_id"),
        paragraph_id: f.get("paragraph_id"),
        title: f.get("title"),
        points: f.get("points"),
        due_on: f.get("due_on"),
        organisations: f.all("organisations"),
        idempotency_key: f.get("idempotency_key"),
    };
    let case = case_of(&app, &form.case_id).await?;
    require_region_officer(&app, &ctx, case.organisation_id).await?;
    let key = Some(form.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match form.parse(app.store.today()) {
        Ok(input) => create(&app, &ctx, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(m) => Ok(Redirect::to(&format!("/samverkan/{}?klart=skapat", m.id)).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            let organisations = choices(&app, &case).await?;
            page(&app, &ctx, case, organisations, form, Some(&invalid)).await
        }
    }
}

const FIELDS: &[&str] = &["case_id", "paragraph_id", "title", "points", "due_on", "organisations"];

pub async fn api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_user()?;
    let mut j = JsonInput::parse(&headers, &body, FIELDS)?;
    let case = j.id("case_id").map(|i| i.to_string()).unwrap_or_default();
    let paragraph = j.id("paragraph_id").map(|i| i.to_string()).unwrap_or_default();
    let (title, due_on) = (j.str("title"), j.str("due_on"));
    let points = j.strings("points").join("\n");
    let organisations: Vec<String> = j.ids("organisations").iter().map(i64::to_string).collect();
    j.finish()?;
    let input =
        JointMatterInput::parse(&case, &paragraph, &title, &points, &due_on, &organisations, app.store.today())?;
    let m = create(&app, &ctx, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/joint-matters/{}", m.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(m)).into_response())
}
