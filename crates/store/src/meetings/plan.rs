//! A body's meeting plan for a year, and the planned meetings it brings: setting the plan
//! creates a planned meeting for each new date and cancels those whose date left the plan.

use domain::ids::{BodyId, MeetingId};
use domain::meetings::{MeetingError, MeetingInput, MeetingStatus};
use serde_json::json;
use time::Date;

use super::meeting::{insert_meeting, set_status};
use super::year_bounds;
use crate::{Actor, Result, Store, StoreError, Tx, audit, exists, on_pool, on_tx};

impl Store {
    /// The planned meeting dates of a body in a year.
    pub async fn meeting_plan(&self, body: BodyId, year: i32) -> Result<Vec<Date>> {
        let (from, to) = year_bounds(year);
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT date FROM meeting_plan_dates WHERE body_id = $1 AND date >= $2 AND date <= $3 ORDER BY date"
        )
        .bind(body.0)
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await)?)
    }

    /// Replaces the plan of one year (the plan is itself decided in a meeting).
    pub async fn set_meeting_plan(&self, body: BodyId, year: i32, dates: &[Date], actor: &Actor) -> Result<()> {
        if let Some(d) = dates.iter().find(|d| d.year() != year) {
            return Err(MeetingError::WrongYear { date: *d, year }.into());
        }
        let before = self.meeting_plan(body, year).await?;
        let mut tx = self.begin().await?;
        if !exists(&mut tx, "bodies", body.0).await? {
            return Err(StoreError::NotFound);
        }
        let (from, to) = year_bounds(year);
        on_tx!(&mut tx, |c| sqlx::query(
            "DELETE FROM meeting_plan_dates WHERE body_id = $1 AND date >= $2 AND date <= $3"
        )
        .bind(body.0)
        .bind(from)
        .bind(to)
        .execute(c)
        .await
        .map(|_| ()))?;
        for d in dates {
            on_tx!(&mut tx, |c| sqlx::query("INSERT INTO meeting_plan_dates (body_id, date) VALUES ($1, $2)")
                .bind(body.0)
                .bind(*d)
                .execute(c)
                .await
                .map(|_| ()))?;
        }
        sync_plan(&mut tx, body, year, dates).await?;
        let show = |v: &[Date]| v.iter().map(Date::to_string).collect::<Vec<_>>();
        audit::record(
            &mut tx,
            actor,
            "body.meeting_plan",
            "body",
            Some(body.0),
            json!({"year": year, "dates": {"from": show(&before), "to": show(dates)}}),
        )
        .await?;
        tx.commit().await
    }
}

/// Brings a body's meetings of a year in line with its meeting plan: a planned meeting for each
/// new date, and planned meetings on dates no longer in the plan cancelled.
async fn sync_plan(tx: &mut Tx, body: BodyId, year: i32, dates: &[Date]) -> Result<()> {
    let (from, to) = year_bounds(year);
    let existing: Vec<(i64, Date, String)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, date, status FROM meetings WHERE body_id = $1 AND date >= $2 AND date <= $3"
    )
    .bind(body.0)
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await)?;
    for d in dates {
        if !existing.iter().any(|(_, x, _)| x == d) {
            let m = MeetingInput {
                date: *d,
                start: None,
                end: None,
                place: None,
                online_url: None,
                chair: None,
                secretary: None,
            };
            insert_meeting(tx, body, &m).await?;
        }
    }
    for (id, d, status) in &existing {
        if !dates.contains(d) && (status == "planned" || status == "notice_sent") {
            set_status(tx, MeetingId(*id), MeetingStatus::Cancelled).await?;
            super::notice_mail::notice_followup(tx, MeetingId(*id), "CANCEL").await?;
        }
    }
    Ok(())
}
