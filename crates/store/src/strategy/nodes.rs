//! The nodes of a strategy's tree: added and edited by the domain's tree rules (a kind ranks
//! below its parent's, no node becomes its own ancestor, a changed kind still ranks above its
//! children's), checked against the strategy's nodes inside the write's transaction. A node's
//! Agenda 2030 references and owning bodies are replaced with it.

use domain::strategy::{Dimension, NodeInput, NodeKind, tree};
use serde_json::json;

use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, invalid_field, must_exist, on_pool, on_tx};

/// The strategy's nodes as the tree rules see them, with their kinds, in `tx`.
async fn flat_in(tx: &mut Tx, strategy: i64) -> Result<Vec<(tree::Flat, NodeKind)>> {
    let rows: Vec<(i64, Option<i64>, i64, String)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, parent_id, position, kind FROM strategy_nodes WHERE strategy_id = $1"
    )
    .bind(strategy)
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, parent, position, kind)| {
            (tree::Flat { id, parent, position }, NodeKind::parse(&kind).unwrap_or(NodeKind::Area))
        })
        .collect())
}

fn field_error(e: domain::FieldError) -> StoreError {
    StoreError::Invalid(domain::Invalid::one(e))
}

/// The tree rules for `input` given the strategy's nodes; `id` is the node edited, if any.
fn check_tree(nodes: &[(tree::Flat, NodeKind)], id: Option<i64>, input: &NodeInput) -> Result<()> {
    let parent_kind = match input.parent_id {
        None => None,
        Some(p) => match nodes.iter().find(|(f, _)| f.id == p) {
            Some((_, k)) => Some(*k),
            None => {
                return Err(invalid_field(
                    "parent_id",
                    "unknown_parent",
                    "Den överordnade delen finns inte i strategin.",
                    "The parent is not a part of this strategy.",
                ));
            }
        },
    };
    tree::may_hold(parent_kind, input.kind).map_err(field_error)?;
    if let Some(id) = id {
        let flat: Vec<tree::Flat> = nodes.iter().map(|(f, _)| *f).collect();
        if tree::would_cycle(&flat, id, input.parent_id) {
            return Err(invalid_field(
                "parent_id",
                "cycle",
                "En del kan inte placeras under sig själv eller någon av sina underordnade delar.",
                "A part cannot be placed under itself or one of its own parts.",
            ));
        }
        for (child, kind) in nodes.iter().filter(|(f, _)| f.parent == Some(id)) {
            let _ = child;
            tree::may_hold(Some(input.kind), *kind).map_err(field_error)?;
        }
    }
    Ok(())
}

