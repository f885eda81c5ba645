//! People: elected representatives and officials who act for organisations.

use domain::error::Lang;
use domain::ids::{OrganisationId, PersonId};
use domain::organisations::{OrganisationKind, Person, PersonInput};
use serde::Serialize;
use serde_json::{Value, json};

use crate::accounts::{remember, remembered};
use crate::query::{Arg, Filter, bind_all, contains_pattern, page};
use crate::{Actor, Page, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

/// A person with the name of their organisation, as lists and pages show them.
#[derive(Clone, Debug, Serialize)]
pub struct PersonView {
    #[serde(flatten)]
    pub person: Person,
    pub organisation_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    name_key: String,
    title: Option<String>,
    organisation_id: Option<i64>,
    party: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    lang: String,
    organisation_name: Option<String>,
}

impl Row {
    fn into_view(self) -> PersonView {
        PersonView {
            person: Person {
                id: PersonId(self.id),
                name: self.name,
                title: self.title,
                organisation_id: self.organisation_id.map(OrganisationId),
                party: self.party,
                email: self.email,
                phone: self.phone,
                lang: Lang::parse(&self.lang).unwrap_or_default(),
            },
            organisation_name: self.organisation_name,
        }
    }
}

const SELECT: &str = "SELECT p.id, p.name, p.name_key, p.title, p.organisation_id, p.party, p.email, p.phone, \
                      p.lang, o.name AS organisation_name FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id";

/// The condition on `people p` of those the public may see: elected representatives (a party),
/// and everyone whose personal data has not been removed from the web (`privacy_removals`;
/// rule 22, ADR 35).
pub(crate) const PUBLIC_PERSON: &str =
    "(COALESCE(p.party, '') <> '' OR NOT EXISTS (SELECT 1 FROM privacy_removals r WHERE r.person_id = p.id))";

#[derive(Clone, Debug, Default)]
pub struct PersonFilter {
    pub organisation_id: Option<OrganisationId>,
    /// The kind of the person's organisation.
    pub kind: Option<OrganisationKind>,
    pub county_code: Option<String>,
    pub q: Option<String>,
    /// As the public sees the register: without people whose personal data was removed from the
    /// web, unless elected representatives (a party; rule 22, ADR 35).
    pub public: bool,
}

fn snapshot(p: &PersonInput) -> Value {
    json!({
        "name": p.name, "title": p.title, "organisation_id": p.organisation_id, "party": p.party,
        "email": p.email, "phone": p.phone, "lang": p.lang.code(),
    })
}

async fn fetch(tx: &mut Tx, id: PersonId) -> Result<PersonInput> {
    let sql = format!("{SELECT} WHERE p.id = $1");
    let row =
        on_tx!(tx, |c| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str())).bind(id.0).fetch_optional(c).await)?;
    let p = row.ok_or(StoreError::NotFound)?.into_view().person;
    Ok(PersonInput {
        name: p.name,
        title: p.title,
        organisation_id: p.organisation_id,
        party: p.party,
        email: p.email,
        phone: p.phone,
        lang: p.lang,
    })
}

/// A person's organisation must exist; a missing one is an error on that field, not a 500.
async fn check_organisation(tx: &mut Tx, id: Option<OrganisationId>) -> Result<()> {
    match id {
        Some(id) => crate::must_exist(tx, "organisations", id.0, "organisation_id").await,
        None => Ok(()),
    }
}

impl Store {
    pub async fn people(
        &self,
        f: &PersonFilter,
        cursor: Option<(String, i64)>,
        limit: usize,
    ) -> Result<Page<PersonView>> {
        let mut w = Filter::default();
        if let Some(o) = f.organisation_id {
            w.push("p.organisation_id = ?", Arg::Int(o.0));
        }
        if let Some(k) = f.kind {
            w.push("o.kind = ?", Arg::Text(k.as_str().into()));
        }
        if let Some(c) = &f.county_code {
            w.push("o.county_code = ?", Arg::Text(c.clone()));
        }
        if let Some(q) = &f.q {
            w.push("p.name_key LIKE ? ESCAPE '\\'", Arg::Text(contains_pattern(q)));
        }
        if f.public {
            w.clauses.push(PUBLIC_PERSON.to_string());
        }
        w.after("p.name_key", "p.id", cursor);
        let sql = format!("{SELECT}{} ORDER BY p.name_key, p.id LIMIT {}", w.where_sql(), limit + 1);
        let rows: Vec<Row> =
            on_pool!(&self.pool, |p| bind_all!(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str())), &w.args)
                .fetch_all(p)
                .await)?;
        let page = page(rows, limit, |r| (r.name_key.clone(), r.id));
        Ok(Page { items: page.items.into_iter().map(Row::into_view).collect(), next_cursor: page.next_cursor })
    }

    pub async fn person(&self, id: PersonId) -> Result<Option<PersonView>> {
        let sql = format!("{SELECT} WHERE p.id = $1");
        let row = on_pool!(&self.pool, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Row::into_view))
    }

    pub async fn create_person(
        &self,
        input: &PersonInput,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<PersonId> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, idempotency_key, "person").await? {
            return Ok(PersonId(id));
        }
        check_organisation(&mut tx, input.organisation_id).await?;
        let stamp = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO people (name, name_key, title, organisation_id, party, email, phone, created_at, updated_at, \
             lang) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id"
        )
        .bind(&input.name)
        .bind(domain::text::search_key(&input.name))
        .bind(&input.title)
        .bind(input.organisation_id.map(|o| o.0))
        .bind(&input.party)
        .bind(&input.email)
        .bind(&input.phone)
        .bind(stamp)
        .bind(input.lang.code())
        .fetch_one(c)
        .await
        })?;
        remember(&mut tx, actor.user_id, idempotency_key, "person", id).await?;
        audit::record(&mut tx, actor, "person.create", "person", Some(id), audit::diff(None, Some(&snapshot(input))))
            .await?;
        crate::search::refresh_person(&mut tx, PersonId(id)).await?;
        tx.commit().await?;
        Ok(PersonId(id))
    }

    pub async fn update_person(&self, id: PersonId, input: &PersonInput, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let before = fetch(&mut tx, id).await?;
        check_organisation(&mut tx, input.organisation_id).await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE people SET name = $1, name_key = $2, title = $3, organisation_id = $4, party = $5, email = $6, \
             phone = $7, updated_at = $8, lang = $10 WHERE id = $9"
        )
        .bind(&input.name)
        .bind(domain::text::search_key(&input.name))
        .bind(&input.title)
        .bind(input.organisation_id.map(|o| o.0))
        .bind(&input.party)
        .bind(&input.email)
        .bind(&input.phone)
        .bind(stamp)
        .bind(id.0)
        .bind(input.lang.code())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let changes = audit::diff(Some(&snapshot(&before)), Some(&snapshot(input)));
        audit::record(&mut tx, actor, "person.update", "person", Some(id.0), changes).await?;
        crate::search::refresh_person(&mut tx, id).await?;
        tx.commit().await
    }

    pub async fn delete_person(&self, id: PersonId, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let before = fetch(&mut tx, id).await?;
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM people WHERE id = $1")
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        audit::record(
            &mut tx,
            actor,
            "person.delete",
            "person",
            Some(id.0),
            audit::diff(Some(&snapshot(&before)), None),
        )
        .await?;
        crate::search::refresh_person(&mut tx, id).await?;
        tx.commit().await
    }
}
