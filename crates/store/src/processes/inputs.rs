//! Inputs (inspel) to a process: received (from the public form, moderated before publication,
//! or written down by the process's owners from a dialogue), moderated, listed, and counted per
//! sender address for the public form's throttle. Publishing stores the masked text beside the
//! original, which is never changed.

use domain::processes::input::publishable;
use domain::processes::{InputInput, Moderation, ParticipantKind};
use domain::strategy::SdgRef;
use serde_json::json;
use time::OffsetDateTime;

use super::InputRecord;
use crate::accounts::check_key;
use crate::{Actor, Result, Store, StoreError, Tx, audit, invalid_field, on_pool, on_tx};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    process_id: i64,
    dialogue_id: Option<i64>,
    question_id: Option<i64>,
    kind: String,
    author_name: Option<String>,
    author_email: Option<String>,
    organisation_name: Option<String>,
    text: String,
    published_text: Option<String>,
    status: String,
    received_at: OffsetDateTime,
}

impl Store {
    /// The process's inputs, oldest first; only those with `status` when given.
    pub async fn process_inputs(&self, process: i64, status: Option<Moderation>) -> Result<Vec<InputRecord>> {
        let rows: Vec<Row> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT id, process_id, dialogue_id, question_id, kind, author_name, author_email, organisation_name, text, \
             published_text, status, received_at FROM process_inputs WHERE process_id = $1 AND ($2 = '' OR status = $2) \
             ORDER BY received_at, id"
        )
        .bind(process)
        .bind(status.map_or("", |s| s.as_str()))
        .fetch_all(p)
        .await
        })?;
        let areas: Vec<(i64, i64)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT a.input_id, a.node_id FROM input_areas a JOIN process_inputs i ON i.id = a.input_id \
             WHERE i.process_id = $1 ORDER BY a.node_id"
        )
        .bind(process)
        .fetch_all(p)
        .await)?;
        let sdg: Vec<(i64, String)> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT s.input_id, s.code FROM input_sdg s JOIN process_inputs i ON i.id = s.input_id WHERE i.process_id = $1"
        )
        .bind(process)
        .fetch_all(p)
        .await
        })?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let mut codes: Vec<SdgRef> =
                    sdg.iter().filter(|s| s.0 == r.id).filter_map(|s| SdgRef::parse("sdg", &s.1).ok()).collect();
                codes.sort_by_key(SdgRef::sort_key);
                InputRecord {
                    id: r.id,
                    process_id: r.process_id,
                    dialogue_id: r.dialogue_id,
                    question_id: r.question_id,
                    kind: ParticipantKind::parse(&r.kind).unwrap_or(ParticipantKind::Resident),
                    author_name: r.author_name,
                    author_email: r.author_email,
                    organisation_name: r.organisation_name,
                    text: r.text,
                    published_text: r.published_text,
                    status: Moderation::parse(&r.status).unwrap_or(Moderation::Pending),
                    received_at: r.received_at,
                    area_ids: areas.iter().filter(|a| a.0 == r.id).map(|a| a.1).collect(),
                    sdg: codes,
                }
            })
            .collect())
    }

    /// Inputs received from `address` since `since` (the public form's throttle).
    pub async fn process_inputs_from(&self, address: &str, since: OffsetDateTime) -> Result<i64> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM process_inputs WHERE sender_address = $1 AND received_at >= $2"
        )
        .bind(address)
        .bind(since)
        .fetch_one(p)
        .await)?)
    }

    /// Receives an input: `pending` until moderated, or published at once (masked) when the
    /// process's owners write it down. The form's submission key is kept on the input (unique in
    /// the process): a double submit or a retry with the same key, signed in or not, returns the
    /// first input and its state, and saves nothing.
    pub async fn create_process_input(
        &self,
        process: i64,
        input: &InputInput,
        published: bool,
        sender_address: Option<&str>,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<(i64, Moderation)> {
        if let Some(k) = key {
            check_key(k)?;
        }
        let mut tx = self.begin().await?;
        if let Some(first) = submitted(&mut tx, process, key).await? {
            return Ok(first);
        }
        check_tags(&mut tx, process, input).await?;
        let t = tx.now;
        let status = if published { Moderation::Published } else { Moderation::Pending };
        // Only a published input is masked, so only then are the hidden names read: a pending
        // one (every public form's input) costs no query for them.
        let shown = if published {
            let hidden = crate::search::hidden::outside_protocols(&mut tx).await?;
            let hidden: Vec<_> = hidden.iter().collect();
            Some(publishable(&input.text, input.author_name.as_deref(), &hidden))
        } else {
            None
        };
        // A simultaneous twin with the same key waits for the first and then inserts nothing.
        let id: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO process_inputs (process_id, dialogue_id, question_id, kind, author_name, author_email, \
             organisation_name, text, published_text, status, sender_address, received_at, moderated_at, \
             submission_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
             ON CONFLICT (process_id, submission_key) DO NOTHING RETURNING id"
        )
        .bind(process)
        .bind(input.dialogue_id)
        .bind(input.question_id)
        .bind(input.kind.as_str())
        .bind(&input.author_name)
        .bind(&input.author_email)
        .bind(&input.organisation_name)
        .bind(&input.text)
        .bind(&shown)
        .bind(status.as_str())
        .bind(sender_address)
        .bind(t)
        .bind(published.then_some(t))
        .bind(key)
        .fetch_optional(c)
        .await)?;
        let Some(id) = id else {
            drop(tx);
            let mut tx = self.begin().await?;
            return submitted(&mut tx, process, key).await?.ok_or(StoreError::NotFound);
        };
        for a in &input.area_ids {
            on_tx!(&mut tx, |c| sqlx::query("INSERT INTO input_areas (input_id, node_id) VALUES ($1, $2)")
                .bind(id)
                .bind(a)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
        for s in &input.sdg {
            on_tx!(&mut tx, |c| sqlx::query("INSERT INTO input_sdg (input_id, code) VALUES ($1, $2)")
                .bind(id)
                .bind(s.code())
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
        // The audit event keeps what was received, not who sent it (personal data, rule 22).
        let changes = json!({"input_id": id, "kind": input.kind.as_str(), "status": status.as_str(),
            "question_id": input.question_id, "dialogue_id": input.dialogue_id});
        audit::record(&mut tx, actor, "process.input", "process", Some(process), changes).await?;
        tx.commit().await?;
        Ok((id, status))
    }

    /// The input of the process sent with this submission key, and its state (its receipt).
    pub async fn process_input_by_key(&self, process: i64, key: &str) -> Result<Option<(i64, Moderation)>> {
        let row: Option<(i64, String)> =
            on_pool!(&self.pool, |p| sqlx::query_as(BY_KEY).bind(process).bind(key).fetch_optional(p).await)?;
        Ok(receipt(row))
    }

    /// Publishes (with the masked text) or rejects an input of the process.
    pub async fn moderate_input(&self, process: i64, id: i64, to: Moderation, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let row: Option<(String, Option<String>, String)> = on_tx!(&mut tx, |c| sqlx::query_as(
            "SELECT text, author_name, status FROM process_inputs WHERE id = $1 AND process_id = $2"
        )
        .bind(id)
        .bind(process)
        .fetch_optional(c)
        .await)?;
        let Some((text, author, from)) = row else { return Err(StoreError::NotFound) };
        if !Moderation::parse(&from).unwrap_or(Moderation::Pending).may_become(to) {
            return Err(StoreError::Invalid(domain::Invalid::one(Moderation::refused("status"))));
        }
        let hidden = crate::search::hidden::outside_protocols(&mut tx).await?;
        let hidden: Vec<_> = hidden.iter().collect();
        let shown = (to == Moderation::Published).then(|| publishable(&text, author.as_deref(), &hidden));
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE process_inputs SET status = $1, published_text = $2, moderated_at = $3 WHERE id = $4"
        )
        .bind(to.as_str())
        .bind(&shown)
        .bind(t)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let changes = json!({"input_id": id, "status": {"from": from, "to": to.as_str()}});
        audit::record(&mut tx, actor, "process.input_moderate", "process", Some(process), changes).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The input of a process with a submission key, and its state.
const BY_KEY: &str = "SELECT id, status FROM process_inputs WHERE process_id = $1 AND submission_key = $2";

fn receipt(row: Option<(i64, String)>) -> Option<(i64, Moderation)> {
    row.map(|(id, s)| (id, Moderation::parse(&s).unwrap_or(Moderation::Pending)))
}

/// The input already sent with the key, and its state.
async fn submitted(tx: &mut Tx, process: i64, key: Option<&str>) -> Result<Option<(i64, Moderation)>> {
    let Some(key) = key else { return Ok(None) };
    let row: Option<(i64, String)> =
        on_tx!(tx, |c| sqlx::query_as(BY_KEY).bind(process).bind(key).fetch_optional(c).await)?;
    Ok(receipt(row))
}

/// The question and dialogue are the process's; the areas are nodes of the process's strategy.
async fn check_tags(tx: &mut Tx, process: i64, input: &InputInput) -> Result<()> {
    let owned = |table: &'static str| format!("SELECT COUNT(*) FROM {table} WHERE id = $1 AND process_id = $2");
    for (value, table, field, sv, en) in [
        (
            input.question_id,
            "process_questions",
            "question_id",
            "Frågan hör inte till processen.",
            "The question is not part of the process.",
        ),
        (
            input.dialogue_id,
            "process_dialogues",
            "dialogue_id",
            "Dialogmötet hör inte till processen.",
            "The dialogue meeting is not part of the process.",
        ),
    ] {
        let Some(v) = value else { continue };
        let sql = owned(table);
        let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(v)
            .bind(process)
            .fetch_one(c)
            .await)?;
        if n == 0 {
            return Err(invalid_field(field, "not_in_process", sv, en));
        }
    }
    for a in &input.area_ids {
        let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
            "SELECT COUNT(*) FROM strategy_nodes n JOIN processes p ON p.strategy_id = n.strategy_id \
             WHERE n.id = $1 AND p.id = $2"
        )
        .bind(a)
        .bind(process)
        .fetch_one(c)
        .await)?;
        if n == 0 {
            return Err(invalid_field(
                "area_ids",
                "not_in_strategy",
                "Området hör inte till processens strategi.",
                "The area is not part of the process's strategy.",
            ));
        }
    }
    Ok(())
}
