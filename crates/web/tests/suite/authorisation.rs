//! The authorisation matrix: every route × role (anonymous, signed-in user, administrator), on
//! both engines. A route added without a row here is a route nobody has decided about.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

#[derive(Clone, Copy, Debug)]
enum Role {
    Anonymous,
    User,
    Admin,
}

/// What a role gets: a status, or (for pages) a redirect to the sign-in form.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Exp {
    S(u16),
    Login,
}
use Exp::*;

struct Row {
    method: Method,
    path: &'static str,
    body: Option<&'static str>,
    anonymous: Exp,
    user: Exp,
    admin: Exp,
}

fn rows() -> Vec<Row> {
    let r = |method: Method, path, body, anonymous, user, admin| Row { method, path, body, anonymous, user, admin };
    let org_form = Some("name=Ydre+kommun&kind=municipality&code=0512");
    let person_form = Some("name=Karin+Ek");
    let org_json = Some(r#"{"name":"Kinda kommun","kind":"municipality","code":"0513"}"#);
    let person_json = Some(r#"{"name":"Karin Ek"}"#);
    let case_form = Some("organisation_id={org}&internal_title=RUS&public_title=Regional+utvecklingsstrategi");
    let case_json = Some(r#"{"organisation_id":{org},"internal_title":"RUS","public_title":"Regional strategi"}"#);
    let document_json = Some(r#"{"direction":"drawn_up","document_date":"2026-11-16","description":"PM"}"#);
    let joint_form = Some("case_id={case}&title=RUS&points=Delta&due_on=2026-12-31&organisations={org}");
    let joint_json =
        Some(r#"{"case_id":{case},"title":"RUS","points":["Delta"],"due_on":"2026-12-31","organisations":[{org}]}"#);
    let decision_json = Some(
        r#"{"decided_on":"2026-11-16","body":"Regionstyrelsen","paragraph":"§ 1","text":"Delta","outcome":"agrees","note":"Utdrag"}"#,
    );
    let indicator_form =
        Some("title=Invånare&unit=antal&source=other&direction=increase&geography=0006&published=true");
    let indicator_json = Some(
        r#"{"title":"Invånare","unit":"antal","source":"other","direction":"increase","geography":"0006","published":true}"#,
    );
    vec![
        r(Method::GET, "/", None, S(200), S(200), S(200)),
        // Open data first, while the fixtures are a region, a person and a body.
        r(Method::GET, "/oparl/v1.1/system", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/body", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/body/{org}", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/organization", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/organization/{body}", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/person", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/person/{person}", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/membership", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/membership/{membership}", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/legislative-term", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/paper", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/paper/{case}", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/body/{org}/paper", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/body/{org}/agenda-item", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/body/{org}/consultation", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/body/{org}/file", None, S(200), S(200), S(200)),
        r(Method::GET, "/oparl/v1.1/consultation", None, S(200), S(200), S(200)),
        // No agenda item names a case in the fixtures; oparl.rs fetches one that does.
        r(Method::GET, "/oparl/v1.1/consultation/424242", None, S(404), S(404), S(404)),
        r(Method::GET, "/healthz", None, S(200), S(200), S(200)),
        r(Method::GET, "/readyz", None, S(200), S(200), S(200)),
        // Only from --metrics-allow or with an administrator's token (the suite's metrics module).
        r(Method::GET, "/metrics", None, S(404), S(404), S(404)),
        r(Method::GET, "/static/app.css", None, S(200), S(200), S(200)),
        r(Method::GET, "/static/favicon.svg", None, S(200), S(200), S(200)),
        r(Method::GET, "/tillganglighet", None, S(200), S(200), S(200)),
        r(Method::GET, "/logga-in", None, S(200), S(303), S(303)),
        r(Method::GET, "/konto", None, Login, S(200), S(200)),
        r(Method::POST, "/konto/nycklar", Some("name=test"), Login, S(200), S(200)),
        r(Method::POST, "/konto/nycklar/aterkalla", Some("token_id=424242"), Login, S(303), S(303)),
        r(Method::POST, "/konto/losenord", Some("current_password=x&new_password=y"), Login, S(422), S(422)),
        r(Method::POST, "/konto/e-post", Some("lang=en"), Login, S(404), S(404)),
        r(Method::POST, "/sprak", Some("lang=en&tillbaka=/"), S(303), S(303), S(303)),
        r(Method::GET, "/sprak?lang=en&tillbaka=/", None, S(303), S(303), S(303)),
        r(Method::GET, "/organisationer", None, S(200), S(200), S(200)),
        r(Method::GET, "/organisationer.csv", None, S(200), S(200), S(200)),
        r(Method::GET, "/organisationer/ny", None, Login, S(403), S(200)),
        r(Method::POST, "/organisationer", org_form, Login, S(403), S(303)),
        r(Method::GET, "/organisationer/{org}", None, S(200), S(200), S(200)),
        r(Method::GET, "/organisationer/{org}/redigera", None, Login, S(403), S(200)),
        r(Method::POST, "/organisationer/{org}", Some("name=Region+X&kind=other"), Login, S(403), S(303)),
        r(Method::GET, "/organisationer/{org}/ta-bort", None, Login, S(403), S(200)),
        r(Method::GET, "/personer", None, S(200), S(200), S(200)),
        // Search: open to everyone; what each finds is decided by the index (tests/search.rs).
        r(Method::GET, "/sok", None, S(200), S(200), S(200)),
        r(Method::GET, "/sok?q=region", None, S(200), S(200), S(200)),
        r(Method::GET, "/personer.csv", None, S(200), S(200), S(200)),
        r(Method::GET, "/personer/ny", None, Login, S(403), S(200)),
        r(Method::POST, "/personer", person_form, Login, S(403), S(303)),
        r(Method::GET, "/personer/{person}", None, S(200), S(200), S(200)),
        r(Method::GET, "/personer/{person}/redigera", None, Login, S(403), S(200)),
        r(Method::POST, "/personer/{person}", Some("name=Karin+Ek+Lund"), Login, S(403), S(303)),
        r(Method::GET, "/personer/{person}/ta-bort", None, Login, S(403), S(200)),
        // Personal data (GDPR, ADR 35): administrators only; the removal without a reason is refused
        // (422), so the fixtures keep their data.
        r(Method::GET, "/personer/{person}/personuppgifter", None, Login, S(403), S(200)),
        r(Method::POST, "/personer/{person}/personuppgifter", Some("reason="), Login, S(403), S(422)),
        r(Method::GET, "/personer/{person}/registerutdrag", None, Login, S(403), S(200)),
        r(Method::GET, "/personer/{person}/registerutdrag.pdf", None, Login, S(403), S(200)),
        r(Method::GET, "/api/v1/people/{person}/export", None, S(401), S(403), S(200)),
        r(
            Method::POST,
            "/api/v1/people/{person}/personal-data-removal",
            Some(r#"{"reason":""}"#),
            S(401),
            S(403),
            S(422),
        ),
        // The directory import (ADR 40): administrators only. The form post of the dry run wants
        // multipart (400 for a plain form); an empty export is refused (422), so nothing changes.
        r(Method::GET, "/admin/katalog", None, Login, S(403), S(200)),
        r(Method::POST, "/admin/katalog/provkorning", Some("data="), Login, S(403), S(400)),
        r(Method::POST, "/admin/katalog/verkstall", Some("data=&fingerprint="), Login, S(403), S(422)),
        r(Method::POST, "/api/v1/admin/directory/dry-run", Some(r#"{"Resources":[]}"#), S(401), S(403), S(422)),
        r(Method::POST, "/api/v1/admin/directory/apply", Some(r#"{"Resources":[]}"#), S(401), S(403), S(422)),
        r(Method::GET, "/organ", None, S(200), S(200), S(200)),
        r(Method::GET, "/organ/ny", None, Login, S(403), S(200)),
        r(Method::POST, "/organ", Some("name=Ledningsgruppen+för+kultur&kind=management_group"), Login, S(403), S(303)),
        r(Method::GET, "/organ/{body}", None, S(200), S(200), S(200)),
        r(Method::GET, "/organ/{body}/redigera", None, Login, S(403), S(200)),
        r(Method::POST, "/organ/{body}", Some("name=Samrådet&kind=consultation_group"), Login, S(403), S(303)),
        r(Method::GET, "/organ/{body}/ta-bort", None, Login, S(403), S(200)),
        r(Method::GET, "/organ/{body}/ledamoter", None, S(200), S(200), S(200)),
        r(Method::GET, "/organ/{body}/ledamoter.csv", None, S(200), S(200), S(200)),
        r(Method::GET, "/organ/{body}/ledamoter/ny", None, Login, S(403), S(200)),
        r(
            Method::POST,
            "/organ/{body}/ledamoter",
            Some("person={person}&organisation={org}&role=member&start=2026-01-01"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::GET, "/organ/{body}/ledamoter/{membership}/redigera", None, Login, S(403), S(200)),
        r(
            Method::POST,
            "/organ/{body}/ledamoter/{membership}",
            Some("person={person}&organisation={org}&role=chair&start=2026-01-01"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::GET, "/organ/{body}/ledamoter/import", None, Login, S(403), S(200)),
        r(
            Method::POST,
            "/organ/{body}/ledamoter/import",
            Some("csv=namn,organisation,roll,start"),
            Login,
            S(403),
            S(422),
        ),
        r(Method::GET, "/organ/{body}/regler", None, Login, S(403), S(200)),
        r(Method::POST, "/organ/{body}/regler", Some("rules=[]"), Login, S(403), S(303)),
        r(Method::POST, "/organ/{body}/motesplan", Some("year=2026&dates=2026-02-06"), Login, S(403), S(303)),
        r(Method::GET, "/organ/{body}/arbetsplan", None, S(200), S(200), S(200)),
        r(Method::POST, "/organ/{body}/arbetsplan", Some("decided_on=2025-12-12"), Login, S(403), S(303)),
        r(Method::GET, "/efterlevnad", None, S(200), S(200), S(200)),
        r(Method::GET, "/struktur", None, S(200), S(200), S(200)),
        r(Method::GET, "/admin", None, Login, S(403), S(200)),
        r(Method::GET, "/admin/logg", None, Login, S(403), S(200)),
        r(Method::GET, "/admin/jobb", None, Login, S(403), S(200)),
        // A queued job is not retried: only failed and dead ones are.
        r(Method::POST, "/admin/jobb/{job}/forsok-igen", None, Login, S(403), S(409)),
        r(Method::GET, "/admin/utkorg", None, Login, S(403), S(200)),
        r(Method::GET, "/admin/utkorg/{mail}", None, Login, S(403), S(200)),
        r(Method::GET, "/admin/utseende", None, Login, S(403), S(200)),
        // Sign-in through identity providers (ADR 29); none is configured here.
        r(Method::GET, "/admin/inloggning", None, Login, S(403), S(200)),
        r(
            Method::POST,
            "/admin/inloggning/losenord",
            Some("organisation={org}&local_passwords=pa"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::POST, "/logga-in/oidc/1", Some("tillbaka=/"), S(404), S(404), S(404)),
        // An answer without a state is refused in words, whoever brings it.
        r(Method::GET, "/logga-in/oidc/svar", None, S(400), S(400), S(400)),
        r(Method::GET, "/logga-in/oidc/svar?state=x&code=y", None, S(400), S(400), S(400)),
        r(Method::POST, "/moten/424242/protokoll/justera/leverantor", None, S(404), S(404), S(404)),
        r(Method::GET, "/admin/konton/ny", None, Login, S(403), S(200)),
        r(Method::POST, "/admin/konton/ny", Some("email=x"), Login, S(403), S(422)),
        r(Method::GET, "/admin/utkorg/{mail}/filer/1", None, Login, S(403), S(404)),
        r(Method::GET, "/finns-inte", None, S(404), S(404), S(404)),
        r(Method::GET, "/api/v1/me", None, S(401), S(200), S(200)),
        r(Method::GET, "/api/v1/openapi.json", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/counties", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/organisations", None, S(200), S(200), S(200)),
        r(Method::POST, "/api/v1/organisations", org_json, S(401), S(403), S(201)),
        r(Method::GET, "/api/v1/organisations/{org}", None, S(200), S(200), S(200)),
        r(
            Method::PUT,
            "/api/v1/organisations/{org}",
            Some(r#"{"name":"Region X","kind":"other"}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::GET, "/api/v1/people", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/search?q=region", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/search?q=", None, S(422), S(422), S(422)),
        r(Method::POST, "/api/v1/people", person_json, S(401), S(403), S(201)),
        r(Method::GET, "/api/v1/people/{person}", None, S(200), S(200), S(200)),
        r(Method::PUT, "/api/v1/people/{person}", Some(r#"{"name":"Karin Lund"}"#), S(401), S(403), S(200)),
        r(Method::GET, "/api/v1/audit", None, S(401), S(403), S(200)),
        r(Method::GET, "/api/v1/admin/jobs", None, S(401), S(403), S(200)),
        r(Method::POST, "/api/v1/admin/jobs/{job}/retry", None, S(401), S(403), S(409)),
        r(Method::GET, "/api/v1/admin/outbox", None, S(401), S(403), S(200)),
        r(Method::GET, "/api/v1/admin/outbox/{mail}", None, S(401), S(403), S(200)),
        r(Method::GET, "/api/v1/admin/branding", None, S(401), S(403), S(200)),
        r(
            Method::PUT,
            "/api/v1/admin/branding",
            Some(r##"{"name":"Region X","accent":"#ffff00"}"##),
            S(401),
            S(403),
            S(422),
        ),
        r(Method::GET, "/api/v1/admin/users", None, S(401), S(403), S(200)),
        r(Method::GET, "/api/v1/admin/sign-in", None, S(401), S(403), S(200)),
        r(
            Method::PUT,
            "/api/v1/admin/sign-in/organisations/{org}",
            Some(r#"{"local_passwords":true}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::GET, "/api/v1/bodies", None, S(200), S(200), S(200)),
        r(
            Method::POST,
            "/api/v1/bodies",
            Some(r#"{"name":"Folkhälsonätverket","kind":"network"}"#),
            S(401),
            S(403),
            S(201),
        ),
        r(Method::GET, "/api/v1/bodies/{body}", None, S(200), S(200), S(200)),
        r(
            Method::PUT,
            "/api/v1/bodies/{body}",
            Some(r#"{"name":"Samrådet","kind":"consultation_group"}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::GET, "/api/v1/bodies/{body}/memberships", None, S(200), S(200), S(200)),
        r(
            Method::POST,
            "/api/v1/bodies/{body}/memberships",
            Some(r#"{"person_id":{person},"organisation_id":{org},"role":"member","start":"2026-01-01"}"#),
            S(401),
            S(403),
            S(201),
        ),
        r(Method::GET, "/api/v1/bodies/{body}/compliance", None, S(200), S(200), S(200)),
        r(
            Method::PUT,
            "/api/v1/bodies/{body}/rules",
            Some(r#"{"rules":[{"kind":"meets_at_least","per_year":4}]}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::GET, "/api/v1/bodies/{body}/work-plans", None, S(200), S(200), S(200)),
        r(
            Method::POST,
            "/api/v1/bodies/{body}/work-plans",
            Some(r#"{"decided_on":"2025-12-12"}"#),
            S(401),
            S(403),
            S(201),
        ),
        r(Method::GET, "/api/v1/bodies/{body}/meeting-plan/2026", None, S(200), S(200), S(200)),
        r(
            Method::PUT,
            "/api/v1/bodies/{body}/meeting-plan/2026",
            Some(r#"{"dates":["2026-02-06"]}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::GET, "/api/v1/memberships/{membership}", None, S(200), S(200), S(200)),
        r(
            Method::PUT,
            "/api/v1/memberships/{membership}",
            Some(r#"{"person_id":{person},"organisation_id":{org},"role":"member","start":"2026-01-01"}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::GET, "/api/v1/compliance", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/people/{person}/memberships", None, S(200), S(200), S(200)),
        r(Method::DELETE, "/api/v1/memberships/{membership}", None, S(401), S(403), S(204)),
        r(Method::POST, "/organ/{body}/ta-bort", None, Login, S(403), S(303)),
        r(Method::DELETE, "/api/v1/bodies/{body}", None, S(401), S(403), S(404)),
        r(Method::GET, "/api/v1/finns-inte", None, S(404), S(404), S(404)),
        // The registry (issue 11): public reading; registering for the organisation's registrars
        // and administrators (ADR 33). A signed-in user who registers for none gets 403.
        r(Method::GET, "/diarium", None, S(200), S(200), S(200)),
        r(Method::GET, "/diarium?q=strategi&year=2026&status=opened", None, S(200), S(200), S(200)),
        r(Method::GET, "/diarium.csv?status=opened", None, S(200), S(200), S(200)),
        r(Method::GET, "/diarium/nytt", None, Login, S(403), S(200)),
        r(Method::POST, "/diarium", case_form, Login, S(403), S(303)),
        r(Method::GET, "/diarium/serier", None, Login, S(403), S(200)),
        r(Method::POST, "/diarium/serier", Some("organisation_id={org}&prefix=RO"), Login, S(403), S(303)),
        r(
            Method::POST,
            "/diarium/serier/registratorer",
            Some("registrar_organisation_id={org}&user_id={registrar}"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::GET, "/diarium/{case}", None, S(200), S(200), S(200)),
        r(Method::GET, "/diarium/{case}/handlingar/ny", None, Login, S(403), S(200)),
        // Not multipart: refused once the caller may register.
        r(Method::POST, "/diarium/{case}/handlingar", Some("description=x"), Login, S(403), S(400)),
        r(Method::POST, "/diarium/{case}/status", Some("status=in_preparation"), Login, S(403), S(303)),
        r(Method::GET, "/diarium/filer/{casefile}/pm.pdf", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/cases", None, S(200), S(200), S(200)),
        r(Method::POST, "/api/v1/cases", case_json, S(401), S(403), S(201)),
        r(Method::GET, "/api/v1/cases/{case}", None, S(200), S(200), S(200)),
        r(Method::PATCH, "/api/v1/cases/{case}", Some(r#"{"status":"decided"}"#), S(401), S(403), S(200)),
        r(Method::GET, "/api/v1/cases/{case}/documents", None, S(200), S(200), S(200)),
        r(Method::POST, "/api/v1/cases/{case}/documents", document_json, S(401), S(403), S(201)),
        // cases: the path through the structure (ADR 47), kept by the case organisation's
        // officers; the first post writes the proposal's steps, numbered from 1.
        r(
            Method::POST,
            "/diarium/{case}/gang",
            Some("needs_board_decisions=on&strategy=development_strategy"),
            Login,
            S(403),
            S(303),
        ),
        r(
            Method::POST,
            "/diarium/{case}/gang/avvikelse",
            Some("action=add&kind=referral&reason=Formella+synpunkter"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::POST, "/diarium/{case}/gang/steg", Some("step=1&step_status=done"), Login, S(403), S(303)),
        r(Method::GET, "/api/v1/cases/{case}/routing", None, S(200), S(200), S(200)),
        r(
            Method::PUT,
            "/api/v1/cases/{case}/routing",
            Some(r#"{"needs_board_decisions":true,"strategy":"development_strategy"}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(
            Method::POST,
            "/api/v1/cases/{case}/routing/deviations",
            Some(r#"{"action":"add","kind":"handle","line":"care","reason":"Vårdsamrådet hörs"}"#),
            S(401),
            S(403),
            S(201),
        ),
        r(
            Method::PATCH,
            "/api/v1/cases/{case}/routing/steps/1",
            Some(r#"{"status":"planned"}"#),
            S(401),
            S(403),
            S(200),
        ),
        // cases: requests for official documents (ADR 48): anyone asks; the organisation's
        // registrars (and administrators) keep the queue and handle them.
        r(Method::GET, "/diarium/{case}/begaran", None, S(200), S(200), S(200)),
        r(
            Method::POST,
            "/diarium/{case}/begaran",
            Some("requested=PM&requester_email=a%40example.org&delivery=email"),
            S(200),
            S(200),
            S(200),
        ),
        r(
            Method::POST,
            "/api/v1/cases/{case}/requests",
            Some(r#"{"requested":"PM","requester_email":"a@example.org"}"#),
            S(201),
            S(201),
            S(201),
        ),
        r(Method::GET, "/diarium/begaranden?organisation={org}", None, Login, S(403), S(200)),
        r(Method::GET, "/api/v1/organisations/{org}/document-requests", None, S(401), S(403), S(200)),
        r(
            Method::PATCH,
            "/api/v1/organisations/{org}/document-requests/999999",
            Some(r#"{"outcome":"released","handling_note":"Skickad"}"#),
            S(401),
            S(403),
            S(404),
        ),
        r(Method::POST, "/diarium/begaranden/999999", Some("outcome=released&handling_note=x"), S(404), S(404), S(404)),
        // Secrecy grants and archive packages (ADR 54): the organisation's registrars only.
        r(
            Method::POST,
            "/diarium/{case}/behorigheter",
            Some("grantee=ingen@example.org&grant_document=all&grant_reason=Beredning"),
            Login,
            S(403),
            S(422),
        ),
        r(Method::POST, "/diarium/behorigheter/999999/aterkalla", None, S(404), S(404), S(404)),
        r(Method::GET, "/api/v1/cases/{case}/secrecy-grants", None, S(401), S(403), S(200)),
        r(
            Method::POST,
            "/api/v1/cases/{case}/secrecy-grants",
            Some(r#"{"grantee":"ingen@example.org","reason":"Beredning"}"#),
            S(401),
            S(403),
            S(422),
        ),
        r(Method::DELETE, "/api/v1/secrecy-grants/999999", None, S(404), S(404), S(404)),
        r(Method::GET, "/diarium/{case}/arkiv.zip", None, Login, S(403), S(409)),
        r(Method::GET, "/api/v1/cases/{case}/archive", None, S(401), S(403), S(409)),
        r(Method::GET, "/diarium/arkiv", None, Login, S(403), S(200)),
        r(Method::GET, "/api/v1/cases/archive?organisation_id={org}&year=2026", None, S(401), S(403), S(200)),
        // Assignments (seed 001 § 4.2.1): given and reported back by those who prepare the
        // paragraph's meeting; public once its protocol is adjusted (the fixture's is not).
        r(Method::GET, "/paragrafer/{paragraph}/uppdrag", None, Login, S(403), S(200)),
        r(
            Method::POST,
            "/paragrafer/{paragraph}/uppdrag",
            Some("assignee_id={kultur}&what=Analys&due_on=2026-12-31&report_how=Rapport"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::GET, "/moten/{meeting}/protokoll/3/uppdrag", None, S(303), S(303), S(303)),
        r(Method::GET, "/api/v1/assignments?body_id={kultur}", None, S(200), S(200), S(200)),
        r(
            Method::POST,
            "/api/v1/assignments",
            Some(
                r#"{"paragraph_id":{paragraph},"assignee_id":{kultur},"what":"Analys","due_on":"2026-12-31","report_how":"Rapport"}"#,
            ),
            S(401),
            S(403),
            S(201),
        ),
        r(Method::GET, "/api/v1/assignments/{assignment}", None, S(404), S(404), S(200)),
        r(
            Method::POST,
            "/paragrafer/{paragraph}/aterrapport",
            Some("assignment_id={assignment}"),
            Login,
            S(403),
            S(303),
        ),
        r(
            Method::POST,
            "/api/v1/assignments/{assignment}/report",
            Some(r#"{"paragraph_id":{paragraph}}"#),
            S(401),
            S(403),
            S(200),
        ),
        // Joint matters (issue 11, rule 9): public reading; the region's officers (here: the
        // administrator) create, send and follow up; an organisation's officers or the region's
        // on its behalf move its status and record its decision (ADR 39).
        r(Method::GET, "/samverkan", None, S(200), S(200), S(200)),
        r(Method::GET, "/samverkan/nytt?arende={case}", None, Login, S(403), S(200)),
        r(Method::POST, "/samverkan", joint_form, Login, S(403), S(303)),
        r(Method::GET, "/samverkan/{joint}", None, S(200), S(200), S(200)),
        r(Method::GET, "/samverkan/{joint}/matris.csv", None, S(200), S(200), S(200)),
        r(Method::POST, "/samverkan/{joint}/skicka", None, Login, S(403), S(303)),
        r(
            Method::POST,
            "/samverkan/{joint}/uppfoljning",
            Some("text=Rapport&due_on=2026-12-31"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::POST, "/samverkan/{joint}/uppfoljning/{jointfu}/klar", None, Login, S(403), S(303)),
        r(Method::GET, "/api/v1/joint-matters", None, S(200), S(200), S(200)),
        r(Method::POST, "/api/v1/joint-matters", joint_json, S(401), S(403), S(201)),
        r(Method::GET, "/api/v1/joint-matters/{joint}", None, S(200), S(200), S(200)),
        r(
            Method::POST,
            "/api/v1/joint-matters/{joint}/follow-ups",
            Some(r#"{"text":"Rapport","due_on":"2026-12-31"}"#),
            S(401),
            S(403),
            S(201),
        ),
        r(
            Method::PATCH,
            "/api/v1/joint-matters/{joint}/parties/{org}",
            Some(r#"{"status":"in_preparation"}"#),
            S(401),
            S(403),
            S(200),
        ),
        // Already in preparation: the administrator's form is re-shown with the status error.
        r(
            Method::POST,
            "/samverkan/{joint}/organisationer/{org}/status",
            Some("status=in_preparation"),
            Login,
            S(403),
            S(422),
        ),
        r(Method::GET, "/samverkan/{joint}/organisationer/{org}/beslut", None, Login, S(403), S(200)),
        // Not multipart: refused once the caller may record.
        r(Method::POST, "/samverkan/{joint}/organisationer/{org}/beslut", Some("body=x"), Login, S(403), S(400)),
        r(Method::POST, "/api/v1/joint-matters/{joint}/parties/{org}/decision", decision_json, S(401), S(403), S(200)),
        // No extract was uploaded with the decision.
        r(Method::GET, "/samverkan/{joint}/organisationer/{org}/utdrag", None, S(404), S(404), S(404)),
        // Strategy (issue 13): a governing document, an adopted strategy with a node and a
        // drafting one; strategy owners are administrators, drafts are for signed-in members.
        r(Method::GET, "/styrdokument", None, S(200), S(200), S(200)),
        r(Method::GET, "/styrdokument?forsenad=1&typ=plan", None, S(200), S(200), S(200)),
        r(Method::GET, "/styrdokument/nytt", None, Login, S(403), S(200)),
        r(Method::POST, "/styrdokument", Some(GDOC_FORM), Login, S(403), S(303)),
        r(Method::GET, "/styrdokument/{gdoc}", None, S(200), S(200), S(200)),
        r(Method::GET, "/styrdokument/{gdoc}/redigera", None, Login, S(403), S(200)),
        r(Method::POST, "/styrdokument/{gdoc}", Some(GDOC_FORM), Login, S(403), S(303)),
        // A relation to itself: refused at the field once the caller may relate.
        r(
            Method::POST,
            "/styrdokument/{gdoc}/relationer",
            Some("to_id={gdoc}&relation=implements"),
            Login,
            S(403),
            S(422),
        ),
        r(Method::GET, "/strategier", None, S(200), S(200), S(200)),
        r(Method::GET, "/strategier/ny", None, Login, S(403), S(200)),
        r(Method::POST, "/strategier", Some(STRAT_FORM), Login, S(403), S(303)),
        r(Method::GET, "/strategier/{strat}", None, S(200), S(200), S(200)),
        r(Method::GET, "/strategier/{draft}", None, S(404), S(200), S(200)),
        r(Method::GET, "/strategier/{strat}/redigera", None, Login, S(403), S(200)),
        r(Method::POST, "/strategier/{strat}", Some(STRAT_FORM), Login, S(403), S(303)),
        r(Method::GET, "/strategier/{strat}/delar/ny", None, Login, S(403), S(200)),
        r(Method::POST, "/strategier/{strat}/delar", Some("kind=area&title=En+smart+region"), Login, S(403), S(303)),
        r(Method::GET, "/strategier/{strat}/delar/{snode}", None, S(200), S(200), S(200)),
        r(Method::GET, "/strategier/{draft}/delar/{snode}", None, S(404), S(404), S(404)),
        r(Method::GET, "/strategier/{strat}/delar/{snode}/redigera", None, Login, S(403), S(200)),
        r(
            Method::POST,
            "/strategier/{strat}/delar/{snode}",
            Some("kind=area&title=En+attraktiv+region"),
            Login,
            S(403),
            S(303),
        ),
        // Indicators (issue 13): the fixture is a published indicator without values; the
        // region's strategy owners (administrators) write.
        r(Method::GET, "/indikatorer", None, S(200), S(200), S(200)),
        r(Method::GET, "/indikatorer/ny", None, Login, S(403), S(200)),
        r(Method::POST, "/indikatorer", indicator_form, Login, S(403), S(303)),
        r(Method::GET, "/indikatorer/{indicator}", None, S(200), S(200), S(200)),
        r(Method::GET, "/indikatorer/{indicator}/varden.csv", None, S(200), S(200), S(200)),
        r(Method::GET, "/indikatorer/{indicator}/andra", None, Login, S(403), S(200)),
        r(Method::POST, "/indikatorer/{indicator}/andra", indicator_form, Login, S(403), S(303)),
        r(Method::GET, "/indikatorer/{indicator}/import", None, Login, S(403), S(200)),
        r(Method::GET, "/indikatorer/{indicator}/ta-bort", None, Login, S(403), S(200)),
        // Not multipart: refused once the caller may import.
        r(Method::POST, "/indikatorer/{indicator}/import/provkorning", Some("format=csv"), Login, S(403), S(400)),
        r(
            Method::POST,
            "/indikatorer/{indicator}/import/verkstall",
            Some("format=csv&file_name=v.csv&data=omrade%3Bar%3Bvarde%0A0006%3B2022%3B1"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::GET, "/sdg", None, S(200), S(200), S(200)),
        r(Method::GET, "/sdg/3", None, S(200), S(200), S(200)),
        r(Method::GET, "/sdg/18", None, S(404), S(404), S(404)),
        r(Method::POST, "/sdg/delmal/3.4", Some("title_sv=Minska+för+tidig+död"), Login, S(403), S(303)),
        r(Method::GET, "/api/v1/governing-documents", None, S(200), S(200), S(200)),
        r(Method::POST, "/api/v1/governing-documents", Some(GDOC_JSON), S(401), S(403), S(201)),
        r(Method::GET, "/api/v1/governing-documents/{gdoc}", None, S(200), S(200), S(200)),
        r(Method::PUT, "/api/v1/governing-documents/{gdoc}", Some(GDOC_JSON), S(401), S(403), S(200)),
        r(
            Method::POST,
            "/api/v1/governing-documents/{gdoc}/relations",
            Some(r#"{"to_id":{gdoc},"relation":"implements"}"#),
            S(401),
            S(403),
            S(422),
        ),
        r(Method::GET, "/api/v1/strategies", None, S(200), S(200), S(200)),
        r(Method::POST, "/api/v1/strategies", Some(STRAT_JSON), S(401), S(403), S(201)),
        r(Method::GET, "/api/v1/strategies/{strat}", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/strategies/{draft}", None, S(404), S(200), S(200)),
        r(Method::PUT, "/api/v1/strategies/{strat}", Some(STRAT_JSON), S(401), S(403), S(200)),
        r(Method::POST, "/api/v1/strategies/{strat}/nodes", Some(NODE_JSON), S(401), S(403), S(201)),
        r(Method::GET, "/api/v1/strategies/{strat}/nodes/{snode}", None, S(200), S(200), S(200)),
        r(Method::PUT, "/api/v1/strategies/{strat}/nodes/{snode}", Some(NODE_JSON), S(401), S(403), S(200)),
        r(Method::GET, "/api/v1/sdg/goals", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/sdg/goals/3", None, S(200), S(200), S(200)),
        r(Method::PUT, "/api/v1/sdg/targets/3.4", Some(r#"{"title_sv":"Minska"}"#), S(401), S(403), S(200)),
        r(Method::GET, "/api/v1/indicators", None, S(200), S(200), S(200)),
        r(Method::POST, "/api/v1/indicators", indicator_json, S(401), S(403), S(201)),
        r(Method::GET, "/api/v1/indicators/{indicator}", None, S(200), S(200), S(200)),
        r(Method::PUT, "/api/v1/indicators/{indicator}", indicator_json, S(401), S(403), S(200)),
        r(Method::GET, "/api/v1/indicators/{indicator}/values", None, S(200), S(200), S(200)),
        r(Method::POST, "/api/v1/indicators/{indicator}/imports?format=csv", Some("{}"), S(401), S(403), S(422)),
        // Processes (issue 14): a published process open for inputs with a milestone, a pending
        // input and a dialogue, and an unpublished one; owners are the owner organisation's
        // registrars (administrators too), the public reads published processes and sends inputs.
        r(Method::GET, "/processer", None, S(200), S(200), S(200)),
        r(Method::GET, "/processer/ny", None, Login, S(403), S(200)),
        r(Method::POST, "/processer", Some(PROC_FORM), Login, S(403), S(303)),
        r(Method::GET, "/processer/{proc}", None, S(200), S(200), S(200)),
        r(Method::GET, "/processer/{uproc}", None, S(404), S(404), S(200)),
        r(Method::GET, "/processer/{proc}/redigera", None, Login, S(403), S(200)),
        r(Method::POST, "/processer/{proc}", Some(PROC_OPEN_FORM), Login, S(403), S(303)),
        r(Method::GET, "/processer/{proc}/tidslinje", None, S(200), S(200), S(200)),
        r(Method::GET, "/processer/{proc}/kalender.ics", None, S(200), S(200), S(200)),
        r(Method::GET, "/processer/{proc}/delar/milstolpe", None, Login, S(403), S(200)),
        r(Method::GET, "/processer/{proc}/delar/okand", None, S(404), S(404), S(404)),
        r(
            Method::POST,
            "/processer/{proc}/delar/fraga",
            Some("text=Vilka+frågor+ska+rusen+adressera"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::GET, "/processer/{proc}/milstolpar/{pms}", None, S(200), S(200), S(200)),
        r(
            Method::POST,
            "/processer/{proc}/milstolpar/{pms}",
            Some("title=Beslut&planned_on=2026-12-01"),
            Login,
            S(403),
            S(303),
        ),
        r(
            Method::POST,
            "/processer/{proc}/milstolpar/{pms}/forum",
            Some("forum_name=RSS+Styrelse&forum_role=decision"),
            Login,
            S(403),
            S(303),
        ),
        r(
            Method::POST,
            "/processer/{proc}/milstolpar/{pms}/kopplingar",
            Some("kind=referral&referral_id={referral}"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::GET, "/processer/{proc}/intressenter", None, S(200), S(200), S(200)),
        r(
            Method::POST,
            "/processer/{proc}/intressenter",
            Some("name=Företagarna&kind=business&interest=3&influence=3"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::GET, "/processer/{proc}/dialoger/ny", None, Login, S(403), S(200)),
        r(
            Method::POST,
            "/processer/{proc}/dialoger",
            Some("title=Dialogmöte&theme=Kompetens&held_on=2026-10-01"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::GET, "/processer/{proc}/dialoger/{pdlg}", None, S(200), S(200), S(200)),
        r(Method::GET, "/processer/{proc}/inspel", None, S(200), S(200), S(200)),
        r(Method::POST, "/processer/{proc}/inspel", Some("kind=resident&text=Fler+tåg"), S(303), S(303), S(303)),
        r(Method::GET, "/processer/{proc}/inspel/kvitto?nyckel=pin-key", None, S(200), S(200), S(200)),
        r(Method::GET, "/processer/{proc}/inspel/kvitto?nyckel=okand", None, S(404), S(404), S(404)),
        r(Method::GET, "/processer/{proc}/inspel/moderering", None, Login, S(403), S(200)),
        r(Method::POST, "/processer/{proc}/inspel/{pin}", Some("status=published"), Login, S(403), S(303)),
        r(Method::GET, "/processer/{proc}/sammanstallning", None, S(200), S(200), S(200)),
        r(Method::GET, "/processer/{proc}/sammanstallning.pdf", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/processes", None, S(200), S(200), S(200)),
        r(Method::POST, "/api/v1/processes", Some(PROC_JSON), S(401), S(403), S(201)),
        r(Method::GET, "/api/v1/process-templates", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/processes/{proc}", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/processes/{uproc}", None, S(404), S(404), S(200)),
        r(Method::PUT, "/api/v1/processes/{proc}", Some(PROC_OPEN_JSON), S(401), S(403), S(200)),
        r(
            Method::POST,
            "/api/v1/processes/{proc}/phases",
            Some(r#"{"title":"Analys","starts_on":"2026-01-01","ends_on":"2026-02-01"}"#),
            S(401),
            S(403),
            S(201),
        ),
        r(
            Method::POST,
            "/api/v1/processes/{proc}/milestones",
            Some(r#"{"title":"Beslut","planned_on":"2026-03-01"}"#),
            S(401),
            S(403),
            S(201),
        ),
        r(
            Method::POST,
            "/api/v1/processes/{proc}/roles",
            Some(r#"{"kind":"process_lead","organisation_id":{org}}"#),
            S(401),
            S(403),
            S(201),
        ),
        r(Method::POST, "/api/v1/processes/{proc}/questions", Some(r#"{"text":"Vad?"}"#), S(401), S(403), S(201)),
        r(
            Method::PUT,
            "/api/v1/processes/{proc}/milestones/{pms}",
            Some(r#"{"title":"Beslut","planned_on":"2026-03-01"}"#),
            S(401),
            S(403),
            S(200),
        ),
        // A phase, a role and a question of the process edited and removed by its owners (the
        // fixtures' phase holds no milestone, the question no input).
        r(Method::GET, "/processer/{proc}/faser/{pph}", None, Login, S(403), S(200)),
        r(Method::POST, "/processer/{proc}/faser/{pph}", Some(PHASE_FORM), Login, S(403), S(303)),
        r(Method::PUT, "/api/v1/processes/{proc}/phases/{pph}", Some(PHASE_JSON), S(401), S(403), S(200)),
        r(Method::GET, "/processer/{proc}/roller/{prole}/ta-bort", None, Login, S(403), S(200)),
        r(Method::GET, "/processer/{proc}/fragor/{pq}/ta-bort", None, Login, S(403), S(200)),
        r(Method::POST, "/processer/{proc}/faser/{pph}/ta-bort", None, Login, S(403), S(303)),
        r(Method::DELETE, "/api/v1/processes/{proc}/roles/{prole}", None, S(401), S(403), S(204)),
        r(Method::DELETE, "/api/v1/processes/{proc}/questions/{pq}", None, S(401), S(403), S(204)),
        // Removed by the rows above: the form sent again leads back, the API finds nothing.
        r(Method::POST, "/processer/{proc}/roller/{prole}/ta-bort", None, Login, S(403), S(303)),
        r(Method::POST, "/processer/{proc}/fragor/{pq}/ta-bort", None, Login, S(403), S(303)),
        r(Method::DELETE, "/api/v1/processes/{proc}/phases/{pph}", None, S(401), S(403), S(404)),
        // Action plans, follow-up rounds, the annual report (issue 13, ADR 51): the fixture is a
        // published plan of the culture body with an activity, and a round asking it; the body's
        // members (nobody of the roles) and the strategy owners (administrators) edit.
        r(Method::GET, "/handlingsplaner", None, S(200), S(200), S(200)),
        r(Method::GET, "/handlingsplaner/ny", None, Login, S(200), S(200)),
        // A forum one does not work in is refused at its field, the form kept.
        r(Method::POST, "/handlingsplaner", Some(APLAN_FORM), Login, S(422), S(303)),
        r(Method::GET, "/handlingsplaner/{aplan}/redigera", None, Login, S(403), S(200)),
        r(Method::POST, "/handlingsplaner/{aplan}/redigera", Some(APLAN_FORM), Login, S(403), S(303)),
        r(Method::GET, "/handlingsplaner/{aplan}", None, S(200), S(200), S(200)),
        r(Method::POST, "/handlingsplaner/{aplan}/fokusomraden", Some("title=Omr%C3%A5de"), Login, S(403), S(303)),
        r(Method::GET, "/handlingsplaner/{aplan}/aktiviteter/ny", None, Login, S(403), S(200)),
        r(Method::POST, "/handlingsplaner/{aplan}/aktiviteter", Some(AACT_FORM), Login, S(403), S(303)),
        r(Method::GET, "/handlingsplaner/{aplan}/aktiviteter/{aact}", None, Login, S(403), S(200)),
        r(Method::POST, "/handlingsplaner/{aplan}/aktiviteter/{aact}", Some(AACT_FORM), Login, S(403), S(303)),
        r(Method::GET, "/uppfoljningar", None, Login, S(200), S(200)),
        r(Method::GET, "/uppfoljningar/ny", None, Login, S(403), S(200)),
        r(Method::POST, "/uppfoljningar", Some(ROUND_FORM), Login, S(403), S(303)),
        r(Method::GET, "/uppfoljningar/{round}", None, Login, S(200), S(200)),
        r(Method::GET, "/uppfoljningar/{round}/svar/{aplan}", None, Login, S(403), S(200)),
        r(Method::POST, "/uppfoljningar/{round}/svar/{aplan}", Some("summary=Klart"), Login, S(403), S(303)),
        r(Method::GET, "/strategier/{strat}/rapport/2026", None, S(200), S(200), S(200)),
        r(Method::GET, "/strategier/{draft}/rapport/2026", None, S(404), S(200), S(200)),
        r(Method::GET, "/strategier/{strat}/rapport/2026/rapport.pdf", None, S(200), S(200), S(200)),
        r(Method::GET, "/strategier/{strat}/rapport/2026/status", None, Login, S(200), S(200)),
        r(Method::POST, "/strategier/{strat}/rapport/2026/omraden/{snode}", Some("text=Text"), Login, S(403), S(303)),
        r(Method::GET, "/api/v1/action-plans", None, S(200), S(200), S(200)),
        r(Method::POST, "/api/v1/action-plans", Some(APLAN_JSON), S(401), S(422), S(201)),
        r(Method::GET, "/api/v1/action-plans/{aplan}", None, S(200), S(200), S(200)),
        r(Method::PUT, "/api/v1/action-plans/{aplan}", Some(APLAN_UPDATE_JSON), S(401), S(403), S(200)),
        r(Method::POST, "/api/v1/action-plans/{aplan}/areas", Some(r#"{"title":"O"}"#), S(401), S(403), S(201)),
        r(Method::POST, "/api/v1/action-plans/{aplan}/activities", Some(AACT_JSON), S(401), S(403), S(201)),
        r(Method::PUT, "/api/v1/action-plans/{aplan}/activities/{aact}", Some(AACT_JSON), S(401), S(403), S(200)),
        r(Method::GET, "/api/v1/action-plans/rounds", None, S(401), S(200), S(200)),
        r(Method::POST, "/api/v1/action-plans/rounds", Some(ROUND_JSON), S(401), S(403), S(201)),
        r(Method::GET, "/api/v1/action-plans/rounds/{round}", None, S(401), S(200), S(200)),
        r(
            Method::PUT,
            "/api/v1/action-plans/rounds/{round}/answers/{aplan}",
            Some(r#"{"summary":"K"}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(
            Method::POST,
            "/api/v1/processes/{proc}/milestones/{pms}/forums",
            Some(r#"{"name":"RSS Styrelse","role":"decision"}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(
            Method::POST,
            "/api/v1/processes/{proc}/milestones/{pms}/links",
            Some(r#"{"kind":"referral","target_id":{referral}}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::GET, "/api/v1/processes/{proc}/stakeholders", None, S(200), S(200), S(200)),
        r(
            Method::POST,
            "/api/v1/processes/{proc}/stakeholders",
            Some(r#"{"name":"Företagarna","kind":"business","interest":3,"influence":2}"#),
            S(401),
            S(403),
            S(201),
        ),
        r(Method::GET, "/api/v1/processes/{proc}/dialogues", None, S(200), S(200), S(200)),
        r(
            Method::POST,
            "/api/v1/processes/{proc}/dialogues",
            Some(r#"{"title":"Dialogmöte","theme":"Kompetens","held_on":"2026-10-01"}"#),
            S(401),
            S(403),
            S(201),
        ),
        r(Method::GET, "/api/v1/processes/{proc}/inputs", None, S(200), S(200), S(200)),
        r(
            Method::POST,
            "/api/v1/processes/{proc}/inputs",
            Some(r#"{"kind":"resident","text":"Fler tåg"}"#),
            S(201),
            S(201),
            S(201),
        ),
        r(
            Method::PATCH,
            "/api/v1/processes/{proc}/inputs/{pin}",
            Some(r#"{"status":"rejected"}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::GET, "/api/v1/processes/{proc}/compilation", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/strategies/{strat}/report/2026", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/strategies/{strat}/report/2026/readiness", None, S(401), S(200), S(200)),
        r(
            Method::PUT,
            "/api/v1/strategies/{strat}/report/2026/areas/{snode}",
            Some(r#"{"text":"T"}"#),
            S(401),
            S(403),
            S(200),
        ),
        // Referrals (issue 12): the fixture is a draft referral of the case, drafted by the
        // case organisation's registrars (administrators too), answered by the consultee
        // organisation's people only.
        r(Method::GET, "/remisser", None, S(200), S(200), S(200)),
        r(Method::GET, "/diarium/{case}/remiss", None, Login, S(403), S(200)),
        r(
            Method::POST,
            "/diarium/{case}/remiss",
            Some("title=Remiss&document_version=Remissversion"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::GET, "/remisser/{referral}", None, S(404), S(404), S(200)),
        r(Method::POST, "/remisser/{referral}/avsnitt", Some("markdown=%23+Avsnitt"), Login, S(403), S(303)),
        r(Method::POST, "/remisser/{referral}/fragor", Some("question=Vad+tycker+ni"), Login, S(403), S(303)),
        r(
            Method::POST,
            "/remisser/{referral}/instanser",
            Some("kind=municipality&county=05&obligation=obliged"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::GET, "/remisser/{referral}/svar", None, Login, S(403), S(200)),
        r(Method::GET, "/remisser/{referral}/svar.csv", None, Login, S(403), S(200)),
        r(Method::GET, "/remisser/{referral}/redogorelse", None, S(404), S(404), S(200)),
        r(
            Method::POST,
            "/remisser/{referral}/bemotande",
            Some("comment_id=1&verdict=accommodated"),
            Login,
            S(403),
            S(404),
        ),
        // The report waits for the referral to go out, and its publication for the review.
        r(Method::POST, "/remisser/{referral}/granskning", None, Login, S(403), S(422)),
        r(Method::POST, "/remisser/{referral}/redogorelse/publicera", None, Login, S(403), S(422)),
        // Referrals' API (issue 12) and PDFs, while the referral is a draft: the same
        // operations, so the same decisions; the answer is the consultee organisation's alone.
        r(Method::GET, "/remisser/{referral}/svar.pdf", None, Login, S(403), S(200)),
        r(Method::GET, "/remisser/{referral}/redogorelse.pdf", None, S(404), S(404), S(200)),
        r(Method::GET, "/api/v1/referrals", None, S(200), S(200), S(200)),
        r(
            Method::POST,
            "/api/v1/referrals",
            Some(r#"{"case_id":{case},"title":"Remiss","document_version":"Remissversion"}"#),
            S(401),
            S(403),
            S(201),
        ),
        r(Method::GET, "/api/v1/referrals/{referral}", None, S(404), S(404), S(200)),
        r(Method::GET, "/api/v1/referrals/{referral}/consultees", None, S(404), S(404), S(200)),
        r(
            Method::PUT,
            "/api/v1/referrals/{referral}/sections",
            Some(r##"{"markdown":"# Avsnitt"}"##),
            S(401),
            S(403),
            S(200),
        ),
        r(
            Method::POST,
            "/api/v1/referrals/{referral}/questions",
            Some(r#"{"question":"Vad tycker ni?"}"#),
            S(401),
            S(403),
            S(201),
        ),
        r(
            Method::POST,
            "/api/v1/referrals/{referral}/consultees",
            Some(r#"{"kind":"municipality","county":"05","obligation":"obliged"}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::GET, "/api/v1/referrals/{referral}/answers", None, S(401), S(403), S(200)),
        r(Method::GET, "/api/v1/referrals/{referral}/consultees/{consultee}/answer", None, S(401), S(403), S(403)),
        r(
            Method::PUT,
            "/api/v1/referrals/{referral}/consultees/{consultee}/answer",
            Some(r#"{"position":"supports"}"#),
            S(401),
            S(403),
            S(403),
        ),
        r(
            Method::POST,
            "/api/v1/referrals/{referral}/consultees/{consultee}/answer/comments",
            Some(r#"{"text":"x"}"#),
            S(401),
            S(403),
            S(403),
        ),
        r(
            Method::POST,
            "/api/v1/referrals/{referral}/consultees/{consultee}/answer/submission",
            None,
            S(401),
            S(403),
            S(403),
        ),
        r(
            Method::PUT,
            "/api/v1/referrals/{referral}/comments/1/response",
            Some(r#"{"verdict":"accommodated"}"#),
            S(401),
            S(403),
            S(404),
        ),
        // No answer link was sent in the fixtures: nothing to revoke.
        r(Method::POST, "/remisser/{referral}/instanser/{consultee}/aterkalla", None, Login, S(403), S(404)),
        r(
            Method::DELETE,
            "/api/v1/referrals/{referral}/consultees/{consultee}/answer-link",
            None,
            S(401),
            S(403),
            S(404),
        ),
        r(Method::GET, "/api/v1/referrals/{referral}/report", None, S(404), S(404), S(200)),
        r(Method::POST, "/remisser/{referral}/redogorelse/andringar", Some("changes=Inga"), Login, S(403), S(303)),
        r(
            Method::PUT,
            "/api/v1/referrals/{referral}/report/changes",
            Some(r#"{"changes":"Inga"}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::POST, "/api/v1/referrals/{referral}/report/review", None, S(401), S(403), S(422)),
        r(Method::POST, "/api/v1/referrals/{referral}/report/publication", None, S(401), S(403), S(422)),
        r(Method::POST, "/remisser/{referral}/publicera", None, Login, S(403), S(303)),
        // Already sent by the form above.
        r(Method::POST, "/api/v1/referrals/{referral}/publication", None, S(401), S(403), S(422)),
        // Later versions, compared with the referral version (everyone who may read the
        // referral reads the comparison; its drafters add versions once it is sent). For the
        // others the referral is still the fixture's draft.
        r(Method::GET, "/remisser/{referral}/jamforelse", None, S(404), S(404), S(200)),
        r(Method::POST, "/remisser/{referral}/versioner", Some("label=V2&markdown=%23+Avsnitt"), Login, S(403), S(303)),
        r(Method::GET, "/api/v1/referrals/{referral}/versions", None, S(404), S(404), S(200)),
        r(
            Method::POST,
            "/api/v1/referrals/{referral}/versions",
            Some(r##"{"label":"V3","markdown":"# Avsnitt"}"##),
            S(401),
            S(403),
            S(201),
        ),
        r(Method::GET, "/api/v1/referrals/{referral}/versions/2/comparison", None, S(404), S(404), S(200)),
        // The fixture's referral is not open to everyone: no open form for anyone; the
        // moderation queue is its drafters' (empty). A post to it once it is published (the
        // administrator's run published it above) is the form again with what was typed and
        // the refusal at the referral, nothing stored; before, there is no such page.
        r(Method::GET, "/remisser/{referral}/yttra", None, S(404), S(404), S(404)),
        r(Method::POST, "/remisser/{referral}/yttra", Some("name=Anna"), S(404), S(404), S(422)),
        r(
            Method::POST,
            "/api/v1/referrals/{referral}/open-answers",
            Some(r#"{"name":"Anna"}"#),
            S(404),
            S(404),
            S(404),
        ),
        r(Method::GET, "/api/v1/referrals/{referral}/open-answers", None, S(401), S(403), S(200)),
        r(Method::GET, "/remisser/{referral}/moderering", None, Login, S(403), S(200)),
        r(Method::POST, "/remisser/{referral}/moderering/1", Some("decision=publish"), Login, S(403), S(404)),
        // A file of an open answer: the drafters', and everyone's once the report publishes it;
        // the fixture has none, so 404 for all (a missing file says no more than a hidden one).
        r(Method::GET, "/remisser/{referral}/svarsbilagor/1", None, S(404), S(404), S(404)),
        r(
            Method::POST,
            "/api/v1/referrals/{referral}/open-answers/1/moderation",
            Some(r#"{"decision":"publish"}"#),
            S(401),
            S(403),
            S(404),
        ),
        // An answer's files: its answerers add and remove them; they and the drafters read them.
        r(Method::POST, "/remissvar/{consultee}/bilagor", Some("file=x"), Login, S(403), S(403)),
        r(Method::GET, "/remissvar/{consultee}/bilagor/1", None, S(404), S(404), S(404)),
        r(Method::POST, "/remissvar/{consultee}/bilagor/1/ta-bort", None, Login, S(403), S(403)),
        r(
            Method::POST,
            "/api/v1/referrals/{referral}/consultees/{consultee}/answer/files",
            Some("{}"),
            S(401),
            S(403),
            S(403),
        ),
        r(
            Method::DELETE,
            "/api/v1/referrals/{referral}/consultees/{consultee}/answer/files/1",
            None,
            S(401),
            S(403),
            S(403),
        ),
        r(Method::GET, "/remissvar/{consultee}", None, Login, S(403), S(403)),
        r(Method::POST, "/remissvar/{consultee}", Some("position=supports"), Login, S(403), S(403)),
        r(Method::POST, "/remissvar/{consultee}/synpunkter", Some("text=x"), Login, S(403), S(403)),
        r(Method::POST, "/remissvar/{consultee}/skicka", None, Login, S(403), S(403)),
        r(Method::GET, "/remissvar/{consultee}?nyckel=fel", None, Login, S(403), S(403)),
        // Surveys (issue 14): {survey} is sent to the region, {osurvey} is open to anyone,
        // {dsurvey} is a draft; the administrator is the strategy owner, but belongs to no
        // organisation asked, so may not answer.
        r(Method::GET, "/enkater", None, S(200), S(200), S(200)),
        r(Method::POST, "/enkater", Some("title=Enk%C3%A4t&audience=open"), Login, S(403), S(303)),
        r(Method::GET, "/enkater/ny", None, Login, S(403), S(200)),
        r(Method::GET, "/enkater/{survey}", None, S(200), S(200), S(200)),
        r(Method::GET, "/enkater/{dsurvey}", None, S(404), S(404), S(200)),
        r(Method::GET, "/enkater/{dsurvey}/andra", None, Login, S(403), S(200)),
        r(Method::POST, "/enkater/{dsurvey}/andra", Some("title=Utkast&audience=organisations"), Login, S(403), S(303)),
        r(
            Method::POST,
            "/enkater/{dsurvey}/fragor",
            Some("section=new&new_section=Del&text=Fr%C3%A5ga&kind=text"),
            Login,
            S(403),
            S(303),
        ),
        r(Method::POST, "/enkater/{dsurvey}/fragor/fraga/ta-bort", None, Login, S(403), S(303)),
        r(Method::POST, "/enkater/{survey}/mottagare", Some("organisation_id={org}"), Login, S(403), S(303)),
        r(Method::POST, "/enkater/{dsurvey}/skicka", None, Login, S(403), S(422)),
        r(Method::POST, "/enkater/{dsurvey}/stang", None, Login, S(403), S(422)),
        r(Method::POST, "/enkater/{survey}/resultat/publicering", Some("results_public=false"), Login, S(403), S(303)),
        r(Method::GET, "/enkater/{survey}/svara", None, Login, S(403), S(403)),
        r(Method::POST, "/enkater/{survey}/svara", Some("action=save&version=0"), Login, S(403), S(403)),
        r(Method::GET, "/enkater/{osurvey}/oppet-svar", None, S(200), S(200), S(200)),
        r(Method::POST, "/enkater/{osurvey}/oppet-svar", Some("q.a=Ja"), S(303), S(303), S(303)),
        r(Method::GET, "/enkater/{survey}/resultat", None, Login, S(403), S(200)),
        r(Method::GET, "/enkater/{survey}/resultat.pdf", None, Login, S(403), S(200)),
        r(Method::GET, "/enkater/{survey}/svar.csv", None, Login, S(403), S(200)),
        r(Method::GET, "/enkater/{survey}/organisationer", None, Login, S(403), S(200)),
        r(Method::GET, "/api/v1/surveys", None, S(200), S(200), S(200)),
        r(Method::POST, "/api/v1/surveys", Some(r#"{"title":"Enkät"}"#), S(401), S(403), S(201)),
        r(Method::GET, "/api/v1/surveys/{survey}", None, S(200), S(200), S(200)),
        r(Method::GET, "/api/v1/surveys/{dsurvey}", None, S(404), S(404), S(200)),
        r(Method::PUT, "/api/v1/surveys/{dsurvey}", Some(r#"{"title":"Utkast"}"#), S(401), S(403), S(200)),
        r(
            Method::PUT,
            "/api/v1/surveys/{dsurvey}/definition",
            Some(r#"{"sections":[{"title":"S","questions":[{"key":"a","text":"A","kind":"text"}]}]}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::GET, "/api/v1/surveys/{survey}/recipients", None, S(401), S(403), S(200)),
        r(
            Method::POST,
            "/api/v1/surveys/{survey}/recipients",
            Some(r#"{"organisation_id":{org}}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::POST, "/api/v1/surveys/{dsurvey}/sending", None, S(401), S(403), S(422)),
        r(Method::POST, "/api/v1/surveys/{dsurvey}/closing", None, S(401), S(403), S(422)),
        r(
            Method::PUT,
            "/api/v1/surveys/{survey}/results-publication",
            Some(r#"{"results_public":false}"#),
            S(401),
            S(403),
            S(200),
        ),
        r(Method::GET, "/api/v1/surveys/{survey}/response", None, S(401), S(403), S(403)),
        r(Method::PUT, "/api/v1/surveys/{survey}/response", Some(r#"{"answers":{}}"#), S(401), S(403), S(403)),
        r(
            Method::POST,
            "/api/v1/surveys/{survey}/response/submission",
            Some(r#"{"answers":{}}"#),
            S(401),
            S(403),
            S(403),
        ),
        r(
            Method::POST,
            "/api/v1/surveys/{osurvey}/responses",
            Some(r#"{"answers":{"a":"Ja"}}"#),
            S(201),
            S(201),
            S(201),
        ),
        r(Method::GET, "/api/v1/surveys/{survey}/results", None, S(401), S(403), S(200)),
        // Deletions last: they remove the fixtures.
        r(Method::DELETE, "/api/v1/indicators/{indicator}", None, S(401), S(403), S(204)),
        r(Method::POST, "/indikatorer/{indicator}/ta-bort", None, Login, S(403), S(404)),
        r(Method::DELETE, "/api/v1/people/{person}", None, S(401), S(403), S(204)),
        r(Method::POST, "/personer/{person}/ta-bort", None, Login, S(403), S(404)),
        r(Method::DELETE, "/api/v1/organisations/{org}", None, S(401), S(403), S(204)),
        r(Method::POST, "/organisationer/{org}/ta-bort", None, Login, S(403), S(404)),
        r(Method::POST, "/logga-ut", None, S(303), S(303), S(303)),
        r(Method::GET, "/static/protokoll.js", None, S(200), S(200), S(200)),
    ]
}

/// A number series for the region, a case in it with a public document and its file, and an
/// account to make a registrar.
async fn registry_fixtures(t: &TestApp, org: i64) -> (i64, i64, i64) {
    use domain::cases::{CaseInput, DocumentFields, DocumentInput, Prefix};
    let actor = store::Actor::system("test");
    let org_id = domain::ids::OrganisationId(org);
    t.store().set_case_series(org_id, &Prefix::parse("prefix", "RÖ").unwrap(), &actor).await.unwrap();
    let input = CaseInput::parse(&org.to_string(), "RUS", "Regional utvecklingsstrategi", "", "").unwrap();
    let case = t.store().register_case(&input, &actor, None).await.unwrap();
    let today = t.store().today().to_string();
    let fields =
        DocumentFields { direction: "drawn_up", document_date: &today, description: "PM", ..Default::default() };
    let doc = DocumentInput::parse(fields, t.store().today()).unwrap();
    let bytes = b"%PDF-1.4 fixture".to_vec();
    let sha256 = t.app.files.put(&bytes).unwrap();
    let file = store::cases::NewDocumentFile {
        file_name: "pm.pdf".into(),
        sha256,
        size: bytes.len() as i64,
        mime: "application/pdf".into(),
    };
    let d = t.store().register_document(case, &doc, &[file], &actor, None).await.unwrap();
    let file_id = t.store().case_document(d).await.unwrap().unwrap().files[0].id;
    (case.0, file_id, t.user("registrator@test.se", false).await)
}

/// A held meeting with its protocol started, a group it is superior to, and an assignment given
/// in its § 3: (meeting, paragraph, group, assignment).
async fn assignment_fixtures(t: &TestApp) -> (i64, i64, i64, i64) {
    let m = Fake::meeting().held_on(TODAY - time::Duration::days(3)).with_agenda(&[("Analys", None)]).create(t).await;
    m.start_protocol(t).await;
    let paragraph = t.store().paragraphs(m.id).await.unwrap()[2].id;
    let mut admin = t.token_client("assignments@test.se", true).await;
    let kultur = admin
        .json(
            Method::POST,
            "/api/v1/bodies",
            &json!({"name": "Ledningsgruppen för kultur", "kind": "management_group", "superior_id": m.body.id.0}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let input =
        domain::assignments::AssignmentInput::parse(&kultur.to_string(), "Analys", "2026-12-31", "Rapport").unwrap();
    let a = t.store().give_assignment(paragraph, &input, &store::Actor::system("test"), None).await.unwrap();
    (m.id.0, paragraph, kultur, a)
}

/// A published indicator (issue 13), without values.
async fn indicator_fixture(t: &TestApp) -> i64 {
    use domain::indicators::{IndicatorInput, definition::RawIndicator};
    let raw = RawIndicator {
        title: "Invånare totalt, antal".into(),
        unit: "antal".into(),
        source: "other".into(),
        direction: "increase".into(),
        geography: "0006".into(),
        published: "true".into(),
        ..RawIndicator::default()
    };
    let input = IndicatorInput::parse(&raw).unwrap();
    t.store().create_indicator(&input, &store::Actor::system("test"), None).await.unwrap()
}

/// A joint matter of the case sent to the region itself, with a follow-up item.
async fn joint_fixtures(t: &TestApp, case: i64, org: i64) -> (i64, i64) {
    use domain::joint::{FollowUpInput, JointMatterInput};
    let actor = store::Actor::system("test");
    let today = t.store().today();
    let input = JointMatterInput::parse(&case.to_string(), "", "RUS", "Delta", "2026-12-31", &[org.to_string()], today)
        .unwrap();
    let id = t.store().create_joint_matter(&input, &actor, None).await.unwrap();
    t.store().send_joint_matter(id, None, &actor).await.unwrap();
    let f = FollowUpInput::parse("Återrapportering", "2026-12-01", "").unwrap();
    (id, t.store().add_joint_follow_up(id, &f, &actor, None).await.unwrap())
}

/// A draft referral of the case, divided into sections, asking the region.
async fn referral_fixtures(t: &TestApp, case: i64, org: i64) -> (i64, i64) {
    use domain::referrals::{Obligation, ReferralFields, ReferralInput, from_markdown};
    let actor = store::Actor::system("test");
    let fields = ReferralFields { title: "Remiss", document_version: "Remissversion", ..Default::default() };
    let input = ReferralInput::parse(fields, t.store().today()).unwrap();
    let r = t.store().create_referral(domain::ids::CaseId(case), &input, &actor, None).await.unwrap();
    t.store().set_referral_sections(r, 1, &from_markdown("# Del ett\nText").unwrap(), &actor).await.unwrap();
    let target = store::referrals::ConsulteeTarget::Organisation(domain::ids::OrganisationId(org));
    t.store().add_consultees(r, &[target], Obligation::Obliged, "referral.invitations", &actor).await.unwrap();
    let k = t.store().referral_consultees(r).await.unwrap()[0].id;
    (r.0, k)
}

// action plans (issue 13): the rows' request bodies and fixtures.
const APLAN_FORM: &str = "body_id={kultur}&title=Plan&first_year=2025&last_year=2027&published=on";
const APLAN_JSON: &str = r#"{"body_id":{kultur},"title":"Plan","first_year":2025,"last_year":2027}"#;
const APLAN_UPDATE_JSON: &str = r#"{"title":"Plan","first_year":2025,"last_year":2027,"published":true}"#;
const AACT_FORM: &str = "title=Aktivitet&starts_on=2025-01-01&ends_on=2025-12-31";
const AACT_JSON: &str = r#"{"title":"Aktivitet","starts_on":"2025-01-01","ends_on":"2025-12-31"}"#;
const ROUND_FORM: &str = "body_id={kultur}&title=Uppf%C3%B6ljning&year=2026&due_on=2026-12-31";
const ROUND_JSON: &str = r#"{"body_id":{kultur},"title":"U","year":2026,"due_on":"2026-12-31"}"#;

/// A published plan of `body` (one the rows do not delete) with an activity, and a round asking it.
async fn action_plan_fixtures(t: &TestApp, body: i64) -> (i64, i64, i64) {
    use domain::actionplans::{ActivityFields, PlanFields};
    let actor = store::Actor::system("test");
    let p = PlanFields {
        body_id: body.to_string(),
        title: "Handlingsplan 2025–2027".into(),
        first_year: "2025".into(),
        last_year: "2027".into(),
        published: "on".into(),
        ..Default::default()
    };
    let plan = t.store().create_action_plan(&p.parse().unwrap(), &actor, None).await.unwrap();
    let a = ActivityFields {
        title: "Aktivitet".into(),
        starts_on: "2025-01-01".into(),
        ends_on: "2027-12-31".into(),
        ..Default::default()
    };
    let act = t.store().create_action_activity(plan, &a.parse().unwrap(), &actor, None).await.unwrap();
    let r = store::actionplans::RoundInput { body_id: body, title: "Uppföljning".into(), year: 2026, due_on: TODAY };
    let round = t.store().create_followup_round(&r, &actor, None).await.unwrap();
    (plan, act, round)
}

// strategy (issue 13): the rows' request bodies and fixtures.
const GDOC_FORM: &str = "owner_id={org}&kind=plan&title=Kulturplan&revision_rule=none";
const GDOC_JSON: &str = r#"{"owner_id":{org},"kind":"plan","title":"Kulturplan","revision_rule":"none"}"#;
const STRAT_FORM: &str = "owner_id={org}&title=RUS&first_year=2020&last_year=2035&status=adopted";
const STRAT_JSON: &str = r#"{"owner_id":{org},"title":"RUS","first_year":2020,"last_year":2035,"status":"adopted"}"#;
const NODE_JSON: &str = r#"{"kind":"area","title":"En smart region"}"#;

// processes (issue 14): the rows' request bodies and fixtures.
const PROC_FORM: &str = "owner_id={org}&title=Revidering+av+RUS&template=review&start=2027-02-01";
const PROC_OPEN_FORM: &str = "owner_id={org}&title=Revidering+av+RUS&published=on&open_for_input=on";
const PROC_JSON: &str = r#"{"owner_id":{org},"title":"Revidering av RUS","template":"rtp","start":"2028-09-01"}"#;
const PROC_OPEN_JSON: &str = r#"{"owner_id":{org},"title":"Revidering av RUS","published":true,"open_for_input":true}"#;
const PHASE_FORM: &str = "title=Analys&starts_on=2026-01-01&ends_on=2026-02-15&order=1";
const PHASE_JSON: &str = r#"{"title":"Analys","starts_on":"2026-01-01","ends_on":"2026-02-15","order":1}"#;

/// A published process open for inputs with a milestone, a pending input and a dialogue; and
/// an unpublished process.
async fn process_fixtures(t: &TestApp, org: i64) -> (i64, i64, i64, i64, i64) {
    use domain::processes::{DialogueFields, InputFields, MilestoneFields, ProcessFields};
    let (s, actor) = (t.store(), store::Actor::system("test"));
    let f = |published: bool| ProcessFields {
        owner_id: org.to_string(),
        title: "Revidering av RUS".into(),
        published,
        open_for_input: published,
        ..Default::default()
    };
    let proc = s.create_process(&f(true).parse().unwrap(), None, &actor, None).await.unwrap();
    let uproc = s.create_process(&f(false).parse().unwrap(), None, &actor, None).await.unwrap();
    let m = MilestoneFields { title: "Beslut".into(), planned_on: "2026-12-01".into(), ..Default::default() };
    let pms = s.add_milestone(proc, &m.parse(s.today()).unwrap(), &actor, None).await.unwrap();
    let i = InputFields { kind: "business".into(), text: "Kompetensförsörjning".into(), ..Default::default() };
    let input = i.parse().unwrap();
    let pin = s.create_process_input(proc, &input, false, Some("192.0.2.9"), &actor, Some("pin-key")).await.unwrap().0;
    let d = DialogueFields {
        title: "Dialogmöte Jönköping".into(),
        theme: "Kompetens".into(),
        held_on: "2026-10-01".into(),
        ..Default::default()
    };
    let pdlg = s.save_dialogue(proc, None, &d.parse().unwrap(), &actor, None).await.unwrap();
    (proc, uproc, pms, pin, pdlg)
}

/// A phase, a role and a question of process `proc`: (phase, role, question).
async fn process_part_fixtures(t: &TestApp, proc: i64) -> (i64, i64, i64) {
    use domain::processes::PhaseFields;
    use domain::processes::process::RoleInput;
    let (s, actor) = (t.store(), store::Actor::system("test"));
    let ph = PhaseFields {
        title: "Analys".into(),
        starts_on: "2026-01-01".into(),
        ends_on: "2026-02-01".into(),
        ..Default::default()
    };
    let pph = s.add_phase(proc, &ph.parse().unwrap(), &actor).await.unwrap();
    let prole = s.add_role(proc, &RoleInput::parse("other", "", "", "Referensgrupp").unwrap(), &actor).await.unwrap();
    let pq = s.add_question(proc, "Vilka frågor ska RUS:en adressera?", &actor).await.unwrap();
    (pph, prole, pq)
}

/// A governing document, an adopted strategy with one node, and a strategy being drawn up.
async fn strategy_fixtures(t: &TestApp, org: i64) -> (i64, i64, i64, i64) {
    use domain::strategy::{DocumentFields, NodeFields, StrategyFields};
    let actor = store::Actor::system("test");
    let d = DocumentFields {
        owner_id: org.to_string(),
        kind: "strategy".into(),
        title: "RUS".into(),
        ..Default::default()
    };
    let doc = t.store().create_governing_document(&d.parse().unwrap(), &actor, None).await.unwrap();
    let s = |status: &str| StrategyFields {
        owner_id: org.to_string(),
        title: "RUS".into(),
        first_year: "2020".into(),
        last_year: "2035".into(),
        status: status.into(),
        ..Default::default()
    };
    let strat = t.store().create_strategy(&s("adopted").parse().unwrap(), &actor, None).await.unwrap();
    let draft = t.store().create_strategy(&s("drafting").parse().unwrap(), &actor, None).await.unwrap();
    let n = NodeFields { kind: "area".into(), title: "En attraktiv region".into(), ..Default::default() };
    let node = t.store().create_strategy_node(strat, &n.parse().unwrap(), &actor, None).await.unwrap();
    (doc, strat, draft, node)
}

/// Surveys (issue 14): one sent to organisation `org`, one open to anyone, one drafted; each
/// with the optional free-text question `a`.
async fn survey_fixtures(t: &TestApp, org: i64) -> (i64, i64, i64) {
    use domain::surveys::{Definition, SurveyInput};
    let actor = store::Actor::system("test");
    let today = t.store().today();
    let def: Definition = serde_json::from_value(
        json!({"sections": [{"title": "S", "questions": [{"key": "a", "text": "A", "kind": "text"}]}]}),
    )
    .unwrap();
    let mut ids = Vec::new();
    for audience in ["organisations", "open", "organisations"] {
        let input = SurveyInput::parse("Enkät", "", audience, "", today).unwrap();
        let id = t.store().create_survey(&input, &actor, None).await.unwrap();
        t.store().set_survey_definition(id, &def, None, &actor).await.unwrap();
        ids.push(id);
    }
    t.store().add_survey_recipients(ids[0], &[domain::ids::OrganisationId(org)], &actor).await.unwrap();
    t.store().send_survey(ids[0], &actor).await.unwrap();
    t.store().send_survey(ids[1], &actor).await.unwrap();
    (ids[0], ids[1], ids[2])
}

async fn check(role: Role) {
    for t in TestApp::each_engine().await {
        let mut admin_api = t.token_client("fixtures@test.se", true).await;
        let org = admin_api
            .json(
                Method::POST,
                "/api/v1/organisations",
                &json!({"name": "Region Östergötland", "kind": "region", "code": "05"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let person = admin_api
            .json(Method::POST, "/api/v1/people", &json!({"name": "Karin Ek", "organisation_id": org}))
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let body = admin_api
            .json(
                Method::POST,
                "/api/v1/bodies",
                &json!({"name": "Samrådet för strategiska frågor", "kind": "consultation_group"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let membership = admin_api
            .json(
                Method::POST,
                &format!("/api/v1/bodies/{body}/memberships"),
                &json!({"person_id": person, "organisation_id": org, "role": "member", "start": "2025-01-01"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let job = t
            .store()
            .enqueue_job(&store::jobs::NewJob::now("authorisation.fixture", json!({})))
            .await
            .unwrap()
            .unwrap();
        let message = store::mail::NewMessage {
            dedupe_key: "authorisation.fixture".into(),
            kind: "authorisation.fixture".into(),
            recipient: "karin.ek@example.se".into(),
            lang: "sv".into(),
            subject: "Ämne".into(),
            text_body: "Text".into(),
            html_body: "<p>Text</p>".into(),
            meeting_id: None,
            attachments: vec![],
            person_id: None,
            held: false,
        };
        t.store().queue_messages(&[message]).await.unwrap();
        let mail = t.store().outbox(1).await.unwrap()[0].id;
        let (case, casefile, registrar) = registry_fixtures(&t, org).await;
        let (meeting, paragraph, kultur, assignment) = assignment_fixtures(&t).await;
        let (joint, jointfu) = joint_fixtures(&t, case, org).await;
        let (referral, consultee) = referral_fixtures(&t, case, org).await;
        let (gdoc, strat, draft, snode) = strategy_fixtures(&t, org).await; // strategy (issue 13)
        let indicator = indicator_fixture(&t).await;
        let (proc, uproc, pms, pin, pdlg) = process_fixtures(&t, org).await; // processes (issue 14)
        let (pph, prole, pq) = process_part_fixtures(&t, proc).await;
        let (aplan, aact, round) = action_plan_fixtures(&t, kultur).await; // action plans (issue 13)
        let (survey, osurvey, dsurvey) = survey_fixtures(&t, org).await;
        let (mut browser, mut api) = match role {
            Role::Anonymous => (t.client(), t.client()),
            Role::User => (t.signed_in("user@test.se", false).await, t.token_client("user-api@test.se", false).await),
            Role::Admin => (t.signed_in("admin@test.se", true).await, t.token_client("admin-api@test.se", true).await),
        };
        for row in rows() {
            let fill = |s: &str| {
                s.replace("{org}", &org.to_string())
                    .replace("{person}", &person.to_string())
                    .replace("{body}", &body.to_string())
                    .replace("{membership}", &membership.to_string())
                    .replace("{job}", &job.to_string())
                    .replace("{mail}", &mail.to_string())
                    .replace("{case}", &case.to_string())
                    .replace("{casefile}", &casefile.to_string())
                    .replace("{registrar}", &registrar.to_string())
                    .replace("{meeting}", &meeting.to_string())
                    .replace("{paragraph}", &paragraph.to_string())
                    .replace("{kultur}", &kultur.to_string())
                    .replace("{assignment}", &assignment.to_string())
                    .replace("{jointfu}", &jointfu.to_string())
                    .replace("{joint}", &joint.to_string())
                    .replace("{referral}", &referral.to_string())
                    .replace("{consultee}", &consultee.to_string())
                    .replace("{gdoc}", &gdoc.to_string()) // strategy (issue 13)
                    .replace("{strat}", &strat.to_string())
                    .replace("{draft}", &draft.to_string())
                    .replace("{snode}", &snode.to_string())
                    .replace("{indicator}", &indicator.to_string())
                    .replace("{uproc}", &uproc.to_string()) // processes (issue 14)
                    .replace("{proc}", &proc.to_string())
                    .replace("{pms}", &pms.to_string())
                    .replace("{pin}", &pin.to_string())
                    .replace("{pdlg}", &pdlg.to_string())
                    .replace("{pph}", &pph.to_string())
                    .replace("{prole}", &prole.to_string())
                    .replace("{pq}", &pq.to_string())
                    .replace("{aplan}", &aplan.to_string()) // action plans (issue 13)
                    .replace("{aact}", &aact.to_string())
                    .replace("{round}", &round.to_string())
                    .replace("{dsurvey}", &dsurvey.to_string())
                    .replace("{osurvey}", &osurvey.to_string())
                    .replace("{survey}", &survey.to_string())
            };
            let path = fill(row.path);
            let filled_body = row.body.map(fill);
            let row_body = filled_body.as_deref();
            let expected = match role {
                Role::Anonymous => row.anonymous,
                Role::User => row.user,
                Role::Admin => row.admin,
            };
            let is_api = path.starts_with("/api/");
            let client = if is_api { &mut api } else { &mut browser };
            let resp = match (&row.method, row_body) {
                (m, Some(b)) if is_api => client.json_raw(m.clone(), &path, b.as_bytes()).await,
                (m, None) if is_api => client.send(m.clone(), &path, None, vec![]).await,
                (_, body) if row.method == Method::POST => {
                    let fields: Vec<(String, String)> = body
                        .unwrap_or("")
                        .split('&')
                        .filter(|s| !s.is_empty())
                        .map(|kv| {
                            let (k, v) = kv.split_once('=').unwrap();
                            (k.to_string(), web::pages::url_decode(v))
                        })
                        .collect();
                    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                    client.post_form(&path, &fields).await
                }
                _ => client.get(&path).await,
            };
            let got = if resp.status.as_u16() == 303 && resp.location().starts_with("/logga-in?") {
                Login
            } else {
                S(resp.status.as_u16())
            };
            assert_eq!(
                got,
                expected,
                "{role:?} {} {path} [{}]\n{}",
                row.method,
                t.engine,
                resp.body
                    .split("field-error")
                    .nth(1)
                    .map_or(&resp.body[..resp.body.len().min(600)], |s| &s[..s.len().min(300)])
            );
            if is_api && resp.status.as_u16() >= 400 {
                resp.error();
            }
        }
    }
}

#[tokio::test]
async fn anonymous_visitors_read_public_pages_and_are_asked_to_sign_in_for_the_rest() {
    check(Role::Anonymous).await;
}

#[tokio::test]
async fn signed_in_users_read_everything_public_and_their_account_but_administer_nothing() {
    check(Role::User).await;
}

#[tokio::test]
async fn administrators_may_do_everything() {
    check(Role::Admin).await;
}
