//! Fictional people ("people in demo data are fictional; organisations are real", `domain.md`):
//! stable names from a counter, addresses at the real organisations' domains, parties by the
//! organisation's ruling bloc, and the roster of who holds a seat in which term.

use std::collections::HashMap;

use domain::ids::{OrganisationId, PersonId};
use domain::organisations::PersonInput;
use domain::structure::{MembershipInput, MembershipRole, Side, Term};
use store::{Actor, Store, StoreError};

const FIRST: &[&str] = &[
    "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Mikael", "Lena", "Anders", "Emma",
    "Peter", "Kristina", "Fredrik", "Ingrid", "Jonas", "Sofia", "Henrik", "Elin", "Magnus", "Helena", "Olof", "Malin",
    "Stefan", "Ida", "Niklas", "Camilla", "Tobias", "Linnea", "Gustav", "Åsa", "Björn", "Hanna", "Oskar", "Ebba",
    "Viktor", "Agneta", "Rasmus", "Astrid", "Axel", "Beatrice", "Carl", "Dag", "Elsa", "Filip", "Greta", "Hugo",
    "Ingela", "Jakob", "Klara", "Leo", "Maja", "Nils", "Ronja", "Sten", "Tove", "Ulrika", "Vera",
];
/// No surname of a real person named in the seeds, so no generated name is a real one.
const LAST: &[&str] = &[
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
    "Håkansson",
    "Nordin",
    "Vikander",
    "Åström",
    "Lindahl",
    "Ceder",
    "Söderlund",
    "Rydén",
    "Almqvist",
    "Berglöf",
    "Carlén",
    "Edvall",
    "Falk",
    "Grahn",
    "Hallberg",
    "Isaksson",
    "Kjellberg",
    "Lövgren",
    "Moberg",
    "Norén",
    "Palmér",
    "Rosén",
    "Sandell",
    "Backman",
    "Cederlund",
    "Dalin",
    "Ekholm",
    "Fagerlund",
    "Hellström",
    "Jäderberg",
    "Kvist",
    "Lagerlöf",
    "Malmberg",
    "Nordqvist",
    "Qvarnström",
    "Ringberg",
    "Tegnér",
    "Unger",
    "Wennberg",
    "Ågren",
    "Öhman",
    "Lindelöf",
    "Bergkvist",
];
/// The two blocs; an organisation's majority comes from one and its opposition from the other.
const RED_GREEN: &[&str] = &["S", "C", "V", "MP"];
const CENTRE_RIGHT: &[&str] = &["M", "KD", "L", "SD"];

/// A fictional name, the same for the same seed number.
pub(super) fn name(n: usize) -> String {
    format!("{} {}", FIRST[n % FIRST.len()], LAST[(n * 7 + n / FIRST.len()) % LAST.len()])
}

pub(super) fn email_of(name: &str, domain: &str) -> String {
    let local: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            ' ' => '.',
            c => c,
        })
        .collect();
    format!("{local}@{domain}")
}

/// A real organisation as the demo refers to it.
pub(super) struct Org {
    pub id: OrganisationId,
    /// Kommunkod or länskod.
    pub code: Option<String>,
    /// The e-mail domain of its people.
    pub domain: String,
}

impl Org {
    /// The parties of a side: an even code has a red-green majority, an odd one a centre-right.
    fn parties(&self, side: Side) -> &'static [&'static str] {
        let red_green = self.code.as_deref().and_then(|c| c.parse::<u32>().ok()).is_some_and(|c| c % 2 == 0);
        match (side, red_green) {
            (Side::Majority, true) | (Side::Opposition, false) => RED_GREEN,
            (Side::Majority, false) | (Side::Opposition, true) => CENTRE_RIGHT,
            (Side::Neither, _) => &[],
        }
    }
}

/// Creates the fictional people, numbering them for their names.
pub(super) struct Folk {
    n: usize,
    pub created: usize,
    pub actor: Actor,
}

impl Folk {
    pub fn new(actor: Actor) -> Folk {
        Folk { n: 0, created: 0, actor }
    }

