//! Single sign-on with OpenID Connect (issue 15, ADR 29), against a real provider process
//! (`oidc-provider`, started per test by `common::OidcProvider`), on both engines: sign-in by
//! verified e-mail, accounts made just in time, a token signed by another key, a replayed
//! state, an expired token, re-authentication before an approval, and organisations without
//! local passwords.

use crate::common;

use common::*;
use domain::ids::{OrganisationId, PersonId, UserId};
use domain::organisations::{OrganisationInput, OrganisationKind, PersonInput};
use serde_json::json;
use store::Actor;
use time::Duration;

const LABEL: &str = "Region Östergötlands konto";

fn actor() -> Actor {
    Actor::system("test")
}

async fn organisation(t: &TestApp, name: &str) -> OrganisationId {
    let input = OrganisationInput { name: name.into(), kind: OrganisationKind::Region, ..Default::default() };
    t.store().create_organisation(&input, &actor(), None).await.unwrap()
}

async fn person(t: &TestApp, name: &str, email: &str, org: Option<OrganisationId>) -> PersonId {
    let input =
        PersonInput { name: name.into(), email: Some(email.into()), organisation_id: org, ..Default::default() };
    t.store().create_person(&input, &actor(), None).await.unwrap()
}

/// "Logga in med …" on the sign-in page, through the provider as `login`, and back: the
/// app's answer to the provider's redirect.
async fn through_provider(c: &mut Client, browser: &mut Browser, login: &str) -> Resp {
    let r = c.post_form("/logga-in/oidc/1", &[("tillbaka", "/konto")]).await;
    r.assert_status(303);
    let back = browser.sign_in(&r.location(), login).await;
    c.get(&back).await
}

async fn refusals(t: &TestApp, reason: &str) -> i64 {
    t.count(&format!("audit_events WHERE action = 'identity.refused' AND changes LIKE '%\"{reason}\"%'")).await
}

/// A sign-in with e-mail and password.
async fn with_password(t: &TestApp, email: &str, password: &str) -> Resp {
    t.client().post_form("/logga-in", &[("email", email), ("password", password), ("tillbaka", "/")]).await
}

/// A held meeting of a chair and one adjuster, its protocol started.
async fn protocol_started(t: &TestApp) -> FakeMeeting {
    let m = Fake::meeting()
        .of(Fake::body().chair("Rachel De Basso (S)").member("Kerstin Hammar (M)"))
        .held_on(TODAY - Duration::days(3))
        .with_adjusters(1)
        .with_agenda(&[("Regional plan", Some("RJL 2024/3340"))])
        .create(t)
        .await;
    m.start_protocol(t).await;
    m
}

fn assert_signed_out(r: &Resp) {
    r.assert_status(303);
    assert!(r.location().starts_with("/logga-in"), "{}", r.location());
}

#[tokio::test]
async fn an_account_signs_in_through_its_provider_by_its_verified_address() {
    let apps = TestApp::each_engine().await;
    let op = OidcProvider::start(&apps[0]);
    for t in apps {
        let t = t.with_oidc(vec![op.config(1, LABEL, None)]);
        let anna = t.user("anna@region.se", false).await;
        let mut c = t.client();
        c.get("/logga-in").await.assert_status(200).assert_contains("Logga in med Region Östergötlands konto");
        // The request: code flow with PKCE (S256), state and nonce, to the registered address.
        let r = c.post_form("/logga-in/oidc/1", &[("tillbaka", "/konto")]).await;
        r.assert_status(303);
        let to = r.location();
        assert!(to.starts_with(&format!("{}/auth?", op.issuer)), "{to}");
        for part in ["response_type=code", "code_challenge_method=S256", "&state=", "&nonce=", "scope=openid"] {
            assert!(to.contains(part), "{part} in {to}");
        }
        assert!(to.contains("&redirect_uri=http%3A//localhost/logga-in/oidc/svar&"), "{to}");
        assert!(!to.contains("prompt=login"), "{to}");
        let back = Browser::default().sign_in(&to, "Anna@Region.se").await;
        let r = c.get(&back).await;
        r.assert_status(303);
        assert_eq!(r.location(), "/konto");
        c.get("/konto").await.assert_status(200).assert_contains("anna@region.se");
        assert_eq!(t.count(&format!("user_identities WHERE user_id = {anna}")).await, 1);
        assert_eq!(t.count("audit_events WHERE action = 'identity.linked'").await, 1);
        // The next time the link finds the account: nothing new is linked or made.
        let mut again = t.client();
        through_provider(&mut again, &mut Browser::default(), "anna@region.se").await.assert_status(303);
        again.get("/konto").await.assert_status(200).assert_contains("anna@region.se");
        assert_eq!(t.count("user_identities").await, 1);
        assert_eq!(t.count("users").await, 1);
        // A disabled account is refused, without a session.
        t.store().set_user_disabled(UserId(anna), true, &actor()).await.unwrap();
        let mut off = t.client();
        through_provider(&mut off, &mut Browser::default(), "anna@region.se")
            .await
            .assert_status(400)
            .assert_contains("Kontot är avstängt");
        assert_signed_out(&off.get("/konto").await);
    }
}

