//! Answers: a draft its organisation's people share (position, own case number, summary,
//! answers to the questions, comments anchored to sections), submitted once; the submission
//! registers the answer in the case's registry as an incoming document, flags it late or
//! refuses it as the referral says, and enqueues the receipt — all in one transaction. Answers
//! from the open form arrive submitted and wait for moderation before publication.

use domain::cases::{Direction, DocumentInput};
use domain::ids::{AnswerId, CaseDocumentId, CommentId, ConsulteeId, ReferralId};
use domain::referrals::{AnswerInput, AnswerStatus, Arrival, CommentInput, Position, ReferralStatus};
use serde::Serialize;
use serde_json::json;
use time::Date;

use super::{Referral, fetch, refused, touch};
use crate::cases::register_in;
use crate::{Actor, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

/// An answer as stored.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Answer {
    pub id: i64,
    pub referral_id: i64,
    pub consultee_id: Option<i64>,
    pub respondent_name: String,
    #[serde(skip)]
    pub respondent_email: Option<String>,
    pub private_person: bool,
    /// The respondent's kind: an organisation kind, "person" for a named person asked, or
    /// "public" for the open form.
    pub respondent_kind: String,
    pub position: Option<String>,
    pub their_case_number: Option<String>,
    pub summary: Option<String>,
    pub status: String,
    pub late: bool,
    pub submitted_on: Option<Date>,
    pub case_document_id: Option<i64>,
    pub moderation: Option<String>,
    /// Open form: a private person, an association or a company.
    pub respondent_type: Option<String>,
    /// Open form: the association or company answered for, if named.
    pub respondent_organisation: Option<String>,
    /// Open form: why the drafter rejected the answer.
    pub moderation_reason: Option<String>,
}

impl Answer {
    /// Whether the answer counts in the report: `counted_answer_sql!` said in Rust.
    pub fn counts(&self) -> bool {
        self.status == "submitted" && matches!(self.moderation.as_deref(), None | Some("approved"))
    }
}

/// A comment of an answer, with its response when the drafter has written one.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Comment {
    pub id: i64,
    pub answer_id: i64,
    pub section: Option<i64>,
    pub text: String,
    /// The text as published, after the personal-data review.
    pub masked_text: Option<String>,
    pub verdict: Option<String>,
    pub reason: Option<String>,
}

pub(super) const SELECT: &str = concat!(
    "SELECT a.id, a.referral_id, a.consultee_id, a.respondent_name, a.respondent_email, a.private_person, ",
    respondent_kind_sql!(),
    " AS respondent_kind, a.position, a.their_case_number, a.summary, a.status, a.late, a.submitted_on, \
     a.case_document_id, a.moderation, a.respondent_type, a.respondent_organisation, a.moderation_reason \
     FROM referral_answers a LEFT JOIN referral_consultees k ON k.id = a.consultee_id \
     LEFT JOIN organisations o ON o.id = k.organisation_id"
);

const COMMENTS: &str = "SELECT m.id, m.answer_id, m.section, m.text, m.masked_text, s.verdict, s.reason \
     FROM referral_comments m JOIN referral_answers a ON a.id = m.answer_id \
     LEFT JOIN referral_responses s ON s.comment_id = m.id";

pub(super) async fn answer_in(tx: &mut Tx, id: AnswerId) -> Result<Answer> {
    let sql = format!("{SELECT} WHERE a.id = $1");
    let a: Option<Answer> =
        on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id.0).fetch_optional(c).await)?;
    a.ok_or(StoreError::NotFound)
}

/// Locks the answer (raising `updated_at`) and checks that it is still a draft.
pub(super) async fn editable(tx: &mut Tx, id: AnswerId) -> Result<(Answer, Referral)> {
    let t = tx.now;
    let n = on_tx!(tx, |c| sqlx::query("UPDATE referral_answers SET updated_at = $1 WHERE id = $2")
        .bind(t)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    let a = answer_in(tx, id).await?;
    AnswerStatus::parse(&a.status).unwrap_or_default().check_editable().map_err(domain::Invalid::from)?;
    let r = fetch(tx, ReferralId(a.referral_id)).await?;
    Ok((a, r))
}

pub(super) fn check_open(r: &Referral, today: Date) -> Result<Arrival> {
    if r.status != ReferralStatus::Published || today < r.sent_on {
        return Err(refused(
            "referral",
            "referral_not_open",
            "Remissen är inte öppen för svar.",
            "The referral is not open for answers.",
        ));
    }
    Ok(domain::referrals::arrival(r.deadline, r.late_answers, today).map_err(domain::Invalid::from)?)
}

pub(super) async fn sections_of(tx: &mut Tx, referral: i64) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM referral_sections WHERE referral_id = $1 AND version = 1"
    )
    .bind(referral)
    .fetch_one(c)
    .await)?)
}

