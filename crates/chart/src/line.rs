//! A line chart of yearly series (the indicators' charts, issue 13): one line per series over
//! the years, with the value axis on nice round steps. Pure and deterministic like the structure
//! chart: the same series give the same bytes, presentation attributes only (the CSP forbids
//! inline styles). Series differ in dash pattern and marker shape as well as in colour, so the
//! chart does not depend on colour vision; the page puts a data table and a text summary next
//! to it (`role="img"` with a `<title>` and `<desc>`).
//!
//! The chart is laid out once as a [`Drawing`] (rules, lines, markers and labels in pixels from
//! the top left); [`Drawing::svg`] writes it for the pages, and the annual report's PDF draws
//! the same marks as vectors, so both show the same data the same way.

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

/// The chart's width in pixels.
pub const W: f64 = 640.0;
/// The chart's height in pixels.
pub const H: f64 = 340.0;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const PLOT_BOTTOM: f64 = 260.0;
/// The size of the labels, in pixels.
pub const FONT_SIZE: f64 = 12.0;
/// Colours with at least 3:1 contrast against white, and a dash pattern each.
const STYLES: [([u8; 3], &[f64]); 4] = [
    ([0x1b, 0x4f, 0x8a], &[]),
    ([0xa3, 0x36, 0x1f], &[8.0, 4.0]),
    ([0x2e, 0x6b, 0x30], &[2.0, 3.0]),
    ([0x6b, 0x3f, 0x8f], &[10.0, 3.0, 2.0, 3.0]),
];
const GRID: [u8; 3] = [0xd0, 0xd0, 0xd0];
const INK: [u8; 3] = [0x33, 0x33, 0x33];

/// Where a label sits relative to its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The point is the label's left end.
    Start,
    /// The point is the label's middle.
    Middle,
    /// The point is the label's right end.
    End,
}

/// The shape of a series' markers, the first series' first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A disc of radius 3.5.
    Circle,
    /// A square of side 7.
    Square,
    /// A triangle pointing up.
    Triangle,
    /// A diamond.
    Diamond,
}

/// One mark of a [`Drawing`], in pixels from the top left.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// A stroked line through `points` (a grid line, an axis, a series between two gaps).
    Line {
        /// At least two points.
        points: Vec<(f64, f64)>,
        /// RGB.
        colour: [u8; 3],
        /// Stroke width.
        width: f64,
        /// Dash pattern (lengths of dash and gap); empty for a solid line.
        dash: &'static [f64],
    },
    /// A filled marker centred on a point.
    Marker {
        /// Its shape.
        shape: Shape,
        /// The centre.
        at: (f64, f64),
        /// RGB.
        colour: [u8; 3],
    },
    /// A label with its baseline at `at`, [`FONT_SIZE`] pixels high.
    Text {
        /// Where the baseline is anchored.
        at: (f64, f64),
        /// How the label sits on `at`.
        anchor: Anchor,
        /// RGB.
        colour: [u8; 3],
        /// Plain text.
        text: String,
    },
}

/// A laid-out chart of [`W`] × [`H`] pixels: its marks in drawing order on a white ground.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawing {
    /// The marks, drawn in order.
    pub marks: Vec<Mark>,
    /// Whether the chart shows any value (otherwise it only says there is none).
    pub has_values: bool,
}

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

fn text(at: (f64, f64), anchor: Anchor, colour: [u8; 3], text: String) -> Mark {
    Mark::Text { at, anchor, colour, text }
}

fn rule(from: (f64, f64), to: (f64, f64), colour: [u8; 3], width: f64, dash: &'static [f64]) -> Mark {
    Mark::Line { points: vec![from, to], colour, width, dash }
}

const SHAPES: [Shape; 4] = [Shape::Circle, Shape::Square, Shape::Triangle, Shape::Diamond];

