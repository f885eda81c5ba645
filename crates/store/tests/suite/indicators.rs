//! The indicator import's bulk writes (issue 13, ADR 56) on SQLite, and on PostgreSQL when
//! `SAMVERKAN_TEST_POSTGRES_URL` is set: each engine writes with statements of its own (arrays
//! on PostgreSQL, chunks of anonymous parameters on SQLite), so the same file must come back
//! the same from both, bit for bit, across chunk boundaries, and a re-import must write only what
//! changed and keep what it replaced. The values and their history have no foreign keys (ADR
//! 57): deleting an indicator deletes them, and deleting an organisation leaves none orphaned.

use domain::indicators::definition::RawIndicator;
use domain::indicators::{Format, Gender, Geography, IndicatorInput, Observation, Parsed};
use domain::organisations::OrganisationInput;
use store::{Actor, Store, StoreError};
use time::macros::date;

/// A fresh store on each engine, on the day of these tests.
pub async fn stores() -> Vec<crate::common::TestStore> {
    crate::common::stores("indicators", date!(2026 - 03 - 02)).await
}

/// Values no decimal text keeps exactly, empty values, and statuses with the characters a
/// bulk format could trip on.
fn value(i: usize) -> (Option<f64>, Option<String>) {
    match i % 7 {
        0 => (None, Some("..".into())),
        1 => (Some(0.1 + 0.2), None),
        2 => (Some(1.0 / 3.0 * i as f64), Some("p\t\\N \"x\"\n'y'".into())),
        3 => (Some(-1e-300), None),
        4 => (Some(f64::MAX), Some("ö".into())),
        _ => (Some(i as f64 * 1.1), None),
    }
}

/// `n` values over geographies, years and the three genders, each distinct.
fn file(n: usize, shift: impl Fn(usize) -> bool) -> Parsed {
    let observations = (0..n)
        .map(|i| {
            let (mut v, status) = value(i);
            if shift(i) {
                v = Some(v.unwrap_or(0.0) + 0.5);
            }
            Observation {
                geography: Geography::trusted(format!("{:04}", 1000 + i / 90)),
                year: 1994 + ((i / 3) % 30) as i32,
                gender: [Gender::Total, Gender::Women, Gender::Men][i % 3],
                value: v,
                status,
            }
        })
        .collect();
    Parsed { observations, next_page: None }
}

/// A stored value: geography, year, gender, value, status.
type Value = (String, i32, String, Option<f64>, Option<String>);

async fn stored(s: &Store, id: i64) -> Vec<Value> {
    let values = s.indicator_values(id).await.unwrap();
    values.into_iter().map(|v| (v.geography, v.year, v.gender.code().to_string(), v.value, v.status)).collect()
}

fn expected(p: &Parsed) -> Vec<Value> {
    let mut v: Vec<_> = p
        .observations
        .iter()
        .map(|o| (o.geography.as_str().to_string(), o.year, o.gender.code().to_string(), o.value, o.status.clone()))
        .collect();
    v.sort_by(|a, b| (&a.0, a.1, &a.2).cmp(&(&b.0, b.1, &b.2)));
    v
}

#[tokio::test]
async fn bulk_import_round_trips_exactly_and_a_reimport_writes_only_changes() {
    for s in stores().await {
        let actor = Actor::system("test");
        let id = indicator(&s, "Bulk", "0006").await;
        let n = 2_500;
        let first = file(n, |_| false);
        let r = s.import_indicator_values(id, Format::Csv, "a.csv", &first, &actor, None).await.unwrap();
        assert_eq!((r.inserted, r.updated, r.unchanged), (n as i64, 0, 0), "{:?}", s.engine());
        assert_eq!(stored(&s, id).await, expected(&first), "{:?}: every value back bit for bit", s.engine());
        let first_import = r.id;

        // The same file again: nothing differs (the values came back exactly), nothing is written.
        let r = s.import_indicator_values(id, Format::Csv, "a.csv", &first, &actor, None).await.unwrap();
        assert_eq!((r.inserted, r.updated, r.unchanged), (0, 0, n as i64), "{:?}", s.engine());
        assert!(s.indicator_history(id).await.unwrap().is_empty());

        // Every third value changed, and 400 values more: updates across chunks, with history.
        let second = file(n + 400, |i| i % 3 == 1);
        let r2 = s.import_indicator_values(id, Format::Csv, "b.csv", &second, &actor, None).await.unwrap();
        let changed = (0..n).filter(|&i| first.observations[i] != second.observations[i]).count() as i64;
        assert!(changed > 500, "f64::MAX + 0.5 is f64::MAX: those stay unchanged");
        assert_eq!((r2.inserted, r2.updated, r2.unchanged), (400, changed, n as i64 - changed), "{:?}", s.engine());
        assert_eq!(stored(&s, id).await, expected(&second), "{:?}", s.engine());
        let history = s.indicator_history(id).await.unwrap();
        assert_eq!(history.len() as i64, changed);
        assert!(history.iter().all(|h| h.import_id == first_import && h.superseded_by == r2.id));
        let mut old: Vec<_> =
            history.iter().map(|h| (h.geography.clone(), h.year, h.gender.clone(), h.value)).collect();
        old.sort_by(|a, b| (&a.0, a.1, &a.2).cmp(&(&b.0, b.1, &b.2)));
        let want: Vec<_> = expected(&first)
            .into_iter()
            .filter(|e| {
                second
                    .observations
                    .iter()
                    .any(|o| o.geography.as_str() == e.0 && o.year == e.1 && o.gender.code() == e.2 && o.value != e.3)
            })
            .map(|e| (e.0, e.1, e.2, e.3))
            .collect();
        assert_eq!(old, want, "{:?}: the replaced values, exactly", s.engine());
        s.close().await;
    }
}

