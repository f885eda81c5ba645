//! The store on each engine for a test: a new SQLite file, and a new PostgreSQL database made
//! from `SAMVERKAN_TEST_POSTGRES_URL` when it is set, both migrated, with the clock on `day`.

use store::{Clock, Store};
use time::Date;

pub async fn stores(prefix: &str, day: Date) -> Vec<Store> {
    let mut out = Vec::new();
    let dir = std::env::temp_dir().join(format!("samverkan-{prefix}-{}", rand_name()));
    std::fs::create_dir_all(&dir).unwrap();
    let s = Store::connect(&format!("sqlite://{}", dir.join("t.db").display()))
        .await
        .unwrap()
        .with_clock(Clock::starting_on(day));
    s.migrate().await.unwrap();
    out.push(s);
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
        out.push(s);
    }
    out
}

fn rand_name() -> String {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).unwrap();
    b.iter().map(|x| format!("{x:02x}")).collect()
}
