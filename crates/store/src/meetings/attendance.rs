//! Attendance: who was at a meeting and in what role, as the protocol keeps it; the list to
//! start from is the body's members on the day.

use domain::ids::{MeetingId, PersonId};
use domain::meetings::Meeting;
use domain::meetings::editing::attendance_editable;
use domain::meetings::{AttendanceInput, MeetingError};
use serde::Serialize;
use serde_json::json;

use super::meeting::touch_meeting;
use crate::{Actor, Result, Store, StoreError, audit, must_exist, on_pool, on_tx};

/// One line of a meeting's attendance, as stored.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct AttendanceLine {
    pub id: i64,
    pub position: i64,
    pub person_id: Option<i64>,
    pub name: String,
    pub party: Option<String>,
    pub organisation: Option<String>,
    pub role: String,
    pub present: bool,
    pub replaces_id: Option<i64>,
    pub replaces_name: Option<String>,
    pub replaces_party: Option<String>,
    pub from_paragraph: Option<i64>,
    pub to_paragraph: Option<i64>,
}

impl AttendanceLine {
    /// The member this substitute served for as the protocol says it: "Bo Berg (M)".
    pub fn replaces_label(&self) -> Option<String> {
        let name = self.replaces_name.clone()?;
        Some(match self.replaces_party.as_deref().filter(|p| !p.is_empty()) {
            Some(p) => format!("{name} ({p})"),
            None => name,
        })
    }
}

impl Store {
    pub async fn attendance(&self, meeting: MeetingId) -> Result<Vec<AttendanceLine>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, AttendanceLine>(
            "SELECT a.id, a.position, a.person_id, a.name, a.party, a.organisation, a.role, a.present, a.replaces_id, \
             r.name AS replaces_name, r.party AS replaces_party, a.from_paragraph, a.to_paragraph FROM attendance a \
             LEFT JOIN people r ON r.id = a.replaces_id WHERE a.meeting_id = $1 ORDER BY a.position, a.id"
        )
        .bind(meeting.0)
        .fetch_all(p)
        .await)?)
    }

    /// The attendance list to start from: the body's members on the day of the meeting, all
    /// marked absent, in the order the members list shows them.
    pub async fn attendance_from_members(&self, meeting: &Meeting) -> Result<Vec<AttendanceInput>> {
        let members = self.memberships(meeting.body_id, Some(meeting.date)).await?;
        Ok(members
            .iter()
            .map(|m| AttendanceInput {
                person: Some(PersonId(m.person_id)),
                name: None,
                organisation: None,
                role: {
                    use domain::meetings::AttendanceRole as A;
                    use domain::structure::MembershipRole as R;
                    match m.role() {
                        R::Chair | R::ViceChair | R::Member => A::Member,
                        R::Substitute => A::Substitute,
                        R::Secretary => A::Secretary,
                        R::CoOpted | R::ProcessLead | R::Adviser => A::Official,
                    }
                },
                present: false,
                replaces: None,
                from_paragraph: None,
                to_paragraph: None,
            })
            .collect())
    }

    /// Replaces a meeting's attendance list. Names, parties and organisations of registered
    /// people are copied in, so that the protocol keeps them as they were on the day.
    pub async fn set_attendance(&self, meeting: MeetingId, lines: &[AttendanceInput], actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        attendance_editable(m.status)?;
        let before = self.attendance(meeting).await?;
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM attendance WHERE meeting_id = $1")
            .bind(meeting.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        for (i, l) in lines.iter().enumerate() {
            let (name, party, organisation) = match l.person {
                Some(p) => {
                    let row: Option<(String, Option<String>, Option<String>)> = on_tx!(&mut tx, |c| {
                        sqlx::query_as(
                        "SELECT p.name, p.party, o.name FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id \
                         WHERE p.id = $1"
                    )
                    .bind(p.0)
                    .fetch_optional(c)
                    .await
                    })?;
                    let (n, party, org) = row.ok_or_else(|| {
                        StoreError::from(MeetingError::UnknownPerson { field: format!("attendance[{i}].person") })
                    })?;
                    (n, party, l.organisation.clone().or(org))
                }
                None => (l.name.clone().unwrap_or_default(), None, l.organisation.clone()),
            };
            if let Some(r) = l.replaces {
                must_exist(&mut tx, "people", r.0, &format!("attendance[{i}].replaces")).await?;
            }
            on_tx!(&mut tx, |c| sqlx::query(
                "INSERT INTO attendance (meeting_id, position, person_id, name, party, organisation, role, present, \
                 replaces_id, from_paragraph, to_paragraph) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
            )
            .bind(meeting.0)
            .bind(i as i64 + 1)
            .bind(l.person.map(|p| p.0))
            .bind(name)
            .bind(party)
            .bind(organisation)
            .bind(l.role.as_str())
            .bind(l.present)
            .bind(l.replaces.map(|p| p.0))
            .bind(l.from_paragraph.map(i64::from))
            .bind(l.to_paragraph.map(i64::from))
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        touch_meeting(&mut tx, meeting).await?;
        let present = |n: usize| json!(n);
        audit::record(
            &mut tx,
            actor,
            "meeting.attendance",
            "meeting",
            Some(meeting.0),
            json!({
                "lines": {"from": before.len(), "to": lines.len()},
                "present": {"from": present(before.iter().filter(|l| l.present).count()),
                            "to": present(lines.iter().filter(|l| l.present).count())},
            }),
        )
        .await?;
        tx.commit().await
    }
}
