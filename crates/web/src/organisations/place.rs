//! Where an organisation sits in the structure: the bodies it is represented in today and by
//! whom (role, side, term), its vacant seats and other findings, and its bodies' coming
//! meetings. Shown on the organisation's page.

use std::collections::BTreeSet;

use domain::ids::{BodyId, OrganisationId};
use domain::meetings::MeetingStatus;
use domain::structure::{Finding, Membership};
use store::meetings::Meeting;
use time::Duration;

use crate::App;
use crate::error::AppResult;

/// How far ahead the page lists meetings, as `/moten` does.
const AHEAD_DAYS: i64 = 60;

pub struct Place {
    /// Today's representatives, by body.
    pub seats: Vec<Membership>,
    /// The findings that concern the organisation (vacant seats first), with their body.
    pub findings: Vec<(BodyId, String, Finding)>,
    pub meetings: Vec<Meeting>,
}

pub async fn load(app: &App, organisation: OrganisationId) -> AppResult<Place> {
    let today = app.store.today();
    let seats = app.store.organisation_memberships(organisation, today).await?;
    let snapshot = app.store.snapshot(today).await?;
    let mut findings = Vec::new();
    for b in &snapshot.bodies {
        for f in snapshot.report(b).findings {
            if f.organisation_id == Some(organisation) {
                findings.push((b.id, b.name.clone(), f));
            }
        }
    }
    let bodies: BTreeSet<BodyId> =
        seats.iter().map(|m| BodyId(m.body_id)).chain(findings.iter().map(|(b, ..)| *b)).collect();
    let mut meetings = app.store.meetings_between(today, today + Duration::days(AHEAD_DAYS)).await?;
    meetings.retain(|m| bodies.contains(&m.body_id) && m.status != MeetingStatus::Cancelled);
    Ok(Place { seats, findings, meetings })
}
