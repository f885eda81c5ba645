//! The consultation report (samrådsredogörelse): its drafters respond to every comment, review
//! the personal data and publish it; once published everyone reads it, grouped by section and
//! by kind of respondent, with its counts ("34 remissvar med omkring 320 synpunkter").

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::ids::CommentId;
use domain::referrals::{ReportStatus, ResponseInput, Summary, Verdict};
use store::referrals::{Referral, ReportRow, Section, private_names, report_comment};

use super::access::{is_drafter, require_drafter};
use super::show::kind_label;
use super::{REPORT_PUBLISHED, ReferralPath};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::pages::{Chrome, render};

/// A comment as the report shows it.
pub struct CommentView {
    pub id: i64,
    pub respondent: String,
    pub kind: String,
    /// The published text once reviewed; the drafter sees the original before.
    pub text: String,
    pub verdict: Option<&'static str>,
    pub verdict_key: String,
    pub reason: String,
    /// Personal data the review will mask (drafters, before the review).
    pub findings: Vec<String>,
}

/// The comments of one section (or of the whole document).
pub struct SectionGroup {
    pub heading: String,
    pub comments: Vec<CommentView>,
}

#[derive(Template)]
#[template(path = "referrals/report.html")]
struct ReportPage {
    p: Chrome,
    r: Referral,
    drafter: bool,
    editable: bool,
    reviewed: bool,
    published: bool,
    sentence: String,
    groups: Vec<SectionGroup>,
    by_kind: Vec<(String, usize)>,
    by_verdict: Vec<(&'static str, usize)>,
    verdicts: Vec<(&'static str, &'static str)>,
}

fn heading(sections: &[Section], n: Option<i64>, lang: domain::error::Lang) -> String {
    match n.and_then(|n| sections.iter().find(|s| s.number == n)) {
        Some(s) => format!("{}. {}", s.number, s.heading),
        None => crate::i18n::text(lang, "referral.whole_document").to_string(),
    }
}

async fn report_page(app: &App, ctx: &Ctx, r: Referral, invalid: Option<&domain::Invalid>) -> AppResult<Response> {
    let drafter = is_drafter(app, ctx, &r).await?;
    let published = r.report_status == ReportStatus::Published;
    if !drafter && !published {
        return Err(AppError::NotFound);
    }
    let rows: Vec<ReportRow> = app.store.report_rows(r.id).await?;
    let sections = app.store.referral_sections(r.id, 1).await?;
    let answers = app.store.referral_answers(r.id).await?.iter().filter(|a| a.status == "submitted").count();
    let comments: Vec<_> = rows.iter().map(report_comment).collect();
    let summary = Summary::of(answers, &comments);
    let names = private_names(&rows);
    let reviewed = r.report_status != ReportStatus::Draft;
    let lang = ctx.lang;
    let mut groups: Vec<SectionGroup> = Vec::new();
    for row in &rows {
        let h = heading(&sections, row.section, lang);
        let text = match (&row.masked_text, reviewed) {
            (Some(m), true) => m.clone(),
            _ => row.text.clone(),
        };
        let findings = if drafter && !reviewed {
            domain::referrals::find_personal_data(&row.text, &names).into_iter().map(|f| f.text).collect()
        } else {
            Vec::new()
        };
        let respondent = if reviewed && row.private_person {
            crate::i18n::text(lang, "referral.kind_private").to_string()
        } else {
            row.respondent_name.clone()
        };
        let v = row.verdict.as_deref().and_then(Verdict::parse);
        let view = CommentView {
            id: row.comment_id,
            respondent,
            kind: if row.private_person {
                crate::i18n::text(lang, "referral.kind_private").into()
            } else {
                kind_label(&row.respondent_kind, lang)
            },
            text,
            verdict: v.map(|v| v.label(lang)),
            verdict_key: row.verdict.clone().unwrap_or_default(),
            reason: row.reason.clone().unwrap_or_default(),
            findings,
        };
        match groups.last_mut() {
            Some(g) if g.heading == h => g.comments.push(view),
            _ => groups.push(SectionGroup { heading: h, comments: vec![view] }),
        }
    }
    let mut by_kind: Vec<(String, usize)> = Vec::new();
    for (k, cs) in domain::referrals::report::by_respondent(&comments) {
        by_kind.push((k.label(lang).to_string(), cs.len()));
    }
    let by_verdict = Verdict::ALL.iter().map(|v| (v.label(lang), summary.by_verdict[v.as_str()])).collect();
    let verdicts = Verdict::ALL.iter().map(|v| (v.as_str(), v.label(lang))).collect();
    let title = format!("{} – {}", crate::i18n::text(lang, "referral.report"), r.title);
    let (p, code) = Chrome::new(ctx, title).form(invalid);
    let page = ReportPage {
        p,
        editable: drafter && !reviewed,
        drafter,
        reviewed,
        published,
        sentence: summary.sentence(lang),
        groups,
        by_kind,
        by_verdict,
        verdicts,
        r,
    };
    Ok((code, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    report_page(&app, &ctx, r, None).await
}

/// The operation: the response to one comment.
pub async fn respond(app: &App, ctx: &Ctx, r: &Referral, comment: &str, verdict: &str, reason: &str) -> AppResult<()> {
    require_drafter(app, ctx, r).await?;
    let id: CommentId = crate::forms::id(comment)?;
    let input = ResponseInput::parse(verdict, reason)?;
    Ok(app.store.respond_to_comment(r.id, id, &input, &ctx.actor()).await?)
}

pub async fn respond_post(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    Input(f): Input<HashMap<String, String>>,
) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    let get = |n: &str| f.get(n).cloned().unwrap_or_default();
    let comment = get("comment_id");
    match respond(&app, &ctx, &r, &comment, &get("verdict"), &get("reason")).await {
        Ok(()) => {
            Ok(Redirect::to(&format!("/remisser/{}/redogorelse?klart=sparat#synpunkt-{comment}", r.id)).into_response())
        }
        Err(e) => report_page(&app, &ctx, r, Some(&reshown(e)?)).await,
    }
}

/// The operation: the personal-data review; what it finds is masked in the published text.
pub async fn review(app: &App, ctx: &Ctx, r: &Referral) -> AppResult<usize> {
    require_drafter(app, ctx, r).await?;
    Ok(app.store.review_report(r.id, &[], &ctx.actor()).await?)
}

pub async fn review_post(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    match review(&app, &ctx, &r).await {
        Ok(_) => Ok(Redirect::to(&format!("/remisser/{}/redogorelse?klart=sparat", r.id)).into_response()),
        Err(e) => report_page(&app, &ctx, r, Some(&reshown(e)?)).await,
    }
}

/// The operation: publication after the review; every respondent is notified from a job.
pub async fn publish(app: &App, ctx: &Ctx, r: &Referral) -> AppResult<()> {
    require_drafter(app, ctx, r).await?;
    Ok(app.store.publish_report(r.id, REPORT_PUBLISHED, &ctx.actor()).await?)
}

pub async fn publish_post(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    match publish(&app, &ctx, &r).await {
        Ok(()) => Ok(Redirect::to(&format!("/remisser/{}/redogorelse?klart=sparat", r.id)).into_response()),
        Err(e) => report_page(&app, &ctx, r, Some(&reshown(e)?)).await,
    }
}
