//! Protocols as their users work with them: the secretary drafts, the chair and adjusters
//! approve with their passwords, the notice board announces, corrections stand beside the
//! adjusted version, and anyone can verify, read extracts and download PDFs.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, header};
use common::*;
use domain::ids::{BodyId, MeetingId, PersonId, UserId};
use domain::meetings::{AttendanceInput, AttendanceRole, Deadlines, ItemKind, MeetingInput, MeetingStatus, SWEDEN};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use store::Actor;
use tower::ServiceExt;

/// The people and accounts of one meeting.
struct Fixture {
    meeting: i64,
    chair: i64,
    adj1: i64,
    adj2: i64,
    member: i64,
    absent: i64,
    substitute: i64,
    /// Signed-in clients by role.
    secretary: Client,
    chair_c: Client,
    adj1_c: Client,
    adj2_c: Client,
    member_c: Client,
    outsider: Client,
    admin: Client,
}

async fn person(api: &mut Client, name: &str, org: &Value, party: &str) -> i64 {
    let r =
        api.json(Method::POST, "/api/v1/people", &json!({"name": name, "organisation_id": org, "party": party})).await;
    r.assert_status(201);
    r.json()["id"].as_i64().unwrap()
}

async fn linked(t: &TestApp, email: &str, person: i64) -> Client {
    let uid = t.user(email, false).await;
    t.store().link_user_person(UserId(uid), Some(PersonId(person)), &Actor::system("test")).await.unwrap();
    let mut c = t.client();
    c.login(email, PASSWORD).await;
    c
}

/// Kommunalt forum with a secretary, a chair, two adjusters, members and a serving substitute,
/// and a meeting three days ago that has been held, with two agenda items and an attachment.
async fn fixture(t: &TestApp) -> Fixture {
    let mut api = t.token_client("api@test.se", true).await;
    let mut orgs = Vec::new();
    for (name, kind, code) in [("Region Jönköpings län", "region", "06"), ("Sävsjö kommun", "municipality", "0684")]
    {
        let r =
            api.json(Method::POST, "/api/v1/organisations", &json!({"name": name, "kind": kind, "code": code})).await;
        r.assert_status(201);
        orgs.push(r.json()["id"].clone());
    }
    let (region, savsjo) = (orgs[0].clone(), orgs[1].clone());
    let r = api
        .json(
            Method::POST,
            "/api/v1/bodies",
            &json!({"name": "Kommunalt forum", "kind": "consultation_group", "organisations": [region, savsjo]}),
        )
        .await;
    r.assert_status(201);
    let body = r.json()["id"].as_i64().unwrap();
    let secretary = person(&mut api, "Josefine Colliander", &region, "").await;
    let chair = person(&mut api, "Rachel De Basso", &region, "S").await;
    let adj1 = person(&mut api, "Kerstin Hammar", &region, "M").await;
    let adj2 = person(&mut api, "Therese Petersson", &savsjo, "KD").await;
    let member = person(&mut api, "Pierre Klasson", &savsjo, "C").await;
    let absent = person(&mut api, "Göran Häll", &savsjo, "S").await;
    let substitute = person(&mut api, "Mats Hermansson", &savsjo, "S").await;
    for (p, org, role) in [
        (secretary, &region, "secretary"),
        (chair, &region, "chair"),
        (adj1, &region, "member"),
        (adj2, &savsjo, "member"),
        (member, &savsjo, "member"),
        (absent, &savsjo, "member"),
        (substitute, &savsjo, "substitute"),
    ] {
        api.json(
            Method::POST,
            &format!("/api/v1/bodies/{body}/memberships"),
            &json!({"person_id": p, "organisation_id": org, "role": role, "start": "2023-01-01"}),
        )
        .await
        .assert_status(201);
    }
    let s = t.store();
    let actor = Actor::system("test");
    let date = TODAY - time::Duration::days(3);
    let m = s
        .create_meeting(
            BodyId(body),
            &MeetingInput {
                date,
                start: Some(time::macros::time!(9:00)),
                end: Some(time::macros::time!(12:00)),
                place: Some("Regionens hus, Jönköping".into()),
                online_url: None,
                chair: Some(PersonId(chair)),
                secretary: Some(PersonId(secretary)),
            },
            &actor,
            None,
        )
        .await
        .unwrap();
    s.set_adjusters(m, &[PersonId(adj1), PersonId(adj2)], &actor).await.unwrap();
    let item = |title: &str, kind: ItemKind, case: Option<&str>| domain::meetings::AgendaItemInput {
        title: title.into(),
        kind,
        case_number: case.map(|c| c.parse().unwrap()),
        presenters: vec![],
        description: None,
        starts_at: None,
        ends_at: None,
    };
    let i1 = s
        .add_agenda_item(m, &item("Sammanträdesdatum 2025", ItemKind::Decision, Some("RJL 2024/3340")), &actor, None)
        .await
        .unwrap();
    s.add_agenda_item(m, &item("Regional plan", ItemKind::Information, None), &actor, None).await.unwrap();
    s.add_attachment(
        m,
        Some(i1),
        "Förslag till sammanträdesdatum",
        "datum-2025.pdf",
        &"a".repeat(64),
        10,
        "application/pdf",
        &actor,
    )
    .await
    .unwrap();
    let line = |p: i64, role: AttendanceRole, present: bool| AttendanceInput {
        person: Some(PersonId(p)),
        name: None,
        organisation: None,
        role,
        present,
        replaces: None,
        from_paragraph: None,
        to_paragraph: None,
    };
    let mut lines = vec![
        line(chair, AttendanceRole::Member, true),
        line(adj1, AttendanceRole::Member, true),
        line(adj2, AttendanceRole::Member, true),
        line(member, AttendanceRole::Member, true),
        line(absent, AttendanceRole::Member, false),
        AttendanceInput { replaces: Some(PersonId(absent)), ..line(substitute, AttendanceRole::Substitute, true) },
        line(secretary, AttendanceRole::Secretary, true),
    ];
    // The member leaves after the first paragraph of the year's series plus three.
    lines[3].to_paragraph = Some(3);
    s.set_attendance(m, &lines, &actor).await.unwrap();
    s.set_meeting_status(m, MeetingStatus::Held, &actor).await.unwrap();
    Fixture {
        meeting: m.0,
        chair,
        adj1,
        adj2,
        member,
        absent,
        substitute,
        secretary: linked(t, "sekreterare@test.se", secretary).await,
        chair_c: linked(t, "ordforande@test.se", chair).await,
        adj1_c: linked(t, "justerare1@test.se", adj1).await,
        adj2_c: linked(t, "justerare2@test.se", adj2).await,
        member_c: linked(t, "ledamot@test.se", member).await,
        outsider: t.signed_in("utomstaende@test.se", false).await,
        admin: t.admin().await,
    }
}

