//! The register of governing documents: created and edited with their audit events, loaded with
//! their relations, adopting paragraph and review finding (as of the store's today), listed with
//! filters; relations added between two documents.

use domain::ids::OrganisationId;
use domain::named::Named;
use domain::strategy::{DocumentInput, DocumentKind, RelationInput, RelationKind, RevisionRule, review_finding};
use serde_json::json;
use time::Date;

use super::{AdoptedIn, DocumentSummary, GoverningDocument, Related};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, invalid_field, must_exist, on_pool, on_tx};

/// What the register's list is narrowed to.
#[derive(Clone, Debug, Default)]
pub struct DocumentFilter {
    pub owner_id: Option<OrganisationId>,
    pub kind: Option<DocumentKind>,
    /// Only those whose review is overdue.
    pub overdue: bool,
    /// Words of the title.
    pub q: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DocRow {
    id: i64,
    owner_id: i64,
    owner: String,
    kind: String,
    title: String,
    summary: Option<String>,
    valid_from: Option<Date>,
    valid_to: Option<Date>,
    adopted_body_id: Option<i64>,
    adopted_body: Option<String>,
    adopted_by: Option<String>,
    adopted_on: Option<Date>,
    adopted_paragraph: Option<String>,
    paragraph_id: Option<i64>,
    revision_rule: String,
    reviewed_on: Option<Date>,
    initiated_by_body_id: Option<i64>,
    initiated_by: Option<String>,
}

const DOC: &str = "SELECT d.id, d.owner_id, o.name AS owner, d.kind, d.title, d.summary, d.valid_from, d.valid_to, \
     d.adopted_body_id, ab.name AS adopted_body, d.adopted_by, d.adopted_on, d.adopted_paragraph, d.paragraph_id, \
     d.revision_rule, d.reviewed_on, d.initiated_by_body_id, ib.name AS initiated_by \
     FROM governing_documents d JOIN organisations o ON o.id = d.owner_id \
     LEFT JOIN bodies ab ON ab.id = d.adopted_body_id LEFT JOIN bodies ib ON ib.id = d.initiated_by_body_id";

const ADOPTED_IN: &str = "SELECT p.id, p.meeting_id, CAST(p.number AS BIGINT) AS number, p.title, b.name AS body, m.date \
     FROM paragraphs p JOIN bodies b ON b.id = p.body_id JOIN meetings m ON m.id = p.meeting_id WHERE p.id = $1";

const RELATIONS: &str = "SELECT r.to_id AS other, d.title, r.kind, CAST(1 AS BIGINT) AS outgoing FROM governing_relations r \
     JOIN governing_documents d ON d.id = r.to_id WHERE r.from_id = $1 \
     UNION ALL SELECT r.from_id AS other, d.title, r.kind, CAST(0 AS BIGINT) AS outgoing FROM governing_relations r \
     JOIN governing_documents d ON d.id = r.from_id WHERE r.to_id = $1 ORDER BY 2, 1";

fn rule(s: &str) -> RevisionRule {
    RevisionRule::parse("revision_rule", s).unwrap_or(RevisionRule::None)
}

fn finding(
    r: RevisionRule,
    adopted: Option<Date>,
    reviewed: Option<Date>,
    today: Date,
) -> domain::strategy::ReviewFinding {
    match reviewed.or(adopted) {
        Some(since) => review_finding(r, since, today),
        None => domain::strategy::ReviewFinding::NoRule,
    }
}

/// A new row with its required columns; `write_fields` sets all the others, as an edit does.
const INSERT_DOCUMENT: &str = "INSERT INTO governing_documents (owner_id, kind, title, title_key, revision_rule, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id";

impl Store {
    /// A governing document with its relations, adopting paragraph and review finding.
    pub async fn governing_document(&self, id: i64) -> Result<Option<GoverningDocument>> {
        let sql = format!("{DOC} WHERE d.id = $1");
        let row: Option<DocRow> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?;
        let Some(r) = row else { return Ok(None) };
        let adopted_in: Option<AdoptedIn> = match r.paragraph_id {
            Some(pid) => on_pool!(&self.pool, |p| sqlx::query_as(ADOPTED_IN).bind(pid).fetch_optional(p).await)?,
            None => None,
        };
        let rels: Vec<(i64, String, String, i64)> =
            on_pool!(&self.pool, |p| sqlx::query_as(RELATIONS).bind(id).fetch_all(p).await)?;
        let strategies: Vec<(i64, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, title FROM strategies WHERE document_id = $1 ORDER BY id"
        )
        .bind(id)
        .fetch_all(p)
        .await)?;
        let revision_rule = rule(&r.revision_rule);
        Ok(Some(GoverningDocument {
            id: r.id,
            owner: Named { id: r.owner_id, name: r.owner },
            kind: DocumentKind::parse(&r.kind).unwrap_or(DocumentKind::Strategy),
            title: r.title,
            summary: r.summary,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
            adopted_body: r.adopted_body_id.zip(r.adopted_body).map(|(id, name)| Named { id, name }),
            adopted_by: r.adopted_by,
            adopted_on: r.adopted_on,
            adopted_paragraph: r.adopted_paragraph,
            adopted_in,
            review: finding(revision_rule, r.adopted_on, r.reviewed_on, self.today()),
            revision_rule,
            reviewed_on: r.reviewed_on,
            initiated_by: r.initiated_by_body_id.zip(r.initiated_by).map(|(id, name)| Named { id, name }),
            relations: rels
                .into_iter()
                .filter_map(|(other, title, kind, out)| {
                    RelationKind::parse(&kind).map(|kind| Related { id: other, title, kind, outgoing: out == 1 })
                })
                .collect(),
            strategies: strategies.into_iter().map(|(id, name)| Named { id, name }).collect(),
        }))
    }

