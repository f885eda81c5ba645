//! Documents (handlingar) registered in a case: numbered within the case in the transaction
//! that registers them, dated by the store's clock (never typed), with their files (the
//! content-addressed files meeting attachments use) and an optional secrecy marking.

use domain::cases::{Direction, DocumentInput, Secrecy, SecrecyProvision, document_number};
use domain::ids::{CaseDocumentId, CaseId};
use serde::Serialize;
use serde_json::json;
use time::Date;

use super::{fetch, refresh_case};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, invalid_field, on_pool, on_tx};

/// A file of a registered document.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct DocumentFile {
    pub id: i64,
    pub document_id: i64,
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
}

/// A file whose bytes are stored (by their digest) and that a registration records.
#[derive(Clone, Debug)]
pub struct NewDocumentFile {
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
}

/// A registered document with everything the registry knows of it. Who may see what of it is
/// the web's decision (`secrecy` and the reader's role).
#[derive(Clone, Debug, Serialize)]
pub struct CaseDocument {
    pub id: CaseDocumentId,
    pub case_id: CaseId,
    /// Its number within the case (1, 2 …).
    pub number: i64,
    /// "RJL 2024/3336-2".
    pub full_number: String,
    #[serde(with = "domain::dates::ymd")]
    pub registered_on: Date,
    #[serde(with = "domain::dates::ymd")]
    pub document_date: Date,
    pub direction: Direction,
    pub counterpart: Option<String>,
    pub description: String,
    pub secrecy: Option<Secrecy>,
    pub files: Vec<DocumentFile>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    case_id: i64,
    number: i64,
    registered_on: Date,
    document_date: Date,
    direction: String,
    counterpart: Option<String>,
    description: String,
    secrecy_provision: Option<String>,
    secrecy_until: Option<Date>,
    secrecy_set_by: Option<String>,
    case_number: String,
}

impl Row {
    fn into_document(self, files: Vec<DocumentFile>) -> CaseDocument {
        let secrecy = self.secrecy_provision.as_deref().and_then(|p| {
            Some(Secrecy {
                provision: SecrecyProvision::parse("secrecy_provision", p).ok()?,
                until: self.secrecy_until,
                set_by: self.secrecy_set_by.clone().unwrap_or_default(),
            })
        });
        let full_number = match self.case_number.parse() {
            Ok(n) => document_number(&n, self.number),
            Err(_) => format!("{}-{}", self.case_number, self.number),
        };
        CaseDocument {
            id: CaseDocumentId(self.id),
            case_id: CaseId(self.case_id),
            number: self.number,
            full_number,
            registered_on: self.registered_on,
            document_date: self.document_date,
            direction: Direction::parse(&self.direction).unwrap_or_default(),
            counterpart: self.counterpart,
            description: self.description,
            secrecy,
            files,
        }
    }
}

const SELECT: &str = "SELECT d.id, d.case_id, d.number, d.registered_on, d.document_date, d.direction, \
     d.counterpart, d.description, d.secrecy_provision, d.secrecy_until, d.secrecy_set_by, \
     c.prefix || ' ' || CAST(c.year AS TEXT) || '/' || CAST(c.seq AS TEXT) AS case_number \
     FROM case_documents d JOIN cases c ON c.id = d.case_id";

const FILES: &str = "SELECT cf.id, cf.document_id, cf.file_name, cf.sha256, f.size, f.mime \
     FROM case_document_files cf JOIN files f ON f.sha256 = cf.sha256";

/// The documents of a case in `tx`, by number (for the search index).
pub(super) async fn documents_in(tx: &mut Tx, case: CaseId) -> Result<Vec<CaseDocument>> {
    let sql = format!("{SELECT} WHERE d.case_id = $1 ORDER BY d.number");
    let rows: Vec<Row> =
        on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(case.0).fetch_all(c).await)?;
    Ok(rows.into_iter().map(|r| r.into_document(Vec::new())).collect())
}

/// The documents of the cases `ids` with their files, each case's by number, in two queries
/// (the year's archive package reads all its cases at once; `ids` are the store's own ids,
/// written into the statement).
pub(super) async fn documents_of(store: &Store, ids: &[i64]) -> Result<Vec<CaseDocument>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let sql = format!("{SELECT} WHERE d.case_id IN ({list}) ORDER BY d.case_id, d.number");
    let rows: Vec<Row> =
        on_pool!(&store.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
    let fsql =
        format!("{FILES} JOIN case_documents d ON d.id = cf.document_id WHERE d.case_id IN ({list}) ORDER BY cf.id");
    let files: Vec<DocumentFile> =
        on_pool!(&store.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(fsql.as_str())).fetch_all(p).await)?;
    let mut by_document: std::collections::HashMap<i64, Vec<DocumentFile>> = std::collections::HashMap::new();
    for f in files {
        by_document.entry(f.document_id).or_default().push(f);
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let mine = by_document.remove(&r.id).unwrap_or_default();
            r.into_document(mine)
        })
        .collect())
}

