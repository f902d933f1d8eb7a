// The sigma.js baseline for scripts/bench.sh: the same graph, drawn by the
// newest sigma + graphology in the same browser, with the same "ready" mark
// (performance.mark("civicmap:ready") after the first rendered frame), so the
// benchmark measures both pages the same way. Bundled with esbuild at bench time.
//
// `?data=<graphology serialization>`: nodes with x/y are drawn where they are;
// without (or with `layout=fa2`), they start at seeded random places and
// graphology-layout-forceatlas2 runs 100 iterations (its inferred settings,
// Barnes-Hut above 1,000 nodes) before the first frame, as the sigma.js demos do.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';

const params = new URLSearchParams(location.search);
const response = await fetch(params.get('data') ?? 'demo.positions.graphology.json');
const data = await response.json();
performance.mark('bench:data');

const graph = new Graph({ type: 'mixed', multi: false, allowSelfLoops: true });
graph.import(data);
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
let laidOut = false;
graph.forEachNode((key, attrs) => {
  if (!Number.isFinite(attrs.x) || !Number.isFinite(attrs.y)) laidOut = true;
});
if (laidOut || params.get('layout') === 'fa2') {
  graph.forEachNode((key) => graph.mergeNodeAttributes(key, { x: random() * 1000, y: random() * 1000 }));
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 1000 };
  forceAtlas2.assign(graph, { iterations: 100, settings });
  performance.mark('bench:layout');
}
graph.forEachNode((key, attrs) => {
  if (!Number.isFinite(attrs.size)) graph.setNodeAttribute(key, 'size', 3);
  if (!attrs.color) graph.setNodeAttribute(key, 'color', '#4b94db');
});

const container = document.getElementById('sigma-container');
const renderer = new Sigma(graph, container);
// Sigma renders synchronously in its constructor (refresh()); the next animation
// frame is the first one the visitor sees complete.
requestAnimationFrame(() => performance.mark('civicmap:ready'));
window.sigmaRenderer = renderer;
/** Final positions, for the layout-quality figures: `[[key, x, y], …]`. */
window.benchPositions = () => graph.mapNodes((key, a) => [key, a.x, a.y]);
