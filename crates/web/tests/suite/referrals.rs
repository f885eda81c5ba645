//! Referrals over HTTP on both engines (issue 12, seed 002): Region Kalmar län's registrar
//! creates the RUS referral from its case, divides it into the four priority areas, asks all
//! the county's municipalities in one step and publishes it; Kalmar kommun's people answer
//! after signing in, Borgholm's with its answer link; each submitted answer is registered in
//! the case's registry; the registrar follows the dashboard, responds to every comment,
//! reviews the personal data and publishes the consultation report, and every respondent hears
//! of it. Every field's bad input is named; others are refused.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

const RUS: &str = "# Delaktighet, hälsa och välbefinnande\nAlla ska kunna delta.\n\
    # God miljö för barn och unga\nTrygg uppväxt.\n# Hållbar samhällsplanering\nHela länet.\n\
    # Stärkt konkurrenskraft\nFler företag.";

struct Kalmar {
    registrar: Client,
    case: i64,
    kalmar: i64,
    referral: i64,
}

fn form_error<'a>(r: &'a Resp, field: &str) -> &'a str {
    let marker = format!("id=\"f-{field}-error\">");
    let at =
        r.body.find(&marker).unwrap_or_else(|| panic!("no error for {field}: {}", &r.body[..r.body.len().min(3000)]));
    let rest = &r.body[at + marker.len()..];
    &rest[..rest.find("</p>").unwrap()]
}

/// Region Kalmar län with the series "RKL", its registrar, two municipalities and an
/// Östergötland municipality; the RUS case, and a referral created from it through the form.
async fn kalmar(t: &TestApp) -> Kalmar {
    let mut admin = t.admin().await;
    let mut ids = Vec::new();
    for (name, kind, code, email) in [
        ("Region Kalmar län", "region", "08", ""),
        ("Kalmar kommun", "municipality", "0880", "kommunen@kalmar.example"),
        ("Borgholms kommun", "municipality", "0885", ""),
        ("Linköpings kommun", "municipality", "0580", ""),
    ] {
        let body = json!({"name": name, "kind": kind, "code": code, "email": email});
        ids.push(admin.json(Method::POST, "/api/v1/organisations", &body).await.json()["id"].as_i64().unwrap());
    }
    let region = ids[0].to_string();
    admin.post_form("/diarium/serier", &[("organisation_id", &region), ("prefix", "RKL")]).await.assert_status(303);
    let mut registrar = t.signed_in("registrator@regionkalmar.se", false).await;
    let user = t.store().users().await.unwrap().into_iter().find(|u| u.email.starts_with("registrator")).unwrap().id;
    admin
        .post_form(
            "/diarium/serier/registratorer",
            &[("registrar_organisation_id", &region), ("user_id", &user.to_string())],
        )
        .await
        .assert_status(303);
    let r = registrar
        .post_form(
            "/diarium",
            &[("organisation_id", &region), ("public_title", "Översyn av RUS"), ("internal_title", "RUS 2019–2030")],
        )
        .await;
    r.assert_status(303);
    let case = id_in(&r.location());
    registrar.get(&format!("/diarium/{case}/remiss")).await.assert_status(200).assert_contains("2027-02-16");
    let r = registrar
        .post_form(
            &format!("/diarium/{case}/remiss"),
            &[
                ("title", "Regional utvecklingsstrategi för Kalmar län, remissversion"),
                ("document_version", "Remissversion"),
                ("sent_on", "2026-11-16"),
                ("deadline", ""),
                ("late_answers", "accepted"),
                ("idempotency_key", "rus-1"),
            ],
        )
        .await;
    r.assert_status(303);
    let referral = id_in(&r.location());
    Kalmar { registrar, case, kalmar: ids[1], referral }
}

