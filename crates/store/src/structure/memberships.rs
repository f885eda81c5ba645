//! Memberships: who sits in a body for which organisation, in what role and side, over time;
//! listing, reading and writing them one at a time.

use domain::ids::{BodyId, MembershipId, OrganisationId, PersonId};
use domain::structure::{Membership, MembershipInput, Term};
use serde_json::{Value, json};
use time::{Date, OffsetDateTime};

use crate::accounts::{remember, remembered};
use crate::query::{Arg, Filter, bind_all, mapped};
use crate::{Actor, Result, Store, StoreError, Tx, audit, exists, must_exist, on_pool, on_tx};

/// A row of `memberships` with the names of what it links.
#[derive(sqlx::FromRow)]
pub(super) struct MembershipRow {
    id: i64,
    body_id: i64,
    body_name: String,
    person_id: i64,
    person_name: String,
    party: Option<String>,
    organisation_id: i64,
    organisation_name: String,
    organisation_kind: String,
    organisation_code: Option<String>,
    organisation_county: Option<String>,
    role: String,
    side: String,
    substitute_for: Option<i64>,
    substitute_for_name: Option<String>,
    start_date: Date,
    end_date: Option<Date>,
    term: String,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

impl From<MembershipRow> for Membership {
    fn from(r: MembershipRow) -> Self {
        Membership {
            id: r.id,
            body_id: r.body_id,
            body_name: r.body_name,
            person_id: r.person_id,
            person_name: r.person_name,
            party: r.party,
            organisation_id: r.organisation_id,
            organisation_name: r.organisation_name,
            organisation_kind: r.organisation_kind,
            organisation_code: r.organisation_code,
            organisation_county: r.organisation_county,
            role: r.role,
            side: r.side,
            substitute_for: r.substitute_for,
            substitute_for_name: r.substitute_for_name,
            start_date: r.start_date,
            end_date: r.end_date,
            term: r.term,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

pub(super) const MEMBERSHIP_SELECT: &str = "SELECT m.id, m.body_id, b.name AS body_name, m.person_id, p.name AS person_name, \
    p.party, m.organisation_id, o.name AS organisation_name, o.kind AS organisation_kind, o.code AS organisation_code, \
    o.county_code AS organisation_county, m.role, m.side, m.substitute_for, s.name AS substitute_for_name, \
    m.start_date, m.end_date, m.term, m.created_at, m.updated_at \
    FROM memberships m JOIN bodies b ON b.id = m.body_id JOIN people p ON p.id = m.person_id \
    JOIN organisations o ON o.id = m.organisation_id LEFT JOIN people s ON s.id = m.substitute_for";

/// Order of a member list: chairs first, then members, substitutes, officials; by name.
const MEMBERSHIP_ORDER: &str = " ORDER BY CASE m.role WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'member' THEN 2 \
    WHEN 'substitute' THEN 3 ELSE 4 END, o.name_key, p.name_key, m.id";

async fn check_membership_links(tx: &mut Tx, m: &MembershipInput) -> Result<()> {
    must_exist(tx, "people", m.person.0, "person").await?;
    must_exist(tx, "organisations", m.organisation.0, "organisation").await?;
    if let Some(s) = m.substitute_for {
        must_exist(tx, "people", s.0, "substitute_for").await?;
    }
    Ok(())
}

pub(crate) fn membership_snapshot(m: &MembershipInput) -> Value {
    json!({
        "person": m.person, "organisation": m.organisation, "role": m.role.as_str(), "side": m.side.as_str(),
        "start": m.start.to_string(), "end": m.end.map(|d| d.to_string()), "substitute_for": m.substitute_for,
    })
}

pub(crate) async fn insert_membership(tx: &mut Tx, body: BodyId, m: &MembershipInput) -> Result<i64> {
    check_membership_links(tx, m).await?;
    let t = tx.now;
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO memberships (body_id, person_id, organisation_id, role, side, substitute_for, start_date, end_date, term, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id"
    )
    .bind(body.0)
    .bind(m.person.0)
    .bind(m.organisation.0)
    .bind(m.role.as_str())
    .bind(m.side.as_str())
    .bind(m.substitute_for.map(|p| p.0))
    .bind(m.start)
    .bind(m.end)
    .bind(Term::containing(m.start).to_string())
    .bind(t)
    .fetch_one(c)
    .await
    })?)
}

impl Store {
    /// A body's memberships: those active on `at`, or all (past, present and future) without it.
    pub async fn memberships(&self, body: BodyId, at: Option<Date>) -> Result<Vec<Membership>> {
        let mut sql = format!("{MEMBERSHIP_SELECT} WHERE m.body_id = $1");
        if at.is_some() {
            sql.push_str(" AND m.start_date <= $2 AND (m.end_date IS NULL OR m.end_date >= $2)");
        }
        sql.push_str(MEMBERSHIP_ORDER);
        Ok(mapped(on_pool!(&self.pool, |p| {
            let q = sqlx::query_as::<_, MembershipRow>(sqlx::AssertSqlSafe(sql.as_str())).bind(body.0);
            let q = if let Some(d) = at { q.bind(d) } else { q };
            q.fetch_all(p).await
        })?))
    }

