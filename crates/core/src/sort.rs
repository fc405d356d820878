//! Sorting, compiled once. The standard library's sort is generic: every
//! call with its own element type and comparison compiles a whole sort
//! (about 5 kB of wasm each, 116 kB of the app's code before this). These
//! helpers sort a list of positions with one comparison behind a `dyn`,
//! so the app carries one sort, then move the elements into place.
//!
//! Stable, like `slice::sort_by`; the `dyn` call per comparison costs
//! nothing measurable at 10,000 people.

use std::cmp::Ordering;

/// The positions of `n` elements in sorted order: `order[i]` is the
/// element that belongs at `i`. The one compiled sort.
fn sorted_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves each element to its place: after it, `items[i]` is the element
/// that was at `order[i]`. Follows each cycle of the permutation once.
fn apply<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            if from == DONE {
                break;
            }
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// `items.sort_by(cmp)`, stable.
pub fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_order(items.len(), &|a, b| cmp(&items[a], &items[b]));
    apply(items, order);
}

/// `items.sort_by_key(key)`, stable.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// `items.sort_by_cached_key(key)`, stable: each key computed once.
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_order(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    apply(items, order);
}

/// `items.sort()`, stable.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator.
    fn numbers(seed: u64, n: usize) -> Vec<(u8, usize)> {
        let mut x = seed | 1;
        (0..n)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ((x % 7) as u8, i)
            })
            .collect()
    }

    #[test]
    fn sorts_like_the_standard_library_and_keeps_ties_in_order() {
        for (seed, n) in [(1, 0), (2, 1), (3, 2), (4, 17), (5, 100), (6, 1_000)] {
            let items = numbers(seed, n);
            let mut expected = items.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = items.clone();
            sort_by_key(&mut got, |p| p.0);
            assert_eq!(got, expected, "stable, n = {n}");
            let mut cached = items.clone();
            sort_by_cached_key(&mut cached, |p| p.0);
            assert_eq!(cached, expected);
            let mut whole = items.clone();
            sort(&mut whole);
            let mut std_whole = items;
            std_whole.sort();
            assert_eq!(whole, std_whole);
        }
    }
}
