// Small filtered maps (issue 13, item 2): the camera frames the visible
// actors clear of the page's controls after each filter change, every
// visible actor that fits gets its label, and the desktop header keeps the
// dataset's whole title. The canvas says how it frames what it shows:
// `data-framed="shown/visible"` (actors drawn on the canvas and under none
// of the controls over it) and `data-labels` (names written).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appSuite, DESKTOP, newPage, PHONE, screenshot, unexpectedErrors, waitReady,
} from './helpers.mjs';

const suite = appSuite();
const CANVAS = 'canvas[data-testid="map-canvas"]';

/** Waits until the camera has stopped and every visible actor is framed; returns the canvas's figures. */
async function framed(page, visible) {
  try {
    await page.waitForFunction(
      ([sel, n]) => {
        const c = document.querySelector(sel);
        return c?.dataset.framed === `${n}/${n}`;
      },
      [CANVAS, visible],
      { timeout: 10_000 },
    );
  } catch (e) {
    const got = await page.locator(CANVAS).getAttribute('data-framed');
    throw new Error(`not every visible actor is framed: data-framed="${got}", ${visible} visible (${e.message})`);
  }
  return page.locator(CANVAS).evaluate((c) => ({ labels: Number(c.dataset.labels), zoom: Number(c.dataset.zoom) }));
}

const visibleActors = (page) => page.locator('[data-testid="visible-count"]').getAttribute('data-actors').then(Number);

test('a focus with a type filter frames the focused actor and its neighbours, all named', async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const page = await newPage(suite.browser, { viewport });
    await page.goto(`${suite.server.url}?type=local-authority&actor=decider-ensemble&depth=1`);
    await waitReady(page);
    const n = await visibleActors(page);
    assert.ok(n >= 3, `Décider ensemble and the local authorities linked to it (${n})`);
    const { labels } = await framed(page, n);
    assert.equal(labels, n, 'every actor of the small map is named');
    await screenshot(page, `focus-framed-${viewport.width}`);
    assert.deepEqual(unexpectedErrors(page), []);
    await page.closeAll();
  }
});

test('an embedded map of one type on a phone frames its actors and names most of them', async () => {
  const page = await newPage(suite.browser, { viewport: PHONE, hasTouch: true, isMobile: true });
  await page.goto(`${suite.server.url}?embed=1&type=platform`);
  await waitReady(page);
  const n = await visibleActors(page);
  const { labels } = await framed(page, n);
  // 22 platforms on a 390 px map: the names that fit without overlapping
  // (two were written before small maps labelled every actor).
  assert.ok(labels >= Math.ceil(n / 2), `${labels} names for ${n} actors`);
  await screenshot(page, 'embed-platform-phone');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('after the visitor zoomed in, a filter change frames the visible actors again', async () => {
  const page = await newPage(suite.browser, { viewport: DESKTOP });
  await page.goto(suite.server.url);
  await waitReady(page);
  for (let i = 0; i < 5; i += 1) await page.getByTestId('zoom-in').click();
  await page.waitForTimeout(400);
  const zoomed = await page.locator(CANVAS).evaluate((c) => c.dataset.framed);
  const [shown, all] = zoomed.split('/').map(Number);
  assert.ok(shown < all, `zoomed in, some actors are off screen (${zoomed})`);
  await page.locator('input[type=checkbox][data-testid="facet-type-platform"]').check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'platform');
  await framed(page, await visibleActors(page));
  await page.locator('input[type=checkbox][data-testid="facet-type-local-authority"]').check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('type')?.includes('local-authority'));
  await framed(page, await visibleActors(page));
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('at 1280 px the header shows the dataset\'s whole title, in French and in English', async () => {
  for (const lang of ['fr', 'en']) {
    const page = await newPage(suite.browser, { viewport: DESKTOP });
    await page.goto(`${suite.server.url}?lang=${lang}`);
    await waitReady(page);
    const title = page.locator('.topbar h1');
    const { cut, text } = await title.evaluate((h) => ({ cut: h.scrollWidth > h.clientWidth + 0.5, text: h.textContent }));
    assert.equal(cut, false, `the title "${text}" is cut (${lang})`);
    // The buttons that show only their icon keep their words for screen readers.
    for (const id of ['export-button', 'embed-button', 'about-button']) {
      const name = await page.getByTestId(id).evaluate((b) => b.textContent.trim());
      assert.ok(name.length > 2, `${id} has a name (${lang})`);
    }
    await screenshot(page, `header-1280-${lang}`);
    await page.closeAll();
  }
});
