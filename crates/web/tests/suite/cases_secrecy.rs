//! Secrecy grants and archive packages over HTTP on both engines (issue 11, ADR 54): a
//! registrar grants a named person reading of a secret document; the grantee sees description
//! and file on the page, in the API and in the download, others still see only the
//! registration; revoking ends it (the last day is the domain's rule, tested there); every change is audited. A closed
//! case is exported as a ZIP whose ERMS XML is parsed and whose every file's SHA-256 is
//! checked; documents with files come in through the API as multipart too; the registrar's
//! start page counts the open requests.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;
use sha2::{Digest, Sha256};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
const SECRET: &str = "Synpunkter från privatperson om ersättning";

struct Setup {
    registrar: Client,
    org: i64,
    case: i64,
}

/// Region Östergötland with the series "RÖ", a registrar, a case with a public and a secret
/// document (each with a file).
async fn setup(t: &TestApp) -> Setup {
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
    admin.post_form("/diarium/serier", &[("organisation_id", &org_s), ("prefix", "RÖ")]).await.assert_status(303);
    let mut registrar = t.signed_in("registrator@regionostergotland.se", false).await;
    let user = t.store().users().await.unwrap().into_iter().find(|u| u.email.starts_with("registrator")).unwrap().id;
    admin
        .post_form(
            "/diarium/serier/registratorer",
            &[("registrar_organisation_id", &org_s), ("user_id", &user.to_string())],
        )
        .await
        .assert_status(303);
    let r = registrar
        .json(
            Method::POST,
            "/api/v1/cases",
            &json!({"organisation_id": org, "internal_title": "RUS intern", "public_title": "Regional utvecklingsstrategi"}),
        )
        .await;
    let case = r.assert_status(201).json()["id"].as_i64().unwrap();
    let today = t.store().today().to_string();
    let csrf = registrar.csrf().await;
    for (desc, secret, name) in [("Tjänsteskrivelse RUS", "", "ts.pdf"), (SECRET, "21 kap. 7 §", "brev.pdf")] {
        let (ct, body) = multipart(&[
            ("direction", None, b"incoming"),
            ("document_date", None, today.as_bytes()),
            ("counterpart", None, "Tolvan Tolvansson".as_bytes()),
            ("description", None, desc.as_bytes()),
            ("secrecy_provision", None, secret.as_bytes()),
            ("file", Some(name), PDF),
        ]);
        // The API takes the same multipart form as the page.
        registrar
            .send(Method::POST, &format!("/api/v1/cases/{case}/documents?csrf={csrf}"), Some(&ct), body)
            .await
            .assert_status(201);
    }
    Setup { registrar, org, case }
}

async fn audited(t: &TestApp, action: &str) -> i64 {
    let sql = "SELECT COUNT(*) FROM audit_events WHERE action = $1";
    match &t.store().pool {
        store::Pool::Sqlite(p) => sqlx::query_scalar(sql).bind(action).fetch_one(p).await.unwrap(),
        store::Pool::Postgres(p) => sqlx::query_scalar(sql).bind(action).fetch_one(p).await.unwrap(),
    }
}

