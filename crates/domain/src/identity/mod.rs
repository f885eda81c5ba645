//! Signing in through the region's identity provider with OpenID Connect (issue 15, ADR 29):
//! the providers an installation trusts (`providers`), why a sign-in is refused (`refusal`),
//! which signature algorithms a key may be used with (`algorithm`), the checks of an ID token's
//! claims (`claims`) and how many sign-ins one address may start (`starts`). The protocol's
//! I/O (discovery, the token request, signature verification) is in `web::oidc`; these are its
//! rules.

pub mod algorithm;
pub mod claims;
pub mod providers;
pub mod refusal;
pub mod starts;

pub use claims::{Expected, IdClaims};
pub use providers::Provider;
pub use refusal::Refusal;
