//! Assignments in Östergötland's structure (seed 001 § 4.2.1: "den strategiska ledningsgruppen
//! … kan ge uppdrag till övriga ledningsgrupper"): from its adjusted protocols, the strategic
//! management group gives the culture group an assignment on the culture plan (Bilaga 1),
//! reported back at a later meeting; the community planning group one on the structure picture
//! that is overdue; and the culture group one still open. Dates follow the meetings the history
//! recorded, relative to the clock's today.

use domain::assignments::{AssignmentInput, ReportInput};
use domain::meetings::MeetingStatus;
use store::{Actor, Store, StoreError};
use time::Duration;

/// Gives the demo's assignments; returns how many.
pub(super) async fn load(store: &Store, actor: &Actor) -> Result<usize, StoreError> {
    let bodies = store.all_bodies().await?;
    let id = |name: &str| bodies.iter().find(|b| b.name == name).map(|b| b.id);
    let (Some(strategic), Some(culture), Some(planning)) = (
        id("Ledningsgruppen för strategiska frågor"),
        id("Ledningsgruppen för kultur"),
        id("Ledningsgruppen för samhällsplanering"),
    ) else {
        return Ok(0);
    };
    let today = store.today();
    let adjusted: Vec<_> = store
        .body_meetings(strategic, None)
        .await?
        .into_iter()
        .filter(|m| m.protocol_public() && m.status != MeetingStatus::Cancelled)
        .collect();
    // The first decision paragraph (after the adjusters and the agenda) of a meeting.
    let decision = |m: &store::meetings::Meeting| {
        let (store, id) = (store, m.id);
        async move { Ok::<_, StoreError>(store.paragraphs(id).await?.get(2).map(|p| p.id)) }
    };
    // Given at a meeting at least four months ago, reported back at the latest one.
    let (Some(given), Some(latest)) =
        (adjusted.iter().rfind(|m| m.date <= today - Duration::days(120)), adjusted.last())
    else {
        return Ok(0);
    };
    let (Some(given_in), Some(reported_in)) = (decision(given).await?, decision(latest).await?) else {
        return Ok(0);
    };
    let input = |to: domain::ids::BodyId, what: &str, due: time::Date, how: &str| {
        AssignmentInput::parse(&to.to_string(), what, &due.to_string(), how)
    };
    let reported = input(
        culture,
        "Ta fram underlag inför revideringen av Östergötlands kulturplan, med kommunernas inspel om \
         prioriteringar för kommande planperiod.",
        latest.date.max(given.date + Duration::days(60)),
        "Skriftlig rapport och muntlig dragning för ledningsgruppen för strategiska frågor.",
    )?;
    let a = store.give_assignment(given_in, &reported, actor, None).await?;
    store.report_assignment(a, ReportInput { paragraph_id: reported_in }, actor).await?;
    let overdue = input(
        planning,
        "Analysera hur Strukturbild Östergötland kan följas upp gemensamt av regionen och kommunerna, \
         och föreslå indikatorer.",
        (today - Duration::days(14)).max(given.date),
        "Skriftlig rapport till ledningsgruppen för strategiska frågor.",
    )?;
    store.give_assignment(given_in, &overdue, actor, None).await?;
    let open = input(
        culture,
        "Sammanställ kommunernas synpunkter på en gemensam modell för kulturskolans samverkan i länet.",
        today + Duration::days(45),
        "Muntlig återrapport vid ledningsgruppens nästa sammanträde efter sista dag.",
    )?;
    store.give_assignment(reported_in, &open, actor, None).await?;
    Ok(3)
}
