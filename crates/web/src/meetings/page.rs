//! The meeting page: when and where, the steps its preparer may take, the agenda and the
//! attachments with their forms (shown again with errors by the writes that post from it), and
//! the meeting as JSON.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Invalid;
use domain::error::Lang;
use domain::ids::MeetingId;
use domain::meetings::MeetingStatus;
use store::meetings::{Attachment, Meeting, NoticeSent};

use super::access::{can_prepare, require_attendance};
use super::files::UploadForm;
use super::items::{ItemForm, ItemView, ManyForm, item_kinds, item_views, link_cases};
use super::parts::{Choice, long_date, member_choices, people_choices, time_span};
use super::path::MeetingPath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

/// The values of the meeting page's forms when one of them is shown again with errors.
#[derive(Default)]
pub struct Forms {
    pub item: ItemForm,
    pub upload: UploadForm,
    /// Several titles at once (`agenda_batch`).
    pub many: ManyForm,
    /// The positions typed beside the items, (item id, text), when the order was refused.
    pub positions: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "meetings/show.html")]
struct ShowPage {
    p: Chrome,
    m: Meeting,
    status: &'static str,
    date: String,
    time: String,
    /// (status value, text key) of the steps the preparer may take now.
    steps: Vec<(&'static str, &'static str)>,
    prepare: bool,
    /// The protocol is past its adjustment deadline (rule 15).
    late: bool,
    agenda_editable: bool,
    editable: bool,
    read_attendance: bool,
    agenda: Vec<ItemView>,
    attachments: Vec<Attachment>,
    members: Vec<Choice>,
    kinds: Vec<(&'static str, &'static str)>,
    item: ItemForm,
    upload: UploadForm,
    many: ManyForm,
    positions: Vec<(i64, String)>,
    /// People to suggest as presenters (a `<datalist>`): the body's members, then the register.
    people: Vec<String>,
    /// "Kallelse skickad <datum>" once the notice went out by e-mail.
    notice_sent: Option<String>,
    /// The preparer may send the notice by e-mail (not yet sent, not yet held).
    may_send_notice: bool,
}

impl ShowPage {
    fn position_field(&self, id: &i64) -> String {
        format!("position[{id}]")
    }

    /// The position field of item `id`, numbered `n`: as typed when the order was refused.
    fn position_of(&self, id: &i64, n: &usize) -> String {
        self.positions.iter().find(|(i, _)| i == id).map_or_else(|| n.to_string(), |(_, v)| v.clone())
    }

    fn is_adjuster(&self, id: &i64) -> bool {
        self.m.adjusters.iter().any(|n| n.id == *id)
    }

    /// The title of the agenda item an attachment belongs to.
    fn item_title(&self, id: &Option<i64>) -> Option<&str> {
        let id = (*id)?;
        self.agenda.iter().find(|v| v.it.id == id).map(|v| v.it.title.as_str())
    }
}

fn steps(m: &Meeting) -> Vec<(&'static str, &'static str)> {
    if m.status.was_held() {
        return vec![];
    }
    m.status
        .next()
        .iter()
        .filter_map(|s| match s {
            MeetingStatus::NoticeSent => Some((s.as_str(), "meeting.step_notice_sent")),
            MeetingStatus::Held => Some((s.as_str(), "meeting.step_held")),
            MeetingStatus::Cancelled => Some((s.as_str(), "meeting.step_cancelled")),
            _ => None,
        })
        .collect()
}

/// The page, with the errors of a refused post next to their fields (422).
pub async fn meeting_page(
    app: &App,
    ctx: &Ctx,
    m: Meeting,
    forms: Forms,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let m = shown(app, m).await?;
    let (p, status) = Chrome::new(ctx, format!("{} {}", m.body_name, m.date)).form(invalid);
    let prepare = can_prepare(app, ctx, &m).await?;
    let read_attendance = require_attendance(app, ctx, &m).await.is_ok();
    let members =
        if prepare { member_choices(&app.store.memberships(m.body_id, Some(m.date)).await?) } else { Vec::new() };
    let people = if prepare { presenter_names(app, &m).await? } else { Vec::new() };
    let locked =
        matches!(m.status, MeetingStatus::ProtocolDrafted | MeetingStatus::Adjusted | MeetingStatus::Announced);
    let notice = app.store.meeting_notice(m.id).await?;
    let mut agenda = item_views(app.store.agenda(m.id).await?, ctx.lang);
    link_cases(app, &mut agenda).await?;
    let page = ShowPage {
        notice_sent: notice.as_ref().map(|n| sent_text(n, ctx.lang)),
        may_send_notice: prepare
            && notice.is_none()
            && matches!(m.status, MeetingStatus::Planned | MeetingStatus::NoticeSent),
        p,
        status: m.status.label(ctx.lang),
        date: long_date(m.date, ctx.lang),
        time: time_span(&m.start, &m.end),
        steps: steps(&m),
        prepare,
        late: m.adjustment_late(app.store.today()),
        agenda_editable: !m.status.was_held() && m.status != MeetingStatus::Cancelled,
        editable: !locked,
        read_attendance,
        agenda,
        attachments: app.store.attachments(m.id).await?,
        members,
        kinds: item_kinds(ctx.lang),
        item: if forms.item.kind.is_empty() {
            ItemForm { kind: "decision".into(), idempotency_key: crate::auth::new_secret(), ..forms.item }
        } else {
            forms.item
        },
        upload: forms.upload,
        many: if forms.many.kind.is_empty() {
            ManyForm { kind: "information".into(), idempotency_key: crate::auth::new_secret(), ..forms.many }
        } else {
            forms.many
        },
        positions: forms.positions,
        people,
        m,
    };
    Ok((status, render(&page)?).into_response())
}

/// The names offered as presenters: the body's members on the day, then everyone else in the
/// register, as "Name, Organisation".
pub async fn presenter_names(app: &App, m: &Meeting) -> AppResult<Vec<String>> {
    let (members, others) = people_choices(app, m.body_id, m.date).await?;
    Ok(members.into_iter().chain(others).map(|c| c.name).collect())
}

/// "Kallelse skickad lördag 5 december 2026", in Swedish time.
pub fn sent_text(n: &NoticeSent, lang: Lang) -> String {
    let offset = domain::meetings::calendar::stockholm_offset(n.sent_at);
    let day = long_date(n.sent_at.to_offset(offset).date(), lang);
    crate::i18n::text(lang, "mail.notice_sent_on").replace("{date}", &day)
}

/// Where a write on the meeting page returns to.
pub fn back(m: MeetingId, notice: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/moten/{m}?klart={notice}#{anchor}")).into_response()
}

/// The meeting as the web shows it: a secretary whose personal data was removed from the web
/// reads "[borttaget]" — the secretary is an official, not an elected representative (rule 22,
/// ADR 35).
async fn shown(app: &App, mut m: Meeting) -> AppResult<Meeting> {
    if let Some(s) = m.secretary.as_mut()
        && app.store.removal(domain::ids::PersonId(s.id)).await?.is_some()
    {
        s.name = domain::privacy::REMOVED.to_string();
    }
    Ok(m)
}

/// Meetings are public.
pub async fn show(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    meeting_page(&app, &ctx, m, Forms::default(), None).await
}

pub async fn api(State(app): State<App>, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    Ok(Json(shown(&app, m).await?).into_response())
}
