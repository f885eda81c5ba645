//! The registry narrowed by words (`Store::cases` with `CaseFilter::words`) gives the same
//! cases, in the same order and pages, whether it walks the cases newest first testing each
//! against its own index entries (common words) or collects the cases the matching entries name
//! (rare words); on both engines, with every other filter, and never by a secret document's text.

use crate::common;

use common::TestApp;
use domain::cases::{CaseStatus, DocumentFields, DocumentInput};
use domain::search::SearchQuery;
use store::Actor;
use store::cases::CaseFilter;

use crate::cases_numbers::{case_input, document, region};

/// Every case of the filter, paging `per_page` at a time, walking from `walk_from` entries on.
async fn all(t: &TestApp, f: &CaseFilter, per_page: usize, walk_from: i64) -> Vec<String> {
    let (mut out, mut cursor) = (Vec::new(), None);
    loop {
        let page = t.store().cases_walking_from(f, cursor, per_page, walk_from).await.unwrap();
        out.extend(page.items.iter().map(|c| c.number.to_string()));
        match page.next_cursor {
            Some(c) => cursor = Some(store::decode_cursor(&c).unwrap()),
            None => return out,
        }
    }
}

fn words(q: &str) -> Option<SearchQuery> {
    Some(SearchQuery::parse(q, "", "", "").unwrap())
}

#[tokio::test]
async fn walking_the_cases_and_collecting_the_matches_give_the_same_pages() {
    for t in TestApp::each_engine().await {
        let s = t.store();
        let actor = Actor::system("test");
        let (a, b) = (region(s, "RA", "05").await, region(s, "RB", "06").await);
        let today = s.today();
        let themes = ["Regional kulturplan", "Länstransportplan", "Digital agenda"];
        for i in 0..24 {
            let org = if i % 3 == 0 { b } else { a };
            let case = s.register_case(&case_input(org, themes[i % 3]), &actor, None).await.unwrap();
            // Every fourth case mentions the culture plan only in a public document, every fifth
            // only in a secret one.
            if i % 4 == 1 {
                s.register_document(case, &document(today, "Yttrande om kulturplanen"), &[], &actor, None)
                    .await
                    .unwrap();
            }
            if i % 5 == 2 {
                let date = today.to_string();
                let secret = DocumentInput::parse(
                    DocumentFields {
                        direction: "incoming",
                        document_date: &date,
                        counterpart: "Länsstyrelsen",
                        description: "Kulturplan med känsliga uppgifter",
                        secrecy_provision: "21 kap. 7 §",
                        ..Default::default()
                    },
                    today,
                )
                .unwrap();
                s.register_document(case, &secret, &[], &actor, None).await.unwrap();
            }
            if i % 6 == 0 {
                s.change_case_status(case, CaseStatus::InPreparation, &actor).await.unwrap();
            }
        }
        let filters = [
            CaseFilter { words: words("kulturplan"), ..Default::default() },
            CaseFilter { words: words("kulturplan"), organisation_id: Some(a), ..Default::default() },
            CaseFilter {
                words: words("länstransportplan"),
                status: Some(CaseStatus::InPreparation),
                ..Default::default()
            },
            CaseFilter { words: words("kultur"), year: Some(today.year()), ..Default::default() },
            CaseFilter { words: words("saknasilistan"), ..Default::default() },
        ];
        for f in &filters {
            let collected = all(&t, f, 4, i64::MAX).await;
            for per_page in [1, 4, 50] {
                assert_eq!(all(&t, f, per_page, 0).await, collected, "{}: {f:?}, {per_page} a page", t.engine);
            }
        }
        // The culture plan: 8 by title, 6 more by a public document; the secret ones add none.
        let found = all(&t, &filters[0], 50, 0).await;
        let expected = (0..24).filter(|i| i % 3 == 0 || i % 4 == 1).count();
        assert_eq!(found.len(), expected, "{}: {found:?}", t.engine);
        assert!(all(&t, &filters[4], 50, 0).await.is_empty());
    }
}
