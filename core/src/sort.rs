//! Stable sorting of short lists through one shared copy of the standard library's sort.
//!
//! Every `sort_by` over another element type or comparator instantiates the whole stable sort
//! (some 4 KB of WebAssembly each, a twelfth of the module was sort code). The amendment layer and
//! the session sort short lists — the commands, edits and findings of one draft — where that code
//! buys nothing: [`sort_by`] sorts a permutation of indices with the comparator behind `dyn`, so one
//! instance of the sort serves every caller and only the few lines that apply the permutation are
//! generic. The order is exactly that of `slice::sort_by` (stable: equal elements keep their
//! order). Not for hot loops: each comparison is an indirect call.

use std::cmp::Ordering;

/// Sorts `v` as `v.sort_by(cmp)` does.
pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = permutation(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` as `v.sort_by_key(key)` does.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The indices `0..n` in the stable order of `cmp`, which compares two of them.
fn permutation(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Rearranges `v` so that position `k` holds what stood at `order[k]`, following each cycle of
/// the permutation with swaps (no copy of the elements, no `Clone`).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut k = start;
        // Position `k` wants the element that stood at `order[k]`; until the cycle closes, that
        // element is still there, and what stood at `start` travels along the cycle.
        while order[k] != DONE {
            let from = std::mem::replace(&mut order[k], DONE);
            if from == start {
                break;
            }
            v.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The order of `slice::sort_by`, equal keys included (the payload tells them apart).
        #[test]
        fn orders_as_the_standard_sort(keys in proptest::collection::vec(0u8..6, 0..60)) {
            let items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let cmp = |a: &(u8, usize), b: &(u8, usize)| (a.0 % 3).cmp(&(b.0 % 3)).then(b.0.cmp(&a.0));
            let mut std_sorted = items.clone();
            std_sorted.sort_by(cmp);
            let mut ours = items.clone();
            sort_by(&mut ours, cmp);
            prop_assert_eq!(ours, std_sorted);
            let mut std_by_key = items.clone();
            std_by_key.sort_by_key(|x| std::cmp::Reverse(x.0));
            let mut by_key = items;
            sort_by_key(&mut by_key, |x| std::cmp::Reverse(x.0));
            prop_assert_eq!(by_key, std_by_key);
        }
    }

    #[test]
    fn sorts_strings_and_short_lists() {
        let mut v = vec!["c".to_string(), "a".into(), "b".into(), "a".into()];
        sort_by(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, ["a", "a", "b", "c"]);
        let mut one = vec![1];
        sort_by(&mut one, |a, b| a.cmp(b));
        assert_eq!(one, [1]);
        let mut none: Vec<u8> = Vec::new();
        sort_by_key(&mut none, |x| *x);
        assert!(none.is_empty());
    }
}
