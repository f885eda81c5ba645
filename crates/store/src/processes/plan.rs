//! A process's plan and organisation: phases, milestones with their forums and links to what
//! actually happened (an agenda item, a referral), roles and questions.

use std::collections::HashMap;

use domain::processes::milestone::ForumInput;
use domain::processes::process::RoleInput;
use domain::processes::{ForumRole, MilestoneInput, PhaseInput};
use serde::Serialize;
use serde_json::json;
use time::Date;

use super::Link;
use crate::{Actor, Result, Store, StoreError, Tx, audit, invalid_field, must_exist, on_pool, on_tx};

/// What a milestone links to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    AgendaItem,
    Referral,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::AgendaItem => "agenda_item",
            LinkKind::Referral => "referral",
        }
    }

    pub fn parse(s: &str) -> Option<LinkKind> {
        match s.trim() {
            "agenda_item" => Some(LinkKind::AgendaItem),
            "referral" => Some(LinkKind::Referral),
            _ => None,
        }
    }
}

pub(super) async fn insert_phase(tx: &mut Tx, process: i64, title: &str, from: Date, to: Date) -> Result<i64> {
    let t = tx.now;
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO process_phases (process_id, title, starts_on, ends_on, created_at, position) \
         VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM process_phases WHERE process_id = $1)) \
         RETURNING id"
    )
    .bind(process)
    .bind(title)
    .bind(from)
    .bind(to)
    .bind(t)
    .fetch_one(c)
    .await
    })?)
}

pub(super) async fn insert_milestone(
    tx: &mut Tx,
    process: i64,
    phase: Option<i64>,
    title: &str,
    on: Date,
) -> Result<i64> {
    let t = tx.now;
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO process_milestones (process_id, phase_id, title, planned_on, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'planned', $5, $5) RETURNING id"
    )
    .bind(process)
    .bind(phase)
    .bind(title)
    .bind(on)
    .bind(t)
    .fetch_one(c)
    .await)?)
}

pub(super) async fn insert_forum(
    tx: &mut Tx,
    milestone: i64,
    body: Option<i64>,
    name: Option<&str>,
    role: ForumRole,
) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO milestone_forums (milestone_id, body_id, name, role) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(milestone)
    .bind(body)
    .bind(name)
    .bind(role.as_str())
    .fetch_one(c)
    .await)?)
}

/// The links of a process's milestones, by milestone, with their targets' titles and dates;
/// a link whose target is gone is left out.
pub(super) async fn load_links(store: &Store, process: i64) -> Result<HashMap<i64, Vec<Link>>> {
    #[allow(clippy::type_complexity)]
    let items: Vec<(i64, i64, String, i64, Date)> = on_pool!(&store.pool, |p| sqlx::query_as(
        "SELECT l.milestone_id, a.id, a.title, mt.id, mt.date FROM milestone_links l \
         JOIN process_milestones m ON m.id = l.milestone_id \
         JOIN agenda_items a ON a.id = l.target_id JOIN meetings mt ON mt.id = a.meeting_id \
         WHERE m.process_id = $1 AND l.kind = 'agenda_item' ORDER BY mt.date, a.position"
    )
    .bind(process)
    .fetch_all(p)
    .await)?;
    let refs: Vec<(i64, i64, String, Date, String)> = on_pool!(&store.pool, |p| sqlx::query_as(
        "SELECT l.milestone_id, r.id, r.title, r.sent_on, r.status FROM milestone_links l \
         JOIN process_milestones m ON m.id = l.milestone_id JOIN referrals r ON r.id = l.target_id \
         WHERE m.process_id = $1 AND l.kind = 'referral' ORDER BY r.sent_on, r.id"
    )
    .bind(process)
    .fetch_all(p)
    .await)?;
    let mut out: HashMap<i64, Vec<Link>> = HashMap::new();
    for (m, id, title, meeting, date) in items {
        out.entry(m).or_default().push(Link {
            kind: LinkKind::AgendaItem,
            id,
            title,
            date: Some(date),
            href: format!("/moten/{meeting}#punkt-{id}"),
            public: true,
        });
    }
    for (m, id, title, date, status) in refs {
        out.entry(m).or_default().push(Link {
            kind: LinkKind::Referral,
            id,
            title,
            date: Some(date),
            href: format!("/remisser/{id}"),
            public: status != "draft",
        });
    }
    Ok(out)
}

