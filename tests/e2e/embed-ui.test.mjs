// Embed mode and the snippet dialog, as a partner's visitor and a partner's
// webmaster meet them (issue 4, UI side): the compact chrome of a framed map,
// its credit line and "Open the full map" link, the gestures it leaves to the
// host page (no scroll trap), the keyboard path through the frame, and the
// "Embed this map" dialog whose snippet, pasted into a blank page, shows the
// same view.
//
// The host page is tests/fixtures/e2e/embed-host.html (same origin here; it
// takes `base=` to frame a map served from another origin).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  appSuite, DESKTOP, PHONE, newPage, screenshot, unexpectedErrors, visibleCount, waitReady,
} from './helpers.mjs';
import { ROOT } from './serve.mjs';

const suite = appSuite();

/** Opens the partner page framing the map with `query` at `w` × `h`; resolves to `{ page, frame, map }`. */
async function hostPage(query, { w = 800, h = 500, viewport = DESKTOP, ...options } = {}) {
  const page = await newPage(suite.browser, { viewport, ...options });
  const url = `${suite.server.url}e2e/embed-host.html?map=${encodeURIComponent(query)}&w=${w}&h=${h}`;
  await page.goto(url);
  const handle = await page.locator('#map').elementHandle();
  const frame = await handle.contentFrame();
  await waitReady(frame);
  const map = page.frameLocator('#map');
  return { page, frame, map };
}

/** The framed map's camera scale (the canvas's `data-zoom`). */
async function zoomOf(map) {
  return Number(await map.locator('[data-testid="map-canvas"]').getAttribute('data-zoom'));
}

/** Resolves to the host page's scroll position once it has stopped moving (a fling ends). */
async function settledScroll(page) {
  let last = -1;
  for (let i = 0; i < 40; i += 1) {
    const y = await page.evaluate(() => new Promise((r) => setTimeout(() => r(window.scrollY), 100)));
    if (y === last) return y;
    last = y;
  }
  return last;
}

/** The view a URL shows: its query without `embed`, as sorted pairs. */
function viewOf(href) {
  const params = new URL(href).searchParams;
  params.delete('embed');
  return [...params].sort();
}

