//! The strategy's tree: strategy areas (strategiområden), prioritised areas or sub-strategies
//! (prioriterade områden, delstrategier), overall goals (övergripande mål) and impact goals
//! (effektmål). Seed 003: Jönköping's RUS has six strategy areas with 4, 3, 2, 4, 4 and 3
//! prioritised sub-strategies; seed 002: Kalmar's RUS has four priority areas at the top; seed
//! 004: overall goals with impact goals under them.
//!
//! The invariants: a node's kind ranks below its parent's (so the depth is at most four and no
//! level repeats), an impact goal always has a parent, a node never becomes its own ancestor,
//! and siblings are ordered by position and then id (the id is stable: later link tables, e.g.
//! node ↔ indicator, key on it).

use serde::Serialize;

use crate::FieldError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Area,
    Priority,
    OverallGoal,
    ImpactGoal,
}

impl NodeKind {
    pub const ALL: [NodeKind; 4] = [NodeKind::Area, NodeKind::Priority, NodeKind::OverallGoal, NodeKind::ImpactGoal];

    pub fn as_str(&self) -> &'static str {
        match self {
            NodeKind::Area => "area",
            NodeKind::Priority => "priority",
            NodeKind::OverallGoal => "overall_goal",
            NodeKind::ImpactGoal => "impact_goal",
        }
    }

    pub fn parse(s: &str) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    pub fn key(&self) -> String {
        format!("strategy.node_{}", self.as_str())
    }

    fn rank(self) -> u8 {
        self as u8
    }
}

/// The deepest a tree can be: one level per kind.
pub const MAX_DEPTH: usize = 4;

/// Whether a node of `kind` may stand under a parent of `parent` (`None`: at the top).
pub fn may_hold(parent: Option<NodeKind>, kind: NodeKind) -> Result<(), FieldError> {
    match parent {
        None if kind == NodeKind::ImpactGoal => Err(FieldError::new(
            "parent_id",
            "impact_goal_needs_parent",
            "Ett effektmål står under ett övergripande mål, ett prioriterat område eller ett strategiområde.",
            "An impact goal stands under an overall goal, a prioritised area or a strategy area.",
        )),
        Some(p) if p.rank() >= kind.rank() => Err(FieldError::new(
            "kind",
            "kind_under_parent",
            "Den här typen kan inte stå under den valda överordnade delen (ordningen är strategiområde, prioriterat område, övergripande mål, effektmål).",
            "This kind cannot stand under the chosen parent (the order is strategy area, prioritised area, overall goal, impact goal).",
        )),
        _ => Ok(()),
    }
}

/// A node as the tree sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flat {
    pub id: i64,
    pub parent: Option<i64>,
    pub position: i64,
}

/// Whether giving `id` the parent `new_parent` would make it its own ancestor.
pub fn would_cycle(nodes: &[Flat], id: i64, new_parent: Option<i64>) -> bool {
    let mut at = new_parent;
    let mut steps = 0;
    while let Some(p) = at {
        if p == id || steps > nodes.len() {
            return true;
        }
        at = nodes.iter().find(|n| n.id == p).and_then(|n| n.parent);
        steps += 1;
    }
    false
}

/// The nodes in reading order (depth first, siblings by position then id), each with its
/// depth (0 at the top). A node whose parent is missing, or that sits on a cycle, is left out.
pub fn reading_order(nodes: &[Flat]) -> Vec<(i64, usize)> {
    let mut out = Vec::with_capacity(nodes.len());
    fn visit(nodes: &[Flat], parent: Option<i64>, depth: usize, out: &mut Vec<(i64, usize)>) {
        let mut kids: Vec<&Flat> = nodes.iter().filter(|n| n.parent == parent).collect();
        kids.sort_by_key(|n| (n.position, n.id));
        for k in kids {
            out.push((k.id, depth));
            if depth < nodes.len() {
                visit(nodes, Some(k.id), depth + 1, out);
            }
        }
    }
    visit(nodes, None, 0, &mut out);
    out
}

