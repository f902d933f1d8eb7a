//! [`use_measures`]: the network measures of the visible graph in the
//! browser, recomputed when the visible set changes, without freezing the
//! page.
//!
//! Degree is cheap (one pass over the visible links) and is the default
//! size: it is computed at once, on the render that shows the new visible
//! set. Betweenness, closeness, PageRank and the communities take O(n·m)
//! (about 3 s of work on 10,000 actors here): on a big graph they are
//! shared, a half each, between two Web Workers (`crate::work`) or, with
//! two cores, between one worker and the page; on a small one (the worker
//! would take longer to start), or when no worker can start or it fails,
//! they run here. On the page they run as a [`MeasureJob`] in slices of
//! about [`SLICE_MS`] ms, each in its own task (posted through a
//! `MessageChannel`, which unlike a `setTimeout(0)` chain is not clamped to
//! 4 ms), so input and frames are handled between slices. The numbers are
//! the same either way, bit for bit.
//! They run only when something shows them (`need`): a size or colour that
//! uses them, the list's community column, the analysis view. A new visible
//! set drops the running job and starts another one.
//!
//! The result is shared through [`MeasuresContext`] (the map, the legends,
//! the list and the analysis view read it).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::store::Frozen;
use crate::model::network::filter::Visible;
use crate::model::network::graph::Graph;
use crate::model::network::metrics::{degree, Half, MeasureGraph, MeasureJob, Measures, Progress};
use crate::work::client;

/// How long one slice of the job runs (ms): well under the 50 ms of a
/// "long task", so a click or a frame waits at most that long.
pub const SLICE_MS: f64 = 12.0;
/// Work units between two readings of the clock (about 0.1 ms of work).
const SLICE_BUDGET: u64 = 40_000;

/// The measures of the visible graph that the map shows.
#[derive(Debug, Clone)]
pub struct VisibleMeasures {
    /// The visible set these measures are of.
    pub visible: Rc<Visible>,
    /// The visible graph (node ↔ actor).
    pub graph: Rc<MeasureGraph>,
    /// Degree on the visible graph, by node: always there.
    pub degree: Rc<Vec<usize>>,
    /// Every measure, once computed for this visible set.
    pub full: Option<Rc<Measures>>,
    /// The job for this visible set is running.
    pub computing: bool,
}

impl PartialEq for VisibleMeasures {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.graph, &o.graph)
            && self.computing == o.computing
            && match (&self.full, &o.full) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

/// The measures as a context for any component under the app root: read
/// them with [`use_visible_measures`].
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuresContext(pub Rc<VisibleMeasures>);

/// The measures of the visible graph; `None` outside a loaded map.
#[hook]
pub fn use_visible_measures() -> Option<Rc<VisibleMeasures>> {
    use_context::<MeasuresContext>().map(|c| c.0)
}

/// The visible graph and its degrees.
type Base = (Rc<MeasureGraph>, Rc<Vec<usize>>);
/// The slice handler, kept alive while the job runs.
type Handler = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// What [`MeasuresJob`] computes: the visible graph, whether to (the
/// measures are needed and not there yet), and where they go.
#[derive(Properties, Clone, PartialEq)]
pub struct JobProps {
    pub graph: Option<Frozen<MeasureGraph>>,
    pub go: bool,
    pub done: Callback<(Rc<MeasureGraph>, Rc<Measures>)>,
}

/// The measures of `visible` on `graph` (see the module doc); `need` asks
/// for the whole set of measures, not only degree. The job itself runs in
/// the [`MeasuresJob`] the caller renders with the returned props.
#[hook]
pub fn use_measures(
    graph: Option<Frozen<Graph>>,
    visible: Rc<Visible>,
    need: bool,
) -> (Option<Rc<VisibleMeasures>>, JobProps) {
    // The visible graph and its degrees: synchronous, once per visible set.
    let base: Rc<Option<Base>> = use_memo((graph.clone(), Frozen(visible.clone())), |(g, vis)| {
        g.as_ref().map(|g| {
            let mg = MeasureGraph::visible(g, &vis.0);
            let d = degree(&mg);
            (Rc::new(mg), Rc::new(d))
        })
    });
    // The last full result, with the graph it is of.
    let done = use_state(|| None::<(Rc<MeasureGraph>, Rc<Measures>)>);
    let mg = (*base).as_ref().map(|(mg, _)| mg.clone());
    let have = (*done)
        .as_ref()
        .zip(mg.as_ref())
        .is_some_and(|((d, _), g)| Rc::ptr_eq(d, g));
    let job = JobProps {
        graph: mg.map(Frozen),
        go: need && !have,
        done: {
            let done = done.clone();
            use_callback((), move |m, ()| done.set(Some(m)))
        },
    };
    let Some((mg, deg)) = (*base).clone() else {
        return (None, job);
    };
    let full = (*done)
        .as_ref()
        .filter(|(g, _)| Rc::ptr_eq(g, &mg))
        .map(|(_, m)| m.clone());
    let measures = Rc::new(VisibleMeasures {
        visible,
        graph: mg,
        degree: deg,
        full,
        computing: job.go,
    });
    (Some(measures), job)
}

