//! Files on the open form's answers (issue 12: an answer has "attachments"; ADR 52) on both
//! engines: checked like every upload, kept with the answer and not with its registered
//! document (whose files are public), read by the drafters in moderation and in the report's
//! draft, and public only with the published report, for an approved answer of an association
//! or a company. Also: the referral's page finds the caller's consultees in one query, and a
//! reindex gives the referral's search documents as publication did.

use crate::common;
use crate::referrals_open::{open_form, sent, upload};

use axum::http::Method;
use common::*;
use domain::ids::ReferralId;
use serde_json::json;

/// A small PDF that differs by `tag`, so that each answer's file has bytes of its own.
fn pdf(tag: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").into_bytes()
}

/// The open form as multipart parts, with a file (name, bytes) when given.
fn parts<'a>(
    form: &'a [(&'a str, &'a str)],
    file: Option<(&'a str, &'a [u8])>,
) -> Vec<(&'a str, Option<&'a str>, &'a [u8])> {
    let mut p: Vec<_> = form.iter().map(|(k, v)| (*k, None, v.as_bytes())).collect();
    if let Some((name, bytes)) = file {
        p.push(("file", Some(name), bytes));
    }
    p
}

#[tokio::test]
async fn a_bad_file_on_the_open_form_is_said_at_its_field_and_nothing_is_kept() {
    for t in TestApp::each_engine().await {
        let o = sent(&t).await;
        let post = format!("/remisser/{}/yttra", o.referral);
        let mut citizen = t.client();
        citizen.address = Some("198.51.100.21".into());
        // The form sends its file as multipart, with its CSRF token in the address.
        citizen
            .get(&post)
            .await
            .assert_status(200)
            .assert_contains("enctype=\"multipart/form-data\"")
            .assert_contains(&format!("action=\"{post}?csrf="))
            .assert_contains("id=\"f-file\"");
        let (answers, files) = (t.count("referral_answers").await, t.count("files").await);
        // A kind of file not accepted, and a field wrong too: both errors at their fields, what
        // was typed kept.
        let form = open_form("", "private_person", "f1", "Behåll texten om planeringen.");
        let exe: &[u8] = b"MZ\x90\x00binary";
        let r = upload(&mut citizen, &post, &parts(&form, Some(("program.exe", exe)))).await;
        r.assert_status(422)
            .assert_contains("id=\"f-file-error\"")
            .assert_contains("Filtypen stöds inte")
            .assert_contains("id=\"f-name-error\"")
            .assert_contains("Behåll texten om planeringen.")
            .assert_contains("value=\"f1\"");
        // In English too.
        let (ct, body) = multipart(&parts(&form, Some(("program.exe", exe))));
        let csrf = citizen.csrf().await;
        let path = format!("{post}?csrf={csrf}");
        let r = citizen.send_with(Method::POST, &path, Some(&ct), body, &[("accept-language", "en")]).await;
        r.assert_status(422).assert_contains("This type of file is not supported");
        // An empty file, and one over the organisations' limit (25 MB).
        let r = upload(&mut citizen, &post, &parts(&form, Some(("tom.pdf", b"")))).await;
        r.assert_status(422).assert_contains("id=\"f-file-error\"");
        let mut big = pdf("stor");
        big.resize(domain::meetings::attachment::MAX_ATTACHMENT_BYTES + 1, b' ');
        let named = open_form("Sara Holm", "private_person", "f2", "Stor fil.");
        let r = upload(&mut citizen, &post, &parts(&named, Some(("stor.pdf", &big)))).await;
        r.assert_status(422).assert_contains("id=\"f-file-error\"").assert_contains("högst 25 MB");
        // A good file with a field wrong: the form asks for it again, and its bytes are not kept.
        let good = pdf("bra");
        let r = upload(&mut citizen, &post, &parts(&form, Some(("synpunkter.pdf", &good)))).await;
        r.assert_status(422).assert_contains("id=\"f-file-again\"").assert_contains("synpunkter.pdf");
        assert!(!t.app.files.exists(&store::files::sha256_hex(&good)), "{}", t.engine);
        assert_eq!((t.count("referral_answers").await, t.count("files").await), (answers, files), "{}", t.engine);
    }
}

