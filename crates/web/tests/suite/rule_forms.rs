//! Representation rules by a form per rule (issue 9): add, change and remove one rule without
//! touching JSON, errors at the rule's own fields, and a change made from an old page refused
//! rather than overwriting someone else's.

use crate::common;

use common::*;

fn version_in(page: &str) -> String {
    page.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn a_rule_is_added_changed_and_removed_by_its_own_form() {
    for t in TestApp::each_engine().await {
        let body = Fake::body().named("Samrådet för strategiska frågor").create(&t).await;
        let rules = format!("/organ/{}/regler", body.id.0);
        let one = format!("{rules}/regel");
        let mut admin = t.admin().await;
        let page = admin.get(&rules).await;
        page.assert_status(200)
            .assert_contains("Lägg till: sammanträden per år")
            .assert_contains("Avancerat: alla regler som JSON");
        let v = version_in(&page.body);
        // A bad number is shown at this form's field, with what was typed.
        let r = admin
            .post_form(&one, &[("version", &v), ("kind", "meets_at_least"), ("index", ""), ("per_year", "fyra")])
            .await;
        r.assert_status(422)
            .assert_contains("id=\"f-n-meets_at_least-per_year-error\"")
            .assert_contains("value=\"fyra\"")
            .assert_contains("href=\"#f-n-meets_at_least-per_year\"");
        assert!(t.store().body(body.id).await.unwrap().unwrap().rules.is_empty());
        admin
            .post_form(&one, &[("version", &v), ("kind", "meets_at_least"), ("index", ""), ("per_year", "4")])
            .await
            .assert_status(303);
        let page = admin.get(&rules).await;
        page.assert_contains("Regel 1: sammanträden per år");
        let v = version_in(&page.body);
        // Every municipality of Jönköping's county, 1–2 seats on the majority side.
        admin
            .post_form(
                &one,
                &[
                    ("version", &v),
                    ("kind", "seats_per_organisation"),
                    ("index", ""),
                    ("scope", "municipalities_in_county"),
                    ("county_code", "06"),
                    ("side", "majority"),
                    ("min", "1"),
                    ("max", "2"),
                ],
            )
            .await
            .assert_status(303);
        let stored = t.store().body(body.id).await.unwrap().unwrap().rules;
        assert_eq!(stored.len(), 2);
        assert_eq!(stored[0], domain::structure::Rule::MeetsAtLeast { per_year: 4 });
        assert!(
            stored[1].describe(domain::error::Lang::Sv).contains("Jönköpings län"),
            "{}",
            stored[1].describe(domain::error::Lang::Sv)
        );
        // A change made from the page before the second rule was added is refused.
        let r = admin
            .post_form(&one, &[("version", &v), ("kind", "meets_at_least"), ("index", "0"), ("per_year", "6")])
            .await;
        r.assert_status(422).assert_contains("Reglerna har ändrats av någon annan");
        let v = version_in(&admin.get(&rules).await.body);
        admin
            .post_form(&one, &[("version", &v), ("kind", "meets_at_least"), ("index", "0"), ("per_year", "6")])
            .await
            .assert_status(303);
        let v = version_in(&admin.get(&rules).await.body);
        admin
            .post_form(
                &one,
                &[("version", &v), ("kind", "seats_per_organisation"), ("index", "1"), ("action", "remove")],
            )
            .await
            .assert_status(303);
        assert_eq!(
            t.store().body(body.id).await.unwrap().unwrap().rules,
            vec![domain::structure::Rule::MeetsAtLeast { per_year: 6 }]
        );
        // Members may not.
        let mut member = t.member().await;
        member
            .post_form(&one, &[("version", &v), ("kind", "meets_at_least"), ("index", ""), ("per_year", "1")])
            .await
            .assert_status(403);
    }
}
