//! Files attached to an answer (a PDF of the organisation's decision, a map): added and removed
//! while the answer is a draft, their bytes kept by digest in `files` like every other file,
//! and registered with the answer's incoming document when it is submitted (`submit_answer`).
//! An open answer's file arrives with the answer (`submit_public_answer`) and stays with it:
//! the registry's files are public, and an open answer's file waits for moderation and the
//! report (`domain::referrals::open_file_public`).

use domain::ids::AnswerId;
use serde::Serialize;
use serde_json::json;

use super::answers::editable;
use super::refused;
use crate::cases::NewDocumentFile;
use crate::{Actor, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

/// How many files one answer may carry.
pub const FILES_MAX: i64 = 10;

/// A file of an answer.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct AnswerFile {
    pub id: i64,
    pub answer_id: i64,
    pub file_name: String,
    #[serde(skip)]
    pub sha256: String,
    pub size: i64,
    pub mime: String,
}

/// The columns of `AnswerFile` over `af` (the answer's file) and `f` (its bytes' record).
const COLUMNS: &str = "af.id, af.answer_id, af.file_name, af.sha256, f.size, f.mime \
     FROM referral_answer_files af JOIN files f ON f.sha256 = af.sha256";

/// Records a file (its bytes already stored by digest) with answer `answer` in `tx`.
pub(super) async fn insert_file(tx: &mut Tx, answer: AnswerId, file: &NewDocumentFile) -> Result<i64> {
    crate::files::record(tx, &file.sha256, file.size, &file.mime).await?;
    let t = tx.now;
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO referral_answer_files (answer_id, file_name, sha256, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(answer.0)
    .bind(&file.file_name)
    .bind(&file.sha256)
    .bind(t)
    .fetch_one(c)
    .await
    })?)
}

impl Store {
    /// Attaches a file (its bytes already stored by digest) to a draft answer.
    pub async fn add_answer_file(
        &self,
        answer: AnswerId,
        file_name: &str,
        sha256: &str,
        size: i64,
        mime: &str,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        editable(&mut tx, answer).await?;
        let n: i64 =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT COUNT(*) FROM referral_answer_files WHERE answer_id = $1")
                .bind(answer.0)
                .fetch_one(c)
                .await)?;
        if n >= FILES_MAX {
            return Err(refused(
                "file",
                "too_many_files",
                &format!("Ett svar kan ha högst {FILES_MAX} bilagor."),
                &format!("An answer can carry at most {FILES_MAX} files."),
            ));
        }
        let file = NewDocumentFile { file_name: file_name.into(), sha256: sha256.into(), size, mime: mime.into() };
        let id = insert_file(&mut tx, answer, &file).await?;
        let changes = json!({"file": id, "file_name": file_name, "sha256": sha256, "size": size});
        audit::record(&mut tx, actor, "referral_answer.file", "referral_answer", Some(answer.0), changes).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes a file from a draft answer (its bytes stay while anything else uses them).
    pub async fn remove_answer_file(&self, answer: AnswerId, file: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        editable(&mut tx, answer).await?;
        let n = on_tx!(&mut tx, |c| sqlx::query("DELETE FROM referral_answer_files WHERE id = $1 AND answer_id = $2")
            .bind(file)
            .bind(answer.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let changes = json!({"file": file});
        audit::record(&mut tx, actor, "referral_answer.file_remove", "referral_answer", Some(answer.0), changes)
            .await?;
        tx.commit().await
    }

    /// The files of an answer, in the order they were added.
    pub async fn answer_files(&self, answer: AnswerId) -> Result<Vec<AnswerFile>> {
        let sql = format!("SELECT {COLUMNS} WHERE af.answer_id = $1 ORDER BY af.id");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(answer.0)
            .fetch_all(p)
            .await)?)
    }

    /// The files of the open form's answers to a referral, in the order they arrived (who may
    /// read which is the web's decision, `open_file_public`).
    pub async fn open_answer_files(&self, id: domain::ids::ReferralId) -> Result<Vec<AnswerFile>> {
        let sql = format!(
            "SELECT {COLUMNS} JOIN referral_answers a ON a.id = af.answer_id \
             WHERE a.referral_id = $1 AND a.consultee_id IS NULL ORDER BY af.id"
        );
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id.0).fetch_all(p).await)?)
    }

    /// One file of an open answer to the referral, by its id.
    pub async fn open_answer_file(&self, id: domain::ids::ReferralId, file: i64) -> Result<Option<AnswerFile>> {
        let sql = format!(
            "SELECT {COLUMNS} JOIN referral_answers a ON a.id = af.answer_id \
             WHERE a.referral_id = $1 AND a.consultee_id IS NULL AND af.id = $2"
        );
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .bind(file)
            .fetch_optional(p)
            .await)?)
    }

    /// The files of every submitted answer of a referral, with the consultee each answer is of.
    pub async fn referral_answer_files(&self, id: domain::ids::ReferralId) -> Result<Vec<(i64, AnswerFile)>> {
        let rows: Vec<(i64, i64, i64, String, String, i64, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT a.consultee_id, af.id, af.answer_id, af.file_name, af.sha256, f.size, f.mime \
             FROM referral_answer_files af JOIN files f ON f.sha256 = af.sha256 \
             JOIN referral_answers a ON a.id = af.answer_id \
             WHERE a.referral_id = $1 AND a.status = 'submitted' AND a.consultee_id IS NOT NULL ORDER BY af.id"
        )
        .bind(id.0)
        .fetch_all(p)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|(k, id, answer_id, file_name, sha256, size, mime)| {
                (k, AnswerFile { id, answer_id, file_name, sha256, size, mime })
            })
            .collect())
    }
}