/// The raw bytes of a response (the harness reads bodies as text).
async fn bytes(t: &TestApp, path: &str) -> (u16, String, String, Vec<u8>) {
    let req = Request::builder().uri(path).header(header::HOST, "localhost").body(Body::empty()).unwrap();
    let res = web::router(t.app.clone()).oneshot(req).await.unwrap();
    let h =
        |n| res.headers().get(n).map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string()).unwrap_or_default();
    let (ct, cd) = (h(header::CONTENT_TYPE), h(header::CONTENT_DISPOSITION));
    let status = res.status().as_u16();
    (status, ct, cd, res.into_body().collect().await.unwrap().to_bytes().to_vec())
}

/// Checks a PDF with qpdf and pdfinfo; fails (never skips) when the tools are missing.
fn check_pdf(pdf: &[u8], name: &str) {
    let path = std::env::temp_dir().join(format!("{name}-{}.pdf", web::auth::new_secret()));
    std::fs::write(&path, pdf).unwrap();
    let qpdf = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf must be installed (Debian package qpdf)");
    assert!(qpdf.status.success(), "qpdf --check {name}: {}", String::from_utf8_lossy(&qpdf.stdout));
    let info =
        std::process::Command::new("pdfinfo").arg(&path).output().expect("pdfinfo must be installed (poppler-utils)");
    let text = String::from_utf8_lossy(&info.stdout);
    assert!(info.status.success() && text.lines().any(|l| l.starts_with("Tagged:") && l.ends_with("yes")), "{text}");
    let _ = std::fs::remove_file(path);
}

