//! Dialogue meetings of a process, with the questions they discussed.

use domain::named::Named;
use domain::processes::DialogueInput;
use serde_json::json;
use time::Date;

use super::Dialogue;
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, invalid_field, must_exist, on_pool, on_tx};

const SELECT: &str = "SELECT d.id, d.process_id, d.title, d.organisation_id, o.name, d.theme, d.held_on, d.place, \
     d.invitees_politics, d.invitees_officials, d.invitees_business, d.invitees_civil_society, d.notes \
     FROM process_dialogues d LEFT JOIN organisations o ON o.id = d.organisation_id";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    process_id: i64,
    title: String,
    organisation_id: Option<i64>,
    name: Option<String>,
    theme: Option<String>,
    held_on: Date,
    place: Option<String>,
    invitees_politics: Option<String>,
    invitees_officials: Option<String>,
    invitees_business: Option<String>,
    invitees_civil_society: Option<String>,
    notes: Option<String>,
}

impl Store {
    /// The process's dialogues, in the order they were held.
    pub async fn dialogues(&self, process: i64) -> Result<Vec<Dialogue>> {
        let sql = format!("{SELECT} WHERE d.process_id = $1 ORDER BY d.held_on, d.id");
        let rows: Vec<Row> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(process)
            .fetch_all(p)
            .await)?;
        let qs: Vec<(i64, i64)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT dq.dialogue_id, dq.question_id FROM dialogue_questions dq \
             JOIN process_dialogues d ON d.id = dq.dialogue_id WHERE d.process_id = $1 ORDER BY dq.question_id"
        )
        .bind(process)
        .fetch_all(p)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let question_ids = qs.iter().filter(|q| q.0 == r.id).map(|q| q.1).collect();
                Dialogue {
                    id: r.id,
                    process_id: r.process_id,
                    title: r.title,
                    organisation: r.organisation_id.zip(r.name).map(|(id, name)| Named { id, name }),
                    theme: r.theme,
                    held_on: r.held_on,
                    place: r.place,
                    invitees: [
                        r.invitees_politics,
                        r.invitees_officials,
                        r.invitees_business,
                        r.invitees_civil_society,
                    ],
                    notes: r.notes,
                    question_ids,
                }
            })
            .collect())
    }

    pub async fn dialogue(&self, process: i64, id: i64) -> Result<Option<Dialogue>> {
        Ok(self.dialogues(process).await?.into_iter().find(|d| d.id == id))
    }

    /// Adds a dialogue meeting (`id` None; a retry with the same key returns the first) or
    /// replaces one of the process's.
    pub async fn save_dialogue(
        &self,
        process: i64,
        id: Option<i64>,
        input: &DialogueInput,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if id.is_none()
            && let Some(first) = remembered(&mut tx, actor.user_id, key, "process_dialogue").await?
        {
            return Ok(first);
        }
        if let Some(o) = input.organisation_id {
            must_exist(&mut tx, "organisations", o, "organisation_id").await?;
        }
        let t = tx.now;
        let id = match id {
            None => on_tx!(&mut tx, |c| sqlx::query_scalar(
                "INSERT INTO process_dialogues (process_id, title, held_on, created_at, updated_at) \
                 VALUES ($1, '', $2, $3, $3) RETURNING id"
            )
            .bind(process)
            .bind(input.held_on)
            .bind(t)
            .fetch_one(c)
            .await)?,
            Some(id) => id,
        };
        if write(&mut tx, process, id, input).await? == 0 {
            return Err(StoreError::NotFound);
        }
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM dialogue_questions WHERE dialogue_id = $1")
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        for q in &input.question_ids {
            let n: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
                "SELECT COUNT(*) FROM process_questions WHERE id = $1 AND process_id = $2"
            )
            .bind(q)
            .bind(process)
            .fetch_one(c)
            .await)?;
            if n == 0 {
                return Err(invalid_field(
                    "question_ids",
                    "unknown_question",
                    "Frågan hör inte till processen.",
                    "The question is not part of the process.",
                ));
            }
            on_tx!(&mut tx, |c| sqlx::query(
                "INSERT INTO dialogue_questions (dialogue_id, question_id) VALUES ($1, $2)"
            )
            .bind(id)
            .bind(q)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        remember(&mut tx, actor.user_id, key, "process_dialogue", id).await?;
        let changes = json!({"dialogue_id": id, "title": input.title, "organisation_id": input.organisation_id,
            "theme": input.theme, "held_on": input.held_on.to_string(), "question_ids": input.question_ids});
        audit::record(&mut tx, actor, "process.dialogue", "process", Some(process), changes).await?;
        super::index::refresh_process(&mut tx, process).await?;
        tx.commit().await?;
        Ok(id)
    }
}

async fn write(tx: &mut Tx, process: i64, id: i64, i: &DialogueInput) -> Result<u64> {
    let t = tx.now;
    Ok(on_tx!(tx, |c| sqlx::query(
        "UPDATE process_dialogues SET title = $1, organisation_id = $2, theme = $3, held_on = $4, place = $5, \
         invitees_politics = $6, invitees_officials = $7, invitees_business = $8, invitees_civil_society = $9, \
         notes = $10, updated_at = $11 WHERE id = $12 AND process_id = $13"
    )
    .bind(&i.title)
    .bind(i.organisation_id)
    .bind(&i.theme)
    .bind(i.held_on)
    .bind(&i.place)
    .bind(&i.invitees[0])
    .bind(&i.invitees[1])
    .bind(&i.invitees[2])
    .bind(&i.invitees[3])
    .bind(&i.notes)
    .bind(t)
    .bind(id)
    .bind(process)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?)
}
