//! Every place the register keeps a person's personal data (GDPR art. 15 and 30): memberships,
//! attendance at meetings, protocol versions and approvals that name them, messages sent to
//! them, referral answers they gave or are named on, their accounts and the audit events about
//! them. The administrator's page, the JSON
//! export and the register extract all read this one answer.

use domain::ids::PersonId;
use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::audit::{AuditEvent, AuditFilter};
use crate::people::PersonView;
use crate::{Result, Store, StoreError, on_pool};

/// The most audit events one answer lists (the newest).
const AUDIT_LIMIT: usize = 500;

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct PlacedMembership {
    pub id: i64,
    pub body_id: i64,
    pub body_name: String,
    pub role: String,
    pub side: String,
    #[serde(with = "domain::dates::ymd")]
    pub start_date: Date,
    #[serde(with = "domain::dates::ymd::option")]
    pub end_date: Option<Date>,
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct PlacedAttendance {
    pub meeting_id: i64,
    pub body_name: String,
    #[serde(with = "domain::dates::ymd")]
    pub date: Date,
    pub role: String,
    pub present: bool,
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct PlacedProtocol {
    pub meeting_id: i64,
    pub version: i64,
    pub body_name: String,
    #[serde(with = "domain::dates::ymd")]
    pub date: Date,
    pub digest: String,
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct PlacedApproval {
    pub meeting_id: i64,
    pub version: i64,
    pub paragraph: i64,
    pub role: String,
    #[serde(with = "time::serde::rfc3339")]
    pub approved_at: OffsetDateTime,
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct PlacedMessage {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub status: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A referral answer the person gave: as a named consultee, or with their e-mail address as the
/// respondent's (the open form's citizens, an official answering for an organisation).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct PlacedAnswer {
    pub referral_id: i64,
    pub referral_title: String,
    pub answer_id: i64,
    pub respondent_name: String,
    pub respondent_email: Option<String>,
    pub status: String,
    #[serde(with = "domain::dates::ymd::option")]
    pub submitted_on: Option<Date>,
}

/// An input to a process the person sent with their e-mail address (issue 14).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct PlacedInput {
    pub process_id: i64,
    pub process_title: String,
    pub input_id: i64,
    pub author_name: Option<String>,
    pub author_email: Option<String>,
    pub status: String,
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
}

/// A survey response the person wrote or sent for their organisation through one of their
/// accounts (open responses carry no one's identity).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct PlacedSurveyResponse {
    pub survey_id: i64,
    pub survey_title: String,
    pub response_id: i64,
    pub status: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<OffsetDateTime>,
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct PlacedAccount {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub disabled: bool,
}

/// Everything the register keeps about one person.
#[derive(Clone, Debug, Serialize)]
pub struct Places {
    pub person: PersonView,
    pub removal: Option<super::Removal>,
    pub memberships: Vec<PlacedMembership>,
    pub attendance: Vec<PlacedAttendance>,
    pub protocols: Vec<PlacedProtocol>,
    pub approvals: Vec<PlacedApproval>,
    pub messages: Vec<PlacedMessage>,
    pub answers: Vec<PlacedAnswer>,
    pub inputs: Vec<PlacedInput>,
    pub survey_responses: Vec<PlacedSurveyResponse>,
    pub accounts: Vec<PlacedAccount>,
    pub audit: Vec<AuditEvent>,
}

const MEMBERSHIPS: &str = "SELECT m.id, m.body_id, b.name AS body_name, m.role, m.side, m.start_date, m.end_date \
                           FROM memberships m JOIN bodies b ON b.id = m.body_id WHERE m.person_id = $1 \
                           ORDER BY m.start_date, m.id";
const ATTENDANCE: &str = "SELECT a.meeting_id, b.name AS body_name, mt.date, a.role, a.present FROM attendance a \
                          JOIN meetings mt ON mt.id = a.meeting_id JOIN bodies b ON b.id = mt.body_id \
                          WHERE a.person_id = $1 ORDER BY mt.date, a.meeting_id";
/// A version names the person where its canonical JSON holds `"person_id":<id>,` (a `Named`
/// starts with its person's id; ADR 13).
const PROTOCOLS: &str = "SELECT v.meeting_id, v.version, b.name AS body_name, mt.date, v.digest \
                         FROM protocol_versions v JOIN meetings mt ON mt.id = v.meeting_id \
                         JOIN bodies b ON b.id = mt.body_id WHERE v.content LIKE $1 ORDER BY mt.date, v.meeting_id, v.version";
const APPROVALS: &str = "SELECT meeting_id, version, paragraph, role, approved_at FROM approvals WHERE person_id = $1 \
                         ORDER BY approved_at, id";
const MESSAGES: &str = "SELECT id, kind, recipient, subject, status, created_at FROM outbox \
                        WHERE person_id = $1 OR ($2 <> '' AND LOWER(recipient) = LOWER($2)) ORDER BY created_at, id";
const ANSWERS: &str = "SELECT a.referral_id, r.title AS referral_title, a.id AS answer_id, a.respondent_name, \
                       a.respondent_email, a.status, a.submitted_on FROM referral_answers a \
                       JOIN referrals r ON r.id = a.referral_id \
                       LEFT JOIN referral_consultees c ON c.id = a.consultee_id \
                       WHERE c.person_id = $1 OR ($2 <> '' AND LOWER(a.respondent_email) = LOWER($2)) \
                       ORDER BY a.created_at, a.id";
const INPUTS: &str = "SELECT i.process_id, x.title AS process_title, i.id AS input_id, i.author_name, i.author_email, \
                      i.status, i.received_at FROM process_inputs i JOIN processes x ON x.id = i.process_id \
                      WHERE $1 <> '' AND LOWER(i.author_email) = LOWER($1) ORDER BY i.received_at, i.id";
/// Responses are stamped with the account's e-mail (`Actor::label`).
const SURVEY_RESPONSES: &str = "SELECT r.survey_id, s.title AS survey_title, r.id AS response_id, r.status, r.submitted_at \
                                FROM survey_responses r JOIN surveys s ON s.id = r.survey_id \
                                WHERE LOWER(r.updated_by) IN (SELECT LOWER(email) FROM users WHERE person_id = $1) \
                                OR LOWER(r.submitted_by) IN (SELECT LOWER(email) FROM users WHERE person_id = $1) \
                                OR ($2 <> '' AND (LOWER(r.updated_by) = LOWER($2) OR LOWER(r.submitted_by) = LOWER($2))) \
                                ORDER BY r.created_at, r.id";
const ACCOUNTS: &str = "SELECT id, email, name, disabled FROM users WHERE person_id = $1 ORDER BY id";

impl Store {
    /// Every place the register keeps `person`'s personal data.
    pub async fn personal_data_places(&self, person: PersonId) -> Result<Places> {
        let view = self.person(person).await?.ok_or(StoreError::NotFound)?;
        let id = person.0;
        let email = view.person.email.clone().unwrap_or_default();
        let pattern = format!("%\"person_id\":{id},%");
        let memberships =
            on_pool!(&self.pool, |p| sqlx::query_as::<_, PlacedMembership>(MEMBERSHIPS).bind(id).fetch_all(p).await)?;
        let attendance =
            on_pool!(&self.pool, |p| sqlx::query_as::<_, PlacedAttendance>(ATTENDANCE).bind(id).fetch_all(p).await)?;
        let protocols =
            on_pool!(&self.pool, |p| sqlx::query_as::<_, PlacedProtocol>(PROTOCOLS).bind(&pattern).fetch_all(p).await)?;
        let approvals =
            on_pool!(&self.pool, |p| sqlx::query_as::<_, PlacedApproval>(APPROVALS).bind(id).fetch_all(p).await)?;
        let messages = on_pool!(&self.pool, |p| sqlx::query_as::<_, PlacedMessage>(MESSAGES)
            .bind(id)
            .bind(&email)
            .fetch_all(p)
            .await)?;
        let answers = on_pool!(&self.pool, |p| sqlx::query_as::<_, PlacedAnswer>(ANSWERS)
            .bind(id)
            .bind(&email)
            .fetch_all(p)
            .await)?;
        let inputs =
            on_pool!(&self.pool, |p| sqlx::query_as::<_, PlacedInput>(INPUTS).bind(&email).fetch_all(p).await)?;
        let survey_responses = on_pool!(&self.pool, |p| sqlx::query_as::<_, PlacedSurveyResponse>(SURVEY_RESPONSES)
            .bind(id)
            .bind(&email)
            .fetch_all(p)
            .await)?;
        let accounts =
            on_pool!(&self.pool, |p| sqlx::query_as::<_, PlacedAccount>(ACCOUNTS).bind(id).fetch_all(p).await)?;
        let mut audit = Vec::new();
        let mut subjects = vec![("person", id)];
        subjects.extend(accounts.iter().map(|a| ("user", a.id)));
        for (kind, subject) in subjects {
            let f = AuditFilter {
                entity_type: Some(kind.into()),
                entity_id: Some(subject.to_string()),
                ..AuditFilter::default()
            };
            audit.extend(self.audit_events(&f, AUDIT_LIMIT).await?.items);
        }
        audit.sort_by_key(|e| std::cmp::Reverse(e.id));
        audit.truncate(AUDIT_LIMIT);
        Ok(Places {
            removal: self.removal(person).await?,
            person: view,
            memberships,
            attendance,
            protocols,
            approvals,
            messages,
            answers,
            inputs,
            survey_responses,
            accounts,
            audit,
        })
    }
}
