//! `samverkan backup --to DIR` and `samverkan restore --from DIR` (ADR 23).
//!
//! On SQLite a backup is `VACUUM INTO` (a consistent copy of the database taken while the server
//! runs, in one read transaction) followed by the attachment files, which are named by their
//! content and never change, so every file the copied database refers to is there to copy. On
//! PostgreSQL the attachments are in the database (ADR 22), so `pg_dump` holds everything.
//! Either way `manifest.json` lists each file with its SHA-256, and restoring checks them all
//! before it writes anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use store::{Engine, Store};

/// The manifest's name in a backup folder.
const MANIFEST: &str = "manifest.json";
/// The SQLite database's name in a backup folder and in a data directory.
const SQLITE_DB: &str = "samverkan.db";
/// The PostgreSQL dump's name in a backup folder (`pg_dump --format=custom`).
const PG_DUMP: &str = "samverkan.pgdump";
/// The manifest's format; a restore refuses any other.
const FORMAT: &str = "samverkan-backup/1";

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: String,
    /// The version of the program that wrote it.
    version: String,
    /// "sqlite" or "postgres".
    engine: String,
    /// When it was taken, by the store's clock (RFC 3339).
    created_at: String,
    /// The newest schema migration applied to the copied database.
    schema_version: i64,
    /// Every file of the backup (paths relative to its folder, with `/`) and its SHA-256.
    files: BTreeMap<String, String>,
}

/// Refuses a folder that exists and holds anything: nothing is ever overwritten.
fn require_empty(dir: &Path, what: &str) -> Result<()> {
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        bail!("{what} {} is not empty; give a new or empty folder", dir.display());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {what} {}", dir.display()))
}

