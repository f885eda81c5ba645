//! Requests for official documents (begäran om allmän handling, issue 11, ADR 48): the public
//! form's request, kept with the organisation whose registry holds the case; its registrars'
//! queue; and the registrar's record of how it was handled. Creating a request enqueues the
//! job that mails the registrars in the same transaction, so a request never goes unnoticed
//! and a failed write mails nobody.

use domain::cases::{HandlingInput, RequestInput, RequestStatus};
use domain::ids::{CaseId, OrganisationId};
use serde::Serialize;
use serde_json::json;
use time::{Date, OffsetDateTime};

use super::fetch;
use crate::{Actor, Result, Store, StoreError, Tx, audit, invalid_field, on_pool, on_tx};

/// The job that mails a new request to its organisation's registrars (handled in `web`).
pub const REQUEST_MAIL_JOB: &str = "document_request.notify";

/// A request as stored.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct DocumentRequest {
    pub id: i64,
    pub organisation_id: i64,
    pub case_id: i64,
    /// The case's number, "RJL 2024/3336".
    pub case_number: String,
    pub case_title: String,
    pub document_id: Option<i64>,
    /// The document's number within the case, when one document was asked for.
    pub document_number: Option<i64>,
    pub what: String,
    pub name: Option<String>,
    pub email: String,
    pub delivery: String,
    pub status: String,
    pub outcome: Option<String>,
    pub provision: Option<String>,
    pub note: Option<String>,
    pub handled_by: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub handled_at: Option<OffsetDateTime>,
    #[serde(with = "domain::dates::ymd")]
    pub received_on: Date,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl DocumentRequest {
    /// Whole days since the request arrived, by `today` (the registrar's "skyndsamt").
    pub fn age_days(&self, today: Date) -> i64 {
        (today - self.received_on).whole_days().max(0)
    }

    pub fn is_open(&self) -> bool {
        self.status == RequestStatus::Received.as_str()
    }
}

const SELECT: &str = "SELECT r.id, r.organisation_id, r.case_id, \
     c.prefix || ' ' || CAST(c.year AS TEXT) || '/' || CAST(c.seq AS TEXT) AS case_number, \
     c.public_title AS case_title, r.document_id, d.number AS document_number, r.what, r.name, r.email, \
     r.delivery, r.status, r.outcome, r.provision, r.note, r.handled_by, r.handled_at, r.received_on, r.created_at \
     FROM document_requests r JOIN cases c ON c.id = r.case_id LEFT JOIN case_documents d ON d.id = r.document_id";

async fn request_in(tx: &mut Tx, id: i64) -> Result<DocumentRequest> {
    let sql = format!("{SELECT} WHERE r.id = $1");
    let row: Option<DocumentRequest> =
        on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(c).await)?;
    row.ok_or(StoreError::NotFound)
}

