//! The messages between the page and its Web Worker ([`super`]): each is a
//! [`Packet`] — a kind and two flat arrays of numbers, sent as a
//! `Uint32Array` and a `Float64Array` whose buffers are transferred, not
//! copied. [`Request`] goes to the worker, [`Reply`] comes back; `decode`
//! refuses a packet whose lengths do not add up (never a panic).

use js_sys::{Array, Float64Array, Object, Reflect, Uint32Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::model::format::dataset::Position;
use crate::model::network::layout::LayoutInput;
use crate::model::network::metrics::{Communities, Half, HalfMeasures};

/// A message as numbers: what crosses the thread boundary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Packet {
    pub kind: u32,
    pub ints: Vec<u32>,
    pub floats: Vec<f64>,
}

const LAYOUT: u32 = 1;
const MEASURES: u32 = 2;
const STARTED: u32 = 10;
const POSITIONS: u32 = 11;
const HALF_MEASURED: u32 = 13;

/// A job for the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Lay these actors out; the worker answers with [`Reply::Positions`]
    /// as the layout goes, the last one settled.
    Layout(LayoutInput),
    /// Measure one half of the graph on `nodes` nodes with these edges
    /// (`MeasureGraph::from_edges`); the answer is [`Reply::Half`]. The
    /// page or another worker computes the other half.
    Measures {
        nodes: usize,
        edges: Vec<(usize, usize)>,
        half: Half,
    },
}

/// An answer from the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The worker's wasm is running: it takes requests now.
    Started,
    /// The layout's positions, in actor order; `settled` on the last one.
    Positions {
        positions: Vec<Position>,
        settled: bool,
    },
    /// One half of the measures of the graph sent.
    Half(HalfMeasures),
}

