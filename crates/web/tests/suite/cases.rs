//! The registry over HTTP on both engines (issue 11): administrators set a series and its
//! registrars; a registrar registers cases and documents (with files and secrecy markings) in
//! the page and the API, which call the same operations; the public registry and case page show
//! public titles, and of a secret document only its number, day and "Sekretess"; every field's
//! bad input is named in Swedish and English; others are refused.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::{Value, json};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
const RUS: &str = "Regional utvecklingsstrategi (RUS) för Östergötland – gemensam arbetsprocess";

struct Registry {
    admin: Client,
    registrar: Client,
    org: i64,
}

/// Region Östergötland with the series "RÖ" and a registrar, set through the admin's forms.
async fn registry(t: &TestApp) -> Registry {
    let mut admin = t.admin().await;
    let org = admin
        .json(
            Method::POST,
            "/api/v1/organisations",
            &json!({"name": "Region Östergötland", "kind": "region", "code": "05"}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let org_s = org.to_string();
    admin.post_form("/diarium/serier", &[("organisation_id", &org_s), ("prefix", "rö")]).await.assert_status(303);
    let registrar = t.signed_in("registrator@regionostergotland.se", false).await;
    let user = t.store().users().await.unwrap().into_iter().find(|u| u.email.starts_with("registrator")).unwrap().id;
    admin
        .post_form(
            "/diarium/serier/registratorer",
            &[("registrar_organisation_id", &org_s), ("user_id", &user.to_string())],
        )
        .await
        .assert_status(303);
    admin.get("/diarium/serier").await.assert_status(200).assert_contains("RÖ").assert_contains("registrator@");
    Registry { admin, registrar, org }
}

async fn register_case(c: &mut Client, org: i64, public: &str, internal: &str) -> i64 {
    let org = org.to_string();
    let r = c
        .post_form(
            "/diarium",
            &[
                ("organisation_id", &org),
                ("public_title", public),
                ("internal_title", internal),
                ("responsible", "Anna Regionutvecklare"),
                ("body_id", ""),
                ("idempotency_key", ""),
            ],
        )
        .await;
    r.assert_status(303);
    id_in(&r.location())
}

async fn upload(c: &mut Client, case: i64, parts: &[(&str, Option<&str>, &[u8])]) -> Resp {
    let csrf = c.csrf().await;
    let (ct, body) = multipart(parts);
    c.send(Method::POST, &format!("/diarium/{case}/handlingar?csrf={csrf}"), Some(&ct), body).await
}

fn today(t: &TestApp) -> String {
    t.store().today().to_string()
}

#[tokio::test]
async fn a_registrar_registers_a_case_and_documents_and_the_public_sees_the_registration() {
    for t in TestApp::each_engine().await {
        let Registry { mut registrar, org, .. } = registry(&t).await;
        registrar.get("/diarium/nytt").await.assert_status(200).assert_contains("Region Östergötland (RÖ)");
        let case = register_case(&mut registrar, org, RUS, "RUS – kommunernas roll").await;
        let year = t.store().today().year();
        registrar.get(&format!("/diarium/{case}?klart=skapat")).await.assert_contains(&format!("RÖ {year}/1"));
        let d = today(&t);
        upload(
            &mut registrar,
            case,
            &[
                ("direction", None, b"drawn_up"),
                ("document_date", None, d.as_bytes()),
                ("description", None, "Tjänsteskrivelse RUS – gemensam arbetsprocess".as_bytes()),
                ("file", Some("Tjänsteskrivelse.pdf"), PDF),
            ],
        )
        .await
        .assert_status(303);
        upload(
            &mut registrar,
            case,
            &[
                ("direction", None, b"incoming"),
                ("document_date", None, d.as_bytes()),
                ("counterpart", None, "Tolvan Tolvansson".as_bytes()),
                ("description", None, "Synpunkter från privatperson 19121212-1212".as_bytes()),
                ("secrecy_provision", None, "21 kap. 7 §".as_bytes()),
                ("file", Some("brev.pdf"), PDF),
            ],
        )
        .await
        .assert_status(303);
        // The registrar sees everything, the internal title included.
        registrar
            .get(&format!("/diarium/{case}"))
            .await
            .assert_contains("RUS – kommunernas roll")
            .assert_contains(&format!("RÖ {year}/1-2"))
            .assert_contains("19121212-1212")
            .assert_contains("21 kap. 7 §");
        // The public sees the registration of the secret document, not what it says.
        let mut visitor = t.client();
        let page = visitor.get(&format!("/diarium/{case}")).await;
        page.assert_status(200)
            .assert_contains(RUS)
            .assert_contains(&format!("RÖ {year}/1-2"))
            .assert_contains("Sekretess")
            .assert_contains("Tjänsteskrivelse.pdf")
            .assert_lacks("19121212-1212")
            .assert_lacks("Tolvan")
            .assert_lacks("brev.pdf")
            .assert_lacks("kommunernas roll");
        let docs = visitor.get(&format!("/api/v1/cases/{case}/documents")).await.json();
        let secret = &docs["items"][1];
        assert_eq!((secret["secret"].as_bool(), secret["description"].is_null()), (Some(true), true));
        assert!(secret["files"].as_array().unwrap().is_empty() && secret["counterpart"].is_null());
        let files = t.store().case_documents(domain::ids::CaseId(case)).await.unwrap();
        let (open, hidden) = (&files[0].files[0], &files[1].files[0]);
        let r = visitor.get(&format!("/diarium/filer/{}/x.pdf", open.id)).await;
        r.assert_status(200);
        assert_eq!(r.bytes, PDF);
        visitor.get(&format!("/diarium/filer/{}/brev.pdf", hidden.id)).await.assert_status(404);
        registrar.get(&format!("/diarium/filer/{}/brev.pdf", hidden.id)).await.assert_status(200);
        // The JSON of the case hides the internal title from the public.
        let c = visitor.get(&format!("/api/v1/cases/{case}")).await.json();
        assert_eq!(c["number"], format!("RÖ {year}/1"));
        assert!(c.get("internal_title").is_none());
        // Search finds the public title and the public document, never the secret description.
        visitor.get("/diarium?q=arbetsprocess").await.assert_contains(RUS);
        visitor.get("/diarium?q=Tolvansson").await.assert_lacks(RUS);
        visitor.get("/diarium?q=privatperson").await.assert_lacks(RUS);
        visitor.get("/diarium?q=kommunernas").await.assert_lacks(RUS);
        let hits = visitor.get("/api/v1/search?q=privatperson").await.json();
        assert_eq!(hits["total"], 0, "{hits}");
        // Registrations and documents are audited.
        for action in ["case.register", "case_document.register", "case_series.set", "case_registrar.grant"] {
            let n: i64 = match &t.store().pool {
                store::Pool::Sqlite(p) => sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = $1")
                    .bind(action)
                    .fetch_one(p)
                    .await
                    .unwrap(),
                store::Pool::Postgres(p) => sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = $1")
                    .bind(action)
                    .fetch_one(p)
                    .await
                    .unwrap(),
            };
            assert!(n >= 1, "{action} not audited on {}", t.engine);
        }
    }
}

#[tokio::test]
async fn the_status_moves_forward_and_a_closed_case_takes_no_documents() {
    for t in TestApp::each_engine().await {
        let Registry { mut registrar, org, .. } = registry(&t).await;
        let case = register_case(&mut registrar, org, "Sammanträdesdatum 2025", "Datum").await;
        let path = format!("/diarium/{case}/status");
        registrar.post_form(&path, &[("status", "decided")]).await.assert_status(303);
        registrar
            .post_form(&path, &[("status", "opened")])
            .await
            .assert_status(422)
            .assert_contains("status går bara framåt");
        registrar.post_form(&path, &[("status", "archived")]).await.assert_status(422);
        let api = format!("/api/v1/cases/{case}");
        let r = registrar.json(Method::PATCH, &api, &json!({"status": "in_preparation"})).await;
        r.assert_status(422);
        assert_eq!(r.error(), ("status_not_allowed".into(), Some("status".into())));
        let closed = registrar.json(Method::PATCH, &api, &json!({"status": "closed"})).await;
        assert_eq!(closed.assert_status(200).json()["status"], "closed");
        let r = registrar
            .json(
                Method::POST,
                &format!("{api}/documents"),
                &json!({"direction": "drawn_up", "document_date": today(&t), "description": "Sent"}),
            )
            .await;
        r.assert_status(422);
        assert_eq!(r.error().0, "case_closed");
        t.client().get("/diarium?status=closed").await.assert_contains("Sammanträdesdatum 2025");
        t.client().get("/diarium?status=opened").await.assert_lacks("Sammanträdesdatum 2025");
    }
}

#[tokio::test]
async fn the_api_registers_with_idempotency_and_lists_with_filters() {
    for t in TestApp::each_engine().await {
        let Registry { mut registrar, org, mut admin } = registry(&t).await;
        let body = json!({"organisation_id": org, "internal_title": "RUS", "public_title": RUS});
        let csrf = registrar.csrf().await;
        let headers = [("idempotency-key", "rus-1"), ("x-csrf-token", csrf.as_str())];
        let json_ct = Some("application/json");
        let first =
            registrar.send_with(Method::POST, "/api/v1/cases", json_ct, body.to_string().into_bytes(), &headers).await;
        first.assert_status(201);
        let again =
            registrar.send_with(Method::POST, "/api/v1/cases", json_ct, body.to_string().into_bytes(), &headers).await;
        assert_eq!(first.json()["id"], again.json()["id"]);
        assert_eq!(first.json()["internal_title"], "RUS");
        let id = first.json()["id"].as_i64().unwrap();
        let doc = registrar
            .json(
                Method::POST,
                &format!("/api/v1/cases/{id}/documents"),
                &json!({"direction": "outgoing", "document_date": today(&t), "counterpart": "Norrköpings kommun",
                        "description": "Missiv till kommunerna"}),
            )
            .await;
        doc.assert_status(201);
        assert_eq!(doc.json()["number"], 1);
        let year = t.store().today().year();
        let list = t.client().get(&format!("/api/v1/cases?organisation={org}&year={year}&status=opened")).await.json();
        assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
        let none = t.client().get(&format!("/api/v1/cases?year={}", year - 1)).await.json();
        assert!(none["items"].as_array().unwrap().is_empty());
        let found = t.client().get("/api/v1/cases?q=missiv").await.json();
        assert_eq!(found["items"][0]["id"], id);
        // The same list as CSV, as the public sees it.
        let csv = t.client().get(&format!("/diarium.csv?organisation={org}")).await;
        csv.assert_status(200).assert_contains("diarienummer,").assert_contains(RUS).assert_lacks(",RUS,");
        assert!(csv.body.contains(&format!("RÖ {year}/1,")), "{}", csv.body);
        for bad in ["year=20x6", "status=archived", "body=-1", "organisation=x", "limit=0"] {
            t.client().get(&format!("/api/v1/cases?{bad}")).await.assert_status(422);
        }
        // The admin registers in every series.
        admin.json(Method::POST, "/api/v1/cases", &body).await.assert_status(201);
    }
}

#[tokio::test]
async fn every_field_of_a_case_says_what_is_wrong_in_both_languages() {
    for t in TestApp::each_engine().await {
        let Registry { mut registrar, org, .. } = registry(&t).await;
        let org_s = org.to_string();
        let long = "x".repeat(301);
        for (field, value, code) in [
            ("public_title", "", "required"),
            ("public_title", "Ansökan 121212-1212", "identity_number"),
            ("internal_title", long.as_str(), "too_long"),
            ("responsible", "Tolvan 191212121212", "identity_number"),
            ("body_id", "ett", "invalid_id"),
            ("organisation_id", "", "required"),
        ] {
            let mut form = vec![
                ("organisation_id", org_s.as_str()),
                ("public_title", "Rubrik"),
                ("internal_title", "Intern"),
                ("responsible", ""),
                ("body_id", ""),
            ];
            form.retain(|(k, _)| *k != field);
            form.push((field, value));
            let r = registrar.post_form("/diarium", &form).await;
            r.assert_status(422).assert_contains(&format!("id=\"f-{field}-error\""));
            let mut j: Value = json!({"organisation_id": org, "public_title": "Rubrik", "internal_title": "Intern"});
            j[field] = match field {
                "organisation_id" | "body_id" if value.is_empty() => Value::Null,
                "organisation_id" | "body_id" => json!(value),
                _ => json!(value),
            };
            let r = registrar.json(Method::POST, "/api/v1/cases", &j).await;
            let (got, f) = r.error();
            if field == "body_id" {
                assert_eq!((got.as_str(), f.as_deref()), ("wrong_type", Some("body_id")), "{}", t.engine);
            } else {
                assert_eq!((got.as_str(), f.as_deref()), (code, Some(field)), "{} {field}", t.engine);
            }
        }
        let csrf = registrar.csrf().await;
        let body = json!({"organisation_id": org, "public_title": "", "internal_title": "x"}).to_string().into_bytes();
        let headers = [("accept-language", "en"), ("x-csrf-token", csrf.as_str())];
        let en = registrar.send_with(Method::POST, "/api/v1/cases", Some("application/json"), body, &headers).await;
        assert!(en.body.contains("This field is required."), "{}", en.body);
        let r = registrar.json(Method::POST, "/api/v1/cases", &json!({"organisation_id": org, "nope": 1})).await;
        assert_eq!(r.assert_status(400).error().0, "unknown_field");
        assert_eq!(t.count("cases").await, 0, "{}: nothing stored from bad input", t.engine);
    }
}

#[tokio::test]
async fn every_field_of_a_document_says_what_is_wrong() {
    for t in TestApp::each_engine().await {
        let Registry { mut registrar, org, .. } = registry(&t).await;
        let case = register_case(&mut registrar, org, "Ärende", "Internt").await;
        let d = today(&t);
        let tomorrow = (t.store().today() + time::Duration::days(1)).to_string();
        let cases: &[(&str, &str, &str)] = &[
            ("direction", "sideways", "invalid_direction"),
            ("document_date", "", "required"),
            ("document_date", "2026-13-01", "invalid_date"),
            ("document_date", tomorrow.as_str(), "document_date_future"),
            ("counterpart", "", "counterpart_required"),
            ("counterpart", "Tolvan 121212-1212", "identity_number"),
            ("description", "", "required"),
            ("description", "pnr 121212-1212", "identity_number"),
            ("secrecy_provision", "sju kapitel", "invalid_provision"),
            ("secrecy_until", "2001-01-01", "secrecy_until_past"),
        ];
        for (field, value, code) in cases {
            let mut j = json!({"direction": "incoming", "document_date": d, "counterpart": "Kommun", "description": "Brev",
                               "secrecy_provision": if *field == "secrecy_until" { "21 kap. 7 §" } else { "" }});
            j[*field] = json!(value);
            let r = registrar.json(Method::POST, &format!("/api/v1/cases/{case}/documents"), &j).await;
            assert_eq!(r.error(), (code.to_string(), Some(field.to_string())), "{} {field}", t.engine);
            let mut parts: Vec<(String, String)> =
                j.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect();
            parts.retain(|(k, _)| !k.is_empty());
            let parts: Vec<(&str, Option<&str>, &[u8])> =
                parts.iter().map(|(k, v)| (k.as_str(), None, v.as_bytes())).collect();
            upload(&mut registrar, case, &parts)
                .await
                .assert_status(422)
                .assert_contains(&format!("id=\"f-{field}-error\""));
        }
        // A file of a kind the product does not take is named at the field `file`.
        upload(
            &mut registrar,
            case,
            &[
                ("direction", None, b"drawn_up"),
                ("document_date", None, d.as_bytes()),
                ("description", None, b"PM"),
                ("file", Some("virus.exe"), b"MZ\x90\x00"),
            ],
        )
        .await
        .assert_status(422)
        .assert_contains("id=\"f-file-error\"");
        assert_eq!(t.count("case_documents").await, 0, "{}", t.engine);
        assert_eq!(t.store().case(domain::ids::CaseId(case)).await.unwrap().unwrap().documents, 0);
    }
}

#[tokio::test]
async fn only_the_organisations_registrars_and_admins_register() {
    for t in TestApp::each_engine().await {
        let Registry { mut registrar, org, mut admin } = registry(&t).await;
        let other = admin
            .json(
                Method::POST,
                "/api/v1/organisations",
                &json!({"name": "Region Jönköpings län", "kind": "region", "code": "06"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        admin
            .post_form("/diarium/serier", &[("organisation_id", &other.to_string()), ("prefix", "RJL")])
            .await
            .assert_status(303);
        let case =
            register_case(&mut admin, other, "Anmälningsärenden Kommunalt forum 2024", "Anmälningsärenden").await;
        // A registrar of Östergötland neither registers in Jönköping's series nor touches its cases.
        let body = json!({"organisation_id": other, "internal_title": "x", "public_title": "y"});
        registrar.json(Method::POST, "/api/v1/cases", &body).await.assert_status(403);
        registrar
            .json(Method::PATCH, &format!("/api/v1/cases/{case}"), &json!({"status": "closed"}))
            .await
            .assert_status(403);
        registrar.get(&format!("/diarium/{case}/handlingar/ny")).await.assert_status(403);
        registrar.get(&format!("/diarium/{case}")).await.assert_status(200).assert_lacks("handlingar/ny");
        // A signed-in user who registers for none is refused the form.
        t.signed_in("ledamot@test.se", false).await.get("/diarium/nytt").await.assert_status(403);
        // Series: a prefix is one organisation's; bad prefixes are named.
        let org_s = org.to_string();
        for (prefix, message) in [
            ("RJL", "En annan organisation har redan det prefixet."),
            ("R2", "en till tio bokstäver"),
            ("", "måste fyllas i"),
        ] {
            admin
                .post_form("/diarium/serier", &[("organisation_id", &org_s), ("prefix", prefix)])
                .await
                .assert_status(422)
                .assert_contains("id=\"f-prefix-error\"")
                .assert_contains(message);
        }
        admin
            .post_form("/diarium/serier/registratorer", &[("registrar_organisation_id", ""), ("user_id", "x")])
            .await
            .assert_status(422)
            .assert_contains("id=\"f-user_id-error\"");
        // Deleting the organisation takes its registry, and what search held of it, along.
        assert_eq!(t.client().get("/api/v1/search?q=anmälningsärenden").await.json()["total"], 1);
        admin.json_raw(Method::DELETE, &format!("/api/v1/organisations/{other}"), b"").await.assert_status(204);
        assert_eq!(t.client().get("/api/v1/search?q=anmälningsärenden").await.json()["total"], 0);
        t.client().get(&format!("/diarium/{case}")).await.assert_status(404);
    }
}

#[tokio::test]
async fn the_registry_is_open_data_as_oparl_papers() {
    for t in TestApp::each_engine().await {
        let Registry { mut registrar, org, .. } = registry(&t).await;
        let case = register_case(&mut registrar, org, RUS, "RUS – internt").await;
        let year = t.store().today().year();
        let mut c = t.client();
        let list = c.get(&format!("/oparl/v1.1/body/{org}/paper")).await.json();
        let paper = &list["data"][0];
        assert_eq!(paper["type"], "https://schema.oparl.org/1.1/Paper", "{list}");
        assert_eq!((paper["reference"].as_str(), paper["name"].as_str()), (Some(&*format!("RÖ {year}/1")), Some(RUS)));
        assert!(paper["body"].as_str().unwrap().ends_with(&format!("/oparl/v1.1/body/{org}")));
        assert!(!list.to_string().contains("internt"), "the internal title stays in the registry");
        let own = c.get(&format!("/oparl/v1.1/paper/{case}")).await.json();
        assert_eq!(own["id"], paper["id"]);
        assert_eq!(c.get("/oparl/v1.1/paper").await.json()["data"].as_array().unwrap().len(), 1);
        c.get("/oparl/v1.1/paper/999999").await.assert_status(404);
    }
}