#[tokio::test]
async fn a_registrar_grants_reading_of_a_secret_document_and_revokes_it() {
    for t in TestApp::each_engine().await {
        let Setup { mut registrar, case, .. } = setup(&t).await;
        let docs = t.store().case_documents(domain::ids::CaseId(case)).await.unwrap();
        let (secret_doc, secret_file) = (docs[1].id.0, docs[1].files[0].id);
        let mut grantee = t.signed_in("handlaggare@linkoping.se", false).await;
        let mut other = t.signed_in("annan@linkoping.se", false).await;
        let page = format!("/diarium/{case}");
        let file = format!("/diarium/filer/{secret_file}/brev.pdf");
        grantee.get(&page).await.assert_status(200).assert_lacks(SECRET).assert_contains("Sekretess");
        grantee.get(&file).await.assert_status(404);

        // Bad input is named at each field, in Swedish (the page) and English (the API).
        let grants = format!("/diarium/{case}/behorigheter");
        registrar
            .post_form(&grants, &[("grantee", "ingen@linkoping.se"), ("grant_document", "all"), ("grant_reason", "x")])
            .await
            .assert_status(422)
            .assert_contains("Det finns inget aktivt konto med den e-postadressen.");
        registrar
            .post_form(
                &grants,
                &[("grantee", "nej"), ("grant_document", "x"), ("grant_reason", ""), ("grant_until", "2000-01-01")],
            )
            .await
            .assert_status(422)
            .assert_contains("Välj en sekretessmarkerad handling i listan.")
            .assert_contains("Behörigheten kan inte gälla till ett datum som har passerat.");
        let public_doc = docs[0].id.0.to_string();
        registrar
            .post_form(
                &grants,
                &[
                    ("grantee", "handlaggare@linkoping.se"),
                    ("grant_document", &public_doc),
                    ("grant_reason", "Handläggning"),
                ],
            )
            .await
            .assert_status(422)
            .assert_contains("inte sekretessmarkerad");
        let api = format!("/api/v1/cases/{case}/secrecy-grants");
        let r = registrar.json(Method::POST, &api, &json!({"grantee": "handlaggare@linkoping.se", "reason": ""})).await;
        r.assert_status(422);
        assert_eq!(r.error(), ("required".into(), Some("reason".into())));
        // The store's refusal is named as the API's schema names the field.
        let body =
            json!({"grantee": "handlaggare@linkoping.se", "document_id": docs[0].id.0, "reason": "Handläggning"});
        let r = registrar.json(Method::POST, &api, &body).await;
        assert_eq!(r.assert_status(422).error(), ("not_secret".into(), Some("document_id".into())));
        // Only the organisation's registrars grant.
        other
            .post_form(
                &grants,
                &[("grantee", "annan@linkoping.se"), ("grant_document", "all"), ("grant_reason", "Vill läsa")],
            )
            .await
            .assert_status(403);
        t.client().json(Method::GET, &api, &json!({})).await.assert_status(401);

        // The registrar grants the person the secret document.
        let doc = secret_doc.to_string();
        registrar
            .post_form(
                &grants,
                &[
                    ("grantee", "Handlaggare@Linkoping.se"),
                    ("grant_document", &doc),
                    ("grant_reason", "Beredning av yttrande"),
                    ("idempotency_key", "g-1"),
                ],
            )
            .await
            .assert_status(303);
        // A retried post is the same grant.
        registrar
            .post_form(
                &grants,
                &[
                    ("grantee", "handlaggare@linkoping.se"),
                    ("grant_document", &doc),
                    ("grant_reason", "Beredning av yttrande"),
                    ("idempotency_key", "g-1"),
                ],
            )
            .await
            .assert_status(303);
        let list = registrar.get(&api).await.json();
        assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
        let gid = list["items"][0]["id"].as_i64().unwrap();
        registrar.get(&page).await.assert_contains("handlaggare@linkoping.se").assert_contains("Beredning av yttrande");
        // The grantee now reads it everywhere; the marking's details stay the registrars'.
        grantee
            .get(&page)
            .await
            .assert_contains(SECRET)
            .assert_contains("brev.pdf")
            .assert_contains("Du har fått behörighet")
            .assert_lacks("Beredning av yttrande");
        let r = grantee.get(&file).await;
        r.assert_status(200);
        assert_eq!(r.bytes, PDF);
        let d = grantee.get(&format!("/api/v1/cases/{case}/documents")).await.json();
        assert_eq!(d["items"][1]["description"], SECRET);
        assert!(d["items"][1]["secrecy_provision"].is_null());
        grantee.get(&api).await.assert_status(403);
        // Nobody else does.
        other.get(&page).await.assert_lacks(SECRET);
        other.get(&file).await.assert_status(404);
        t.client().get(&page).await.assert_lacks(SECRET).assert_lacks("handlaggare@");
        t.client().get(&file).await.assert_status(404);
        let hits = grantee.get("/api/v1/search?q=ersättning").await.json();
        assert_eq!(hits["total"], 0, "the index never holds secret text: {hits}");

        // Revoked, it opens nothing; revoking twice is a 404.
        registrar.post_form(&format!("/diarium/behorigheter/{gid}/aterkalla"), &[]).await.assert_status(303);
        registrar.json(Method::DELETE, &format!("/api/v1/secrecy-grants/{gid}"), &json!({})).await.assert_status(404);
        grantee.get(&page).await.assert_lacks(SECRET);
        grantee.get(&file).await.assert_status(404);
        registrar.get(&page).await.assert_contains("Återkallad");

        // A grant for the whole case through the API, ending today, then revoked by DELETE.
        let today = t.store().today().to_string();
        let r = registrar
            .json(Method::POST, &api, &json!({"grantee": "annan@linkoping.se", "reason": "Revision", "until": today}))
            .await;
        r.assert_status(201);
        let g2 = r.json()["id"].as_i64().unwrap();
        assert!(r.json()["document_id"].is_null());
        other.get(&file).await.assert_status(200);
        other.json(Method::DELETE, &format!("/api/v1/secrecy-grants/{g2}"), &json!({})).await.assert_status(403);
        registrar.json(Method::DELETE, &format!("/api/v1/secrecy-grants/{g2}"), &json!({})).await.assert_status(204);
        other.get(&file).await.assert_status(404);
        assert_eq!(audited(&t, "secrecy_grant.grant").await, 2, "{}", t.engine);
        assert_eq!(audited(&t, "secrecy_grant.revoke").await, 2, "{}", t.engine);
    }
}

