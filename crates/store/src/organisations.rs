//! Organisations: regions, municipalities, agencies and the other actors.

use domain::ids::OrganisationId;
use domain::organisations::{Organisation, OrganisationInput, OrganisationKind};
use serde_json::{Value, json};

use crate::accounts::{remember, remembered};
use crate::query::{Arg, Filter, bind_all, contains_pattern, page};
use crate::{Actor, Page, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    name_key: String,
    kind: String,
    code: Option<String>,
    county_code: Option<String>,
    website: Option<String>,
    description: Option<String>,
    email: Option<String>,
}

impl Row {
    fn into_domain(self) -> Organisation {
        Organisation {
            id: OrganisationId(self.id),
            name: self.name,
            kind: OrganisationKind::parse(&self.kind).unwrap_or_default(),
            code: self.code,
            county_code: self.county_code,
            website: self.website,
            description: self.description,
            email: self.email,
        }
    }
}

const COLS: &str = "id, name, name_key, kind, code, county_code, website, description, email";

#[derive(Clone, Debug, Default)]
pub struct OrganisationFilter {
    pub kind: Option<OrganisationKind>,
    pub county_code: Option<String>,
    pub q: Option<String>,
}

fn snapshot(o: &OrganisationInput) -> Value {
    json!({
        "name": o.name, "kind": o.kind.as_str(), "code": o.code, "county_code": o.county_code,
        "website": o.website, "description": o.description, "email": o.email,
    })
}

fn snapshot_of(o: &Organisation) -> Value {
    snapshot(&OrganisationInput {
        name: o.name.clone(),
        kind: o.kind,
        code: o.code.clone(),
        county_code: o.county_code.clone(),
        website: o.website.clone(),
        description: o.description.clone(),
        email: o.email.clone(),
    })
}

async fn fetch(tx: &mut Tx, id: OrganisationId) -> Result<Organisation> {
    let sql = format!("SELECT {COLS} FROM organisations WHERE id = $1");
    let row =
        on_tx!(tx, |c| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str())).bind(id.0).fetch_optional(c).await)?;
    row.map(Row::into_domain).ok_or(StoreError::NotFound)
}