fn int(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn pairs(flat: &[u32]) -> Vec<(usize, usize)> {
    flat.as_chunks::<2>()
        .0
        .iter()
        .map(|&[s, t]| (s as usize, t as usize))
        .collect()
}

/// The floats of a measures reply: the modularity, then three lists.
fn floats(modularity: f64, lists: [&[f64]; 3]) -> Vec<f64> {
    let mut out = Vec::with_capacity(1 + lists.iter().map(|l| l.len()).sum::<usize>());
    out.push(modularity);
    for l in lists {
        out.extend_from_slice(l);
    }
    out
}

impl Request {
    /// The request as numbers.
    pub fn encode(&self) -> Packet {
        match self {
            Request::Layout(input) => {
                let n = input.degree.len().min(input.fixed.len());
                let mut ints = Vec::with_capacity(2 + n + 2 * input.edges.len());
                ints.push(int(n));
                ints.push(int(input.links));
                ints.extend(input.degree.iter().take(n).map(|&d| int(d)));
                for &(s, t) in &input.edges {
                    ints.push(int(s));
                    ints.push(int(t));
                }
                let floats = input
                    .fixed
                    .iter()
                    .take(n)
                    .flat_map(|p| match p {
                        Some(p) => [p.x, p.y],
                        None => [f64::NAN, f64::NAN],
                    })
                    .collect();
                Packet {
                    kind: LAYOUT,
                    ints,
                    floats,
                }
            }
            Request::Measures { nodes, edges, half } => {
                let mut ints = Vec::with_capacity(2 + 2 * edges.len());
                ints.push(int(*nodes));
                ints.push(match half {
                    Half::First => 1,
                    Half::Second => 2,
                });
                for &(s, t) in edges {
                    ints.push(int(s));
                    ints.push(int(t));
                }
                Packet {
                    kind: MEASURES,
                    ints,
                    floats: Vec::new(),
                }
            }
        }
    }

    /// The request these numbers stand for, if they are one.
    pub fn decode(p: &Packet) -> Option<Request> {
        match p.kind {
            LAYOUT => {
                let (&n, rest) = p.ints.split_first()?;
                let (&links, rest) = rest.split_first()?;
                let n = n as usize;
                if rest.len() < n || !(rest.len() - n).is_multiple_of(2) || p.floats.len() != 2 * n
                {
                    return None;
                }
                let (degree, edges) = rest.split_at(n);
                let edges = pairs(edges);
                if edges.iter().any(|&(s, t)| s >= n || t >= n) {
                    return None;
                }
                Some(Request::Layout(LayoutInput {
                    degree: degree.iter().map(|&d| d as usize).collect(),
                    fixed: p
                        .floats
                        .as_chunks::<2>()
                        .0
                        .iter()
                        .map(|&[x, y]| {
                            (x.is_finite() && y.is_finite()).then_some(Position { x, y })
                        })
                        .collect(),
                    edges,
                    links: links as usize,
                }))
            }
            MEASURES => {
                let (&n, rest) = p.ints.split_first()?;
                let (&half, rest) = rest.split_first()?;
                let half = match half {
                    1 => Half::First,
                    2 => Half::Second,
                    _ => return None,
                };
                if !rest.len().is_multiple_of(2) || !p.floats.is_empty() {
                    return None;
                }
                Some(Request::Measures {
                    nodes: n as usize,
                    edges: pairs(rest),
                    half,
                })
            }
            _ => None,
        }
    }
}

impl Reply {
    /// The reply as numbers.
    pub fn encode(&self) -> Packet {
        match self {
            Reply::Started => Packet {
                kind: STARTED,
                ..Packet::default()
            },
            Reply::Positions { positions, settled } => Packet {
                kind: POSITIONS,
                ints: vec![u32::from(*settled)],
                floats: positions.iter().flat_map(|p| [p.x, p.y]).collect(),
            },
            Reply::Half(h) => {
                let groups = h.communities.as_ref();
                let mut ints = vec![
                    int(h.sums.len()),
                    int(h.pagerank.len()),
                    u32::from(groups.is_some()),
                    groups.map_or(0, |c| int(c.count)),
                ];
                if let Some(c) = groups {
                    ints.extend(c.membership.iter().map(|&m| int(m)));
                }
                Packet {
                    kind: HALF_MEASURED,
                    ints,
                    floats: floats(
                        groups.map_or(0.0, |c| c.modularity),
                        [&h.sums, &h.closeness, &h.pagerank],
                    ),
                }
            }
        }
    }

    /// The reply these numbers stand for, if they are one.
    pub fn decode(p: &Packet) -> Option<Reply> {
        match p.kind {
            STARTED => Some(Reply::Started),
            POSITIONS => {
                if p.ints.len() != 1 || !p.floats.len().is_multiple_of(2) {
                    return None;
                }
                Some(Reply::Positions {
                    positions: p
                        .floats
                        .as_chunks::<2>()
                        .0
                        .iter()
                        .map(|&[x, y]| Position { x, y })
                        .collect(),
                    settled: p.ints.first() == Some(&1),
                })
            }
            HALF_MEASURED => {
                let [n, ranks, grouped, count] = *p.ints.first_chunk::<4>()?;
                let (n, ranks) = (n as usize, ranks as usize);
                let membership = p.ints.get(4..)?;
                let grouped = grouped == 1;
                if membership.len() != if grouped { n } else { 0 }
                    || p.floats.len() != 1 + 2 * n + ranks
                {
                    return None;
                }
                let (modularity, floats) = p.floats.split_first()?;
                let (sums, rest) = floats.split_at(n);
                let (closeness, pagerank) = rest.split_at(n);
                Some(Reply::Half(HalfMeasures {
                    sums: sums.to_vec(),
                    closeness: closeness.to_vec(),
                    pagerank: pagerank.to_vec(),
                    communities: grouped.then(|| Communities {
                        membership: membership.iter().map(|&c| c as usize).collect(),
                        count: count as usize,
                        modularity: *modularity,
                    }),
                }))
            }
            _ => None,
        }
    }
}

/// The packet as a JS message `{kind, ints, floats}` and the buffers to
/// transfer with it.
pub fn to_js(p: &Packet) -> (JsValue, Array) {
    let ints = Uint32Array::from(p.ints.as_slice());
    let floats = Float64Array::from(p.floats.as_slice());
    let message = Object::new();
    let _ = Reflect::set(&message, &"kind".into(), &JsValue::from(p.kind));
    let _ = Reflect::set(&message, &"ints".into(), &ints);
    let _ = Reflect::set(&message, &"floats".into(), &floats);
    let transfer = Array::of2(&ints.buffer(), &floats.buffer());
    (message.into(), transfer)
}

/// The packet in a JS message, if it is one.
pub fn from_js(v: &JsValue) -> Option<Packet> {
    let field = |name: &str| Reflect::get(v, &JsValue::from_str(name)).ok();
    let kind = field("kind")?.as_f64()?;
    let ints = field("ints")?.dyn_into::<Uint32Array>().ok()?;
    let floats = field("floats")?.dyn_into::<Float64Array>().ok()?;
    Some(Packet {
        kind: kind as u32,
        ints: ints.to_vec(),
        floats: floats.to_vec(),
    })
}

#[cfg(test)]
mod tests;
