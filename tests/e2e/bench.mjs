// Benchmarks (run by scripts/bench.sh, not part of the test pipeline): every
// figure of issue 11, for civicmap and for the newest sigma.js + graphology
// (+ ForceAtlas2 when there are no positions) on the same data, in the same
// browser, in the same run (loads of the two sides interleaved), served by
// nginx with deploy/nginx.conf (brotli). Medians of --runs cold loads.
//
// Per load: time from navigation to the `civicmap:ready` mark (sigma's page
// sets the same mark after its first frame); the wasm/js/css transferred before
// it (Resource Timing `transferSize`: brotli body + headers); the gap between
// the dataset's arrival (its `responseEnd`) and ready; the frame gaps from
// navigation to ready. On the last desktop load of a scenario: frame times
// while zooming and panning, tab memory, the final positions (sigma side) for
// the layout-quality figures; for `filter`, a type filter on 10,000 actors
// timed to the next frame that shows the new set.
//
//   node tests/e2e/bench.mjs --dist dist --cli target/release/civicmap \
//     --demo <sigma demo> --demo-converted <its import> --large <10k graph> \
//     --large-converted <its import> [--runs 5] [--runs-big 2] [--big 50000x200000] \
//     [--json out.json] [--md docs/performance.md]
// Env: SCENARIOS=default,demo-pos,… (a subset), PROFILES=desktop (or phone).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { writeDatasets } from './bench-data.mjs';
import { layoutQuality, markdown, median, quantile, writeReport } from './bench-report.mjs';
import { DESKTOP, PHONE, launchBrowser, newPage, unexpectedErrors } from './helpers.mjs';
import { startNginx } from './nginx.mjs';
import { ROOT, prepareSite } from './serve.mjs';

function parseArgs(argv) {
  const opts = { dist: 'dist', runs: 5, runsBig: 2, big: '50000x200000', settle: 1000, interact: 3000 };
  const names = {
    '--dist': 'dist', '--cli': 'cli', '--demo': 'demo', '--demo-converted': 'demoConverted', '--large': 'large',
    '--large-converted': 'largeConverted', '--runs': 'runs', '--runs-big': 'runsBig', '--big': 'big',
    '--json': 'json', '--md': 'md', '--settle': 'settle', '--interact': 'interact',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (!key) throw new Error(`unknown argument ${argv[i]}`);
    opts[key] = ['runs', 'runsBig', 'settle', 'interact'].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const [bigN, bigM] = opts.big.split('x').map(Number);
const SIGMA = 'bench/sigma-baseline.html?data=';
const CANVAS = 'canvas[data-testid="map-canvas"]';
const SCENARIOS = [
  {
    key: 'default', title: 'Default dataset (civic-tech-fr), embed mode', civicmap: '?embed=1',
    profiles: ['phone', 'desktop'], frames: true,
    targets: { readyPhone: '≤ 1,200 ms', codeBytes: '≤ 250 KB', gapDesktop: '≤ 50 ms' },
  },
  {
    key: 'demo-pos', title: 'sigma.js demo graph (2,085 nodes, 5,409 edges) with its positions',
    civicmap: '?data=bench/demo.positions.civicmap.json', sigma: 'demo.positions.graphology.json',
    profiles: ['desktop', 'phone'], frames: true,
    targets: { readyDesktop: '≤ 0.50× sigma.js', readyPhone: '≤ 0.50× sigma.js' },
  },
  {
    key: 'demo-layout', title: 'sigma.js demo graph (2,085 nodes) without positions (layout included)',
    civicmap: '?data=bench/demo.civicmap.json', sigma: 'demo.graphology.json', quality: 'demo.civicmap.json',
    profiles: ['desktop', 'phone'], targets: { readyDesktop: '≤ 0.50× sigma.js, quality ≥ sigma.js' },
  },
  {
    key: 'large-pos', title: 'sigma.js large test graph (10,000 nodes, 19,995 edges) with its positions',
    civicmap: '?data=bench/large.positions.civicmap.json', sigma: 'large.positions.graphology.json',
    profiles: ['desktop'], frames: true,
  },
  {
    key: 'large-layout', title: 'sigma.js large test graph (10,000 nodes) without positions (layout included)',
    civicmap: '?data=bench/large.civicmap.json', sigma: 'large.graphology.json', quality: 'large.civicmap.json',
    profiles: ['desktop'],
    targets: { readyDesktop: '≤ 0.50× sigma.js, quality ≥ sigma.js', layoutFrameP95: '≤ 50 ms' },
  },
  {
    key: 'big-pos', title: `Generated graph (${bigN.toLocaleString('en-US')} actors, ${bigM.toLocaleString('en-US')} links) with positions`,
    civicmap: '?data=bench/big.positions.civicmap.json', sigma: 'big.positions.graphology.json',
    profiles: ['desktop'], frames: true, big: true,
    targets: { readyDesktop: '≤ 3,000 ms', frameP95: '≤ 150 ms', rss: '≤ 300 MB' },
  },
  {
    key: 'filter', title: 'Filter change on 10,000 actors (generated, 5 types, with positions)',
    civicmap: '?data=bench/filter.positions.civicmap.json', profiles: ['desktop'], filter: true,
    targets: { filterMs: '≤ 50 ms' },
  },
].filter((s) => !process.env.SCENARIOS || process.env.SCENARIOS.split(',').includes(s.key));
const PROFILES = (process.env.PROFILES ?? 'desktop,phone').split(',');

/** Bundles the sigma.js baseline page into the site (esbuild, from node_modules). */
async function buildSigmaBaseline(site) {
  const out = join(site, 'bench');
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'tests', 'e2e', 'bench', 'sigma-baseline.mjs')],
    bundle: true, minify: true, format: 'esm', target: 'es2022', logLevel: 'warning',
    outfile: join(out, 'sigma-baseline.js'),
  });
  for (const f of ['sigma-baseline.html', 'sigma-baseline.css']) {
    writeFileSync(join(out, f), readFileSync(join(ROOT, 'tests', 'e2e', 'bench', f)));
  }
}

