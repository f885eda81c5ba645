//! A county of the demo: its region, county administrative board and municipalities with their
//! leading people, and the consultation structure of seed 001 (Östergötland) built for it — used
//! by the demo for Östergötland and by the national dataset for every county.

use std::ops::RangeInclusive;

use domain::ids::{BodyId, OrganisationId, PersonId};
use domain::organisations::{OrganisationInput, OrganisationKind};
use domain::reference;
use domain::structure::{BodyInput, BodyKind, MembershipRole, Rule, Side, Term, standard_rules};
use store::{Store, StoreError};
use time::{Date, Duration, Month, Weekday};

use super::people::{Folk, Org, Place, Roster, Seat, email_of};

type Result<T> = std::result::Result<T, StoreError>;

/// Demo organisations go through the same validation as typed ones (so a municipality gets its
/// county from its code).
pub(super) fn org_input(
    name: &str,
    kind: OrganisationKind,
    code: Option<&str>,
    county: Option<&str>,
    website: Option<&str>,
) -> OrganisationInput {
    OrganisationInput::parse(name, kind.as_str(), code.unwrap_or(""), county.unwrap_or(""), website.unwrap_or(""), "")
        .expect("demo organisations are valid")
}

/// The people every region has: the regional board's presidium and its leading officials.
pub(super) struct RegionPeople {
    pub chair: PersonId,
    pub vice_chair: PersonId,
    pub second_vice_chair: PersonId,
    pub director: PersonId,
    pub development_director: PersonId,
    pub developer: PersonId,
}

/// The people every municipality has: the board's chair, the opposition's leader, the director.
pub(super) struct MunicipalPeople {
    pub chair: PersonId,
    pub opposition_leader: PersonId,
    pub director: PersonId,
}

pub(super) struct County {
    pub code: &'static str,
    /// "Östergötlands län".
    pub name: &'static str,
    pub region: Org,
    pub region_people: RegionPeople,
    /// In kommunkod order, with their people.
    pub municipalities: Vec<(Org, MunicipalPeople)>,
}

impl County {
    /// The region and every municipality: the organisations behind the county's joint bodies.
    pub fn organisations(&self) -> Vec<OrganisationId> {
        let mut ids: Vec<_> =
            [self.region.id].into_iter().chain(self.municipalities.iter().map(|(m, _)| m.id)).collect();
        ids.sort();
        ids
    }

    /// The municipality of the county seat (kommunkod ending in 80, e.g. Linköping, Jönköping),
    /// which holds the municipalities' vice chairs; the first one where there is none.
    pub fn seat(&self) -> usize {
        self.municipalities.iter().position(|(m, _)| m.code.as_deref().is_some_and(|c| c.ends_with("80"))).unwrap_or(0)
    }
}

