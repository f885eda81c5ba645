//! Processes over HTTP on both engines (issue 14, first part): a process made from seed 000's
//! RUS template moved to a new start, its organisation matched to the consultation structure's
//! bodies; read before publication by the involved bodies' members only; milestones that slip
//! on the store's today, reached late or linked to the agenda item where they happened; the
//! timeline's SVG and table and the iCalendar feed; the stakeholder grid, a dialogue meeting
//! with seed 003's group questions; the public input form with moderation, masking and a
//! throttle; the compilation as HTML, JSON and PDF; every field's bad input named; others
//! refused; every change audited.

use crate::common;

use axum::http::Method;
use common::*;
use domain::cases::Prefix;
use domain::ids::{OrganisationId, UserId};
use serde_json::json;
use store::Actor;
use time::Duration;

const SAMRAD: &str = "Samrådet för strategiska frågor";

#[tokio::test]
async fn a_process_from_the_rus_template_runs_from_plan_to_compilation() {
    for t in TestApp::each_engine().await {
        // Samrådet with its members meets two weeks ago; the item on its agenda is the RUS.
        let m = Fake::meeting()
            .of(Fake::body().named(SAMRAD).in_region("Region Östergötland"))
            .held_on(TODAY - Duration::days(14))
            .with_agenda(&[("Processplan för ny regional utvecklingsstrategi", None)])
            .create(&t)
            .await;
        let region = m.body.region.0;
        let item = t.store().agenda(m.id).await.unwrap()[0].id;
        let mut member = m.client(&t, Role::Member).await;
        let mut outsider = m.client(&t, Role::Outsider).await;
        // The region's registrar owns its processes.
        let mut owner = t.signed_in("processledare@regionostergotland.se", false).await;
        let user =
            t.store().users().await.unwrap().into_iter().find(|u| u.email.starts_with("processledare")).unwrap().id;
        let a = Actor::system("test");
        t.store().set_case_series(OrganisationId(region), &Prefix::parse("prefix", "RÖ").unwrap(), &a).await.unwrap();
        t.store().grant_registrar(OrganisationId(region), UserId(user), &a).await.unwrap();

        // Every field's bad input, named on the form.
        let r =
            owner.post_form("/processer", &[("owner_id", ""), ("title", ""), ("template", "rus"), ("start", "")]).await;
        r.assert_status(422)
            .assert_contains("f-owner_id-error")
            .assert_contains("f-title-error")
            .assert_contains("f-start-error");
        let r = outsider.post_form("/processer", &[("owner_id", &region.to_string()), ("title", "x")]).await;
        assert_eq!(r.status.as_u16(), 403, "only the organisation's owners create");

        // From the RUS template (seed 000) moved to 12 January 2026.
        let form = [
            ("owner_id", region.to_string()),
            ("title", "Ny regional utvecklingsstrategi för Östergötland".to_string()),
            ("template", "rus".to_string()),
            ("start", "2026-01-12".to_string()),
            ("idempotency_key", "rus-process".to_string()),
        ];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = owner.post_form("/processer", &form).await;
        r.assert_status(303);
        let id = id_in(&r.location());
        owner.post_form("/processer", &form).await.assert_status(303);
        assert_eq!(t.count("processes").await, 1, "a retry with the same key makes no second process");
        let x = owner.get(&format!("/api/v1/processes/{id}")).await.json();
        assert_eq!(x["phases"].as_array().unwrap().len(), 4);
        assert_eq!(x["phases"][0]["starts_on"], "2026-01-12");
        assert_eq!(x["roles"][0]["kind"], "steering_group");
        assert_eq!(x["roles"][0]["body"]["id"], m.body.id.0, "the role is held by the body of that name");
        assert_eq!(x["roles"][2]["organisation"]["id"], region, "the owner leads the process");
        // "Processplan beslutad" was planned 105 days after the start: 27 April, slipped since.
        let plan = &x["milestones"][0];
        assert_eq!(
            (plan["title"].as_str(), plan["planned_on"].as_str()),
            (Some("Processplan beslutad"), Some("2026-04-27"))
        );
        assert_eq!(
            plan["progress"],
            json!({"state": "slipped", "days": (TODAY - time::macros::date!(2026 - 04 - 27)).whole_days()})
        );
        assert_eq!(plan["forums"][0]["body"]["id"], m.body.id.0);
        assert_eq!(plan["forums"][0]["role"], "decision");
        let ms = plan["id"].as_i64().unwrap();

        // Unpublished: its owners and the involved bodies' members read it, nobody else.
        let here = format!("/processer/{id}");
        t.client().get(&here).await.assert_status(404);
        outsider.get(&here).await.assert_status(404);
        member.get(&here).await.assert_status(200).assert_contains("Politisk styrgrupp");
        // … and follows it from the start page, with its next milestone.
        member
            .get("/")
            .await
            .assert_status(200)
            .assert_contains("Processer du följer")
            .assert_contains("Mål och prioriteringar förankrade");
        assert!(
            member.get("/api/v1/processes").await.json()["items"].as_array().unwrap().iter().any(|p| p["id"] == id)
        );
        assert!(t.client().get("/api/v1/processes").await.json()["items"].as_array().unwrap().is_empty());
        member.post_form(&format!("{here}/delar/milstolpe"), &[("title", "x")]).await.assert_status(403);

        // The owner records it reached, late; bad input is named.
        let at = format!("/api/v1/processes/{id}/milestones/{ms}");
        let body = json!({"title": "Processplan beslutad", "planned_on": "2026-04-27", "status": "done"});
        let r = owner.json(Method::PUT, &at, &body).await;
        assert_eq!((r.status.as_u16(), r.error().1.as_deref()), (422, Some("actual_on")));
        let body = json!({"title": "Processplan beslutad", "planned_on": "2026-04-27", "status": "done", "actual_on": "2026-05-04"});
        let r = owner.json(Method::PUT, &at, &body).await;
        r.assert_status(200);
        assert_eq!(r.json()["progress"], json!({"state": "late", "days": 7}));
        // … and links Samrådet's agenda item where it happened; a missing one is refused.
        let link = format!("{here}/milstolpar/{ms}/kopplingar");
        owner.post_form(&link, &[("kind", "agenda_item"), ("agenda_item_id", "999999")]).await.assert_status(422);
        owner
            .post_form(&link, &[("kind", "agenda_item"), ("agenda_item_id", &item.to_string())])
            .await
            .assert_status(303);
        owner
            .get(&format!("{here}/milstolpar/{ms}"))
            .await
            .assert_status(200)
            .assert_contains("Processplan för ny regional");
        // A forum named outside the structure, with its part.
        let forum = format!("{here}/milstolpar/{ms}/forum");
        owner
            .post_form(&forum, &[("forum_name", "Kommunchefsnätverket"), ("forum_role", "anchoring")])
            .await
            .assert_status(303);
        owner
            .post_form(&forum, &[("forum_name", ""), ("forum_role", "vote")])
            .await
            .assert_status(422)
            .assert_contains("f-forum_role-error");

        // The timeline: SVG with its table, the slipped milestone flagged; the feed.
        let tl = member.get(&format!("{here}/tidslinje")).await;
        tl.assert_status(200).assert_contains("<svg").assert_contains("Försenad").assert_contains("Nådd sent");
        tl.assert_contains("Processplan för ny regional");
        let cal = member.get(&format!("{here}/kalender.ics")).await;
        cal.assert_status(200).assert_contains("BEGIN:VEVENT").assert_contains("SUMMARY:Processplan beslutad");
        assert_eq!(cal.body.matches("BEGIN:VEVENT").count(), x["milestones"].as_array().unwrap().len());

        // Published and open; the public sees it and sends an input.
        let open = json!({"owner_id": region, "title": "Ny regional utvecklingsstrategi för Östergötland",
            "published": true, "open_for_input": true});
        owner.json(Method::PUT, &format!("/api/v1/processes/{id}"), &open).await.assert_status(200);
        let q = owner
            .json(
                Method::POST,
                &format!("/api/v1/processes/{id}/questions"),
                &json!({"text": "Vilka frågor ska RUS:en adressera?"}),
            )
            .await;
        q.assert_status(201);
        let question = q.json()["id"].as_i64().unwrap();
        let mut public = t.client();
        public.get(&here).await.assert_status(200);
        let bad =
            public.post_form(&format!("{here}/inspel"), &[("kind", "tourist"), ("text", ""), ("sdg", "18")]).await;
        bad.assert_status(422)
            .assert_contains("f-kind-error")
            .assert_contains("f-text-error")
            .assert_contains("f-sdg-error");
        let text = "Jag heter Anna Berg och nås på 070-123 45 67. Bättre tåg mellan Linköping och Norrköping!";
        let sent = public
            .post_form(
                &format!("{here}/inspel"),
                &[
                    ("kind", "resident"),
                    ("text", text),
                    ("author_name", "Anna Berg"),
                    ("author_email", "anna@exempel.se"),
                    ("question_id", &question.to_string()),
                    ("sdg", "9, 11.2"),
                ],
            )
            .await;
        sent.assert_status(303);
        public.get(&sent.location()).await.assert_status(200).assert_contains("granskats");
        // Not published before moderation.
        let c = public.get(&format!("/api/v1/processes/{id}/compilation")).await.json();
        assert_eq!(c["total"], 0);
        // The moderator publishes it: the name and number masked; the sender never shown.
        let queue = owner.get(&format!("{here}/inspel/moderering")).await;
        queue.assert_status(200).assert_contains("anna@exempel.se");
        member.get(&format!("{here}/inspel/moderering")).await.assert_status(403);
        let input =
            owner.get(&format!("/api/v1/processes/{id}/inputs")).await.json()["items"][0]["id"].as_i64().unwrap();
        owner.post_form(&format!("{here}/inspel/{input}"), &[("status", "maybe")]).await.assert_status(422);
        owner.post_form(&format!("{here}/inspel/{input}"), &[("status", "published")]).await.assert_status(303);
        let items = public.get(&format!("/api/v1/processes/{id}/inputs")).await.json();
        let shown = items["items"][0].to_string();
        assert!(
            shown.contains("Bättre tåg")
                && !shown.contains("Anna Berg")
                && !shown.contains("070")
                && !shown.contains("anna@"),
            "{shown}"
        );
        let page = public.get(&format!("{here}/sammanstallning")).await;
        page.assert_status(200)
            .assert_contains("Vilka frågor ska RUS:en adressera?")
            .assert_contains("Invånare")
            .assert_lacks("Anna Berg");
        let pdf = public.get(&format!("{here}/sammanstallning.pdf")).await;
        pdf.assert_status(200);
        assert!(pdf.bytes.starts_with(b"%PDF"));

        // The public form is throttled per address.
        let path = format!("/api/v1/processes/{id}/inputs");
        let mut last = 0;
        for i in 0..10 {
            last = public
                .json(Method::POST, &path, &json!({"kind": "business", "text": format!("Inspel {i}")}))
                .await
                .status
                .as_u16();
        }
        assert_eq!(last, 429, "the address sent its tenth within the hour");

        // Stakeholders and a dialogue meeting with the group questions.
        let sh = format!("{here}/intressenter");
        owner
            .post_form(&sh, &[("kind", "business"), ("interest", "5"), ("influence", "2")])
            .await
            .assert_status(422)
            .assert_contains("f-interest-error")
            .assert_contains("f-organisation_id-error");
        owner
            .post_form(
                &sh,
                &[
                    ("name", "Företagarna Östergötland"),
                    ("kind", "business"),
                    ("interest", "4"),
                    ("influence", "3"),
                    ("invited", "on"),
                ],
            )
            .await
            .assert_status(303);
        public
            .get(&sh)
            .await
            .assert_status(200)
            .assert_contains("Företagarna Östergötland")
            .assert_contains("Involvera nära");
        let d = owner
            .json(
                Method::POST,
                &format!("/api/v1/processes/{id}/dialogues"),
                &json!({
            "title": "Dialogmöte Norrköping", "theme": "Genomförandekraft", "held_on": "2026-10-20",
            "invitees_business": "Norrköpings näringsliv", "question_ids": [question]}),
            )
            .await;
        d.assert_status(201);
        let did = d.json()["id"].as_i64().unwrap();
        public
            .get(&format!("{here}/dialoger/{did}"))
            .await
            .assert_status(200)
            .assert_contains("Norrköpings näringsliv")
            .assert_contains("Vilka frågor ska RUS:en adressera?");
        let r = owner
            .json(Method::POST, &format!("/api/v1/processes/{id}/dialogues"), &json!({"title": "", "held_on": "x"}))
            .await;
        assert_eq!(r.status.as_u16(), 422);

        // Every change is in the audit log.
        let f = store::audit::AuditFilter {
            entity_type: Some("process".into()),
            entity_id: Some(id.to_string()),
            ..Default::default()
        };
        let events = t.store().audit_events(&f, 200).await.unwrap().items;
        let actions: std::collections::BTreeSet<String> = events.iter().map(|e| e.action.clone()).collect();
        for a in [
            "process.create",
            "process.update",
            "process.milestone_update",
            "process.link",
            "process.forum_add",
            "process.question_add",
            "process.input",
            "process.input_moderate",
            "process.stakeholder",
            "process.dialogue",
        ] {
            assert!(actions.contains(a), "{a} audited: {actions:?}");
        }
    }
}

