// The timeline view (view=timeline): every event of the dataset by year and
// in order, actor chips that select, "show on the map" that highlights, the
// events the filters grey out, and the play control that steps year= in the
// address (pausable, stopping at the end, off under reduced motion).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appSuite, PHONE, newPage, queryOf, screenshot, unexpectedErrors, visibleCount, waitReady,
} from './helpers.mjs';
import { loadDataset } from './dataset.mjs';

let dataset;
const suite = appSuite(async ({ server }) => {
  dataset = await loadDataset(server.url);
});

const timeline = (page) => page.locator('[data-testid="timeline-view"]');

/** `YYYY[-MM[-DD]]` → a sortable key where a less precise date comes first. */
const dateKey = (d) => {
  const [y, m = '00', day = '00'] = d.split('-');
  return `${y}-${m}-${day}`;
};

/**
 * Waits until the address's `year` meets `cond`: `{ eq: '2001' }`,
 * `{ gt: 2001 }` or `{ set: true }` (plain data: the page's CSP forbids
 * evaluating strings).
 */
async function waitYear(page, cond, timeout = 5000) {
  await page.waitForFunction(
    (c) => {
      const y = new URL(location.href).searchParams.get('year');
      if (c.eq !== undefined) return y === c.eq;
      if (c.gt !== undefined) return y !== null && Number(y) > c.gt;
      return y !== null;
    },
    cond,
    { timeout },
  );
  return queryOf(page).year;
}