#[tokio::test]
async fn an_account_is_made_just_in_time_for_the_person_with_the_verified_address() {
    let apps = TestApp::each_engine().await;
    let op = OidcProvider::start(&apps[0]);
    for t in apps {
        let t = t.with_oidc(vec![op.config(1, LABEL, None)]);
        let org = organisation(&t, "Region Östergötland").await;
        let karin = person(&t, "Karin Carlén", "Karin.Carlen@region.se", Some(org)).await;
        let mut c = t.client();
        through_provider(&mut c, &mut Browser::default(), "karin.carlen@region.se").await.assert_status(303);
        c.get("/konto").await.assert_status(200).assert_contains("karin.carlen@region.se");
        let (user, _) = t.store().user_with_hash("karin.carlen@region.se").await.unwrap().unwrap();
        assert_eq!(user.person_id, Some(karin.0));
        assert!(!user.is_admin);
        assert_eq!(t.count("audit_events WHERE action = 'user.create' AND changes LIKE '%oidc%'").await, 1);
        // The account has no password of its own.
        with_password(&t, "karin.carlen@region.se", "").await.assert_status(401);

        // Nobody with the address: refused, nothing made.
        let mut nobody = t.client();
        through_provider(&mut nobody, &mut Browser::default(), "okand@region.se")
            .await
            .assert_status(400)
            .assert_contains("Det finns inget konto eller någon person i registret");
        assert_eq!(refusals(&t, "no_account").await, 1);
        // An address the provider does not vouch for links nothing, even to an existing account.
        t.user("overifierad@region.se", false).await;
        person(&t, "Overifierad", "overifierad2@region.se", None).await;
        for login in ["overifierad@region.se", "overifierad2@region.se"] {
            let mut c = t.client();
            through_provider(&mut c, &mut Browser::default(), login)
                .await
                .assert_status(400)
                .assert_contains("har inte bekräftat din e-postadress");
            assert_signed_out(&c.get("/konto").await);
        }
        assert_eq!(refusals(&t, "email_unverified").await, 2);
        assert_eq!(t.count("users").await, 2);
        assert_eq!(t.count("user_identities").await, 1);
    }
}

