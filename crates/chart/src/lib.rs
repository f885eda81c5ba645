//! The structure chart: the consultation structure drawn as server-side SVG, and the same content
//! as a nested list (the text alternative).
//!
//! Three bands, as in the summary picture of seed 001: the political consultation groups with
//! their presidiums on top, the management groups of officials in the middle — a superior group
//! above a frame holding the groups it is superior to — and, set apart by a dashed border, the
//! informal networks and working groups. Solid arrows run from a body to the body it prepares
//! cases for, dashed arrows from a superior body to its subordinates.
//!
//! Pure and deterministic: the same bodies in any order give the same bytes. The page's
//! Content-Security-Policy forbids inline styles, so the SVG uses presentation attributes only.
//! Every box is a link to the body's page with its own `<title>`.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::fmt::Write;

use domain::error::Lang;
use domain::ids::BodyId;
use domain::structure::{BodyFacts, BodyKind};
use domain::text::search_key;

/// One body to draw: its facts and, for a presidium, the body whose agenda it sets.
#[derive(Clone, Copy, Debug)]
pub struct ChartBody<'a> {
    pub facts: &'a BodyFacts,
    pub presidium_of: Option<BodyId>,
}

/// One entry of the text alternative: a body, its kind and how it relates to the others, with
/// the bodies under it (its presidium, the bodies it is superior to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineNode {
    pub id: BodyId,
    pub name: String,
    pub kind_label: &'static str,
    /// "Bereder ärenden åt Samrådet för strategiska frågor"; several relations are joined by "; ".
    pub relation: Option<String>,
    pub children: Vec<OutlineNode>,
}

/// The chart as one complete `<svg>` element, at its natural size in pixels (with a `viewBox`,
/// so CSS may scale it). Wide structures are wider than a phone: put it in a scrolling container.
///
/// The element has `role="group"`, named by its `<title>` and described by its `<desc>`; not
/// `role="img"`, whose children are presentational: screen readers would lose the links (axe
/// reports it as nested-interactive). Put the [`outline`] next to it as the text alternative.
pub fn svg(bodies: &[ChartBody], lang: Lang) -> String {
    let model = Model::new(bodies);
    if model.items.is_empty() {
        return empty_svg(lang);
    }
    render(&model, &layout(&model, lang), lang)
}

/// The text alternative: the bodies that answer to no other body, in the order of the chart's
/// bands, each with its presidiums and then its subordinates nested under it.
pub fn outline(bodies: &[ChartBody], lang: Lang) -> Vec<OutlineNode> {
    let model = Model::new(bodies);
    (0..model.items.len())
        .filter(|&i| model.host[i].is_none() && model.parent[i].is_none())
        .map(|i| outline_node(&model, i, lang))
        .collect()
}

fn outline_node(m: &Model, i: usize, lang: Lang) -> OutlineNode {
    let facts = m.items[i].facts;
    let children = m.presidia[i].iter().chain(&m.subordinates[i]).map(|&c| outline_node(m, c, lang)).collect();
    OutlineNode {
        id: facts.id,
        name: facts.name.clone(),
        kind_label: facts.kind.label(lang),
        relation: relation(m, i, lang),
        children,
    }
}

fn relation(m: &Model, i: usize, lang: Lang) -> Option<String> {
    let facts = m.items[i].facts;
    let name = |j: usize| m.items[j].facts.name.as_str();
    let sv = lang == Lang::Sv;
    let mut parts = Vec::new();
    if let Some(h) = m.host[i] {
        parts.push(if sv { format!("Presidium för {}", name(h)) } else { format!("Presidium of {}", name(h)) });
    }
    if let Some(s) = m.link(i, facts.superior_id) {
        parts.push(if sv { format!("Underställd {}", name(s)) } else { format!("Reports to {}", name(s)) });
    }
    if let Some(t) = m.link(i, facts.prepares_for) {
        parts.push(if sv {
            format!("Bereder ärenden åt {}", name(t))
        } else {
            format!("Prepares cases for {}", name(t))
        });
    }
    if !facts.formal {
        parts.push(if sv { "Informell, utan beredande roll" } else { "Informal, no preparatory role" }.to_string());
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

// ---------------------------------------------------------------------------------------------
// The model: the bodies in their fixed order and the links between them, made safe to draw.

/// The bands, top to bottom.
const POLITICAL: usize = 0;
const OFFICIALS: usize = 1;
const INFORMAL: usize = 2;

struct Item<'a> {
    facts: &'a BodyFacts,
    presidium_of: Option<BodyId>,
    band: usize,
}

struct Model<'a> {
    /// Sorted by band, kind, Swedish name and id: the order of everything drawn.
    items: Vec<Item<'a>>,
    by_id: HashMap<BodyId, usize>,
    /// A presidium drawn attached to its body.
    host: Vec<Option<usize>>,
    /// The superior body, unless the link would go round in a circle or involves a presidium
    /// drawn with its body.
    parent: Vec<Option<usize>>,
    presidia: Vec<Vec<usize>>,
    subordinates: Vec<Vec<usize>>,
}

fn band_of(f: &BodyFacts) -> usize {
    match f.kind {
        BodyKind::Network | BodyKind::WorkingGroup => INFORMAL,
        _ if !f.formal => INFORMAL,
        BodyKind::ManagementGroup => OFFICIALS,
        _ => POLITICAL,
    }
}

/// The order of kinds within a band: consultation groups first.
fn kind_rank(k: BodyKind) -> u8 {
    match k {
        BodyKind::ConsultationGroup | BodyKind::ManagementGroup | BodyKind::Network => 0,
        BodyKind::SteeringGroup | BodyKind::WorkingGroup => 1,
        BodyKind::ReferenceGroup => 2,
        BodyKind::RegionalCouncil => 3,
        BodyKind::RegionalBoard => 4,
        BodyKind::Committee => 5,
        BodyKind::MunicipalBoard => 6,
        BodyKind::Presidium => 7,
    }
}

