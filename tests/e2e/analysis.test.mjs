// view=analysis: from a URL and from the fifth tab, the round trip through
// the address bar, the charts' tables against the dataset file and the
// filter panel, the ranking's measure select (size=), axe in both languages
// and themes, another dataset through data=; and the filter panel's two
// path boxes, which set path= (the `path` hook).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import {
  appSuite, DEFAULT_ACTORS, PHONE, newPage, queryOf, screenshot, unexpectedErrors, waitReady,
} from './helpers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATASET = JSON.parse(readFileSync(join(ROOT, 'static', 'data', 'civic-tech-fr.json'), 'utf8'));
const suite = appSuite();

/** `{id: count}` of a count table of the analysis view. */
async function tableCounts(page, which) {
  const rows = page.locator(`[data-testid="analysis-${which}"] [data-testid="count-row"]`);
  const out = {};
  for (const r of await rows.all()) out[await r.getAttribute('data-id')] = Number(await r.getAttribute('data-count'));
  return out;
}

test('view=analysis from a URL: counts per type match the file and the filter panel', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?view=analysis`);
  await page.locator('[data-testid="analysis"]').waitFor();
  assert.equal(await page.locator('#view-tab-analysis').getAttribute('aria-selected'), 'true');
  const types = await tableCounts(page, 'types');
  const fromFile = {};
  for (const a of DATASET.actors) fromFile[a.type] = (fromFile[a.type] ?? 0) + 1;
  for (const [id, n] of Object.entries(types)) {
    assert.equal(n, fromFile[id] ?? 0, id);
    const panel = await page.locator(`label[for="facet-type-${id}"] .facet-count`).innerText();
    assert.equal(Number(panel.replace(/\D/g, '')), n, `panel ${id}`);
  }
  assert.equal(Object.values(types).reduce((a, b) => a + b, 0), DEFAULT_ACTORS);
  const objectives = await tableCounts(page, 'objectives');
  for (const [id, n] of Object.entries(objectives)) {
    assert.equal(n, DATASET.actors.filter((a) => (a.objectives ?? []).includes(id)).length, id);
  }
  // The ten most central by degree: the first has the most distinct neighbours.
  const central = page.locator('[data-testid="central-actor"]');
  assert.equal(await central.count(), 10);
  const neighbours = new Map(DATASET.actors.map((a) => [a.id, new Set()]));
  for (const l of DATASET.links) {
    if (l.source === l.target) continue;
    neighbours.get(l.source).add(l.target);
    neighbours.get(l.target).add(l.source);
  }
  const max = Math.max(...[...neighbours.values()].map((s) => s.size));
  const first = await central.first().getAttribute('data-actor-id');
  assert.equal(neighbours.get(first).size, max);
  assert.match(await central.first().innerText(), new RegExp(`lié à ${max} acteurs`));
  // Growth: a year's total is what the map shows under year= (less the undated).
  const row = page.locator('[data-testid="growth-row"][data-year="2015"]');
  const total = Number(await row.getAttribute('data-total'));
  const present = DATASET.actors.filter((a) => a.founded !== undefined && a.founded <= 2015
    && (a.dissolved === undefined || a.dissolved >= 2015)).length;
  assert.equal(total, present);
  assert.ok(await page.locator('.growth-chart .event-tick').count() > 10);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('from the tab, the measure select sets size=, and the address bar brings it all back', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?type=association&lang=en`);
  await waitReady(page);
  await page.click('#view-tab-analysis');
  await page.locator('[data-testid="analysis"]').waitFor();
  assert.equal(queryOf(page).view, 'analysis');
  const types = await tableCounts(page, 'types');
  assert.equal(types.association, DATASET.actors.filter((a) => a.type === 'association').length);
  assert.ok(Object.entries(types).every(([id, n]) => id === 'association' || n === 0));
  await page.selectOption('[data-testid="analysis-measure"]', 'betweenness');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('size') === 'betweenness');
  assert.equal(await page.locator('[data-testid="analysis-central"]').getAttribute('data-measure'), 'betweenness');
  assert.match(await page.locator('[data-testid="central-actor"]').first().innerText(), /connects \d+/);
  const url = page.url();
  const again = await newPage(suite.browser);
  await again.goto(url);
  await again.locator('[data-testid="analysis"]').waitFor();
  assert.equal(await again.locator('[data-testid="analysis-measure"]').inputValue(), 'betweenness');
  assert.deepEqual(await tableCounts(again, 'types'), types);
  assert.equal(await again.locator('#view-tab-analysis').innerText(), 'Analysis');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
  await again.closeAll();
});

