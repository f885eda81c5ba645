//! Content-addressed file storage for attachments: a file is named by the SHA-256 of its bytes,
//! so the same file uploaded twice is stored once, a name can never point at other content, and
//! writes need no locking.
//!
//! [`DiskStore`] keeps `root/ab/cdef…` (the first two hex digits as a folder, so no folder grows
//! past a few thousand entries at national scale). A file is written to a temporary name in its
//! final folder, flushed to disk and renamed into place, so readers see either nothing or the
//! whole file, even after a crash; two writers of the same bytes simply rename identical files.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

/// Where attachments' bytes live, by the hex SHA-256 of their content.
pub trait FileStore: Send + Sync {
    /// Stores `bytes` and returns their SHA-256 as 64 lowercase hex digits. Storing bytes that
    /// are already there changes nothing.
    fn put(&self, bytes: &[u8]) -> io::Result<String>;
    /// The bytes stored under `sha256`: `NotFound` if there are none, `InvalidInput` if
    /// `sha256` is not 64 lowercase hex digits, `InvalidData` if the stored bytes no longer
    /// match their hash.
    fn get(&self, sha256: &str) -> io::Result<Vec<u8>>;
    /// Whether bytes are stored under `sha256` (false for a malformed hash).
    fn exists(&self, sha256: &str) -> bool;
    /// Removes the bytes stored under `sha256`; removing what is not there changes nothing.
    /// The caller makes sure nothing refers to them (see `Store::remove_unused_file`).
    fn remove(&self, sha256: &str) -> io::Result<()>;
}

/// Files in a folder on local disk, usually `data_dir.join("files")`.
#[derive(Clone, Debug)]
pub struct DiskStore {
    root: PathBuf,
}

/// The SHA-256 of `bytes` as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(bytes).iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Whether `s` is a SHA-256 as this store names files: exactly 64 lowercase hex digits. Nothing
/// else reaches the file system, so no argument can name a path outside the store.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl DiskStore {
    /// A store under `root`; folders are made when the first file is stored.
    pub fn new(root: impl Into<PathBuf>) -> DiskStore {
        DiskStore { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path of the file for `sha256`, after checking that it is a well-formed hash.
    fn path_of(&self, sha256: &str) -> io::Result<PathBuf> {
        if !is_sha256_hex(sha256) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a SHA-256 (64 lowercase hex digits)"));
        }
        Ok(self.root.join(&sha256[..2]).join(&sha256[2..]))
    }
}

/// Makes temporary names unique within the process; the process id separates processes.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl FileStore for DiskStore {
    fn put(&self, bytes: &[u8]) -> io::Result<String> {
        let hash = sha256_hex(bytes);
        let path = self.path_of(&hash)?;
        if path.is_file() {
            return Ok(hash);
        }
        let dir = path.parent().expect("a hash path has a folder");
        fs::create_dir_all(dir)?;
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".tmp-{}-{n}-{}", std::process::id(), &hash[2..10]));
        let written = (|| {
            let mut f = OpenOptions::new().write(true).create_new(true).open(&temp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
            drop(f);
            // Atomic on POSIX, and replaces a file of the same bytes written meanwhile.
            fs::rename(&temp, &path)
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
        sync_dir(dir);
        Ok(hash)
    }

    fn get(&self, sha256: &str) -> io::Result<Vec<u8>> {
        let bytes = fs::read(self.path_of(sha256)?)?;
        if sha256_hex(&bytes) != sha256 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, format!("stored file {sha256} is damaged")));
        }
        Ok(bytes)
    }

    fn exists(&self, sha256: &str) -> bool {
        self.path_of(sha256).is_ok_and(|p| p.is_file())
    }

    fn remove(&self, sha256: &str) -> io::Result<()> {
        match fs::remove_file(self.path_of(sha256)?) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Files in the database's `file_bytes` table (ADR 22): what several `samverkan serve` processes on one
/// PostgreSQL database use, so that a file stored through one is served by all. Works on SQLite
/// too (the tests use it there), though the data directory's [`DiskStore`] is the default there.
///
/// The [`FileStore`] trait is synchronous (its callers run it on `spawn_blocking` threads), so each
/// call waits for its query with `block_in_place`: this needs tokio's multi-thread runtime, which
/// `samverkan` runs; on any other runtime it answers with an error instead of blocking.
#[derive(Clone, Debug)]
pub struct DbFileStore {
    store: crate::Store,
}

impl DbFileStore {
    pub fn new(store: crate::Store) -> DbFileStore {
        DbFileStore { store }
    }

    /// Runs `f` to completion from synchronous code inside the multi-thread runtime.
    fn wait<T>(&self, f: impl std::future::Future<Output = crate::Result<T>>) -> io::Result<T> {
        use tokio::runtime::{Handle, RuntimeFlavor};
        let handle =
            Handle::try_current().map_err(|_| io::Error::other("the database file store needs a tokio runtime"))?;
        if handle.runtime_flavor() != RuntimeFlavor::MultiThread {
            return Err(io::Error::other("the database file store needs tokio's multi-thread runtime"));
        }
        tokio::task::block_in_place(|| handle.block_on(f)).map_err(|e| io::Error::other(e.to_string()))
    }
}

fn check_hash(sha256: &str) -> io::Result<()> {
    if is_sha256_hex(sha256) {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::InvalidInput, "not a SHA-256 (64 lowercase hex digits)"))
    }
}

