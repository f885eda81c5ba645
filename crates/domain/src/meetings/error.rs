//! Why a meeting or its protocol refuses a change: one variant per refusal, each with the field
//! it concerns, a stable code and its message in Swedish and English. The store names the
//! variant; the web shows the message; clients read the code. The codes and fields are part of
//! the API: keep them stable.

use time::Date;

use crate::error::Lang;
use crate::{FieldError, Invalid};

/// A refusal of the meeting rules (adjustment, editing, submission, the meeting's life).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingError {
    /// The protocol is out for adjustment: taken back first to be changed.
    OutForAdjustment,
    /// The meeting is adjusted or out for adjustment: its details, adjusters and attachments stay.
    Locked,
    /// The agenda is fixed once the meeting is held (or cancelled).
    AgendaFixed,
    /// A held meeting is never deleted: its protocol is an official document.
    HeldMeetingsStay,
    /// The protocol is written once the meeting is held.
    ProtocolBeforeHeld,
    /// A paragraph is edited only once the meeting is held.
    NotHeld,
    /// The paragraph was adjusted at once (OJ) and stays as it was approved.
    AdjustedAtOnce,
    /// The statuses after held are set by submitting, approving and announcing.
    NotByHand,
    /// A meeting is not held before its day (issue 8, hole 3).
    BeforeMeetingDay { date: Date },
    /// A held meeting cannot be moved to a day that has not come.
    HeldMeetingInFuture { date: Date },
    /// Approval needs a protocol out for adjustment.
    NotOutForAdjustment,
    /// Immediate adjustment (OJ) happens while the protocol is written.
    ImmediateOnlyWhileWriting,
    /// The paragraph is not marked for immediate adjustment.
    NotImmediate,
    /// Only the chair and the elected adjusters adjust (KL 5 kap. 69 §).
    NotAnApprover,
    /// The protocol has no paragraphs to submit.
    NoParagraphs,
    /// A paragraph lacks its decision.
    DecisionMissing { number: u32 },
    /// The chair adjusts, so the chair must be named before submitting.
    ChairMissing,
    /// No adjuster has been elected (KL 5 kap. 69 §).
    AdjustersMissing,
    /// The chair cannot also be an adjuster: the chair and at least one other adjust
    /// (KL 5 kap. 69 §).
    ChairAsAdjuster,
    /// Every elected adjuster is the chair: nobody besides the chair would adjust.
    NoAdjusterBesideChair,
    /// Only an adjusted protocol is corrected with a new version.
    NotAdjusted,
    /// A correction needs a change since the latest version.
    NothingChanged,
    /// A paragraph refers to an attachment of another meeting.
    UnknownAttachment,
    /// An attachment names an item not on the meeting's agenda.
    UnknownAgendaItem,
    /// A named person does not exist (the field says where).
    UnknownPerson { field: String },
    /// A date of a year's meeting plan lies in another year.
    WrongYear { date: Date, year: i32 },
    /// Someone else changed paragraph `number` since the form was loaded, and so did the user:
    /// nothing is overwritten silently (issue 9).
    DraftChanged { number: u32 },
    /// A paragraph in the form was removed by someone else since the form was loaded.
    ParagraphGone,
    /// Paragraphs are added, removed and moved while the protocol is written, not in a
    /// correction.
    RestructureWhileWriting,
    /// The number the paragraphs would need is used by a later meeting of the body that year.
    NumberTaken { number: u32 },
}

impl MeetingError {
    /// The field the refusal concerns, as the forms and the API name it.
    pub fn field(&self) -> &str {
        use MeetingError::*;
        match self {
            OutForAdjustment
            | Locked
            | AgendaFixed
            | HeldMeetingsStay
            | ProtocolBeforeHeld
            | NotHeld
            | AdjustedAtOnce
            | NotByHand
            | BeforeMeetingDay { .. }
            | NotOutForAdjustment
            | ImmediateOnlyWhileWriting
            | NotAdjusted => "status",
            HeldMeetingInFuture { .. } => "date",
            NotImmediate => "paragraph",
            NotAnApprover => "person",
            NoParagraphs => "paragraphs",
            DecisionMissing { .. } => "decision",
            ChairMissing => "chair",
            AdjustersMissing | ChairAsAdjuster | NoAdjusterBesideChair => "adjusters",
            NothingChanged => "reason",
            UnknownAttachment => "attachments",
            UnknownAgendaItem => "agenda_item",
            UnknownPerson { field } => field,
            WrongYear { .. } => "dates",
            DraftChanged { .. } | ParagraphGone => "draft",
            RestructureWhileWriting | NumberTaken { .. } => "paragraphs",
        }
    }

