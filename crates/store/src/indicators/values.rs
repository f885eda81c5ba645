//! The values of an indicator: the all-or-nothing import of a parsed file and the series read
//! back. An import runs in one transaction: it locks the indicator's row, reads the stored series
//! rows in one query (one row per geography and gender holding its years, ADR 62) and compares
//! the file with them (`domain::indicators::reimport::diff`), records the import (who, when,
//! file, counts), writes the replaced versions to the history and the rows the new and changed
//! values go into (`write`, bulk statements per engine, ADR 56), and its audit event.

use std::collections::HashMap;

use domain::indicators::reimport::{self, Changes, Key, Stored};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use super::points::{self, StoredPoint};
use super::{Format, Gender, Geography, Observation, Parsed, write};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, audit, on_pool, on_tx};

/// One import as recorded.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct ImportRecord {
    pub id: i64,
    pub indicator_id: i64,
    pub format: String,
    pub file_name: String,
    pub actor: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub rows_total: i64,
    pub inserted: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub next_page: Option<String>,
}

/// A value of a series.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct SeriesValue {
    pub geography: String,
    pub year: i32,
    pub gender: String,
    pub value: Option<f64>,
}

/// A value an import replaced.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct HistoryValue {
    pub geography: String,
    pub year: i32,
    pub gender: String,
    pub value: Option<f64>,
    pub import_id: i64,
    pub superseded_by: i64,
}

/// A stored value with the import that wrote it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredValue {
    pub geography: String,
    pub year: i32,
    pub gender: Gender,
    pub value: Option<f64>,
    pub status: Option<String>,
    pub import_id: i64,
}

/// A series row as read: one geography and gender, its years (`points`, ADR 62).
#[derive(sqlx::FromRow)]
struct StoredSeries {
    geography: String,
    gender: String,
    points: String,
}

/// The gender of a stored code.
pub(super) fn gender(code: &str) -> Gender {
    match code {
        "K" => Gender::Women,
        "M" => Gender::Men,
        _ => Gender::Total,
    }
}

const ROWS: &str = "SELECT geography, gender, points FROM indicator_series WHERE indicator_id = $1";

/// An indicator's series rows, each with its points decoded.
type Rows = HashMap<(String, Gender), Vec<StoredPoint>>;

fn decoded(rows: Vec<StoredSeries>) -> Result<Rows> {
    rows.into_iter().map(|r| Ok(((r.geography, gender(&r.gender)), points::decode(&r.points)?))).collect()
}

/// The stored values as a re-import compares them.
fn stored_map(rows: &Rows) -> HashMap<Key, Stored> {
    let mut out = HashMap::with_capacity(rows.values().map(Vec::len).sum());
    for ((g, k), points) in rows {
        for p in points {
            let stored = Stored { value: p.value, status: p.status.clone(), import_id: p.import_id };
            out.insert((g.clone(), p.year, *k), stored);
        }
    }
    out
}

/// The rows the import's new and changed values go into, each with the stored years it keeps.
fn merged<'a>(mut rows: Rows, changes: &Changes<'a>, import: i64) -> Vec<write::SeriesRow<'a>> {
    let mut touched: HashMap<(&str, Gender), Vec<&Observation>> = HashMap::new();
    for o in changes.writes() {
        touched.entry((o.geography.as_str(), o.gender)).or_default().push(o);
    }
    let mut out: Vec<_> = touched
        .into_iter()
        .map(|((g, k), file)| {
            let mut points = rows.remove(&(g.to_string(), k)).unwrap_or_default();
            for o in file {
                let p = StoredPoint { year: o.year, value: o.value, status: o.status.clone(), import_id: import };
                match points.binary_search_by_key(&o.year, |p| p.year) {
                    Ok(i) => points[i] = p,
                    Err(i) => points.insert(i, p),
                }
            }
            (g, k, points.len() as i32, points::encode(&points))
        })
        .collect();
    out.sort_unstable_by_key(|r| (r.0, r.1));
    out
}

