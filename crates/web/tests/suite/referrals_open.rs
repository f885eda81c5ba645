//! The remaining parts of referrals over HTTP on both engines (issue 12, ADR 52): Region
//! Kalmar län's RUS referral, open to everyone, is found by search once sent; a later version
//! is compared with the referral version word by word; Borgholm's answer carries a file that is
//! registered with it; citizens, an association and a company answer through the open form,
//! which is throttled per address; the drafter moderates them, and only the published ones
//! reach the report, which search finds once published.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

const RUS: &str = "# Delaktighet, hälsa och välbefinnande\nAlla ska kunna delta.\n\
    # God miljö för barn och unga\nTrygg uppväxt.\n# Hållbar samhällsplanering\nPlanera för hela länet.\n\
    # Stärkt konkurrenskraft\nFler företag ska starta i länet.";

const LATER: &str = "# Delaktighet, hälsa och välbefinnande\nAlla ska kunna delta.\n\
    # Stärkt konkurrenskraft\nFler och växande företag ska starta i hela länet.\n\
    # Hållbar samhällsplanering\nPlanera för hela regionen.\n# Kompetensförsörjning\nEtt nytt avsnitt.";

pub(crate) struct Open {
    pub registrar: Client,
    pub case: i64,
    pub referral: i64,
    /// Borgholm's consultee id and its answer-link token.
    pub borgholm: i64,
    pub token: String,
}