impl<'a> Model<'a> {
    fn new(bodies: &[ChartBody<'a>]) -> Model<'a> {
        let mut keyed: Vec<_> = bodies
            .iter()
            .map(|b| {
                let f = b.facts;
                let key = (
                    band_of(f),
                    kind_rank(f.kind),
                    search_key(&f.name),
                    f.id,
                    f.name.clone(),
                    f.kind.as_str(),
                    f.formal,
                    f.superior_id,
                    f.prepares_for,
                    b.presidium_of,
                );
                (key, Item { facts: f, presidium_of: b.presidium_of, band: band_of(f) })
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let items: Vec<Item> = keyed.into_iter().map(|(_, item)| item).collect();
        let n = items.len();
        let mut by_id = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            by_id.entry(item.facts.id).or_insert(i);
        }
        let mut m = Model {
            items,
            by_id,
            host: vec![None; n],
            parent: vec![None; n],
            presidia: vec![Vec::new(); n],
            subordinates: vec![Vec::new(); n],
        };
        let claims: Vec<Option<usize>> = (0..n).map(|i| m.link(i, m.items[i].presidium_of)).collect();
        for i in 0..n {
            if let Some(h) = claims[i]
                && claims[h].is_none()
            {
                m.host[i] = Some(h);
                m.presidia[h].push(i);
            }
        }
        for i in 0..n {
            m.parent[i] =
                m.link(i, m.items[i].facts.superior_id).filter(|&s| m.host[i].is_none() && m.host[s].is_none());
        }
        let circular: Vec<usize> = (0..n).filter(|&i| m.on_circle(i)).collect();
        for i in circular {
            m.parent[i] = None;
        }
        for i in 0..n {
            if let Some(p) = m.parent[i] {
                m.subordinates[p].push(i);
            }
        }
        m
    }

    /// The body a link names, if it is drawn and is not the body itself.
    fn link(&self, i: usize, id: Option<BodyId>) -> Option<usize> {
        id.and_then(|id| self.by_id.get(&id).copied()).filter(|&j| j != i)
    }

    fn on_circle(&self, i: usize) -> bool {
        let mut at = self.parent[i];
        for _ in 0..self.items.len() {
            match at {
                Some(j) if j == i => return true,
                Some(j) => at = self.parent[j],
                None => return false,
            }
        }
        false
    }

    /// The superior under whose frame a body is drawn: only within the same band.
    fn chart_parent(&self, i: usize) -> Option<usize> {
        self.parent[i].filter(|&p| self.items[p].band == self.items[i].band)
    }
}

// ---------------------------------------------------------------------------------------------
// Geometry. Whole pixels throughout, so the output is the same on every machine.

const MARGIN: i32 = 12;
const BAND_PAD: i32 = 16;
const HEAD_H: i32 = 44;
const HEAD_FONT: i32 = 16;
const BAND_GAP: i32 = 56;
const H_GAP: i32 = 24;
const V_GAP: i32 = 56;
const SUP_GAP: i32 = 48;
const FRAME_PAD: i32 = 14;
const FONT: i32 = 14;
const LINE_H: i32 = 18;
const PAD_X: i32 = 12;
const PAD_Y: i32 = 10;
const KIND_FONT: i32 = 11;
const KIND_H: i32 = 15;
const PRES_FONT: i32 = 12;
const PRES_LINE_H: i32 = 15;
const PRES_PAD: i32 = 7;
const PRES_GAP: i32 = 14;
const PRES_HGAP: i32 = 10;
const LABEL_FONT: i32 = 12;
const MIN_BOX_W: i32 = 150;
const MAX_PER_ROW: i32 = 5;
const WRAP: usize = 22;
const LONG_WORD: usize = 26;
const MAX_LINES: usize = 3;
/// How far lines keep from boxes.
const CLEAR: i32 = 8;

const INK: &str = "#1b1b1b";
const MUTED: &str = "#4a4a4a";
const BRAND: &str = "#0b4f6c";
const PALE: &str = "#e8f1f6";
const SOFT: &str = "#f3f6f8";
const WHITE: &str = "#ffffff";
const RULE: &str = "#c5ced6";
const FRAME: &str = "#5c6f7b";
const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Pt {
    x: i32,
    y: i32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rect {
    x: i32,
    y: i32,
    w: i32,
    h: i32,
}

impl Rect {
    fn right(&self) -> i32 {
        self.x + self.w
    }
    fn bottom(&self) -> i32 {
        self.y + self.h
    }
    fn cx(&self) -> i32 {
        self.x + self.w / 2
    }
    fn cy(&self) -> i32 {
        self.y + self.h / 2
    }
    fn inflate(&self, d: i32) -> Rect {
        Rect { x: self.x - d, y: self.y - d, w: self.w + 2 * d, h: self.h + 2 * d }
    }
    fn moved(&self, dx: i32, dy: i32) -> Rect {
        Rect { x: self.x + dx, y: self.y + dy, ..*self }
    }
    fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    fn holds(&self, p: Pt) -> bool {
        p.x > self.x && p.x < self.right() && p.y > self.y && p.y < self.bottom()
    }
    /// Whether a horizontal or vertical segment passes through the inside.
    fn cut_by(&self, a: Pt, b: Pt) -> bool {
        if a.y == b.y {
            let (x1, x2) = (a.x.min(b.x), a.x.max(b.x));
            a.y > self.y && a.y < self.bottom() && x1.max(self.x) < x2.min(self.right())
        } else {
            let (y1, y2) = (a.y.min(b.y), a.y.max(b.y));
            a.x > self.x && a.x < self.right() && y1.max(self.y) < y2.min(self.bottom())
        }
    }
}

/// Approximate advance widths in thousandths of an em, generous (DejaVu Sans, the widest of the
/// usual fallback fonts) so that text fits whichever font the reader's system picks.
fn char_em(c: char) -> i32 {
    match c {
        'i' | 'l' | 'j' | '\'' | '|' | '.' | ',' | ':' | ';' | '!' => 290,
        ' ' => 320,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' | 'I' | 'J' | '"' => 420,
        'm' | 'w' | 'M' | 'W' | 'æ' | 'Æ' | '…' | '—' => 980,
        '&' | '%' | '@' => 800,
        c if c.is_uppercase() => 730,
        c if c.is_ascii_digit() => 640,
        _ => 630,
    }
}

fn text_width(s: &str, size: i32, bold: bool) -> i32 {
    let em: i32 = s.chars().map(char_em).sum();
    let w = em * size / 1000;
    if bold { w * 107 / 100 } else { w }
}

/// Splits a name into at most three lines of about 22 characters, as evenly as the words allow;
/// a word too long for a line is hyphenated and a name too long for three lines ends in "…".
fn wrap(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        let chars: Vec<char> = w.chars().collect();
        if chars.len() <= LONG_WORD {
            words.push(w.to_string());
        } else {
            let chunks: Vec<&[char]> = chars.chunks(LONG_WORD - 1).collect();
            for (k, chunk) in chunks.iter().enumerate() {
                let mut s: String = chunk.iter().collect();
                if k + 1 < chunks.len() {
                    s.push('-');
                }
                words.push(s);
            }
        }
    }
    if words.is_empty() {
        return vec![String::new()];
    }
    let greedy = |limit: usize| {
        let mut lines: Vec<String> = Vec::new();
        for w in &words {
            match lines.last_mut() {
                Some(line) if line.chars().count() + 1 + w.chars().count() <= limit => {
                    line.push(' ');
                    line.push_str(w);
                }
                _ => lines.push(w.clone()),
            }
        }
        lines
    };
    let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    let target = greedy(WRAP.max(longest)).len();
    let mut limit = longest;
    let mut lines = loop {
        let lines = greedy(limit);
        if lines.len() <= target {
            break lines;
        }
        limit += 1;
    };
    if lines.len() > MAX_LINES {
        let rest = lines[MAX_LINES - 1..].join(" ");
        let mut last: String = rest.chars().take(WRAP - 1).collect();
        last.truncate(last.trim_end().len());
        last.push('…');
        lines.truncate(MAX_LINES - 1);
        lines.push(last);
    }
    lines
}

/// Sizes shared by all boxes of a chart, so that rows line up.
struct Metrics {
    lines: Vec<Vec<String>>,
    bold: Vec<bool>,
    main_w: i32,
    main_h: [i32; 3],
    kind_line: [bool; 3],
    pres_w: i32,
    pres_h: i32,
}

impl Metrics {
    fn new(m: &Model, lang: Lang) -> Metrics {
        let n = m.items.len();
        let lines: Vec<Vec<String>> = m.items.iter().map(|it| wrap(&it.facts.name)).collect();
        let bold: Vec<bool> = (0..n).map(|i| m.subordinates[i].iter().any(|&s| m.chart_parent(s) == Some(i))).collect();
        let mut kind_line = [false; 3];
        for (band, shown) in kind_line.iter_mut().enumerate() {
            let mut kinds: Vec<BodyKind> = (0..n)
                .filter(|&i| m.host[i].is_none() && m.items[i].band == band)
                .map(|i| m.items[i].facts.kind)
                .collect();
            kinds.sort();
            kinds.dedup();
            *shown = kinds.len() > 1;
        }
        let (mut main_w, mut pres_w) = (MIN_BOX_W, 90);
        let mut main_lines = [1usize; 3];
        let mut pres_lines = 1usize;
        for i in 0..n {
            let item = &m.items[i];
            let text = lines[i].iter().map(|l| text_width(l, FONT, bold[i])).max().unwrap_or(0);
            if m.host[i].is_some() {
                let text = lines[i].iter().map(|l| text_width(l, PRES_FONT, false)).max().unwrap_or(0);
                pres_w = pres_w.max(text + 2 * PRES_PAD + 4);
                pres_lines = pres_lines.max(lines[i].len());
            } else {
                let kind =
                    if kind_line[item.band] { text_width(item.facts.kind.label(lang), KIND_FONT, false) } else { 0 };
                main_w = main_w.max(text.max(kind) + 2 * PAD_X);
                main_lines[item.band] = main_lines[item.band].max(lines[i].len());
            }
        }
        let main_h =
            std::array::from_fn(|b| 2 * PAD_Y + main_lines[b] as i32 * LINE_H + if kind_line[b] { KIND_H } else { 0 });
        Metrics {
            lines,
            bold,
            main_w,
            main_h,
            kind_line,
            pres_w,
            pres_h: 2 * PRES_PAD + pres_lines as i32 * PRES_LINE_H,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct BoxAt {
    item: usize,
    r: Rect,
    presidium: bool,
}

/// A piece of the chart laid out at the origin: a unit (a body with its presidiums), a superior
/// body with its framed subordinates, a row of those, or a whole band's content.
#[derive(Default)]
struct Block {
    w: i32,
    h: i32,
    /// The top of the first main box, so that rows line their bodies up under presidiums.
    top: i32,
    boxes: Vec<BoxAt>,
    frames: Vec<Rect>,
    /// From a presidium down to its body.
    ties: Vec<(Pt, Pt)>,
    /// From a superior body down to the frame of its subordinates.
    sups: Vec<(Pt, Pt)>,
}

impl Block {
    fn append(&mut self, other: Block, dx: i32, dy: i32) {
        let p = |p: Pt| Pt { x: p.x + dx, y: p.y + dy };
        self.boxes.extend(other.boxes.into_iter().map(|b| BoxAt { r: b.r.moved(dx, dy), ..b }));
        self.frames.extend(other.frames.into_iter().map(|f| f.moved(dx, dy)));
        self.ties.extend(other.ties.into_iter().map(|(a, b)| (p(a), p(b))));
        self.sups.extend(other.sups.into_iter().map(|(a, b)| (p(a), p(b))));
    }
}

struct Layouter<'m, 'a> {
    m: &'m Model<'a>,
    x: &'m Metrics,
}

impl Layouter<'_, '_> {
    fn row_limit(&self) -> i32 {
        MAX_PER_ROW * self.x.main_w + (MAX_PER_ROW - 1) * H_GAP
    }

    fn unit(&self, i: usize) -> Block {
        let x = self.x;
        let pres = &self.m.presidia[i];
        let k = pres.len() as i32;
        let pres_row = if k > 0 { k * x.pres_w + (k - 1) * PRES_HGAP } else { 0 };
        let w = x.main_w.max(pres_row);
        let top = if k > 0 { x.pres_h + PRES_GAP } else { 0 };
        let main = Rect { x: (w - x.main_w) / 2, y: top, w: x.main_w, h: x.main_h[self.m.items[i].band] };
        let mut b = Block { w, h: top + main.h, top, ..Block::default() };
        let x0 = (w - pres_row) / 2;
        for (n, &p) in pres.iter().enumerate() {
            let r = Rect { x: x0 + n as i32 * (x.pres_w + PRES_HGAP), y: 0, w: x.pres_w, h: x.pres_h };
            b.boxes.push(BoxAt { item: p, r, presidium: true });
            let to = r.cx().clamp(main.x + 12, main.right() - 12);
            b.ties.push((Pt { x: r.cx(), y: r.bottom() }, Pt { x: to, y: main.y }));
        }
        b.boxes.push(BoxAt { item: i, r: main, presidium: false });
        b
    }

    /// A body and, in a frame below it, the bodies of its band it is superior to.
    fn tree(&self, i: usize) -> Block {
        let b = self.unit(i);
        let kids: Vec<Block> = self.m.subordinates[i]
            .iter()
            .filter(|&&s| self.m.chart_parent(s) == Some(i))
            .map(|&s| self.tree(s))
            .collect();
        if kids.is_empty() {
            return b;
        }
        let inner = self.rows(kids);
        let frame = Rect { x: 0, y: b.h + SUP_GAP, w: inner.w + 2 * FRAME_PAD, h: inner.h + 2 * FRAME_PAD };
        let w = b.w.max(frame.w);
        let mut out = Block { w, h: frame.bottom(), top: b.top, ..Block::default() };
        let dx = (w - b.w) / 2;
        let main = b.boxes.last().map(|m| m.r.moved(dx, 0)).unwrap_or(frame);
        out.append(b, dx, 0);
        let frame = frame.moved((w - frame.w) / 2, 0);
        out.sups.push((Pt { x: main.cx(), y: main.bottom() }, Pt { x: main.cx(), y: frame.y }));
        out.frames.push(frame);
        out.append(inner, frame.x + FRAME_PAD, frame.y + FRAME_PAD);
        out
    }

    /// Blocks in rows of about five boxes, rows as even as the widths allow, each centred.
    fn rows(&self, blocks: Vec<Block>) -> Block {
        let widest = blocks.iter().map(|b| b.w).max().unwrap_or(0);
        let limit = self.row_limit().max(widest);
        let split = |limit: i32| {
            let mut rows: Vec<(usize, usize)> = Vec::new();
            let mut width = 0;
            for (k, b) in blocks.iter().enumerate() {
                match rows.last_mut() {
                    Some(row) if width + H_GAP + b.w <= limit => {
                        row.1 = k + 1;
                        width += H_GAP + b.w;
                    }
                    _ => {
                        rows.push((k, k + 1));
                        width = b.w;
                    }
                }
            }
            rows
        };
        let count = split(limit).len();
        let total: i32 = blocks.iter().map(|b| b.w + H_GAP).sum::<i32>() - H_GAP;
        let mut even = (total / count.max(1) as i32).max(widest);
        let rows = loop {
            let rows = split(even);
            if rows.len() <= count {
                break rows;
            }
            even += 4;
        };
        let widths: Vec<i32> = blocks.iter().map(|b| b.w).collect();
        let row_w = |&(a, b): &(usize, usize)| widths[a..b].iter().map(|w| w + H_GAP).sum::<i32>() - H_GAP;
        let w = rows.iter().map(row_w).max().unwrap_or(0);
        let mut out = Block { w, ..Block::default() };
        let mut y = 0;
        let mut blocks: Vec<Option<Block>> = blocks.into_iter().map(Some).collect();
        for (n, row) in rows.iter().enumerate() {
            let top = blocks[row.0..row.1].iter().flatten().map(|b| b.top).max().unwrap_or(0);
            if n == 0 {
                out.top = top;
            }
            let mut x = (w - row_w(row)) / 2;
            let mut bottom = y;
            for slot in &mut blocks[row.0..row.1] {
                let Some(b) = slot.take() else { continue };
                let dy = y + top - b.top;
                bottom = bottom.max(dy + b.h);
                let bw = b.w;
                out.append(b, x, dy);
                x += bw + H_GAP;
            }
            y = bottom + V_GAP;
        }
        out.h = (y - V_GAP).max(0);
        out
    }
}

/// The edges drawn between boxes by the router.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EdgeKind {
    Prepares,
    Superior,
}

struct Route {
    kind: EdgeKind,
    points: Vec<Pt>,
}

struct Label {
    at: Rect,
    text: &'static str,
    /// Drawn on a white patch over a line.
    patch: bool,
}

struct Band {
    r: Rect,
    band: usize,
}

/// The chart laid out: every position, ready to be written out.
struct Chart {
    w: i32,
    h: i32,
    bands: Vec<Band>,
    boxes: Vec<BoxAt>,
    frames: Vec<Rect>,
    ties: Vec<(Pt, Pt)>,
    sups: Vec<(Pt, Pt)>,
    routes: Vec<Route>,
    labels: Vec<Label>,
    legend: Vec<LegendItem>,
    legend_y: i32,
    metrics: Metrics,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LegendItem {
    Prepares,
    Superior,
    Frame,
}

fn band_heading(band: usize, lang: Lang) -> &'static str {
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

fn edge_label(kind: EdgeKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (EdgeKind::Prepares, Lang::Sv) => "bereder",
        (EdgeKind::Prepares, Lang::En) => "prepares",
        (EdgeKind::Superior, Lang::Sv) => "överordnad",
        (EdgeKind::Superior, Lang::En) => "superior to",
    }
}

fn legend_text(item: LegendItem, lang: Lang) -> &'static str {
    match (item, lang) {
        (LegendItem::Prepares, Lang::Sv) => "bereder ärenden åt",
        (LegendItem::Prepares, Lang::En) => "prepares cases for",
        (LegendItem::Superior, Lang::Sv) => "är överordnad",
        (LegendItem::Superior, Lang::En) => "is superior to",
        (LegendItem::Frame, Lang::Sv) => "underställda grupper",
        (LegendItem::Frame, Lang::En) => "subordinate bodies",
    }
}

fn legend_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "Förklaring:",
        Lang::En => "Key:",
    }
}

const LEGEND_H: i32 = 24;
const LEGEND_SAMPLE: i32 = 40;

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

fn layout(m: &Model, lang: Lang) -> Chart {
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

// ---------------------------------------------------------------------------------------------
// Routing: lines between boxes that no box or heading stands in the way of, along the gaps
// between rows and boxes, with as few bends as possible.

const BEND: i64 = 60;
const SIDE_PORT: i64 = 200;
const OFF_CENTRE: i64 = 20;
/// Passing through a point another line to another body turns at or crosses: a line that meets
/// another one in a corner reads as one line.
const SHARED_POINT: i64 = 150;

#[derive(Clone, Copy, Debug)]
struct Port {
    node: usize,
    /// 0 leaves horizontally, 1 vertically.
    dir: usize,
    len: i64,
    pen: i64,
    at: Pt,
}

struct Router {
    xs: Vec<i32>,
    ys: Vec<i32>,
    obstacles: Vec<Rect>,
    free: Vec<bool>,
    /// The edge from a node to its neighbour on the right, and below.
    right: Vec<bool>,
    down: Vec<bool>,
    /// The targets of the lines already drawn along each edge: lines to the same body may share
    /// a stretch (like a bus), lines to different bodies should not.
    used_right: Vec<Vec<usize>>,
    used_down: Vec<Vec<usize>>,
    used_node: Vec<Vec<usize>>,
}

impl Router {
    fn new(xs: Vec<i32>, ys: Vec<i32>, obstacles: Vec<Rect>) -> Router {
        let (nx, ny) = (xs.len(), ys.len());
        let mut free = vec![false; nx * ny];
        let mut right = vec![false; nx * ny];
        let mut down = vec![false; nx * ny];
        // Only the obstacles a row or a column runs through can stand in the way along it.
        let rows: Vec<Vec<Rect>> =
            ys.iter().map(|&y| obstacles.iter().filter(|o| y > o.y && y < o.bottom()).copied().collect()).collect();
        let cols: Vec<Vec<Rect>> =
            xs.iter().map(|&x| obstacles.iter().filter(|o| x > o.x && x < o.right()).copied().collect()).collect();
        for yi in 0..ny {
            for xi in 0..nx {
                let p = Pt { x: xs[xi], y: ys[yi] };
                free[yi * nx + xi] = !rows[yi].iter().any(|o| o.holds(p));
            }
        }
        for yi in 0..ny {
            for xi in 0..nx {
                let n = yi * nx + xi;
                let p = Pt { x: xs[xi], y: ys[yi] };
                if xi + 1 < nx && free[n] && free[n + 1] {
                    let q = Pt { x: xs[xi + 1], y: p.y };
                    right[n] = !rows[yi].iter().any(|o| o.cut_by(p, q));
                }
                if yi + 1 < ny && free[n] && free[n + nx] {
                    let q = Pt { x: p.x, y: ys[yi + 1] };
                    down[n] = !cols[xi].iter().any(|o| o.cut_by(p, q));
                }
            }
        }
        Router {
            xs,
            ys,
            obstacles,
            free,
            right,
            down,
            used_right: vec![Vec::new(); nx * ny],
            used_down: vec![Vec::new(); nx * ny],
            used_node: vec![Vec::new(); nx * ny],
        }
    }

    fn pt(&self, n: usize) -> Pt {
        let nx = self.xs.len();
        Pt { x: self.xs[n % nx], y: self.ys[n / nx] }
    }

    /// Where a line may leave or enter a box: the middle of each side, if the way out is clear.
    fn ports(&self, r: Rect) -> Vec<Port> {
        let nx = self.xs.len();
        let own = r.inflate(CLEAR);
        let clear = |a: Pt, b: Pt| !self.obstacles.iter().any(|o| *o != own && o.cut_by(a, b));
        let mut ports = Vec::new();
        let above = self.ys.iter().rposition(|&y| y < own.y);
        let below = self.ys.iter().position(|&y| y > own.bottom());
        for (x, pen) in [(r.cx(), 0), (r.cx() - r.w / 4, OFF_CENTRE), (r.cx() + r.w / 4, OFF_CENTRE)] {
            let Ok(xi) = self.xs.binary_search(&x) else { continue };
            for (yi, at) in [(above, Pt { x, y: r.y }), (below, Pt { x, y: r.bottom() })] {
                if let Some(yi) = yi {
                    let node = yi * nx + xi;
                    let p = self.pt(node);
                    if self.free[node] && clear(p, at) {
                        ports.push(Port { node, dir: 1, len: (p.y - at.y).abs() as i64, pen, at });
                    }
                }
            }
        }
        if let Ok(yi) = self.ys.binary_search(&r.cy()) {
            let left = self.xs.iter().rposition(|&x| x < own.x);
            let right = self.xs.iter().position(|&x| x > own.right());
            for (xi, at) in [(left, Pt { x: r.x, y: r.cy() }), (right, Pt { x: r.right(), y: r.cy() })] {
                if let Some(xi) = xi {
                    let node = yi * nx + xi;
                    let p = self.pt(node);
                    if self.free[node] && clear(p, at) {
                        ports.push(Port { node, dir: 0, len: (p.x - at.x).abs() as i64, pen: SIDE_PORT, at });
                    }
                }
            }
        }
        ports
    }

    fn route(&mut self, from: Rect, to: Rect, target: usize) -> Option<Vec<Pt>> {
        let nx = self.xs.len();
        let n = nx * self.ys.len();
        let goal = 2 * n;
        let start = usize::MAX;
        let sources = self.ports(from);
        let targets = self.ports(to);
        let mut dist = vec![i64::MAX; goal + 1];
        let mut prev = vec![start; goal + 1];
        let mut goal_port: Option<Port> = None;
        let mut heap = BinaryHeap::new();
        let mut is_target = vec![false; n];
        for t in &targets {
            is_target[t.node] = true;
        }
        let shared = |router: &Router, node: usize| {
            router.used_node[node].iter().filter(|&&t| t != target).count() as i64 * SHARED_POINT
        };
        for p in &sources {
            let s = p.node * 2 + p.dir;
            let c = p.len + p.pen + shared(self, p.node);
            if c < dist[s] {
                dist[s] = c;
                heap.push(Reverse((c, s)));
            }
        }
        while let Some(Reverse((c, s))) = heap.pop() {
            if s == goal {
                break;
            }
            if c > dist[s] {
                continue;
            }
            let (node, dir) = (s / 2, s % 2);
            for t in targets.iter().filter(|t| is_target[node] && t.node == node) {
                let c2 = c + t.len + t.pen + if t.dir == dir { 0 } else { BEND };
                if c2 < dist[goal] {
                    dist[goal] = c2;
                    prev[goal] = s;
                    goal_port = Some(*t);
                    heap.push(Reverse((c2, goal)));
                }
            }
            let (xi, yi) = (node % nx, node / nx);
            let steps = [
                self.right[node].then(|| (node + 1, 0, &self.used_right[node])),
                (xi > 0 && self.right[node - 1]).then(|| (node - 1, 0, &self.used_right[node - 1])),
                self.down[node].then(|| (node + nx, 1, &self.used_down[node])),
                (yi > 0 && self.down[node - nx]).then(|| (node - nx, 1, &self.used_down[node - nx])),
            ];
            for (next, ndir, used) in steps.into_iter().flatten() {
                let (a, b) = (self.pt(node), self.pt(next));
                let len = ((a.x - b.x).abs() + (a.y - b.y).abs()) as i64;
                let others = used.iter().filter(|&&t| t != target).count() as i64;
                let c2 = c + len * (1 + 2 * others) + shared(self, next) + if ndir == dir { 0 } else { BEND };
                let s2 = next * 2 + ndir;
                if c2 < dist[s2] {
                    dist[s2] = c2;
                    prev[s2] = s;
                    heap.push(Reverse((c2, s2)));
                }
            }
        }
        let end = goal_port?;
        let mut states = Vec::new();
        let mut s = prev[goal];
        while s != start {
            states.push(s);
            s = prev[s];
        }
        states.reverse();
        let first = *states.first()?;
        let begin = sources.iter().filter(|p| p.node * 2 + p.dir == first).min_by_key(|p| p.len + p.pen).copied()?;
        let nodes: Vec<usize> = states.iter().map(|s| s / 2).collect();
        for &n in &nodes {
            self.used_node[n].push(target);
        }
        for pair in nodes.windows(2) {
            let (a, b) = (pair[0].min(pair[1]), pair[0].max(pair[1]));
            if b == a + 1 {
                self.used_right[a].push(target);
            } else if b == a + nx {
                self.used_down[a].push(target);
            }
        }
        let mut points = vec![begin.at];
        points.extend(nodes.iter().map(|&n| self.pt(n)));
        points.push(end.at);
        Some(simplify(points))
    }
}

/// Drops repeated points and the middle one of three in a line.
fn simplify(points: Vec<Pt>) -> Vec<Pt> {
    let mut out: Vec<Pt> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            if (a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y) {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

fn near_any(v: i32, edges: &[i32]) -> bool {
    edges.iter().any(|&e| (v - e).abs() < 9)
}

/// Midpoints of the gaps between intervals: lanes that cross the whole chart.
fn lanes(mut spans: Vec<(i32, i32)>) -> Vec<i32> {
    spans.sort();
    let mut out = Vec::new();
    let mut reach: Option<i32> = None;
    for (a, b) in spans {
        if let Some(r) = reach
            && a > r
        {
            out.push((a + r) / 2);
        }
        reach = Some(reach.map_or(b, |r| r.max(b)));
    }
    out
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

// ---------------------------------------------------------------------------------------------
// Writing it out.

/// Text for XML: the five special characters escaped and control characters dropped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

const TITLE_ID: &str = "orgchart-title";
const DESC_ID: &str = "orgchart-desc";

fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "Samrådsstrukturen",
        Lang::En => "The consultation structure",
    }
}

fn desc(m: &Model, chart: &Chart, lang: Lang) -> String {
    let count = |band: usize| (0..m.items.len()).filter(|&i| m.items[i].band == band && m.host[i].is_none()).count();
    let (p, o, n) = (count(POLITICAL), count(OFFICIALS), count(INFORMAL));
    let sv = lang == Lang::Sv;
    let mut d = if sv {
        format!(
            "Organisationsschema i tre nivåer: politisk nivå ({p}), ledningsgrupper med tjänstepersoner ({o}) och \
             informella nätverk utan beredande roll ({n})."
        )
    } else {
        format!(
            "Organisation chart in three tiers: the political tier ({p}), management groups of officials ({o}) and \
             informal networks without a preparatory role ({n})."
        )
    };
    if chart.legend.contains(&LegendItem::Prepares) {
        d.push_str(if sv {
            " Heldragna pilar går från en grupp till den grupp den bereder ärenden åt."
        } else {
            " Solid arrows run from a body to the body it prepares cases for."
        });
    }
    if chart.legend.contains(&LegendItem::Superior) {
        d.push_str(if sv {
            " Streckade pilar går från en överordnad grupp till de grupper den är överordnad."
        } else {
            " Dashed arrows run from a superior body to the bodies it is superior to."
        });
    }
    d.push_str(if sv {
        " Samma uppgifter finns som lista i texten."
    } else {
        " The same information is given as a list in the text."
    });
    d
}

fn empty_svg(lang: Lang) -> String {
    let text = match lang {
        Lang::Sv => "Det finns inga grupper att visa.",
        Lang::En => "There are no bodies to show.",
    };
    let w = text_width(text, FONT, false) + 2 * MARGIN;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"orgchart\" viewBox=\"0 0 {w} 56\" width=\"{w}\" height=\"56\" \
         role=\"img\" aria-labelledby=\"{TITLE_ID}\"><title id=\"{TITLE_ID}\">{t}: {text}</title>\
         <text x=\"{MARGIN}\" y=\"33\" font-family=\"{FONT_FAMILY}\" font-size=\"{FONT}\" fill=\"{INK}\">{text}</text></svg>",
        t = title(lang),
    )
}

fn path_d(points: &[Pt]) -> String {
    let mut d = String::new();
    for (k, p) in points.iter().enumerate() {
        let _ = write!(d, "{}{},{}", if k == 0 { "M" } else { " L" }, p.x, p.y);
    }
    d
}

/// Pulls the last point back so that the line ends inside the arrowhead, not past its tip.
fn shorten_end(points: &[Pt], by: i32) -> Vec<Pt> {
    let mut out = points.to_vec();
    let n = out.len();
    if n >= 2 {
        let (a, b) = (out[n - 2], out[n - 1]);
        let len = (a.x - b.x).abs() + (a.y - b.y).abs();
        let by = by.min(len);
        out[n - 1] = Pt { x: b.x - (b.x - a.x).signum() * by, y: b.y - (b.y - a.y).signum() * by };
    }
    out
}

const ARROW_PREPARES: &str = "orgchart-arrow-prepares";
const ARROW_SUPERIOR: &str = "orgchart-arrow-superior";

fn render(m: &Model, chart: &Chart, lang: Lang) -> String {
    let (w, h) = (chart.w, chart.h);
    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"orgchart\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" \
         height=\"{h}\" role=\"group\" aria-labelledby=\"{TITLE_ID}\" aria-describedby=\"{DESC_ID}\" font-family=\"{FONT_FAMILY}\">\
         <title id=\"{TITLE_ID}\">{}</title><desc id=\"{DESC_ID}\">{}</desc>",
        esc(title(lang)),
        esc(&desc(m, chart, lang)),
    );
    let _ = write!(
        s,
        "<defs><marker id=\"{ARROW_PREPARES}\" viewBox=\"0 0 10 10\" refX=\"6\" refY=\"5\" markerWidth=\"10\" \
         markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" \
         fill=\"{BRAND}\"/></marker><marker id=\"{ARROW_SUPERIOR}\" viewBox=\"0 0 10 10\" refX=\"6\" refY=\"5\" \
         markerWidth=\"9\" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path \
         d=\"M0,0 L10,5 L0,10 z\" fill=\"{INK}\"/></marker></defs>"
    );
    for band in &chart.bands {
        let r = band.r;
        let (fill, stroke, extra) = if band.band == INFORMAL {
            (WHITE, MUTED, " stroke-width=\"1.5\" stroke-dasharray=\"8 5\"")
        } else {
            (SOFT, RULE, " stroke-width=\"1\"")
        };
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{fill}\" stroke=\"{stroke}\"{extra}/>\
             <text x=\"{}\" y=\"{}\" font-size=\"{HEAD_FONT}\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
            r.x,
            r.y,
            r.w,
            r.h,
            r.x + 16,
            r.y + 28,
            esc(band_heading(band.band, lang)),
        );
    }
    for f in &chart.frames {
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"none\" stroke=\"{FRAME}\" \
             stroke-width=\"1.5\"/>",
            f.x, f.y, f.w, f.h
        );
    }
    for (a, b) in &chart.ties {
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{BRAND}\" stroke-width=\"2\"/>",
            a.x, a.y, b.x, b.y
        );
    }
    for (a, b) in &chart.sups {
        let d = path_d(&shorten_end(&[*a, *b], 4));
        let _ = write!(
            s,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{INK}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" \
             marker-end=\"url(#{ARROW_SUPERIOR})\"/>"
        );
    }
    for route in &chart.routes {
        let d = path_d(&shorten_end(&route.points, 4));
        let _ = match route.kind {
            EdgeKind::Prepares => write!(
                s,
                "<path d=\"{d}\" fill=\"none\" stroke=\"{BRAND}\" stroke-width=\"2\" stroke-linejoin=\"round\" \
                 marker-end=\"url(#{ARROW_PREPARES})\"/>"
            ),
            EdgeKind::Superior => write!(
                s,
                "<path d=\"{d}\" fill=\"none\" stroke=\"{INK}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" \
                 stroke-linejoin=\"round\" marker-end=\"url(#{ARROW_SUPERIOR})\"/>"
            ),
        };
    }
    for b in &chart.boxes {
        write_box(&mut s, m, chart, b, lang);
    }
    for l in &chart.labels {
        let r = l.at;
        if l.patch {
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{WHITE}\"/>\
                 <text x=\"{}\" y=\"{}\" font-size=\"{LABEL_FONT}\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
                r.x,
                r.y,
                r.w,
                r.h,
                r.cx(),
                r.y + 13,
                esc(l.text)
            );
        } else {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" font-size=\"{LABEL_FONT}\" fill=\"{INK}\">{}</text>",
                r.x + 2,
                r.y + 13,
                esc(l.text)
            );
        }
    }
    write_legend(&mut s, chart, lang);
    s.push_str("</svg>");
    s
}

