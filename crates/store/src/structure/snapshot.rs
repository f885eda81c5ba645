//! The compliance snapshot: everything the compliance report of the bodies on a day depends on,
//! loaded in a handful of queries, and the report of one body computed from it.

use std::collections::HashMap;

use domain::ids::{BodyId, OrganisationId};
use domain::organisations::OrganisationKind;
use domain::structure::{
    Body, ComplianceInput, Membership, MembershipFacts, OrganisationFacts, ProtocolFacts, Report, TERM_NOTICE_DAYS,
    WorkPlanFacts, compliance,
};
use time::Date;

use super::memberships::{MEMBERSHIP_SELECT, MembershipRow};
use crate::query::mapped;
use crate::{Result, Store, on_pool};

/// id, name, kind, code, county: what the compliance rules read of an organisation.
type OrgFactsRow = (i64, String, String, Option<String>, Option<String>);

/// Everything the compliance report of every body needs, loaded in a handful of queries.
pub struct Snapshot {
    pub bodies: Vec<Body>,
    /// Memberships active on the day or starting after it, by body.
    pub memberships: HashMap<BodyId, Vec<MembershipFacts>>,
    pub organisations: Vec<OrganisationFacts>,
    /// Meetings planned in the day's year, by body.
    pub meetings_in_year: HashMap<BodyId, u32>,
    pub work_plans: HashMap<BodyId, WorkPlanFacts>,
    /// Meetings held by the day whose protocol was not adjusted by it, by body.
    pub protocols: HashMap<BodyId, Vec<ProtocolFacts>>,
    /// Public assignments due before the day and not reported back by it (seed 001 § 4.2.1).
    pub assignments: Vec<domain::assignments::AssignmentFacts>,
    pub at: Date,
}

impl Snapshot {
    /// The compliance report of one body on the snapshot's day.
    pub fn report(&self, body: &Body) -> Report {
        let empty = Vec::new();
        let facts = body.facts();
        let presidium: Vec<MembershipFacts> = self
            .bodies
            .iter()
            .filter(|b| b.presidium_of == Some(body.id))
            .flat_map(|p| self.memberships.get(&p.id).unwrap_or(&empty).iter().cloned())
            .collect();
        let mut report = compliance(
            &body.rules,
            &ComplianceInput {
                body: &facts,
                at: self.at,
                organisations: &self.organisations,
                memberships: self.memberships.get(&body.id).unwrap_or(&empty),
                presidium: &presidium,
                meetings_in_year: self.meetings_in_year.get(&body.id).copied().unwrap_or(0),
                work_plan: self.work_plans.get(&body.id),
                protocols: self.protocols.get(&body.id).map_or(&[], Vec::as_slice),
                term_notice_days: TERM_NOTICE_DAYS,
            },
        );
        // Overdue assignments follow the standing checks (late protocols, ending seats).
        let index = body.rules.len() + 2;
        report.findings.extend(domain::assignments::overdue_findings(body.id.0, &self.assignments, self.at, index));
        report.compliant = report.findings.is_empty();
        report
    }
}

impl Store {
    /// Loads what the compliance of every body on `at` depends on.
    pub async fn snapshot(&self, at: Date) -> Result<Snapshot> {
        self.snapshot_of(at, None).await
    }

    /// Loads what one body's compliance on `at` depends on: its memberships and its presidiums'.
    pub async fn body_snapshot(&self, body: BodyId, at: Date) -> Result<Snapshot> {
        self.snapshot_of(at, Some(body)).await
    }

