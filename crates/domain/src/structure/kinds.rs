//! The kinds of body, the roles in a membership and the political sides (glossary of
//! `domain.md`).

use serde::{Deserialize, Serialize};

use crate::error::Lang;

/// An enum stored and sent as a snake_case code, with a Swedish and an English label. `as_str`,
/// `parse` and serde use the same code.
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal, $sv:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)*
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                let s = s.trim();
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            /// Swedish and English names, for pages and documents.
            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::Sv) => $sv, ($name::$variant, Lang::En) => $en,)*
                }
            }
        }
    };
}

labelled_enum! {
    /// What kind of body a group is: the joint bodies of the structure and the organisations'
    /// own boards that decide on their recommendations (rule 9).
    BodyKind {
        /// Samråd, samrådsgrupp, forum: a formal political joint body without decision power.
        ConsultationGroup => "consultation_group", "Samrådsgrupp", "Consultation group";
        /// Ledningsgrupp: a joint group of officials.
        ManagementGroup => "management_group", "Ledningsgrupp", "Management group";
        /// The chairs of a body; sets its agenda.
        Presidium => "presidium", "Presidium", "Presidium";
        ReferenceGroup => "reference_group", "Referensgrupp", "Reference group";
        /// Nätverk: outside the formal structure, no preparatory role.
        Network => "network", "Nätverk", "Network";
        WorkingGroup => "working_group", "Arbetsgrupp", "Working group";
        SteeringGroup => "steering_group", "Styrgrupp", "Steering group";
        /// Kommunstyrelse.
        MunicipalBoard => "municipal_board", "Kommunstyrelse", "Municipal board";
        /// Regionstyrelse.
        RegionalBoard => "regional_board", "Regionstyrelse", "Regional board";
        /// Regionfullmäktige.
        RegionalCouncil => "regional_council", "Regionfullmäktige", "Regional council";
        /// Nämnd.
        Committee => "committee", "Nämnd", "Committee";
    }
}

impl BodyKind {
    /// Networks "are not part of the formal structure and have no formal preparatory role"
    /// (seed 001, 4.1.6); every other kind is formal unless the body says otherwise.
    pub fn is_formal_by_default(self) -> bool {
        self != BodyKind::Network
    }
}

labelled_enum! {
    /// A person's role in a body.
    MembershipRole {
        Chair => "chair", "Ordförande", "Chair";
        ViceChair => "vice_chair", "Vice ordförande", "Vice chair";
        Member => "member", "Ledamot", "Member";
        /// Ersättare: serves when an ordinary member cannot (rule 3).
        Substitute => "substitute", "Ersättare", "Substitute";
        Secretary => "secretary", "Sekreterare", "Secretary";
        /// Adjungerad.
        CoOpted => "co_opted", "Adjungerad", "Co-opted";
        ProcessLead => "process_lead", "Processledare", "Process lead";
        /// Sakkunnig, e.g. officials from a management group at a consultation group.
        Adviser => "adviser", "Sakkunnig", "Adviser";
    }
}

impl MembershipRole {
    /// Chair, vice chair and member hold ordinary seats; the representation rules count them.
    pub fn is_ordinary(self) -> bool {
        matches!(self, MembershipRole::Chair | MembershipRole::ViceChair | MembershipRole::Member)
    }
}

labelled_enum! {
    /// The political side a representative speaks for; officials speak for neither.
    #[derive(Default)]
    Side {
        Majority => "majority", "Majoritet", "Majority";
        Opposition => "opposition", "Opposition", "Opposition";
        #[default]
        Neither => "neither", "Ingen", "Neither";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        fn check<T: Copy + PartialEq + std::fmt::Debug + Serialize>(
            all: &[T],
            as_str: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            for &v in all {
                assert_eq!(parse(as_str(v)), Some(v));
                assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{}\"", as_str(v)));
            }
        }
        check(BodyKind::ALL, BodyKind::as_str, BodyKind::parse);
        check(MembershipRole::ALL, MembershipRole::as_str, MembershipRole::parse);
        check(Side::ALL, Side::as_str, Side::parse);
        assert_eq!(BodyKind::parse(" consultation_group "), Some(BodyKind::ConsultationGroup));
        assert_eq!(MembershipRole::parse("CoOpted"), None);
    }

    #[test]
    fn labels_speak_both_languages() {
        assert_eq!(BodyKind::MunicipalBoard.label(Lang::Sv), "Kommunstyrelse");
        assert_eq!(BodyKind::RegionalCouncil.label(Lang::En), "Regional council");
        assert_eq!(MembershipRole::Substitute.label(Lang::Sv), "Ersättare");
        assert_eq!(Side::Opposition.label(Lang::En), "Opposition");
    }

    #[test]
    fn only_networks_are_informal_and_only_chairs_and_members_ordinary() {
        let informal: Vec<_> = BodyKind::ALL.iter().filter(|k| !k.is_formal_by_default()).collect();
        assert_eq!(informal, [&BodyKind::Network]);
        let ordinary: Vec<_> = MembershipRole::ALL.iter().filter(|r| r.is_ordinary()).collect();
        assert_eq!(ordinary, [&MembershipRole::Chair, &MembershipRole::ViceChair, &MembershipRole::Member]);
        assert_eq!(Side::default(), Side::Neither);
    }
}
