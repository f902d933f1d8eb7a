//! The "Exporter" menu (header, and embed mode's footer): a disclosure
//! button and the list of downloads — the visible actors as CSV (the list
//! view's columns, in the page's language), the visible subgraph as
//! civicmap/1 JSON and as GEXF, the map as SVG and as PNG (2× the SVG's
//! size, the same figure: `render::figure`). Everything is made in the
//! browser from the view on screen (`model::view::export`,
//! `convert::gexf`, `render::svg`, `render::canvas::map_png`); files are
//! named by `export::file_name`.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::context::{use_map, MapContext};
use super::i18n::{self, t, Key};
use super::icons::{glyph, Glyph};
use super::legend::LegendText;
use super::list_view::{column_label, label};
use super::store::Frozen;
use crate::convert::gexf::export_gexf;
use crate::model::format::file;
use crate::model::network::filter::Visible;
use crate::model::view::export::{actors_csv, file_name, subgraph};
use crate::model::view::listing::{rows, Column};
use crate::model::view::state::{Lang, View};
use crate::render::canvas::{map_figure, map_png};
use crate::render::figure::{Caption, Figure, Key as LegendKey};
use crate::render::svg;

/// Device pixels per figure unit in the PNG (the SVG's size × 2).
const PNG_SCALE: f64 = 2.0;

#[derive(Properties, PartialEq, Clone)]
pub struct ExportMenuProps {
    pub visible: Frozen<Visible>,
    /// Where the dataset was read from (the files' names).
    pub location: AttrValue,
    pub view: View,
    pub title: AttrValue,
    /// The credit line (source, licence), drawn into the image.
    pub credit: Option<AttrValue>,
    /// The map's legend, drawn into the image.
    pub legend: Rc<LegendText>,
    /// Where it is (`header`, `embed`): the ids and the opening direction.
    pub place: &'static str,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Csv,
    Json,
    Gexf,
    Svg,
    Png,
}

fn view_name(v: View) -> &'static str {
    match v {
        View::Graph => "map",
        View::List => "list",
        View::Timeline => "timeline",
        View::Stakes => "stakes",
        View::Analysis => "analysis",
    }
}

/// The map on screen as the exported figure, with its caption: the title,
/// the legend as the map shows it (colours, what size shows, the rings),
/// the counts and the credit, in the page's language.
fn figure(map: &MapContext, props: &ExportMenuProps) -> Option<Figure> {
    let (lang, vis) = (map.lang, &props.visible);
    let l = &props.legend;
    let legend = l
        .swatches
        .iter()
        .map(|s| LegendKey {
            label: s.label.clone(),
            shape: s.shape,
            fill: s.colour.clone(),
        })
        .collect();
    let notes = std::iter::once(l.size.clone())
        .chain(l.ring.map(String::from))
        .collect();
    let counts = i18n::visible_count(lang, vis.actor_count, vis.link_count);
    map_figure(&Caption {
        title: &props.title,
        legend,
        notes,
        counts: &counts,
        credit: props.credit.as_deref(),
    })
}

/// The text file of `format` for the view on screen: (name, MIME type,
/// content); `None` for the PNG, which is made asynchronously.
fn build(
    map: &MapContext,
    props: &ExportMenuProps,
    format: Format,
) -> Option<(String, &'static str, String)> {
    let (ds, g, lang) = (&*map.dataset.0, &*map.graph.0, map.lang);
    let vis = &props.visible;
    let view = view_name(props.view);
    let name = |ext: &str| file_name(&props.location, view, ext);
    Some(match format {
        Format::Csv => {
            let list = rows(ds, g, vis, |v, id| label(ds, lang, v, id));
            let headers = Column::ALL.map(|c| column_label(lang, c));
            (
                name("csv"),
                "text/csv;charset=utf-8",
                actors_csv(headers, &list),
            )
        }
        Format::Json => {
            let sub = subgraph(ds, vis);
            let json = serde_json::to_string_pretty(&sub).ok()?;
            (name("json"), "application/json", json)
        }
        Format::Gexf => {
            let sub: file::Dataset = subgraph(ds, vis).into();
            (name("gexf"), "application/xml", export_gexf(&sub).0)
        }
        Format::Svg => (
            file_name(&props.location, "map", "svg"),
            "image/svg+xml",
            svg::write(&figure(map, props)?),
        ),
        Format::Png => return None,
    })
}

