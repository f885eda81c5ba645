//! Processes: loaded with their plan, organisation and questions; listed with their next
//! milestone; created (empty or from a template moved to a start) and edited.

use domain::named::Named;
use domain::processes::milestone::progress;
use domain::processes::template::PlannedPhase;
use domain::processes::{ForumRole, MilestoneStatus, ProcessInput, RoleKind};
use serde_json::json;
use time::{Date, OffsetDateTime};

use super::plan::load_links;
use super::{Forum, Milestone, Phase, Process, ProcessSummary, Question, Role};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, invalid_field, must_exist, on_pool, on_tx};

fn named(id: Option<i64>, name: Option<String>) -> Option<Named> {
    id.zip(name).map(|(id, name)| Named { id, name })
}

/// A template to start from, moved to its start; the organisation's roles by body name.
pub struct FromTemplate<'a> {
    pub key: &'a str,
    pub phases: Vec<PlannedPhase>,
    pub roles: Vec<(RoleKind, Option<String>)>,
}

impl Store {
    /// A process with its plan; `None` when there is none with the id.
    pub async fn process(&self, id: i64) -> Result<Option<Process>> {
        #[allow(clippy::type_complexity)]
        let row: Option<(
            i64,
            i64,
            String,
            String,
            Option<String>,
            bool,
            bool,
            Option<i64>,
            Option<String>,
            Option<String>,
        )> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT p.id, p.owner_id, o.name, p.title, p.description, p.published, p.open_for_input, \
                 p.strategy_id, s.title, p.template FROM processes p JOIN organisations o ON o.id = p.owner_id \
                 LEFT JOIN strategies s ON s.id = p.strategy_id WHERE p.id = $1"
        )
        .bind(id)
        .fetch_optional(p)
        .await)?;
        let Some((id, oid, owner, title, description, published, open_for_input, sid, stitle, template)) = row else {
            return Ok(None);
        };
        let phases: Vec<(i64, String, Date, Date, i64)> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT id, title, starts_on, ends_on, position FROM process_phases WHERE process_id = $1 ORDER BY position, starts_on, id"
        )
        .bind(id)
        .fetch_all(p)
        .await
        })?;
        #[allow(clippy::type_complexity)]
        let ms: Vec<(
            i64,
            Option<i64>,
            String,
            Date,
            Option<Date>,
            String,
            Option<String>,
            OffsetDateTime,
            OffsetDateTime,
        )> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, phase_id, title, planned_on, actual_on, status, note, created_at, updated_at \
                 FROM process_milestones \
                 WHERE process_id = $1 ORDER BY planned_on, id"
        )
        .bind(id)
        .fetch_all(p)
        .await)?;
        #[allow(clippy::type_complexity)]
        let forums: Vec<(i64, i64, Option<i64>, Option<String>, Option<String>, String)> =
            on_pool!(&self.pool, |p| sqlx::query_as(
                "SELECT f.id, f.milestone_id, f.body_id, b.name, f.name, f.role FROM milestone_forums f \
                 JOIN process_milestones m ON m.id = f.milestone_id LEFT JOIN bodies b ON b.id = f.body_id \
                 WHERE m.process_id = $1 ORDER BY f.id"
            )
            .bind(id)
            .fetch_all(p)
            .await)?;
        #[allow(clippy::type_complexity)]
        let roles: Vec<(
            i64,
            String,
            Option<i64>,
            Option<String>,
            Option<i64>,
            Option<String>,
            Option<String>,
        )> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT r.id, r.kind, r.body_id, b.name, r.organisation_id, o.name, r.label FROM process_roles r \
                 LEFT JOIN bodies b ON b.id = r.body_id LEFT JOIN organisations o ON o.id = r.organisation_id \
                 WHERE r.process_id = $1 ORDER BY r.id"
        )
        .bind(id)
        .fetch_all(p)
        .await)?;
        let questions: Vec<(i64, i64, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, position, text FROM process_questions WHERE process_id = $1 ORDER BY position, id"
        )
        .bind(id)
        .fetch_all(p)
        .await)?;
        let mut links = load_links(self, id).await?;
        let today = self.today();
        let milestones = ms
            .into_iter()
            .map(|(mid, phase_id, title, planned_on, actual_on, status, note, created_at, updated_at)| {
                let status = MilestoneStatus::parse(&status).unwrap_or(MilestoneStatus::Planned);
                Milestone {
                    id: mid,
                    phase_id,
                    title,
                    planned_on,
                    actual_on,
                    status,
                    note,
                    progress: progress(planned_on, actual_on, status, today),
                    forums: forums
                        .iter()
                        .filter(|f| f.1 == mid)
                        .map(|(fid, _, bid, bname, name, role)| Forum {
                            id: *fid,
                            body: named(*bid, bname.clone()),
                            name: bname.clone().or(name.clone()).unwrap_or_default(),
                            role: ForumRole::parse(role).unwrap_or(ForumRole::Information),
                        })
                        .collect(),
                    links: links.remove(&mid).unwrap_or_default(),
                    created_at,
                    updated_at,
                }
            })
            .collect();
        Ok(Some(Process {
            id,
            owner: Named { id: oid, name: owner },
            title,
            description,
            published,
            open_for_input,
            strategy: named(sid, stitle),
            template,
            phases: phases
                .into_iter()
                .map(|(id, title, starts_on, ends_on, position)| Phase {
                    id,
                    title,
                    starts_on,
                    ends_on,
                    order: position,
                })
                .collect(),
            milestones,
            roles: roles
                .into_iter()
                .map(|(id, kind, bid, bname, oid, oname, label)| Role {
                    id,
                    kind: RoleKind::parse(&kind).unwrap_or(RoleKind::Other),
                    body: named(bid, bname),
                    organisation: named(oid, oname),
                    label,
                })
                .collect(),
            questions: questions.into_iter().map(|(id, position, text)| Question { id, position, text }).collect(),
        }))
    }

    /// The processes, by owner and title, with their next planned milestone and how many have
    /// slipped by the store's today; unpublished ones only when `all`, or those in `ids`.
    pub async fn processes(&self, all: bool, ids: &[i64]) -> Result<Vec<ProcessSummary>> {
        #[allow(clippy::type_complexity)]
        let rows: Vec<(i64, String, i64, String, bool, bool)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT p.id, p.title, p.owner_id, o.name, p.published, p.open_for_input FROM processes p \
             JOIN organisations o ON o.id = p.owner_id ORDER BY o.name_key, p.title, p.id"
        )
        .fetch_all(p)
        .await)?;
        let today = self.today();
        let next: Vec<(i64, String, Date)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT process_id, title, planned_on FROM process_milestones WHERE status = 'planned' \
             ORDER BY process_id, planned_on, id"
        )
        .fetch_all(p)
        .await)?;
        Ok(rows
            .into_iter()
            .filter(|r| all || r.4 || ids.contains(&r.0))
            .map(|(id, title, oid, owner, published, open_for_input)| {
                let mine: Vec<&(i64, String, Date)> = next.iter().filter(|n| n.0 == id).collect();
                let upcoming = mine.iter().find(|n| n.2 >= today);
                ProcessSummary {
                    id,
                    title,
                    owner: Named { id: oid, name: owner },
                    published,
                    open_for_input,
                    next_title: upcoming.map(|n| n.1.clone()),
                    next_on: upcoming.map(|n| n.2),
                    slipped: mine.iter().filter(|n| n.2 < today).count() as i64,
                }
            })
            .collect())
    }

    /// The ids of the processes whose involved bodies (a role, or a milestone's forum) the user
    /// is a member of today or secretary of (ADR 49).
    pub async fn processes_read_by_member(&self, user_id: i64) -> Result<Vec<i64>> {
        let today = self.today();
        let ids: Vec<i64> = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "WITH x AS ( \
               SELECT process_id, body_id FROM process_roles WHERE body_id IS NOT NULL \
               UNION SELECT m.process_id, f.body_id FROM milestone_forums f \
                 JOIN process_milestones m ON m.id = f.milestone_id WHERE f.body_id IS NOT NULL) \
             SELECT x.process_id FROM x \
             JOIN memberships ms ON ms.body_id = x.body_id \
             JOIN users u ON u.person_id = ms.person_id \
             WHERE u.id = $1 AND ms.start_date <= $2 AND (ms.end_date IS NULL OR ms.end_date >= $2) \
             UNION SELECT x.process_id FROM x JOIN bodies b ON b.id = x.body_id \
             JOIN users u ON u.person_id = b.secretary_id WHERE u.id = $1 \
             ORDER BY 1"
        )
        .bind(user_id)
        .bind(today)
        .fetch_all(p)
        .await)?;
        Ok(ids)
    }

    /// The ids of the processes the user owns: those of the organisations they register for.
    pub async fn processes_owned_by_registrar(&self, user_id: i64) -> Result<Vec<i64>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT p.id FROM processes p JOIN case_registrars r ON r.organisation_id = p.owner_id \
             WHERE r.user_id = $1 ORDER BY p.id"
        )
        .bind(user_id)
        .fetch_all(p)
        .await)?)
    }

    /// Creates a process, with the plan and organisation of a template when given (forums and
    /// roles matched to the structure's bodies by name, the rest kept by name); a retry with
    /// the same idempotency key returns the first.
    pub async fn create_process(
        &self,
        input: &ProcessInput,
        template: Option<&FromTemplate<'_>>,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "process").await? {
            return Ok(id);
        }
        check_links(&mut tx, input).await?;
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO processes (owner_id, title, description, published, open_for_input, strategy_id, template, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id"
        )
        .bind(input.owner_id)
        .bind(&input.title)
        .bind(&input.description)
        .bind(input.published)
        .bind(input.open_for_input)
        .bind(input.strategy_id)
        .bind(template.map(|t| t.key))
        .bind(t)
        .fetch_one(c)
        .await
        })?;
        if let Some(tpl) = template {
            for (kind, holder) in &tpl.roles {
                let body = match holder {
                    Some(name) => body_named(&mut tx, name, input.owner_id).await?,
                    None => None,
                };
                let org = if holder.is_none() { Some(input.owner_id) } else { None };
                let label = if body.is_none() { holder.clone() } else { None };
                on_tx!(&mut tx, |c| sqlx::query(
                    "INSERT INTO process_roles (process_id, kind, body_id, organisation_id, label, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)"
                )
                .bind(id)
                .bind(kind.as_str())
                .bind(body)
                .bind(org)
                .bind(label)
                .bind(t)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
            }
            for p in &tpl.phases {
                let phase = super::plan::insert_phase(&mut tx, id, &p.title, p.starts_on, p.ends_on).await?;
                for m in &p.milestones {
                    let mid = super::plan::insert_milestone(&mut tx, id, Some(phase), &m.title, m.planned_on).await?;
                    for (name, role) in &m.forums {
                        let body = body_named(&mut tx, name, input.owner_id).await?;
                        let name = if body.is_none() { Some(name.as_str()) } else { None };
                        super::plan::insert_forum(&mut tx, mid, body, name, *role).await?;
                    }
                }
            }
        }
        remember(&mut tx, actor.user_id, key, "process", id).await?;
        let mut changes = as_json(input);
        changes["template"] = json!(template.map(|t| t.key));
        audit::record(&mut tx, actor, "process.create", "process", Some(id), changes).await?;
        super::index::refresh_process(&mut tx, id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a process's own fields (its plan is kept).
    pub async fn update_process(&self, id: i64, input: &ProcessInput, actor: &Actor) -> Result<()> {
        let before = self.process(id).await?.ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        check_links(&mut tx, input).await?;
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE processes SET owner_id = $1, title = $2, description = $3, published = $4, open_for_input = $5, \
             strategy_id = $6, updated_at = $7 WHERE id = $8"
        )
        .bind(input.owner_id)
        .bind(&input.title)
        .bind(&input.description)
        .bind(input.published)
        .bind(input.open_for_input)
        .bind(input.strategy_id)
        .bind(t)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let old = json!({"owner_id": before.owner.id, "title": before.title, "description": before.description,
            "published": before.published, "open_for_input": before.open_for_input,
            "strategy_id": before.strategy.map(|s| s.id)});
        let changes = audit::diff(Some(&old), Some(&as_json(input)));
        audit::record(&mut tx, actor, "process.update", "process", Some(id), changes).await?;
        super::index::refresh_process(&mut tx, id).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The body of the structure with this name (folded as the register folds names) in the owner
/// organisation's county, or of no county; none when there is no such body. Regions name their
/// bodies alike ("Regionstyrelsen"), so a name alone must not reach into another county.
async fn body_named(tx: &mut Tx, name: &str, owner: i64) -> Result<Option<i64>> {
    let key = domain::text::search_key(name);
    let id: Option<i64> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT b.id FROM bodies b WHERE b.name_key = $1 AND (b.county_code IS NULL OR b.county_code = \
         (SELECT o.county_code FROM organisations o WHERE o.id = $2)) ORDER BY b.county_code IS NULL, b.id LIMIT 1"
    )
    .bind(&key)
    .bind(owner)
    .fetch_optional(c)
    .await)?;
    Ok(id)
}

async fn check_links(tx: &mut Tx, input: &ProcessInput) -> Result<()> {
    must_exist(tx, "organisations", input.owner_id, "owner_id").await?;
    if let Some(s) = input.strategy_id
        && !crate::exists(tx, "strategies", s).await?
    {
        return Err(invalid_field(
            "strategy_id",
            "unknown_strategy",
            "Strategin finns inte.",
            "The strategy does not exist.",
        ));
    }
    Ok(())
}

fn as_json(i: &ProcessInput) -> serde_json::Value {
    json!({"owner_id": i.owner_id, "title": i.title, "description": i.description, "published": i.published,
        "open_for_input": i.open_for_input, "strategy_id": i.strategy_id})
}
