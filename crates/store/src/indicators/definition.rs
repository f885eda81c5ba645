//! An indicator's definition: create (with an idempotency key), change, delete (with its values,
//! ADR 57), load, list.

use serde_json::json;
use time::OffsetDateTime;

use super::{Direction, Geography, Indicator, IndicatorInput, Source, Target, YearValue};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

/// What an indicator's deletion removes (`Store::indicator_usage`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct IndicatorUsage {
    pub values: i64,
    pub history: i64,
    pub nodes: i64,
    pub activities: i64,
}

#[derive(sqlx::FromRow)]
struct IndicatorRow {
    id: i64,
    title: String,
    unit: String,
    description: Option<String>,
    source: String,
    kolada_kpi: Option<String>,
    scb_table: Option<String>,
    direction: String,
    by_gender: bool,
    geography: String,
    baseline_value: Option<f64>,
    baseline_year: Option<i32>,
    target_value: Option<f64>,
    target_year: Option<i32>,
    published: bool,
    updated_at: OffsetDateTime,
}

impl From<IndicatorRow> for Indicator {
    fn from(r: IndicatorRow) -> Indicator {
        Indicator {
            id: r.id,
            title: r.title,
            unit: r.unit,
            description: r.description,
            source: Source::parse(&r.source).unwrap_or(Source::Other),
            kolada_kpi: r.kolada_kpi,
            scb_table: r.scb_table,
            direction: Direction::parse(&r.direction).unwrap_or(Direction::Increase),
            by_gender: r.by_gender,
            geography: Geography::trusted(r.geography),
            baseline: r.baseline_value.zip(r.baseline_year).map(|(value, year)| YearValue { value, year }),
            target: r.target_value.zip(r.target_year).map(|(value, year)| Target { value, year }),
            published: r.published,
            updated_at: r.updated_at,
        }
    }
}

/// Binds a definition's fields as `$1`…`$14`, in the order of the columns of INSERT and UPDATE.
macro_rules! bind_definition {
    ($q:expr, $input:expr) => {
        $q.bind(&$input.title)
            .bind(&$input.unit)
            .bind(&$input.description)
            .bind($input.source.as_str())
            .bind(&$input.kolada_kpi)
            .bind(&$input.scb_table)
            .bind($input.direction.as_str())
            .bind($input.by_gender)
            .bind($input.geography.as_str())
            .bind($input.baseline.map(|b| b.value))
            .bind($input.baseline.map(|b| b.year))
            .bind($input.target.map(|b| b.value))
            .bind($input.target.map(|b| b.year))
            .bind($input.published)
    };
}

const INSERT: &str = "INSERT INTO indicators (title, unit, description, source, kolada_kpi, scb_table, direction, \
     by_gender, geography, baseline_value, baseline_year, target_value, target_year, published, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id";

const UPDATE: &str = "UPDATE indicators SET title = $1, unit = $2, description = $3, source = $4, kolada_kpi = $5, \
     scb_table = $6, direction = $7, by_gender = $8, geography = $9, baseline_value = $10, baseline_year = $11, \
     target_value = $12, target_year = $13, published = $14, updated_at = $15 WHERE id = $16";

const SELECT: &str = "SELECT id, title, unit, description, source, kolada_kpi, scb_table, direction, by_gender, \
     geography, baseline_value, baseline_year, target_value, target_year, published, updated_at FROM indicators";

fn changes(i: &IndicatorInput) -> serde_json::Value {
    json!({
        "title": i.title, "unit": i.unit, "source": i.source.as_str(), "kolada_kpi": i.kolada_kpi,
        "scb_table": i.scb_table, "direction": i.direction.as_str(), "by_gender": i.by_gender,
        "geography": i.geography.as_str(), "baseline": i.baseline, "target": i.target, "published": i.published,
    })
}