/// Creates a county's region (with its board's presidium and officials), its county
/// administrative board and its municipalities (each with the board's chair, the opposition's
/// leader and the director). Returns the county and the number of organisations created.
pub(super) async fn create(store: &Store, folk: &mut Folk, code: &str) -> Result<(County, usize)> {
    let county = reference::county(code).expect("a county of the reference data");
    let domain = match code {
        "05" => "regionostergotland.se".to_string(),
        "06" => "rjl.se".to_string(),
        _ => format!("{}.se", email_of(&county.region, "x").trim_end_matches("@x").replace('.', "")),
    };
    let input = org_input(&county.region, OrganisationKind::Region, Some(code), Some(code), None);
    let id = store.create_organisation(&input, &folk.actor, None).await?;
    let region = Org { id, code: Some(code.to_string()), domain };
    let region_people = RegionPeople {
        chair: folk.add(store, &region, "Regionstyrelsens ordförande", Side::Majority, true).await?,
        vice_chair: folk.add(store, &region, "Regionstyrelsens vice ordförande", Side::Majority, false).await?,
        second_vice_chair: folk
            .add(store, &region, "Regionstyrelsens andre vice ordförande", Side::Opposition, true)
            .await?,
        director: folk.add(store, &region, "Regiondirektör", Side::Neither, false).await?,
        development_director: folk.add(store, &region, "Regional utvecklingsdirektör", Side::Neither, false).await?,
        developer: folk.add(store, &region, "Regionutvecklare", Side::Neither, false).await?,
    };
    let lst_name = format!("Länsstyrelsen i {}", county.name);
    let input = org_input(&lst_name, OrganisationKind::CountyAdministrativeBoard, None, Some(code), None);
    let id = store.create_organisation(&input, &folk.actor, None).await?;
    let lst = Org { id, code: None, domain: "lansstyrelsen.se".into() };
    folk.add(store, &lst, "Landshövding", Side::Neither, false).await?;
    let mut municipalities = Vec::new();
    for m in reference::municipalities_in(code) {
        let input = org_input(&m.official_name, OrganisationKind::Municipality, Some(&m.code), None, None);
        let id = store.create_organisation(&input, &folk.actor, None).await?;
        let domain = format!("{}.se", email_of(&m.name, "x").trim_end_matches("@x"));
        let org = Org { id, code: Some(m.code.clone()), domain };
        let people = MunicipalPeople {
            chair: folk.add(store, &org, "Kommunstyrelsens ordförande", Side::Majority, true).await?,
            opposition_leader: folk.add(store, &org, "Oppositionsråd", Side::Opposition, true).await?,
            director: folk.add(store, &org, "Kommundirektör", Side::Neither, false).await?,
        };
        municipalities.push((org, people));
    }
    let created = 2 + municipalities.len();
    Ok((County { code: &county.code, name: &county.name, region, region_people, municipalities }, created))
}

/// How much of the structure to build.
pub(super) struct Options {
    /// Terms with memberships, oldest first; the last is the current one (no end dates).
    pub terms: Vec<Term>,
    /// Every body has memberships in every term; otherwise only the strategic consultation
    /// group has past ones.
    pub history_everywhere: bool,
    /// Years with meeting plans for the consultation and management groups.
    pub years: RangeInclusive<i32>,
    /// After each body's name, e.g. " – Kalmar län" when every county has the same bodies.
    pub suffix: String,
}

/// What a county's structure came to.
pub(super) struct Structure {
    pub strategic: BodyId,
    pub care: BodyId,
    /// The strategic consultation group's secretary.
    pub secretary: PersonId,
    /// An ordinary member of the strategic consultation group (the county seat's vice chair).
    pub member: PersonId,
}

/// Creates bodies with their memberships and meeting plans, and counts them.
pub(super) struct Builder<'a> {
    pub store: &'a Store,
    pub folk: &'a mut Folk,
    pub roster: Roster,
    pub county: &'a County,
    start: Date,
    pub bodies: usize,
    pub memberships: usize,
    pub plan_dates: usize,
}

