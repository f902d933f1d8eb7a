// path=a~b, "how are they connected?": the `path` hook from a URL (its
// length checked against a breadth-first search over the dataset), from the
// actor card, through the address bar, the message when a filter cuts the
// two actors, axe, and the phone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import {
  appSuite, PHONE, newPage, queryOf, screenshot, unexpectedErrors, waitReady,
} from './helpers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATASET = JSON.parse(readFileSync(join(ROOT, 'static', 'data', 'civic-tech-fr.json'), 'utf8'));
const suite = appSuite();

/** Undirected adjacency of the actors and links `year` shows (all without it). */
function adjacency(year) {
  const shown = new Set(DATASET.actors
    .filter((a) => year === undefined || ((a.founded ?? year) <= year && (a.dissolved ?? year) >= year))
    .map((a) => a.id));
  const adj = new Map([...shown].map((id) => [id, new Set()]));
  for (const l of DATASET.links) {
    if (l.source === l.target || !shown.has(l.source) || !shown.has(l.target)) continue;
    if (year !== undefined && ((l.since ?? year) > year || (l.until ?? year) < year)) continue;
    adj.get(l.source).add(l.target);
    adj.get(l.target).add(l.source);
  }
  return adj;
}

/** Breadth-first distances from `a`. */
function distances(adj, a) {
  const d = new Map([[a, 0]]);
  const queue = [a];
  for (let i = 0; i < queue.length; i += 1) {
    for (const v of adj.get(queue[i]) ?? []) {
      if (!d.has(v)) { d.set(v, d.get(queue[i]) + 1); queue.push(v); }
    }
  }
  return d;
}

const ALL = adjacency();

/** The hook's length and actors, once it is on the page. */
async function hook(page) {
  const el = page.locator('[data-testid="path"]').first();
  await el.waitFor({ state: 'visible' });
  return {
    length: await el.getAttribute('data-length'),
    actors: (await el.getAttribute('data-actors')).split(' ').filter(Boolean),
    text: await el.locator('[data-testid="path-text"]').innerText(),
  };
}

/** The chain is a walk of dataset links from a to b, of minimal length. */
function assertMinimalChain(h, a, b) {
  const want = distances(ALL, a).get(b);
  assert.ok(want > 0, `${a} and ${b} are connected`);
  assert.equal(Number(h.length), want, 'the chain is as short as a BFS says');
  assert.equal(h.actors.length, want + 1);
  assert.equal(h.actors[0], a);
  assert.equal(h.actors.at(-1), b);
  for (let i = 0; i + 1 < h.actors.length; i += 1) {
    assert.ok(ALL.get(h.actors[i]).has(h.actors[i + 1]), `${h.actors[i]} — ${h.actors[i + 1]} is a link`);
  }
}

test('path= from a URL: the hook, the chain in words on the map and in the list', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?path=cap-collectif~dinum`);
  await waitReady(page);
  const h = await hook(page);
  assertMinimalChain(h, 'cap-collectif', 'dinum');
  assert.match(h.text, /^Chemin en \d+ liens\s*: Cap Collectif — /);
  assert.equal(h.text.split(' → ').length, Number(h.length) + 1);
  // The canvas's text alternative spells it out too.
  const label = await page.locator('canvas').first().getAttribute('aria-label');
  assert.ok(label.includes('Cap Collectif — '), label);
  assert.equal(queryOf(page).path, 'cap-collectif~dinum');
  await screenshot(page, 'desktop-path');
  // The list view, in English.
  await page.goto(`${suite.server.url}?path=cap-collectif~dinum&view=list&lang=en`);
  await waitReady(page);
  const en = await hook(page);
  assert.deepEqual(en.actors, h.actors);
  assert.match(en.text, /^A chain of \d+ links: Cap Collectif — /);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('from the actor card: "Comment est-il relié à… ?", then the address bar and clearing', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?actor=cap-collectif`);
  await waitReady(page);
  assert.equal(await page.locator('[data-testid="path"]').count(), 0);
  const ask = page.locator('[data-testid="path-ask"]');
  assert.equal((await ask.innerText()).trim(), 'Comment est-il relié à… ?');
  await ask.click();
  const input = page.locator('[data-testid="path-pick-input"]');
  await input.waitFor({ state: 'visible' });
  assert.ok(await input.evaluate((el) => el === document.activeElement), 'the box has the focus');
  await input.fill('dinum');
  await page.locator('[data-testid="path-pick-suggestion"][data-actor-id="dinum"]').waitFor();
  await input.press('Enter');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('path') === 'cap-collectif~dinum');
  assertMinimalChain(await hook(page), 'cap-collectif', 'dinum');
  // The address bar brings it back.
  await page.goto(page.url());
  await waitReady(page);
  assertMinimalChain(await hook(page), 'cap-collectif', 'dinum');
  // Clearing drops it from the address.
  await page.locator('[data-testid="path-clear"]').click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('path'));
  assert.equal(await page.locator('[data-testid="path"]').count(), 0);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('no chain of visible links: the message names the year filter', async () => {
  const year = 2014;
  const cut = adjacency(year);
  const from = distances(cut, 'dinum');
  const b = [...cut.keys()].find((id) => !from.has(id) && distances(ALL, 'dinum').has(id));
  assert.ok(b, 'some actor is cut from dinum in 2014');
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?year=${year}&path=dinum~${b}`);
  await waitReady(page);
  const h = await hook(page);
  assert.equal(h.length, 'none');
  assert.deepEqual(h.actors, []);
  assert.equal(h.text, 'Aucun chemin de liens visibles ; retirer le filtre « année » les relierait.');
  // A hidden end is dropped with a notice that says which filter hides it.
  await page.goto(`${suite.server.url}?year=2012&path=dinum~cap-collectif`);
  await waitReady(page);
  const notice = await page.locator('[data-testid="notice"]').innerText();
  assert.ok(notice.includes('« cap-collectif » est masqué par le filtre « année »'), notice);
  assert.equal(queryOf(page).path, undefined);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('axe: no serious violation with a path, desktop and phone; the phone and embed mode fit', async () => {
  for (const [name, options, query] of [
    ['desktop', {}, '?actor=cap-collectif&path=cap-collectif~dinum'],
    ['phone', { viewport: PHONE, isMobile: true, hasTouch: true }, '?path=cap-collectif~dinum'],
    ['embed', { viewport: PHONE, isMobile: true, hasTouch: true }, '?path=cap-collectif~dinum&embed=1&theme=dark'],
  ]) {
    const page = await newPage(suite.browser, options);
    await page.goto(`${suite.server.url}${query}`);
    await waitReady(page);
    await hook(page);
    if (name === 'desktop') await page.locator('[data-testid="path-ask"]').click();
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(serious, [], name);
    if (name !== 'desktop') {
      // The box stays inside the screen and leaves most of the map.
      const box = await page.locator('[data-testid="path"]').boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, JSON.stringify(box));
      assert.ok(box.height < PHONE.height / 3, JSON.stringify(box));
      await screenshot(page, `${name}-path`);
    }
    assert.deepEqual(unexpectedErrors(page), []);
    await page.closeAll();
  }
});
