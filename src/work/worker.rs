//! The worker's side of [`super`] (wasm32, inside a Web Worker): answers
//! each request with the same model code the page and the CLI run.
//!
//! - [`Request::Layout`]: the layout's positions are posted every
//!   [`POST_MS`] of work and once settled (the last message).
//! - [`Request::Measures`]: one half of the measures (the page or a second
//!   worker computes the other), one message.
//!
//! The work runs in chunks of [`CHUNK_MS`], each in its own task (posted
//! through a `MessageChannel`): V8 runs a wasm function in its baseline
//! code until it is called again after its optimised code is ready, so a
//! job done in one call (a 10,000-actor layout, betweenness) would run
//! ~1.6× slower from start to end. The page starts one worker per job and
//! terminates it when the job is no longer wanted.

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent};

use super::wire::{from_js, to_js, Reply, Request};
use crate::model::network::layout::Layout;
use crate::model::network::metrics::{MeasureGraph, MeasureJob, Progress};

/// Milliseconds of layout work between two posts of the positions: the
/// page can show the layout moving without spending its time drawing.
pub const POST_MS: f64 = 100.0;
/// Milliseconds of work in one task.
pub const CHUNK_MS: f64 = 25.0;
/// Layout work units between two looks at the clock.
const LAYOUT_SLICE: usize = 256;
/// Measure work units between two looks at the clock.
const MEASURE_SLICE: u64 = 40_000;

/// The job in progress.
enum Task {
    /// The layout, and when its positions were last posted.
    Layout(Box<Layout>, f64),
    Measures(Box<MeasureJob>),
}

thread_local! {
    static TASK: RefCell<Option<Task>> = const { RefCell::new(None) };
    /// The channel whose message runs the next chunk.
    static NEXT: RefCell<Option<MessageChannel>> = const { RefCell::new(None) };
}

fn scope() -> Option<DedicatedWorkerGlobalScope> {
    js_sys::global().dyn_into().ok()
}

fn post(reply: &Reply) {
    if let Some(scope) = scope() {
        let (message, transfer) = to_js(&reply.encode());
        let _ = scope.post_message_with_transfer(&message, &transfer);
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Starts answering requests (the `civicmap-worker` binary's `main`) and
/// says so ([`Reply::Started`]); the loader (`scripts/name-worker.mjs`)
/// hands over the requests that arrived while the wasm was loading.
pub fn start() {
    let Some(scope) = scope() else { return };
    let Ok(channel) = MessageChannel::new() else {
        return;
    };
    let chunk = Closure::<dyn FnMut()>::new(run_chunk);
    channel
        .port1()
        .set_onmessage(Some(chunk.as_ref().unchecked_ref()));
    chunk.forget();
    NEXT.with(|n| *n.borrow_mut() = Some(channel));
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
        let task = match from_js(&e.data()).as_ref().and_then(Request::decode) {
            Some(Request::Layout(input)) => {
                Task::Layout(Box::new(Layout::from_input(input)), now())
            }
            Some(Request::Measures { nodes, edges, half }) => {
                let g = MeasureGraph::from_edges(nodes, &edges);
                Task::Measures(Box::new(MeasureJob::half(g, half)))
            }
            None => return,
        };
        TASK.with(|t| *t.borrow_mut() = Some(task));
        schedule();
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // Both handlers live as long as the worker.
    handler.forget();
    post(&Reply::Started);
}

fn schedule() {
    NEXT.with(|n| {
        if let Some(c) = n.borrow().as_ref() {
            let _ = c.port2().post_message(&JsValue::NULL);
        }
    });
}

/// One chunk of the job; schedules the next one unless it is done.
fn run_chunk() {
    let Some(mut task) = TASK.with(|t| t.borrow_mut().take()) else {
        return;
    };
    let t0 = now();
    let done = match &mut task {
        Task::Layout(layout, posted) => loop {
            let settled = layout.advance(LAYOUT_SLICE);
            let t = now();
            if settled || t - *posted >= POST_MS {
                *posted = t;
                post(&Reply::Positions {
                    positions: layout.positions.clone(),
                    settled,
                });
            }
            if settled || t - t0 >= CHUNK_MS {
                break settled;
            }
        },
        Task::Measures(job) => {
            let mut clock = now;
            let done = job.run_for(&mut clock, CHUNK_MS, MEASURE_SLICE) == Progress::Done;
            if done {
                if let Some(h) = job.half_result() {
                    post(&Reply::Half(h.clone()));
                }
            }
            done
        }
    };
    if !done {
        TASK.with(|t| *t.borrow_mut() = Some(task));
        schedule();
    }
}
