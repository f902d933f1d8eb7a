// The benchmark's statistics, layout-quality figures and docs/performance.md
// (used by tests/e2e/bench.mjs, not a test).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { lcg } from './bench-data.mjs';

export function quantile(xs, q) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
export const median = (xs) => quantile(xs, 0.5);

/**
 * Layout-quality figures that do not depend on the algorithm, from final
 * positions (`Map id → {x, y}`) and the links (`[[source, target], …]`):
 * - `linkRatio`: mean link length over the mean distance between random pairs
 *   (lower = linked actors sit closer than chance);
 * - `neighbourShare`: for each actor with k ≥ 1 graph neighbours, the share of
 *   its k nearest actors on the screen that are graph neighbours, averaged
 *   (higher = the picture shows the neighbourhoods; 1 = perfect).
 */
export function layoutQuality(positions, links) {
  const ids = [...positions.keys()];
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  ids.forEach((id, i) => {
    xs[i] = positions.get(id).x;
    ys[i] = positions.get(id).y;
  });
  const neighbours = Array.from({ length: n }, () => new Set());
  let linkSum = 0;
  let linkCount = 0;
  for (const [s, t] of links) {
    const a = index.get(s);
    const b = index.get(t);
    if (a === undefined || b === undefined || a === b) continue;
    neighbours[a].add(b);
    neighbours[b].add(a);
    linkSum += Math.hypot(xs[a] - xs[b], ys[a] - ys[b]);
    linkCount += 1;
  }
  const { below } = lcg(7n);
  let pairSum = 0;
  const pairs = 20_000;
  for (let p = 0; p < pairs; p += 1) {
    const a = below(n);
    const b = below(n);
    pairSum += Math.hypot(xs[a] - xs[b], ys[a] - ys[b]);
  }
  // k nearest by brute force on a sample of at most 2,000 actors (all of a small graph).
  const step = Math.max(1, Math.floor(n / 2000));
  const dist = new Float64Array(n);
  let shareSum = 0;
  let shareCount = 0;
  for (let i = 0; i < n; i += step) {
    const k = neighbours[i].size;
    if (k === 0) continue;
    for (let j = 0; j < n; j += 1) dist[j] = (xs[j] - xs[i]) ** 2 + (ys[j] - ys[i]) ** 2;
    dist[i] = Infinity;
    const nearest = [...dist.keys()].sort((a, b) => dist[a] - dist[b]).slice(0, k);
    shareSum += nearest.filter((j) => neighbours[i].has(j)).length / k;
    shareCount += 1;
  }
  return {
    linkRatio: linkCount ? linkSum / linkCount / (pairSum / pairs) : NaN,
    neighbourShare: shareCount ? shareSum / shareCount : NaN,
  };
}

const num = (x, digits = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const ms = (x) => (Number.isFinite(x) ? `${num(x)} ms` : '—');
const kb = (x) => (Number.isFinite(x) ? `${num(x / 1000, 1)} KB` : '—');
const mb = (x) => (Number.isFinite(x) ? `${num(x / 1e6)} MB` : '—');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');

/** The rows of one dataset's table: [figure, civicmap, sigma.js, ratio, target]. */
function datasetRows(r) {
  const rows = [];
  const both = (label, key, fmt, target = '', withRatio = true) => {
    const [a, b] = [r.civicmap?.[key], r.sigma?.[key]];
    if (!Number.isFinite(a) && !Number.isFinite(b)) return;
    rows.push([label, fmt(a), fmt(b), withRatio ? ratio(a, b) : '', target]);
  };
  both('ready, desktop (median)', 'readyDesktop', ms, r.targets?.readyDesktop ?? '');
  both('ready, phone profile (median)', 'readyPhone', ms, r.targets?.readyPhone ?? '');
  both('code transferred before ready (wasm + js + css, brotli)', 'codeBytes', kb, r.targets?.codeBytes ?? '');
  both('  of which wasm', 'wasmBytes', kb);
  both('code loaded after ready (the wasm\'s second half and the whole stylesheet, brotli)', 'laterBytes', kb, '', false);
  both('dataset arrival → ready, desktop (median)', 'gapDesktop', ms, r.targets?.gapDesktop ?? '');
  both('dataset arrival → ready, phone (median)', 'gapPhone', ms);
  both('frame p95 while zooming and panning, desktop', 'frameP95', ms, r.targets?.frameP95 ?? '');
  both('frame median while zooming and panning', 'frameMedian', ms);
  both('frame p95 during load and layout (rAF gaps)', 'loadFrameP95', ms, r.targets?.loadFrameP95 ?? '');
  both('frame p95 while the layout runs (from its first slice to ready)', 'layoutFrameP95', ms, r.targets?.layoutFrameP95 ?? '');
  both('longest frame during load and layout (rAF gap)', 'loadFrameMax', ms);
  both('longest task before ready (Long Tasks API: the page cannot react meanwhile)', 'longTask', ms);
  both('tab memory after load (renderer RSS)', 'rss', mb, r.targets?.rss ?? '');
  both('JS heap + wasm memory after load', 'heap', mb);
  both('filter change → next frame with the new set', 'filterMs', ms, r.targets?.filterMs ?? '');
  both('layout quality: mean link length / mean random-pair distance (lower is better)', 'linkRatio', (x) => num(x, 3));
  both('layout quality: share of k nearest on screen that are graph neighbours (higher is better)', 'neighbourShare', (x) => num(x, 3));
  both('runs (loads per profile)', 'runs', (x) => num(x), '', false);
  return rows;
}

/** The generated part of docs/performance.md. */
export function markdown({ results, env, command }) {
  const out = [];
  out.push(`Measured ${env.date} by \`${command}\` on civicmap ${env.commit}.`, '');
  out.push(`- machine: ${env.cpu} × ${env.cores} cores, ${env.memory}, ${env.os}; load average at start ${env.load}`);
  out.push(`- browser: ${env.browser} (headless, \`--disable-gpu\`: WebGL runs in software), Playwright ${env.playwright}`);
  out.push(`- baseline: sigma ${env.sigma}, graphology ${env.graphology}, graphology-layout-forceatlas2 ${env.fa2}`);
  out.push('- server: nginx with `deploy/nginx.conf` (the code files precompressed at brotli 11 by the build, everything else brotli level 6 on the fly), via tests/e2e/nginx.mjs; cold cache (a new browser context per load)');
  out.push('- phone profile: 150 ms latency, 9 Mbit/s down, 1.5 Mbit/s up (CDP Network.emulateNetworkConditions), CPU ×4 (Emulation.setCPUThrottlingRate), 390×844; desktop: 1280×800, no throttling');
  out.push('- ratio = civicmap / sigma.js (< 1: civicmap is faster or smaller)', '');
  for (const r of results) {
    out.push(`### ${r.title}`, '');
    if (r.note) out.push(r.note, '');
    out.push('| figure | civicmap | sigma.js + graphology | ratio | target |', '|---|---|---|---|---|');
    for (const row of datasetRows(r)) out.push(`| ${row.join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}

const START = '<!-- bench:start (written by scripts/bench.sh; edits between these marks are lost) -->';
const END = '<!-- bench:end -->';

/** Replaces the generated part of `file` (between the marks), keeping the rest. */
export function writeReport(file, generated) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `# Performance\n\n${START}\n${END}\n`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const body = a >= 0 && b > a ? `${text.slice(0, a)}${START}\n${generated}\n${text.slice(b)}` : `${text}\n${START}\n${generated}\n${END}\n`;
  writeFileSync(file, body);
}
