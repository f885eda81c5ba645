//! Strategies: created and edited with their audit events, loaded with their whole tree in
//! reading order (the domain's `tree::reading_order`), listed.

use domain::named::Named;
use domain::strategy::{Dimension, NodeKind, SdgRef, StrategyInput, StrategyStatus, tree};
use serde_json::json;

use super::{Node, Strategy, StrategySummary};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, invalid_field, must_exist, on_pool, on_tx};

#[derive(sqlx::FromRow)]
struct NodeRow {
    id: i64,
    strategy_id: i64,
    parent_id: Option<i64>,
    kind: String,
    title: String,
    description: Option<String>,
    dimensions: String,
    position: i64,
}

/// A new row with its required columns; `write_fields` sets all the others, as an edit does.
const INSERT_STRATEGY: &str = "INSERT INTO strategies (owner_id, title, first_year, last_year, status, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id";

impl Store {
    /// A strategy with its tree; `None` when there is none with the id.
    pub async fn strategy(&self, id: i64) -> Result<Option<Strategy>> {
        #[allow(clippy::type_complexity)]
        let row: Option<(
            i64,
            i64,
            String,
            String,
            Option<String>,
            i64,
            i64,
            String,
            Option<i64>,
            Option<String>,
        )> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT s.id, s.owner_id, o.name, s.title, s.vision, s.first_year, s.last_year, s.status, \
                 s.document_id, d.title FROM strategies s JOIN organisations o ON o.id = s.owner_id \
                 LEFT JOIN governing_documents d ON d.id = s.document_id WHERE s.id = $1"
        )
        .bind(id)
        .fetch_optional(p)
        .await)?;
        let Some((id, oid, owner, title, vision, first, last, status, did, dtitle)) = row else { return Ok(None) };
        let rows: Vec<NodeRow> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, strategy_id, parent_id, kind, title, description, dimensions, position \
             FROM strategy_nodes WHERE strategy_id = $1"
        )
        .bind(id)
        .fetch_all(p)
        .await)?;
        let sdg: Vec<(i64, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT g.node_id, g.code FROM strategy_node_sdg g JOIN strategy_nodes n ON n.id = g.node_id \
             WHERE n.strategy_id = $1"
        )
        .bind(id)
        .fetch_all(p)
        .await)?;
        let bodies: Vec<(i64, i64, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT nb.node_id, b.id, b.name FROM strategy_node_bodies nb JOIN bodies b ON b.id = nb.body_id \
             JOIN strategy_nodes n ON n.id = nb.node_id WHERE n.strategy_id = $1 ORDER BY b.name_key, b.id"
        )
        .bind(id)
        .fetch_all(p)
        .await)?;
        let indicators: Vec<(i64, i64, String)> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT ni.node_id, i.id, i.title FROM strategy_node_indicators ni JOIN indicators i ON i.id = ni.indicator_id \
             JOIN strategy_nodes n ON n.id = ni.node_id WHERE n.strategy_id = $1 ORDER BY i.title, i.id"
        )
        .bind(id)
        .fetch_all(p)
        .await
        })?;
        let flat: Vec<tree::Flat> =
            rows.iter().map(|r| tree::Flat { id: r.id, parent: r.parent_id, position: r.position }).collect();
        let nodes = tree::reading_order(&flat)
            .into_iter()
            .filter_map(|(nid, depth)| {
                let r = rows.iter().find(|r| r.id == nid)?;
                let mut refs: Vec<SdgRef> =
                    sdg.iter().filter(|(n, _)| *n == nid).filter_map(|(_, c)| SdgRef::parse("sdg", c).ok()).collect();
                refs.sort_by_key(SdgRef::sort_key);
                Some(Node {
                    id: r.id,
                    strategy_id: r.strategy_id,
                    parent_id: r.parent_id,
                    kind: NodeKind::parse(&r.kind).unwrap_or(NodeKind::Area),
                    title: r.title.clone(),
                    description: r.description.clone(),
                    dimensions: Dimension::split(&r.dimensions),
                    sdg: refs,
                    bodies: bodies
                        .iter()
                        .filter(|(n, _, _)| *n == nid)
                        .map(|(_, id, name)| Named { id: *id, name: name.clone() })
                        .collect(),
                    indicators: indicators
                        .iter()
                        .filter(|(n, _, _)| *n == nid)
                        .map(|(_, id, name)| Named { id: *id, name: name.clone() })
                        .collect(),
                    position: r.position,
                    depth,
                })
            })
            .collect();
        Ok(Some(Strategy {
            id,
            owner: Named { id: oid, name: owner },
            title,
            vision,
            first_year: first as i32,
            last_year: last as i32,
            status: StrategyStatus::parse(&status).unwrap_or(StrategyStatus::Drafting),
            document: did.zip(dtitle).map(|(id, name)| Named { id, name }),
            nodes,
        }))
    }

    /// The strategies, by owner and first year; drafting ones only when `drafting` is asked for.
    pub async fn strategies(&self, drafting: bool) -> Result<Vec<StrategySummary>> {
        #[allow(clippy::type_complexity)]
        let rows: Vec<(i64, String, i64, String, i64, i64, String, i64)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT s.id, s.title, s.owner_id, o.name, s.first_year, s.last_year, s.status, \
             (SELECT COUNT(*) FROM strategy_nodes n WHERE n.strategy_id = s.id) \
             FROM strategies s JOIN organisations o ON o.id = s.owner_id \
             WHERE $1 OR s.status <> 'drafting' ORDER BY o.name_key, s.first_year, s.id"
        )
        .bind(drafting)
        .fetch_all(p)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|(id, title, oid, owner, first, last, status, nodes)| StrategySummary {
                id,
                title,
                owner: Named { id: oid, name: owner },
                first_year: first as i32,
                last_year: last as i32,
                status: StrategyStatus::parse(&status).unwrap_or(StrategyStatus::Drafting),
                nodes,
            })
            .collect())
    }

    /// Creates a strategy (without nodes); a retry with the same idempotency key returns the first.
    pub async fn create_strategy(&self, input: &StrategyInput, actor: &Actor, key: Option<&str>) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "strategy").await? {
            return Ok(id);
        }
        check_links(&mut tx, input).await?;
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(INSERT_STRATEGY)
            .bind(input.owner_id.0)
            .bind(&input.title)
            .bind(i64::from(input.first_year))
            .bind(i64::from(input.last_year))
            .bind(input.status.as_str())
            .bind(t)
            .fetch_one(c)
            .await)?;
        write_fields(&mut tx, id, input).await?;
        remember(&mut tx, actor.user_id, key, "strategy", id).await?;
        audit::record(&mut tx, actor, "strategy.create", "strategy", Some(id), as_json(input)).await?;
        super::index::refresh_strategy(&mut tx, id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a strategy's own fields (its tree is kept).
    pub async fn update_strategy(&self, id: i64, input: &StrategyInput, actor: &Actor) -> Result<()> {
        let before = self.strategy(id).await?.ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        check_links(&mut tx, input).await?;
        write_fields(&mut tx, id, input).await?;
        let old = json!({"owner_id": before.owner.id, "title": before.title, "vision": before.vision,
            "first_year": before.first_year, "last_year": before.last_year, "status": before.status.as_str(),
            "document_id": before.document.map(|d| d.id)});
        let changes = audit::diff(Some(&old), Some(&as_json(input)));
        audit::record(&mut tx, actor, "strategy.update", "strategy", Some(id), changes).await?;
        super::index::refresh_strategy(&mut tx, id).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Every field of the strategy's row, in `tx`: the one write that creating and editing share.
async fn write_fields(tx: &mut Tx, id: i64, input: &StrategyInput) -> Result<()> {
    let t = tx.now;
    on_tx!(tx, |c| sqlx::query(
        "UPDATE strategies SET owner_id = $1, title = $2, vision = $3, first_year = $4, last_year = $5, \
         status = $6, document_id = $7, updated_at = $8 WHERE id = $9"
    )
    .bind(input.owner_id.0)
    .bind(&input.title)
    .bind(&input.vision)
    .bind(i64::from(input.first_year))
    .bind(i64::from(input.last_year))
    .bind(input.status.as_str())
    .bind(input.document_id)
    .bind(t)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

async fn check_links(tx: &mut Tx, input: &StrategyInput) -> Result<()> {
    must_exist(tx, "organisations", input.owner_id.0, "owner_id").await?;
    if let Some(d) = input.document_id
        && !crate::exists(tx, "governing_documents", d).await?
    {
        return Err(invalid_field(
            "document_id",
            "unknown_document",
            "Dokumentet finns inte.",
            "The document does not exist.",
        ));
    }
    Ok(())
}

fn as_json(i: &StrategyInput) -> serde_json::Value {
    json!({"owner_id": i.owner_id.0, "title": i.title, "vision": i.vision, "first_year": i.first_year,
        "last_year": i.last_year, "status": i.status.as_str(), "document_id": i.document_id})
}