impl Store {
    /// Sorted by name in Swedish order, `limit` at a time after `cursor`.
    pub async fn organisations(
        &self,
        f: &OrganisationFilter,
        cursor: Option<(String, i64)>,
        limit: usize,
    ) -> Result<Page<Organisation>> {
        let mut w = Filter::default();
        if let Some(k) = f.kind {
            w.push("kind = ?", Arg::Text(k.as_str().into()));
        }
        if let Some(c) = &f.county_code {
            w.push("county_code = ?", Arg::Text(c.clone()));
        }
        if let Some(q) = &f.q {
            w.push("name_key LIKE ? ESCAPE '\\'", Arg::Text(contains_pattern(q)));
        }
        w.after("name_key", "id", cursor);
        let sql =
            format!("SELECT {COLS} FROM organisations{} ORDER BY name_key, id LIMIT {}", w.where_sql(), limit + 1);
        let rows: Vec<Row> =
            on_pool!(&self.pool, |p| bind_all!(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str())), &w.args)
                .fetch_all(p)
                .await)?;
        let page = page(rows, limit, |r| (r.name_key.clone(), r.id));
        Ok(Page { items: page.items.into_iter().map(Row::into_domain).collect(), next_cursor: page.next_cursor })
    }

    pub async fn organisation(&self, id: OrganisationId) -> Result<Option<Organisation>> {
        let sql = format!("SELECT {COLS} FROM organisations WHERE id = $1");
        let row = on_pool!(&self.pool, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Row::into_domain))
    }

    pub async fn organisation_by_code(&self, kind: OrganisationKind, code: &str) -> Result<Option<Organisation>> {
        let sql = format!("SELECT {COLS} FROM organisations WHERE kind = $1 AND code = $2");
        let row = on_pool!(&self.pool, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(kind.as_str())
            .bind(code)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Row::into_domain))
    }

    /// Creates an organisation. With an idempotency key, a retry returns the first one's id.
    pub async fn create_organisation(
        &self,
        input: &OrganisationInput,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<OrganisationId> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, idempotency_key, "organisation").await? {
            return Ok(OrganisationId(id));
        }
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO organisations (name, name_key, kind, code, county_code, website, description, email, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id"
        )
        .bind(&input.name)
        .bind(domain::text::search_key(&input.name))
        .bind(input.kind.as_str())
        .bind(&input.code)
        .bind(&input.county_code)
        .bind(&input.website)
        .bind(&input.description)
        .bind(&input.email)
        .bind(t)
        .fetch_one(c)
        .await)
        .map_err(StoreError::unique("code"))?;
        remember(&mut tx, actor.user_id, idempotency_key, "organisation", id).await?;
        audit::record(
            &mut tx,
            actor,
            "organisation.create",
            "organisation",
            Some(id),
            audit::diff(None, Some(&snapshot(input))),
        )
        .await?;
        tx.commit().await?;
        Ok(OrganisationId(id))
    }

    pub async fn update_organisation(
        &self,
        id: OrganisationId,
        input: &OrganisationInput,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let before = fetch(&mut tx, id).await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE organisations SET name = $1, name_key = $2, kind = $3, code = $4, county_code = $5, \
             website = $6, description = $7, email = $8, updated_at = $9 WHERE id = $10"
        )
        .bind(&input.name)
        .bind(domain::text::search_key(&input.name))
        .bind(input.kind.as_str())
        .bind(&input.code)
        .bind(&input.county_code)
        .bind(&input.website)
        .bind(&input.description)
        .bind(&input.email)
        .bind(stamp)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(StoreError::unique("code"))?;
        let changes = audit::diff(Some(&snapshot_of(&before)), Some(&snapshot(input)));
        audit::record(&mut tx, actor, "organisation.update", "organisation", Some(id.0), changes).await?;
        // Its governing documents are found by its name (its people's documents follow at their
        // next write or a rebuild, ADR 20).
        crate::strategy::refresh_documents_of(&mut tx, id.0).await?;
        tx.commit().await
    }

    /// Deletes an organisation; its people stay, without an organisation.
    pub async fn delete_organisation(&self, id: OrganisationId, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let before = fetch(&mut tx, id).await?;
        // Its registry, governing documents, strategies and processes go with it (ON DELETE
        // CASCADE), and so does what search holds of them.
        on_tx!(&mut tx, |c| sqlx::query(
            "DELETE FROM search_documents WHERE owner IN \
             (SELECT 'case:' || CAST(id AS TEXT) FROM cases WHERE organisation_id = $1 \
              UNION SELECT 'governing_document:' || CAST(id AS TEXT) FROM governing_documents WHERE owner_id = $1 \
              UNION SELECT 'strategy:' || CAST(id AS TEXT) FROM strategies WHERE owner_id = $1 \
              UNION SELECT 'process:' || CAST(id AS TEXT) FROM processes WHERE owner_id = $1)"
        )
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let people = people_of(&mut tx, id).await?;
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM organisations WHERE id = $1")
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        // Its people stay, without it and without the memberships held for it.
        for p in people {
            crate::search::refresh_person(&mut tx, p).await?;
        }
        audit::record(
            &mut tx,
            actor,
            "organisation.delete",
            "organisation",
            Some(id.0),
            audit::diff(Some(&snapshot_of(&before)), None),
        )
        .await?;
        tx.commit().await
    }

    /// How many organisations and people the register holds.
    pub async fn counts(&self) -> Result<(i64, i64)> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, (i64, i64)>(
            "SELECT (SELECT COUNT(*) FROM organisations), (SELECT COUNT(*) FROM people)"
        )
        .fetch_one(p)
        .await)?)
    }
}

/// The people whose documents name the organisation: its own, and those holding a membership
/// for it.
async fn people_of(tx: &mut Tx, id: OrganisationId) -> Result<Vec<domain::ids::PersonId>> {
    let ids: Vec<i64> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT id FROM people WHERE organisation_id = $1 \
         UNION SELECT person_id FROM memberships WHERE organisation_id = $1 ORDER BY 1"
    )
    .bind(id.0)
    .fetch_all(c)
    .await)?;
    Ok(ids.into_iter().map(domain::ids::PersonId).collect())
}
