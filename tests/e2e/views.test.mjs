// Journeys through the views (issue 5): the view switcher, the list view
// (the graph's text twin), the stakes view and its filter, and the
// `civicmap:resize` message a framed text view sends its host.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import {
  appSuite, DEFAULT_ACTORS, PHONE, newPage, queryOf, screenshot, unexpectedErrors,
  visibleCount, waitReady,
} from './helpers.mjs';
import { loadDataset } from './dataset.mjs';

let dataset;
const suite = appSuite(async ({ server }) => {
  dataset = await loadDataset(server.url);
});

const rows = (page) => page.locator('[data-testid="actor-row"]');
const rowIds = (page) => rows(page).evaluateAll((els) => els.map((e) => e.dataset.actorId));
const tab = (page, view) => page.locator(`[data-testid="view-tab"][data-view="${view}"]`);
const search = (page) => new URL(page.url()).search;

async function waitForActors(page, n) {
  await page.waitForFunction(
    (want) => Number(document.querySelector('[data-testid="visible-count"]')?.dataset.actors) === want,
    n,
    { timeout: 10_000 },
  );
}

/** Ids of the actors a plain reading of product.md keeps for `type`, `year`, `stake`. */
function expectedIds({ type, year, stake }) {
  const members = stake ? new Set(dataset.stakes.find((s) => s.id === stake).actors) : null;
  return dataset.actors
    .filter((a) => !type || type.includes(a.type))
    .filter((a) => year === undefined
      || ((a.founded ?? -Infinity) <= year && (a.dissolved ?? Infinity) >= year))
    .filter((a) => !members || members.has(a.id))
    .map((a) => a.id)
    .sort();
}

// URL states of the map: the list must show exactly the actors the graph counts.
const STATES = [
  { query: '', expect: {} },
  { query: 'year=2010', expect: { year: 2010 } },
  { query: 'type=association,platform', expect: { type: ['association', 'platform'] } },
  { query: 'stake=business-model', expect: { stake: 'business-model' } },
  { query: 'type=startup&year=2016', expect: { type: ['startup'], year: 2016 } },
  { query: 'q=democratie' },
  { query: 'actor=decidim&depth=2' },
  { query: 'type=association&actor=decider-ensemble&depth=1' },
];

