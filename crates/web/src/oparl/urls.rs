//! The absolute URLs of the interface's objects and lists, under the configured site address.

use super::*;

/// The absolute URLs of this request's site and interface.
pub(super) struct Urls {
    pub(super) site: String,
    pub(super) api: String,
}

impl Urls {
    pub(super) fn of(app: &App) -> Urls {
        let site = app.config.site_url.clone();
        Urls { api: format!("{site}{PREFIX}"), site }
    }

    pub(super) fn system(&self) -> String {
        format!("{}/system", self.api)
    }

    pub(super) fn body(&self, id: i64) -> String {
        format!("{}/body/{id}", self.api)
    }

    pub(super) fn organization(&self, id: i64) -> String {
        format!("{}/organization/{id}", self.api)
    }

    pub(super) fn person(&self, id: i64) -> String {
        format!("{}/person/{id}", self.api)
    }

    pub(super) fn membership(&self, id: i64) -> String {
        format!("{}/membership/{id}", self.api)
    }

    pub(super) fn meeting(&self, id: i64) -> String {
        format!("{}/meeting/{id}", self.api)
    }

    pub(super) fn agenda_item(&self, id: i64) -> String {
        format!("{}/agenda-item/{id}", self.api)
    }

    pub(super) fn paper(&self, id: i64) -> String {
        format!("{}/paper/{id}", self.api)
    }

    pub(super) fn consultation(&self, id: i64) -> String {
        format!("{}/consultation/{id}", self.api)
    }

    pub(super) fn file(&self, id: i64) -> String {
        format!("{}/file/{id}", self.api)
    }

    pub(super) fn term(&self, t: Term) -> String {
        format!("{}/legislative-term/{}", self.api, t.start_year())
    }

    pub(super) fn web(&self, path: &str) -> String {
        format!("{}{path}", self.site)
    }
}