/// A small well-formedness check: one root, every element closed in order, attributes quoted,
/// no bare `&` or `<` in text.
fn assert_well_formed(xml: &str) {
    let body = xml.strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>").expect("an XML declaration");
    let mut stack: Vec<String> = Vec::new();
    let mut rest = body;
    let mut roots = 0;
    while let Some(i) = rest.find('<') {
        let text = &rest[..i];
        assert!(!text.contains('>'), "bare > in text: {text}");
        for (j, _) in text.match_indices('&') {
            let ent = &text[j..text[j..].find(';').map_or(text.len(), |k| j + k + 1)];
            assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&ent), "bad entity {ent}");
        }
        let end = rest[i..].find('>').expect("an unclosed tag") + i;
        let tag = &rest[i + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name.trim()), "mismatched </{name}>");
        } else {
            let name = tag.split_whitespace().next().unwrap().trim_end_matches('/').to_string();
            assert_eq!(tag.matches('"').count() % 2, 0, "unquoted attribute in <{tag}>");
            if stack.is_empty() {
                roots += 1;
            }
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty() && roots == 1, "unclosed {stack:?} or {roots} roots");
}

async fn paragraphs(t: &TestApp, m: i64) -> Vec<store::meetings::ParagraphRow> {
    t.store().paragraphs(MeetingId(m)).await.unwrap()
}

async fn status(t: &TestApp, m: i64) -> MeetingStatus {
    t.store().meeting(MeetingId(m)).await.unwrap().unwrap().status
}

