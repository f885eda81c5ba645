//! Activities of a plan: added and edited with their links to strategy nodes and indicators
//! (replaced with the activity), loaded with the names of who is responsible.

use domain::named::Named;
use serde_json::json;
use time::Date;

use super::{Activity, ActivityInput, ActivityStatus, NodeLink};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, invalid_field, must_exist, on_pool, on_tx};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    plan_id: i64,
    area_id: Option<i64>,
    title: String,
    description: Option<String>,
    organisation_id: Option<i64>,
    organisation: Option<String>,
    body_id: Option<i64>,
    body: Option<String>,
    starts_on: Date,
    ends_on: Date,
    status: String,
    progress: i64,
}

const SELECT: &str = "SELECT a.id, a.plan_id, a.area_id, a.title, a.description, a.organisation_id, o.name AS organisation, \
     a.body_id, b.name AS body, a.starts_on, a.ends_on, a.status, a.progress FROM action_activities a \
     LEFT JOIN organisations o ON o.id = a.organisation_id LEFT JOIN bodies b ON b.id = a.body_id";

fn as_json(i: &ActivityInput) -> serde_json::Value {
    json!({"area_id": i.area_id, "title": i.title, "description": i.description, "organisation_id": i.organisation_id,
           "body_id": i.body_id, "starts_on": i.starts_on.to_string(), "ends_on": i.ends_on.to_string(),
           "status": i.status.as_str(), "progress": i.progress, "nodes": i.nodes, "indicators": i.indicators})
}

async fn check_links(tx: &mut Tx, plan: i64, i: &ActivityInput) -> Result<()> {
    if let Some(area) = i.area_id {
        let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
            "SELECT COUNT(*) FROM action_focus_areas WHERE id = $1 AND plan_id = $2"
        )
        .bind(area)
        .bind(plan)
        .fetch_one(c)
        .await)?;
        if n == 0 {
            return Err(invalid_field(
                "area_id",
                "unknown_area",
                "Fokusområdet hör inte till planen.",
                "The focus area is not part of the plan.",
            ));
        }
    }
    if let Some(o) = i.organisation_id {
        must_exist(tx, "organisations", o, "organisation_id").await?;
    }
    if let Some(b) = i.body_id {
        must_exist(tx, "bodies", b, "body_id").await?;
    }
    for n in &i.nodes {
        must_exist(tx, "strategy_nodes", *n, "nodes").await?;
    }
    for n in &i.indicators {
        must_exist(tx, "indicators", *n, "indicators").await?;
    }
    Ok(())
}