impl<'a> Builder<'a> {
    pub fn new(store: &'a Store, folk: &'a mut Folk, county: &'a County, terms: Vec<Term>) -> Builder<'a> {
        let start = terms[0].start();
        Builder { store, folk, roster: Roster::new(terms), county, start, bodies: 0, memberships: 0, plan_dates: 0 }
    }

    /// A body of the county's region and municipalities, formal unless a network, from the first
    /// term on.
    pub fn input(&self, name: String, kind: BodyKind, duties: &[&str]) -> BodyInput {
        BodyInput {
            name,
            kind,
            formal: kind.is_formal_by_default(),
            county_code: Some(self.county.code.to_string()),
            presidium_of: None,
            superior_id: None,
            prepares_for: None,
            duties: duties.iter().map(|d| d.to_string()).collect(),
            start: Some(self.start),
            end: None,
            secretary: None,
            organisations: self.county.organisations(),
        }
    }

    /// Creates the body with the places' memberships (one transaction for all of them); the
    /// current holder of a secretary place is the body's secretary.
    pub async fn body(
        &mut self,
        mut input: BodyInput,
        rules: Vec<Rule>,
        places: &[Place<'_>],
        history: bool,
    ) -> Result<BodyId> {
        let rows = self.roster.memberships(self.store, self.folk, places, history).await?;
        input.secretary =
            rows.iter().find(|m| m.role == MembershipRole::Secretary && m.end.is_none()).map(|m| m.person);
        let id = self.store.create_body(&input, &rules, &self.folk.actor, None).await?;
        self.memberships += self.store.import_memberships(id, &rows, &self.folk.actor).await?;
        self.bodies += 1;
        Ok(id)
    }

    /// The presidium of a body, with the same history as the body.
    pub async fn presidium(&mut self, of: BodyId, name: &str, places: &[Place<'_>], history: bool) -> Result<BodyId> {
        let mut input = self.input(format!("Presidiet för {name}"), BodyKind::Presidium, &[PRESIDIUM_DUTY]);
        input.presidium_of = Some(of);
        self.body(input, Vec::new(), places, history).await
    }

    pub async fn plan(&mut self, body: BodyId, year: i32, dates: &[Date]) -> Result<()> {
        self.store.set_meeting_plan(body, year, dates, &self.folk.actor).await?;
        self.plan_dates += dates.len();
        Ok(())
    }
}

/// The `n`th given weekday of a month.
pub(super) fn nth(year: i32, month: Month, weekday: Weekday, n: u8) -> Date {
    let first = Date::from_calendar_date(year, month, 1).expect("the first of a month is a date");
    let offset = (7 + weekday.number_days_from_monday() - first.weekday().number_days_from_monday()) % 7;
    first + Duration::days(i64::from(offset) + 7 * i64::from(n - 1))
}

fn dates(year: i32, months: &[Month], weekday: Weekday, n: u8) -> Vec<Date> {
    months.iter().map(|m| nth(year, *m, weekday, n)).collect()
}

/// Samrådet för strategiska frågor: the second Friday of February, April, June, September and
/// December (the December meeting decides the work plan).
pub(super) fn strategic_dates(year: i32) -> Vec<Date> {
    use Month::*;
    dates(year, &[February, April, June, September, December], Weekday::Friday, 2)
}

/// Samrådet för vård och omsorg: the third Friday of February, April, September and November.
pub(super) fn care_dates(year: i32) -> Vec<Date> {
    use Month::*;
    dates(year, &[February, April, September, November], Weekday::Friday, 3)
}

/// The other management groups: the first Thursday of March, May, October and December.
fn management_dates(year: i32) -> Vec<Date> {
    use Month::*;
    dates(year, &[March, May, October, December], Weekday::Thursday, 1)
}

/// Two weeks before each meeting of the group prepared for.
fn before(dates: Vec<Date>) -> Vec<Date> {
    dates.into_iter().map(|d| d - Duration::days(14)).collect()
}

/// Seed 001 4.1.1: what the consultation groups handle.
pub(super) const CONSULTATION_DUTIES: &[&str] = &[
    "Regionala frågor",
    "Frågor som berör både regionen och alla eller några kommuner",
    "Mellankommunala frågor",
    "Kommunala frågor",
    "Principiella frågor",
    "Gemensamma utvecklingsfrågor",
    "Inspel till utarbetande eller revidering av regionala och kommunala strategier",
    "Ärenden där lag, förordning eller instruktion anger att samråd ska ske",
];
/// Seed 001 4.1.1 and 6.2: what the strategic consultation group handles besides.
pub(super) const STRATEGIC_DUTIES: &[&str] = &[
    "Frågor av strategisk principiell betydelse för länets utveckling",
    "Frågor som påverkar relationen mellan regionen och kommunerna",
    "Principiella frågor som rör ansvarsfördelning mellan parterna, även inom vård och omsorg",
    "Initiera regionala strategier som omfattar länet som geografi",
];
/// Seed 001 4.2.1: what the management groups are responsible for in their field.
const MANAGEMENT_DUTIES: &[&str] = &[
    "Driva den gemensamma utvecklingen för länet",
    "Genomföra beslutade strategiska överenskommelser",
    "Identifiera möjligheter till ökad samverkan",
    "Tydliggöra förväntningar och krav på gemensamma tjänstepersonsnätverk",
    "Säkerställa att ärenden hanteras på ett samordnat sätt",
    "Vara sakkunniga till samråden",
    "Genomföra uppdrag från samråden",
    "Vid behov bereda ärenden på uppdrag av strategiska ledningsgruppen",
    "Vid behov initiera frågeställningar till strategiska ledningsgruppen",
];
/// Seed 001 4.2.1 and 6.2: the strategic management group's part.
const STRATEGIC_MANAGEMENT_DUTIES: &[&str] = &[
    "Bereda ärenden av principiell karaktär och ärenden som rör ansvarsfördelning mellan kommunerna och regionen",
    "Bereda ärenden som kräver beslut i kommunstyrelse eller regionstyrelse",
    "Ge uppdrag till övriga ledningsgrupper",
];
const CARE_MANAGEMENT_DUTY: &str =
    "Föra principiella frågor om ansvarsfördelning mellan huvudmännen till den strategiska ledningsgruppen";
const PRESIDIUM_DUTY: &str = "Säkerställa att alla relevanta frågor kommer upp och ansvara för agendan";

/// Seed 001 4.2: the management groups besides the strategic one, with the officials who
/// represent the municipalities and the region (4.2.2). The care group comes last.
const MANAGEMENT_GROUPS: [(&str, &str, &str); 5] = [
    ("Ledningsgruppen för näringslivsutveckling", "Näringslivschef", "Näringslivsdirektör"),
    ("Ledningsgruppen för kultur", "Kulturchef", "Kulturdirektör"),
    ("Ledningsgruppen för samhällsplanering", "Samhällsbyggnadschef", "Chef för samhällsplanering"),
    ("Ledningsgruppen för utbildning och kompetensförsörjning", "Utbildningschef", "Utbildningsdirektör"),
    ("Ledningsgruppen för vård och omsorg", "Socialchef", "Hälso- och sjukvårdsdirektör"),
];

/// Builds seed 001's structure for a county: the two political consultation groups with their
/// presidiums (4.1), the six management groups with theirs (4.2), a political reference group
/// (4.1.5) and two networks (4.1.6), with memberships per the representation of 4.1.2 and 4.2.2
/// and meeting plans.
pub(super) async fn build(b: &mut Builder<'_>, opts: &Options) -> Result<Structure> {
    use MembershipRole::*;
    use Side::*;
    let county = b.county;
    let (c, sfx, all) = (county.code, &opts.suffix, opts.history_everywhere);
    let (region, rp) = (&county.region, &county.region_people);
    let seat = county.seat();
    let munis = &county.municipalities;
    let vice_if = |i: usize| if i == seat { ViceChair } else { Member };
    let rs_chair = Seat::of(region, "Regionstyrelsens ordförande", Majority, rp.chair);
    let rs_second = Seat::of(region, "Regionstyrelsens andre vice ordförande", Opposition, rp.second_vice_chair);
    let kso = |i: usize| Seat::of(&munis[i].0, "Kommunstyrelsens ordförande", Majority, munis[i].1.chair);
    let mut management = Vec::new();

    // Samrådet för strategiska frågor (4.1.2, rule 1): two per municipality, the regional
    // board's presidium and both sides of two committees; substitutes in some municipalities.
    let name = format!("Samrådet för strategiska frågor{sfx}");
    let mut places = vec![
        rs_chair.at(Chair),
        Seat::of(region, "Regionstyrelsens vice ordförande", Majority, rp.vice_chair).at(Member),
        rs_second.at(Member),
        Seat::new(region, "Ordförande i trafik- och samhällsplaneringsnämnden", Majority).at(Member),
        Seat::new(region, "Andre vice ordförande i trafik- och samhällsplaneringsnämnden", Opposition).at(Member),
        Seat::new(region, "Ordförande i regionutvecklingsnämnden", Majority).at(Member),
        Seat::new(region, "Andre vice ordförande i regionutvecklingsnämnden", Opposition).at(Member),
        Seat::new(region, "Kanslichef", Neither).at(Secretary),
    ];
    for (i, (m, p)) in munis.iter().enumerate() {
        places.push(kso(i).at(vice_if(i)));
        places.push(Seat::of(m, "Oppositionsråd", Opposition, p.opposition_leader).at(Member));
        let (title, side) = match i % 3 {
            0 => ("Kommunstyrelsens vice ordförande", Majority),
            1 => ("Ledamot i kommunstyrelsen", Opposition),
            _ => continue,
        };
        let ordinary = places.len() - if side == Majority { 2 } else { 1 };
        places.push(Place { substitute_for: Some(ordinary), ..Seat::new(m, title, side).at(Substitute) });
    }
    let duties: Vec<&str> = CONSULTATION_DUTIES.iter().chain(STRATEGIC_DUTIES).copied().collect();
    let input = b.input(name.clone(), BodyKind::ConsultationGroup, &duties);
    let strategic = b.body(input, standard_rules::strategic_consultation_group(c), &places, true).await?;
    let secretary = b.store.body(strategic).await?.and_then(|s| s.secretary).map(|s| PersonId(s.id));
    b.presidium(strategic, &name, &[rs_chair.at(Chair), kso(seat).at(ViceChair), rs_second.at(Member)], all).await?;

    // Samrådet för vård och omsorg (rule 2): one political representative per municipality
    // with a mandate in the field, two of the region.
    let name = format!("Samrådet för vård och omsorg{sfx}");
    let region_care = Seat::new(region, "Ordförande i hälso- och sjukvårdsnämnden", Majority);
    let care_rep = |i: usize| Seat::new(&munis[i].0, "Ordförande i socialnämnden", Majority);
    let mut places = vec![
        region_care.at(Chair),
        Seat::new(region, "Andre vice ordförande i hälso- och sjukvårdsnämnden", Opposition).at(Member),
        Seat::new(region, "Nämndsekreterare", Neither).at(Secretary),
    ];
    places.extend((0..munis.len()).map(|i| care_rep(i).at(vice_if(i))));
    let input = b.input(name.clone(), BodyKind::ConsultationGroup, CONSULTATION_DUTIES);
    let care = b.body(input, standard_rules::care_consultation_group(c), &places, all).await?;
    b.presidium(care, &name, &[region_care.at(Chair), care_rep(seat).at(ViceChair)], all).await?;

    // Ledningsgruppen för strategiska frågor (4.2.2): the municipal directors, the regional
    // director and the regional development director; superior to the other management groups.
    let name = format!("Ledningsgruppen för strategiska frågor{sfx}");
    let director = |i: usize| Seat::of(&munis[i].0, "Kommundirektör", Neither, munis[i].1.director);
    let region_director = Seat::of(region, "Regiondirektör", Neither, rp.director);
    let mut places = vec![
        region_director.at(Chair),
        Seat::of(region, "Regional utvecklingsdirektör", Neither, rp.development_director).at(Member),
    ];
    places.extend((0..munis.len()).map(|i| director(i).at(vice_if(i))));
    let duties: Vec<&str> = MANAGEMENT_DUTIES.iter().chain(STRATEGIC_MANAGEMENT_DUTIES).copied().collect();
    let input =
        BodyInput { prepares_for: Some(strategic), ..b.input(name.clone(), BodyKind::ManagementGroup, &duties) };
    let strategic_mg = b.body(input, standard_rules::management_group(c), &places, all).await?;
    b.presidium(strategic_mg, &name, &[region_director.at(Chair), director(seat).at(ViceChair)], all).await?;
    management.push(strategic_mg);

    // The other management groups: the official responsible for the field in each organisation.
    for (i, (group, municipal, regional)) in MANAGEMENT_GROUPS.into_iter().enumerate() {
        let name = format!("{group}{sfx}");
        let is_care = i + 1 == MANAGEMENT_GROUPS.len();
        let lead = Seat::new(region, regional, Neither);
        let official = |j: usize| Seat::new(&munis[j].0, municipal, Neither);
        let mut places = vec![lead.at(Chair)];
        places.extend((0..munis.len()).map(|j| official(j).at(vice_if(j))));
        let mut duties = MANAGEMENT_DUTIES.to_vec();
        if is_care {
            duties.push(CARE_MANAGEMENT_DUTY);
        }
        let input = BodyInput {
            superior_id: Some(strategic_mg),
            prepares_for: is_care.then_some(care),
            ..b.input(name.clone(), BodyKind::ManagementGroup, &duties)
        };
        let id = b.body(input, standard_rules::management_group(c), &places, all).await?;
        b.presidium(id, &name, &[lead.at(Chair), official(seat).at(ViceChair)], all).await?;
        management.push(id);
    }

    // A political reference group for the development strategy (4.1.5), prepared in and
    // preparing for the strategic consultation group.
    let places: Vec<Place> = [Seat::new(region, "Ordförande i regionutvecklingsnämnden", Majority).at(Chair)]
        .into_iter()
        .chain([Seat::new(region, "Andre vice ordförande i regionutvecklingsnämnden", Opposition).at(Member)])
        .chain((0..munis.len().min(3)).map(|i| kso(i).at(Member)))
        .collect();
    let duties = ["Stötta utarbetandet av den regionala utvecklingsstrategin"];
    let name = format!("Politisk referensgrupp för regional utvecklingsstrategi{sfx}");
    let input = BodyInput { prepares_for: Some(strategic), ..b.input(name, BodyKind::ReferenceGroup, &duties) };
    b.body(input, Vec::new(), &places, all).await?;

    // Two networks outside the formal structure (4.1.6).
    let duties = ["Skapa gemensam kunskap i form av fakta och omvärldsanalyser inom strategiska utvecklingsområden"];
    let chairs: Vec<Place> =
        [rs_chair.at(Member)].into_iter().chain((0..munis.len()).map(|i| kso(i).at(Member))).collect();
    let input = b.input(format!("Ordförandenätverket KSO/RSO{sfx}"), BodyKind::Network, &duties);
    b.body(input, Vec::new(), &chairs, all).await?;
    let health: Vec<Place> =
        [region_care.at(Member)].into_iter().chain((0..munis.len()).map(|i| care_rep(i).at(Member))).collect();
    let input = b.input(format!("Folkhälsonätverket{sfx}"), BodyKind::Network, &duties);
    b.body(input, Vec::new(), &health, all).await?;

    // Meeting plans: the management groups meet two weeks before the group they prepare for.
    for year in opts.years.clone() {
        b.plan(strategic, year, &strategic_dates(year)).await?;
        b.plan(care, year, &care_dates(year)).await?;
        b.plan(strategic_mg, year, &before(strategic_dates(year))).await?;
        for (i, id) in management[1..].iter().copied().enumerate() {
            let dates = if i + 2 == management.len() { before(care_dates(year)) } else { management_dates(year) };
            b.plan(id, year, &dates).await?;
        }
    }
    let secretary = secretary.expect("the strategic consultation group has a secretary");
    Ok(Structure { strategic, care, secretary, member: munis[seat].1.chair })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use store::Actor;
    use time::macros::date;

    #[test]
    fn meeting_dates_fall_on_the_right_fridays() {
        assert_eq!(strategic_dates(2025)[4], date!(2025 - 12 - 12));
        assert_eq!(strategic_dates(2024)[4], date!(2024 - 12 - 13));
        assert_eq!(
            care_dates(2026),
            [date!(2026 - 02 - 20), date!(2026 - 04 - 17), date!(2026 - 09 - 18), date!(2026 - 11 - 20)]
        );
        assert_eq!(nth(2026, Month::January, Weekday::Thursday, 1), date!(2026 - 01 - 01));
        assert!(strategic_dates(2015).iter().chain(&care_dates(2015)).all(|d| d.weekday() == Weekday::Friday));
    }

    /// The national dataset's generator on one county: every body, ten years of memberships in
    /// three terms with people changing between them, and a structure that meets its seat and
    /// presidium rules in every term.
    #[tokio::test]
    async fn one_county_of_the_national_dataset() {
        let dir = std::env::temp_dir().join(format!("samverkan-demo-{}", web::auth::new_secret()));
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::connect(&format!("sqlite://{}", dir.join("t.db").display())).await.unwrap();
        store.migrate().await.unwrap();
        let mut folk = Folk::new(Actor::system("demo"));
        let (county, orgs) = create(&store, &mut folk, "08").await.unwrap();
        assert_eq!((orgs, county.municipalities.len(), county.name), (14, 12, "Kalmar län"));
        let opts = crate::national::options(&county);
        let mut b = Builder::new(&store, &mut folk, &county, opts.terms.clone());
        let s = build(&mut b, &opts).await.unwrap();
        let (bodies, memberships, plan_dates) = (b.bodies, b.memberships, b.plan_dates);
        assert_eq!(bodies, 19);
        assert_eq!(store.all_bodies().await.unwrap().len(), 19);
        // Per term: strategic 2·12 + 7 + secretary + 8 substitutes, its presidium 3, care 12 + 3,
        // presidium 2, six management groups 13 or 14 and presidiums 2 each, reference group 5,
        // two networks 13 each.
        let per_term = (24 + 8 + 8) + 3 + 15 + 2 + (14 + 5 * 13) + 6 * 2 + 5 + 2 * 13;
        assert_eq!(memberships, 3 * per_term);
        assert_eq!(plan_dates, 12 * (5 + 4 + 5 + 4 * 4 + 4));

        let strategic = s.strategic;
        let all = store.memberships(strategic, None).await.unwrap();
        let people_in = |year: i32| -> BTreeSet<i64> {
            all.iter().filter(|m| m.start_date.year() == year).map(|m| m.person_id).collect()
        };
        let (first, last) = (people_in(2015), people_in(2023));
        assert!(!first.is_disjoint(&last) && first != last, "some stay, some are replaced");
        assert!(all.iter().filter(|m| m.start_date.year() == 2019).all(|m| m.end_date == Some(date!(2022 - 12 - 31))));
        assert!(all.iter().filter(|m| m.start_date.year() == 2023).all(|m| m.end_date.is_none()));

        // Ten years of meetings held, adjusted and announced: each counts for the frequency rule.
        let today = date!(2026 - 06 - 01);
        let held = crate::meetings::history(&store, today, None, &Actor::system("demo")).await.unwrap();
        let past = store.meetings_between(date!(2015 - 01 - 01), today).await.unwrap();
        assert_eq!(held, past.len());
        assert!(past.iter().all(|m| m.status.was_held()));
        assert!(past.iter().filter(|m| m.date + time::Duration::days(5) < today).all(|m| m.protocol_public()));
        for at in [date!(2016 - 06 - 01), date!(2020 - 06 - 01), date!(2024 - 06 - 01)] {
            let snap = store.snapshot(at).await.unwrap();
            for body in &snap.bodies {
                let findings = snap.report(body).findings;
                // No work plans in the national dataset; everything else holds.
                assert!(findings.iter().all(|f| f.rule == "work_plan_current"), "{at} {}: {findings:?}", body.name);
            }
        }
        let bodies = store.all_bodies().await.unwrap();
        let top = bodies.iter().find(|b| b.name == "Ledningsgruppen för strategiska frågor – Kalmar län").unwrap();
        assert_eq!(top.prepares_for, Some(strategic));
        let below: Vec<_> = bodies.iter().filter(|b| b.superior_id == Some(top.id)).map(|b| b.name.as_str()).collect();
        assert_eq!(below.len(), 5, "{below:?}");
        assert!(below.iter().all(|n| n.starts_with("Ledningsgruppen för ") && n.ends_with(" – Kalmar län")));
        drop(store);
        let _ = std::fs::remove_dir_all(dir);
    }
}
