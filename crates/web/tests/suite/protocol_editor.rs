//! The protocol editor (issue 9): the whole working copy is one form whose every button saves
//! all the text first, so nothing typed is lost; paragraphs are added, removed and moved with
//! the numbers following; the agenda is the skeleton without doubled opening paragraphs; and a
//! save never silently overwrites what another secretary saved meanwhile.

use crate::common;

use axum::http::Method;
use common::*;
use domain::meetings::{MeetingStatus, ParagraphFields, ParagraphInput};
use serde_json::json;
use store::Actor;
use store::meetings::ParagraphRow;
use time::Duration;

/// A held meeting with three agenda items and attendance, its protocol started: § 1 adjusters,
/// § 2 agenda, § 3–5 the items.
async fn started(t: &TestApp) -> FakeMeeting {
    let m = Fake::meeting()
        .held_on(TODAY - Duration::days(2))
        .with_adjusters(2)
        .with_agenda(&[("Regional plan", None), ("Sammanträdesdatum 2027", Some("RJL 2026/10")), ("Avslutning", None)])
        .with_attendance()
        .create(t)
        .await;
    m.start_protocol(t).await;
    m
}

async fn rows(t: &TestApp, m: &FakeMeeting) -> Vec<ParagraphRow> {
    t.store().paragraphs(m.id).await.unwrap()
}

fn editor(m: &FakeMeeting) -> String {
    format!("/moten/{}/protokoll/utkast", m.id)
}

/// The editor's form as loaded from `rows`, with `changes` (paragraph index, field, value)
/// typed over it and the button `step` pressed.
fn form(rows: &[ParagraphRow], changes: &[(usize, &str, &str)], step: &str) -> Vec<(String, String)> {
    let mut f = vec![("do".to_string(), step.to_string())];
    for (i, r) in rows.iter().enumerate() {
        let typed = |field: &str, loaded: String| {
            changes.iter().find(|(j, n, _)| *j == i && *n == field).map_or(loaded, |(_, _, v)| v.to_string())
        };
        let p = r.id;
        f.push(("pid".into(), p.to_string()));
        f.push((format!("p{p}-stamp"), r.stamp()));
        f.push((format!("p{p}-title"), typed("title", r.title.clone())));
        f.push((format!("p{p}-case_number"), typed("case_number", r.case_number.clone().unwrap_or_default())));
        f.push((format!("p{p}-decision"), typed("decision", r.decision.clone())));
        f.push((format!("p{p}-summary"), typed("summary", r.summary.clone().unwrap_or_default())));
        // As a browser sends a textarea: lines joined with CR LF.
        f.push((format!("p{p}-basis"), typed("basis", r.basis.join("\r\n"))));
        f.push((format!("p{p}-recipients"), typed("recipients", r.recipients.join("\r\n"))));
        if r.immediate {
            f.push((format!("p{p}-immediate"), "yes".into()));
        }
        f.extend(r.attachments.iter().map(|a| (format!("p{p}-attachment"), a.to_string())));
    }
    f
}

async fn post(c: &mut Client, path: &str, f: &[(String, String)]) -> Resp {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.post_form(path, &pairs).await
}

fn numbers_and_titles(rows: &[ParagraphRow]) -> Vec<(i64, String)> {
    rows.iter().map(|r| (r.number, r.title.clone())).collect()
}

#[tokio::test]
async fn every_button_saves_the_text_of_every_paragraph_first() {
    for t in TestApp::each_engine().await {
        let m = started(&t).await;
        let mut secretary = m.client(&t, Role::Secretary).await;
        let before = rows(&t, &m).await;
        let (a, b) = (before[2].id, before[3].id);
        // Text typed into two paragraphs, then a button of a third: every text is stored.
        let typed = [(2, "decision", "Informationen noteras, med tack."), (3, "decision", "Datumen fastställs.")];
        for step in [format!("open:{a}:votes"), "save".to_string(), format!("move:{}:0", before[4].id)] {
            let r = post(&mut secretary, &editor(&m), &form(&rows(&t, &m).await, &typed, &step)).await;
            r.assert_status(303);
            let now = rows(&t, &m).await;
            let find = |id| now.iter().find(|r| r.id == id).unwrap().decision.clone();
            assert_eq!((find(a), find(b)), (typed[0].2.to_string(), typed[1].2.to_string()), "{step}");
        }
        // Opening a vote shows that paragraph's ballots, and only its.
        post(&mut secretary, &editor(&m), &form(&rows(&t, &m).await, &[], &format!("move:{}:4", before[4].id))).await;
        let r = post(&mut secretary, &editor(&m), &form(&rows(&t, &m).await, &[], &format!("open:{b}:votes"))).await;
        let to = r.location();
        assert!(to.contains(&format!("oppna=p{b}-votes")), "{to}");
        let page = secretary.get(&to).await;
        page.assert_status(200).assert_contains(&format!("name=\"p{b}-ballot-{}\"", m.member()));
        assert!(!page.body.contains(&format!("name=\"p{a}-ballot-")), "one vote section is open");
        // A text that does not parse: nothing lost, the page comes back with every text as typed.
        let bad = [(2, "title", ""), (3, "decision", "Behålls trots felet i § 3.")];
        let r = post(&mut secretary, &editor(&m), &form(&rows(&t, &m).await, &bad, "add")).await;
        r.assert_status(422).assert_contains(&format!("#f-p{a}-title")).assert_contains("Behålls trots felet i § 3.");
        assert_eq!(rows(&t, &m).await.len(), 5, "the refused step did nothing");
    }
}

