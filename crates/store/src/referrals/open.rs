//! Answers through the open form of a referral open to everyone (issue 12, ADR 52): they
//! arrive submitted, are registered in the case's registry like every answer, keep the
//! client's address for the form's throttle and the form's key against resending, and wait for
//! the drafter's moderation (publish, or reject with a reason) before the report may take them.
//! A file sent with the answer is kept with it in the same transaction.

use domain::ids::{AnswerId, ReferralId};
use domain::referrals::{
    Arrival, CommentInput, Moderation, ModerationInput, OpenAnswerInput, ReportStatus, RespondentType,
};
use serde_json::json;
use time::OffsetDateTime;

use super::answers::{Answer, SELECT, answer_in, check_open, insert_comment, register_answer, sections_of};
use super::{refused, touch};
use crate::{Actor, Result, Store, StoreError, audit, on_pool, on_tx};

/// An answer through the open form.
#[derive(Clone, Debug)]
pub struct NewPublicAnswer {
    pub input: OpenAnswerInput,
    pub comments: Vec<CommentInput>,
    /// Answers to the missiv's questions: (question id, text).
    pub questions: Vec<(i64, String)>,
    /// The client's network address, for the throttle.
    pub address: Option<String>,
    /// The form's key: a resent form returns the first answer.
    pub key: Option<String>,
    /// The file sent with the answer (its bytes already stored by digest): kept with the answer,
    /// not with its registered document, whose files are public (`open_file_public`).
    pub file: Option<crate::cases::NewDocumentFile>,
}

/// A drafter to be told of an open answer awaiting moderation (`referral_moderators`).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Moderator {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    /// The account's language of the interface, when chosen.
    pub lang: Option<String>,
    /// The person of the register the account acts as.
    pub person_id: Option<i64>,
}