impl Store {
    /// Whether a request with the form's key is stored already (a retry adds nothing).
    pub async fn document_request_stored(&self, case: CaseId, key: &str) -> Result<bool> {
        let n: i64 = crate::on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM document_requests WHERE case_id = $1 AND idempotency_key = $2"
        )
        .bind(case.0)
        .bind(key)
        .fetch_one(p)
        .await)?;
        Ok(n > 0)
    }

    /// Receives a request for `case` (or one of its documents) from the public form and
    /// enqueues `mail_job` (payload `{"request_id"}`) to tell the organisation's registrars.
    /// With an idempotency key a retry returns the first request.
    pub async fn create_document_request(
        &self,
        case: CaseId,
        input: &RequestInput,
        mail_job: &'static str,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<DocumentRequest> {
        let mut tx = self.begin().await?;
        let c = fetch(&mut tx, case).await?;
        if let Some(key) = key {
            let first: Option<i64> = on_tx!(&mut tx, |x| sqlx::query_scalar(
                "SELECT id FROM document_requests WHERE case_id = $1 AND idempotency_key = $2"
            )
            .bind(case.0)
            .bind(key)
            .fetch_optional(x)
            .await)?;
            if let Some(id) = first {
                return request_in(&mut tx, id).await;
            }
        }
        if let Some(doc) = input.document_id {
            let in_case: Option<i64> = on_tx!(&mut tx, |x| sqlx::query_scalar(
                "SELECT id FROM case_documents WHERE id = $1 AND case_id = $2"
            )
            .bind(doc)
            .bind(case.0)
            .fetch_optional(x)
            .await)?;
            if in_case.is_none() {
                return Err(invalid_field(
                    "document_id",
                    "unknown_document",
                    "Handlingen finns inte i ärendet.",
                    "The case has no such document.",
                ));
            }
        }
        let (t, today) = (tx.now, domain::meetings::calendar::swedish_date(tx.now));
        let id: i64 = on_tx!(&mut tx, |x| sqlx::query_scalar(
            "INSERT INTO document_requests (organisation_id, case_id, document_id, what, name, email, delivery, status, \
             address, idempotency_key, received_on, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'received', $8, $9, $10, $11) RETURNING id"
        )
        .bind(c.organisation_id.0)
        .bind(case.0)
        .bind(input.document_id)
        .bind(&input.what)
        .bind(&input.name)
        .bind(&input.email)
        .bind(input.delivery.as_str())
        .bind(&actor.address)
        .bind(key)
        .bind(today)
        .bind(t)
        .fetch_one(x)
        .await)
        .map_err(StoreError::unique("idempotency_key"))?;
        let job = crate::jobs::NewJob::now(mail_job, json!({"request_id": id})).once(format!("document-request:{id}"));
        crate::jobs::enqueue(&mut tx, &job).await?;
        // The requester's name and address stay out of the audit trail: only the registrars see them.
        let changes = json!({"case_id": case.0, "document_id": input.document_id, "delivery": input.delivery.as_str()});
        audit::record(&mut tx, actor, "document_request.create", "document_request", Some(id), changes).await?;
        let r = request_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(r)
    }

    /// How many requests `address` made since `since` (the public form's throttle).
    pub async fn document_requests_from(&self, address: &str, since: OffsetDateTime) -> Result<i64> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM document_requests WHERE address = $1 AND created_at >= $2"
        )
        .bind(address)
        .bind(since)
        .fetch_one(p)
        .await)?)
    }

    pub async fn document_request(&self, id: i64) -> Result<Option<DocumentRequest>> {
        let sql = format!("{SELECT} WHERE r.id = $1");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?)
    }

    /// How many of `org`'s requests are still open (received, not yet handled): the count on
    /// its registrars' start page.
    pub async fn open_document_requests(&self, org: OrganisationId) -> Result<i64> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM document_requests WHERE organisation_id = $1 AND status = 'received'"
        )
        .bind(org.0)
        .fetch_one(p)
        .await)?)
    }

    /// The registrars' queue of `org`: open requests first, the oldest first.
    pub async fn document_requests(&self, org: OrganisationId) -> Result<Vec<DocumentRequest>> {
        let sql = format!(
            "{SELECT} WHERE r.organisation_id = $1 \
             ORDER BY CASE WHEN r.status = 'received' THEN 0 ELSE 1 END, r.created_at, r.id"
        );
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(org.0).fetch_all(p).await)?)
    }

    /// Records how a request was handled; a request is handled once.
    pub async fn handle_document_request(&self, id: i64, h: &HandlingInput, actor: &Actor) -> Result<DocumentRequest> {
        let mut tx = self.begin().await?;
        let r = request_in(&mut tx, id).await?;
        if !r.is_open() {
            return Err(invalid_field(
                "outcome",
                "already_handled",
                "Begäran är redan handlagd.",
                "The request has already been handled.",
            ));
        }
        let provision = h.provision.as_ref().map(ToString::to_string);
        let t = tx.now;
        on_tx!(&mut tx, |x| sqlx::query(
            "UPDATE document_requests SET status = 'handled', outcome = $1, provision = $2, note = $3, \
             handled_by = $4, handled_at = $5 WHERE id = $6"
        )
        .bind(h.outcome.as_str())
        .bind(&provision)
        .bind(&h.note)
        .bind(&actor.label)
        .bind(t)
        .bind(id)
        .execute(x)
        .await
        .map(|r| r.rows_affected()))?;
        let changes = json!({"outcome": h.outcome.as_str(), "provision": provision, "note": h.note});
        audit::record(&mut tx, actor, "document_request.handle", "document_request", Some(id), changes).await?;
        let r = request_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(r)
    }
}
