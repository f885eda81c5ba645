//! Referrals in the store (issue 12) on SQLite, and on PostgreSQL when
//! `SAMVERKAN_TEST_POSTGRES_URL` is set: a referral of seed 002 (Region Kalmar län's RUS,
//! "Januari – mars: Remisstid" 2022) sent to the county's municipalities, answered, registered
//! in the case's registry on arrival, and answered in a consultation report.

use domain::cases::{CaseInput, Prefix};
use domain::ids::{CommentId, ConsulteeId};
use domain::organisations::{OrganisationInput, OrganisationKind};
use domain::referrals::{
    AnswerInput, CommentInput, Obligation, ReferralFields, ReferralInput, ResponseInput, from_markdown,
};
use store::referrals::ConsulteeTarget;
use store::{Actor, Clock, Store, StoreError};
use time::Date;
use time::macros::date;

const INVITE: &str = "referral.invitations";
const RECEIPT: &str = "referral.receipt";
const REMIND: &str = "referral.reminder";
const NOTIFY: &str = "referral.report_published";

async fn stores(day: Date) -> Vec<crate::common::TestStore> {
    crate::common::stores("referrals", day).await
}

fn on(store: &Store, day: Date) -> Store {
    store.clone().with_clock(Clock::starting_on(day))
}

fn actor() -> Actor {
    Actor::system("test")
}

async fn org(s: &Store, name: &str, kind: &str, code: &str, county: &str) -> domain::ids::OrganisationId {
    let input = OrganisationInput::parse(name, kind, code, county, "", "").unwrap();
    s.create_organisation(&input, &actor(), None).await.unwrap()
}

const RUS: &str = "# Delaktighet, hälsa och välbefinnande\nAlla ska kunna delta.\n\
    # God miljö för barn och unga\nTrygg uppväxt.\n# Hållbar samhällsplanering\nHela länet.\n\
    # Stärkt konkurrenskraft\nFler företag.";

struct Kalmar {
    referral: domain::ids::ReferralId,
    case: domain::ids::CaseId,
    kalmar: domain::ids::OrganisationId,
    borgholm: domain::ids::OrganisationId,
}

/// Region Kalmar län, two of its municipalities and one of Östergötland's; the RUS case and its
/// referral, published to the county's municipalities.
async fn kalmar(s: &Store) -> Kalmar {
    let region = org(s, "Region Kalmar län", "region", "08", "").await;
    let kalmar = org(s, "Kalmar kommun", "municipality", "0880", "").await;
    let borgholm = org(s, "Borgholms kommun", "municipality", "0885", "").await;
    org(s, "Linköpings kommun", "municipality", "0580", "").await;
    s.set_case_series(region, &Prefix::parse("prefix", "RKL").unwrap(), &actor()).await.unwrap();
    let case = CaseInput {
        organisation_id: region,
        internal_title: "Översyn av RUS 2019–2030".into(),
        public_title: "Översyn av regional utvecklingsstrategi".into(),
        responsible: None,
        body_id: None,
    };
    let case = s.register_case(&case, &actor(), None).await.unwrap();
    let input = ReferralInput::parse(
        ReferralFields {
            title: "Regional utvecklingsstrategi för Kalmar län 2019–2030, remissversion",
            document_version: "Remissversion december 2021",
            sent_on: "2022-01-15",
            deadline: "2022-03-31",
            ..Default::default()
        },
        s.today(),
    )
    .unwrap();
    let referral = s.create_referral(case, &input, &actor(), Some("k1")).await.unwrap();
    s.set_referral_sections(referral, 1, &from_markdown(RUS).unwrap(), &actor()).await.unwrap();
    s.add_referral_question(referral, None, "Hur kan strategin bli tydligare kopplad till Agenda 2030?", &actor())
        .await
        .unwrap();
    s.add_referral_question(referral, Some(4), "Vilka insatser stärker konkurrenskraften mest?", &actor())
        .await
        .unwrap();
    let municipalities = s.organisations_of_kind_in_county(OrganisationKind::Municipality, "08").await.unwrap();
    assert_eq!(municipalities, [borgholm, kalmar], "all of the county's municipalities, none of Östergötland's");
    let targets: Vec<_> = municipalities.into_iter().map(ConsulteeTarget::Organisation).collect();
    assert_eq!(s.add_consultees(referral, &targets, Obligation::Obliged, INVITE, &actor()).await.unwrap(), 2);
    assert_eq!(s.add_consultees(referral, &targets, Obligation::Obliged, INVITE, &actor()).await.unwrap(), 0);
    Kalmar { referral, case, kalmar, borgholm }
}

