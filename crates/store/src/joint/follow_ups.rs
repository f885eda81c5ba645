//! Follow-up items of a joint matter: the duty to report back (seed 000's point 3), added with a
//! due day and marked done on the store's today.

use domain::joint::FollowUpInput;
use serde_json::json;

use super::matter::matter_row_in;
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, audit, invalid_field, on_tx};

impl Store {
    /// Adds a follow-up item; the organisation it names must be one of the matter's.
    pub async fn add_joint_follow_up(
        &self,
        id: i64,
        input: &FollowUpInput,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(f) = remembered(&mut tx, actor.user_id, key, "joint_follow_up").await? {
            return Ok(f);
        }
        matter_row_in(&mut tx, id).await?;
        if let Some(o) = input.organisation_id {
            let party: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
                "SELECT organisation_id FROM joint_parties WHERE matter_id = $1 AND organisation_id = $2"
            )
            .bind(id)
            .bind(o.0)
            .fetch_optional(c)
            .await)?;
            if party.is_none() {
                return Err(invalid_field(
                    "organisation_id",
                    "not_a_party",
                    "Organisationen har inte fått ärendet.",
                    "The matter was not sent to that organisation.",
                ));
            }
        }
        let t = tx.now;
        let fid: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO joint_follow_ups (matter_id, organisation_id, text, due_on, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id"
        )
        .bind(id)
        .bind(input.organisation_id.map(|o| o.0))
        .bind(&input.text)
        .bind(input.due_on)
        .bind(t)
        .fetch_one(c)
        .await)?;
        remember(&mut tx, actor.user_id, key, "joint_follow_up", fid).await?;
        let changes = json!({"follow_up": fid, "text": input.text, "due_on": input.due_on.to_string(),
            "organisation_id": input.organisation_id.map(|o| o.0)});
        audit::record(&mut tx, actor, "joint_follow_up.create", "joint_matter", Some(id), changes).await?;
        tx.commit().await?;
        Ok(fid)
    }

    /// Marks a follow-up item done today; done twice is done once.
    pub async fn complete_joint_follow_up(&self, id: i64, follow_up: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        matter_row_in(&mut tx, id).await?;
        let today = domain::meetings::calendar::swedish_date(tx.now);
        let n = on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE joint_follow_ups SET done_on = $1 WHERE id = $2 AND matter_id = $3 AND done_on IS NULL"
        )
        .bind(today)
        .bind(follow_up)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if n == 0 {
            let exists: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
                "SELECT id FROM joint_follow_ups WHERE id = $1 AND matter_id = $2"
            )
            .bind(follow_up)
            .bind(id)
            .fetch_optional(c)
            .await)?;
            return if exists.is_some() { Ok(()) } else { Err(StoreError::NotFound) };
        }
        let changes = json!({"follow_up": follow_up, "done_on": today.to_string()});
        audit::record(&mut tx, actor, "joint_follow_up.done", "joint_matter", Some(id), changes).await?;
        tx.commit().await?;
        Ok(())
    }
}
