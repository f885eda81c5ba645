//! Cases: registered with the next number of their organisation's series, in the transaction
//! that writes them (ADR 32), loaded, listed with the registry's filters, and moved forward
//! through their statuses.

use domain::cases::{Case, CaseInput, CaseNumber, CaseStatus};
use domain::ids::{BodyId, CaseId, OrganisationId};
use domain::search::{Kind, SearchQuery};
use serde_json::{Value, json};

use super::{COLS, Row, fetch, refresh_case};
use crate::accounts::{remember, remembered};
use crate::query::{Arg, Filter, bind_all, page};
use crate::search::{CUSTOM_PLAN, planned};
use crate::{Actor, Page, Result, Store, Tx, audit, invalid_field, on_pool, on_tx};

/// From this many public index entries matching the words on, the registry narrowed by words
/// walks the cases newest first rather than collecting every matching case: measured at national
/// scale in `cases_registry_bench` (docs/performance.md).
const WALK_FROM: i64 = 1000;

/// The registry's filters; `words` narrows to the cases whose public text, or whose public
/// documents' text, matches every word (the platform's index, ADR 20).
#[derive(Clone, Debug, Default)]
pub struct CaseFilter {
    pub organisation_id: Option<OrganisationId>,
    pub year: Option<i32>,
    pub status: Option<CaseStatus>,
    pub body_id: Option<BodyId>,
    pub words: Option<SearchQuery>,
}

fn snapshot(c: &CaseInput, number: &str, status: CaseStatus) -> Value {
    json!({
        "number": number, "organisation_id": c.organisation_id.0, "internal_title": c.internal_title,
        "public_title": c.public_title, "responsible": c.responsible, "body_id": c.body_id.map(|b| b.0),
        "status": status.as_str(),
    })
}

/// Takes the next number of the organisation's series for `year`, in `tx`: the row of the
/// year is created with 1 or raised by one, and stays locked until `tx` ends, so concurrent
/// registrations take turns and a rolled-back one gives its number back.
async fn next_seq(tx: &mut Tx, org: OrganisationId, year: i64) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO case_sequences (organisation_id, year, last_seq) VALUES ($1, $2, 1) \
         ON CONFLICT (organisation_id, year) DO UPDATE SET last_seq = case_sequences.last_seq + 1 \
         RETURNING last_seq"
    )
    .bind(org.0)
    .bind(year)
    .fetch_one(c)
    .await)?)
}

/// The prefix of the organisation's series, if it keeps its registry here.
async fn series_prefix(tx: &mut Tx, org: OrganisationId) -> Result<Option<String>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar("SELECT prefix FROM case_series WHERE organisation_id = $1")
        .bind(org.0)
        .fetch_optional(c)
        .await)?)
}

/// Where and under which number a case is written.
struct Numbered<'a> {
    prefix: &'a str,
    year: i64,
    seq: i64,
    status: CaseStatus,
    opened_on: time::Date,
}

/// Writes the case row; a number already given is a conflict on `case_number`.
async fn insert_case(tx: &mut Tx, input: &CaseInput, n: Numbered<'_>) -> Result<i64> {
    let t = tx.now;
    on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO cases (organisation_id, prefix, year, seq, internal_title, public_title, status, \
         responsible, body_id, opened_on, documents, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $11) RETURNING id"
    )
    .bind(input.organisation_id.0)
    .bind(n.prefix)
    .bind(n.year)
    .bind(n.seq)
    .bind(&input.internal_title)
    .bind(&input.public_title)
    .bind(n.status.as_str())
    .bind(&input.responsible)
    .bind(input.body_id.map(|b| b.0))
    .bind(n.opened_on)
    .bind(t)
    .fetch_one(c)
    .await)
    .map_err(crate::StoreError::unique("case_number"))
}

impl Store {
    pub async fn case(&self, id: CaseId) -> Result<Option<Case>> {
        let sql = format!("SELECT {COLS} FROM cases c WHERE c.id = $1");
        let row = on_pool!(&self.pool, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .fetch_optional(p)
            .await)?;
        row.map(Row::into_domain).transpose()
    }

