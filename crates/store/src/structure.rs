//! The consultation structure: bodies, the organisations behind them, memberships over time,
//! meeting plans, work plans, and the snapshot the compliance report is computed from.

use std::collections::HashMap;

use domain::ids::{BodyId, MembershipId, OrganisationId, PersonId};
use domain::organisations::OrganisationKind;
use domain::structure::{
    BodyFacts, BodyInput, BodyKind, ComplianceInput, MembershipFacts, MembershipInput, MembershipRole,
    OrganisationFacts, Question, Report, Rule, Side, Term, WorkPlanFacts, WorkPlanInput, check_hierarchy, compliance,
};
use serde::Serialize;
use serde_json::{Value, json};
use time::{Date, OffsetDateTime};

use crate::accounts::{remember, remembered};
use crate::query::{Arg, Filter, bind_all, contains_pattern, page};
use crate::{Actor, Page, Result, Store, StoreError, Tx, audit, exists, invalid_field, must_exist, on_pool, on_tx};

pub use crate::named::Named;

#[derive(Clone, Debug, Serialize)]
pub struct Body {
    pub id: BodyId,
    pub name: String,
    pub kind: BodyKind,
    pub formal: bool,
    pub county_code: Option<String>,
    pub presidium_of: Option<BodyId>,
    pub superior_id: Option<BodyId>,
    pub prepares_for: Option<BodyId>,
    pub duties: Vec<String>,
    pub rules: Vec<Rule>,
    #[serde(with = "domain::dates::ymd::option")]
    pub start: Option<Date>,
    #[serde(with = "domain::dates::ymd::option")]
    pub end: Option<Date>,
    pub secretary: Option<Named>,
    pub organisations: Vec<Named>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Body {
    pub fn facts(&self) -> BodyFacts {
        BodyFacts {
            id: self.id,
            name: self.name.clone(),
            kind: self.kind,
            formal: self.formal,
            superior_id: self.superior_id,
            prepares_for: self.prepares_for,
        }
    }
}

#[derive(sqlx::FromRow)]
struct BodyRow {
    id: i64,
    name: String,
    name_key: String,
    kind: String,
    formal: bool,
    county_code: Option<String>,
    presidium_of: Option<i64>,
    superior_id: Option<i64>,
    prepares_for_id: Option<i64>,
    duties: String,
    rules: String,
    start_date: Option<Date>,
    end_date: Option<Date>,
    secretary_id: Option<i64>,
    secretary_name: Option<String>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

const BODY_SELECT: &str = "SELECT b.id, b.name, b.name_key, b.kind, b.formal, b.county_code, b.presidium_of, \
    b.superior_id, b.prepares_for_id, b.duties, b.rules, b.start_date, b.end_date, b.secretary_id, \
    s.name AS secretary_name, b.created_at, b.updated_at FROM bodies b LEFT JOIN people s ON s.id = b.secretary_id";

impl BodyRow {
    fn into_body(self, organisations: Vec<Named>) -> Body {
        Body {
            id: BodyId(self.id),
            name: self.name,
            kind: BodyKind::parse(&self.kind).unwrap_or(BodyKind::WorkingGroup),
            formal: self.formal,
            county_code: self.county_code,
            presidium_of: self.presidium_of.map(BodyId),
            superior_id: self.superior_id.map(BodyId),
            prepares_for: self.prepares_for_id.map(BodyId),
            duties: serde_json::from_str(&self.duties).unwrap_or_default(),
            rules: serde_json::from_str(&self.rules).unwrap_or_default(),
            start: self.start_date,
            end: self.end_date,
            secretary: self.secretary_id.zip(self.secretary_name).map(|(id, name)| Named { id, name }),
            organisations,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

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

const MEMBERSHIP_SELECT: &str = "SELECT m.id, m.body_id, b.name AS body_name, m.person_id, p.name AS person_name, \
    p.party, m.organisation_id, o.name AS organisation_name, o.kind AS organisation_kind, o.code AS organisation_code, \
    o.county_code AS organisation_county, m.role, m.side, m.substitute_for, s.name AS substitute_for_name, \
    m.start_date, m.end_date, m.term, m.created_at, m.updated_at \
    FROM memberships m JOIN bodies b ON b.id = m.body_id JOIN people p ON p.id = m.person_id \
    JOIN organisations o ON o.id = m.organisation_id LEFT JOIN people s ON s.id = m.substitute_for";

/// Order of a member list: chairs first, then members, substitutes, officials; by name.
const MEMBERSHIP_ORDER: &str = " ORDER BY CASE m.role WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'member' THEN 2 \
    WHEN 'substitute' THEN 3 ELSE 4 END, o.name_key, p.name_key, m.id";

#[derive(Clone, Debug, Serialize)]
pub struct WorkPlan {
    pub id: i64,
    pub version: i32,
    #[serde(with = "domain::dates::ymd")]
    pub decided_on: Date,
    pub covers_from: i32,
    pub covers_to: i32,
    pub questions: Vec<Question>,
    pub created_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct WorkPlanRow {
    id: i64,
    version: i32,
    decided_on: Date,
    covers_from: i32,
    covers_to: i32,
    questions: String,
    created_by: String,
    created_at: OffsetDateTime,
}

impl From<WorkPlanRow> for WorkPlan {
    fn from(r: WorkPlanRow) -> Self {
        WorkPlan {
            id: r.id,
            version: r.version,
            decided_on: r.decided_on,
            covers_from: r.covers_from,
            covers_to: r.covers_to,
            questions: serde_json::from_str(&r.questions).unwrap_or_default(),
            created_by: r.created_by,
            created_at: r.created_at,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct BodyFilter {
    pub kind: Option<BodyKind>,
    pub county_code: Option<String>,
    pub q: Option<String>,
}

fn body_snapshot(b: &BodyInput) -> Value {
    json!({
        "name": b.name, "kind": b.kind.as_str(), "formal": b.formal, "county_code": b.county_code,
        "presidium_of": b.presidium_of, "superior_id": b.superior_id, "prepares_for": b.prepares_for,
        "duties": b.duties, "start": b.start.map(|d| d.to_string()), "end": b.end.map(|d| d.to_string()),
        "secretary": b.secretary, "organisations": b.organisations,
    })
}

fn body_input_of(b: &Body) -> BodyInput {
    BodyInput {
        name: b.name.clone(),
        kind: b.kind,
        formal: b.formal,
        county_code: b.county_code.clone(),
        presidium_of: b.presidium_of,
        superior_id: b.superior_id,
        prepares_for: b.prepares_for,
        duties: b.duties.clone(),
        start: b.start,
        end: b.end,
        secretary: b.secretary.as_ref().map(|s| PersonId(s.id)),
        organisations: b.organisations.iter().map(|o| OrganisationId(o.id)).collect(),
    }
}

/// id, name, kind, formal, superior, prepares for: what the graph check reads of every body.
type GraphRow = (i64, String, String, bool, Option<i64>, Option<i64>);
/// id, name, kind, code, county: what the compliance rules read of an organisation.
type OrgFactsRow = (i64, String, String, Option<String>, Option<String>);

/// Links to bodies, people and organisations must point at real records, and the body graph
/// must stay free of cycles (rule 7: superior; rule 8: prepares for).
async fn check_body_links(tx: &mut Tx, id: Option<BodyId>, b: &BodyInput) -> Result<()> {
    for (field, link) in
        [("presidium_of", b.presidium_of), ("superior_id", b.superior_id), ("prepares_for", b.prepares_for)]
    {
        if let Some(l) = link
            && (Some(l) == id || !exists(tx, "bodies", l.0).await?)
        {
            return Err(invalid_field(
                field,
                "unknown_body",
                "Välj ett annat organ i listan.",
                "Choose another body from the list.",
            ));
        }
    }
    if let Some(s) = b.secretary {
        must_exist(tx, "people", s.0, "secretary").await?;
    }
    for o in &b.organisations {
        must_exist(tx, "organisations", o.0, "organisations").await?;
    }
    let rows: Vec<GraphRow> =
        on_tx!(tx, |c| sqlx::query_as("SELECT id, name, kind, formal, superior_id, prepares_for_id FROM bodies")
            .fetch_all(c)
            .await)?;
    let mut graph: Vec<BodyFacts> = rows
        .into_iter()
        .filter(|r| Some(BodyId(r.0)) != id)
        .map(|(i, name, kind, formal, sup, prep)| BodyFacts {
            id: BodyId(i),
            name,
            kind: BodyKind::parse(&kind).unwrap_or(BodyKind::WorkingGroup),
            formal,
            superior_id: sup.map(BodyId),
            prepares_for: prep.map(BodyId),
        })
        .collect();
    graph.push(BodyFacts {
        id: id.unwrap_or(BodyId(i64::MAX)),
        name: b.name.clone(),
        kind: b.kind,
        formal: b.formal,
        superior_id: b.superior_id,
        prepares_for: b.prepares_for,
    });
    check_hierarchy(&graph)?;
    Ok(())
}

async fn set_body_organisations(tx: &mut Tx, id: i64, orgs: &[OrganisationId]) -> Result<()> {
    on_tx!(tx, |c| sqlx::query("DELETE FROM body_organisations WHERE body_id = $1")
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))?;
    for o in orgs {
        on_tx!(tx, |c| sqlx::query("INSERT INTO body_organisations (body_id, organisation_id) VALUES ($1, $2)")
            .bind(id)
            .bind(o.0)
            .execute(c)
            .await
            .map(|_| ()))?;
    }
    Ok(())
}

async fn check_membership_links(tx: &mut Tx, m: &MembershipInput) -> Result<()> {
    must_exist(tx, "people", m.person.0, "person").await?;
    must_exist(tx, "organisations", m.organisation.0, "organisation").await?;
    if let Some(s) = m.substitute_for {
        must_exist(tx, "people", s.0, "substitute_for").await?;
    }
    Ok(())
}

fn membership_snapshot(m: &MembershipInput) -> Value {
    json!({
        "person": m.person, "organisation": m.organisation, "role": m.role.as_str(), "side": m.side.as_str(),
        "start": m.start.to_string(), "end": m.end.map(|d| d.to_string()), "substitute_for": m.substitute_for,
    })
}

async fn insert_membership(tx: &mut Tx, body: BodyId, m: &MembershipInput) -> Result<i64> {
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

/// Everything the compliance report of every body needs, loaded in a handful of queries.
pub struct Snapshot {
    pub bodies: Vec<Body>,
    /// Memberships active on the day, by body.
    pub memberships: HashMap<BodyId, Vec<MembershipFacts>>,
    pub organisations: Vec<OrganisationFacts>,
    /// Meetings planned in the day's year, by body.
    pub meetings_in_year: HashMap<BodyId, u32>,
    pub work_plans: HashMap<BodyId, WorkPlanFacts>,
    pub at: Date,
}

impl Snapshot {
    /// The compliance report of one body on the snapshot's day.
    pub fn report(&self, body: &Body) -> Report {
        let empty = Vec::new();
        let facts = body.facts();
        let presidium: Vec<MembershipFacts> = self
            .bodies
            .iter()
            .filter(|b| b.presidium_of == Some(body.id))
            .flat_map(|p| self.memberships.get(&p.id).unwrap_or(&empty).iter().cloned())
            .collect();
        compliance(
            &body.rules,
            &ComplianceInput {
                body: &facts,
                at: self.at,
                organisations: &self.organisations,
                memberships: self.memberships.get(&body.id).unwrap_or(&empty),
                presidium: &presidium,
                meetings_in_year: self.meetings_in_year.get(&body.id).copied().unwrap_or(0),
                work_plan: self.work_plans.get(&body.id),
            },
        )
    }
}

impl Store {
    pub async fn bodies(&self, f: &BodyFilter, cursor: Option<(String, i64)>, limit: usize) -> Result<Page<Body>> {
        let mut w = Filter::default();
        if let Some(k) = f.kind {
            w.push("b.kind = ?", Arg::Text(k.as_str().into()));
        }
        if let Some(c) = &f.county_code {
            w.push("b.county_code = ?", Arg::Text(c.clone()));
        }
        if let Some(q) = &f.q {
            w.push("b.name_key LIKE ? ESCAPE '\\'", Arg::Text(contains_pattern(q)));
        }
        w.after("b.name_key", "b.id", cursor);
        let sql = format!("{BODY_SELECT}{} ORDER BY b.name_key, b.id LIMIT {}", w.where_sql(), limit + 1);
        let rows: Vec<BodyRow> = on_pool!(&self.pool, |p| bind_all!(
            sqlx::query_as::<_, BodyRow>(sqlx::AssertSqlSafe(sql.as_str())),
            &w.args
        )
        .fetch_all(p)
        .await)?;
        let page = page(rows, limit, |r| (r.name_key.clone(), r.id));
        let ids: Vec<i64> = page.items.iter().map(|r| r.id).collect();
        let mut orgs = self.body_organisations(&ids).await?;
        let items = page.items.into_iter().map(|r| {
            let o = orgs.remove(&r.id).unwrap_or_default();
            r.into_body(o)
        });
        Ok(Page { items: items.collect(), next_cursor: page.next_cursor })
    }

    /// Every body, for charts, dashboards and select lists.
    pub async fn all_bodies(&self) -> Result<Vec<Body>> {
        let f = BodyFilter::default();
        crate::every_page(|c| self.bodies(&f, c, 500)).await
    }

    async fn body_organisations(&self, body_ids: &[i64]) -> Result<HashMap<i64, Vec<Named>>> {
        let mut out: HashMap<i64, Vec<Named>> = HashMap::new();
        if body_ids.is_empty() {
            return Ok(out);
        }
        let list = body_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let sql = format!(
            "SELECT bo.body_id, o.id, o.name FROM body_organisations bo JOIN organisations o ON o.id = bo.organisation_id \
             WHERE bo.body_id IN ({list}) ORDER BY o.name_key, o.id"
        );
        let rows: Vec<(i64, i64, String)> =
            on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
        for (b, id, name) in rows {
            out.entry(b).or_default().push(Named { id, name });
        }
        Ok(out)
    }

    pub async fn body(&self, id: BodyId) -> Result<Option<Body>> {
        let sql = format!("{BODY_SELECT} WHERE b.id = $1");
        let row = on_pool!(&self.pool, |p| sqlx::query_as::<_, BodyRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .fetch_optional(p)
            .await)?;
        let Some(row) = row else { return Ok(None) };
        let orgs = self.body_organisations(&[id.0]).await?.remove(&id.0).unwrap_or_default();
        Ok(Some(row.into_body(orgs)))
    }

    pub async fn create_body(
        &self,
        input: &BodyInput,
        rules: &[Rule],
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<BodyId> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, idempotency_key, "body").await? {
            return Ok(BodyId(id));
        }
        check_body_links(&mut tx, None, input).await?;
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO bodies (name, name_key, kind, formal, county_code, presidium_of, superior_id, prepares_for_id, duties, rules, \
             start_date, end_date, secretary_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id"
        )
        .bind(&input.name)
        .bind(domain::text::search_key(&input.name))
        .bind(input.kind.as_str())
        .bind(input.formal)
        .bind(&input.county_code)
        .bind(input.presidium_of.map(|b| b.0))
        .bind(input.superior_id.map(|b| b.0))
        .bind(input.prepares_for.map(|b| b.0))
        .bind(serde_json::to_string(&input.duties).unwrap_or_else(|_| "[]".into()))
        .bind(serde_json::to_string(rules).unwrap_or_else(|_| "[]".into()))
        .bind(input.start)
        .bind(input.end)
        .bind(input.secretary.map(|p| p.0))
        .bind(t)
        .fetch_one(c)
        .await
        })?;
        set_body_organisations(&mut tx, id, &input.organisations).await?;
        remember(&mut tx, actor.user_id, idempotency_key, "body", id).await?;
        let mut changes = audit::diff(None, Some(&body_snapshot(input)));
        changes["rules"] = json!({"to": rules});
        audit::record(&mut tx, actor, "body.create", "body", Some(id), changes).await?;
        tx.commit().await?;
        Ok(BodyId(id))
    }

    pub async fn update_body(&self, id: BodyId, input: &BodyInput, actor: &Actor) -> Result<()> {
        let before = self.body(id).await?.ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        check_body_links(&mut tx, Some(id), input).await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| {
            sqlx::query(
            "UPDATE bodies SET name = $1, name_key = $2, kind = $3, formal = $4, county_code = $5, presidium_of = $6, \
             superior_id = $7, prepares_for_id = $8, duties = $9, start_date = $10, end_date = $11, secretary_id = $12, \
             updated_at = $13 WHERE id = $14"
        )
        .bind(&input.name)
        .bind(domain::text::search_key(&input.name))
        .bind(input.kind.as_str())
        .bind(input.formal)
        .bind(&input.county_code)
        .bind(input.presidium_of.map(|b| b.0))
        .bind(input.superior_id.map(|b| b.0))
        .bind(input.prepares_for.map(|b| b.0))
        .bind(serde_json::to_string(&input.duties).unwrap_or_else(|_| "[]".into()))
        .bind(input.start)
        .bind(input.end)
        .bind(input.secretary.map(|p| p.0))
        .bind(stamp)
        .bind(id.0)
        .execute(c)
        .await
        .map(|_| ())
        })?;
        set_body_organisations(&mut tx, id.0, &input.organisations).await?;
        let changes = audit::diff(Some(&body_snapshot(&body_input_of(&before))), Some(&body_snapshot(input)));
        audit::record(&mut tx, actor, "body.update", "body", Some(id.0), changes).await?;
        tx.commit().await
    }

    /// Replaces a body's representation rules (validated by the caller with `Rule::validate`).
    pub async fn set_rules(&self, id: BodyId, rules: &[Rule], actor: &Actor) -> Result<()> {
        let before = self.body(id).await?.ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE bodies SET rules = $1, updated_at = $2 WHERE id = $3")
            .bind(serde_json::to_string(rules).unwrap_or_else(|_| "[]".into()))
            .bind(stamp)
            .bind(id.0)
            .execute(c)
            .await
            .map(|_| ()))?;
        audit::record(
            &mut tx,
            actor,
            "body.rules",
            "body",
            Some(id.0),
            json!({"rules": {"from": before.rules, "to": rules}}),
        )
        .await?;
        tx.commit().await
    }

    pub async fn delete_body(&self, id: BodyId, actor: &Actor) -> Result<()> {
        let before = self.body(id).await?.ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM bodies WHERE id = $1").bind(id.0).execute(c).await.map(|_| ()))?;
        audit::record(
            &mut tx,
            actor,
            "body.delete",
            "body",
            Some(id.0),
            audit::diff(Some(&body_snapshot(&body_input_of(&before))), None),
        )
        .await?;
        tx.commit().await
    }

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
        tx.commit().await?;
        Ok(rows.len())
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

    pub async fn work_plans(&self, body: BodyId) -> Result<Vec<WorkPlan>> {
        let rows: Vec<WorkPlanRow> = on_pool!(&self.pool, |p| {
            sqlx::query_as::<_, WorkPlanRow>(
            "SELECT id, version, decided_on, covers_from, covers_to, questions, created_by, created_at FROM work_plans \
             WHERE body_id = $1 ORDER BY version DESC"
        )
        .bind(body.0)
        .fetch_all(p)
        .await
        })?;
        Ok(rows.into_iter().map(WorkPlan::from).collect())
    }

    /// Adds a new version of a body's work plan; earlier versions stay as its history.
    pub async fn add_work_plan(&self, body: BodyId, w: &WorkPlanInput, actor: &Actor) -> Result<i32> {
        let mut tx = self.begin().await?;
        if !exists(&mut tx, "bodies", body.0).await? {
            return Err(StoreError::NotFound);
        }
        let latest: Option<i32> =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT MAX(version) FROM work_plans WHERE body_id = $1")
                .bind(body.0)
                .fetch_one(c)
                .await)?;
        let version = latest.unwrap_or(0) + 1;
        let stamp = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO work_plans (body_id, version, decided_on, covers_from, covers_to, questions, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
        )
        .bind(body.0)
        .bind(version)
        .bind(w.decided_on)
        .bind(w.covers_from)
        .bind(w.covers_to)
        .bind(serde_json::to_string(&w.questions).unwrap_or_else(|_| "[]".into()))
        .bind(&actor.label)
        .bind(stamp)
        .fetch_one(c)
        .await)
        .map_err(StoreError::unique("version"))?;
        audit::record(
            &mut tx,
            actor,
            "work_plan.create",
            "work_plan",
            Some(id),
            json!({
                "body": {"to": body}, "version": {"to": version}, "decided_on": {"to": w.decided_on.to_string()},
                "covers": {"to": format!("{}–{}", w.covers_from, w.covers_to)}, "questions": {"to": w.questions.len()},
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Whether the account's person is the body's secretary (named on the body, or by an active
    /// secretary membership): such a user manages the body's memberships and work plan.
    pub async fn is_body_secretary(&self, user: domain::ids::UserId, body: BodyId, today: Date) -> Result<bool> {
        let n: i64 = on_pool!(&self.pool, |p| {
            sqlx::query_scalar(
            "SELECT COUNT(*) FROM users u WHERE u.id = $1 AND u.person_id IS NOT NULL AND (\
               EXISTS (SELECT 1 FROM bodies b WHERE b.id = $2 AND b.secretary_id = u.person_id) OR \
               EXISTS (SELECT 1 FROM memberships m WHERE m.body_id = $2 AND m.person_id = u.person_id AND m.role = 'secretary' \
                       AND m.start_date <= $3 AND (m.end_date IS NULL OR m.end_date >= $3)))"
        )
        .bind(user.0)
        .bind(body.0)
        .bind(today)
        .fetch_one(p)
        .await
        })?;
        Ok(n > 0)
    }

    /// Links an account to the person it acts as (for per-body roles).
    pub async fn link_user_person(
        &self,
        user: domain::ids::UserId,
        person: Option<PersonId>,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        if let Some(p) = person {
            must_exist(&mut tx, "people", p.0, "person").await?;
        }
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE users SET person_id = $1, updated_at = $2 WHERE id = $3")
            .bind(person.map(|p| p.0))
            .bind(stamp)
            .bind(user.0)
            .execute(c)
            .await
            .map(|_| ()))?;
        audit::record(&mut tx, actor, "user.person", "user", Some(user.0), json!({"person": {"to": person}})).await?;
        tx.commit().await
    }

    /// Loads what the compliance of every body on `at` depends on.
    pub async fn snapshot(&self, at: Date) -> Result<Snapshot> {
        self.snapshot_of(at, None).await
    }

    /// Loads what one body's compliance on `at` depends on: its memberships and its presidiums'.
    pub async fn body_snapshot(&self, body: BodyId, at: Date) -> Result<Snapshot> {
        self.snapshot_of(at, Some(body)).await
    }

    async fn snapshot_of(&self, at: Date, only: Option<BodyId>) -> Result<Snapshot> {
        let bodies = self.all_bodies().await?;
        let mut sql =
            format!("{MEMBERSHIP_SELECT} WHERE m.start_date <= $1 AND (m.end_date IS NULL OR m.end_date >= $1)");
        if only.is_some() {
            sql.push_str(" AND (m.body_id = $2 OR b.presidium_of = $2)");
        }
        let rows: Vec<Membership> = on_pool!(&self.pool, |p| {
            let q = sqlx::query_as::<_, Membership>(sqlx::AssertSqlSafe(sql.as_str())).bind(at);
            let q = if let Some(b) = only { q.bind(b.0) } else { q };
            q.fetch_all(p).await
        })?;
        let mut memberships: HashMap<BodyId, Vec<MembershipFacts>> = HashMap::new();
        for m in &rows {
            memberships.entry(BodyId(m.body_id)).or_default().push(m.facts());
        }
        let orgs: Vec<OrgFactsRow> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, name, kind, code, county_code FROM organisations WHERE kind IN ('region', 'municipality')"
        )
        .fetch_all(p)
        .await)?;
        let organisations = orgs
            .into_iter()
            .map(|(id, name, kind, code, county_code)| OrganisationFacts {
                id: OrganisationId(id),
                name,
                kind: OrganisationKind::parse(&kind).unwrap_or_default(),
                code,
                county_code,
            })
            .collect();
        let (from, to) = year_bounds(at.year());
        // Held meetings of the year, and those still to come; a past meeting never marked held
        // does not count.
        let counts: Vec<(i64, i64)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT body_id, COUNT(*) FROM meetings WHERE date >= $1 AND date <= $2 AND status <> 'cancelled' \
             AND (status NOT IN ('planned', 'notice_sent') OR date >= $3) GROUP BY body_id"
        )
        .bind(from)
        .bind(to)
        .bind(at)
        .fetch_all(p)
        .await)?;
        let meetings_in_year = counts.into_iter().map(|(b, n)| (BodyId(b), n as u32)).collect();
        let plans: Vec<(i64, Date, i32, i32)> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT w.body_id, w.decided_on, w.covers_from, w.covers_to FROM work_plans w \
             WHERE w.version = (SELECT MAX(x.version) FROM work_plans x WHERE x.body_id = w.body_id AND x.decided_on <= $1)"
        )
        .bind(at)
        .fetch_all(p)
        .await
        })?;
        let work_plans = plans
            .into_iter()
            .map(|(b, updated_on, covers_from, covers_to)| {
                (BodyId(b), WorkPlanFacts { updated_on, covers_from, covers_to })
            })
            .collect();
        Ok(Snapshot { bodies, memberships, organisations, meetings_in_year, work_plans, at })
    }
}

fn year_bounds(year: i32) -> (Date, Date) {
    let from = Date::from_calendar_date(year, time::Month::January, 1).unwrap_or(Date::MIN);
    let to = Date::from_calendar_date(year, time::Month::December, 31).unwrap_or(Date::MAX);
    (from, to)
}
