//! Test support for the sync module: generated cases without extra crates,
//! and the laws every merge must obey.

use std::fmt::Debug;

use super::clock::{Hlc, NodeId, MAX_WALL};
use super::Merge;

/// A stamp at `wall` ms from node `node`, for the merge rules' examples.
pub(crate) fn at(wall: u64, node: u64) -> Hlc {
    Hlc::new(wall, 0, NodeId::new(node)).expect("wall in range")
}

/// SplitMix64: enough spread for generated cases, reproducible by seed.
pub(crate) struct Gen(u64);

impl Gen {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n > 0`).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A stamp drawn so that equal walls, equal counters, the extremes of
    /// each field and small node ids are frequent.
    pub(crate) fn stamp(&mut self) -> Hlc {
        const T: u64 = 1_767_225_600_000;
        let wall = match self.below(4) {
            0 => self.below(4),
            1 => MAX_WALL - self.below(4),
            2 => T + self.below(4),
            _ => self.next() & MAX_WALL,
        };
        let counter = match self.below(3) {
            0 => self.below(3) as u32,
            1 => u32::MAX - self.below(3) as u32,
            _ => self.next() as u32,
        };
        let node = if self.below(2) == 0 { self.below(3) } else { self.next() };
        Hlc::new(wall, counter, NodeId::new(node)).expect("wall in range")
    }

    /// A stamp as [`Gen::stamp`] draws it, but of `node`: distinct writes
    /// get distinct nodes so that their stamps differ, as real ones do.
    pub(crate) fn stamp_of(&mut self, node: u64) -> Hlc {
        let stamp = self.stamp();
        Hlc::new(stamp.wall_ms(), stamp.counter(), NodeId::new(node)).expect("wall in range")
    }
}

pub(crate) fn merged<T: Merge + Clone>(a: &T, b: &T) -> T {
    let mut joined = a.clone();
    joined.merge(b.clone());
    joined
}

/// Idempotent, commutative and associative over every pair and triple of
/// `states`, and every order of merging them all gives one result.
pub(crate) fn assert_laws<T: Merge + Clone + PartialEq + Debug>(states: &[T]) {
    for a in states {
        assert_eq!(&merged(a, a), a, "idempotent");
        for b in states {
            assert_eq!(merged(a, b), merged(b, a), "commutative");
            for c in states {
                assert_eq!(merged(&merged(a, b), c), merged(a, &merged(b, c)), "associative");
            }
        }
    }
    assert_all_orders_agree(states);
}

/// Merges all `states` into the first, in every order (at most 7 states),
/// then again with each state delivered twice; all results must agree.
/// Returns the result.
pub(crate) fn assert_all_orders_agree<T: Merge + Clone + PartialEq + Debug>(states: &[T]) -> T {
    assert!(!states.is_empty() && states.len() <= 7, "1 to 7 states");
    let mut order: Vec<usize> = (0..states.len()).collect();
    let fold = |order: &[usize]| {
        let mut joined = states[order[0]].clone();
        for &i in &order[1..] {
            joined.merge(states[i].clone());
        }
        joined
    };
    let expected = fold(&order);
    let mut orders = 0;
    permute(&mut order, states.len(), &mut |order| {
        orders += 1;
        assert_eq!(fold(order), expected, "merged in the order {order:?}");
        let twice: Vec<usize> = order.iter().chain(order.iter().rev()).copied().collect();
        assert_eq!(fold(&twice), expected, "merged with duplicates, {twice:?}");
    });
    assert_eq!(orders, (1..=states.len()).product::<usize>());
    expected
}

/// Heap's algorithm: calls `visit` with every permutation of `items`.
fn permute(items: &mut [usize], k: usize, visit: &mut impl FnMut(&[usize])) {
    if k <= 1 {
        visit(items);
        return;
    }
    for i in 0..k - 1 {
        permute(items, k - 1, visit);
        if k.is_multiple_of(2) {
            items.swap(i, k - 1);
        } else {
            items.swap(0, k - 1);
        }
    }
    permute(items, k - 1, visit);
}