async fn consultee_of(s: &Store, k: &Kalmar, org: domain::ids::OrganisationId) -> ConsulteeId {
    let c = s.referral_consultees(k.referral).await.unwrap();
    ConsulteeId(c.iter().find(|c| c.organisation_id == Some(org.0)).unwrap().id)
}

#[tokio::test]
async fn an_answer_is_submitted_once_and_registered_in_the_case_on_arrival() {
    for s in stores(date!(2022 - 01 - 10)).await {
        let k = kalmar(&s).await;
        // Not yet published: no answers.
        let kc = consultee_of(&s, &k, k.kalmar).await;
        let e = s.save_answer(kc, &AnswerInput::default(), &[], &actor()).await.unwrap_err();
        assert!(matches!(e, StoreError::Invalid(ref i) if i.first().code == "referral_not_open"), "{e:?}");
        let r = s.publish_referral(k.referral, INVITE, &actor()).await.unwrap();
        assert_eq!(r.status, domain::referrals::ReferralStatus::Published);
        // The referral version cannot change once sent.
        let e = s.set_referral_sections(k.referral, 1, &from_markdown(RUS).unwrap(), &actor()).await.unwrap_err();
        assert!(matches!(e, StoreError::Invalid(ref i) if i.first().code == "referral_published"));

        // Kalmar kommun drafts in February and submits.
        let s2 = on(&s, date!(2022 - 02 - 20));
        let draft = AnswerInput::parse("", "KS 2022/0034", "", "").unwrap();
        let a = s2.save_answer(kc, &draft, &[], &actor()).await.unwrap();
        let c =
            CommentInput::parse("4", "Lyft besöksnäringen. Kontakt: anna.berg@example.se, 070-123 45 67.", 4).unwrap();
        s2.add_answer_comment(a, &c, &actor()).await.unwrap();
        let e = s2.submit_answer(a, RECEIPT, &actor()).await.unwrap_err();
        assert!(matches!(e, StoreError::Invalid(ref i) if i.first().field == "position"), "a position first: {e:?}");
        let q = s2.referral_questions(k.referral).await.unwrap();
        let full =
            AnswerInput::parse("supports_with_changes", "KS 2022/0034", "Kommunen tillstyrker med ändringar.", "")
                .unwrap();
        s2.save_answer(kc, &full, &[(q[0].id, Some("Genom målen i varje område.".into()))], &actor()).await.unwrap();
        assert_eq!(s2.case_documents(k.case).await.unwrap().len(), 0, "a draft is not registered");
        let submitted = s2.submit_answer(a, RECEIPT, &actor()).await.unwrap();
        assert_eq!((submitted.status.as_str(), submitted.late), ("submitted", false));
        let docs = s2.case_documents(k.case).await.unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].direction, domain::cases::Direction::Incoming);
        assert_eq!(docs[0].counterpart.as_deref(), Some("Kalmar kommun"));
        assert_eq!(docs[0].registered_on, date!(2022 - 02 - 20));
        assert_eq!(submitted.case_document_id, Some(docs[0].id.0));
        // Once: a second submission, an edit or a new comment is refused, nothing registered twice.
        for e in [
            s2.submit_answer(a, RECEIPT, &actor()).await.unwrap_err(),
            s2.save_answer(kc, &full, &[], &actor()).await.map(|_| ()).unwrap_err(),
            s2.add_answer_comment(a, &c, &actor()).await.map(|_| ()).unwrap_err(),
        ] {
            assert!(matches!(e, StoreError::Invalid(ref i) if i.first().code == "already_submitted"), "{e:?}");
        }
        assert_eq!(s2.case_documents(k.case).await.unwrap().len(), 1);

        // Reminders two weeks before the deadline, to Borgholm only, once.
        let s3 = on(&s, date!(2022 - 03 - 17));
        assert_eq!(s3.enqueue_referral_reminders(s3.today(), REMIND).await.unwrap(), 1);
        assert_eq!(s3.enqueue_referral_reminders(s3.today(), REMIND).await.unwrap(), 0);

        // Borgholm answers after the deadline: taken and flagged late (the referral accepts late answers).
        let s4 = on(&s, date!(2022 - 04 - 04));
        let bc = consultee_of(&s, &k, k.borgholm).await;
        let b =
            s4.save_answer(bc, &AnswerInput::parse("no_comment", "", "", "").unwrap(), &[], &actor()).await.unwrap();
        let late = s4.submit_answer(b, RECEIPT, &actor()).await.unwrap();
        assert!(late.late);
        let dash = s4.referral_consultees(k.referral).await.unwrap();
        assert!(dash.iter().all(|c| c.answer_status.as_deref() == Some("submitted")));
        assert_eq!(s4.case_documents(k.case).await.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn the_report_answers_every_comment_masks_personal_data_and_publishes_after_review() {
    for s in stores(date!(2022 - 01 - 10)).await {
        let k = kalmar(&s).await;
        s.publish_referral(k.referral, INVITE, &actor()).await.unwrap();
        let s2 = on(&s, date!(2022 - 02 - 01));
        let kc = consultee_of(&s, &k, k.kalmar).await;
        let a = s2.save_answer(kc, &AnswerInput::parse("opposes", "", "", "").unwrap(), &[], &actor()).await.unwrap();
        for (section, text) in [("1", "Folkhälsan saknas. Ring 0480-45 00 00."), ("", "Strategin är för lång.")] {
            s2.add_answer_comment(a, &CommentInput::parse(section, text, 4).unwrap(), &actor()).await.unwrap();
        }
        s2.submit_answer(a, RECEIPT, &actor()).await.unwrap();
        let rows = s2.report_rows(k.referral).await.unwrap();
        assert_eq!(rows.len(), 2);
        // Nothing is published before the review; the review needs every comment answered.
        let e = s2.publish_report(k.referral, NOTIFY, &actor()).await.unwrap_err();
        assert!(matches!(e, StoreError::Invalid(ref i) if i.first().code == "review_first"));
        let first = CommentId(rows[0].comment_id);
        s2.respond_to_comment(k.referral, first, &ResponseInput::parse("accommodated", "").unwrap(), &actor())
            .await
            .unwrap();
        let e = s2.review_report(k.referral, &[], &actor()).await.unwrap_err();
        assert!(matches!(e, StoreError::Invalid(ref i) if i.first().code == "comments_unanswered"));
        let second = CommentId(rows[1].comment_id);
        let reason = ResponseInput::parse("not_accommodated", "Längden följer av förordningen (2017:583).").unwrap();
        s2.respond_to_comment(k.referral, second, &reason, &actor()).await.unwrap();
        assert_eq!(s2.review_report(k.referral, &[], &actor()).await.unwrap(), 1);
        let rows = s2.report_rows(k.referral).await.unwrap();
        let masked: Vec<_> = rows.iter().filter_map(|r| r.masked_text.as_deref()).collect();
        assert!(masked.contains(&"Folkhälsan saknas. Ring [maskerat]."), "{masked:?}");
        // After the review responses are closed; publication follows.
        let e = s2.respond_to_comment(k.referral, first, &reason, &actor()).await.unwrap_err();
        assert!(matches!(e, StoreError::Invalid(ref i) if i.first().code == "report_closed"));
        s2.publish_report(k.referral, NOTIFY, &actor()).await.unwrap();
        let r = s2.referral(k.referral).await.unwrap().unwrap();
        assert_eq!(r.report_status, domain::referrals::ReportStatus::Published);
    }
}

// Rule 22 and GDPR art. 17 (ADR 35): a name removed from the web before the personal-data
// review is hidden by the review, whatever the drafter keeps; one removed after it is hidden in
// the published comment then; the comment as received keeps both; an elected representative's
// name stays.
#[tokio::test]
async fn a_name_removed_from_the_web_is_hidden_in_published_comments() {
    use domain::organisations::PersonInput;
    use domain::privacy::RemovalInput;
    for s in stores(date!(2022 - 01 - 10)).await {
        let k = kalmar(&s).await;
        s.publish_referral(k.referral, INVITE, &actor()).await.unwrap();
        let s2 = on(&s, date!(2022 - 02 - 01));
        let person = |name: &str, party: &str| PersonInput {
            name: name.into(),
            title: None,
            organisation_id: None,
            party: (!party.is_empty()).then(|| party.into()),
            email: None,
            phone: None,
            lang: Default::default(),
        };
        let before = s2.create_person(&person("Eva Lund", ""), &actor(), None).await.unwrap();
        let after = s2.create_person(&person("Anna Berg", ""), &actor(), None).await.unwrap();
        let elected = s2.create_person(&person("Per Ek", "S"), &actor(), None).await.unwrap();
        let kc = consultee_of(&s, &k, k.kalmar).await;
        let a = s2.save_answer(kc, &AnswerInput::parse("supports", "", "", "").unwrap(), &[], &actor()).await.unwrap();
        let text = "Eva Lund, Anna Berg och Per Ek har tagit fram underlaget.";
        s2.add_answer_comment(a, &CommentInput::parse("1", text, 4).unwrap(), &actor()).await.unwrap();
        s2.submit_answer(a, RECEIPT, &actor()).await.unwrap();
        let why = RemovalInput::parse("Begäran enligt artikel 17").unwrap();
        s2.remove_personal_data(before, &why, &actor()).await.unwrap();

        let rows = s2.report_rows(k.referral).await.unwrap();
        let comment = CommentId(rows[0].comment_id);
        let noted = ResponseInput::parse("accommodated", "").unwrap();
        s2.respond_to_comment(k.referral, comment, &noted, &actor()).await.unwrap();
        let keep = [(comment.0, "Eva Lund".to_string())];
        s2.review_report(k.referral, &keep, &actor()).await.unwrap();
        let row = &s2.report_rows(k.referral).await.unwrap()[0];
        assert_eq!(row.masked_text.as_deref(), Some("[borttaget], Anna Berg och Per Ek har tagit fram underlaget."));

        s2.remove_personal_data(after, &why, &actor()).await.unwrap();
        s2.remove_personal_data(elected, &why, &actor()).await.unwrap();
        let row = &s2.report_rows(k.referral).await.unwrap()[0];
        assert_eq!(row.masked_text.as_deref(), Some("[borttaget], [borttaget] och Per Ek har tagit fram underlaget."));
        assert_eq!(row.text, text, "the comment as received is kept");
    }
}

#[tokio::test]
async fn an_answer_link_works_until_it_expires_or_is_revoked() {
    for s in stores(date!(2022 - 01 - 10)).await {
        let k = kalmar(&s).await;
        let kc = consultee_of(&s, &k, k.kalmar).await;
        let until = s.now() + time::Duration::days(90);
        s.set_answer_token(kc, "a".repeat(64).as_str(), until, &actor()).await.unwrap();
        assert_eq!(s.consultee_by_token(&"a".repeat(64)).await.unwrap().map(|c| c.id), Some(kc.0));
        assert!(s.consultee_by_token(&"b".repeat(64)).await.unwrap().is_none());
        assert!(on(&s, date!(2022 - 04 - 11)).consultee_by_token(&"a".repeat(64)).await.unwrap().is_none(), "expired");
        s.revoke_answer_token(kc, &actor()).await.unwrap();
        assert!(s.consultee_by_token(&"a".repeat(64)).await.unwrap().is_none(), "revoked");
    }
}
