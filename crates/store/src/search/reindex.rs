//! Rebuilding the whole index: after the search migration on a database with data, and by
//! `samverkan search reindex` should the index ever be in doubt.

use domain::ids::{BodyId, MeetingId, PersonId};

use crate::{Result, Store, on_pool};

use super::documents::{refresh_body_only, refresh_meeting, refresh_person};

/// Meetings re-indexed per transaction.
pub(crate) const BATCH: usize = 200;

impl Store {
    /// Empties the index and indexes every body, person and meeting again (the capabilities
    /// that come later add theirs in `crate::reindex`).
    pub(crate) async fn reindex_platform(&self) -> Result<()> {
        let bodies: Vec<i64> =
            on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT id FROM bodies ORDER BY id").fetch_all(p).await)?;
        let people: Vec<i64> =
            on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT id FROM people ORDER BY id").fetch_all(p).await)?;
        let meetings: Vec<i64> =
            on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT id FROM meetings ORDER BY id").fetch_all(p).await)?;
        let mut tx = self.begin().await?;
        crate::on_tx!(&mut tx, |c| sqlx::query("DELETE FROM search_documents")
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        for b in bodies {
            refresh_body_only(&mut tx, BodyId(b)).await?;
        }
        for p in people {
            refresh_person(&mut tx, PersonId(p)).await?;
        }
        tx.commit().await?;
        for chunk in meetings.chunks(BATCH) {
            let mut tx = self.begin().await?;
            for m in chunk {
                refresh_meeting(&mut tx, MeetingId(*m)).await?;
            }
            tx.commit().await?;
        }
        Ok(())
    }

    /// The number of documents in the index.
    pub async fn search_document_count(&self) -> Result<i64> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM search_documents").fetch_one(p).await)?)
    }
}
