//! The audit log in words: "Karin Carlén justerade protokollet för Kommunalt forum 2024-10-11",
//! with the record linked where it still exists. The JSON of each event stays one click away.

use std::collections::HashMap;

use domain::error::Lang;
use store::audit::AuditEvent;

/// What an action did, as a verb phrase in Swedish and English, and whether it names its record.
fn phrase(action: &str) -> (&'static str, &'static str, bool) {
    match action {
        "organisation.create" => ("skapade organisationen", "created the organisation", true),
        "organisation.update" => ("ändrade organisationen", "changed the organisation", true),
        "organisation.delete" => ("tog bort en organisation", "deleted an organisation", false),
        "person.create" => ("lade till personen", "added the person", true),
        "person.update" => ("ändrade uppgifterna om", "changed the details of", true),
        "person.delete" => ("tog bort en person", "deleted a person", false),
        "person.personal_data_removed" => {
            ("tog bort personuppgifter från webben om", "removed from the web the personal data of", true)
        }
        "body.create" => ("skapade organet", "created the body", true),
        "body.update" => ("ändrade organet", "changed the body", true),
        "body.delete" => ("tog bort ett organ", "deleted a body", false),
        "body.rules" => ("ändrade representationsreglerna för", "changed the representation rules of", true),
        "body.meeting_plan" => ("ändrade mötesplanen för", "changed the meeting plan of", true),
        "membership.create" => ("lade till ett uppdrag", "added an assignment", false),
        "membership.update" => ("ändrade ett uppdrag", "changed an assignment", false),
        "membership.delete" => ("tog bort ett uppdrag", "removed an assignment", false),
        "membership.import" => ("importerade ledamöter", "imported members", false),
        "directory.import" => ("importerade från katalogen", "imported from the directory", false),
        "work_plan.create" => ("beslutade en arbetsplan", "decided a work plan", false),
        "meeting.create" => ("skapade mötet", "created the meeting", true),
        "meeting.update" => ("ändrade mötet", "changed the meeting", true),
        "meeting.delete" => ("tog bort ett möte", "deleted a meeting", false),
        "meeting.status" => ("ändrade status för mötet", "changed the state of the meeting", true),
        "meeting.adjusters" => ("utsåg justerare för mötet", "appointed minutes checkers for the meeting", true),
        "meeting.attendance" => ("förde närvaron vid mötet", "recorded the attendance at the meeting", true),
        "meeting.record" => ("förde protokollet för mötet", "took the minutes of the meeting", true),
        "agenda_item.create" => ("lade till en punkt på en dagordning", "added an agenda item", false),
        "agenda_item.update" => ("ändrade en punkt på en dagordning", "changed an agenda item", false),
        "agenda_item.delete" => ("tog bort en punkt från en dagordning", "removed an agenda item", false),
        "agenda_item.move" => ("flyttade en punkt på en dagordning", "moved an agenda item", false),
        "attachment.create" => ("lade till en bilaga", "added an attachment", false),
        "attachment.delete" => ("tog bort en bilaga", "removed an attachment", false),
        "protocol.start" => ("började protokollet för", "started the minutes of", true),
        "protocol.submit" | "protocol.submitted" => {
            ("lämnade protokollet för justering:", "submitted the minutes for approval:", true)
        }
        "protocol.approve" => ("justerade protokollet för", "approved the minutes of", true),
        "protocol.adjusted" => ("fick protokollet justerat:", "saw the minutes approved:", true),
        "protocol.reopen" => ("öppnade protokollet igen för", "reopened the minutes of", true),
        "protocol.correct" => ("rättade protokollet för", "corrected the minutes of", true),
        "paragraph.update" => ("ändrade en paragraf", "changed a paragraph", false),
        "paragraph.add" => ("lade till en paragraf", "added a paragraph", false),
        "paragraph.remove" => ("tog bort en paragraf", "removed a paragraph", false),
        "paragraph.approve" => ("godkände en paragraf", "approved a paragraph", false),
        "announcement.post" => ("anslog ett protokoll på anslagstavlan", "posted minutes on the notice board", false),
        "session.login" => ("loggade in", "signed in", false),
        "identity.linked" => {
            ("kopplade ett konto hos en inloggningstjänst till", "linked a sign-in service account to", true)
        }
        "identity.refused" => {
            ("nekades inloggning genom en inloggningstjänst", "was refused sign-in through a sign-in service", false)
        }
        "identity.reauthenticated" => (
            "loggade in på nytt hos inloggningstjänsten för att justera",
            "signed in again at the sign-in service to approve",
            false,
        ),
        "organisation.passwords" => {
            ("ändrade lokala lösenord för organisationen", "changed local passwords for the organisation", true)
        }
        "session.logout" => ("loggade ut", "signed out", false),
        "session.login_failed" => ("misslyckades att logga in", "failed to sign in", false),
        "token.create" => ("skapade en API-nyckel", "created an API token", false),
        "token.revoke" => ("återkallade en API-nyckel", "revoked an API token", false),
        "user.create" => ("skapade kontot för", "created the account of", true),
        "user.person" => ("kopplade om kontot för", "relinked the account of", true),
        "user.admin" => ("ändrade administratörsbehörigheten för", "changed the administration rights of", true),
        "user.disabled" => ("stängde av eller aktiverade kontot för", "disabled or enabled the account of", true),
        "user.password" => ("bytte lösenord för", "changed the password of", true),
        "user.lang" => ("bytte språk", "changed language", false),
        "branding.update" => ("ändrade installationens utseende", "changed the installation's look", false),
        "job.retry" => ("körde om ett bakgrundsjobb", "ran a background job again", false),
        "person.mail_settings" => ("ändrade e-postinställningarna för", "changed the e-mail settings of", true),
        "person.mail_lang" => ("ändrade e-postspråket för", "changed the e-mail language of", true),
        "paragraph.create" => ("lade till en paragraf", "added a paragraph", false),
        "paragraph.delete" => ("tog bort en paragraf", "removed a paragraph", false),
        "paragraph.move" => ("flyttade en paragraf", "moved a paragraph", false),
        "agenda_item.create_many" => ("lade till punkter på dagordningen för", "added agenda items to", true),
        "agenda.reorder" => ("ordnade om dagordningen för", "reordered the agenda of", true),
        "meeting.notice_send" => ("skickade kallelsen till", "sent the notice of", true),
        "case.register" => ("diarieförde ärendet", "registered the case", true),
        "case.import" => {
            ("förde över ärendet från det tidigare diariet", "took over the case from the earlier registry", true)
        }
        "assignment.give" => ("gav ett uppdrag", "gave an assignment", false),
        "assignment.report" => {
            ("registrerade en återrapport av ett uppdrag", "recorded the report back of an assignment", false)
        }
        "case.status" => ("ändrade status för ärendet", "changed the status of the case", true),
        // cases: the path through the structure (ADR 47)
        "case.route.traits" => (
            "registrerade vad ärendet gäller och dess gång för",
            "recorded what the case concerns and its path for",
            true,
        ),
        "case.route.deviate" => {
            ("avvek från den föreslagna gången för ärendet", "deviated from the proposed path of the case", true)
        }
        "case.route.step" => (
            "ändrade status för ett steg i gången för ärendet",
            "changed the status of a step of the path of the case",
            true,
        ),
        "case_document.register" => ("registrerade en handling i ärendet", "registered a document in the case", true),
        "case_series.set" => ("ändrade diariets nummerserie för", "changed the registry's number series of", true),
        "case_registrar.grant" => ("gjorde ett konto till registrator för", "made an account a registrar of", true),
        "case_registrar.revoke" => ("tog bort en registrator för", "removed a registrar of", true),
        "joint_matter.create" => ("skapade det gemensamma ärendet", "created the joint matter", true),
        "joint_matter.send" => (
            "skickade det gemensamma ärendet till organisationerna",
            "sent the joint matter to the organisations",
            true,
        ),
        "joint_party.status" => (
            "ändrade en organisations status i det gemensamma ärendet",
            "changed an organisation's status in the joint matter",
            true,
        ),
        "joint_party.decision" => (
            "registrerade en organisations beslut i det gemensamma ärendet",
            "recorded an organisation's decision in the joint matter",
            true,
        ),
        "joint_follow_up.create" => (
            "lade till en återrapportering i det gemensamma ärendet",
            "added a report-back item to the joint matter",
            true,
        ),
        "joint_follow_up.done" => (
            "markerade en återrapportering som klar i det gemensamma ärendet",
            "marked a report-back item done in the joint matter",
            true,
        ),
        "referral.create" => ("skapade remissen", "created the referral", true),
        "referral.sections" => ("ändrade avsnitten i remissen", "changed the sections of the referral", true),
        "referral.question" => ("lade till en fråga i remissen", "added a question to the referral", true),
        "referral.document" => ("laddade upp remissversionen av", "uploaded the referral version of", true),
        "referral.publish" => ("skickade ut remissen", "sent out the referral", true),
        "referral.version" => {
            ("lade till en senare version av dokumentet i", "added a later version of the document to", true)
        }
        "referral.consultees" => ("lade till remissinstanser till", "added consultees to", true),
        "referral.answer_link" => {
            ("skapade en svarslänk för en remissinstans", "created an answer link for a consultee", false)
        }
        "referral.answer_link_revoke" => {
            ("återkallade en svarslänk för en remissinstans", "revoked an answer link of a consultee", false)
        }
        "referral_answer.save" => ("sparade ett utkast till remissvar", "saved a draft referral answer", false),
        "referral_answer.comment" => {
            ("lade till en synpunkt i ett remissvar", "added a comment to a referral answer", false)
        }
        "referral_answer.comment_remove" => {
            ("tog bort en synpunkt ur ett remissvar", "removed a comment from a referral answer", false)
        }
        "referral_answer.submit" => ("skickade in ett remissvar", "submitted a referral answer", false),
        "referral_answer.file" => ("bifogade en fil till ett remissvar", "attached a file to a referral answer", false),
        "referral_answer.file_remove" => {
            ("tog bort en bifogad fil ur ett remissvar", "removed an attached file from a referral answer", false)
        }
        "referral_answer.submit_public" => {
            ("lämnade ett remissvar via det öppna formuläret", "answered a referral through the open form", false)
        }
        "referral_answer.moderate" => {
            ("granskade ett remissvar från allmänheten", "moderated a public referral answer", false)
        }
        "referral_report.respond" => {
            ("besvarade en synpunkt i remissen", "responded to a comment on the referral", true)
        }
        "referral_report.changes" => {
            ("beskrev ändringarna efter remissen", "described the changes after the referral", true)
        }
        "referral_report.review" => (
            "granskade personuppgifterna i samrådsredogörelsen för",
            "reviewed the personal data in the consultation report of",
            true,
        ),
        "referral_report.publish" => {
            ("publicerade samrådsredogörelsen för", "published the consultation report of", true)
        }
        // processes (issue 14)
        "process.create" => ("skapade processen", "created the process", true),
        "process.update" => ("ändrade processen", "changed the process", true),
        "process.phase_add" => ("lade till en fas i processen", "added a phase to the process", true),
        "process.phase_update" => ("ändrade en fas i processen", "changed a phase of the process", true),
        "process.phase_remove" => ("tog bort en fas ur processen", "removed a phase from the process", true),
        "process.role_remove" => {
            ("tog bort en roll ur processens organisation", "removed a role from the process organisation", true)
        }
        "process.question_remove" => ("tog bort en fråga ur processen", "removed a question from the process", true),
        "process.milestone_add" => ("lade till en milstolpe i processen", "added a milestone to the process", true),
        "process.milestone_update" => ("ändrade en milstolpe i processen", "changed a milestone of the process", true),
        "process.forum_add" => {
            ("lade till ett forum vid en milstolpe i processen", "added a forum at a milestone of the process", true)
        }
        "process.link" => (
            "kopplade det som hände till en milstolpe i processen",
            "linked what happened to a milestone of the process",
            true,
        ),
        "process.role_add" => {
            ("lade till en roll i processorganisationen för", "added a role to the process organisation of", true)
        }
        "process.question_add" => ("lade till en fråga i processen", "added a question to the process", true),
        "process.stakeholder" => ("förde in en intressent i processen", "recorded a stakeholder of the process", true),
        "process.dialogue" => {
            ("förde in ett dialogmöte i processen", "recorded a dialogue meeting of the process", true)
        }
        "process.input" => ("lämnade ett inspel till processen", "sent an input to the process", true),
        "process.input_moderate" => ("granskade ett inspel till processen", "moderated an input to the process", true),
        // strategy (issue 13)
        "governing_document.create" => ("registrerade ett styrande dokument", "registered a governing document", false),
        "governing_document.update" => ("ändrade ett styrande dokument", "changed a governing document", false),
        "governing_relation.add" => ("relaterade två styrande dokument", "related two governing documents", false),
        "strategy.create" => ("skapade en strategi", "created a strategy", false),
        "strategy.update" => ("ändrade en strategi", "changed a strategy", false),
        "strategy_node.create" => ("lade till en del i en strategi", "added a part to a strategy", false),
        "strategy_node.update" => ("ändrade en del i en strategi", "changed a part of a strategy", false),
        "sdg_target.text" => (
            "ändrade den svenska texten för ett delmål i Agenda 2030",
            "changed the Swedish text of an SDG target",
            false,
        ),
        // surveys (issue 14)
        "survey.create" => ("skapade enkäten", "created the survey", true),
        "survey.update" => ("ändrade enkäten", "changed the survey", true),
        "survey.definition" => ("ändrade frågorna i enkäten", "changed the questions of the survey", true),
        "survey.recipients" => ("lade till organisationer som tillfrågas i", "added organisations asked by", true),
        "survey.send" => ("skickade ut enkäten", "sent out the survey", true),
        "survey.close" => ("stängde enkäten", "closed the survey", true),
        "survey.results" => {
            ("ändrade publiceringen av resultaten för", "changed the publication of the results of", true)
        }
        "survey_response.save" => ("sparade ett utkast till enkätsvar", "saved a draft survey answer", false),
        "survey_response.submit" => (
            "skickade in ett enkätsvar för sin organisation",
            "submitted a survey answer for their organisation",
            false,
        ),
        "survey_response.open" => ("besvarade en öppen enkät", "answered an open survey", false),
        // indicators (issue 13)
        "indicator.create" => ("lade upp en indikator", "created an indicator", false),
        "indicator.update" => ("ändrade en indikator", "changed an indicator", false),
        "indicator.import" => ("läste in värden till en indikator", "imported values into an indicator", false),
        "indicator.delete" => ("tog bort en indikator med dess värden", "deleted an indicator with its values", false),
        // action plans, follow-up rounds, the annual report (issue 13)
        "action_plan.create" => ("lade upp en handlingsplan", "created an action plan", false),
        "action_plan.update" => ("ändrade en handlingsplan", "changed an action plan", false),
        "action_plan.area" => {
            ("lade till ett fokusområde i en handlingsplan", "added a focus area to an action plan", false)
        }
        "action_activity.create" => {
            ("lade till en aktivitet i en handlingsplan", "added an activity to an action plan", false)
        }
        "action_activity.update" => {
            ("ändrade en aktivitet i en handlingsplan", "changed an activity of an action plan", false)
        }
        "followup_round.create" => ("bad forumen om uppföljning", "asked the forums for a follow-up", false),
        "followup.answer" => ("lämnade ett forums uppföljning", "gave a forum's follow-up", false),
        "strategy_report.text" => {
            ("skrev i årsuppföljningen av en strategi", "wrote in the annual follow-up of a strategy", false)
        }
        // cases: requests for official documents (ADR 48)
        "document_request.create" => {
            ("tog emot en begäran om allmän handling", "received a request for an official document", false)
        }
        "document_request.handle" => {
            ("handlade en begäran om allmän handling", "handled a request for an official document", false)
        }
        // cases: secrecy grants and archive packages (ADR 54)
        "secrecy_grant.grant" => (
            "gav en person behörighet att läsa sekretessmarkerade handlingar i ärendet",
            "granted a person access to secrecy-marked documents of the case",
            true,
        ),
        "secrecy_grant.revoke" => (
            "återkallade en behörighet till sekretessmarkerade handlingar i ärendet",
            "revoked an access to secrecy-marked documents of the case",
            true,
        ),
        "case.archive_export" => {
            ("exporterade ett arkivpaket av ärendet", "exported an archive package of the case", true)
        }
        "case.archive_export_year" => (
            "exporterade ett arkivpaket med ett års avslutade ärenden för",
            "exported an archive package of a year's closed cases of",
            true,
        ),
        _ => ("", "", false),
    }
}

