// Benchmarks (run by scripts/bench.sh, not part of the test pipeline).
//
// For each scenario: time from navigation start to the `civicmap:ready` mark
// (median of N cold page loads), then the frame times while zooming (wheel) and
// panning (drag) for 3 s after the layout settled, from requestAnimationFrame
// deltas (fps, median, p95, max). Scenarios: the default dataset; the sigma
// demo graph converted by `civicmap import sigma` (civicmap lays it out); the
// same with the sigma file's positions (no layout); the sigma.js baseline page
// on the same graph, measured the same way in the same browser, as ratios.
//
//   node tests/e2e/bench.mjs --dist dist --extra bench/sigma-demo.civicmap.json=<file> \
//        --extra bench/sigma-demo.json=<file> [--runs 5] [--settle 2000] [--json out.json]
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DESKTOP, launchBrowser, newPage, unexpectedErrors } from './helpers.mjs';
import { ROOT, prepareSite, startServer } from './serve.mjs';

function parseArgs(argv) {
  const opts = { dist: 'dist', extras: {}, runs: 5, settle: 2000, json: null, interact: 3000 };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--dist') opts.dist = value;
    else if (key === '--runs') opts.runs = Number(value);
    else if (key === '--settle') opts.settle = Number(value);
    else if (key === '--interact') opts.interact = Number(value);
    else if (key === '--json') opts.json = value;
    else if (key === '--extra') {
      const [urlPath, file] = value.split('=');
      opts.extras[urlPath] = resolve(file);
    } else throw new Error(`unknown argument ${key}`);
  }
  return opts;
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}

/** Bundles the sigma.js baseline page into the site (esbuild, from node_modules). */
async function buildSigmaBaseline(site) {
  const out = join(site, 'bench');
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'tests', 'e2e', 'bench', 'sigma-baseline.mjs')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(out, 'sigma-baseline.js'),
    logLevel: 'warning',
  });
  cpSync(join(ROOT, 'tests', 'e2e', 'bench', 'sigma-baseline.html'), join(out, 'sigma-baseline.html'));
}

/**
 * The converted sigma demo with the sigma file's own x/y as `position` (matched
 * by page URL = `website`), so civicmap skips its layout as sigma.js does: the
 * fair comparison. Written beside the converted file in the site.
 */
function withSigmaPositions(site, convertedFile, sigmaFile) {
  const converted = JSON.parse(readFileSync(convertedFile, 'utf8'));
  const sigma = JSON.parse(readFileSync(sigmaFile, 'utf8'));
  const byUrl = new Map(sigma.nodes.map((n) => [n.URL, n]));
  let placed = 0;
  for (const actor of converted.actors) {
    const node = byUrl.get(actor.website);
    if (node && Number.isFinite(node.x) && Number.isFinite(node.y)) {
      actor.position = { x: node.x, y: node.y };
      placed += 1;
    }
  }
  if (placed !== converted.actors.length) {
    throw new Error(`only ${placed} of ${converted.actors.length} actors matched a sigma node`);
  }
  writeFileSync(join(site, 'bench', 'sigma-demo.positions.civicmap.json'), JSON.stringify(converted));
}

/** Navigation → ready mark, in ms, for one cold load in a fresh context. */
async function loadTime(browser, url) {
  const page = await newPage(browser, { viewport: DESKTOP });
  try {
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('civicmap:ready', 'mark').length > 0, null, {
      timeout: 60_000,
    });
    const ms = await page.evaluate(() => performance.getEntriesByName('civicmap:ready', 'mark')[0].startTime);
    const errors = unexpectedErrors(page);
    if (errors.length) throw new Error(`errors on ${url}:\n${errors.join('\n')}`);
    return ms;
  } finally {
    await page.closeAll();
  }
}

/** Frame deltas while zooming then panning with the mouse over `selector`. */
async function interactionFrames(browser, url, selector, { settle, interact }) {
  const page = await newPage(browser, { viewport: DESKTOP });
  try {
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('civicmap:ready', 'mark').length > 0, null, {
      timeout: 60_000,
    });
    await page.waitForTimeout(settle);
    const box = await page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`${selector} not found on ${url}`);
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.evaluate(() => {
      window.__frames = [];
      let last = performance.now();
      const tick = (t) => {
        window.__frames.push(t - last);
        last = t;
        if (!window.__stopFrames) requestAnimationFrame(tick);
      };
      requestAnimationFrame((t) => {
        last = t;
        requestAnimationFrame(tick);
      });
    });
    const half = interact / 2;
    // Zoom: wheel in and out around the centre.
    let t0 = Date.now();
    let i = 0;
    while (Date.now() - t0 < half) {
      await page.mouse.wheel(0, i % 20 < 10 ? -120 : 120);
      await page.waitForTimeout(16);
      i += 1;
    }
    // Pan: drag in a circle.
    await page.mouse.down();
    t0 = Date.now();
    i = 0;
    while (Date.now() - t0 < half) {
      const a = (i / 30) * 2 * Math.PI;
      await page.mouse.move(cx + 150 * Math.cos(a), cy + 100 * Math.sin(a), { steps: 1 });
      await page.waitForTimeout(16);
      i += 1;
    }
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      window.__stopFrames = true;
      return window.__frames;
    });
    const errors = unexpectedErrors(page);
    if (errors.length) throw new Error(`errors on ${url}:\n${errors.join('\n')}`);
    return frames;
  } finally {
    await page.closeAll();
  }
}

