//! What every page shares: the chrome around the content (language, the signed-in user, the
//! CSRF token, notices and form errors) and the error page.

use askama::Template;
use axum::response::Html;
use domain::Invalid;
use domain::error::Lang;

use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::{App, i18n};

pub struct Chrome {
    pub lang: Lang,
    pub title: String,
    pub user_name: Option<String>,
    pub is_admin: bool,
    pub csrf: String,
    pub path: String,
    pub notice: Option<&'static str>,
    /// Form errors as (field, message), shown in the summary and next to each field.
    pub errors: Vec<(String, String)>,
    /// The installation's look: its name, and where its stylesheet and logo are.
    pub brand: std::sync::Arc<domain::branding::Branding>,
    pub brand_css: Option<String>,
    pub brand_logo: Option<String>,
}

/// What was created, said by the page it leads to: "Mötet är skapat.", not "Posten är skapad.".
fn created(path: &str) -> &'static str {
    let mut parts = path.trim_start_matches('/').split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("organisationer"), ..) => "created.organisation",
        (Some("personer"), ..) => "created.person",
        (Some("organ"), Some(_), Some("ledamoter")) => "created.membership",
        (Some("organ"), ..) => "created.body",
        (Some("moten"), ..) => "created.meeting",
        (Some("diarium"), ..) => "created.case",
        (Some("admin"), Some("konton"), _) => "created.account",
        _ => "form.created",
    }
}

impl Chrome {
    pub fn new(ctx: &Ctx, title: impl Into<String>) -> Chrome {
        let notice = query_value(&ctx.query, "klart").and_then(|v| match v.as_str() {
            "sparat" => Some("form.saved"),
            "skapat" => Some(created(&ctx.path)),
            "punkt" => Some("created.agenda_item"),
            "bilaga" => Some("created.attachment"),
            "handling" => Some("created.case_document"),
            "borttaget" => Some("form.deleted"),
            "utloggad" => Some("logout.done"),
            "losenord" => Some("account.password_changed"),
            "importerat" => Some("import.done"),
            "kallelse" => Some("mail.notice_queued"),
            "verkstallt" => Some("directory.applied"),
            _ => None,
        });
        Chrome {
            lang: ctx.lang,
            title: title.into(),
            user_name: ctx.user.as_ref().map(|u| u.name.clone()),
            is_admin: ctx.is_admin(),
            csrf: ctx.csrf.clone(),
            path: if ctx.query.is_empty() { ctx.path.clone() } else { format!("{}?{}", ctx.path, ctx.query) },
            notice,
            errors: Vec::new(),
            brand: ctx.brand.clone(),
            brand_css: ctx.brand.stylesheet_href(),
            brand_logo: ctx.brand.logo_href(),
        }
    }

    /// The chrome of a form shown again with the errors of its input.
    pub fn with_errors(mut self, invalid: &Invalid) -> Chrome {
        self.errors = invalid.0.iter().map(|e| (e.field.clone(), e.message(self.lang).to_string())).collect();
        self
    }

    /// The chrome and status of a form page: as first shown (200), or shown again with the
    /// errors of a refused post next to their fields (422).
    pub fn form(self, invalid: Option<&Invalid>) -> (Chrome, axum::http::StatusCode) {
        match invalid {
            Some(i) => (self.with_errors(i), axum::http::StatusCode::UNPROCESSABLE_ENTITY),
            None => (self, axum::http::StatusCode::OK),
        }
    }

