//! The Swedish texts of Agenda 2030's targets, which an administrator adds (the English texts
//! and the goals' Swedish names ship in `data/`), and which strategy nodes link to a goal.

use domain::named::Named;
use serde::Serialize;
use serde_json::json;

use crate::{Actor, Result, Store, audit, on_pool, on_tx};

/// A target's Swedish text as kept here.
#[derive(Clone, Debug, Serialize)]
pub struct TargetText {
    pub code: String,
    pub title_sv: String,
}

impl Store {
    /// Every Swedish target text, by code.
    pub async fn sdg_target_texts(&self) -> Result<Vec<TargetText>> {
        let rows: Vec<(String, String)> =
            on_pool!(&self.pool, |p| sqlx::query_as("SELECT code, title_sv FROM sdg_target_texts ORDER BY code")
                .fetch_all(p)
                .await)?;
        Ok(rows.into_iter().map(|(code, title_sv)| TargetText { code, title_sv }).collect())
    }

    /// Sets (or, with `None`, removes) a target's Swedish text. `code` is a target of the
    /// reference data (the caller parsed it).
    pub async fn set_sdg_target_text(&self, code: &str, text: Option<&str>, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let t = tx.now;
        match text {
            Some(text) => on_tx!(&mut tx, |c| sqlx::query(
                "INSERT INTO sdg_target_texts (code, title_sv, updated_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (code) DO UPDATE SET title_sv = excluded.title_sv, updated_at = excluded.updated_at"
            )
            .bind(code)
            .bind(text)
            .bind(t)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?,
            None => on_tx!(&mut tx, |c| sqlx::query("DELETE FROM sdg_target_texts WHERE code = $1")
                .bind(code)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?,
        };
        audit::record(&mut tx, actor, "sdg_target.text", "sdg_target", None, json!({"code": code, "title_sv": text}))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The strategy nodes that link to a goal or to one of its targets, with their strategies
    /// (drafting ones only when asked for).
    pub async fn nodes_linked_to_goal(&self, goal: u8, drafting: bool) -> Result<Vec<(Named, Named, String)>> {
        let rows: Vec<(i64, String, i64, String, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT DISTINCT n.id, n.title, s.id, s.title, g.code FROM strategy_node_sdg g \
             JOIN strategy_nodes n ON n.id = g.node_id JOIN strategies s ON s.id = n.strategy_id \
             WHERE (g.code = $1 OR g.code LIKE $2) AND ($3 OR s.status <> 'drafting') ORDER BY s.id, n.id, g.code"
        )
        .bind(goal.to_string())
        .bind(format!("{goal}.%"))
        .bind(drafting)
        .fetch_all(p)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|(nid, nt, sid, st, code)| (Named { id: nid, name: nt }, Named { id: sid, name: st }, code))
            .collect())
    }
}
