//! A survey's page. Its owners see the builder: the questions by section (removable while
//! drafted) and the form to add one, the organisations asked with how far each has come, and
//! sending, closing and publishing. Others see what it is and the way to answer it (for their
//! organisation, or openly) and, once published, to its results.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::organisations::OrganisationKind;
use domain::surveys::definition::Kind;
use serde_json::json;
use store::surveys::{Audience, Recipient, ResponseStatus, Survey, SurveyStatus};

use super::form::{AddForm, RecipientsForm};
use super::{SurveyPath, is_owner, require_visible};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

pub struct QuestionRow {
    pub key: String,
    pub number: usize,
    pub text: String,
    pub kind: &'static str,
    pub details: String,
    pub required: bool,
    pub condition: String,
}

pub struct SectionRows {
    pub title: String,
    pub questions: Vec<QuestionRow>,
}

pub struct RecipientRow {
    pub name: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub status_code: &'static str,
}

#[derive(Template)]
#[template(path = "surveys/show.html")]
struct ShowPage {
    p: Chrome,
    s: Survey,
    owner: bool,
    draft: bool,
    open: bool,
    status: &'static str,
    sections: Vec<SectionRows>,
    f: AddForm,
    /// The choice of organisations as typed (municipalities when nothing was).
    rf: RecipientsForm,
    /// (index, title) of the sections, for the builder's choice.
    section_choices: Vec<(usize, String)>,
    /// (key, text, options) of the questions a condition may name.
    condition_choices: Vec<(String, String)>,
    kinds: Vec<(&'static str, &'static str)>,
    counties: Vec<(String, String)>,
    recipients: Vec<RecipientRow>,
    submitted: usize,
    drafting: usize,
    /// The organisation the caller answers for, when the survey asks it.
    answering_for: Option<String>,
    results_visible: bool,
    public_link: String,
}

pub fn status_label(s: SurveyStatus, lang: domain::error::Lang) -> &'static str {
    crate::i18n::text(
        lang,
        match s {
            SurveyStatus::Draft => "survey.status_draft",
            SurveyStatus::Open => "survey.status_open",
            SurveyStatus::Closed => "survey.status_closed",
        },
    )
}

fn details(kind: &Kind, lang: domain::error::Lang) -> String {
    let sv = lang == domain::error::Lang::Sv;
    match kind {
        Kind::Text => String::new(),
        Kind::Single { options } | Kind::Multiple { options } => options.join(" · "),
        Kind::Scale { min, max, min_label, max_label } => format!("{min} ({min_label}) – {max} ({max_label})"),
        Kind::Ranking { options, top } => {
            if sv {
                format!("Topp {top} av: {}", options.join(" · "))
            } else {
                format!("Top {top} of: {}", options.join(" · "))
            }
        }
        Kind::Matrix { rows, columns, multiple } => {
            let per = match (sv, multiple) {
                (true, true) => "flera per rad",
                (true, false) => "ett per rad",
                (false, true) => "several per row",
                (false, false) => "one per row",
            };
            format!("{} × {} ({per})", rows.join(" · "), columns.join(" · "))
        }
    }
}

pub fn recipient_status(r: &Recipient) -> (&'static str, &'static str) {
    match r.status {
        Some(ResponseStatus::Submitted) => ("submitted", "survey.answer_submitted"),
        Some(ResponseStatus::Draft) => ("draft", "survey.answer_draft"),
        None => ("none", "survey.answer_none"),
    }
}

/// The page, with the builder's form and the choice of organisations as typed, and their
/// errors when a post was refused.
pub async fn survey_page(
    app: &App,
    ctx: &Ctx,
    s: Survey,
    f: AddForm,
    rf: RecipientsForm,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    require_visible(ctx, &s)?;
    let lang = ctx.lang;
    let owner = is_owner(ctx);
    let (p, code) = Chrome::new(ctx, s.title.clone()).form(invalid);
    let code = super::form_status(code, invalid);
    let mut number = 0;
    let sections = s
        .definition
        .sections
        .iter()
        .map(|sec| SectionRows {
            title: sec.title.clone(),
            questions: sec
                .questions
                .iter()
                .map(|q| {
                    number += 1;
                    QuestionRow {
                        key: q.key.clone(),
                        number,
                        text: q.text.clone(),
                        kind: crate::i18n::text(lang, &format!("survey.kind_{}", q.kind.as_str())),
                        details: details(&q.kind, lang),
                        required: q.required,
                        condition: q
                            .condition
                            .as_ref()
                            .map(|c| format!("{} = {}", c.question, c.option))
                            .unwrap_or_default(),
                    }
                })
                .collect(),
        })
        .collect();
    let section_choices = s.definition.sections.iter().enumerate().map(|(i, x)| (i, x.title.clone())).collect();
    let condition_choices = s
        .definition
        .questions()
        .filter(|(_, q)| q.kind.choices().is_some())
        .map(|(_, q)| (q.key.clone(), q.text.clone()))
        .collect();
    let all = if owner { app.store.survey_recipients(s.id).await? } else { Vec::new() };
    let submitted = all.iter().filter(|r| r.status == Some(ResponseStatus::Submitted)).count();
    let drafting = all.iter().filter(|r| r.status == Some(ResponseStatus::Draft)).count();
    let recipients = all
        .iter()
        .map(|r| {
            let (code, key) = recipient_status(r);
            RecipientRow {
                name: r.name.clone(),
                kind: OrganisationKind::parse(&r.kind).map_or("", |k| k.label(lang)),
                status: crate::i18n::text(lang, key),
                status_code: code,
            }
        })
        .collect();
    let answering_for = match &ctx.user {
        Some(u) if s.audience == Audience::Organisations => match app.store.user_organisation(u.id).await? {
            Some((org, name)) if app.store.survey_asks(s.id, org).await? => Some(name),
            _ => None,
        },
        _ => None,
    };
    let page = ShowPage {
        draft: s.status == SurveyStatus::Draft,
        open: s.takes_answers(app.store.today()),
        status: status_label(s.status, lang),
        results_visible: owner || s.results_public,
        public_link: format!("{}/enkater/{}/oppet-svar", app.config.site_url, s.id),
        kinds: OrganisationKind::ALL.iter().map(|k| (k.as_str(), k.label(lang))).collect(),
        counties: domain::reference::counties().iter().map(|c| (c.code.clone(), c.name.clone())).collect(),
        p,
        s,
        owner,
        sections,
        f,
        rf: RecipientsForm { kind: if rf.kind.is_empty() { "municipality".into() } else { rf.kind }, ..rf },
        section_choices,
        condition_choices,
        recipients,
        submitted,
        drafting,
        answering_for,
    };
    Ok((code, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    survey_page(&app, &ctx, s, AddForm::default(), RecipientsForm::default(), None).await
}

/// `GET /api/v1/surveys/{id}`: the survey with its definition; for owners also how many
/// organisations were asked and have submitted.
pub async fn api(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_visible(&ctx, &s)?;
    let mut v = json!(s);
    if is_owner(&ctx) {
        let r = app.store.survey_recipients(s.id).await?;
        v["recipients"] = json!(r.len());
        v["submitted"] = json!(r.iter().filter(|x| x.status == Some(ResponseStatus::Submitted)).count());
    }
    Ok(Json(v).into_response())
}