    /// Every assignment of a person, newest first.
    pub async fn person_memberships(&self, person: PersonId) -> Result<Vec<Membership>> {
        let sql = format!("{MEMBERSHIP_SELECT} WHERE m.person_id = $1 ORDER BY m.start_date DESC, b.name_key, m.id");
        Ok(mapped(on_pool!(&self.pool, |p| sqlx::query_as::<_, MembershipRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(person.0)
            .fetch_all(p)
            .await)?))
    }

    /// Who represents an organisation in which body on a day, by body name.
    pub async fn organisation_memberships(&self, organisation: OrganisationId, at: Date) -> Result<Vec<Membership>> {
        let sql = format!(
            "{MEMBERSHIP_SELECT} WHERE m.organisation_id = $1 AND m.start_date <= $2 \
             AND (m.end_date IS NULL OR m.end_date >= $2) ORDER BY b.name_key, m.role, m.id"
        );
        Ok(mapped(on_pool!(&self.pool, |p| sqlx::query_as::<_, MembershipRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(organisation.0)
            .bind(at)
            .fetch_all(p)
            .await)?))
    }

    pub async fn membership(&self, id: MembershipId) -> Result<Option<Membership>> {
        let sql = format!("{MEMBERSHIP_SELECT} WHERE m.id = $1");
        let row = on_pool!(&self.pool, |p| sqlx::query_as::<_, MembershipRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Membership::from))
    }

    /// Memberships changed since `since`, after the keyset (`updated_at`, `id`), for open data.
    pub async fn memberships_modified(
        &self,
        since: Option<OffsetDateTime>,
        after: Option<(OffsetDateTime, i64)>,
        limit: usize,
    ) -> Result<Vec<Membership>> {
        let mut w = Filter::default();
        if let Some(s) = since {
            w.push("m.updated_at >= ?", Arg::Time(s));
        }
        if let Some((t, id)) = after {
            w.args.push(Arg::Time(t));
            w.args.push(Arg::Int(id));
            let (a, b) = (w.args.len() - 1, w.args.len());
            w.clauses.push(format!("(m.updated_at > ${a} OR (m.updated_at = ${a} AND m.id > ${b}))"));
        }
        let sql = format!("{MEMBERSHIP_SELECT}{} ORDER BY m.updated_at, m.id LIMIT {limit}", w.where_sql());
        Ok(mapped(on_pool!(&self.pool, |p| bind_all!(
            sqlx::query_as::<_, MembershipRow>(sqlx::AssertSqlSafe(sql.as_str())),
            &w.args
        )
        .fetch_all(p)
        .await)?))
    }

    pub async fn create_membership(
        &self,
        body: BodyId,
        m: &MembershipInput,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<MembershipId> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, idempotency_key, "membership").await? {
            return Ok(MembershipId(id));
        }
        if !exists(&mut tx, "bodies", body.0).await? {
            return Err(StoreError::NotFound);
        }
        let id = insert_membership(&mut tx, body, m).await?;
        remember(&mut tx, actor.user_id, idempotency_key, "membership", id).await?;
        let mut changes = audit::diff(None, Some(&membership_snapshot(m)));
        changes["body"] = json!({"to": body});
        audit::record(&mut tx, actor, "membership.create", "membership", Some(id), changes).await?;
        crate::search::refresh_person(&mut tx, m.person).await?;
        tx.commit().await?;
        Ok(MembershipId(id))
    }

    pub async fn update_membership(&self, id: MembershipId, m: &MembershipInput, actor: &Actor) -> Result<()> {
        let before = self.membership(id).await?.ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        check_membership_links(&mut tx, m).await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE memberships SET person_id = $1, organisation_id = $2, role = $3, side = $4, substitute_for = $5, \
             start_date = $6, end_date = $7, term = $8, updated_at = $9 WHERE id = $10"
        )
        .bind(m.person.0)
        .bind(m.organisation.0)
        .bind(m.role.as_str())
        .bind(m.side.as_str())
        .bind(m.substitute_for.map(|p| p.0))
        .bind(m.start)
        .bind(m.end)
        .bind(Term::containing(m.start).to_string())
        .bind(stamp)
        .bind(id.0)
        .execute(c)
        .await
        .map(|_| ()))?;
        let old = MembershipInput {
            person: PersonId(before.person_id),
            organisation: OrganisationId(before.organisation_id),
            role: before.role(),
            side: before.side(),
            start: before.start_date,
            end: before.end_date,
            substitute_for: before.substitute_for.map(PersonId),
        };
        let changes = audit::diff(Some(&membership_snapshot(&old)), Some(&membership_snapshot(m)));
        audit::record(&mut tx, actor, "membership.update", "membership", Some(id.0), changes).await?;
        crate::search::refresh_person(&mut tx, PersonId(before.person_id)).await?;
        crate::search::refresh_person(&mut tx, m.person).await?;
        tx.commit().await
    }

    pub async fn delete_membership(&self, id: MembershipId, actor: &Actor) -> Result<()> {
        let before = self.membership(id).await?.ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM memberships WHERE id = $1")
            .bind(id.0)
            .execute(c)
            .await
            .map(|_| ()))?;
        audit::record(
            &mut tx,
            actor,
            "membership.delete",
            "membership",
            Some(id.0),
            json!({"person": {"from": before.person_name}, "body": {"from": before.body_name}}),
        )
        .await?;
        crate::search::refresh_person(&mut tx, PersonId(before.person_id)).await?;
        tx.commit().await
    }
}
