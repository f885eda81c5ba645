//! The record that an archive package was exported (ADR 54): who took which closed cases out
//! of the registry, and when. Exporting changes nothing a page shows, so the event does not
//! move the data version (`audit::record_unseen`).

use serde_json::Value;

use crate::{Actor, Result, Store, audit};

impl Store {
    /// Records an export of the package `what` ("case" with the case's id, or "organisation"
    /// with the organisation's id for a year's closed cases) with its details.
    pub async fn record_archive_export(
        &self,
        action: &str,
        entity_type: &str,
        entity_id: i64,
        details: Value,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        audit::record_unseen(&mut tx, actor, action, entity_type, Some(entity_id), details).await?;
        tx.commit().await
    }
}