async fn write_links(tx: &mut Tx, id: i64, i: &ActivityInput) -> Result<()> {
    for table in ["action_activity_nodes", "action_activity_indicators"] {
        let sql = format!("DELETE FROM {table} WHERE activity_id = $1");
        on_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    for n in &i.nodes {
        on_tx!(tx, |c| sqlx::query("INSERT INTO action_activity_nodes (activity_id, node_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*n)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    for n in &i.indicators {
        on_tx!(tx, |c| sqlx::query(
            "INSERT INTO action_activity_indicators (activity_id, indicator_id) VALUES ($1, $2)"
        )
        .bind(id)
        .bind(*n)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

impl Store {
    /// The activities of a plan, by focus area, start and title.
    pub(crate) async fn plan_activities(&self, plan: i64) -> Result<Vec<Activity>> {
        let sql = format!("{SELECT} WHERE a.plan_id = $1 ORDER BY a.starts_on, a.title, a.id");
        let rows: Vec<Row> =
            on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(plan).fetch_all(p).await)?;
        self.with_links(rows).await
    }

    /// One activity, when it belongs to `plan`.
    pub async fn action_activity(&self, plan: i64, id: i64) -> Result<Option<Activity>> {
        let sql = format!("{SELECT} WHERE a.plan_id = $1 AND a.id = $2");
        let rows: Vec<Row> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(plan)
            .bind(id)
            .fetch_all(p)
            .await)?;
        Ok(self.with_links(rows).await?.into_iter().next())
    }

    async fn with_links(&self, rows: Vec<Row>) -> Result<Vec<Activity>> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let (mut nodes, mut inds) = (Vec::new(), Vec::new());
        if !ids.is_empty() {
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            let sql = format!(
                "SELECT l.activity_id, n.id, n.strategy_id, n.title FROM action_activity_nodes l \
                 JOIN strategy_nodes n ON n.id = l.node_id WHERE l.activity_id IN ({list}) ORDER BY n.position, n.id"
            );
            nodes = on_pool!(&self.pool, |p| sqlx::query_as::<_, (i64, i64, i64, String)>(sqlx::AssertSqlSafe(
                sql.as_str()
            ))
            .fetch_all(p)
            .await)?;
            let sql = format!(
                "SELECT l.activity_id, i.id, i.title FROM action_activity_indicators l \
                 JOIN indicators i ON i.id = l.indicator_id WHERE l.activity_id IN ({list}) ORDER BY i.title, i.id"
            );
            inds =
                on_pool!(&self.pool, |p| sqlx::query_as::<_, (i64, i64, String)>(sqlx::AssertSqlSafe(sql.as_str()))
                    .fetch_all(p)
                    .await)?;
        }
        Ok(rows
            .into_iter()
            .map(|r| Activity {
                nodes: nodes
                    .iter()
                    .filter(|n| n.0 == r.id)
                    .map(|n| NodeLink { id: n.1, strategy_id: n.2, title: n.3.clone() })
                    .collect(),
                indicators: inds.iter().filter(|n| n.0 == r.id).map(|n| Named { id: n.1, name: n.2.clone() }).collect(),
                id: r.id,
                plan_id: r.plan_id,
                area_id: r.area_id,
                title: r.title,
                description: r.description,
                organisation: r.organisation_id.zip(r.organisation).map(|(id, name)| Named { id, name }),
                body: r.body_id.zip(r.body).map(|(id, name)| Named { id, name }),
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                status: ActivityStatus::parse(&r.status).unwrap_or(ActivityStatus::NotStarted),
                progress: r.progress,
            })
            .collect())
    }

    /// Adds an activity to a plan; a retry with the same idempotency key returns the first.
    pub async fn create_action_activity(
        &self,
        plan: i64,
        input: &ActivityInput,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "action_activity").await? {
            return Ok(id);
        }
        check_links(&mut tx, plan, input).await?;
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO action_activities (plan_id, area_id, title, description, organisation_id, body_id, starts_on, \
             ends_on, status, progress, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) \
             RETURNING id"
        )
        .bind(plan)
        .bind(input.area_id)
        .bind(&input.title)
        .bind(&input.description)
        .bind(input.organisation_id)
        .bind(input.body_id)
        .bind(input.starts_on)
        .bind(input.ends_on)
        .bind(input.status.as_str())
        .bind(input.progress as i64)
        .bind(t)
        .fetch_one(c)
        .await
        })?;
        write_links(&mut tx, id, input).await?;
        remember(&mut tx, actor.user_id, key, "action_activity", id).await?;
        let mut changes = as_json(input);
        changes["activity_id"] = json!(id);
        audit::record(&mut tx, actor, "action_activity.create", "action_plan", Some(plan), changes).await?;
        super::index::refresh_plan(&mut tx, plan).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces an activity's fields and links.
    pub async fn update_action_activity(&self, plan: i64, id: i64, input: &ActivityInput, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        check_links(&mut tx, plan, input).await?;
        let t = tx.now;
        let n = on_tx!(&mut tx, |c| {
            sqlx::query(
            "UPDATE action_activities SET area_id = $1, title = $2, description = $3, organisation_id = $4, body_id = $5, \
             starts_on = $6, ends_on = $7, status = $8, progress = $9, updated_at = $10 WHERE id = $11 AND plan_id = $12"
        )
        .bind(input.area_id)
        .bind(&input.title)
        .bind(&input.description)
        .bind(input.organisation_id)
        .bind(input.body_id)
        .bind(input.starts_on)
        .bind(input.ends_on)
        .bind(input.status.as_str())
        .bind(input.progress as i64)
        .bind(t)
        .bind(id)
        .bind(plan)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        write_links(&mut tx, id, input).await?;
        let mut changes = as_json(input);
        changes["activity_id"] = json!(id);
        audit::record(&mut tx, actor, "action_activity.update", "action_plan", Some(plan), changes).await?;
        super::index::refresh_plan(&mut tx, plan).await?;
        tx.commit().await?;
        Ok(())
    }
}
