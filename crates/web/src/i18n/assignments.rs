//! Texts of assignments (uppdrag, seed 001 § 4.2.1, issue 11).

use domain::error::Lang;

super::catalogue! {
    "assignment.title" => "Uppdrag", "Assignments";
    "assignment.heading" => "Uppdrag", "Assignments";
    "assignment.link" => "Uppdrag i", "Assignments in";
    "assignment.none" => "Organet har inga uppdrag i justerade protokoll.", "The body has no assignments in approved minutes.";
    "assignment.taken" => "Öppna uppdrag till organet", "Open assignments given to the body";
    "assignment.given" => "Öppna uppdrag som organet har gett", "Open assignments the body has given";
    "assignment.reported" => "Återrapporterade uppdrag", "Assignments reported back";
    "assignment.from" => "Från", "From";
    "assignment.to" => "till", "to";
    "assignment.due" => "Återrapporteras senast", "To be reported back by";
    "assignment.overdue" => "försenat", "overdue";
    "assignment.reported_in" => "Återrapporterat i", "Reported back in";
    "assignment.not_reported" => "Inte återrapporterat ännu.", "Not reported back yet.";
    "assignment.meeting" => "sammanträdet", "the meeting of";
    "assignment.here" => "Uppdrag som gavs eller återrapporterades i paragrafen", "Assignments given or reported back in this paragraph";
    "assignment.none_here" => "Inga uppdrag ännu.", "No assignments yet.";
    "assignment.give" => "Ge ett uppdrag", "Give an assignment";
    "assignment.give_hint" => "Ett samråd kan ge uppdrag till ledningsgrupperna och andra grupper; en grupp kan ge uppdrag till grupper den är överordnad (samverkansformerna 4.2.1).", "A consultation group can give assignments to the management groups and other groups; a group can give assignments to the groups it is superior to (4.2.1 of the collaboration agreement).";
    "assignment.assignee" => "Till grupp", "To group";
    "assignment.what" => "Vad ska göras", "What is to be done";
    "assignment.due_on" => "Återrapporteras senast", "Report back by";
    "assignment.report_how" => "Hur återrapporteras", "How to report back";
    "assignment.report_how_hint" => "T.ex. skriftlig rapport till nästa sammanträde.", "E.g. a written report to the next meeting.";
    "assignment.give_submit" => "Ge uppdraget", "Give the assignment";
    "assignment.report" => "Återrapport i den här paragrafen", "Report back in this paragraph";
    "assignment.report_hint" => "Välj det uppdrag som återrapporterades i paragrafen. Återrapporten länkar hit.", "Choose the assignment reported back in this paragraph. The report back links here.";
    "assignment.none_open" => "Det finns inga öppna uppdrag som kan återrapporteras här.", "There are no open assignments that can be reported back here.";
    "assignment.which" => "Uppdrag", "Assignment";
    "assignment.report_submit" => "Registrera återrapporten", "Record the report back";
    "field.assignee_id" => "Till grupp", "To group";
    "field.what" => "Vad ska göras", "What is to be done";
    "field.report_how" => "Hur återrapporteras", "How to report back";
    "field.assignment_id" => "Uppdrag", "Assignment";
}