#[tokio::test]
async fn a_referral_is_drafted_published_answered_registered_and_reported() {
    for t in TestApp::each_engine().await {
        let mut k = kalmar(&t).await;
        let base = format!("/remisser/{}", k.referral);
        let mut anonymous = t.client();
        anonymous.get(&base).await.assert_status(404);
        k.registrar.get(&base).await.assert_status(200).assert_contains("2027-02-16");
        k.registrar.post_form(&format!("{base}/avsnitt"), &[("markdown", RUS)]).await.assert_status(303);
        k.registrar
            .post_form(
                &format!("{base}/instanser"),
                &[("kind", "municipality"), ("county", "08"), ("obligation", "obliged")],
            )
            .await
            .assert_status(303);
        k.registrar
            .post_form(
                &format!("{base}/fragor"),
                &[("question", "Hur kan strategin kopplas till Agenda 2030?"), ("section", "")],
            )
            .await
            .assert_status(303);
        k.registrar.post_form(&format!("{base}/publicera"), &[]).await.assert_status(303);
        // The missiv is public: deadline, questions, every consultee; none of Östergötland's.
        anonymous
            .get(&base)
            .await
            .assert_status(200)
            .assert_contains("2027-02-16")
            .assert_contains("Agenda 2030")
            .assert_contains("Borgholms kommun")
            .assert_contains("4. Stärkt konkurrenskraft")
            .assert_lacks("Linköpings kommun");
        anonymous.get("/remisser").await.assert_status(200).assert_contains(&format!("href=\"{base}\""));
        // The invitations: a message with a personal answer link to each consultee with an
        // address (Kalmar kommun's), none to Borgholm, which has none.
        run_jobs(&t).await;
        let outbox = t.store().outbox(50).await.unwrap();
        let invitation = outbox.iter().find(|m| m.kind == "referral.invitation").expect("an invitation");
        assert_eq!(invitation.recipient, "kommunen@kalmar.example");
        assert!(invitation.text_body.contains("?nyckel="), "{}", invitation.text_body);
        assert_eq!(outbox.iter().filter(|m| m.kind == "referral.invitation").count(), 1);

        // Kalmar kommun's official signs in, drafts and submits.
        let consultees = t.store().referral_consultees(domain::ids::ReferralId(k.referral)).await.unwrap();
        let kc = consultees.iter().find(|c| c.organisation_id == Some(k.kalmar)).unwrap().id;
        let bc = consultees.iter().find(|c| c.organisation_id != Some(k.kalmar)).unwrap().id;
        let mut official = t.signed_in("handlaggare@kalmar.se", false).await;
        let person = t
            .store()
            .create_person(
                &domain::organisations::PersonInput::parse(
                    "Anna Berg",
                    "",
                    Some(domain::ids::OrganisationId(k.kalmar)),
                    "",
                    "",
                    "",
                    "",
                )
                .unwrap(),
                &store::Actor::system("test"),
                None,
            )
            .await
            .unwrap();
        let uid = t.store().users().await.unwrap().into_iter().find(|u| u.email.starts_with("handlaggare")).unwrap().id;
        t.store()
            .link_user_person(domain::ids::UserId(uid), Some(person), &store::Actor::system("test"))
            .await
            .unwrap();
        official.get(&base).await.assert_contains(&format!("/remissvar/{kc}"));
        official.get(&format!("/remissvar/{bc}")).await.assert_status(403);
        let answer = format!("/remissvar/{kc}");
        official.get(&answer).await.assert_status(200);
        official
            .post_form(
                &format!("{answer}/synpunkter"),
                &[("section", "4"), ("text", "Lyft besöksnäringen. Ring 070-123 45 67.")],
            )
            .await
            .assert_status(303);
        let r = official.post_form(&format!("{answer}/skicka"), &[]).await;
        r.assert_status(422);
        assert!(form_error(&r, "position").contains("ställningstagande"));
        official
            .post_form(
                &answer,
                &[("position", "supports_with_changes"), ("their_case_number", "KS 2026/0034"), ("summary", "")],
            )
            .await
            .assert_status(303);
        assert_eq!(t.store().case_documents(domain::ids::CaseId(k.case)).await.unwrap().len(), 0);
        official.post_form(&format!("{answer}/skicka"), &[]).await.assert_status(303);
        let docs = t.store().case_documents(domain::ids::CaseId(k.case)).await.unwrap();
        assert_eq!(docs.len(), 1, "{}", t.engine);
        assert_eq!(docs[0].counterpart.as_deref(), Some("Kalmar kommun"));
        official.get(&answer).await.assert_contains(&docs[0].full_number);
        // Submitted once: a second submission registers nothing more.
        let r = official.post_form(&format!("{answer}/skicka"), &[]).await;
        r.assert_status(422);
        assert_eq!(t.store().case_documents(domain::ids::CaseId(k.case)).await.unwrap().len(), 1);

        // Borgholm answers with a link (no account): a wrong token is refused.
        let token = "b".repeat(64);
        let until = t.store().now() + time::Duration::days(120);
        t.store()
            .set_answer_token(
                domain::ids::ConsulteeId(bc),
                &web::auth::sha256_hex(&token),
                until,
                &store::Actor::system("test"),
            )
            .await
            .unwrap();
        let mut linked = t.client();
        linked.get(&format!("/remissvar/{bc}?nyckel=fel")).await.assert_status(303);
        linked.get(&format!("/remissvar/{bc}?nyckel={token}")).await.assert_status(200);
        linked
            .post_form(&format!("/remissvar/{bc}"), &[("nyckel", &token), ("position", "no_comment")])
            .await
            .assert_status(303);
        linked.post_form(&format!("/remissvar/{bc}/skicka"), &[("nyckel", &token)]).await.assert_status(303);
        run_jobs(&t).await;

        // The dashboard and the CSV.
        k.registrar.get(&format!("{base}/svar")).await.assert_status(200).assert_contains("100 %");
        k.registrar.get(&format!("{base}/svar.csv")).await.assert_status(200).assert_contains("Lyft besöksnäringen");
        official.get(&format!("{base}/svar")).await.assert_status(403);

        // The report: a response without a reason is refused; the review masks the phone number.
        let comment =
            t.store().report_rows(domain::ids::ReferralId(k.referral)).await.unwrap()[0].comment_id.to_string();
        let r = k
            .registrar
            .post_form(&format!("{base}/bemotande"), &[("comment_id", &comment), ("verdict", "noted"), ("reason", "")])
            .await;
        r.assert_status(422).assert_contains("Motivera");
        anonymous.get(&format!("{base}/redogorelse")).await.assert_status(404);
        let r = k.registrar.post_form(&format!("{base}/redogorelse/publicera"), &[]).await;
        r.assert_status(422).assert_contains("Granska personuppgifterna");
        k.registrar
            .post_form(
                &format!("{base}/bemotande"),
                &[
                    ("comment_id", &comment),
                    ("verdict", "partly_accommodated"),
                    ("reason", "Besöksnäringen nämns under konkurrenskraft."),
                ],
            )
            .await
            .assert_status(303);
        k.registrar.get(&format!("{base}/redogorelse")).await.assert_contains("070-123 45 67");
        k.registrar.post_form(&format!("{base}/granskning"), &[]).await.assert_status(303);
        k.registrar.post_form(&format!("{base}/redogorelse/publicera"), &[]).await.assert_status(303);
        anonymous
            .get(&format!("{base}/redogorelse"))
            .await
            .assert_status(200)
            .assert_contains("2 remissvar med 1 synpunkt")
            .assert_contains("Ring [maskerat].")
            .assert_contains("Delvis tillgodosedd")
            .assert_lacks("070-123");
        // The receipt, and the notice of the report telling Kalmar kommun why its view was only
        // partly accommodated.
        run_jobs(&t).await;
        let outbox = t.store().outbox(50).await.unwrap();
        let receipt = outbox.iter().find(|m| m.kind == "referral.receipt").expect("a receipt");
        assert!(receipt.text_body.contains(&docs[0].full_number), "{}", receipt.text_body);
        let notice = outbox.iter().find(|m| m.kind == "referral.report").expect("the report's notice");
        assert!(notice.text_body.contains("Besöksnäringen nämns under konkurrenskraft."), "{}", notice.text_body);
    }
}

