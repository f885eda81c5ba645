//! The demo's case routing (issue 11, seed 001 § 6.2, ADR 47): Region Östergötland's RUS case is
//! a regional development strategy (Bilaga 1) that every board decides on, so the path proposes
//! preparation in Ledningsgruppen för strategiska frågor, handling in Samrådet för strategiska
//! frågor and the boards' decisions. Both groups' steps are done; the boards' decisions are
//! under way (the joint matter). One recorded deviation: a referral was added, since the
//! municipalities asked to give formal views on the draft strategy (§ 6.2: "Detta gäller även
//! om ärendet … har behandlats i samrådsstrukturen").

use domain::cases::DeviationInput;
use domain::cases::path::{StepKind, StepStatusInput, parse_traits};
use store::{Actor, Store, StoreError};

/// The reason of the demo's deviation.
pub const DEVIATION: &str = "Kommunerna har begärt att formellt få lämna synpunkter på strategiförslaget; \
     det remitteras därför efter behandlingen i samrådet.";

/// Records the RUS case's traits, marks the groups' steps done and adds the referral with its
/// reason. Returns whether the case was routed (false without the RUS case).
pub(super) async fn load(store: &Store, actor: &Actor) -> Result<bool, StoreError> {
    let Some(case) = crate::registry::rus_case(store).await? else { return Ok(false) };
    // Flags: responsibility, care, formal views, board decisions, joint funding.
    let traits = parse_traits([false, false, false, true, false], "development_strategy")?;
    store.record_case_traits(case.id, traits, actor).await?;
    let add = DeviationInput::parse("add", "", "referral", "", DEVIATION)?;
    store.deviate_case_route(case.id, &add, actor, None).await?;
    let route = store.case_route(case.id).await?.ok_or(StoreError::NotFound)?;
    let done = StepStatusInput::parse("done", "")?;
    for s in route.steps.iter().filter(|s| matches!(s.step.kind, StepKind::Prepare | StepKind::Handle)) {
        store.set_route_step_status(case.id, s.id, &done, actor).await?;
    }
    Ok(true)
}