/// Paints the figure at [`PNG_SCALE`] and downloads it; `finish` gets
/// whether the file went to the browser.
fn download_png(map: &MapContext, props: &ExportMenuProps, finish: Callback<bool>) {
    let Some(fig) = figure(map, props) else {
        finish.emit(false);
        return;
    };
    let name = file_name(&props.location, "map", "png");
    let done = finish.clone();
    let started = map_png(&fig, PNG_SCALE, move |blob| {
        done.emit(blob.is_some_and(|b| browser::download_blob(&name, &b)));
    });
    if !started {
        finish.emit(false);
    }
}

/// The menu.
#[function_component(ExportMenu)]
pub fn export_menu(props: &ExportMenuProps) -> Html {
    let map = use_map();
    let lang = map.as_ref().map(|m| m.lang).unwrap_or_default();
    let open = use_state(|| false);
    let failed = use_state(|| false);
    let button = use_node_ref();
    let menu_id = format!("export-menu-{}", props.place);

    let toggle = {
        let open = open.clone();
        let failed = failed.clone();
        Callback::from(move |_: MouseEvent| {
            failed.set(false);
            open.set(!*open);
        })
    };
    let onkeydown = {
        let open = open.clone();
        let button = button.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                e.stop_propagation();
                open.set(false);
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    html! {
        <div class={classes!("export-menu", props.place)} onkeydown={onkeydown}>
            <button type="button" class="btn ghost less-used" data-testid="export-button" ref={button.clone()}
                    aria-expanded={if *open { "true" } else { "false" }} aria-controls={menu_id.clone()}
                    title={t(lang, Key::ExportTitle)} onclick={toggle}>
                { glyph(Glyph::Download) }
                <span class="btn-text">{ t(lang, Key::Export) }</span>
            </button>
            if *open {
                { export_list(&Menu { map, props, lang, open: open.clone(), failed, button: button.clone() }, menu_id) }
            }
        </div>
    }
}

/// The menu's state, for its open list.
struct Menu<'a> {
    map: Option<MapContext>,
    props: &'a ExportMenuProps,
    lang: Lang,
    open: UseStateHandle<bool>,
    failed: UseStateHandle<bool>,
    button: NodeRef,
}

/// The open menu: built only once a visitor opens it, in a function of its
/// own so that scripts/split-wasm.mjs can leave it out of what loads before
/// `civicmap:ready` (it is never inlined into the menu).
#[inline(never)]
fn export_list(menu: &Menu<'_>, menu_id: String) -> Html {
    let Menu {
        map,
        props,
        lang,
        open,
        failed,
        button,
    } = menu;
    let lang = *lang;
    let item = |format: Format, key: Key, testid: &'static str| {
        let map = map.clone();
        // After a download: the menu closes and the focus goes back to its
        // button; after a failure it stays open and says so.
        let finish = {
            let (open, failed, button) = (open.clone(), failed.clone(), button.clone());
            Callback::from(move |ok: bool| {
                failed.set(!ok);
                if ok {
                    open.set(false);
                    if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                        let _ = b.focus();
                    }
                }
            })
        };
        let onclick =
            {
                let p = ExportMenuProps::clone(props);
                Callback::from(move |_: MouseEvent| match (&map, format) {
                    (Some(m), Format::Png) => download_png(m, &p, finish.clone()),
                    _ => finish.emit(map.as_ref().and_then(|m| build(m, &p, format)).is_some_and(
                        |(name, mime, content)| browser::download(&name, mime, &content),
                    )),
                })
            };
        html! {
            <li>
                <button type="button" class="export-item" data-testid={testid} onclick={onclick}>
                    { t(lang, key) }
                </button>
            </li>
        }
    };
    // The map image needs the map: offered in the graph view only.
    let graph_view = props.view == View::Graph;
    html! {
        <div class="export-list" id={menu_id} data-testid="export-menu">
            <p class="export-heading">{ t(lang, Key::ExportTitle) }</p>
            <ul>
                { item(Format::Csv, Key::ExportCsv, "export-csv") }
                { item(Format::Json, Key::ExportJson, "export-json") }
                { item(Format::Gexf, Key::ExportGexf, "export-gexf") }
                if graph_view {
                    { item(Format::Svg, Key::ExportSvg, "export-svg") }
                    { item(Format::Png, Key::ExportPng, "export-png") }
                }
            </ul>
            if **failed {
                <p class="export-failed" role="alert">{ t(lang, Key::ExportFailed) }</p>
            }
        </div>
    }
}
