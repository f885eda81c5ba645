//! The data version: a counter that moves whenever a committed write may have changed what a
//! page shows, so that a cache of rendered pages can tell a fresh entry from a stale one
//! (ADR 21).
//!
//! Every write records an audit event in its transaction (`audit::record`), which marks the
//! transaction as changing data; when such a transaction commits, the writing process bumps its
//! counter at once, after the commit. On PostgreSQL the transaction also sends
//! `NOTIFY samverkan_version` before it commits (PostgreSQL delivers it on commit, and never for a
//! rolled-back transaction), and every process listens on that channel and bumps its own counter
//! when a notification arrives, when its listening connection is (re)established and when it is
//! lost. A counter is only ever compared with itself in one process: versions of two processes
//! mean nothing to each other.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use crate::{Pool, Store};

/// The PostgreSQL channel that carries "some data changed" between processes.
pub const CHANNEL: &str = "samverkan_version";

/// The counter of one process (shared by the clones of its `Store`).
#[derive(Debug)]
pub struct DataVersion {
    n: AtomicU64,
    /// Whether the listening task was started, and whether it is subscribed now.
    listening: AtomicBool,
    subscribed: AtomicBool,
    /// Sent with this process's notifications, so that it does not count its own writes twice.
    pub(crate) origin: String,
}

impl Default for DataVersion {
    fn default() -> Self {
        let mut b = [0u8; 8];
        let origin = match getrandom::fill(&mut b) {
            Ok(()) => b.iter().map(|x| format!("{x:02x}")).collect(),
            Err(_) => String::new(), // then every notification counts, its own too: harmless
        };
        DataVersion {
            n: AtomicU64::new(0),
            listening: AtomicBool::new(false),
            subscribed: AtomicBool::new(false),
            origin,
        }
    }
}

impl DataVersion {
    pub fn get(&self) -> u64 {
        self.n.load(Ordering::Acquire)
    }

    pub(crate) fn bump(&self) {
        self.n.fetch_add(1, Ordering::AcqRel);
    }
}

impl Store {
    /// The data version now: equal to an earlier reading only if no write this process knows
    /// of has committed in between.
    pub fn data_version(&self) -> u64 {
        self.version.get()
    }

    /// Whether other processes' writes reach this one: on SQLite always (one process writes),
    /// on PostgreSQL while the listening task is subscribed.
    pub fn hears_other_processes(&self) -> bool {
        matches!(self.pool, Pool::Sqlite(_)) || self.version.subscribed.load(Ordering::Acquire)
    }

    /// On PostgreSQL, starts (once per store and its clones) the task that listens for other
    /// processes' writes. Needs a Tokio runtime; without one, or on SQLite (one process), it
    /// does nothing.
    pub fn listen_for_changes(&self) {
        let Pool::Postgres(pool) = &self.pool else { return };
        let Ok(rt) = tokio::runtime::Handle::try_current() else { return };
        if self.version.listening.swap(true, Ordering::AcqRel) {
            return;
        }
        let weak = Arc::downgrade(&self.version);
        let pool = pool.clone();
        rt.spawn(async move {
            loop {
                if weak.strong_count() == 0 || pool.is_closed() {
                    return;
                }
                let mut listener = match sqlx::postgres::PgListener::connect_with(&pool).await {
                    Ok(l) => l,
                    Err(_) => {
                        tokio::time::sleep(Duration::from_secs(1)).await;
                        continue;
                    }
                };
                if listener.listen(CHANNEL).await.is_err() {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
                // What was written before we listened was not heard: count it as a change.
                subscribed(&weak, true);
                loop {
                    match listener.try_recv().await {
                        Ok(Some(n)) => {
                            // This process's own writes moved its version when they committed.
                            if weak.upgrade().is_some_and(|v| v.origin.is_empty() || n.payload() != v.origin) {
                                bump(&weak);
                            }
                        }
                        // The connection was lost, and what is sent until we listen again is lost
                        // to us: count it as a change, now and once we listen again.
                        Ok(None) | Err(_) => {
                            subscribed(&weak, false);
                            break;
                        }
                    }
                    if weak.strong_count() == 0 || pool.is_closed() {
                        return;
                    }
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }
}

/// Marks the subscription up or down; either way, what happened meanwhile is unknown.
fn subscribed(weak: &std::sync::Weak<DataVersion>, up: bool) {
    if let Some(v) = weak.upgrade() {
        v.subscribed.store(up, Ordering::Release);
        v.bump();
    }
}

fn bump(weak: &std::sync::Weak<DataVersion>) {
    if let Some(v) = weak.upgrade() {
        v.bump();
    }
}
