//! Who acts for an organisation in joint matters (ADR 39), and what the start page and the
//! morning's reminders need of that.
//!
//! An account is an officer of an organisation when the person of the register it acts as
//! (`users.person_id`) belongs to that organisation (`people.organisation_id`), or when it is
//! one of the organisation's registrars (ADR 33): the municipal director's office that keeps
//! the registry. That is how the rest of the product already ties an account to an
//! organisation; joint matters add no list of their own.

use domain::ids::{OrganisationId, UserId};
use domain::joint::{PartyStatus, REMINDER_DAYS, reminder_due};
use serde::Serialize;
use time::{Date, Duration};

use crate::{Result, Store, on_pool};

/// An account to remind.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Officer {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub lang: Option<String>,
}

/// A matter the region's officer waits on: how many organisations have not decided.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Waiting {
    pub id: i64,
    pub title: String,
    #[serde(with = "domain::dates::ymd")]
    pub due_on: Date,
    pub undecided: i64,
    pub parties: i64,
}

/// A matter an organisation must decide on.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct ToDecide {
    pub id: i64,
    pub title: String,
    pub organisation_id: i64,
    pub organisation: String,
    pub status: String,
    #[serde(with = "domain::dates::ymd")]
    pub due_on: Date,
}

impl ToDecide {
    pub fn party_status(&self) -> PartyStatus {
        PartyStatus::parse(&self.status).unwrap_or_default()
    }
}

/// `IN (…)` of ids (integers, so safe to write into the SQL).
fn id_list(orgs: &[OrganisationId]) -> String {
    if orgs.is_empty() {
        return "NULL".into();
    }
    orgs.iter().map(|o| o.0.to_string()).collect::<Vec<_>>().join(", ")
}

impl Store {
    /// The organisations the account is an officer of (ADR 39).
    pub async fn officer_organisations(&self, user: UserId) -> Result<Vec<OrganisationId>> {
        let ids: Vec<i64> = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT p.organisation_id FROM users u JOIN people p ON p.id = u.person_id \
             WHERE u.id = $1 AND p.organisation_id IS NOT NULL \
             UNION SELECT organisation_id FROM case_registrars WHERE user_id = $1"
        )
        .bind(user.0)
        .fetch_all(p)
        .await)?;
        Ok(ids.into_iter().map(OrganisationId).collect())
    }

    /// The accounts that are officers of `org`, enabled, by name.
    pub async fn officers_of(&self, org: OrganisationId) -> Result<Vec<Officer>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT u.id AS user_id, u.name, u.email, u.lang FROM users u \
             WHERE NOT u.disabled AND (u.id IN (SELECT user_id FROM case_registrars WHERE organisation_id = $1) \
             OR u.person_id IN (SELECT id FROM people WHERE organisation_id = $1)) ORDER BY u.name, u.id"
        )
        .bind(org.0)
        .fetch_all(p)
        .await)?)
    }

    /// Matters owned by `owners` where a sent organisation has not decided, soonest due first.
    pub async fn joint_matters_waiting(&self, owners: &[OrganisationId]) -> Result<Vec<Waiting>> {
        let sql = format!(
            "SELECT j.id, j.title, j.due_on, \
             (SELECT COUNT(*) FROM joint_parties p WHERE p.matter_id = j.id AND p.status NOT IN ('decided', 'declined')) AS undecided, \
             (SELECT COUNT(*) FROM joint_parties p WHERE p.matter_id = j.id) AS parties \
             FROM joint_matters j WHERE j.owner_id IN ({}) AND EXISTS (SELECT 1 FROM joint_parties p \
             WHERE p.matter_id = j.id AND p.status NOT IN ('decided', 'declined')) ORDER BY j.due_on, j.id",
            id_list(owners)
        );
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?)
    }

    /// What `orgs` must decide: matters sent to them and not yet decided, soonest due first.
    pub async fn joint_matters_to_decide(&self, orgs: &[OrganisationId]) -> Result<Vec<ToDecide>> {
        let sql = format!(
            "SELECT j.id, j.title, p.organisation_id, o.name AS organisation, p.status, j.due_on \
             FROM joint_parties p JOIN joint_matters j ON j.id = p.matter_id JOIN organisations o ON o.id = p.organisation_id \
             WHERE p.organisation_id IN ({}) AND p.status IN ('sent', 'in_preparation') ORDER BY j.due_on, j.id, o.name",
            id_list(orgs)
        );
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?)
    }

    /// The (matter, organisation) pairs to remind on `today`: sent, undecided, due within the
    /// reminder days (the domain's `reminder_due`).
    pub async fn joint_reminders_due(&self, today: Date) -> Result<Vec<ToDecide>> {
        let rows: Vec<ToDecide> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT j.id, j.title, p.organisation_id, o.name AS organisation, p.status, j.due_on \
             FROM joint_parties p JOIN joint_matters j ON j.id = p.matter_id JOIN organisations o ON o.id = p.organisation_id \
             WHERE p.status IN ('sent', 'in_preparation') AND j.due_on >= $1 AND j.due_on <= $2 ORDER BY j.id, o.name"
        )
        .bind(today)
        .bind(today + Duration::days(REMINDER_DAYS))
        .fetch_all(p)
        .await
        })?;
        Ok(rows.into_iter().filter(|r| reminder_due(r.party_status(), r.due_on, today, REMINDER_DAYS)).collect())
    }
}

/// A joint matter a protocol paragraph recommended: the paragraph's number, the matter's id
/// and title (for the protocol's link).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FromParagraph {
    pub number: i64,
    pub id: i64,
    pub title: String,
}

impl Store {
    /// The joint matters the paragraphs of a meeting's protocol recommended, by paragraph.
    pub async fn joint_matters_of_meeting(&self, meeting: i64) -> Result<Vec<FromParagraph>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT CAST(p.number AS BIGINT) AS number, j.id, j.title FROM joint_matters j \
             JOIN paragraphs p ON p.id = j.paragraph_id WHERE p.meeting_id = $1 ORDER BY p.number, j.id"
        )
        .bind(meeting)
        .fetch_all(p)
        .await)?)
    }
}