#[tokio::test]
async fn the_demo_has_jonkopings_revision_kalmars_review_and_ostergotlands_new_rus() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        let mut visitor = t.client();
        let items = visitor.get("/api/v1/processes").await.json()["items"].as_array().unwrap().clone();
        assert_eq!(items.len(), 2, "Östergötland's new RUS is not yet published: {items:?}");
        let find = |title: &str| items.iter().find(|p| p["title"] == title).unwrap()["id"].as_i64().unwrap();
        // Jönköping (seed 003): four questions, the forum's § 7 linked, the November 2025
        // adoption slipped, 13 dialogue meetings, the published inputs without their senders.
        let jk = find("Revidering av den regionala utvecklingsstrategin");
        let x = visitor.get(&format!("/api/v1/processes/{jk}")).await.json();
        assert_eq!(x["questions"].as_array().unwrap().len(), 4);
        let ms = x["milestones"].as_array().unwrap();
        let by = |title: &str| ms.iter().find(|m| m["title"] == title).unwrap_or_else(|| panic!("{title}")).clone();
        assert_eq!(by("Antas i regionfullmäktige")["progress"]["state"], "slipped");
        assert_eq!(by("Remissversion beslutad")["progress"], json!({"state": "late", "days": 10}));
        let presented = by("Upplägget presenterat i Kommunalt forum");
        assert_eq!(presented["links"][0]["kind"], "agenda_item");
        assert!(presented["links"][0]["title"].as_str().unwrap().starts_with("Dialogmöten och processen"));
        let dialogues = visitor.get(&format!("/api/v1/processes/{jk}/dialogues")).await.json();
        assert_eq!(dialogues["items"].as_array().unwrap().len(), 13);
        let inputs = visitor.get(&format!("/api/v1/processes/{jk}/inputs")).await.json();
        let inputs = inputs["items"].as_array().unwrap();
        assert_eq!(inputs.len(), 7);
        assert!(inputs.iter().all(|i| i.get("author_name").is_none() && i.get("author_email").is_none()));
        visitor.get(&format!("/processer/{jk}/tidslinje")).await.assert_status(200).assert_contains("Försenad");
        visitor
            .get(&format!("/processer/{jk}/sammanstallning"))
            .await
            .assert_status(200)
            .assert_contains("Vilka frågor ska RUS:en adressera?")
            .assert_contains("Kompetensförsörjningen");
        // Kalmar (seed 002): the review at its own dates, every milestone reached on time.
        let k = visitor.get(&format!("/api/v1/processes/{}", find("Översyn av RUS under 2021–2022"))).await.json();
        assert_eq!(k["phases"][0]["starts_on"], "2021-02-01");
        assert!(k["milestones"].as_array().unwrap().iter().all(|m| m["progress"]["state"] == "on_time"));
        assert_eq!(k["milestones"].as_array().unwrap().last().unwrap()["planned_on"], "2022-12-13");
        // Östergötland (seed 000): its steering group is Samrådet, whose member follows it.
        let member = t.store().user_with_hash("ledamot@demo.samverkan.se").await.unwrap().unwrap().0;
        let all = t.store().processes(true, &[]).await.unwrap();
        let ostg = all.iter().find(|p| p.title == "Ny regional utvecklingsstrategi för Östergötland").unwrap();
        let followed = t.store().processes_read_by_member(member.id).await.unwrap();
        assert!(followed.contains(&ostg.id), "the member of Samrådet för strategiska frågor reads Östergötland's");
        assert!(!followed.contains(&jk), "but not Jönköping's, held in other bodies");
    }
}
