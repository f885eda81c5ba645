//! The writes: giving an assignment from a paragraph, and recording its report back. Each is
//! one transaction with its audit event; giving takes an idempotency key.

use domain::assignments::{check_due, check_report, may_give};
use domain::ids::BodyId;
use domain::structure::{BodyFacts, BodyKind};
use domain::{FieldError, Invalid};
use serde_json::json;

use super::{Assignment, AssignmentInput, ReportInput, fetch, link_in};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, invalid_field, on_tx};

/// id, name, kind, formal, superior: what the rule of § 4.2.1 reads of a body.
type FactsRow = (i64, String, String, bool, Option<i64>);

async fn body_facts(tx: &mut Tx, id: BodyId) -> Result<Option<BodyFacts>> {
    let row: Option<FactsRow> =
        on_tx!(tx, |c| sqlx::query_as("SELECT id, name, kind, formal, superior_id FROM bodies WHERE id = $1")
            .bind(id.0)
            .fetch_optional(c)
            .await)?;
    Ok(row.map(|(id, name, kind, formal, superior)| BodyFacts {
        id: BodyId(id),
        name,
        kind: BodyKind::parse(&kind).unwrap_or(BodyKind::WorkingGroup),
        formal,
        superior_id: superior.map(BodyId),
        prepares_for: None,
    }))
}

fn refused(e: FieldError) -> StoreError {
    StoreError::Invalid(Invalid::one(e))
}

impl Store {
    /// Gives an assignment in paragraph `paragraph` of the giving group's protocol. The giver is
    /// the paragraph's body; the rule of § 4.2.1 decides whether it may assign the group, and
    /// the due day is not before the meeting. A retry with the same key returns the first.
    pub async fn give_assignment(
        &self,
        paragraph: i64,
        input: &AssignmentInput,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "assignment").await? {
            return Ok(id);
        }
        let link = link_in(&mut tx, paragraph).await?.ok_or(StoreError::NotFound)?;
        let giver = body_facts(&mut tx, link.body_id).await?.ok_or(StoreError::NotFound)?;
        let Some(assignee) = body_facts(&mut tx, input.assignee_id).await? else {
            return Err(invalid_field(
                "assignee_id",
                "invalid_id",
                "Välj ett värde i listan.",
                "Choose a value from the list.",
            ));
        };
        may_give(&giver, &assignee).map_err(refused)?;
        check_due(input.due_on, link.meeting_date).map_err(refused)?;
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO assignments (given_in, giver_id, assignee_id, what, due_on, report_how, reported_in, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $7) RETURNING id"
        )
        .bind(paragraph)
        .bind(giver.id.0)
        .bind(assignee.id.0)
        .bind(&input.what)
        .bind(input.due_on)
        .bind(&input.report_how)
        .bind(t)
        .fetch_one(c)
        .await)?;
        remember(&mut tx, actor.user_id, key, "assignment", id).await?;
        let changes = json!({
            "paragraph_id": paragraph, "giver_id": giver.id.0, "assignee_id": assignee.id.0,
            "what": input.what, "due_on": input.due_on.to_string(), "report_how": input.report_how,
        });
        audit::record(&mut tx, actor, "assignment.give", "assignment", Some(id), changes).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records that assignment `id` was reported back in a paragraph of the giving or the
    /// assigned group. Recording the same paragraph again changes nothing; another paragraph
    /// for one already reported is refused.
    pub async fn report_assignment(&self, id: i64, input: ReportInput, actor: &Actor) -> Result<Assignment> {
        let mut tx = self.begin().await?;
        let a = fetch(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        if let Some(r) = &a.reported_in {
            if r.paragraph_id == input.paragraph_id {
                return Ok(a);
            }
            return Err(invalid_field(
                "paragraph_id",
                "already_reported",
                &format!("Uppdraget återrapporterades redan i § {} ({}, {}).", r.number, r.body, r.meeting_date),
                &format!(
                    "The assignment was already reported back in § {} ({}, {}).",
                    r.number, r.body, r.meeting_date
                ),
            ));
        }
        let Some(link) = link_in(&mut tx, input.paragraph_id).await? else {
            return Err(invalid_field(
                "paragraph_id",
                "invalid_id",
                "Välj ett värde i listan.",
                "Choose a value from the list.",
            ));
        };
        check_report(&a.facts(), a.given_in.meeting_date, link.body_id.0, link.meeting_date).map_err(refused)?;
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE assignments SET reported_in = $1, updated_at = $2 WHERE id = $3")
            .bind(input.paragraph_id)
            .bind(t)
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        let changes = json!({"reported_in": input.paragraph_id, "meeting_id": link.meeting_id, "number": link.number});
        audit::record(&mut tx, actor, "assignment.report", "assignment", Some(id), changes).await?;
        let after = fetch(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(after)
    }
}
