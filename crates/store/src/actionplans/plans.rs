//! Plans and their focus areas: created and edited with their audit events, loaded with their
//! activities, listed per forum.

use domain::named::Named;
use serde_json::json;

use super::{FocusArea, Plan, PlanInput, PlanSummary};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, audit, must_exist, on_pool, on_tx};

fn as_json(i: &PlanInput) -> serde_json::Value {
    json!({"body_id": i.body_id.0, "title": i.title, "summary": i.summary, "first_year": i.first_year,
           "last_year": i.last_year, "published": i.published})
}

impl Store {
    /// A plan with its focus areas and activities; `None` when there is none with the id.
    pub async fn action_plan(&self, id: i64) -> Result<Option<Plan>> {
        #[allow(clippy::type_complexity)]
        let row: Option<(i64, i64, String, String, Option<String>, i64, i64, bool)> =
            on_pool!(&self.pool, |p| sqlx::query_as(
                "SELECT a.id, b.id, b.name, a.title, a.summary, a.first_year, a.last_year, a.published \
                 FROM action_plans a JOIN bodies b ON b.id = a.body_id WHERE a.id = $1"
            )
            .bind(id)
            .fetch_optional(p)
            .await)?;
        let Some((id, bid, bname, title, summary, first, last, published)) = row else { return Ok(None) };
        let areas: Vec<FocusArea> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, title, position FROM action_focus_areas WHERE plan_id = $1 ORDER BY position, id"
        )
        .bind(id)
        .fetch_all(p)
        .await)?;
        let activities = self.plan_activities(id).await?;
        Ok(Some(Plan {
            id,
            body: Named { id: bid, name: bname },
            title,
            summary,
            first_year: first as i32,
            last_year: last as i32,
            published,
            areas,
            activities,
        }))
    }

    /// The plans, by forum and period; unpublished ones only when `all`.
    pub async fn action_plans(&self, all: bool) -> Result<Vec<PlanSummary>> {
        #[allow(clippy::type_complexity)]
        let rows: Vec<(i64, i64, String, String, i64, i64, bool, i64, i64)> =
            on_pool!(&self.pool, |p| sqlx::query_as(
                "SELECT a.id, b.id, b.name, a.title, a.first_year, a.last_year, a.published, \
             (SELECT COUNT(*) FROM action_activities x WHERE x.plan_id = a.id), \
             (SELECT COUNT(*) FROM action_activities x WHERE x.plan_id = a.id AND x.status = 'done') \
             FROM action_plans a JOIN bodies b ON b.id = a.body_id WHERE a.published OR $1 \
             ORDER BY a.first_year DESC, b.name_key, a.id"
            )
            .bind(all)
            .fetch_all(p)
            .await)?;
        Ok(rows
            .into_iter()
            .map(|(id, bid, bname, title, first, last, published, activities, done)| PlanSummary {
                id,
                body: Named { id: bid, name: bname },
                title,
                first_year: first as i32,
                last_year: last as i32,
                published,
                activities,
                done,
            })
            .collect())
    }

    /// Creates a plan; a retry with the same idempotency key returns the first.
    pub async fn create_action_plan(&self, input: &PlanInput, actor: &Actor, key: Option<&str>) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "action_plan").await? {
            return Ok(id);
        }
        must_exist(&mut tx, "bodies", input.body_id.0, "body_id").await?;
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO action_plans (body_id, title, summary, first_year, last_year, published, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id"
        )
        .bind(input.body_id.0)
        .bind(&input.title)
        .bind(&input.summary)
        .bind(input.first_year as i64)
        .bind(input.last_year as i64)
        .bind(input.published)
        .bind(t)
        .fetch_one(c)
        .await
        })?;
        remember(&mut tx, actor.user_id, key, "action_plan", id).await?;
        audit::record(&mut tx, actor, "action_plan.create", "action_plan", Some(id), as_json(input)).await?;
        super::index::refresh_plan(&mut tx, id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a plan's fields (its forum stays).
    pub async fn update_action_plan(&self, id: i64, input: &PlanInput, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let t = tx.now;
        let n = on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE action_plans SET title = $1, summary = $2, first_year = $3, last_year = $4, published = $5, \
             updated_at = $6 WHERE id = $7"
        )
        .bind(&input.title)
        .bind(&input.summary)
        .bind(input.first_year as i64)
        .bind(input.last_year as i64)
        .bind(input.published)
        .bind(t)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(&mut tx, actor, "action_plan.update", "action_plan", Some(id), as_json(input)).await?;
        super::index::refresh_plan(&mut tx, id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a focus area after the plan's last; a retry with the same key returns the first.
    pub async fn create_focus_area(
        &self,
        plan: i64,
        input: &super::AreaInput,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "action_focus_area").await? {
            return Ok(id);
        }
        let found: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "UPDATE action_plans SET updated_at = updated_at WHERE id = $1 RETURNING id"
        )
        .bind(plan)
        .fetch_optional(c)
        .await)?;
        found.ok_or(StoreError::NotFound)?;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO action_focus_areas (plan_id, title, position) \
             VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM action_focus_areas WHERE plan_id = $1)) RETURNING id"
        )
        .bind(plan)
        .bind(&input.title)
        .fetch_one(c)
        .await
        })?;
        remember(&mut tx, actor.user_id, key, "action_focus_area", id).await?;
        audit::record(
            &mut tx,
            actor,
            "action_plan.area",
            "action_plan",
            Some(plan),
            json!({"area": id, "title": input.title}),
        )
        .await?;
        super::index::refresh_plan(&mut tx, plan).await?;
        tx.commit().await?;
        Ok(id)
    }
}
