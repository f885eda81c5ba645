//! Small builders for test data, straight through the store (like docs.rs's `fake_release()`):
//! a test says what matters to it and gets sensible defaults for the rest.
//!
//! ```ignore
//! let m = Fake::meeting().held_on(TODAY - Duration::days(3)).with_adjusters(2).create(&t).await;
//! let mut chair = m.client(&t, Role::Chair).await;
//! m.start_protocol(&t).await;
//! ```

use domain::ids::{BodyId, MeetingId, OrganisationId, PersonId};
use domain::meetings::{AgendaItemInput, AttendanceInput, AttendanceRole, ItemKind, ParagraphInput};
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
    /// A body (Kommunalt forum of a region) with a chair, a secretary and members.
    pub fn body() -> BodyBuilder {
        BodyBuilder { name: "Kommunalt forum".into(), members: 3, ..Default::default() }
    }

    /// A meeting of a new body, planned for `TODAY` unless told otherwise.
    pub fn meeting() -> MeetingBuilder {
        MeetingBuilder { body: Fake::body(), adjusters: 1, ..Default::default() }
    }
}

#[derive(Default)]
pub struct BodyBuilder {
    name: String,
    kind: Option<BodyKind>,
    region: Option<String>,
    members: usize,
    chair: Option<String>,
    secretary: Option<String>,
    named: Vec<String>,
    substitutes: Vec<String>,
}

/// What a built body came to.
pub struct FakeBody {
    pub id: BodyId,
    pub region: OrganisationId,
    pub chair: PersonId,
    pub secretary: PersonId,
    /// Ordinary members other than the chair, in the order they were made.
    pub members: Vec<PersonId>,
    pub substitutes: Vec<PersonId>,
    /// Everyone seated, by name.
    pub people: Vec<(String, PersonId)>,
}

impl BodyBuilder {
    pub fn named(mut self, name: &str) -> Self {
        self.name = name.into();
        self
    }

