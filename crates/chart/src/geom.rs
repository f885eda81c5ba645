//! Geometry: points and rectangles in whole pixels, so that the output is the same on every
//! machine.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Pt {
    pub(crate) x: i32,
    pub(crate) y: i32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rect {
    pub(crate) x: i32,
    pub(crate) y: i32,
    pub(crate) w: i32,
    pub(crate) h: i32,
}

impl Rect {
    pub(crate) fn right(&self) -> i32 {
        self.x + self.w
    }
    pub(crate) fn bottom(&self) -> i32 {
        self.y + self.h
    }
    pub(crate) fn cx(&self) -> i32 {
        self.x + self.w / 2
    }
    pub(crate) fn cy(&self) -> i32 {
        self.y + self.h / 2
    }
    pub(crate) fn inflate(&self, d: i32) -> Rect {
        Rect { x: self.x - d, y: self.y - d, w: self.w + 2 * d, h: self.h + 2 * d }
    }
    pub(crate) fn moved(&self, dx: i32, dy: i32) -> Rect {
        Rect { x: self.x + dx, y: self.y + dy, ..*self }
    }
    pub(crate) fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    pub(crate) fn holds(&self, p: Pt) -> bool {
        p.x > self.x && p.x < self.right() && p.y > self.y && p.y < self.bottom()
    }
    /// Whether a horizontal or vertical segment passes through the inside.
    pub(crate) fn cut_by(&self, a: Pt, b: Pt) -> bool {
        if a.y == b.y {
            let (x1, x2) = (a.x.min(b.x), a.x.max(b.x));
            a.y > self.y && a.y < self.bottom() && x1.max(self.x) < x2.min(self.right())
        } else {
            let (y1, y2) = (a.y.min(b.y), a.y.max(b.y));
            a.x > self.x && a.x < self.right() && y1.max(self.y) < y2.min(self.bottom())
        }
    }
}
