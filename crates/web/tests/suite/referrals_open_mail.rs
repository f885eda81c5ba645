//! The drafters' notice of an open answer awaiting moderation (issue 12: "moderation before
//! publication"; ADR 52) on both engines, read in the outbox: enqueued with the answer, once
//! per answer (a resent form and a retried job send nothing more), to each registrar of the
//! referral's organisation as their mail setting says, naming the referral and the kind of
//! respondent but never a private person's words.

use crate::common;
use crate::referrals_open::{open_form, sent};

use axum::http::Method;
use common::*;
use domain::ids::{AnswerId, ReferralId};
use serde_json::json;
use store::mail::{Delivery, MailKind};

const KIND: &str = "referral.moderation";

async fn run_jobs(t: &TestApp) {
    while web::jobs::run_due_jobs(&t.app).await > 0 {}
    let failed = t.store().jobs(Some(store::jobs::JobState::Failed), 10).await.unwrap();
    assert!(failed.is_empty(), "failed jobs: {failed:?}");
}

/// A registrar of `org` who acts as a person of the register with `delivery` for moderation.
async fn registrar_with_setting(t: &TestApp, admin: &mut Client, org: i64, email: &str, delivery: Delivery) {
    let body = json!({"name": email.split('@').next().unwrap(), "email": email});
    let person = admin.json(Method::POST, "/api/v1/people", &body).await.json()["id"].as_i64().unwrap();
    let user = t.user(email, false).await;
    t.exec(&format!("UPDATE users SET person_id = {person} WHERE id = {user}")).await;
    let form = [("registrar_organisation_id", org.to_string()), ("user_id", user.to_string())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    admin.post_form("/diarium/serier/registratorer", &form).await.assert_status(303);
    let settings = [(MailKind::Moderation, delivery)];
    t.store().set_mail_settings(person, &settings, &store::Actor::system("test")).await.unwrap();
}

#[tokio::test]
async fn each_open_answer_tells_the_drafters_once_as_their_setting_says() {
    for t in TestApp::each_engine().await {
        let mut o = sent(&t).await;
        let id = ReferralId(o.referral);
        let r = t.store().referral(id).await.unwrap().unwrap();
        let mut admin = t.signed_in("admin-mail@test.se", true).await;
        registrar_with_setting(&t, &mut admin, r.organisation_id.0, "digestlasare@regionkalmar.se", Delivery::Digest)
            .await;
        registrar_with_setting(&t, &mut admin, r.organisation_id.0, "tyst@regionkalmar.se", Delivery::Never).await;
        run_jobs(&t).await;
        let base = format!("/remisser/{}", o.referral);

        // A private person through the page, the form resent; a company through the API.
        let mut citizen = t.client();
        citizen.address = Some("198.51.100.31".into());
        let mut form = open_form("Sara Holm", "private_person", "mail-1", "Bussen till Sandvik går för sällan.");
        form[2] = ("organisation", "Saras bokcirkel");
        form[3] = ("email", "sara@example.org");
        for _ in 0..2 {
            citizen.post_form(&format!("{base}/yttra"), &form).await.assert_status(200);
        }
        let api = format!("/api/v1/referrals/{}/open-answers", o.referral);
        let body = json!({"name": "Mira Koskinen", "respondent_type": "company", "organisation": "Koskinen Bygg AB",
            "position": "opposes", "comments": [{"section": 2, "text": "Mira Koskinens synpunkt."}]});
        citizen.json(Method::POST, &api, &body).await.assert_status(201);
        let jobs: Vec<_> = t.store().jobs(None, 100).await.unwrap().into_iter().filter(|j| j.kind == KIND).collect();
        assert_eq!(jobs.len(), 2, "{}: one job per answer, the resent form none", t.engine);

        run_jobs(&t).await;
        let outbox = t.store().outbox(100).await.unwrap();
        let mails: Vec<_> = outbox.iter().filter(|m| m.kind == KIND).collect();
        // Two answers to the registrar without a person (at once) and to the one who chose the
        // digest (held); nothing to the one who chose never.
        assert_eq!(mails.len(), 4, "{}: {mails:?}", t.engine);
        assert!(mails.iter().all(|m| m.recipient != "tyst@regionkalmar.se"));
        let to = |who: &str| mails.iter().filter(|m| m.recipient == who).collect::<Vec<_>>();
        assert!(to("registrator@regionkalmar.se").iter().all(|m| m.status != "held"), "{}", t.engine);
        assert!(to("digestlasare@regionkalmar.se").iter().all(|m| m.status == "held"), "{}", t.engine);
        let link = format!("{}/remisser/{}/moderering", t.app.config.site_url, o.referral);
        for m in &mails {
            assert_eq!(m.subject, "Remissvar att granska: Regional utvecklingsstrategi för Kalmar län");
            assert!(m.text_body.contains(&link), "{}", m.text_body);
            assert!(m.text_body.contains("diariefört som RKL"), "{}", m.text_body);
            // Never the private person's words: not the name, the organisation typed, the text.
            for private in ["Sara Holm", "Saras bokcirkel", "Bussen till Sandvik", "sara@example.org", "Mira Koskinen"]
            {
                assert!(!m.text_body.contains(private) && !m.html_body.contains(private), "{private}: {}", m.text_body);
            }
        }
        assert_eq!(mails.iter().filter(|m| m.text_body.contains("Svarande: Privatperson.")).count(), 2);
        assert_eq!(mails.iter().filter(|m| m.text_body.contains("Svarande: Företag: Koskinen Bygg AB.")).count(), 2);

        // A retried job (the worker died after its effect) writes nothing more.
        for j in &jobs {
            web::jobs::perform(&t.app, j).await.unwrap();
        }
        run_jobs(&t).await;
        let again = t.store().outbox(100).await.unwrap().into_iter().filter(|m| m.kind == KIND).count();
        assert_eq!(again, 4, "{}", t.engine);

        // An answer moderated before its job runs needs no notice.
        let form = open_form("Erik", "private_person", "mail-2", "Text.");
        citizen.post_form(&format!("{base}/yttra"), &form).await.assert_status(200);
        let erik = t.store().open_answers(id).await.unwrap().into_iter().find(|a| a.respondent_name == "Erik").unwrap();
        o.registrar
            .post_form(&format!("{base}/moderering/{}", erik.id), &[("decision", "publish")])
            .await
            .assert_status(303);
        run_jobs(&t).await;
        let after = t.store().outbox(100).await.unwrap().into_iter().filter(|m| m.kind == KIND).count();
        assert_eq!(after, 4, "{}", t.engine);
        assert!(t.store().referral_answer(AnswerId(erik.id)).await.unwrap().is_some());
    }
}

#[tokio::test]
async fn the_moderation_setting_is_on_the_account_page() {
    for t in TestApp::each_engine().await {
        let mut admin = t.signed_in("admin-mail@test.se", true).await;
        let body = json!({"name": "Lena Lind", "email": "lena.lind@example.org"});
        let person = admin.json(Method::POST, "/api/v1/people", &body).await.json()["id"].as_i64().unwrap();
        let user = t.user("lena@test.se", false).await;
        t.exec(&format!("UPDATE users SET person_id = {person} WHERE id = {user}")).await;
        let mut c = t.client();
        c.login("lena@test.se", PASSWORD).await;
        c.get("/konto").await.assert_status(200).assert_contains("Remissvar som väntar på din granskning");
        let fields = [("lang", "sv"), ("notice", "immediately"), ("moderation", "sometimes")];
        c.post_form("/konto/e-post", &fields).await.assert_status(422).assert_contains("id=\"f-moderation-error\"");
        let fields = [("lang", "sv"), ("notice", "immediately"), ("moderation", "digest")];
        c.post_form("/konto/e-post", &fields).await.assert_status(303);
        let settings = t.store().mail_settings(person).await.unwrap();
        assert!(settings.contains(&(MailKind::Moderation, Delivery::Digest)), "{}: {settings:?}", t.engine);
    }
}
