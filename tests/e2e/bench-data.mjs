// The benchmark's datasets (run by tests/e2e/bench.mjs, not a test): the same
// graphs for both sides, civicmap/1 for civicmap and graphology's
// serialization for sigma.js, with and without positions.
//
// - the sigma.js demo graph (2,085 nodes), converted by `civicmap import sigma`
//   (bench.sh), with the sigma file's own x/y as `position` matched by page URL;
// - sigma.js's large test graph (10,000 nodes), converted the same way, its
//   x/y matched by key;
// - a generated graph (default 50,000 actors / 200,000 links, clusters of 50
//   placed on a grid), with positions, written in both formats;
// - a generated 10,000-actor graph with 5 actor types and positions, for the
//   filter-change figure.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A deterministic generator (64-bit LCG, like benches/layout.rs): `below(k)` in [0, k). */
export function lcg(seed = 42n) {
  let x = BigInt(seed);
  const mask = (1n << 64n) - 1n;
  const below = (k) => {
    x = (x * 6364136223846793005n + 1442695040888963407n) & mask;
    return Number((x >> 33n) % BigInt(k));
  };
  return { below, unit: () => below(1 << 30) / (1 << 30) };
}

/** Positions from `positionOf(actor)` ({x, y} or null) onto a converted dataset; all must match. */
function withPositions(converted, positionOf, what) {
  const ds = structuredClone(converted);
  let placed = 0;
  for (const actor of ds.actors) {
    const p = positionOf(actor);
    if (p && Number.isFinite(p.x) && Number.isFinite(p.y)) {
      actor.position = { x: p.x, y: p.y };
      placed += 1;
    }
  }
  if (placed !== ds.actors.length) throw new Error(`${what}: only ${placed} of ${ds.actors.length} actors matched a node`);
  return ds;
}

/** The sigma demo (`nodes[].URL`, `x`, `y`) → graphology serialization, and its positions by URL. */
function demoToGraphology(sigma, keepPositions) {
  const colors = Object.fromEntries(sigma.clusters.map((c) => [c.key, c.color]));
  const scores = sigma.nodes.map((n) => n.score ?? 0);
  const [min, max] = [Math.min(...scores), Math.max(...scores)];
  const seen = new Set();
  const edges = [];
  const keys = new Set(sigma.nodes.map((n) => n.key));
  for (const [source, target] of sigma.edges) {
    const id = `${source}->${target}`;
    if (keys.has(source) && keys.has(target) && !seen.has(id)) {
      seen.add(id);
      edges.push({ source, target });
    }
  }
  return {
    options: { type: 'directed', multi: false, allowSelfLoops: true },
    attributes: {},
    nodes: sigma.nodes.map((n) => ({
      key: n.key,
      attributes: {
        label: n.label,
        color: colors[n.cluster] ?? '#999999',
        size: 3 + (12 * ((n.score ?? 0) - min)) / (max - min || 1),
        ...(keepPositions ? { x: n.x, y: n.y } : {}),
      },
    })),
    edges,
  };
}

/** A graphology file without its positions. */
function stripPositions(g) {
  return { ...g, nodes: g.nodes.map((n) => ({ key: n.key, attributes: { ...n.attributes, x: undefined, y: undefined } })) };
}

/**
 * A generated civicmap/1 graph of `n` actors and `m` links (a quarter inside
 * clusters of 50), `types` actor types, every actor placed: clusters on a grid,
 * members on a small disc around their cluster's centre.
 */
export function generate(n, m, { types = 1, seed = 42n } = {}) {
  const { below, unit } = lcg(seed);
  const side = Math.ceil(Math.sqrt(Math.ceil(n / 50)));
  const actors = Array.from({ length: n }, (_, i) => {
    const c = Math.floor(i / 50);
    const a = 2 * Math.PI * unit();
    const r = 18 * Math.sqrt(unit());
    return {
      id: `a${i}`,
      name: `Actor ${i}`,
      type: `t${i % types}`,
      position: { x: 60 * (c % side) + r * Math.cos(a), y: 60 * Math.floor(c / side) + r * Math.sin(a) },
    };
  });
  const links = Array.from({ length: m }, (_, l) => {
    const s = below(n);
    const t = Math.min(l % 4 === 0 ? Math.floor(s / 50) * 50 + below(50) : below(n), n - 1);
    return { source: `a${s}`, target: `a${t}`, kind: 'k' };
  });
  return {
    format: 'civicmap/1',
    taxonomy: {
      actor_types: Array.from({ length: types }, (_, i) => ({ id: `t${i}`, label: `Type ${i}` })),
      link_kinds: [{ id: 'k', directed: true }],
    },
    actors,
    links,
  };
}

/** A civicmap/1 dataset with positions → graphology serialization (same nodes, same links). */
export function civicmapToGraphology(ds) {
  const seen = new Set();
  const edges = [];
  for (const l of ds.links) {
    const id = `${l.source}->${l.target}`;
    if (!seen.has(id)) {
      seen.add(id);
      edges.push({ source: l.source, target: l.target });
    }
  }
  return {
    options: { type: 'directed', multi: false, allowSelfLoops: true },
    attributes: {},
    nodes: ds.actors.map((a) => ({
      key: a.id,
      attributes: { label: a.name, x: a.position?.x, y: a.position?.y, size: 2, color: '#4b94db' },
    })),
    edges,
  };
}

/**
 * Writes every benchmark dataset into `dir` (the site's bench/ folder) and
 * returns their names relative to it. `demo` / `large`: the sigma.js files and
 * their conversions by `civicmap import sigma`; `big`: `[actors, links]` of
 * the generated graph, or null to skip it.
 */
export function writeDatasets(dir, { demo, demoConverted, large, largeConverted, big }) {
  const out = {};
  const put = (name, value) => {
    writeFileSync(join(dir, name), JSON.stringify(value));
    out[name] = true;
    return name;
  };
  if (demo && demoConverted) {
    const sigma = JSON.parse(readFileSync(demo, 'utf8'));
    const converted = JSON.parse(readFileSync(demoConverted, 'utf8'));
    const byUrl = new Map(sigma.nodes.map((n) => [n.URL, n]));
    put('demo.civicmap.json', converted);
    put('demo.positions.civicmap.json', withPositions(converted, (a) => byUrl.get(a.website), 'sigma demo'));
    put('demo.graphology.json', demoToGraphology(sigma, false));
    put('demo.positions.graphology.json', demoToGraphology(sigma, true));
  }
  if (large && largeConverted) {
    const graph = JSON.parse(readFileSync(large, 'utf8'));
    const converted = JSON.parse(readFileSync(largeConverted, 'utf8'));
    const byKey = new Map(graph.nodes.map((n) => [String(n.key), n.attributes]));
    put('large.civicmap.json', converted);
    put('large.positions.civicmap.json', withPositions(converted, (a) => byKey.get(a.id), 'sigma large graph'));
    put('large.graphology.json', stripPositions(graph));
    put('large.positions.graphology.json', graph);
  }
  if (big) {
    const [n, m] = big;
    const ds = generate(n, m);
    put(`big.positions.civicmap.json`, ds);
    put(`big.positions.graphology.json`, civicmapToGraphology(ds));
  }
  put('filter.positions.civicmap.json', generate(10_000, 20_000, { types: 5, seed: 7n }));
  return out;
}
