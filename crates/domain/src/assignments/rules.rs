//! Who may give whom an assignment, by when it may be due, where its report back may be
//! presented, and when it is overdue (seed `001_…` § 4.2.1, § 6.2; rule 7 of `domain.md`).

use time::Date;

use super::AssignmentFacts;
use crate::FieldError;
use crate::structure::{BodyFacts, BodyKind, Finding};

/// The organisations' own decision-making bodies: the structure recommends to them and never
/// assigns them work (§ 6.2 "Samråden har ingen självständig beslutanderätt"; rule 9).
fn is_decision_body(k: BodyKind) -> bool {
    matches!(k, BodyKind::MunicipalBoard | BodyKind::RegionalBoard | BodyKind::RegionalCouncil | BodyKind::Committee)
}

/// Whether `giver` may give `assignee` an assignment. Seed 001 § 4.2.1: the management groups
/// "genomföra uppdrag från samråden" (a consultation group assigns), and "den strategiska
/// ledningsgruppen … kan ge uppdrag till övriga ledningsgrupper" (a group's superior assigns,
/// rule 7). Networks have no formal role (4.1.6) and the organisations' boards decide for
/// themselves (§ 6.2), so neither takes an assignment; nor does a group assign itself.
pub fn may_give(giver: &BodyFacts, assignee: &BodyFacts) -> Result<(), FieldError> {
    let refuse = |code, sv: String, en: String| Err(FieldError::new("assignee_id", code, sv, en));
    if giver.id == assignee.id {
        return refuse(
            "self",
            "En grupp kan inte ge sig själv ett uppdrag.".into(),
            "A group cannot give itself an assignment.".into(),
        );
    }
    if !assignee.formal || assignee.kind == BodyKind::Network {
        return refuse(
            "informal",
            format!("{} ingår inte i den formella strukturen och kan inte få uppdrag.", assignee.name),
            format!("{} is not part of the formal structure and cannot take assignments.", assignee.name),
        );
    }
    if is_decision_body(assignee.kind) {
        return refuse(
            "decision_body",
            format!("{} beslutar själv; samrådsstrukturen ger den inga uppdrag.", assignee.name),
            format!("{} decides for itself; the consultation structure gives it no assignments.", assignee.name),
        );
    }
    if giver.kind == BodyKind::ConsultationGroup || assignee.superior_id == Some(giver.id) {
        return Ok(());
    }
    refuse(
        "not_superior",
        format!("Bara ett samråd eller den överordnade gruppen kan ge {} ett uppdrag.", assignee.name),
        format!("Only a consultation group or its superior group can give {} an assignment.", assignee.name),
    )
}

/// The due day is not before the meeting that gave the assignment.
pub fn check_due(due_on: Date, meeting_date: Date) -> Result<(), FieldError> {
    if due_on < meeting_date {
        return Err(FieldError::new(
            "due_on",
            "before_meeting",
            format!("Uppdraget kan inte ha sista dag före sammanträdet som gav det ({meeting_date})."),
            format!("The assignment cannot be due before the meeting that gave it ({meeting_date})."),
        ));
    }
    Ok(())
}

/// A report back is presented in a paragraph of the giving or the assigned group, at a meeting
/// not before the one that gave the assignment.
pub fn check_report(
    facts: &AssignmentFacts,
    given_on: Date,
    report_body: i64,
    report_date: Date,
) -> Result<(), FieldError> {
    if report_body != facts.giver.id && report_body != facts.assignee.id {
        return Err(FieldError::new(
            "paragraph_id",
            "other_body",
            format!("Återrapporten presenteras hos {} eller {}.", facts.giver.name, facts.assignee.name),
            format!("The report back is presented to {} or {}.", facts.giver.name, facts.assignee.name),
        ));
    }
    if report_date < given_on {
        return Err(FieldError::new(
            "paragraph_id",
            "before_given",
            format!("Paragrafen är från ett sammanträde före uppdraget gavs ({given_on})."),
            format!("The paragraph is from a meeting before the assignment was given ({given_on})."),
        ));
    }
    Ok(())
}

