//! The page's side of [`super`]: one Web Worker per job, started only when
//! a job is big enough to be worth it ([`layout_away`], [`measures_away`]),
//! terminated when its [`Job`] is dropped.
//!
//! A page without the worker's files (no `<meta name="civicmap-worker">`),
//! a browser that refuses to start it, or a worker that fails (its files
//! cannot be fetched, its wasm traps) is not an error the visitor sees: the
//! job's owner is told ([`Job::failed`], or the `failed` callback) and does
//! the work on the page's thread, as it would for a small job.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::wire::{from_js, to_js, Reply, Request};
use crate::model::format::dataset::Dataset;
use crate::model::format::dataset::Position;
use crate::model::network::graph::Graph;
use crate::model::network::layout::LayoutInput;
use crate::model::network::metrics::{join, Half, HalfMeasures, MeasureGraph, Measures};
use crate::render::engine::AWAY_LAYOUT_WORK;
use crate::render::surface::AwayLayout;

/// The address of the worker's loader, as the build names it in the page.
fn loader_url() -> Option<String> {
    let meta = web_sys::window()?
        .document()?
        .query_selector("meta[name=civicmap-worker]")
        .ok()??;
    let url = meta.get_attribute("content")?;
    // Only a file beside the page (the build writes `civicmap-worker-…js`).
    let plain = url.starts_with("civicmap-worker-")
        && url.ends_with(".js")
        && url
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    plain.then_some(url)
}

/// One worker doing one job; dropping it terminates the worker.
pub struct Job {
    worker: Worker,
    started: Rc<Cell<bool>>,
    failed: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl Job {
    /// Starts a worker and sends it `request` at once (its loader keeps it
    /// until the wasm is ready); `on_reply` receives its answers, `on_fail`
    /// is called once if the worker fails. `None` when no worker can be
    /// started here.
    pub fn start(
        request: Request,
        mut on_reply: impl FnMut(Reply) + 'static,
        on_fail: impl FnOnce() + 'static,
    ) -> Option<Job> {
        // A module worker: Chromium fetches its scripts off the page's
        // thread, busy building the view while the layout starts.
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&loader_url()?, &options).ok()?;
        let started = Rc::new(Cell::new(false));
        let failed = Rc::new(Cell::new(false));
        let on_fail = Rc::new(RefCell::new(Some(on_fail)));
        let fail = {
            let failed = failed.clone();
            move || {
                failed.set(true);
                let f = on_fail.borrow_mut().take();
                if let Some(f) = f {
                    f();
                }
            }
        };
        let on_message = {
            let fail = fail.clone();
            let started = started.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                match from_js(&e.data()).as_ref().and_then(Reply::decode) {
                    Some(Reply::Started) => started.set(true),
                    Some(reply) => on_reply(reply),
                    None => fail(),
                }
            })
        };
        let on_error = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            // The page does the work itself: not an error for the console.
            e.prevent_default();
            fail();
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        let job = Job {
            worker,
            started,
            failed,
            _on_message: on_message,
            _on_error: on_error,
        };
        // A request that cannot be sent ends the job (dropping it
        // terminates the worker).
        let (message, transfer) = to_js(&request.encode());
        job.worker
            .post_message_with_transfer(&message, &transfer)
            .ok()?;
        Some(job)
    }

    /// Whether the worker's wasm runs (or it failed: nothing to wait for).
    pub fn started(&self) -> bool {
        self.started.get() || self.failed.get()
    }

    /// Whether the worker failed.
    pub fn failed(&self) -> bool {
        self.failed.get()
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.set_onmessageerror(None);
        self.worker.terminate();
    }
}

/// The positions a layout worker sent.
#[derive(Default)]
struct Arrivals {
    latest: Option<Vec<Position>>,
    settled: bool,
}

/// A layout in a worker, as the map's engine polls it.
pub struct LayoutJob {
    job: Job,
    arrivals: Rc<RefCell<Arrivals>>,
}

impl AwayLayout for LayoutJob {
    fn take(&mut self) -> Option<Vec<Position>> {
        self.arrivals.borrow_mut().latest.take()
    }
    fn settled(&self) -> bool {
        self.arrivals.borrow().settled
    }
    fn failed(&self) -> bool {
        self.job.failed()
    }
}

thread_local! {
    /// A layout started as soon as its dataset was read ([`prestart_layout`]),
    /// with its input, until the map asks for it.
    static EARLY: RefCell<Option<(LayoutInput, LayoutJob)>> = const { RefCell::new(None) };
}

/// The longest the page waits for an early layout's worker to start
/// ([`prestart_layout`]), in ms.
pub const START_WAIT_MS: f64 = 150.0;

/// Starts the layout of a dataset (from `graph`, the one graph the loader
/// builds for the whole app) the moment it is read, before the page
/// builds its view (the map asks for it later, [`layout_away`]), when it is
/// big enough for a worker; then waits, at most [`START_WAIT_MS`], for the
/// worker to start. Chromium starts a worker only with the help of the
/// page's thread, which is about to be busy building the view for a few
/// hundred milliseconds: the short wait lets the layout run meanwhile. A
/// new dataset drops the previous one's.
pub async fn prestart_layout(ds: &Dataset, graph: &Graph) {
    let early = (!ds.actors.iter().all(|a| a.position.is_some()))
        .then(|| LayoutInput::of(ds, graph))
        .filter(|input| input.work() > AWAY_LAYOUT_WORK)
        .and_then(|input| start_layout(&input).map(|job| (input, job)));
    let waiting = early.is_some();
    EARLY.with(|e| *e.borrow_mut() = early);
    if !waiting {
        return;
    }
    let t0 = crate::ui::browser::now();
    loop {
        let started = EARLY.with(|e| e.borrow().as_ref().is_none_or(|(_, j)| j.job.started()));
        if started || crate::ui::browser::now() - t0 >= START_WAIT_MS {
            return;
        }
        crate::ui::browser::next_task().await;
    }
}

