// Journeys of the interface itself (branch `ui`): history (Back returns to the
// previous selection, filters do not fill the history), notices that can be
// dismissed, share, about, keyboard closing, and the phone layout's promises
// (no horizontal scrolling, touch targets of at least 44 px).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appSuite, DEFAULT_ACTORS, PHONE, newPage, queryOf, unexpectedErrors, visibleCount,
  waitReady,
} from './helpers.mjs';

const suite = appSuite();

const panel = (page) => page.locator('[data-testid="actor-panel"]');
async function waitActor(page, id) {
  await page.waitForFunction(
    (want) => (document.querySelector('[data-testid="actor-panel"]')?.dataset.actorId ?? null) === want,
    id,
  );
}

test('filters replace the history entry; selections push one, and Back returns to the previous selection', async () => {
  const page = await newPage(suite.browser);
  await page.goto(suite.server.url);
  await waitReady(page);
  const start = await page.evaluate(() => history.length);
  await page.locator('[data-testid="facet-type-association"]').check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'association');
  await page.locator('[data-testid="clear-filters"]').click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('type'));
  assert.equal(await page.evaluate(() => history.length), start, 'filter changes use replaceState');

  const input = page.locator('[data-testid="search-input"]');
  await input.fill('democratie');
  assert.ok((await visibleCount(page)).actors < DEFAULT_ACTORS, 'typing filters the map live');
  await input.press('ArrowDown');
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  assert.equal(await input.getAttribute('aria-activedescendant'), 'search-option-0');
  await input.press('Enter');
  await waitActor(page, 'democratie-ouverte');
  // Picking an actor shows it among its neighbours, not among the matches.
  // (Read in the page: Playwright's page.url() follows pushState through a
  // browser event that may come after the panel is seen.)
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('q'), null, { timeout: 5000 });
  assert.equal((await visibleCount(page)).actors, DEFAULT_ACTORS);
  assert.equal(await page.evaluate(() => history.length), start + 1, 'a selection pushes an entry');

  const neighbour = panel(page).locator('[data-testid="neighbour"]').first();
  const next = await neighbour.getAttribute('data-actor-id');
  await neighbour.click();
  await waitActor(page, next);
  await page.goBack();
  await waitActor(page, 'democratie-ouverte');
  assert.equal(queryOf(page).actor, 'democratie-ouverte');

  // Escape closes the card and gives the focus back to the map.
  await panel(page).locator('h2').click();
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'map-canvas');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('dropped URL values are listed in one notice, in the current language, and it can be dismissed', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?type=licorne&depth=2&path=dinum~ghost&lang=en`);
  await waitReady(page);
  const notice = page.locator('[data-testid="notice"]');
  const text = await notice.innerText();
  for (const p of ['type=licorne', 'depth=2', 'path=dinum~ghost']) assert.ok(text.includes(p), `${p} in "${text}"`);
  assert.match(text, /ignored/);
  assert.equal(queryOf(page).type, undefined, 'the address is rewritten canonically');
  await notice.locator('[data-testid="notice-dismiss"]').click();
  await notice.waitFor({ state: 'detached' });
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('share copies the permalink and confirms; about shows the dataset and how to cite it', async () => {
  const page = await newPage(suite.browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`${suite.server.url}?actor=decidim&lang=en`);
  await waitReady(page);
  await page.locator('[data-testid="share-button"]').click();
  await page.locator('[data-testid="share-confirm"]').waitFor({ state: 'visible' });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(new URL(copied).searchParams.get('actor'), 'decidim');
  assert.equal(new URL(copied).searchParams.get('lang'), 'en');

  await page.locator('[data-testid="about-button"]').click();
  const about = page.locator('[data-testid="about-panel"]');
  await about.waitFor({ state: 'visible' });
  const text = await about.innerText();
  assert.match(text, /ODbL/);
  assert.ok(text.includes(copied), 'the citation carries the permalink');
  const download = about.locator('a[download]');
  assert.equal(await download.getAttribute('href'), 'data/civic-tech-fr.json');
  await page.keyboard.press('Escape');
  await about.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'about-button');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('on a phone nothing scrolls sideways and every control is at least 44 px', async () => {
  const page = await newPage(suite.browser, { viewport: PHONE, hasTouch: true, isMobile: true });
  await page.goto(`${suite.server.url}?actor=etalab`);
  await waitReady(page);
  await panel(page).waitFor({ state: 'visible' });
  const tooSmall = () => page.evaluate(() => [...document.querySelectorAll('button, input, select, a.btn')]
    .filter((e) => {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') return false;
      // A checkbox's target is its whole row (the label is clickable).
      const box = e.type === 'checkbox' ? e.closest('li').getBoundingClientRect() : r;
      return box.height < 44 || box.width < 44;
    })
    .map((e) => `${e.dataset.testid ?? e.className ?? e.tagName} ${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`));
  assert.deepEqual(await tooSmall(), []);
  await page.locator('[data-testid="filters-toggle"]').click();
  await page.locator('[data-testid="filter-panel"]').waitFor({ state: 'visible' });
  // Measure the sheet once it has finished opening (its rows grow while it slides in).
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
    .map((a) => a.finished)));
  assert.deepEqual(await tooSmall(), []);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
