// The sigma.js baseline for scripts/bench.sh: the same sigma demo graph, drawn
// by sigma + graphology in the same browser, with the same "ready" mark
// (performance.mark("civicmap:ready") after the first rendered frame), so the
// benchmark measures both pages the same way. Bundled with esbuild at bench time.
import Graph from 'graphology';
import Sigma from 'sigma';

const params = new URLSearchParams(location.search);
const response = await fetch(params.get('data') ?? 'sigma-demo.json');
const data = await response.json();

const colors = Object.fromEntries(data.clusters.map((c) => [c.key, c.color]));
const scores = data.nodes.map((n) => n.score ?? 0);
const [min, max] = [Math.min(...scores), Math.max(...scores)];
const graph = new Graph();
for (const n of data.nodes) {
  graph.addNode(n.key, {
    x: n.x,
    y: n.y,
    label: n.label,
    color: colors[n.cluster] ?? '#999999',
    size: 3 + (12 * ((n.score ?? 0) - min)) / (max - min || 1),
  });
}
for (const [source, target] of data.edges) {
  if (graph.hasNode(source) && graph.hasNode(target) && !graph.hasEdge(source, target)) {
    graph.addEdge(source, target, { size: 1, color: '#cccccc' });
  }
}

const container = document.getElementById('sigma-container');
const renderer = new Sigma(graph, container);
// Sigma renders synchronously in its constructor (refresh()); the next animation
// frame is the first one the visitor sees complete.
requestAnimationFrame(() => performance.mark('civicmap:ready'));
window.sigmaRenderer = renderer;