#[tokio::test]
async fn bad_input_is_named_at_its_field() {
    for t in TestApp::each_engine().await {
        let mut k = kalmar(&t).await;
        let r = k
            .registrar
            .post_form(
                &format!("/diarium/{}/remiss", k.case),
                &[
                    ("title", ""),
                    ("document_version", ""),
                    ("sent_on", "i går"),
                    ("deadline", "31 mars"),
                    ("late_answers", "kanske"),
                ],
            )
            .await;
        r.assert_status(422);
        for f in ["title", "document_version", "sent_on", "deadline", "late_answers"] {
            form_error(&r, f);
        }
        let r = k
            .registrar
            .post_form(
                &format!("/diarium/{}/remiss", k.case),
                &[("title", "x"), ("document_version", "v"), ("sent_on", "2026-11-16"), ("deadline", "2026-11-10")],
            )
            .await;
        assert!(form_error(&r, "deadline").contains("utskicksdagen"));
        let base = format!("/remisser/{}", k.referral);
        let r = k.registrar.post_form(&format!("{base}/avsnitt"), &[("markdown", "Ingen rubrik här.")]).await;
        r.assert_status(422);
        assert!(form_error(&r, "markdown").contains("rubriker"));
        let r = k
            .registrar
            .post_form(&format!("{base}/instanser"), &[("kind", "x"), ("county", "99"), ("obligation", "y")])
            .await;
        r.assert_status(422);
        for f in ["kind", "county", "obligation"] {
            form_error(&r, f);
        }
        let r = k.registrar.post_form(&format!("{base}/fragor"), &[("question", ""), ("section", "7")]).await;
        r.assert_status(422);
        form_error(&r, "question");
        // A section that is no positive number is refused at the field like every id
        // (`forms::id`), not taken for a number the store then looks for.
        let r = k.registrar.post_form(&format!("{base}/fragor"), &[("question", "Fråga?"), ("section", "-1")]).await;
        r.assert_status(422).assert_contains("value=\"Fråga?\"");
        assert!(form_error(&r, "section").contains("Välj ett av avsnitten"));
        let r = k.registrar.post_form(&format!("{base}/publicera"), &[]).await;
        r.assert_status(422).assert_contains("id=\"f-sections\"");
    }
}