/// Lays the chart of `series` out: the value axis in `unit`, numbers written as `lang` writes
/// them. Up to four series are drawn; an empty chart says so.
pub fn drawing(unit: &str, series: &[Series], lang: Lang) -> Drawing {
    let series: Vec<&Series> = series.iter().filter(|s| !s.points.is_empty()).take(STYLES.len()).collect();
    let mut marks = Vec::new();
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
        marks.push(text((W / 2.0, H / 2.0), Anchor::Middle, INK, none.into()));
        return Drawing { marks, has_values: false };
    }
    let (lo, hi, step) = ticks(y0, y1);
    let span_x = f64::from((x1 - x0).max(1));
    let px = |year: i32| LEFT + (W - LEFT - RIGHT) * f64::from(year - x0) / span_x;
    let py = |v: f64| PLOT_BOTTOM - (PLOT_BOTTOM - TOP) * (v - lo) / (hi - lo);
    // Value axis: grid lines and labels.
    let mut v = lo;
    while v <= hi + step / 2.0 {
        let y = py(v);
        marks.push(rule((LEFT, y), (W - RIGHT, y), GRID, 1.0, &[]));
        marks.push(text((LEFT - 6.0, y + 4.0), Anchor::End, INK, number(v, lang)));
        v += step;
    }
    marks.push(text((4.0, TOP - 4.0 + FONT_SIZE), Anchor::Start, INK, unit.to_owned()));
    // Year axis: about eight labels.
    let every = ((x1 - x0) / 8 + 1).max(1);
    let mut year = x0;
    while year <= x1 {
        marks.push(text((px(year), PLOT_BOTTOM + 16.0), Anchor::Middle, INK, year.to_string()));
        year += every;
    }
    marks.push(rule((LEFT, PLOT_BOTTOM), (W - RIGHT, PLOT_BOTTOM), INK, 1.0, &[]));
    // The lines, a break at every missing year: one line per run of consecutive years.
    for (i, s) in series.iter().enumerate() {
        let (colour, dash) = STYLES[i];
        let mut pts = s.points.clone();
        pts.sort_by_key(|p| p.0);
        let mut prev: Option<i32> = None;
        let mut run: Vec<(f64, f64)> = Vec::new();
        for &(year, v) in &pts {
            if prev.is_none_or(|p| p + 1 != year) {
                if run.len() > 1 {
                    marks.push(Mark::Line { points: std::mem::take(&mut run), colour, width: 2.0, dash });
                }
                run.clear();
            }
            run.push((px(year), py(v)));
            prev = Some(year);
        }
        if run.len() > 1 {
            marks.push(Mark::Line { points: run, colour, width: 2.0, dash });
        }
        for &(year, v) in &pts {
            marks.push(Mark::Marker { shape: SHAPES[i], at: (px(year), py(v)), colour });
        }
        // Legend, below the plot.
        let ly = PLOT_BOTTOM + 36.0 + 18.0 * i as f64;
        marks.push(rule((LEFT, ly), (LEFT + 28.0, ly), colour, 2.0, dash));
        marks.push(Mark::Marker { shape: SHAPES[i], at: (LEFT + 14.0, ly), colour });
        marks.push(text((LEFT + 36.0, ly + 4.0), Anchor::Start, colour, s.name.clone()));
    }
    Drawing { marks, has_values: true }
}

impl Shape {
    /// The outline of the marker centred on `(x, y)`, or `None` for the circle (a disc of radius
    /// 3.5).
    pub fn polygon(self, x: f64, y: f64) -> Option<Vec<(f64, f64)>> {
        match self {
            Shape::Circle => None,
            Shape::Square => Some(vec![(x - 3.5, y - 3.5), (x + 3.5, y - 3.5), (x + 3.5, y + 3.5), (x - 3.5, y + 3.5)]),
            Shape::Triangle => Some(vec![(x, y - 4.5), (x + 4.5, y + 3.5), (x - 4.5, y + 3.5)]),
            Shape::Diamond => Some(vec![(x, y - 4.5), (x + 4.5, y), (x, y + 4.5), (x - 4.5, y)]),
        }
    }
}

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn path(points: &[(f64, f64)], close: bool) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        d.push_str(&format!("{}{x:.1} {y:.1}", if i == 0 { 'M' } else { 'L' }));
    }
    if close {
        d.push('Z');
    }
    d
}