#[tokio::test]
async fn a_protocol_is_drafted_approved_announced_corrected_and_verified() {
    for t in TestApp::each_engine().await {
        let mut f = fixture(&t).await;
        let m = f.meeting;
        let page = format!("/moten/{m}/protokoll");
        let mut anon = t.client();

        // Nothing to read yet, and no draft for those outside the body.
        let r = anon.get(&page).await;
        assert!(r.status.is_redirection() && r.location().starts_with("/logga-in"), "{}", r.context);
        f.outsider.get(&page).await.assert_status(403);

        // The secretary starts the protocol from the agenda.
        f.secretary.get(&page).await.assert_status(200).assert_contains("Påbörja protokoll");
        f.member_c.post_form(&format!("{page}/paborja"), &[]).await.assert_status(403);
        f.secretary.post_form(&format!("{page}/paborja"), &[]).await.assert_status(303);
        let pars = paragraphs(&t, m).await;
        assert_eq!(pars.len(), 4);
        assert_eq!(pars[0].title, "Val av protokollsjusterare");
        assert!(pars[0].decision.contains("Kerstin Hammar (M)"), "{}", pars[0].decision);
        assert_eq!(pars[1].title, "Fastställande av dagordning");
        let (n1, first) = (pars[0].number, pars[2].clone());
        assert_eq!(first.title, "Sammanträdesdatum 2025");
        let pid = first.id;
        let r = f.secretary.get(&page).await;
        r.assert_status(200).assert_contains("Sammanträdesdatum 2025").assert_contains("Regional plan");
        // The member left after § n1+2 and is not among the voters at the last paragraph.
        let r = f.secretary.get(&page).await;
        r.assert_contains(&format!("name=\"ballot-{}\"", f.member))
            .assert_contains(&format!("name=\"ballot-{}\"", f.substitute));
        assert!(!r.body.contains(&format!("name=\"ballot-{}\"", f.absent)), "the absent member cannot vote");
        // Members read the draft, marked as such.
        f.member_c.get(&page).await.assert_status(200).assert_contains("Utkast – ej justerat");

        // Errors are shown at their fields, with what was typed kept.
        let path = format!("{page}/paragrafer/{pid}");
        let attachment = t.store().attachments(MeetingId(m)).await.unwrap()[0].id.to_string();
        let r = f
            .secretary
            .post_form(&path, &[("title", ""), ("case_number", "2024-3340"), ("decision", "Behålls vid fel")])
            .await;
        r.assert_status(422)
            .assert_contains(&format!("#f-p{pid}-title"))
            .assert_contains(&format!("#f-p{pid}-case_number"))
            .assert_contains("Behålls vid fel");
        let decision = "Kommunalt forum fastställer sammanträdestider för år 2025.";
        f.secretary
            .post_form(
                &path,
                &[
                    ("title", "Sammanträdesdatum 2025 Kommunalt forum"),
                    ("case_number", "rjl 2024/3340"),
                    ("decision", decision),
                    ("summary", "Sammanträdesplan har tagits fram."),
                    ("basis", "Förslag till sammanträdesdatum år 2025\n"),
                    ("recipients", "Kommuner i Jönköpings län\nRegionledningskontoret Kansli"),
                    ("attachment", &attachment),
                ],
            )
            .await
            .assert_status(303);
        let row = paragraphs(&t, m).await.into_iter().find(|p| p.id == pid).unwrap();
        assert_eq!(row.case_number.as_deref(), Some("RJL 2024/3340"));
        assert_eq!(row.recipients.len(), 2);

        // Proposals, a vote with each member's ballot, a dissent and a conflict of interest.
        let add = |list: &str| format!("{path}/{list}");
        f.secretary
            .post_form(&add("yrkanden"), &[("by", ""), ("text", "")])
            .await
            .assert_status(422)
            .assert_contains(&format!("#f-p{pid}-motions-by"));
        for (by, text) in [("Kerstin Hammar (M)", "Bifall till förslaget."), ("Pierre Klasson (C)", "Avslag.")] {
            f.secretary.post_form(&add("yrkanden"), &[("by", by), ("text", text)]).await.assert_status(303);
        }
        f.secretary.post_form(&add("yrkanden"), &[("by", "Ingen"), ("text", "Tas bort")]).await.assert_status(303);
        f.secretary.post_form(&format!("{path}/yrkanden/2/ta-bort"), &[]).await.assert_status(303);
        let (chair, adj1, adj2, member, sub) = (
            f.chair.to_string(),
            f.adj1.to_string(),
            f.adj2.to_string(),
            f.member.to_string(),
            f.substitute.to_string(),
        );
        f.secretary
            .post_form(&add("omrostningar"), &[("question", "Ja för bifall"), ("result", "Bifall")])
            .await
            .assert_status(422)
            .assert_contains(&format!("#f-p{pid}-votes-ballots"));
        f.secretary
            .post_form(
                &add("omrostningar"),
                &[
                    ("question", "Ja för Kerstin Hammars yrkande, nej för Pierre Klassons"),
                    ("result", "Kommunalt forum bifaller Kerstin Hammars yrkande."),
                    (&format!("ballot-{chair}"), "yes"),
                    (&format!("ballot-{adj1}"), "yes"),
                    (&format!("ballot-{member}"), "no"),
                    (&format!("ballot-{sub}"), "abstain"),
                    (&format!("ballot-{adj2}"), ""),
                ],
            )
            .await
            .assert_status(303);
        f.secretary
            .post_form(&add("reservationer"), &[("person", &member), ("text", "Datumen krockar med budgetarbetet.")])
            .await
            .assert_status(303);
        f.secretary.post_form(&add("jav"), &[("person", &adj2), ("text", "")]).await.assert_status(303);
        let row = paragraphs(&t, m).await.into_iter().find(|p| p.id == pid).unwrap();
        assert_eq!((row.motions.len(), row.votes.len(), row.dissents.len(), row.conflicts.len()), (2, 1, 1, 1));

        // One paragraph is adjusted at once at the meeting by the chair and both adjusters.
        let oj = paragraphs(&t, m).await[3].clone();
        f.secretary
            .post_form(
                &format!("{page}/paragrafer/{}", oj.id),
                &[("title", &oj.title), ("decision", "Informationen noteras."), ("immediate", "yes")],
            )
            .await
            .assert_status(303);
        let oj_path = format!("{page}/{}/justera", oj.number);
        f.member_c.post_form(&oj_path, &[("password", PASSWORD)]).await.assert_status(403);
        f.chair_c
            .post_form(&oj_path, &[("password", "fel")])
            .await
            .assert_status(422)
            .assert_contains(&format!("#f-oj{}-password", oj.number));
        for c in [&mut f.chair_c, &mut f.adj1_c, &mut f.adj2_c] {
            c.post_form(&oj_path, &[("password", PASSWORD)]).await.assert_status(303);
        }
        f.secretary
            .post_form(&format!("{page}/paragrafer/{}", oj.id), &[("title", "Ändrad"), ("decision", "Ändrad")])
            .await
            .assert_status(422)
            .assert_contains("justerad omedelbart");

        // Submitted, the text is frozen: edits are refused until it is taken back.
        f.secretary.post_form(&format!("{page}/lamna"), &[]).await.assert_status(303);
        assert_eq!(status(&t, m).await, MeetingStatus::ProtocolDrafted);
        f.secretary
            .post_form(&path, &[("title", "Tyst ändring"), ("decision", "Tyst ändring")])
            .await
            .assert_status(422)
            .assert_contains("lämnat för justering");
        f.secretary.post_form(&format!("{page}/ta-tillbaka"), &[]).await.assert_status(303);
        assert_eq!(status(&t, m).await, MeetingStatus::Held);
        f.secretary.post_form(&format!("{page}/lamna"), &[]).await.assert_status(303);

        // Approval: only the chair and the adjusters, each with their own password.
        let approve = format!("{page}/justera");
        f.member_c.post_form(&approve, &[("password", PASSWORD)]).await.assert_status(403);
        f.admin.post_form(&approve, &[("password", PASSWORD)]).await.assert_status(403);
        f.secretary.post_form(&approve, &[("password", PASSWORD)]).await.assert_status(403);
        let r = anon.post_form(&approve, &[("password", PASSWORD)]).await;
        assert!(r.status.is_redirection() && r.location().starts_with("/logga-in"), "{}", r.context);
        f.chair_c.get(&page).await.assert_status(200).assert_contains("Justera protokollet");
        f.chair_c
            .post_form(&approve, &[("password", "inte mitt lösenord")])
            .await
            .assert_status(422)
            .assert_contains("Fel lösenord")
            .assert_contains("#f-password");
        let r = f.chair_c.post_form(&approve, &[("password", PASSWORD)]).await;
        r.assert_status(303);
        assert!(r.location().ends_with("steg=justerat"), "{}", r.location());
        f.adj1_c.post_form(&approve, &[("password", PASSWORD)]).await.assert_status(303);
        f.chair_c.get(&page).await.assert_contains("Du har justerat").assert_contains("Therese Petersson");
        let r = f.adj2_c.post_form(&approve, &[("password", PASSWORD)]).await;
        assert!(r.location().ends_with("steg=klart"), "{}", r.location());
        assert_eq!(status(&t, m).await, MeetingStatus::Announced);

        // Locked: what was approved cannot be replaced silently.
        let versions = t.store().protocol_versions(MeetingId(m)).await.unwrap();
        assert_eq!(versions.len(), 1);
        assert!(versions[0].locked_at.is_some());
        f.chair_c.post_form(&approve, &[("password", PASSWORD)]).await.assert_status(422);

        // The notice board, with dates computed by the statutory deadlines.
        let today = TODAY;
        let a = t.store().meeting_announcement(MeetingId(m)).await.unwrap().unwrap();
        assert_eq!(a.adjusted_on, today);
        assert_eq!(a.posted_on, Some(today));
        let deadline = Deadlines::default().appeal_deadline(today, &SWEDEN);
        assert_eq!(a.appeal_deadline, Some(deadline));
        assert!(a.takedown_on.unwrap() > deadline);
        let r = anon.get("/anslagstavla").await;
        r.assert_status(200)
            .assert_contains("Kommunalt forum")
            .assert_contains(&deadline.to_string())
            .assert_contains(&a.takedown_on.unwrap().to_string())
            .assert_contains("förvaltningsrätten")
            .assert_contains("application/atom+xml")
            .assert_contains(&format!("/moten/{m}/protokoll"));
        anon.get(&format!("/anslagstavla/{}", a.id)).await.assert_status(200).assert_contains(&a.paragraphs);
        anon.get("/anslagstavla/arkiv").await.assert_status(200).assert_lacks(&format!("/anslagstavla/{}\"", a.id));
        anon.get("/anslagstavla/arkiv?ar=abc").await.assert_status(422);
        anon.get("/anslagstavla/999999").await.assert_status(404);
        let feed = anon.get("/anslagstavla.atom").await;
        feed.assert_status(200).assert_contains(&format!("tag:samverkan,2024:anslagstavla/{}", a.id));
        assert!(feed.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/atom+xml"));
        assert_well_formed(&feed.body);
        assert_eq!(feed.body.matches("<entry>").count(), 1);

        // The published protocol, readable by anyone.
        let r = anon.get(&page).await;
        r.assert_status(200)
            .assert_contains("PROTOKOLL")
            .assert_contains(decision)
            .assert_contains("Diarienummer: RJL 2024/3340")
            .assert_contains("Bifall till förslaget.")
            .assert_contains("2 ja, 1 nej, 1 avstår")
            .assert_contains("Datumen krockar med budgetarbetet.")
            .assert_contains("Therese Petersson anmäler jäv")
            .assert_contains("Regionledningskontoret Kansli")
            .assert_contains("Bilaga 2: Förslag till sammanträdesdatum")
            .assert_contains("Paragrafen justeras omedelbart")
            .assert_contains("tjänstgör för Göran Häll")
            .assert_contains(&format!("till och med § {}", n1 + 2))
            .assert_contains(&versions[0].digest)
            .assert_contains("Rachel De Basso")
            .assert_lacks("Utkast – ej justerat")
            .assert_lacks("Rättat protokoll");

        // A correction is a new version with its reason; the adjusted one stays readable.
        let corrected = "Kommunalt forum fastställer sammanträdestider för år 2025 enligt förslaget.";
        f.secretary
            .post_form(
                &path,
                &[
                    ("title", "Sammanträdesdatum 2025 Kommunalt forum"),
                    ("case_number", "RJL 2024/3340"),
                    ("decision", corrected),
                    ("summary", "Sammanträdesplan har tagits fram."),
                    ("basis", "Förslag till sammanträdesdatum år 2025"),
                    ("recipients", "Kommuner i Jönköpings län\nRegionledningskontoret Kansli"),
                    ("attachment", &attachment),
                ],
            )
            .await
            .assert_status(303);
        anon.get(&page).await.assert_contains(decision).assert_lacks(corrected);
        f.secretary
            .post_form(&format!("{page}/rattelse"), &[("reason", "")])
            .await
            .assert_status(422)
            .assert_contains("#f-correction-reason");
        f.member_c.post_form(&format!("{page}/rattelse"), &[("reason", "x")]).await.assert_status(403);
        f.secretary
            .post_form(&format!("{page}/rattelse"), &[("reason", "Felskrivning i beslutet")])
            .await
            .assert_status(303);
        let r = anon.get(&page).await;
        r.assert_contains("Rättat protokoll")
            .assert_contains("Felskrivning i beslutet")
            .assert_contains(&format!("§ {}: beslut", first.number))
            .assert_contains(corrected)
            .assert_contains("?version=1");
        anon.get(&format!("{page}?version=1"))
            .await
            .assert_status(200)
            .assert_contains(decision)
            .assert_lacks(corrected);
        anon.get(&format!("{page}?version=9")).await.assert_status(404);

        // Extracts and PDFs.
        let extract = format!("{page}/{}/utdrag", first.number);
        let latest = t.store().protocol_versions(MeetingId(m)).await.unwrap().pop().unwrap();
        anon.get(&extract)
            .await
            .assert_status(200)
            .assert_contains("Utdragsbestyrkande")
            .assert_contains(&latest.digest)
            .assert_contains(corrected);
        anon.get(&format!("{page}/999/utdrag")).await.assert_status(404);
        let (s, ct, cd, pdf) = bytes(&t, &format!("{page}.pdf")).await;
        assert_eq!((s, ct.as_str()), (200, "application/pdf"));
        let stem =
            format!("protokoll-kommunalt-forum-{}", t.store().meeting(MeetingId(m)).await.unwrap().unwrap().date);
        assert!(cd.starts_with("inline") && cd.contains(&stem), "{cd}");
        check_pdf(&pdf, "protokoll");
        let (s, ct, _, pdf) = bytes(&t, &format!("{extract}.pdf")).await;
        assert_eq!((s, ct.as_str()), (200, "application/pdf"));
        check_pdf(&pdf, "utdrag");

        // Verification, and a tampered text is caught.
        anon.get(&format!("{page}/verifiera"))
            .await
            .assert_status(200)
            .assert_contains("Varje versions text är exakt den som sparades med dess kontrollsumma.");
        let sql = format!(
            "UPDATE protocol_versions SET content = REPLACE(content, 'Bifall till', 'Avslag till') \
             WHERE meeting_id = {m} AND version = 1"
        );
        match &t.store().pool {
            store::Pool::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.map(|_| ()).unwrap(),
            store::Pool::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.map(|_| ()).unwrap(),
        }
        anon.get(&format!("{page}/verifiera"))
            .await
            .assert_status(200)
            .assert_contains("stämmer inte med det som justerades")
            .assert_contains("Texten har ändrats");
    }
}

#[tokio::test]
async fn who_may_see_and_do_what_with_a_protocol() {
    for t in TestApp::each_engine().await {
        let mut f = fixture(&t).await;
        let m = f.meeting;
        let page = format!("/moten/{m}/protokoll");
        let mut anon = t.client();
        f.secretary.post_form(&format!("{page}/paborja"), &[]).await.assert_status(303);
        let pid = paragraphs(&t, m).await[0].id;

        // Reading the draft: (anonymous, outsider, member, approver, secretary, admin).
        let r = anon.get(&page).await;
        assert_eq!(r.status.as_u16(), 303, "{}", r.context);
        let expect = [
            (&mut f.outsider, 403),
            (&mut f.member_c, 200),
            (&mut f.adj1_c, 200),
            (&mut f.secretary, 200),
            (&mut f.admin, 200),
        ];
        for (c, code) in expect {
            c.get(&page).await.assert_status(code);
        }
        // Public pages do not exist before adjustment.
        for path in ["verifiera", "1/utdrag", "1/utdrag.pdf"] {
            anon.get(&format!("{page}/{path}")).await.assert_status(404);
            f.secretary.get(&format!("{page}/{path}")).await.assert_status(404);
        }
        anon.get(&format!("{page}.pdf")).await.assert_status(404);

        // Writing: only those who prepare (the secretary and admins).
        let edit = format!("{page}/paragrafer/{pid}");
        let fields = [("title", "Val av protokollsjusterare"), ("decision", "Beslut")];
        let r = anon.post_form(&edit, &fields).await;
        assert!(r.status.is_redirection() && r.location().starts_with("/logga-in"), "{}", r.context);
        for c in [&mut f.outsider, &mut f.member_c, &mut f.adj1_c, &mut f.chair_c] {
            c.post_form(&edit, &fields).await.assert_status(403);
            c.post_form(&format!("{edit}/yrkanden"), &[("by", "A"), ("text", "B")]).await.assert_status(403);
            c.post_form(&format!("{edit}/yrkanden/0/ta-bort"), &[]).await.assert_status(403);
            c.post_form(&format!("{page}/lamna"), &[]).await.assert_status(403);
        }
        f.admin.post_form(&edit, &fields).await.assert_status(303);
        f.secretary.post_form(&edit, &fields).await.assert_status(303);
        f.secretary.post_form(&format!("{edit}/okand"), &[]).await.assert_status(404);
        // Without the form's token nothing is written.
        f.secretary.post_raw_form(&edit, &fields).await.assert_status(403);
        // Unknown meetings.
        anon.get("/moten/999999/protokoll").await.assert_status(404);
        anon.get("/moten/abc/protokoll").await.assert_status(404);

        // Once adjusted everyone reads it; the board is public.
        let r = f.secretary.post_form(&format!("{page}/lamna"), &[]).await;
        r.assert_status(422).assert_contains("saknar beslut").assert_contains("#f-submit");
        for p in paragraphs(&t, m).await.iter().filter(|p| p.decision.is_empty()) {
            let path = format!("{page}/paragrafer/{}", p.id);
            f.secretary.post_form(&path, &[("title", &p.title), ("decision", "Beslutas.")]).await.assert_status(303);
        }
        f.secretary.post_form(&format!("{page}/lamna"), &[]).await.assert_status(303);
        for c in [&mut f.chair_c, &mut f.adj1_c, &mut f.adj2_c] {
            c.post_form(&format!("{page}/justera"), &[("password", PASSWORD)]).await.assert_status(303);
        }
        for c in [&mut anon, &mut f.outsider, &mut f.member_c, &mut f.secretary, &mut f.admin] {
            c.get(&page).await.assert_status(200).assert_lacks("Utkast – ej justerat");
            c.get(&format!("{page}/verifiera")).await.assert_status(200);
            c.get(&format!("{page}/{}/utdrag", paragraphs(&t, m).await[0].number)).await.assert_status(200);
            c.get("/anslagstavla").await.assert_status(200);
            c.get("/anslagstavla/arkiv").await.assert_status(200);
        }
        // Corrections: only those who prepare.
        for c in [&mut f.outsider, &mut f.member_c, &mut f.chair_c] {
            c.post_form(&format!("{page}/rattelse"), &[("reason", "x")]).await.assert_status(403);
        }
        // Nothing changed: the correction is refused at its field.
        f.secretary
            .post_form(&format!("{page}/rattelse"), &[("reason", "Ingen ändring")])
            .await
            .assert_status(422)
            .assert_contains("Inget har ändrats");
    }
}
