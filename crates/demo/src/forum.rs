//! Kommunalt forum in Jönköpings län (seed 003): the members shaped like the attendance list of
//! its protocol of 2024-10-11 (three or four people a municipality, about fourteen from the
//! region) and its meeting plan for 2025 (§ 9).

use std::ops::RangeInclusive;

use domain::ids::{BodyId, PersonId};
use domain::organisations::OrganisationKind;
use domain::structure::{BodyInput, BodyKind, MembershipRole, Rule, Scope, Side};
use store::StoreError;
use time::Date;
use time::macros::date;

use super::county::{Builder, nth};
use super::people::{Place, Seat};

/// The plan of a year after 2025 in § 9's rhythm (Fridays in February, April, May, September,
/// October and December), so that the demo is current whatever the date; fictional, like the
/// people.
pub fn plan(year: i32) -> Vec<Date> {
    use time::Month::*;
    use time::Weekday::Friday;
    [(February, 1), (April, 2), (May, 2), (September, 1), (October, 1), (December, 2)]
        .into_iter()
        .map(|(month, n)| nth(year, month, Friday, n))
        .collect()
}

/// § 9: "Kommunalt forum fastställer sammanträdestider för år 2025".
pub const PLAN_2025: [Date; 6] = [
    date!(2025 - 02 - 07),
    date!(2025 - 04 - 04),
    date!(2025 - 05 - 09),
    date!(2025 - 09 - 05),
    date!(2025 - 10 - 03),
    date!(2025 - 12 - 12),
];

/// Municipalities that sent three people rather than four (Mullsjö, Tranås).
const THREE: [&str; 2] = ["0642", "0687"];

const DUTIES: &[&str] = &[
    "Dialog och samverkan mellan Region Jönköpings län och länets kommuner",
    "Aktuellt från Primärkommunalt samverkansorgan (PKS) och från regionens styrelse och nämnder",
    "Uppföljning av handlingsplaner inom Gemensamt ledningssystem för samverkan",
    "Inspel till revidering av den regionala utvecklingsstrategin och till den regionala transportplanen",
];

/// Builds Kommunalt forum and its presidium for the builder's county (Jönköpings län); returns
/// the body and its secretary. It has meeting plans for 2025 (§ 9's) up to the end of `years`.
pub(super) async fn build(b: &mut Builder<'_>, years: &RangeInclusive<i32>) -> Result<(BodyId, PersonId), StoreError> {
    use MembershipRole::*;
    use Side::*;
    let county = b.county;
    let (region, rp) = (&county.region, &county.region_people);
    let chair = Seat::of(region, "Regionstyrelsens ordförande", Majority, rp.chair);
    let mut places = vec![
        chair.at(Chair),
        Seat::of(region, "Regionstyrelsens vice ordförande", Majority, rp.vice_chair).at(Member),
        Seat::of(region, "Regionstyrelsens andre vice ordförande", Opposition, rp.second_vice_chair).at(Member),
        Seat::new(region, "Ordförande i nämnden för trafik, infrastruktur och miljö", Majority).at(Member),
        Seat::new(region, "Ordförande i nämnden för arbetsmarknad, näringsliv och attraktivitet", Majority).at(Member),
        Seat::new(region, "Ordförande i nämnden för folkhälsa och sjukvård", Majority).at(Member),
        Seat::new(region, "Andre vice ordförande i nämnden för folkhälsa och sjukvård", Opposition).at(Member),
        Seat::new(region, "Ledamot i regionstyrelsen", Opposition).at(Member),
        Seat::of(region, "Regiondirektör", Neither, rp.director).at(Adviser),
        Seat::of(region, "Regional utvecklingsdirektör", Neither, rp.development_director).at(Adviser),
        Seat::of(region, "Regionutvecklare", Neither, rp.developer).at(Adviser),
        Seat::new(region, "Hälso- och sjukvårdsdirektör", Neither).at(Adviser),
        Seat::new(region, "Verksamhetschef Kommunal utveckling", Neither).at(CoOpted),
        Seat::new(region, "Nämndsekreterare", Neither).at(Secretary),
    ];
    let seat = county.seat();
    for (i, (m, p)) in county.municipalities.iter().enumerate() {
        let kso = places.len();
        places.push(Seat::of(m, "Kommunstyrelsens ordförande", Majority, p.chair).at(if i == seat {
            ViceChair
        } else {
            Member
        }));
        places.push(Seat::of(m, "Oppositionsråd", Opposition, p.opposition_leader).at(Member));
        let substitute =
            |title, side, of| Place { substitute_for: Some(of), ..Seat::new(m, title, side).at(Substitute) };
        places.push(substitute("Kommunstyrelsens vice ordförande", Majority, kso));
        if !m.code.as_deref().is_some_and(|c| THREE.contains(&c)) {
            places.push(substitute("Ledamot i kommunstyrelsen", Opposition, kso + 1));
        }
    }
    let rules = vec![
        Rule::SeatsPerOrganisation {
            scope: Scope::MunicipalitiesInCounty { county_code: county.code.into() },
            side: None,
            min: 1,
            max: None,
        },
        Rule::SeatsPerOrganisation {
            scope: Scope::Region { county_code: county.code.into() },
            side: None,
            min: 1,
            max: None,
        },
        Rule::PresidiumIncludes { kinds: vec![OrganisationKind::Region, OrganisationKind::Municipality] },
        Rule::MeetsAtLeast { per_year: 4 },
    ];
    let name = "Kommunalt forum";
    let input = BodyInput { start: None, ..b.input(name.into(), BodyKind::ConsultationGroup, DUTIES) };
    let body = b.body(input, rules, &places, false).await?;
    let (jkp, jkp_people) = &county.municipalities[seat];
    let presidium =
        [chair.at(Chair), Seat::of(jkp, "Kommunstyrelsens ordförande", Majority, jkp_people.chair).at(ViceChair)];
    b.presidium(body, name, &presidium, false).await?;
    b.plan(body, 2025, &PLAN_2025).await?;
    for year in 2026..=*years.end() {
        b.plan(body, year, &plan(year)).await?;
    }
    let secretary = b.store.body(body).await?.and_then(|s| s.secretary).map(|s| PersonId(s.id));
    Ok((body, secretary.expect("Kommunalt forum has a secretary")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_yearly_plan_keeps_the_rhythm_of_2026() {
        let expected = [
            date!(2026 - 02 - 06),
            date!(2026 - 04 - 10),
            date!(2026 - 05 - 08),
            date!(2026 - 09 - 04),
            date!(2026 - 10 - 02),
            date!(2026 - 12 - 11),
        ];
        assert_eq!(plan(2026), expected);
        assert!(plan(2031).iter().all(|d| d.weekday() == time::Weekday::Friday && d.year() == 2031));
    }
}
