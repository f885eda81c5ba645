//! Protocols as their users work with them: the secretary drafts, the chair and adjusters
//! approve with their passwords, the notice board announces, corrections stand beside the
//! adjusted version, and anyone can verify, read extracts and download PDFs.

use crate::common;

use axum::http::header;
use common::*;
use domain::meetings::{AppealNotice, RemarkInput, SWEDEN, VoteInput};
use domain::meetings::{Choice, Deadlines, MeetingStatus, MotionInput, ParagraphFields, ParagraphInput};
use domain::structure::BodyKind;
use store::Actor;
use store::meetings::{ParagraphEntry, ParagraphRow};
use time::Duration;

/// The decision on the dates as first written, and as corrected after adjustment.
const DECISION: &str = "Kommunalt forum fastställer sammanträdestider för år 2025.";
const CORRECTED: &str = "Kommunalt forum fastställer sammanträdestider för år 2025 enligt förslaget.";

/// Kommunalt forum, whose meeting three days ago has been held, with two agenda items and an
/// attachment: Göran Häll was absent with Mats Hermansson serving for him, and Pierre Klasson
/// (the plain member) left after § 3. Kerstin Hammar and Therese Petersson adjust.
fn kommunalt_forum() -> MeetingBuilder {
    let body = Fake::body()
        .in_region("Region Jönköpings län")
        .chair("Rachel De Basso (S)")
        .secretary("Josefine Colliander")
        .member("Kerstin Hammar (M)")
        .member("Therese Petersson (KD), Sävsjö kommun")
        .member("Pierre Klasson (C), Sävsjö kommun")
        .member("Göran Häll (S), Sävsjö kommun")
        .substitute("Mats Hermansson (S), Sävsjö kommun");
    Fake::meeting()
        .of(body)
        .held_on(TODAY - Duration::days(3))
        .with_adjusters(2)
        .with_agenda(&[("Sammanträdesdatum 2025", Some("RJL 2024/3340")), ("Regional plan", None)])
        .with_attachment("Förslag till sammanträdesdatum")
        .absent("Göran Häll")
        .leaves_after("Pierre Klasson", 3)
}

/// The meeting with its protocol started (§ 1 adjusters, § 2 agenda, § 3 the dates, § 4 the
/// regional plan), and the paragraph of the dates.
async fn started(t: &TestApp) -> (FakeMeeting, ParagraphRow) {
    let m = kommunalt_forum().create(t).await;
    m.start_protocol(t).await;
    let dates = paragraphs(t, &m).await.remove(2);
    (m, dates)
}

/// The dates paragraph as the secretary's form sends it, with `decision`.
fn dates_form<'a>(decision: &'a str, attachment: &'a str) -> [(&'a str, &'a str); 7] {
    [
        ("title", "Sammanträdesdatum 2025 Kommunalt forum"),
        ("case_number", "rjl 2024/3340"),
        ("decision", decision),
        ("summary", "Sammanträdesplan har tagits fram."),
        ("basis", "Förslag till sammanträdesdatum år 2025\n"),
        ("recipients", "Kommuner i Jönköpings län\nRegionledningskontoret Kansli"),
        ("attachment", attachment),
    ]
}

/// The same paragraph for the store.
fn dates_paragraph(decision: &str) -> ParagraphInput {
    let form = dates_form(decision, "");
    let field = |name| form.iter().find(|(n, _)| *n == name).unwrap().1;
    let fields = ParagraphFields {
        title: field("title"),
        case_number: field("case_number"),
        decision,
        summary: field("summary"),
        basis: field("basis"),
        recipients: field("recipients"),
        immediate: false,
    };
    ParagraphInput::parse(&fields).unwrap()
}

