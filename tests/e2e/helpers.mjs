// Shared helpers for the end-to-end tests and the benchmarks: one place that
// knows how to launch headless Chromium on these machines, where the app is
// served, and how to wait for the DOM hooks the UI promises.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startNginx } from './nginx.mjs';
import { ROOT, prepareSite } from './serve.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
/** Actors and links of the default dataset (civic-tech-fr), read from the file the site serves. */
const DEFAULT_DATASET = JSON.parse(readFileSync(join(ROOT, 'static', 'data', 'civic-tech-fr.json'), 'utf8'));
export const DEFAULT_ACTORS = DEFAULT_DATASET.actors.length;
export const DEFAULT_LINKS = DEFAULT_DATASET.links.length;

// Headless Chromium as root, with no network beyond loopback (see ../shared/docs/toolchain.md).
// Playwright gives every launch a fresh temporary profile (--user-data-dir).
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * The base URL of the served app: `CIVICMAP_BASE_URL` when scripts/test.sh
 * started the server, else the built site behind nginx (deploy/nginx.conf,
 * tests/e2e/nginx.mjs) started here on a free loopback port.
 * Returns `{ url, close }`.
 */
export async function serveApp() {
  const fromEnv = process.env.CIVICMAP_BASE_URL;
  if (fromEnv) return { url: fromEnv.endsWith('/') ? fromEnv : `${fromEnv}/`, close: async () => {} };
  const root = prepareSite();
  return startNginx({ root });
}

/**
 * A new page in its own context that records console errors and page errors,
 * so each test can assert none happened. `expectErrors` lists substrings of
 * console errors that the journey provokes on purpose (e.g. a 404).
 */
