//! Per-body roles of an account: the person it acts as, and whether that person is a body's
//! secretary.

use domain::ids::{BodyId, PersonId};
use serde_json::json;
use time::Date;

use crate::{Actor, Result, Store, audit, must_exist, on_pool, on_tx};

impl Store {
    /// Whether the account's person is the body's secretary (named on the body, or by an active
    /// secretary membership): such a user manages the body's memberships and work plan.
    pub async fn is_body_secretary(&self, user: domain::ids::UserId, body: BodyId, today: Date) -> Result<bool> {
        let n: i64 = on_pool!(&self.pool, |p| {
            sqlx::query_scalar(
            "SELECT COUNT(*) FROM users u WHERE u.id = $1 AND u.person_id IS NOT NULL AND (\
               EXISTS (SELECT 1 FROM bodies b WHERE b.id = $2 AND b.secretary_id = u.person_id) OR \
               EXISTS (SELECT 1 FROM memberships m WHERE m.body_id = $2 AND m.person_id = u.person_id AND m.role = 'secretary' \
                       AND m.start_date <= $3 AND (m.end_date IS NULL OR m.end_date >= $3)))"
        )
        .bind(user.0)
        .bind(body.0)
        .bind(today)
        .fetch_one(p)
        .await
        })?;
        Ok(n > 0)
    }

    /// The bodies the account's person works in on `today`, by name: those it is a member of
    /// and those it is the secretary of (named on the body, or by a secretary membership), each
    /// with whether it is the secretary. One query for pages that ask about every body.
    pub async fn bodies_worked_in(
        &self,
        user: domain::ids::UserId,
        today: Date,
    ) -> Result<Vec<(domain::named::Named, bool)>> {
        let rows: Vec<(i64, String, bool)> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT b.id, b.name, (COALESCE(b.secretary_id = u.person_id, FALSE) OR EXISTS (SELECT 1 FROM memberships s \
               WHERE s.body_id = b.id AND s.person_id = u.person_id AND s.role = 'secretary' \
               AND s.start_date <= $2 AND (s.end_date IS NULL OR s.end_date >= $2))) \
             FROM bodies b JOIN users u ON u.id = $1 AND u.person_id IS NOT NULL \
             WHERE b.secretary_id = u.person_id OR EXISTS (SELECT 1 FROM memberships m \
               WHERE m.body_id = b.id AND m.person_id = u.person_id \
               AND m.start_date <= $2 AND (m.end_date IS NULL OR m.end_date >= $2)) \
             ORDER BY b.name_key, b.id"
        )
        .bind(user.0)
        .bind(today)
        .fetch_all(p)
        .await
        })?;
        Ok(rows.into_iter().map(|(id, name, secretary)| (domain::named::Named { id, name }, secretary)).collect())
    }

    /// Links an account to the person it acts as (for per-body roles).
    pub async fn link_user_person(
        &self,
        user: domain::ids::UserId,
        person: Option<PersonId>,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        if let Some(p) = person {
            must_exist(&mut tx, "people", p.0, "person").await?;
        }
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE users SET person_id = $1, updated_at = $2 WHERE id = $3")
            .bind(person.map(|p| p.0))
            .bind(stamp)
            .bind(user.0)
            .execute(c)
            .await
            .map(|_| ()))?;
        audit::record(&mut tx, actor, "user.person", "user", Some(user.0), json!({"person": {"to": person}})).await?;
        tx.commit().await
    }

    /// The bodies that name `person` as their secretary, by name.
    pub async fn secretary_bodies(&self, person: PersonId) -> Result<Vec<domain::named::Named>> {
        let rows: Vec<(i64, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, name FROM bodies WHERE secretary_id = $1 ORDER BY name_key, id"
        )
        .bind(person.0)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(|(id, name)| domain::named::Named { id, name }).collect())
    }
}
