//! Work off the page's thread: the layout of a big map and the network
//! measures run in a Web Worker, so the page keeps answering while they run.
//!
//! - [`wire`]: the messages between the page and the worker, as flat arrays
//!   of numbers (pure; tested natively);
//! - [`client`]: the page's side — starts the worker (only when a job
//!   needs it), sends the job, hands the answers to the map and the
//!   measures, terminates the worker when its job is no longer wanted, and
//!   reports a worker that cannot start or fails so the page does the work
//!   itself;
//! - [`worker`]: the worker's side (`src/worker.rs`, the `civicmap-worker`
//!   binary, is its entry point): it runs the same model code
//!   (`Layout`, `measures`), so its numbers are the page's, bit for bit.
//!
//! The worker's files are built by Trunk (`data-type="worker"` in
//! `index.html`) and given content-hashed names by `scripts/name-worker.mjs`,
//! which writes the loader and names it in `<meta name="civicmap-worker">`.

pub mod client;
pub mod wire;
pub mod worker;