    /// Of this kind instead of a consultation group (samrådsgrupp).
    pub fn kind(mut self, kind: BodyKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Of this region (made when new) instead of "Region för …".
    pub fn in_region(mut self, name: &str) -> Self {
        self.region = Some(name.into());
        self
    }

    /// How many ordinary members besides the chair (named ones first, then "Ledamot 2 i …").
    pub fn with_members(mut self, n: usize) -> Self {
        self.members = n;
        self
    }

    /// The chair, instead of "Ordförande i …". People are given as the protocol names them,
    /// with party and organisation when they have them: "Therese Petersson (KD), Sävsjö kommun"
    /// (the organisation, a municipality, is made when new; the body's region otherwise).
    pub fn chair(mut self, p: &str) -> Self {
        self.chair = Some(p.into());
        self
    }

    /// The secretary, instead of "Sekreterare i …".
    pub fn secretary(mut self, p: &str) -> Self {
        self.secretary = Some(p.into());
        self
    }

    /// One more named member, after those named before.
    pub fn member(mut self, p: &str) -> Self {
        self.named.push(p.into());
        self.members = self.members.max(self.named.len());
        self
    }

    /// A substitute (ersättare), who serves when a member is absent.
    pub fn substitute(mut self, p: &str) -> Self {
        self.substitutes.push(p.into());
        self
    }

    pub async fn create(self, t: &TestApp) -> FakeBody {
        let s = t.store();
        let name = &self.name;
        let region_name = self.region.unwrap_or_else(|| format!("Region för {name}"));
        let region = organisation(t, &region_name, OrganisationKind::Region).await;
        let chair = self.chair.unwrap_or_else(|| format!("Ordförande i {name}"));
        let secretary = self.secretary.unwrap_or_else(|| format!("Sekreterare i {name}"));
        let mut members = self.named;
        members.extend((members.len() + 1..=self.members).map(|i| format!("Ledamot {i} i {name}")));
        let mut seats = vec![(chair, MembershipRole::Chair), (secretary, MembershipRole::Secretary)];
        seats.extend(members.into_iter().map(|p| (p, MembershipRole::Member)));
        seats.extend(self.substitutes.into_iter().map(|p| (p, MembershipRole::Substitute)));
        let (mut organisations, mut rows, mut people) = (vec![region], Vec::new(), Vec::new());
        for (spec, role) in seats {
            // "Name (Party), Organisation", the last two optional.
            let (who, org) = spec.split_once(", ").map_or((spec.as_str(), None), |(w, o)| (w, Some(o)));
            let (name, party) = who.strip_suffix(')').and_then(|w| w.split_once(" (")).unwrap_or((who, ""));
            let org = match org {
                Some(o) => organisation(t, o, OrganisationKind::Municipality).await,
                None => region,
            };
            if !organisations.contains(&org) {
                organisations.push(org);
            }
            let party = (!party.is_empty()).then(|| party.to_string());
            let input = PersonInput { name: name.into(), organisation_id: Some(org), party, ..Default::default() };
            let person = s.create_person(&input, &actor(), None).await.unwrap();
            people.push((name.to_string(), person));
            rows.push(MembershipInput {
                person,
                organisation: org,
                role,
                side: Side::Majority,
                start: date!(2023 - 01 - 01),
                end: None,
                substitute_for: None,
            });
        }
        let input = BodyInput {
            name: self.name.clone(),
            kind: self.kind.unwrap_or(BodyKind::ConsultationGroup),
            formal: true,
            county_code: Some("06".into()),
            presidium_of: None,
            superior_id: None,
            prepares_for: None,
            duties: vec![],
            start: None,
            end: None,
            secretary: None,
            organisations,
        };
        let id = s.create_body(&input, &[], &actor(), None).await.unwrap();
        s.import_memberships(id, &rows, &actor()).await.unwrap();
        let with = |r| rows.iter().filter(|m| m.role == r).map(|m| m.person).collect::<Vec<_>>();
        let (chair, secretary) = (with(MembershipRole::Chair)[0], with(MembershipRole::Secretary)[0]);
        let (members, substitutes) = (with(MembershipRole::Member), with(MembershipRole::Substitute));
        FakeBody { id, region, chair, secretary, members, substitutes, people }
    }
}

/// The organisation of this name, made when new (a second body in the same test shares it).
async fn organisation(t: &TestApp, name: &str, kind: OrganisationKind) -> OrganisationId {
    let s = t.store();
    let code = (kind == OrganisationKind::Region).then(|| "06".to_string());
    let input =
        OrganisationInput { name: name.into(), kind, code, county_code: Some("06".into()), ..Default::default() };
    match s.create_organisation(&input, &actor(), None).await {
        Ok(id) => id,
        Err(store::StoreError::Conflict(_)) => {
            let filter = store::organisations::OrganisationFilter { q: Some(name.into()), ..Default::default() };
            s.organisations(&filter, None, 10).await.unwrap().items.iter().find(|o| o.name == name).unwrap().id
        }
        Err(e) => panic!("{e}"),
    }
}

impl FakeBody {
    /// The person seated under this name.
    #[track_caller]
    pub fn person(&self, name: &str) -> PersonId {
        self.people.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name} in the body")).1
    }
}

#[derive(Default)]
pub struct MeetingBuilder {
    body: BodyBuilder,
    /// `TODAY` unless told otherwise.
    date: Option<Date>,
    held: bool,
    adjusters: usize,
    agenda: Vec<(String, Option<String>)>,
    attachment: Option<String>,
    attendance: bool,
    absent: Vec<String>,
    leaving: Vec<(String, u32)>,
}

/// What a built meeting came to.
pub struct FakeMeeting {
    pub id: MeetingId,
    pub body: FakeBody,
    pub chair: PersonId,
    pub secretary: PersonId,
    pub adjusters: Vec<PersonId>,
}

impl MeetingBuilder {
    /// Of a body built so (`Fake::body().member("Kerstin Hammar (M)")`), not the default one.
    pub fn of(mut self, body: BodyBuilder) -> Self {
        self.body = body;
        self
    }

    /// Held on `day` (on or before the clock's today).
    pub fn held_on(mut self, day: Date) -> Self {
        self.date = Some(day);
        self.held = true;
        self
    }