/// Region Kalmar län's registrar sends the RUS referral, open to everyone, to Borgholm.
pub(crate) async fn sent(t: &TestApp) -> Open {
    let mut admin = t.admin().await;
    let mut ids = Vec::new();
    for (name, kind, code) in [("Region Kalmar län", "region", "08"), ("Borgholms kommun", "municipality", "0885")] {
        let body = json!({"name": name, "kind": kind, "code": code});
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
    let r = registrar
        .post_form(
            &format!("/diarium/{case}/remiss"),
            &[
                ("title", "Regional utvecklingsstrategi för Kalmar län"),
                ("document_version", "Remissversion"),
                ("sent_on", "2026-11-16"),
                ("deadline", ""),
                ("late_answers", "refused"),
                ("open_to_public", "on"),
                ("idempotency_key", "rus-open"),
            ],
        )
        .await;
    r.assert_status(303);
    let referral = id_in(&r.location());
    let base = format!("/remisser/{referral}");
    registrar.post_form(&format!("{base}/avsnitt"), &[("markdown", RUS)]).await.assert_status(303);
    let org = ids[1].to_string();
    registrar
        .post_form(&format!("{base}/instanser"), &[("organisation_id", &org), ("obligation", "obliged")])
        .await
        .assert_status(303);
    registrar
        .post_form(&format!("{base}/fragor"), &[("question", "Vilka insatser vill ni bidra med?"), ("section", "")])
        .await
        .assert_status(303);
    // The referral's own page offers no open form and no comparison before it is sent.
    t.client().get(&format!("{base}/yttra")).await.assert_status(404);
    registrar.post_form(&format!("{base}/publicera"), &[]).await.assert_status(303);
    let k = t.store().referral_consultees(domain::ids::ReferralId(referral)).await.unwrap()[0].id;
    let token = "c".repeat(64);
    let until = t.store().now() + time::Duration::days(120);
    let hash = web::auth::sha256_hex(&token);
    t.store().set_answer_token(domain::ids::ConsulteeId(k), &hash, until, &store::Actor::system("test")).await.unwrap();
    Open { registrar, case, referral, borgholm: k, token }
}

pub(crate) async fn upload(c: &mut Client, path: &str, parts: &[(&str, Option<&str>, &[u8])]) -> Resp {
    let csrf = c.csrf().await;
    let (ct, body) = multipart(parts);
    let sep = if path.contains('?') { '&' } else { '?' };
    c.send(Method::POST, &format!("{path}{sep}csrf={csrf}"), Some(&ct), body).await
}

#[tokio::test]
async fn later_versions_compare_answers_carry_files_and_search_finds_the_referral() {
    for t in TestApp::each_engine().await {
        let mut o = sent(&t).await;
        let base = format!("/remisser/{}", o.referral);
        let mut anonymous = t.client();
        // Search finds the sent referral by the text of its sections.
        anonymous.get("/sok?q=konkurrenskraft").await.assert_status(200).assert_contains(&format!("href=\"{base}\""));

        // A later version: every field's error, then the comparison.
        let r =
            o.registrar.post_form(&format!("{base}/versioner"), &[("label", " "), ("markdown", "Ingen rubrik.")]).await;
        r.assert_status(422).assert_contains("id=\"f-label-error\"").assert_contains("Texten har inga rubriker");
        // A refused label keeps what was typed: the label, the text and the form's key.
        let long = format!("{}slut", "Beslutsversion ".repeat(store::referrals::VERSION_LABEL_MAX / 10));
        let form = [("label", long.as_str()), ("markdown", LATER), ("idempotency_key", "v-long")];
        let r = o.registrar.post_form(&format!("{base}/versioner"), &form).await;
        r.assert_status(422)
            .assert_contains("id=\"f-label-error\"")
            .assert_contains(&format!("value=\"{long}\""))
            .assert_contains("Fler och växande företag")
            .assert_contains("value=\"v-long\"");
        anonymous
            .post_form(&format!("{base}/versioner"), &[("label", "X"), ("markdown", LATER)])
            .await
            .assert_status(303);
        let r = o
            .registrar
            .post_form(
                &format!("{base}/versioner"),
                &[("label", "Beslutsversion"), ("markdown", LATER), ("idempotency_key", "v2")],
            )
            .await;
        r.assert_status(303);
        assert_eq!(r.location(), format!("{base}/jamforelse?version=2"));
        o.registrar
            .post_form(
                &format!("{base}/versioner"),
                &[("label", "Beslutsversion"), ("markdown", LATER), ("idempotency_key", "v2")],
            )
            .await
            .assert_status(303);
        assert_eq!(t.store().referral_versions(domain::ids::ReferralId(o.referral)).await.unwrap().len(), 1);
        anonymous
            .get(&format!("{base}/jamforelse"))
            .await
            .assert_status(200)
            .assert_contains("<ins><span class=\"visually-hidden\">[Infogat: </span>och växande<span class=\"visually-hidden\">]</span></ins>")
            .assert_contains("<del><span class=\"visually-hidden\">[Struket: </span>länet.<span class=\"visually-hidden\">]</span></del>")
            .assert_contains("Borttaget avsnitt")
            .assert_contains("Nytt avsnitt");
        anonymous.get(&format!("{base}/jamforelse?version=9")).await.assert_status(404);
        let c = anonymous.get(&format!("/api/v1/referrals/{}/versions/2/comparison", o.referral)).await;
        c.assert_status(200);
        assert_eq!(c.json()["summary"], json!({"unchanged": 1, "changed": 2, "added": 1, "removed": 1}));
        let r = o
            .registrar
            .json(
                Method::POST,
                &format!("/api/v1/referrals/{}/versions", o.referral),
                &json!({"label": "", "markdown": LATER}),
            )
            .await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("label"));
        let r = o
            .registrar
            .json(
                Method::POST,
                &format!("/api/v1/referrals/{}/versions", o.referral),
                &json!({"label": "v3", "markdown": RUS}),
            )
            .await;
        r.assert_status(201);
        assert_eq!(r.json()["summary"]["unchanged"], 4);

        // Borgholm attaches its decision to its answer with its link: a file of an unknown kind
        // is refused at the field; a PDF is kept, shown, and registered with the answer.
        let answer = format!("/remissvar/{}", o.borgholm);
        let mut linked = t.client();
        let with = format!("{answer}/bilagor?nyckel={}", o.token);
        // The upload form carries the link's token in its address: the permission is checked
        // before the multipart body is read.
        linked
            .get(&format!("{answer}?nyckel={}", o.token))
            .await
            .assert_contains(&format!("action=\"{with}&amp;csrf="));
        let r = upload(&mut linked, &with, &[("file", Some("beslut.exe"), b"MZ\x90\x00binary")]).await;
        r.assert_status(422).assert_contains("id=\"f-file-error\"").assert_contains("Filtypen stöds inte");
        let pdf: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
        upload(&mut linked, &with, &[("file", Some("KS beslut.pdf"), pdf)]).await.assert_status(303);
        upload(&mut anonymous, &format!("{answer}/bilagor"), &[("file", Some("x.pdf"), pdf)]).await.assert_status(303);
        let page = linked.get(&format!("{answer}?nyckel={}", o.token)).await;
        page.assert_status(200).assert_contains("KS beslut.pdf");
        let files = t.store().referral_answer_files(domain::ids::ReferralId(o.referral)).await.unwrap();
        assert!(files.is_empty(), "a draft's files are not yet the drafter's");
        let a = t.store().consultee_answer(domain::ids::ConsulteeId(o.borgholm)).await.unwrap().unwrap();
        let file = t.store().answer_files(domain::ids::AnswerId(a.id)).await.unwrap()[0].id;
        let href = format!("{answer}/bilagor/{file}");
        anonymous.get(&href).await.assert_status(404);
        let got = linked.get(&format!("{href}?nyckel={}", o.token)).await;
        got.assert_status(200);
        assert!(got.body.starts_with("%PDF"));
        linked.post_form(&answer, &[("nyckel", &o.token), ("position", "supports")]).await.assert_status(303);
        linked.post_form(&format!("{answer}/skicka"), &[("nyckel", &o.token)]).await.assert_status(303);
        let r = upload(&mut linked, &with, &[("file", Some("sen.pdf"), pdf)]).await;
        r.assert_status(422).assert_contains("redan inskickat");
        let docs = t.store().case_documents(domain::ids::CaseId(o.case)).await.unwrap();
        assert_eq!(docs.len(), 1, "{}", t.engine);
        assert_eq!(t.count("case_document_files").await, 1, "the file is registered with the answer");
        o.registrar.get(&format!("{base}/svar")).await.assert_status(200).assert_contains(&format!("href=\"{href}\""));
        o.registrar.get(&href).await.assert_status(200);
    }
}