impl Store {
    /// The consultee's answer, if one has been begun.
    pub async fn consultee_answer(&self, consultee: ConsulteeId) -> Result<Option<Answer>> {
        let sql = format!("{SELECT} WHERE a.consultee_id = $1");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(consultee.0)
            .fetch_optional(p)
            .await)?)
    }

    pub async fn referral_answer(&self, id: AnswerId) -> Result<Option<Answer>> {
        let sql = format!("{SELECT} WHERE a.id = $1");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .fetch_optional(p)
            .await)?)
    }

    /// The answers of a referral (drafts too), by respondent.
    pub async fn referral_answers(&self, id: ReferralId) -> Result<Vec<Answer>> {
        let sql = format!("{SELECT} WHERE a.referral_id = $1 ORDER BY a.respondent_name, a.id");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id.0).fetch_all(p).await)?)
    }

    /// The comments of a referral's submitted answers (or of one answer), in order.
    pub async fn referral_comments(&self, id: ReferralId, answer: Option<AnswerId>) -> Result<Vec<Comment>> {
        let sql = format!(
            "{COMMENTS} WHERE a.referral_id = $1 AND ($2 IS NULL OR a.id = $2) AND (a.status = 'submitted' OR $2 IS NOT NULL) \
             ORDER BY m.section, a.respondent_name, m.id"
        );
        let answer = answer.map(|a| a.0);
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .bind(answer)
            .fetch_all(p)
            .await)?)
    }

    /// The answers to the missiv's questions of one answer: (question id, text).
    pub async fn answer_question_answers(&self, id: AnswerId) -> Result<Vec<(i64, String)>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT question_id, text FROM referral_question_answers WHERE answer_id = $1 ORDER BY question_id"
        )
        .bind(id.0)
        .fetch_all(p)
        .await)?)
    }

    /// Saves the consultee's draft: begun on first save, changed on later ones (by any of the
    /// organisation's people), while the referral takes answers. `questions` are the answers to
    /// the missiv's questions by question id (none: the question's answer is removed).
    pub async fn save_answer(
        &self,
        consultee: ConsulteeId,
        input: &AnswerInput,
        questions: &[(i64, Option<String>)],
        actor: &Actor,
    ) -> Result<AnswerId> {
        let mut tx = self.begin().await?;
        let k: Option<(i64, String)> = on_tx!(&mut tx, |c| {
            sqlx::query_as(
            "SELECT k.referral_id, COALESCE(o.name, p.name) FROM referral_consultees k \
             LEFT JOIN organisations o ON o.id = k.organisation_id LEFT JOIN people p ON p.id = k.person_id WHERE k.id = $1"
        )
        .bind(consultee.0)
        .fetch_optional(c)
        .await
        })?;
        let Some((referral, name)) = k else { return Err(StoreError::NotFound) };
        let r = touch(&mut tx, ReferralId(referral)).await?;
        check_open(&r, domain::meetings::calendar::swedish_date(tx.now))?;
        let t = tx.now;
        let existing: Option<i64> =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT id FROM referral_answers WHERE consultee_id = $1")
                .bind(consultee.0)
                .fetch_optional(c)
                .await)?;
        let id = match existing {
            Some(a) => {
                editable(&mut tx, AnswerId(a)).await?;
                on_tx!(&mut tx, |c| {
                    sqlx::query(
                    "UPDATE referral_answers SET position = $1, their_case_number = $2, summary = $3, updated_at = $4 WHERE id = $5"
                )
                .bind(input.position.map(|p| p.as_str()))
                .bind(&input.their_case_number)
                .bind(&input.summary)
                .bind(t)
                .bind(a)
                .execute(c)
                .await
                .map(|r| r.rows_affected())
                })?;
                a
            }
            None => on_tx!(&mut tx, |c| {
                sqlx::query_scalar(
                "INSERT INTO referral_answers (referral_id, consultee_id, respondent_name, position, their_case_number, \
                 summary, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $7) RETURNING id"
            )
            .bind(referral)
            .bind(consultee.0)
            .bind(&name)
            .bind(input.position.map(|p| p.as_str()))
            .bind(&input.their_case_number)
            .bind(&input.summary)
            .bind(t)
            .fetch_one(c)
            .await
            })?,
        };
        for (q, text) in questions {
            let known: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
                "SELECT COUNT(*) FROM referral_questions WHERE id = $1 AND referral_id = $2"
            )
            .bind(*q)
            .bind(referral)
            .fetch_one(c)
            .await)?;
            if known == 0 {
                return Err(refused(
                    "questions",
                    "unknown_question",
                    "Frågan hör inte till remissen.",
                    "The question does not belong to the referral.",
                ));
            }
            on_tx!(&mut tx, |c| sqlx::query(
                "DELETE FROM referral_question_answers WHERE answer_id = $1 AND question_id = $2"
            )
            .bind(id)
            .bind(*q)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
            if let Some(text) = text {
                on_tx!(&mut tx, |c| sqlx::query(
                    "INSERT INTO referral_question_answers (answer_id, question_id, text) VALUES ($1, $2, $3)"
                )
                .bind(id)
                .bind(*q)
                .bind(text)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
            }
        }
        let changes = json!({
            "consultee_id": consultee.0, "position": input.position.map(|p| p.as_str()),
            "their_case_number": input.their_case_number, "questions": questions.len(),
        });
        audit::record(&mut tx, actor, "referral_answer.save", "referral_answer", Some(id), changes).await?;
        tx.commit().await?;
        Ok(AnswerId(id))
    }

    /// Adds a comment to a draft answer.
    pub async fn add_answer_comment(&self, id: AnswerId, comment: &CommentInput, actor: &Actor) -> Result<CommentId> {
        let mut tx = self.begin().await?;
        let (a, _) = editable(&mut tx, id).await?;
        if let Some(s) = comment.section
            && s > sections_of(&mut tx, a.referral_id).await?
        {
            return Err(refused(
                "section",
                "unknown_section",
                "Avsnittet finns inte i remissversionen.",
                "The referral version has no such section.",
            ));
        }
        let cid = insert_comment(&mut tx, id, comment).await?;
        let changes = json!({"section": comment.section, "text": comment.text});
        audit::record(&mut tx, actor, "referral_answer.comment", "referral_answer", Some(id.0), changes).await?;
        tx.commit().await?;
        Ok(CommentId(cid))
    }

    /// Removes a comment from a draft answer.
    pub async fn remove_answer_comment(&self, id: AnswerId, comment: CommentId, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        editable(&mut tx, id).await?;
        let n = on_tx!(&mut tx, |c| sqlx::query("DELETE FROM referral_comments WHERE id = $1 AND answer_id = $2")
            .bind(comment.0)
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &mut tx,
            actor,
            "referral_answer.comment_remove",
            "referral_answer",
            Some(id.0),
            json!({"comment": comment.0}),
        )
        .await?;
        tx.commit().await
    }

    /// Submits the draft on its organisation's behalf, once: it needs a position; after the
    /// deadline it is flagged late or refused as the referral says. In the same transaction the
    /// answer is registered in the case's registry as an incoming document (the registry's own
    /// registration, `cases::register_in`) and the receipt job (`receipt_job`) is enqueued.
    pub async fn submit_answer(&self, id: AnswerId, receipt_job: &'static str, actor: &Actor) -> Result<Answer> {
        let mut tx = self.begin().await?;
        let (a, r) = editable(&mut tx, id).await?;
        let today = domain::meetings::calendar::swedish_date(tx.now);
        let arrival = check_open(&r, today)?;
        let position = a.position.as_deref().and_then(Position::parse);
        let input = AnswerInput { position, ..AnswerInput::default() };
        input.check_complete().map_err(domain::Invalid::from)?;
        let files: Vec<crate::cases::NewDocumentFile> = on_tx!(&mut tx, |c| sqlx::query_as::<_, (String, String, i64, String)>(
            "SELECT af.file_name, af.sha256, f.size, f.mime FROM referral_answer_files af JOIN files f ON f.sha256 = af.sha256 \
             WHERE af.answer_id = $1 ORDER BY af.id"
        )
        .bind(id.0)
        .fetch_all(c)
        .await)?
        .into_iter()
        .map(|(file_name, sha256, size, mime)| crate::cases::NewDocumentFile { file_name, sha256, size, mime })
        .collect();
        let late = arrival == Arrival::Late;
        let doc = register_answer(&mut tx, &r, &a.respondent_name, &files, actor).await?;
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE referral_answers SET status = 'submitted', late = $1, submitted_at = $2, submitted_on = $3, \
             submitted_by = $4, case_document_id = $5 WHERE id = $6"
        )
        .bind(late)
        .bind(t)
        .bind(today)
        .bind(&actor.label)
        .bind(doc.0.0)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let job = crate::jobs::NewJob::now(receipt_job, json!({"answer_id": id.0}))
            .once(format!("referral-receipt:{}", id.0));
        crate::jobs::enqueue(&mut tx, &job).await?;
        let changes = json!({"late": late, "registered_as": doc.1, "position": a.position});
        audit::record(&mut tx, actor, "referral_answer.submit", "referral_answer", Some(id.0), changes).await?;
        let a = answer_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(a)
    }
}

pub(super) async fn insert_comment(tx: &mut Tx, answer: AnswerId, c: &CommentInput) -> Result<i64> {
    let t = tx.now;
    Ok(on_tx!(tx, |x| sqlx::query_scalar(
        "INSERT INTO referral_comments (answer_id, section, text, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(answer.0)
    .bind(c.section)
    .bind(&c.text)
    .bind(t)
    .fetch_one(x)
    .await)?)
}

/// Registers an arriving answer in the referral's case as an incoming document dated today.
pub(super) async fn register_answer(
    tx: &mut Tx,
    r: &Referral,
    respondent: &str,
    files: &[crate::cases::NewDocumentFile],
    actor: &Actor,
) -> Result<(CaseDocumentId, String)> {
    let today = domain::meetings::calendar::swedish_date(tx.now);
    let counterpart: String = respondent.chars().take(domain::cases::PARTY_MAX).collect();
    let description: String = format!("Remissvar: {}", r.title).chars().take(domain::cases::DESCRIPTION_MAX).collect();
    let input = DocumentInput {
        direction: Direction::Incoming,
        document_date: today,
        counterpart: Some(counterpart),
        description,
        secrecy: None,
    };
    register_in(tx, r.case_id, &input, files, actor).await
}
