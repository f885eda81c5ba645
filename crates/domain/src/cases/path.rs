//! A case's path through the consultation structure as it is kept on the case (issue 11): the
//! steps `routing::route` proposes from the case's traits, each planned, done or skipped, and the
//! secretary's deviations from the proposal — adding, removing or changing a step — each with a
//! recorded reason (seed `001_…` § 6.2: the principles are the parties' agreement, so a case
//! that leaves them says why). Skipping a step is a deviation too and needs its reason.

use serde::Serialize;

use super::identity_number::refuse_identity_number;
use super::routing::{CaseTraits, Line, Route, StrategicDocument};
use crate::error::{Errors, Lang};
use crate::{FieldError, Invalid, text};

/// The longest reason or note kept with a step.
pub const REASON_MAX: usize = 1000;

/// What a step of the path is; in this order on the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Prepared (beredning) in a management group.
    Prepare,
    /// Handled in a consultation group.
    Handle,
    /// A referral (remiss) for the parties' formal views.
    Referral,
    /// Decided by the municipal boards and the regional board, each for itself.
    Decide,
}

impl StepKind {
    pub const ALL: [StepKind; 4] = [StepKind::Prepare, StepKind::Handle, StepKind::Referral, StepKind::Decide];

    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Prepare => "prepare",
            StepKind::Handle => "handle",
            StepKind::Referral => "referral",
            StepKind::Decide => "decide",
        }
    }

    pub fn parse(s: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// Whether the step takes place in one line's group (and so names the line).
    pub fn has_line(self) -> bool {
        matches!(self, StepKind::Prepare | StepKind::Handle)
    }
}

/// Where a step stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    #[default]
    Planned,
    Done,
    Skipped,
}

impl StepStatus {
    pub const ALL: [StepStatus; 3] = [StepStatus::Planned, StepStatus::Done, StepStatus::Skipped];

    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Planned => "planned",
            StepStatus::Done => "done",
            StepStatus::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<StepStatus> {
        StepStatus::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (StepStatus::Planned, Lang::Sv) => "Planerat",
            (StepStatus::Done, Lang::Sv) => "Klart",
            (StepStatus::Skipped, Lang::Sv) => "Överhoppat",
            (StepStatus::Planned, Lang::En) => "Planned",
            (StepStatus::Done, Lang::En) => "Done",
            (StepStatus::Skipped, Lang::En) => "Skipped",
        }
    }
}

/// One step: what happens, and in which line's group for preparing and handling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Step {
    pub kind: StepKind,
    pub line: Option<Line>,
}

impl Step {
    /// The step's name on the timeline, e.g. "Beredning i ledningsgruppen för strategiska frågor".
    pub fn label(self, lang: Lang) -> String {
        let line = self.line.map(|l| l.label(lang)).unwrap_or_default();
        match (self.kind, lang) {
            (StepKind::Prepare, Lang::Sv) => format!("Beredning i ledningsgruppen för {line}"),
            (StepKind::Handle, Lang::Sv) => format!("Behandling i samrådet för {line}"),
            (StepKind::Referral, Lang::Sv) => "Remiss till parterna".into(),
            (StepKind::Decide, Lang::Sv) => "Beslut i kommunstyrelserna och regionstyrelsen".into(),
            (StepKind::Prepare, Lang::En) => format!("Prepared in the management group for {line}"),
            (StepKind::Handle, Lang::En) => format!("Handled in the consultation group for {line}"),
            (StepKind::Referral, Lang::En) => "Referral to the parties".into(),
            (StepKind::Decide, Lang::En) => "Decisions of the municipal boards and the regional board".into(),
        }
    }
}

/// The steps of a proposed route, in timeline order: prepare, handle, referral, decide.
pub fn proposed_steps(r: &Route) -> Vec<Step> {
    let mut steps = Vec::new();
    if let Some(line) = r.prepared_by {
        steps.push(Step { kind: StepKind::Prepare, line: Some(line) });
    }
    if let Some(line) = r.handled_by {
        steps.push(Step { kind: StepKind::Handle, line: Some(line) });
    }
    if r.referral {
        steps.push(Step { kind: StepKind::Referral, line: None });
    }
    if r.boards_decide {
        steps.push(Step { kind: StepKind::Decide, line: None });
    }
    steps
}

