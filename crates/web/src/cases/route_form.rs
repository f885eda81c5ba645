//! The form of a case's path on the case page (ADR 47): the traits, a deviation and a step's
//! status, each posting only its own fields; read by the page that shows it (`routing`) and
//! the handlers that take it (`route_edit`).

use domain::cases::path::flag;
use serde::Deserialize;
use store::cases::CaseRoute;

/// The three forms of the path on the case page; each posts only its own fields.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RouteForm {
    pub division_of_responsibility: String,
    pub within_care: String,
    pub strategy: String,
    pub needs_formal_views: String,
    pub needs_board_decisions: String,
    pub funds_joint_initiatives: String,
    pub action: String,
    pub step: String,
    pub kind: String,
    pub line: String,
    pub reason: String,
    pub step_status: String,
    pub step_note: String,
    pub idempotency_key: String,
}

impl RouteForm {
    /// The traits form filled in from what is recorded, and a fresh key for the deviation.
    pub fn from_route(r: Option<&CaseRoute>) -> RouteForm {
        let on = |b: bool| if b { "on".to_string() } else { String::new() };
        let mut f = RouteForm { idempotency_key: crate::auth::new_secret(), ..Default::default() };
        if let Some(t) = r.map(|r| r.traits) {
            f.division_of_responsibility = on(t.division_of_responsibility);
            f.within_care = on(t.within_care);
            f.strategy = t.strategy.map(|s| s.as_str().to_string()).unwrap_or_default();
            f.needs_formal_views = on(t.needs_formal_views);
            f.needs_board_decisions = on(t.needs_board_decisions);
            f.funds_joint_initiatives = on(t.funds_joint_initiatives);
        }
        f
    }

    pub(super) fn flags(&self) -> [bool; 5] {
        [
            flag(&self.division_of_responsibility),
            flag(&self.within_care),
            flag(&self.needs_formal_views),
            flag(&self.needs_board_decisions),
            flag(&self.funds_joint_initiatives),
        ]
    }

    pub fn checked(&self, field: &str) -> bool {
        flag(match field {
            "division_of_responsibility" => &self.division_of_responsibility,
            "within_care" => &self.within_care,
            "needs_formal_views" => &self.needs_formal_views,
            "needs_board_decisions" => &self.needs_board_decisions,
            _ => &self.funds_joint_initiatives,
        })
    }
}
