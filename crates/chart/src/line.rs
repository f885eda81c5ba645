//! A line chart of yearly series (the indicators' charts, issue 13): one line per series over
//! the years, with the value axis on nice round steps. Pure and deterministic like the structure
//! chart: the same series give the same bytes, presentation attributes only (the CSP forbids
//! inline styles). Series differ in dash pattern and marker shape as well as in colour, so the
//! chart does not depend on colour vision; the page puts a data table and a text summary next
//! to it (`role="img"` with a `<title>` and `<desc>`).

use domain::error::Lang;

use crate::xml::esc;

/// One line: a name for the legend and its values by year (gaps are years left out).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The name in the legend, e.g. "Jönköping".
    pub name: String,
    /// `(year, value)`, any order.
    pub points: Vec<(i32, f64)>,
}

const W: f64 = 640.0;
const H: f64 = 340.0;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const PLOT_BOTTOM: f64 = 260.0;
/// Colours with at least 3:1 contrast against white, and a dash pattern each.
const STYLES: [(&str, &str); 4] = [("#1b4f8a", ""), ("#a3361f", "8 4"), ("#2e6b30", "2 3"), ("#6b3f8f", "10 3 2 3")];

/// A number as the language writes it: `145 114` / `145,114`, `74,5` / `74.5`; at most two
/// decimals, trailing zeros dropped.
pub fn number(x: f64, lang: Lang) -> String {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let (group, point) = match lang {
        Lang::Sv => ('\u{a0}', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    if neg && out != "0" { format!("-{out}") } else { out }
}

/// Round steps for the value axis: (low, high, step) covering `lo..=hi` in about five steps.
fn ticks(lo: f64, hi: f64) -> (f64, f64, f64) {
    let (lo, hi) = if (hi - lo).abs() < f64::EPSILON { (lo - 1.0, hi + 1.0) } else { (lo, hi) };
    let raw = (hi - lo) / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    ((lo / step).floor() * step, (hi / step).ceil() * step, step)
}

fn marker(i: usize, x: f64, y: f64, colour: &str) -> String {
    match i % 4 {
        0 => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{colour}"/>"#),
        1 => format!(r#"<rect x="{:.1}" y="{:.1}" width="7" height="7" fill="{colour}"/>"#, x - 3.5, y - 3.5),
        2 => format!(
            r#"<path d="M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z" fill="{colour}"/>"#,
            y - 4.5,
            x + 4.5,
            y + 3.5,
            x - 4.5,
            y + 3.5
        ),
        _ => format!(
            r#"<path d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z" fill="{colour}"/>"#,
            y - 4.5,
            x + 4.5,
            y + 4.5,
            x - 4.5
        ),
    }
}

/// The chart as one `<svg>` element. `title` names it; `desc` is its short description (the
/// page's text summary says the rest). Up to four series are drawn; an empty chart says so.
pub fn line_svg(title: &str, desc: &str, unit: &str, series: &[Series], lang: Lang) -> String {
    let series: Vec<&Series> = series.iter().filter(|s| !s.points.is_empty()).take(STYLES.len()).collect();
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-labelledby="chart-title chart-desc" font-family="sans-serif" font-size="12"><title id="chart-title">{}</title><desc id="chart-desc">{}</desc><rect width="{W}" height="{H}" fill="#ffffff"/>"##,
        esc(title),
        esc(desc)
    );
    let all = series.iter().flat_map(|s| s.points.iter());
    let (mut y0, mut y1, mut x0, mut x1) = (f64::INFINITY, f64::NEG_INFINITY, i32::MAX, i32::MIN);
    for &(year, v) in all {
        y0 = y0.min(v);
        y1 = y1.max(v);
        x0 = x0.min(year);
        x1 = x1.max(year);
    }
    if series.is_empty() || !y0.is_finite() {
        let none = match lang {
            Lang::Sv => "Inga värden att visa.",
            Lang::En => "No values to show.",
        };
        out.push_str(&format!(
            r##"<text x="{}" y="{}" text-anchor="middle" fill="#333333">{none}</text></svg>"##,
            W / 2.0,
            H / 2.0
        ));
        return out;
    }
    let (lo, hi, step) = ticks(y0, y1);
    let span_x = f64::from((x1 - x0).max(1));
    let px = |year: i32| LEFT + (W - LEFT - RIGHT) * f64::from(year - x0) / span_x;
    let py = |v: f64| PLOT_BOTTOM - (PLOT_BOTTOM - TOP) * (v - lo) / (hi - lo);
    // Value axis: grid lines and labels.
    let mut v = lo;
    while v <= hi + step / 2.0 {
        let y = py(v);
        out.push_str(&format!(
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#d0d0d0" stroke-width="1"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#333333">{}</text>"##,
            W - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            esc(&number(v, lang))
        ));
        v += step;
    }
    out.push_str(&format!(r##"<text x="4" y="{:.1}" fill="#333333">{}</text>"##, TOP - 4.0 + 12.0, esc(unit)));
    // Year axis: about eight labels.
    let every = ((x1 - x0) / 8 + 1).max(1);
    let mut year = x0;
    while year <= x1 {
        out.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#333333">{year}</text>"##,
            px(year),
            PLOT_BOTTOM + 16.0
        ));
        year += every;
    }
    out.push_str(&format!(
        r##"<line x1="{LEFT}" y1="{PLOT_BOTTOM}" x2="{:.1}" y2="{PLOT_BOTTOM}" stroke="#333333" stroke-width="1"/>"##,
        W - RIGHT
    ));
    // The lines, a break at every missing year.
    for (i, s) in series.iter().enumerate() {
        let (colour, dash) = STYLES[i];
        let mut pts = s.points.clone();
        pts.sort_by_key(|p| p.0);
        let mut d = String::new();
        let mut prev: Option<i32> = None;
        for &(year, v) in &pts {
            let cmd = if prev.is_some_and(|p| p + 1 == year) { 'L' } else { 'M' };
            d.push_str(&format!("{cmd}{:.1} {:.1}", px(year), py(v)));
            prev = Some(year);
        }
        let dash = if dash.is_empty() { String::new() } else { format!(r#" stroke-dasharray="{dash}""#) };
        out.push_str(&format!(r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>"#));
        for &(year, v) in &pts {
            out.push_str(&marker(i, px(year), py(v), colour));
        }
        // Legend, below the plot.
        let ly = PLOT_BOTTOM + 36.0 + 18.0 * i as f64;
        out.push_str(&format!(
            r#"<line x1="{LEFT}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{colour}" stroke-width="2"{dash}/>{}<text x="{:.1}" y="{:.1}" fill="{colour}">{}</text>"#,
            LEFT + 28.0,
            marker(i, LEFT + 14.0, ly, colour),
            LEFT + 36.0,
            ly + 4.0,
            esc(&s.name)
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(name: &str, pts: &[(i32, f64)]) -> Series {
        Series { name: name.into(), points: pts.to_vec() }
    }

    #[test]
    fn deterministic_whatever_the_order_of_points() {
        let a = line_svg("T", "D", "antal", &[s("A", &[(2020, 1.0), (2021, 2.0)])], Lang::Sv);
        let b = line_svg("T", "D", "antal", &[s("A", &[(2021, 2.0), (2020, 1.0)])], Lang::Sv);
        assert_eq!(a, b);
        assert!(!a.contains("style"), "no inline style: the CSP forbids it");
        assert!(a.starts_with("<svg") && a.ends_with("</svg>"));
    }

    #[test]
    fn a_missing_year_breaks_the_line_and_text_is_escaped() {
        let svg = line_svg("<T>", "D", "%", &[s("Ö & co", &[(2000, 1.0), (2001, 2.0), (2005, 3.0)])], Lang::Sv);
        assert_eq!(svg.matches(" d=\"M").count(), 1);
        assert!(svg.contains("L") && svg.matches('M').count() >= 2);
        assert!(svg.contains("&lt;T&gt;") && svg.contains("Ö &amp; co"));
    }

    #[test]
    fn empty_series_say_so() {
        assert!(line_svg("T", "D", "", &[], Lang::En).contains("No values to show."));
    }

    #[test]
    fn numbers_in_swedish_and_english() {
        assert_eq!(number(145114.0, Lang::Sv), "145\u{a0}114");
        assert_eq!(number(145114.0, Lang::En), "145,114");
        assert_eq!(number(74.5, Lang::Sv), "74,5");
        assert_eq!(number(-0.001, Lang::En), "0");
        assert_eq!(number(-1234.25, Lang::En), "-1,234.25");
        let (lo, hi, step) = ticks(3.76, 6.16);
        assert!(lo <= 3.76 && hi >= 6.16 && step > 0.0 && (hi - lo) / step <= 10.0);
    }
}
