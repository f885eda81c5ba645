//! A Gantt chart of a process plan (issue 14): one row per phase (a bar from its start to its
//! end) and per milestone (a diamond on its planned day, and a circle on the day it was reached
//! when that differs), a month axis, and a line for today. Pure and deterministic like the other
//! charts, presentation attributes only (the CSP forbids inline styles). State is shown by shape
//! and pattern as well as colour: a slipped milestone is a hollow red diamond with a "!" after
//! its label, so the chart does not rely on colour vision. The page puts the same plan as a table
//! next to it (`role="img"` with `<title>` and `<desc>`).

use domain::error::Lang;
use time::{Date, Month};

use crate::xml::esc;

/// How a row stands against its plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// A phase, or a milestone still ahead.
    Planned,
    /// Reached on or before its day.
    Done,
    /// Reached after its day.
    Late,
    /// Its day passed without it being reached.
    Slipped,
    /// Called off.
    Cancelled,
}

/// One row of the chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// A phase: a bar from `start` to `end` (inclusive).
    Phase {
        /// The phase's title.
        label: String,
        /// Its first day.
        start: Date,
        /// Its last day.
        end: Date,
    },
    /// A milestone on its planned day, with the day it was reached when it was.
    Milestone {
        /// The milestone's title.
        label: String,
        /// The day it is planned for.
        planned: Date,
        /// The day it was reached, when it was.
        actual: Option<Date>,
        /// How it stands against the plan.
        state: State,
    },
}

const LABEL_W: f64 = 260.0;
const ROW_H: f64 = 22.0;
const TOP: f64 = 34.0;
const RIGHT: f64 = 16.0;
const PLOT_W: f64 = 640.0;
const MONTHS_SV: [&str; 12] = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn first_of_month(d: Date) -> Date {
    d.replace_day(1).unwrap_or(d)
}

fn next_month(d: Date) -> Date {
    let (y, m) =
        if d.month() == Month::December { (d.year() + 1, Month::January) } else { (d.year(), d.month().next()) };
    Date::from_calendar_date(y, m, 1).unwrap_or(d)
}

/// A label cut to fit the label column, with "…" when cut.
fn fit(s: &str) -> String {
    let max = 40;
    if s.chars().count() <= max { s.to_string() } else { format!("{}…", s.chars().take(max - 1).collect::<String>()) }
}

