//! A horizontal bar chart of counts (the surveys' per-question charts, issue 14): one bar per
//! label, its count and share at the bar's end. Pure and deterministic, presentation attributes
//! only (the CSP forbids inline styles). Several charts share a page, so each takes an `id`
//! for its `<title>` and `<desc>`; the page puts the same figures in a data table beside it.

use domain::error::Lang;

use crate::line::number;
use crate::text::text_width;
use crate::xml::esc;

/// One bar: its label, its value (a count or a score) and the share to print (in per cent of
/// the responses that answered; none for scores).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The option, row or value, as plain text.
    pub label: String,
    /// The count or score.
    pub value: f64,
    /// The share in per cent, when the value is a count of responses.
    pub share: Option<f64>,
}

const W: i32 = 640;
const ROW: i32 = 28;
const TOP: i32 = 8;
const LABEL_MAX: i32 = 260;
const BAR_COLOUR: &str = "#1b4f8a";

/// Cuts `label` to fit `LABEL_MAX` pixels at 12 px, ending with "…" when cut (the table
/// beside the chart has the whole label).
fn fit(label: &str) -> String {
    if text_width(label, 12, false) <= LABEL_MAX {
        return label.to_string();
    }
    let mut out = String::new();
    for c in label.chars() {
        if text_width(&format!("{out}{c}…"), 12, false) > LABEL_MAX {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// The chart as one `<svg>` element with `role="img"`, named by `title` and described by
/// `desc` (ids `{id}-title`, `{id}-desc`).
pub fn bars_svg(id: &str, title: &str, desc: &str, bars: &[Bar], lang: Lang) -> String {
    let h = TOP * 2 + ROW * (bars.len().max(1) as i32);
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {h}" width="{W}" height="{h}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="sans-serif" font-size="12"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc><rect width="{W}" height="{h}" fill="#ffffff"/>"##,
        esc(title),
        esc(desc)
    );
    if bars.is_empty() {
        let none = match lang {
            Lang::Sv => "Inga svar att visa.",
            Lang::En => "No answers to show.",
        };
        out.push_str(&format!(
            r##"<text x="{}" y="{}" text-anchor="middle" fill="#333333">{none}</text></svg>"##,
            W / 2,
            h / 2 + 4
        ));
        return out;
    }
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let left = LABEL_MAX + 12;
    let room = f64::from(W - left - 90);
    for (i, b) in bars.iter().enumerate() {
        let y = TOP + ROW * i as i32;
        let len = if max > 0.0 { (b.value / max * room).round() } else { 0.0 };
        let figure = match b.share {
            Some(s) => format!("{} ({} %)", number(b.value, lang), number((s * 10.0).round() / 10.0, lang)),
            None => number(b.value, lang),
        };
        out.push_str(&format!(
            r##"<text x="{}" y="{}" text-anchor="end" fill="#333333">{}</text><rect x="{left}" y="{}" width="{len}" height="{}" fill="{BAR_COLOUR}"/><text x="{}" y="{}" fill="#333333">{}</text>"##,
            left - 8,
            y + 18,
            esc(&fit(&b.label)),
            y + 5,
            ROW - 10,
            f64::from(left) + len + 6.0,
            y + 18,
            esc(&figure)
        ));
    }
    out.push_str(&format!(
        r##"<line x1="{left}" y1="{TOP}" x2="{left}" y2="{}" stroke="#333333" stroke-width="1"/></svg>"##,
        h - TOP
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: f64) -> Bar {
        Bar { label: label.into(), value, share: Some(value * 10.0) }
    }

    #[test]
    fn bars_scale_to_the_largest_and_escape_their_labels() {
        let svg = bars_svg(
            "q1",
            "Stöd",
            "Antal svar per alternativ",
            &[bar("Analys & statistik", 4.0), bar("Processtöd", 2.0)],
            Lang::Sv,
        );
        assert!(svg.contains("Analys &amp; statistik") && svg.contains("4 (40 %)"));
        assert!(svg.contains(r#"aria-labelledby="q1-title q1-desc""#));
        assert!(!svg.contains("style"));
        let widths: Vec<&str> = svg.match_indices("width=\"").map(|(i, _)| &svg[i + 7..i + 12]).collect();
        assert!(widths.iter().any(|w| w.starts_with("278\"")) && widths.iter().any(|w| w.starts_with("139\"")));
    }

    #[test]
    fn long_labels_are_cut_and_no_bars_say_so() {
        let long = "Främjande och förebyggande arbete för barn och unga i hela länet, på landsbygden och i staden";
        assert!(fit(long).ends_with('…') && text_width(&fit(long), 12, false) <= LABEL_MAX);
        assert!(bars_svg("q", "T", "D", &[], Lang::En).contains("No answers to show."));
    }
}