    /// A new person at `org`; a politician (a side other than neither) gets a party of that
    /// side, its leading party with `lead`.
    pub async fn add(
        &mut self,
        store: &Store,
        org: &Org,
        title: &str,
        side: Side,
        lead: bool,
    ) -> Result<PersonId, StoreError> {
        self.n += 1;
        let n = self.n;
        let parties = org.parties(side);
        let party = (!parties.is_empty()).then(|| parties[if lead { 0 } else { n % parties.len() }]);
        let name = name(n);
        let input = PersonInput {
            email: Some(email_of(&name, &org.domain)),
            phone: Some(format!("010-{:03} {:02} {:02}", 100 + n % 900, n % 100, (n * 3) % 100)),
            name,
            title: Some(title.to_string()),
            organisation_id: Some(org.id),
            party: party.map(str::to_string),
            lang: Default::default(),
        };
        let id = store.create_person(&input, &self.actor, None).await?;
        self.created += 1;
        Ok(id)
    }
}

/// A seat an organisation fills in a body, held by one person a term. The same seat in several
/// bodies (a municipal board's chair in the consultation group, its presidium and a network)
/// has the same holder.
#[derive(Clone, Copy)]
pub(super) struct Seat<'a> {
    pub org: &'a Org,
    pub title: &'static str,
    pub side: Side,
    /// The current holder, if the person exists already.
    pub holder: Option<PersonId>,
}

impl<'a> Seat<'a> {
    pub fn new(org: &'a Org, title: &'static str, side: Side) -> Seat<'a> {
        Seat { org, title, side, holder: None }
    }

    pub fn of(org: &'a Org, title: &'static str, side: Side, holder: PersonId) -> Seat<'a> {
        Seat { org, title, side, holder: Some(holder) }
    }

    pub fn at(self, role: MembershipRole) -> Place<'a> {
        Place { seat: self, role, substitute_for: None }
    }
}

/// A seat in a body in a role; a substitute stands in for the place at an index of the list.
pub(super) struct Place<'a> {
    pub seat: Seat<'a>,
    pub role: MembershipRole,
    pub substitute_for: Option<usize>,
}