/// Where a record's page is.
fn href(kind: &str, id: i64) -> Option<String> {
    match kind {
        "organisation" => Some(format!("/organisationer/{id}")),
        "person" => Some(format!("/personer/{id}")),
        "body" => Some(format!("/organ/{id}")),
        "meeting" => Some(format!("/moten/{id}")),
        "user" => Some(format!("/admin/konton/{id}")),
        "case" => Some(format!("/diarium/{id}")),
        "joint_matter" => Some(format!("/samverkan/{id}")),
        "referral" => Some(format!("/remisser/{id}")),
        "process" => Some(format!("/processer/{id}")),
        "survey" => Some(format!("/enkater/{id}")),
        _ => None,
    }
}

/// One line of the log: who, what, and the record with its link.
pub struct AuditRow {
    pub e: AuditEvent,
    pub who: String,
    pub did: String,
    pub target: Option<(String, Option<String>)>,
}

/// The events in words. `labels` names records (see `Store::audit_labels`); `users` names
/// accounts by id.
pub fn rows(events: Vec<AuditEvent>, labels: &HashMap<(String, i64), String>, lang: Lang) -> Vec<AuditRow> {
    events
        .into_iter()
        .map(|e| {
            let who =
                e.actor_id.and_then(|id| labels.get(&("user".to_string(), id)).cloned()).unwrap_or_else(|| {
                    match e.actor.as_str() {
                        "system" => if lang == Lang::Sv { "Systemet" } else { "The system" }.to_string(),
                        "cli" => if lang == Lang::Sv { "Kommandoraden" } else { "The command line" }.to_string(),
                        "anonymous" => {
                            if lang == Lang::Sv { "En anonym besökare" } else { "An anonymous visitor" }.to_string()
                        }
                        other => other.to_string(),
                    }
                });
            let (sv, en, names) = phrase(&e.action);
            let did = match lang {
                _ if sv.is_empty() => e.action.clone(),
                Lang::Sv => sv.to_string(),
                Lang::En => en.to_string(),
            };
            let id = e.entity_id.as_deref().and_then(|s| s.parse::<i64>().ok());
            let target = match (names, id) {
                (true, Some(id)) => {
                    let label = labels.get(&(e.entity_type.clone(), id)).cloned();
                    Some(match label {
                        Some(l) => (l, href(&e.entity_type, id)),
                        None => (format!("{} {id}", e.entity_type), None),
                    })
                }
                _ => None,
            };
            AuditRow { e, who, did, target }
        })
        .collect()
}