/// A checkbox or JSON flag as a form sends it: "on", "true", "1" or "yes" are set.
pub fn flag(v: &str) -> bool {
    matches!(v.trim(), "on" | "true" | "1" | "yes")
}

/// The traits as a secretary answers them; `strategy` is empty or one of Bilaga 1's codes.
pub fn parse_traits(flags: [bool; 5], strategy: &str) -> Result<CaseTraits, Invalid> {
    let strategy = match strategy.trim() {
        "" => None,
        s => Some(StrategicDocument::parse(s).ok_or_else(|| {
            Invalid::one(FieldError::new(
                "strategy",
                "invalid_strategy",
                "Välj en av de regionala strategierna i bilaga 1, eller ingen.",
                "Choose one of the regional strategies of annex 1, or none.",
            ))
        })?),
    };
    let [division_of_responsibility, within_care, needs_formal_views, needs_board_decisions, funds_joint_initiatives] =
        flags;
    Ok(CaseTraits {
        division_of_responsibility,
        within_care,
        strategy,
        needs_formal_views,
        needs_board_decisions,
        funds_joint_initiatives,
    })
}

/// A reason kept on the timeline, which the public reads: bounded, no identity numbers.
fn reason(field: &str, v: &str, required: bool) -> Result<Option<String>, FieldError> {
    let r = text::optional_multiline(field, v, REASON_MAX)?;
    match &r {
        None if required => Err(FieldError::new(
            field,
            "reason_required",
            "Ange skälet till avvikelsen från den föreslagna gången.",
            "Give the reason for deviating from the proposed path.",
        )),
        Some(t) => refuse_identity_number(field, t).map(|()| r),
        None => Ok(None),
    }
}

/// A step as the form names it: its kind and, for preparing and handling, its line.
fn step(kind: &str, line: &str, e: &mut Errors) -> Option<Step> {
    let kind = e.check(StepKind::parse(kind).ok_or_else(|| {
        if kind.trim().is_empty() {
            FieldError::required("kind")
        } else {
            FieldError::new("kind", "invalid_kind", "Okänt slag av steg.", "Unknown kind of step.")
        }
    }))?;
    let line = match (kind.has_line(), line.trim()) {
        (true, "") => e.check::<Line>(Err(FieldError::new(
            "line",
            "line_required",
            "Välj vilken linje (strategiska frågor eller vård och omsorg) steget tas i.",
            "Choose the line (strategic matters or care) the step is taken in.",
        )))?,
        (true, l) => e.check(
            Line::parse(l).ok_or_else(|| FieldError::new("line", "invalid_line", "Okänd linje.", "Unknown line.")),
        )?,
        (false, "") => return Some(Step { kind, line: None }),
        (false, _) => {
            e.push(FieldError::new(
                "line",
                "line_not_allowed",
                "Remiss och beslut tas inte i en linjes grupp; lämna linjen tom.",
                "A referral or a decision is not taken in a line's group; leave the line empty.",
            ));
            return None;
        }
    };
    Some(Step { kind, line: Some(line) })
}

/// A step id as the form names it.
fn step_id(v: &str) -> Result<i64, FieldError> {
    if v.trim().is_empty() {
        return Err(FieldError::required("step"));
    }
    v.trim()
        .parse::<i64>()
        .ok()
        .filter(|i| *i > 0)
        .ok_or_else(|| FieldError::new("step", "invalid_step", "Välj ett steg i gången.", "Choose a step of the path."))
}

/// What a deviation does to the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Change {
    Add { step: Step },
    Remove { step_id: i64 },
    Replace { step_id: i64, step: Step },
}

impl Change {
    pub fn action(&self) -> &'static str {
        match self {
            Change::Add { .. } => "add",
            Change::Remove { .. } => "remove",
            Change::Replace { .. } => "change",
        }
    }
}

/// A deviation from the proposal with its reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeviationInput {
    pub change: Change,
    pub reason: String,
}

