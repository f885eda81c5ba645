//! A membership as member lists show it, with role and side in words: shared by a body's pages
//! (web `structure`) and a person's page (web `people`).

use domain::error::Lang;
use domain::structure::Side;
use store::structure::Membership;

/// A member as lists show them, with role and side in words.
pub struct MemberRow {
    pub m: Membership,
    pub role: &'static str,
    pub side: &'static str,
}

pub fn member_rows(ms: Vec<Membership>, lang: Lang) -> Vec<MemberRow> {
    ms.into_iter()
        .map(|m| {
            let role = m.role().label(lang);
            let side = if m.side() == Side::Neither { "" } else { m.side().label(lang) };
            MemberRow { m, role, side }
        })
        .collect()
}