/// The meeting adjusted and announced, with everything a protocol holds recorded through the
/// store: the dates decided with the attachment, two proposals, a vote (2 ja, 1 nej, 1 avstår),
/// Pierre Klasson's dissent and Therese Petersson's conflict of interest; the regional plan
/// adjusted at once (OJ) by the chair and both adjusters. Returns the dates paragraph.
async fn published(t: &TestApp) -> (FakeMeeting, ParagraphRow) {
    let (m, dates) = started(t).await;
    let (s, a) = (t.store(), Actor::system("test"));
    let attachment = s.attachments(m.id).await.unwrap()[0].id;
    s.update_paragraph(m.id, dates.id, &dates_paragraph(DECISION), &[attachment], &a).await.unwrap();
    let motion = |by: &str, text: &str| ParagraphEntry::Motion(MotionInput { by: by.into(), text: text.into() });
    let remark = |person, text: Option<&str>| RemarkInput { person, text: text.map(str::to_string) };
    let (chair, kerstin, therese, pierre) = (m.chair, m.adjusters[0], m.adjusters[1], m.member());
    let vote = VoteInput {
        question: "Ja för Kerstin Hammars yrkande, nej för Pierre Klassons".into(),
        result: "Kommunalt forum bifaller Kerstin Hammars yrkande.".into(),
        ballots: vec![
            (chair, Choice::Yes),
            (kerstin, Choice::Yes),
            (pierre, Choice::No),
            (m.body.person("Mats Hermansson"), Choice::Abstain),
        ],
    };
    for entry in [
        motion("Kerstin Hammar (M)", "Bifall till förslaget."),
        motion("Pierre Klasson (C)", "Avslag."),
        ParagraphEntry::Vote(vote),
        ParagraphEntry::Dissent(remark(pierre, Some("Datumen krockar med budgetarbetet."))),
        ParagraphEntry::Conflict(remark(therese, None)),
    ] {
        s.add_to_paragraph(m.id, dates.id, entry, &a).await.unwrap();
    }
    let oj = paragraphs(t, &m).await.remove(3);
    let fields =
        ParagraphFields { title: &oj.title, decision: "Informationen noteras.", immediate: true, ..Default::default() };
    s.update_paragraph(m.id, oj.id, &ParagraphInput::parse(&fields).unwrap(), &[], &a).await.unwrap();
    for p in [chair, kerstin, therese] {
        s.approve_paragraph(m.id, oj.number, p, None, &a).await.unwrap();
    }
    m.submit(t).await;
    m.approve_all(t).await;
    let dates = paragraphs(t, &m).await.remove(2);
    (m, dates)
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

async fn paragraphs(t: &TestApp, m: &FakeMeeting) -> Vec<ParagraphRow> {
    t.store().paragraphs(m.id).await.unwrap()
}

async fn status(t: &TestApp, m: &FakeMeeting) -> MeetingStatus {
    t.store().meeting(m.id).await.unwrap().unwrap().status
}

fn page(m: &FakeMeeting) -> String {
    format!("/moten/{}/protokoll", m.id)
}

/// Anonymous visitors are sent to sign in.
#[track_caller]
fn assert_sign_in(r: &Resp) {
    assert!(r.status.is_redirection() && r.location().starts_with("/logga-in"), "{}", r.context);
}

fn header(r: &Resp, name: header::HeaderName) -> String {
    r.headers.get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

// Drafting.

#[tokio::test]
async fn drafting_starts_from_the_agenda_with_the_opening_paragraphs() {
    for t in TestApp::each_engine().await {
        let m = kommunalt_forum().create(&t).await;
        let page = page(&m);
        let mut secretary = m.client(&t, Role::Secretary).await;
        let mut member = m.client(&t, Role::Member).await;
        // Nothing to read yet, and no draft for those outside the body.
        assert_sign_in(&t.client().get(&page).await);
        m.client(&t, Role::Outsider).await.get(&page).await.assert_status(403);

        secretary.get(&page).await.assert_status(200).assert_contains("Påbörja protokoll");
        member.post_form(&format!("{page}/paborja"), &[]).await.assert_status(403);
        secretary.post_form(&format!("{page}/paborja"), &[]).await.assert_status(303);
        let pars = paragraphs(&t, &m).await;
        assert_eq!(pars.len(), 4);
        assert_eq!(pars[0].title, "Val av protokollsjusterare");
        assert!(pars[0].decision.contains("Kerstin Hammar (M)"), "{}", pars[0].decision);
        assert_eq!(pars[1].title, "Fastställande av dagordning");
        assert_eq!(pars[2].title, "Sammanträdesdatum 2025");
        let r = secretary.get(&page).await;
        r.assert_status(200).assert_contains("Sammanträdesdatum 2025").assert_contains("Regional plan");
        // Members read the draft, marked as such.
        member.get(&page).await.assert_status(200).assert_contains("Utkast – ej justerat");
    }
}

#[tokio::test]
async fn only_those_present_get_a_ballot() {
    for t in TestApp::each_engine().await {
        let (m, dates) = started(&t).await;
        let mut secretary = m.client(&t, Role::Secretary).await;
        let ballot = |p: domain::ids::PersonId| format!("name=\"p{}-ballot-{p}\"", dates.id);
        // No voting grid until the secretary opens a vote for the paragraph (issue 9).
        secretary.get(&page(&m)).await.assert_status(200).assert_lacks(&ballot(m.member()));
        let r = secretary.get(&format!("{}?oppna=p{}-votes", page(&m), dates.id)).await;
        r.assert_contains(&ballot(m.member())).assert_contains(&ballot(m.body.person("Mats Hermansson")));
        assert!(!r.body.contains(&ballot(m.body.person("Göran Häll"))), "the absent member cannot vote");
    }
}

#[tokio::test]
async fn paragraph_errors_are_shown_at_their_fields_with_what_was_typed_kept() {
    for t in TestApp::each_engine().await {
        let (m, dates) = started(&t).await;
        let (pid, path) = (dates.id, format!("{}/paragrafer/{}", page(&m), dates.id));
        let mut secretary = m.client(&t, Role::Secretary).await;
        let r = secretary
            .post_form(&path, &[("title", ""), ("case_number", "2024-3340"), ("decision", "Behålls vid fel")])
            .await;
        r.assert_status(422)
            .assert_contains(&format!("#f-p{pid}-title"))
            .assert_contains(&format!("#f-p{pid}-case_number"))
            .assert_contains("Behålls vid fel");
        secretary
            .post_form(&format!("{path}/yrkanden"), &[("by", ""), ("text", "")])
            .await
            .assert_status(422)
            .assert_contains(&format!("#f-p{pid}-motions-by"));
        secretary
            .post_form(&format!("{path}/omrostningar"), &[("question", "Ja för bifall"), ("result", "Bifall")])
            .await
            .assert_status(422)
            .assert_contains(&format!("#f-p{pid}-votes-ballots"));
    }
}

#[tokio::test]
async fn a_saved_paragraph_has_its_case_number_tidied_and_one_recipient_a_line() {
    for t in TestApp::each_engine().await {
        let (m, dates) = started(&t).await;
        let attachment = t.store().attachments(m.id).await.unwrap()[0].id.to_string();
        let path = format!("{}/paragrafer/{}", page(&m), dates.id);
        let mut secretary = m.client(&t, Role::Secretary).await;
        secretary.post_form(&path, &dates_form(DECISION, &attachment)).await.assert_status(303);
        let row = paragraphs(&t, &m).await.remove(2);
        assert_eq!(row.case_number.as_deref(), Some("RJL 2024/3340"));
        assert_eq!(row.recipients.len(), 2);
        assert_eq!(row.attachments, [attachment.parse::<i64>().unwrap()]);
    }
}

#[tokio::test]
async fn proposals_votes_dissents_and_conflicts_are_recorded() {
    for t in TestApp::each_engine().await {
        let (m, dates) = started(&t).await;
        let path = format!("{}/paragrafer/{}", page(&m), dates.id);
        let add = |list: &str| format!("{path}/{list}");
        let mut secretary = m.client(&t, Role::Secretary).await;
        for (by, text) in [("Kerstin Hammar (M)", "Bifall till förslaget."), ("Pierre Klasson (C)", "Avslag.")] {
            secretary.post_form(&add("yrkanden"), &[("by", by), ("text", text)]).await.assert_status(303);
        }
        secretary.post_form(&add("yrkanden"), &[("by", "Ingen"), ("text", "Tas bort")]).await.assert_status(303);
        secretary.post_form(&format!("{path}/yrkanden/2/ta-bort"), &[]).await.assert_status(303);
        let [chair, adj1, adj2, member, sub] =
            [m.chair, m.adjusters[0], m.adjusters[1], m.member(), m.body.person("Mats Hermansson")]
                .map(|p| p.to_string());
        secretary
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
        secretary
            .post_form(&add("reservationer"), &[("person", &member), ("text", "Datumen krockar med budgetarbetet.")])
            .await
            .assert_status(303);
        secretary.post_form(&add("jav"), &[("person", &adj2), ("text", "")]).await.assert_status(303);
        let row = paragraphs(&t, &m).await.remove(2);
        assert_eq!((row.motions.len(), row.votes.len(), row.dissents.len(), row.conflicts.len()), (2, 1, 1, 1));
        assert_eq!(row.motions[1].text, "Avslag.");
    }
}

#[tokio::test]
async fn a_paragraph_adjusted_at_once_needs_the_chair_and_both_adjusters_and_is_then_locked() {
    for t in TestApp::each_engine().await {
        let (m, _) = started(&t).await;
        let page = page(&m);
        let oj = paragraphs(&t, &m).await.remove(3);
        let edit = format!("{page}/paragrafer/{}", oj.id);
        let mut secretary = m.client(&t, Role::Secretary).await;
        secretary
            .post_form(&edit, &[("title", &oj.title), ("decision", "Informationen noteras."), ("immediate", "yes")])
            .await
            .assert_status(303);
        let approve = format!("{page}/{}/justera", oj.number);
        m.client(&t, Role::Member).await.post_form(&approve, &[("password", PASSWORD)]).await.assert_status(403);
        let mut chair = m.client(&t, Role::Chair).await;
        chair
            .post_form(&approve, &[("password", "fel")])
            .await
            .assert_status(422)
            .assert_contains(&format!("#f-oj{}-password", oj.number));
        for mut c in [chair, m.client(&t, Role::Adjuster(1)).await, m.client(&t, Role::Adjuster(2)).await] {
            c.post_form(&approve, &[("password", PASSWORD)]).await.assert_status(303);
        }
        secretary
            .post_form(&edit, &[("title", "Ändrad"), ("decision", "Ändrad")])
            .await
            .assert_status(422)
            .assert_contains("justerad omedelbart");
    }
}

#[tokio::test]
async fn a_submitted_protocol_is_frozen_until_taken_back() {
    for t in TestApp::each_engine().await {
        let (m, dates) = started(&t).await;
        m.decide_all(&t).await;
        let page = page(&m);
        let mut secretary = m.client(&t, Role::Secretary).await;
        secretary.post_form(&format!("{page}/lamna"), &[]).await.assert_status(303);
        assert_eq!(status(&t, &m).await, MeetingStatus::ProtocolDrafted);
        secretary
            .post_form(
                &format!("{page}/paragrafer/{}", dates.id),
                &[("title", "Tyst ändring"), ("decision", "Tyst ändring")],
            )
            .await
            .assert_status(422)
            .assert_contains("lämnat för justering");
        secretary.post_form(&format!("{page}/ta-tillbaka"), &[]).await.assert_status(303);
        assert_eq!(status(&t, &m).await, MeetingStatus::Held);
        secretary.post_form(&format!("{page}/lamna"), &[]).await.assert_status(303);
        assert_eq!(status(&t, &m).await, MeetingStatus::ProtocolDrafted);
    }
}

// Adjustment.

#[tokio::test]
async fn only_the_chair_and_the_adjusters_approve_each_with_their_own_password() {
    for t in TestApp::each_engine().await {
        let (m, _) = started(&t).await;
        m.decide_all(&t).await;
        m.submit(&t).await;
        let (page, approve) = (page(&m), format!("{}/justera", page(&m)));
        let password = [("password", PASSWORD)];
        for mut c in [m.client(&t, Role::Member).await, t.admin().await, m.client(&t, Role::Secretary).await] {
            c.post_form(&approve, &password).await.assert_status(403);
        }
        assert_sign_in(&t.client().post_form(&approve, &password).await);
        let mut chair = m.client(&t, Role::Chair).await;
        chair.get(&page).await.assert_status(200).assert_contains("Justera protokollet");
        chair
            .post_form(&approve, &[("password", "inte mitt lösenord")])
            .await
            .assert_status(422)
            .assert_contains("Fel lösenord")
            .assert_contains("#f-password");
        let r = chair.post_form(&approve, &password).await;
        r.assert_status(303);
        assert!(r.location().ends_with("steg=justerat"), "{}", r.location());
        m.client(&t, Role::Adjuster(1)).await.post_form(&approve, &password).await.assert_status(303);
        // Who has yet to approve.
        chair.get(&page).await.assert_contains("Du har justerat").assert_contains("Therese Petersson");
        assert_eq!(status(&t, &m).await, MeetingStatus::ProtocolDrafted);
    }
}

#[tokio::test]
async fn the_last_approval_adjusts_locks_and_announces_the_protocol() {
    for t in TestApp::each_engine().await {
        let (m, _) = started(&t).await;
        m.decide_all(&t).await;
        m.submit(&t).await;
        let approve = format!("{}/justera", page(&m));
        let password = [("password", PASSWORD)];
        let mut chair = m.client(&t, Role::Chair).await;
        chair.post_form(&approve, &password).await.assert_status(303);
        m.client(&t, Role::Adjuster(1)).await.post_form(&approve, &password).await.assert_status(303);
        let r = m.client(&t, Role::Adjuster(2)).await.post_form(&approve, &password).await;
        r.assert_status(303);
        assert!(r.location().ends_with("steg=klart"), "{}", r.location());
        assert_eq!(status(&t, &m).await, MeetingStatus::Announced);
        // Locked: what was approved cannot be replaced silently.
        let versions = t.store().protocol_versions(m.id).await.unwrap();
        assert_eq!(versions.len(), 1);
        assert!(versions[0].locked_at.is_some());
        chair.post_form(&approve, &password).await.assert_status(422);
    }
}

// The notice board.

#[tokio::test]
async fn the_notice_board_shows_the_statutory_dates() {
    for t in TestApp::each_engine().await {
        let m = kommunalt_forum().create(&t).await;
        m.adjust(&t).await;
        let a = t.store().meeting_announcement(m.id).await.unwrap().unwrap();
        assert_eq!(a.adjusted_on, TODAY);
        assert_eq!(a.posted_on, Some(TODAY));
        let deadline = Deadlines::default().appeal_deadline(TODAY, &SWEDEN);
        assert_eq!(a.appeal_deadline, Some(deadline));
        assert!(a.takedown_on.unwrap() > deadline);
        let mut anon = t.client();
        anon.get("/anslagstavla")
            .await
            .assert_status(200)
            .assert_contains("Kommunalt forum")
            // A consultation group's notice has no last day to appeal (rule 9); see below.
            .assert_contains(&a.takedown_on.unwrap().to_string())
            .assert_contains("förvaltningsrätten")
            .assert_contains("application/atom+xml")
            .assert_contains(&page(&m));
        anon.get(&format!("/anslagstavla/{}", a.id)).await.assert_status(200).assert_contains(&a.paragraphs);
    }
}

/// Rule 9 and KL 13 kap.: a consultation group has no decision power of its own, so its
/// announced protocol — notice, page, extract — says so instead of inviting an appeal.
#[tokio::test]
async fn a_consultation_groups_announced_protocol_invites_no_appeal() {
    for t in TestApp::each_engine().await {
        let m = kommunalt_forum().create(&t).await;
        m.adjust(&t).await;
        let a = t.store().meeting_announcement(m.id).await.unwrap().unwrap();
        assert_eq!(a.appeal, AppealNotice::NoDecisionPower);
        let mut anon = t.client();
        let number = paragraphs(&t, &m).await[0].number;
        for path in [format!("/anslagstavla/{}", a.id), page(&m), format!("{}/{number}/utdrag", page(&m))] {
            anon.get(&path)
                .await
                .assert_status(200)
                .assert_contains("Organet är ett samverkansorgan utan egen beslutanderätt")
                .assert_lacks("Sista dag för överklagande")
                .assert_lacks("förvaltningsrätten");
        }
        anon.get("/anslagstavla").await.assert_contains("Kan inte överklagas: organet har ingen egen beslutanderätt");
        let json = anon.get(&format!("/api/v1/announcements/{}", a.id)).await;
        assert_eq!(json.json()["appeal"], "no_decision_power");
    }
}

/// KL 13 kap. 1, 5 §§: a decision of an organisation's own board (here a nämnd) is appealed by
/// laglighetsprövning within three weeks of the posting; its notice says how and by when.
#[tokio::test]
async fn an_own_boards_announced_protocol_says_how_to_appeal() {
    for t in TestApp::each_engine().await {
        let body = Fake::body().named("Regional utvecklingsnämnd").kind(BodyKind::Committee);
        let m = Fake::meeting().of(body).held_on(TODAY - Duration::days(3)).create(&t).await;
        m.adjust(&t).await;
        let a = t.store().meeting_announcement(m.id).await.unwrap().unwrap();
        assert_eq!(a.appeal, AppealNotice::Laglighetsprovning);
        let deadline = a.appeal_deadline.unwrap().to_string();
        let mut anon = t.client();
        anon.get(&format!("/anslagstavla/{}", a.id))
            .await
            .assert_status(200)
            .assert_contains("Sista dag för överklagande")
            .assert_contains(&deadline)
            .assert_contains("förvaltningsrätten")
            .assert_lacks("utan egen beslutanderätt");
        anon.get(&page(&m)).await.assert_contains("förvaltningsrätten").assert_lacks("utan egen beslutanderätt");
    }
}

/// WCAG 3.1.2: on an English page, what was written in Swedish — paragraph titles, decisions,
/// the place — is marked `lang="sv"`; on a Swedish page it needs no mark.
#[tokio::test]
async fn swedish_content_on_an_english_page_is_marked_swedish() {
    for t in TestApp::each_engine().await {
        let (m, _) = published(&t).await;
        let mut anon = t.client();
        anon.get(&page(&m)).await.assert_contains(&format!("<p class=\"description\">{DECISION}</p>"));
        anon.post_form("/sprak", &[("lang", "en")]).await;
        anon.get(&page(&m))
            .await
            .assert_contains("<html lang=\"en\">")
            .assert_contains(&format!("<p class=\"description\" lang=\"sv\">{DECISION}</p>"))
            .assert_contains("<span lang=\"sv\">Sammanträdesdatum 2025 Kommunalt forum</span>");
        anon.get(&format!("/moten/{}", m.id)).await.assert_contains("<h3 lang=\"sv\">Sammanträdesdatum 2025</h3>");
    }
}

#[tokio::test]
async fn the_notice_board_archive_holds_only_what_came_down_and_checks_the_year() {
    for t in TestApp::each_engine().await {
        let m = kommunalt_forum().create(&t).await;
        m.adjust(&t).await;
        let a = t.store().meeting_announcement(m.id).await.unwrap().unwrap();
        let mut anon = t.client();
        anon.get("/anslagstavla/arkiv").await.assert_status(200).assert_lacks(&format!("/anslagstavla/{}\"", a.id));
        anon.get("/anslagstavla/arkiv?ar=abc").await.assert_status(422);
        anon.get("/anslagstavla/999999").await.assert_status(404);
    }
}

#[tokio::test]
async fn the_notice_board_feed_is_well_formed_atom() {
    for t in TestApp::each_engine().await {
        let m = kommunalt_forum().create(&t).await;
        m.adjust(&t).await;
        let a = t.store().meeting_announcement(m.id).await.unwrap().unwrap();
        let feed = t.client().get("/anslagstavla.atom").await;
        feed.assert_status(200).assert_contains(&format!("tag:samverkan,2024:anslagstavla/{}", a.id));
        assert!(header(&feed, header::CONTENT_TYPE).starts_with("application/atom+xml"));
        assert_well_formed(&feed.body);
        assert_eq!(feed.body.matches("<entry>").count(), 1);
    }
}

// The published protocol.

#[tokio::test]
async fn the_published_protocol_shows_everything_recorded() {
    for t in TestApp::each_engine().await {
        let (m, _) = published(&t).await;
        let n1 = paragraphs(&t, &m).await[0].number;
        let versions = t.store().protocol_versions(m.id).await.unwrap();
        t.client()
            .get(&page(&m))
            .await
            .assert_status(200)
            .assert_contains("PROTOKOLL")
            .assert_contains(DECISION)
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
    }
}

#[tokio::test]
async fn a_correction_is_a_new_version_beside_the_adjusted_one() {
    for t in TestApp::each_engine().await {
        let (m, dates) = published(&t).await;
        let page = page(&m);
        let attachment = t.store().attachments(m.id).await.unwrap()[0].id.to_string();
        let (mut anon, mut secretary) = (t.client(), m.client(&t, Role::Secretary).await);
        // An edit prepares the correction; the public text stays as adjusted until it is made.
        let edit = format!("{page}/paragrafer/{}", dates.id);
        secretary.post_form(&edit, &dates_form(CORRECTED, &attachment)).await.assert_status(303);
        anon.get(&page).await.assert_contains(DECISION).assert_lacks(CORRECTED);
        let correct = format!("{page}/rattelse");
        secretary
            .post_form(&correct, &[("reason", "")])
            .await
            .assert_status(422)
            .assert_contains("#f-correction-reason");
        m.client(&t, Role::Member).await.post_form(&correct, &[("reason", "x")]).await.assert_status(403);
        secretary.post_form(&correct, &[("reason", "Felskrivning i beslutet")]).await.assert_status(303);
        anon.get(&page)
            .await
            .assert_contains("Rättat protokoll")
            .assert_contains("Felskrivning i beslutet")
            .assert_contains(&format!("§ {}: beslut", dates.number))
            .assert_contains(CORRECTED)
            .assert_contains("?version=1");
        anon.get(&format!("{page}?version=1"))
            .await
            .assert_status(200)
            .assert_contains(DECISION)
            .assert_lacks(CORRECTED);
        anon.get(&format!("{page}?version=9")).await.assert_status(404);
    }
}

#[tokio::test]
async fn extracts_and_pdfs_follow_the_latest_version() {
    for t in TestApp::each_engine().await {
        let (m, dates) = published(&t).await;
        let (s, a) = (t.store(), Actor::system("test"));
        s.update_paragraph(m.id, dates.id, &dates_paragraph(CORRECTED), &dates.attachments, &a).await.unwrap();
        s.correct_protocol(m.id, "Felskrivning i beslutet", &a).await.unwrap();
        let page = page(&m);
        let extract = format!("{page}/{}/utdrag", dates.number);
        let latest = s.protocol_versions(m.id).await.unwrap().pop().unwrap();
        assert_eq!(latest.version, 2);
        let mut anon = t.client();
        anon.get(&extract)
            .await
            .assert_status(200)
            .assert_contains("Utdragsbestyrkande")
            // In the checksum disclosure, not in the certification sentence.
            .assert_contains("<details class=\"checksums\">")
            .assert_contains(&latest.digest)
            .assert_contains(CORRECTED);
        anon.get(&format!("{page}/999/utdrag")).await.assert_status(404);
        let pdf = anon.get(&format!("{page}.pdf")).await;
        assert_eq!((pdf.status.as_u16(), header(&pdf, header::CONTENT_TYPE).as_str()), (200, "application/pdf"));
        let stem = format!("protokoll-kommunalt-forum-{}", s.meeting(m.id).await.unwrap().unwrap().date);
        let cd = header(&pdf, header::CONTENT_DISPOSITION);
        assert!(cd.starts_with("inline") && cd.contains(&stem), "{cd}");
        check_pdf(&pdf.bytes);
        // The checksum is in the metadata (XMP dc:description), out of the reader's way.
        let has_digest = |b: &[u8]| b.windows(64).any(|w| w == latest.digest.as_bytes());
        assert!(has_digest(&pdf.bytes));
        let pdf = anon.get(&format!("{extract}.pdf")).await;
        assert_eq!((pdf.status.as_u16(), header(&pdf, header::CONTENT_TYPE).as_str()), (200, "application/pdf"));
        check_pdf(&pdf.bytes);
        assert!(has_digest(&pdf.bytes));
    }
}

#[tokio::test]
async fn verification_catches_a_tampered_text() {
    for t in TestApp::each_engine().await {
        let (m, _) = published(&t).await;
        let verify = format!("{}/verifiera", page(&m));
        let mut anon = t.client();
        anon.get(&verify)
            .await
            .assert_status(200)
            .assert_contains("Varje versions text är exakt den som sparades med dess kontrollsumma.");
        let sql = format!(
            "UPDATE protocol_versions SET content = REPLACE(content, 'Bifall till', 'Avslag till') \
             WHERE meeting_id = {} AND version = 1",
            m.id
        );
        match &t.store().pool {
            store::Pool::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.map(|_| ()).unwrap(),
            store::Pool::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.map(|_| ()).unwrap(),
        }
        anon.get(&verify)
            .await
            .assert_status(200)
            .assert_contains("stämmer inte med det som justerades")
            .assert_contains("Texten har ändrats");
    }
}

// Who may see and do what.

#[tokio::test]
async fn who_may_read_a_draft_protocol() {
    for t in TestApp::each_engine().await {
        let (m, _) = started(&t).await;
        let page = page(&m);
        let mut anon = t.client();
        let r = anon.get(&page).await;
        assert_eq!(r.status.as_u16(), 303, "{}", r.context);
        let expect = [
            (m.client(&t, Role::Outsider).await, 403),
            (m.client(&t, Role::Member).await, 200),
            (m.client(&t, Role::Adjuster(1)).await, 200),
            (m.client(&t, Role::Secretary).await, 200),
            (t.admin().await, 200),
        ];
        for (mut c, code) in expect {
            c.get(&page).await.assert_status(code);
        }
        // Certified extracts and the PDF exist only once adjusted.
        let mut secretary = m.client(&t, Role::Secretary).await;
        for path in ["1/utdrag", "1/utdrag.pdf"] {
            anon.get(&format!("{page}/{path}")).await.assert_status(404);
            secretary.get(&format!("{page}/{path}")).await.assert_status(404);
        }
        anon.get(&format!("{page}.pdf")).await.assert_status(404);
        // Verification is read like the protocol (as in the API), once there is a version.
        let verify = format!("{page}/verifiera");
        let r = anon.get(&verify).await;
        assert!(r.status.is_redirection() && r.location().starts_with("/logga-in"), "{}", r.context);
        secretary.get(&verify).await.assert_status(404);
        m.decide_all(&t).await;
        m.submit(&t).await;
        secretary.get(&verify).await.assert_status(200);
        m.client(&t, Role::Member).await.get(&verify).await.assert_status(200);
        m.client(&t, Role::Outsider).await.get(&verify).await.assert_status(403);
        t.client().get(&format!("/api/v1/meetings/{}/protocol/verify", m.id.0)).await.assert_status(401);
        // Unknown meetings.
        anon.get("/moten/999999/protokoll").await.assert_status(404);
        anon.get("/moten/abc/protokoll").await.assert_status(404);
    }
}

#[tokio::test]
async fn only_those_who_prepare_may_write_a_draft() {
    for t in TestApp::each_engine().await {
        let (m, _) = started(&t).await;
        let page = page(&m);
        let edit = format!("{page}/paragrafer/{}", paragraphs(&t, &m).await[0].id);
        let fields = [("title", "Val av protokollsjusterare"), ("decision", "Beslut")];
        assert_sign_in(&t.client().post_form(&edit, &fields).await);
        for role in [Role::Outsider, Role::Member, Role::Adjuster(1), Role::Chair] {
            let mut c = m.client(&t, role).await;
            c.post_form(&edit, &fields).await.assert_status(403);
            c.post_form(&format!("{edit}/yrkanden"), &[("by", "A"), ("text", "B")]).await.assert_status(403);
            c.post_form(&format!("{edit}/yrkanden/0/ta-bort"), &[]).await.assert_status(403);
            c.post_form(&format!("{page}/lamna"), &[]).await.assert_status(403);
        }
        t.admin().await.post_form(&edit, &fields).await.assert_status(303);
        let mut secretary = m.client(&t, Role::Secretary).await;
        secretary.post_form(&edit, &fields).await.assert_status(303);
        secretary.post_form(&format!("{edit}/okand"), &[]).await.assert_status(404);
        // Without the form's token nothing is written.
        secretary.post_raw_form(&edit, &fields).await.assert_status(403);
    }
}

#[tokio::test]
async fn a_protocol_is_submitted_only_when_every_paragraph_has_a_decision() {
    for t in TestApp::each_engine().await {
        let (m, _) = started(&t).await;
        let page = page(&m);
        let mut secretary = m.client(&t, Role::Secretary).await;
        let r = secretary.post_form(&format!("{page}/lamna"), &[]).await;
        r.assert_status(422).assert_contains("saknar beslut").assert_contains("#f-submit");
        assert_eq!(status(&t, &m).await, MeetingStatus::Held);
        for p in paragraphs(&t, &m).await.iter().filter(|p| p.decision.is_empty()) {
            let path = format!("{page}/paragrafer/{}", p.id);
            secretary.post_form(&path, &[("title", &p.title), ("decision", "Beslutas.")]).await.assert_status(303);
        }
        secretary.post_form(&format!("{page}/lamna"), &[]).await.assert_status(303);
        assert_eq!(status(&t, &m).await, MeetingStatus::ProtocolDrafted);
    }
}

#[tokio::test]
async fn once_adjusted_everyone_reads_the_protocol_and_the_notice_board() {
    for t in TestApp::each_engine().await {
        let m = kommunalt_forum().create(&t).await;
        m.adjust(&t).await;
        let page = page(&m);
        let number = paragraphs(&t, &m).await[0].number;
        let readers = [
            t.client(),
            m.client(&t, Role::Outsider).await,
            m.client(&t, Role::Member).await,
            m.client(&t, Role::Secretary).await,
            t.admin().await,
        ];
        for mut c in readers {
            c.get(&page).await.assert_status(200).assert_lacks("Utkast – ej justerat");
            c.get(&format!("{page}/verifiera")).await.assert_status(200);
            c.get(&format!("{page}/{number}/utdrag")).await.assert_status(200);
            c.get("/anslagstavla").await.assert_status(200);
            c.get("/anslagstavla/arkiv").await.assert_status(200);
        }
    }
}

#[tokio::test]
async fn only_those_who_prepare_may_correct_and_only_what_changed() {
    for t in TestApp::each_engine().await {
        let m = kommunalt_forum().create(&t).await;
        m.adjust(&t).await;
        let correct = format!("{}/rattelse", page(&m));
        for role in [Role::Outsider, Role::Member, Role::Chair] {
            m.client(&t, role).await.post_form(&correct, &[("reason", "x")]).await.assert_status(403);
        }
        // Nothing changed: the correction is refused at its field.
        m.client(&t, Role::Secretary)
            .await
            .post_form(&correct, &[("reason", "Ingen ändring")])
            .await
            .assert_status(422)
            .assert_contains("Inget har ändrats");
    }
}

/// The text of a PDF as `pdftotext` reads it (poppler-utils, installed with `check_pdf`'s tools).
fn pdf_text(bytes: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("samverkan-text-{}.pdf", web::auth::new_secret()));
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext is missing");
    let _ = std::fs::remove_file(&path);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// KL 5 kap. 67 §: the protocol says which substitute served and for whom, with their parties,
// as a reader of the attendance appendix expects it (issue 9).
#[tokio::test]
async fn the_attendance_appendix_says_who_served_for_whom_with_parties_on_the_page_and_in_the_pdf() {
    for t in TestApp::each_engine().await {
        let (m, _) = published(&t).await;
        t.client()
            .get(&page(&m))
            .await
            .assert_status(200)
            .assert_contains("Mats Hermansson (S)")
            .assert_contains("tjänstgör för Göran Häll (S)");
        let pdf = t.client().get(&format!("{}.pdf", page(&m))).await;
        let text = pdf_text(&pdf.bytes);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("Mats Hermansson (S)"), "{flat}");
        assert!(flat.contains("tjänstgör för Göran Häll (S)"), "the PDF: {flat}");
    }
}
