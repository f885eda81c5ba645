//! Applying an import: exactly the plan the dry run showed, in one transaction, or nothing.

use domain::directory::{Entry, Plan, Who};
use domain::ids::PersonId;
use domain::structure::MembershipInput;
use serde_json::json;

use super::{Counts, fingerprint, register};
use crate::structure::memberships::{insert_membership, membership_snapshot};
use crate::{Actor, Result, Store, StoreError, Tx, audit, on_tx};

/// What an apply did; `repeated` when the same plan had been applied already (a retry), whose
/// counts are then the first apply's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub id: i64,
    pub counts: Counts,
    pub repeated: bool,
}

impl Store {
    /// Applies the import of `entries` when its plan, computed again now, has the fingerprint
    /// the dry run showed; otherwise the register changed since and the caller must show a new
    /// dry run (`Conflict("fingerprint")`). Every change is audited, and the import with its
    /// counts; any failure leaves the register as it was.
    pub async fn apply_directory(&self, entries: &[Entry], expected: &str, actor: &Actor) -> Result<Applied> {
        let today = self.today();
        let mut tx = self.begin().await?;
        // One import at a time (SQLite's BEGIN IMMEDIATE already queues writers).
        if let crate::TxConn::Postgres(t) = &mut tx.conn {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('directory_import', 0))")
                .execute(&mut **t)
                .await?;
        }
        let done: Option<(i64, String)> =
            on_tx!(&mut tx, |c| sqlx::query_as("SELECT id, counts FROM directory_imports WHERE fingerprint = $1")
                .bind(expected)
                .fetch_optional(c)
                .await)?;
        if let Some((id, counts)) = done {
            return Ok(Applied { id, counts: serde_json::from_str(&counts).unwrap_or_default(), repeated: true });
        }
        let (people, held) = register(&mut tx, today).await?;
        let plan = domain::directory::plan(entries, &people, &held, today);
        if fingerprint(&plan) != expected {
            return Err(StoreError::Conflict("fingerprint"));
        }
        perform(&mut tx, &plan, actor).await?;
        let counts = Counts::of(&plan);
        let now = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO directory_imports (fingerprint, counts, actor, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
        )
        .bind(expected)
        .bind(serde_json::to_string(&counts).unwrap_or_default())
        .bind(&actor.label)
        .bind(now)
        .fetch_one(c)
        .await
        })?;
        audit::record(&mut tx, actor, "directory.import", "directory_import", Some(id), json!(counts)).await?;
        tx.commit().await?;
        Ok(Applied { id, counts, repeated: false })
    }
}

/// The plan's writes, each audited like the hand-made change it stands for.
async fn perform(tx: &mut Tx, plan: &Plan, actor: &Actor) -> Result<()> {
    let t = tx.now;
    let mut touched: Vec<PersonId> = Vec::new();
    let mut added: Vec<(&str, PersonId)> = Vec::new();
    for n in &plan.add {
        let f = &n.fields;
        let id: i64 = on_tx!(tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO people (name, name_key, title, organisation_id, email, external_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id"
        )
        .bind(&f.name)
        .bind(domain::text::search_key(&f.name))
        .bind(&f.title)
        .bind(f.organisation.0)
        .bind(&f.email)
        .bind(&f.external_id)
        .bind(t)
        .fetch_one(c)
        .await
        })
        .map_err(StoreError::unique("external_id"))?;
        audit::record(tx, actor, "person.create", "person", Some(id), audit::diff(None, Some(&json!(f)))).await?;
        added.push((f.external_id.as_str(), PersonId(id)));
        touched.push(PersonId(id));
    }
    for u in &plan.update {
        let f = &u.after;
        on_tx!(tx, |c| sqlx::query(
            "UPDATE people SET name = $1, name_key = $2, title = $3, organisation_id = $4, email = $5, \
             external_id = $6, updated_at = $7 WHERE id = $8"
        )
        .bind(&f.name)
        .bind(domain::text::search_key(&f.name))
        .bind(&f.title)
        .bind(f.organisation.0)
        .bind(&f.email)
        .bind(&f.external_id)
        .bind(t)
        .bind(u.id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(StoreError::unique("external_id"))?;
        let changes = audit::diff(Some(&json!(u.before)), Some(&json!(f)));
        audit::record(tx, actor, "person.update", "person", Some(u.id.0), changes).await?;
        touched.push(u.id);
    }
    for l in &plan.leave {
        on_tx!(tx, |c| sqlx::query("UPDATE memberships SET end_date = $1, updated_at = $2 WHERE id = $3")
            .bind(l.end)
            .bind(t)
            .bind(l.id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        let changes = json!({"end": {"to": l.end.to_string()}, "reason": l.reason, "via": "directory"});
        audit::record(tx, actor, "membership.update", "membership", Some(l.id.0), changes).await?;
        touched.push(l.person);
    }
    for j in &plan.join {
        let person = match &j.who {
            Who::Known(id) => *id,
            Who::New(ext) => added.iter().find(|(e, _)| e == ext).map(|(_, id)| *id).ok_or(StoreError::NotFound)?,
        };
        let m = MembershipInput {
            person,
            organisation: j.organisation,
            role: j.role,
            side: j.side,
            start: j.start,
            end: Some(j.end),
            substitute_for: None,
        };
        if !crate::exists(tx, "bodies", j.body.0).await? {
            return Err(crate::invalid_field(
                "organ",
                "unknown_body",
                &format!("Organet {} finns inte längre. Inget har sparats.", j.body),
                &format!("The body {} no longer exists. Nothing was saved.", j.body),
            ));
        }
        let id = insert_membership(tx, j.body, &m).await?;
        let mut changes = audit::diff(None, Some(&membership_snapshot(&m)));
        changes["body"] = json!({"to": j.body});
        audit::record(tx, actor, "membership.import", "membership", Some(id), changes).await?;
        touched.push(person);
    }
    touched.sort();
    touched.dedup();
    for p in touched {
        crate::search::refresh_person(tx, p).await?;
    }
    Ok(())
}