impl Store {
    /// Whether an open answer with the form's key is stored already (a retry adds nothing).
    pub async fn public_answer_stored(&self, referral: ReferralId, key: &str) -> Result<bool> {
        let n: i64 = crate::on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM referral_answers WHERE referral_id = $1 AND submission_key = $2"
        )
        .bind(referral.0)
        .bind(key)
        .fetch_one(p)
        .await)?;
        Ok(n > 0)
    }

    /// An answer through the open form of a referral open to everyone: it arrives submitted,
    /// is registered like every answer, and waits for moderation before publication. With the
    /// form's key a resent form returns the first answer. In the same transaction: the
    /// receipt's job (when the respondent gave an address) and, once per answer, the job that
    /// tells the referral's drafters it awaits their moderation (`moderation_job`).
    pub async fn submit_public_answer(
        &self,
        referral: ReferralId,
        answer: &NewPublicAnswer,
        receipt_job: &'static str,
        moderation_job: &'static str,
        actor: &Actor,
    ) -> Result<Answer> {
        let mut tx = self.begin().await?;
        let r = touch(&mut tx, referral).await?;
        if let Some(key) = &answer.key {
            let first: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
                "SELECT id FROM referral_answers WHERE referral_id = $1 AND submission_key = $2"
            )
            .bind(referral.0)
            .bind(key)
            .fetch_optional(c)
            .await)?;
            if let Some(id) = first {
                return answer_in(&mut tx, AnswerId(id)).await;
            }
        }
        if !r.open_to_public {
            return Err(refused(
                "referral",
                "not_open_to_public",
                "Remissen tar inte emot svar från allmänheten.",
                "The referral does not take answers from the public.",
            ));
        }
        let today = domain::meetings::calendar::swedish_date(tx.now);
        let late = check_open(&r, today)? == Arrival::Late;
        let sections = sections_of(&mut tx, referral.0).await?;
        if answer.comments.iter().any(|c| c.section.is_some_and(|s| s > sections)) {
            return Err(refused(
                "section",
                "unknown_section",
                "Avsnittet finns inte i remissversionen.",
                "The referral version has no such section.",
            ));
        }
        let a = &answer.input;
        let private = a.respondent_type == RespondentType::PrivatePerson;
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
                "INSERT INTO referral_answers (referral_id, respondent_name, respondent_email, private_person, position, summary, \
                 status, late, submitted_at, submitted_on, submitted_by, moderation, respondent_type, respondent_organisation, \
                 client_address, submission_key, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, $9, $10, 'pending', $11, $12, $13, $14, $8, $8) RETURNING id",
            )
            .bind(referral.0)
            .bind(&a.name)
            .bind(&a.email)
            .bind(private)
            .bind(a.position.as_str())
            .bind(&a.summary)
            .bind(late)
            .bind(t)
            .bind(today)
            .bind(&actor.label)
            .bind(a.respondent_type.as_str())
            .bind(&a.organisation)
            .bind(&answer.address)
            .bind(&answer.key)
            .fetch_one(c)
            .await
        })?;
        for c in &answer.comments {
            insert_comment(&mut tx, AnswerId(id), c).await?;
        }
        for (q, text) in &answer.questions {
            let n = on_tx!(&mut tx, |c| sqlx::query(
                "INSERT INTO referral_question_answers (answer_id, question_id, text) \
                 SELECT $1, id, $3 FROM referral_questions WHERE id = $2 AND referral_id = $4"
            )
            .bind(id)
            .bind(*q)
            .bind(text)
            .bind(referral.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
            if n == 0 {
                return Err(refused(
                    "questions",
                    "unknown_question",
                    "Frågan hör inte till remissen.",
                    "The question does not belong to the referral.",
                ));
            }
        }
        if let Some(f) = &answer.file {
            super::answer_files::insert_file(&mut tx, AnswerId(id), f).await?;
        }
        let counterpart = match &a.organisation {
            Some(o) if !private => format!("{} ({o})", a.name),
            _ => a.name.clone(),
        };
        let doc = register_answer(&mut tx, &r, &counterpart, &[], actor).await?;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE referral_answers SET case_document_id = $1 WHERE id = $2")
            .bind(doc.0.0)
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if a.email.is_some() {
            let job =
                crate::jobs::NewJob::now(receipt_job, json!({"answer_id": id})).once(format!("referral-receipt:{id}"));
            crate::jobs::enqueue(&mut tx, &job).await?;
        }
        let job = crate::jobs::NewJob::now(moderation_job, json!({"answer_id": id}))
            .once(format!("referral-moderation:{id}"));
        crate::jobs::enqueue(&mut tx, &job).await?;
        let changes = json!({
            "late": late, "registered_as": doc.1, "comments": answer.comments.len(),
            "respondent_type": a.respondent_type.as_str(), "questions": answer.questions.len(),
            "file": answer.file.as_ref().map(|f| json!({"file_name": f.file_name, "sha256": f.sha256, "size": f.size})),
        });
        audit::record(&mut tx, actor, "referral_answer.submit_public", "referral_answer", Some(id), changes).await?;
        let a = answer_in(&mut tx, AnswerId(id)).await?;
        tx.commit().await?;
        Ok(a)
    }

    /// Who is told that an open answer of `referral` awaits moderation: the registrars of the
    /// case's organisation (those who draft and moderate the referral), accounts not disabled,
    /// with the person each account acts as (whose mail settings decide) if any.
    pub async fn referral_moderators(&self, referral: ReferralId) -> Result<Vec<Moderator>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Moderator>(
            "SELECT u.id AS user_id, u.name, u.email, u.lang, u.person_id FROM referrals r \
             JOIN cases c ON c.id = r.case_id JOIN case_registrars g ON g.organisation_id = c.organisation_id \
             JOIN users u ON u.id = g.user_id WHERE r.id = $1 AND NOT u.disabled ORDER BY u.name, u.id"
        )
        .bind(referral.0)
        .fetch_all(p)
        .await)?)
    }

    /// How many answers the open forms took from `address` since `since` (the throttle).
    pub async fn open_answers_from(&self, address: &str, since: OffsetDateTime) -> Result<i64> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM referral_answers WHERE client_address = $1 AND submitted_at >= $2"
        )
        .bind(address)
        .bind(since)
        .fetch_one(p)
        .await)?)
    }

    /// The answers of the referral's open form, those waiting for moderation first, then the
    /// newest.
    pub async fn open_answers(&self, id: ReferralId) -> Result<Vec<Answer>> {
        let sql = format!(
            "{SELECT} WHERE a.referral_id = $1 AND a.consultee_id IS NULL \
             ORDER BY CASE WHEN a.moderation = 'pending' THEN 0 ELSE 1 END, a.submitted_at DESC, a.id DESC"
        );
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id.0).fetch_all(p).await)?)
    }

    /// The drafter's decision on an answer of the open form of `referral`: published with the
    /// report, or rejected with a reason. It may be changed until the report is reviewed.
    pub async fn moderate_answer(
        &self,
        referral: ReferralId,
        id: AnswerId,
        input: &ModerationInput,
        actor: &Actor,
    ) -> Result<Moderation> {
        let mut tx = self.begin().await?;
        let r = touch(&mut tx, referral).await?;
        let a = answer_in(&mut tx, id).await?;
        if a.referral_id != referral.0 || a.consultee_id.is_some() {
            return Err(StoreError::NotFound);
        }
        if r.report_status != ReportStatus::Draft {
            return Err(refused(
                "decision",
                "report_closed",
                "Samrådsredogörelsen är granskad; granskningen av svaren kan inte längre ändras.",
                "The consultation report has been reviewed; the moderation can no longer change.",
            ));
        }
        let outcome = input.outcome();
        let reason = match input {
            ModerationInput::Reject { reason } => Some(reason.as_str()),
            ModerationInput::Publish => None,
        };
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE referral_answers SET moderation = $1, moderation_reason = $2, updated_at = $3 WHERE id = $4"
        )
        .bind(outcome.as_str())
        .bind(reason)
        .bind(t)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let changes = json!({"moderation": outcome.as_str(), "reason": reason, "was": a.moderation});
        audit::record(&mut tx, actor, "referral_answer.moderate", "referral_answer", Some(id.0), changes).await?;
        tx.commit().await?;
        Ok(outcome)
    }
}
