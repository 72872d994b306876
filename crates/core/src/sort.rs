//! Stable sorts that the app and the domain share, for the wasm size.
//!
//! The standard library's sort is generic over the element type: every sort
//! of another type carried its own copy of the whole sort algorithm (about
//! 120 kB of the wasm before optimisation). Here only positions are sorted,
//! by one copy of the algorithm, and the elements are then put in that order
//! by swaps; what stays generic is the comparison and the swaps. The results
//! are those of `slice::sort_by` (stable: equal elements keep their order).

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stable.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let swaps = swaps(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    apply(items, &swaps);
}

/// Sorts `items` by the key `key` gives each (computed at each comparison,
/// as `slice::sort_by_key`), stable.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by the key `key` gives each, computed once per element (as
/// `slice::sort_by_cached_key`), stable.
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let swaps = swaps(items.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    apply(items, &swaps);
}

/// Sorts `items` in their own order, stable.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

fn apply<T>(items: &mut [T], swaps: &[(usize, usize)]) {
    for &(a, b) in swaps {
        items.swap(a, b);
    }
}

/// The swaps that put `len` elements in the order `compare` gives their
/// positions: the sorted positions, then each cycle of that permutation
/// walked once.
fn swaps(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    // Position `at` must receive the element that was at `order[at]`.
    const PLACED: usize = usize::MAX;
    let mut swaps = Vec::new();
    for start in 0..len {
        let mut at = start;
        while order[at] != PLACED {
            let from = order[at];
            order[at] = PLACED;
            if from == start {
                break;
            }
            swaps.push((at, from));
            at = from;
        }
    }
    swaps
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test needs no dependency.
    fn numbers(seed: u64, count: usize, below: u64) -> Vec<u64> {
        let mut state = seed;
        (0..count)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (state >> 33) % below
            })
            .collect()
    }

    #[test]
    fn sorts_as_the_standard_library_does_and_keeps_equal_elements_in_order() {
        for (seed, count, below) in
            [(1, 0, 5), (2, 1, 5), (3, 2, 2), (4, 17, 4), (5, 300, 10), (6, 1000, 1000)]
        {
            let items: Vec<(u64, usize)> = numbers(seed, count, below).into_iter().zip(0..).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let mut sorted = items.clone();
            sort_by_key(&mut sorted, |item| item.0);
            assert_eq!(sorted, expected);
            let mut sorted = items.clone();
            sort_by_cached_key(&mut sorted, |item| std::cmp::Reverse(item.0));
            let mut reversed = items.clone();
            reversed.sort_by_cached_key(|item| std::cmp::Reverse(item.0));
            assert_eq!(sorted, reversed);
            let mut sorted = items.clone();
            sort(&mut sorted);
            let mut plain = items;
            plain.sort();
            assert_eq!(sorted, plain);
        }
    }

    #[test]
    fn sorts_strings_that_own_memory() {
        let mut names: Vec<String> =
            ["delta", "alpha", "charlie", "bravo", "alpha"].map(String::from).to_vec();
        sort(&mut names);
        assert_eq!(names, ["alpha", "alpha", "bravo", "charlie", "delta"]);
    }
}