/// The entries of a stored-only ZIP, read from its central directory.
fn unzip(z: &[u8]) -> Vec<(String, Vec<u8>)> {
    let end = z.len() - 22;
    assert_eq!(&z[end..end + 4], b"PK\x05\x06");
    let n = u16::from_le_bytes([z[end + 10], z[end + 11]]) as usize;
    let mut at = u32::from_le_bytes(z[end + 16..end + 20].try_into().unwrap()) as usize;
    let mut out = Vec::new();
    for _ in 0..n {
        assert_eq!(&z[at..at + 4], b"PK\x01\x02");
        let size = u32::from_le_bytes(z[at + 20..at + 24].try_into().unwrap()) as usize;
        let name_len = u16::from_le_bytes([z[at + 28], z[at + 29]]) as usize;
        let local = u32::from_le_bytes(z[at + 42..at + 46].try_into().unwrap()) as usize;
        let name = String::from_utf8(z[at + 46..at + 46 + name_len].to_vec()).unwrap();
        let lname = u16::from_le_bytes([z[local + 26], z[local + 27]]) as usize;
        let data = local + 30 + lname;
        out.push((name, z[data..data + size].to_vec()));
        at += 46 + name_len;
    }
    out
}

fn hex(b: &[u8]) -> String {
    Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

#[tokio::test]
async fn a_closed_case_is_exported_as_an_erms_package_with_checksummed_files() {
    for t in TestApp::each_engine().await {
        let Setup { mut registrar, org, case } = setup(&t).await;
        let zip = format!("/diarium/{case}/arkiv.zip");
        let mut member = t.member().await;
        // Only closed cases, only for registrars.
        registrar.get(&zip).await.assert_status(409);
        registrar
            .json(Method::PATCH, &format!("/api/v1/cases/{case}"), &json!({"status": "closed"}))
            .await
            .assert_status(200);
        registrar.get(&format!("/diarium/{case}")).await.assert_contains("arkiv.zip");
        t.client().get(&zip).await.assert_status(303);
        t.client().get(&format!("/api/v1/cases/{case}/archive")).await.assert_status(401);
        member.get(&zip).await.assert_status(403);
        let r = registrar.get(&zip).await;
        r.assert_status(200);
        assert_eq!(r.headers["content-type"], "application/zip");
        let entries = unzip(&r.bytes);
        let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "erms.xml");
        assert_eq!(*names.last().unwrap(), "checksums.sha256");
        let xml = String::from_utf8(entries[0].1.clone()).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!((root.tag_name().name(), root.tag_name().namespace()), ("erms", Some("https://DILCIS.eu/XML/ERMS")));
        let year = t.store().today().year();
        let agg = root.descendants().find(|n| n.has_tag_name("aggregation")).unwrap();
        assert_eq!(agg.attribute("aggregationType"), Some("caseFile"));
        let text = |n: roxmltree::Node, tag: &str| {
            n.children().find(|c| c.has_tag_name(tag)).and_then(|c| c.text()).unwrap_or_default().to_string()
        };
        assert_eq!(text(agg, "objectId"), format!("RÖ {year}/1"));
        assert_eq!(text(agg, "title"), "Regional utvecklingsstrategi");
        assert!(agg.children().any(|c| c.has_tag_name("action")));
        let records: Vec<_> = agg.children().filter(|c| c.has_tag_name("record")).collect();
        assert_eq!(records.len(), 2);
        let restriction = records[1].children().find(|c| c.has_tag_name("restriction")).unwrap();
        assert_eq!(text(restriction, "regulation"), "OSL 21 kap. 7 §");
        assert_eq!(text(records[1], "title"), SECRET);
        assert!(records[0].children().all(|c| !c.has_tag_name("restriction")));
        // Every appendix is in the package, and every file's digest is the manifest's and the
        // file store's.
        let sums = String::from_utf8(entries.last().unwrap().1.clone()).unwrap();
        let appendices: Vec<_> = root.descendants().filter(|n| n.has_tag_name("appendix")).collect();
        assert_eq!(appendices.len(), 2);
        for a in appendices {
            let path = a.attribute("path").unwrap();
            let (_, bytes) = entries.iter().find(|(n, _)| n == path).unwrap_or_else(|| panic!("{path} missing"));
            let digest = hex(bytes);
            assert!(sums.lines().any(|l| l == format!("{digest}  {path}")), "{path}: {sums}");
            assert!(a.attribute("description").unwrap().contains(&digest));
            assert_eq!(bytes.as_slice(), PDF);
        }
        // The year's closed cases of the organisation: the API and the page give the package.
        let r = registrar.get(&format!("/api/v1/cases/archive?organisation_id={org}&year={year}")).await;
        r.assert_status(200);
        let entries = unzip(&r.bytes);
        assert_eq!(entries.len(), 4);
        registrar.get("/diarium/arkiv").await.assert_status(200).assert_contains("Region Östergötland (RÖ)");
        registrar
            .get(&format!("/diarium/arkiv?organisation_id={org}&year=1800"))
            .await
            .assert_status(422)
            .assert_contains("Ange ett år mellan 1900");
        let r = registrar.get(&format!("/diarium/arkiv?organisation_id={org}&year={year}")).await;
        assert_eq!(r.assert_status(200).headers["content-type"], "application/zip");
        let bad = registrar.get(&format!("/api/v1/cases/archive?organisation_id={org}&year=x")).await;
        bad.assert_status(422);
        assert_eq!(bad.error().1, Some("year".into()));
        member.get(&format!("/api/v1/cases/archive?organisation_id={org}&year={year}")).await.assert_status(403);
        assert!(audited(&t, "case.archive_export").await >= 1);
        assert!(audited(&t, "case.archive_export_year").await >= 2);
    }
}