impl Drawing {
    /// The chart as one `<svg>` element. `title` names it; `desc` is its short description (the
    /// page's text summary says the rest).
    pub fn svg(&self, title: &str, desc: &str) -> String {
        let mut out = format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-labelledby="chart-title chart-desc" font-family="sans-serif" font-size="{FONT_SIZE}"><title id="chart-title">{}</title><desc id="chart-desc">{}</desc><rect width="{W}" height="{H}" fill="#ffffff"/>"##,
            esc(title),
            esc(desc)
        );
        for mark in &self.marks {
            match mark {
                Mark::Line { points, colour, width, dash } => {
                    let dash = if dash.is_empty() {
                        String::new()
                    } else {
                        let d: Vec<String> = dash.iter().map(|x| x.to_string()).collect();
                        format!(r#" stroke-dasharray="{}""#, d.join(" "))
                    };
                    let colour = hex(*colour);
                    if let [(x1, y1), (x2, y2)] = points.as_slice() {
                        out.push_str(&format!(
                            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{colour}" stroke-width="{width}"{dash}/>"#
                        ));
                    } else {
                        out.push_str(&format!(
                            r#"<path d="{}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}/>"#,
                            path(points, false)
                        ));
                    }
                }
                Mark::Marker { shape, at: (x, y), colour } => {
                    let colour = hex(*colour);
                    match shape.polygon(*x, *y) {
                        None => out.push_str(&format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{colour}"/>"#)),
                        Some(p) => out.push_str(&format!(r#"<path d="{}" fill="{colour}"/>"#, path(&p, true))),
                    }
                }
                Mark::Text { at: (x, y), anchor, colour, text } => {
                    let anchor = match anchor {
                        Anchor::Start => "",
                        Anchor::Middle => r#" text-anchor="middle""#,
                        Anchor::End => r#" text-anchor="end""#,
                    };
                    out.push_str(&format!(
                        r#"<text x="{x:.1}" y="{y:.1}"{anchor} fill="{}">{}</text>"#,
                        hex(*colour),
                        esc(text)
                    ));
                }
            }
        }
        out.push_str("</svg>");
        out
    }
}

/// The chart as one `<svg>` element (see [`drawing`] and [`Drawing::svg`]).
pub fn line_svg(title: &str, desc: &str, unit: &str, series: &[Series], lang: Lang) -> String {
    drawing(unit, series, lang).svg(title, desc)
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
        let svg =
            line_svg("<T>", "D", "%", &[s("Ö & co", &[(2000, 1.0), (2001, 2.0), (2002, 2.5), (2005, 3.0)])], Lang::Sv);
        // The run 2000–2002 is one line; 2005 stands alone, a marker without a line.
        assert_eq!(svg.matches("<path d=\"M").count(), 1);
        assert_eq!(svg.matches("<circle").count(), 5, "four values and the legend's marker");
        assert!(svg.contains("&lt;T&gt;") && svg.contains("Ö &amp; co"));
    }

    #[test]
    fn the_drawing_keeps_every_value_and_the_series_styles() {
        let d = drawing("%", &[s("A", &[(2000, 1.0), (2001, 2.0)]), s("B", &[(2000, 2.0), (2001, 1.0)])], Lang::En);
        assert!(d.has_values);
        let markers: Vec<Shape> = d
            .marks
            .iter()
            .filter_map(|m| if let Mark::Marker { shape, .. } = m { Some(*shape) } else { None })
            .collect();
        assert_eq!(markers, [Shape::Circle, Shape::Circle, Shape::Circle, Shape::Square, Shape::Square, Shape::Square]);
        assert!(d.marks.iter().any(|m| matches!(m, Mark::Line { dash, .. } if !dash.is_empty())));
        assert!(!drawing("%", &[], Lang::En).has_values);
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
