//! A referral's page: the missiv (deadline, questions, the full list of consultees), the
//! sections of the referral version, and for its drafters the forms that build the draft;
//! signed-in people of a consultee organisation find the link to their answer here. The API
//! gives the same as JSON.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use domain::organisations::OrganisationKind;
use domain::referrals::{Obligation, ReferralStatus};
use serde::Serialize;
use store::referrals::{Consultee, Question, Referral, Section};

use super::ReferralPath;
use super::access::{answered_by_caller, require_visible};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

/// A consultee as the missiv and the dashboard list it.
pub struct ConsulteeRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub obligation: &'static str,
    pub answered: bool,
    pub late: bool,
    pub started: bool,
    /// The personal answer link: none sent, working (`Some(true)`) or revoked.
    pub link: Option<bool>,
}

pub fn kind_label(kind: &str, lang: Lang) -> String {
    match OrganisationKind::parse(kind) {
        Some(k) => k.label(lang).to_string(),
        None if kind == "public" => crate::i18n::text(lang, "referral.kind_public").to_string(),
        None => crate::i18n::text(lang, "referral.kind_person").to_string(),
    }
}

pub fn consultee_rows(cs: &[Consultee], lang: Lang) -> Vec<ConsulteeRow> {
    cs.iter()
        .map(|c| ConsulteeRow {
            id: c.id,
            name: c.name.clone(),
            kind: kind_label(&c.kind, lang),
            obligation: match Obligation::parse(&c.obligation) {
                Some(Obligation::Obliged) => crate::i18n::text(lang, "referral.obliged"),
                _ => crate::i18n::text(lang, "referral.invited"),
            },
            answered: c.answer_status.as_deref() == Some("submitted"),
            late: c.late.unwrap_or(false),
            started: c.answer_status.is_some(),
            link: c.token_expires_at.map(|_| !c.token_revoked),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "referrals/show.html")]
struct ShowPage {
    p: Chrome,
    r: Referral,
    draft: bool,
    drafter: bool,
    sections: Vec<Section>,
    questions: Vec<Question>,
    consultees: Vec<ConsulteeRow>,
    mine: Vec<ConsulteeRow>,
    kinds: Vec<(&'static str, &'static str)>,
    counties: Vec<(String, String)>,
    /// The register's organisations, for asking one of them.
    organisations: Vec<(i64, String)>,
    markdown: String,
    /// The add-a-version form's label as typed, when that form is shown again.
    label: String,
    open: bool,
    versions: Vec<store::referrals::Version>,
    /// The add-a-version form's key, so that a resent form adds one version.
    version_key: String,
    /// The question form's text and section as typed, when that form is shown again.
    question: String,
    question_section: String,
}

/// How many organisations the form that asks one lists (every region, municipality and
/// agency of the country fits).
const ORGANISATIONS_MAX: usize = 2000;

/// What a refused drafting form had typed, shown again in its fields: the Markdown (of the
/// sections or of a later version), the later version's label and key, and the question.
#[derive(Clone, Debug, Default)]
pub struct Typed {
    pub markdown: String,
    pub label: String,
    /// The add-a-version form's key, kept so that the form resent after a refusal adds one version.
    pub version_key: String,
    /// The question form's text and section.
    pub question: String,
    pub question_section: String,
}

impl Typed {
    pub fn markdown(markdown: String) -> Typed {
        Typed { markdown, ..Typed::default() }
    }
}

/// The page, with the errors of a refused drafting step when there are some (422).
pub async fn referral_page(
    app: &App,
    ctx: &Ctx,
    r: Referral,
    typed: Typed,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let drafter = require_visible(app, ctx, &r).await?;
    let sections = app.store.referral_sections(r.id, 1).await?;
    let questions = app.store.referral_questions(r.id).await?;
    let all = app.store.referral_consultees(r.id).await?;
    let mine_ids =
        if r.status == ReferralStatus::Published { answered_by_caller(app, ctx, &r).await? } else { Vec::new() };
    let consultees = consultee_rows(&all, ctx.lang);
    let mine = consultee_rows(&all, ctx.lang).into_iter().filter(|c| mine_ids.contains(&c.id)).collect();
    let kinds = OrganisationKind::ALL.iter().map(|k| (k.as_str(), k.label(ctx.lang))).collect();
    let counties = domain::reference::counties().iter().map(|c| (c.code.clone(), c.name.clone())).collect();
    let (p, code) = Chrome::new(ctx, r.title.clone()).form(invalid);
    let open = r.open_on(app.store.today());
    let draft = r.status == ReferralStatus::Draft;
    let organisations = if drafter && (draft || open) {
        let all = app.store.organisations(&Default::default(), None, ORGANISATIONS_MAX).await?;
        all.items.into_iter().map(|o| (o.id.0, o.name)).collect()
    } else {
        Vec::new()
    };
    let page = ShowPage {
        p,
        draft,
        drafter,
        sections,
        questions,
        consultees,
        mine,
        kinds,
        counties,
        organisations,
        markdown: typed.markdown,
        label: typed.label,
        open,
        versions: app.store.referral_versions(r.id).await?,
        version_key: Some(typed.version_key).filter(|k| !k.is_empty()).unwrap_or_else(crate::auth::new_secret),
        question: typed.question,
        question_section: typed.question_section,
        r,
    };
    Ok((code, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    referral_page(&app, &ctx, r, Typed::default(), None).await
}

/// A consultee as the API shows it to everyone who may read the referral: no address, nothing
/// of its answer link.
#[derive(Serialize)]
pub struct ConsulteeJson {
    pub id: i64,
    pub organisation_id: Option<i64>,
    pub person_id: Option<i64>,
    pub name: String,
    pub kind: String,
    pub obligation: String,
    pub answer_status: Option<String>,
    pub late: bool,
}

fn consultees_json(cs: Vec<Consultee>) -> Vec<ConsulteeJson> {
    cs.into_iter()
        .map(|c| ConsulteeJson {
            id: c.id,
            organisation_id: c.organisation_id,
            person_id: c.person_id,
            name: c.name,
            kind: c.kind,
            obligation: c.obligation,
            answer_status: c.answer_status,
            late: c.late.unwrap_or(false),
        })
        .collect()
}

/// `GET /api/v1/referrals/{id}`: the referral with its sections, questions and consultees
/// (a draft only for its drafters, 404 for others).
pub async fn api(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_visible(&app, &ctx, &r).await?;
    let sections = app.store.referral_sections(r.id, 1).await?;
    let questions = app.store.referral_questions(r.id).await?;
    let consultees = consultees_json(app.store.referral_consultees(r.id).await?);
    Ok(Json(serde_json::json!({
        "referral": r,
        "sections": sections,
        "questions": questions,
        "consultees": consultees,
    }))
    .into_response())
}

/// `GET /api/v1/referrals/{id}/consultees`: the missiv's list of consultees.
pub async fn consultees_api(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_visible(&app, &ctx, &r).await?;
    let items = consultees_json(app.store.referral_consultees(r.id).await?);
    Ok(Json(serde_json::json!({ "items": items })).into_response())
}
