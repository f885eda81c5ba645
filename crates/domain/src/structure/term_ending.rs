//! Seats that become vacant when the term of office ends: a finding while there is still time
//! to appoint the representatives of the next term.

use time::{Date, Duration};

use super::draft::Draft;
use super::{MembershipFacts, MembershipRole, Side, Term};
use crate::error::Lang;
use crate::ids::OrganisationId;

/// How many days before the end of a term its ending seats are reported, unless the caller
/// says otherwise. Terms end on 31 December after the September election (see [`Term`]);
/// the councils appoint their representatives in November and December, so the finding shows
/// from the beginning of October.
pub const TERM_NOTICE_DAYS: i64 = 90;

/// One seat of an organisation that no one holds in the next term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seat {
    organisation: OrganisationId,
    role: MembershipRole,
    side: Side,
}

/// A seat and how many of it become vacant.
type Vacant = (Seat, i64);

fn holds_a_seat(m: &MembershipFacts) -> bool {
    m.role.is_ordinary() || m.role == MembershipRole::Substitute
}

/// The seats (ordinary and substitute, per organisation, role and side) held on `at` that end
/// with the term of `at`, less those already filled for the next term, when `at` is within
/// `notice_days` of the term's end. One finding per organisation, listing its seats.
pub(super) fn term_ending(body: &str, memberships: &[MembershipFacts], at: Date, notice_days: i64) -> Vec<Draft> {
    let term = Term::containing(at);
    if term.end() - at > Duration::days(notice_days) {
        return Vec::new();
    }
    let next = term.next();
    let ending = |m: &&MembershipFacts| holds_a_seat(m) && m.is_active_at(at) && m.end.is_none_or(|e| e <= term.end());
    let following = |m: &&MembershipFacts| holds_a_seat(m) && next.contains(m.start);
    let seat = |m: &MembershipFacts| Seat { organisation: m.organisation.id, role: m.role, side: m.side };
    // Count each seat now and in the next term; what the next term lacks becomes vacant.
    let mut counts: Vec<(Seat, String, i64)> = Vec::new();
    for (m, delta) in
        memberships.iter().filter(ending).map(|m| (m, 1)).chain(memberships.iter().filter(following).map(|m| (m, -1)))
    {
        match counts.iter_mut().find(|(s, ..)| *s == seat(m)) {
            Some((.., n)) => *n += delta,
            None => counts.push((seat(m), m.organisation.name.clone(), delta)),
        }
    }
    let mut by_org: Vec<(OrganisationId, String, Vec<Vacant>)> = Vec::new();
    for (s, name, n) in counts.into_iter().filter(|(.., n)| *n > 0) {
        match by_org.iter_mut().find(|(id, ..)| *id == s.organisation) {
            Some((.., seats)) => seats.push((s, n)),
            None => by_org.push((s.organisation, name, vec![(s, n)])),
        }
    }
    let end = term.end();
    by_org
        .into_iter()
        .map(|(id, name, mut seats)| {
            seats.sort_by_key(|(s, _)| (s.role.as_str(), s.side.as_str()));
            let total: i64 = seats.iter().map(|(_, n)| n).sum();
            let list = |lang| seats.iter().map(|(s, n)| seat_phrase(s, *n, lang)).collect::<Vec<_>>().join(", ");
            let (sv_seats, en_seats) = if total == 1 {
                ("1 plats".to_string(), "1 seat".to_string())
            } else {
                (format!("{total} platser"), format!("{total} seats"))
            };
            let (sv_verb, en_verb) =
                if total == 1 { ("blir vakant", "becomes vacant") } else { ("blir vakanta", "become vacant") };
            Draft {
                sv: format!(
                    "{name}: {sv_seats} i {body} {sv_verb} när mandatperioden {term} slutar {end}: {}.",
                    list(Lang::Sv)
                ),
                en: format!(
                    "{name}: {en_seats} in {body} {en_verb} when the {term} term ends on {end}: {}.",
                    list(Lang::En)
                ),
                name,
                organisation_id: Some(id),
            }
        })
        .collect()
}

/// "ledamot (majoritet)", "2 × ersättare" — the role in lower case, the side when it has one.
fn seat_phrase(s: &Seat, n: i64, lang: Lang) -> String {
    let role = s.role.label(lang).to_lowercase();
    let count = if n > 1 { format!("{n} × ") } else { String::new() };
    match s.side {
        Side::Neither => format!("{count}{role}"),
        side => format!("{count}{role} ({})", side.label(lang).to_lowercase()),
    }
}
