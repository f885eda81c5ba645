//! Small builders for test data, straight through the store (like docs.rs's `fake_release()`):
//! a test says what matters to it and gets sensible defaults for the rest.
//!
//! ```ignore
//! let m = Fake::meeting().held_on(TODAY - Duration::days(3)).with_adjusters(2).create(&t).await;
//! let mut chair = m.sign_in(&t, m.chair).await;
//! ```

use domain::ids::{BodyId, MeetingId, OrganisationId, PersonId, UserId};
use domain::meetings::{MeetingInput, MeetingStatus};
use domain::organisations::{OrganisationInput, OrganisationKind, PersonInput};
use domain::structure::{BodyInput, BodyKind, MembershipInput, MembershipRole, Side};
use store::Actor;
use time::Date;
use time::macros::date;

use super::{Client, PASSWORD, TODAY, TestApp};

fn actor() -> Actor {
    Actor::system("test")
}

pub struct Fake;

impl Fake {
    /// A body (Kommunalt forum of Region Jönköpings län) with a chair, a secretary and members.
    pub fn body() -> BodyBuilder {
        BodyBuilder { name: "Kommunalt forum".into(), members: 3 }
    }

    /// A meeting of a new body, planned for `TODAY` unless told otherwise.
    pub fn meeting() -> MeetingBuilder {
        MeetingBuilder { body: Fake::body(), date: TODAY, held: false, adjusters: 1 }
    }
}

pub struct BodyBuilder {
    name: String,
    members: usize,
}

/// What a built body came to.
pub struct FakeBody {
    pub id: BodyId,
    pub region: OrganisationId,
    pub chair: PersonId,
    pub secretary: PersonId,
    /// Ordinary members other than the chair, in the order they were made.
    pub members: Vec<PersonId>,
}

impl BodyBuilder {
    pub fn named(mut self, name: &str) -> Self {
        self.name = name.into();
        self
    }

    /// How many ordinary members besides the chair.
    pub fn with_members(mut self, n: usize) -> Self {
        self.members = n;
        self
    }

    pub async fn create(self, t: &TestApp) -> FakeBody {
        let s = t.store();
        let org = OrganisationInput {
            name: format!("Region för {}", self.name),
            kind: OrganisationKind::Region,
            code: Some("06".into()),
            county_code: Some("06".into()),
            website: None,
            description: None,
        };
        let region = match s.create_organisation(&org, &actor(), None).await {
            Ok(id) => id,
            // A second body in the same test shares the region.
            Err(store::StoreError::Conflict(_)) => {
                let filter =
                    store::organisations::OrganisationFilter { q: Some(org.name.clone()), ..Default::default() };
                s.organisations(&filter, None, 1).await.unwrap().items[0].id
            }
            Err(e) => panic!("{e}"),
        };
        let person = async |name: String| {
            let p =
                PersonInput { name, title: None, organisation_id: Some(region), party: None, email: None, phone: None };
            s.create_person(&p, &actor(), None).await.unwrap()
        };
        let chair = person(format!("Ordförande i {}", self.name)).await;
        let secretary = person(format!("Sekreterare i {}", self.name)).await;
        let mut members = Vec::new();
        for i in 1..=self.members {
            members.push(person(format!("Ledamot {i} i {}", self.name)).await);
        }
        let input = BodyInput {
            name: self.name.clone(),
            kind: BodyKind::ConsultationGroup,
            formal: true,
            county_code: Some("06".into()),
            presidium_of: None,
            superior_id: None,
            prepares_for: None,
            duties: vec![],
            start: None,
            end: None,
            secretary: None,
            organisations: vec![region],
        };
        let id = s.create_body(&input, &[], &actor(), None).await.unwrap();
        let seat = |person: PersonId, role: MembershipRole| MembershipInput {
            person,
            organisation: region,
            role,
            side: Side::Majority,
            start: date!(2023 - 01 - 01),
            end: None,
            substitute_for: None,
        };
        let mut rows = vec![seat(chair, MembershipRole::Chair), seat(secretary, MembershipRole::Secretary)];
        rows.extend(members.iter().map(|m| seat(*m, MembershipRole::Member)));
        s.import_memberships(id, &rows, &actor()).await.unwrap();
        FakeBody { id, region, chair, secretary, members }
    }
}

pub struct MeetingBuilder {
    body: BodyBuilder,
    date: Date,
    held: bool,
    adjusters: usize,
}

/// What a built meeting came to.
pub struct FakeMeeting {
    pub id: MeetingId,
    pub body: FakeBody,
    pub chair: PersonId,
    pub adjusters: Vec<PersonId>,
}

impl MeetingBuilder {
    /// Held on `day` (on or before the clock's today).
    pub fn held_on(mut self, day: Date) -> Self {
        self.date = day;
        self.held = true;
        self
    }

    /// Planned for `day`.
    pub fn planned_on(mut self, day: Date) -> Self {
        self.date = day;
        self.held = false;
        self
    }

    /// How many members are elected adjusters (never the chair).
    pub fn with_adjusters(mut self, n: usize) -> Self {
        self.adjusters = n;
        self.body.members = self.body.members.max(n);
        self
    }

    pub async fn create(self, t: &TestApp) -> FakeMeeting {
        let body = self.body.create(t).await;
        let s = t.store();
        let input = MeetingInput {
            date: self.date,
            start: Some(time::macros::time!(9:00)),
            end: Some(time::macros::time!(12:00)),
            place: Some("Regionens hus, Jönköping".into()),
            online_url: None,
            chair: Some(body.chair),
            secretary: Some(body.secretary),
        };
        let id = s.create_meeting(body.id, &input, &actor(), None).await.unwrap();
        let adjusters: Vec<PersonId> = body.members.iter().take(self.adjusters).copied().collect();
        s.set_adjusters(id, &adjusters, &actor()).await.unwrap();
        if self.held {
            s.set_meeting_status(id, MeetingStatus::Held, &actor()).await.unwrap();
        }
        FakeMeeting { id, chair: body.chair, body, adjusters }
    }
}

impl FakeMeeting {
    /// A signed-in client of a new account acting as `person` (the chair, an adjuster …).
    pub async fn sign_in(&self, t: &TestApp, person: PersonId) -> Client {
        let email = format!("person{}@test.se", person.0);
        let uid = t.user(&email, false).await;
        t.store().link_user_person(UserId(uid), Some(person), &actor()).await.unwrap();
        let mut c = t.client();
        c.login(&email, PASSWORD).await;
        c
    }
}