/// The position after the last of a parent's children.
pub fn next_position(nodes: &[Flat], parent: Option<i64>) -> i64 {
    nodes.iter().filter(|n| n.parent == parent).map(|n| n.position).max().map_or(1, |m| m + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_levels_of_seed_003_and_004() {
        assert!(may_hold(None, NodeKind::Area).is_ok());
        assert!(may_hold(Some(NodeKind::Area), NodeKind::Priority).is_ok());
        // Seed 002: Kalmar's four priority areas stand at the top.
        assert!(may_hold(None, NodeKind::Priority).is_ok());
        // Seed 004: impact goals under overall goals.
        assert!(may_hold(Some(NodeKind::OverallGoal), NodeKind::ImpactGoal).is_ok());
        assert_eq!(may_hold(None, NodeKind::ImpactGoal).unwrap_err().code, "impact_goal_needs_parent");
        assert_eq!(may_hold(Some(NodeKind::Priority), NodeKind::Area).unwrap_err().code, "kind_under_parent");
        assert_eq!(may_hold(Some(NodeKind::Area), NodeKind::Area).unwrap_err().code, "kind_under_parent");
    }

    #[test]
    fn siblings_read_by_position_then_id() {
        let n = |id, parent, position| Flat { id, parent, position };
        let nodes = [n(5, None, 2), n(3, None, 1), n(9, Some(5), 1), n(8, Some(5), 1), n(4, Some(3), 7)];
        assert_eq!(reading_order(&nodes), vec![(3, 0), (4, 1), (5, 0), (8, 1), (9, 1)]);
        assert_eq!(next_position(&nodes, Some(5)), 2);
        assert_eq!(next_position(&nodes, Some(9)), 1);
        assert!(would_cycle(&nodes, 5, Some(9)));
        assert!(would_cycle(&nodes, 5, Some(5)));
        assert!(!would_cycle(&nodes, 5, Some(3)));
        assert!(!would_cycle(&nodes, 9, None));
    }

    /// A tree built as the store builds it: each node's parent is an earlier node or none.
    fn tree() -> impl Strategy<Value = Vec<Flat>> {
        prop::collection::vec((any::<prop::sample::Index>(), any::<bool>(), 0i64..5), 0..40).prop_map(|spec| {
            let mut v: Vec<Flat> = Vec::new();
            for (i, (pick, top, position)) in spec.into_iter().enumerate() {
                let parent = if top || v.is_empty() { None } else { Some(v[pick.index(v.len())].id) };
                v.push(Flat { id: i as i64 + 1, parent, position });
            }
            v
        })
    }

    proptest! {
        #[test]
        fn every_node_is_read_once_after_its_parent(nodes in tree()) {
            let order = reading_order(&nodes);
            prop_assert_eq!(order.len(), nodes.len());
            for (i, (id, depth)) in order.iter().enumerate() {
                let n = nodes.iter().find(|n| n.id == *id).unwrap();
                match n.parent {
                    None => prop_assert_eq!(*depth, 0),
                    Some(p) => {
                        let at = order.iter().position(|(x, _)| *x == p).unwrap();
                        prop_assert!(at < i);
                        prop_assert_eq!(order[at].1 + 1, *depth);
                    }
                }
            }
        }

        #[test]
        fn moving_under_a_descendant_is_a_cycle_and_nothing_else_is(nodes in tree(), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
            prop_assume!(!nodes.is_empty());
            let x = nodes[a.index(nodes.len())].id;
            let y = nodes[b.index(nodes.len())].id;
            // y descends from x (or is x) exactly when x is on y's path to the top.
            let mut path = vec![y];
            let mut at = nodes.iter().find(|n| n.id == y).unwrap().parent;
            while let Some(p) = at { path.push(p); at = nodes.iter().find(|n| n.id == p).unwrap().parent; }
            prop_assert_eq!(would_cycle(&nodes, x, Some(y)), path.contains(&x));
        }

        #[test]
        fn kinds_that_may_nest_never_nest_deeper_than_four(kinds in prop::collection::vec(0usize..4, 1..10)) {
            let mut parent: Option<NodeKind> = None;
            let mut depth = 0;
            for k in kinds {
                let kind = NodeKind::ALL[k];
                if may_hold(parent, kind).is_ok() { parent = Some(kind); depth += 1; }
            }
            prop_assert!(depth <= MAX_DEPTH);
        }
    }
}
