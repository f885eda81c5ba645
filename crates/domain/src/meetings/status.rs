//! The life of a meeting: planned → notice sent → held → protocol drafted → adjusted →
//! announced, or cancelled before it is held. Adjustment is final: a correction of an adjusted
//! protocol is a new version (JO 581-2013), not a step back.

use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::error::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Planned,
    NoticeSent,
    Held,
    ProtocolDrafted,
    Adjusted,
    Announced,
    Cancelled,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 7] = [
        MeetingStatus::Planned,
        MeetingStatus::NoticeSent,
        MeetingStatus::Held,
        MeetingStatus::ProtocolDrafted,
        MeetingStatus::Adjusted,
        MeetingStatus::Announced,
        MeetingStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "planned",
            MeetingStatus::NoticeSent => "notice_sent",
            MeetingStatus::Held => "held",
            MeetingStatus::ProtocolDrafted => "protocol_drafted",
            MeetingStatus::Adjusted => "adjusted",
            MeetingStatus::Announced => "announced",
            MeetingStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (MeetingStatus::Planned, Lang::Sv) => "Planerat",
            (MeetingStatus::NoticeSent, Lang::Sv) => "Kallelse skickad",
            (MeetingStatus::Held, Lang::Sv) => "Genomfört",
            (MeetingStatus::ProtocolDrafted, Lang::Sv) => "Protokoll upprättat",
            (MeetingStatus::Adjusted, Lang::Sv) => "Protokoll justerat",
            (MeetingStatus::Announced, Lang::Sv) => "Tillkännagivet",
            (MeetingStatus::Cancelled, Lang::Sv) => "Inställt",
            (MeetingStatus::Planned, Lang::En) => "Planned",
            (MeetingStatus::NoticeSent, Lang::En) => "Notice sent",
            (MeetingStatus::Held, Lang::En) => "Held",
            (MeetingStatus::ProtocolDrafted, Lang::En) => "Protocol drafted",
            (MeetingStatus::Adjusted, Lang::En) => "Protocol approved",
            (MeetingStatus::Announced, Lang::En) => "Announced",
            (MeetingStatus::Cancelled, Lang::En) => "Cancelled",
        }
    }

    /// Whether a meeting counts as held for the meeting-frequency rule (seed 001, 4.1.4).
    pub fn was_held(self) -> bool {
        matches!(
            self,
            MeetingStatus::Held | MeetingStatus::ProtocolDrafted | MeetingStatus::Adjusted | MeetingStatus::Announced
        )
    }

    /// The steps a meeting may take from here. The notice may be sent outside the product, so a
    /// planned meeting may be marked held directly; only a meeting not yet held can be
    /// cancelled; a drafted protocol goes back to the secretary (held) until it is adjusted; an
    /// adjusted protocol is announced and never goes back.
    pub fn next(self) -> &'static [MeetingStatus] {
        use MeetingStatus::*;
        match self {
            Planned => &[NoticeSent, Held, Cancelled],
            NoticeSent => &[Held, Cancelled],
            Held => &[ProtocolDrafted],
            ProtocolDrafted => &[Adjusted, Held],
            Adjusted => &[Announced],
            Announced | Cancelled => &[],
        }
    }

    /// Moves to `to`, or says in both languages why not.
    pub fn advance(self, to: MeetingStatus) -> Result<MeetingStatus, FieldError> {
        if self.next().contains(&to) {
            Ok(to)
        } else {
            Err(FieldError::new(
                "status",
                "invalid_transition",
                format!("Ett möte som är ”{}” kan inte bli ”{}”.", self.label(Lang::Sv), to.label(Lang::Sv)),
                format!("A meeting that is “{}” cannot become “{}”.", self.label(Lang::En), to.label(Lang::En)),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_seed_meeting_goes_from_plan_to_notice_board() {
        let mut s = MeetingStatus::Planned;
        for to in [
            MeetingStatus::NoticeSent,
            MeetingStatus::Held,
            MeetingStatus::ProtocolDrafted,
            MeetingStatus::Adjusted,
            MeetingStatus::Announced,
        ] {
            s = s.advance(to).unwrap();
        }
        assert_eq!(s, MeetingStatus::Announced);
        assert!(s.was_held());
    }

    #[test]
    fn an_adjusted_protocol_never_goes_back() {
        let e = MeetingStatus::Adjusted.advance(MeetingStatus::ProtocolDrafted).unwrap_err();
        assert_eq!(e.code, "invalid_transition");
        assert!(e.sv.contains("Protokoll justerat"));
        assert!(MeetingStatus::Held.advance(MeetingStatus::Cancelled).is_err());
    }

    proptest! {
        /// Whatever path a meeting takes, it never returns to an earlier state except a draft going
        /// back to the secretary, never leaves adjustment, and once held stays counted as held.
        #[test]
        fn status_only_moves_forward(choices in proptest::collection::vec(0usize..3, 0..10)) {
            let mut s = MeetingStatus::Planned;
            let mut held = false;
            for c in choices {
                let next = s.next();
                if next.is_empty() { break; }
                let to = next[c % next.len()];
                prop_assert!(to > s || (s, to) == (MeetingStatus::ProtocolDrafted, MeetingStatus::Held));
                prop_assert!(s < MeetingStatus::Adjusted || to > s);
                s = s.advance(to).unwrap();
                held |= s.was_held();
                prop_assert!(!held || s.was_held());
            }
            for st in MeetingStatus::ALL {
                prop_assert_eq!(MeetingStatus::parse(st.as_str()), Some(st));
            }
        }
    }
}
