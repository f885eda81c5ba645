//! The archive package's side of the registry (ADR 54): the documents and handling of many
//! cases read at once (a year's closed cases in a few queries, not two per case), and the
//! record that a package was exported: who took which closed cases out of the registry, and
//! when. Exporting changes nothing a page shows, so the event does not move the data version
//! (`audit::record_unseen`).

use std::collections::HashMap;

use domain::ids::CaseId;
use serde_json::Value;

use super::documents::documents_of;
use super::handling::handling_of;
use super::{CaseDocument, Handling};
use crate::{Actor, Result, Store, audit};

/// How many cases one read names (their ids written into the statement).
const CHUNK: usize = 500;

/// What an archive package holds of its cases besides their rows: each case's documents (by
/// number, with their files) and where it was handled (as `Store::case_handling` gives them).
/// A case with neither has no entry.
#[derive(Debug, Default)]
pub struct ArchiveReads {
    pub documents: HashMap<CaseId, Vec<CaseDocument>>,
    pub handling: HashMap<CaseId, Vec<Handling>>,
}

impl Store {
    /// The documents and handling of `cases`, in three queries per 500 cases.
    pub async fn archive_reads(&self, cases: &[CaseId]) -> Result<ArchiveReads> {
        let mut out = ArchiveReads::default();
        for chunk in cases.chunks(CHUNK) {
            let ids: Vec<i64> = chunk.iter().map(|c| c.0).collect();
            for d in documents_of(self, &ids).await? {
                out.documents.entry(d.case_id).or_default().push(d);
            }
            for (case, h) in handling_of(self, &ids).await? {
                out.handling.entry(CaseId(case)).or_default().push(h);
            }
        }
        Ok(out)
    }

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