/// Takes the lock every write of an indicator's values takes first (its row's lock on
/// PostgreSQL, the write lock on SQLite), so imports and the delete of one indicator queue;
/// `NotFound` when the indicator is gone.
pub(super) async fn lock(tx: &mut Tx, id: i64) -> Result<()> {
    let t = tx.now;
    let n = on_tx!(tx, |c| sqlx::query("UPDATE indicators SET updated_at = $1 WHERE id = $2")
        .bind(t)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

impl Store {
    pub async fn create_indicator(&self, input: &IndicatorInput, actor: &Actor, key: Option<&str>) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "indicator").await? {
            return Ok(id);
        }
        let t = tx.now;
        let id: i64 =
            on_tx!(&mut tx, |c| bind_definition!(sqlx::query_scalar(INSERT), input).bind(t).fetch_one(c).await)?;
        audit::record(&mut tx, actor, "indicator.create", "indicator", Some(id), changes(input)).await?;
        remember(&mut tx, actor.user_id, key, "indicator", id).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn update_indicator(&self, id: i64, input: &IndicatorInput, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let t = tx.now;
        let n = on_tx!(&mut tx, |c| bind_definition!(sqlx::query(UPDATE), input)
            .bind(t)
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(&mut tx, actor, "indicator.update", "indicator", Some(id), changes(input)).await?;
        tx.commit().await
    }

    /// Deletes an indicator with its values, their history and its imports (ADR 57): the values
    /// and history have no foreign key, so this is the one place that removes them. It first
    /// takes the lock an import takes (the indicator's row on PostgreSQL, the write lock on
    /// SQLite), so an import under way finishes first and its values go too, and an import
    /// after it finds no indicator. Links from strategy nodes and activities go with the
    /// indicator by their foreign keys.
    pub async fn delete_indicator(&self, id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        lock(&mut tx, id).await?;
        let title: String = on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT title FROM indicators WHERE id = $1")
            .bind(id)
            .fetch_one(c)
            .await)?;
        let values: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT COALESCE(SUM(values_count), 0) FROM indicator_series WHERE indicator_id = $1"
        )
        .bind(id)
        .fetch_one(c)
        .await)?;
        let mut removed = [0u64; 2];
        for (i, table) in ["indicator_value_history", "indicator_series"].into_iter().enumerate() {
            let sql = format!("DELETE FROM {table} WHERE indicator_id = $1");
            removed[i] = on_tx!(&mut tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(id)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM indicators WHERE id = $1")
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        let summary = json!({"title": title, "values": values, "series": removed[1], "history": removed[0]});
        audit::record(&mut tx, actor, "indicator.delete", "indicator", Some(id), summary).await?;
        tx.commit().await
    }

    /// What deleting the indicator takes with it: its values, their history, and the strategy
    /// nodes and action-plan activities that link to it. One query.
    pub async fn indicator_usage(&self, id: i64) -> Result<IndicatorUsage> {
        let (values, history, nodes, activities): (i64, i64, i64, i64) = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT (SELECT COALESCE(SUM(values_count), 0) FROM indicator_series WHERE indicator_id = $1), \
                    (SELECT COUNT(*) FROM indicator_value_history WHERE indicator_id = $1), \
                    (SELECT COUNT(*) FROM strategy_node_indicators WHERE indicator_id = $1), \
                    (SELECT COUNT(*) FROM action_activity_indicators WHERE indicator_id = $1)"
        )
        .bind(id)
        .fetch_one(p)
        .await)?;
        Ok(IndicatorUsage { values, history, nodes, activities })
    }

    pub async fn indicator(&self, id: i64) -> Result<Option<Indicator>> {
        let sql = format!("{SELECT} WHERE id = $1");
        let row: Option<IndicatorRow> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Indicator::from))
    }

    /// The indicators by title; the unpublished ones only when `all`.
    pub async fn indicators(&self, all: bool) -> Result<Vec<Indicator>> {
        let sql = format!("{SELECT} WHERE published OR $1 ORDER BY title, id");
        let rows: Vec<IndicatorRow> =
            on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(all).fetch_all(p).await)?;
        Ok(rows.into_iter().map(Indicator::from).collect())
    }
}