/// The number a `SELECT COUNT(*)…` returns, on either engine.
async fn count(s: &Store, sql: &str) -> i64 {
    match &s.pool {
        store::Pool::Sqlite(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(p).await.unwrap(),
        store::Pool::Postgres(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(p).await.unwrap(),
    }
}

/// Series rows, values and history rows whose indicator or import is gone: what the foreign
/// keys used to rule out (ADR 57; a value's import is inside its series row, ADR 62).
async fn orphans(s: &Store) -> i64 {
    let rows = count(
        s,
        "SELECT (SELECT COUNT(*) FROM indicator_series v WHERE            NOT EXISTS (SELECT 1 FROM indicators i WHERE i.id = v.indicator_id))          + (SELECT COUNT(*) FROM indicator_value_history h WHERE            NOT EXISTS (SELECT 1 FROM indicators i WHERE i.id = h.indicator_id)            OR NOT EXISTS (SELECT 1 FROM indicator_imports m WHERE m.id = h.import_id)            OR NOT EXISTS (SELECT 1 FROM indicator_imports m WHERE m.id = h.superseded_by))",
    )
    .await;
    let mut imports = std::collections::BTreeSet::new();
    for i in s.indicators(true).await.unwrap() {
        imports.extend(s.indicator_values(i.id).await.unwrap().into_iter().map(|v| (i.id, v.import_id)));
    }
    let mut gone = 0;
    for (indicator, import) in imports {
        let sql = format!("SELECT COUNT(*) FROM indicator_imports WHERE id = {import} AND indicator_id = {indicator}");
        gone += 1 - count(s, &sql).await;
    }
    rows + gone
}

/// A new indicator without values.
async fn indicator(s: &Store, title: &str, geography: &str) -> i64 {
    let raw = RawIndicator {
        title: title.into(),
        unit: "antal".into(),
        source: "other".into(),
        direction: "increase".into(),
        geography: geography.into(),
        ..RawIndicator::default()
    };
    s.create_indicator(&IndicatorInput::parse(&raw).unwrap(), &Actor::system("test"), None).await.unwrap()
}

/// An indicator with a file imported twice (the second changing every third value), so it has
/// values, history and two imports.
async fn imported(s: &Store, title: &str) -> i64 {
    let actor = Actor::system("test");
    let id = indicator(s, title, "0680").await;
    s.import_indicator_values(id, Format::Csv, "a.csv", &file(900, |_| false), &actor, None).await.unwrap();
    s.import_indicator_values(id, Format::Csv, "b.csv", &file(900, |i| i % 3 == 1), &actor, None).await.unwrap();
    id
}

#[tokio::test]
async fn deleting_an_indicator_deletes_its_values_history_and_imports_and_nothing_else() {
    for s in stores().await {
        let actor = Actor::system("test");
        let (gone, kept) = (imported(&s, "Borttagen").await, imported(&s, "Kvar").await);
        let kept_values = stored(&s, kept).await;
        let kept_history = s.indicator_history(kept).await.unwrap().len();
        assert!(kept_history > 0 && !s.indicator_history(gone).await.unwrap().is_empty());
        assert_eq!(orphans(&s).await, 0);
        let before = s.indicator_usage(gone).await.unwrap();
        assert_eq!((before.values, before.nodes, before.activities), (stored(&s, gone).await.len() as i64, 0, 0));
        assert_eq!(before.history, s.indicator_history(gone).await.unwrap().len() as i64);

        s.delete_indicator(gone, &actor).await.unwrap();
        let e = s.engine();
        assert_eq!(s.indicator_usage(gone).await.unwrap(), store::indicators::IndicatorUsage::default(), "{e:?}");
        for table in ["indicator_series", "indicator_value_history", "indicator_imports"] {
            let n = count(&s, &format!("SELECT COUNT(*) FROM {table} WHERE indicator_id = {gone}")).await;
            assert_eq!(n, 0, "{e:?}: {table} of the deleted indicator");
        }
        assert_eq!(orphans(&s).await, 0, "{e:?}");
        assert!(s.indicator(gone).await.unwrap().is_none());
        assert_eq!(stored(&s, kept).await, kept_values, "{e:?}: the other indicator's values stay");
        assert_eq!(s.indicator_history(kept).await.unwrap().len(), kept_history);
        let audit = count(
            &s,
            &format!("SELECT COUNT(*) FROM audit_events WHERE action = 'indicator.delete' AND entity_id = '{gone}'"),
        )
        .await;
        assert_eq!(audit, 1, "{e:?}: audited");

        // Deleting again, or importing into it, finds no indicator and writes nothing.
        assert!(matches!(s.delete_indicator(gone, &actor).await, Err(StoreError::NotFound)));
        let r = s.import_indicator_values(gone, Format::Csv, "c.csv", &file(9, |_| false), &actor, None).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{e:?}");
        assert_eq!(orphans(&s).await, 0, "{e:?}");
        s.close().await;
    }
}

#[tokio::test]
async fn deleting_an_organisation_leaves_no_orphan_values() {
    for s in stores().await {
        let actor = Actor::system("test");
        // Values are kept per geography code of the national reference, not per organisation:
        // Jönköping's municipality going from the register takes none of them, and orphans none.
        let input = OrganisationInput::parse("Jönköpings kommun", "municipality", "0680", "", "", "").unwrap();
        let org = s.create_organisation(&input, &actor, None).await.unwrap();
        let id = imported(&s, "Per kommun").await;
        let before = stored(&s, id).await;
        s.delete_organisation(org, &actor).await.unwrap();
        assert_eq!(stored(&s, id).await, before, "{:?}", s.engine());
        assert_eq!(orphans(&s).await, 0, "{:?}", s.engine());
        s.close().await;
    }
}

/// Migration 0043 moves the values of the former table into series rows: with the former
/// table back in place, full of values of every magnitude, and the migration undone, migrating
/// again brings every value back bit for bit, with its status and import, on each engine.
#[tokio::test]
async fn migration_0043_moves_every_value_exactly() {
    for s in stores().await {
        let actor = Actor::system("test");
        let id = indicator(&s, "Flyttad", "0006").await;
        let import = s.import_indicator_values(id, Format::Csv, "a.csv", &file(3, |_| false), &actor, None).await;
        let import = import.unwrap().id;
        // Values of every magnitude (bit patterns of finite numbers) and the file's tricky ones.
        let mut bits: u64 = 0x2545_F491_4F6C_DD1D;
        let mut want = Vec::new();
        for i in 0..1_200usize {
            bits = bits.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let (v, status) = value(i);
            let v = if i % 2 == 0 { Some(f64::from_bits(bits)).filter(|x| x.is_finite()).or(v) } else { v };
            let geography = format!("{:04}", 1000 + i / 120);
            let year = 1900 + (i % 40) as i32;
            let gender = ["T", "K", "M"][(i / 40) % 3];
            want.push((geography, year, gender.to_string(), v, status));
        }
        want.sort_by(|a, b| (&a.0, a.1, &a.2).cmp(&(&b.0, b.1, &b.2)));
        let former = "DROP TABLE indicator_series; DELETE FROM schema_migrations WHERE version = 43; \
                      CREATE TABLE indicator_values (indicator_id BIGINT NOT NULL, geography TEXT NOT NULL, \
                      year INTEGER NOT NULL, gender TEXT NOT NULL, value DOUBLE PRECISION, status TEXT, \
                      import_id BIGINT NOT NULL)";
        let insert = "INSERT INTO indicator_values VALUES ($1, $2, $3, $4, $5, $6, $7)";
        macro_rules! former {
            ($p:expr) => {{
                sqlx::raw_sql(former).execute($p).await.unwrap();
                for w in &want {
                    let q = sqlx::query(insert).bind(id).bind(&w.0).bind(w.1).bind(&w.2).bind(w.3).bind(&w.4);
                    q.bind(import).execute($p).await.unwrap();
                }
            }};
        }
        match &s.pool {
            store::Pool::Sqlite(p) => former!(p),
            store::Pool::Postgres(p) => former!(p),
        }
        assert_eq!(s.migrate().await.unwrap(), vec![43]);
        assert_eq!(count(&s, "SELECT COUNT(*) FROM schema_migrations WHERE version = 43").await, 1);
        let back = s.indicator_values(id).await.unwrap();
        assert_eq!(back.len(), want.len(), "{:?}", s.engine());
        for (b, w) in back.iter().zip(&want) {
            let got = (&b.geography, b.year, b.gender.code(), b.value.map(f64::to_bits), &b.status);
            assert_eq!(got, (&w.0, w.1, w.2.as_str(), w.3.map(f64::to_bits), &w.4), "{:?}", s.engine());
            assert_eq!(b.import_id, import);
        }
        assert_eq!(s.indicator_usage(id).await.unwrap().values, want.len() as i64);
        s.close().await;
    }
}
