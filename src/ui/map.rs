//! Temporary stand-in for `render::MapCanvas` until branch `render` lands:
//! same props, a bare canvas. Deleted when `render` is merged.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::dataset::Dataset;
use crate::model::filter::Visible;
use crate::model::graph::Graph;
use crate::model::state::Lang;

#[derive(Properties)]
pub struct MapCanvasProps {
    pub dataset: Rc<Dataset>,
    pub graph: Rc<Graph>,
    pub visible: Rc<Visible>,
    pub selected: Option<usize>,
    pub highlighted: Rc<Vec<usize>>,
    pub year_active: bool,
    pub dark: bool,
    pub lang: Lang,
    pub reduced_motion: bool,
    pub on_select: Callback<Option<usize>>,
    pub on_ready: Callback<()>,
    pub label: AttrValue,
}

impl PartialEq for MapCanvasProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.dataset, &o.dataset)
            && Rc::ptr_eq(&self.graph, &o.graph)
            && Rc::ptr_eq(&self.visible, &o.visible)
            && self.selected == o.selected
            && self.dark == o.dark
            && self.lang == o.lang
            && self.label == o.label
    }
}

#[function_component(MapCanvas)]
pub fn map_canvas(props: &MapCanvasProps) -> Html {
    {
        let on_ready = props.on_ready.clone();
        use_effect_with(Rc::as_ptr(&props.dataset) as usize, move |_| {
            on_ready.emit(())
        });
    }
    html! {
        <canvas data-testid="map-canvas" tabindex="0" role="img" aria-label={props.label.clone()}
                style="width:100%;height:100%;display:block"></canvas>
    }
}
