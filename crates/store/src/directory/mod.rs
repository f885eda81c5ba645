//! The people register kept in step with the region's directory (issue 15, ADR 40): the
//! register as the plan sees it (`register`), the dry run (`Store::directory_plan`), and the
//! apply, all or nothing (`apply`).
//!
//! This room uses `structure` (inserting memberships) and `search` (refreshing people); neither
//! uses it.

mod apply;

use domain::directory::{Entry, Held, Known, Plan};
use domain::ids::{BodyId, MembershipId, OrganisationId, PersonId};
use domain::structure::{MembershipRole, Side};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::{Result, Store, Tx, on_pool, on_tx};

pub use apply::Applied;

/// What an applied import did, by kind of change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub people_added: usize,
    pub people_updated: usize,
    pub people_unchanged: usize,
    pub people_gone: usize,
    pub officials_changed: usize,
    pub memberships_added: usize,
    pub memberships_ended: usize,
}

impl Counts {
    pub fn of(plan: &Plan) -> Counts {
        Counts {
            people_added: plan.add.len(),
            people_updated: plan.update.len(),
            people_unchanged: plan.unchanged,
            people_gone: plan.gone.len(),
            officials_changed: plan.officials_changed(),
            memberships_added: plan.join.len(),
            memberships_ended: plan.leave.len(),
        }
    }
}

/// An applied import, for the list on the import page.
#[derive(Clone, Debug, Serialize)]
pub struct ImportRun {
    pub id: i64,
    pub counts: Counts,
    pub actor: String,
    pub created_at: OffsetDateTime,
}

/// The plan's fingerprint: the SHA-256 of its JSON. The dry run shows it; the apply computes
/// the plan again in its transaction and goes ahead only when the two agree.
pub fn fingerprint(plan: &Plan) -> String {
    crate::files::sha256_hex(&serde_json::to_vec(plan).unwrap_or_default())
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    external_id: Option<String>,
    name: String,
    email: Option<String>,
    organisation_id: Option<i64>,
    title: Option<String>,
}

#[derive(sqlx::FromRow)]
struct HeldRow {
    id: i64,
    person_id: i64,
    body_id: i64,
    role: String,
    side: String,
    start_date: Date,
    end_date: Option<Date>,
}

/// The people of the register and their memberships current or future on `today`.
pub(crate) async fn register(tx: &mut Tx, today: Date) -> Result<(Vec<Known>, Vec<Held>)> {
    let people: Vec<PersonRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, external_id, name, email, organisation_id, title FROM people ORDER BY id"
    )
    .fetch_all(c)
    .await)?;
    let held: Vec<HeldRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, person_id, body_id, role, side, start_date, end_date FROM memberships \
         WHERE end_date IS NULL OR end_date >= $1 ORDER BY id"
    )
    .bind(today)
    .fetch_all(c)
    .await)?;
    let people = people
        .into_iter()
        .map(|p| Known {
            id: PersonId(p.id),
            external_id: p.external_id,
            name: p.name,
            email: p.email,
            organisation: p.organisation_id.map(OrganisationId),
            title: p.title,
        })
        .collect();
    let held = held
        .into_iter()
        .filter_map(|h| {
            Some(Held {
                id: MembershipId(h.id),
                person: PersonId(h.person_id),
                body: BodyId(h.body_id),
                role: MembershipRole::parse(&h.role)?,
                side: Side::parse(&h.side)?,
                start: h.start_date,
                end: h.end_date,
            })
        })
        .collect();
    Ok((people, held))
}

impl Store {
    /// The dry run: what importing `entries` would change today, and the plan's fingerprint.
    /// Nothing is written (the transaction is rolled back).
    pub async fn directory_plan(&self, entries: &[Entry]) -> Result<(Plan, String)> {
        let today = self.today();
        let mut tx = self.begin().await?;
        let (people, held) = register(&mut tx, today).await?;
        drop(tx);
        let plan = domain::directory::plan(entries, &people, &held, today);
        let print = fingerprint(&plan);
        Ok((plan, print))
    }

    /// The latest applied imports, newest first.
    pub async fn directory_imports(&self, limit: i64) -> Result<Vec<ImportRun>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            counts: String,
            actor: String,
            created_at: OffsetDateTime,
        }
        let rows: Vec<Row> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, counts, actor, created_at FROM directory_imports ORDER BY id DESC LIMIT $1"
        )
        .bind(limit)
        .fetch_all(p)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|r| ImportRun {
                id: r.id,
                counts: serde_json::from_str(&r.counts).unwrap_or_default(),
                actor: r.actor,
                created_at: r.created_at,
            })
            .collect())
    }
}