#[tokio::test]
async fn an_open_answers_file_waits_for_moderation_and_the_published_report() {
    for t in TestApp::each_engine().await {
        let mut o = sent(&t).await;
        let id = ReferralId(o.referral);
        let base = format!("/remisser/{}", o.referral);
        let post = format!("{base}/yttra");
        let mut anonymous = t.client();
        // A company, a private person and an association answer, each with a file; the company
        // sends its form twice (one answer, one file).
        let mut company = t.client();
        company.address = Some("203.0.113.21".into());
        let mut form = open_form("Mira Koskinen", "company", "m1", "Se bilagan.");
        form[2] = ("organisation", "Koskinen Bygg AB");
        let (a, b, c) = (pdf("företaget"), pdf("privat"), pdf("föreningen"));
        for _ in 0..2 {
            let r = upload(&mut company, &post, &parts(&form, Some(("Koskinen yttrande.pdf", &a)))).await;
            r.assert_status(200).assert_contains("Tack för dina synpunkter");
        }
        let mut citizen = t.client();
        citizen.address = Some("198.51.100.22".into());
        let form = open_form("Sara Holm", "private_person", "s1", "Min skiss visar busslinjen.");
        upload(&mut citizen, &post, &parts(&form, Some(("Saras skiss.pdf", &b)))).await.assert_status(200);
        let mut association = t.client();
        association.address = Some("198.51.100.23".into());
        let mut form = open_form("Anders Holmgren", "association", "a1", "Föreningen svarar.");
        form[2] = ("organisation", "Kinda hembygdsförening");
        upload(&mut association, &post, &parts(&form, Some(("Kinda.pdf", &c)))).await.assert_status(200);
        let answers = t.store().open_answers(id).await.unwrap();
        let files = t.store().open_answer_files(id).await.unwrap();
        assert_eq!((answers.len(), files.len()), (3, 3), "{}", t.engine);
        // Kept with the answer: the registered documents carry no file, for the registry's
        // files are public.
        assert_eq!(t.count("case_document_files").await, 0, "{}", t.engine);
        let href =
            |name: &str| format!("{base}/svarsbilagor/{}", files.iter().find(|f| f.file_name == name).unwrap().id);
        let (company_file, private_file, association_file) =
            (href("Koskinen yttrande.pdf"), href("Saras skiss.pdf"), href("Kinda.pdf"));
        // Only the drafters read them before moderation, the senders neither.
        anonymous.get(&company_file).await.assert_status(404);
        citizen.get(&private_file).await.assert_status(404);
        let got = o.registrar.get(&company_file).await;
        got.assert_status(200);
        assert!(got.body.starts_with("%PDF"));
        assert_eq!(got.headers["cache-control"], "private, no-store");
        // Moderation shows each answer's file, the page and the API alike.
        let queue = format!("{base}/moderering");
        o.registrar
            .get(&queue)
            .await
            .assert_contains(&format!("href=\"{company_file}\""))
            .assert_contains("Saras skiss.pdf");
        let api = format!("/api/v1/referrals/{}/open-answers", o.referral);
        let listed = o.registrar.get(&api).await.json();
        let company_item = listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["respondent_organisation"] == "Koskinen Bygg AB")
            .unwrap()
            .clone();
        assert_eq!(company_item["files"][0]["file_name"], "Koskinen yttrande.pdf", "{listed}");
        assert_eq!(company_item["files"][0]["href"], company_file.as_str(), "{listed}");
        for a in &answers {
            let decision: &[(&str, &str)] = if a.respondent_type.as_deref() == Some("association") {
                &[("decision", "reject"), ("reason", "Gäller en annan remiss.")]
            } else {
                &[("decision", "publish")]
            };
            o.registrar.post_form(&format!("{queue}/{}", a.id), decision).await.assert_status(303);
        }
        // Moderated, but the report is a draft: still the drafters' alone. The draft shows them
        // which files the report will publish.
        anonymous.get(&company_file).await.assert_status(404);
        o.registrar
            .get(&format!("{base}/redogorelse"))
            .await
            .assert_status(200)
            .assert_contains(&format!("href=\"{company_file}\""))
            .assert_contains("publiceras med samrådsredogörelsen")
            .assert_contains("publiceras inte: en privatpersons fil")
            .assert_lacks("Kinda.pdf");
        for row in t.store().report_rows(id).await.unwrap() {
            let comment = row.comment_id.to_string();
            let form = [("comment_id", comment.as_str()), ("verdict", "noted"), ("reason", "Tas med.")];
            o.registrar.post_form(&format!("{base}/bemotande"), &form).await.assert_status(303);
        }
        o.registrar.post_form(&format!("{base}/granskning"), &[]).await.assert_status(303);
        anonymous.get(&company_file).await.assert_status(404);
        o.registrar.post_form(&format!("{base}/redogorelse/publicera"), &[]).await.assert_status(303);
        // Published: the company's file is everyone's; the private person's and the rejected
        // association's never are.
        let got = anonymous.get(&company_file).await;
        got.assert_status(200);
        assert_eq!(got.headers["cache-control"], "public, max-age=3600, must-revalidate");
        anonymous.get(&private_file).await.assert_status(404);
        anonymous.get(&association_file).await.assert_status(404);
        o.registrar.get(&private_file).await.assert_status(200);
        anonymous
            .get(&format!("{base}/redogorelse"))
            .await
            .assert_status(200)
            .assert_contains(&format!("href=\"{company_file}\""))
            .assert_contains("Koskinen Bygg AB")
            .assert_lacks("Saras skiss.pdf")
            .assert_lacks("Kinda.pdf")
            .assert_lacks("Mira Koskinen")
            .assert_lacks("Sara Holm");
        let report = anonymous.get(&format!("/api/v1/referrals/{}/report", o.referral)).await.json();
        assert_eq!(
            report["files"],
            json!([{"respondent": "Koskinen Bygg AB", "file_name": "Koskinen yttrande.pdf", "href": company_file}])
        );

        // A rebuilt index gives the referral and its report as their publication did.
        let search = "/api/v1/search?q=samr%C3%A5dsredog%C3%B6relse";
        let before = anonymous.get(search).await.json();
        assert!(!before["items"].as_array().unwrap().is_empty(), "{before}");
        t.store().reindex_search().await.unwrap();
        assert_eq!(anonymous.get(search).await.json()["items"], before["items"], "{}", t.engine);
    }
}

