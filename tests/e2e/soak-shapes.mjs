// Which kinds of state change grow memory (docs/soak.md, "By kind of
// change"): frames the map like the soak test, then drives N set-state
// changes of the SHAPES given (comma-separated: type, actor, depth, list,
// timeline, stakes, q, year, en; the loads are
// the soak test's own), back home every ten, and prints the
// figures before and after plus the 25 largest growths of a heap snapshot
// (by node type and name). WARM=1 shows every shape once before the first
// measure. Usage:
//   WARM=0 N=30 SHAPES=list node tests/e2e/soak-shapes.mjs
// Not a test: a tool to find what the soak's figures come from.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, DESKTOP, eachHeapNode, heapSnapshot, memoryFigures, newPage, wasmMemoryProbe } from './helpers.mjs';
import { freePort, startNginx } from './nginx.mjs';
import { ROOT, prepareSite } from './serve.mjs';

const DATASET = JSON.parse(readFileSync(join(ROOT, 'static', 'data', 'civic-tech-fr.json'), 'utf8'));
const N = Number(process.env.N ?? 200);
const SHAPES = (process.env.SHAPES ?? 'type').split(',');
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const config = { embed_origins: [origin], command_origins: [origin], data_origins: [], default_dataset: 'data/civic-tech-fr.json', max_dataset_bytes: 20000000 };
const site = prepareSite({ out: mkdtempSync(join(tmpdir(), 'civicmap-diag-')), config });
const map = await startNginx({ root: site, port });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--disable-ipc-flooding-protection'], headless: true });
const page = await newPage(browser, { viewport: DESKTOP });
await page.context().addInitScript(wasmMemoryProbe);
await page.goto(`${origin}/e2e/api-host.html?map=${encodeURIComponent(`${origin}/?embed=1`)}`);
await page.evaluate(() => { const f = document.getElementById('map'); f.width = '1200'; f.height = '720'; });
await page.waitForFunction(() => window.__msgs.some((m) => m.data?.type === 'civicmap:state'), null, { timeout: 30_000 });
const frame = page.frames().find((f) => f !== page.mainFrame());
const cdp = await page.context().newCDPSession(page);
const measure = async () => { await page.evaluate(() => { window.__msgs.length = 0; }); return memoryFigures(cdp, frame); };

async function summary() {
  await cdp.send('HeapProfiler.collectGarbage');
  const agg = new Map();
  eachHeapNode(await heapSnapshot(cdp), (t, name, size) => {
    let n = t === 'string' || t === 'concatenated string' || t === 'sliced string' ? '(string)' : name;
    if (n.length > 60) n = n.slice(0, 60);
    const k = `${t}:${n}`;
    const a = agg.get(k) ?? [0, 0];
    a[0] += 1; a[1] += size;
    agg.set(k, a);
  });
  return agg;
}

const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
const ids = (l) => l.map((x) => x.id);
const gen = {
  type: () => `type=${pick(ids(DATASET.taxonomy.actor_types))}`,
  actor: () => `actor=${pick(ids(DATASET.actors))}`,
  depth: () => `actor=${pick(ids(DATASET.actors))}&depth=2`,
  list: () => `actor=${pick(ids(DATASET.actors))}&view=list`,
  timeline: () => `type=${pick(ids(DATASET.taxonomy.actor_types))}&view=timeline`,
  stakes: () => `stake=${pick(ids(DATASET.stakes))}&view=stakes`,
  listonly: () => 'view=list',
  timelineonly: () => 'view=timeline',
  analysis: () => 'view=analysis',
  stakesonly: () => 'view=stakes',
  listtype: () => 'view=list&type=platform',
  q: () => `q=${pick(DATASET.actors.map((a) => a.id.split('-')[0]))}`,
  year: () => `year=${pick([2005, 2010, 2015, 2020])}`,
  en: () => `actor=${pick(ids(DATASET.actors))}&lang=en`,
};
async function go(state) {
  const from = await page.evaluate(() => window.__msgs.length);
  await page.evaluate((s) => window.sendToMap({ type: 'civicmap:set-state', state: s }), state);
  await page.waitForFunction(([n]) => window.__msgs.slice(n).some((m) => m.data?.type === 'civicmap:state'), [from], { timeout: 20000 }).catch(() => {});
  if (state.startsWith('data=') || state === '') await page.waitForTimeout(400);
}
const fmt = (f) => `heap ${(f.heap / 1048576).toFixed(2)} wasm ${(f.wasm / 1048576).toFixed(2)} nodes ${f.counters.nodes} jsl ${f.counters.jsEventListeners}`;
// warm up: one of each shape once
if (process.env.WARM === '1') for (const s of SHAPES) { await go(gen[s]()); await go(""); }
await go(''); await page.waitForTimeout(300);
const f0 = await measure();
const s0 = await summary();
console.log('start', fmt(f0));
for (let i = 0; i < N; i += 1) {
  const s = pick(SHAPES);
  await go(gen[s]());
  if (process.env.STEP) console.log('  after', s, await frame.evaluate(() => window.__civicmapWasm?.memory?.buffer.byteLength / 1048576));
  if (i % 10 === 9) await go('');
  if (process.env.STEP) console.log('  home', await frame.evaluate(() => window.__civicmapWasm?.memory?.buffer.byteLength / 1048576));
}
await go(''); await page.waitForTimeout(500);
const f1 = await measure();
const s1 = await summary();
console.log('end  ', fmt(f1));
const diffs = [];
for (const [k, [c, sz]] of s1) { const [c0, sz0] = s0.get(k) ?? [0, 0]; diffs.push([k, c - c0, sz - sz0]); }
diffs.sort((a, b) => b[2] - a[2]);
for (const d of diffs.slice(0, 25)) console.log(`${String(d[2]).padStart(9)} B ${String(d[1]).padStart(6)}  ${d[0]}`);
await browser.close(); await map.close();
