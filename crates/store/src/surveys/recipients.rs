//! The organisations a survey asks, each with how far its answer has come.

use domain::ids::OrganisationId;
use domain::surveys::{Audience, ResponseStatus, SurveyStatus};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use super::survey::touch;
use super::{INVITATIONS_JOB, refused};
use crate::{Actor, Result, Store, audit, on_pool, on_tx};

/// An organisation asked, with its answer's state.
#[derive(Clone, Debug, Serialize)]
pub struct Recipient {
    pub organisation_id: i64,
    pub name: String,
    pub kind: String,
    pub county_code: Option<String>,
    pub email: Option<String>,
    /// Drafted or submitted, or none when no one has begun.
    pub status: Option<ResponseStatus>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct Row {
    organisation_id: i64,
    name: String,
    kind: String,
    county_code: Option<String>,
    email: Option<String>,
    status: Option<String>,
    submitted_at: Option<OffsetDateTime>,
}

impl From<Row> for Recipient {
    fn from(r: Row) -> Recipient {
        Recipient {
            organisation_id: r.organisation_id,
            name: r.name,
            kind: r.kind,
            county_code: r.county_code,
            email: r.email,
            status: r.status.as_deref().and_then(ResponseStatus::parse),
            submitted_at: r.submitted_at,
        }
    }
}

impl Store {
    /// Adds organisations to a survey for organisations (those already asked are left as they
    /// are) and returns how many were new. After sending, the new ones get their invitation by
    /// job in the same transaction; a closed survey takes no one.
    pub async fn add_survey_recipients(&self, id: i64, orgs: &[OrganisationId], actor: &Actor) -> Result<usize> {
        let mut tx = self.begin().await?;
        let s = touch(&mut tx, id).await?;
        if s.audience != Audience::Organisations {
            return Err(refused(
                "organisations",
                "open_survey",
                "En öppen enkät skickas inte till organisationer.",
                "An open survey is not sent to organisations.",
            ));
        }
        if s.status == SurveyStatus::Closed {
            return Err(refused("organisations", "closed", "Enkäten är stängd.", "The survey is closed."));
        }
        let t = tx.now;
        let mut added = Vec::new();
        for o in orgs {
            crate::must_exist(&mut tx, "organisations", o.0, "organisations").await?;
            let new: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
                "INSERT INTO survey_recipients (survey_id, organisation_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING RETURNING organisation_id"
            )
            .bind(id)
            .bind(o.0)
            .bind(t)
            .fetch_optional(c)
            .await)?;
            added.extend(new);
        }
        if s.status == SurveyStatus::Open && !added.is_empty() {
            let job = crate::jobs::NewJob::now(INVITATIONS_JOB, json!({"survey_id": id, "organisations": added}));
            crate::jobs::enqueue(&mut tx, &job).await?;
        }
        audit::record(&mut tx, actor, "survey.recipients", "survey", Some(id), json!({"added": added})).await?;
        tx.commit().await?;
        Ok(added.len())
    }

    /// The organisations asked, by name, with their answers' state.
    pub async fn survey_recipients(&self, id: i64) -> Result<Vec<Recipient>> {
        let rows: Vec<Row> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT o.id AS organisation_id, o.name, o.kind, o.county_code, o.email, r.status, r.submitted_at \
             FROM survey_recipients k JOIN organisations o ON o.id = k.organisation_id \
             LEFT JOIN survey_responses r ON r.survey_id = k.survey_id AND r.organisation_id = k.organisation_id \
             WHERE k.survey_id = $1 ORDER BY o.name_key, o.id"
        )
        .bind(id)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(Recipient::from).collect())
    }

    /// Whether organisation `org` is asked by survey `id`.
    pub async fn survey_asks(&self, id: i64, org: i64) -> Result<bool> {
        let n: i64 = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM survey_recipients WHERE survey_id = $1 AND organisation_id = $2"
        )
        .bind(id)
        .bind(org)
        .fetch_one(p)
        .await)?;
        Ok(n > 0)
    }

    /// The organisation of account `user` (through its person), if any: whose answers its
    /// people draft.
    pub async fn user_organisation(&self, user: i64) -> Result<Option<(i64, String)>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT o.id, o.name FROM users u JOIN people p ON p.id = u.person_id \
             JOIN organisations o ON o.id = p.organisation_id WHERE u.id = $1"
        )
        .bind(user)
        .fetch_optional(p)
        .await)?)
    }

    /// The open or closed surveys organisation `org` is asked, newest first, with its state.
    pub async fn surveys_asking(&self, org: i64) -> Result<Vec<(i64, String, Option<ResponseStatus>)>> {
        let rows: Vec<(i64, String, Option<String>)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT s.id, s.title, r.status FROM survey_recipients k JOIN surveys s ON s.id = k.survey_id \
             LEFT JOIN survey_responses r ON r.survey_id = s.id AND r.organisation_id = k.organisation_id \
             WHERE k.organisation_id = $1 AND s.status <> 'draft' ORDER BY s.created_at DESC, s.id DESC"
        )
        .bind(org)
        .fetch_all(p)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|(id, title, status)| (id, title, status.as_deref().and_then(ResponseStatus::parse)))
            .collect())
    }
}
