//! A process's plan over HTTP on both engines (issue 14): the milestone page's forum form keeps
//! what its owner typed when it is re-shown with an error.

use crate::common;

use common::*;
use domain::processes::MilestoneFields;
use store::Actor;

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
