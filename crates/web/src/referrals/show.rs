//! A referral's page: the missiv (deadline, questions, the full list of consultees), the
//! sections of the referral version, and for its drafters the forms that build the draft;
//! signed-in people of a consultee organisation find the link to their answer here.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use domain::organisations::OrganisationKind;
use domain::referrals::{Obligation, ReferralStatus};
use store::referrals::{Consultee, Question, Referral, Section};

use super::ReferralPath;
use super::access::{may_answer, require_visible};
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
    markdown: String,
    open: bool,
}

/// The page, with the errors of a refused drafting step when there are some (422).
pub async fn referral_page(
    app: &App,
    ctx: &Ctx,
    r: Referral,
    markdown: String,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let drafter = require_visible(app, ctx, &r).await?;
    let sections = app.store.referral_sections(r.id, 1).await?;
    let questions = app.store.referral_questions(r.id).await?;
    let all = app.store.referral_consultees(r.id).await?;
    let mut mine_ids = Vec::new();
    if ctx.user.is_some() && r.status == ReferralStatus::Published {
        for k in &all {
            if may_answer(app, ctx, k, None).await? {
                mine_ids.push(k.id);
            }
        }
    }
    let consultees = consultee_rows(&all, ctx.lang);
    let mine = consultee_rows(&all, ctx.lang).into_iter().filter(|c| mine_ids.contains(&c.id)).collect();
    let kinds = OrganisationKind::ALL.iter().map(|k| (k.as_str(), k.label(ctx.lang))).collect();
    let counties = domain::reference::counties().iter().map(|c| (c.code.clone(), c.name.clone())).collect();
    let (p, code) = Chrome::new(ctx, r.title.clone()).form(invalid);
    let open = r.open_on(app.store.today());
    let draft = r.status == ReferralStatus::Draft;
    let page =
        ShowPage { p, draft, drafter, sections, questions, consultees, mine, kinds, counties, markdown, open, r };
    Ok((code, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    referral_page(&app, &ctx, r, String::new(), None).await
}