/// The chart as one `<svg>` element. `title` names it; `today` draws the day's line when it
/// falls in the plan's span. An empty plan says so.
pub fn gantt_svg(title: &str, rows: &[Row], today: Date, lang: Lang) -> String {
    let days = rows.iter().flat_map(|r| match r {
        Row::Phase { start, end, .. } => vec![*start, *end],
        Row::Milestone { planned, actual, .. } => std::iter::once(*planned).chain(*actual).collect(),
    });
    let (lo, hi) = days.fold((Date::MAX, Date::MIN), |(a, b), d| (a.min(d), b.max(d)));
    let h = TOP + ROW_H * rows.len().max(1) as f64 + 8.0;
    let w = LABEL_W + PLOT_W + RIGHT;
    let (desc, none) = match lang {
        Lang::Sv => {
            ("Faser som staplar och milstolpar som romber; tabellen under visar samma plan.", "Ingen plan att visa.")
        }
        Lang::En => {
            ("Phases as bars and milestones as diamonds; the table below shows the same plan.", "No plan to show.")
        }
    };
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="gantt-title gantt-desc" font-family="sans-serif" font-size="12"><title id="gantt-title">{}</title><desc id="gantt-desc">{}</desc><rect width="{w}" height="{h}" fill="#ffffff"/>"##,
        esc(title),
        esc(desc)
    );
    if rows.is_empty() {
        out.push_str(&format!(
            r##"<text x="{}" y="{}" text-anchor="middle" fill="#333333">{none}</text></svg>"##,
            w / 2.0,
            h / 2.0
        ));
        return out;
    }
    let start = first_of_month(lo);
    let end = next_month(hi);
    let span = (end - start).whole_days().max(1) as f64;
    let x = |d: Date| LABEL_W + PLOT_W * (d - start).whole_days() as f64 / span;
    // Month axis: a tick per month, labelled often enough to stay legible.
    let months = {
        let mut n = 0;
        let mut m = start;
        while m < end {
            n += 1;
            m = next_month(m);
        }
        n
    };
    let every = (months / 12 + 1).max(1);
    let names = if lang == Lang::Sv { MONTHS_SV } else { MONTHS_EN };
    let (mut m, mut i) = (start, 0);
    while m <= end {
        let xm = x(m);
        out.push_str(&format!(
            r##"<line x1="{xm:.1}" y1="{:.1}" x2="{xm:.1}" y2="{:.1}" stroke="#d0d0d0" stroke-width="1"/>"##,
            TOP - 6.0,
            h - 8.0
        ));
        if i % every == 0 && m < end {
            let label = if m.month() == Month::January || i == 0 {
                format!("{} {}", names[m.month() as usize - 1], m.year())
            } else {
                names[m.month() as usize - 1].to_string()
            };
            out.push_str(&format!(
                r##"<text x="{:.1}" y="{:.1}" fill="#333333">{}</text>"##,
                xm + 2.0,
                TOP - 12.0,
                esc(&label)
            ));
        }
        m = next_month(m);
        i += 1;
    }
    for (n, r) in rows.iter().enumerate() {
        let y = TOP + ROW_H * n as f64;
        let cy = y + ROW_H / 2.0;
        if n % 2 == 1 {
            out.push_str(&format!(r##"<rect x="0" y="{y:.1}" width="{w}" height="{ROW_H}" fill="#f4f4f4"/>"##));
        }
        match r {
            Row::Phase { label, start: s, end: e } => {
                out.push_str(&format!(
                    r##"<text x="4" y="{:.1}" font-weight="bold" fill="#1a1a1a">{}</text>"##,
                    cy + 4.0,
                    esc(&fit(label))
                ));
                let (x0, x1) = (x(*s), x(e.next_day().unwrap_or(*e)));
                out.push_str(&format!(
                    r##"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#1b4f8a" rx="2"/>"##,
                    y + 5.0,
                    (x1 - x0).max(2.0),
                    ROW_H - 10.0
                ));
            }
            Row::Milestone { label, planned, actual, state } => {
                let flag = if *state == State::Slipped { " !" } else { "" };
                out.push_str(&format!(
                    r##"<text x="16" y="{:.1}" fill="#1a1a1a">{}{flag}</text>"##,
                    cy + 4.0,
                    esc(&fit(label))
                ));
                let xp = x(*planned);
                let (fill, stroke) = match state {
                    State::Planned => ("#ffffff", "#1b4f8a"),
                    State::Done => ("#2e6b30", "#2e6b30"),
                    State::Late => ("#8a5a00", "#8a5a00"),
                    State::Slipped => ("#ffffff", "#a3361f"),
                    State::Cancelled => ("#ffffff", "#767676"),
                };
                if let Some(a) = actual.filter(|a| a != planned) {
                    let xa = x(a);
                    out.push_str(&format!(
                        r##"<line x1="{xp:.1}" y1="{cy:.1}" x2="{xa:.1}" y2="{cy:.1}" stroke="{stroke}" stroke-width="2" stroke-dasharray="4 3"/><circle cx="{xa:.1}" cy="{cy:.1}" r="5" fill="{fill}" stroke="{stroke}" stroke-width="2"/>"##
                    ));
                }
                out.push_str(&format!(
                    r##"<path d="M{xp:.1} {:.1}L{:.1} {cy:.1}L{xp:.1} {:.1}L{:.1} {cy:.1}Z" fill="{fill}" stroke="{stroke}" stroke-width="2"/>"##,
                    cy - 7.0,
                    xp + 7.0,
                    cy + 7.0,
                    xp - 7.0
                ));
                if *state == State::Cancelled {
                    out.push_str(&format!(
                        r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#767676" stroke-width="2"/>"##,
                        xp - 7.0,
                        cy + 7.0,
                        xp + 7.0,
                        cy - 7.0
                    ));
                }
            }
        }
    }
    if (start..end).contains(&today) {
        let xt = x(today);
        let label = if lang == Lang::Sv { "I dag" } else { "Today" };
        out.push_str(&format!(
            r##"<line x1="{xt:.1}" y1="{:.1}" x2="{xt:.1}" y2="{:.1}" stroke="#a3361f" stroke-width="2" stroke-dasharray="6 3"/><text x="{:.1}" y="{:.1}" fill="#a3361f" font-weight="bold">{label}</text>"##,
            TOP - 4.0,
            h - 8.0,
            xt + 3.0,
            TOP - 24.0 + 12.0 + 10.0
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn draws_each_row_and_flags_slipped_milestones() {
        let rows = vec![
            Row::Phase { label: "Analys".into(), start: date!(2021 - 02 - 01), end: date!(2021 - 02 - 28) },
            Row::Milestone {
                label: "Analysen klar".into(),
                planned: date!(2021 - 02 - 26),
                actual: Some(date!(2021 - 03 - 05)),
                state: State::Late,
            },
            Row::Milestone {
                label: "Beslut <remissversion>".into(),
                planned: date!(2021 - 12 - 14),
                actual: None,
                state: State::Slipped,
            },
        ];
        let svg = gantt_svg("Översyn & plan", &rows, date!(2022 - 01 - 10), Lang::Sv);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("Översyn &amp; plan") && svg.contains("Beslut &lt;remissversion&gt; !"));
        assert_eq!(svg.matches("<path").count(), 2);
        assert_eq!(svg.matches("<circle").count(), 1, "the late milestone's reaching day");
        assert!(!svg.contains("I dag"), "today is after the plan's last month");
        assert!(svg.contains("feb 2021"));
        assert_eq!(svg, gantt_svg("Översyn & plan", &rows, date!(2022 - 01 - 10), Lang::Sv), "deterministic");
        let inside = gantt_svg("x", &rows, date!(2021 - 06 - 01), Lang::En);
        assert!(inside.contains("Today") && inside.contains("Feb 2021"));
        assert!(gantt_svg("x", &[], date!(2021 - 06 - 01), Lang::En).contains("No plan to show."));
    }
}