    pub fn t(&self, key: &str) -> &'static str {
        i18n::text(self.lang, key)
    }

    /// A line of the error summary, naming the field it leads to: "Namn: Fältet måste fyllas i."
    /// (WCAG 3.3.1). A field of a repeated part (`p12-decision`) is named by its last part; a
    /// field without a known label keeps the message alone.
    pub fn summary_line(&self, field: &str, message: &str) -> String {
        let name = field.rsplit('-').next().unwrap_or(field);
        match i18n::field_label(self.lang, name) {
            Some(label) => format!("{label}: {message}"),
            None => message.to_string(),
        }
    }

    /// ` lang="sv"` on an English page, for what users wrote in Swedish — agenda items,
    /// paragraphs, places (WCAG 3.1.2); nothing on a Swedish page. Names need none.
    pub fn content(&self) -> &'static str {
        if self.lang == domain::error::Lang::En { " lang=\"sv\"" } else { "" }
    }

    /// The Swedish text of `key`, for the parts a page shows in both languages.
    pub fn sv(&self, key: &str) -> &'static str {
        i18n::text(domain::error::Lang::Sv, key)
    }

    /// The English text of `key`, for the parts a page shows in both languages.
    pub fn en(&self, key: &str) -> &'static str {
        i18n::text(domain::error::Lang::En, key)
    }

    pub fn lang(&self) -> &'static str {
        self.lang.code()
    }

    pub fn other_lang(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "en",
            Lang::En => "sv",
        }
    }

    /// The link that shows this page in the other language (for visitors not signed in).
    pub fn lang_href(&self) -> String {
        format!("/sprak?lang={}&tillbaka={}", self.other_lang(), url_encode(&self.path))
    }

    /// Whether the main menu item for `prefix` is the current section.
    pub fn current(&self, prefix: &str) -> bool {
        if prefix == "/" { self.path == "/" } else { self.path.starts_with(prefix) }
    }

    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    pub fn case_status(&self, s: &domain::cases::CaseStatus) -> &'static str {
        s.label(self.lang)
    }

    pub fn direction(&self, d: &domain::cases::Direction) -> &'static str {
        d.label(self.lang)
    }

    pub fn kind_label(&self, kind: &domain::organisations::OrganisationKind) -> &'static str {
        kind.label(self.lang)
    }

    /// The error of field `field` of question `i` of a work plan form.
    pub fn question_error(&self, i: &usize, field: &str) -> Option<&str> {
        self.error(&format!("q{i}_{field}"))
    }

    pub fn body_kind(&self, k: &domain::structure::BodyKind) -> &'static str {
        k.label(self.lang)
    }

    pub fn role(&self, r: &domain::structure::MembershipRole) -> &'static str {
        r.label(self.lang)
    }

    pub fn side(&self, s: &domain::structure::Side) -> &'static str {
        s.label(self.lang)
    }

    pub fn status(&self, s: &domain::structure::QuestionStatus) -> &'static str {
        s.label(self.lang)
    }

    pub fn finding<'a>(&self, f: &'a domain::structure::Finding) -> &'a str {
        f.message(self.lang)
    }
}

pub fn render<T: Template>(t: &T) -> AppResult<Html<String>> {
    t.render().map(Html).map_err(|e| AppError::Internal(format!("template: {e}")))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    p: Chrome,
    heading: &'static str,
    message: String,
    reference: Option<&'a str>,
}

/// The confirmation page before a deletion, shared by every kind of record.
#[derive(Template)]
#[template(path = "delete.html")]
pub struct DeletePage {
    pub p: Chrome,
    pub name: String,
    pub action: String,
    pub cancel: String,
    /// What else goes with the record, one sentence each (empty when nothing does).
    pub consequences: Vec<String>,
}

/// The error page, in the site's layout.
pub fn error_page(_app: &App, ctx: &Ctx, err: &AppError, reference: Option<&str>) -> Html<String> {
    let heading = match err {
        AppError::NotFound => "error.not_found",
        AppError::Forbidden | AppError::CsrfRejected => "error.forbidden",
        _ => "error.title",
    };
    let p = Chrome::new(ctx, i18n::text(ctx.lang, heading));
    let page = ErrorPage { heading, message: err.message(ctx.lang), reference, p };
    page.render().map(Html).unwrap_or_else(|_| Html(err.message(ctx.lang)))
}

/// Percent-encodes a value for a query string.
pub fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes a percent-encoded query value (`+` is a space).
pub fn url_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn query_value(query: &str, name: &str) -> Option<String> {
    query.split('&').filter_map(|kv| kv.split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| url_decode(v))
}

/// A path inside this site to return to after signing in or switching language; anything else
/// (another host, a scheme, `//`) becomes the start page.
///
/// Browsers drop tabs and line breaks inside a URL, so `/\t/evil.example` would be read as
/// `//evil.example`, another site (issue 8, hole 6): any control character, a backslash or a
/// second leading slash sends the user to `/` instead. Spaces and letters beyond ASCII are
/// percent-encoded, so the result is always a valid `Location` header.
pub fn safe_return(to: &str) -> String {
    let ok = to.starts_with('/') && !to.starts_with("//") && !to.chars().any(|c| c.is_control() || c == '\\');
    if !ok {
        return "/".into();
    }
    let mut out = String::with_capacity(to.len());
    for b in to.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_coding_round_trips() {
        let s = "/organisationer?q=Ödeshög & co";
        assert_eq!(url_decode(&url_encode(s)), s);
        assert_eq!(url_decode("a+b%2"), "a b%2");
    }

    #[test]
    fn return_paths_stay_on_the_site() {
        assert_eq!(safe_return("/personer?q=a"), "/personer?q=a");
        assert_eq!(safe_return("//evil.example"), "/");
        assert_eq!(safe_return("https://evil.example"), "/");
        assert_eq!(safe_return("/\\evil"), "/");
        // Browsers drop tabs and line breaks: these would lead to evil.example.
        assert_eq!(safe_return("/\t/evil.example"), "/");
        assert_eq!(safe_return("/\n/evil.example"), "/");
        assert_eq!(safe_return("/\r\n/x"), "/");
        assert_eq!(safe_return("/personer?q=Ödeshög kommun"), "/personer?q=%C3%96desh%C3%B6g%20kommun");
    }
}