/** True when `pid` descends from this node process (our browser, not another one on the machine). */
function ours(pid) {
  for (let p = pid, hops = 0; p > 1 && hops < 10; hops += 1) {
    if (p === process.pid) return true;
    p = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
  }
  return false;
}

/** The resident memory of our largest Chromium renderer (one page is open at a time). */
function rendererRss() {
  let max = NaN;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !ours(Number(pid))) continue;
      const kbs = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      if (!(kbs * 1024 <= max)) max = kbs * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return max;
}

/** Records frame gaps from the first script on, and the wasm's exports once Trunk started it. */
function recordFrames() {
  window.__gaps = [];
  let last = performance.now();
  const tick = (t) => {
    window.__gaps.push([t, t - last]);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  // rAF does not run before the first paint: long tasks tell what the gaps miss.
  window.__longtasks = [];
  new PerformanceObserver((list) => window.__longtasks.push(...list.getEntries().map((e) => [e.startTime, e.duration])))
    .observe({ type: 'longtask', buffered: true });
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasm = e.detail?.wasm;
  });
}

/** One cold load of `url` with `profile`; returns the page (open) and its figures. */
async function load(browser, url, profile) {
  const page = await newPage(browser, { viewport: profile === 'phone' ? PHONE : DESKTOP });
  const cdp = await page.context().newCDPSession(page);
  if (profile === 'phone') {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 150, downloadThroughput: (9e6 / 8), uploadThroughput: (1.5e6 / 8),
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  await page.addInitScript(recordFrames);
  // A page error ends the wait at once (not after the timeout).
  const failed = new Promise((_, reject) => page.once('pageerror', (e) => reject(new Error(`${url}: ${e.message}`))));
  failed.catch(() => {});
  await page.goto(url);
  await Promise.race([
    failed,
    page.waitForFunction(() => performance.getEntriesByName('civicmap:ready', 'mark').length > 0, null, {
      timeout: 600_000, polling: 20,
    }),
  ]);
  const m = await page.evaluate(() => {
    const ready = performance.getEntriesByName('civicmap:ready', 'mark')[0].startTime;
    const res = performance.getEntriesByType('resource').map((e) => ({
      name: e.name, transfer: e.transferSize, body: e.encodedBodySize, start: e.startTime, end: e.responseEnd,
    }));
    // Every gap that began before ready (the frame that shows ready ends it).
    const gaps = window.__gaps.filter(([t, g]) => t - g < ready).map(([, g]) => g);
    // While the layout runs: from its first slice (civicmap's
    // `civicmap:layout`, sigma's `bench:data` before ForceAtlas2) to ready.
    const mark = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime;
    const start = mark('civicmap:layout') ?? (mark('bench:layout') === undefined ? undefined : mark('bench:data'));
    const layoutGaps = start === undefined ? []
      : window.__gaps.filter(([t, g]) => t - g >= start && t - g < ready).map(([, g]) => g);
    const longest = Math.max(0, ...window.__longtasks.filter(([t]) => t < ready).map(([, d]) => d));
    return { ready, res, gaps, layoutGaps, longest };
  });
  const code = m.res.filter((r) => /\.(wasm|js|css)(\?|$)/.test(r.name) && r.end <= m.ready);
  const data = m.res
    .filter((r) => /\.json(\?|$)/.test(r.name) && !r.name.includes('civicmap.config.json'))
    .sort((a, b) => b.body - a.body)[0];
  const figures = {
    ready: m.ready,
    codeBytes: code.reduce((s, r) => s + r.transfer, 0),
    wasmBytes: code.filter((r) => /\.wasm(\?|$)/.test(r.name)).reduce((s, r) => s + r.transfer, 0) || NaN,
    gap: data ? m.ready - data.end : NaN,
    loadFrameP95: quantile(m.gaps, 0.95),
    layoutFrameP95: m.layoutGaps.length ? quantile(m.layoutGaps, 0.95) : undefined,
    loadFrameMax: Math.max(...m.gaps),
    longTask: m.longest,
    waterfall: m.res.map((r) => `${r.name.replace(/^https?:\/\/[^/]+\//, '/')} ${r.start.toFixed(0)}→${r.end.toFixed(0)} ms`),
  };
  if (profile === 'phone') await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  return { page, cdp, figures };
}

/** Frame deltas while zooming (wheel) then panning (drag) over `selector`. */
async function interactionFrames(page, selector) {
  await page.waitForTimeout(opts.settle);
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} not found`);
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  const from = await page.evaluate(() => performance.now());
  const half = opts.interact / 2;
  let t0 = Date.now();
  for (let i = 0; Date.now() - t0 < half; i += 1) {
    await page.mouse.wheel(0, i % 20 < 10 ? -120 : 120);
    await page.waitForTimeout(16);
  }
  await page.mouse.down();
  t0 = Date.now();
  for (let i = 0; Date.now() - t0 < half; i += 1) {
    const a = (i / 30) * 2 * Math.PI;
    await page.mouse.move(cx + 150 * Math.cos(a), cy + 100 * Math.sin(a), { steps: 1 });
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  return page.evaluate((t) => window.__gaps.filter(([at]) => at > t).map(([, g]) => g), from);
}

/** Ticks the first actor-type box; ms from the click to the frame after the count changed. */
async function filterChange(page) {
  return page.evaluate(() => new Promise((done, fail) => {
    const count = document.querySelector('[data-testid="visible-count"]');
    const box = document.querySelector('input[type=checkbox][data-testid^="facet-type-"]');
    if (!count || !box) {
      fail(new Error('no visible-count or no facet-type checkbox'));
      return;
    }
    const before = count.dataset.actors;
    const observer = new MutationObserver(() => {
      if (count.dataset.actors === before) return;
      observer.disconnect();
      requestAnimationFrame(() => done(performance.now() - t0));
    });
    observer.observe(count, { attributes: true, childList: true, subtree: true, characterData: true });
    const t0 = performance.now();
    box.click();
  }));
}

/** Positions laid out by `civicmap layout` (the same as the browser's), or null without that command. */
function civicmapPositions(file) {
  const out = join(ROOT, 'target', 'bench', `laid-out-${file}`);
  try {
    execFileSync(opts.cli, ['layout', join(site, 'bench', file), '-o', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch {
    return null;
  }
  const ds = JSON.parse(readFileSync(out, 'utf8'));
  return new Map(ds.actors.filter((a) => a.position).map((a) => [a.id, a.position]));
}

async function measureSide(browser, scenario, side, url, runs) {
  const selector = side === 'civicmap' ? CANVAS : '#sigma-container';
  const per = {};
  for (const profile of scenario.profiles.filter((p) => PROFILES.includes(p))) {
    per[profile] = [];
    for (let r = 0; r < runs; r += 1) {
      const { page, cdp, figures } = await load(browser, url, profile);
      try {
        const last = r === runs - 1 && profile === 'desktop';
        if (last && side === 'civicmap' && scenario.filter) figures.filterMs = await filterChange(page);
        if (last) {
          await cdp.send('Performance.enable');
          const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
          const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
          figures.heap = metrics.JSHeapUsedSize + wasm;
          figures.rss = rendererRss();
        }
        if (last && side === 'sigma' && scenario.quality) figures.positions = await page.evaluate(() => window.benchPositions());
        if (last && scenario.frames) {
          const frames = await interactionFrames(page, selector);
          figures.frameP95 = quantile(frames, 0.95);
          figures.frameMedian = median(frames);
        }
        const errors = unexpectedErrors(page);
        if (errors.length) throw new Error(`errors on ${url}:\n${errors.join('\n')}`);
        per[profile].push(figures);
        process.stderr.write(`${scenario.key} ${side} ${profile} run ${r + 1}: ready ${figures.ready.toFixed(0)} ms\n`);
      } finally {
        await page.closeAll();
      }
    }
  }
  return per;
}

const pick = (loads = [], key) => median(loads.map((f) => f[key]).filter((x) => x !== undefined));

function summarise(per, positionsFile, side) {
  const d = per.desktop ?? [];
  const p = per.phone ?? [];
  const any = d.length ? d : p;
  const row = {
    readyDesktop: pick(d, 'ready'), readyPhone: pick(p, 'ready'),
    codeBytes: pick(any, 'codeBytes'), wasmBytes: pick(any, 'wasmBytes'),
    gapDesktop: pick(d, 'gap'), gapPhone: pick(p, 'gap'), loadFrameP95: pick(d, 'loadFrameP95'),
    layoutFrameP95: pick(d, 'layoutFrameP95'),
    loadFrameMax: pick(d, 'loadFrameMax'), longTask: pick(d, 'longTask'),
    frameP95: pick(d, 'frameP95'), frameMedian: pick(d, 'frameMedian'),
    rss: pick(d, 'rss'), heap: pick(d, 'heap'), filterMs: pick(d, 'filterMs'),
    runs: Math.max(d.length, p.length),
  };
  if (positionsFile) {
    const links = JSON.parse(readFileSync(join(site, 'bench', positionsFile), 'utf8')).links.map((l) => [l.source, l.target]);
    const positions = side === 'civicmap'
      ? civicmapPositions(positionsFile)
      : new Map((d.at(-1)?.positions ?? []).map(([k, x, y]) => [k, { x, y }]));
    // graphology keys are the sigma keys; the civicmap ids are their slugs: compare by index order.
    if (positions?.size) Object.assign(row, side === 'civicmap' ? layoutQuality(positions, links) : sigmaQuality(positions));
  }
  return row;
}

/** The quality of the sigma side's positions, on the graphology file's own edges. */
let currentSigmaFile;
function sigmaQuality(positions) {
  const g = JSON.parse(readFileSync(join(site, 'bench', currentSigmaFile), 'utf8'));
  return layoutQuality(positions, g.edges.map((e) => [String(e.source), String(e.target)]));
}

const site = prepareSite({ dist: opts.dist, out: join(ROOT, 'target', 'bench-site') });
mkdirSync(join(site, 'bench'), { recursive: true });
mkdirSync(join(ROOT, 'target', 'bench'), { recursive: true });
const needBig = SCENARIOS.some((s) => s.big);
writeDatasets(join(site, 'bench'), {
  demo: opts.demo && resolve(opts.demo), demoConverted: opts.demoConverted && resolve(opts.demoConverted),
  large: opts.large && resolve(opts.large), largeConverted: opts.largeConverted && resolve(opts.largeConverted),
  big: needBig ? [bigN, bigM] : null,
});
await buildSigmaBaseline(site);
process.env.CIVICMAP_CLI ??= opts.cli ? resolve(opts.cli) : '';
if (!process.env.CIVICMAP_CLI) delete process.env.CIVICMAP_CLI;
const server = await startNginx({ root: site });
const browser = await launchBrowser();
const results = [];
// The code the page loads after ready: the wasm's second half
// (scripts/split-wasm.mjs) and the whole stylesheet (scripts/minify.mjs), as
// nginx serves them (brotli 11).
const laterBytes = readdirSync(opts.dist)
  .filter((f) => /^(civicmap-web-split-[0-9a-f]+\.wasm|late-[0-9a-f]+\.css)\.br$/.test(f))
  .reduce((sum, f) => sum + statSync(join(opts.dist, f)).size, 0) || NaN;
try {
  for (const s of SCENARIOS) {
    const runs = s.big ? opts.runsBig : opts.runs;
    const civicmap = await measureSide(browser, s, 'civicmap', `${server.url}${s.civicmap}`, runs);
    let sigma = null;
    if (s.sigma && !(s.big && process.env.SIGMA_BIG === '0')) {
      sigma = await measureSide(browser, s, 'sigma', `${server.url}${SIGMA}${s.sigma}`, runs);
    }
    currentSigmaFile = s.sigma;
    const row = {
      key: s.key, title: s.title, targets: s.targets,
      civicmap: { ...summarise(civicmap, s.quality, 'civicmap'), laterBytes },
      sigma: sigma ? summarise(sigma, s.quality, 'sigma') : null,
      waterfall: (civicmap.phone ?? civicmap.desktop)?.at(-1)?.waterfall,
    };
    if (s.quality && !Number.isFinite(row.civicmap.linkRatio)) {
      row.note = 'civicmap\'s layout quality needs `civicmap layout IN -o OUT` (not in this build): not measured.';
    }
    results.push(row);
    process.stderr.write(`${JSON.stringify({ ...row, waterfall: undefined })}\n`);
  }
} finally {
  await browser.close();
  await server.close();
}

const pkg = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
const env = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  commit: `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ' (+ uncommitted changes)' : ''}`,
  cpu: os.cpus()[0]?.model ?? '?', cores: os.cpus().length, memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
  os: `${os.type()} ${os.release()}`, load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  browser: `Chromium ${browser.version()}`, playwright: pkg('playwright-core'),
  sigma: pkg('sigma'), graphology: pkg('graphology'), fa2: pkg('graphology-layout-forceatlas2'),
};
const command = `RUNS=${opts.runs} RUNS_BIG=${opts.runsBig}${process.env.SCENARIOS ? ` SCENARIOS=${process.env.SCENARIOS}` : ''}${process.env.PROFILES ? ` PROFILES=${process.env.PROFILES}` : ''} ./scripts/bench.sh`;
const waterfall = results.find((r) => r.key === 'default')?.waterfall;
const text = `${markdown({ results, env, command })}${waterfall ? `
### Requests of the default dataset's last load (${PROFILES.includes('phone') ? 'phone profile' : 'desktop'})

Start → end of each response, in ms since navigation (Resource Timing): the
config and the dataset are requested only once the wasm has run when their
start comes after the wasm's end.

\`\`\`
${waterfall.join('\n')}
\`\`\`
` : ''}`;
console.log(text);
if (opts.md) writeReport(opts.md, text);
if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ env, results }, null, 2)}\n`);
