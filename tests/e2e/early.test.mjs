// No waterfall (issue 11): the config and the dataset start downloading with
// the wasm, not after it (static/early.js, the config's preload), the wasm
// takes those downloads over instead of asking again, and the page paints its
// frame (header or embed chrome, the count's placeholder) before the wasm runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appSuite, DEFAULT_ACTORS, PHONE, newPage, screenshot, unexpectedErrors, visibleCount, waitReady,
} from './helpers.mjs';

const suite = appSuite();

/**
 * Opens `query` with the wasm held back until `release()`; `asked` lists the
 * paths of the requests made, in order.
 */
async function openHeld(query, options) {
  const page = await newPage(suite.browser, options);
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${suite.server.url}${query}`, { waitUntil: 'commit' });
  return { page, asked, release };
}

const jsonAsked = (asked) => asked.filter((p) => p.endsWith('.json'));

/** Resolves once `path` has been requested (the wasm still held back). */
async function waitAsked(page, asked, path) {
  for (let i = 0; i < 200 && !asked.includes(path); i += 1) await page.waitForTimeout(50);
  assert.ok(asked.includes(path), `${path} was not requested: ${asked.join(' ')}`);
}

test('embed mode: config and dataset download before the wasm runs, once each, under the embed frame', async () => {
  const { page, asked, release } = await openHeld('?embed=1', { viewport: PHONE });
  // Both requests are made while the wasm is still held back.
  await waitAsked(page, asked, '/data/civic-tech-fr.json');
  assert.equal(asked.some((p) => p.endsWith('_bg.wasm')), true);
  assert.deepEqual(jsonAsked(asked), ['/civicmap.config.json', '/data/civic-tech-fr.json']);
  // The frame: no page header in a frame, the embed footer and the count's placeholder.
  await page.locator('#boot .boot-foot').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#boot .boot-topbar').isVisible(), false);
  assert.equal(await page.locator('#boot .boot-count').isVisible(), true);
  assert.match(await page.locator('#boot').innerText(), /Chargement de la carte/);
  await screenshot(page, 'phone-embed-frame-before-wasm');
  release();
  await waitReady(page);
  assert.equal((await visibleCount(page)).actors, DEFAULT_ACTORS);
  assert.equal(await page.locator('#boot').isVisible(), false);
  // The wasm used the early downloads: nothing was asked twice.
  assert.deepEqual(jsonAsked(asked), ['/civicmap.config.json', '/data/civic-tech-fr.json']);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the full page paints its header frame first, in the page language', async () => {
  const { page, asked, release } = await openHeld('?lang=en');
  await page.locator('#boot .boot-topbar').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#boot .boot-foot').isVisible(), false);
  assert.match(await page.locator('#boot').innerText(), /Loading the map/);
  assert.doesNotMatch(await page.locator('#boot').innerText(), /Chargement/);
  release();
  await waitReady(page);
  assert.equal(await page.locator('#boot').isVisible(), false);
  assert.deepEqual(jsonAsked(asked), ['/civicmap.config.json', '/data/civic-tech-fr.json']);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('data= on the same origin downloads early; data= elsewhere is left to the app, which refuses it', async () => {
  const early = await openHeld('?data=e2e/tiny.json');
  await waitAsked(early.page, early.asked, '/e2e/tiny.json');
  // The default dataset is not fetched when data= names another one.
  assert.deepEqual(jsonAsked(early.asked), ['/civicmap.config.json', '/e2e/tiny.json']);
  early.release();
  await waitReady(early.page);
  assert.equal((await visibleCount(early.page)).actors, 3);
  assert.deepEqual(jsonAsked(early.asked), ['/civicmap.config.json', '/e2e/tiny.json']);
  await early.page.closeAll();

  // Another origin (not in data_origins): the early script does not touch it,
  // and the app still explains why it is refused.
  const other = suite.server.url.replace('127.0.0.1', 'localhost');
  const { page, asked, release } = await openHeld(`?data=${encodeURIComponent(`${other}e2e/tiny.json`)}`);
  await page.waitForTimeout(500);
  assert.deepEqual(jsonAsked(asked), ['/civicmap.config.json']);
  release();
  await page.locator('[data-testid="error-panel"]').waitFor({ state: 'visible' });
  assert.deepEqual(jsonAsked(asked), ['/civicmap.config.json']);
  await page.closeAll();
});
