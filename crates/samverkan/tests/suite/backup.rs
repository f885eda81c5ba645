//! `samverkan backup` while the server runs and `samverkan restore` into an empty place give back
//! the same protocols and files, byte for byte (ADR 23).

use crate::common;

use std::process::Output;

use common::{Dir, PgDatabase, Server, bin, block_on, postgres_or_skip};

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

type Version = (i64, i64, i64, String, String);

/// Every protocol version (id, meeting, version, content, digest) and every stored file's bytes.
fn protocols_and_files(url: &str) -> (Vec<Version>, Vec<(String, Vec<u8>)>) {
    block_on(async {
        let s = store::Store::connect(url).await.unwrap();
        let versions: Vec<Version> = match &s.pool {
            store::Pool::Sqlite(p) => {
                sqlx::query_as("SELECT id, meeting_id, version, content, digest FROM protocol_versions ORDER BY id")
                    .fetch_all(p)
                    .await
                    .unwrap()
            }
            store::Pool::Postgres(p) => {
                sqlx::query_as("SELECT id, meeting_id, version, content, digest FROM protocol_versions ORDER BY id")
                    .fetch_all(p)
                    .await
                    .unwrap()
            }
        };
        let files: Vec<(String, Vec<u8>)> = match &s.pool {
            store::Pool::Sqlite(_) => Vec::new(),
            store::Pool::Postgres(p) => {
                sqlx::query_as("SELECT sha256, bytes FROM file_bytes ORDER BY sha256").fetch_all(p).await.unwrap()
            }
        };
        s.close().await;
        (versions, files)
    })
}

/// Every file under `root/files`, relative, with its bytes.
fn files_on_disk(root: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let files = root.join("files");
    for top in std::fs::read_dir(&files).unwrap() {
        for f in std::fs::read_dir(top.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            out.push((p.strip_prefix(&files).unwrap().display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
    out.sort();
    out
}

fn sqlite_url(dir: &Dir) -> String {
    format!("sqlite://{}", dir.0.join("samverkan.db").display())
}

#[test]
fn a_backup_taken_while_serving_restores_the_same_protocols_and_files() {
    let (live, work) = (Dir::new("backup-live"), Dir::new("backup-work"));
    let o = run(&["--data-dir", &live.arg(), "demo"]);
    assert!(o.status.success(), "{}", text(&o));
    let server = Server::start({
        let mut c = bin();
        c.args(["--data-dir", &live.arg(), "serve", "--addr", "127.0.0.1:0"]);
        c
    });
    let backup = work.0.join("backup");
    let o = run(&["--data-dir", &live.arg(), "backup", "--to", &backup.display().to_string()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("Backup written to"), "{}", text(&o));
    assert_eq!(server.get("/healthz", &[]).status, 200, "the server ran on");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(backup.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["engine"], "sqlite");
    assert!(manifest["files"]["samverkan.db"].as_str().is_some_and(|s| s.len() == 64), "{manifest}");

    // Into a folder that does not exist yet.
    let restored = Dir(work.0.join("restored"));
    let o = run(&["--data-dir", &restored.arg(), "restore", "--from", &backup.display().to_string()]);
    assert!(o.status.success(), "{}", text(&o));
    let (before, after) = (protocols_and_files(&sqlite_url(&live)), protocols_and_files(&sqlite_url(&restored)));
    assert!(!before.0.is_empty(), "the demo has protocols");
    assert_eq!(before.0, after.0, "the protocols");
    let files = files_on_disk(&live.0);
    assert!(!files.is_empty(), "the demo has attachments");
    assert_eq!(files, files_on_disk(&restored.0), "the attachments, byte for byte");
    drop(server);

    // Nothing is overwritten: not a data directory with something in it, not a backup folder.
    let o = run(&["--data-dir", &restored.arg(), "restore", "--from", &backup.display().to_string()]);
    assert!(!o.status.success() && text(&o).contains("is not empty"), "{}", text(&o));
    let o = run(&["--data-dir", &live.arg(), "backup", "--to", &backup.display().to_string()]);
    assert!(!o.status.success() && text(&o).contains("is not empty"), "{}", text(&o));

    // A damaged backup is refused before anything is written.
    let (name, _) = &files[0];
    std::fs::write(backup.join("files").join(name), b"changed").unwrap();
    let third = work.0.join("third");
    let o = run(&["--data-dir", &third.display().to_string(), "restore", "--from", &backup.display().to_string()]);
    assert!(!o.status.success() && text(&o).contains("is damaged"), "{}", text(&o));
    assert!(!third.exists());
}

#[test]
fn on_postgresql_the_backup_is_a_pg_dump_that_restores_into_an_empty_database() {
    let Some(base) = postgres_or_skip("on_postgresql_the_backup_is_a_pg_dump_that_restores_into_an_empty_database")
    else {
        return;
    };
    let (from, into, work) = (PgDatabase::new(&base), PgDatabase::new(&base), Dir::new("pg-backup"));
    let o = run(&["--database-url", &from.url, "--data-dir", &work.arg(), "demo"]);
    assert!(o.status.success(), "{}", text(&o));
    let backup = work.0.join("backup").display().to_string();
    let o = run(&["--database-url", &from.url, "backup", "--to", &backup]);
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&["--database-url", &into.url, "restore", "--from", &backup]);
    assert!(o.status.success(), "{}", text(&o));
    let (before, after) = (protocols_and_files(&from.url), protocols_and_files(&into.url));
    assert!(!before.0.is_empty() && !before.1.is_empty());
    assert_eq!(before, after, "the protocols and the attachments' bytes");
    let o = run(&["--database-url", &into.url, "restore", "--from", &backup]);
    assert!(!o.status.success() && text(&o).contains("is not empty"), "{}", text(&o));
}
