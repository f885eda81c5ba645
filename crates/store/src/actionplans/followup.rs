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
type RequestRow = (i64, i64, String, i64, String, Option<String>, Option<Date>, Option<String>);

impl Store {
    /// Creates a round and asks each forum of the asking body's county (every forum when the
    /// body has none) whose published plan covers its year; a retry with the same idempotency
    /// key returns the first. Refused when no plan covers the year.
    pub async fn create_followup_round(&self, input: &RoundInput, actor: &Actor, key: Option<&str>) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "followup_round").await? {
            return Ok(id);
        }
        must_exist(&mut tx, "bodies", input.body_id, "body_id").await?;
        let plans: Vec<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT p.id FROM action_plans p JOIN bodies f ON f.id = p.body_id JOIN bodies a ON a.id = $2 \
             WHERE p.published AND p.first_year <= $1 AND p.last_year >= $1 \
             AND (a.county_code IS NULL OR f.county_code = a.county_code) ORDER BY p.id"
        )
        .bind(input.year as i64)
        .bind(input.body_id)
        .fetch_all(c)
        .await)?;
        if plans.is_empty() {
            return Err(invalid_field(
                "year",
                "no_plans",
                "Ingen publicerad handlingsplan i länet gäller det året.",
                "No published action plan in the county covers that year.",
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
        Ok(self.rounds_where(Some(id)).await?.pop())
    }

    /// The rounds, newest first.
    pub async fn followup_rounds(&self) -> Result<Vec<Round>> {
        self.rounds_where(None).await
    }

    /// One round (`Some(id)`) or all, newest first, in two queries.
    async fn rounds_where(&self, only: Option<i64>) -> Result<Vec<Round>> {
        let heads: Vec<(i64, i64, String, String, i64, Date)> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT r.id, b.id, b.name, r.title, r.year, r.due_on FROM followup_rounds r JOIN bodies b ON b.id = r.body_id \
             WHERE $1 IS NULL OR r.id = $1 ORDER BY r.due_on DESC, r.id DESC"
        )
        .bind(only)
        .fetch_all(p)
        .await
        })?;
        let rows: Vec<RequestRow> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT a.round_id, a.plan_id, p.title, b.id, b.name, a.summary, a.submitted_on, a.submitted_by FROM followup_answers a \
             JOIN action_plans p ON p.id = a.plan_id JOIN bodies b ON b.id = p.body_id WHERE $1 IS NULL OR a.round_id = $1 \
             ORDER BY b.name_key, p.id"
        )
        .bind(only)
        .fetch_all(p)
        .await
        })?;
        let today = self.today();
        let mut rounds: Vec<Round> = heads
            .into_iter()
            .map(|(id, bid, bname, title, year, due_on)| Round {
                id,
                body: Named { id: bid, name: bname },
                title,
                year: year as i32,
                due_on,
                requests: Vec::new(),
            })
            .collect();
        let at: std::collections::HashMap<i64, usize> = rounds.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        for (round, plan_id, plan_title, fid, fname, summary, submitted_on, submitted_by) in rows {
            let Some(&i) = at.get(&round) else { continue };
            let due_on = rounds[i].due_on;
            rounds[i].requests.push(Request {
                plan_id,
                plan_title,
                forum: Named { id: fid, name: fname },
                summary,
                state: request_state(submitted_on, due_on, today),
                submitted_on,
                submitted_by,
            });
        }
        Ok(rounds)
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
