//! A process's plan over HTTP on both engines (issue 14): the milestone page's forum form keeps
//! what its owner typed when it is re-shown with an error, and the process calendar's events
//! carry SEQUENCE and LAST-MODIFIED from the milestone's last change, so calendar clients
//! replace what they hold.

use crate::common;

use axum::http::Method;
use common::*;
use domain::processes::MilestoneFields;
use serde_json::json;
use store::Actor;
use time::{Duration, OffsetDateTime};

use super::processes_inputs::open_process;

/// A milestone of a new open process: (process, milestone).
async fn milestone(t: &TestApp) -> (i64, i64) {
    let id = open_process(t).await;
    let m = MilestoneFields {
        title: "Remissversion beslutad".into(),
        planned_on: "2027-03-01".into(),
        ..Default::default()
    };
    let s = t.store();
    (id, s.add_milestone(id, &m.parse(s.today()).unwrap(), &Actor::system("test"), None).await.unwrap())
}

/// Sets when the milestone was made and last changed.
async fn stamp(t: &TestApp, m: i64, created: OffsetDateTime, updated: OffsetDateTime) {
    let sql = "UPDATE process_milestones SET created_at = $1, updated_at = $2 WHERE id = $3";
    let n = match &t.store().pool {
        store::Pool::Sqlite(p) => {
            sqlx::query(sql).bind(created).bind(updated).bind(m).execute(p).await.unwrap().rows_affected()
        }
        store::Pool::Postgres(p) => {
            sqlx::query(sql).bind(created).bind(updated).bind(m).execute(p).await.unwrap().rows_affected()
        }
    };
    assert_eq!(n, 1);
}

fn sequence(ics: &str) -> u32 {
    ics.split("\r\nSEQUENCE:").nth(1).unwrap().split("\r\n").next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn the_forum_form_keeps_what_was_typed_when_it_is_shown_again() {
    for t in TestApp::each_engine().await {
        let (id, m) = milestone(&t).await;
        let mut owner = t.admin().await;
        let forum = format!("/processer/{id}/milstolpar/{m}/forum");
        let r = owner.post_form(&forum, &[("forum_name", "Kommunchefsnätverket"), ("forum_role", "vote")]).await;
        r.assert_status(422).assert_contains("f-forum_role-error").assert_contains(r#"value="Kommunchefsnätverket""#);
        let r = owner.post_form(&forum, &[("body_id", "999999"), ("forum_role", "anchoring")]).await;
        r.assert_status(422).assert_contains("f-body_id-error").assert_contains(r#"value="anchoring" selected"#);
        // The milestone's own form still shows the milestone.
        r.assert_contains(r#"value="Remissversion beslutad""#);
    }
}

#[tokio::test]
async fn a_changed_milestone_is_a_new_revision_of_its_calendar_event() {
    for t in TestApp::each_engine().await {
        let (id, m) = milestone(&t).await;
        let ics = format!("/processer/{id}/kalender.ics");
        let mut visitor = t.client();
        let made = TODAY.previous_day().unwrap().midnight().assume_utc();

        // Made yesterday, changed an hour later: that change is the event's revision and time.
        stamp(&t, m, made, made + Duration::hours(1)).await;
        let cal = visitor.get(&ics).await;
        cal.assert_status(200).assert_contains("\r\nSEQUENCE:3600\r\n");
        assert!(cal.body.contains(&format!("LAST-MODIFIED:{}T010000Z", compact(made.date()))), "{}", cal.body);
        // Read again later: the same revision (nothing changed).
        assert_eq!(sequence(&visitor.get(&ics).await.body), 3600);

        // Cancelled today: a later revision, modified now.
        let mut owner = t.admin().await;
        let body = json!({"title": "Remissversion beslutad", "planned_on": "2027-03-01", "status": "cancelled"});
        owner.json(Method::PUT, &format!("/api/v1/processes/{id}/milestones/{m}"), &body).await.assert_status(200);
        let cal = visitor.get(&ics).await;
        assert!(sequence(&cal.body) > 3600, "{}", cal.body);
        assert!(cal.body.contains(&format!("LAST-MODIFIED:{}T", compact(TODAY))), "{}", cal.body);

        // A forum added is in the event's description: a new revision too.
        stamp(&t, m, made, made + Duration::hours(1)).await;
        let forum = format!("/processer/{id}/milstolpar/{m}/forum");
        owner
            .post_form(&forum, &[("forum_name", "Kommunchefsnätverket"), ("forum_role", "anchoring")])
            .await
            .assert_status(303);
        let cal = visitor.get(&ics).await;
        cal.assert_contains("Kommunchefsnätverket");
        assert!(sequence(&cal.body) > 3600, "{}", cal.body);
    }
}

fn compact(d: time::Date) -> String {
    d.to_string().replace('-', "")
}