test('the list shows exactly the actors the graph counts, for every kind of filter', async () => {
  const page = await newPage(suite.browser);
  for (const { query, expect } of STATES) {
    await page.goto(`${suite.server.url}${query ? `?${query}` : ''}`);
    await waitReady(page);
    const graph = await visibleCount(page);
    assert.ok(graph.actors > 0, `${query}: something is visible`);
    await tab(page, 'list').click();
    await rows(page).first().waitFor();
    const ids = await rowIds(page);
    assert.equal(ids.length, graph.actors, `${query}: rows vs visible-count`);
    assert.equal(new Set(ids).size, ids.length, `${query}: no actor twice`);
    assert.deepEqual(await visibleCount(page), graph, `${query}: switching views changes no count`);
    if (expect) assert.deepEqual([...ids].sort(), expectedIds(expect), `${query}: the ids`);
    // The URL keeps the state and adds view=list in its canonical place.
    const canonical = query ? `?${query}&view=list` : '?view=list';
    await page.waitForFunction((q) => location.search === q, canonical);
    // And the same URL, loaded fresh, gives the same list.
    await page.goto(`${suite.server.url}${canonical}`);
    await waitReady(page);
    await rows(page).first().waitFor();
    assert.deepEqual(await rowIds(page), ids, `${query}: a shared list URL`);
  }
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('sorting by founding year orders the rows, both ways, undated actors last', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?view=list`);
  await waitReady(page);
  await rows(page).first().waitFor();
  const founded = new Map(dataset.actors.map((a) => [a.id, a.founded ?? null]));
  const th = page.locator('th:has([data-column="founded"])');
  assert.equal(await th.getAttribute('aria-sort'), null);
  assert.equal(await page.locator('th:has([data-column="name"])').getAttribute('aria-sort'), 'ascending');

  await page.locator('[data-column="founded"]').click();
  await page.waitForFunction(() => document.querySelector('th:has([data-column="founded"])')?.getAttribute('aria-sort') === 'ascending');
  const check = (ids, dir) => {
    const years = ids.map((id) => founded.get(id));
    const dated = years.filter((y) => y !== null);
    const firstUndated = years.indexOf(null);
    assert.ok(firstUndated === -1 || years.slice(firstUndated).every((y) => y === null), 'undated last');
    for (let i = 1; i < dated.length; i += 1) {
      assert.ok(dir * (dated[i] - dated[i - 1]) >= 0, `${dir > 0 ? 'ascending' : 'descending'} at ${i}: ${dated[i - 1]} then ${dated[i]}`);
    }
    assert.ok(dated.length > 10);
  };
  const up = await rowIds(page);
  assert.equal(up.length, DEFAULT_ACTORS);
  check(up, 1);
  assert.equal(up[0], dataset.actors.filter((a) => a.founded).sort((a, b) => a.founded - b.founded)[0].id);
  assert.match(await page.locator('caption').innerText(), /création \(ordre croissant\)/);

  await page.locator('[data-column="founded"]').click();
  await page.waitForFunction(() => document.querySelector('th:has([data-column="founded"])')?.getAttribute('aria-sort') === 'descending');
  const down = await rowIds(page);
  check(down, -1);
  assert.equal(queryOf(page).view, 'list');
  assert.equal(Object.keys(queryOf(page)).join(), 'view', 'sorting is not in the URL');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('choosing a row selects its actor (mouse and keyboard), with its neighbourhood summarised', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?view=list&lang=en`);
  await waitReady(page);
  const row = page.locator('[data-testid="actor-row"][data-actor-id="cap-collectif"]');
  await row.locator('button').click();
  const panel = page.locator('[data-testid="actor-panel"]');
  await panel.waitFor({ state: 'visible' });
  assert.equal(await panel.getAttribute('data-actor-id'), 'cap-collectif');
  await page.waitForFunction(() => location.search === '?actor=cap-collectif&view=list&lang=en');
  assert.equal(await row.locator('button').getAttribute('aria-current'), 'true');
  const summary = await page.locator('[data-testid="list-summary"]').innerText();
  assert.match(summary, /^Cap Collectif — Start-up/);
  const n = dataset.links.filter((l) => l.source === 'cap-collectif' || l.target === 'cap-collectif').length;
  assert.match(summary, new RegExp(`${n} links: `));
  assert.match(summary, /operates|partners with|used by/);
  // The row count is the actor's visible links (the last number; the
  // community column follows it).
  assert.equal((await row.locator('td.num').last().innerText()).trim(), String(n));

  // Escape closes the card and gives the focus back to the row.
  await panel.locator('h2').click();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.closest('tr')?.dataset.actorId), 'cap-collectif');

  // Keyboard only: Tab to another row's button and press Enter.
  const other = page.locator('[data-testid="actor-row"][data-actor-id="decidim"] button');
  await other.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="actor-panel"]')?.dataset.actorId === 'decidim');
  assert.equal(queryOf(page).actor, 'decidim');
  await screenshot(page, 'list-selected-desktop');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the view tabs work by keyboard, keep the URL canonical, and the map keeps its layout', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?type=association`);
  await waitReady(page);
  const canvas = page.locator('canvas[data-testid="map-canvas"]');
  await canvas.evaluate((c) => { c.dataset.mark = 'same-canvas'; });
  assert.equal(await tab(page, 'graph').getAttribute('aria-selected'), 'true');
  assert.equal(await tab(page, 'list').getAttribute('tabindex'), '-1');

  await tab(page, 'graph').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => location.search === '?type=association&view=list');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.view), 'list');
  assert.equal(await tab(page, 'list').getAttribute('aria-selected'), 'true');
  await rows(page).first().waitFor();
  assert.equal(await canvas.isVisible(), false, 'the map is hidden under the list');

  await page.keyboard.press('End');
  await page.waitForFunction(() => location.search === '?type=association&view=analysis');
  await page.locator('[data-testid="analysis"]').waitFor();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => location.search === '?type=association&view=stakes');
  await page.locator('[data-testid="stakes-view"]').waitFor();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => location.search === '?type=association&view=timeline');
  await page.locator('[data-testid="timeline-view"]').waitFor();
  assert.ok(await page.locator('[data-testid="event"]').count() > 0, 'the timeline lists events');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => location.search === '?type=association');
  await canvas.waitFor({ state: 'visible' });
  // The same canvas, never reloaded: one ready mark, layout kept.
  assert.equal(await canvas.getAttribute('data-mark'), 'same-canvas');
  assert.equal(await page.evaluate(() => performance.getEntriesByName('civicmap:ready', 'mark').length), 1);
  assert.equal((await visibleCount(page)).actors, 27);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the stakes view lists 22 stakes in 3 groups; choosing one filters the map to its actors', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?view=stakes`);
  await waitReady(page);
  const groups = page.locator('[data-testid="stake-group"]');
  await groups.first().waitFor();
  assert.deepEqual(
    await groups.evaluateAll((els) => els.map((e) => e.dataset.category)),
    ['technical', 'economic', 'political'],
  );
  assert.equal(await page.locator('[data-testid="stake"]').count(), 22);
  assert.equal(dataset.stakes.length, 22);
  for (const cat of ['technical', 'economic', 'political']) {
    const n = dataset.stakes.filter((s) => s.category === cat).length;
    assert.equal(await page.locator(`[data-testid="stake-group"][data-category="${cat}"] [data-testid="stake"]`).count(), n, cat);
  }
  // Sources are safe links.
  const rels = await page.locator('[data-testid="stake"] a').evaluateAll((as) => as.map((a) => [a.protocol, a.rel]));
  assert.ok(rels.length > 22);
  for (const [protocol, rel] of rels) {
    assert.match(protocol, /^https?:$/);
    assert.equal(rel, 'noopener noreferrer');
  }
  await screenshot(page, 'stakes-desktop');

  const stake = dataset.stakes.find((s) => s.id === 'business-model');
  const card = page.locator('[data-testid="stake"][data-stake-id="business-model"]');
  await card.locator('[data-testid="stake-choose"]').click();
  await waitForActors(page, stake.actors.length);
  await page.waitForFunction(() => location.search === '?stake=business-model&view=stakes');
  assert.equal(await card.locator('[data-testid="stake-choose"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('[data-testid="active-stake"]').getAttribute('data-stake-id'), 'business-model');
  // The list agrees.
  await tab(page, 'list').click();
  await rows(page).first().waitFor();
  assert.deepEqual((await rowIds(page)).sort(), [...stake.actors].sort());
  // A chip of the stake selects its actor.
  await tab(page, 'stakes').click();
  await card.locator('[data-testid="stake-actor"][data-actor-id="voxe"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="actor-panel"]')?.dataset.actorId === 'voxe');
  // Actors of other stakes are shown but hidden by the filter: not buttons.
  const other = page.locator('[data-testid="stake"][data-stake-id="open-source-vs-proprietary"]');
  const both = dataset.stakes.find((s) => s.id === 'open-source-vs-proprietary').actors
    .filter((id) => stake.actors.includes(id));
  assert.deepEqual(
    (await other.locator('[data-testid="stake-actor"]').evaluateAll((els) => els.map((e) => e.dataset.actorId))).sort(),
    both.sort(),
    'only the actors of both stakes can be chosen',
  );
  assert.ok(await other.locator('[data-testid="stake-actor-hidden"]').count() > 0);

  // The filter panel shows the stake and clears it; so does "clear all".
  await page.locator('[data-testid="stake-clear"]').click();
  await waitForActors(page, DEFAULT_ACTORS);
  assert.equal(queryOf(page).stake, undefined);
  await card.locator('[data-testid="stake-choose"]').click();
  await waitForActors(page, stake.actors.length);
  await page.locator('[data-testid="clear-filters"]').click();
  await waitForActors(page, DEFAULT_ACTORS);
  // And the chip by the count, in the graph view too.
  await card.locator('[data-testid="stake-choose"]').click();
  await waitForActors(page, stake.actors.length);
  await card.locator('[data-testid="stake-show-map"]').click();
  await page.locator('canvas[data-testid="map-canvas"]').waitFor({ state: 'visible' });
  assert.equal(queryOf(page).view, undefined);
  await page.locator('[data-testid="active-stake-clear"]').click();
  await waitForActors(page, DEFAULT_ACTORS);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('a framed text view sends civicmap:resize with its natural height; the graph sends none', async () => {
  const page = await newPage(suite.browser);
  const msgs = () => page.evaluate(() => window.__msgs);
  const resizes = async () => (await msgs()).filter((m) => m.type === 'civicmap:resize');

  // The graph view: state messages, never a resize.
  await page.goto(`${suite.server.url}e2e/host-views.html`);
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'civicmap:state'), null, { timeout: 30_000 });
  await page.waitForTimeout(500);
  assert.deepEqual(await resizes(), []);

  // The list: the natural height, then nothing while it does not change.
  await page.goto(`${suite.server.url}e2e/host-views.html?map=${encodeURIComponent('type=association&view=list')}`);
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'civicmap:resize'), null, { timeout: 30_000 });
  const [first] = await resizes();
  assert.deepEqual(Object.keys(first).sort(), ['height', 'type']);
  assert.ok(Number.isInteger(first.height) && first.height > 600, `list of 27 actors: ${first.height}px`);
  // Sized to it, the frame shows the whole view without inner scrolling.
  await page.locator('#map').evaluate((f, h) => { f.height = String(h); }, first.height);
  const frame = page.frameLocator('#map');
  const scroller = frame.locator('.view-scroll');
  await page.waitForTimeout(300);
  const { scroll, client } = await scroller.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
  assert.ok(scroll <= client + 1, `no inner scrolling: ${scroll} > ${client}`);
  assert.equal((await resizes()).at(-1).height, first.height, 'the height is stable once the frame has it');

  // Fewer rows: a smaller height.
  const lastHeight = (h, cmp) => page.waitForFunction(
    ([want, less]) => {
      const got = window.__msgs.filter((m) => m.type === 'civicmap:resize').at(-1).height;
      return less ? got < want : got === want;
    },
    [h, cmp === '<'],
  );
  await frame.locator('[data-testid="search-input"]').fill('democratie');
  await lastHeight(first.height, '<');
  // And back.
  await frame.locator('[data-testid="search-input"]').fill('');
  await lastHeight(first.height, '=');

  // Back to the graph: no more resize messages.
  await frame.locator('[data-testid="view-tab"][data-view="graph"]').click();
  await page.waitForFunction(() => !window.__msgs.filter((m) => m.type === 'civicmap:state').at(-1).state.includes('view='));
  const count = (await resizes()).length;
  await page.waitForTimeout(500);
  assert.equal((await resizes()).length, count);
  // The stakes view reports again.
  await frame.locator('[data-testid="view-tab"][data-view="stakes"]').click();
  await page.waitForFunction((n) => window.__msgs.filter((m) => m.type === 'civicmap:resize').length > n, count);
  assert.ok((await resizes()).at(-1).height > 1000, 'the stakes view is tall');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

