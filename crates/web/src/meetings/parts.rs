//! The pieces the meetings pages share: dates and times as people read them, a meeting as a list
//! row, people to choose in a select, and a form page shown again with its errors.

use domain::error::Lang;
use domain::ids::BodyId;
use store::meetings::Meeting;
use store::structure::Membership;
use time::Date;

use crate::App;
use crate::error::AppResult;

/// "fredag 11 oktober 2024" / "Friday 11 October 2024".
pub fn long_date(d: Date, lang: Lang) -> String {
    const SV_DAYS: [&str; 7] = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"];
    const EN_DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    const SV_MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN_MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let day = d.weekday().number_days_from_monday() as usize;
    let month = d.month() as usize - 1;
    match lang {
        Lang::Sv => format!("{} {} {} {}", SV_DAYS[day], d.day(), SV_MONTHS[month], d.year()),
        Lang::En => format!("{} {} {} {}", EN_DAYS[day], d.day(), EN_MONTHS[month], d.year()),
    }
}

/// "09:00–12:00", "09:00" or nothing.
pub fn time_span(start: &Option<String>, end: &Option<String>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{s}–{e}"),
        (Some(s), None) => s.clone(),
        (None, Some(e)) => format!("–{e}"),
        (None, None) => String::new(),
    }
}

/// A meeting as lists show it.
pub struct Row {
    pub m: Meeting,
    pub status: &'static str,
    pub time: String,
    pub due: Date,
    pub late: bool,
}

pub fn rows(ms: Vec<Meeting>, lang: Lang, today: Date) -> Vec<Row> {
    ms.into_iter()
        .map(|m| Row {
            status: m.status.label(lang),
            time: time_span(&m.start, &m.end),
            due: m.adjustment_due(),
            late: m.adjustment_late(today),
            m,
        })
        .collect()
}

/// A person to choose in a select.
#[derive(Clone, Debug)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

pub fn member_choices(ms: &[Membership]) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    for m in ms {
        if !out.iter().any(|c| c.id == m.person_id) {
            out.push(Choice { id: m.person_id, name: format!("{}, {}", m.person_name, m.organisation_name) });
        }
    }
    out
}

/// The body's members on a day, and everyone else in the register (for chair and secretary).
pub async fn people_choices(app: &App, body: BodyId, on: Date) -> AppResult<(Vec<Choice>, Vec<Choice>)> {
    let members = member_choices(&app.store.memberships(body, Some(on)).await?);
    let others = crate::people::all_people(app)
        .await?
        .into_iter()
        .filter(|v| !members.iter().any(|c| c.id == v.person.id.0))
        .map(|v| Choice {
            id: v.person.id.0,
            name: match v.organisation_name {
                Some(o) => format!("{}, {o}", v.person.name),
                None => v.person.name,
            },
        })
        .collect();
    Ok((members, others))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn long_dates_in_both_languages() {
        assert_eq!(long_date(date!(2024 - 10 - 11), Lang::Sv), "fredag 11 oktober 2024");
        assert_eq!(long_date(date!(2024 - 10 - 11), Lang::En), "Friday 11 October 2024");
    }
}