pub(crate) fn open_form<'a>(name: &'a str, kind: &'a str, key: &'a str, comment: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("respondent_type", kind),
        ("organisation", ""),
        ("email", ""),
        ("position", "supports_with_changes"),
        ("summary", ""),
        ("c0", ""),
        ("c3", comment),
        ("idempotency_key", key),
    ]
}

#[tokio::test]
async fn the_open_form_keeps_what_was_typed_when_the_referral_closes_meanwhile() {
    for t in TestApp::each_engine().await {
        let o = sent(&t).await;
        let base = format!("/remisser/{}", o.referral);
        let mut citizen = t.client();
        citizen.address = Some("198.51.100.8".into());
        citizen.get(&format!("{base}/yttra")).await.assert_status(200);
        let before = t.count("referral_answers").await;
        let text = "Det här skrev jag under en hel kväll.";
        let form = open_form("Sara Holm", "private_person", "closed1", text);
        // The deadline passes while the person writes: the form again, with the error and the text.
        t.exec(&format!("UPDATE referrals SET deadline = '2026-11-13' WHERE id = {}", o.referral)).await;
        let r = citizen.post_form(&format!("{base}/yttra"), &form).await;
        r.assert_status(422)
            .assert_contains("id=\"f-answer\"")
            .assert_contains("value=\"Sara Holm\"")
            .assert_contains(text)
            .assert_contains("value=\"closed1\"");
        // Closed to the public while the person writes: the same, not a page not found.
        t.exec(&format!(
            "UPDATE referrals SET deadline = '2026-12-31', open_to_public = FALSE WHERE id = {}",
            o.referral
        ))
        .await;
        let r = citizen.post_form(&format!("{base}/yttra"), &form).await;
        r.assert_status(422).assert_contains("id=\"f-referral\"").assert_contains(text);
        assert_eq!(t.count("referral_answers").await, before);
        // Nobody who did not write anything is shown the form of a closed referral.
        citizen.get(&format!("{base}/yttra")).await.assert_status(404);
    }
}

