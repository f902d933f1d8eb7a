//! The measures of a view as `civicmap metrics` prints them: one row per
//! visible actor in dataset order, as JSON or CSV.

use serde::Serialize;

#[cfg(target_arch = "wasm32")]
use super::measures;
use super::MeasureGraph;
use crate::model::format::dataset::Dataset;
use crate::model::network::filter::Visible;
use crate::model::network::graph::Graph;

/// The measures of one visible actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorMeasures {
    pub id: String,
    pub degree: usize,
    pub betweenness: f64,
    pub closeness: f64,
    pub pagerank: f64,
    /// The actor's community, numbered from 0 in order of first member.
    pub community: usize,
}

/// The measures of a view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub modularity: f64,
    /// The number of communities.
    pub communities: usize,
    /// One entry per visible actor, in dataset order.
    pub actors: Vec<ActorMeasures>,
}

/// The CSV header, the columns of [`Report::to_csv`].
pub const CSV_COLUMNS: [&str; 6] = [
    "id",
    "degree",
    "betweenness",
    "closeness",
    "pagerank",
    "community",
];

/// The measures of the visible graph of a view: what the map sizes and
/// colours by, per actor.
///
/// Complexity: that of [`super::measures`], O(n·m); natively the searches run on
/// all cores ([`super::measures_threaded`], same numbers).
///
/// ```
/// use civicmap::model::format::dataset::Dataset;
/// use civicmap::model::network::{filter, graph::Graph, metrics::report};
///
/// let ds: Dataset = serde_json::from_str(r#"{
///   "format": "civicmap/1", "taxonomy": {"actor_types": [{"id": "org"}]},
///   "actors": [{"id": "a", "name": "A", "type": "org"}, {"id": "b", "name": "B", "type": "org"}],
///   "links": [{"source": "a", "target": "b", "kind": "funds"}]
/// }"#).unwrap();
/// let g = Graph::new(&ds);
/// let r = report(&ds, &g, &filter::visible(&ds, &g, &filter::Filter::default()));
/// assert_eq!(r.actors[1].id, "b");
/// assert_eq!(r.actors[1].degree, 1);
/// assert_eq!(r.to_csv().lines().next(), Some("id,degree,betweenness,closeness,pagerank,community"));
/// ```
pub fn report(ds: &Dataset, g: &Graph, vis: &Visible) -> Report {
    let mg = MeasureGraph::visible(g, vis);
    #[cfg(not(target_arch = "wasm32"))]
    let m = super::measures_threaded(
        &mg,
        std::thread::available_parallelism().map_or(1, |p| p.get()),
    );
    #[cfg(target_arch = "wasm32")]
    let m = measures(&mg);
    let actors = (0..mg.node_count())
        .map(|v| ActorMeasures {
            id: mg
                .actor(v)
                .and_then(|i| ds.actors.get(i))
                .map(|a| a.id().to_string())
                .unwrap_or_default(),
            degree: m.degree.get(v).copied().unwrap_or(0),
            betweenness: m.betweenness.get(v).copied().unwrap_or(0.0),
            closeness: m.closeness.get(v).copied().unwrap_or(0.0),
            pagerank: m.pagerank.get(v).copied().unwrap_or(0.0),
            community: m.communities.membership.get(v).copied().unwrap_or(0),
        })
        .collect();
    Report {
        modularity: m.communities.modularity,
        communities: m.communities.count,
        actors,
    }
}

impl Report {
    /// The report as CSV: a header ([`CSV_COLUMNS`]) and one row per
    /// actor; numbers written in full (shortest round-trip form).
    pub fn to_csv(&self) -> String {
        let mut out = CSV_COLUMNS.join(",");
        out.push('\n');
        for a in &self.actors {
            out.push_str(&csv_field(&a.id));
            out.push_str(&format!(
                ",{},{},{},{},{}\n",
                a.degree, a.betweenness, a.closeness, a.pagerank, a.community
            ));
        }
        out
    }
}

/// A CSV field, quoted when it needs to be (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
