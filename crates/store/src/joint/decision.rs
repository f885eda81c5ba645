//! Recording an organisation's decision on a joint matter: its day, body, paragraph, text and
//! outcome, who recorded it and (on the organisation's behalf) why, and its extract
//! (protokollsutdrag) as a content-addressed file like a case document's.

use domain::ids::OrganisationId;
use domain::joint::{DecisionInput, PartyStatus};
use serde_json::json;

use super::matter::{matter_row_in, party_status_in};
use crate::{Actor, Result, Store, audit, on_tx};

/// The extract's file, its bytes already stored by their digest.
#[derive(Clone, Debug)]
pub struct NewExtract {
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
}

impl Store {
    /// Records the organisation's decision (once: the domain's rule), audited with the note
    /// when it is recorded on the organisation's behalf.
    pub async fn record_joint_decision(
        &self,
        id: i64,
        org: OrganisationId,
        input: &DecisionInput,
        extract: Option<&NewExtract>,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        matter_row_in(&mut tx, id).await?;
        let before = party_status_in(&mut tx, id, org).await?;
        before.check_record().map_err(domain::Invalid::one)?;
        let to = PartyStatus::after_decision(input.outcome);
        let t = tx.now;
        if let Some(f) = extract {
            crate::files::record(&mut tx, &f.sha256, f.size, &f.mime).await?;
        }
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE joint_parties SET status = $1, decided_on = $2, decision_body = $3, paragraph = $4, \
             decision_text = $5, outcome = $6, recorded_by = $7, on_behalf_note = $8, extract_name = $9, \
             extract_sha256 = $10, updated_at = $11 WHERE matter_id = $12 AND organisation_id = $13"
        )
        .bind(to.as_str())
        .bind(input.decided_on)
        .bind(&input.body)
        .bind(&input.paragraph)
        .bind(&input.text)
        .bind(input.outcome.as_str())
        .bind(&actor.label)
        .bind(&input.note)
        .bind(extract.map(|f| f.file_name.clone()))
        .bind(extract.map(|f| f.sha256.clone()))
        .bind(t)
        .bind(id)
        .bind(org.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let changes = json!({
            "organisation_id": org.0, "status": [before.as_str(), to.as_str()],
            "decided_on": input.decided_on.to_string(), "body": input.body, "paragraph": input.paragraph,
            "text": input.text, "outcome": input.outcome.as_str(), "on_behalf_note": input.note,
            "extract": extract.map(|f| json!({"file_name": f.file_name, "sha256": f.sha256})),
        });
        audit::record(&mut tx, actor, "joint_party.decision", "joint_matter", Some(id), changes).await?;
        tx.commit().await?;
        Ok(())
    }
}

impl Store {
    /// The kind of a stored file, by its digest.
    pub async fn file_mime(&self, sha256: &str) -> Result<Option<String>> {
        Ok(crate::on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT mime FROM files WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(p)
            .await)?)
    }
}