impl DeviationInput {
    /// `action` is "add", "remove" or "change"; `step` names the step removed or changed;
    /// `kind` and `line` the step added or what it becomes. The reason is required.
    pub fn parse(action: &str, step_field: &str, kind: &str, line: &str, why: &str) -> Result<DeviationInput, Invalid> {
        let mut e = Errors::new();
        let change = match action.trim() {
            "add" => step(kind, line, &mut e).map(|step| Change::Add { step }),
            "remove" => e.check(step_id(step_field)).map(|step_id| Change::Remove { step_id }),
            "change" => {
                let id = e.check(step_id(step_field));
                let s = step(kind, line, &mut e);
                id.zip(s).map(|(step_id, step)| Change::Replace { step_id, step })
            }
            "" => e.check::<Change>(Err(FieldError::required("action"))),
            _ => e.check::<Change>(Err(FieldError::new(
                "action",
                "invalid_action",
                "Välj om ett steg ska läggas till, tas bort eller ändras.",
                "Choose whether a step is added, removed or changed.",
            ))),
        };
        let why = e.check(reason("reason", why, true)).flatten();
        e.finish(|| DeviationInput {
            change: change.unwrap_or(Change::Remove { step_id: 0 }),
            reason: why.unwrap_or_default(),
        })
    }
}

/// A step's new status, with the note that a skip requires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepStatusInput {
    pub status: StepStatus,
    pub note: Option<String>,
}

impl StepStatusInput {
    pub fn parse(status: &str, note: &str) -> Result<StepStatusInput, Invalid> {
        let mut e = Errors::new();
        let status = e.check(StepStatus::parse(status).ok_or_else(|| {
            FieldError::new(
                "status",
                "invalid_status",
                "Välj planerat, klart eller överhoppat.",
                "Choose planned, done or skipped.",
            )
        }));
        let skipped = status == Some(StepStatus::Skipped);
        let note = e.check(reason("note", note, skipped)).flatten();
        e.finish(|| StepStatusInput { status: status.unwrap_or_default(), note })
    }
}

