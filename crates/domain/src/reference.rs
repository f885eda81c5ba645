//! Sweden's counties (län) and municipalities (kommuner) with their official codes, shipped in
//! `data/` (Statistics Sweden's regional division; see `data/README.md`).

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct County {
    /// Länskod: two digits, e.g. "06".
    pub code: String,
    /// "Jönköpings län".
    pub name: String,
    /// The organisation with regional development responsibility, "Region Jönköpings län".
    pub region: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Municipality {
    /// Kommunkod: four digits whose first two are the county's code, e.g. "0604".
    pub code: String,
    /// Short name, "Eksjö".
    pub name: String,
    pub county_code: String,
    /// The official name where the data has it ("Eksjö kommun"); the short name otherwise.
    pub official_name: String,
}

const COUNTIES_CSV: &str = include_str!("../../../data/counties.csv");
const MUNICIPALITIES_CSV: &str = include_str!("../../../data/municipalities.csv");

fn rows(csv: &str) -> impl Iterator<Item = Vec<&str>> {
    csv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split(',').map(str::trim).collect())
}

pub fn counties() -> &'static [County] {
    static C: OnceLock<Vec<County>> = OnceLock::new();
    C.get_or_init(|| {
        rows(COUNTIES_CSV).map(|r| County { code: r[0].into(), name: r[1].into(), region: r[2].into() }).collect()
    })
}

pub fn municipalities() -> &'static [Municipality] {
    static M: OnceLock<Vec<Municipality>> = OnceLock::new();
    M.get_or_init(|| {
        rows(MUNICIPALITIES_CSV)
            .map(|r| {
                let official = r.get(3).copied().unwrap_or("");
                Municipality {
                    code: r[0].into(),
                    name: r[1].into(),
                    county_code: r[2].into(),
                    official_name: if official.is_empty() { r[1].to_string() } else { official.to_string() },
                }
            })
            .collect()
    })
}

/// The county with a länskod; a hash lookup, since compliance asks it for every organisation.
pub fn county(code: &str) -> Option<&'static County> {
    static BY_CODE: OnceLock<HashMap<&'static str, &'static County>> = OnceLock::new();
    BY_CODE.get_or_init(|| counties().iter().map(|c| (c.code.as_str(), c)).collect()).get(code).copied()
}

/// The municipality with a kommunkod; a hash lookup, like `county`.
pub fn municipality(code: &str) -> Option<&'static Municipality> {
    static BY_CODE: OnceLock<HashMap<&'static str, &'static Municipality>> = OnceLock::new();
    BY_CODE.get_or_init(|| municipalities().iter().map(|m| (m.code.as_str(), m)).collect()).get(code).copied()
}

pub fn municipalities_in(county_code: &str) -> impl Iterator<Item = &'static Municipality> {
    municipalities().iter().filter(move |m| m.county_code == county_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ships_all_counties_and_municipalities() {
        assert_eq!(counties().len(), 21);
        assert_eq!(municipalities().len(), 290);
        for m in municipalities() {
            assert_eq!(&m.code[..2], m.county_code, "{}", m.name);
            assert!(county(&m.county_code).is_some(), "{}", m.name);
        }
    }

    #[test]
    fn the_seed_counties_have_thirteen_municipalities_each() {
        assert_eq!(municipalities_in("05").count(), 13);
        assert_eq!(municipalities_in("06").count(), 13);
        assert_eq!(county("06").unwrap().region, "Region Jönköpings län");
        assert_eq!(municipality("0580").unwrap().official_name, "Linköpings kommun");
    }
}
