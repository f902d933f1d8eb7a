// Journeys around language and the map's keyboard basics.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appSuite, DEFAULT_ACTORS, newPage, queryOf, screenshot, unexpectedErrors,
  visibleCount, waitReady,
} from './helpers.mjs';

const suite = appSuite();

test('lang=en shows English labels and <html lang="en">', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?lang=en`);
  await waitReady(page);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  const count = await visibleCount(page);
  assert.match(count.text, new RegExp(`^${DEFAULT_ACTORS} actors · ${count.links} links$`));
  const panelText = await page.locator('[data-testid="filter-panel"]').innerText();
  assert.match(panelText, /Association/);
  assert.doesNotMatch(panelText, /Plateforme|Collectivité/, 'French labels left in the English filter panel');
  await screenshot(page, 'desktop-en');

  // The switch goes back to French and drops lang from the URL (French is the default).
  await page.locator('[data-testid="lang-switch"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.match((await visibleCount(page)).text, /acteurs/);
  assert.equal(queryOf(page).lang, undefined);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

// The axe audits of every view × language × theme × viewport are in a11y.test.mjs.

test('the map is usable by keyboard: the canvas is one tab stop and zoom buttons work', async () => {
  const page = await newPage(suite.browser);
  await page.goto(suite.server.url);
  await waitReady(page);
  const canvas = page.locator('canvas[data-testid="map-canvas"]');
  assert.equal(await canvas.getAttribute('tabindex'), '0');
  for (const id of ['zoom-in', 'zoom-out', 'zoom-fit']) {
    const button = page.locator(`[data-testid="${id}"]`);
    assert.ok((await button.getAttribute('aria-label')) || (await button.innerText()).trim(), `${id} has no name`);
    await button.click();
  }
  assert.equal((await visibleCount(page)).actors, DEFAULT_ACTORS);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
