//! Responses: an organisation's one answer (a draft any of its people save, submitted once on
//! its behalf), open responses (one per submission, with the client address for the throttle
//! and an idempotency key), and the reads behind the results and the export.

use domain::organisations::OrganisationKind;
use domain::surveys::{Answers, ResponseStatus};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use super::refused;
use crate::{Actor, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

/// A response as stored.
#[derive(Clone, Debug, Serialize)]
pub struct Response {
    pub id: i64,
    pub survey_id: i64,
    pub organisation_id: Option<i64>,
    pub answers: Answers,
    pub status: ResponseStatus,
    /// Counts saves: a save names the version it began from, and is refused over a newer one.
    pub version: i64,
    pub updated_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    pub submitted_by: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    survey_id: i64,
    organisation_id: Option<i64>,
    answers: String,
    status: String,
    version: i64,
    updated_by: String,
    updated_at: OffsetDateTime,
    submitted_by: Option<String>,
    submitted_at: Option<OffsetDateTime>,
}

impl From<Row> for Response {
    fn from(r: Row) -> Response {
        Response {
            id: r.id,
            survey_id: r.survey_id,
            organisation_id: r.organisation_id,
            answers: serde_json::from_str(&r.answers).unwrap_or_default(),
            status: ResponseStatus::parse(&r.status).unwrap_or(ResponseStatus::Draft),
            version: r.version,
            updated_by: r.updated_by,
            updated_at: r.updated_at,
            submitted_by: r.submitted_by,
            submitted_at: r.submitted_at,
        }
    }
}

const SELECT: &str = "SELECT id, survey_id, organisation_id, answers, status, version, updated_by, updated_at, \
     submitted_by, submitted_at FROM survey_responses";

/// Which responses the results count: all submitted ones, or those of organisations in a
/// county and/or of a kind (open responses have neither, so a filter leaves them out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub county: Option<String>,
    pub kind: Option<OrganisationKind>,
}

/// One submitted response for the results and the export: who answered, and the answers.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ExportRow {
    pub id: i64,
    pub organisation: Option<String>,
    pub kind: Option<String>,
    pub county_code: Option<String>,
    pub submitted_at: Option<OffsetDateTime>,
    pub answers: String,
}

async fn answers_open(tx: &mut Tx, survey: i64) -> Result<(String, Option<time::Date>)> {
    let row: Option<(String, Option<time::Date>)> =
        on_tx!(tx, |c| sqlx::query_as("SELECT status, closes_on FROM surveys WHERE id = $1")
            .bind(survey)
            .fetch_optional(c)
            .await)?;
    row.ok_or(StoreError::NotFound)
}

/// Someone else saved the organisation's answer since the version the caller began from.
fn stale() -> StoreError {
    refused(
        "answers",
        "stale_version",
        "Någon annan har sparat svaret under tiden. Se över den nya versionen och spara igen.",
        "Someone else has saved the answer meanwhile. Look over the new version and save again.",
    )
}