    /// The register, by owner and title, narrowed by the filter.
    pub async fn governing_documents(&self, f: &DocumentFilter) -> Result<Vec<DocumentSummary>> {
        let q = f.q.as_deref().map(|q| format!("%{}%", domain::text::search_key(q).replace(['%', '_'], "")));
        let sql = "SELECT d.id, d.owner_id, o.name AS owner, d.kind, d.title, d.valid_from, d.valid_to, \
             d.revision_rule, d.adopted_on, d.reviewed_on \
             FROM governing_documents d JOIN organisations o ON o.id = d.owner_id \
             WHERE (CAST($1 AS BIGINT) IS NULL OR d.owner_id = $1) AND (CAST($2 AS TEXT) IS NULL OR d.kind = $2) \
             AND (CAST($3 AS TEXT) IS NULL OR d.title_key LIKE $3) \
             ORDER BY o.name_key, d.title_key, d.id";
        #[allow(clippy::type_complexity)]
        let rows: Vec<(
            i64,
            i64,
            String,
            String,
            String,
            Option<Date>,
            Option<Date>,
            String,
            Option<Date>,
            Option<Date>,
        )> = on_pool!(&self.pool, |p| sqlx::query_as(sql)
            .bind(f.owner_id.map(|o| o.0))
            .bind(f.kind.map(|k| k.as_str()))
            .bind(q.as_deref())
            .fetch_all(p)
            .await)?;
        let today = self.today();
        Ok(rows
            .into_iter()
            .map(|(id, oid, owner, kind, title, valid_from, valid_to, rr, adopted, reviewed)| DocumentSummary {
                id,
                owner: Named { id: oid, name: owner },
                kind: DocumentKind::parse(&kind).unwrap_or(DocumentKind::Strategy),
                title,
                valid_from,
                valid_to,
                review: finding(rule(&rr), adopted, reviewed, today),
            })
            .filter(|d| !f.overdue || d.review.is_overdue())
            .collect())
    }

