//! Work plans: the versioned plan of the questions a body works on, its history kept.

use domain::ids::BodyId;
use domain::structure::{Question, WorkPlanInput};
use serde::Serialize;
use serde_json::json;
use time::{Date, OffsetDateTime};

use crate::{Actor, Result, Store, StoreError, audit, exists, on_pool, on_tx};

#[derive(Clone, Debug, Serialize)]
pub struct WorkPlan {
    pub id: i64,
    pub version: i32,
    #[serde(with = "domain::dates::ymd")]
    pub decided_on: Date,
    pub covers_from: i32,
    pub covers_to: i32,
    pub questions: Vec<Question>,
    pub created_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct WorkPlanRow {
    id: i64,
    version: i32,
    decided_on: Date,
    covers_from: i32,
    covers_to: i32,
    questions: String,
    created_by: String,
    created_at: OffsetDateTime,
}

impl From<WorkPlanRow> for WorkPlan {
    fn from(r: WorkPlanRow) -> Self {
        WorkPlan {
            id: r.id,
            version: r.version,
            decided_on: r.decided_on,
            covers_from: r.covers_from,
            covers_to: r.covers_to,
            questions: serde_json::from_str(&r.questions).unwrap_or_default(),
            created_by: r.created_by,
            created_at: r.created_at,
        }
    }
}

impl Store {
    pub async fn work_plans(&self, body: BodyId) -> Result<Vec<WorkPlan>> {
        let rows: Vec<WorkPlanRow> = on_pool!(&self.pool, |p| {
            sqlx::query_as::<_, WorkPlanRow>(
            "SELECT id, version, decided_on, covers_from, covers_to, questions, created_by, created_at FROM work_plans \
             WHERE body_id = $1 ORDER BY version DESC"
        )
        .bind(body.0)
        .fetch_all(p)
        .await
        })?;
        Ok(rows.into_iter().map(WorkPlan::from).collect())
    }

    /// Adds a new version of a body's work plan; earlier versions stay as its history.
    pub async fn add_work_plan(&self, body: BodyId, w: &WorkPlanInput, actor: &Actor) -> Result<i32> {
        let mut tx = self.begin().await?;
        if !exists(&mut tx, "bodies", body.0).await? {
            return Err(StoreError::NotFound);
        }
        let latest: Option<i32> =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT MAX(version) FROM work_plans WHERE body_id = $1")
                .bind(body.0)
                .fetch_one(c)
                .await)?;
        let version = latest.unwrap_or(0) + 1;
        let stamp = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO work_plans (body_id, version, decided_on, covers_from, covers_to, questions, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
        )
        .bind(body.0)
        .bind(version)
        .bind(w.decided_on)
        .bind(w.covers_from)
        .bind(w.covers_to)
        .bind(serde_json::to_string(&w.questions).unwrap_or_else(|_| "[]".into()))
        .bind(&actor.label)
        .bind(stamp)
        .fetch_one(c)
        .await)
        .map_err(StoreError::unique("version"))?;
        audit::record(
            &mut tx,
            actor,
            "work_plan.create",
            "work_plan",
            Some(id),
            json!({
                "body": {"to": body}, "version": {"to": version}, "decided_on": {"to": w.decided_on.to_string()},
                "covers": {"to": format!("{}–{}", w.covers_from, w.covers_to)}, "questions": {"to": w.questions.len()},
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }
}