#[tokio::test]
async fn a_token_signed_by_a_key_the_provider_does_not_publish_is_refused() {
    let apps = TestApp::each_engine().await;
    // The provider signs with one key and publishes another under the same key id.
    let op = OidcProvider::start_with(apps[0].store().now().unix_timestamp(), &[("JWKS_MISMATCH", "1")]);
    for t in apps {
        let t = t.with_oidc(vec![op.config(1, LABEL, None)]);
        t.user("anna@region.se", false).await;
        let mut c = t.client();
        let r = through_provider(&mut c, &mut Browser::default(), "anna@region.se").await;
        r.assert_status(400).assert_contains("kunde inte styrkas").assert_contains("#f-provider");
        assert_signed_out(&c.get("/konto").await);
        assert_eq!(refusals(&t, "token_signature").await, 1);
        assert_eq!(t.count("user_identities").await, 0);
        assert_eq!(t.count("sessions").await, 0);
    }
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let apps = TestApp::each_engine().await;
    // The provider's clock is two hours behind: its ten-minute tokens expired long ago.
    let behind = apps[0].store().now() - Duration::hours(2);
    let op = OidcProvider::start_with(behind.unix_timestamp(), &[("ID_TOKEN_TTL", "600")]);
    for t in apps {
        let t = t.with_oidc(vec![op.config(1, LABEL, None)]);
        t.user("anna@region.se", false).await;
        let mut c = t.client();
        through_provider(&mut c, &mut Browser::default(), "anna@region.se")
            .await
            .assert_status(400)
            .assert_contains("för gammalt");
        assert_signed_out(&c.get("/konto").await);
        assert_eq!(refusals(&t, "token_expired").await, 1);
        assert_eq!(t.count("sessions").await, 0);
    }
}

#[tokio::test]
async fn a_state_answers_once_in_the_browser_that_started_it() {
    let apps = TestApp::each_engine().await;
    let op = OidcProvider::start(&apps[0]);
    for t in apps {
        let t = t.with_oidc(vec![op.config(1, LABEL, None)]);
        t.user("anna@region.se", false).await;
        let mut c = t.client();
        let r = c.post_form("/logga-in/oidc/1", &[("tillbaka", "/konto")]).await;
        let back = Browser::default().sign_in(&r.location(), "anna@region.se").await;
        c.get(&back).await.assert_status(303);
        // The same answer again, from the same browser or another: the state is used up.
        for mut replay in [c, t.client()] {
            replay.get(&back).await.assert_status(400).assert_contains("hör inte till en inloggning som pågår");
        }
        assert_eq!(refusals(&t, "unknown_state").await, 2);
        assert_eq!(t.count("sessions").await, 1);

        // An answer reaching another browser than the one that started the sign-in.
        let mut started = t.client();
        let r = started.post_form("/logga-in/oidc/1", &[("tillbaka", "/")]).await;
        let back = Browser::default().sign_in(&r.location(), "anna@region.se").await;
        t.client().get(&back).await.assert_status(400);
        assert_eq!(refusals(&t, "other_browser").await, 1);
        // …and it is used up there too.
        started.get(&back).await.assert_status(400);

        // Bad answers are refused in words, never a server error.
        let mut c = t.client();
        c.get("/logga-in/oidc/svar").await.assert_status(400);
        c.get("/logga-in/oidc/svar?state=%00%ff&code=x").await.assert_status(400);
        let r = c.post_form("/logga-in/oidc/1", &[]).await;
        let state = r.location().split("state=").nth(1).unwrap().split('&').next().unwrap().to_string();
        c.get(&format!("/logga-in/oidc/svar?error=access_denied&state={state}"))
            .await
            .assert_status(400)
            .assert_contains("avbröt inloggningen");
        let r = c.post_form("/logga-in/oidc/1", &[]).await;
        let state = r.location().split("state=").nth(1).unwrap().split('&').next().unwrap().to_string();
        c.get(&format!("/logga-in/oidc/svar?code=invented&state={state}")).await.assert_status(400);
        assert_eq!(refusals(&t, "code_rejected").await, 1);
        c.post_form("/logga-in/oidc/9", &[]).await.assert_status(404);
        assert_eq!(t.count("sessions").await, 1);
    }
}