test('embed=1 shows the compact chrome: no header, search and filters behind buttons, the credit line', async () => {
  const page = await newPage(suite.browser, { viewport: { width: 390, height: 600 } });
  await page.goto(`${suite.server.url}?type=platform&embed=1`);
  await waitReady(page);
  assert.equal(await page.locator('header.topbar').count(), 0, 'no page header in a frame');
  assert.equal(await page.locator('h1').count(), 1, 'the page keeps one (visually hidden) heading');
  assert.equal(await page.locator('[data-testid="lang-switch"]').count(), 0);

  // Search: behind its button on a narrow frame; the field gets the focus.
  const input = page.locator('[data-testid="search-input"]');
  assert.equal(await input.isVisible(), false);
  const searchToggle = page.locator('[data-testid="search-toggle"]');
  assert.equal(await searchToggle.getAttribute('aria-expanded'), 'false');
  await searchToggle.click();
  await input.waitFor({ state: 'visible' });
  assert.equal(await searchToggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search-input');
  await input.fill('decidim');
  assert.ok((await visibleCount(page)).actors < 22, 'the search filters the map');
  await page.locator('[data-testid="search-close"]').click();
  await input.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search-toggle');
  await searchToggle.click();
  await input.fill('');
  await input.press('Escape');
  await input.waitFor({ state: 'hidden' });

  // Filters: a drawer behind their button, with the active count as a badge.
  const panel = page.locator('[data-testid="filter-panel"]');
  const filtersToggle = page.locator('[data-testid="filters-toggle"]');
  assert.equal(await panel.isVisible(), false);
  assert.match(await filtersToggle.innerText(), /1/, 'one active filter value');
  await filtersToggle.click();
  await panel.waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'filters-toggle');

  const credit = await page.locator('[data-testid="embed-credit"]').innerText();
  assert.match(credit, /Observatoire des civic tech/);
  assert.match(credit, /ODbL/);
  await screenshot(page, 'embed-390x600');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('a wide frame shows the search field inline and keeps the filters behind their button', async () => {
  const page = await newPage(suite.browser, { viewport: DESKTOP });
  await page.goto(`${suite.server.url}?embed=1&lang=en`);
  await waitReady(page);
  assert.equal(await page.locator('[data-testid="search-input"]').isVisible(), true);
  assert.equal(await page.locator('[data-testid="search-toggle"]').isVisible(), false);
  assert.equal(await page.locator('[data-testid="filter-panel"]').isVisible(), false);
  await page.locator('[data-testid="filters-toggle"]').click();
  await page.locator('[data-testid="filter-panel"]').waitFor({ state: 'visible' });
  assert.match(await page.locator('[data-testid="embed-credit"]').innerText(), /^Source: /);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('"Open the full map" opens the standalone map in a new tab with the same view', async () => {
  const { page, frame, map } = await hostPage('type=platform&actor=decidim&lang=en', { w: 320, h: 400 });
  const link = map.locator('[data-testid="open-full-map"]');
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.deepEqual((await link.getAttribute('rel')).split(/\s+/).sort(), ['noopener', 'noreferrer']);
  assert.match(await link.innerText(), /Full map/, 'the short text on a narrow frame');
  const frameSrc = frame.url();
  const href = await link.getAttribute('href');
  assert.equal(new URL(href).searchParams.has('embed'), false, 'the full map is not in embed mode');
  // The same view, plus the dataset's version the link was made with
  // (product.md, `v`: written into the links the map hands out).
  const version = JSON.parse(readFileSync(join(ROOT, 'static', 'data', 'civic-tech-fr.json'), 'utf8')).meta.version;
  assert.equal(new URL(href).searchParams.get('v'), version);
  assert.deepEqual(viewOf(href).filter(([k]) => k !== 'v'), viewOf(frameSrc));
  const framed = await visibleCount(map);
  await screenshot(page, 'embed-320x400-host');

  const [full] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await waitReady(full);
  assert.equal(await full.locator('header.topbar').count(), 1, 'the standalone map has its header');
  assert.equal(await full.evaluate(() => window.opener), null, 'noopener');
  assert.deepEqual(viewOf(full.url()), viewOf(frameSrc));
  assert.deepEqual(await visibleCount(full), framed);
  assert.equal(await full.locator('[data-testid="actor-panel"]').getAttribute('data-actor-id'), 'decidim');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('in a frame, selecting actors never adds entries to the host page\'s history', async () => {
  const { page, frame, map } = await hostPage('type=association', { w: 900, h: 600 });
  const before = await page.evaluate(() => history.length);
  const input = map.locator('[data-testid="search-input"]');
  for (const [q, id] of [['democratie ouverte', 'democratie-ouverte'], ['regards', 'regards-citoyens']]) {
    // With the actor card open, the map is narrower: the search goes behind its button.
    if (!(await input.isVisible())) await map.locator('[data-testid="search-toggle"]').click();
    await input.fill(q);
    await map.locator('[data-testid="search-suggestion"]').first().waitFor({ state: 'visible' });
    await input.press('Enter');
    await map.locator(`[data-testid="actor-panel"][data-actor-id="${id}"]`).waitFor();
  }
  assert.match(frame.url(), /actor=regards-citoyens/, 'the frame\'s address follows the selection');
  assert.equal(await page.evaluate(() => history.length), before, 'replaceState only, never pushState');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('a plain wheel over the frame scrolls the host page; Ctrl + wheel, or a click first, zooms the map', async () => {
  const { page, map } = await hostPage('type=association');
  const box = await page.locator('#map').boundingBox();
  const over = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(over.x, over.y);
  const canvas = map.locator('[data-testid="map-canvas"]');
  assert.equal(await canvas.getAttribute('data-gestures'), 'cooperative');
  const zoom0 = await zoomOf(map);

  await page.mouse.wheel(0, 240);
  await page.waitForFunction(() => window.scrollY > 0, null, { timeout: 5_000 });
  const hint = map.locator('[data-testid="map-hint"]');
  await map.locator('[data-testid="map-hint"].visible').waitFor();
  assert.equal(await hint.getAttribute('data-hint'), 'wheel');
  assert.match(await hint.innerText(), /Ctrl \+ molette pour zoomer/);
  assert.equal(await hint.getAttribute('aria-hidden'), 'true');
  assert.equal(await zoomOf(map), zoom0, 'the map did not zoom');
  await screenshot(page, 'embed-wheel-hint');
  await map.locator('[data-testid="map-hint"]:not(.visible)').waitFor({ timeout: 5_000 });

  // Ctrl + wheel zooms the map and leaves the page where it is.
  const box2 = await page.locator('#map').boundingBox();
  await page.mouse.move(box2.x + box2.width / 2, box2.y + box2.height / 2);
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -240);
  await page.keyboard.up('Control');
  await map.locator('[data-testid="map-canvas"]').evaluate(
    (c, z) => new Promise((resolve) => {
      const check = () => (Number(c.dataset.zoom) > z ? resolve() : requestAnimationFrame(check));
      check();
    }),
    zoom0,
  );
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'Ctrl + wheel does not scroll the page');

  // A click into the map activates it: a plain wheel zooms, until the pointer leaves.
  await page.mouse.click(box2.x + 8, box2.y + box2.height - 60);
  assert.equal(await canvas.getAttribute('data-gestures'), 'active');
  const zoom1 = await zoomOf(map);
  await page.mouse.wheel(0, -240);
  await page.waitForTimeout(200);
  assert.ok((await zoomOf(map)) > zoom1, 'an active map zooms on a plain wheel');
  assert.equal(await page.evaluate(() => window.scrollY), scrolled);
  await page.mouse.move(box2.x - 5, box2.y - 5);
  // Leaving the map deactivates it.
  await map.locator('[data-testid="map-canvas"][data-gestures="cooperative"]').waitFor({ timeout: 5_000 });
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the list view scrolls inside the frame, then hands the scroll on to the host page', async () => {
  const { page, map } = await hostPage('view=list', { w: 390, h: 600 });
  await map.locator('[data-testid="actor-row"]').first().waitFor();
  const box = await page.locator('#map').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 30 && (await page.evaluate(() => window.scrollY)) === 0; i += 1) {
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(150);
  }
  assert.ok(await map.locator('.view-scroll').evaluate((e) => e.scrollTop > 0), 'the list scrolled first');
  assert.ok((await page.evaluate(() => window.scrollY)) > 0, 'then the host page');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('on a touch screen one finger scrolls the host page and two fingers zoom the map', async () => {
  const { page, map } = await hostPage('', { w: 360, h: 420, viewport: PHONE, hasTouch: true, isMobile: true });
  const box = await page.locator('#map').boundingBox();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const zoom0 = await zoomOf(map);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: points.map(([px, py], id) => ({ x: px, y: py, id })),
  });

  // One finger, upwards: the page scrolls, the map stays, the hint says "two fingers".
  await touch('touchStart', [[x, y]]);
  for (let i = 1; i <= 10; i += 1) await touch('touchMove', [[x, y - 15 * i]]);
  await touch('touchEnd', []);
  await page.waitForFunction(() => window.scrollY > 40, null, { timeout: 5_000 });
  assert.equal(await zoomOf(map), zoom0, 'one finger does not move the map');
  const hint = map.locator('[data-testid="map-hint"]');
  assert.equal(await hint.getAttribute('data-hint'), 'touch');
  assert.match(await hint.innerText(), /deux doigts/);

  // Two fingers spreading apart: the map zooms, the page stays.
  const scrolled = await settledScroll(page);
  const b = await page.locator('#map').boundingBox();
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  await touch('touchStart', [[cx - 20, cy], [cx + 20, cy]]);
  for (let i = 1; i <= 10; i += 1) await touch('touchMove', [[cx - 20 - 8 * i, cy], [cx + 20 + 8 * i, cy]]);
  await touch('touchEnd', []);
  await page.waitForTimeout(200);
  assert.ok((await zoomOf(map)) > zoom0 * 1.5, 'a pinch zooms the map');
  assert.equal(await settledScroll(page), scrolled, 'a pinch does not scroll the page');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('Tab goes from the host page into the frame, through it, and out again', async () => {
  const { page, frame } = await hostPage('type=association', { w: 390, h: 600 });
  await page.locator('#before').focus();
  const path = [];
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
    if (where === 'map') {
      const inner = await frame.evaluate(() => {
        const a = document.activeElement;
        return a?.dataset?.testid ?? a?.tagName;
      });
      path.push(`map:${inner}`);
    } else {
      path.push(where);
      if (where === 'after') break;
    }
  }
  assert.equal(path.at(-1), 'after', `focus leaves the frame: ${path.join(' → ')}`);
  for (const stop of ['search-toggle', 'filters-toggle', 'map-canvas', 'zoom-in', 'open-full-map']) {
    assert.ok(path.includes(`map:${stop}`), `${stop} is on the way: ${path.join(' → ')}`);
  }
  assert.ok(!path.some((p) => p.startsWith('map:facet-')), 'the closed filter drawer is skipped');
  assert.ok(!path.includes('map:search-input'), 'the closed search bar is skipped');
  // And back out the other way.
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Shift+Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'before')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'before', 'Shift + Tab leaves it too');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the embed dialog gives a snippet that, pasted into a blank page, shows the same view', async () => {
  const page = await newPage(suite.browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`${suite.server.url}?type=association,platform&link=funds,partners-with&year=2016`);
  await waitReady(page);
  const shown = await visibleCount(page);

  const opener = page.locator('[data-testid="embed-button"]');
  await opener.click();
  const dialog = page.locator('[data-testid="embed-dialog"]');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await dialog.getAttribute('role'), 'dialog');
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  const labelId = await dialog.getAttribute('aria-labelledby');
  assert.equal(await page.locator(`#${labelId}`).innerText(), 'Intégrer cette carte');
  assert.ok(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="embed-dialog"]')),
    'the focus moves into the dialog');

  // A bad height is refused with a message; the copy button waits for a good one.
  const snippetBox = page.locator('[data-testid="embed-snippet"]');
  await page.locator('[data-testid="embed-size-fixed"]').check();
  const height = page.locator('[data-testid="embed-height"]');
  await height.fill('grand');
  await page.locator('[data-testid="embed-height-error"]').waitFor();
  assert.equal(await height.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('[data-testid="embed-copy"]').isDisabled(), true);
  await height.fill('480');
  await page.locator('[data-testid="embed-height-error"]').waitFor({ state: 'detached' });
  await page.locator('[data-testid="embed-lang-en"]').check();
  const code = await snippetBox.inputValue();
  assert.match(code, /^<iframe\n/);
  assert.match(code, /title="Interactive map: The French civic tech ecosystem"/);
  assert.match(code, /loading="lazy"/);
  assert.match(code, /allow="clipboard-write"/);
  assert.match(code, /height:480px/);
  const preview = page.locator('[data-testid="embed-preview"]');
  const src = code.match(/src="([^"]*)"/)[1].replaceAll('&amp;', '&');
  assert.equal(await preview.getAttribute('src'), src, 'the preview frames the snippet\'s own address');

  // Tab stays inside the dialog.
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="embed-dialog"]')),
      'Tab never leaves the modal dialog');
  }
  await page.locator('[data-testid="embed-copy"]').click();
  await page.locator('[data-testid="embed-copy-status"]', { hasText: 'Code copié' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  await screenshot(page, 'embed-dialog-desktop');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'embed-button');

  // Pasted into a blank page: the same view, in English, 480 px tall.
  const blank = await newPage(suite.browser);
  await blank.setContent(`<!doctype html><html><body>${code}</body></html>`);
  const frameEl = blank.locator('iframe');
  const frame = await (await frameEl.elementHandle()).contentFrame();
  await waitReady(frame);
  assert.deepEqual(
    { actors: (await visibleCount(frame)).actors, links: (await visibleCount(frame)).links },
    { actors: shown.actors, links: shown.links },
  );
  assert.equal((await frameEl.boundingBox()).height, 480);
  assert.equal(await frameEl.getAttribute('title'), 'Interactive map: The French civic tech ecosystem');
  assert.deepEqual(viewOf(frame.url()), viewOf(`${page.url()}&lang=en`));
  assert.equal(await frame.locator('header.topbar').count(), 0, 'in embed mode');
  assert.equal(await frame.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(unexpectedErrors(page), []);
  assert.deepEqual(unexpectedErrors(blank), []);
  await blank.closeAll();
  await page.closeAll();
});