#[tokio::test]
async fn the_api_upload_refuses_bad_files_in_both_languages_and_the_start_page_counts_requests() {
    for t in TestApp::each_engine().await {
        let Setup { mut registrar, case, org } = setup(&t).await;
        let today = t.store().today().to_string();
        let csrf = registrar.csrf().await;
        let path = format!("/api/v1/cases/{case}/documents?csrf={csrf}");
        for (desc, name, bytes, field, message) in [
            ("", "ts.pdf", PDF, "description", "required"),
            ("Bilaga", "virus.exe", b"MZ\x90\x00".as_slice(), "file", "file"),
        ] {
            let (ct, body) = multipart(&[
                ("direction", None, b"drawn_up"),
                ("document_date", None, today.as_bytes()),
                ("description", None, desc.as_bytes()),
                ("file", Some(name), bytes),
            ]);
            let r = registrar.send_with(Method::POST, &path, Some(&ct), body, &[("accept-language", "en")]).await;
            r.assert_status(422);
            assert_eq!(r.error().1.as_deref(), Some(field), "{}", r.body);
            assert!(r.json()["error"]["message"].as_str().unwrap().is_ascii(), "English: {} ({message})", r.body);
        }
        assert_eq!(t.store().case_documents(domain::ids::CaseId(case)).await.unwrap().len(), 2);
        // A visitor's request shows on the registrar's start page with the open count.
        let mut visitor = t.client();
        visitor
            .post_form(
                &format!("/diarium/{case}/begaran"),
                &[
                    ("requested", "Tjänsteskrivelsen"),
                    ("requester_email", "journalist@example.se"),
                    ("delivery", "email"),
                    ("idempotency_key", ""),
                ],
            )
            .await;
        let open = t.store().open_document_requests(domain::ids::OrganisationId(org)).await.unwrap();
        assert_eq!(open, 1);
        registrar
            .get("/")
            .await
            .assert_contains(&format!("/diarium/begaranden?organisation={org}"))
            .assert_contains("Region Östergötland: 1 öppna begäranden");
    }
}
