//! The layout: where everything goes. The bands with their headings, the blocks of boxes in them,
//! which links become routed lines, the lines themselves, their labels and the key below the
//! chart.

use std::cmp::Reverse;
use std::collections::HashMap;

use domain::error::Lang;

use crate::blocks::{Block, BoxAt, H_GAP, Layouter, Metrics, SUP_GAP, V_GAP};
use crate::geom::{Pt, Rect};
use crate::model::{INFORMAL, Model, OFFICIALS, POLITICAL};
use crate::route::{CLEAR, Router, lanes, near_any};
use crate::text::text_width;

pub(crate) const MARGIN: i32 = 12;
const BAND_PAD: i32 = 16;
const HEAD_H: i32 = 44;
pub(crate) const HEAD_FONT: i32 = 16;
const BAND_GAP: i32 = 56;
pub(crate) const LABEL_FONT: i32 = 12;

/// The edges drawn between boxes by the router.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EdgeKind {
    Prepares,
    Superior,
}

pub(crate) struct Route {
    pub(crate) kind: EdgeKind,
    pub(crate) points: Vec<Pt>,
}

pub(crate) struct Label {
    pub(crate) at: Rect,
    pub(crate) text: &'static str,
    /// Drawn on a white patch over a line.
    pub(crate) patch: bool,
}

pub(crate) struct Band {
    pub(crate) r: Rect,
    pub(crate) band: usize,
}

/// The chart laid out: every position, ready to be written out.
pub(crate) struct Chart {
    pub(crate) w: i32,
    pub(crate) h: i32,
    pub(crate) bands: Vec<Band>,
    pub(crate) boxes: Vec<BoxAt>,
    pub(crate) frames: Vec<Rect>,
    pub(crate) ties: Vec<(Pt, Pt)>,
    pub(crate) sups: Vec<(Pt, Pt)>,
    pub(crate) routes: Vec<Route>,
    pub(crate) labels: Vec<Label>,
    pub(crate) legend: Vec<LegendItem>,
    pub(crate) legend_y: i32,
    pub(crate) metrics: Metrics,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LegendItem {
    Prepares,
    Superior,
    Frame,
}

pub(crate) fn band_heading(band: usize, lang: Lang) -> &'static str {
    match (band, lang) {
        (POLITICAL, Lang::Sv) => "Politiska samråd",
        (POLITICAL, Lang::En) => "Political consultation",
        (OFFICIALS, Lang::Sv) => "Ledningsgrupper (tjänstepersoner)",
        (OFFICIALS, Lang::En) => "Management groups (officials)",
        (_, Lang::Sv) => "Nätverk (informella, utan beredande roll)",
        (_, Lang::En) => "Networks (informal, no preparatory role)",
    }
}

/// Bold text is wider than `text_width` allows for in some fonts; headings must not be crossed.
fn heading_width(s: &str) -> i32 {
    text_width(s, HEAD_FONT, false) * 115 / 100
}

pub(crate) fn edge_label(kind: EdgeKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (EdgeKind::Prepares, Lang::Sv) => "bereder",
        (EdgeKind::Prepares, Lang::En) => "prepares",
        (EdgeKind::Superior, Lang::Sv) => "överordnad",
        (EdgeKind::Superior, Lang::En) => "superior to",
    }
}

pub(crate) fn legend_text(item: LegendItem, lang: Lang) -> &'static str {
    match (item, lang) {
        (LegendItem::Prepares, Lang::Sv) => "bereder ärenden åt",
        (LegendItem::Prepares, Lang::En) => "prepares cases for",
        (LegendItem::Superior, Lang::Sv) => "är överordnad",
        (LegendItem::Superior, Lang::En) => "is superior to",
        (LegendItem::Frame, Lang::Sv) => "underställda grupper",
        (LegendItem::Frame, Lang::En) => "subordinate bodies",
    }
}

pub(crate) fn legend_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "Förklaring:",
        Lang::En => "Key:",
    }
}

pub(crate) const LEGEND_H: i32 = 24;
pub(crate) const LEGEND_SAMPLE: i32 = 40;

