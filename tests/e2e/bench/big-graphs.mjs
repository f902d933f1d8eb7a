// The layout's budget in the browser: generated graphs of 10,000 actors /
// 50,000 links and of 50,000 / 200,000 (the app's caps), loaded with data=,
// timed from navigation to civicmap:ready (fetch, validation, layout, first
// settled frame), with the frame gaps (requestAnimationFrame deltas) while it
// runs; the largest also under reduced motion (no animation).
//
// Run after `trunk build --release`: `node tests/e2e/bench/big-graphs.mjs`
// (`SIZES=10000x50000` for one size). The graphs are generated with a fixed
// linear congruential generator, like benches/layout.rs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, newPage, visibleCount, waitReady } from '../helpers.mjs';
import { ROOT, prepareSite, startServer } from '../serve.mjs';

/** A civicmap/1 file: `n` actors, `m` links (a quarter inside clusters of 50). */
function generate(n, m) {
  let x = 42n;
  const mask = (1n << 64n) - 1n;
  const below = (k) => {
    x = (x * 6364136223846793005n + 1442695040888963407n) & mask;
    return Number((x >> 33n) % BigInt(k));
  };
  const actors = Array.from({ length: n }, (_, i) => ({ id: `a${i}`, name: `Actor ${i}`, type: 't' }));
  const links = Array.from({ length: m }, (_, l) => {
    const s = below(n);
    const t = Math.min(l % 4 === 0 ? Math.floor(s / 50) * 50 + below(50) : below(n), n - 1);
    return { source: `a${s}`, target: `a${t}`, kind: 'k' };
  });
  return JSON.stringify({
    format: 'civicmap/1',
    taxonomy: { actor_types: [{ id: 't' }], link_kinds: [{ id: 'k', directed: true }] },
    actors,
    links,
  });
}

const sizes = (process.env.SIZES ?? '10000x50000,50000x200000')
  .split(',')
  .map((s) => s.split('x').map(Number));
const dir = join(ROOT, 'target', 'big-graphs');
mkdirSync(dir, { recursive: true });
const extras = {};
for (const [n, m] of sizes) {
  const file = join(dir, `g${n}-${m}.json`);
  writeFileSync(file, generate(n, m));
  extras[`big/g${n}-${m}.json`] = file;
}
const root = prepareSite({ out: join(ROOT, 'target', 'e2e-big-site'), extras });
const server = await startServer({ root });
const browser = await launchBrowser();
const runs = sizes.map(([n, m]) => [n, m, false]);
const [n, m] = sizes.at(-1);
runs.push([n, m, true]);
for (const [n, m, reduced] of runs) {
  const page = await newPage(browser, { reducedMotion: reduced ? 'reduce' : 'no-preference' });
  await page.addInitScript(() => {
    window.__gaps = [];
    let last = performance.now();
    const tick = (t) => {
      window.__gaps.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.goto(`${server.url}?data=big/g${n}-${m}.json`);
  await waitReady(page, { timeout: 900_000 });
  const ready = await page.evaluate(() => performance.getEntriesByName('civicmap:ready')[0].startTime / 1000);
  const gaps = await page.evaluate(() => window.__gaps.slice().sort((a, b) => a - b));
  const q = (f) => gaps[Math.min(gaps.length - 1, Math.floor(f * gaps.length))].toFixed(0);
  const count = await visibleCount(page);
  console.log(
    `${count.actors} actors, ${count.links} links${reduced ? ' (reduced motion)' : ''}: ready at ${ready.toFixed(1)} s; `
      + `${gaps.length} frames, gaps median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`,
  );
  await page.closeAll();
}
await browser.close();
await server.close();
