//! Importing memberships in bulk, all or nothing: from structured rows, and from a spreadsheet
//! whose people are found by name or created.

use domain::ids::{BodyId, PersonId};
use domain::structure::MembershipInput;
use serde_json::json;

use super::memberships::{insert_membership, membership_snapshot};
use crate::{Actor, Result, Store, StoreError, audit, exists, invalid_field, on_tx};

impl Store {
    /// Imports memberships all or nothing: one transaction, one audit event per row.
    pub async fn import_memberships(&self, body: BodyId, rows: &[MembershipInput], actor: &Actor) -> Result<usize> {
        let mut tx = self.begin().await?;
        if !exists(&mut tx, "bodies", body.0).await? {
            return Err(StoreError::NotFound);
        }
        for m in rows {
            let id = insert_membership(&mut tx, body, m).await?;
            let mut changes = audit::diff(None, Some(&membership_snapshot(m)));
            changes["body"] = json!({"to": body});
            audit::record(&mut tx, actor, "membership.import", "membership", Some(id), changes).await?;
        }
        for p in crate::search::body_people(&mut tx, body).await? {
            crate::search::refresh_person(&mut tx, p).await?;
        }
        tx.commit().await?;
        Ok(rows.len())
    }

    /// Imports spreadsheet rows all or nothing: each person is found by name within the
    /// organisation or created, each membership inserted and audited, in one transaction. A
    /// substitute's ordinary member must be found by name (in the file or among people).
    pub async fn import_members(
        &self,
        body: BodyId,
        rows: &[domain::structure::csv_import::ImportRow],
        actor: &Actor,
    ) -> Result<usize> {
        let mut tx = self.begin().await?;
        if !exists(&mut tx, "bodies", body.0).await? {
            return Err(StoreError::NotFound);
        }
        let t = tx.now;
        let mut people: Vec<(String, i64)> = Vec::new();
        for r in rows {
            let key = domain::text::search_key(&r.name);
            let found: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
                "SELECT id FROM people WHERE name_key = $1 AND organisation_id = $2 ORDER BY id LIMIT 1"
            )
            .bind(&key)
            .bind(r.organisation.0)
            .fetch_optional(c)
            .await)?;
            let pid = match found {
                Some(id) => id,
                None => {
                    let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
                        "INSERT INTO people (name, name_key, organisation_id, party, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id"
                    )
                    .bind(&r.name)
                    .bind(&key)
                    .bind(r.organisation.0)
                    .bind(&r.party)
                    .bind(t)
                    .fetch_one(c)
                    .await)?;
                    audit::record(
                        &mut tx,
                        actor,
                        "person.create",
                        "person",
                        Some(id),
                        json!({"name": {"to": r.name}, "party": {"to": r.party}}),
                    )
                    .await?;
                    id
                }
            };
            people.push((key, pid));
        }
        for (r, (_, pid)) in rows.iter().zip(&people) {
            let substitute_for = match &r.substitute_for {
                None => None,
                Some(name) => {
                    let key = domain::text::search_key(name);
                    let in_file = people.iter().find(|(k, _)| *k == key).map(|(_, id)| *id);
                    let known = match in_file {
                        Some(id) => Some(id),
                        None => on_tx!(&mut tx, |c| sqlx::query_scalar(
                            "SELECT id FROM people WHERE name_key = $1 ORDER BY id LIMIT 1"
                        )
                        .bind(&key)
                        .fetch_optional(c)
                        .await)?,
                    };
                    Some(known.ok_or_else(|| {
                        invalid_field(
                            &format!("rad {}: ersattare_for", r.line),
                            "unknown_person",
                            &format!("Rad {}: ingen person heter ”{name}”.", r.line),
                            &format!("Line {}: nobody is called “{name}”.", r.line),
                        )
                    })?)
                }
            };
            let m = MembershipInput {
                person: PersonId(*pid),
                organisation: r.organisation,
                role: r.role,
                side: r.side,
                start: r.start,
                end: r.end,
                substitute_for: substitute_for.map(PersonId),
            };
            let id = insert_membership(&mut tx, body, &m).await?;
            let mut changes = audit::diff(None, Some(&membership_snapshot(&m)));
            changes["body"] = json!({"to": body});
            audit::record(&mut tx, actor, "membership.import", "membership", Some(id), changes).await?;
        }
        for p in crate::search::body_people(&mut tx, body).await? {
            crate::search::refresh_person(&mut tx, p).await?;
        }
        tx.commit().await?;
        Ok(rows.len())
    }
}