/// The findings of `body` on `at`: each assignment it gave or took that is overdue, oldest due
/// first. `rule_index` places them in the body's report.
pub fn overdue_findings(body: i64, list: &[AssignmentFacts], at: Date, rule_index: usize) -> Vec<Finding> {
    let mut late: Vec<&AssignmentFacts> =
        list.iter().filter(|a| (a.giver.id == body || a.assignee.id == body) && a.is_overdue_at(at)).collect();
    late.sort_by_key(|a| (a.due_on, a.id));
    late.into_iter()
        .map(|a| {
            let (sv, en) = if a.assignee.id == body {
                (
                    format!(
                        "Uppdraget ”{}” från {} skulle ha återrapporterats senast {} (uppdrag enligt 001 § 4.2.1).",
                        a.what, a.giver.name, a.due_on
                    ),
                    format!(
                        "The assignment “{}” from {} should have been reported back by {} (assignments, 001 § 4.2.1).",
                        a.what, a.giver.name, a.due_on
                    ),
                )
            } else {
                (
                    format!(
                        "Uppdraget ”{}” till {} är inte återrapporterat; det skulle ha skett senast {}.",
                        a.what, a.assignee.name, a.due_on
                    ),
                    format!(
                        "The assignment “{}” to {} has not been reported back; it was due by {}.",
                        a.what, a.assignee.name, a.due_on
                    ),
                )
            };
            Finding { rule: "assignment_overdue", rule_index, organisation_id: None, sv, en }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::BodyId;
    use crate::named::Named;
    use proptest::prelude::*;
    use time::macros::date;

    fn body(id: i64, name: &str, kind: BodyKind, superior: Option<i64>) -> BodyFacts {
        BodyFacts {
            id: BodyId(id),
            name: name.into(),
            kind,
            formal: kind != BodyKind::Network,
            superior_id: superior.map(BodyId),
            prepares_for: None,
        }
    }

    // The structure of seed 001 §§ 4.1–4.2.
    fn samradet() -> BodyFacts {
        body(1, "Samrådet för strategiska frågor", BodyKind::ConsultationGroup, None)
    }
    fn strategic() -> BodyFacts {
        body(2, "Ledningsgruppen för strategiska frågor", BodyKind::ManagementGroup, None)
    }
    fn culture() -> BodyFacts {
        body(3, "Ledningsgruppen för kultur", BodyKind::ManagementGroup, Some(2))
    }

    #[test]
    fn the_strategic_management_group_assigns_the_other_management_groups() {
        // § 4.2.1: "Vidare kan den strategiska ledningsgruppen ge uppdrag till övriga ledningsgrupper."
        assert_eq!(may_give(&strategic(), &culture()), Ok(()));
        // … but not the other way, nor a group to a sibling it is not superior to.
        assert_eq!(may_give(&culture(), &strategic()).unwrap_err().code, "not_superior");
        let care = body(4, "Ledningsgruppen för vård och omsorg", BodyKind::ManagementGroup, Some(2));
        assert_eq!(may_give(&culture(), &care).unwrap_err().code, "not_superior");
    }

    #[test]
    fn a_consultation_group_assigns_the_management_groups() {
        // § 4.2.1: the management groups "genomföra uppdrag från samråden".
        assert_eq!(may_give(&samradet(), &culture()), Ok(()));
        assert_eq!(may_give(&samradet(), &strategic()), Ok(()));
        assert_eq!(may_give(&samradet(), &samradet()).unwrap_err().code, "self");
    }

    #[test]
    fn networks_and_boards_take_no_assignments() {
        // § 4.1.6: networks have "ingen formell beredande funktion"; § 6.2: the structure has no
        // decision power, the boards decide for themselves.
        let network = body(5, "Ordförandenätverket (KSO/RSO)", BodyKind::Network, Some(1));
        assert_eq!(may_give(&samradet(), &network).unwrap_err().code, "informal");
        let ks = body(6, "Kommunstyrelsen i Linköpings kommun", BodyKind::MunicipalBoard, None);
        assert_eq!(may_give(&samradet(), &ks).unwrap_err().code, "decision_body");
    }

    #[test]
    fn due_not_before_the_meeting_and_reported_where_it_belongs() {
        let meeting = date!(2026 - 09 - 10);
        assert!(check_due(meeting, meeting).is_ok());
        assert_eq!(check_due(date!(2026 - 09 - 09), meeting).unwrap_err().code, "before_meeting");
        let a = AssignmentFacts {
            id: 1,
            giver: Named { id: 2, name: strategic().name },
            assignee: Named { id: 3, name: culture().name },
            what: "Kulturplanens uppföljning".into(),
            due_on: date!(2026 - 12 - 31),
            reported_on: None,
        };
        assert!(check_report(&a, meeting, 2, date!(2026 - 11 - 05)).is_ok());
        assert!(check_report(&a, meeting, 3, meeting).is_ok());
        assert_eq!(check_report(&a, meeting, 1, date!(2026 - 11 - 05)).unwrap_err().code, "other_body");
        assert_eq!(check_report(&a, meeting, 2, date!(2026 - 08 - 01)).unwrap_err().code, "before_given");
    }

    #[test]
    fn an_overdue_assignment_is_a_finding_of_both_groups() {
        let a = |id, due_on, reported_on| AssignmentFacts {
            id,
            giver: Named { id: 2, name: strategic().name },
            assignee: Named { id: 3, name: culture().name },
            what: format!("Uppdrag {id}"),
            due_on,
            reported_on,
        };
        let list = [
            a(1, date!(2026 - 11 - 01), None),
            a(2, date!(2026 - 10 - 01), None),
            a(3, date!(2026 - 10 - 01), Some(date!(2026 - 09 - 30))),
            a(4, date!(2026 - 12 - 01), None),
        ];
        let at = date!(2026 - 11 - 16);
        let of_assignee = overdue_findings(3, &list, at, 7);
        assert_eq!(of_assignee.len(), 2);
        assert!(of_assignee[0].sv.contains("Uppdrag 2") && of_assignee[0].sv.contains("återrapporterats senast"));
        assert!(of_assignee.iter().all(|f| f.rule == "assignment_overdue" && f.rule_index == 7));
        let of_giver = overdue_findings(2, &list, at, 0);
        assert!(of_giver[1].en.contains("to Ledningsgruppen för kultur"));
        assert!(overdue_findings(1, &list, at, 0).is_empty());
    }

    proptest! {
        /// Whoever asks, the rule never lets a group assign itself, an informal body or a board,
        /// and always lets a consultation group or the superior assign a formal group.
        #[test]
        fn the_rule_of_4_2_1_holds(gk in 0usize..11, ak in 0usize..11, superior in any::<bool>(), same in any::<bool>()) {
            let kinds = BodyKind::ALL;
            let giver = body(1, "G", kinds[gk], None);
            let assignee = body(if same { 1 } else { 2 }, "A", kinds[ak], superior.then_some(1));
            let ok = may_give(&giver, &assignee).is_ok();
            let allowed = !same && assignee.formal && !is_decision_body(assignee.kind)
                && (giver.kind == BodyKind::ConsultationGroup || superior);
            prop_assert_eq!(ok, allowed);
        }
    }
}