#[tokio::test]
async fn votes_dissents_and_conflicts_are_recorded_from_the_editor() {
    for t in TestApp::each_engine().await {
        let m = started(&t).await;
        let mut secretary = m.client(&t, Role::Secretary).await;
        let loaded = rows(&t, &m).await;
        let pid = loaded[3].id;
        let mut f = form(&loaded, &[(3, "decision", "Skrivet innan voteringen.")], &format!("entry:{pid}:votes"));
        f.extend([
            (format!("p{pid}-votes-question"), "Ja för förslaget".to_string()),
            (format!("p{pid}-votes-result"), "Bifall".to_string()),
            (format!("p{pid}-ballot-{}", m.chair), "yes".to_string()),
            (format!("p{pid}-ballot-{}", m.member()), "no".to_string()),
        ]);
        post(&mut secretary, &editor(&m), &f).await.assert_status(303);
        let mut f = form(&rows(&t, &m).await, &[], &format!("entry:{pid}:dissents"));
        f.push((format!("p{pid}-dissents-person"), m.member().to_string()));
        f.push((format!("p{pid}-dissents-text"), "Av skäl.".to_string()));
        post(&mut secretary, &editor(&m), &f).await.assert_status(303);
        // A vote without ballots: the section comes back open with the error and the question.
        let mut f = form(&rows(&t, &m).await, &[], &format!("entry:{pid}:votes"));
        f.push((format!("p{pid}-votes-question"), "Andra frågan".to_string()));
        f.push((format!("p{pid}-votes-result"), "Avslag".to_string()));
        post(&mut secretary, &editor(&m), &f)
            .await
            .assert_status(422)
            .assert_contains(&format!("#f-p{pid}-votes-ballots"))
            .assert_contains("Andra frågan");
        let row = rows(&t, &m).await.remove(3);
        assert_eq!((row.votes.len(), row.dissents.len(), row.decision.as_str()), (1, 1, "Skrivet innan voteringen."));
        // Recorded ones show under the paragraph and can be deleted from there.
        let page = secretary.get(&format!("/moten/{}/protokoll", m.id)).await;
        page.assert_contains("Ja för förslaget – Bifall").assert_contains(&format!("drop:{pid}:votes:0"));
        post(&mut secretary, &editor(&m), &form(&rows(&t, &m).await, &[], &format!("drop:{pid}:votes:0")))
            .await
            .assert_status(303);
        assert!(rows(&t, &m).await[3].votes.is_empty());
    }
}