fn write_box(s: &mut String, m: &Model, chart: &Chart, b: &BoxAt, lang: Lang) {
    let x = &chart.metrics;
    let item = &m.items[b.item];
    let f = item.facts;
    let r = b.r;
    let consultation = !b.presidium && f.kind == BodyKind::ConsultationGroup && item.band == POLITICAL;
    let (fill, stroke, text, sub) = match (b.presidium, item.band) {
        (true, _) => (PALE, BRAND, INK, MUTED),
        (false, _) if consultation => (BRAND, BRAND, WHITE, WHITE),
        (false, POLITICAL) => (WHITE, BRAND, INK, MUTED),
        (false, OFFICIALS) => (PALE, BRAND, INK, MUTED),
        (false, _) => (WHITE, MUTED, INK, MUTED),
    };
    let dash = if !b.presidium && item.band == INFORMAL { " stroke-dasharray=\"5 3\"" } else { "" };
    let width = if x.bold[b.item] { 2.5 } else { 1.5 };
    let _ = write!(
        s,
        "<a href=\"/organ/{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" \
         fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}/>",
        f.id,
        esc(&f.name),
        r.x,
        r.y,
        r.w,
        r.h
    );
    let lines = &x.lines[b.item];
    let (size, line_h) = if b.presidium { (PRES_FONT, PRES_LINE_H) } else { (FONT, LINE_H) };
    let kind = !b.presidium && x.kind_line[item.band];
    let content = lines.len() as i32 * line_h + if kind { KIND_H } else { 0 };
    let mut y = r.y + (r.h - content) / 2;
    let weight = if x.bold[b.item] { " font-weight=\"bold\"" } else { "" };
    let _ = write!(s, "<text text-anchor=\"middle\" font-size=\"{size}\" fill=\"{text}\"{weight}>");
    if kind {
        let _ = write!(
            s,
            "<tspan x=\"{}\" y=\"{}\" font-size=\"{KIND_FONT}\" font-weight=\"normal\" fill=\"{sub}\">{}</tspan>",
            r.cx(),
            y + 11,
            esc(f.kind.label(lang))
        );
        y += KIND_H;
    }
    for line in lines {
        let _ = write!(s, "<tspan x=\"{}\" y=\"{}\">{}</tspan>", r.cx(), y + (line_h + size * 7 / 10) / 2, esc(line));
        y += line_h;
    }
    s.push_str("</text></a>");
}