fn legend_width(items: &[LegendItem], lang: Lang) -> i32 {
    if items.is_empty() {
        return 0;
    }
    let title = text_width(legend_title(lang), LABEL_FONT, true) + 12;
    title
        + items
            .iter()
            .map(|&i| LEGEND_SAMPLE + 8 + text_width(legend_text(i, lang), LABEL_FONT, false) + 24)
            .sum::<i32>()
}

fn legend_rect(chart: &Chart, lang: Lang) -> Rect {
    Rect { x: MARGIN - 4, y: chart.legend_y, w: legend_width(&chart.legend, lang) + 8, h: LEGEND_H }
}

pub(crate) fn layout(m: &Model, lang: Lang) -> Chart {
    let metrics = Metrics::new(m, lang);
    let contents: Vec<(usize, Block)> = {
        let lay = Layouter { m, x: &metrics };
        [POLITICAL, OFFICIALS, INFORMAL]
            .into_iter()
            .filter_map(|band| {
                // Superior bodies with their frames first, above the others.
                let (mut roots, leaves): (Vec<Block>, Vec<Block>) = (0..m.items.len())
                    .filter(|&i| m.items[i].band == band && m.host[i].is_none() && m.chart_parent(i).is_none())
                    .map(|i| lay.tree(i))
                    .partition(|b| !b.frames.is_empty());
                roots.extend(leaves);
                (!roots.is_empty()).then(|| (band, lay.rows(roots)))
            })
            .collect()
    };
    // Which edges the router draws: every preparation, and every superior link not shown by a frame.
    let mut edges: Vec<(usize, usize, EdgeKind)> = Vec::new();
    for i in 0..m.items.len() {
        if let Some(t) = m.link(i, m.items[i].facts.prepares_for) {
            edges.push((i, t, EdgeKind::Prepares));
        }
    }
    for i in 0..m.items.len() {
        if let Some(s) = m.link(i, m.items[i].facts.superior_id)
            && m.chart_parent(i) != Some(s)
        {
            edges.push((s, i, EdgeKind::Superior));
        }
    }
    let mut legend = Vec::new();
    if edges.iter().any(|e| e.2 == EdgeKind::Prepares) {
        legend.push(LegendItem::Prepares);
    }
    let framed = contents.iter().any(|(_, b)| !b.frames.is_empty());
    if framed || edges.iter().any(|e| e.2 == EdgeKind::Superior) {
        legend.push(LegendItem::Superior);
    }
    if framed {
        legend.push(LegendItem::Frame);
    }

    let inner =
        contents.iter().map(|(band, b)| b.w.max(heading_width(band_heading(*band, lang)) + 8)).max().unwrap_or(0);
    let w = (inner + 2 * BAND_PAD + 2 * MARGIN).max(legend_width(&legend, lang) + 2 * MARGIN);
    let inner = w - 2 * BAND_PAD - 2 * MARGIN;
    let mut chart = Chart {
        w,
        h: 0,
        bands: Vec::new(),
        boxes: Vec::new(),
        frames: Vec::new(),
        ties: Vec::new(),
        sups: Vec::new(),
        routes: Vec::new(),
        labels: Vec::new(),
        legend,
        legend_y: 0,
        metrics,
    };
    let mut all = Block::default();
    let mut y = MARGIN;
    for (band, content) in contents {
        let r = Rect { x: MARGIN, y, w: w - 2 * MARGIN, h: HEAD_H + content.h + BAND_PAD };
        let dx = MARGIN + BAND_PAD + (inner - content.w) / 2;
        all.append(content, dx, y + HEAD_H);
        chart.bands.push(Band { r, band });
        y = r.bottom() + BAND_GAP;
    }
    let bands_end = y - BAND_GAP;
    chart.legend_y = bands_end + 20;
    chart.h = if chart.legend.is_empty() { bands_end + MARGIN } else { chart.legend_y + LEGEND_H + MARGIN };
    chart.boxes = all.boxes;
    chart.frames = all.frames;
    chart.ties = all.ties;
    chart.sups = all.sups;

    // Labels beside the superior arrows, in the free space between a body and its frame.
    let sup_label = edge_label(EdgeKind::Superior, lang);
    let sup_w = text_width(sup_label, LABEL_FONT, false);
    for &(a, b) in &chart.sups {
        let mid = (a.y + b.y) / 2;
        chart.labels.push(Label {
            at: Rect { x: a.x + 8, y: mid - 9, w: sup_w + 4, h: 18 },
            text: sup_label,
            patch: false,
        });
    }
    route_edges(&mut chart, &edges, lang);
    chart
}

