//! Memberships: who sits in a body for which organisation, in what role and side, over time;
//! listing, reading and writing them one at a time.

use domain::ids::{BodyId, MembershipId, OrganisationId, PersonId};
use domain::organisations::OrganisationKind;
use domain::structure::{MembershipFacts, MembershipInput, MembershipRole, OrganisationFacts, Side, Term};
use serde::Serialize;
use serde_json::{Value, json};
use time::{Date, OffsetDateTime};

use crate::accounts::{remember, remembered};
use crate::query::{Arg, Filter, bind_all};
use crate::{Actor, Result, Store, StoreError, Tx, audit, exists, must_exist, on_pool, on_tx};

/// A membership with the names a list shows.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Membership {
    pub id: i64,
    pub body_id: i64,
    pub body_name: String,
    pub person_id: i64,
    pub person_name: String,
    pub party: Option<String>,
    pub organisation_id: i64,
    pub organisation_name: String,
    #[serde(skip)]
    pub organisation_kind: String,
    #[serde(skip)]
    pub organisation_code: Option<String>,
    #[serde(skip)]
    pub organisation_county: Option<String>,
    pub role: String,
    pub side: String,
    pub substitute_for: Option<i64>,
    pub substitute_for_name: Option<String>,
    #[serde(with = "domain::dates::ymd")]
    pub start_date: Date,
    #[serde(with = "domain::dates::ymd::option")]
    pub end_date: Option<Date>,
    pub term: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Membership {
    pub fn role(&self) -> MembershipRole {
        MembershipRole::parse(&self.role).unwrap_or(MembershipRole::Member)
    }

    pub fn side(&self) -> Side {
        Side::parse(&self.side).unwrap_or_default()
    }

    pub fn organisation_facts(&self) -> OrganisationFacts {
        OrganisationFacts {
            id: OrganisationId(self.organisation_id),
            name: self.organisation_name.clone(),
            kind: OrganisationKind::parse(&self.organisation_kind).unwrap_or_default(),
            code: self.organisation_code.clone(),
            county_code: self.organisation_county.clone(),
        }
    }

    pub fn facts(&self) -> MembershipFacts {
        MembershipFacts {
            person: PersonId(self.person_id),
            organisation: self.organisation_facts(),
            role: self.role(),
            side: self.side(),
            start: self.start_date,
            end: self.end_date,
            substitute_for: self.substitute_for.map(PersonId),
        }
    }

    pub fn is_active_at(&self, d: Date) -> bool {
        self.start_date <= d && self.end_date.is_none_or(|e| d <= e)
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

pub(super) fn membership_snapshot(m: &MembershipInput) -> Value {
    json!({
        "person": m.person, "organisation": m.organisation, "role": m.role.as_str(), "side": m.side.as_str(),
        "start": m.start.to_string(), "end": m.end.map(|d| d.to_string()), "substitute_for": m.substitute_for,
    })
}

pub(super) async fn insert_membership(tx: &mut Tx, body: BodyId, m: &MembershipInput) -> Result<i64> {
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
        Ok(on_pool!(&self.pool, |p| {
            let q = sqlx::query_as::<_, Membership>(sqlx::AssertSqlSafe(sql.as_str())).bind(body.0);
            let q = if let Some(d) = at { q.bind(d) } else { q };
            q.fetch_all(p).await
        })?)
    }

    /// Every assignment of a person, newest first.
    pub async fn person_memberships(&self, person: PersonId) -> Result<Vec<Membership>> {
        let sql = format!("{MEMBERSHIP_SELECT} WHERE m.person_id = $1 ORDER BY m.start_date DESC, b.name_key, m.id");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Membership>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(person.0)
            .fetch_all(p)
            .await)?)
    }

    pub async fn membership(&self, id: MembershipId) -> Result<Option<Membership>> {
        let sql = format!("{MEMBERSHIP_SELECT} WHERE m.id = $1");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Membership>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .fetch_optional(p)
            .await)?)
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
        Ok(on_pool!(&self.pool, |p| bind_all!(
            sqlx::query_as::<_, Membership>(sqlx::AssertSqlSafe(sql.as_str())),
            &w.args
        )
        .fetch_all(p)
        .await)?)
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
        tx.commit().await
    }
}
