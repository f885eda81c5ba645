//! Removing a person's personal data from the web (GDPR art. 17 within what rule 22 allows): the
//! contact details are deleted from the register and the name is recorded for masking the
//! published protocols; the reason is kept here and in the audit event. Removing twice changes
//! nothing the second time.

use domain::ids::PersonId;
use domain::privacy::{RemovalInput, Removed, hidden_in, mask_text, stays_public};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use crate::{Actor, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

/// A removal on record.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Removal {
    pub person_id: i64,
    pub name: String,
    pub reason: String,
    pub removed_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub removed_at: OffsetDateTime,
}

/// What a removal did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RemovalOutcome {
    Removed,
    /// The person's personal data had been removed already; nothing changed.
    AlreadyRemoved,
}

/// A person's name, e-mail address, phone number and party.
type Contact = (String, Option<String>, Option<String>, Option<String>);

const COLS: &str = "SELECT person_id, name, reason, removed_by, removed_at FROM privacy_removals";

impl Store {
    /// The removal of `person`'s personal data, if there was one.
    pub async fn removal(&self, person: PersonId) -> Result<Option<Removal>> {
        let sql = format!("{COLS} WHERE person_id = $1");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Removal>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(person.0)
            .fetch_optional(p)
            .await)?)
    }

    /// Everyone whose personal data has been removed, as the published protocols mask them.
    pub async fn removed_people(&self) -> Result<Vec<Removed>> {
        let rows: Vec<(i64, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT person_id, name FROM privacy_removals ORDER BY person_id"
        )
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(|(person_id, name)| Removed { person_id, name }).collect())
    }

    /// Removes `person`'s personal data from the web: deletes the e-mail address and phone
    /// number of the register, records the name for masking and the reason, in one transaction
    /// with its audit event (which moves the data version, so cached pages are rendered again).
    pub async fn remove_personal_data(
        &self,
        person: PersonId,
        input: &RemovalInput,
        actor: &Actor,
    ) -> Result<RemovalOutcome> {
        let mut tx = self.begin().await?;
        let done: Option<i64> =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT person_id FROM privacy_removals WHERE person_id = $1")
                .bind(person.0)
                .fetch_optional(c)
                .await)?;
        if done.is_some() {
            return Ok(RemovalOutcome::AlreadyRemoved);
        }
        let found: Option<Contact> =
            on_tx!(&mut tx, |c| sqlx::query_as("SELECT name, email, phone, party FROM people WHERE id = $1")
                .bind(person.0)
                .fetch_optional(c)
                .await)?;
        let (name, email, phone, party) = found.ok_or(StoreError::NotFound)?;
        let now = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE people SET email = NULL, phone = NULL, updated_at = $1 WHERE id = $2"
        )
        .bind(now)
        .bind(person.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO privacy_removals (person_id, name, reason, removed_by, removed_at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(person.0)
        .bind(&name)
        .bind(&input.reason)
        .bind(&actor.label)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        // The event says what was deleted, never the deleted values themselves.
        let deleted: Vec<&str> = [("email", email.is_some()), ("phone", phone.is_some())]
            .into_iter()
            .filter(|(_, had)| *had)
            .map(|(f, _)| f)
            .collect();
        // What was published before the removal hides the name from now on; the originals stay.
        let hidden =
            if stays_public(party.as_deref()) { 0 } else { hide_in_published_texts(&mut tx, person, &name).await? };
        let changes = json!({ "reason": input.reason, "deleted": deleted, "masked_on_web": true,
            "hidden_in_published_texts": hidden });
        audit::record(&mut tx, actor, "person.personal_data_removed", "person", Some(person.0), changes).await?;
        crate::search::refresh_person(&mut tx, person).await?;
        for meeting in crate::search::hidden::meetings_naming(&mut tx, &name).await? {
            crate::search::refresh_meeting(&mut tx, domain::ids::MeetingId(meeting)).await?;
        }
        tx.commit().await?;
        Ok(RemovalOutcome::Removed)
    }
}

/// The published copies of process inputs and referral comments that name `name`, with the name
/// hidden as [`domain::privacy::REMOVED`]; the texts as received are not changed (rule 22, ADR
/// 35). Returns how many published texts changed.
async fn hide_in_published_texts(tx: &mut Tx, person: PersonId, name: &str) -> Result<u64> {
    let gone = [Removed { person_id: person.0, name: name.to_string() }];
    let hidden = hidden_in(&gone, |_| false);
    if hidden.is_empty() {
        return Ok(0);
    }
    let like = crate::search::hidden::like_pattern(name);
    let mut changed = 0;
    for (table, column) in [("process_inputs", "published_text"), ("referral_comments", "masked_text")] {
        let select = format!("SELECT id, {column} FROM {table} WHERE {column} LIKE $1 ESCAPE '\\'");
        let rows: Vec<(i64, String)> =
            on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(select.as_str())).bind(&like).fetch_all(c).await)?;
        let update = format!("UPDATE {table} SET {column} = $1 WHERE id = $2");
        for (id, before) in rows {
            let mut text = before.clone();
            mask_text(&mut text, &hidden);
            if text == before {
                continue; // SQLite's LIKE ignores case for ASCII; the name is hidden as written.
            }
            changed += on_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(update.as_str()))
                .bind(&text)
                .bind(id)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
    }
    Ok(changed)
}
