// Journeys around language and accessibility.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import {
  appSuite, DEFAULT_ACTORS, PHONE, newPage, queryOf, screenshot, unexpectedErrors,
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

for (const [name, options] of [
  ['desktop', {}],
  ['phone', { viewport: PHONE, isMobile: true, hasTouch: true }],
]) {
  test(`no serious or critical accessibility violation (axe, WCAG 2.1 AA, ${name})`, async () => {
    const page = await newPage(suite.browser, options);
    await page.goto(suite.server.url);
    await waitReady(page);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(serious, []);
    assert.deepEqual(unexpectedErrors(page), []);
    await page.closeAll();
  });
}

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
