//! Edge routing: lines between boxes that no box or heading stands in the way of, along the gaps
//! between rows and boxes, with as few bends as possible.
//!
//! The [`Router`] searches a grid of lanes the caller chooses ([`lanes`] finds the gaps that cross
//! the whole chart) with Dijkstra's algorithm for the cheapest line, counting length and bends,
//! that leaves and enters a box at the middle of a side (or, at a small cost, a quarter along its
//! top or bottom). Lines to different targets avoid sharing a stretch or a point. Geometry only:
//! a target is just a number to the router.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::geom::{Pt, Rect};

/// How far lines keep from boxes.
pub(crate) const CLEAR: i32 = 8;

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

pub(crate) struct Router {
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
    pub(crate) fn new(xs: Vec<i32>, ys: Vec<i32>, obstacles: Vec<Rect>) -> Router {
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

    pub(crate) fn route(&mut self, from: Rect, to: Rect, target: usize) -> Option<Vec<Pt>> {
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

pub(crate) fn near_any(v: i32, edges: &[i32]) -> bool {
    edges.iter().any(|&e| (v - e).abs() < 9)
}

/// Midpoints of the gaps between intervals: lanes that cross the whole chart.
pub(crate) fn lanes(mut spans: Vec<(i32, i32)>) -> Vec<i32> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: i32, y: i32) -> Pt {
        Pt { x, y }
    }

    #[test]
    fn lanes_run_through_the_middle_of_the_gaps() {
        assert_eq!(lanes(vec![(50, 60), (0, 10), (5, 20), (30, 40)]), [25, 45]);
        assert!(lanes(vec![(0, 10), (10, 20)]).is_empty(), "spans that touch leave no gap");
    }

    #[test]
    fn simplify_keeps_only_the_corners() {
        let points = vec![p(0, 0), p(0, 0), p(0, 5), p(0, 10), p(5, 10), p(9, 10)];
        assert_eq!(simplify(points), [p(0, 0), p(0, 10), p(9, 10)]);
    }

    #[test]
    fn a_line_goes_round_what_stands_in_its_way() {
        let (a, b) = (Rect { x: 40, y: 0, w: 20, h: 20 }, Rect { x: 40, y: 100, w: 20, h: 20 });
        let boxes = vec![a.inflate(CLEAR), b.inflate(CLEAR)];
        let mut open = Router::new(vec![10, 50, 90], vec![40, 60, 80], boxes.clone());
        assert_eq!(open.route(a, b, 1).unwrap(), [p(50, 20), p(50, 100)], "straight down when nothing is in the way");
        let wall = Rect { x: 30, y: 50, w: 40, h: 20 };
        let mut walled = Router::new(vec![10, 50, 90], vec![40, 60, 80], [boxes, vec![wall]].concat());
        let line = walled.route(a, b, 1).unwrap();
        assert_eq!(line.len(), 6, "{line:?}");
        assert_eq!((line[0], line[5]), (p(50, 20), p(50, 100)), "from the middle of a side to the middle of a side");
        for s in line.windows(2) {
            assert!(s[0].x == s[1].x || s[0].y == s[1].y, "lines run straight");
            assert!(![a, b, wall].iter().any(|r| r.cut_by(s[0], s[1])), "{line:?}");
        }
    }
}
