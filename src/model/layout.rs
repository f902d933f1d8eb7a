//! Deterministic force-directed layout. Same dataset → same positions, on
//! every machine, natively and in wasm: seeded generator, no hash-map
//! iteration, iteration count from the actor and link counts only, and only
//! + − × ÷ √ (or `libm`).

use super::dataset::{Dataset, Position};
use super::graph::Graph;

/// A layout in progress; the UI calls `step` a few times per frame.
#[derive(Debug, Clone)]
pub struct Layout {
    /// One position per actor, in dataset order.
    pub positions: Vec<Position>,
}

impl Layout {
    /// Initial positions (file positions kept as they are, others seeded).
    pub fn new(_ds: &Dataset, _g: &Graph) -> Layout {
        unimplemented!()
    }

    /// Runs up to `iterations` more iterations; returns true when settled
    /// (the total iteration budget is spent).
    pub fn step(&mut self, _iterations: usize) -> bool {
        unimplemented!()
    }

    /// Total iterations this layout will run (from the counts only).
    pub fn budget(&self) -> usize {
        unimplemented!()
    }

    /// Iterations run so far.
    pub fn done(&self) -> usize {
        unimplemented!()
    }
}

/// The final layout, all at once (natively, and under reduced motion).
pub fn compute(ds: &Dataset, g: &Graph) -> Vec<Position> {
    let mut l = Layout::new(ds, g);
    while !l.step(64) {}
    l.positions
}
