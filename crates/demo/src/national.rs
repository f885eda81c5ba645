//! The national dataset (`samverkan demo --scale national`): every region and municipality of
//! Sweden, a county administrative board per county and Östergötland's structure in every
//! county with ten years of memberships in three terms and of meetings with their protocols and
//! announcements, and ten years of every region's registry, to try the product at scale.

use domain::reference;
use domain::structure::Term;
use store::{Actor, Store, StoreError};

use super::county::{self, Builder, County, Options};
use super::people::Folk;
use super::{create_accounts, link_accounts, other_actors};

#[derive(Debug, Default)]
pub struct NationalSummary {
    pub counties: usize,
    pub municipalities: usize,
    pub organisations: usize,
    pub people: usize,
    pub accounts: usize,
    pub bodies: usize,
    pub memberships: usize,
    pub meeting_dates: usize,
    pub meetings: usize,
    pub joint_matters: usize,
    pub cases: usize,
    pub documents: usize,
}

/// Terms from 2015 (the structure's start in Östergötland) to the current one, meeting plans
/// for every year, the county's name after each body's.
pub(super) fn options(county: &County) -> Options {
    Options {
        terms: [2015, 2019, 2023].into_iter().map(|y| Term::starting(y).expect("a term starts")).collect(),
        history_everywhere: true,
        years: 2015..=2026,
        suffix: format!(" – {}", county.name),
    }
}

/// Loads the national dataset into an empty database (no organisations, people, bodies or
/// accounts); returns none and changes nothing otherwise. Each body's memberships go in one
/// transaction. The demo accounts are those of the demo, with unknown passwords until `serve
/// --demo` sets new ones.
pub async fn load_national(store: &Store) -> Result<Option<NationalSummary>, StoreError> {
    let (organisations, people) = store.counts().await?;
    if organisations > 0 || people > 0 || !store.users().await?.is_empty() || !store.all_bodies().await?.is_empty() {
        return Ok(None);
    }
    let mut folk = Folk::new(Actor::system("demo"));
    let mut s = NationalSummary::default();
    let mut ostergotland = None;
    for c in reference::counties() {
        let (county, created) = county::create(store, &mut folk, &c.code).await?;
        s.counties += 1;
        s.municipalities += county.municipalities.len();
        s.organisations += created;
        let opts = options(&county);
        let mut b = Builder::new(store, &mut folk, &county, opts.terms.clone());
        let structure = county::build(&mut b, &opts).await?;
        (s.bodies, s.memberships, s.meeting_dates) =
            (s.bodies + b.bodies, s.memberships + b.memberships, s.meeting_dates + b.plan_dates);
        if c.code == "05" {
            ostergotland = Some(structure);
        }
        tracing::info!(county = %c.name, people = folk.created, memberships = s.memberships, "national dataset");
    }
    s.organisations += other_actors(store, &folk.actor).await?;
    let users = create_accounts(store, &folk.actor).await?;
    s.accounts = users.len();
    let o = ostergotland.expect("Östergötland is a county");
    link_accounts(store, &users, o.secretary, o.member, &folk.actor).await?;
    s.meetings = super::meetings::history(store, store.today(), Some(o.strategic), &folk.actor).await?;
    super::link_approvers(store, &users, o.strategic, &folk.actor).await?;
    s.joint_matters = super::joint::load_national(store, &folk.actor).await?;
    let registry = super::registry_history::load(store, &folk.actor).await?;
    (s.cases, s.documents) = (registry.cases, registry.documents);
    s.people = folk.created;
    Ok(Some(s))
}