#[tokio::test]
async fn the_referrals_page_links_the_answers_of_the_callers_consultees() {
    for t in TestApp::each_engine().await {
        let mut o = sent(&t).await;
        let base = format!("/remisser/{}", o.referral);
        let mut admin = t.signed_in("admin2@test.se", true).await;
        let borgholm = t.store().referral_consultees(ReferralId(o.referral)).await.unwrap()[0].organisation_id.unwrap();
        // A person of Borgholm with an account, and a named person asked with hers.
        let body = json!({"name": "Per Borg", "email": "per.borg@borgholm.example", "organisation_id": borgholm});
        let per = admin.json(Method::POST, "/api/v1/people", &body).await.json()["id"].as_i64().unwrap();
        let body = json!({"name": "Ann Smith", "email": "ann.smith@example.org"});
        let ann = admin.json(Method::POST, "/api/v1/people", &body).await.json()["id"].as_i64().unwrap();
        let form = [("organisation_id", ""), ("person_email", "ann.smith@example.org"), ("obligation", "invited")];
        o.registrar.post_form(&format!("{base}/instanser"), &form).await.assert_status(303);
        let consultees = t.store().referral_consultees(ReferralId(o.referral)).await.unwrap();
        let ann_k = consultees.iter().find(|k| k.person_id == Some(ann)).unwrap().id;
        for (email, person) in [("per@test.se", per), ("ann@test.se", ann)] {
            let user = t.user(email, false).await;
            t.exec(&format!("UPDATE users SET person_id = {person} WHERE id = {user}")).await;
        }
        let link = |k: i64| format!("href=\"/remissvar/{k}\"");
        let mut per_client = t.client();
        per_client.login("per@test.se", PASSWORD).await;
        per_client.get(&base).await.assert_status(200).assert_contains(&link(o.borgholm)).assert_lacks(&link(ann_k));
        let mut ann_client = t.client();
        ann_client.login("ann@test.se", PASSWORD).await;
        ann_client.get(&base).await.assert_contains(&link(ann_k)).assert_lacks(&link(o.borgholm));
        t.member().await.get(&base).await.assert_lacks(&link(o.borgholm)).assert_lacks(&link(ann_k));
        t.client().get(&base).await.assert_lacks(&link(o.borgholm));
        // The same rule decides one consultee's answer page.
        per_client.get(&format!("/remissvar/{}", o.borgholm)).await.assert_status(200);
        per_client.get(&format!("/remissvar/{ann_k}")).await.assert_status(403);
    }
}

/// The open form's API as multipart/form-data: the JSON body's fields as text parts
/// (`comments` and `answers` as JSON text) and the file in the part `file`.
async fn api_upload(c: &mut Client, path: &str, parts: &[(&str, Option<&str>, Vec<u8>)], key: &str) -> Resp {
    let parts: Vec<(&str, Option<&str>, &[u8])> = parts.iter().map(|(n, f, b)| (*n, *f, b.as_slice())).collect();
    let (ct, body) = multipart(&parts);
    let csrf = c.csrf().await;
    c.send_with(Method::POST, path, Some(&ct), body, &[("x-csrf-token", &csrf), ("idempotency-key", key)]).await
}

