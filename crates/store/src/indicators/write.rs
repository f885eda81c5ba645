//! Writing an import's rows: the series rows its new and changed values go into (one row per
//! geography and gender holding its years, ADR 62), and the stored versions it replaces into
//! the history. The one place where the two engines get statements of their own (ADR 56),
//! because a bulk write is bound differently on each, measured in docs/performance.md
//! ("Indicator import"):
//!
//! - PostgreSQL binds a column as one array, so a chunk is one statement of a handful of
//!   parameters, `INSERT … SELECT … FROM UNNEST($2::text[], …)`, whatever its rows; the server
//!   neither parses nor plans thousands of placeholders.
//! - SQLite has no arrays; a chunk is a multi-row `VALUES` of bound parameters, of one length so
//!   the connection's statement cache prepares it once (the last, shorter chunk once more).
//!
//! Both statements have the same meaning: the constant ids and the rows' columns, a row upserted
//! whole (the indicator's row lock queues imports of one indicator, so nothing writes it
//! meanwhile).

use domain::indicators::reimport::{Key, Stored};

use super::Gender;
use crate::{Result, Tx, TxConn};

/// Rows per PostgreSQL statement: arrays of this length, a bind message of a few megabytes.
const PG_CHUNK: usize = 50_000;

/// Rows per SQLite statement (under SQLite's 32,766 parameters): each statement costs a round
/// trip to the connection's thread, and longer ones took longer per row to prepare (measured,
/// docs/performance.md).
const SQLITE_CHUNK: usize = 256;

/// A series row to write: geography, gender, number of values, points (`points::encode`).
pub(super) type SeriesRow<'a> = (&'a str, Gender, i32, String);

const UPSERT: &str = " ON CONFLICT (indicator_id, geography, gender) DO UPDATE SET \
     values_count = excluded.values_count, points = excluded.points";

/// Writes `rows` as indicator `indicator`'s series rows, each replacing the stored one.
pub(super) async fn series(tx: &mut Tx, indicator: i64, rows: &[SeriesRow<'_>]) -> Result<()> {
    match &mut tx.conn {
        TxConn::Postgres(c) => {
            let sql = format!(
                "INSERT INTO indicator_series (indicator_id, geography, gender, values_count, points) \
                 SELECT $1, * FROM UNNEST($2::text[], $3::text[], $4::int4[], $5::text[]){UPSERT}"
            );
            for chunk in rows.chunks(PG_CHUNK) {
                sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(indicator)
                    .bind(chunk.iter().map(|r| r.0).collect::<Vec<_>>())
                    .bind(chunk.iter().map(|r| r.1.code()).collect::<Vec<_>>())
                    .bind(chunk.iter().map(|r| r.2).collect::<Vec<_>>())
                    .bind(chunk.iter().map(|r| r.3.as_str()).collect::<Vec<_>>())
                    .execute(&mut **c)
                    .await?;
            }
        }
        TxConn::Sqlite(c) => {
            for chunk in rows.chunks(SQLITE_CHUNK) {
                let sql = format!(
                    "INSERT INTO indicator_series (indicator_id, geography, gender, values_count, points) \
                     VALUES {}{UPSERT}",
                    tuples(chunk.len(), &indicator.to_string(), 4)
                );
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for r in chunk {
                    q = q.bind(r.0).bind(r.1.code()).bind(r.2).bind(r.3.as_str());
                }
                q.execute(&mut **c).await?;
            }
        }
    }
    Ok(())
}

/// Writes the stored versions `old` into the history, replaced by import `import`.
pub(super) async fn history(tx: &mut Tx, indicator: i64, import: i64, old: &[&(Key, Stored)]) -> Result<()> {
    const INTO: &str = "INSERT INTO indicator_value_history (indicator_id, superseded_by, geography, year, gender, \
                        value, status, import_id)";
    match &mut tx.conn {
        TxConn::Postgres(c) => {
            let sql = format!(
                "{INTO} SELECT $1, $2, * FROM UNNEST($3::text[], $4::int4[], $5::text[], $6::float8[], $7::text[], \
                 $8::int8[])"
            );
            for chunk in old.chunks(PG_CHUNK) {
                sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(indicator)
                    .bind(import)
                    .bind(chunk.iter().map(|(k, _)| k.0.as_str()).collect::<Vec<_>>())
                    .bind(chunk.iter().map(|(k, _)| k.1).collect::<Vec<_>>())
                    .bind(chunk.iter().map(|(k, _)| k.2.code()).collect::<Vec<_>>())
                    .bind(chunk.iter().map(|(_, s)| s.value).collect::<Vec<_>>())
                    .bind(chunk.iter().map(|(_, s)| s.status.as_deref()).collect::<Vec<_>>())
                    .bind(chunk.iter().map(|(_, s)| s.import_id).collect::<Vec<_>>())
                    .execute(&mut **c)
                    .await?;
            }
        }
        TxConn::Sqlite(c) => {
            for chunk in old.chunks(SQLITE_CHUNK) {
                let sql = format!("{INTO} VALUES {}", tuples(chunk.len(), &format!("{indicator}, {import}"), 6));
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for ((g, y, k), s) in chunk.iter().map(|x| (&x.0, &x.1)) {
                    q = q
                        .bind(g.as_str())
                        .bind(*y)
                        .bind(k.code())
                        .bind(s.value)
                        .bind(s.status.as_deref())
                        .bind(s.import_id);
                }
                q.execute(&mut **c).await?;
            }
        }
    }
    Ok(())
}

/// `(…), (…)` for `rows` rows of `fixed` literal columns followed by `bound` anonymous
/// parameters. SQLite binds a `?` by its position; a named `$n` is looked up in a list of the
/// statement's names on every bind, a cost that grows with the square of the parameters.
fn tuples(rows: usize, fixed: &str, bound: usize) -> String {
    let row = format!("({fixed}{})", ", ?".repeat(bound));
    let mut s = String::with_capacity(rows * (row.len() + 2));
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push_str(&row);
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn tuples_repeat_a_row_of_anonymous_parameters() {
        assert_eq!(super::tuples(2, "7, 9", 2), "(7, 9, ?, ?), (7, 9, ?, ?)");
    }
}