test('every event of the dataset is listed once, under its year, in date order', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?view=timeline`);
  await waitReady(page);
  await timeline(page).waitFor({ state: 'visible' });
  assert.equal(queryOf(page).view, 'timeline', 'view=timeline stays in the address');
  assert.equal(await page.locator('[data-testid="notice"]').count(), 0, 'no "not available" notice');

  const groups = await page.locator('[data-testid="timeline-year"]').evaluateAll((els) => els.map((g) => ({
    year: g.dataset.year,
    heading: g.querySelector('h3')?.textContent.trim(),
    events: [...g.querySelectorAll('[data-testid="event"]')].map((e) => ({
      id: e.dataset.eventId, date: e.dataset.date, title: e.querySelector('h4')?.textContent.trim(),
    })),
  })));
  const events = groups.flatMap((g) => g.events);
  assert.equal(dataset.events.length, 106, 'the default dataset has 106 events');
  assert.equal(events.length, dataset.events.length);
  assert.deepEqual(new Set(events.map((e) => e.id)), new Set(dataset.events.map((e) => e.id)));
  const years = groups.map((g) => Number(g.year));
  assert.deepEqual(years, [...new Set(dataset.events.map((e) => Number(e.date.slice(0, 4))))].sort((a, b) => a - b),
    'one group per year, in ascending order');
  for (const g of groups) {
    assert.equal(g.heading, g.year, 'each group is headed by its year');
    const keys = g.events.map((e) => dateKey(e.date));
    assert.ok(g.events.every((e) => e.date.startsWith(g.year)), `events of ${g.year} under ${g.year}`);
    assert.deepEqual(keys, [...keys].sort(), `events of ${g.year} in date order`);
  }
  // Titles in the current language (French by default).
  const barnier = events.find((e) => e.id === '1995-barnier-act-creates-cndp');
  assert.equal(barnier.title, dataset.events.find((e) => e.id === barnier.id).title.fr);
  // Sources are links only when http(s), opened without an opener.
  const rels = await timeline(page).locator('.event-sources a').evaluateAll((as) => as.map((a) => [a.protocol, a.rel]));
  assert.ok(rels.length > 100);
  for (const [protocol, rel] of rels) {
    assert.match(protocol, /^https?:$/);
    assert.equal(rel, 'noopener noreferrer');
  }
  await screenshot(page, 'timeline-desktop-light');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('an actor chip selects its actor; "show on the map" highlights the event\'s actors on the graph', async () => {
  const page = await newPage(suite.browser, { viewport: PHONE, isMobile: true, hasTouch: true, colorScheme: 'dark' });
  await page.goto(`${suite.server.url}?view=timeline&lang=en`);
  await waitReady(page);
  const event = page.locator('[data-testid="event"][data-event-id="2016-open-democracy-now-first-event"]');
  assert.match(await event.locator('h4').innerText(), /Open Democracy Now/, 'English title with lang=en');
  const chip = event.locator('[data-testid="event-actor"]').first();
  const id = await chip.getAttribute('data-actor-id');
  await chip.click();
  const panel = page.locator('[data-testid="actor-panel"]');
  await panel.waitFor({ state: 'visible' });
  assert.equal(await panel.getAttribute('data-actor-id'), id);
  assert.equal(queryOf(page).actor, id);
  assert.equal(queryOf(page).view, 'timeline', 'selecting keeps the timeline');
  await screenshot(page, 'timeline-phone-dark');
  await page.locator('[data-testid="actor-panel-close"]').click();

  const actors = await event.locator('[data-testid="event-actor"]').evaluateAll((els) => els.map((e) => e.dataset.actorId));
  assert.ok(actors.length >= 2);
  await event.locator('[data-testid="event-show-on-map"]').click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('view'));
  const banner = page.locator('[data-testid="highlight-banner"]');
  await banner.waitFor({ state: 'visible' });
  assert.match(await banner.innerText(), new RegExp(`${actors.length} actors highlighted`));
  const label = await page.locator('canvas[data-testid="map-canvas"]').getAttribute('aria-label');
  assert.match(label, new RegExp(`Highlighted: ${actors.length} actors of the event “First Open Democracy Now event`));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'map-canvas', 'the focus goes to the map');
  await page.locator('[data-testid="highlight-clear"]').click();
  await banner.waitFor({ state: 'detached' });
  assert.doesNotMatch(await page.locator('canvas[data-testid="map-canvas"]').getAttribute('aria-label'), /Highlighted/);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the filters grey out the events whose actors they all hide, and never drop one', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?type=association&view=timeline`);
  await waitReady(page);
  const shown = new Set(dataset.actors.filter((a) => a.type === 'association').map((a) => a.id));
  const expected = dataset.events
    .filter((e) => (e.actors ?? []).length > 0 && e.actors.every((a) => !shown.has(a)))
    .map((e) => e.id).sort();
  const dimmed = await page.locator('[data-testid="event"][data-dimmed="true"]')
    .evaluateAll((els) => els.map((e) => e.dataset.eventId));
  assert.ok(expected.length > 0 && expected.length < dataset.events.length);
  assert.deepEqual(dimmed.sort(), expected);
  assert.equal(await page.locator('[data-testid="event"]').count(), dataset.events.length);
  assert.equal((await visibleCount(page)).actors, shown.size, 'the visible set is the filters\' one');
  const count = page.locator('[data-testid="timeline-count"]');
  assert.equal(await count.getAttribute('data-dimmed'), String(expected.length));
  // A hidden actor is text, not a button; a greyed event says why.
  const grey = page.locator(`[data-testid="event"][data-event-id="${expected[0]}"]`);
  assert.equal(await grey.locator('button[data-testid="event-actor"]').count(), 0);
  assert.match(await grey.innerText(), /masqués par les filtres/);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('play steps year= once a second from the earliest founding year; pause stops it; it stops at the end', async () => {
  const page = await newPage(suite.browser);
  await page.goto(suite.server.url);
  await waitReady(page);
  const play = page.locator('[data-testid="play-year"]');
  assert.equal(await play.getAttribute('data-state'), 'paused');
  const first = Math.min(...dataset.actors.map((a) => a.founded).filter(Boolean));
  const t0 = Date.now();
  await play.click();
  assert.equal(await waitYear(page, { eq: String(first) }), String(first), 'the play starts at the earliest founding year');
  assert.equal(await play.getAttribute('data-state'), 'playing');
  assert.match(await play.innerText(), /pause/i, 'the button now pauses');
  const second = await waitYear(page, { gt: Number(first) }, 3000);
  const third = await waitYear(page, { gt: Number(second) }, 3000);
  const elapsed = Date.now() - t0;
  assert.ok(elapsed >= 1800 && elapsed < 6000, `two steps took ${elapsed} ms (about a second each)`);
  assert.ok((await visibleCount(page)).actors < dataset.actors.length, 'the map shows the ecosystem of that year');
  await play.click();
  assert.equal(await play.getAttribute('data-state'), 'paused');
  const paused = queryOf(page).year;
  assert.ok(Number(paused) >= Number(third));
  await page.waitForTimeout(2200);
  assert.equal(queryOf(page).year, paused, 'pause stops the years');

  // From the last step but one, a play reaches the slider's end and stops.
  const end = await page.locator('[data-testid="year-slider"]').getAttribute('max');
  await page.goto(`${suite.server.url}?year=${Number(end) - 2}&view=timeline`);
  await waitReady(page);
  await page.locator('[data-testid="play-year"]').click();
  await waitYear(page, { eq: String(end) }, 6000);
  await page.locator('[data-testid="play-year"][data-state="paused"]').waitFor({ timeout: 3000 });
  await page.waitForTimeout(1300);
  assert.equal(queryOf(page).year, end, 'the play stays at the end');
  assert.equal(await page.locator('.timeline-year.current').count(), 1, 'the year reached is marked in the timeline');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('under reduced motion the play is off and says why', async () => {
  const page = await newPage(suite.browser, { viewport: PHONE, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
  await page.goto(`${suite.server.url}?view=timeline`);
  await waitReady(page);
  const play = page.locator('[data-testid="play-timeline"]');
  await play.waitFor({ state: 'visible' });
  assert.equal(await play.isDisabled(), true);
  const note = await page.locator(`#${await play.getAttribute('aria-describedby')}`).innerText();
  assert.match(note, /réduire les animations/);
  assert.equal(queryOf(page).year, undefined);

  // The same under emulateMedia, switched on while a play runs: it stops.
  const live = await newPage(suite.browser);
  await live.goto(suite.server.url);
  await waitReady(live);
  await live.locator('[data-testid="play-year"]').click();
  await waitYear(live, { set: true });
  await live.emulateMedia({ reducedMotion: 'reduce' });
  await live.locator('[data-testid="play-year"][disabled]').waitFor();
  const at = queryOf(live).year;
  await live.waitForTimeout(1500);
  assert.equal(queryOf(live).year, at);
  assert.deepEqual(unexpectedErrors(page), []);
  assert.deepEqual(unexpectedErrors(live), []);
  await page.closeAll();
  await live.closeAll();
});