test('data= with another dataset: its own counts, facts and growth', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?data=e2e/tiny.json&view=analysis&size=betweenness`);
  await page.locator('[data-testid="analysis"]').waitFor();
  const central = page.locator('[data-testid="central-actor"]');
  assert.equal(await central.count(), 1);
  assert.equal(await central.getAttribute('data-actor-id'), 'alpha');
  assert.match(await central.innerText(), /relie 2 acteurs qui ne sont pas liés entre eux/);
  const rows = page.locator('[data-testid="growth-row"]');
  const totals = {};
  for (const r of await rows.all()) totals[await r.getAttribute('data-year')] = await r.getAttribute('data-total');
  assert.equal(totals['2010'], '1');
  assert.equal(totals['2014'], '2');
  assert.match(await page.locator('[data-testid="growth-summary"]').innerText(), /1 acteur sans année/);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the path boxes set path= (the hook), and emptying one clears it', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}`);
  await waitReady(page);
  await page.fill('[data-testid="path-from-input"]', 'cap collectif');
  await page.locator('[data-testid="path-from-suggestion"]').first().click();
  await page.fill('[data-testid="path-to-input"]', 'dinum');
  await page.locator('[data-testid="path-to-suggestion"]').first().click();
  const hook = page.locator('[data-testid="path"]');
  await hook.waitFor();
  assert.equal(queryOf(page).path, 'cap-collectif~dinum');
  const chain = (await hook.getAttribute('data-actors')).split(' ');
  assert.equal(chain[0], 'cap-collectif');
  assert.equal(chain.at(-1), 'dinum');
  assert.equal(Number(await hook.getAttribute('data-length')), chain.length - 1);
  // A path from the address fills both boxes.
  await page.goto(`${suite.server.url}?path=decidim~cap-collectif`);
  await waitReady(page);
  assert.equal(await page.inputValue('[data-testid="path-from-input"]'), 'Decidim');
  assert.equal(await page.inputValue('[data-testid="path-to-input"]'), 'Cap Collectif');
  await page.fill('[data-testid="path-to-input"]', '');
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('path'));
  assert.equal(await hook.count(), 0);
  assert.equal(await page.inputValue('[data-testid="path-from-input"]'), 'Decidim');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

for (const lang of ['fr', 'en']) {
  for (const theme of ['light', 'dark']) {
    test(`axe: the analysis view, ${lang}, ${theme}, desktop and phone (tables open)`, async () => {
      for (const options of [{}, { viewport: PHONE, isMobile: true, hasTouch: true }]) {
        const page = await newPage(suite.browser, options);
        await page.goto(`${suite.server.url}?view=analysis&lang=${lang}&theme=${theme}`);
        await page.locator('[data-testid="analysis"]').waitFor();
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
        const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        assert.deepEqual(serious, []);
        await screenshot(page, `analysis-${lang}-${theme}-${options.viewport ? 'phone' : 'desktop'}`);
        assert.deepEqual(unexpectedErrors(page), []);
        await page.closeAll();
      }
    });
  }
}

test('framed, the analysis view sends civicmap:resize with its natural height', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}e2e/host-views.html?map=${encodeURIComponent('view=analysis')}`);
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'civicmap:resize'), null, { timeout: 30_000 });
  // The view grows when its measures arrive (central actors, communities):
  // size the frame as a host does, by the newest height, until no newer
  // one comes (the first height alone raced with the measures).
  const newest = () => page.evaluate(() => window.__msgs.filter((m) => m.type === 'civicmap:resize').at(-1).height);
  let height = await newest();
  for (let i = 0; i < 10; i += 1) {
    await page.locator('#map').evaluate((f, h) => { f.height = String(h); }, height);
    await page.waitForTimeout(500);
    const next = await newest();
    if (next === height) break;
    height = next;
  }
  assert.ok(Number.isInteger(height) && height > 1500, `the analysis is long: ${height}px`);
  const scroller = page.frameLocator('#map').locator('.view-scroll');
  const { scroll, client } = await scroller.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
  assert.ok(scroll <= client + 1, `no inner scrolling: ${scroll} > ${client}`);
  await page.closeAll();
});
