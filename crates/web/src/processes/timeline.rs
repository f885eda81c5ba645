//! A process's timeline: the plan as an SVG Gantt (the `chart` crate) with the same plan as a
//! table (its text alternative), planned and actual dates side by side and slipped milestones
//! flagged; and the milestones as an iCalendar feed (the `feeds` crate), linked from the site's
//! address.

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chart::gantt::{self, Row, State as GanttState};
use domain::processes::milestone::calendar_sequence;
use domain::processes::{MilestoneStatus, Progress};
use feeds::ical;
use store::processes::{Milestone, Phase, Process};

use super::ProcessPath;
use super::access::is_owner;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

fn state(m: &Milestone) -> GanttState {
    match m.progress {
        Progress::Upcoming { .. } => GanttState::Planned,
        Progress::Slipped { .. } => GanttState::Slipped,
        Progress::OnTime => GanttState::Done,
        Progress::Late { .. } => GanttState::Late,
        Progress::Cancelled => GanttState::Cancelled,
    }
}

/// The chart's rows in the page's order: each phase followed by its milestones.
pub fn rows(x: &Process) -> Vec<Row> {
    super::show::groups(x)
        .into_iter()
        .flat_map(|(phase, ms)| {
            let head = phase.map(|p: &Phase| Row::Phase { label: p.title.clone(), start: p.starts_on, end: p.ends_on });
            head.into_iter().chain(ms.into_iter().map(|m| Row::Milestone {
                label: m.title.clone(),
                planned: m.planned_on,
                actual: m.actual_on,
                state: state(m),
            }))
        })
        .collect()
}

#[derive(Template)]
#[template(path = "processes/timeline.html")]
struct Page {
    p: Chrome,
    x: Process,
    svg: String,
    owner: bool,
}

impl Page {
    fn groups(&self) -> Vec<(Option<&Phase>, Vec<&Milestone>)> {
        super::show::groups(&self.x)
    }
}

pub async fn page(State(app): State<App>, ctx: Ctx, ProcessPath(x): ProcessPath) -> AppResult<Response> {
    let owner = is_owner(&app, &ctx, &x).await?;
    let title = format!("{} – {}", crate::i18n::text(ctx.lang, "process.timeline"), x.title);
    let svg = gantt::gantt_svg(&title, &rows(&x), app.store.today(), ctx.lang);
    let p = Chrome::new(&ctx, title);
    Ok(render(&Page { p, x, svg, owner })?.into_response())
}

/// `GET /processer/{id}/kalender.ics`: the milestones as all-day events on their planned day
/// (reached ones on the day they were reached), cancelled ones marked so; each event's SEQUENCE
/// and LAST-MODIFIED follow the milestone's last change, so calendar clients see it.
pub async fn ical(State(app): State<App>, ProcessPath(x): ProcessPath) -> AppResult<Response> {
    let base = &app.config.site_url;
    let urls: Vec<String> =
        x.milestones.iter().map(|m| format!("{base}/processer/{}/milstolpar/{}", x.id, m.id)).collect();
    let descriptions: Vec<String> = x
        .milestones
        .iter()
        .map(|m| {
            let forums: Vec<String> = m
                .forums
                .iter()
                .map(|f| format!("{}: {}", f.name, crate::i18n::text(domain::error::Lang::Sv, &f.role.key())))
                .collect();
            let mut d = x.title.clone();
            if !forums.is_empty() {
                d.push_str(&format!("\n{}", forums.join("\n")));
            }
            d
        })
        .collect();
    let events = x
        .milestones
        .iter()
        .enumerate()
        .map(|(i, m)| ical::Event {
            uid: format!("process-{}-milestone-{}@samverkan", x.id, m.id),
            summary: &m.title,
            description: Some(&descriptions[i]),
            location: None,
            url: Some(&urls[i]),
            date: m.actual_on.unwrap_or(m.planned_on),
            start: None,
            end: None,
            status: match m.status {
                MilestoneStatus::Cancelled => ical::EventStatus::Cancelled,
                MilestoneStatus::Done => ical::EventStatus::Confirmed,
                MilestoneStatus::Planned => ical::EventStatus::Tentative,
            },
            sequence: calendar_sequence(m.created_at, m.updated_at),
            last_modified: m.updated_at,
        })
        .collect();
    let cal = ical::Calendar { name: &x.title, description: x.description.as_deref(), events };
    let body = ical::write(&cal, app.store.now());
    Ok(([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], body).into_response())
}