    /// The stable code clients read.
    pub fn code(&self) -> &'static str {
        use MeetingError::*;
        match self {
            OutForAdjustment => "out_for_adjustment",
            Locked => "locked",
            AgendaFixed => "agenda_fixed",
            HeldMeetingsStay => "held_meetings_stay",
            ProtocolBeforeHeld | NotHeld | ImmediateOnlyWhileWriting => "not_held",
            AdjustedAtOnce => "adjusted_at_once",
            NotByHand => "not_by_hand",
            BeforeMeetingDay { .. } => "before_meeting_day",
            HeldMeetingInFuture { .. } => "held_meeting_in_future",
            NotOutForAdjustment => "not_out_for_adjustment",
            NotImmediate => "not_immediate",
            NotAnApprover => "not_an_approver",
            NoParagraphs => "no_paragraphs",
            DecisionMissing { .. } => "decision_missing",
            ChairMissing => "chair_missing",
            AdjustersMissing => "adjusters_missing",
            ChairAsAdjuster => "chair_as_adjuster",
            NoAdjusterBesideChair => "no_adjuster_beside_chair",
            NotAdjusted => "not_adjusted",
            NothingChanged => "nothing_changed",
            UnknownAttachment => "unknown_attachment",
            UnknownAgendaItem => "unknown_item",
            UnknownPerson { .. } => "unknown_person",
            WrongYear { .. } => "wrong_year",
            DraftChanged { .. } => "draft_changed",
            ParagraphGone => "paragraph_gone",
            RestructureWhileWriting => "restructure_while_writing",
            NumberTaken { .. } => "number_taken",
        }
    }

    /// The message in one language.
    pub fn message(&self, lang: Lang) -> String {
        let (sv, en) = self.texts();
        match lang {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    fn texts(&self) -> (String, String) {
        use MeetingError::*;
        let s = |sv: &str, en: &str| (sv.to_string(), en.to_string());
        match self {
            OutForAdjustment => s(
                "Protokollet är lämnat för justering. Ta tillbaka det för att ändra.",
                "The protocol is out for approval. Take it back to make changes.",
            ),
            Locked => s(
                "Protokollet är lämnat för justering eller justerat; mötet kan inte ändras.",
                "The protocol is out for approval or approved; the meeting cannot be changed.",
            ),
            AgendaFixed => {
                s("Dagordningen kan inte ändras efter mötet.", "The agenda cannot be changed after the meeting.")
            }
            HeldMeetingsStay => s(
                "Ett genomfört möte kan inte tas bort; dess protokoll är en allmän handling.",
                "A meeting that was held cannot be deleted; its protocol is an official document.",
            ),
            ProtocolBeforeHeld => s(
                "Protokollet skrivs när mötet är genomfört.",
                "The protocol is written once the meeting has been held.",
            ),
            NotHeld => s("Mötet är inte genomfört.", "The meeting has not been held."),
            AdjustedAtOnce => s(
                "Paragrafen är justerad omedelbart och kan inte ändras.",
                "The paragraph was approved at once and cannot be changed.",
            ),
            NotByHand => s(
                "Den statusen sätts när protokollet lämnas för justering, justeras eller tillkännages.",
                "That status is set when the protocol is submitted, approved or announced.",
            ),
            BeforeMeetingDay { date } => (
                format!("Mötet hålls {date} och kan inte vara genomfört före den dagen."),
                format!("The meeting takes place on {date} and cannot have been held before that day."),
            ),
            HeldMeetingInFuture { date } => (
                format!("Mötet är genomfört och kan inte flyttas till {date}, en dag som inte har kommit."),
                format!("The meeting has been held and cannot be moved to {date}, a day still to come."),
            ),
            NotOutForAdjustment => {
                s("Protokollet är inte lämnat för justering.", "The protocol is not out for approval.")
            }
            ImmediateOnlyWhileWriting => s(
                "Omedelbar justering görs medan protokollet skrivs.",
                "Immediate approval is done while the protocol is being written.",
            ),
            NotImmediate => s(
                "Paragrafen är inte markerad för omedelbar justering.",
                "The paragraph is not marked for immediate approval.",
            ),
            NotAnApprover => s(
                "Bara ordföranden och de valda justerarna justerar protokollet.",
                "Only the chair and the elected minutes checkers approve the protocol.",
            ),
            NoParagraphs => s("Protokollet har inga paragrafer.", "The protocol has no paragraphs."),
            DecisionMissing { number } => {
                (format!("§ {number} saknar beslut."), format!("§ {number} has no decision."))
            }
            ChairMissing => s(
                "Ange mötets ordförande innan protokollet lämnas för justering.",
                "Name the meeting's chair before submitting the protocol.",
            ),
            AdjustersMissing => s(
                "Välj minst en justerare innan protokollet lämnas för justering (kommunallagen 5 kap. 69 §).",
                "Choose at least one minutes checker before submitting the protocol (Local Government Act, ch. 5 s. 69).",
            ),
            ChairAsAdjuster => s(
                "Ordföranden justerar redan protokollet och kan inte väljas till justerare; välj någon annan \
                 (kommunallagen 5 kap. 69 §).",
                "The chair already approves the minutes and cannot be elected minutes checker; choose someone else \
                 (Local Government Act, ch. 5 s. 69).",
            ),
            NoAdjusterBesideChair => s(
                "Protokollet justeras av ordföranden och minst en justerare till; välj en justerare som inte är \
                 ordförande (kommunallagen 5 kap. 69 §).",
                "The minutes are approved by the chair and at least one minutes checker; choose a minutes checker who is \
                 not the chair (Local Government Act, ch. 5 s. 69).",
            ),
            NotAdjusted => s(
                "Bara ett justerat protokoll rättas med en ny version.",
                "Only an approved protocol is corrected with a new version.",
            ),
            NothingChanged => {
                s("Inget har ändrats sedan den senaste versionen.", "Nothing has changed since the latest version.")
            }
            UnknownAttachment => s("Bilagan hör inte till mötet.", "The attachment does not belong to the meeting."),
            UnknownAgendaItem => s("Punkten finns inte på dagordningen.", "The item is not on the agenda."),
            UnknownPerson { .. } => s("Personen finns inte.", "The person does not exist."),
            WrongYear { date, year } => (format!("{date} ligger inte i {year}."), format!("{date} is not in {year}.")),
            DraftChanged { number } => (
                format!(
                    "§ {number} har ändrats av någon annan sedan du öppnade sidan. Din text finns kvar i formuläret och \
                     den sparade texten visas under det; spara igen för att ersätta den."
                ),
                format!(
                    "§ {number} was changed by someone else since you opened the page. Your text is kept in the form and \
                     the saved text is shown below it; save again to replace it."
                ),
            ),
            ParagraphGone => s(
                "En paragraf har tagits bort av någon annan sedan du öppnade sidan. Din text till den visas nedan.",
                "A paragraph was removed by someone else since you opened the page. Your text for it is shown below.",
            ),
            RestructureWhileWriting => s(
                "Paragrafer läggs till, tas bort och flyttas medan protokollet skrivs.",
                "Paragraphs are added, removed and moved while the minutes are being written.",
            ),
            NumberTaken { number } => (
                format!("§ {number} används redan av ett senare möte samma år."),
                format!("§ {number} is already used by a later meeting the same year."),
            ),
        }
    }

    /// The refusal as a field error: the one place a meeting error becomes one.
    pub fn to_field_error(&self) -> FieldError {
        let (sv, en) = self.texts();
        FieldError::new(self.field(), self.code(), sv, en)
    }
}

impl std::fmt::Display for MeetingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field(), self.message(Lang::En))
    }
}