for (const [name, options] of [
  ['desktop', {}],
  ['phone', { viewport: PHONE, isMobile: true, hasTouch: true }],
]) {
  for (const query of ['view=list&actor=cap-collectif', 'view=stakes&stake=business-model']) {
    test(`no serious or critical accessibility violation (axe, ${query}, ${name})`, async () => {
      const page = await newPage(suite.browser, options);
      await page.goto(`${suite.server.url}?${query}`);
      await waitReady(page);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(serious, []);
      if (name === 'phone') {
        // No page-level horizontal scroll: the table scrolls in its own box.
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        assert.equal(wide, false);
        // Every control of the view is a touch target of at least 44 px.
        const small = await page.evaluate(() => [...document.querySelectorAll('#view-panel button, .viewbar button')]
          .filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && getComputedStyle(e).visibility !== 'hidden' && (r.width < 44 || r.height < 44);
          })
          .map((e) => `${e.dataset.testid ?? e.className} ${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`));
        assert.deepEqual(small, []);
        await screenshot(page, `${query.split('&')[0].replace('=', '-')}-phone`);
      }
      assert.deepEqual(unexpectedErrors(page), []);
      await page.closeAll();
    });
  }
}

test('a focus is the centre of the view: its facets count what the map shows', async () => {
  // product.md, `depth`: type, objective, ecosystem, stake and q never hide
  // the focused actor; each type's count is the visible actors of that type.
  const page = await newPage(suite.browser);
  const typeOf = new Map(dataset.actors.map((a) => [a.id, a.type]));
  const around = (id) => new Set(dataset.links.flatMap((l) => (
    l.source === id && l.target !== id ? [l.target] : l.target === id && l.source !== id ? [l.source] : [])));

  // actor=decidim&depth=1: Décidim and its neighbours, counted by type.
  await page.goto(`${suite.server.url}?actor=decidim&depth=1&view=list`);
  await waitReady(page);
  await rows(page).first().waitFor();
  const shown = new Set([...around('decidim'), 'decidim']);
  assert.deepEqual((await rowIds(page)).sort(), [...shown].sort());
  for (const t of dataset.taxonomy.actor_types) {
    const want = [...shown].filter((id) => typeOf.get(id) === t.id).length;
    const got = await page.locator(`[data-testid="facet-type-${t.id}"] + label .facet-count`).textContent();
    assert.equal(Number(got.replace(/\D/g, '')), want, `count beside ${t.id}`);
  }

  // type=local-authority&actor=decider-ensemble&depth=1: which local
  // authorities is Décider ensemble linked to? It stays, as the centre.
  await page.goto(`${suite.server.url}?type=local-authority&actor=decider-ensemble&depth=1&view=list`);
  await waitReady(page);
  await rows(page).first().waitFor();
  const authorities = [...around('decider-ensemble')].filter((id) => typeOf.get(id) === 'local-authority');
  assert.ok(authorities.length > 0);
  assert.deepEqual((await rowIds(page)).sort(), [...authorities, 'decider-ensemble'].sort());
  assert.equal(queryOf(page).actor, 'decider-ensemble', 'the focus is kept');
  const count = await page.locator('[data-testid="facet-type-local-authority"] + label .facet-count').textContent();
  assert.equal(Number(count.replace(/\D/g, '')), authorities.length);

  // Checking another type keeps the focus.
  await page.goto(`${suite.server.url}?actor=decidim&depth=1`);
  await waitReady(page);
  await page.locator('[data-testid="facet-type-local-authority"]').check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'local-authority');
  assert.equal(queryOf(page).actor, 'decidim');
  assert.equal(queryOf(page).depth, '1');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