#[tokio::test]
async fn paragraphs_are_added_removed_and_moved_with_the_numbers_following() {
    for t in TestApp::each_engine().await {
        let m = started(&t).await;
        let mut secretary = m.client(&t, Role::Secretary).await;
        let loaded = rows(&t, &m).await;
        let first = loaded[0].number;
        // A matter raised at the meeting, after § 3, with text typed elsewhere kept.
        let mut f = form(&loaded, &[(4, "decision", "Sparad när paragrafen lades till.")], "add");
        f.push(("new-title".into(), "Extra ärende: vinterväghållning".into()));
        f.push(("new-after".into(), loaded[2].id.to_string()));
        f.push(("key".into(), "nyckel-1".into()));
        post(&mut secretary, &editor(&m), &f).await.assert_status(303);
        // The same request again (a retry) adds nothing more.
        post(&mut secretary, &editor(&m), &f).await.assert_status(303);
        let now = rows(&t, &m).await;
        let titles: Vec<&str> = now.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Val av protokollsjusterare",
                "Fastställande av dagordning",
                "Regional plan",
                "Extra ärende: vinterväghållning",
                "Sammanträdesdatum 2027",
                "Avslutning"
            ]
        );
        assert_eq!(now.iter().map(|r| r.number).collect::<Vec<_>>(), (first..first + 6).collect::<Vec<_>>());
        assert_eq!(now[5].decision, "Sparad när paragrafen lades till.");
        // A title is needed.
        let mut f = form(&now, &[], "add");
        f.push(("new-title".into(), " ".into()));
        post(&mut secretary, &editor(&m), &f).await.assert_status(422).assert_contains("#f-new-title");
        // Moved up: the numbers follow the order.
        let extra = now[3].id;
        post(&mut secretary, &editor(&m), &form(&now, &[], &format!("move:{extra}:1"))).await.assert_status(303);
        let now = rows(&t, &m).await;
        assert_eq!(now[1].id, extra);
        assert_eq!(now[1].number, first + 1);
        assert_eq!(now[3].title, "Regional plan");
        // Removed: those after move up a number.
        post(&mut secretary, &editor(&m), &form(&now, &[], &format!("remove:{extra}"))).await.assert_status(303);
        let now = rows(&t, &m).await;
        assert_eq!(now.len(), 5);
        assert_eq!(
            numbers_and_titles(&now)[1..3],
            [(first + 1, "Fastställande av dagordning".into()), (first + 2, "Regional plan".into())]
        );
        // Once submitted, the order stays (and an outsider may not touch it at all).
        m.client(&t, Role::Member).await.post_form(&editor(&m), &[("do", "save")]).await.assert_status(403);
        m.decide_all(&t).await;
        m.submit(&t).await;
        let r = t.store().move_paragraph(m.id, now[4].id, 0, &Actor::system("test")).await;
        assert!(r.is_err());
        assert_eq!(t.store().meeting(m.id).await.unwrap().unwrap().status, MeetingStatus::ProtocolDrafted);
    }
}

/// The agenda is the protocol's skeleton: items that are the election of adjusters and the
/// approval of the agenda become those paragraphs, once.
#[tokio::test]
async fn opening_items_on_the_agenda_are_one_paragraph_each() {
    for t in TestApp::each_engine().await {
        let m = Fake::meeting()
            .held_on(TODAY - Duration::days(1))
            .with_adjusters(1)
            .with_agenda(&[
                ("Mötets öppnande", None),
                ("Val av justerare", None),
                ("Godkännande av dagordning", None),
                ("Regional plan", None),
            ])
            .create(&t)
            .await;
        m.start_protocol(&t).await;
        let now = rows(&t, &m).await;
        let titles: Vec<&str> = now.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["Mötets öppnande", "Val av justerare", "Godkännande av dagordning", "Regional plan"]);
        assert!(now[1].decision.starts_with("Till att jämte ordföranden justera"), "{}", now[1].decision);
        assert_eq!(now[2].decision, "Dagordningen fastställs i enlighet med utskickat förslag.");
        assert!(now.iter().all(|r| r.agenda_item_id.is_some()));
        let n: Vec<i64> = now.iter().map(|r| r.number).collect();
        assert_eq!(n, (n[0]..n[0] + 4).collect::<Vec<_>>());
    }
}

