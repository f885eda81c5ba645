//! Accounts without the command line (issue 9): an administrator creates an account, links it
//! to a person found by name, sees the person's roles per body, grants and withdraws
//! administration and disables the account — by form and by API, refused where it would lock
//! the installation out, and audited.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

#[tokio::test]
async fn an_administrator_creates_an_account_links_it_by_name_and_sees_its_roles() {
    for t in TestApp::each_engine().await {
        let body =
            Fake::body().named("Kommunalt forum").secretary("Karin Carlén, Region Jönköpings län").create(&t).await;
        let mut admin = t.admin().await;
        admin.get("/admin").await.assert_contains("href=\"/admin/konton/ny\"");
        // Bad input is shown again at its fields, the password never.
        let r = admin
            .post_form("/admin/konton/ny", &[("email", "karin"), ("name", "Karin Carlén"), ("password", "kort")])
            .await;
        r.assert_status(422)
            .assert_contains("id=\"f-email-error\"")
            .assert_contains("id=\"f-password-error\"")
            .assert_contains("value=\"Karin Carlén\"")
            .assert_lacks("value=\"kort\"");
        let r = admin
            .post_form(
                "/admin/konton/ny",
                &[("email", "karin.carlen@rjl.se"), ("name", "Karin Carlén"), ("password", "ett långt lösenord")],
            )
            .await;
        r.assert_status(303);
        let account = r.location();
        assert!(account.ends_with("?klart=skapat"), "{account}");
        let account = account.split('?').next().unwrap().to_string();
        admin.get(&format!("{account}?klart=skapat")).await.assert_contains("Kontot är skapat.");
        // The same address again is a conflict at the field.
        admin
            .post_form(
                "/admin/konton/ny",
                &[("email", "karin.carlen@rjl.se"), ("name", "K"), ("password", "ett långt lösenord")],
            )
            .await
            .assert_status(422)
            .assert_contains("id=\"f-email-error\"");
        // The new account signs in with the first password.
        let mut karin = t.client();
        karin.login("karin.carlen@rjl.se", "ett långt lösenord").await.assert_status(303);
        // Search by name, then link.
        let page = admin.get(&format!("{account}?sok=carl")).await;
        page.assert_status(200).assert_contains("Koppla till Karin Carlén");
        let csrf = admin.csrf().await;
        let r = admin
            .send(
                Method::POST,
                &format!("{account}/person"),
                Some("application/x-www-form-urlencoded"),
                format!("csrf={csrf}&person_id={}", body.secretary.0).into_bytes(),
            )
            .await;
        r.assert_status(303);
        admin
            .get(&account)
            .await
            .assert_contains(&format!("<a href=\"/personer/{}\">Karin Carlén</a>", body.secretary.0))
            .assert_contains(&format!("<a href=\"/organ/{}\">Kommunalt forum</a>: Sekreterare", body.id.0));
        // The linked account now acts as the body's secretary.
        let id: i64 = account.rsplit('/').next().unwrap().parse().unwrap();
        let me = karin.get("/api/v1/me").await;
        me.assert_status(200);
        let mut api = t.token_client("api-admin@test.se", true).await;
        let j = api.get(&format!("/api/v1/admin/users/{id}")).await.json();
        assert_eq!(j["person"]["name"], "Karin Carlén");
        assert_eq!(
            (&j["memberships"][0]["body"], &j["memberships"][0]["role"]),
            (&json!("Kommunalt forum"), &json!("secretary"))
        );
        // Unknown person: refused at the field, nothing changed.
        let r = api.json(Method::PATCH, &format!("/api/v1/admin/users/{id}"), &json!({"person_id": 999999})).await;
        r.assert_status(422);
        assert_eq!(api.get(&format!("/api/v1/admin/users/{id}")).await.json()["person"]["name"], "Karin Carlén");
        // Audited.
        let events = t.store().audit_events(&Default::default(), 50).await.unwrap().items;
        assert!(events.iter().any(|e| e.action == "user.create" && e.entity_id.as_deref() == Some(&id.to_string())));
        assert!(events.iter().any(|e| e.action == "user.person"));
    }
}

