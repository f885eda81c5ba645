//! Rebuilding the whole search index: the platform's documents (bodies, people, meetings, see
//! `search::reindex`) and then each capability's that came later (the registry's cases, the
//! referrals, joint matters, processes, surveys, strategies with their nodes, governing
//! documents and action plans), so that `search` never depends on the capabilities that use it.
//! Run by `samverkan search reindex`.

use domain::ids::CaseId;

use crate::search::reindex::BATCH;
use crate::{Result, Store, on_pool};

impl Store {
    /// Empties the index and indexes everything again. Returns the number of documents indexed.
    pub async fn reindex_search(&self) -> Result<i64> {
        self.reindex_platform().await?;
        let cases: Vec<i64> =
            on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT id FROM cases ORDER BY id").fetch_all(p).await)?;
        for chunk in cases.chunks(BATCH) {
            let mut tx = self.begin().await?;
            for c in chunk {
                crate::cases::refresh_case(&mut tx, CaseId(*c)).await?;
            }
            tx.commit().await?;
        }
        let referrals: Vec<i64> =
            on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT id FROM referrals ORDER BY id").fetch_all(p).await)?;
        for chunk in referrals.chunks(BATCH) {
            let mut tx = self.begin().await?;
            for r in chunk {
                crate::referrals::refresh_referral(&mut tx, domain::ids::ReferralId(*r)).await?;
            }
            tx.commit().await?;
        }
        let matters: Vec<i64> =
            on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT id FROM joint_matters ORDER BY id")
                .fetch_all(p)
                .await)?;
        for chunk in matters.chunks(BATCH) {
            let mut tx = self.begin().await?;
            for m in chunk {
                crate::joint::refresh_matter(&mut tx, *m).await?;
            }
            tx.commit().await?;
        }
        self.reindex_plans_and_strategies().await?;
        self.search_document_count().await
    }

    /// The documents of issues 13 and 14: processes, surveys, strategies (each with its nodes),
    /// governing documents and action plans, `BATCH` things per transaction.
    async fn reindex_plans_and_strategies(&self) -> Result<()> {
        let mut tx = self.begin().await?;
        let processes = crate::processes::all_processes(&mut tx).await?;
        let surveys = crate::surveys::all_surveys(&mut tx).await?;
        let (strategies, documents) = crate::strategy::all_strategies_and_documents(&mut tx).await?;
        let plans = crate::actionplans::all_plans(&mut tx).await?;
        tx.commit().await?;
        for chunk in processes.chunks(BATCH) {
            let mut tx = self.begin().await?;
            for id in chunk {
                crate::processes::refresh_process(&mut tx, *id).await?;
            }
            tx.commit().await?;
        }
        for chunk in surveys.chunks(BATCH) {
            let mut tx = self.begin().await?;
            for id in chunk {
                crate::surveys::refresh_survey(&mut tx, *id).await?;
            }
            tx.commit().await?;
        }
        for chunk in strategies.chunks(BATCH) {
            let mut tx = self.begin().await?;
            for id in chunk {
                crate::strategy::refresh_strategy(&mut tx, *id).await?;
            }
            tx.commit().await?;
        }
        for chunk in documents.chunks(BATCH) {
            let mut tx = self.begin().await?;
            for id in chunk {
                crate::strategy::refresh_document(&mut tx, *id).await?;
            }
            tx.commit().await?;
        }
        for chunk in plans.chunks(BATCH) {
            let mut tx = self.begin().await?;
            for id in chunk {
                crate::actionplans::refresh_plan(&mut tx, *id).await?;
            }
            tx.commit().await?;
        }
        Ok(())
    }
}
