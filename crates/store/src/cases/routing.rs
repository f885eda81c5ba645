//! A case's path through the consultation structure (issue 11, seed 001 § 6.2): the traits a
//! secretary records, the steps `domain::cases::routing` proposes from them, each step's status,
//! and the deviations from the proposal with their reasons. Every write is one transaction with
//! its audit event; the case is re-dated (`updated_at`) so its cached page follows.

use domain::cases::path::{Change, Step, StepKind, StepStatus, StepStatusInput, check_change, proposed_steps};
use domain::cases::routing::{CaseTraits, Line, StrategicDocument, route};
use domain::cases::{DeviationInput, Route};
use domain::ids::CaseId;
use serde::Serialize;
use serde_json::json;
use time::Date;

use super::Handling;
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

/// A step as kept: the domain's step, its status, and whether the proposal made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RouteStep {
    pub id: i64,
    #[serde(flatten)]
    pub step: Step,
    pub status: StepStatus,
    /// False for a step a deviation added.
    pub proposed: bool,
}

/// A recorded deviation: what was done to which step, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct RouteDeviation {
    pub id: i64,
    /// "add", "remove", "change" or "skip".
    pub action: String,
    /// The step before ("prepare:strategic", "referral"), none for an added one.
    pub step_before: Option<String>,
    /// The step after, none for a removed one.
    pub step_after: Option<String>,
    pub reason: String,
    #[serde(with = "domain::dates::ymd")]
    pub recorded_on: Date,
}

/// The path kept on a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseRoute {
    pub traits: CaseTraits,
    /// What the traits propose now (the steps may differ by the deviations).
    pub proposal: Route,
    pub steps: Vec<RouteStep>,
    pub deviations: Vec<RouteDeviation>,
}

/// An agenda item or paragraph that names the case, with the kind of body it was in.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct RouteHandling {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub handling: Handling,
    pub body_kind: String,
}

/// A step as text in the deviations' log: "prepare:strategic", "decide".
pub fn step_code(s: Step) -> String {
    match s.line {
        Some(l) => format!("{}:{}", s.kind.as_str(), l.as_str()),
        None => s.kind.as_str().to_string(),
    }
}

/// The step a code names (`step_code`'s other direction).
pub fn parse_step_code(code: &str) -> Option<Step> {
    let (kind, line) = code.split_once(':').map_or((code, None), |(k, l)| (k, Some(l)));
    let line = match line {
        Some(l) => Some(Line::parse(l)?),
        None => None,
    };
    Some(Step { kind: StepKind::parse(kind)?, line })
}

#[derive(sqlx::FromRow)]
struct TraitsRow {
    division_of_responsibility: bool,
    within_care: bool,
    strategy: Option<String>,
    needs_formal_views: bool,
    needs_board_decisions: bool,
    funds_joint_initiatives: bool,
}

#[derive(sqlx::FromRow)]
struct StepRow {
    id: i64,
    kind: String,
    line: Option<String>,
    status: String,
    proposed: bool,
}

impl StepRow {
    fn into_step(self) -> Result<RouteStep> {
        let bad =
            || StoreError::Database(sqlx::Error::Decode(format!("case_route_steps {}: unknown step", self.id).into()));
        let kind = StepKind::parse(&self.kind).ok_or_else(bad)?;
        let line = match self.line.as_deref() {
            Some(l) => Some(Line::parse(l).ok_or_else(bad)?),
            None => None,
        };
        let status = StepStatus::parse(&self.status).ok_or_else(bad)?;
        Ok(RouteStep { id: self.id, step: Step { kind, line }, status, proposed: self.proposed })
    }
}

const STEPS: &str = "SELECT id, kind, line, status, proposed FROM case_route_steps WHERE case_id = $1";

/// The steps in timeline order: by kind, then as they were written.
fn ordered(mut steps: Vec<RouteStep>) -> Vec<RouteStep> {
    steps.sort_by_key(|s| (s.step.kind, s.id));
    steps
}

