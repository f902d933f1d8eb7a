//! [`MeasureJob`]: the measures computed in slices, so that a page can
//! spread betweenness on 10,000 actors over several frames and stay
//! responsive. The job owns its graph; each [`MeasureJob::step`] does about
//! `budget` units of work (actors reached plus arcs scanned) and returns.
//! Slicing changes nothing in the numbers: the same operations run in the
//! same order as in the one-shot [`super::measures`].

use super::centrality::{add_halves, normalise, split, Brandes, PageRank, BLOCK};
use super::louvain::{louvain, Communities};
use super::{MeasureGraph, Measures};

/// Whether a job has finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Call [`MeasureJob::step`] again.
    Working,
    /// [`MeasureJob::result`] is ready.
    Done,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Breadth-first searches for betweenness and closeness; the first
    /// source of the next block.
    Paths(usize),
    Rank,
    Groups,
    Done,
}

/// One of the two halves of the breadth-first searches (betweenness sums
/// its sources in two halves, [`centrality::split`](super::centrality)),
/// so that two workers can share a job and give the one-job bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    /// The first half of the sources, then PageRank and the communities.
    First,
    /// The second half of the sources only.
    Second,
}

/// What a [`Half`] job gives: the raw betweenness sums of its sources, the
/// closeness of its sources (zero for the others), and for the first half
/// PageRank and the communities. [`join`] makes the measures of two.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HalfMeasures {
    pub sums: Vec<f64>,
    pub closeness: Vec<f64>,
    pub pagerank: Vec<f64>,
    pub communities: Option<Communities>,
}

/// The measures of `graph` from its two halves: the same bits as
/// [`super::measures`]. `None` when the halves do not fit together.
///
/// ```
/// use civicmap::model::network::metrics::{join, measures, Half, MeasureGraph, MeasureJob};
/// let edges: Vec<(usize, usize)> = (0..200).map(|i| (i, (i * 7 + 3) % 200)).collect();
/// let g = MeasureGraph::from_edges(200, &edges);
/// let half = |h| MeasureJob::half(g.clone(), h).finish_half();
/// assert_eq!(join(&g, half(Half::First), half(Half::Second)), Some(measures(&g)));
/// ```
pub fn join(graph: &MeasureGraph, first: HalfMeasures, second: HalfMeasures) -> Option<Measures> {
    let n = graph.node_count();
    let lengths = [
        first.sums.len(),
        first.closeness.len(),
        first.pagerank.len(),
    ];
    if lengths.iter().any(|&l| l != n) || second.sums.len() != n || second.closeness.len() != n {
        return None;
    }
    // Each half's closeness is zero outside its sources: adding them
    // keeps each value's bits.
    let closeness = add_halves(&first.closeness, &second.closeness);
    Some(Measures {
        degree: super::degree(graph),
        betweenness: normalise(&add_halves(&first.sums, &second.sums)),
        closeness,
        pagerank: first.pagerank,
        communities: first.communities?,
    })
}

/// The measures of a graph, computed a slice at a time.
///
/// ```
/// use civicmap::model::network::metrics::{measures, MeasureGraph, MeasureJob, Progress};
/// let g = MeasureGraph::from_edges(5, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)]);
/// let mut job = MeasureJob::new(g.clone());
/// let mut slices = 0;
/// while job.step(10) == Progress::Working {
///     slices += 1; // a browser would yield to the next frame here
/// }
/// assert!(slices > 1);
/// assert_eq!(job.result(), Some(&measures(&g)));
/// ```
#[derive(Debug, Clone)]
pub struct MeasureJob {
    graph: MeasureGraph,
    /// `None`: the whole job; else one half of it.
    half: Option<Half>,
    stage: Stage,
    /// The sources this job searches from stop here.
    end: usize,
    brandes: Brandes,
    /// The first half's raw sums, once the searches reach the second half.
    first: Option<Vec<f64>>,
    rank: PageRank,
    /// Filled when done.
    result: Option<Measures>,
    half_result: Option<HalfMeasures>,
}

impl MeasureJob {
    /// A job for the measures of `graph`; nothing is computed yet.
    ///
    /// Complexity: O(n + m).
    pub fn new(graph: MeasureGraph) -> MeasureJob {
        Self::build(graph, None)
    }

    /// A job for one half of the measures of `graph` (see [`join`]).
    ///
    /// Complexity: O(n + m).
    pub fn half(graph: MeasureGraph, half: Half) -> MeasureJob {
        Self::build(graph, Some(half))
    }

    fn build(graph: MeasureGraph, half: Option<Half>) -> MeasureJob {
        let mut brandes = Brandes::new(&graph);
        let sources = brandes.count();
        let (start, end) = match half {
            None => (0, sources),
            Some(Half::First) => (0, split(sources)),
            Some(Half::Second) => (split(sources), sources),
        };
        if half != Some(Half::Second) {
            brandes.raw = brandes.trees.start();
        }
        let rank = PageRank::new(&graph);
        MeasureJob {
            graph,
            half,
            stage: Stage::Paths(start),
            end,
            brandes,
            first: None,
            rank,
            result: None,
            half_result: None,
        }
    }

    /// The graph being measured.
    pub fn graph(&self) -> &MeasureGraph {
        &self.graph
    }

