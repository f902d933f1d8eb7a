//! A bench page for the map canvas alone: the sigma.js demo graph (2,085
//! actors, 5,409 links, positions from the file) in a full-window
//! `MapCanvas`, so frame times can be measured in a real browser on the
//! same data as sigma.js. Query: `?dark=1`, `?lang=en`, `?year=1`
//! (hollow undated actors), `?select=<index>`.
//!
//! Build: `cargo build --profile web --example canvas_bench --target wasm32-unknown-unknown`,
//! then `wasm-bindgen --target web --out-dir <dir>/pkg target/wasm32-unknown-unknown/web/examples/canvas_bench.wasm`
//! and serve `<dir>` with a page importing `./pkg/canvas_bench.js`: `scripts/canvas-bench.sh` does
//! all of it and prints frame times.

#[cfg(target_arch = "wasm32")]
mod app {
    use std::rc::Rc;

    use civicmap::model::view::state::Lang;
    use civicmap::render::MapCanvas;
    use yew::prelude::*;

    const DATA: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/datasets/sigma-demo-wikipedia-dataviz.json"
    ));

    fn query(name: &str) -> Option<String> {
        let search = web_sys::window()?.location().search().ok()?;
        let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
        params.get(name)
    }

    #[function_component(Bench)]
    fn bench() -> Html {
        let data = use_memo((), |_| {
            let ds = civicmap::model::fixtures::sigma_with_positions(DATA);
            let g = civicmap::model::network::graph::Graph::new(&ds);
            let vis = civicmap::model::network::filter::visible(
                &ds,
                &g,
                &civicmap::model::network::filter::Filter::default(),
            );
            (Rc::new(ds), Rc::new(g), Rc::new(vis))
        });
        let initial = query("select").and_then(|s| s.parse::<usize>().ok());
        let selected = use_state(move || initial);
        let on_select = {
            let selected = selected.clone();
            Callback::from(move |s: Option<usize>| selected.set(s))
        };
        let on_ready = Callback::from(|_: ()| {
            if let Some(w) = web_sys::window() {
                if let Some(p) = w.performance() {
                    let _ = p.mark("civicmap:ready");
                }
                if let Some(b) = w.document().and_then(|d| d.body()) {
                    let _ = b.set_attribute("data-ready", "1");
                }
            }
        });
        let dark = query("dark").is_some();
        let lang = if query("lang").as_deref() == Some("en") {
            Lang::En
        } else {
            Lang::Fr
        };
        let (ds, g, vis) = (*data).clone();
        let label = format!("{} actors, {} links", vis.actor_count, vis.link_count);
        html! {
            <div style="position:fixed;inset:0">
                <MapCanvas dataset={ds} graph={g} visible={vis} selected={*selected}
                    highlighted={Rc::new(Vec::new())} year_active={query("year").is_some()}
                    {dark} {lang} reduced_motion={false} {on_select} {on_ready}
                    label={AttrValue::from(label)} />
            </div>
        }
    }

    pub fn run() {
        console_error_panic_hook::set_once();
        yew::Renderer::<Bench>::new().render();
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    app::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("canvas_bench runs in the browser: see the module documentation.");
}
