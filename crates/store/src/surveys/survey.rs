//! A survey: create (with an idempotency key), edit, set its definition while drafted, send,
//! close, publish its results; load and list. An edit and a new definition name the version they
//! began from in their UPDATE's WHERE, and sending and closing name the state they leave, so of
//! two concurrent requests the second changes nothing and is refused as a conflict.

use domain::surveys::{Audience, Definition, SurveyInput, SurveyStatus};
use serde::Serialize;
use serde_json::json;
use time::{Date, OffsetDateTime};

use super::{INVITATIONS_JOB, refused};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

/// A survey as stored.
#[derive(Clone, Debug, Serialize)]
pub struct Survey {
    pub id: i64,
    pub title: String,
    pub intro: Option<String>,
    pub audience: Audience,
    pub definition: Definition,
    pub status: SurveyStatus,
    #[serde(with = "domain::dates::ymd::option")]
    pub closes_on: Option<Date>,
    #[serde(with = "domain::dates::ymd::option")]
    pub sent_on: Option<Date>,
    pub results_public: bool,
    /// Counts the changes to its fields, definition and state: an edit names the version it
    /// began from and is refused (`stale_version`) over a newer one.
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Survey {
    /// Whether answers are taken on `today`.
    pub fn takes_answers(&self, today: Date) -> bool {
        domain::surveys::survey::takes_answers(self.status, self.closes_on, today)
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    intro: Option<String>,
    audience: String,
    definition: String,
    status: String,
    closes_on: Option<Date>,
    sent_on: Option<Date>,
    results_public: bool,
    version: i64,
    updated_at: OffsetDateTime,
}

impl From<Row> for Survey {
    fn from(r: Row) -> Survey {
        Survey {
            id: r.id,
            title: r.title,
            intro: r.intro,
            audience: Audience::parse(&r.audience).unwrap_or_default(),
            definition: serde_json::from_str(&r.definition).unwrap_or_default(),
            status: SurveyStatus::parse(&r.status).unwrap_or_default(),
            closes_on: r.closes_on,
            sent_on: r.sent_on,
            results_public: r.results_public,
            version: r.version,
            updated_at: r.updated_at,
        }
    }
}

const SELECT: &str = "SELECT id, title, intro, audience, definition, status, closes_on, sent_on, results_public, \
     version, updated_at FROM surveys";

/// Raises the survey's `updated_at` (so concurrent writes take turns) and loads it.
pub(super) async fn touch(tx: &mut Tx, id: i64) -> Result<Survey> {
    let t = tx.now;
    let n = on_tx!(tx, |c| sqlx::query("UPDATE surveys SET updated_at = $1 WHERE id = $2")
        .bind(t)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    let sql = format!("{SELECT} WHERE id = $1");
    let row: Row = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_one(c).await)?;
    Ok(row.into())
}

/// Someone else changed the survey since the version the caller began from.
fn stale() -> StoreError {
    refused(
        "version",
        "stale_version",
        "Någon annan har ändrat enkäten under tiden. Se över den nya versionen och spara igen.",
        "Someone else has changed the survey meanwhile. Look over the new version and save again.",
    )
}

/// Another request sent the survey first.
fn already_sent() -> StoreError {
    refused("send", "already_sent", "Enkäten är redan utskickad.", "The survey has already been sent.")
}

/// Another request closed the survey first.
fn already_closed() -> StoreError {
    refused("close", "already_closed", "Enkäten är redan stängd.", "The survey has already been closed.")
}

/// Refuses an edit begun from `version` (none: whatever is stored) of a survey now at `s`.
fn current(s: &Survey, version: Option<i64>) -> Result<()> {
    if version.is_some_and(|v| v != s.version) { Err(stale()) } else { Ok(()) }
}

/// Refuses a write whose UPDATE changed no row: what its WHERE named had moved on.
fn changed(rows: u64, otherwise: fn() -> StoreError) -> Result<()> {
    if rows == 0 { Err(otherwise()) } else { Ok(()) }
}

fn sent() -> StoreError {
    refused(
        "definition",
        "survey_sent",
        "Frågorna kan inte ändras när enkäten har skickats ut.",
        "The questions cannot be changed once the survey has been sent.",
    )
}

impl Store {
    pub async fn create_survey(&self, input: &SurveyInput, actor: &Actor, key: Option<&str>) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "survey").await? {
            return Ok(id);
        }
        let t = tx.now;
        let def = serde_json::to_string(&Definition::default()).unwrap_or_default();
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO surveys (title, intro, audience, definition, status, closes_on, results_public, created_at, \
             updated_at) VALUES ($1, $2, $3, $4, 'draft', $5, FALSE, $6, $6) RETURNING id"
        )
        .bind(&input.title)
        .bind(&input.intro)
        .bind(input.audience.as_str())
        .bind(&def)
        .bind(input.closes_on)
        .bind(t)
        .fetch_one(c)
        .await
        })?;
        let changes = json!({"title": input.title, "audience": input.audience.as_str(), "closes_on": input.closes_on});
        audit::record(&mut tx, actor, "survey.create", "survey", Some(id), changes).await?;
        super::index::refresh_survey(&mut tx, id).await?;
        remember(&mut tx, actor.user_id, key, "survey", id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes title, introduction and closing day; the audience only while drafted. Begun from
    /// `version` (none: whatever is stored); refused (`stale_version`) when it has moved on.
    pub async fn update_survey(&self, id: i64, input: &SurveyInput, version: Option<i64>, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let s = touch(&mut tx, id).await?;
        current(&s, version)?;
        if s.status != SurveyStatus::Draft && s.audience != input.audience {
            return Err(refused(
                "audience",
                "survey_sent",
                "Vilka enkäten går till kan inte ändras när den har skickats ut.",
                "Whom the survey asks cannot be changed once it has been sent.",
            ));
        }
        let rows = on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE surveys SET title = $1, intro = $2, audience = $3, closes_on = $4, version = version + 1 \
             WHERE id = $5 AND version = $6"
        )
        .bind(&input.title)
        .bind(&input.intro)
        .bind(input.audience.as_str())
        .bind(input.closes_on)
        .bind(id)
        .bind(version.unwrap_or(s.version))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        changed(rows, stale)?;
        let changes = json!({"title": input.title, "audience": input.audience.as_str(), "closes_on": input.closes_on});
        audit::record(&mut tx, actor, "survey.update", "survey", Some(id), changes).await?;
        super::index::refresh_survey(&mut tx, id).await?;
        tx.commit().await
    }

    /// Replaces the definition of a drafted survey (checked by the caller with
    /// `Definition::check`, or built with `Definition::add`), begun from `version` (none:
    /// whatever is stored); refused (`stale_version`) when it has moved on, so two people adding
    /// a question at once never lose one.
    pub async fn set_survey_definition(
        &self,
        id: i64,
        def: &Definition,
        version: Option<i64>,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let s = touch(&mut tx, id).await?;
        current(&s, version)?;
        if s.status != SurveyStatus::Draft {
            return Err(sent());
        }
        let text = serde_json::to_string(def).unwrap_or_default();
        let rows = on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE surveys SET definition = $1, version = version + 1 WHERE id = $2 AND version = $3"
        )
        .bind(&text)
        .bind(id)
        .bind(version.unwrap_or(s.version))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        changed(rows, stale)?;
        let changes = json!({"questions": def.question_count(), "sections": def.sections.len()});
        audit::record(&mut tx, actor, "survey.definition", "survey", Some(id), changes).await?;
        tx.commit().await
    }

    /// Sends a drafted survey: its questions are fixed from now, and the invitations to its
    /// organisations go out by job in this transaction. Refused without questions, or for an
    /// organisations' survey without organisations.
    pub async fn send_survey(&self, id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let s = touch(&mut tx, id).await?;
        if s.status != SurveyStatus::Draft {
            return Err(already_sent());
        }
        let today = domain::meetings::calendar::swedish_date(tx.now);
        domain::surveys::survey::sendable(s.closes_on, today).map_err(domain::Invalid::from)?;
        if s.definition.check().is_err() {
            return Err(refused(
                "send",
                "no_questions",
                "Enkäten behöver minst en giltig fråga innan den skickas.",
                "The survey needs at least one valid question before it is sent.",
            ));
        }
        let recipients: Vec<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT organisation_id FROM survey_recipients WHERE survey_id = $1 ORDER BY id"
        )
        .bind(id)
        .fetch_all(c)
        .await)?;
        if s.audience == Audience::Organisations && recipients.is_empty() {
            return Err(refused(
                "send",
                "no_recipients",
                "Välj vilka organisationer enkäten ska gå till innan den skickas.",
                "Choose the organisations the survey goes to before it is sent.",
            ));
        }
        let rows = on_tx!(&mut tx, |c| {
            sqlx::query(
            "UPDATE surveys SET status = 'open', sent_on = $1, version = version + 1 WHERE id = $2 AND status = 'draft'"
        )
        .bind(today)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
        changed(rows, already_sent)?;
        if !recipients.is_empty() {
            let job = crate::jobs::NewJob::now(INVITATIONS_JOB, json!({"survey_id": id, "organisations": recipients}));
            crate::jobs::enqueue(&mut tx, &job).await?;
        }
        audit::record(&mut tx, actor, "survey.send", "survey", Some(id), json!({"organisations": recipients.len()}))
            .await?;
        super::index::refresh_survey(&mut tx, id).await?;
        tx.commit().await
    }

    /// Closes an open survey: no more answers are taken. A closed one is refused as
    /// `already_closed` (another request got there first), a drafted one as `not_open`.
    pub async fn close_survey(&self, id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let s = touch(&mut tx, id).await?;
        match s.status {
            SurveyStatus::Open => {}
            SurveyStatus::Closed => return Err(already_closed()),
            SurveyStatus::Draft => {
                return Err(refused("close", "not_open", "Enkäten är inte öppen.", "The survey is not open."));
            }
        }
        let rows = on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE surveys SET status = 'closed', version = version + 1 WHERE id = $1 AND status = 'open'"
        )
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        changed(rows, already_closed)?;
        audit::record(&mut tx, actor, "survey.close", "survey", Some(id), json!({})).await?;
        super::index::refresh_survey(&mut tx, id).await?;
        tx.commit().await
    }

    /// Publishes the results to everyone (or withdraws them); a drafted survey has none.
    pub async fn publish_survey_results(&self, id: i64, public: bool, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let s = touch(&mut tx, id).await?;
        if s.status == SurveyStatus::Draft && public {
            return Err(refused(
                "results_public",
                "not_sent",
                "En enkät som inte har skickats ut har inga resultat.",
                "A survey that has not been sent has no results.",
            ));
        }
        on_tx!(&mut tx, |c| sqlx::query("UPDATE surveys SET results_public = $1 WHERE id = $2")
            .bind(public)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
        audit::record(&mut tx, actor, "survey.results", "survey", Some(id), json!({"results_public": public})).await?;
        tx.commit().await
    }

    pub async fn survey(&self, id: i64) -> Result<Option<Survey>> {
        let sql = format!("{SELECT} WHERE id = $1");
        let row: Option<Row> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Survey::from))
    }

    /// The surveys, newest first; the drafted ones only when `drafts`.
    pub async fn surveys(&self, drafts: bool) -> Result<Vec<Survey>> {
        let sql = format!("{SELECT} WHERE status <> 'draft' OR $1 ORDER BY created_at DESC, id DESC");
        let rows: Vec<Row> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(drafts)
            .fetch_all(p)
            .await)?;
        Ok(rows.into_iter().map(Survey::from).collect())
    }
}
