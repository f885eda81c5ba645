//! The compilation of a process's published inputs that feeds the drafting of the strategy
//! (issue 14): the inputs grouped by question, by strategy area and by kind of participant, each
//! group in the order of its key with a count. An input tagged with several areas is counted
//! under each of them; one without a question or area falls under "none" (`None`).

use std::collections::BTreeMap;

use super::ParticipantKind;

/// What the compilation needs of an input.
pub trait Compiled {
    fn question(&self) -> Option<i64>;
    fn areas(&self) -> &[i64];
    fn kind(&self) -> ParticipantKind;
}

/// The inputs' positions grouped by `key` (a group per key, in key order, `None` last).
fn group<K: Ord + Copy>(keys: impl Iterator<Item = (usize, Vec<Option<K>>)>) -> Vec<(Option<K>, Vec<usize>)> {
    let mut some: BTreeMap<K, Vec<usize>> = BTreeMap::new();
    let mut none = Vec::new();
    for (i, ks) in keys {
        for k in ks {
            match k {
                Some(k) => some.entry(k).or_default().push(i),
                None => none.push(i),
            }
        }
    }
    let mut out: Vec<(Option<K>, Vec<usize>)> = some.into_iter().map(|(k, v)| (Some(k), v)).collect();
    if !none.is_empty() {
        out.push((None, none));
    }
    out
}

pub fn by_question<T: Compiled>(inputs: &[T]) -> Vec<(Option<i64>, Vec<usize>)> {
    group(inputs.iter().enumerate().map(|(i, x)| (i, vec![x.question()])))
}

pub fn by_area<T: Compiled>(inputs: &[T]) -> Vec<(Option<i64>, Vec<usize>)> {
    group(inputs.iter().enumerate().map(|(i, x)| {
        let a = x.areas();
        (i, if a.is_empty() { vec![None] } else { a.iter().copied().map(Some).collect() })
    }))
}

pub fn by_kind<T: Compiled>(inputs: &[T]) -> Vec<(Option<ParticipantKind>, Vec<usize>)> {
    group(inputs.iter().enumerate().map(|(i, x)| (i, vec![Some(x.kind())])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    struct I(Option<i64>, Vec<i64>, ParticipantKind);
    impl Compiled for I {
        fn question(&self) -> Option<i64> {
            self.0
        }
        fn areas(&self) -> &[i64] {
            &self.1
        }
        fn kind(&self) -> ParticipantKind {
            self.2
        }
    }

    #[test]
    fn groups_by_question_area_and_kind() {
        use ParticipantKind::*;
        let xs = [I(Some(2), vec![5, 7], Business), I(None, vec![], Politics), I(Some(1), vec![5], Business)];
        assert_eq!(by_question(&xs), vec![(Some(1), vec![2]), (Some(2), vec![0]), (None, vec![1])]);
        assert_eq!(by_area(&xs), vec![(Some(5), vec![0, 2]), (Some(7), vec![0]), (None, vec![1])]);
        assert_eq!(by_kind(&xs), vec![(Some(Politics), vec![1]), (Some(Business), vec![0, 2])]);
    }

    proptest! {
        /// Every input is in exactly one group by question and by kind, and in one group per area.
        #[test]
        fn nothing_is_lost(xs in proptest::collection::vec((proptest::option::of(1i64..5), proptest::collection::btree_set(1i64..6, 0..3), 0usize..5), 0..30)) {
            let xs: Vec<I> = xs.into_iter().map(|(q, a, k)| I(q, a.into_iter().collect(), ParticipantKind::ALL[k])).collect();
            prop_assert_eq!(by_question(&xs).iter().map(|g| g.1.len()).sum::<usize>(), xs.len());
            prop_assert_eq!(by_kind(&xs).iter().map(|g| g.1.len()).sum::<usize>(), xs.len());
            let tags: usize = xs.iter().map(|x| x.1.len().max(1)).sum();
            prop_assert_eq!(by_area(&xs).iter().map(|g| g.1.len()).sum::<usize>(), tags);
        }
    }
}
