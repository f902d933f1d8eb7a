//! The view: the one state and its reducer, the URL codec, and the pure parts
//! of the list, timeline and stakes views.

pub mod export;
pub mod listing;
pub mod stakes;
pub mod state;
pub mod timeline;
pub mod url;
pub mod versions;