impl Store {
    /// The documents of a case, by number, with their files.
    pub async fn case_documents(&self, case: CaseId) -> Result<Vec<CaseDocument>> {
        let sql = format!("{SELECT} WHERE d.case_id = $1 ORDER BY d.number");
        let rows: Vec<Row> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(case.0)
            .fetch_all(p)
            .await)?;
        let fsql =
            format!("{FILES} JOIN case_documents d ON d.id = cf.document_id WHERE d.case_id = $1 ORDER BY cf.id");
        let files: Vec<DocumentFile> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(fsql.as_str()))
            .bind(case.0)
            .fetch_all(p)
            .await)?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let mine = files.iter().filter(|f| f.document_id == r.id).cloned().collect();
                r.into_document(mine)
            })
            .collect())
    }

    pub async fn case_document(&self, id: CaseDocumentId) -> Result<Option<CaseDocument>> {
        let sql = format!("{SELECT} WHERE d.id = $1");
        let row: Option<Row> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .fetch_optional(p)
            .await)?;
        let Some(row) = row else { return Ok(None) };
        let fsql = format!("{FILES} WHERE cf.document_id = $1 ORDER BY cf.id");
        let files: Vec<DocumentFile> =
            on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(fsql.as_str())).bind(id.0).fetch_all(p).await)?;
        Ok(Some(row.into_document(files)))
    }

    /// A file of a registered document, by its own id.
    pub async fn case_document_file(&self, id: i64) -> Result<Option<DocumentFile>> {
        let sql = format!("{FILES} WHERE cf.id = $1");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?)
    }

    /// Registers a document in an open case: the next number of the case is taken in this
    /// transaction (the case's row is raised and so locked), the registration day is the
    /// store's today, and the files (their bytes already stored) are recorded with it. With an
    /// idempotency key, a retry returns the first registration.
    pub async fn register_document(
        &self,
        case: CaseId,
        input: &DocumentInput,
        files: &[NewDocumentFile],
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<CaseDocumentId> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "case_document").await? {
            return Ok(CaseDocumentId(id));
        }
        let (id, _) = register_in(&mut tx, case, input, files, actor).await?;
        remember(&mut tx, actor.user_id, key, "case_document", id.0).await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// Registers a document in an open case inside the caller's transaction, with its audit event
/// and the case's search entry: the registry's one registration, which `register_document` and
/// every write that registers what it receives (a referral answer, issue 12) call. Returns the
/// document's id and its full number ("RJL 2024/3336-2").
pub(crate) async fn register_in(
    tx: &mut Tx,
    case: CaseId,
    input: &DocumentInput,
    files: &[NewDocumentFile],
    actor: &Actor,
) -> Result<(CaseDocumentId, String)> {
    let t = tx.now;
    let number: Option<(i64, String)> = on_tx!(tx, |c| sqlx::query_as(
        "UPDATE cases SET documents = documents + 1, updated_at = $1 WHERE id = $2 RETURNING documents, status"
    )
    .bind(t)
    .bind(case.0)
    .fetch_optional(c)
    .await)?;
    let Some((number, status)) = number else { return Err(StoreError::NotFound) };
    if status == domain::cases::CaseStatus::Closed.as_str() {
        return Err(invalid_field(
            "case",
            "case_closed",
            "Ärendet är avslutat; inga fler handlingar kan registreras i det.",
            "The case is closed; no more documents can be registered in it.",
        ));
    }
    let today = domain::meetings::calendar::swedish_date(t);
    let secrecy = input.secrecy.as_ref();
    let id: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO case_documents (case_id, number, registered_on, registered_at, document_date, direction, \
             counterpart, description, secrecy_provision, secrecy_until, secrecy_set_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
    )
    .bind(case.0)
    .bind(number)
    .bind(today)
    .bind(t)
    .bind(input.document_date)
    .bind(input.direction.as_str())
    .bind(&input.counterpart)
    .bind(&input.description)
    .bind(secrecy.map(|s| s.provision.to_string()))
    .bind(secrecy.and_then(|s| s.until))
    .bind(secrecy.map(|_| actor.label.clone()))
    .fetch_one(c)
    .await)?;
    for f in files {
        record_file(tx, id, f).await?;
    }
    let c = fetch(tx, case).await?;
    let changes = json!({
        "number": document_number(&c.number, number), "direction": input.direction.as_str(),
        "document_date": input.document_date.to_string(), "registered_on": today.to_string(),
        "counterpart": input.counterpart, "description": input.description,
        "secrecy": secrecy.map(|s| json!({"provision": s.provision, "until": s.until.map(|u| u.to_string())})),
        "files": files.iter().map(|f| json!({"file_name": f.file_name, "sha256": f.sha256})).collect::<Vec<_>>(),
    });
    audit::record(tx, actor, "case_document.register", "case", Some(case.0), changes).await?;
    refresh_case(tx, case).await?;
    Ok((CaseDocumentId(id), document_number(&c.number, number)))
}

/// Records a file of document `document`, and the file itself when it is new.
async fn record_file(tx: &mut Tx, document: i64, f: &NewDocumentFile) -> Result<()> {
    crate::files::record(tx, &f.sha256, f.size, &f.mime).await?;
    let t = tx.now;
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO case_document_files (document_id, file_name, sha256, created_at) VALUES ($1, $2, $3, $4)"
    )
    .bind(document)
    .bind(&f.file_name)
    .bind(&f.sha256)
    .bind(t)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