async fn run_jobs(t: &TestApp) {
    while web::jobs::run_due_jobs(&t.app).await > 0 {}
    let failed = t.store().jobs(Some(store::jobs::JobState::Failed), 10).await.unwrap();
    assert!(failed.is_empty(), "failed jobs: {failed:?}");
}

/// The rule of which answers count (a consultee's submitted answer, an open answer only once
/// published in moderation) is written once in SQL (`counted_answer_sql!`) and once in Rust
/// (`Answer::counts`): five copies drift apart, and a rejected answer would reach one count
/// and not another.
#[test]
fn which_answers_count_is_written_once() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut sql = 0;
    let mut rust = 0;
    for dir in ["store/src/referrals", "web/src/referrals"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            sql += text.matches("moderation IS NULL").count();
            rust += text.matches("Some(\"approved\")").count();
        }
    }
    assert_eq!((sql, rust), (1, 1), "the condition is written {sql} times in SQL and {rust} in Rust");
}

/// Ids in the referrals' web room are read by the one helper, `crate::forms::id` (a positive
/// number, or the same not-found or field error as everywhere), not parsed by hand.
#[test]
fn ids_are_read_by_the_shared_helper() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/referrals");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in ["parse::<i64>", ".parse()"] {
            assert!(!text.contains(needle), "{} parses an id by hand ({needle})", path.display());
        }
    }
}