impl Store {
    /// Writes a parsed file's values to indicator `id`: all of them or, on any error, none.
    /// A retry with the same key returns the first import.
    pub async fn import_indicator_values(
        &self,
        id: i64,
        format: Format,
        file_name: &str,
        parsed: &Parsed,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<ImportRecord> {
        let mut tx = self.begin().await?;
        if let Some(done) = remembered(&mut tx, actor.user_id, key, "indicator_import").await? {
            drop(tx);
            return self.indicator_import(done).await?.ok_or(StoreError::NotFound);
        }
        let t = tx.now;
        // The row lock (PostgreSQL) or the write lock (SQLite) queues imports of one indicator
        // and its delete (ADR 57).
        super::definition::lock(&mut tx, id).await?;
        let rows: Vec<StoredSeries> = on_tx!(&mut tx, |c| sqlx::query_as(ROWS).bind(id).fetch_all(c).await)?;
        let rows = decoded(rows)?;
        let changes = reimport::diff(stored_map(&rows), &parsed.observations);
        let (inserted, updated, unchanged) =
            (changes.new.len() as i64, changes.changed.len() as i64, changes.unchanged as i64);
        let rows_total = parsed.observations.len() as i64;
        let import: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO indicator_imports (indicator_id, format, file_name, actor_id, actor, at, rows_total, inserted, \
             updated, unchanged, next_page) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
        )
        .bind(id)
        .bind(format.as_str())
        .bind(file_name)
        .bind(actor.user_id.map(|u| u.0))
        .bind(&actor.label)
        .bind(t)
        .bind(rows_total)
        .bind(inserted)
        .bind(updated)
        .bind(unchanged)
        .bind(&parsed.next_page)
        .fetch_one(c)
        .await
        })?;
        let old: Vec<&(Key, Stored)> = changes.changed.iter().map(|(_, s)| s).collect();
        write::history(&mut tx, id, import, &old).await?;
        write::series(&mut tx, id, &merged(rows, &changes, import)).await?;
        let summary = json!({
            "import_id": import, "format": format.as_str(), "file_name": file_name, "rows": rows_total,
            "inserted": inserted, "updated": updated, "unchanged": unchanged,
        });
        audit::record(&mut tx, actor, "indicator.import", "indicator", Some(id), summary).await?;
        remember(&mut tx, actor.user_id, key, "indicator_import", import).await?;
        tx.commit().await?;
        self.indicator_import(import).await?.ok_or(StoreError::NotFound)
    }

    /// Indicator `id`'s series rows, decoded.
    async fn series_rows(&self, id: i64) -> Result<Rows> {
        decoded(on_pool!(&self.pool, |p| sqlx::query_as(ROWS).bind(id).fetch_all(p).await)?)
    }

    /// What importing `parsed` would change, without writing: (new, changed, unchanged).
    pub async fn indicator_import_counts(&self, id: i64, parsed: &Parsed) -> Result<(usize, usize, usize)> {
        let c = reimport::diff(stored_map(&self.series_rows(id).await?), &parsed.observations);
        Ok((c.new.len(), c.changed.len(), c.unchanged))
    }

    pub async fn indicator_import(&self, import: i64) -> Result<Option<ImportRecord>> {
        Ok(on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT id, indicator_id, format, file_name, actor, at, rows_total, inserted, updated, unchanged, next_page \
             FROM indicator_imports WHERE id = $1"
        )
        .bind(import)
        .fetch_optional(p)
        .await
        })?)
    }

    /// An indicator's imports, the latest first.
    pub async fn indicator_imports(&self, id: i64) -> Result<Vec<ImportRecord>> {
        Ok(on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT id, indicator_id, format, file_name, actor, at, rows_total, inserted, updated, unchanged, next_page \
             FROM indicator_imports WHERE indicator_id = $1 ORDER BY at DESC, id DESC"
        )
        .bind(id)
        .fetch_all(p)
        .await
        })?)
    }

    /// The values of indicator `id` for `geographies` and `gender`, by geography and year.
    pub async fn indicator_series(
        &self,
        id: i64,
        geographies: &[&Geography],
        gender: Gender,
    ) -> Result<Vec<SeriesValue>> {
        let mut out = Vec::new();
        for g in geographies {
            let row: Option<String> = on_pool!(&self.pool, |p| sqlx::query_scalar(
                "SELECT points FROM indicator_series WHERE indicator_id = $1 AND geography = $2 AND gender = $3"
            )
            .bind(id)
            .bind(g.as_str())
            .bind(gender.code())
            .fetch_optional(p)
            .await)?;
            for p in points::decode(row.as_deref().unwrap_or_default())? {
                let (geography, year, value) = (g.as_str().to_string(), p.year, p.value);
                out.push(SeriesValue { geography, year, gender: gender.code().to_string(), value });
            }
        }
        Ok(out)
    }

    /// Every value of indicator `id` with the import that wrote it, by geography, year and gender.
    pub async fn indicator_values(&self, id: i64) -> Result<Vec<StoredValue>> {
        let mut out: Vec<StoredValue> = self
            .series_rows(id)
            .await?
            .into_iter()
            .flat_map(|((geography, gender), points)| {
                points.into_iter().map(move |p| StoredValue {
                    geography: geography.clone(),
                    year: p.year,
                    gender,
                    value: p.value,
                    status: p.status,
                    import_id: p.import_id,
                })
            })
            .collect();
        out.sort_by(|a, b| (&a.geography, a.year, a.gender.code()).cmp(&(&b.geography, b.year, b.gender.code())));
        Ok(out)
    }

    /// The geographies indicator `id` has values for.
    pub async fn indicator_geographies(&self, id: i64) -> Result<Vec<String>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT DISTINCT geography FROM indicator_series WHERE indicator_id = $1 ORDER BY geography"
        )
        .bind(id)
        .fetch_all(p)
        .await)?)
    }

    /// The values later imports replaced, the latest first.
    pub async fn indicator_history(&self, id: i64) -> Result<Vec<HistoryValue>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT geography, year, gender, value, import_id, superseded_by FROM indicator_value_history \
             WHERE indicator_id = $1 ORDER BY superseded_by DESC, geography, year, gender"
        )
        .bind(id)
        .fetch_all(p)
        .await)?)
    }
}
