//! Identity (issue 15, ADR 29): sign-ins through OpenID Connect providers in progress
//! (`flows`), provider accounts linked to ours and accounts made for people of the register
//! just in time (`links`), and organisations whose people sign in only through their provider
//! (`passwords`).

mod flows;
mod links;
mod passwords;

pub use flows::{Flow, NewFlow, Reauthentication};
pub use links::IdentitySignIn;