/// Records stored bytes in the `files` table in `tx` (nothing when they are recorded already):
/// the row every record that names a file by its digest refers to.
pub(crate) async fn record(tx: &mut crate::Tx, sha256: &str, size: i64, mime: &str) -> crate::Result<()> {
    let t = tx.now;
    crate::on_tx!(tx, |c| sqlx::query(
        "INSERT INTO files (sha256, size, mime, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING"
    )
    .bind(sha256)
    .bind(size)
    .bind(mime)
    .bind(t)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

impl crate::Store {
    /// Stores `bytes` in the `file_bytes` table under their SHA-256; storing them again changes
    /// nothing (`ON CONFLICT DO NOTHING`, so two processes storing the same file at once agree).
    pub async fn put_file(&self, bytes: &[u8]) -> crate::Result<String> {
        let hash = sha256_hex(bytes);
        let now = self.now();
        crate::on_pool!(&self.pool, |p| {
            sqlx::query(
            "INSERT INTO file_bytes (sha256, bytes, size, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING"
        )
        .bind(&hash)
        .bind(bytes)
        .bind(bytes.len() as i64)
        .bind(now)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        })?;
        Ok(hash)
    }

    /// The bytes stored in the `file_bytes` table under `sha256`, if any.
    pub async fn file_bytes(&self, sha256: &str) -> crate::Result<Option<Vec<u8>>> {
        Ok(crate::on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT bytes FROM file_bytes WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(p)
            .await)?)
    }

    /// Whether the `file_bytes` table holds `sha256`.
    pub async fn file_exists(&self, sha256: &str) -> crate::Result<bool> {
        let n: i64 =
            crate::on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM file_bytes WHERE sha256 = $1")
                .bind(sha256)
                .fetch_one(p)
                .await)?;
        Ok(n > 0)
    }

    /// Removes `sha256` from the `file_bytes` table; removing what is not there changes nothing.
    pub async fn delete_file(&self, sha256: &str) -> crate::Result<()> {
        crate::on_pool!(&self.pool, |p| sqlx::query("DELETE FROM file_bytes WHERE sha256 = $1")
            .bind(sha256)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }
}

impl FileStore for DbFileStore {
    fn put(&self, bytes: &[u8]) -> io::Result<String> {
        self.wait(self.store.put_file(bytes))
    }

    fn get(&self, sha256: &str) -> io::Result<Vec<u8>> {
        check_hash(sha256)?;
        let bytes = self
            .wait(self.store.file_bytes(sha256))?
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("no stored file {sha256}")))?;
        if sha256_hex(&bytes) != sha256 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, format!("stored file {sha256} is damaged")));
        }
        Ok(bytes)
    }

    fn exists(&self, sha256: &str) -> bool {
        is_sha256_hex(sha256) && self.wait(self.store.file_exists(sha256)).unwrap_or(false)
    }

    fn remove(&self, sha256: &str) -> io::Result<()> {
        check_hash(sha256)?;
        self.wait(self.store.delete_file(sha256))
    }
}