/// Every regular file under `root`, relative, with `/` between parts, sorted.
fn files_under(root: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries {
            let e = e?;
            let path = e.path();
            let name = e.file_name();
            if name.to_string_lossy().starts_with(".tmp-") {
                continue; // a write in progress (DiskStore); its file is not referred to yet
            }
            if e.file_type()?.is_dir() {
                stack.push(path);
            } else if e.file_type()?.is_file() {
                let rel = path.strip_prefix(root).expect("under root");
                out.push(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn sha256_of(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(store::files::sha256_hex(&bytes))
}

fn pg_tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

/// Writes a backup of the open database (and on SQLite the data directory's files) into `to`.
pub async fn backup(store: &Store, data_dir: &Path, database_url: Option<&str>, to: &Path) -> Result<()> {
    require_empty(to, "the backup folder")?;
    let schema_version = store.schema_version().await?;
    let created_at = store.now().format(&time::format_description::well_known::Rfc3339)?;
    let mut files = BTreeMap::new();
    let engine = match store.engine() {
        Engine::Sqlite => {
            let target = to.join(SQLITE_DB);
            store.copy_sqlite_into(&target).await.context("copying the SQLite database (VACUUM INTO)")?;
            files.insert(SQLITE_DB.to_string(), sha256_of(&target)?);
            // After the database: every file it refers to was stored before it was referred to.
            let source = data_dir.join("files");
            for rel in files_under(&source)? {
                let (from, dest) = (source.join(&rel), to.join("files").join(&rel));
                std::fs::create_dir_all(dest.parent().expect("a file has a folder"))?;
                std::fs::copy(&from, &dest).with_context(|| format!("cannot copy {}", from.display()))?;
                files.insert(format!("files/{rel}"), sha256_of(&dest)?);
            }
            "sqlite"
        }
        Engine::Postgres => {
            let url = database_url.context("the database URL is needed for pg_dump")?;
            let dump = to.join(PG_DUMP);
            let Some(pg_dump) = pg_tool("pg_dump") else {
                let _ = std::fs::remove_dir(to);
                bail!(
                    "pg_dump is not installed here (Debian: apt-get install postgresql-client). Take the backup with\n  \
                     pg_dump --format=custom --file {} --dbname '{}'\n\
                     The attachments are in the database, so the dump holds everything.",
                    dump.display(),
                    store::redact(url)
                );
            };
            let status = Command::new(pg_dump)
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(&dump)
                .arg("--dbname")
                .arg(url)
                .status()
                .context("cannot run pg_dump")?;
            if !status.success() {
                bail!("pg_dump failed ({status})");
            }
            files.insert(PG_DUMP.to_string(), sha256_of(&dump)?);
            "postgres"
        }
    };
    let n = files.len();
    let manifest = Manifest {
        format: FORMAT.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        engine: engine.into(),
        created_at,
        schema_version,
        files,
    };
    std::fs::write(to.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)?;
    println!("Backup written to {} ({engine}, {n} files, schema version {schema_version}).", to.display());
    Ok(())
}

/// Reads the manifest in `from` and checks every file it lists against its SHA-256.
fn verified(from: &Path) -> Result<Manifest> {
    let text = std::fs::read(from.join(MANIFEST))
        .with_context(|| format!("{} has no {MANIFEST}: is it a Samverkan backup?", from.display()))?;
    let m: Manifest = serde_json::from_slice(&text).context("the backup's manifest is damaged")?;
    if m.format != FORMAT {
        bail!("the backup has format {}, this program reads {FORMAT}", m.format);
    }
    for (rel, sha) in &m.files {
        if rel.split('/').any(|part| part.is_empty() || part == "." || part == "..") {
            bail!("the manifest names a file outside the backup: {rel}");
        }
        let actual = sha256_of(&from.join(rel))?;
        if &actual != sha {
            bail!("{rel} in the backup is damaged: its SHA-256 is {actual}, the manifest says {sha}");
        }
    }
    Ok(m)
}

/// Restores the backup in `from` into an empty data directory (SQLite) or an empty database.
pub async fn restore(data_dir: &Path, database_url: Option<&str>, from: &Path) -> Result<()> {
    let m = verified(from)?;
    match (m.engine.as_str(), database_url) {
        ("sqlite", None) => {
            require_empty(data_dir, "the data directory")?;
            for rel in m.files.keys() {
                let dest = data_dir.join(rel);
                std::fs::create_dir_all(dest.parent().expect("a file has a folder"))?;
                std::fs::copy(from.join(rel), &dest).with_context(|| format!("cannot write {}", dest.display()))?;
            }
            // Checked again where it landed, so a bad disk is noticed now and not at the next read.
            for (rel, sha) in &m.files {
                if &sha256_of(&data_dir.join(rel))? != sha {
                    bail!("{rel} was not written intact into {}", data_dir.display());
                }
            }
            println!("Restored the backup of {} ({} files) into {}.", m.created_at, m.files.len(), data_dir.display());
            Ok(())
        }
        ("postgres", Some(url)) if url.starts_with("postgres") => {
            let dump = from.join(PG_DUMP);
            let store = Store::connect(url).await?;
            let empty = store.is_empty_database().await?;
            store.close().await;
            if !empty {
                bail!("the database {} is not empty; restore into a new, empty database", store::redact(url));
            }
            let Some(pg_restore) = pg_tool("pg_restore") else {
                bail!(
                    "pg_restore is not installed here (Debian: apt-get install postgresql-client). Restore with\n  \
                     pg_restore --no-owner --exit-on-error --dbname '{}' {}",
                    store::redact(url),
                    dump.display()
                );
            };
            let status = Command::new(pg_restore)
                .args(["--no-owner", "--exit-on-error", "--dbname"])
                .arg(url)
                .arg(&dump)
                .status()
                .context("cannot run pg_restore")?;
            if !status.success() {
                bail!("pg_restore failed ({status})");
            }
            println!("Restored the backup of {} into {}.", m.created_at, store::redact(url));
            Ok(())
        }
        ("sqlite", Some(_)) => {
            bail!(
                "this is a backup of an SQLite installation: restore it into a data directory (--data-dir), without --database-url"
            )
        }
        (_, _) => bail!("this is a backup of a PostgreSQL installation: give the empty database with --database-url"),
    }
}
