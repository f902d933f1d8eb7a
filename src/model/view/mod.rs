//! The view: the one state and its reducer, the URL codec, what the app
//! derives from them (memoized), and the pure parts of the list, timeline
//! stakes and analysis views.

pub mod analysis;
pub mod derive;
pub mod encoding;
pub mod export;
pub mod listing;
pub mod lookup;
pub mod neighbours;
pub mod stakes;
pub mod state;
pub mod timeline;
pub mod url;
pub mod versions;
