//! The store on each engine for a test: a new SQLite file, and a new PostgreSQL database made
//! from `SAMVERKAN_TEST_POSTGRES_URL` when it is set, both migrated, with the clock on `day`.
//! Each is removed when the test is done with it (the file's folder, the database), as the
//! web suite's `TestApp` does.

use std::path::PathBuf;

use store::{Clock, Store};
use time::Date;

/// A test's store, which it reads as a `Store`; dropping it removes its file or database.
pub struct TestStore {
    store: Store,
    dir: Option<PathBuf>,
    /// The URL the database was made from, and its name.
    pg: Option<(String, String)>,
}

impl std::ops::Deref for TestStore {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.store
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some((base, name)) = self.pg.take() {
            // On a runtime of its own (the test's is blocked in this drop); WITH (FORCE) ends the
            // pool's connections from the server side.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(async {
                    if let Ok(admin) = Store::connect(&base).await {
                        if let store::Pool::Postgres(p) = &admin.pool {
                            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                            let _ = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await;
                        }
                        admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

pub async fn stores(prefix: &str, day: Date) -> Vec<TestStore> {
    let mut out = Vec::new();
    let dir = std::env::temp_dir().join(format!("samverkan-{prefix}-{}", rand_name()));
    std::fs::create_dir_all(&dir).unwrap();
    let s = Store::connect(&format!("sqlite://{}", dir.join("t.db").display()))
        .await
        .unwrap()
        .with_clock(Clock::starting_on(day));
    s.migrate().await.unwrap();
    out.push(TestStore { store: s, dir: Some(dir), pg: None });
    if let Ok(base) = std::env::var("SAMVERKAN_TEST_POSTGRES_URL")
        && !base.is_empty()
    {
        let name = format!("samverkan_{prefix}_{}", rand_name());
        let admin = Store::connect(&base).await.unwrap();
        if let store::Pool::Postgres(p) = &admin.pool {
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(p).await.unwrap();
        }
        admin.close().await;
        let (head, query) = base.split_once('?').map_or((base.as_str(), None), |(h, q)| (h, Some(q)));
        let after = head.find("://").map_or(0, |i| i + 3);
        let root = head[after..].find('/').map_or(head, |i| &head[..after + i]);
        let url = match query {
            Some(q) => format!("{root}/{name}?{q}"),
            None => format!("{root}/{name}"),
        };
        let s = Store::connect(&url).await.unwrap().with_clock(Clock::starting_on(day));
        s.migrate().await.unwrap();
        out.push(TestStore { store: s, dir: None, pg: Some((base, name)) });
    }
    out
}

fn rand_name() -> String {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).unwrap();
    b.iter().map(|x| format!("{x:02x}")).collect()
}
