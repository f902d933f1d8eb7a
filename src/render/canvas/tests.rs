//! The canvas component's props: what makes it re-render and what does not.

use super::*;
use crate::render::scene::tests::{graph_of, small};

#[test]
fn props_compare_datasets_by_identity() {
    let ds = Rc::new(small());
    let p = MapCanvasProps {
        dataset: ds.clone(),
        graph: Rc::new(graph_of(&ds)),
        visible: Rc::new(Visible::default()),
        selected: None,
        highlighted: Rc::new(Vec::new()),
        path_links: Rc::new(Vec::new()),
        encoding: Rc::default(),
        year_active: false,
        dark: false,
        lang: Lang::Fr,
        reduced_motion: false,
        on_select: Callback::noop(),
        on_ready: Callback::noop(),
        label: "x".into(),
        cooperative: false,
    };
    let mut q = p.clone();
    assert!(p == q);
    q.dataset = Rc::new(small());
    assert!(p != q, "an equal but new dataset is a new load");
    let mut q = p.clone();
    q.visible = Rc::new(Visible::default());
    assert!(p == q, "an equal visible set in a new Rc changes nothing");
    q.selected = Some(1);
    assert!(p != q);
}