/// A company's answer as multipart parts, with a file (name, bytes) when given.
fn api_parts(name: &str, file: Option<(&'static str, Vec<u8>)>) -> Vec<(&'static str, Option<&'static str>, Vec<u8>)> {
    let comments = json!([{"section": 3, "text": "Bygg ut kollektivtrafiken."}]).to_string();
    let mut p = vec![
        ("name", None, name.as_bytes().to_vec()),
        ("respondent_type", None, b"company".to_vec()),
        ("organisation", None, "Koskinen Bygg AB".as_bytes().to_vec()),
        ("position", None, b"supports_with_changes".to_vec()),
        ("comments", None, comments.into_bytes()),
    ];
    if let Some((n, b)) = file {
        p.push(("file", Some(n), b));
    }
    p
}

#[tokio::test]
async fn the_open_forms_api_takes_a_file_checked_as_the_pages() {
    for t in TestApp::each_engine().await {
        let mut o = sent(&t).await;
        let id = ReferralId(o.referral);
        let api = format!("/api/v1/referrals/{}/open-answers", o.referral);
        let mut company = t.client();
        company.address = Some("203.0.113.41".into());
        let (answers, files) = (t.count("referral_answers").await, t.count("files").await);
        let exe = || Some(("program.exe", b"MZ\x90\x00binary".to_vec()));

        // A kind of file not accepted: the error at `file`, in the API's error body.
        let r = api_upload(&mut company, &api, &api_parts("Mira Koskinen", exe()), "api-f1").await;
        r.assert_status(422).assert_contains("Filtypen stöds inte");
        assert_eq!(r.error().1.as_deref(), Some("file"), "{}", t.engine);
        // A bad file and a field wrong: refused as the page refuses them.
        let r = api_upload(&mut company, &api, &api_parts("", exe()), "api-f2").await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("name"), "{}", t.engine);
        // Too large (over 25 MB), and comments that are not JSON.
        let mut big = pdf("stor");
        big.resize(domain::meetings::attachment::MAX_ATTACHMENT_BYTES + 1, b' ');
        let r = api_upload(&mut company, &api, &api_parts("Mira Koskinen", Some(("stor.pdf", big))), "api-f3").await;
        r.assert_status(422).assert_contains("högst 25 MB");
        assert_eq!(r.error().1.as_deref(), Some("file"));
        let mut broken = api_parts("Mira Koskinen", None);
        broken[4].2 = b"[{\"section\": 3,".to_vec();
        let r = api_upload(&mut company, &api, &broken, "api-f4").await;
        assert_eq!(r.assert_status(400).error().1.as_deref(), Some("comments"));
        // A part the API does not know.
        let mut unknown = api_parts("Mira Koskinen", None);
        unknown.push(("c3", None, b"Som i formul\xc3\xa4ret.".to_vec()));
        let r = api_upload(&mut company, &api, &unknown, "api-f5").await;
        assert_eq!(r.assert_status(400).error(), ("unknown_field".to_string(), Some("c3".to_string())));
        // Nothing was stored by any of them.
        assert_eq!((t.count("referral_answers").await, t.count("files").await), (answers, files), "{}", t.engine);

        // A PDF: the answer, its file kept with it, pending moderation; sent again with the same
        // key, the same answer and still one file.
        let good = api_parts("Mira Koskinen", Some(("Koskinen yttrande.pdf", pdf("api"))));
        let first = api_upload(&mut company, &api, &good, "api-ok").await;
        first.assert_status(201);
        assert_eq!(first.json()["moderation"], "pending");
        let again = api_upload(&mut company, &api, &good, "api-ok").await;
        assert_eq!(again.assert_status(201).json()["id"], first.json()["id"]);
        let stored = t.store().open_answer_files(id).await.unwrap();
        assert_eq!(stored.len(), 1, "{}", t.engine);
        assert_eq!(stored[0].file_name, "Koskinen yttrande.pdf");
        assert_eq!(Some(stored[0].answer_id), first.json()["id"].as_i64());
        let a = t.store().referral_answer(domain::ids::AnswerId(stored[0].answer_id)).await.unwrap().unwrap();
        assert_eq!(a.respondent_organisation.as_deref(), Some("Koskinen Bygg AB"));
        let comments = t.store().referral_comments(id, Some(domain::ids::AnswerId(a.id))).await.unwrap();
        assert_eq!(
            comments.iter().map(|c| (c.section, c.text.as_str())).collect::<Vec<_>>(),
            [(Some(3), "Bygg ut kollektivtrafiken.")]
        );
        // The drafter reads it in moderation, as a file of the page's form.
        let listed = o.registrar.get(&api).await.json();
        let item = listed["items"].as_array().unwrap().iter().find(|i| i["id"] == first.json()["id"]).unwrap().clone();
        assert_eq!(item["files"][0]["file_name"], "Koskinen yttrande.pdf", "{listed}");
        // Without a file a multipart body is an answer too; JSON stays as it was.
        api_upload(&mut company, &api, &api_parts("Ola Berg", None), "api-nofile").await.assert_status(201);
        let body = json!({"name": "Kim", "respondent_type": "company", "position": "opposes"});
        company.json(Method::POST, &api, &body).await.assert_status(201);
        assert_eq!(t.store().open_answer_files(id).await.unwrap().len(), 1, "{}", t.engine);
    }
}
