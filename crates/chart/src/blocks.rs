//! Placing boxes: the sizes all boxes of a chart share, and blocks laid out at the origin — a
//! body with its presidiums above it, a superior body with the bodies it is superior to in a
//! frame below it, rows of those — that the layout then moves into place.

use domain::error::Lang;
use domain::structure::BodyKind;

use crate::geom::{Pt, Rect};
use crate::model::Model;
use crate::text::{text_width, wrap};

pub(crate) const H_GAP: i32 = 24;
pub(crate) const V_GAP: i32 = 56;
pub(crate) const SUP_GAP: i32 = 48;
const FRAME_PAD: i32 = 14;
pub(crate) const FONT: i32 = 14;
pub(crate) const LINE_H: i32 = 18;
const PAD_X: i32 = 12;
const PAD_Y: i32 = 10;
pub(crate) const KIND_FONT: i32 = 11;
pub(crate) const KIND_H: i32 = 15;
pub(crate) const PRES_FONT: i32 = 12;
pub(crate) const PRES_LINE_H: i32 = 15;
const PRES_PAD: i32 = 7;
const PRES_GAP: i32 = 14;
const PRES_HGAP: i32 = 10;
const MIN_BOX_W: i32 = 150;
const MAX_PER_ROW: i32 = 5;

/// Sizes shared by all boxes of a chart, so that rows line up.
pub(crate) struct Metrics {
    pub(crate) lines: Vec<Vec<String>>,
    pub(crate) bold: Vec<bool>,
    main_w: i32,
    main_h: [i32; 3],
    pub(crate) kind_line: [bool; 3],
    pres_w: i32,
    pres_h: i32,
}

impl Metrics {
    pub(crate) fn new(m: &Model, lang: Lang) -> Metrics {
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
pub(crate) struct BoxAt {
    pub(crate) item: usize,
    pub(crate) r: Rect,
    pub(crate) presidium: bool,
}

/// A piece of the chart laid out at the origin: a unit (a body with its presidiums), a superior
/// body with its framed subordinates, a row of those, or a whole band's content.
#[derive(Default)]
pub(crate) struct Block {
    pub(crate) w: i32,
    pub(crate) h: i32,
    /// The top of the first main box, so that rows line their bodies up under presidiums.
    top: i32,
    pub(crate) boxes: Vec<BoxAt>,
    pub(crate) frames: Vec<Rect>,
    /// From a presidium down to its body.
    pub(crate) ties: Vec<(Pt, Pt)>,
    /// From a superior body down to the frame of its subordinates.
    pub(crate) sups: Vec<(Pt, Pt)>,
}

impl Block {
    pub(crate) fn append(&mut self, other: Block, dx: i32, dy: i32) {
        let p = |p: Pt| Pt { x: p.x + dx, y: p.y + dy };
        self.boxes.extend(other.boxes.into_iter().map(|b| BoxAt { r: b.r.moved(dx, dy), ..b }));
        self.frames.extend(other.frames.into_iter().map(|f| f.moved(dx, dy)));
        self.ties.extend(other.ties.into_iter().map(|(a, b)| (p(a), p(b))));
        self.sups.extend(other.sups.into_iter().map(|(a, b)| (p(a), p(b))));
    }
}

pub(crate) struct Layouter<'m, 'a> {
    pub(crate) m: &'m Model<'a>,
    pub(crate) x: &'m Metrics,
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
    pub(crate) fn tree(&self, i: usize) -> Block {
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
    pub(crate) fn rows(&self, blocks: Vec<Block>) -> Block {
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