    /// Planned for `day`.
    pub fn planned_on(mut self, day: Date) -> Self {
        self.date = Some(day);
        self.held = false;
        self
    }

    /// How many members are elected adjusters (the first ones; never the chair).
    pub fn with_adjusters(mut self, n: usize) -> Self {
        self.adjusters = n;
        self
    }

    /// Agenda items in order, as (title, case number): those with a case number are decisions,
    /// the others information.
    pub fn with_agenda(mut self, items: &[(&str, Option<&str>)]) -> Self {
        self.agenda = items.iter().map(|(t, c)| (t.to_string(), c.map(str::to_string))).collect();
        self
    }

    /// An attachment with this title to the first agenda item (a PDF in name only).
    pub fn with_attachment(mut self, title: &str) -> Self {
        self.attachment = Some(title.into());
        self
    }

    /// Attendance recorded: the chair, every member and the secretary present.
    pub fn with_attendance(mut self) -> Self {
        self.attendance = true;
        self
    }

    /// Attendance recorded, with the member of this name absent and the body's next substitute
    /// serving for them.
    pub fn absent(mut self, name: &str) -> Self {
        self.absent.push(name.into());
        self.with_attendance()
    }

    /// Attendance recorded, with the member of this name leaving after § `paragraph`.
    pub fn leaves_after(mut self, name: &str, paragraph: u32) -> Self {
        self.leaving.push((name.into(), paragraph));
        self.with_attendance()
    }

    pub async fn create(mut self, t: &TestApp) -> FakeMeeting {
        self.body.members = self.body.members.max(self.adjusters);
        let body = self.body.create(t).await;
        let s = t.store();
        let input = MeetingInput {
            date: self.date.unwrap_or(TODAY),
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
        let mut items = Vec::new();
        for (title, case) in &self.agenda {
            let input = AgendaItemInput {
                title: title.clone(),
                kind: if case.is_some() { ItemKind::Decision } else { ItemKind::Information },
                case_number: case.as_ref().map(|c| c.parse().unwrap()),
                presenters: vec![],
                description: None,
                starts_at: None,
                ends_at: None,
            };
            items.push(s.add_agenda_item(id, &input, &actor(), None).await.unwrap());
        }
        if let Some(title) = &self.attachment {
            let sha = "a".repeat(64);
            s.add_attachment(id, items.first().copied(), title, "bilaga.pdf", &sha, 10, "application/pdf", &actor())
                .await
                .unwrap();
        }
        if self.attendance {
            let absent: Vec<PersonId> = self.absent.iter().map(|n| body.person(n)).collect();
            let leaves = |p| self.leaving.iter().find(|(n, _)| body.person(n) == p).map(|(_, n)| *n);
            let line = |p, role, replaces| AttendanceInput {
                person: Some(p),
                name: None,
                organisation: None,
                role,
                present: !absent.contains(&p),
                replaces,
                from_paragraph: None,
                to_paragraph: leaves(p),
            };
            let mut lines = vec![line(body.chair, AttendanceRole::Member, None)];
            lines.extend(body.members.iter().map(|&m| line(m, AttendanceRole::Member, None)));
            let serving = absent.iter().zip(&body.substitutes);
            lines.extend(serving.map(|(&away, &sub)| line(sub, AttendanceRole::Substitute, Some(away))));
            lines.push(line(body.secretary, AttendanceRole::Secretary, None));
            s.set_attendance(id, &lines, &actor()).await.unwrap();
        }
        if self.held {
            s.set_meeting_status(id, MeetingStatus::Held, &actor()).await.unwrap();
        }
        FakeMeeting { id, chair: body.chair, secretary: body.secretary, body, adjusters }
    }
}

/// Whom a signed-in client of `FakeMeeting::client` acts as.
#[derive(Clone, Copy, Debug)]
pub enum Role {
    Secretary,
    Chair,
    /// The nth adjuster, counted from 1 as the protocol counts them.
    Adjuster(usize),
    /// The first member who is neither the chair nor an adjuster.
    Member,
    /// An account of no one in the body.
    Outsider,
}

impl FakeMeeting {
    /// The first member who is neither the chair nor an adjuster.
    pub fn member(&self) -> PersonId {
        *self.body.members.iter().find(|m| !self.adjusters.contains(m)).expect("a member who does not adjust")
    }

