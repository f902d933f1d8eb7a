//! The map with its layout in a Web Worker, natively: a stand-in
//! [`Worker`] receives the layout's input and delivers positions when the
//! test says; the engine shows them as they arrive, is ready once they are
//! settled, and lays out on the page itself when the worker fails.

use std::cell::RefCell;
use std::rc::Rc;

use super::{unplaced, Map};
use crate::model::format::dataset::{Dataset, Position};
use crate::model::network::graph::Graph;
use crate::model::network::layout::{Layout, LayoutInput};
use crate::render::engine::{Out, Running, AWAY_LAYOUT_WORK};
use crate::render::surface::AwayLayout;

/// What the stand-in worker was asked and what it has to deliver.
#[derive(Default)]
pub(crate) struct Worker {
    /// The input of each layout started.
    pub(crate) started: Vec<LayoutInput>,
    /// Positions not yet taken by the engine, and whether they are final.
    pending: Option<(Vec<Position>, bool)>,
    settled: bool,
    failed: bool,
}

struct Handle(Rc<RefCell<Worker>>);

impl AwayLayout for Handle {
    fn take(&mut self) -> Option<Vec<Position>> {
        self.0.borrow_mut().pending.take().map(|(p, _)| p)
    }
    fn settled(&self) -> bool {
        self.0.borrow().settled
    }
    fn failed(&self) -> bool {
        self.0.borrow().failed
    }
}

pub(crate) fn start(w: &Rc<RefCell<Worker>>, input: &LayoutInput) -> Option<Box<dyn AwayLayout>> {
    w.borrow_mut().started.push(input.clone());
    Some(Box::new(Handle(w.clone())))
}

fn deliver(w: &Rc<RefCell<Worker>>, positions: Vec<Position>, settled: bool) {
    let mut w = w.borrow_mut();
    w.pending = Some((positions, settled));
    w.settled = settled;
}

fn laid_out(ds: &Dataset) -> Vec<Position> {
    let mut layout = Layout::new(ds, &Graph::new(ds));
    while !layout.step(64) {}
    layout.positions
}

/// Big enough for the worker: 800 actors, 3 links each.
fn big() -> Dataset {
    let ds = unplaced(800, 3);
    assert!(LayoutInput::of(&ds, &Graph::new(&ds)).work() > AWAY_LAYOUT_WORK);
    ds
}

#[test]
fn a_big_layout_runs_in_the_worker_and_the_map_shows_what_it_sends() {
    let ds = big();
    let worker = Rc::new(RefCell::new(Worker::default()));
    let mut m = Map::with_worker(ds.clone(), 0.0, Some(worker.clone()));
    // The worker got the dataset's own layout input.
    assert_eq!(
        worker.borrow().started,
        vec![LayoutInput::of(&ds, &Graph::new(&ds))]
    );
    assert!(matches!(m.e.layout, Some(Running::Away { .. })));
    let start = m.e.positions.clone();
    // Nothing arrives: the map waits, not ready, laying out nothing itself.
    for _ in 0..5 {
        assert!(!m.frame().contains(&Out::Ready));
    }
    assert_eq!(m.e.positions, start, "the page does not lay out meanwhile");
    // Positions on the way are shown.
    let mut halfway = start.clone();
    if let Some(p) = halfway.first_mut() {
        p.x += 50.0;
    }
    deliver(&worker, halfway.clone(), false);
    let out = m.frame();
    assert!(!out.contains(&Out::Ready));
    assert_eq!(m.e.positions, halfway);
    // The settled ones make the map ready, once.
    let done = laid_out(&ds);
    deliver(&worker, done.clone(), true);
    let mut ready = 0;
    for _ in 0..5 {
        ready += m.frame().iter().filter(|o| **o == Out::Ready).count();
    }
    assert_eq!(ready, 1);
    assert!(m.e.layout.is_none());
    assert_eq!(m.e.positions, done);
}

#[test]
fn when_the_worker_fails_the_page_lays_out_the_same_positions() {
    let ds = big();
    let worker = Rc::new(RefCell::new(Worker::default()));
    let mut m = Map::with_worker(ds.clone(), 0.0, Some(worker.clone()));
    m.frame();
    worker.borrow_mut().failed = true;
    m.settle();
    assert!(m.e.layout.is_none());
    let bits = |p: &[Position]| -> Vec<(u64, u64)> {
        p.iter().map(|p| (p.x.to_bits(), p.y.to_bits())).collect()
    };
    assert_eq!(bits(&m.e.positions), bits(&laid_out(&ds)));
}

#[test]
fn a_small_layout_stays_on_the_page() {
    let worker = Rc::new(RefCell::new(Worker::default()));
    let mut m = Map::with_worker(unplaced(30, 2), 0.0, Some(worker.clone()));
    assert!(matches!(m.e.layout, Some(Running::Here(_))));
    m.settle();
    assert!(worker.borrow().started.is_empty());
}