/// The records a page of events names, and the accounts that acted, for one lookup.
pub fn references(events: &[AuditEvent]) -> Vec<(String, i64)> {
    let mut refs: Vec<(String, i64)> = Vec::new();
    for e in events {
        if let Some(id) = e.entity_id.as_deref().and_then(|s| s.parse().ok()) {
            refs.push((e.entity_type.clone(), id));
        }
        if let Some(id) = e.actor_id {
            refs.push(("user".into(), id));
        }
    }
    refs.sort();
    refs.dedup();
    refs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_the_store_records_has_words() {
        let store = concat!(env!("CARGO_MANIFEST_DIR"), "/../store/src");
        let mut missing = Vec::new();
        let mut seen = 0;
        let mut stack = vec![std::path::PathBuf::from(store)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                // `audit::record(&mut tx, actor, "x.y", …` on one line or the next.
                for chunk in text.split("audit::record(").skip(1) {
                    let Some(action) = chunk.split('"').nth(1) else { continue };
                    seen += usize::from(action.contains('.'));
                    if action.contains('.') && phrase(action).0.is_empty() {
                        missing.push(format!("{action} ({})", path.display()));
                    }
                }
            }
        }
        assert!(seen > 40, "the store's audit calls were not found ({seen})");
        assert!(missing.is_empty(), "actions without words: {missing:?}");
    }
}
