// Journeys around filtering and sharing: the filter panel, the URL it writes,
// and a shared URL reproducing the same view in a new page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appSuite, DEFAULT_ACTORS, newPage, queryOf, screenshot, unexpectedErrors,
  visibleCount, waitReady,
} from './helpers.mjs';
import { expectedCounts, loadDataset, pickTypeAndObjective } from './dataset.mjs';

let dataset;
const suite = appSuite(async ({ server }) => {
  dataset = await loadDataset(server.url);
});

async function waitForActors(page, n) {
  await page.waitForFunction(
    (want) => Number(document.querySelector('[data-testid="visible-count"]')?.dataset.actors) === want,
    n,
    { timeout: 10_000 },
  );
}

test('choosing a type and an objective narrows the map, updates the URL, and the URL reproduces the view', async () => {
  const { type, objective } = pickTypeAndObjective(dataset);
  const byType = expectedCounts(dataset, { type: [type] });
  const both = expectedCounts(dataset, { type: [type], objective: [objective] });

  const page = await newPage(suite.browser);
  await page.goto(suite.server.url);
  await waitReady(page);
  assert.equal((await visibleCount(page)).actors, DEFAULT_ACTORS);

  const typeBox = page.locator(`input[type=checkbox][data-testid="facet-type-${type}"]`);
  const objectiveBox = page.locator(`input[type=checkbox][data-testid="facet-objective-${objective}"]`);
  // The label shows how many actors that value alone would give.
  const typeLabel = await typeBox.evaluate((el) => (el.labels?.[0] ?? el.closest('label'))?.textContent ?? '');
  assert.match(typeLabel, new RegExp(`(?<!\\d)${byType.actors}(?!\\d)`), `label of ${type}: "${typeLabel}"`);

  await typeBox.check();
  await waitForActors(page, byType.actors);
  assert.equal((await visibleCount(page)).links, byType.links);
  await objectiveBox.check();
  await waitForActors(page, both.actors);
  const count = await visibleCount(page);
  assert.equal(count.links, both.links);
  assert.match(count.text, new RegExp(`^${both.actors} acteurs? · ${both.links} liens?$`));
  await page.waitForFunction(() => new URL(location.href).searchParams.has('objective'));
  const query = queryOf(page);
  assert.equal(query.type, type);
  assert.equal(query.objective, objective);
  await screenshot(page, 'desktop-filtered');

  // A visitor opens the shared link in a new page: same count, same boxes ticked.
  const shared = await newPage(suite.browser);
  await shared.goto(page.url());
  await waitReady(shared);
  assert.deepEqual(await visibleCount(shared), count);
  assert.equal(await shared.locator(`[data-testid="facet-type-${type}"]`).isChecked(), true);
  assert.equal(await shared.locator(`[data-testid="facet-objective-${objective}"]`).isChecked(), true);
  const otherType = dataset.taxonomy.actor_types.find((t) => t.id !== type);
  assert.equal(await shared.locator(`[data-testid="facet-type-${otherType.id}"]`).isChecked(), false);

  // Clearing the filters gives everything back and a bare URL.
  await shared.locator('[data-testid="clear-filters"]').click();
  await waitForActors(shared, DEFAULT_ACTORS);
  await shared.waitForFunction(() => !new URL(location.href).searchParams.has('type'));

  assert.deepEqual(unexpectedErrors(page), []);
  assert.deepEqual(unexpectedErrors(shared), []);
  await page.closeAll();
  await shared.closeAll();
});

test('the year slider shows the ecosystem as it stood that year, and year-clear goes back', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?year=2012`);
  await waitReady(page);
  const in2012 = (await visibleCount(page)).actors;
  assert.ok(in2012 < DEFAULT_ACTORS, `in 2012 fewer actors than ${DEFAULT_ACTORS} existed (shown: ${in2012})`);
  const slider = page.locator('input[type=range][data-testid="year-slider"]');
  assert.equal(await slider.inputValue(), '2012');
  await page.locator('[data-testid="year-clear"]').click();
  await waitForActors(page, DEFAULT_ACTORS);
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('year'));
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