export async function newPage(browser, { viewport = DESKTOP, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const where = msg.location()?.url;
      errors.push(`console.error: ${msg.text()}${where ? ` (${where})` : ''}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.errors = errors;
  page.closeAll = () => context.close();
  return page;
}

/** Console/page errors not matching any of the `allowed` substrings or regexes. */
export function unexpectedErrors(page, allowed = []) {
  return page.errors.filter(
    (e) => !allowed.some((a) => (a instanceof RegExp ? a.test(e) : e.includes(a))),
  );
}

/** Resolves once `performance.mark("civicmap:ready")` has been called `count` times. */
export async function waitReady(page, { count = 1, timeout = 30_000 } = {}) {
  await page.waitForFunction(
    (n) => performance.getEntriesByName('civicmap:ready', 'mark').length >= n,
    count,
    { timeout },
  );
}

/** The visible counts `{ actors, links, text }` from `[data-testid=visible-count]`. */
export async function visibleCount(page) {
  const el = page.locator('[data-testid="visible-count"]');
  await el.waitFor({ state: 'attached' });
  const [actors, links, text] = await Promise.all([
    el.getAttribute('data-actors'),
    el.getAttribute('data-links'),
    el.textContent(),
  ]);
  return { actors: Number(actors), links: Number(links), text: (text ?? '').trim() };
}

/** Saves a full-viewport screenshot to artifacts/screenshots/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The query parameters of the page's current URL, as a plain object. */
export function queryOf(page) {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

/**
 * Registers the suite's `before`/`after`: one served app and one browser for
 * every test of the file, then `setup(suite)` if given (one hook, so the
 * order is certain). Returns `{ server, browser }`, filled in `before`.
 */
export function appSuite(setup) {
  const suite = { server: undefined, browser: undefined };
  before(async () => {
    suite.server = await serveApp();
    suite.browser = await launchBrowser();
    await setup?.(suite);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/**
 * An init script (`context.addInitScript(wasmMemoryProbe)`) that keeps the
 * app's wasm exports in `window.__civicmapWasm` when Trunk's loader announces
 * them (`TrunkApplicationStarted`), so a test can read the size of the app's
 * `WebAssembly.Memory`. Runs through CDP, so the page's CSP does not apply.
 */
export function wasmMemoryProbe() {
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__civicmapWasm = e.detail?.wasm;
  });
}

/**
 * Memory figures of the map in `frame` (the page's main frame or a
 * same-origin iframe), after a forced garbage collection, through the CDP
 * session `cdp` of its page: `heap` (JS heap used, bytes), `wasm` (the app's
 * wasm memory, bytes; needs `wasmMemoryProbe`), `elements` (in the map's
 * document), `windowListeners` and `listeners` (event listeners that the
 * page's own scripts put on its window, and on its document and every node in it; `windowTypes` and `types` count
 * them by event type), `counters` (Memory.getDOMCounters
 * of the renderer: documents, nodes, jsEventListeners).
 */
export async function memoryFigures(cdp, frame) {
  if (!cdp.civicmapContexts) {
    // The default execution context of each frame, as CDP announces them.
    cdp.civicmapContexts = new Map();
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.auxData?.isDefault) cdp.civicmapContexts.set(context.auxData.frameId, context.id);
    });
    await cdp.send('Runtime.enable');
  }
  // Let pending frames and timers settle, then collect twice (weak callbacks).
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  for (let i = 0; i < 2; i += 1) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await frame.evaluate(() => window.__civicmapWasm?.memory?.buffer.byteLength ?? NaN);
  const elements = await frame.evaluate(() => document.getElementsByTagName('*').length);
  // Where each script comes from (Debugger.enable announces every parsed script).
  const scripts = new Map();
  const onScript = ({ scriptId, url }) => scripts.set(scriptId, url);
  cdp.on('Debugger.scriptParsed', onScript);
  await cdp.send('Debugger.enable');
  await cdp.send('Debugger.disable');
  cdp.off('Debugger.scriptParsed', onScript);
  const origin = new URL(frame.url()).origin;
  // The frame's window and document as remote objects of its own (main-world) context, for DOMDebugger.
  const frameId = await frameIdOf(cdp, frame);
  const contextId = cdp.civicmapContexts?.get(frameId);
  if (contextId === undefined) throw new Error(`no execution context for ${frame.url()}`);
  const listenersOf = async (expression, depth) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression, contextId, objectGroup: 'civicmap-soak' });
    if (!result.objectId) throw new Error(`no object for ${expression}`);
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth, pierce: true });
    // Only the page's own scripts: Playwright's injected ones add listeners of their own.
    const mine = listeners.filter((l) => (scripts.get(l.scriptId) ?? '').startsWith(origin));
    const types = {};
    for (const l of mine) types[l.type] = (types[l.type] ?? 0) + 1;
    return [mine.length, types];
  };
  const [windowListeners, windowTypes] = await listenersOf('window', 0);
  const [listeners, types] = await listenersOf('document', -1);
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'civicmap-soak' });
  const counters = await cdp.send('Memory.getDOMCounters');
  return { heap: usedSize, wasm, elements, windowListeners, listeners, counters, windowTypes, types };
}

/**
 * A heap snapshot of the isolate of the page that the CDP session `cdp` is
 * attached to, parsed (its text is written to `file` when one is given).
 */
export async function heapSnapshot(cdp, file) {
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const text = chunks.join('');
  if (file) writeFileSync(file, text);
  return JSON.parse(text);
}

/** Calls `fn(type, name, selfSize)` for every node of the parsed heap snapshot `snap`. */
export function eachHeapNode(snap, fn) {
  const { meta } = snap.snapshot;
  const width = meta.node_fields.length;
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => meta.node_fields.indexOf(f));
  const types = meta.node_types[type];
  const { nodes, strings } = snap;
  for (let i = 0; i < nodes.length; i += width) fn(types[nodes[i + type]], strings[nodes[i + name]], nodes[i + size]);
}

/** The CDP frame id of a Playwright frame, found by its URL in the page's frame tree. */
async function frameIdOf(cdp, frame) {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const walk = (node) => (node.frame.url === frame.url() ? node.frame.id : (node.childFrames ?? []).map(walk).find(Boolean));
  const id = walk(frameTree);
  if (!id) throw new Error(`frame ${frame.url()} not in the frame tree`);
  return id;
}
