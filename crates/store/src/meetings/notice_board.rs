//! The notice board: the announcement of an adjusted protocol (KL 8 kap. 12 §), the notices up
//! today and the archive of those taken down.

use domain::ids::MeetingId;
use domain::meetings::Meeting;
use domain::meetings::protocol::Protocol;
use domain::meetings::{Announcement, AppealNotice, Deadlines, MeetingStatus, SWEDEN};
use domain::structure::BodyKind;
use serde_json::json;
use time::{Date, OffsetDateTime};

use super::meeting::set_status;
use super::year_bounds;
use crate::jobs::{NewJob, enqueue};
use crate::mail::DECISIONS_JOB;
use crate::{Actor, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

/// A row of `announcements`.
#[derive(sqlx::FromRow)]
struct AnnouncementRow {
    id: i64,
    meeting_id: i64,
    body_id: i64,
    body_name: String,
    meeting_date: Date,
    paragraphs: String,
    adjusted_on: Date,
    posted_on: Option<Date>,
    appeal_deadline: Option<Date>,
    takedown_on: Option<Date>,
    kept_at: String,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    body_kind: String,
    body_formal: bool,
}

impl From<AnnouncementRow> for Announcement {
    fn from(r: AnnouncementRow) -> Self {
        Announcement {
            id: r.id,
            meeting_id: r.meeting_id,
            body_id: r.body_id,
            body_name: r.body_name,
            meeting_date: r.meeting_date,
            paragraphs: r.paragraphs,
            adjusted_on: r.adjusted_on,
            posted_on: r.posted_on,
            appeal_deadline: r.appeal_deadline,
            takedown_on: r.takedown_on,
            kept_at: r.kept_at,
            appeal: AppealNotice::for_body(
                BodyKind::parse(&r.body_kind).unwrap_or(BodyKind::WorkingGroup),
                r.body_formal,
            ),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// The body's kind and flag decide what the notice says about appeal (rule 17): one row per
/// notice, so they come with it.
const ANNOUNCEMENT_SELECT: &str = "SELECT a.id, a.meeting_id, a.body_id, a.body_name, a.meeting_date, a.paragraphs, \
    a.adjusted_on, a.posted_on, a.appeal_deadline, a.takedown_on, a.kept_at, a.created_at, a.updated_at, \
    b.kind AS body_kind, b.formal AS body_formal FROM announcements a JOIN bodies b ON b.id = a.body_id";

impl Store {
    pub(super) async fn announce(
        &self,
        tx: &mut Tx,
        m: &Meeting,
        p: &Protocol,
        adjusted_on: Date,
        posted_on: Date,
        actor: &Actor,
    ) -> Result<i64> {
        let dates = Deadlines::default()
            .notice_dates(adjusted_on, posted_on, None, &SWEDEN)
            .map_err(|e| StoreError::Invalid(domain::Invalid::one(e)))?;
        let kept_at = match &p.secretary {
            Some(s) => match &s.organisation {
                Some(o) => format!("{o}, hos sekreteraren {}", s.name),
                None => format!("Hos sekreteraren {}", s.name),
            },
            None => format!("Hos kansliet för {}", m.body_name),
        };
        let t = tx.now;
        let id: i64 = on_tx!(tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO announcements (meeting_id, body_id, body_name, meeting_date, paragraphs, adjusted_on, posted_on, \
             appeal_deadline, takedown_on, kept_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id"
        )
        .bind(m.id.0)
        .bind(m.body_id.0)
        .bind(&m.body_name)
        .bind(m.date)
        .bind(p.paragraph_range())
        .bind(dates.adjusted_on)
        .bind(dates.posted_on)
        .bind(dates.appeal_deadline)
        .bind(dates.takedown_on)
        .bind(&kept_at)
        .bind(t)
        .fetch_one(c)
        .await
        .map_err(StoreError::unique("meeting"))
        })?;
        set_status(tx, m.id, MeetingStatus::Announced).await?;
        // The decisions go to their recipients (ADR 24).
        let job = NewJob::now(DECISIONS_JOB, json!({"meeting": m.id.0, "announcement": id}));
        enqueue(tx, &job.once(format!("{DECISIONS_JOB}:{id}"))).await?;
        audit::record(
            tx,
            actor,
            "announcement.post",
            "announcement",
            Some(id),
            json!({
                "meeting": {"to": m.id}, "posted_on": {"to": dates.posted_on.to_string()},
                "appeal_deadline": {"to": dates.appeal_deadline.to_string()},
                "takedown_on": {"to": dates.takedown_on.to_string()},
            }),
        )
        .await?;
        Ok(id)
    }

    /// Announcements up on `today`: posted, and not yet past their takedown day.
    pub async fn notice_board(&self, today: Date) -> Result<Vec<Announcement>> {
        // Only the takedown day narrows the search to the few notices up, and they are sorted
        // here: asking SQL for the posting day (in the filter or the order) made SQLite walk
        // every notice of all years by the posting-day index.
        let rows: Vec<AnnouncementRow> = on_pool!(&self.pool, |p| sqlx::query_as::<_, AnnouncementRow>(
            sqlx::AssertSqlSafe(format!("{ANNOUNCEMENT_SELECT} WHERE a.takedown_on > $1"))
        )
        .bind(today)
        .fetch_all(p)
        .await)?;
        let mut up: Vec<Announcement> = rows.into_iter().map(Announcement::from).collect();
        up.retain(|a| a.posted_on.is_some_and(|d| d <= today));
        up.sort_by_key(|a| std::cmp::Reverse((a.posted_on, a.id)));
        Ok(up)
    }

    /// Announcements taken down by `today`, newest first, a page at a time.
    pub async fn notice_archive(
        &self,
        today: Date,
        year: Option<i32>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Announcement>> {
        // Date::MIN and MAX lie outside PostgreSQL's date range; years 1 to 9999 cover every notice.
        let (from, to) = year.map(year_bounds).unwrap_or_else(|| (year_bounds(1).0, year_bounds(9999).1));
        let rows: Vec<AnnouncementRow> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ANNOUNCEMENT_SELECT} WHERE a.takedown_on <= $1 AND a.posted_on >= $2 AND a.posted_on <= $3 \
             ORDER BY a.posted_on DESC, a.id DESC LIMIT $4 OFFSET $5"
        )))
        .bind(today)
        .bind(from)
        .bind(to)
        .bind(limit)
        .bind(offset)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(Announcement::from).collect())
    }

    pub async fn announcement(&self, id: i64) -> Result<Option<Announcement>> {
        let row: Option<AnnouncementRow> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ANNOUNCEMENT_SELECT} WHERE a.id = $1"
        )))
        .bind(id)
        .fetch_optional(p)
        .await)?;
        Ok(row.map(Announcement::from))
    }

    pub async fn meeting_announcement(&self, meeting: MeetingId) -> Result<Option<Announcement>> {
        let row: Option<AnnouncementRow> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ANNOUNCEMENT_SELECT} WHERE a.meeting_id = $1"
        )))
        .bind(meeting.0)
        .fetch_optional(p)
        .await)?;
        Ok(row.map(Announcement::from))
    }
}