    /// A signed-in client acting as `role` (see `sign_in`).
    pub async fn client(&self, t: &TestApp, role: Role) -> Client {
        let person = match role {
            Role::Secretary => self.secretary,
            Role::Chair => self.chair,
            Role::Adjuster(n) => self.adjusters[n - 1],
            Role::Member => self.member(),
            Role::Outsider => return account(t, "utomstaende@test.se", None).await,
        };
        self.sign_in(t, person).await
    }

    /// A signed-in client of the account `person{id}@test.se` acting as `person` (the chair, an
    /// adjuster …), made at the first call.
    pub async fn sign_in(&self, t: &TestApp, person: PersonId) -> Client {
        account(t, &format!("person{}@test.se", person.0), Some(person)).await
    }

    /// Starts the protocol from the agenda, as the secretary's "Påbörja protokoll" does.
    pub async fn start_protocol(&self, t: &TestApp) {
        t.store().start_protocol(self.id, &actor()).await.unwrap();
    }

    /// Gives every paragraph still without a decision the decision "Beslutas.".
    pub async fn decide_all(&self, t: &TestApp) {
        self.decide_all_as(t, "Beslutas.").await;
    }

    /// Gives every paragraph still without a decision the decision `decision`.
    pub async fn decide_all_as(&self, t: &TestApp, decision: &str) {
        let s = t.store();
        for p in s.paragraphs(self.id).await.unwrap().into_iter().filter(|p| p.decision.is_empty()) {
            let input = ParagraphInput {
                title: p.title,
                case_number: p.case_number.map(|c| c.parse().unwrap()),
                decision: decision.into(),
                summary: p.summary,
                basis: p.basis,
                recipients: p.recipients,
                immediate: p.immediate,
            };
            s.update_paragraph(self.id, p.id, &input, &p.attachments, &actor()).await.unwrap();
        }
    }

    /// Gives the chair, the secretary and the adjusters e-mail addresses `person<id>@test.se`.
    pub async fn with_addresses(self, t: &TestApp) -> Self {
        for &p in [self.chair, self.secretary].iter().chain(&self.adjusters) {
            let v = t.store().person(p).await.unwrap().unwrap().person;
            let input = PersonInput {
                name: v.name,
                title: v.title,
                organisation_id: v.organisation_id,
                party: v.party,
                email: Some(format!("person{}@test.se", p.0)),
                phone: v.phone,
                lang: v.lang,
            };
            t.store().update_person(p, &input, &actor()).await.unwrap();
        }
        self
    }

    /// Submits the protocol for adjustment (every paragraph must have a decision).
    pub async fn submit(&self, t: &TestApp) {
        t.store().submit_protocol(self.id, &actor()).await.unwrap();
    }

    /// The chair's and every adjuster's approval, their passwords taken as checked; the last one
    /// adjusts, locks and announces the protocol.
    pub async fn approve_all(&self, t: &TestApp) {
        for &p in std::iter::once(&self.chair).chain(&self.adjusters) {
            t.store().approve_protocol(self.id, p, None, t.store().now(), &actor()).await.unwrap();
        }
    }

    /// All the way to an adjusted, announced protocol: started, decided, submitted, approved.
    pub async fn adjust(&self, t: &TestApp) {
        self.start_protocol(t).await;
        self.decide_all(t).await;
        self.submit(t).await;
        self.approve_all(t).await;
    }
}

/// A signed-in client of the account `email` (made at the first call, linked to `person`).
async fn account(t: &TestApp, email: &str, person: Option<PersonId>) -> Client {
    let hash = web::auth::hash_password(PASSWORD);
    let name = email.split('@').next().unwrap();
    match t.store().create_user(email, name, &hash, false, &actor()).await {
        Ok(uid) if person.is_some() => t.store().link_user_person(uid, person, &actor()).await.unwrap(),
        Ok(_) | Err(store::StoreError::Conflict(_)) => {}
        Err(e) => panic!("{e}"),
    }
    let mut c = t.client();
    c.login(email, PASSWORD).await;
    c
}
