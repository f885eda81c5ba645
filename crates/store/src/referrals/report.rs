//! The consultation report: a response to every comment, the personal-data review that writes
//! each comment's published (masked) text and closes the drafting, and publication, which
//! enqueues the notification of every respondent.

use domain::ids::{CommentId, ReferralId};
use domain::referrals::{ReportStatus, ResponseInput};
use serde::Serialize;
use serde_json::json;

use super::{fetch, refused, touch};
use crate::{Actor, Result, Store, StoreError, audit, on_tx};

/// A comment with its respondent, as the report groups and counts them.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct ReportRow {
    pub comment_id: i64,
    pub answer_id: i64,
    pub section: Option<i64>,
    /// Who answered as the report names them: the organisation an open-form answer was given
    /// for (empty when none was named: the report shows the kind of respondent), else the
    /// respondent's name.
    pub respondent_name: String,
    /// The person who gave an open-form answer for an organisation: personal data the review
    /// looks for, never shown in the report.
    #[serde(skip)]
    pub contact_name: Option<String>,
    pub respondent_kind: String,
    pub private_person: bool,
    pub text: String,
    pub masked_text: Option<String>,
    pub verdict: Option<String>,
    pub reason: Option<String>,
}

/// The comments the report answers: those of submitted answers, the open form's only once the
/// drafter has published them in moderation (pending ones wait in the moderation queue,
/// rejected ones are never published).
const ROWS: &str = concat!(
    "SELECT m.id AS comment_id, a.id AS answer_id, m.section, \
     CASE WHEN a.respondent_type IS NULL OR a.private_person THEN a.respondent_name \
          ELSE COALESCE(a.respondent_organisation, '') END AS respondent_name, \
     CASE WHEN a.respondent_type IS NULL OR a.private_person THEN NULL ELSE a.respondent_name END AS contact_name, ",
    respondent_kind_sql!(),
    " AS respondent_kind, a.private_person, m.text, m.masked_text, s.verdict, s.reason \
     FROM referral_comments m JOIN referral_answers a ON a.id = m.answer_id \
     LEFT JOIN referral_consultees k ON k.id = a.consultee_id LEFT JOIN organisations o ON o.id = k.organisation_id \
     LEFT JOIN referral_responses s ON s.comment_id = m.id \
     WHERE a.referral_id = $1 AND ",
    counted_answer_sql!()
);

fn not_draft() -> StoreError {
    refused(
        "report",
        "report_closed",
        "Samrådsredogörelsen är granskad; svaren kan inte längre ändras.",
        "The consultation report has been reviewed; responses can no longer change.",
    )
}