/// Whether an error is a broken unique constraint: a concurrent request wrote the same row first.
fn is_unique(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

fn closed() -> StoreError {
    refused("answers", "survey_closed", "Enkäten tar inte emot svar.", "The survey is not taking answers.")
}

impl Store {
    /// Saves organisation `org`'s answers to survey `survey`, begun from `from_version` (0 when
    /// there was none), and submits them when `submit`. Refused when the survey takes no
    /// answers, when the answer has been submitted (`already_submitted`), or when someone saved
    /// since `from_version` (`stale_version`: the caller shows the newer one).
    pub async fn save_survey_response(
        &self,
        survey: i64,
        org: i64,
        answers: &Answers,
        from_version: i64,
        submit: bool,
        actor: &Actor,
    ) -> Result<Response> {
        let mut tx = self.begin().await?;
        let (status, closes_on) = answers_open(&mut tx, survey).await?;
        let today = domain::meetings::calendar::swedish_date(tx.now);
        let status = domain::surveys::SurveyStatus::parse(&status).unwrap_or_default();
        if !domain::surveys::survey::takes_answers(status, closes_on, today) {
            return Err(closed());
        }
        let sql = format!("{SELECT} WHERE survey_id = $1 AND organisation_id = $2");
        let current: Option<Row> = on_tx!(&mut tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(survey)
            .bind(org)
            .fetch_optional(c)
            .await)?;
        let current = current.map(Response::from);
        if current.as_ref().is_some_and(|r| r.status == ResponseStatus::Submitted) {
            return Err(refused(
                "answers",
                "already_submitted",
                "Organisationens svar är redan inskickat.",
                "The organisation's answer has already been submitted.",
            ));
        }
        let version = current.as_ref().map_or(0, |r| r.version);
        if version != from_version {
            return Err(stale());
        }
        let t = tx.now;
        let text = serde_json::to_string(answers).unwrap_or_default();
        let status = if submit { ResponseStatus::Submitted } else { ResponseStatus::Draft }.as_str();
        let submitted_at = submit.then_some(t);
        let submitted_by = submit.then(|| actor.label.clone());
        let id: i64 = match current {
            Some(r) => {
                on_tx!(&mut tx, |c| sqlx::query(
                    "UPDATE survey_responses SET answers = $1, status = $2, version = version + 1, updated_by = $3, \
                     updated_at = $4, submitted_at = $5, submitted_by = $6 WHERE id = $7"
                )
                .bind(&text)
                .bind(status)
                .bind(&actor.label)
                .bind(t)
                .bind(submitted_at)
                .bind(&submitted_by)
                .bind(r.id)
                .execute(c)
                .await
                .map(|_| ()))?;
                r.id
            }
            // Two first saves at once: the second breaks UNIQUE (survey_id, organisation_id) when
            // the first commits, and is refused as any save over a newer one is.
            None => on_tx!(&mut tx, |c| sqlx::query_scalar(
                "INSERT INTO survey_responses (survey_id, organisation_id, answers, status, version, updated_by, \
                 submitted_by, submitted_at, created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $8) \
                 RETURNING id"
            )
            .bind(survey)
            .bind(org)
            .bind(&text)
            .bind(status)
            .bind(&actor.label)
            .bind(&submitted_by)
            .bind(submitted_at)
            .bind(t)
            .fetch_one(c)
            .await)
            .map_err(|e| if is_unique(&e) { stale() } else { e.into() })?,
        };
        let action = if submit { "survey_response.submit" } else { "survey_response.save" };
        let changes = json!({"survey_id": survey, "organisation_id": org, "answered": answers.len()});
        audit::record(&mut tx, actor, action, "survey_response", Some(id), changes).await?;
        let sql = format!("{SELECT} WHERE id = $1");
        let row: Row =
            on_tx!(&mut tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_one(c).await)?;
        tx.commit().await?;
        Ok(row.into())
    }

    /// An open response (anyone), submitted at once; a retry with the same key returns the
    /// first, also when the two arrive at once (the second breaks UNIQUE (survey_id,
    /// idempotency_key) when the first commits). The caller throttles by `address` with
    /// `open_responses_from`.
    ///
    /// `receipt` (the respondent's copy of their answers) is written to the outbox in the
    /// response's transaction, so it is sent exactly when the response is stored and a retry of
    /// a stored response sends nothing again. Its address is kept only in that message, never
    /// with the response.
    pub async fn create_open_response(
        &self,
        survey: i64,
        answers: &Answers,
        address: &str,
        key: Option<&str>,
        actor: &Actor,
        receipt: Option<&crate::mail::NewMessage>,
    ) -> Result<i64> {
        match self.insert_open_response(survey, answers, address, key, actor, receipt).await {
            Err(StoreError::Database(e)) if is_unique(&e) => {
                self.open_response_keyed(survey, key).await?.ok_or(StoreError::Database(e))
            }
            other => other,
        }
    }

    /// The open response to survey `survey` given with idempotency key `key`.
    pub async fn open_response_keyed(&self, survey: i64, key: Option<&str>) -> Result<Option<i64>> {
        let Some(k) = key else { return Ok(None) };
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT id FROM survey_responses WHERE survey_id = $1 AND idempotency_key = $2"
        )
        .bind(survey)
        .bind(k)
        .fetch_optional(p)
        .await)?)
    }

    async fn insert_open_response(
        &self,
        survey: i64,
        answers: &Answers,
        address: &str,
        key: Option<&str>,
        actor: &Actor,
        receipt: Option<&crate::mail::NewMessage>,
    ) -> Result<i64> {
        if let Some(id) = self.open_response_keyed(survey, key).await? {
            return Ok(id);
        }
        let mut tx = self.begin().await?;
        let (status, closes_on) = answers_open(&mut tx, survey).await?;
        let today = domain::meetings::calendar::swedish_date(tx.now);
        let status = domain::surveys::SurveyStatus::parse(&status).unwrap_or_default();
        if !domain::surveys::survey::takes_answers(status, closes_on, today) {
            return Err(closed());
        }
        let t = tx.now;
        let text = serde_json::to_string(answers).unwrap_or_default();
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO survey_responses (survey_id, answers, status, version, updated_by, submitted_by, submitted_at, \
             address, idempotency_key, created_at, updated_at) \
             VALUES ($1, $2, 'submitted', 1, $3, $3, $4, $5, $6, $4, $4) RETURNING id"
        )
        .bind(survey)
        .bind(&text)
        .bind(&actor.label)
        .bind(t)
        .bind(address)
        .bind(key)
        .fetch_one(c)
        .await
        })?;
        // Whether a receipt was asked for, never to whom.
        let changes = json!({"survey_id": survey, "answered": answers.len(), "receipt": receipt.is_some()});
        audit::record(&mut tx, actor, "survey_response.open", "survey_response", Some(id), changes).await?;
        if let Some(m) = receipt {
            crate::mail::queue_message(&mut tx, m).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// How many open responses client address `address` has given since `since`.
    pub async fn open_responses_from(&self, address: &str, since: OffsetDateTime) -> Result<i64> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM survey_responses WHERE address = $1 AND created_at >= $2"
        )
        .bind(address)
        .bind(since)
        .fetch_one(p)
        .await)?)
    }

    /// Organisation `org`'s response to survey `survey`, draft or submitted.
    pub async fn survey_response(&self, survey: i64, org: i64) -> Result<Option<Response>> {
        let sql = format!("{SELECT} WHERE survey_id = $1 AND organisation_id = $2");
        let row: Option<Row> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(survey)
            .bind(org)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Response::from))
    }

    /// Up to `limit` submitted responses after id `after`, in id order, that `filter` keeps:
    /// the results read them all page by page, the export streams them.
    pub async fn submitted_responses(
        &self,
        survey: i64,
        filter: &Filter,
        after: i64,
        limit: i64,
    ) -> Result<Vec<ExportRow>> {
        let kind = filter.kind.map(|k| k.as_str());
        let filtered = filter.county.is_some() || kind.is_some();
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT r.id, o.name AS organisation, o.kind, o.county_code, r.submitted_at, r.answers \
             FROM survey_responses r LEFT JOIN organisations o ON o.id = r.organisation_id \
             WHERE r.survey_id = $1 AND r.status = 'submitted' AND r.id > $2 \
             AND (NOT $3 OR (o.id IS NOT NULL AND ($4 IS NULL OR o.county_code = $4) AND ($5 IS NULL OR o.kind = $5))) \
             ORDER BY r.id LIMIT $6"
        )
        .bind(survey)
        .bind(after)
        .bind(filtered)
        .bind(&filter.county)
        .bind(kind)
        .bind(limit)
        .fetch_all(p)
        .await)?)
    }
}
