//! Bodies: the record of a consultation body, the organisations behind it, its links in the body
//! graph (checked free of cycles) and its representation rules; listing, reading and writing them.

use std::collections::HashMap;

use domain::ids::{BodyId, OrganisationId, PersonId};
use domain::structure::{Body, BodyFacts, BodyInput, BodyKind, Rule, check_hierarchy};
use serde_json::{Value, json};
use time::{Date, OffsetDateTime};

use crate::accounts::{remember, remembered};
use crate::named::Named;
use crate::query::{Arg, Filter, bind_all, contains_pattern, page};
use crate::{Actor, Page, Result, Store, StoreError, Tx, audit, exists, invalid_field, must_exist, on_pool, on_tx};

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
        crate::search::refresh_body(&mut tx, BodyId(id)).await?;
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
        crate::search::refresh_body(&mut tx, id).await?;
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
        let members = crate::search::body_people(&mut tx, id).await?;
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
        crate::search::refresh_body(&mut tx, id).await?;
        for p in members {
            crate::search::refresh_person(&mut tx, p).await?;
        }
        tx.commit().await
    }
}
