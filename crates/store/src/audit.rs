//! The audit log: every write records who, when, what entity and what changed, in the same
//! transaction as the write itself.

use domain::ids::UserId;
use serde::Serialize;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use crate::query::{Arg, Filter, bind_all};
use crate::{Page, Result, Store, Tx, on_pool, on_tx};

/// How a write reached us.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    Session,
    Token,
    Cli,
    System,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Session => "session",
            Via::Token => "token",
            Via::Cli => "cli",
            Via::System => "system",
        }
    }
}

/// Who is writing: recorded with every change.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: Option<UserId>,
    /// The e-mail of the account, or a name such as "cli" or "demo".
    pub label: String,
    pub via: Via,
    pub address: Option<String>,
}

impl Actor {
    pub fn system(label: &str) -> Actor {
        Actor { user_id: None, label: label.to_string(), via: Via::System, address: None }
    }

    pub fn cli() -> Actor {
        Actor { user_id: None, label: "cli".into(), via: Via::Cli, address: None }
    }
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct AuditEvent {
    pub id: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub actor_id: Option<i64>,
    pub actor: String,
    pub via: String,
    pub address: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    #[sqlx(skip)]
    pub changes: Value,
    #[serde(skip)]
    #[sqlx(rename = "changes")]
    pub changes_text: String,
}

/// What changed between two JSON objects: `{"field": {"from": …, "to": …}}` for each field that
/// differs (a creation has only `to`, a deletion only `from`).
pub fn diff(before: Option<&Value>, after: Option<&Value>) -> Value {
    let empty = Map::new();
    let b = before.and_then(Value::as_object).unwrap_or(&empty);
    let a = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut out = Map::new();
    let keys: std::collections::BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    for k in keys {
        let (from, to) = (b.get(k), a.get(k));
        if from == to {
            continue;
        }
        let mut change = Map::new();
        if before.is_some() {
            change.insert("from".into(), from.cloned().unwrap_or(Value::Null));
        }
        if after.is_some() {
            change.insert("to".into(), to.cloned().unwrap_or(Value::Null));
        }
        out.insert(k.clone(), Value::Object(change));
    }
    Value::Object(out)
}

/// Records one event inside the caller's transaction, which then moves the data version when
/// it commits (cached public pages are rendered again).
pub async fn record(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    entity_type: &str,
    entity_id: Option<i64>,
    changes: Value,
) -> Result<()> {
    tx.changes_data = true;
    record_unseen(tx, actor, action, entity_type, entity_id, changes).await
}

/// Records the event of a write that changes nothing a public page shows — what background
/// work did (the messages a job wrote) — so the data version stays and the page cache keeps
/// serving while the work runs. A write that changes a page must use `record`.
pub async fn record_unseen(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    entity_type: &str,
    entity_id: Option<i64>,
    changes: Value,
) -> Result<()> {
    let changes = if changes.is_null() { json!({}) } else { changes };
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO audit_events (at, actor_id, actor, via, address, action, entity_type, entity_id, changes) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(tx.now)
    .bind(actor.user_id.map(|u| u.0))
    .bind(&actor.label)
    .bind(actor.via.as_str())
    .bind(&actor.address)
    .bind(action)
    .bind(entity_type)
    .bind(entity_id.map(|i| i.to_string()))
    .bind(changes.to_string())
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Filters of the audit log page and API.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub from: Option<OffsetDateTime>,
    pub to: Option<OffsetDateTime>,
    /// Show events with an id below this (newest first).
    pub before_id: Option<i64>,
}

impl Store {
    /// Newest first, `limit` at a time.
    pub async fn audit_events(&self, f: &AuditFilter, limit: usize) -> Result<Page<AuditEvent>> {
        let mut w = Filter::default();
        if let Some(v) = &f.entity_type {
            w.push("entity_type = ?", Arg::Text(v.clone()));
        }
        if let Some(v) = &f.entity_id {
            w.push("entity_id = ?", Arg::Text(v.clone()));
        }
        if let Some(v) = &f.actor {
            w.push("actor = ?", Arg::Text(v.to_lowercase()));
        }
        if let Some(v) = &f.action {
            w.push("action = ?", Arg::Text(v.clone()));
        }
        if let Some(id) = f.before_id {
            w.push("id < ?", Arg::Int(id));
        }
        if let Some(t) = f.from {
            w.push("at >= ?", Arg::Time(t));
        }
        if let Some(t) = f.to {
            w.push("at < ?", Arg::Time(t));
        }
        let sql = format!(
            "SELECT id, at, actor_id, actor, via, address, action, entity_type, entity_id, changes \
             FROM audit_events{} ORDER BY id DESC LIMIT {}",
            w.where_sql(),
            limit + 1
        );
        let rows: Vec<AuditEvent> = on_pool!(&self.pool, |p| bind_all!(
            sqlx::query_as::<_, AuditEvent>(sqlx::AssertSqlSafe(sql.as_str())),
            &w.args
        )
        .fetch_all(p)
        .await)?;
        let mut items = rows;
        for r in &mut items {
            r.changes = serde_json::from_str(&r.changes_text).unwrap_or(Value::Null);
        }
        let next_cursor = if items.len() > limit {
            items.truncate(limit);
            items.last().map(|e| e.id.to_string())
        } else {
            None
        };
        Ok(Page { items, next_cursor })
    }
}

impl Store {
    /// Names for the records audit events are about, so that the log reads in words: an
    /// organisation's, person's, body's or account's name, a meeting as "body date". Records
    /// since deleted are simply missing.
    pub async fn audit_labels(
        &self,
        refs: &[(String, i64)],
    ) -> Result<std::collections::HashMap<(String, i64), String>> {
        let mut out = std::collections::HashMap::new();
        for (kind, sql) in [
            ("organisation", "SELECT id, name FROM organisations WHERE id IN"),
            ("person", "SELECT id, name FROM people WHERE id IN"),
            ("body", "SELECT id, name FROM bodies WHERE id IN"),
            ("user", "SELECT id, name FROM users WHERE id IN"),
            (
                "meeting",
                "SELECT m.id, b.name || ' ' || CAST(m.date AS TEXT) FROM meetings m \
                 JOIN bodies b ON b.id = m.body_id WHERE m.id IN",
            ),
            (
                "case",
                "SELECT id, prefix || ' ' || CAST(year AS TEXT) || '/' || CAST(seq AS TEXT) FROM cases WHERE id IN",
            ),
            ("referral", "SELECT id, title FROM referrals WHERE id IN"),
            ("process", "SELECT id, title FROM processes WHERE id IN"),
            ("survey", "SELECT id, title FROM surveys WHERE id IN"),
        ] {
            let ids: Vec<String> = refs.iter().filter(|(k, _)| k == kind).map(|(_, id)| id.to_string()).collect();
            if ids.is_empty() {
                continue;
            }
            // The ids are integers formatted here, never text from outside.
            let sql = format!("{sql} ({})", ids.join(", "));
            let rows: Vec<(i64, String)> =
                on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
            out.extend(rows.into_iter().map(|(id, name)| ((kind.to_string(), id), name)));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_names_only_what_changed() {
        let a = json!({"name": "Ydre", "code": "0512"});
        let b = json!({"name": "Ydre kommun", "code": "0512"});
        assert_eq!(diff(Some(&a), Some(&b)), json!({"name": {"from": "Ydre", "to": "Ydre kommun"}}));
        assert_eq!(diff(None, Some(&a)), json!({"code": {"to": "0512"}, "name": {"to": "Ydre"}}));
        assert_eq!(diff(Some(&a), None), json!({"code": {"from": "0512"}, "name": {"from": "Ydre"}}));
    }
}