async fn steps_in(tx: &mut Tx, case: CaseId) -> Result<Vec<RouteStep>> {
    let rows: Vec<StepRow> = on_tx!(tx, |c| sqlx::query_as(STEPS).bind(case.0).fetch_all(c).await)?;
    Ok(ordered(rows.into_iter().map(StepRow::into_step).collect::<Result<_>>()?))
}

async fn insert_step(tx: &mut Tx, case: CaseId, s: Step, proposed: bool) -> Result<i64> {
    let t = tx.now;
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO case_route_steps (case_id, kind, line, status, proposed, updated_at) \
         VALUES ($1, $2, $3, 'planned', $4, $5) RETURNING id"
    )
    .bind(case.0)
    .bind(s.kind.as_str())
    .bind(s.line.map(Line::as_str))
    .bind(proposed)
    .bind(t)
    .fetch_one(c)
    .await)?)
}

/// Runs a statement binding the case and, when given, a step id.
async fn exec(tx: &mut Tx, sql: &'static str, case: CaseId, step: Option<i64>) -> Result<u64> {
    Ok(on_tx!(tx, |c| {
        let q = sqlx::query(sql).bind(case.0);
        let q = if let Some(id) = step { q.bind(id) } else { q };
        q.execute(c).await.map(|r| r.rows_affected())
    })?)
}

/// Writes a deviation's row; returns its id.
async fn log_deviation(
    tx: &mut Tx,
    case: CaseId,
    action: &str,
    before: Option<Step>,
    after: Option<Step>,
    reason: &str,
) -> Result<i64> {
    let t = tx.now;
    let day = domain::meetings::calendar::swedish_date(t);
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO case_route_deviations (case_id, action, step_before, step_after, reason, recorded_on, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(case.0)
    .bind(action)
    .bind(before.map(step_code))
    .bind(after.map(step_code))
    .bind(reason)
    .bind(day)
    .bind(t)
    .fetch_one(c)
    .await
    })?)
}

/// The case must have its traits recorded before its path can change.
fn no_route() -> StoreError {
    crate::invalid_field(
        "step",
        "no_route",
        "Ärendets egenskaper är inte registrerade; registrera dem först så att gången föreslås.",
        "The case's traits are not recorded; record them first so that its path is proposed.",
    )
}

