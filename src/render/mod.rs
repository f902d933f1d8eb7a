//! The map canvas: drawing the graph on a Canvas 2D, the camera, and
//! pointer / keyboard interaction.
//!
//! The pure parts are plain Rust, tested natively: [`camera`] (pan, zoom
//! around a point, fit, flights), [`shape`] (node shapes as geometry),
//! [`style`] (theme palettes, dash patterns), [`scene`] (what a dataset looks
//! like, computed once), [`spatial`] (hit testing grid, keyboard
//! navigation), [`labels`] (non-overlapping label placement), [`gestures`]
//! (which gestures embed mode leaves to the host page). The [`engine`]
//! holds what changes from frame to frame and draws through a
//! [`surface::Surface`] (`draw` turns a frame into its calls), so it is
//! tested natively on a recording surface; [`input`] handles pointer,
//! wheel and keyboard events, [`scheduler`] the animation loop and its
//! frame budget, and `canvas` is the Yew component [`MapCanvas`].

pub mod camera;
pub mod canvas;
pub mod css;
pub mod draw;
pub mod engine;
pub mod figure;
pub mod gestures;
pub mod input;
pub mod labels;
pub mod scene;
pub mod scheduler;
pub mod shape;
pub mod spatial;
pub mod style;
pub mod surface;
pub mod svg;
#[cfg(test)]
mod tests;

pub use canvas::{MapCanvas, MapCanvasProps};
