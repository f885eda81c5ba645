//! The demo's requests for official documents (issue 11, ADR 48): two requests for Region
//! Östergötland's RUS case in its registrars' queue — one for the tjänsteskrivelse, anonymous,
//! still open, and one for the whole case, released by e-mail — so the queue shows both an open
//! and a handled request. Each is created with an idempotency key, so loading twice adds none.

use domain::cases::{HandlingInput, RequestInput};
use store::{Actor, Store, StoreError};

/// Creates the two requests and handles the second. Returns how many requests the case has
/// (0 without the RUS case).
pub(super) async fn load(store: &Store, actor: &Actor) -> Result<usize, StoreError> {
    let Some(case) = crate::registry::rus_case(store).await? else { return Ok(0) };
    let docs = store.case_documents(case.id).await?;
    let tjanste = docs.iter().find(|d| d.description.starts_with("Tjänsteskrivelse")).map(|d| d.id.0.to_string());
    let job = store::cases::REQUEST_MAIL_JOB;
    let open = RequestInput::parse(
        tjanste.as_deref().unwrap_or(""),
        "Tjänsteskrivelsen om den gemensamma arbetsprocessen för RUS.",
        "",
        "journalist@example.org",
        "email",
    )?;
    store.create_document_request(case.id, &open, job, actor, Some("demo-request-1")).await?;
    let whole = RequestInput::parse(
        "",
        "Alla handlingar i ärendet om RUS, för en uppsats om regional samverkan.",
        "Sara Student",
        "sara.student@example.org",
        "paper",
    )?;
    let r = store.create_document_request(case.id, &whole, job, actor, Some("demo-request-2")).await?;
    if r.is_open() {
        let h = HandlingInput::parse("released", "", "Kopior skickade per post.")?;
        store.handle_document_request(r.id, &h, actor).await?;
    }
    Ok(2)
}