    /// Does at least one unit of work and about `budget` units at most
    /// (the searches go a level of a block of 64 sources at a time; a block
    /// costs the arcs its levels scan plus the actors reached per source:
    /// on 10,000 actors and 20,000 links about 530,000 units, some 20 ms in
    /// a release build, over some 20 levels).
    ///
    /// Complexity: O(budget + 64·(n + m)) per call; O(n·m) over the whole
    /// job.
    pub fn step(&mut self, budget: u64) -> Progress {
        let mut spent = 0u64;
        let n = self.graph.node_count();
        loop {
            match self.stage {
                Stage::Paths(s) if s < self.end => {
                    if s == split(self.brandes.count())
                        && self.half.is_none()
                        && self.brandes.between_blocks()
                    {
                        // The second half sums from zero (see `join`).
                        self.first = Some(std::mem::replace(&mut self.brandes.raw, vec![0.0; n]));
                    }
                    let (work, ended) = self.brandes.advance(s);
                    spent += work;
                    if ended {
                        self.stage = Stage::Paths(s + BLOCK);
                    }
                }
                Stage::Paths(_) if self.half == Some(Half::Second) => {
                    self.half_result = Some(HalfMeasures {
                        sums: std::mem::take(&mut self.brandes.raw),
                        closeness: std::mem::take(&mut self.brandes.closeness),
                        pagerank: Vec::new(),
                        communities: None,
                    });
                    self.stage = Stage::Done;
                }
                Stage::Paths(_) => self.stage = Stage::Rank,
                Stage::Rank if !self.rank.done => spent += self.rank.iterate(&self.graph),
                Stage::Rank => self.stage = Stage::Groups,
                Stage::Groups => {
                    let communities = louvain(&self.graph);
                    spent += 4 * (n + 2 * self.graph.edge_count()) as u64;
                    let sums = std::mem::take(&mut self.brandes.raw);
                    let closeness = std::mem::take(&mut self.brandes.closeness);
                    let pagerank = std::mem::take(&mut self.rank.rank);
                    if self.half.is_some() {
                        self.half_result = Some(HalfMeasures {
                            sums,
                            closeness,
                            pagerank,
                            communities: Some(communities),
                        });
                    } else {
                        let first = self.first.take().unwrap_or_default();
                        self.result = Some(Measures {
                            degree: super::degree(&self.graph),
                            betweenness: normalise(&add_halves(&first, &sums)),
                            closeness,
                            pagerank,
                            communities,
                        });
                    }
                    self.brandes = Brandes::default();
                    self.stage = Stage::Done;
                }
                Stage::Done => return Progress::Done,
            }
            if spent >= budget {
                return if self.stage == Stage::Done {
                    Progress::Done
                } else {
                    Progress::Working
                };
            }
        }
    }

    /// Runs slices of `budget` units until the job is done or `clock`
    /// (milliseconds) has moved `ms` past its first reading: what a page
    /// does in one timer callback, so the slice's length is a time, not a
    /// guess about the machine's speed. At least one slice runs.
    ///
    /// Complexity: O(budget + n + m) per slice.
    ///
    /// ```
    /// use civicmap::model::network::metrics::{MeasureGraph, MeasureJob, Progress};
    /// let g = MeasureGraph::from_edges(6, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]);
    /// let mut job = MeasureJob::new(g);
    /// // A clock that moves 1 ms per reading: two slices fit in 1 ms.
    /// let mut t = 0.0;
    /// let mut clock = || { t += 1.0; t };
    /// assert_eq!(job.run_for(&mut clock, 1.0, 1), Progress::Working);
    /// while job.run_for(&mut clock, 1.0, 1) == Progress::Working {}
    /// assert!(job.result().is_some());
    /// ```
    pub fn run_for(&mut self, clock: &mut impl FnMut() -> f64, ms: f64, budget: u64) -> Progress {
        let start = clock();
        loop {
            if self.step(budget) == Progress::Done {
                return Progress::Done;
            }
            let now = clock();
            // A clock that jumps back or is not a number ends the slice.
            if (now - start).partial_cmp(&ms) != Some(std::cmp::Ordering::Less) {
                return Progress::Working;
            }
        }
    }

    /// How far the job is, from 0 to 1 (the searches are most of the work).
    pub fn fraction(&self) -> f64 {
        let n = self.brandes.count().max(1) as f64;
        match self.stage {
            Stage::Paths(s) => 0.9 * (s as f64).min(n) / n,
            Stage::Rank => 0.9,
            Stage::Groups => 0.95,
            Stage::Done => 1.0,
        }
    }

    /// The measures, once [`Progress::Done`].
    pub fn result(&self) -> Option<&Measures> {
        self.result.as_ref()
    }

    /// Runs the job to the end and returns the measures.
    ///
    /// Complexity: O(n·m).
    pub fn finish(mut self) -> Measures {
        while self.step(u64::MAX) == Progress::Working {}
        self.result.unwrap_or_default()
    }

    /// What a [`Half`] job gives, once [`Progress::Done`].
    pub fn half_result(&self) -> Option<&HalfMeasures> {
        self.half_result.as_ref()
    }

    /// Runs a [`Half`] job to the end and returns what it gives.
    ///
    /// Complexity: O(n·m).
    pub fn finish_half(mut self) -> HalfMeasures {
        while self.step(u64::MAX) == Progress::Working {}
        self.half_result.unwrap_or_default()
    }
}