/// Flushes a folder's entries, so a rename survives a crash (POSIX; a no-op elsewhere). The
/// file is already whole on disk, so a failure here is not worth failing the upload for.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// A fresh folder under the system's temp dir, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(label: &str) -> TempDir {
            static N: AtomicU64 = AtomicU64::new(0);
            let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
            let path = std::env::temp_dir().join(format!(
                "samverkan-files-{label}-{}-{nanos}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// Every file under `dir`, relative, sorted.
    fn files(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for top in fs::read_dir(dir).unwrap() {
            let top = top.unwrap().path();
            for f in fs::read_dir(&top).unwrap() {
                out.push(f.unwrap().path().strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
        out.sort();
        out
    }

    #[test]
    fn a_removed_file_is_gone_and_removing_it_again_changes_nothing() {
        let dir = TempDir::new("remove");
        let store = DiskStore::new(dir.0.join("files"));
        let hash = store.put(b"bilaga").unwrap();
        store.remove(&hash).unwrap();
        assert!(!store.exists(&hash));
        store.remove(&hash).unwrap();
        assert_eq!(store.remove("../x").unwrap_err().kind(), io::ErrorKind::InvalidInput);
    }

    #[test]
    fn hashes_are_sha256_hex() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(is_sha256_hex(&sha256_hex(b"x")));
    }

    #[test]
    fn only_64_lowercase_hex_digits_are_hashes() {
        let good = sha256_hex(b"abc");
        assert!(is_sha256_hex(&good));
        for bad in [
            String::new(),
            good[..63].to_string(),
            format!("{good}0"),
            good.to_uppercase(),
            format!("../{}", &good[3..]),
            format!("{}/..", &good[..61]),
            format!("{}g", &good[..63]),
            format!("{}\0", &good[..63]),
            format!("{}é", &good[..62]),
            format!("/{}", &good[1..]),
        ] {
            assert!(!is_sha256_hex(&bad), "{bad:?}");
        }
    }

    #[test]
    fn put_then_get_by_hash_in_a_two_digit_folder() {
        let dir = TempDir::new("roundtrip");
        let store = DiskStore::new(dir.0.join("files"));
        let bytes = "Protokoll från mötet, åäö".as_bytes();
        let hash = store.put(bytes).unwrap();
        assert_eq!(hash, sha256_hex(bytes));
        assert!(store.exists(&hash));
        assert_eq!(store.get(&hash).unwrap(), bytes);
        assert_eq!(files(store.root()), [format!("{}/{}", &hash[..2], &hash[2..])]);
        let empty = store.put(b"").unwrap();
        assert_eq!(store.get(&empty).unwrap(), b"");
    }

    #[test]
    fn putting_the_same_bytes_twice_is_a_no_op() {
        let dir = TempDir::new("twice");
        let store = DiskStore::new(&dir.0);
        let a = store.put(b"samma").unwrap();
        let b = store.put(b"samma").unwrap();
        assert_eq!(a, b);
        assert_eq!(files(&dir.0).len(), 1);
        let c = store.put(b"annan").unwrap();
        assert_ne!(a, c);
        assert_eq!(files(&dir.0).len(), 2);
    }

    #[test]
    fn concurrent_puts_of_the_same_bytes_agree_and_leave_no_temporary_files() {
        let dir = TempDir::new("concurrent");
        let store = Arc::new(DiskStore::new(&dir.0));
        let bytes: Arc<Vec<u8>> = Arc::new((0..200_000u32).map(|i| (i % 251) as u8).collect());
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (store, bytes) = (Arc::clone(&store), Arc::clone(&bytes));
                std::thread::spawn(move || store.put(&bytes).unwrap())
            })
            .collect();
        let hashes: Vec<String> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        assert!(hashes.iter().all(|h| *h == hashes[0]));
        assert_eq!(files(&dir.0), [format!("{}/{}", &hashes[0][..2], &hashes[0][2..])]);
        assert_eq!(store.get(&hashes[0]).unwrap(), *bytes);
    }

    #[test]
    fn missing_files_are_not_found() {
        let dir = TempDir::new("missing");
        let store = DiskStore::new(&dir.0);
        let hash = sha256_hex(b"aldrig lagrad");
        assert!(!store.exists(&hash));
        assert_eq!(store.get(&hash).unwrap_err().kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn malformed_hashes_never_reach_the_file_system() {
        let dir = TempDir::new("traversal");
        let outside = dir.0.join("secret");
        fs::write(&outside, b"hemligt").unwrap();
        let store = DiskStore::new(dir.0.join("files"));
        for bad in ["../secret", "..", "", "/etc/passwd", "ab/../../secret", &"A".repeat(64), &"a".repeat(63)] {
            assert!(!store.exists(bad), "{bad}");
            assert_eq!(store.get(bad).unwrap_err().kind(), io::ErrorKind::InvalidInput, "{bad}");
        }
        assert!(!store.root().exists(), "nothing was created");
    }

    #[test]
    fn damaged_files_are_reported_not_served() {
        let dir = TempDir::new("damaged");
        let store = DiskStore::new(&dir.0);
        let hash = store.put(b"original").unwrap();
        fs::write(dir.0.join(&hash[..2]).join(&hash[2..]), b"changed").unwrap();
        assert_eq!(store.get(&hash).unwrap_err().kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = TempDir::new("failed");
        // The store's root is a file, so its folders cannot be made.
        let root = dir.0.join("not-a-folder");
        fs::write(&root, b"").unwrap();
        let store = DiskStore::new(&root);
        assert!(store.put(b"x").is_err());
        assert_eq!(fs::read(&root).unwrap(), b"");
    }

    /// The database store on a fresh SQLite file (the same SQL runs on PostgreSQL; the process
    /// test in `crates/samverkan/tests/suite/scale_out.rs` uses it there).
    async fn db_store(dir: &TempDir) -> DbFileStore {
        let store = crate::Store::connect(&format!("sqlite://{}", dir.0.join("t.db").display())).await.unwrap();
        store.migrate().await.unwrap();
        DbFileStore::new(store)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_database_store_keeps_files_by_digest_once() {
        let dir = TempDir::new("db");
        let files = db_store(&dir).await;
        let bytes = "Bilaga 1, åäö".as_bytes();
        let hash = files.put(bytes).unwrap();
        assert_eq!(hash, sha256_hex(bytes));
        assert_eq!(files.put(bytes).unwrap(), hash, "idempotent by digest");
        assert!(files.exists(&hash));
        assert_eq!(files.get(&hash).unwrap(), bytes);
        let n: i64 = crate::on_pool!(&files.store.pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM file_bytes")
            .fetch_one(p)
            .await
            .unwrap());
        assert_eq!(n, 1);
        let missing = sha256_hex(b"aldrig");
        assert_eq!(files.get(&missing).unwrap_err().kind(), io::ErrorKind::NotFound);
        assert_eq!(files.get("../x").unwrap_err().kind(), io::ErrorKind::InvalidInput);
        assert!(!files.exists("../x"));
        files.remove(&hash).unwrap();
        files.remove(&hash).unwrap();
        assert!(!files.exists(&hash));
        // Damaged bytes are reported, not served.
        let h = files.put(b"original").unwrap();
        crate::on_pool!(&files.store.pool, |p| sqlx::query("UPDATE file_bytes SET bytes = $1")
            .bind(b"changed".as_slice())
            .execute(p)
            .await
            .unwrap()
            .rows_affected());
        assert_eq!(files.get(&h).unwrap_err().kind(), io::ErrorKind::InvalidData);
    }

    #[tokio::test]
    async fn the_database_store_refuses_a_runtime_it_would_block() {
        let dir = TempDir::new("db-current");
        let files = db_store(&dir).await;
        assert!(files.put(b"x").unwrap_err().to_string().contains("multi-thread"));
    }

    #[test]
    fn the_store_is_usable_as_a_trait_object() {
        let dir = TempDir::new("dyn");
        let store: Box<dyn FileStore> = Box::new(DiskStore::new(&dir.0));
        let hash = store.put(b"dyn").unwrap();
        assert_eq!(store.get(&hash).unwrap(), b"dyn");
    }
}