impl Store {
    /// The report's rows by section, kind of respondent and respondent.
    pub async fn report_rows(&self, id: ReferralId) -> Result<Vec<ReportRow>> {
        let sql = format!("{ROWS} ORDER BY m.section, respondent_kind, respondent_name, m.id");
        Ok(crate::on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .fetch_all(p)
            .await)?)
    }

    /// Writes (or rewrites) the response to a comment while the report is a draft.
    pub async fn respond_to_comment(
        &self,
        id: ReferralId,
        comment: CommentId,
        input: &ResponseInput,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let r = touch(&mut tx, id).await?;
        if r.report_status != ReportStatus::Draft {
            return Err(not_draft());
        }
        let sql = format!("{ROWS} AND m.id = $2");
        let row: Option<ReportRow> = on_tx!(&mut tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .bind(comment.0)
            .fetch_optional(c)
            .await)?;
        if row.is_none() {
            return Err(StoreError::NotFound);
        }
        let t = tx.now;
        on_tx!(&mut tx, |c| {
            sqlx::query(
            "INSERT INTO referral_responses (comment_id, verdict, reason, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (comment_id) DO UPDATE SET verdict = excluded.verdict, reason = excluded.reason, \
             updated_by = excluded.updated_by, updated_at = excluded.updated_at"
        )
        .bind(comment.0)
        .bind(input.verdict.as_str())
        .bind(&input.reason)
        .bind(&actor.label)
        .bind(t)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
        let changes = json!({"comment": comment.0, "verdict": input.verdict.as_str(), "reason": input.reason});
        audit::record(&mut tx, actor, "referral_report.respond", "referral", Some(id.0), changes).await?;
        tx.commit().await
    }

    /// Records how the document changed after the referral (the report says so).
    pub async fn set_report_changes(&self, id: ReferralId, changes_text: Option<&str>, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let r = touch(&mut tx, id).await?;
        if r.report_status != ReportStatus::Draft {
            return Err(not_draft());
        }
        on_tx!(&mut tx, |c| sqlx::query("UPDATE referrals SET report_changes = $1 WHERE id = $2")
            .bind(changes_text)
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        audit::record(
            &mut tx,
            actor,
            "referral_report.changes",
            "referral",
            Some(id.0),
            json!({"changes": changes_text}),
        )
        .await?;
        tx.commit().await
    }

    /// The personal-data review: every comment answered (with its reason where one is due,
    /// `ReportStatus::review`), then each comment's published text written with the personal
    /// data found masked — the personal identity numbers, e-mail addresses and phone numbers,
    /// and the names of those who answered as private persons — except the findings the drafter
    /// keeps (`keep`: (comment id, the found text)) and with the names removed from the web
    /// hidden, and the report marked reviewed.
    pub async fn review_report(&self, id: ReferralId, keep: &[(i64, String)], actor: &Actor) -> Result<usize> {
        let mut tx = self.begin().await?;
        let r = touch(&mut tx, id).await?;
        if r.status != domain::referrals::ReferralStatus::Published {
            return Err(refused(
                "report",
                "referral_not_published",
                "Remissen är inte utskickad; det finns inga svar att redogöra för.",
                "The referral has not been sent; there are no answers to report on.",
            ));
        }
        let pending: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT COUNT(*) FROM referral_answers WHERE referral_id = $1 AND moderation = 'pending'"
        )
        .bind(id.0)
        .fetch_one(c)
        .await)?;
        if pending > 0 {
            return Err(refused(
                "report",
                "moderation_pending",
                &format!(
                    "{pending} svar från det öppna formuläret väntar på granskning. Publicera eller avvisa dem först."
                ),
                &format!("{pending} answers from the open form await moderation. Publish or reject them first."),
            ));
        }
        let sql = format!("{ROWS} ORDER BY m.id");
        let rows: Vec<ReportRow> =
            on_tx!(&mut tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id.0).fetch_all(c).await)?;
        let comments: Vec<_> = rows.iter().map(report_comment).collect();
        r.report_status.review(&comments).map_err(domain::Invalid::from)?;
        let names = private_names(&rows);
        let hidden = crate::search::hidden::outside_protocols(&mut tx).await?;
        let hidden: Vec<_> = hidden.iter().collect();
        let mut masked = 0;
        for row in &rows {
            let found: Vec<_> = domain::referrals::find_personal_data(&row.text, &names)
                .into_iter()
                .filter(|f| !keep.iter().any(|(c, t)| *c == row.comment_id && *t == f.text))
                .collect();
            masked += found.len();
            let mut text = domain::referrals::mask(&row.text, &found);
            // Names removed from the web stay hidden whatever the drafter keeps (rule 22).
            domain::privacy::mask_text(&mut text, &hidden);
            on_tx!(&mut tx, |c| sqlx::query("UPDATE referral_comments SET masked_text = $1 WHERE id = $2")
                .bind(&text)
                .bind(row.comment_id)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
        on_tx!(&mut tx, |c| sqlx::query("UPDATE referrals SET report_status = 'reviewed' WHERE id = $1")
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        let kept: Vec<_> = keep.iter().map(|(c, t)| json!({"comment": c, "text": t})).collect();
        audit::record(
            &mut tx,
            actor,
            "referral_report.review",
            "referral",
            Some(id.0),
            json!({"masked": masked, "kept": kept}),
        )
        .await?;
        tx.commit().await?;
        Ok(masked)
    }

    /// Publishes the reviewed report and enqueues the notification of every respondent
    /// (`job_kind`) in the same transaction.
    pub async fn publish_report(&self, id: ReferralId, job_kind: &'static str, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let r = touch(&mut tx, id).await?;
        let next = r.report_status.publish().map_err(domain::Invalid::from)?;
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE referrals SET report_status = $1, report_published_at = $2 WHERE id = $3"
        )
        .bind(next.as_str())
        .bind(t)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let job =
            crate::jobs::NewJob::now(job_kind, json!({"referral_id": id.0})).once(format!("referral-report:{}", id.0));
        crate::jobs::enqueue(&mut tx, &job).await?;
        super::index::refresh_referral(&mut tx, id).await?;
        audit::record(&mut tx, actor, "referral_report.publish", "referral", Some(id.0), json!({})).await?;
        fetch(&mut tx, id).await?;
        tx.commit().await
    }
}

/// The names of those who answered as private persons or for an organisation through the open
/// form: personal data the review looks for.
pub fn private_names(rows: &[ReportRow]) -> Vec<String> {
    let mut names: Vec<String> = rows
        .iter()
        .filter_map(|r| if r.private_person { Some(r.respondent_name.clone()) } else { r.contact_name.clone() })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The kind of respondent of an answer: its organisation's kind, a private person, or (a named
/// person asked, an association through the open form) "other".
pub fn respondent_kind(kind: &str, private_person: bool) -> domain::referrals::RespondentKind {
    use domain::organisations::OrganisationKind;
    use domain::referrals::RespondentKind;
    match OrganisationKind::parse(kind) {
        _ if private_person => RespondentKind::PrivatePerson,
        Some(k) => RespondentKind::organisation(k),
        None => RespondentKind::organisation(OrganisationKind::Other),
    }
}

/// A report row as the domain's report rules see it.
pub fn report_comment(r: &ReportRow) -> domain::referrals::ReportComment {
    use domain::referrals::Verdict;
    domain::referrals::ReportComment {
        id: r.comment_id,
        section: r.section,
        respondent: respondent_kind(&r.respondent_kind, r.private_person),
        verdict: r.verdict.as_deref().and_then(Verdict::parse),
        has_reason: r.reason.as_deref().is_some_and(|s| !s.trim().is_empty()),
    }
}
