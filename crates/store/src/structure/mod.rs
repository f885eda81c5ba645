//! The consultation structure: bodies, the organisations behind them, memberships over time,
//! work plans, and the snapshot the compliance report is computed from.
//!
//! One file per concept, each adding the `Store` methods of its concept: `bodies`,
//! `memberships`, `import` (memberships in bulk), `work_plans`, `roles` (an account's person and
//! secretaryships) and `snapshot` (compliance). A body's meeting plan is set on the meetings side
//! (`crate::meetings`), since setting it creates and cancels meetings: meetings build on the
//! structure, and no code here calls into `crate::meetings` (the snapshot only counts rows of
//! the meetings table).

mod bodies;
mod import;
pub(crate) mod memberships;
mod roles;
mod snapshot;
mod work_plans;

pub use crate::named::Named;
pub use bodies::BodyFilter;
pub use domain::structure::{Body, Membership};
pub use snapshot::Snapshot;
pub use work_plans::WorkPlan;