type SeatKey = (OrganisationId, &'static str, Side);

/// Who held each seat in each term, oldest term first and the current term last.
pub(super) struct Roster {
    pub terms: Vec<Term>,
    holders: HashMap<SeatKey, Vec<PersonId>>,
}

impl Roster {
    pub fn new(terms: Vec<Term>) -> Roster {
        assert!(!terms.is_empty(), "a roster has a current term");
        Roster { terms, holders: HashMap::new() }
    }

    /// The holders of a seat in the last `n` terms, newest first. The current one is the seat's
    /// person or a new one; going back, a holder either held the seat the term before too or
    /// took over from a predecessor (officials stay longer than politicians).
    async fn holders(
        &mut self,
        store: &Store,
        folk: &mut Folk,
        seat: &Seat<'_>,
        n: usize,
    ) -> Result<Vec<PersonId>, StoreError> {
        let key = (seat.org.id, seat.title, seat.side);
        let mut h = self.holders.remove(&key).unwrap_or_default();
        while h.len() < n.min(self.terms.len()) {
            let person = match h.last() {
                None => match seat.holder {
                    Some(p) => p,
                    None => folk.add(store, seat.org, seat.title, seat.side, false).await?,
                },
                Some(&later) if stays(&key, self.terms[self.terms.len() - 1 - h.len()]) => later,
                Some(_) => {
                    folk.add(store, seat.org, &format!("Tidigare {}", lower_first(seat.title)), seat.side, false)
                        .await?
                }
            };
            h.push(person);
        }
        self.holders.insert(key, h.clone());
        Ok(h)
    }

    /// The memberships of the places: one a term, in the current term only or in every term
    /// with `history`; those of past terms end on the term's last day.
    pub async fn memberships(
        &mut self,
        store: &Store,
        folk: &mut Folk,
        places: &[Place<'_>],
        history: bool,
    ) -> Result<Vec<MembershipInput>, StoreError> {
        let n = if history { self.terms.len() } else { 1 };
        let mut holders = Vec::with_capacity(places.len());
        for p in places {
            holders.push(self.holders(store, folk, &p.seat, n).await?);
        }
        let mut rows = Vec::with_capacity(places.len() * n);
        for back in (0..n).rev() {
            let term = self.terms[self.terms.len() - 1 - back];
            for (p, h) in places.iter().zip(&holders) {
                rows.push(MembershipInput {
                    person: h[back],
                    organisation: p.seat.org.id,
                    role: p.role,
                    side: p.seat.side,
                    start: term.start(),
                    end: (back > 0).then(|| term.end()),
                    substitute_for: p.substitute_for.map(|j| holders[j][back]),
                });
            }
        }
        Ok(rows)
    }
}

/// Whether the holder of a seat in the term after `term` held it in `term` too: a fixed draw
/// per seat and term, so the same data comes out every time.
fn stays(key: &SeatKey, term: Term) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let text = format!("{}|{}|{}|{}", key.0.0, key.1, key.2.as_str(), term.start_year());
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h % 100 < if key.2 == Side::Neither { 65 } else { 50 }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_people_are_fictional_but_stable() {
        assert_eq!(name(1), name(1));
        assert_ne!(name(1), name(2));
        assert_eq!(email_of("Åsa Öberg", "rjl.se"), "asa.oberg@rjl.se");
        assert_eq!(lower_first("Kommundirektör"), "kommundirektör");
    }

    #[test]
    fn no_generated_name_is_a_real_persons_from_the_seeds() {
        // Surnames of the people named in seed 003 (Kommunalt forum, Jönköping) and elsewhere.
        const REAL: &[&str] = &[
            "Allen",
            "Jazic",
            "Hansson",
            "Fornander",
            "Kyllenbeck",
            "Hörlin",
            "Hägg",
            "Rietz",
            "Johansson",
            "Sjödell",
            "Nylén",
            "Eglinger",
            "Hästmark",
            "Lundell",
            "Karlsson",
            "Engström",
            "Wahlström",
            "Brusberg",
            "Jarstig",
            "Lidberg",
            "Nilsson",
            "Forsberg",
            "Dahlström",
            "Fritz",
            "Högberg",
            "Jansson",
            "Lindberg",
            "Ternstedt",
            "Tovesson",
            "Petersson",
            "Häll",
            "Hermansson",
            "Klasson",
            "Holmstedt",
            "Stenquist",
            "Thudeen",
            "Jonsson",
            "Williamsson",
            "Axelsson",
            "Hedvall",
            "Wallén",
            "Tvarnö",
            "Färjhage",
            "Pettersson",
            "Myrvold",
            "Svensson",
            "Basso",
            "Frisk",
            "Ekered",
            "Hammar",
            "Gustafsson",
            "Nedergaard-Hansen",
            "Eriksson",
            "Ekström",
            "Nyborg",
            "Ekvall",
            "Ydman",
            "Bojestig",
            "Götesson",
            "Colliander",
            "Eminovic",
            "Athler",
            "Hesse",
            "Gerdin",
            "Källberg",
            "Lindqvist",
            "Peterson",
        ];
        for last in LAST {
            assert!(!REAL.contains(last), "{last}");
        }
        let names: std::collections::BTreeSet<String> = (0..FIRST.len() * LAST.len()).map(name).collect();
        assert!(names.len() > 3000, "enough different names for the national dataset: {}", names.len());
    }

    #[test]
    fn a_party_is_from_the_organisations_side() {
        let org = |code: &str| Org { id: OrganisationId(1), code: Some(code.into()), domain: "x.se".into() };
        assert_eq!(org("0580").parties(Side::Majority), RED_GREEN);
        assert_eq!(org("0580").parties(Side::Opposition), CENTRE_RIGHT);
        assert_eq!(org("05").parties(Side::Majority), CENTRE_RIGHT);
        assert!(org("05").parties(Side::Neither).is_empty());
    }
}