async fn write_links(tx: &mut Tx, id: i64, input: &NodeInput) -> Result<()> {
    on_tx!(tx, |c| sqlx::query("DELETE FROM strategy_node_sdg WHERE node_id = $1")
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    on_tx!(tx, |c| sqlx::query("DELETE FROM strategy_node_bodies WHERE node_id = $1")
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    on_tx!(tx, |c| sqlx::query("DELETE FROM strategy_node_indicators WHERE node_id = $1")
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    for i in &input.indicators {
        must_exist(tx, "indicators", *i, "indicators").await?;
        on_tx!(tx, |c| sqlx::query("INSERT INTO strategy_node_indicators (node_id, indicator_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*i)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    for s in &input.sdg {
        on_tx!(tx, |c| sqlx::query("INSERT INTO strategy_node_sdg (node_id, code) VALUES ($1, $2)")
            .bind(id)
            .bind(s.code())
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    for b in &input.bodies {
        must_exist(tx, "bodies", b.0, "bodies").await?;
        on_tx!(tx, |c| sqlx::query("INSERT INTO strategy_node_bodies (node_id, body_id) VALUES ($1, $2)")
            .bind(id)
            .bind(b.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

fn as_json(i: &NodeInput) -> serde_json::Value {
    json!({
        "parent_id": i.parent_id, "kind": i.kind.as_str(), "title": i.title, "description": i.description,
        "dimensions": Dimension::join(&i.dimensions),
        "sdg": i.sdg.iter().map(|s| s.code()).collect::<Vec<_>>(),
        "bodies": i.bodies.iter().map(|b| b.0).collect::<Vec<_>>(), "position": i.position,
        "indicators": i.indicators,
    })
}

impl Store {
    /// The strategy a node belongs to.
    pub async fn strategy_of_node(&self, node: i64) -> Result<Option<i64>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT strategy_id FROM strategy_nodes WHERE id = $1")
            .bind(node)
            .fetch_optional(p)
            .await)?)
    }

    /// Adds a node to a strategy's tree, after its last sibling unless a position is given; a
    /// retry with the same idempotency key returns the first.
    pub async fn create_strategy_node(
        &self,
        strategy: i64,
        input: &NodeInput,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "strategy_node").await? {
            return Ok(id);
        }
        // Locks the strategy's row where the engine locks rows, so two adds see each other.
        let found: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "UPDATE strategies SET updated_at = updated_at WHERE id = $1 RETURNING id"
        )
        .bind(strategy)
        .fetch_optional(c)
        .await)?;
        found.ok_or(StoreError::NotFound)?;
        let nodes = flat_in(&mut tx, strategy).await?;
        check_tree(&nodes, None, input)?;
        let flat: Vec<tree::Flat> = nodes.iter().map(|(f, _)| *f).collect();
        let position = input.position.unwrap_or_else(|| tree::next_position(&flat, input.parent_id));
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO strategy_nodes (strategy_id, parent_id, kind, title, description, dimensions, position, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id"
        )
        .bind(strategy)
        .bind(input.parent_id)
        .bind(input.kind.as_str())
        .bind(&input.title)
        .bind(&input.description)
        .bind(Dimension::join(&input.dimensions))
        .bind(position)
        .bind(t)
        .fetch_one(c)
        .await
        })?;
        write_links(&mut tx, id, input).await?;
        remember(&mut tx, actor.user_id, key, "strategy_node", id).await?;
        audit::record(&mut tx, actor, "strategy_node.create", "strategy", Some(strategy), as_json(input)).await?;
        super::index::refresh_node(&mut tx, strategy, id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a node's fields, links and place in the tree (within its strategy).
    pub async fn update_strategy_node(&self, id: i64, input: &NodeInput, actor: &Actor) -> Result<()> {
        let strategy = self.strategy_of_node(id).await?.ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE strategies SET updated_at = updated_at WHERE id = $1")
            .bind(strategy)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        let nodes = flat_in(&mut tx, strategy).await?;
        check_tree(&nodes, Some(id), input)?;
        let flat: Vec<tree::Flat> = nodes.iter().filter(|(f, _)| f.id != id).map(|(f, _)| *f).collect();
        let same_parent = nodes.iter().any(|(f, _)| f.id == id && f.parent == input.parent_id);
        let position = match (input.position, same_parent) {
            (Some(p), _) => p,
            (None, true) => nodes.iter().find(|(f, _)| f.id == id).map_or(1, |(f, _)| f.position),
            (None, false) => tree::next_position(&flat, input.parent_id),
        };
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE strategy_nodes SET parent_id = $1, kind = $2, title = $3, description = $4, dimensions = $5, \
             position = $6, updated_at = $7 WHERE id = $8"
        )
        .bind(input.parent_id)
        .bind(input.kind.as_str())
        .bind(&input.title)
        .bind(&input.description)
        .bind(Dimension::join(&input.dimensions))
        .bind(position)
        .bind(t)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        write_links(&mut tx, id, input).await?;
        let mut changes = as_json(input);
        changes["node_id"] = json!(id);
        audit::record(&mut tx, actor, "strategy_node.update", "strategy", Some(strategy), changes).await?;
        super::index::refresh_node(&mut tx, strategy, id).await?;
        tx.commit().await?;
        Ok(())
    }
}
