//! What a person chose about the e-mail the product sends them: its language (ADR 24).

use domain::error::Lang;
use domain::ids::PersonId;
use serde_json::json;

use crate::{Actor, Result, Store, StoreError, audit, on_tx};

impl Store {
    /// Sets the language the product writes to `person` in (their own account page).
    pub async fn set_mail_lang(&self, person: PersonId, lang: Lang, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let before: Option<String> = on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT lang FROM people WHERE id = $1")
            .bind(person.0)
            .fetch_optional(c)
            .await)?;
        let before = before.ok_or(StoreError::NotFound)?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE people SET lang = $1, updated_at = $2 WHERE id = $3")
            .bind(lang.code())
            .bind(stamp)
            .bind(person.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        audit::record(
            &mut tx,
            actor,
            "person.mail_lang",
            "person",
            Some(person.0),
            json!({"lang": {"from": before, "to": lang.code()}}),
        )
        .await?;
        tx.commit().await
    }
}