#[tokio::test]
async fn the_open_form_is_throttled_moderated_and_only_published_answers_reach_the_report() {
    for t in TestApp::each_engine().await {
        let mut o = sent(&t).await;
        let base = format!("/remisser/{}", o.referral);
        let mut citizen = t.client();
        citizen.address = Some("198.51.100.7".into());
        citizen.get(&base).await.assert_contains(&format!("href=\"{base}/yttra\""));
        citizen.get(&format!("{base}/yttra")).await.assert_status(200).assert_contains("3. Hållbar samhällsplanering");
        // Every field's error at once, what was typed kept.
        let r = citizen
            .post_form(
                &format!("{base}/yttra"),
                &[("name", ""), ("respondent_type", "citizen"), ("email", "inte-en-adress"), ("c3", "Behåll texten.")],
            )
            .await;
        r.assert_status(422)
            .assert_contains("id=\"f-name-error\"")
            .assert_contains("id=\"f-respondent_type-error\"")
            .assert_contains("id=\"f-email-error\"")
            .assert_contains("id=\"f-position-error\"")
            .assert_contains("Behåll texten.");
        // An answer, and the same form resent: one answer, registered once.
        let form = open_form("Sara Holm", "private_person", "k1", "Bussarna går för sällan. Ring 070-123 45 67.");
        let r = citizen.post_form(&format!("{base}/yttra"), &form).await;
        r.assert_status(200).assert_contains("Tack för dina synpunkter").assert_contains("RKL");
        citizen.post_form(&format!("{base}/yttra"), &form).await.assert_status(200);
        assert_eq!(t.store().open_answers(domain::ids::ReferralId(o.referral)).await.unwrap().len(), 1);
        assert_eq!(t.store().case_documents(domain::ids::CaseId(o.case)).await.unwrap().len(), 1);
        // The API: an association's answer, with a comment on a section the referral lacks refused.
        let api = format!("/api/v1/referrals/{}/open-answers", o.referral);
        let bad = json!({"name": "Kim", "respondent_type": "company", "position": "opposes", "comments": [{"section": 9, "text": "x"}]});
        let r = citizen.json(Method::POST, &api, &bad).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("comments"));
        // An answer to a question the referral does not ask is refused, not dropped.
        let bad =
            json!({"name": "Kim", "respondent_type": "company", "position": "opposes", "answers": {"424242": "Ja"}});
        let r = citizen.json(Method::POST, &api, &bad).await;
        r.assert_status(422).assert_contains("ingen fråga 424242");
        assert_eq!(r.error().1.as_deref(), Some("answers"));
        let body = json!({
            "name": "Anders Holmgren", "respondent_type": "association", "organisation": "Kinda hembygdsförening",
            "position": "supports", "comments": [{"section": null, "text": "Föreningslivet behövs."}],
        });
        let r = citizen.json(Method::POST, &api, &body).await;
        r.assert_status(201);
        assert_eq!(r.json()["moderation"], "pending");
        let association = r.json()["id"].as_i64().unwrap();
        // Five answers an hour from one address; the sixth waits, another address does not.
        for i in 0..3 {
            let key = format!("t{i}");
            citizen
                .post_form(&format!("{base}/yttra"), &open_form("Erik", "private_person", &key, "Text."))
                .await
                .assert_status(200);
        }
        let r = citizen.post_form(&format!("{base}/yttra"), &open_form("Erik", "private_person", "t9", "Text.")).await;
        r.assert_status(429).assert_contains("Försök igen senare");
        let r = citizen.json(Method::POST, &api, &body).await;
        assert_eq!(r.assert_status(429).error().0, "too_many_requests");
        r.assert_contains("Försök igen senare");
        // A retry of an answer already given is not refused: it is that answer, nothing more.
        let before = t.count("referral_answers").await;
        citizen
            .post_form(&format!("{base}/yttra"), &open_form("Erik", "private_person", "t0", "Text."))
            .await
            .assert_status(200);
        assert_eq!(t.count("referral_answers").await, before);
        let mut company = t.client();
        company.address = Some("203.0.113.9".into());
        let mut form = open_form("Mira Koskinen", "company", "m1", "Redovisa stöden, säger Mira Koskinen.");
        form[2] = ("organisation", "Koskinen Bygg AB");
        let r = company.post_form(&format!("{base}/yttra"), &form).await;
        r.assert_status(200);

        // Moderation is the drafter's: others are refused.
        let queue = format!("{base}/moderering");
        citizen.get(&queue).await.assert_status(303);
        citizen.get(&api).await.assert_status(401);
        let page = o.registrar.get(&queue).await;
        page.assert_status(200).assert_contains("Kinda hembygdsförening").assert_contains("070-123 45 67");
        let answers = t.store().open_answers(domain::ids::ReferralId(o.referral)).await.unwrap();
        let sara = answers.iter().find(|a| a.respondent_name == "Sara Holm").unwrap().id;
        let mira = answers.iter().find(|a| a.respondent_name == "Mira Koskinen").unwrap().id;
        // The review waits for moderation.
        let r = o.registrar.post_form(&format!("{base}/granskning"), &[]).await;
        r.assert_status(422).assert_contains("väntar på granskning");
        let r = o.registrar.post_form(&format!("{queue}/{sara}"), &[("decision", "reject"), ("reason", " ")]).await;
        r.assert_status(422).assert_contains("Skriv varför svaret avvisas");
        o.registrar.post_form(&format!("{queue}/{sara}"), &[("decision", "publish")]).await.assert_status(303);
        let r = o
            .registrar
            .json(
                Method::POST,
                &format!("{api}/{association}/moderation"),
                &json!({"decision": "reject", "reason": "Svaret gäller en annan remiss."}),
            )
            .await;
        r.assert_status(200);
        assert_eq!(r.json()["moderation"], "rejected");
        for a in t.store().open_answers(domain::ids::ReferralId(o.referral)).await.unwrap() {
            if a.moderation.as_deref() == Some("pending") {
                o.registrar
                    .post_form(&format!("{queue}/{}", a.id), &[("decision", "publish")])
                    .await
                    .assert_status(303);
            }
        }
        let listed = o.registrar.get(&api).await;
        assert!(
            listed.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["moderation_reason"] == "Svaret gäller en annan remiss.")
        );
        // The dashboard counts the open answers by kind of respondent.
        o.registrar.get(&format!("{base}/svar")).await.assert_status(200).assert_contains("Företag");

        // The report takes the published answers only; the company counts as a business
        // organisation, the private person's name and phone number are masked.
        let rows = t.store().report_rows(domain::ids::ReferralId(o.referral)).await.unwrap();
        assert!(rows.iter().all(|r| r.respondent_name != "Anders Holmgren"));
        assert!(rows.iter().any(|r| r.answer_id == mira && r.respondent_kind == "business_organisation"));
        for row in &rows {
            o.registrar
                .post_form(
                    &format!("{base}/bemotande"),
                    &[
                        ("comment_id", &row.comment_id.to_string()),
                        ("verdict", "noted"),
                        ("reason", "Tas med i handlingsplanen."),
                    ],
                )
                .await
                .assert_status(303);
        }
        o.registrar.post_form(&format!("{base}/granskning"), &[]).await.assert_status(303);
        o.registrar
            .post_form(&format!("{queue}/{mira}"), &[("decision", "reject"), ("reason", "Sent.")])
            .await
            .assert_status(422);
        o.registrar.post_form(&format!("{base}/redogorelse/publicera"), &[]).await.assert_status(303);
        t.client()
            .get(&format!("{base}/redogorelse"))
            .await
            .assert_status(200)
            .assert_contains("Näringslivsorganisation")
            // A company's answer is the company's: its contact is not named, even in the text.
            .assert_contains("Koskinen Bygg AB")
            .assert_lacks("Mira Koskinen")
            .assert_lacks("Sara Holm")
            .assert_lacks("070-123")
            .assert_lacks("Föreningslivet behövs");
        t.client()
            .get("/sok?q=samr%C3%A5dsredog%C3%B6relse")
            .await
            .assert_status(200)
            .assert_contains(&format!("href=\"{base}/redogorelse\""));
    }
}
