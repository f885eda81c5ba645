//! A protocol not adjusted by its deadline is a finding of its body (rule 15).

use time::Date;

use super::draft::Draft;
use crate::ids::MeetingId;

/// A meeting whose protocol was not yet adjusted on the day checked, as the caller loaded it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProtocolFacts {
    pub meeting: MeetingId,
    pub meeting_date: Date,
    /// The last day to adjust it: 14 days after the meeting by default (KL 5 kap. 69 §,
    /// 6 kap. 35 §), computed by `meetings::Deadlines`.
    pub due: Date,
    /// The day it was adjusted, if it was (after the day checked, or the caller would not
    /// pass it).
    pub adjusted_on: Option<Date>,
}

impl ProtocolFacts {
    /// Late on `at`: the deadline has passed and the protocol was not adjusted by then.
    pub fn is_late_at(&self, at: Date) -> bool {
        self.meeting_date <= at && self.due < at && self.adjusted_on.is_none_or(|d| d > at)
    }
}

/// KL 5 kap. 69 § (rule 15): the protocol is adjusted no later than 14 days after the meeting.
/// One finding per late protocol, oldest first.
pub(super) fn late_protocols(body: &str, protocols: &[ProtocolFacts], at: Date) -> Vec<Draft> {
    let mut late: Vec<&ProtocolFacts> = protocols.iter().filter(|p| p.is_late_at(at)).collect();
    late.sort_by_key(|p| (p.meeting_date, p.meeting));
    late.into_iter()
        .map(|p| {
            Draft::body(
                format!(
                    "Protokollet från sammanträdet {} i {body} är försenat: det skulle ha justerats senast {} (KL 5 kap. 69 §).",
                    p.meeting_date, p.due
                ),
                format!(
                    "The minutes of the meeting of {} in {body} are late: they should have been approved by {} (KL 5 kap. 69 §).",
                    p.meeting_date, p.due
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn protocol(date: Date, adjusted_on: Option<Date>) -> ProtocolFacts {
        ProtocolFacts { meeting: MeetingId(1), meeting_date: date, due: date + time::Duration::days(14), adjusted_on }
    }

    /// KL 5 kap. 69 §: adjusted "senast fjorton dagar efter sammanträdet" — the 14th day is
    /// still in time, the 15th is late.
    #[test]
    fn late_the_day_after_the_fourteenth() {
        let p = protocol(date!(2026 - 10 - 01), None);
        assert!(!p.is_late_at(date!(2026 - 10 - 15)));
        assert!(p.is_late_at(date!(2026 - 10 - 16)));
    }

    #[test]
    fn adjusted_in_time_or_before_the_day_checked_is_not_late() {
        let p = protocol(date!(2026 - 10 - 01), Some(date!(2026 - 10 - 20)));
        // On the 18th it was late; from the 20th it is adjusted.
        assert!(p.is_late_at(date!(2026 - 10 - 18)));
        assert!(!p.is_late_at(date!(2026 - 10 - 20)));
        // A meeting after the day checked is nothing yet.
        assert!(!protocol(date!(2026 - 12 - 01), None).is_late_at(date!(2026 - 11 - 16)));
    }
}
