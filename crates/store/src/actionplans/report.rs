//! What the annual report of a strategy is built from beyond the tree and the indicators: each
//! area's text for the year, written by the strategy's owners, and the activities linked to the
//! strategy's nodes, with whether each was followed up in a round of the year.

use serde::Serialize;
use serde_json::json;
use time::Date;

use super::ActivityStatus;
use crate::{Actor, Result, Store, StoreError, audit, on_pool, on_tx};

/// An area's text in the report of a year.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct ReportText {
    pub node_id: i64,
    pub text: String,
}

/// An activity linked to a node of the strategy.
#[derive(Clone, Debug, Serialize)]
pub struct ReportActivity {
    pub node_id: i64,
    pub id: i64,
    pub plan_id: i64,
    pub plan_title: String,
    pub forum: String,
    pub title: String,
    pub status: ActivityStatus,
    pub progress: i64,
    #[serde(with = "domain::dates::ymd")]
    pub ends_on: Date,
    /// Whether a forum's answer in a round of the year gave its status.
    pub followed_up: bool,
}

impl Store {
    /// The areas' texts of a strategy's report of `year`.
    pub async fn report_texts(&self, strategy: i64, year: i32) -> Result<Vec<ReportText>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT node_id, text FROM report_texts WHERE strategy_id = $1 AND year = $2"
        )
        .bind(strategy)
        .bind(year as i64)
        .fetch_all(p)
        .await)?)
    }

    /// Sets (or, with an empty text, removes) an area's text in the report of `year`.
    pub async fn save_report_text(&self, strategy: i64, year: i32, node: i64, text: &str, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let n: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT COUNT(*) FROM strategy_nodes WHERE id = $1 AND strategy_id = $2"
        )
        .bind(node)
        .bind(strategy)
        .fetch_one(c)
        .await)?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        on_tx!(&mut tx, |c| sqlx::query(
            "DELETE FROM report_texts WHERE strategy_id = $1 AND year = $2 AND node_id = $3"
        )
        .bind(strategy)
        .bind(year as i64)
        .bind(node)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if !text.is_empty() {
            let t = tx.now;
            on_tx!(&mut tx, |c| sqlx::query(
                "INSERT INTO report_texts (strategy_id, year, node_id, text, updated_at) VALUES ($1, $2, $3, $4, $5)"
            )
            .bind(strategy)
            .bind(year as i64)
            .bind(node)
            .bind(text)
            .bind(t)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        let changes = json!({"year": year, "node_id": node, "text": text});
        audit::record(&mut tx, actor, "strategy_report.text", "strategy", Some(strategy), changes).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The activities linked to the strategy's nodes (an activity linked to two nodes is listed
    /// under each), with whether each was followed up in a round of `year`.
    pub async fn strategy_activities(&self, strategy: i64, year: i32) -> Result<Vec<ReportActivity>> {
        #[allow(clippy::type_complexity)]
        let rows: Vec<(i64, i64, i64, String, String, String, String, i64, Date, i64)> =
            on_pool!(&self.pool, |p| sqlx::query_as(
                "SELECT l.node_id, a.id, p.id, p.title, b.name, a.title, a.status, a.progress, a.ends_on, \
                 (SELECT COUNT(*) FROM followup_lines f JOIN followup_rounds r ON r.id = f.round_id \
                  WHERE f.activity_id = a.id AND r.year = $2) \
                 FROM action_activity_nodes l JOIN strategy_nodes n ON n.id = l.node_id \
                 JOIN action_activities a ON a.id = l.activity_id JOIN action_plans p ON p.id = a.plan_id \
                 JOIN bodies b ON b.id = p.body_id WHERE n.strategy_id = $1 AND p.published \
                 ORDER BY b.name_key, a.title, a.id"
            )
            .bind(strategy)
            .bind(year as i64)
            .fetch_all(p)
            .await)?;
        Ok(rows
            .into_iter()
            .map(|(node_id, id, plan_id, plan_title, forum, title, status, progress, ends_on, f)| ReportActivity {
                node_id,
                id,
                plan_id,
                plan_title,
                forum,
                title,
                status: ActivityStatus::parse(&status).unwrap_or(ActivityStatus::NotStarted),
                progress,
                ends_on,
                followed_up: f > 0,
            })
            .collect())
    }
}