/** What a map shows: its camera's zoom, where the selected actor is, its canvas size. */
function cameraOf(frame) {
  return frame.locator('[data-testid="map-canvas"]').evaluate((c) => ({
    zoom: Number(c.dataset.zoom),
    at: (c.dataset.selectedAt ?? '').split(',').map(Number),
    size: [c.clientWidth, c.clientHeight],
    framed: c.dataset.framed,
  }));
}

/** Polls `read` until two readings 300 ms apart agree (a camera flight ends). */
async function steady(read) {
  let last = JSON.stringify(await read());
  for (let i = 0; i < 30; i += 1) {
    await new Promise((r) => setTimeout(r, 300));
    const now = JSON.stringify(await read());
    if (now === last) return JSON.parse(now);
    last = now;
  }
  throw new Error(`never steady: ${last}`);
}

test('the embed dialog\'s preview shows exactly what the snippet shows, after its frame resizes too', async () => {
  // The selected actor of a big map is centred; a small map is framed.
  for (const query of ['actor=decidim', 'actor=cap-collectif&depth=1&type=platform']) {
    const page = await newPage(suite.browser);
    await page.goto(`${suite.server.url}?${query}`);
    await waitReady(page);
    await page.locator('[data-testid="embed-button"]').click();
    const previewEl = page.locator('[data-testid="embed-preview"]');
    const preview = await (await previewEl.elementHandle()).contentFrame();
    await waitReady(preview);
    for (const height of [null, 300, 640]) {
      if (height) {
        await page.locator('[data-testid="embed-size-fixed"]').check();
        await page.locator('[data-testid="embed-height"]').fill(String(height));
        await preview.waitForFunction((h) => window.innerHeight === h, height);
      }
      const shown = await steady(() => cameraOf(preview));
      // The snippet's map, loaded at the preview frame's size.
      const [width, h] = await preview.evaluate(() => [window.innerWidth, window.innerHeight]);
      const alone = await newPage(suite.browser, { viewport: { width, height: h } });
      await alone.goto(await previewEl.getAttribute('src'));
      await waitReady(alone);
      const snippet = await steady(() => cameraOf(alone));
      const where = `${query}, ${width} × ${h}`;
      assert.deepEqual(shown.size, snippet.size, where);
      assert.ok(Math.abs(shown.zoom - snippet.zoom) <= 1e-3 * snippet.zoom, `zoom ${shown.zoom} vs ${snippet.zoom} (${where})`);
      for (const i of [0, 1]) {
        assert.ok(Math.abs(shown.at[i] - snippet.at[i]) <= 1, `selected actor at ${shown.at} vs ${snippet.at} (${where})`);
      }
      assert.equal(shown.framed, snippet.framed, where);
      await alone.closeAll();
    }
    assert.deepEqual(unexpectedErrors(page), []);
    await page.closeAll();
  }
});

test('the embed dialog on a phone: readable, nothing scrolls sideways', async () => {
  const page = await newPage(suite.browser, { viewport: PHONE, hasTouch: true, isMobile: true });
  await page.goto(`${suite.server.url}?type=platform`);
  await waitReady(page);
  await page.locator('[data-testid="embed-button"]').click();
  await page.locator('[data-testid="embed-dialog"]').waitFor({ state: 'visible' });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll');
  const box = await page.locator('[data-testid="embed-dialog"]').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, 'the dialog fits the screen');
  await screenshot(page, 'embed-dialog-phone');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