/// Re-dates the case, whose page shows its path.
async fn touch(tx: &mut Tx, case: CaseId) -> Result<()> {
    let t = tx.now;
    on_tx!(tx, |c| sqlx::query("UPDATE cases SET updated_at = $1 WHERE id = $2")
        .bind(t)
        .bind(case.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

impl Store {
    /// The case's path, if its traits are recorded.
    pub async fn case_route(&self, case: CaseId) -> Result<Option<CaseRoute>> {
        let traits: Option<TraitsRow> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT division_of_responsibility, within_care, strategy, needs_formal_views, needs_board_decisions, \
             funds_joint_initiatives FROM case_routes WHERE case_id = $1"
        )
        .bind(case.0)
        .fetch_optional(p)
        .await)?;
        let Some(t) = traits else { return Ok(None) };
        let traits = CaseTraits {
            division_of_responsibility: t.division_of_responsibility,
            within_care: t.within_care,
            strategy: t.strategy.as_deref().and_then(StrategicDocument::parse),
            needs_formal_views: t.needs_formal_views,
            needs_board_decisions: t.needs_board_decisions,
            funds_joint_initiatives: t.funds_joint_initiatives,
        };
        let rows: Vec<StepRow> = on_pool!(&self.pool, |p| sqlx::query_as(STEPS).bind(case.0).fetch_all(p).await)?;
        let steps = ordered(rows.into_iter().map(StepRow::into_step).collect::<Result<_>>()?);
        let deviations = on_pool!(&self.pool, |p| sqlx::query_as::<_, RouteDeviation>(
            "SELECT id, action, step_before, step_after, reason, recorded_on FROM case_route_deviations \
             WHERE case_id = $1 ORDER BY id"
        )
        .bind(case.0)
        .fetch_all(p)
        .await)?;
        Ok(Some(CaseRoute { traits, proposal: route(traits), steps, deviations }))
    }

    /// The agenda items and public paragraphs naming the case, with their bodies' kinds.
    pub async fn route_handling(&self, number: &domain::cases::CaseNumber) -> Result<Vec<RouteHandling>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, RouteHandling>(
            "SELECT m.id AS meeting_id, m.date, b.name AS body, 'agenda_item' AS kind, a.id AS ref_id, a.title, \
             CAST(NULL AS BIGINT) AS paragraph, b.kind AS body_kind FROM agenda_items a \
             JOIN meetings m ON m.id = a.meeting_id JOIN bodies b ON b.id = m.body_id WHERE a.case_number = $1 \
             UNION ALL \
             SELECT m.id, m.date, b.name, 'paragraph', p.id, p.title, p.number, b.kind FROM paragraphs p \
             JOIN meetings m ON m.id = p.meeting_id JOIN bodies b ON b.id = m.body_id \
             WHERE p.case_number = $1 AND m.status IN ('adjusted', 'announced') \
             ORDER BY 2, 1, 4, 5"
        )
        .bind(number.to_string())
        .fetch_all(p)
        .await)?)
    }

    /// Records the case's traits and writes the path they propose, every step planned. Recording
    /// them again replaces the steps by the new proposal; the deviations stay as history.
    /// Recording the same traits again changes nothing (safe to retry).
    pub async fn record_case_traits(&self, case: CaseId, traits: CaseTraits, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        super::fetch(&mut tx, case).await?;
        let before: Option<TraitsRow> = on_tx!(&mut tx, |c| sqlx::query_as(
            "SELECT division_of_responsibility, within_care, strategy, needs_formal_views, needs_board_decisions, \
             funds_joint_initiatives FROM case_routes WHERE case_id = $1"
        )
        .bind(case.0)
        .fetch_optional(c)
        .await)?;
        let strategy = traits.strategy.map(StrategicDocument::as_str);
        let same = before.as_ref().is_some_and(|b| {
            (b.division_of_responsibility, b.within_care, b.strategy.as_deref())
                == (traits.division_of_responsibility, traits.within_care, strategy)
                && (b.needs_formal_views, b.needs_board_decisions, b.funds_joint_initiatives)
                    == (traits.needs_formal_views, traits.needs_board_decisions, traits.funds_joint_initiatives)
        });
        if same {
            return Ok(());
        }
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO case_routes (case_id, division_of_responsibility, within_care, strategy, needs_formal_views, \
             needs_board_decisions, funds_joint_initiatives, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (case_id) DO UPDATE SET division_of_responsibility = excluded.division_of_responsibility, \
             within_care = excluded.within_care, strategy = excluded.strategy, \
             needs_formal_views = excluded.needs_formal_views, needs_board_decisions = excluded.needs_board_decisions, \
             funds_joint_initiatives = excluded.funds_joint_initiatives, recorded_at = excluded.recorded_at"
        )
        .bind(case.0)
        .bind(traits.division_of_responsibility)
        .bind(traits.within_care)
        .bind(strategy)
        .bind(traits.needs_formal_views)
        .bind(traits.needs_board_decisions)
        .bind(traits.funds_joint_initiatives)
        .bind(t)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        exec(&mut tx, "DELETE FROM case_route_steps WHERE case_id = $1", case, None).await?;
        let steps = proposed_steps(&route(traits));
        for s in &steps {
            insert_step(&mut tx, case, *s, true).await?;
        }
        let changes = json!({
            "traits": {
                "division_of_responsibility": traits.division_of_responsibility, "within_care": traits.within_care,
                "strategy": strategy, "needs_formal_views": traits.needs_formal_views,
                "needs_board_decisions": traits.needs_board_decisions,
                "funds_joint_initiatives": traits.funds_joint_initiatives,
            },
            "steps": steps.iter().map(|s| step_code(*s)).collect::<Vec<_>>(),
        });
        audit::record(&mut tx, actor, "case.route.traits", "case", Some(case.0), changes).await?;
        touch(&mut tx, case).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deviates from the proposal: adds, removes or changes a step, with the reason kept on the
    /// timeline. With an idempotency key, a retry returns the first deviation's id.
    pub async fn deviate_case_route(
        &self,
        case: CaseId,
        input: &DeviationInput,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "case_route_deviation").await? {
            return Ok(id);
        }
        let exists: Option<i64> =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT case_id FROM case_routes WHERE case_id = $1")
                .bind(case.0)
                .fetch_optional(c)
                .await)?;
        if exists.is_none() {
            return Err(no_route());
        }
        let steps = steps_in(&mut tx, case).await?;
        let path: Vec<(i64, Step)> = steps.iter().map(|s| (s.id, s.step)).collect();
        check_change(&path, &input.change).map_err(domain::Invalid::one)?;
        let was = |id: i64| path.iter().find(|(i, _)| *i == id).map(|(_, s)| *s);
        let (before, after) = match input.change {
            Change::Add { step } => {
                insert_step(&mut tx, case, step, false).await?;
                (None, Some(step))
            }
            Change::Remove { step_id } => {
                exec(&mut tx, "DELETE FROM case_route_steps WHERE case_id = $1 AND id = $2", case, Some(step_id))
                    .await?;
                (was(step_id), None)
            }
            Change::Replace { step_id, step } => {
                let t = tx.now;
                on_tx!(&mut tx, |c| sqlx::query(
                    "UPDATE case_route_steps SET kind = $1, line = $2, updated_at = $3 WHERE case_id = $4 AND id = $5"
                )
                .bind(step.kind.as_str())
                .bind(step.line.map(Line::as_str))
                .bind(t)
                .bind(case.0)
                .bind(step_id)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
                (was(step_id), Some(step))
            }
        };
        let action = input.change.action();
        let id = log_deviation(&mut tx, case, action, before, after, &input.reason).await?;
        remember(&mut tx, actor.user_id, key, "case_route_deviation", id).await?;
        let changes = json!({
            "action": action, "before": before.map(step_code), "after": after.map(step_code), "reason": input.reason,
        });
        audit::record(&mut tx, actor, "case.route.deviate", "case", Some(case.0), changes).await?;
        touch(&mut tx, case).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Sets a step's status. Skipping is a deviation from the proposal: its note is the reason
    /// in the log. Setting the status a step already has changes nothing (safe to retry).
    pub async fn set_route_step_status(
        &self,
        case: CaseId,
        step_id: i64,
        input: &StepStatusInput,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let steps = steps_in(&mut tx, case).await?;
        let Some(step) = steps.iter().find(|s| s.id == step_id) else { return Err(StoreError::NotFound) };
        if step.status == input.status {
            return Ok(());
        }
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE case_route_steps SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(input.status.as_str())
            .bind(t)
            .bind(step_id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if input.status == StepStatus::Skipped {
            let note = input.note.as_deref().unwrap_or_default();
            log_deviation(&mut tx, case, "skip", Some(step.step), Some(step.step), note).await?;
        }
        let changes = audit::diff(
            Some(&json!({"step": step_code(step.step), "status": step.status.as_str()})),
            Some(&json!({"step": step_code(step.step), "status": input.status.as_str(), "note": input.note})),
        );
        audit::record(&mut tx, actor, "case.route.step", "case", Some(case.0), changes).await?;
        touch(&mut tx, case).await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_code_reads_back() {
        for s in [Step { kind: StepKind::Prepare, line: Some(Line::Care) }, Step { kind: StepKind::Decide, line: None }]
        {
            assert_eq!(parse_step_code(&step_code(s)), Some(s));
        }
        assert_eq!(parse_step_code("handle:elsewhere"), None);
    }
}