#[tokio::test]
async fn a_save_never_overwrites_what_someone_else_saved_meanwhile() {
    for t in TestApp::each_engine().await {
        let m = started(&t).await;
        let mut secretary = m.client(&t, Role::Secretary).await;
        let loaded = rows(&t, &m).await;
        let (a, b) = (loaded[2].clone(), loaded[3].clone());
        // Another secretary saves § b after the page was loaded.
        let theirs = ParagraphInput::parse(&ParagraphFields {
            title: &b.title,
            decision: "Den andra sekreterarens beslut.",
            ..Default::default()
        })
        .unwrap();
        t.store().update_paragraph(m.id, b.id, &theirs, &[], &Actor::system("test")).await.unwrap();
        // Changing only § a is fine: § b, untouched in this form, keeps the other text.
        let r = post(&mut secretary, &editor(&m), &form(&loaded, &[(2, "decision", "Mitt beslut i a.")], "save")).await;
        r.assert_status(303);
        let now = rows(&t, &m).await;
        assert_eq!(
            (now[2].decision.as_str(), now[3].decision.as_str()),
            ("Mitt beslut i a.", "Den andra sekreterarens beslut.")
        );
        // Changing § b too: refused as a whole, the user's text kept, the other's shown beside it.
        let mine = [(2, "decision", "Mitt andra beslut i a."), (3, "decision", "Mitt beslut i b.")];
        let r = post(&mut secretary, &editor(&m), &form(&loaded, &mine, "save")).await;
        r.assert_status(422)
            .assert_contains(&format!("#f-p{}-draft", b.id))
            .assert_contains("har ändrats av någon annan")
            .assert_contains("Mitt beslut i b.")
            .assert_contains("Mitt andra beslut i a.")
            .assert_contains("Den andra sekreterarens beslut.");
        let now = rows(&t, &m).await;
        assert_eq!(
            (now[2].decision.as_str(), now[3].decision.as_str()),
            ("Mitt beslut i a.", "Den andra sekreterarens beslut.")
        );
        // The page came back with the stamp of the other text: saving again replaces it knowingly.
        let stamp = format!("name=\"p{}-stamp\" value=\"{}\"", b.id, now[3].stamp());
        r.assert_contains(&stamp);
        let mut again = form(&loaded, &mine, "save");
        for (k, v) in again.iter_mut() {
            if *k == format!("p{}-stamp", b.id) {
                *v = now[3].stamp();
            }
            if *k == format!("p{}-stamp", a.id) {
                *v = now[2].stamp();
            }
        }
        post(&mut secretary, &editor(&m), &again).await.assert_status(303);
        let now = rows(&t, &m).await;
        assert_eq!(
            (now[2].decision.as_str(), now[3].decision.as_str()),
            ("Mitt andra beslut i a.", "Mitt beslut i b.")
        );
        // A paragraph removed by someone else meanwhile: the user's text for it is not dropped silently.
        t.store().remove_paragraph(m.id, a.id, &Actor::system("test")).await.unwrap();
        let r = post(
            &mut secretary,
            &editor(&m),
            &form(&now, &[(2, "decision", "Text till en borttagen paragraf.")], "save"),
        )
        .await;
        r.assert_status(422).assert_contains("har tagits bort av någon annan");
    }
}

#[tokio::test]
async fn the_api_adds_moves_and_removes_paragraphs() {
    for t in TestApp::each_engine().await {
        let m = started(&t).await;
        let mut admin = t.token_client("api-admin@test.se", true).await;
        let base = format!("/api/v1/meetings/{}/paragraphs", m.id);
        let r = admin.json(Method::POST, &base, &json!({"title": "Extra ärende"})).await;
        r.assert_status(201);
        let id = r.json()["id"].as_i64().unwrap();
        admin.json(Method::POST, &base, &json!({"title": ""})).await.assert_status(422);
        let r = admin.json(Method::POST, &format!("{base}/{id}/move"), &json!({"position": 1})).await;
        r.assert_status(200);
        assert_eq!(r.json()["paragraphs"][0]["id"].as_i64(), Some(id));
        admin.json(Method::POST, &format!("{base}/{id}/move"), &json!({"position": 0})).await.assert_status(422);
        admin.send(Method::DELETE, &format!("{base}/{id}"), None, vec![]).await.assert_status(204);
        assert_eq!(rows(&t, &m).await.len(), 5);
        let mut member = t.token_client("api-member@test.se", false).await;
        member.json(Method::POST, &base, &json!({"title": "X"})).await.assert_status(403);
    }
}

/// Submitting and publishing a correction are buttons of the same form: the text is saved first.
#[tokio::test]
async fn submitting_and_correcting_from_the_editor_save_the_text_first() {
    for t in TestApp::each_engine().await {
        let m = started(&t).await;
        let mut secretary = m.client(&t, Role::Secretary).await;
        // § 4 (a decision item) has no decision yet: refused at the button, the other text saved.
        let typed = [(2, "decision", "Informationen noteras, sparad före inlämningen.")];
        let r = post(&mut secretary, &editor(&m), &form(&rows(&t, &m).await, &typed, "submit")).await;
        r.assert_status(422).assert_contains("saknar beslut").assert_contains("#f-submit");
        assert_eq!(rows(&t, &m).await[2].decision, typed[0].2);
        let decided = [(3, "decision", "Datumen fastställs.")];
        let r = post(&mut secretary, &editor(&m), &form(&rows(&t, &m).await, &decided, "submit")).await;
        r.assert_status(303);
        assert_eq!(t.store().meeting(m.id).await.unwrap().unwrap().status, MeetingStatus::ProtocolDrafted);
        m.approve_all(&t).await;
        // After adjustment the editor prepares a correction and publishes it in one press.
        let corrected = [(3, "decision", "Datumen fastställs enligt förslaget.")];
        let mut f = form(&rows(&t, &m).await, &corrected, "correct");
        f.push(("correction-reason".into(), "Felskrivning i beslutet".into()));
        post(&mut secretary, &editor(&m), &f).await.assert_status(303);
        let versions = t.store().protocol_versions(m.id).await.unwrap();
        assert_eq!(versions.len(), 2);
        assert!(versions[1].protocol().unwrap().paragraphs[3].decision.ends_with("enligt förslaget."));
        // Paragraphs are not added in a correction.
        let mut f = form(&rows(&t, &m).await, &[], "add");
        f.push(("new-title".into(), "Sent ärende".into()));
        post(&mut secretary, &editor(&m), &f).await.assert_status(422).assert_contains("medan protokollet skrivs");
    }
}

