// Shared helpers for the end-to-end tests and the benchmarks: one place that
// knows how to launch headless Chromium on these machines, where the app is
// served, and how to wait for the DOM hooks the UI promises.
import { mkdirSync, readFileSync } from 'node:fs';
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