impl std::error::Error for MeetingError {}

impl From<MeetingError> for FieldError {
    fn from(e: MeetingError) -> Self {
        e.to_field_error()
    }
}

impl From<MeetingError> for Invalid {
    fn from(e: MeetingError) -> Self {
        Invalid::one(e.to_field_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn every_refusal_names_its_field_and_speaks_both_languages() {
        let all = [
            MeetingError::OutForAdjustment,
            MeetingError::Locked,
            MeetingError::AgendaFixed,
            MeetingError::HeldMeetingsStay,
            MeetingError::ProtocolBeforeHeld,
            MeetingError::NotHeld,
            MeetingError::AdjustedAtOnce,
            MeetingError::NotByHand,
            MeetingError::BeforeMeetingDay { date: date!(2026 - 12 - 11) },
            MeetingError::HeldMeetingInFuture { date: date!(2026 - 12 - 11) },
            MeetingError::NotOutForAdjustment,
            MeetingError::ImmediateOnlyWhileWriting,
            MeetingError::NotImmediate,
            MeetingError::NotAnApprover,
            MeetingError::NoParagraphs,
            MeetingError::DecisionMissing { number: 3 },
            MeetingError::ChairMissing,
            MeetingError::AdjustersMissing,
            MeetingError::ChairAsAdjuster,
            MeetingError::NoAdjusterBesideChair,
            MeetingError::NotAdjusted,
            MeetingError::NothingChanged,
            MeetingError::UnknownAttachment,
            MeetingError::UnknownAgendaItem,
            MeetingError::UnknownPerson { field: "ballots[0]".into() },
            MeetingError::WrongYear { date: date!(2025 - 01 - 01), year: 2024 },
            MeetingError::DraftChanged { number: 4 },
            MeetingError::ParagraphGone,
            MeetingError::RestructureWhileWriting,
            MeetingError::NumberTaken { number: 12 },
        ];
        for e in all {
            let f = e.to_field_error();
            assert!(!f.field.is_empty() && !f.code.is_empty(), "{e:?}");
            assert!(!f.sv.is_empty() && !f.en.is_empty() && f.sv != f.en, "{e:?}");
            assert_eq!(Invalid::from(e.clone()).first(), &f);
        }
    }

    #[test]
    fn codes_clients_know_stay_as_they_were() {
        assert_eq!(MeetingError::Locked.to_field_error().field, "status");
        assert_eq!(MeetingError::DecisionMissing { number: 7 }.message(Lang::Sv), "§ 7 saknar beslut.");
        assert_eq!(MeetingError::UnknownPerson { field: "person".into() }.field(), "person");
        assert_eq!(MeetingError::NotAnApprover.code(), "not_an_approver");
    }
}