    async fn snapshot_of(&self, at: Date, only: Option<BodyId>) -> Result<Snapshot> {
        let bodies = self.all_bodies().await?;
        let mut sql = format!("{MEMBERSHIP_SELECT} WHERE (m.end_date IS NULL OR m.end_date >= $1)");
        if only.is_some() {
            sql.push_str(" AND (m.body_id = $2 OR b.presidium_of = $2)");
        }
        let rows: Vec<MembershipRow> = on_pool!(&self.pool, |p| {
            let q = sqlx::query_as::<_, MembershipRow>(sqlx::AssertSqlSafe(sql.as_str())).bind(at);
            let q = if let Some(b) = only { q.bind(b.0) } else { q };
            q.fetch_all(p).await
        })?;
        let rows: Vec<Membership> = mapped(rows);
        let mut memberships: HashMap<BodyId, Vec<MembershipFacts>> = HashMap::new();
        for m in &rows {
            memberships.entry(BodyId(m.body_id)).or_default().push(m.facts());
        }
        let orgs: Vec<OrgFactsRow> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, name, kind, code, county_code FROM organisations WHERE kind IN ('region', 'municipality')"
        )
        .fetch_all(p)
        .await)?;
        let organisations = orgs
            .into_iter()
            .map(|(id, name, kind, code, county_code)| OrganisationFacts {
                id: OrganisationId(id),
                name,
                kind: OrganisationKind::parse(&kind).unwrap_or_default(),
                code,
                county_code,
            })
            .collect();
        let (from, to) = year_bounds(at.year());
        // Held meetings of the year, and those still to come; a past meeting never marked held
        // does not count.
        let counts: Vec<(i64, i64)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT body_id, COUNT(*) FROM meetings WHERE date >= $1 AND date <= $2 AND status <> 'cancelled' \
             AND (status NOT IN ('planned', 'notice_sent') OR date >= $3) GROUP BY body_id"
        )
        .bind(from)
        .bind(to)
        .bind(at)
        .fetch_all(p)
        .await)?;
        let meetings_in_year = counts.into_iter().map(|(b, n)| (BodyId(b), n as u32)).collect();
        let plans: Vec<(i64, Date, i32, i32)> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT w.body_id, w.decided_on, w.covers_from, w.covers_to FROM work_plans w \
             WHERE w.version = (SELECT MAX(x.version) FROM work_plans x WHERE x.body_id = w.body_id AND x.decided_on <= $1)"
        )
        .bind(at)
        .fetch_all(p)
        .await
        })?;
        let work_plans = plans
            .into_iter()
            .map(|(b, updated_on, covers_from, covers_to)| {
                (BodyId(b), WorkPlanFacts { updated_on, covers_from, covers_to })
            })
            .collect();
        let protocols = self.unadjusted_protocols(at, only).await?;
        let assignments = self.unreported_assignments(at, only).await?;
        Ok(Snapshot { bodies, memberships, organisations, meetings_in_year, work_plans, protocols, assignments, at })
    }

    /// The meetings held by `at` whose protocol was not adjusted by then: still held or
    /// drafted, or adjusted after `at`.
    async fn unadjusted_protocols(
        &self,
        at: Date,
        only: Option<BodyId>,
    ) -> Result<HashMap<BodyId, Vec<ProtocolFacts>>> {
        let rows: Vec<(i64, i64, Date, Option<Date>)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, body_id, date, adjusted_on FROM meetings WHERE date <= $1 AND ($2 = 0 OR body_id = $2) \
             AND (status IN ('held', 'protocol_drafted') OR (status IN ('adjusted', 'announced') AND adjusted_on > $1))"
        )
        .bind(at)
        .bind(only.map_or(0, |b| b.0))
        .fetch_all(p)
        .await)?;
        let deadlines = domain::meetings::Deadlines::default();
        let mut out: HashMap<BodyId, Vec<ProtocolFacts>> = HashMap::new();
        for (id, body, date, adjusted_on) in rows {
            out.entry(BodyId(body)).or_default().push(ProtocolFacts {
                meeting: domain::ids::MeetingId(id),
                meeting_date: date,
                due: deadlines.adjustment_due(date),
                adjusted_on,
            });
        }
        Ok(out)
    }
}

fn year_bounds(year: i32) -> (Date, Date) {
    let from = Date::from_calendar_date(year, time::Month::January, 1).unwrap_or(Date::MIN);
    let to = Date::from_calendar_date(year, time::Month::December, 31).unwrap_or(Date::MAX);
    (from, to)
}
