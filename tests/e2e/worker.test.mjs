// The Web Worker (src/work/): a big map's layout and its network measures
// run there, with the same numbers as the page and the CLI.
// - sigma.js's 2,085-node demo graph without positions: the worker's files
//   are fetched, and the positions the map settles on hash to what
//   `civicmap layout` computes natively (the canvas's data-layout-hash);
// - the same page with the worker's files refused: the page lays out
//   itself, to the same positions, without an error for the visitor; the
//   same when only the worker's wasm is refused (the worker reports it);
// - the default dataset (162 actors): it ships its positions, so no layout
//   runs; without them, it is laid out on the page (no worker), to the
//   positions `civicmap layout` computes;
// - size=betweenness on the same graph with its positions: the list's
//   measure column is the same from one worker, from two (a half of the
//   searches each, on a machine with three cores or more) and from the page;
//   when one of the two fails, both end and the page computes it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { launchBrowser, newPage, unexpectedErrors, waitReady } from './helpers.mjs';
import { startNginx } from './nginx.mjs';
import { prepareSite } from './serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEMO = join(ROOT, '..', 'shared', 'datasets', 'sigma-demo-wikipedia-dataviz.json');
const CLI = join(ROOT, 'target', 'debug', 'civicmap');
const ALLOWED = [/integrity/, /loaded with \d+ warnings/];
const WORKER = /civicmap-worker-[0-9a-f]+(_bg\.wasm|\.js)$/;

let server;
let browser;
let nativeHash;
let defaultHash;

