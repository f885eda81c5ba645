//! Two `samverkan serve` processes on one PostgreSQL database answer alike (ADR 22): a file
//! stored through one is served by the other, a sign-in through one is valid on the other, and a
//! job enqueued through one is done by whichever worker claims it. The page cache's invalidation
//! across processes is another engineer's part and is not tested here.

use crate::common;

use std::time::{Duration, Instant};

use common::{PgDatabase, Server, bin, block_on, postgres_or_skip, sign_in};

const PASSWORD: &str = "ett långt demolösenord";

fn serve(db: &PgDatabase, dir: &common::Dir, demo: bool) -> Server {
    let mut c = bin();
    c.args(["--database-url", &db.url, "--data-dir", &dir.arg(), "serve", "--addr", "127.0.0.1:0"])
        .env("SAMVERKAN_DEMO_PASSWORD", PASSWORD);
    if demo {
        c.arg("--demo");
    }
    Server::start(c)
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Runs one query batch on a connection of its own.
fn on_db<T>(url: &str, f: impl AsyncFnOnce(&sqlx::PgPool) -> T) -> T {
    block_on(async {
        let s = store::Store::connect(url).await.unwrap();
        let store::Pool::Postgres(p) = &s.pool else { unreachable!() };
        let out = f(p).await;
        s.close().await;
        out
    })
}

#[test]
fn two_processes_on_one_postgresql_database_share_files_sessions_and_jobs() {
    let Some(base) = postgres_or_skip("two_processes_on_one_postgresql_database_share_files_sessions_and_jobs") else {
        return;
    };
    let db = PgDatabase::new(&base);
    let (dir_a, dir_b) = (common::Dir::new("scale-a"), common::Dir::new("scale-b"));
    let a = serve(&db, &dir_a, true);
    assert!(a.started.contains("Loaded the demo region"), "{}", a.started);
    let b = serve(&db, &dir_b, false);

    // The demo's attachments, stored through A, are served by B byte for byte.
    let attachments: Vec<(i64, String, String)> = on_db(&db.url, async |p| {
        sqlx::query_as("SELECT id, file_name, sha256 FROM attachments ORDER BY id").fetch_all(p).await.unwrap()
    });
    assert!(!attachments.is_empty(), "the demo has attachments");
    for (id, name, sha) in &attachments {
        let path = format!("/bilagor/{id}/{}", percent_encode(name));
        for server in [&a, &b] {
            let r = server.get(&path, &[]);
            assert_eq!(r.status, 200, "{path} on {}: {}", server.addr, r.head);
            assert_eq!(&store::files::sha256_hex(&r.body), sha, "{path} on {}", server.addr);
        }
    }
    for dir in [&dir_a, &dir_b] {
        assert!(!dir.0.join("files").exists(), "no process keeps files of its own on PostgreSQL");
    }

    // A sign-in through A is a session on B.
    let session = sign_in(&a.addr, "admin@demo.samverkan.se", PASSWORD);
    let cookie = format!("samverkan_session={session}");
    let r = b.get("/konto", &[("Cookie", &cookie)]);
    assert_eq!(r.status, 200, "{}", r.head);
    assert!(r.text().contains("admin@demo.samverkan.se"), "{}", r.text());
    assert_ne!(b.get("/konto", &[]).status, 200, "and without the cookie, no account");

    // The demo's submitted protocol enqueued `protocol.submitted` through A; a worker of either
    // process claims it and the jobs table shows it done.
    let began = Instant::now();
    loop {
        let (done, open): (i64, i64) = on_db(&db.url, async |p| {
            sqlx::query_as(
                "SELECT COUNT(*) FILTER (WHERE state = 'done'), COUNT(*) FILTER (WHERE state <> 'done') \
                 FROM jobs WHERE kind = 'protocol.submitted'",
            )
            .fetch_one(p)
            .await
            .unwrap()
        });
        if done >= 1 && open == 0 {
            break;
        }
        assert!(began.elapsed() < Duration::from_secs(60), "protocol.submitted: {done} done, {open} not");
        std::thread::sleep(Duration::from_millis(500));
    }
    drop((a, b));
}
