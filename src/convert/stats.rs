//! Summary figures of a dataset, for `civicmap stats` and for anyone who
//! wants to know what a file holds: counts per actor type, objective,
//! ecosystem and link kind, isolated actors, the most connected actors.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::format::dataset::{Dataset, LocalizedText};

/// How many items carry one value of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub id: String,
    /// The taxonomy label in the requested language (the id when there is none).
    pub label: String,
    pub count: usize,
}

/// An actor and its number of links to other actors (both directions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Connected {
    pub id: String,
    pub name: String,
    pub links: usize,
}

/// The figures of a dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub actors: usize,
    pub links: usize,
    pub events: usize,
    pub stakes: usize,
    /// In taxonomy order, then values missing from the taxonomy in the order found.
    pub actor_types: Vec<Count>,
    pub objectives: Vec<Count>,
    pub ecosystems: Vec<Count>,
    pub link_kinds: Vec<Count>,
    /// Ids of the actors that no link touches (a self-link touches its
    /// actor), in dataset order.
    pub isolated: Vec<String>,
    /// The most connected actors, most links first (ties in dataset order);
    /// a self-link adds nothing to an actor's links, and actors without a
    /// link to another actor are not listed.
    pub most_connected: Vec<Connected>,
}

/// Tallies values, keeping the vocabulary's order.
struct Tally {
    order: Vec<(String, String)>,
    counts: HashMap<String, usize>,
}

impl Tally {
    fn new<'t>(
        vocabulary: impl Iterator<Item = (&'t String, Option<&'t LocalizedText>)>,
        lang: &str,
    ) -> Self {
        let mut t = Tally {
            order: Vec::new(),
            counts: HashMap::new(),
        };
        for (id, label) in vocabulary {
            let label = label.map_or(id.as_str(), |l| l.get(lang));
            t.declare(id, label);
        }
        t
    }

    fn declare(&mut self, id: &str, label: &str) {
        if !self.counts.contains_key(id) {
            self.counts.insert(id.to_string(), 0);
            self.order.push((id.to_string(), label.to_string()));
        }
    }

    fn add(&mut self, id: &str) {
        self.declare(id, id);
        if let Some(c) = self.counts.get_mut(id) {
            *c += 1;
        }
    }

    fn finish(self) -> Vec<Count> {
        self.order
            .into_iter()
            .map(|(id, label)| {
                let count = self.counts.get(&id).copied().unwrap_or(0);
                Count { id, label, count }
            })
            .collect()
    }
}