async function measure(browser, name, url, selector, opts) {
  const loads = [];
  for (let r = 0; r < opts.runs; r += 1) loads.push(await loadTime(browser, url));
  const frames = await interactionFrames(browser, url, selector, opts);
  const row = {
    scenario: name,
    ready_ms: median(loads),
    ready_min_ms: Math.min(...loads),
    frames: frames.length,
    fps: (1000 * frames.length) / frames.reduce((a, b) => a + b, 0),
    frame_median_ms: median(frames),
    frame_p95_ms: quantile(frames, 0.95),
    frame_max_ms: Math.max(...frames),
  };
  process.stderr.write(`measured ${name}: ${JSON.stringify(row)}\n`);
  return row;
}

const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : '—');
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');

function printTable(rows, ratios) {
  const head = ['scenario', 'ready (median)', 'ready (min)', 'fps', 'frame median', 'frame p95', 'frame max'];
  const lines = rows.map((r) => [
    r.scenario, `${fmt(r.ready_ms)} ms`, `${fmt(r.ready_min_ms)} ms`, fmt(r.fps),
    `${fmt(r.frame_median_ms)} ms`, `${fmt(r.frame_p95_ms)} ms`, `${fmt(r.frame_max_ms)} ms`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(line(l));
  for (const r of ratios) console.log(r);
}

const opts = parseArgs(process.argv.slice(2));
const site = prepareSite({ dist: opts.dist, out: join(ROOT, 'target', 'bench-site'), extras: opts.extras });
const haveSigma = Boolean(opts.extras['bench/sigma-demo.json']);
if (haveSigma) await buildSigmaBaseline(site);
const haveConverted = Boolean(opts.extras['bench/sigma-demo.civicmap.json']);
if (haveSigma && haveConverted) {
  withSigmaPositions(site, opts.extras['bench/sigma-demo.civicmap.json'], opts.extras['bench/sigma-demo.json']);
}
const server = await startServer({ root: site });
const browser = await launchBrowser();
const rows = [];
try {
  rows.push(await measure(browser, 'civicmap, default dataset', server.url,
    'canvas[data-testid="map-canvas"]', opts));
  if (haveConverted) {
    rows.push(await measure(browser, 'civicmap, sigma demo (2,085 actors), own layout',
      `${server.url}?data=bench/sigma-demo.civicmap.json`, 'canvas[data-testid="map-canvas"]', opts));
  }
  if (haveSigma && haveConverted) {
    rows.push(await measure(browser, 'civicmap, sigma demo (2,085 actors), sigma positions',
      `${server.url}?data=bench/sigma-demo.positions.civicmap.json`, 'canvas[data-testid="map-canvas"]', opts));
  }
  if (haveSigma) {
    rows.push(await measure(browser, 'sigma.js 3 + graphology, sigma demo (2,085 nodes)',
      `${server.url}bench/sigma-baseline.html?data=sigma-demo.json`, '#sigma-container', opts));
  }
} finally {
  await browser.close();
  await server.close();
}
const ratios = [];
const ours = rows.find((r) => r.scenario.endsWith('sigma positions'));
const theirs = rows.find((r) => r.scenario.startsWith('sigma.js'));
if (ours && theirs) {
  ratios.push(`ratios civicmap / sigma.js, same graph and positions (< 1 = civicmap faster): ` +
    `ready ${ratio(ours.ready_ms, theirs.ready_ms)}, frame median ${ratio(ours.frame_median_ms, theirs.frame_median_ms)}, ` +
    `frame p95 ${ratio(ours.frame_p95_ms, theirs.frame_p95_ms)}, frame max ${ratio(ours.frame_max_ms, theirs.frame_max_ms)}`);
}
printTable(rows, ratios);
if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ rows, ratios }, null, 2)}\n`);
