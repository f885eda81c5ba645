//! The answer dashboard (its drafters): answered, not yet and late, by kind of organisation
//! with the response rate, and every answer as CSV, as JSON and as one PDF.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use domain::referrals::Position;
use store::referrals::Referral;

use super::ReferralPath;
use super::access::require_drafter;
use super::show::{ConsulteeRow, consultee_rows, kind_label};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

/// One kind of consultee's line of the dashboard.
pub struct KindRow {
    pub kind: String,
    pub asked: usize,
    pub answered: usize,
    pub late: usize,
    /// Answered of asked, in whole per cent.
    pub rate: usize,
}

/// The lines by kind, and the total last.
pub fn by_kind(rows: &[ConsulteeRow]) -> Vec<KindRow> {
    let mut kinds: Vec<String> = rows.iter().map(|r| r.kind.clone()).collect();
    kinds.dedup();
    let line = |kind: String, rs: Vec<&ConsulteeRow>| {
        let answered = rs.iter().filter(|r| r.answered).count();
        let asked = rs.len();
        KindRow {
            kind,
            asked,
            answered,
            late: rs.iter().filter(|r| r.late).count(),
            rate: (answered * 100).checked_div(asked).unwrap_or(0),
        }
    };
    let mut out: Vec<KindRow> = kinds
        .into_iter()
        .map(|k| {
            let rs = rows.iter().filter(|r| r.kind == k).collect();
            line(k, rs)
        })
        .collect();
    out.push(line(String::new(), rows.iter().collect()));
    out
}

#[derive(Template)]
#[template(path = "referrals/dashboard.html")]
struct DashboardPage {
    p: Chrome,
    r: Referral,
    consultees: Vec<ConsulteeRow>,
    kinds: Vec<KindRow>,
    /// The open form's answers by kind of respondent: (kind, published, waiting, rejected).
    open_kinds: Vec<(&'static str, usize, usize, usize)>,
    /// The submitted answers' files: (consultee id, file name, where it is downloaded).
    files: Vec<(i64, String, String)>,
}

/// The open form's answers counted by kind of respondent and state of moderation.
fn open_by_kind(answers: &[store::referrals::Answer], lang: Lang) -> Vec<(&'static str, usize, usize, usize)> {
    use domain::referrals::RespondentType;
    RespondentType::ALL
        .iter()
        .map(|t| {
            let of: Vec<_> = answers
                .iter()
                .filter(|a| a.consultee_id.is_none() && a.respondent_type.as_deref() == Some(t.as_str()))
                .collect();
            let n = |m: &str| of.iter().filter(|a| a.moderation.as_deref() == Some(m)).count();
            (t.label(lang), n("approved"), n("pending"), n("rejected"))
        })
        .collect()
}

pub async fn page(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    let consultees = consultee_rows(&app.store.referral_consultees(r.id).await?, ctx.lang);
    let kinds = by_kind(&consultees);
    let open_kinds = open_by_kind(&app.store.referral_answers(r.id).await?, ctx.lang);
    let files = app
        .store
        .referral_answer_files(r.id)
        .await?
        .into_iter()
        .map(|(k, f)| (k, f.file_name.clone(), format!("/remissvar/{k}/bilagor/{}", f.id)))
        .collect();
    let title = format!("{} – {}", crate::i18n::text(ctx.lang, "referral.dashboard"), r.title);
    let p = Chrome::new(&ctx, title);
    Ok(render(&DashboardPage { p, r, consultees, kinds, open_kinds, files })?.into_response())
}

/// Every submitted answer with its comments, one row per comment (an answer without comments
/// has one row), for spreadsheets.
pub async fn csv(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    let mut rows = vec![
        [
            "svarande",
            "sort",
            "ställningstagande",
            "eget diarienummer",
            "inkom",
            "sent",
            "sammanfattning",
            "avsnitt",
            "synpunkt",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let comments = app.store.referral_comments(r.id, None).await?;
    for a in app.store.referral_answers(r.id).await?.into_iter().filter(|a| a.status == "submitted") {
        let base = vec![
            a.respondent_name.clone(),
            kind_label(&a.respondent_kind, Lang::Sv),
            a.position.as_deref().and_then(Position::parse).map(|p| p.label(Lang::Sv).to_string()).unwrap_or_default(),
            a.their_case_number.clone().unwrap_or_default(),
            a.submitted_on.map(|d| d.to_string()).unwrap_or_default(),
            if a.late { "ja" } else { "nej" }.to_string(),
            a.summary.clone().unwrap_or_default(),
        ];
        let mine: Vec<_> = comments.iter().filter(|c| c.answer_id == a.id).collect();
        if mine.is_empty() {
            rows.push([base.clone(), vec![String::new(), String::new()]].concat());
        }
        for c in mine {
            rows.push(
                [base.clone(), vec![c.section.map(|s| s.to_string()).unwrap_or_default(), c.text.clone()]].concat(),
            );
        }
    }
    Ok(crate::csv::response(&format!("remissvar-{}.csv", r.id), &rows))
}

/// `GET /api/v1/referrals/{id}/answers`: every submitted answer with its comments (drafters).
pub async fn api(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    let comments = app.store.referral_comments(r.id, None).await?;
    let items: Vec<_> = app
        .store
        .referral_answers(r.id)
        .await?
        .into_iter()
        .filter(|a| a.status == "submitted")
        .map(|a| {
            let mine: Vec<_> = comments.iter().filter(|c| c.answer_id == a.id).collect();
            serde_json::json!({ "answer": a, "comments": mine })
        })
        .collect();
    Ok(Json(serde_json::json!({ "items": items })).into_response())
}