#[tokio::test]
async fn an_adjuster_approves_by_signing_in_again_at_the_provider() {
    let apps = TestApp::each_engine().await;
    let op = OidcProvider::start(&apps[0]);
    for t in apps {
        let t = t.with_oidc(vec![op.config(1, LABEL, None)]);
        let m = protocol_started(&t).await;
        m.decide_all(&t).await;
        m.submit(&t).await;
        for (email, person) in [("ordf@region.se", m.chair), ("just@region.se", m.adjusters[0])] {
            let id = t.user(email, false).await;
            t.store().link_user_person(UserId(id), Some(person), &actor()).await.unwrap();
        }
        let page = format!("/moten/{}/protokoll", m.id);
        let start = format!("{page}/justera/leverantor");
        let mut browser = Browser::default();
        let mut chair = t.client();
        through_provider(&mut chair, &mut browser, "ordf@region.se").await.assert_status(303);
        chair.get(&page).await.assert_status(200).assert_contains("Justera med Region Östergötlands konto");
        // The provider is asked to authenticate again, now.
        let r = chair.post_form(&start, &[]).await;
        r.assert_status(303);
        assert!(r.location().contains("prompt=login") && r.location().contains("max_age=300"), "{}", r.location());
        let back = browser.sign_in(&r.location(), "ordf@region.se").await;
        let r = chair.get(&back).await;
        r.assert_status(303);
        assert!(r.location().ends_with("steg=justerat"), "{}", r.location());
        assert_eq!(t.store().approvals(m.id).await.unwrap().len(), 1);
        assert_eq!(t.count("audit_events WHERE action = 'identity.reauthenticated'").await, 1);

        // The adjuster signs in again at the provider as someone else: refused, not approved.
        let mut adjuster = t.client();
        let mut theirs = Browser::default();
        through_provider(&mut adjuster, &mut theirs, "just@region.se").await.assert_status(303);
        let r = adjuster.post_form(&start, &[]).await;
        let back = theirs.sign_in(&r.location(), "ordf@region.se").await;
        adjuster.get(&back).await.assert_status(422).assert_contains("med ett annat konto");
        assert_eq!(t.store().approvals(m.id).await.unwrap().len(), 1);
        assert_eq!(refusals(&t, "other_account").await, 1);
        // Someone who does not adjust cannot start one; a local account is told to use its password.
        t.signed_in("annan@region.se", false).await.post_form(&start, &[]).await.assert_status(403);
        // The adjuster, as themself: the protocol is adjusted.
        let r = adjuster.post_form(&start, &[]).await;
        let back = theirs.sign_in(&r.location(), "just@region.se").await;
        let r = adjuster.get(&back).await;
        r.assert_status(303);
        assert!(r.location().ends_with("steg=klart"), "{}", r.location());
        assert_eq!(t.store().approvals(m.id).await.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn an_organisation_can_have_its_people_sign_in_only_through_its_provider() {
    let apps = TestApp::each_engine().await;
    let op = OidcProvider::start(&apps[0]);
    for t in apps {
        let org = organisation(&t, "Region Östergötland").await;
        let other = organisation(&t, "Linköpings kommun").await;
        let t = t.with_oidc(vec![op.config(1, LABEL, Some(org.0))]);
        let anna = person(&t, "Anna Berg", "anna@region.se", Some(org)).await;
        let id = t.user("anna@region.se", false).await;
        t.store().link_user_person(UserId(id), Some(anna), &actor()).await.unwrap();
        let mut admin = t.admin().await;
        admin
            .get("/admin/inloggning")
            .await
            .assert_status(200)
            .assert_contains(&op.issuer)
            .assert_contains("http://localhost/logga-in/oidc/svar")
            .assert_contains("Region Östergötland")
            .assert_contains("Tillåtna");
        // Off: a password no longer signs Anna in; the provider does.
        admin
            .post_form("/admin/inloggning/losenord", &[("organisation", &org.0.to_string()), ("local_passwords", "av")])
            .await
            .assert_status(303);
        admin.get("/admin/inloggning").await.assert_contains("Avstängda");
        admin.get(&format!("/admin/konton/{id}")).await.assert_status(200).assert_contains("stängt av lokala lösenord");
        with_password(&t, "anna@region.se", PASSWORD).await.assert_status(401);
        let mut c = t.client();
        through_provider(&mut c, &mut Browser::default(), "anna@region.se").await.assert_status(303);
        c.get("/konto").await.assert_status(200);
        admin.get(&format!("/admin/konton/{id}")).await.assert_contains("Logga in med Region Östergötlands konto");
        // Not for an organisation without a provider: its people could not sign in at all.
        let path = format!("/api/v1/admin/sign-in/organisations/{}", other.0);
        let r = admin.json(axum::http::Method::PUT, &path, &json!({"local_passwords": false})).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("local_passwords"));
        admin
            .post_form(
                "/admin/inloggning/losenord",
                &[("organisation", &other.0.to_string()), ("local_passwords", "av")],
            )
            .await
            .assert_status(422)
            .assert_contains("ingen inloggningstjänst");
        admin
            .post_form("/admin/inloggning/losenord", &[("organisation", &org.0.to_string()), ("local_passwords", "x")])
            .await
            .assert_status(422);
        // The API: on again (and again: nothing changes the second time).
        let path = format!("/api/v1/admin/sign-in/organisations/{}", org.0);
        for changed in [true, false] {
            let r = admin.json(axum::http::Method::PUT, &path, &json!({"local_passwords": true})).await;
            r.assert_status(200);
            assert_eq!(r.json()["changed"], changed);
        }
        admin.json(axum::http::Method::PUT, &path, &json!({"local_passwords": "no"})).await.assert_status(422);
        admin.json(axum::http::Method::PUT, &path, &json!({})).await.assert_status(422);
        with_password(&t, "anna@region.se", PASSWORD).await.assert_status(303);
        assert_eq!(t.count("audit_events WHERE action = 'organisation.passwords'").await, 2);
        let listed = admin.get("/api/v1/admin/sign-in").await;
        listed.assert_status(200);
        let j = listed.json();
        assert_eq!(j["providers"][0]["label"], LABEL);
        assert_eq!(j["providers"][0]["organisation_id"], org.0);
        assert!(!listed.body.contains(CLIENT_SECRET), "the secret is never shown");
    }
}

#[tokio::test]
async fn a_provider_that_does_not_answer_is_a_sentence_on_the_page_not_an_error() {
    for t in TestApp::each_engine().await {
        // A port nobody listens on.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let down = domain::identity::Provider {
            number: 1,
            issuer: format!("http://127.0.0.1:{port}"),
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            label: LABEL.into(),
            organisation_id: None,
        };
        let t = t.with_oidc(vec![down]);
        let mut c = t.client();
        c.post_form("/logga-in/oidc/1", &[("tillbaka", "/konto")])
            .await
            .assert_status(502)
            .assert_contains("svarade inte som väntat")
            .assert_contains("Logga in med Region Östergötlands konto");
        assert_eq!(refusals(&t, "provider_unreachable").await, 1);
        assert_eq!(t.count("oidc_flows").await, 0);
    }
}

// domain::identity::starts: an address that starts sign-ins and leaves them unanswered is
// refused past the limit (429, a sentence at the buttons, audited) before anything is fetched
// or stored; another address still signs in, and the window passing lets the first in again.
#[tokio::test]
async fn an_address_that_starts_too_many_sign_ins_is_held_back() {
    use domain::identity::starts::{PER_ADDRESS, WINDOW_MINUTES};
    let apps = TestApp::each_engine().await;
    let op = OidcProvider::start(&apps[0]);
    for t in apps {
        let t = t.with_oidc(vec![op.config(1, LABEL, None)]);
        let mut flood = t.client();
        flood.address = Some("198.51.100.7".into());
        for _ in 0..PER_ADDRESS {
            flood.post_form("/logga-in/oidc/1", &[("tillbaka", "/konto")]).await.assert_status(303);
        }
        flood
            .post_form("/logga-in/oidc/1", &[("tillbaka", "/konto")])
            .await
            .assert_status(429)
            .assert_contains("För många inloggningar har påbörjats från din adress")
            .assert_contains("Logga in med Region Östergötlands konto");
        assert_eq!(refusals(&t, "too_many_starts").await, 1);
        assert_eq!(t.count("oidc_flows").await, PER_ADDRESS);

        let mut other = t.client();
        other.address = Some("203.0.113.9".into());
        other.post_form("/logga-in/oidc/1", &[("tillbaka", "/konto")]).await.assert_status(303);

        let at = t.store().now() + Duration::minutes(WINDOW_MINUTES) + Duration::seconds(1);
        let later = web::App { store: t.app.store.clone().with_clock(store::Clock::starting_at(at)), ..t.app.clone() };
        let mut again = t.client_of(&later);
        again.address = flood.address.clone();
        again.post_form("/logga-in/oidc/1", &[("tillbaka", "/konto")]).await.assert_status(303);
    }
}

// OpenID Connect RP-Initiated Logout 1.0: signing out of a session opened through the provider
// ends it here and sends the browser to sign out at the provider, which sends it back to the
// registered address; a session opened with a password just ends here.
#[tokio::test]
async fn signing_out_of_a_providers_session_signs_out_at_the_provider_too() {
    let apps = TestApp::each_engine().await;
    let op = OidcProvider::start(&apps[0]);
    for t in apps {
        let t = t.with_oidc(vec![op.config(1, LABEL, None)]);
        t.user("anna@region.se", false).await;
        let mut c = t.client();
        let mut browser = Browser::default();
        through_provider(&mut c, &mut browser, "anna@region.se").await.assert_status(303);
        c.get("/konto").await.assert_status(200);
        let r = c.post_form("/logga-ut", &[]).await;
        r.assert_status(303);
        let to = r.location();
        assert!(to.starts_with(&format!("{}/session/end?client_id=", op.issuer)), "{to}");
        assert!(to.contains("&post_logout_redirect_uri=http%3A//localhost/%3Fklart%3Dutloggad"), "{to}");
        assert_signed_out(&c.get("/konto").await);
        assert_eq!(browser.sign_out(&to).await, "/?klart=utloggad");

        let mut local = t.client();
        t.user("bo@region.se", false).await;
        local.post_form("/logga-in", &[("email", "bo@region.se"), ("password", PASSWORD), ("tillbaka", "/")]).await;
        local.get("/konto").await.assert_status(200);
        let r = local.post_form("/logga-ut", &[]).await;
        r.assert_status(303);
        assert_eq!(r.location(), "/?klart=utloggad");
    }
}

#[tokio::test]
async fn a_paragraph_adjusted_at_once_is_approved_after_signing_in_again_too() {
    let apps = TestApp::each_engine().await;
    let op = OidcProvider::start(&apps[0]);
    for t in apps {
        let t = t.with_oidc(vec![op.config(1, LABEL, None)]);
        let m = protocol_started(&t).await;
        let p = t.store().paragraphs(m.id).await.unwrap().pop().unwrap();
        let input = domain::meetings::ParagraphInput {
            title: p.title.clone(),
            case_number: None,
            decision: "Informationen noteras.".into(),
            summary: p.summary.clone(),
            basis: p.basis.clone(),
            recipients: p.recipients.clone(),
            immediate: true,
        };
        t.store().update_paragraph(m.id, p.id, &input, &p.attachments, &actor()).await.unwrap();
        let id = t.user("ordf@region.se", false).await;
        t.store().link_user_person(UserId(id), Some(m.chair), &actor()).await.unwrap();
        let mut browser = Browser::default();
        let mut chair = t.client();
        through_provider(&mut chair, &mut browser, "ordf@region.se").await.assert_status(303);
        let page = format!("/moten/{}/protokoll", m.id);
        chair.get(&page).await.assert_contains(&format!("Justera med Region Östergötlands konto: § {}", p.number));
        let number = p.number.to_string();
        let r = chair.post_form(&format!("{page}/justera/leverantor"), &[("paragraph", &number)]).await;
        let back = browser.sign_in(&r.location(), "ordf@region.se").await;
        let r = chair.get(&back).await;
        r.assert_status(303);
        assert!(r.location().ends_with("steg=oj"), "{}", r.location());
        assert_eq!(t.store().approvals(m.id).await.unwrap().len(), 1);
        // Again for the same paragraph: refused at its field, on the page, not approved twice.
        let r = chair.post_form(&format!("{page}/justera/leverantor"), &[("paragraph", &number)]).await;
        let back = browser.sign_in(&r.location(), "ordf@region.se").await;
        chair.get(&back).await.assert_status(422).assert_contains(&format!("#f-oj{number}-password"));
        assert_eq!(t.store().approvals(m.id).await.unwrap().len(), 1);
    }
}
