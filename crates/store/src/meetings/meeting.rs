//! The meeting itself: its record and how it is loaded, created, changed and deleted, its
//! adjusters, and the small writes every other part of a meeting goes through (insert, status,
//! touch).

use std::collections::HashMap;

use domain::ids::{BodyId, MeetingId, PersonId};
use domain::meetings::adjustment::check_election;
use domain::meetings::editing::{may_delete, may_move, meeting_editable};
use domain::meetings::{Meeting, MeetingInput, MeetingStatus, format_time};
use serde_json::{Value, json};
use time::{Date, OffsetDateTime};

use super::notice_mail::{NoticeSnapshot, notice_deleted, notice_followup, time_or_place_changed};
use super::{to_json, year_bounds};
use crate::accounts::{remember, remembered};
use crate::named::Named;
use crate::query::{Arg, bind_all};
use crate::{Actor, Result, Store, StoreError, Tx, audit, exists, must_exist, on_pool, on_tx};

/// What the audit log keeps of a meeting.
fn snapshot(m: &Meeting) -> Value {
    json!({
        "date": m.date.to_string(), "start": m.start, "end": m.end, "place": m.place,
        "online_url": m.online_url, "chair": m.chair.as_ref().map(|n| n.id),
        "secretary": m.secretary.as_ref().map(|n| n.id), "status": m.status.as_str(),
    })
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: i64,
    body_id: i64,
    body_name: String,
    date: Date,
    start_time: Option<String>,
    end_time: Option<String>,
    place: Option<String>,
    online_url: Option<String>,
    status: String,
    chair_id: Option<i64>,
    chair_name: Option<String>,
    secretary_id: Option<i64>,
    secretary_name: Option<String>,
    adjusters: String,
    sequence: i64,
    adjusted_on: Option<Date>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

const MEETING_SELECT: &str = "SELECT m.id, m.body_id, b.name AS body_name, m.date, m.start_time, m.end_time, m.place, \
    m.online_url, m.status, m.chair_id, c.name AS chair_name, m.secretary_id, s.name AS secretary_name, m.adjusters, \
    m.sequence, m.adjusted_on, m.created_at, m.updated_at FROM meetings m JOIN bodies b ON b.id = m.body_id \
    LEFT JOIN people c ON c.id = m.chair_id LEFT JOIN people s ON s.id = m.secretary_id";

impl MeetingRow {
    fn into_meeting(self, names: &HashMap<i64, String>) -> Meeting {
        let adjusters: Vec<i64> = serde_json::from_str(&self.adjusters).unwrap_or_default();
        Meeting {
            id: MeetingId(self.id),
            body_id: BodyId(self.body_id),
            body_name: self.body_name,
            date: self.date,
            start: self.start_time,
            end: self.end_time,
            place: self.place,
            online_url: self.online_url,
            status: MeetingStatus::parse(&self.status).unwrap_or(MeetingStatus::Planned),
            chair: self.chair_id.zip(self.chair_name).map(|(id, name)| Named { id, name }),
            secretary: self.secretary_id.zip(self.secretary_name).map(|(id, name)| Named { id, name }),
            adjusters: adjusters
                .into_iter()
                .filter_map(|id| names.get(&id).map(|name| Named { id, name: name.clone() }))
                .collect(),
            sequence: self.sequence,
            adjusted_on: self.adjusted_on,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

impl Store {
    /// Meetings matching `where_sql` (with `$n` placeholders for `args`), with their adjusters'
    /// names.
    pub(super) async fn load_meetings(&self, where_sql: &str, args: Vec<Arg>) -> Result<Vec<Meeting>> {
        let sql = format!("{MEETING_SELECT} {where_sql}");
        let rows: Vec<MeetingRow> = on_pool!(&self.pool, |p| {
            let q = sqlx::query_as::<_, MeetingRow>(sqlx::AssertSqlSafe(sql.as_str()));
            bind_all!(q, &args).fetch_all(p).await
        })?;
        let mut ids: Vec<i64> =
            rows.iter().flat_map(|r| serde_json::from_str::<Vec<i64>>(&r.adjusters).unwrap_or_default()).collect();
        ids.sort_unstable();
        ids.dedup();
        let names = self.people_names(&ids).await?;
        Ok(rows.into_iter().map(|r| r.into_meeting(&names)).collect())
    }

    pub async fn meeting(&self, id: MeetingId) -> Result<Option<Meeting>> {
        Ok(self.load_meetings("WHERE m.id = $1", vec![Arg::Int(id.0)]).await?.pop())
    }

    /// A body's meetings in a year (all years with `None`), in date order.
    pub async fn body_meetings(&self, body: BodyId, year: Option<i32>) -> Result<Vec<Meeting>> {
        match year {
            Some(y) => {
                let (from, to) = year_bounds(y);
                let args = vec![Arg::Int(body.0), Arg::Date(from), Arg::Date(to)];
                self.load_meetings("WHERE m.body_id = $1 AND m.date >= $2 AND m.date <= $3 ORDER BY m.date, m.id", args)
                    .await
            }
            None => self.load_meetings("WHERE m.body_id = $1 ORDER BY m.date, m.id", vec![Arg::Int(body.0)]).await,
        }
    }

    /// Meetings between two dates, every body, in date order.
    pub async fn meetings_between(&self, from: Date, to: Date) -> Result<Vec<Meeting>> {
        let args = vec![Arg::Date(from), Arg::Date(to)];
        self.load_meetings("WHERE m.date >= $1 AND m.date <= $2 ORDER BY m.date, m.start_time, m.id", args).await
    }

    /// Creates a planned meeting; a retry with the same idempotency key returns the first.
    pub async fn create_meeting(
        &self,
        body: BodyId,
        m: &MeetingInput,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<MeetingId> {
        let mut tx = self.begin().await?;
        if !exists(&mut tx, "bodies", body.0).await? {
            return Err(StoreError::NotFound);
        }
        if let Some(id) = remembered(&mut tx, actor.user_id, idempotency_key, "meeting").await? {
            return Ok(MeetingId(id));
        }
        let id = insert_meeting(&mut tx, body, m).await?;
        remember(&mut tx, actor.user_id, idempotency_key, "meeting", id.0).await?;
        audit::record(
            &mut tx,
            actor,
            "meeting.create",
            "meeting",
            Some(id.0),
            json!({"body": {"to": body}, "date": {"to": m.date.to_string()}}),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes the time, place and officers of a meeting; calendar clients see a new sequence.
    pub async fn update_meeting(&self, id: MeetingId, m: &MeetingInput, actor: &Actor) -> Result<()> {
        let before = self.meeting(id).await?.ok_or(StoreError::NotFound)?;
        meeting_editable(before.status)?;
        may_move(before.status, m.date, self.today())?;
        let mut tx = self.begin().await?;
        check_people(&mut tx, m).await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| {
            sqlx::query(
            "UPDATE meetings SET date = $1, start_time = $2, end_time = $3, place = $4, online_url = $5, chair_id = $6, \
             secretary_id = $7, sequence = sequence + 1, updated_at = $8 WHERE id = $9"
        )
        .bind(m.date)
        .bind(m.start.map(format_time))
        .bind(m.end.map(format_time))
        .bind(&m.place)
        .bind(&m.online_url)
        .bind(m.chair.map(|p| p.0))
        .bind(m.secretary.map(|p| p.0))
        .bind(stamp)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
        let moved = NoticeSnapshot {
            date: m.date,
            start: m.start.map(format_time),
            end: m.end.map(format_time),
            place: m.place.clone(),
            online_url: m.online_url.clone(),
            ..NoticeSnapshot::of(&before)
        };
        if time_or_place_changed(&before, &moved) {
            notice_followup(&mut tx, id, "REQUEST").await?;
        }
        let after = json!({
            "date": m.date.to_string(), "start": m.start.map(format_time), "end": m.end.map(format_time),
            "place": m.place, "online_url": m.online_url, "chair": m.chair, "secretary": m.secretary,
            "status": before.status.as_str(),
        });
        audit::record(
            &mut tx,
            actor,
            "meeting.update",
            "meeting",
            Some(id.0),
            audit::diff(Some(&snapshot(&before)), Some(&after)),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, id).await?;
        tx.commit().await
    }

    /// Deletes a meeting that has not been held.
    pub async fn delete_meeting(&self, id: MeetingId, actor: &Actor) -> Result<()> {
        let m = self.meeting(id).await?.ok_or(StoreError::NotFound)?;
        may_delete(m.status)?;
        let mut tx = self.begin().await?;
        notice_deleted(&mut tx, &m).await?;
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM meetings WHERE id = $1")
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        audit::record(&mut tx, actor, "meeting.delete", "meeting", Some(id.0), audit::diff(Some(&snapshot(&m)), None))
            .await?;
        crate::search::refresh_meeting(&mut tx, id).await?;
        tx.commit().await
    }

    /// The elected adjusters, in order (the first generated paragraph names them).
    pub async fn set_adjusters(&self, id: MeetingId, people: &[PersonId], actor: &Actor) -> Result<()> {
        let m = self.meeting(id).await?.ok_or(StoreError::NotFound)?;
        meeting_editable(m.status)?;
        check_election(m.chair.as_ref().map(|c| PersonId(c.id)), people)?;
        let mut tx = self.begin().await?;
        for p in people {
            must_exist(&mut tx, "people", p.0, "adjusters").await?;
        }
        let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE meetings SET adjusters = $1, updated_at = $2 WHERE id = $3")
            .bind(to_json(&ids))
            .bind(stamp)
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        let before: Vec<i64> = m.adjusters.iter().map(|n| n.id).collect();
        audit::record(
            &mut tx,
            actor,
            "meeting.adjusters",
            "meeting",
            Some(id.0),
            json!({"adjusters": {"from": before, "to": ids}}),
        )
        .await?;
        tx.commit().await
    }
}

async fn check_people(tx: &mut Tx, m: &MeetingInput) -> Result<()> {
    if let Some(c) = m.chair {
        must_exist(tx, "people", c.0, "chair").await?;
    }
    if let Some(s) = m.secretary {
        must_exist(tx, "people", s.0, "secretary").await?;
    }
    Ok(())
}

pub(super) async fn insert_meeting(tx: &mut Tx, body: BodyId, m: &MeetingInput) -> Result<MeetingId> {
    check_people(tx, m).await?;
    let t = tx.now;
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO meetings (body_id, date, start_time, end_time, place, online_url, status, chair_id, secretary_id, \
         adjusters, sequence, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'planned', $7, $8, '[]', 0, $9, $9) \
         RETURNING id"
    )
    .bind(body.0)
    .bind(m.date)
    .bind(m.start.map(format_time))
    .bind(m.end.map(format_time))
    .bind(&m.place)
    .bind(&m.online_url)
    .bind(m.chair.map(|p| p.0))
    .bind(m.secretary.map(|p| p.0))
    .bind(t)
    .fetch_one(c)
    .await
    })?;
    Ok(MeetingId(id))
}

pub(super) async fn set_status(tx: &mut Tx, id: MeetingId, to: MeetingStatus) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE meetings SET status = $1, sequence = sequence + 1, updated_at = $2 WHERE id = $3"
    )
    .bind(to.as_str())
    .bind(tx.now)
    .bind(id.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub(super) async fn touch_meeting(tx: &mut Tx, id: MeetingId) -> Result<()> {
    on_tx!(tx, |c| sqlx::query("UPDATE meetings SET updated_at = $1 WHERE id = $2")
        .bind(tx.now)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}