async fn milestone_in(tx: &mut Tx, process: i64, milestone: i64) -> Result<()> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM process_milestones WHERE id = $1 AND process_id = $2"
    )
    .bind(milestone)
    .bind(process)
    .fetch_one(c)
    .await)?;
    if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

async fn phase_in(tx: &mut Tx, process: i64, phase: Option<i64>) -> Result<()> {
    let Some(phase) = phase else { return Ok(()) };
    let n: i64 =
        on_tx!(tx, |c| sqlx::query_scalar("SELECT COUNT(*) FROM process_phases WHERE id = $1 AND process_id = $2")
            .bind(phase)
            .bind(process)
            .fetch_one(c)
            .await)?;
    if n == 0 {
        return Err(invalid_field(
            "phase_id",
            "unknown_phase",
            "Fasen hör inte till processen.",
            "The phase is not part of the process.",
        ));
    }
    Ok(())
}

/// An agenda item a milestone may link to: its id, title, meeting day and body.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct AgendaCandidate {
    pub id: i64,
    pub title: String,
    #[serde(with = "domain::dates::ymd")]
    pub date: Date,
    pub body: String,
}

impl Store {
    /// What a milestone of a process may link to: the agenda items of the meetings, within
    /// `days` of `around`, of the bodies involved in the process (holding a role, or a forum of
    /// a milestone), in one query; and the referrals of the owner
    /// organisation's cases.
    pub async fn link_candidates(
        &self,
        process: i64,
        owner: i64,
        around: Date,
        days: i64,
    ) -> Result<(Vec<AgendaCandidate>, Vec<(i64, String)>)> {
        let (from, to) = (around - time::Duration::days(days), around + time::Duration::days(days));
        let items: Vec<AgendaCandidate> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
                "SELECT a.id, a.title, m.date, b.name AS body FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id \
                 JOIN bodies b ON b.id = m.body_id WHERE m.date >= $2 AND m.date <= $3 AND m.body_id IN ( \
                   SELECT body_id FROM process_roles WHERE process_id = $1 AND body_id IS NOT NULL \
                   UNION SELECT f.body_id FROM milestone_forums f JOIN process_milestones pm ON pm.id = f.milestone_id \
                   WHERE pm.process_id = $1 AND f.body_id IS NOT NULL) \
                 ORDER BY m.date, a.id LIMIT 500",
            )
            .bind(process)
            .bind(from)
            .bind(to)
            .fetch_all(p)
            .await
        })?;
        let refs: Vec<(i64, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT r.id, r.title FROM referrals r JOIN cases c ON c.id = r.case_id WHERE c.organisation_id = $1 \
             ORDER BY r.sent_on DESC, r.id DESC LIMIT 100"
        )
        .bind(owner)
        .fetch_all(p)
        .await)?;
        Ok((items, refs))
    }

    pub async fn add_phase(&self, process: i64, input: &PhaseInput, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin().await?;
        let id = insert_phase(&mut tx, process, &input.title, input.starts_on, input.ends_on).await?;
        if let Some(place) = input.order {
            super::edits::place_phase(&mut tx, process, id, place).await?;
        }
        let changes = json!({"title": input.title, "starts_on": input.starts_on.to_string(), "ends_on": input.ends_on.to_string(),
            "order": input.order});
        audit::record(&mut tx, actor, "process.phase_add", "process", Some(process), changes).await?;
        super::index::refresh_process(&mut tx, process).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a milestone; a retry with the same key returns the first.
    pub async fn add_milestone(
        &self,
        process: i64,
        input: &MilestoneInput,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = crate::accounts::remembered(&mut tx, actor.user_id, key, "process_milestone").await? {
            return Ok(id);
        }
        phase_in(&mut tx, process, input.phase_id).await?;
        let id = insert_milestone(&mut tx, process, input.phase_id, &input.title, input.planned_on).await?;
        write_milestone(&mut tx, id, input).await?;
        crate::accounts::remember(&mut tx, actor.user_id, key, "process_milestone", id).await?;
        audit::record(&mut tx, actor, "process.milestone_add", "process", Some(process), milestone_json(id, input))
            .await?;
        super::index::refresh_process(&mut tx, process).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a milestone's fields: its plan, and whether and when it was reached.
    pub async fn update_milestone(&self, process: i64, id: i64, input: &MilestoneInput, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        milestone_in(&mut tx, process, id).await?;
        phase_in(&mut tx, process, input.phase_id).await?;
        write_milestone(&mut tx, id, input).await?;
        audit::record(&mut tx, actor, "process.milestone_update", "process", Some(process), milestone_json(id, input))
            .await?;
        super::index::refresh_process(&mut tx, process).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_forum(&self, process: i64, milestone: i64, input: &ForumInput, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin().await?;
        milestone_in(&mut tx, process, milestone).await?;
        if let Some(b) = input.body_id {
            must_exist(&mut tx, "bodies", b, "body_id").await?;
        }
        let id = insert_forum(&mut tx, milestone, input.body_id, input.name.as_deref(), input.role).await?;
        // The forums are in the milestone's calendar event: it has changed.
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE process_milestones SET updated_at = $1 WHERE id = $2")
            .bind(t)
            .bind(milestone)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        let changes = json!({"milestone_id": milestone, "body_id": input.body_id, "name": input.name, "role": input.role.as_str()});
        audit::record(&mut tx, actor, "process.forum_add", "process", Some(process), changes).await?;
        // A forum's members read the process before it is published: they find it too.
        super::index::refresh_process(&mut tx, process).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Links an agenda item or a referral to a milestone (once: linking again changes nothing).
    pub async fn link_milestone(
        &self,
        process: i64,
        milestone: i64,
        kind: LinkKind,
        target: i64,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        milestone_in(&mut tx, process, milestone).await?;
        let (table, code, sv, en) = match kind {
            LinkKind::AgendaItem => {
                ("agenda_items", "unknown_agenda_item", "Punkten finns inte.", "The agenda item does not exist.")
            }
            LinkKind::Referral => {
                ("referrals", "unknown_referral", "Remissen finns inte.", "The referral does not exist.")
            }
        };
        if !crate::exists(&mut tx, table, target).await? {
            return Err(invalid_field("target_id", code, sv, en));
        }
        let t = tx.now;
        let added = on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO milestone_links (milestone_id, kind, target_id, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING"
        )
        .bind(milestone)
        .bind(kind.as_str())
        .bind(target)
        .bind(t)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if added > 0 {
            let changes = json!({"milestone_id": milestone, "kind": kind.as_str(), "target_id": target});
            audit::record(&mut tx, actor, "process.link", "process", Some(process), changes).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_role(&self, process: i64, input: &RoleInput, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(b) = input.body_id {
            must_exist(&mut tx, "bodies", b, "body_id").await?;
        }
        if let Some(o) = input.organisation_id {
            must_exist(&mut tx, "organisations", o, "organisation_id").await?;
        }
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO process_roles (process_id, kind, body_id, organisation_id, label, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
        )
        .bind(process)
        .bind(input.kind.as_str())
        .bind(input.body_id)
        .bind(input.organisation_id)
        .bind(&input.label)
        .bind(t)
        .fetch_one(c)
        .await)?;
        let changes = json!({"kind": input.kind.as_str(), "body_id": input.body_id,
            "organisation_id": input.organisation_id, "label": input.label});
        audit::record(&mut tx, actor, "process.role_add", "process", Some(process), changes).await?;
        // A role's body reads the process before it is published: its members find it too.
        super::index::refresh_process(&mut tx, process).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a question at the end of the process's list.
    pub async fn add_question(&self, process: i64, text: &str, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin().await?;
        let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO process_questions (process_id, position, text) \
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM process_questions WHERE process_id = $1), $2) \
             RETURNING id"
        )
        .bind(process)
        .bind(text)
        .fetch_one(c)
        .await)?;
        audit::record(&mut tx, actor, "process.question_add", "process", Some(process), json!({"text": text})).await?;
        super::index::refresh_process(&mut tx, process).await?;
        tx.commit().await?;
        Ok(id)
    }
}

async fn write_milestone(tx: &mut Tx, id: i64, input: &MilestoneInput) -> Result<()> {
    let t = tx.now;
    on_tx!(tx, |c| sqlx::query(
        "UPDATE process_milestones SET phase_id = $1, title = $2, planned_on = $3, actual_on = $4, status = $5, \
         note = $6, updated_at = $7 WHERE id = $8"
    )
    .bind(input.phase_id)
    .bind(&input.title)
    .bind(input.planned_on)
    .bind(input.actual_on)
    .bind(input.status.as_str())
    .bind(&input.note)
    .bind(t)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

fn milestone_json(id: i64, i: &MilestoneInput) -> serde_json::Value {
    json!({"milestone_id": id, "phase_id": i.phase_id, "title": i.title, "planned_on": i.planned_on.to_string(),
        "actual_on": i.actual_on.map(|d| d.to_string()), "status": i.status.as_str(), "note": i.note})
}