fn write_legend(s: &mut String, chart: &Chart, lang: Lang) {
    if chart.legend.is_empty() {
        return;
    }
    let y = chart.legend_y + LEGEND_H / 2;
    let mut x = MARGIN;
    let _ = write!(
        s,
        "<text x=\"{x}\" y=\"{}\" font-size=\"{LABEL_FONT}\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
        y + 4,
        esc(legend_title(lang))
    );
    x += text_width(legend_title(lang), LABEL_FONT, true) + 12;
    for &item in &chart.legend {
        let _ = match item {
            LegendItem::Prepares => write!(
                s,
                "<path d=\"M{x},{y} L{},{y}\" stroke=\"{BRAND}\" stroke-width=\"2\" marker-end=\"url(#{ARROW_PREPARES})\"/>",
                x + LEGEND_SAMPLE - 4
            ),
            LegendItem::Superior => write!(
                s,
                "<path d=\"M{x},{y} L{},{y}\" stroke=\"{INK}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" \
                 marker-end=\"url(#{ARROW_SUPERIOR})\"/>",
                x + LEGEND_SAMPLE - 4
            ),
            LegendItem::Frame => write!(
                s,
                "<rect x=\"{x}\" y=\"{}\" width=\"{LEGEND_SAMPLE}\" height=\"16\" rx=\"5\" fill=\"none\" \
                 stroke=\"{FRAME}\" stroke-width=\"1.5\"/>",
                y - 8
            ),
        };
        x += LEGEND_SAMPLE + 8;
        let text = legend_text(item, lang);
        let _ =
            write!(s, "<text x=\"{x}\" y=\"{}\" font-size=\"{LABEL_FONT}\" fill=\"{INK}\">{}</text>", y + 4, esc(text));
        x += text_width(text, LABEL_FONT, false) + 24;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::structure::check_hierarchy;

    const MANAGEMENT: [&str; 5] = [
        "Ledningsgruppen för näringslivsutveckling",
        "Ledningsgruppen för kultur",
        "Ledningsgruppen för samhällsplanering",
        "Ledningsgruppen för utbildning och kompetensförsörjning",
        "Ledningsgruppen för vård och omsorg",
    ];

    fn body(id: i64, name: &str, kind: BodyKind) -> BodyFacts {
        BodyFacts::new(BodyId(id), name, kind)
    }

    /// The Östergötland structure of seed 001 (section 4 and the summary picture), with the
    /// presidium links beside.
    fn seed() -> (Vec<BodyFacts>, Vec<Option<BodyId>>) {
        let mut b = vec![
            body(1, "Samrådet för strategiska frågor", BodyKind::ConsultationGroup),
            body(2, "Samrådet för vård och omsorg", BodyKind::ConsultationGroup),
            body(3, "Presidiet för Samrådet för strategiska frågor", BodyKind::Presidium),
            body(4, "Presidiet för Samrådet för vård och omsorg", BodyKind::Presidium),
            body(5, "Ledningsgruppen för strategiska frågor", BodyKind::ManagementGroup),
        ];
        b[4].prepares_for = Some(BodyId(1));
        for (k, name) in MANAGEMENT.iter().enumerate() {
            let mut g = body(6 + k as i64, name, BodyKind::ManagementGroup);
            g.superior_id = Some(BodyId(5));
            b.push(g);
        }
        b.push(body(11, "Politiskt nätverk för folkhälsa", BodyKind::Network));
        b.push(body(12, "Politisk referensgrupp för utvecklingsstrategin", BodyKind::ReferenceGroup));
        let mut presidium_of = vec![None; b.len()];
        presidium_of[2] = Some(BodyId(1));
        presidium_of[3] = Some(BodyId(2));
        (b, presidium_of)
    }

    fn chart_bodies<'a>(facts: &'a [BodyFacts], presidium_of: &[Option<BodyId>]) -> Vec<ChartBody<'a>> {
        facts.iter().zip(presidium_of).map(|(facts, &presidium_of)| ChartBody { facts, presidium_of }).collect()
    }

    /// A small XML checker: tags balanced and properly nested, attributes quoted, `&` only in
    /// entities, no `<` in text or attributes, one root element.
    fn well_formed(xml: &str) -> Result<(), String> {
        fn entities_ok(text: &str) -> Result<(), String> {
            let mut rest = text;
            while let Some(k) = rest.find('&') {
                let tail = &rest[k + 1..];
                let end = tail.find(';').ok_or_else(|| format!("bare & in {text:?}"))?;
                let name = &tail[..end];
                let ok = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
                    || name.strip_prefix('#').is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
                if !ok {
                    return Err(format!("bad entity &{name}; in {text:?}"));
                }
                rest = &tail[end + 1..];
            }
            if text.contains('<') {
                return Err(format!("raw < in {text:?}"));
            }
            Ok(())
        }
        let mut stack: Vec<String> = Vec::new();
        let mut roots = 0;
        let mut rest = xml;
        while !rest.is_empty() {
            let Some(open) = rest.find('<') else {
                return Err("text after the root".into());
            };
            let text = &rest[..open];
            if stack.is_empty() && !text.trim().is_empty() {
                return Err(format!("text outside the root: {text:?}"));
            }
            entities_ok(text)?;
            let close = rest[open..].find('>').ok_or("unclosed tag")? + open;
            let tag = &rest[open + 1..close];
            rest = &rest[close + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                match stack.pop() {
                    Some(top) if top == name.trim() => {}
                    top => return Err(format!("</{name}> closes {top:?}")),
                }
                continue;
            }
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
            let name = &tag[..name_end];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':') {
                return Err(format!("bad tag name {name:?}"));
            }
            let mut attrs = tag[name_end..].trim_start();
            let mut seen = Vec::new();
            while !attrs.is_empty() {
                let eq = attrs.find("=\"").ok_or_else(|| format!("unquoted attribute in <{tag}>"))?;
                let attr = &attrs[..eq];
                if attr.is_empty() || attr.contains(char::is_whitespace) || seen.contains(&attr) {
                    return Err(format!("bad or repeated attribute {attr:?} in <{name}>"));
                }
                seen.push(attr);
                let value_end = attrs[eq + 2..].find('"').ok_or("unterminated attribute")? + eq + 2;
                entities_ok(&attrs[eq + 2..value_end])?;
                attrs = attrs[value_end + 1..].trim_start();
            }
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                stack.push(name.to_string());
            }
        }
        if !stack.is_empty() {
            return Err(format!("unclosed elements {stack:?}"));
        }
        if roots != 1 {
            return Err(format!("{roots} root elements"));
        }
        Ok(())
    }

    #[test]
    fn the_checker_catches_broken_xml() {
        assert!(well_formed("<svg><a></a></svg>").is_ok());
        assert!(well_formed("<svg><a></svg>").is_err());
        assert!(well_formed("<svg>a & b</svg>").is_err());
        assert!(well_formed("<svg x=1/>").is_err());
        assert!(well_formed("<svg/><svg/>").is_err());
        assert!(well_formed("<svg t=\"a<b\"/>").is_err());
    }

    #[test]
    fn the_seed_structure_is_consistent() {
        let (facts, _) = seed();
        assert!(check_hierarchy(&facts).is_ok());
    }

    #[test]
    fn draws_every_body_as_a_link_in_well_formed_svg() {
        let (facts, pres) = seed();
        let bodies = chart_bodies(&facts, &pres);
        for lang in [Lang::Sv, Lang::En] {
            let svg = svg(&bodies, lang);
            well_formed(&svg).unwrap();
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            for f in &facts {
                assert!(svg.contains(&format!("<a href=\"/organ/{}\"><title>{}</title>", f.id, f.name)), "{}", f.name);
            }
            assert_eq!(svg.matches("<a href=").count(), facts.len());
            assert!(!svg.contains("style"), "no inline styles under the CSP");
            assert!(!svg.contains("<script"));
            assert!(
                svg.contains("role=\"group\" aria-labelledby=\"orgchart-title\" aria-describedby=\"orgchart-desc\"")
            );
            assert!(svg.contains("<title id=\"orgchart-title\">") && svg.contains("<desc id=\"orgchart-desc\">"));
            assert!(svg.contains("<marker id=\"orgchart-arrow-prepares\""));
            assert!(svg.contains("marker-end=\"url(#orgchart-arrow-prepares)\""), "the preparation arrow");
            assert!(svg.contains("stroke-dasharray=\"8 5\""), "the networks' band is dashed");
        }
        let sv = svg(&bodies, Lang::Sv);
        assert!(sv.contains(">Nätverk (informella, utan beredande roll)</text>"));
        assert!(sv.contains(">Politiska samråd</text>") && sv.contains(">Ledningsgrupper (tjänstepersoner)</text>"));
        assert!(sv.contains(">bereder</text>") && sv.contains(">överordnad</text>"));
        let en = svg(&bodies, Lang::En);
        assert!(en.contains(">Networks (informal, no preparatory role)</text>"));
        assert!(en.contains(">prepares</text>") && en.contains(">superior to</text>"));
    }

    #[test]
    fn escapes_markup_in_names() {
        let (mut facts, mut pres) = seed();
        facts.push(body(13, "Forum för <kultur> & \"fritid\" i Ö'stad", BodyKind::ReferenceGroup));
        pres.push(None);
        let svg = svg(&chart_bodies(&facts, &pres), Lang::Sv);
        well_formed(&svg).unwrap();
        assert!(svg.contains("<title>Forum för &lt;kultur&gt; &amp; &quot;fritid&quot; i Ö&apos;stad</title>"));
        assert!(!svg.contains("<kultur>") && !svg.contains("& \""));
        let outline = outline(&chart_bodies(&facts, &pres), Lang::Sv);
        assert!(
            outline.iter().any(|n| n.name == "Forum för <kultur> & \"fritid\" i Ö'stad"),
            "the outline is raw text"
        );
    }

    #[test]
    fn the_outline_nests_subordinates_and_presidiums() {
        let (facts, pres) = seed();
        let outline = outline(&chart_bodies(&facts, &pres), Lang::Sv);
        let names: Vec<&str> = outline.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Samrådet för strategiska frågor",
                "Samrådet för vård och omsorg",
                "Politisk referensgrupp för utvecklingsstrategin",
                "Ledningsgruppen för strategiska frågor",
                "Politiskt nätverk för folkhälsa",
            ]
        );
        let strategic = &outline[0];
        assert_eq!(strategic.kind_label, "Samrådsgrupp");
        assert_eq!(strategic.relation, None);
        assert_eq!(strategic.children.len(), 1);
        assert_eq!(strategic.children[0].name, "Presidiet för Samrådet för strategiska frågor");
        assert_eq!(strategic.children[0].relation.as_deref(), Some("Presidium för Samrådet för strategiska frågor"));
        assert_eq!(outline[1].children[0].id, BodyId(4));
        let lg = &outline[3];
        assert_eq!(lg.relation.as_deref(), Some("Bereder ärenden åt Samrådet för strategiska frågor"));
        let mut subs: Vec<&str> = lg.children.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(subs.len(), 5);
        assert!(
            lg.children
                .iter()
                .all(|c| c.relation.as_deref() == Some("Underställd Ledningsgruppen för strategiska frågor"))
        );
        assert!(lg.children.iter().all(|c| c.children.is_empty() && c.kind_label == "Ledningsgrupp"));
        let sorted = subs.clone();
        subs.sort_by_key(|n| search_key(n));
        assert_eq!(subs, sorted, "in Swedish order");
        assert_eq!(outline[4].relation.as_deref(), Some("Informell, utan beredande roll"));
        let en = super::outline(&chart_bodies(&facts, &pres), Lang::En);
        assert_eq!(en[3].relation.as_deref(), Some("Prepares cases for Samrådet för strategiska frågor"));
        assert_eq!(en[3].children[0].relation.as_deref(), Some("Reports to Ledningsgruppen för strategiska frågor"));
        assert_eq!(en[0].children[0].relation.as_deref(), Some("Presidium of Samrådet för strategiska frågor"));
        assert_eq!(en[4].kind_label, "Network");
    }

    #[test]
    fn the_output_does_not_depend_on_the_input_order() {
        let (facts, pres) = seed();
        let bodies = chart_bodies(&facts, &pres);
        let svg0 = svg(&bodies, Lang::Sv);
        let outline0 = outline(&bodies, Lang::Sv);
        let mut shuffled = bodies.clone();
        for round in 0..8 {
            shuffled.reverse();
            shuffled.rotate_left(round * 5 % bodies.len());
            shuffled.swap(round % bodies.len(), (round * 7 + 3) % bodies.len());
            assert_eq!(svg(&shuffled, Lang::Sv), svg0);
            assert_eq!(outline(&shuffled, Lang::Sv), outline0);
        }
    }

    /// A larger and messier structure: presidiums in the officials' band, links across bands,
    /// a circle of superiors, dangling links, long names, many groups in a band.
    fn messy() -> (Vec<BodyFacts>, Vec<Option<BodyId>>) {
        let (mut b, mut pres) = seed();
        let mut add = |f: BodyFacts, p: Option<i64>| {
            b.push(f);
            pres.push(p.map(BodyId));
        };
        add(body(20, "Presidiet för Ledningsgruppen för strategiska frågor", BodyKind::Presidium), Some(5));
        let mut wg = body(21, "Arbetsgrupp för kollektivtrafikens infrastrukturplanering", BodyKind::WorkingGroup);
        wg.superior_id = Some(BodyId(8));
        wg.prepares_for = Some(BodyId(8));
        add(wg, None);
        let mut vo = body(22, "Styrgrupp för vård och omsorg", BodyKind::SteeringGroup);
        vo.superior_id = Some(BodyId(2));
        add(vo, None);
        let mut cyc_a = body(23, "Arbetsgrupp A", BodyKind::WorkingGroup);
        cyc_a.superior_id = Some(BodyId(24));
        add(cyc_a, None);
        let mut cyc_b = body(24, "Arbetsgrupp B", BodyKind::WorkingGroup);
        cyc_b.superior_id = Some(BodyId(23));
        cyc_b.prepares_for = Some(BodyId(999));
        add(cyc_b, Some(777));
        add(body(25, "Regionstyrelsen", BodyKind::RegionalBoard), None);
        add(body(26, "Kommunstyrelsen i Norrköpings kommun", BodyKind::MunicipalBoard), None);
        add(body(27, "Trafik- och samhällsplaneringsnämnden", BodyKind::Committee), None);
        add(
            body(28, "Ett mycket långt namn på en grupp som inte ryms på tre rader i en ruta alls", BodyKind::Network),
            None,
        );
        for k in 0..7 {
            let mut g = body(30 + k, &format!("Ledningsgruppen för område {k}"), BodyKind::ManagementGroup);
            g.prepares_for = Some(BodyId(if k % 2 == 0 { 1 } else { 2 }));
            add(g, None);
        }
        (b, pres)
    }

    /// What no layout may do: boxes on top of each other, lines through boxes, labels on boxes.
    fn assert_clean(facts: &[BodyFacts], pres: &[Option<BodyId>]) {
        let bodies = chart_bodies(facts, pres);
        let m = Model::new(&bodies);
        let chart = layout(&m, Lang::Sv);
        assert_eq!(chart.boxes.len(), facts.len(), "every body drawn once");
        for (k, a) in chart.boxes.iter().enumerate() {
            assert!(a.r.x >= 0 && a.r.y >= 0 && a.r.right() <= chart.w && a.r.bottom() <= chart.h);
            for b in &chart.boxes[k + 1..] {
                assert!(
                    !a.r.overlaps(&b.r),
                    "{:?} overlaps {:?}",
                    m.items[a.item].facts.name,
                    m.items[b.item].facts.name
                );
            }
            for l in &chart.labels {
                assert!(!a.r.overlaps(&l.at), "label {:?} on {:?}", l.text, m.items[a.item].facts.name);
            }
        }
        for route in &chart.routes {
            for seg in route.points.windows(2) {
                assert!(seg[0].x == seg[1].x || seg[0].y == seg[1].y, "lines run straight");
                for b in &chart.boxes {
                    assert!(!b.r.cut_by(seg[0], seg[1]), "a line crosses {:?}", m.items[b.item].facts.name);
                }
            }
        }
        for (k, a) in chart.labels.iter().enumerate() {
            for b in &chart.labels[k + 1..] {
                assert!(!a.at.overlaps(&b.at), "labels overlap");
            }
        }
        well_formed(&render(&m, &chart, Lang::Sv)).unwrap();
    }

    #[test]
    fn layouts_keep_boxes_lines_and_labels_apart() {
        let (facts, pres) = seed();
        assert_clean(&facts, &pres);
        let (facts, pres) = messy();
        assert_clean(&facts, &pres);
        let bodies = chart_bodies(&facts, &pres);
        let m = Model::new(&bodies);
        let chart = layout(&m, Lang::Sv);
        // 1 + 1 + 7 preparations (not the dangling one); the superior link across bands and the
        // circle of two (the steering group sits in its superior's frame).
        assert_eq!(chart.routes.iter().filter(|r| r.kind == EdgeKind::Prepares).count(), 9);
        assert_eq!(chart.routes.iter().filter(|r| r.kind == EdgeKind::Superior).count(), 3);
        let o = outline(&bodies, Lang::Sv);
        let total = |nodes: &[OutlineNode]| -> usize {
            fn count(n: &[OutlineNode]) -> usize {
                n.iter().map(|n| 1 + count(&n.children)).sum()
            }
            count(nodes)
        };
        assert_eq!(total(&o), facts.len(), "every body once in the outline, circles cut");
    }

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

    #[test]
    fn names_wrap_evenly_on_at_most_three_lines() {
        assert_eq!(wrap("Samrådet för vård och omsorg"), ["Samrådet för", "vård och omsorg"]);
        assert_eq!(wrap("Ledningsgruppen för strategiska frågor"), ["Ledningsgruppen för", "strategiska frågor"]);
        assert_eq!(wrap("  Kultur  "), ["Kultur"]);
        assert_eq!(wrap(""), [""]);
        let long = wrap("Ett mycket långt namn på en grupp som inte ryms på tre rader i en ruta alls");
        assert_eq!(long.len(), 3);
        assert!(long[2].ends_with('…') && long.iter().all(|l| l.chars().count() <= WRAP));
        let word = wrap(&"x".repeat(60));
        assert!(word.len() == 3 && word[0].ends_with('-') && word[0].chars().count() == LONG_WORD);
    }

    #[test]
    fn draws_nothing_gracefully() {
        let svg = svg(&[], Lang::En);
        well_formed(&svg).unwrap();
        assert!(svg.contains("There are no bodies to show."));
        assert!(outline(&[], Lang::Sv).is_empty());
    }
}