/// Runs the measures job of [`use_measures`] (renders nothing). A component
/// of its own, mounted with the map: its effect then runs with the map's
/// first ones, before the first frame. The app root's own effects run only
/// after Yew yields to the browser, which on a big map is after the first
/// frame and its paint (about 250 ms later on 10,000 actors here).
#[function_component]
pub fn MeasuresJob(props: &JobProps) -> Html {
    let done = props.done.clone();
    use_effect_with(
        (props.graph.clone(), props.go),
        move |(mg, go): &(Option<Frozen<MeasureGraph>>, bool)| {
            let cancel = Rc::new(Cell::new(false));
            let mut worker = None;
            if let (Some(mg), true) = (mg.clone(), *go) {
                let finished = {
                    let cancel = cancel.clone();
                    let graph = mg.0.clone();
                    move |m: Measures| {
                        if !cancel.get() {
                            done.emit((graph, Rc::new(m)));
                        }
                    }
                };
                let finished = Rc::new(RefCell::new(Some(finished)));
                // Once: from the worker, or from the slices here.
                let finish = move |m: Measures| {
                    let f = finished.borrow_mut().take();
                    if let Some(f) = f {
                        f(m);
                    }
                };
                // The page's share of a job split with a worker stops
                // when the page takes the whole job over.
                let whole = Rc::new(Cell::new(false));
                let here = {
                    let (graph, cancel, finish) = (mg.0.clone(), cancel.clone(), finish.clone());
                    let whole = whole.clone();
                    move || {
                        whole.set(true);
                        let job = move || MeasureJob::new((*graph).clone());
                        let stop = move || cancel.get();
                        run_sliced(false, job, stop, MeasureJob::finish, finish);
                    }
                };
                if client::measures_worth_a_worker(&mg.0) {
                    let page_half: client::PageHalf = {
                        let (graph, cancel) = (mg.0.clone(), cancel.clone());
                        Box::new(move |done| {
                            let job = move || MeasureJob::half((*graph).clone(), Half::Second);
                            let stop = move || cancel.get() || whole.get();
                            run_sliced(true, job, stop, MeasureJob::finish_half, done);
                        })
                    };
                    worker = client::measures_away(&mg.0, finish, here.clone(), page_half);
                }
                if worker.is_none() {
                    here();
                }
            }
            move || {
                cancel.set(true);
                drop(worker);
            }
        },
    );
    html! {}
}

/// Runs the job `make` makes one slice per task until it is done (then
/// `finished` gets what `finish` makes of it) or `cancelled()`. Starts once
/// the code loaded after ready is there and, for the page's half of a big
/// job (`after_ready`), the page is ready
/// ([`super::browser::when_code_loaded`]): a small job's few slices may
/// run before, so that a list or an embed's height has its columns at once.
fn run_sliced<T: 'static>(
    after_ready: bool,
    make: impl FnOnce() -> MeasureJob + 'static,
    cancelled: impl Fn() -> bool + 'static,
    finish: fn(MeasureJob) -> T,
    finished: impl FnOnce(T) + 'static,
) {
    super::browser::when_code_loaded(after_ready, move || {
        if !cancelled() {
            slices(make(), cancelled, finish, finished);
        }
    });
}

/// [`run_sliced`]'s slices.
fn slices<T: 'static>(
    job: MeasureJob,
    cancelled: impl Fn() -> bool + 'static,
    finish: fn(MeasureJob) -> T,
    finished: impl FnOnce(T) + 'static,
) {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        // No channel (never in a browser that runs the map): one go.
        finished(finish(job));
        return;
    };
    let job = RefCell::new(Some(job));
    let finished = RefCell::new(Some(finished));
    let port = channel.port2();
    let handler: Handler = Rc::new(RefCell::new(None));
    let h2 = handler.clone();
    let channel2 = channel.clone();
    let closure = Closure::<dyn FnMut()>::new(move || {
        let stop = |h: &Handler| {
            channel2.port1().set_onmessage(None);
            // The closure cannot drop itself while it runs: a later task does.
            if let Some(c) = h.borrow_mut().take() {
                super::browser::after(0, move || drop(c));
            }
        };
        if cancelled() {
            stop(&h2);
            return;
        }
        let mut slot = job.borrow_mut();
        let Some(j) = slot.as_mut() else { return };
        let mut clock = super::browser::now;
        if j.run_for(&mut clock, SLICE_MS, SLICE_BUDGET) == Progress::Done {
            let job = slot.take();
            drop(slot);
            stop(&h2);
            if let (Some(f), Some(job)) = (finished.borrow_mut().take(), job) {
                f(finish(job));
            }
        } else {
            let _ = port.post_message(&wasm_bindgen::JsValue::NULL);
        }
    });
    channel
        .port1()
        .set_onmessage(Some(closure.as_ref().unchecked_ref()));
    *handler.borrow_mut() = Some(closure);
    let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
}