    /// The case with a number, e.g. "RJL 2024/3336".
    pub async fn case_by_number(&self, number: &CaseNumber) -> Result<Option<Case>> {
        let sql = format!("SELECT {COLS} FROM cases c WHERE c.prefix = $1 AND c.year = $2 AND c.seq = $3");
        let row = on_pool!(&self.pool, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(number.prefix())
            .bind(i64::from(number.year()))
            .bind(i64::from(number.seq()))
            .fetch_optional(p)
            .await)?;
        row.map(Row::into_domain).transpose()
    }

    /// The registry, newest registration first, `limit` at a time after `cursor`.
    pub async fn cases(&self, f: &CaseFilter, cursor: Option<(String, i64)>, limit: usize) -> Result<Page<Case>> {
        self.cases_walking_from(f, cursor, limit, WALK_FROM).await
    }

    /// `cases`, narrowing by words the walking way from `walk_from` matching index entries on
    /// (tests show that both ways give the same answer).
    pub async fn cases_walking_from(
        &self,
        f: &CaseFilter,
        cursor: Option<(String, i64)>,
        limit: usize,
        walk_from: i64,
    ) -> Result<Page<Case>> {
        let mut w = Filter::default();
        if let Some(o) = f.organisation_id {
            w.push("c.organisation_id = ?", Arg::Int(o.0));
        }
        if let Some(y) = f.year {
            w.push("c.year = ?", Arg::Int(y.into()));
        }
        if let Some(s) = f.status {
            w.push("c.status = ?", Arg::Text(s.as_str().into()));
        }
        if let Some(b) = f.body_id {
            w.push("c.body_id = ?", Arg::Int(b.0));
        }
        if let Some(q) = &f.words {
            // The index entries of a case and of its documents are all owned by "case:{id}".
            if q.stems.is_empty() {
                w.clauses.push("1 = 0".into());
            } else {
                let kinds = [Kind::Case, Kind::CaseDocument];
                let clause = if self.public_matches_at_least(&q.stems, &kinds, walk_from).await? {
                    // Common words: the cases are walked newest first with the other filters,
                    // each tested against its own entries (found by their owner) until the
                    // page is full. `OFFSET 0` keeps PostgreSQL from turning the test into a
                    // join that reads every match.
                    let (entries, arg) = crate::search::matching(self.engine(), &q.stems, &kinds, true);
                    let clause = format!(
                        "EXISTS (SELECT 1 FROM search_documents d WHERE d.owner = 'case:' || CAST(c.id AS TEXT) \
                         AND {entries} LIMIT 1 OFFSET 0)"
                    );
                    (clause, arg)
                } else {
                    // Rare words: the matching entries name the cases, which are then walked
                    // newest first as without words.
                    let (entries, arg) = crate::search::matching(self.engine(), &q.stems, &kinds, false);
                    (
                        format!(
                            "c.id IN (SELECT CAST(SUBSTR(d.owner, 6) AS BIGINT) FROM search_documents d WHERE {entries})"
                        ),
                        arg,
                    )
                };
                w.push(&clause.0, Arg::Text(clause.1));
            }
        }
        if let Some((_, id)) = cursor {
            w.push("c.id < ?", Arg::Int(id));
        }
        let sql = format!("SELECT {COLS} FROM cases c{} ORDER BY c.id DESC LIMIT {}", w.where_sql(), limit + 1);
        // Planned on PostgreSQL for the words at hand: a prepared statement's generic plan
        // cannot know how many entries they match.
        let rows: Vec<Row> = planned!(&self.pool, [CUSTOM_PLAN], |c| {
            bind_all!(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str())), &w.args).fetch_all(c).await?
        });
        let page = page(rows, limit, |r| (String::new(), r.id));
        let items = page.items.into_iter().map(Row::into_domain).collect::<Result<Vec<_>>>()?;
        Ok(Page { items, next_cursor: page.next_cursor })
    }

    /// The years that have cases, newest first (the registry's year filter).
    pub async fn case_years(&self) -> Result<Vec<i64>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT DISTINCT year FROM cases ORDER BY year DESC")
            .fetch_all(p)
            .await)?)
    }

    /// The bodies that prepare registered cases, by name (the registry's body filter).
    pub async fn case_bodies(&self) -> Result<Vec<domain::named::Named>> {
        let rows: Vec<(i64, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT DISTINCT b.id, b.name FROM bodies b JOIN cases c ON c.body_id = b.id ORDER BY b.name, b.id"
        )
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(|(id, name)| domain::named::Named { id, name }).collect())
    }

    /// Registers a case in its organisation's series: the number is the series' next for the
    /// current year by the store's clock, taken in this transaction. With an idempotency key,
    /// a retry returns the first registration.
    pub async fn register_case(&self, input: &CaseInput, actor: &Actor, key: Option<&str>) -> Result<CaseId> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "case").await? {
            return Ok(CaseId(id));
        }
        let org = input.organisation_id;
        let Some(prefix) = series_prefix(&mut tx, org).await? else {
            return Err(invalid_field(
                "organisation_id",
                "no_series",
                "Organisationen har ingen nummerserie i diariet.",
                "The organisation has no number series in the registry.",
            ));
        };
        if let Some(b) = input.body_id {
            crate::must_exist(&mut tx, "bodies", b.0, "body_id").await?;
        }
        let t = tx.now;
        let today = domain::meetings::calendar::swedish_date(t);
        let year = i64::from(today.year());
        let seq = next_seq(&mut tx, org, year).await?;
        let status = CaseStatus::Opened;
        let numbered = Numbered { prefix: &prefix, year, seq, status, opened_on: today };
        let id = insert_case(&mut tx, input, numbered).await?;
        remember(&mut tx, actor.user_id, key, "case", id).await?;
        let number = format!("{prefix} {year}/{seq}");
        audit::record(&mut tx, actor, "case.register", "case", Some(id), snapshot(input, &number, status)).await?;
        refresh_case(&mut tx, CaseId(id)).await?;
        tx.commit().await?;
        Ok(CaseId(id))
    }

    /// Takes over a case numbered in the organisation's earlier registry (a migration's or the
    /// demo's history, e.g. "RJL 2024/3336"): its number, day and status are given. The number
    /// must carry the series' prefix and be free; the year's series then continues after it.
    pub async fn import_case(
        &self,
        input: &CaseInput,
        number: &CaseNumber,
        opened_on: time::Date,
        status: CaseStatus,
        actor: &Actor,
    ) -> Result<CaseId> {
        let mut tx = self.begin().await?;
        let org = input.organisation_id;
        if series_prefix(&mut tx, org).await?.as_deref() != Some(number.prefix()) {
            return Err(invalid_field(
                "case_number",
                "wrong_prefix",
                "Diarienumret hör inte till organisationens nummerserie.",
                "The case number is not of the organisation's number series.",
            ));
        }
        let (year, seq) = (i64::from(number.year()), i64::from(number.seq()));
        on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO case_sequences (organisation_id, year, last_seq) VALUES ($1, $2, $3) \
             ON CONFLICT (organisation_id, year) DO UPDATE SET last_seq = CASE \
             WHEN case_sequences.last_seq < excluded.last_seq THEN excluded.last_seq ELSE case_sequences.last_seq END"
        )
        .bind(org.0)
        .bind(year)
        .bind(seq)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let numbered = Numbered { prefix: number.prefix(), year, seq, status, opened_on };
        let id = insert_case(&mut tx, input, numbered).await?;
        let changes = snapshot(input, &number.to_string(), status);
        audit::record(&mut tx, actor, "case.import", "case", Some(id), changes).await?;
        refresh_case(&mut tx, CaseId(id)).await?;
        tx.commit().await?;
        Ok(CaseId(id))
    }

    /// Moves a case to a later status (the domain's rule), audited.
    pub async fn change_case_status(&self, id: CaseId, to: CaseStatus, actor: &Actor) -> Result<Case> {
        let mut tx = self.begin().await?;
        let before = fetch(&mut tx, id).await?;
        before.status.change_to(to).map_err(domain::Invalid::one)?;
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE cases SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(to.as_str())
            .bind(t)
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        let changes =
            audit::diff(Some(&json!({"status": before.status.as_str()})), Some(&json!({"status": to.as_str()})));
        audit::record(&mut tx, actor, "case.status", "case", Some(id.0), changes).await?;
        refresh_case(&mut tx, id).await?;
        let after = fetch(&mut tx, id).await?;
        tx.commit().await?;
        Ok(after)
    }
}