before(async () => {
  const dir = join(ROOT, 'target', 'e2e-worker');
  mkdirSync(dir, { recursive: true });
  const bare = join(dir, 'demo.json');
  const placed = join(dir, 'demo.placed.json');
  execFileSync(CLI, ['import', 'sigma', DEMO, '-o', bare], { stdio: 'ignore' });
  const report = JSON.parse(execFileSync(CLI, ['layout', bare, '-o', placed, '--format', 'json'], { encoding: 'utf8' }));
  nativeHash = report.hash;
  // The default dataset without the positions it ships.
  const unplaced = JSON.parse(readFileSync(join(ROOT, 'static', 'data', 'civic-tech-fr.json'), 'utf8'));
  for (const a of unplaced.actors) delete a.position;
  const defaultBare = join(dir, 'default.bare.json');
  writeFileSync(defaultBare, JSON.stringify(unplaced));
  defaultHash = JSON.parse(execFileSync(CLI, ['layout', defaultBare, '-o', join(dir, 'default.laid.json'), '--format', 'json'], { encoding: 'utf8' })).hash;
  const root = prepareSite({
    out: join(ROOT, 'target', 'e2e-worker-site'),
    extras: { 'e2e/demo.json': bare, 'e2e/demo.placed.json': placed, 'e2e/default.bare.json': defaultBare },
  });
  server = await startNginx({ root });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Opens `query`, records the worker's requests and the workers that end;
 * `refuse` aborts the worker's requests (`true`: all of them; a function:
 * those for which `refuse(url, index)` is true, `index` counting the
 * earlier requests for the same file); `init(initArg)` runs before the page's
 * scripts.
 */
async function open(query, { refuse = false, init, initArg } = {}) {
  const page = await newPage(browser);
  if (init) await page.addInitScript(init, initArg);
  const fetched = [];
  const ended = [];
  page.on('worker', (w) => w.on('close', () => ended.push(w.url())));
  await page.route(WORKER, (route) => {
    const url = route.request().url();
    const index = fetched.filter((u) => u === url).length;
    fetched.push(url);
    const no = typeof refuse === 'function' ? refuse(url, index) : refuse;
    return no ? route.abort() : route.continue();
  });
  await page.goto(`${server.url}?${query}`);
  await waitReady(page, { timeout: 60_000 });
  return { page, fetched, ended };
}

const layoutHash = (page) => page.locator('[data-testid="map-canvas"]').getAttribute('data-layout-hash');

test('a big layout runs in the worker and settles on the native positions', async () => {
  const { page, fetched } = await open('data=e2e/demo.json');
  try {
    assert.ok(fetched.some((u) => u.endsWith('.js')), `the worker's script was fetched: ${fetched}`);
    assert.ok(fetched.some((u) => u.endsWith('_bg.wasm')), `the worker's wasm was fetched: ${fetched}`);
    assert.match(nativeHash, /^0x[0-9a-f]{16}$/);
    assert.equal(await layoutHash(page), nativeHash);
    assert.deepEqual(unexpectedErrors(page, ALLOWED), []);
  } finally {
    await page.closeAll();
  }
});

test('without its worker the page lays out itself, to the same positions', async () => {
  const { page, fetched } = await open('data=e2e/demo.json', { refuse: true });
  try {
    assert.ok(fetched.length > 0, 'the worker was asked for');
    assert.equal(await layoutHash(page), nativeHash);
    assert.match(await page.locator('[data-testid="visible-count"]').innerText(), /2\s?085/);
    // The refused download is the only trace in the console.
    assert.deepEqual(unexpectedErrors(page, [...ALLOWED, /Failed to load resource|net::ERR_FAILED/]), []);
  } finally {
    await page.closeAll();
  }
});

test('a worker whose wasm cannot load hands the layout back to the page', async () => {
  // The worker's script starts, its wasm is refused: the worker must say
  // so (an unhandled rejection inside a worker never reaches the page).
  const { page, fetched } = await open('data=e2e/demo.json', { refuse: (url) => url.endsWith('_bg.wasm') });
  try {
    assert.ok(fetched.some((u) => u.endsWith('.js')), `the worker's script was fetched: ${fetched}`);
    assert.equal(await layoutHash(page), nativeHash);
    // The refused download is the only trace in the page's console.
    assert.deepEqual(unexpectedErrors(page, [...ALLOWED, /Failed to load resource|net::ERR_FAILED/]), []);
  } finally {
    await page.closeAll();
  }
});

test('the default dataset opens with its positions, and without them is laid out on the page, without the worker', async () => {
  const layoutRan = (page) => page.evaluate(() => performance.getEntriesByName('civicmap:layout', 'mark').length > 0);
  let { page, fetched } = await open('');
  try {
    assert.deepEqual(fetched, []);
    assert.equal(await layoutRan(page), false, 'the shipped positions need no layout');
    assert.match(await layoutHash(page), /^0x[0-9a-f]{16}$/);
  } finally {
    await page.closeAll();
  }
  ({ page, fetched } = await open('data=e2e/default.bare.json'));
  try {
    assert.deepEqual(fetched, []);
    assert.equal(await layoutRan(page), true);
    assert.equal(await layoutHash(page), defaultHash);
  } finally {
    await page.closeAll();
  }
});

test('betweenness from one worker, from two, and from the page are the same', async () => {
  const column = async ({ refuse = false, cores = 2 }) => {
    const { page, fetched } = await open('data=e2e/demo.placed.json&size=betweenness&view=list', {
      refuse,
      // Two workers share the measures from three cores (work/client.rs).
      init: (n) => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => n }),
      initArg: cores,
    });
    try {
      await page.waitForFunction(() => performance.getEntriesByName('civicmap:measures', 'mark').length > 0, null, { timeout: 60_000 });
      const text = await page.locator('[data-testid="list-view"] tbody').innerText();
      assert.deepEqual(unexpectedErrors(page, [...ALLOWED, /Failed to load resource|net::ERR_FAILED/]), []);
      return { text, wasm: fetched.filter((u) => u.endsWith('_bg.wasm')).length };
    } finally {
      await page.closeAll();
    }
  };
  const one = await column({ cores: 2 });
  assert.equal(one.wasm, 1, 'one worker on two cores');
  const two = await column({ cores: 4 });
  assert.equal(two.wasm, 2, 'two workers on four cores');
  const here = await column({ refuse: true });
  assert.ok(one.text.length > 1000 && /%/.test(one.text), 'the list shows the measure');
  assert.equal(two.text, one.text);
  assert.equal(here.text, one.text);
  // One of the two workers failing (its wasm refused): both end, and the
  // page computes the same column itself.
  const { page, ended } = await open('data=e2e/demo.placed.json&size=betweenness&view=list', {
    refuse: (url, index) => url.endsWith('_bg.wasm') && index === 1,
    init: (n) => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => n }),
    initArg: 4,
  });
  try {
    await page.waitForFunction(() => performance.getEntriesByName('civicmap:measures', 'mark').length > 0, null, { timeout: 60_000 });
    assert.equal(await page.locator('[data-testid="list-view"] tbody').innerText(), one.text);
    await page.waitForTimeout(200);
    assert.equal(ended.length, 2, `both workers ended: ${ended}`);
  } finally {
    await page.closeAll();
  }
});