/// Paragraphs are numbered through the year: a paragraph added to an earlier meeting may not
/// take a number a later meeting of the body already uses.
#[tokio::test]
async fn an_added_paragraph_never_takes_a_later_meetings_number() {
    for t in TestApp::each_engine().await {
        let m = started(&t).await;
        let (s, a) = (t.store(), Actor::system("test"));
        let input = domain::meetings::MeetingInput {
            date: TODAY - Duration::days(1),
            start: None,
            end: None,
            place: None,
            online_url: None,
            chair: Some(m.chair),
            secretary: Some(m.secretary),
        };
        let later = s.create_meeting(m.body.id, &input, &a, None).await.unwrap();
        s.set_meeting_status(later, MeetingStatus::Held, &a).await.unwrap();
        s.start_protocol(later, &a).await.unwrap();
        let last = rows(&t, &m).await.last().unwrap().number;
        assert_eq!(s.paragraphs(later).await.unwrap()[0].number, last + 1);
        let mut secretary = m.client(&t, Role::Secretary).await;
        let mut f = form(&rows(&t, &m).await, &[(2, "decision", "Sparas ändå.")], "add");
        f.push(("new-title".into(), "Sent ärende".into()));
        post(&mut secretary, &editor(&m), &f)
            .await
            .assert_status(422)
            .assert_contains(&format!("§ {} används redan av ett senare möte", last + 1))
            .assert_contains("#f-new-title");
        let now = rows(&t, &m).await;
        assert_eq!((now.len(), now[2].decision.as_str()), (5, "Sparas ändå."));
        // Removing and moving within the meeting's own numbers is fine.
        post(&mut secretary, &editor(&m), &form(&now, &[], &format!("move:{}:0", now[4].id))).await.assert_status(303);
        assert_eq!(rows(&t, &m).await[0].title, "Avslutning");
    }
}

/// A paragraph adjusted at once (OJ) after the form was loaded keeps its approved text, and its
/// number: the save and the moves that would change it are refused at the paragraph.
#[tokio::test]
async fn a_paragraph_adjusted_at_once_meanwhile_stays_as_approved() {
    for t in TestApp::each_engine().await {
        let m = started(&t).await;
        let (s, a) = (t.store(), Actor::system("test"));
        let loaded = rows(&t, &m).await;
        let oj = loaded[2].clone();
        let fields = ParagraphFields {
            title: &oj.title,
            decision: "Informationen noteras.",
            immediate: true,
            ..Default::default()
        };
        s.update_paragraph(m.id, oj.id, &ParagraphInput::parse(&fields).unwrap(), &[], &a).await.unwrap();
        for p in [m.chair, m.adjusters[0], m.adjusters[1]] {
            s.approve_paragraph(m.id, oj.number, p, None, &a).await.unwrap();
        }
        let mut secretary = m.client(&t, Role::Secretary).await;
        let r = post(&mut secretary, &editor(&m), &form(&loaded, &[(2, "decision", "Ändrat efteråt.")], "save")).await;
        r.assert_status(422).assert_contains(&format!("#f-p{}-draft", oj.id)).assert_contains("justerad omedelbart");
        assert_eq!(rows(&t, &m).await[2].decision, "Informationen noteras.");
        // Moving a paragraph before it would renumber it: refused; after it, fine.
        let now = rows(&t, &m).await;
        let r = post(&mut secretary, &editor(&m), &form(&now, &[], &format!("move:{}:0", now[4].id))).await;
        r.assert_status(422).assert_contains("justerad omedelbart");
        post(&mut secretary, &editor(&m), &form(&now, &[], &format!("move:{}:3", now[4].id))).await.assert_status(303);
        assert_eq!(rows(&t, &m).await[2].number, oj.number);
    }
}
