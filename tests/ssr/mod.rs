//! Shared by the server-side-rendering tests of the UI components
//! (`tests/ui_*.rs`): a component rendered to an HTML string, on its own or
//! inside a loaded map's context (`ui::context::MapContext`), as the app
//! root renders it.

use std::rc::Rc;

use civicmap::model::format::dataset::Dataset;
use civicmap::model::network::graph::Graph;
use civicmap::model::view::state::Lang;
use civicmap::ui::context::MapContext;
use civicmap::ui::store::Frozen;
use yew::prelude::*;
use yew::LocalServerRenderer;

/// Renders component `C` with `props` to HTML, without hydration markers.
#[allow(dead_code)] // not every test crate renders outside a map
pub async fn render<C>(props: C::Properties) -> String
where
    C: yew::BaseComponent,
{
    LocalServerRenderer::<C>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

/// The context of a map showing `ds` in `lang` (light theme; actions go
/// nowhere).
#[allow(dead_code)] // not every test crate renders inside a map
pub fn map(ds: Dataset, lang: Lang) -> MapContext {
    let graph = Graph::new(&ds);
    MapContext {
        lang,
        dark: false,
        dataset: Frozen(Rc::new(ds)),
        graph: Frozen(Rc::new(graph)),
        dispatch: Callback::noop(),
    }
}

#[derive(Properties, PartialEq)]
struct InMapProps {
    map: MapContext,
    children: Html,
}

#[function_component(InMap)]
fn in_map(props: &InMapProps) -> Html {
    html! {
        <ContextProvider<MapContext> context={props.map.clone()}>
            { props.children.clone() }
        </ContextProvider<MapContext>>
    }
}

/// Renders component `C` with `props` inside the context `map`, as the app
/// root provides it once a dataset is loaded.
#[allow(dead_code)] // not every test crate renders inside a map
pub async fn render_in_map<C>(map: MapContext, props: C::Properties) -> String
where
    C: yew::BaseComponent,
{
    render::<InMap>(InMapProps {
        map,
        children: html! { <C ..props /> },
    })
    .await
}

/// The timeline view in `map`, its list of years filled as the browser
/// fills it (the view renders an empty `ol.timeline-years` and inserts the
/// years' markup piece by piece).
#[allow(dead_code)] // not every test crate that includes this module renders a timeline
pub async fn render_timeline(
    map: MapContext,
    props: civicmap::ui::timeline::TimelineViewProps,
) -> String {
    use civicmap::model::view::timeline::Timeline;
    use civicmap::ui::timeline::{TimelineView, Years};
    let years = Years {
        timeline: Rc::new(Some(Timeline::new(&map.dataset.0))),
        dataset: map.dataset.clone(),
        visible: props.visible.clone(),
        lang: map.lang,
        dark: map.dark,
        year: props.year,
    };
    let html = render_in_map::<TimelineView>(map, props).await;
    let empty = r#"class="timeline-years"></ol>"#;
    assert_eq!(html.matches(empty).count(), 1, "{html}");
    html.replace(
        empty,
        &format!(r#"class="timeline-years">{}</ol>"#, years.markup()),
    )
}
