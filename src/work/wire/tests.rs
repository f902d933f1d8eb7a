//! The wire's round trips, its refusals, and the worker's layout and
//! measures equal to the page's on the default dataset.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use proptest::prelude::*;

use super::*;
use crate::model::fixtures::default_dataset;
use crate::model::network::filter::{visible, Filter};
use crate::model::network::graph::Graph;
use crate::model::network::layout::Layout;
use crate::model::network::metrics::{measures, Half, MeasureGraph, MeasureJob};

fn positions() -> impl Strategy<Value = Option<Position>> {
    prop_oneof![
        Just(None),
        (-1e6..1e6f64, -1e6..1e6f64).prop_map(|(x, y)| Some(Position { x, y })),
    ]
}

fn layout_input() -> impl Strategy<Value = LayoutInput> {
    (1usize..40).prop_flat_map(|n| {
        (
            prop::collection::vec(0usize..50, n),
            prop::collection::vec(positions(), n),
            prop::collection::vec((0..n, 0..n), 0..80),
            0usize..200,
        )
            .prop_map(|(degree, fixed, edges, links)| LayoutInput {
                degree,
                fixed,
                edges,
                links,
            })
    })
}

proptest! {
    /// What the page weighs before starting a worker is the work the
    /// layout will take (never more; less only where the MDS start fails).
    #[test]
    fn the_work_of_an_input_is_its_layouts(input in layout_input()) {
        prop_assert!(input.work() <= Layout::from_input(input.clone()).work_left());
    }

    #[test]
    fn a_layout_request_comes_back_as_sent(input in layout_input()) {
        let sent = Request::Layout(input);
        prop_assert_eq!(Request::decode(&sent.encode()), Some(sent));
    }

    #[test]
    fn a_measures_request_comes_back_as_sent(
        n in 0usize..30,
        edges in prop::collection::vec((0usize..30, 0usize..30), 0..60),
    ) {
        let sent = Request::Measures { nodes: n, edges, half: Half::First };
        prop_assert_eq!(Request::decode(&sent.encode()), Some(sent));
        let sent = Request::Measures { nodes: n, edges: Vec::new(), half: Half::Second };
        prop_assert_eq!(Request::decode(&sent.encode()), Some(sent));
    }

    #[test]
    fn halves_come_back_bit_for_bit(
        n in 1usize..25,
        edges in prop::collection::vec((0usize..25, 0usize..25), 0..60),
    ) {
        let g = MeasureGraph::from_edges(n, &edges);
        for half in [Half::First, Half::Second] {
            let h = MeasureJob::half(g.clone(), half).finish_half();
            let back = Reply::decode(&Reply::Half(h.clone()).encode());
            prop_assert_eq!(back, Some(Reply::Half(h)));
        }
    }

    #[test]
    fn positions_come_back_bit_for_bit(
        xy in prop::collection::vec((-1e9..1e9f64, -1e9..1e9f64), 0..50),
        settled: bool,
    ) {
        let positions: Vec<Position> = xy.into_iter().map(|(x, y)| Position { x, y }).collect();
        let sent = Reply::Positions { positions, settled };
        prop_assert_eq!(Reply::decode(&sent.encode()), Some(sent));
    }

    /// Whatever numbers arrive, decoding answers without panicking, and a
    /// layout or a measure built from a decoded request runs.
    #[test]
    fn any_packet_decodes_or_is_refused(
        kind in 0u32..14,
        ints in prop::collection::vec(0u32..40, 0..60),
        floats in prop::collection::vec(any::<f64>(), 0..60),
    ) {
        let p = Packet { kind, ints, floats };
        match Request::decode(&p) {
            Some(Request::Layout(input)) => {
                let mut layout = Layout::from_input(input);
                while !layout.step(16) {}
                prop_assert!(layout.positions.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
            }
            Some(Request::Measures { nodes, edges, .. }) => {
                let m = measures(&MeasureGraph::from_edges(nodes, &edges));
                prop_assert_eq!(m.degree.len(), nodes);
            }
            None => {}
        }
        let _ = Reply::decode(&p);
    }
}

#[test]
fn lengths_that_do_not_add_up_are_refused() {
    let good = Request::Layout(LayoutInput {
        degree: vec![1, 1],
        fixed: vec![None, None],
        edges: vec![(0, 1)],
        links: 1,
    })
    .encode();
    assert!(Request::decode(&good).is_some());
    let mut short = good.clone();
    short.floats.pop();
    assert_eq!(Request::decode(&short), None);
    let mut outside = good.clone();
    *outside.ints.last_mut().unwrap() = 2; // an edge to node 2 of 2
    assert_eq!(Request::decode(&outside), None);
    let mut odd = good;
    odd.ints.push(0);
    assert_eq!(Request::decode(&odd), None);
    let unknown = Packet {
        kind: 99,
        ..Packet::default()
    };
    assert_eq!(Reply::decode(&unknown), None);
    assert_eq!(Request::decode(&unknown), None);
}

/// The worker lays out what the page would: the default dataset's
/// positions from the decoded request equal `Layout::new`'s, bit for bit
/// (the worker advances in slices, the page here in whole iterations).
#[test]
fn the_workers_layout_is_the_pages() {
    let ds = default_dataset();
    let g = Graph::new(&ds);
    let mut here = Layout::new(&ds, &g);
    let Some(Request::Layout(input)) =
        Request::decode(&Request::Layout(LayoutInput::of(&ds, &g)).encode())
    else {
        panic!("the default dataset's layout request does not decode");
    };
    assert_eq!(input.work(), here.work_left());
    let mut away = Layout::from_input(input);
    while !here.step(64) {}
    while !away.advance(300) {}
    let bits = |l: &Layout| -> Vec<(u64, u64)> {
        l.positions
            .iter()
            .map(|p| (p.x.to_bits(), p.y.to_bits()))
            .collect()
    };
    assert_eq!(bits(&here), bits(&away));
}

/// The worker measures what the page would: the graph rebuilt from
/// `edges()` gives the same measures as the visible graph it came from.
#[test]
fn the_workers_measures_are_the_pages() {
    let ds = default_dataset();
    let g = Graph::new(&ds);
    let vis = visible(&ds, &g, &Filter::default());
    let mg = MeasureGraph::visible(&g, &vis);
    let sent = Request::Measures {
        nodes: mg.node_count(),
        edges: mg.edges().collect(),
        half: Half::First,
    };
    let Some(Request::Measures { nodes, edges, .. }) = Request::decode(&sent.encode()) else {
        panic!("the measures request does not decode");
    };
    assert_eq!(
        measures(&MeasureGraph::from_edges(nodes, &edges)),
        measures(&mg)
    );
}
