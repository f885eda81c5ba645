//! The demo region: Region Jönköpings län and Region Östergötland with their 13 municipalities
//! each (real names and codes from `data/`), the county administrative boards, other actors
//! named in the seeds, fictional people and demo accounts.

use domain::ids::OrganisationId;
use domain::organisations::{OrganisationInput, OrganisationKind, PersonInput};
use domain::reference;
use store::{Actor, Store, StoreError};

use crate::auth::{hash_password, new_secret};

/// The counties of the demo: Östergötland (seed 001, 000) and Jönköping (seed 003).
pub const DEMO_COUNTIES: [&str; 2] = ["05", "06"];

/// Demo accounts: (e-mail, name, administrator).
pub const DEMO_ACCOUNTS: [(&str, &str, bool); 3] = [
    ("admin@demo.samverkan.se", "Anders Admin", true),
    ("sekreterare@demo.samverkan.se", "Josefin Sekreterare", false),
    ("ledamot@demo.samverkan.se", "Tore Ledamot", false),
];

/// Other actors named in the seeds: (name, kind, county, website).
const OTHER_ACTORS: &[(&str, OrganisationKind, Option<&str>, Option<&str>)] = &[
    ("Jönköping University", OrganisationKind::University, Some("06"), Some("https://ju.se")),
    ("Linköpings universitet", OrganisationKind::University, Some("05"), Some("https://liu.se")),
    ("Tranås United", OrganisationKind::BusinessOrganisation, Some("06"), None),
    ("Näringslivsutveckling i Vetlanda AB", OrganisationKind::BusinessOrganisation, Some("06"), None),
    ("Husqvarna AB", OrganisationKind::BusinessOrganisation, Some("06"), Some("https://www.husqvarna.com")),
    ("Småland Blekinge Halland South Sweden", OrganisationKind::Other, None, Some("https://www.sbhss.eu")),
    ("Sveriges Kommuner och Regioner", OrganisationKind::Other, None, Some("https://skr.se")),
    ("Transportstyrelsen", OrganisationKind::StateAgency, None, Some("https://www.transportstyrelsen.se")),
    ("Trafikverket", OrganisationKind::StateAgency, None, Some("https://www.trafikverket.se")),
    ("Coompanion Östergötland", OrganisationKind::CivilSocietyOrganisation, Some("05"), None),
];

const FIRST: &[&str] = &[
    "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Mikael", "Lena", "Anders", "Emma",
    "Peter", "Kristina", "Fredrik", "Ingrid", "Jonas", "Sofia", "Henrik", "Elin", "Magnus", "Helena", "Olof", "Malin",
    "Stefan", "Ida", "Niklas", "Camilla", "Tobias", "Linnea", "Gustav",
];
const LAST: &[&str] = &[
    "Lindqvist",
    "Bergström",
    "Åberg",
    "Holmgren",
    "Sjöberg",
    "Ekdahl",
    "Forsman",
    "Nyström",
    "Dahlgren",
    "Wikström",
    "Sundberg",
    "Blom",
    "Hedlund",
    "Ström",
    "Lundgren",
    "Östlund",
    "Ahlin",
    "Fransson",
    "Björk",
    "Engström",
    "Håkansson",
    "Nordin",
    "Vikander",
    "Åström",
    "Lindahl",
    "Ceder",
    "Söderlund",
    "Rydén",
];
const MAJORITY: &[&str] = &["S", "M", "C", "KD", "L"];
const OPPOSITION: &[&str] = &["M", "S", "SD", "V", "MP"];

/// A fictional name, the same for the same seed number.
fn name(n: usize) -> String {
    format!("{} {}", FIRST[n % FIRST.len()], LAST[(n * 7 + n / FIRST.len()) % LAST.len()])
}

fn email_of(name: &str, domain: &str) -> String {
    let local: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            ' ' => '.',
            c => c,
        })
        .collect();
    format!("{local}@{domain}")
}

/// Demo organisations go through the same validation as typed ones (so a municipality gets its
/// county from its code).
fn org(
    name: &str,
    kind: OrganisationKind,
    code: Option<&str>,
    county: Option<&str>,
    website: Option<&str>,
) -> OrganisationInput {
    OrganisationInput::parse(name, kind.as_str(), code.unwrap_or(""), county.unwrap_or(""), website.unwrap_or(""), "")
        .expect("demo organisations are valid")
}