/// Computes the figures of `dataset`, labels in `lang` (else French, else
/// any), with the `top` most connected actors.
///
/// Complexity: O(actors + links).
pub fn stats(dataset: &Dataset, lang: &str, top: usize) -> Stats {
    let tax = &dataset.taxonomy;
    let mut types = Tally::new(
        tax.actor_types.iter().map(|t| (&t.id, t.label.as_ref())),
        lang,
    );
    let mut objectives = Tally::new(
        tax.objectives
            .iter()
            .flatten()
            .map(|t| (&t.id, t.label.as_ref())),
        lang,
    );
    let mut ecosystems = Tally::new(
        tax.ecosystems
            .iter()
            .flatten()
            .map(|t| (&t.id, t.label.as_ref())),
        lang,
    );
    let mut kinds = Tally::new(
        tax.link_kinds
            .iter()
            .flatten()
            .map(|t| (&t.id, t.label.as_ref())),
        lang,
    );
    for a in &dataset.actors {
        types.add(a.actor_type());
        for o in &a.objectives {
            objectives.add(o);
        }
        for e in &a.ecosystems {
            ecosystems.add(e);
        }
    }
    // Degrees as product.md defines them ("Network measures"): a self-link
    // adds nothing to a degree, though it still touches its actor.
    let mut touched: HashSet<&str> = HashSet::new();
    let mut degree: HashMap<&str, usize> = HashMap::new();
    for l in &dataset.links {
        kinds.add(l.kind());
        touched.insert(l.source());
        touched.insert(l.target());
        if l.source() != l.target() {
            *degree.entry(l.source()).or_default() += 1;
            *degree.entry(l.target()).or_default() += 1;
        }
    }
    let isolated = dataset
        .actors
        .iter()
        .filter(|a| !touched.contains(a.id()))
        .map(|a| a.id().to_string())
        .collect();
    let mut connected: Vec<Connected> = dataset
        .actors
        .iter()
        .filter_map(|a| {
            degree.get(a.id()).map(|&links| Connected {
                id: a.id().to_string(),
                name: a.name().to_string(),
                links,
            })
        })
        .collect();
    // Stable: ties keep dataset order.
    connected.sort_by_key(|c| std::cmp::Reverse(c.links));
    connected.truncate(top);
    Stats {
        actors: dataset.actors.len(),
        links: dataset.links.len(),
        events: dataset.events.len(),
        stakes: dataset.stakes.len(),
        actor_types: types.finish(),
        objectives: objectives.finish(),
        ecosystems: ecosystems.finish(),
        link_kinds: kinds.finish(),
        isolated,
        most_connected: connected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(json: &str) -> Dataset {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn counts_follow_the_taxonomy_and_list_unknown_values_after() {
        let ds = dataset(
            r#"{"format": "civicmap/1",
            "taxonomy": {"actor_types": [{"id": "association", "label": {"fr": "Association", "en": "Association"}},
                                          {"id": "media", "label": {"fr": "Média", "en": "Media"}}]},
            "actors": [{"id": "a", "name": "A", "type": "association", "objectives": ["information"]},
                       {"id": "b", "name": "B", "type": "association"},
                       {"id": "c", "name": "C", "type": "ufo"},
                       {"id": "d", "name": "D", "type": "association"}],
            "links": [{"source": "a", "target": "b", "kind": "funds"},
                      {"source": "a", "target": "c", "kind": "uses"},
                      {"source": "c", "target": "a", "kind": "uses"}]}"#,
        );
        let s = stats(&ds, "fr", 2);
        assert_eq!((s.actors, s.links, s.events, s.stakes), (4, 3, 0, 0));
        let types: Vec<(&str, &str, usize)> = s
            .actor_types
            .iter()
            .map(|c| (c.id.as_str(), c.label.as_str(), c.count))
            .collect();
        assert_eq!(
            types,
            [
                ("association", "Association", 3),
                ("media", "Média", 0),
                ("ufo", "ufo", 1)
            ]
        );
        assert_eq!(s.objectives[0].count, 1);
        let kinds: Vec<usize> = s.link_kinds.iter().map(|c| c.count).collect();
        assert_eq!(kinds, [1, 2]);
        assert_eq!(s.isolated, ["d"]);
        assert_eq!(
            s.most_connected,
            [
                Connected {
                    id: "a".into(),
                    name: "A".into(),
                    links: 3
                },
                Connected {
                    id: "c".into(),
                    name: "C".into(),
                    links: 2
                },
            ]
        );
    }

    #[test]
    fn a_self_link_adds_nothing_to_a_degree() {
        let ds = dataset(
            r#"{"format": "civicmap/1",
            "taxonomy": {"actor_types": [{"id": "association"}]},
            "actors": [{"id": "a", "name": "A", "type": "association"},
                       {"id": "b", "name": "B", "type": "association"},
                       {"id": "c", "name": "C", "type": "association"},
                       {"id": "d", "name": "D", "type": "association"}],
            "links": [{"source": "a", "target": "a", "kind": "funds"},
                      {"source": "a", "target": "b", "kind": "funds"},
                      {"source": "c", "target": "c", "kind": "uses"}]}"#,
        );
        let s = stats(&ds, "en", 10);
        assert_eq!(s.links, 3, "self-links are still links");
        let kinds: Vec<usize> = s.link_kinds.iter().map(|c| c.count).collect();
        assert_eq!(kinds, [2, 1]);
        let connected: Vec<(&str, usize)> = s
            .most_connected
            .iter()
            .map(|c| (c.id.as_str(), c.links))
            .collect();
        assert_eq!(connected, [("a", 1), ("b", 1)]);
        // `c` has only a self-link: it is touched (not isolated) but has no
        // link to another actor.
        assert_eq!(s.isolated, ["d"]);
    }
}