#[tokio::test]
async fn administration_is_granted_and_withdrawn_and_an_account_disabled_never_the_last_admin() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let me = admin.get("/api/v1/me").await.json()["id"].as_i64().unwrap();
        let mut bo = t.signed_in("bo@test.se", false).await;
        let other = bo.get("/api/v1/me").await.json()["id"].as_i64().unwrap();
        bo.get("/admin").await.assert_status(403);
        admin.post_form(&format!("/admin/konton/{other}/behorighet"), &[("value", "1")]).await.assert_status(303);
        bo.get("/admin").await.assert_status(200);
        admin.post_form(&format!("/admin/konton/{other}/behorighet"), &[("value", "0")]).await.assert_status(303);
        bo.get("/admin").await.assert_status(403);
        // Disabled: the session ends at once and the password no longer works.
        admin.post_form(&format!("/admin/konton/{other}/status"), &[("value", "1")]).await.assert_status(303);
        assert_ne!(bo.get("/admin").await.status, 200);
        let mut again = t.client();
        let refused = again.post_form("/logga-in", &[("email", "bo@test.se"), ("password", PASSWORD)]).await;
        assert_ne!(refused.status, 303, "a disabled account cannot sign in");
        admin.post_form(&format!("/admin/konton/{other}/status"), &[("value", "0")]).await.assert_status(303);
        again.login("bo@test.se", PASSWORD).await.assert_status(303);
        // Not one's own rights, and never the last active administrator.
        admin
            .post_form(&format!("/admin/konton/{me}/behorighet"), &[("value", "0")])
            .await
            .assert_status(422)
            .assert_contains("Du kan inte ta bort din egen behörighet");
        let mut api = t.token_client("api-admin@test.se", true).await;
        let api_id = api.get("/api/v1/me").await.json()["id"].as_i64().unwrap();
        let others: Vec<i64> = t
            .store()
            .users()
            .await
            .unwrap()
            .into_iter()
            .filter(|u| u.is_admin && u.id != api_id)
            .map(|u| u.id)
            .collect();
        for id in others {
            api.json(Method::PATCH, &format!("/api/v1/admin/users/{id}"), &json!({"is_admin": false}))
                .await
                .assert_status(200);
        }
        // Now only the API's account administers: a second administrator cannot remove it, and it
        // cannot remove itself.
        let r = api.json(Method::PATCH, &format!("/api/v1/admin/users/{api_id}"), &json!({"disabled": true})).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("disabled"));
        let events = t.store().audit_events(&Default::default(), 100).await.unwrap().items;
        assert!(events.iter().any(|e| e.action == "user.admin"));
        assert!(events.iter().any(|e| e.action == "user.disabled"));
        // A member may do none of it.
        again.get(&format!("/admin/konton/{me}")).await.assert_status(403);
        let mut user_api = t.token_client("api-user@test.se", false).await;
        user_api
            .json(Method::PATCH, &format!("/api/v1/admin/users/{other}"), &json!({"is_admin": true}))
            .await
            .assert_status(403);
    }
}

#[tokio::test]
async fn the_audit_log_reads_in_words_with_the_json_behind_a_disclosure() {
    for t in TestApp::each_engine().await {
        let m = Fake::meeting()
            .of(Fake::body().named("Kommunalt forum"))
            .held_on(TODAY - time::Duration::days(3))
            .with_adjusters(1)
            .create(&t)
            .await;
        m.start_protocol(&t).await;
        m.decide_all(&t).await;
        m.submit(&t).await;
        m.approve_all(&t).await;
        let mut admin = t.admin().await;
        let page = admin.get("/admin/logg").await;
        page.assert_status(200);
        let date = t.store().meeting(m.id).await.unwrap().unwrap().date;
        let link = format!("<a href=\"/moten/{}\">Kommunalt forum {date}</a>", m.id.0);
        assert!(page.body.contains(&format!("justerade protokollet för {link}")), "{}", page.body);
        page.assert_contains("lämnade protokollet för justering:")
            .assert_contains("<summary>Visa som JSON")
            .assert_contains("<code>protocol.approve</code>");
        // In English too.
        admin.post_form("/sprak", &[("lang", "en"), ("tillbaka", "/admin/logg")]).await;
        assert!(admin.get("/admin/logg").await.body.contains(&format!("approved the minutes of {link}")));
    }
}
