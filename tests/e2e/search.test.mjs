// Journeys around finding an actor: search without accents, the actor panel,
// its neighbours, and the focus depth.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appSuite, newPage, queryOf, screenshot, unexpectedErrors, visibleCount, waitReady,
} from './helpers.mjs';
import { loadDataset, neighbourhood } from './dataset.mjs';

let dataset;
const suite = appSuite(async ({ server }) => {
  dataset = await loadDataset(server.url);
});

test('searching "democratie" and pressing Enter opens the panel of Démocratie Ouverte', async () => {
  const page = await newPage(suite.browser);
  await page.goto(suite.server.url);
  await waitReady(page);
  const input = page.locator('input[data-testid="search-input"]');
  assert.equal(await input.getAttribute('type'), 'search');
  await input.fill('democratie');
  const first = page.locator('[data-testid="search-suggestion"]').first();
  await first.waitFor({ state: 'visible' });
  assert.equal(await first.getAttribute('data-actor-id'), 'democratie-ouverte');
  await input.press('Enter');
  const panel = page.locator('[data-testid="actor-panel"]');
  await panel.waitFor({ state: 'visible' });
  assert.equal(await panel.getAttribute('data-actor-id'), 'democratie-ouverte');
  assert.equal((await panel.locator('h2').innerText()).trim(), 'Démocratie Ouverte');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('actor') === 'democratie-ouverte');
  await screenshot(page, 'desktop-actor-panel');

  // Its neighbours are listed, and they are the actors linked to it in the dataset.
  const expected = [...neighbourhood(dataset, 'democratie-ouverte', 1)].filter((id) => id !== 'democratie-ouverte');
  const listed = await panel.locator('[data-testid="neighbour"]').evaluateAll(
    (els) => els.map((e) => e.getAttribute('data-actor-id')),
  );
  assert.deepEqual([...new Set(listed)].sort(), expected.sort());

  // Focus depth 1 keeps the actor and its direct neighbours.
  await panel.locator('[data-testid="depth-select"]').selectOption('1');
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="visible-count"]')?.dataset.actors) === n,
    expected.length + 1,
  );
  assert.equal(queryOf(page).depth, '1');

  // Clicking a neighbour moves the selection to it.
  const neighbourId = expected[0];
  await panel.locator(`[data-testid="neighbour"][data-actor-id="${neighbourId}"]`).first().click();
  await page.waitForFunction(
    (id) => document.querySelector('[data-testid="actor-panel"]')?.dataset.actorId === id,
    neighbourId,
  );
  await page.locator('[data-testid="actor-panel-close"]').click();
  await panel.waitFor({ state: 'detached' });
  assert.equal(queryOf(page).actor, undefined);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('a picked search leaves a new, empty box with the focus, ready for the next search', async () => {
  // The browser keeps what was typed into an input for its undo history
  // until the input leaves the page: a new box per search keeps a kiosk's
  // search box from holding every search typed into it (docs/soak.md).
  const page = await newPage(suite.browser);
  await page.goto(suite.server.url);
  await waitReady(page);
  const input = page.locator('input[data-testid="search-input"]');
  await input.evaluate((e) => { e.dataset.before = 'yes'; });
  await input.fill('democratie');
  await page.locator('[data-testid="search-suggestion"]').first().waitFor({ state: 'visible' });
  await input.press('Enter');
  await page.locator('[data-testid="actor-panel"][data-actor-id="democratie-ouverte"]').waitFor();
  // The new box takes the focus after the render that shows the panel (an
  // effect), so wait for it a little before saying where the focus is.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'search-input', null, { timeout: 3_000 })
    .catch(() => {});
  const focused = await page.evaluate(() => {
    const e = document.activeElement;
    return { testid: e?.dataset.testid, before: e?.dataset.before ?? null, value: e?.value };
  });
  assert.deepEqual(focused, { testid: 'search-input', before: null, value: '' });
  // Typing goes on in the new box.
  await page.keyboard.type('decidim');
  const first = page.locator('[data-testid="search-suggestion"]').first();
  await first.waitFor({ state: 'visible' });
  // The list follows each keystroke: on a slow machine the first one drawn
  // may still be the one for "deci" (Décider ensemble first), so give the
  // last keystroke's list a moment before saying what comes first.
  await page.waitForFunction(() => document.querySelector('[data-testid="search-suggestion"]')?.dataset.actorId === 'decidim', null, { timeout: 3_000 })
    .catch(() => {});
  assert.equal(await first.getAttribute('data-actor-id'), 'decidim');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('an alias finds its actor: "dinsic" finds the DINUM', async () => {
  const page = await newPage(suite.browser);
  await page.goto(suite.server.url);
  await waitReady(page);
  await page.locator('input[data-testid="search-input"]').fill('dinsic');
  const first = page.locator('[data-testid="search-suggestion"]').first();
  await first.waitFor({ state: 'visible' });
  assert.equal(await first.getAttribute('data-actor-id'), 'dinum');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('a shared actor URL opens the same panel', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?actor=democratie-ouverte`);
  await waitReady(page);
  const panel = page.locator('[data-testid="actor-panel"]');
  await panel.waitFor({ state: 'visible' });
  assert.equal(await panel.getAttribute('data-actor-id'), 'democratie-ouverte');
  assert.equal((await visibleCount(page)).actors, dataset.actors.length);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
