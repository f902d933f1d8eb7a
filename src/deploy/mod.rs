//! Deployment concerns, pure like the model: the site's configuration
//! (`civicmap.config.json`), the security headers derived from it, the
//! "suggest a correction" address, the embed
//! snippet, and the `postMessage` protocol with the host page.

pub mod config;
pub mod corrections;
pub mod headers;
pub mod message;
pub mod snippet;
