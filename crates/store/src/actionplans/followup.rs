//! Follow-up rounds: a body asks every forum whose published plan covers the round's year; each
//! forum answers with its summary and a line per activity, which also sets the activities'
//! status and progress (the plan shows the latest follow-up). The first submission's day is
//! kept, so an answer edited after the due day still counts as on time.

use domain::actionplans::followup::request_state;
use domain::named::Named;
use serde::Serialize;
use serde_json::json;
use time::Date;

use super::{AnswerInput, Line, Request, Round, RoundInput};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, audit, invalid_field, must_exist, on_pool, on_tx};

/// A forum that has not answered a round, for the morning's reminders.
#[derive(Clone, Debug, Serialize)]
pub struct PendingRequest {
    pub round_id: i64,
    pub round_title: String,
    #[serde(with = "domain::dates::ymd")]
    pub due_on: Date,
    pub plan_id: i64,
    pub forum: Named,
}

#[allow(clippy::type_complexity)]
type RequestRow = (i64, String, i64, String, Option<String>, Option<Date>, Option<String>);

impl Store {
    /// Creates a round and asks each forum whose published plan covers its year; a retry with
    /// the same idempotency key returns the first. Refused when no plan covers the year.
    pub async fn create_followup_round(&self, input: &RoundInput, actor: &Actor, key: Option<&str>) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "followup_round").await? {
            return Ok(id);
        }
        must_exist(&mut tx, "bodies", input.body_id, "body_id").await?;
        let plans: Vec<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT id FROM action_plans WHERE published AND first_year <= $1 AND last_year >= $1 ORDER BY id"
        )
        .bind(input.year as i64)
        .fetch_all(c)
        .await)?;
        if plans.is_empty() {
            return Err(invalid_field(
                "year",
                "no_plans",
                "Ingen publicerad handlingsplan gäller det året.",
                "No published action plan covers that year.",
            ));
        }
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO followup_rounds (body_id, title, year, due_on, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id"
        )
        .bind(input.body_id)
        .bind(&input.title)
        .bind(input.year as i64)
        .bind(input.due_on)
        .bind(t)
        .fetch_one(c)
        .await
        })?;
        for plan in &plans {
            on_tx!(&mut tx, |c| sqlx::query("INSERT INTO followup_answers (round_id, plan_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*plan)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
        remember(&mut tx, actor.user_id, key, "followup_round", id).await?;
        let changes = json!({"body_id": input.body_id, "title": input.title, "year": input.year,
                             "due_on": input.due_on.to_string(), "plans": plans});
        audit::record(&mut tx, actor, "followup_round.create", "followup_round", Some(id), changes).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A round with each forum's state on the store's today.
    pub async fn followup_round(&self, id: i64) -> Result<Option<Round>> {
        let row: Option<(i64, i64, String, String, i64, Date)> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT r.id, b.id, b.name, r.title, r.year, r.due_on FROM followup_rounds r JOIN bodies b ON b.id = r.body_id \
             WHERE r.id = $1"
        )
        .bind(id)
        .fetch_optional(p)
        .await
        })?;
        let Some((id, bid, bname, title, year, due_on)) = row else { return Ok(None) };
        let rows: Vec<RequestRow> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT a.plan_id, p.title, b.id, b.name, a.summary, a.submitted_on, a.submitted_by FROM followup_answers a \
             JOIN action_plans p ON p.id = a.plan_id JOIN bodies b ON b.id = p.body_id WHERE a.round_id = $1 \
             ORDER BY b.name_key, p.id"
        )
        .bind(id)
        .fetch_all(p)
        .await
        })?;
        let today = self.today();
        let requests = rows
            .into_iter()
            .map(|(plan_id, plan_title, fid, fname, summary, submitted_on, submitted_by)| Request {
                plan_id,
                plan_title,
                forum: Named { id: fid, name: fname },
                summary,
                state: request_state(submitted_on, due_on, today),
                submitted_on,
                submitted_by,
            })
            .collect();
        Ok(Some(Round { id, body: Named { id: bid, name: bname }, title, year: year as i32, due_on, requests }))
    }

    /// The rounds, newest first.
    pub async fn followup_rounds(&self) -> Result<Vec<Round>> {
        let ids: Vec<i64> = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT id FROM followup_rounds ORDER BY due_on DESC, id DESC"
        )
        .fetch_all(p)
        .await)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.followup_round(id).await?);
        }
        Ok(out)
    }

    /// The lines of a forum's answer in a round.
    pub async fn followup_lines(&self, round: i64, plan: i64) -> Result<Vec<Line>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT l.activity_id, l.status, l.progress, l.comment FROM followup_lines l \
             JOIN action_activities a ON a.id = l.activity_id WHERE l.round_id = $1 AND a.plan_id = $2"
        )
        .bind(round)
        .bind(plan)
        .fetch_all(p)
        .await)?)
    }

    /// A forum's answer: its summary and lines, and the activities' status and progress. Each
    /// line's activity must be the plan's. Conflict when the plan was not asked in the round.
    pub async fn submit_followup_answer(
        &self,
        round: i64,
        plan: i64,
        input: &AnswerInput,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let today = self.today();
        let n = on_tx!(&mut tx, |c| {
            sqlx::query(
            "UPDATE followup_answers SET summary = $1, submitted_on = COALESCE(submitted_on, $2), submitted_by = $3 \
             WHERE round_id = $4 AND plan_id = $5"
        )
        .bind(&input.summary)
        .bind(today)
        .bind(&actor.label)
        .bind(round)
        .bind(plan)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let t = tx.now;
        for l in &input.lines {
            let n = on_tx!(&mut tx, |c| {
                sqlx::query(
                "UPDATE action_activities SET status = $1, progress = $2, updated_at = $3 WHERE id = $4 AND plan_id = $5"
            )
            .bind(l.status.as_str())
            .bind(l.progress as i64)
            .bind(t)
            .bind(l.activity_id)
            .bind(plan)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
            if n == 0 {
                return Err(invalid_field(
                    &format!("status_{}", l.activity_id),
                    "unknown_activity",
                    "Aktiviteten hör inte till planen.",
                    "The activity is not part of the plan.",
                ));
            }
            on_tx!(&mut tx, |c| sqlx::query("DELETE FROM followup_lines WHERE round_id = $1 AND activity_id = $2")
                .bind(round)
                .bind(l.activity_id)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
            on_tx!(&mut tx, |c| {
                sqlx::query(
                "INSERT INTO followup_lines (round_id, activity_id, status, progress, comment) VALUES ($1, $2, $3, $4, $5)"
            )
            .bind(round)
            .bind(l.activity_id)
            .bind(l.status.as_str())
            .bind(l.progress as i64)
            .bind(&l.comment)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
        }
        let lines: Vec<_> = input
            .lines
            .iter()
            .map(|l| json!({"activity_id": l.activity_id, "status": l.status.as_str(), "progress": l.progress}))
            .collect();
        let changes = json!({"plan_id": plan, "summary": input.summary, "lines": lines});
        audit::record(&mut tx, actor, "followup.answer", "followup_round", Some(round), changes).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every forum that has not answered a round, with the round's due day.
    pub async fn followup_pending(&self) -> Result<Vec<PendingRequest>> {
        let rows: Vec<(i64, String, Date, i64, i64, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT r.id, r.title, r.due_on, p.id, b.id, b.name FROM followup_answers a \
             JOIN followup_rounds r ON r.id = a.round_id JOIN action_plans p ON p.id = a.plan_id \
             JOIN bodies b ON b.id = p.body_id WHERE a.submitted_on IS NULL ORDER BY r.id, p.id"
        )
        .fetch_all(p)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|(round_id, round_title, due_on, plan_id, bid, bname)| PendingRequest {
                round_id,
                round_title,
                due_on,
                plan_id,
                forum: Named { id: bid, name: bname },
            })
            .collect())
    }
}