fn person(n: usize, title: &str, org: OrganisationId, party: Option<&str>, domain: &str) -> PersonInput {
    let name = name(n);
    PersonInput {
        email: Some(email_of(&name, domain)),
        phone: Some(format!("010-{:03} {:02} {:02}", 100 + n % 900, n % 100, (n * 3) % 100)),
        name,
        title: Some(title.to_string()),
        organisation_id: Some(org),
        party: party.map(str::to_string),
    }
}

#[derive(Debug, Default)]
pub struct DemoSummary {
    pub organisations: usize,
    pub people: usize,
    pub accounts: usize,
}

/// Loads the demo region into an empty database; does nothing if organisations exist already.
pub async fn load(store: &Store) -> Result<DemoSummary, StoreError> {
    let mut s = DemoSummary::default();
    if store.counts().await?.0 > 0 {
        return Ok(s);
    }
    let actor = Actor::system("demo");
    let mut n = 0usize;
    for county_code in DEMO_COUNTIES {
        let county = reference::county(county_code).expect("demo counties exist");
        let region_domain = if county_code == "06" { "rjl.se" } else { "regionostergotland.se" };
        let region = store
            .create_organisation(
                &org(&county.region, OrganisationKind::Region, Some(county_code), Some(county_code), None),
                &actor,
                None,
            )
            .await?;
        s.organisations += 1;
        for (title, party) in [
            ("Regionstyrelsens ordförande", Some(MAJORITY[0])),
            ("Regionstyrelsens vice ordförande", Some(MAJORITY[1])),
            ("Regionstyrelsens andre vice ordförande", Some(OPPOSITION[0])),
            ("Regiondirektör", None),
            ("Regional utvecklingsdirektör", None),
            ("Regionutvecklare", None),
        ] {
            n += 1;
            store.create_person(&person(n, title, region, party, region_domain), &actor, None).await?;
            s.people += 1;
        }
        let lst_name = format!("Länsstyrelsen i {}", county.name);
        let lst = store
            .create_organisation(
                &org(&lst_name, OrganisationKind::CountyAdministrativeBoard, None, Some(county_code), None),
                &actor,
                None,
            )
            .await?;
        s.organisations += 1;
        n += 1;
        store.create_person(&person(n, "Landshövding", lst, None, "lansstyrelsen.se"), &actor, None).await?;
        s.people += 1;
        for m in reference::municipalities_in(county_code) {
            let mid = store
                .create_organisation(
                    &org(&m.official_name, OrganisationKind::Municipality, Some(&m.code), None, None),
                    &actor,
                    None,
                )
                .await?;
            s.organisations += 1;
            let domain = format!("{}.se", email_of(&m.name, "x").trim_end_matches("@x"));
            for (title, party) in [
                ("Kommunstyrelsens ordförande", Some(MAJORITY[n % MAJORITY.len()])),
                ("Oppositionsråd", Some(OPPOSITION[n % OPPOSITION.len()])),
                ("Kommundirektör", None),
            ] {
                n += 1;
                store.create_person(&person(n, title, mid, party, &domain), &actor, None).await?;
                s.people += 1;
            }
        }
    }
    for (name, kind, county, website) in OTHER_ACTORS {
        store.create_organisation(&org(name, *kind, None, *county, *website), &actor, None).await?;
        s.organisations += 1;
    }
    for (email, name, admin) in DEMO_ACCOUNTS {
        store.create_user(email, name, &hash_password(&new_secret()), admin, &actor).await?;
        s.accounts += 1;
    }
    Ok(s)
}

/// Gives each demo account a new password, returned so the server can print it at start in
/// demo mode. `fixed` (for tests) sets the same known password on all of them.
pub async fn reset_passwords(store: &Store, fixed: Option<&str>) -> Result<Vec<(String, String)>, StoreError> {
    let actor = Actor::system("demo");
    let mut out = Vec::new();
    for (email, _, _) in DEMO_ACCOUNTS {
        if let Some((user, _)) = store.user_with_hash(email).await? {
            let password = fixed.map_or_else(|| new_secret()[..20].to_string(), str::to_string);
            store.set_password(user.user_id(), &hash_password(&password), &actor).await?;
            out.push((email.to_string(), password));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_people_are_fictional_but_stable() {
        assert_eq!(name(1), name(1));
        assert_ne!(name(1), name(2));
        assert_eq!(email_of("Åsa Öberg", "rjl.se"), "asa.oberg@rjl.se");
    }
}