/// The layout of `input` in a worker, if one can start: the one
/// [`prestart_layout`] started for the same input, else a new one.
pub fn layout_away(input: &LayoutInput) -> Option<Box<dyn AwayLayout>> {
    let early = EARLY.with(|e| e.borrow_mut().take());
    match early {
        Some((sent, job)) if sent == *input => Some(Box::new(job)),
        _ => start_layout(input).map(|j| Box::new(j) as Box<dyn AwayLayout>),
    }
}

fn start_layout(input: &LayoutInput) -> Option<LayoutJob> {
    let arrivals = Rc::new(RefCell::new(Arrivals::default()));
    let into = arrivals.clone();
    let job = Job::start(
        Request::Layout(input.clone()),
        move |reply| {
            if let Reply::Positions { positions, settled } = reply {
                let mut a = into.borrow_mut();
                if !a.settled {
                    a.latest = Some(positions);
                    a.settled = settled;
                }
            }
        },
        || {},
    )?;
    Some(LayoutJob { job, arrivals })
}

/// Measures whose work (one search per node over nodes and arcs) exceeds
/// this are computed in a worker: the default dataset's ~0.1 million
/// units take a few milliseconds on the page.
pub const AWAY_MEASURES_WORK: u64 = 5_000_000;

/// Whether the measures of `g` are worth a worker.
pub fn measures_worth_a_worker(g: &MeasureGraph) -> bool {
    let (n, m) = (g.node_count() as u64, g.edge_count() as u64);
    n.saturating_mul(n + 2 * m) > AWAY_MEASURES_WORK
}

/// Two workers share the measures from this many cores (`navigator.hardwareConcurrency`).
pub const TWO_WORKERS_FROM_CORES: f64 = 3.0;

/// Runs the second half of the measures on the page, in slices, and gives
/// it to the callback (see [`measures_away`]).
pub type PageHalf = Box<dyn FnOnce(Box<dyn FnOnce(HalfMeasures)>)>;

/// The measures of `g` computed away from the page's thread as far as the
/// cores allow: `done` receives them, `failed` is called if a worker fails
/// (with two, both are then ended; the caller then does the whole job and
/// stops `page_half`'s). `None` when no worker can start.
///
/// With three cores or more, two workers share the searches, a half each
/// (`metrics::join` gives the one-worker bits), and a core is left for the
/// page. With two, one worker takes the first half (and PageRank and the
/// communities) and the page the second, in slices between its frames
/// (`page_half`): the 10,000-actor graph's measures then take about 2 s
/// here instead of 3 s in one worker. Two workers on two cores were as fast,
/// but the page's own frames then ran half as fast (a click on "zoom in"
/// took 434 ms instead of 85). The jobs end with the returned handles.
pub fn measures_away(
    g: &Rc<MeasureGraph>,
    done: impl FnOnce(Measures) + 'static,
    failed: impl FnOnce() + 'static,
    page_half: PageHalf,
) -> Option<Vec<Job>> {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    let failed = Rc::new(RefCell::new(Some(failed)));
    // One half failing ends every worker: the page then does the whole job.
    let pair: Rc<RefCell<Vec<Worker>>> = Rc::default();
    let fail = {
        let pair = pair.clone();
        move || {
            for w in pair.borrow().iter() {
                w.terminate();
            }
            let f = failed.borrow_mut().take();
            if let Some(f) = f {
                f();
            }
        }
    };
    let join = joiner(g.clone(), done);
    let start = |half: Half| {
        let join = join.clone();
        Job::start(
            Request::Measures {
                nodes: g.node_count(),
                edges: g.edges().collect(),
                half,
            },
            move |reply| {
                if let Reply::Half(h) = reply {
                    join(half, h);
                }
            },
            fail.clone(),
        )
    };
    let jobs = if cores < TWO_WORKERS_FROM_CORES {
        let job = start(Half::First)?;
        page_half(Box::new(move |h| join(Half::Second, h)));
        vec![job]
    } else {
        vec![start(Half::First)?, start(Half::Second)?]
    };
    *pair.borrow_mut() = jobs.iter().map(|j| j.worker.clone()).collect();
    Some(jobs)
}

/// Collects the two halves, in any order, and gives `done` their measures
/// once both are there.
fn joiner(
    g: Rc<MeasureGraph>,
    done: impl FnOnce(Measures) + 'static,
) -> Rc<dyn Fn(Half, HalfMeasures)> {
    let halves: RefCell<[Option<HalfMeasures>; 2]> = RefCell::default();
    let done = RefCell::new(Some(done));
    Rc::new(move |half, h| {
        let both = {
            let mut got = halves.borrow_mut();
            let [first, second] = &mut *got;
            *match half {
                Half::First => first,
                Half::Second => second,
            } = Some(h);
            match &mut *got {
                [a @ Some(_), b @ Some(_)] => a.take().zip(b.take()),
                _ => None,
            }
        };
        if let Some((first, second)) = both {
            let f = done.borrow_mut().take();
            if let (Some(f), Some(m)) = (f, join(&g, first, second)) {
                f(m);
            }
        }
    })
}