fn route_edges(chart: &mut Chart, edges: &[(usize, usize, EdgeKind)], lang: Lang) {
    if edges.is_empty() {
        return;
    }
    let box_of: HashMap<usize, Rect> = chart.boxes.iter().map(|b| (b.item, b.r)).collect();
    let headings: Vec<Rect> = chart
        .bands
        .iter()
        .map(|b| Rect { x: b.r.x + 12, y: b.r.y + 8, w: heading_width(band_heading(b.band, lang)) + 8, h: HEAD_H - 16 })
        .collect();
    let mut obstacles: Vec<Rect> = chart.boxes.iter().map(|b| b.r.inflate(CLEAR)).collect();
    obstacles.extend(headings.iter().copied());
    obstacles.extend(chart.labels.iter().map(|l| l.at));
    if !chart.legend.is_empty() {
        obstacles.push(legend_rect(chart, lang));
    }
    // The presidiums' ties and the superior arrows are lines no other line should run along.
    for &(a, b) in chart.ties.iter().chain(&chart.sups) {
        obstacles.push(Rect { x: a.x.min(b.x) - 4, y: a.y.min(b.y), w: (a.x - b.x).abs() + 8, h: (a.y - b.y).abs() });
    }

    let mut xs = vec![MARGIN / 2, chart.w - MARGIN / 2, MARGIN + BAND_PAD / 2, chart.w - MARGIN - BAND_PAD / 2];
    let mut ys = Vec::new();
    // Three lanes in each gap between boxes, so that lines to different bodies can run side by side.
    for b in &chart.boxes {
        for d in [-4, 0, 4] {
            xs.extend([b.r.x - H_GAP / 2 + d, b.r.right() + H_GAP / 2 + d]);
        }
        for d in [-10, 0, 10] {
            ys.extend([b.r.y - V_GAP / 2 + d, b.r.bottom() + V_GAP / 2 + d]);
        }
    }
    for f in &chart.frames {
        xs.extend([f.x - H_GAP / 2, f.right() + H_GAP / 2]);
        ys.extend([f.y - SUP_GAP / 4, f.bottom() + V_GAP / 2]);
    }
    for pair in chart.bands.windows(2) {
        ys.push((pair[0].r.bottom() + pair[1].r.y) / 2);
    }
    xs.extend(lanes(obstacles.iter().map(|o| (o.x, o.right())).collect()));
    ys.extend(lanes(obstacles.iter().map(|o| (o.y, o.bottom())).collect()));
    let mut x_edges: Vec<i32> = chart.frames.iter().flat_map(|f| [f.x, f.right()]).collect();
    x_edges.extend(chart.bands.iter().flat_map(|b| [b.r.x, b.r.right()]));
    let mut y_edges: Vec<i32> = chart.frames.iter().flat_map(|f| [f.y, f.bottom()]).collect();
    y_edges.extend(chart.bands.iter().flat_map(|b| [b.r.y, b.r.bottom()]));
    xs.retain(|&x| !near_any(x, &x_edges) && x > 0 && x < chart.w);
    ys.retain(|&y| !near_any(y, &y_edges) && y > 0 && y < chart.h);
    // The middles of the boxes' sides, where lines start and end.
    for b in &chart.boxes {
        xs.extend([b.r.cx(), b.r.cx() - b.r.w / 4, b.r.cx() + b.r.w / 4]);
        ys.push(b.r.cy());
    }
    xs.sort();
    xs.dedup();
    ys.sort();
    ys.dedup();

    let mut router = Router::new(xs, ys, obstacles);
    for &(from, to, kind) in edges {
        let (Some(&a), Some(&b)) = (box_of.get(&from), box_of.get(&to)) else { continue };
        let points = router.route(a, b, to).unwrap_or_else(|| {
            let (p, q) = if b.cy() < a.cy() {
                (Pt { x: a.cx(), y: a.y }, Pt { x: b.cx(), y: b.bottom() })
            } else {
                (Pt { x: a.cx(), y: a.bottom() }, Pt { x: b.cx(), y: b.y })
            };
            vec![p, q]
        });
        chart.routes.push(Route { kind, points });
    }
    place_route_labels(chart, &headings, lang);
}

