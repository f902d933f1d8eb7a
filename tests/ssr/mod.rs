//! Shared by the server-side-rendering tests of the UI components
//! (`tests/ui_*.rs`): a component rendered to an HTML string.

use yew::LocalServerRenderer;

/// Renders component `C` with `props` to HTML, without hydration markers.
pub async fn render<C>(props: C::Properties) -> String
where
    C: yew::BaseComponent,
{
    LocalServerRenderer::<C>::with_props(props)
        .hydratable(false)
        .render()
        .await
}