    /// Registers a governing document; a retry with the same idempotency key returns the first.
    pub async fn create_governing_document(
        &self,
        input: &DocumentInput,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "governing_document").await? {
            return Ok(id);
        }
        check_links(&mut tx, input).await?;
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(INSERT_DOCUMENT)
            .bind(input.owner_id.0)
            .bind(input.kind.as_str())
            .bind(&input.title)
            .bind(domain::text::search_key(&input.title))
            .bind(input.revision_rule.as_string())
            .bind(t)
            .fetch_one(c)
            .await)?;
        write_fields(&mut tx, id, input).await?;
        remember(&mut tx, actor.user_id, key, "governing_document", id).await?;
        audit::record(&mut tx, actor, "governing_document.create", "governing_document", Some(id), as_json(input))
            .await?;
        super::index::refresh_document(&mut tx, id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a governing document's fields.
    pub async fn update_governing_document(&self, id: i64, input: &DocumentInput, actor: &Actor) -> Result<()> {
        let before = self.governing_document(id).await?.ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        check_links(&mut tx, input).await?;
        write_fields(&mut tx, id, input).await?;
        let old = json!({"title": before.title, "kind": before.kind.as_str(), "owner_id": before.owner.id,
            "revision_rule": before.revision_rule.as_string(),
            "adopted_on": before.adopted_on.map(|d| d.to_string()), "reviewed_on": before.reviewed_on.map(|d| d.to_string())});
        let changes = audit::diff(Some(&old), Some(&as_json(input)));
        audit::record(&mut tx, actor, "governing_document.update", "governing_document", Some(id), changes).await?;
        super::index::refresh_document(&mut tx, id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a relation between two documents; adding one that exists changes nothing.
    pub async fn add_governing_relation(&self, r: &RelationInput, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        for (id, field) in [(r.from, "from_id"), (r.to, "to_id")] {
            if !crate::exists(&mut tx, "governing_documents", id).await? {
                return Err(invalid_field(
                    field,
                    "unknown_document",
                    "Dokumentet finns inte.",
                    "The document does not exist.",
                ));
            }
        }
        let t = tx.now;
        let n = on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO governing_relations (from_id, to_id, kind, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (from_id, to_id, kind) DO NOTHING"
        )
        .bind(r.from)
        .bind(r.to)
        .bind(r.kind.as_str())
        .bind(t)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if n > 0 {
            let changes = json!({"from_id": r.from, "to_id": r.to, "kind": r.kind.as_str()});
            audit::record(&mut tx, actor, "governing_relation.add", "governing_document", Some(r.from), changes)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Every field of the document's row, in `tx`: the one write that creating and editing share.
async fn write_fields(tx: &mut Tx, id: i64, input: &DocumentInput) -> Result<()> {
    let t = tx.now;
    on_tx!(tx, |c| sqlx::query(
        "UPDATE governing_documents SET owner_id = $1, kind = $2, title = $3, title_key = $4, summary = $5, \
         valid_from = $6, valid_to = $7, adopted_body_id = $8, adopted_by = $9, adopted_on = $10, \
         adopted_paragraph = $11, paragraph_id = $12, revision_rule = $13, reviewed_on = $14, \
         initiated_by_body_id = $15, updated_at = $16 WHERE id = $17"
    )
    .bind(input.owner_id.0)
    .bind(input.kind.as_str())
    .bind(&input.title)
    .bind(domain::text::search_key(&input.title))
    .bind(&input.summary)
    .bind(input.valid_from)
    .bind(input.valid_to)
    .bind(input.adopted_body_id.map(|b| b.0))
    .bind(&input.adopted_by)
    .bind(input.adopted_on)
    .bind(&input.adopted_paragraph)
    .bind(input.paragraph_id)
    .bind(input.revision_rule.as_string())
    .bind(input.reviewed_on)
    .bind(input.initiated_by_body_id.map(|b| b.0))
    .bind(t)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

async fn check_links(tx: &mut Tx, input: &DocumentInput) -> Result<()> {
    must_exist(tx, "organisations", input.owner_id.0, "owner_id").await?;
    if let Some(b) = input.adopted_body_id {
        must_exist(tx, "bodies", b.0, "adopted_body_id").await?;
    }
    if let Some(b) = input.initiated_by_body_id {
        must_exist(tx, "bodies", b.0, "initiated_by_body_id").await?;
    }
    if let Some(p) = input.paragraph_id
        && !crate::exists(tx, "paragraphs", p).await?
    {
        return Err(invalid_field(
            "paragraph_id",
            "unknown_paragraph",
            "Paragrafen finns inte.",
            "The paragraph does not exist.",
        ));
    }
    Ok(())
}

fn as_json(i: &DocumentInput) -> serde_json::Value {
    json!({
        "title": i.title, "kind": i.kind.as_str(), "owner_id": i.owner_id.0,
        "revision_rule": i.revision_rule.as_string(),
        "adopted_on": i.adopted_on.map(|d| d.to_string()), "reviewed_on": i.reviewed_on.map(|d| d.to_string()),
    })
}
