//! The referral benchmark's generator and timer (issue 12: "the report of 130 answers with
//! 1,000 comments rendered as HTML and PDF; the answer dashboard at national scale"), run by
//! `scripts/bench-referrals.sh` and ignored by the test suite (it writes thousands of rows):
//!
//!   cargo test --release -p web --test suite referrals_bench -- --ignored --nocapture
//!
//! It asks every region and municipality of the country (311 consultees, all of
//! `domain::reference`), lets 130 of them answer with 1,000 comments over the four sections,
//! responds to every comment, and times the report as HTML, JSON and PDF, the dashboard, the
//! CSV and the comparison of a later version, in process on SQLite, next to the public list of
//! referrals as the reference measured in the same run. Figures: `docs/performance.md`.

use crate::common;

use std::time::Instant;

use common::*;
use domain::ids::{AnswerId, CommentId, ConsulteeId, ReferralId};
use domain::referrals::{AnswerInput, CommentInput, Obligation, ResponseInput, from_markdown};
use store::referrals::ConsulteeTarget;

const RUS: &str = "# Delaktighet, hälsa och välbefinnande\nAlla ska kunna delta i samhällslivet.\n\
    # God miljö för barn och unga\nBarn och unga ska växa upp tryggt.\n\
    # Hållbar samhällsplanering\nPlanera för hela länet med goda kommunikationer.\n\
    # Stärkt konkurrenskraft\nFler företag ska starta och växa i länet.";

/// Requests per figure.
const ROUNDS: usize = 20;

async fn time(c: &mut Client, what: &str, path: &str) -> (String, f64) {
    c.get(path).await.assert_status(200);
    let start = Instant::now();
    let mut bytes = 0;
    for _ in 0..ROUNDS {
        let r = c.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        bytes = r.body.len();
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0 / ROUNDS as f64;
    println!("{what}|{path}|{ms:.1} ms|{} kB", bytes / 1024);
    (what.to_string(), ms)
}

#[tokio::test]
#[ignore = "a benchmark: writes 130 answers with 1,000 comments; run by scripts/bench-referrals.sh"]
async fn report_of_130_answers_and_the_national_dashboard() {
    let t = TestApp::sqlite().await;
    let s = t.store();
    let actor = store::Actor::system("bench");
    let start = Instant::now();
    let mut targets = Vec::new();
    for c in domain::reference::counties() {
        let input = domain::organisations::OrganisationInput::parse(&c.region, "region", &c.code, "", "", "").unwrap();
        targets.push(s.create_organisation(&input, &actor, None).await.unwrap());
    }
    for m in domain::reference::municipalities() {
        let input =
            domain::organisations::OrganisationInput::parse(&m.official_name, "municipality", &m.code, "", "", "")
                .unwrap();
        targets.push(s.create_organisation(&input, &actor, None).await.unwrap());
    }
    let region = targets[0];
    use domain::cases::{CaseInput, Prefix};
    s.set_case_series(region, &Prefix::parse("prefix", "RS").unwrap(), &actor).await.unwrap();
    let input = CaseInput::parse(&region.0.to_string(), "RUS", "Regional utvecklingsstrategi", "", "").unwrap();
    let case = s.register_case(&input, &actor, None).await.unwrap();
    let today = s.today().to_string();
    let fields = domain::referrals::ReferralFields {
        title: "Regional utvecklingsstrategi, remissversion",
        document_version: "Remissversion",
        sent_on: &today,
        late_answers: "accepted",
        ..Default::default()
    };
    let r = s
        .create_referral(case, &domain::referrals::ReferralInput::parse(fields, s.today()).unwrap(), &actor, None)
        .await
        .unwrap();
    s.set_referral_sections(r, 1, &from_markdown(RUS).unwrap(), &actor).await.unwrap();
    let all: Vec<ConsulteeTarget> = targets.iter().map(|o| ConsulteeTarget::Organisation(*o)).collect();
    s.add_consultees(r, &all, Obligation::Obliged, "referral.invitations", &actor).await.unwrap();
    s.publish_referral(r, "referral.invitations", &actor).await.unwrap();
    let consultees = s.referral_consultees(r).await.unwrap();
    assert_eq!(consultees.len(), 311);
    let mut comments = 0;
    for (i, k) in consultees.iter().take(130).enumerate() {
        let a = s
            .save_answer(
                ConsulteeId(k.id),
                &AnswerInput::parse("supports_with_changes", "KS 2026/12", "Vi tillstyrker med ändringar.", "")
                    .unwrap(),
                &[],
                &actor,
            )
            .await
            .unwrap();
        let n = if i < 90 { 8 } else { 7 };
        for j in 0..n {
            let section = ((i + j) % 5).to_string();
            let section = if section == "0" { String::new() } else { section };
            let text = format!(
                "Synpunkt {j} från {}: strategin bör tydligare ange hur kommunerna deltar i genomförandet och uppföljningen.",
                k.name
            );
            s.add_answer_comment(AnswerId(a.0), &CommentInput::parse(&section, &text, 4).unwrap(), &actor)
                .await
                .unwrap();
            comments += 1;
        }
        s.submit_answer(AnswerId(a.0), "referral.receipt", &actor).await.unwrap();
    }
    assert_eq!(comments, 1000);
    for row in s.report_rows(r).await.unwrap() {
        let input = ResponseInput::parse("partly_accommodated", "Skrivningen är förtydligad i avsnittet.").unwrap();
        s.respond_to_comment(r, CommentId(row.comment_id), &input, &actor).await.unwrap();
    }
    let later = RUS.replace("Fler företag ska starta", "Fler och växande företag ska starta");
    s.add_referral_version(r, "Beslutsversion", &from_markdown(&later).unwrap(), &actor, None).await.unwrap();
    println!("generated 311 consultees, 130 answers, 1000 comments in {:.1} s", start.elapsed().as_secs_f64());

    let mut registrar = t.admin().await;
    let mut anonymous = t.client();
    let ReferralId(id) = r;
    println!("what|path|mean|size");
    time(&mut anonymous, "reference: list of referrals (anonymous)", "/remisser").await;
    time(&mut registrar, "report HTML (drafter, 1,000 comments with forms)", &format!("/remisser/{id}/redogorelse"))
        .await;
    time(&mut registrar, "report JSON (drafter)", &format!("/api/v1/referrals/{id}/report")).await;
    time(&mut registrar, "report PDF (drafter)", &format!("/remisser/{id}/redogorelse.pdf")).await;
    time(&mut registrar, "dashboard, 311 consultees (drafter)", &format!("/remisser/{id}/svar")).await;
    time(&mut registrar, "answers CSV (drafter)", &format!("/remisser/{id}/svar.csv")).await;
    time(&mut anonymous, "comparison of a later version", &format!("/remisser/{id}/jamforelse")).await;
}
