//! Migration 0043's step in Rust: the values of the former table `indicator_values`, a row per
//! value, move into series rows (ADR 62), one indicator at a time, in the migration's
//! transaction; then the former table goes. The numbers are read as numbers from the driver and
//! written by `points::encode`, so each reads back bit for bit (the store suite's migration test).

use std::future::Future;
use std::pin::Pin;

use super::points::{self, StoredPoint};
use super::write;
use crate::{Result, Tx, on_tx};

type FormerRow = (String, String, i32, Option<f64>, Option<String>, i64);

/// Moves every value of `indicator_values` into `indicator_series` and drops the former table.
pub(crate) fn carry_over(tx: &mut Tx) -> Pin<Box<dyn Future<Output = Result<()>> + Send + '_>> {
    Box::pin(async move {
        let ids: Vec<i64> = on_tx!(tx, |c| sqlx::query_scalar(
            "SELECT DISTINCT indicator_id FROM indicator_values ORDER BY indicator_id"
        )
        .fetch_all(c)
        .await)?;
        for id in ids {
            let former: Vec<FormerRow> = on_tx!(tx, |c| sqlx::query_as(
                "SELECT geography, gender, year, value, status, import_id FROM indicator_values \
                 WHERE indicator_id = $1 ORDER BY geography, gender, year"
            )
            .bind(id)
            .fetch_all(c)
            .await)?;
            let mut rows: Vec<write::SeriesRow> = Vec::new();
            for group in former.chunk_by(|a, b| (&a.0, &a.1) == (&b.0, &b.1)) {
                let gender = super::values::gender(&group[0].1);
                let points: Vec<StoredPoint> = group
                    .iter()
                    .map(|r| StoredPoint {
                        year: r.2,
                        value: r.3,
                        status: r.4.clone().filter(|s| !s.is_empty()),
                        import_id: r.5,
                    })
                    .collect();
                rows.push((group[0].0.as_str(), gender, points.len() as i32, points::encode(&points)));
            }
            write::series(tx, id, &rows).await?;
        }
        on_tx!(tx, |c| sqlx::query("DROP TABLE indicator_values").execute(c).await.map(|r| r.rows_affected()))?;
        Ok(())
    })
}