/// A label on each routed line where it fits: on the longest stretch that crosses no box, no
/// heading, no other label and — if possible — no other line. A line without room goes without;
/// the key below the chart explains the line styles.
fn place_route_labels(chart: &mut Chart, headings: &[Rect], lang: Lang) {
    let mut taken: Vec<Rect> = chart.boxes.iter().map(|b| b.r.inflate(2)).collect();
    taken.push(legend_rect(chart, lang));
    taken.extend(headings.iter().copied());
    taken.extend(chart.labels.iter().map(|l| l.at));
    taken.extend(
        chart.frames.iter().flat_map(|f| {
            [Rect { x: f.x, y: f.y - 1, w: f.w, h: 2 }, Rect { x: f.x, y: f.bottom() - 1, w: f.w, h: 2 }]
        }),
    );
    let mut placed: Vec<Label> = Vec::new();
    for (k, route) in chart.routes.iter().enumerate() {
        let text = edge_label(route.kind, lang);
        let (w, h) = (text_width(text, LABEL_FONT, false) + 8, 18);
        let mut segments: Vec<(Pt, Pt)> = route.points.windows(2).map(|p| (p[0], p[1])).collect();
        segments.sort_by_key(|(a, b)| Reverse((a.x - b.x).abs() + (a.y - b.y).abs()));
        let others: Vec<(Pt, Pt)> = chart
            .routes
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .flat_map(|(_, r)| r.points.windows(2).map(|p| (p[0], p[1])).collect::<Vec<_>>())
            .collect();
        let spot = [true, false].into_iter().find_map(|avoid_lines| {
            segments.iter().find_map(|&(a, b)| {
                [2, 1, 3].into_iter().find_map(|q| {
                    let c = Pt { x: a.x + (b.x - a.x) * q / 4, y: a.y + (b.y - a.y) * q / 4 };
                    let r = Rect { x: c.x - w / 2, y: c.y - h / 2, w, h };
                    let fits =
                        (a.x == b.x && (a.y - b.y).abs() >= h + 16) || (a.y == b.y && (a.x - b.x).abs() >= w + 16);
                    let free = fits
                        && r.x > 0
                        && r.right() < chart.w
                        && !taken.iter().chain(placed.iter().map(|l| &l.at)).any(|t| t.overlaps(&r))
                        && !(avoid_lines && others.iter().any(|&(p, q)| r.cut_by(p, q)));
                    free.then_some(r)
                })
            })
        });
        if let Some(at) = spot {
            placed.push(Label { at, text, patch: true });
        }
    }
    chart.labels.extend(placed);
}

#[cfg(test)]
mod tests {
    use domain::ids::BodyId;

    use super::*;
    use crate::fixtures::{chart_bodies, seed};

    #[test]
    fn the_seed_lays_out_as_three_bands() {
        let (facts, pres) = seed();
        let bodies = chart_bodies(&facts, &pres);
        let m = Model::new(&bodies);
        let chart = layout(&m, Lang::Sv);
        assert_eq!(chart.bands.iter().map(|b| b.band).collect::<Vec<_>>(), [POLITICAL, OFFICIALS, INFORMAL]);
        let at = |id: i64| chart.boxes.iter().find(|b| m.items[b.item].facts.id == BodyId(id)).unwrap().r;
        let (strategic, presidium) = (at(1), at(3));
        assert!(presidium.bottom() < strategic.y && presidium.right() > strategic.x && presidium.x < strategic.right());
        let lg = at(5);
        let subs: Vec<Rect> = (6..=10).map(at).collect();
        assert!(subs.iter().all(|s| s.y > lg.bottom() && s.y == subs[0].y), "the five in one row below");
        let row_mid = (subs.iter().map(|s| s.x).min().unwrap() + subs.iter().map(|s| s.right()).max().unwrap()) / 2;
        assert!((lg.cx() - row_mid).abs() <= 2, "the superior group centred above them");
        assert_eq!(chart.frames.len(), 1);
        assert!(at(11).y > chart.bands[1].r.bottom(), "the network in the bottom band");
        assert!(chart.routes.len() == 1 && chart.routes[0].points.first().unwrap().y == lg.y);
        assert_eq!(chart.routes[0].points.last().unwrap().y, strategic.bottom());
    }
}
