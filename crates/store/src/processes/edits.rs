//! Changes to a process's plan after it is made: a phase edited or moved to another place, and a
//! phase, role or question removed. Each is one transaction with its audit event. A removal that
//! would lose what hangs on the part is refused, never done half: a phase that still holds
//! milestones, a question that inputs answer.

use domain::processes::PhaseInput;
use serde_json::json;
use time::Date;

use crate::{Actor, Result, Store, StoreError, Tx, audit, on_tx};

/// What a removal did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Removal {
    Removed,
    /// Refused: this many milestones (of a phase) or inputs (of a question) depend on it.
    InUse(i64),
}

/// The process's phases in their order, as (id, title, starts_on, ends_on, position).
async fn phases_of(tx: &mut Tx, process: i64) -> Result<Vec<(i64, String, Date, Date, i64)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, title, starts_on, ends_on, position FROM process_phases WHERE process_id = $1 \
         ORDER BY position, starts_on, id"
    )
    .bind(process)
    .fetch_all(c)
    .await)?)
}

/// Numbers the process's phases 1, 2, … in the order `ids` gives, writing only the places that
/// change.
async fn renumber(tx: &mut Tx, ids: &[(i64, i64)]) -> Result<()> {
    for (i, (id, old)) in ids.iter().enumerate() {
        let new = i as i64 + 1;
        if new != *old {
            on_tx!(tx, |c| sqlx::query("UPDATE process_phases SET position = $1 WHERE id = $2")
                .bind(new)
                .bind(*id)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
    }
    Ok(())
}

/// Puts phase `id` at `place` (1 first; past the end means last) and the others after it in
/// their order; returns the place it now has (1 first).
pub(super) async fn place_phase(tx: &mut Tx, process: i64, id: i64, place: i64) -> Result<usize> {
    let all = phases_of(tx, process).await?;
    let Some(me) = all.iter().find(|p| p.0 == id).map(|p| (p.0, p.4)) else { return Err(StoreError::NotFound) };
    let mut order: Vec<(i64, i64)> = all.iter().filter(|p| p.0 != id).map(|p| (p.0, p.4)).collect();
    let at = usize::try_from(place - 1).unwrap_or(0).min(order.len());
    order.insert(at, me);
    renumber(tx, &order).await?;
    Ok(at + 1)
}

impl Store {
    /// Replaces a phase's title and days, and moves it to `input.order` when given.
    pub async fn update_phase(&self, process: i64, id: i64, input: &PhaseInput, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let before = phases_of(&mut tx, process).await?;
        let Some(old) = before.iter().position(|p| p.0 == id) else { return Err(StoreError::NotFound) };
        let (_, title, starts_on, ends_on, _) = &before[old];
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE process_phases SET title = $1, starts_on = $2, ends_on = $3 WHERE id = $4 AND process_id = $5"
        )
        .bind(&input.title)
        .bind(input.starts_on)
        .bind(input.ends_on)
        .bind(id)
        .bind(process)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let now = match input.order {
            Some(place) => place_phase(&mut tx, process, id, place).await?,
            None => old + 1,
        };
        let was = json!({"title": title, "starts_on": starts_on.to_string(), "ends_on": ends_on.to_string(),
            "order": old + 1});
        let is = json!({"title": input.title, "starts_on": input.starts_on.to_string(),
            "ends_on": input.ends_on.to_string(), "order": now});
        let mut changes = audit::diff(Some(&was), Some(&is));
        changes["phase_id"] = json!(id);
        audit::record(&mut tx, actor, "process.phase_update", "process", Some(process), changes).await?;
        super::index::refresh_process(&mut tx, process).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a phase that holds no milestones (the others close up behind it); refuses one
    /// that does, naming how many, so its owner moves or removes them first.
    pub async fn remove_phase(&self, process: i64, id: i64, actor: &Actor) -> Result<Removal> {
        let mut tx = self.begin().await?;
        let all = phases_of(&mut tx, process).await?;
        let Some(gone) = all.iter().find(|p| p.0 == id).cloned() else { return Err(StoreError::NotFound) };
        let held: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT COUNT(*) FROM process_milestones WHERE phase_id = $1 AND process_id = $2"
        )
        .bind(id)
        .bind(process)
        .fetch_one(c)
        .await)?;
        if held > 0 {
            return Ok(Removal::InUse(held));
        }
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM process_phases WHERE id = $1 AND process_id = $2")
            .bind(id)
            .bind(process)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        let rest: Vec<(i64, i64)> = all.iter().filter(|p| p.0 != id).map(|p| (p.0, p.4)).collect();
        renumber(&mut tx, &rest).await?;
        let changes = json!({"phase_id": id, "title": gone.1, "starts_on": gone.2.to_string(),
            "ends_on": gone.3.to_string()});
        audit::record(&mut tx, actor, "process.phase_remove", "process", Some(process), changes).await?;
        super::index::refresh_process(&mut tx, process).await?;
        tx.commit().await?;
        Ok(Removal::Removed)
    }

    /// Removes a role of the process organisation.
    pub async fn remove_role(&self, process: i64, id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        #[allow(clippy::type_complexity)]
        let row: Option<(String, Option<i64>, Option<i64>, Option<String>)> = on_tx!(&mut tx, |c| sqlx::query_as(
            "SELECT kind, body_id, organisation_id, label FROM process_roles WHERE id = $1 AND process_id = $2"
        )
        .bind(id)
        .bind(process)
        .fetch_optional(c)
        .await)?;
        let Some((kind, body, organisation, label)) = row else { return Err(StoreError::NotFound) };
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM process_roles WHERE id = $1 AND process_id = $2")
            .bind(id)
            .bind(process)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        let changes =
            json!({"role_id": id, "kind": kind, "body_id": body, "organisation_id": organisation, "label": label});
        audit::record(&mut tx, actor, "process.role_remove", "process", Some(process), changes).await?;
        // The role's body no longer reads the process before it is published (ADR 20's readers).
        super::index::refresh_process(&mut tx, process).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a question no input answers (its dialogue meetings no longer list it); refuses
    /// one that inputs answer, naming how many, since the compilation groups them by it.
    pub async fn remove_question(&self, process: i64, id: i64, actor: &Actor) -> Result<Removal> {
        let mut tx = self.begin().await?;
        let text: Option<String> = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT text FROM process_questions WHERE id = $1 AND process_id = $2"
        )
        .bind(id)
        .bind(process)
        .fetch_optional(c)
        .await)?;
        let Some(text) = text else { return Err(StoreError::NotFound) };
        let answered: i64 =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT COUNT(*) FROM process_inputs WHERE question_id = $1")
                .bind(id)
                .fetch_one(c)
                .await)?;
        if answered > 0 {
            return Ok(Removal::InUse(answered));
        }
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM process_questions WHERE id = $1 AND process_id = $2")
            .bind(id)
            .bind(process)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        audit::record(
            &mut tx,
            actor,
            "process.question_remove",
            "process",
            Some(process),
            json!({"question_id": id, "text": text}),
        )
        .await?;
        super::index::refresh_process(&mut tx, process).await?;
        tx.commit().await?;
        Ok(Removal::Removed)
    }

    /// How many inputs answer each of the process's questions, as (question, count).
    pub async fn question_answers(&self, process: i64) -> Result<Vec<(i64, i64)>> {
        Ok(crate::on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT question_id, COUNT(*) FROM process_inputs WHERE process_id = $1 AND question_id IS NOT NULL \
             GROUP BY question_id ORDER BY question_id"
        )
        .bind(process)
        .fetch_all(p)
        .await)?)
    }
}