/// The check of a deviation against the path it changes (`path`: each step's id and step):
/// the step removed or changed must be on the path, a change must change something, and the
/// path never holds the same step twice.
pub fn check_change(path: &[(i64, Step)], change: &Change) -> Result<(), FieldError> {
    let on_path = |id: i64| {
        path.iter().find(|(i, _)| *i == id).map(|(_, s)| *s).ok_or_else(|| {
            FieldError::new(
                "step",
                "unknown_step",
                "Steget finns inte i ärendets gång.",
                "The step is not on the case's path.",
            )
        })
    };
    let twice = |s: Step, except: Option<i64>| {
        if path.iter().any(|(i, p)| *p == s && Some(*i) != except) {
            Err(FieldError::new(
                "kind",
                "step_exists",
                "Steget finns redan i ärendets gång.",
                "The step is already on the case's path.",
            ))
        } else {
            Ok(())
        }
    };
    match *change {
        Change::Add { step } => twice(step, None),
        Change::Remove { step_id } => on_path(step_id).map(|_| ()),
        Change::Replace { step_id, step } => {
            if on_path(step_id)? == step {
                return Err(FieldError::new(
                    "kind",
                    "no_change",
                    "Steget är redan sådant; ändra slag eller linje.",
                    "The step is already so; change its kind or line.",
                ));
            }
            twice(step, Some(step_id))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::routing::route;
    use proptest::prelude::*;

    fn s(kind: StepKind, line: Option<Line>) -> Step {
        Step { kind, line }
    }

    #[test]
    fn the_rus_is_prepared_and_handled_in_the_strategic_line_and_decided_by_every_board() {
        // Seed 000 and 001 § 6.2: a regional development strategy (Bilaga 1) that the municipal
        // boards decide on ("Kommunstyrelsen beslutar att aktivt delta").
        let r = route(CaseTraits {
            strategy: Some(StrategicDocument::DevelopmentStrategy),
            needs_board_decisions: true,
            ..Default::default()
        });
        assert_eq!(
            proposed_steps(&r),
            vec![
                s(StepKind::Prepare, Some(Line::Strategic)),
                s(StepKind::Handle, Some(Line::Strategic)),
                s(StepKind::Decide, None)
            ]
        );
        assert_eq!(proposed_steps(&r)[0].label(Lang::Sv), "Beredning i ledningsgruppen för strategiska frågor");
    }

    #[test]
    fn a_county_transport_plan_needing_formal_views_goes_on_referral_after_the_consultation() {
        // § 6.2: "… ska detta ske genom remissförfarande. Detta gäller även om ärendet … har
        // behandlats i samrådsstrukturen."
        let t = parse_traits([false, false, true, false, false], "county_transport_plan").unwrap();
        assert_eq!(
            proposed_steps(&route(t)),
            vec![s(StepKind::Handle, Some(Line::Strategic)), s(StepKind::Referral, None)]
        );
        // A care case stays in the care line (4.2.1).
        let care = parse_traits([false, true, false, false, false], "").unwrap();
        assert_eq!(
            proposed_steps(&route(care)),
            vec![s(StepKind::Prepare, Some(Line::Care)), s(StepKind::Handle, Some(Line::Care))]
        );
        assert_eq!(parse_traits([false; 5], "kulturplan").unwrap_err().first().field, "strategy");
    }

    #[test]
    fn a_deviation_needs_its_reason_and_a_whole_step() {
        let e = DeviationInput::parse("add", "", "prepare", "", " ").unwrap_err();
        let fields: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(fields, vec![("line", "line_required"), ("reason", "reason_required")]);
        let e = DeviationInput::parse("change", "x", "decide", "care", "Skäl 19121212-1212").unwrap_err();
        let fields: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(fields, vec![("step", "invalid_step"), ("line", "line_not_allowed"), ("reason", "identity_number")]);
        assert_eq!(DeviationInput::parse("", "", "", "", "x").unwrap_err().first().field, "action");
        assert_eq!(DeviationInput::parse("move", "", "", "", "x").unwrap_err().first().code, "invalid_action");
        assert_eq!(DeviationInput::parse("add", "", "vote", "", "x").unwrap_err().first().code, "invalid_kind");
        let long = "x".repeat(REASON_MAX + 1);
        assert_eq!(DeviationInput::parse("remove", "3", "", "", &long).unwrap_err().first().code, "too_long");
        let d = DeviationInput::parse("add", "", "referral", "", "Norrköping vill yttra sig formellt.").unwrap();
        assert_eq!(d.change, Change::Add { step: s(StepKind::Referral, None) });
    }

    #[test]
    fn skipping_a_step_needs_a_note_and_other_statuses_do_not() {
        assert_eq!(StepStatusInput::parse("skipped", "").unwrap_err().first().field, "note");
        assert_eq!(StepStatusInput::parse("finished", "").unwrap_err().first().field, "status");
        let done = StepStatusInput::parse("done", "").unwrap();
        assert_eq!((done.status, done.note), (StepStatus::Done, None));
        assert!(StepStatusInput::parse("skipped", "Ärendet drogs tillbaka.").is_ok());
    }

    #[test]
    fn a_change_must_name_a_step_of_the_path_and_never_make_a_step_twice() {
        let path = [(1, s(StepKind::Prepare, Some(Line::Strategic))), (2, s(StepKind::Handle, Some(Line::Strategic)))];
        let dup = Change::Add { step: s(StepKind::Handle, Some(Line::Strategic)) };
        assert_eq!(check_change(&path, &dup).unwrap_err().code, "step_exists");
        assert!(check_change(&path, &Change::Add { step: s(StepKind::Handle, Some(Line::Care)) }).is_ok());
        assert_eq!(check_change(&path, &Change::Remove { step_id: 9 }).unwrap_err().code, "unknown_step");
        let same = Change::Replace { step_id: 1, step: path[0].1 };
        assert_eq!(check_change(&path, &same).unwrap_err().code, "no_change");
        let onto = Change::Replace { step_id: 1, step: path[1].1 };
        assert_eq!(check_change(&path, &onto).unwrap_err().code, "step_exists");
        assert!(
            check_change(&path, &Change::Replace { step_id: 1, step: s(StepKind::Prepare, Some(Line::Care)) }).is_ok()
        );
    }

    proptest! {
        /// A proposal holds each step at most once, in timeline order, and a line exactly on
        /// the steps taken in a line's group.
        #[test]
        fn a_proposed_path_is_ordered_and_has_no_step_twice(b in any::<[bool; 5]>(), st in proptest::option::of(0usize..6)) {
            let t = parse_traits(b, st.map(|i| StrategicDocument::ALL[i].as_str()).unwrap_or("")).unwrap();
            let steps = proposed_steps(&route(t));
            prop_assert!(steps.windows(2).all(|w| w[0].kind < w[1].kind));
            prop_assert!(steps.iter().all(|s| s.kind.has_line() == s.line.is_some()));
        }
    }
}
