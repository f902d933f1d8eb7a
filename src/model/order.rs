//! One stable sort of indices for the whole program. Each `sort_by` or
//! `sort_by_key` with its own closure compiles its own copy of the standard
//! library's sort (~4 KB of wasm before `wasm-opt`, docs/performance.md);
//! sorting indices through a `&dyn Fn` comparator shares one.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp` (equal items keep their order), as
/// `items.sort_by(|&a, &b| cmp(a, b))` would.
///
/// Complexity: O(n log n) comparisons, each a dynamic call.
///
/// ```
/// use civicmap::model::order::sort_indices;
/// let size = [3, 1, 3, 2];
/// let mut by_size: Vec<usize> = (0..4).collect();
/// sort_indices(&mut by_size, &|a, b| size[b].cmp(&size[a]));
/// assert_eq!(by_size, vec![0, 2, 3, 1]); // ties keep their order
/// ```
pub fn sort_indices(items: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    items.sort_by(|&a, &b| cmp(a, b));
}
