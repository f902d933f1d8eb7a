// Accessibility (RGAA 4.1 / WCAG 2.1 AA), as docs/accessibility.md reports:
// axe-core on every view × language × theme × viewport (no serious or
// critical violation), a keyboard-only journey (page.keyboard only, no mouse),
// a visible focus on every tab stop, dialogs that hold and give back the
// focus, a canvas text alternative that follows the filters, and theme=.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import {
  appSuite, DEFAULT_ACTORS, DESKTOP, PHONE, newPage, queryOf, screenshot, unexpectedErrors,
  visibleCount, waitReady,
} from './helpers.mjs';

const suite = appSuite();

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function seriousViolations(page, include) {
  let builder = new AxeBuilder({ page }).withTags(WCAG_AA);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

// Every view, each in a state that shows most of its parts.
const VIEWS = {
  graph: '?actor=decidim',
  list: '?view=list&actor=decidim',
  timeline: '?view=timeline&type=association',
  stakes: '?stake=open-source-vs-proprietary&view=stakes',
  analysis: '?view=analysis&size=betweenness',
};
const VIEWPORTS = {
  desktop: { viewport: DESKTOP },
  phone: { viewport: PHONE, isMobile: true, hasTouch: true },
};

for (const [view, query] of Object.entries(VIEWS)) {
  for (const lang of ['fr', 'en']) {
    for (const theme of ['light', 'dark']) {
      for (const [vpName, options] of Object.entries(VIEWPORTS)) {
        test(`axe: no serious or critical violation — ${view}, ${lang}, ${theme}, ${vpName}`, async () => {
          const page = await newPage(suite.browser, options);
          await page.goto(`${suite.server.url}${query}&lang=${lang}&theme=${theme}`);
          await waitReady(page);
          assert.equal(await page.getAttribute('html', 'data-theme'), theme);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          assert.deepEqual(await seriousViolations(page), []);
          assert.deepEqual(unexpectedErrors(page), []);
          await page.closeAll();
        });
      }
    }
  }
}

test('axe: the about dialog and the phone filter sheet, open, in both themes', async () => {
  for (const theme of ['light', 'dark']) {
    const page = await newPage(suite.browser, VIEWPORTS.phone);
    await page.goto(`${suite.server.url}?theme=${theme}`);
    await waitReady(page);
    await page.locator('[data-testid="filters-toggle"]').click();
    await page.locator('[data-testid="filter-panel"].open').waitFor();
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    assert.deepEqual(await seriousViolations(page, '[data-testid="filter-panel"]'), [], `filters, ${theme}`);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="about-button"]').click();
    await page.locator('[data-testid="about-panel"]').waitFor();
    assert.deepEqual(await seriousViolations(page, '[data-testid="about-panel"]'), [], `about, ${theme}`);
    assert.deepEqual(unexpectedErrors(page), []);
    await page.closeAll();
  }
});

/** Presses Tab (Shift+Tab with `back`) until the focused element matches `selector`. */
async function tabTo(page, selector, { back = false, max = 200 } = {}) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`${selector} not reached by ${back ? 'Shift+' : ''}Tab in ${max} presses (at ${at})`);
}

const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return e ? { testid: e.dataset.testid ?? null, id: e.id, tag: e.tagName, text: e.textContent?.trim() ?? '' } : null;
});

test('keyboard only: skip link, search, actor card, neighbours, the canvas, filters, list sorted, timeline, share', async () => {
  const page = await newPage(suite.browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(suite.server.url);
  await waitReady(page);

  // 1. The first tab stop is the skip link, shown when focused.
  await page.keyboard.press('Tab');
  const skip = await focused(page);
  assert.equal(skip.testid, 'skip-to-list');
  assert.equal(skip.text, 'Aller à la liste des acteurs');
  const box = await page.locator('[data-testid="skip-to-list"]').boundingBox();
  assert.ok(box && box.y >= 0 && box.height > 20, 'the focused skip link is on screen');

  // 2. Search "decidim", Enter: the actor card opens.
  await tabTo(page, '[data-testid="search-input"]');
  await page.keyboard.type('decidim');
  // Enter picks the first suggestion for what was typed: wait until the
  // list shows the whole word's (not "deci…"'s, which starts with Décider ensemble).
  await page.waitForFunction(() => /^\s*Decidim/.test(document.querySelector('[data-testid="search-suggestion"]')?.textContent ?? ''));
  await page.keyboard.press('Enter');
  const panel = page.locator('[data-testid="actor-panel"]');
  await panel.waitFor({ state: 'visible' });
  assert.equal(await panel.getAttribute('data-actor-id'), 'decidim');
  assert.equal((await panel.locator('h2').innerText()).trim(), 'Decidim');
  assert.match(await panel.innerText(), /liens/i);

  // 3. A neighbour from the card's links, by Tab and Enter.
  await tabTo(page, '[data-testid="actor-panel"] [data-testid="neighbour"]');
  const neighbour = await page.evaluate(() => document.activeElement.dataset.actorId);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.querySelector('[data-testid="actor-panel"]')?.dataset.actorId === id, neighbour);
  assert.equal(queryOf(page).actor, neighbour);

  // 4. The canvas: arrows move between actors (announced), Enter selects.
  await tabTo(page, 'canvas[data-testid="map-canvas"]', { back: true });
  const current = (await panel.locator('h2').innerText()).trim();
  const live = page.locator('[data-testid="map-focus-live"]');
  // The first arrow puts the keyboard focus on the selected actor; the next
  // ones move to the nearest actor in that direction (an arrow with no actor
  // that way says nothing new: the next direction is tried).
  let said = '';
  for (const [i, key] of ['ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp'].entries()) {
    await page.keyboard.press(key);
    const moved = await page.waitForFunction((prev) => {
      const t = document.querySelector('[data-testid="map-focus-live"]')?.textContent.trim() ?? '';
      return t.length > 0 && t !== prev;
    }, said, { timeout: i === 0 ? 30_000 : 3_000 }).then(() => true, (e) => {
      if (i === 0) throw e;
      return false;
    });
    if (!moved) continue;
    said = (await live.innerText()).trim();
    if (!said.startsWith(`${current} (`)) break;
  }
  assert.match(said, /\(.+\) : \d+ liens?/, `announced: ${said}`);
  assert.ok(!said.startsWith(`${current} (`), `the arrows left ${current}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((prev) => {
    const a = new URL(location.href).searchParams.get('actor');
    return a !== null && a !== prev;
  }, neighbour);
  const picked = queryOf(page).actor;
  assert.ok(said.startsWith((await panel.locator('h2').innerText()).trim()), 'Enter selects the announced actor');
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  assert.notEqual(picked, undefined);

  // 5. A filter by keyboard: the count and the canvas's text alternative follow.
  const canvas = page.locator('canvas[data-testid="map-canvas"]');
  const before = await canvas.getAttribute('aria-label');
  assert.match(before, new RegExp(`^Carte du réseau : ${DEFAULT_ACTORS} acteurs et \\d+ liens affichés ; filtres : aucun filtre\\.`));
  await tabTo(page, '[data-testid="facet-type-association"]', { back: true });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'association');
  const count = await visibleCount(page);
  assert.ok(count.actors < DEFAULT_ACTORS);
  const after = await canvas.getAttribute('aria-label');
  assert.ok(after.startsWith(`Carte du réseau : ${count.actors} acteurs et ${count.links} liens affichés ; filtres : type Association.`), after);
  assert.equal(await page.locator('[data-testid="visible-count"]').getAttribute('aria-live'), 'polite');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('type'));

  // 6. The list view from the view tabs (one tab stop, arrow keys), sorted
  //    by founding year.
  await tabTo(page, '[data-testid="view-tab"][aria-selected="true"]', { back: true });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.view), 'graph');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'list');
  await page.locator('[data-testid="actor-row"]').first().waitFor();
  await tabTo(page, '[data-testid="sort-button"][data-column="founded"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('th:has([data-column="founded"])')?.getAttribute('aria-sort') === 'ascending');
  const founded = await page.locator('[data-testid="actor-row"] td:nth-of-type(4)').evaluateAll(
    (tds) => tds.map((td) => Number(td.textContent.trim())).filter((n) => Number.isFinite(n) && n > 0),
  );
  assert.ok(founded.length > 50, `${founded.length} dated rows`);
  assert.deepEqual(founded, [...founded].sort((a, b) => a - b), 'rows by founding year');

  // 7. The timeline, the next tab; an actor chip selects its actor.
  await tabTo(page, '[data-testid="view-tab"][aria-selected="true"]', { back: true });
  await page.keyboard.press('ArrowRight');
  await page.locator('[data-testid="timeline-view"]').waitFor();
  assert.equal(queryOf(page).view, 'timeline');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.view), 'timeline', 'the focus stays on the tab');
  await tabTo(page, '[data-testid="event-actor"]');
  const chip = await page.evaluate(() => document.activeElement.dataset.actorId);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => new URL(location.href).searchParams.get('actor') === id, chip);

  // 8. Share this view.
  await tabTo(page, '[data-testid="share-button"]', { back: true });
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="share-confirm"]').waitFor({ state: 'visible' });
  const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  assert.equal(copied.searchParams.get('view'), 'timeline');
  assert.equal(copied.searchParams.get('actor'), chip);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the skip link opens the list view and puts the keyboard in it', async () => {
  const page = await newPage(suite.browser, { viewport: PHONE, isMobile: true, hasTouch: true });
  await page.goto(`${suite.server.url}?lang=en`);
  await waitReady(page);
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Skip to the list of actors');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'list');
  assert.ok(await page.evaluate(() => document.activeElement?.matches('#view-panel .view-scroll')), 'the focus is in the list');
  // The next Tab reaches the list's first control.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.querySelector('[data-testid="list-view"]').contains(document.activeElement)));
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

/** Every tab stop from the top, until the focus comes back: testid/tag and whether a focus ring shows. */
async function tabStops(page, max = 400) {
  const stops = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const s = await page.evaluate((i) => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const st = getComputedStyle(e);
      const ring = (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 1) || st.boxShadow !== 'none';
      const r = e.getBoundingClientRect();
      return {
        key: `${e.tagName.toLowerCase()}#${e.id}[${e.dataset.testid ?? ''}]${e.textContent?.trim().slice(0, 20) ?? ''}@${i}`,
        ring,
        onScreen: r.width > 0 && r.height > 0,
      };
    }, i);
    if (!s) break;
    if (stops.length && stops[0].key.replace(/@\d+$/, '') === s.key.replace(/@\d+$/, '')) break;
    stops.push(s);
  }
  return stops;
}

test('every tab stop shows a visible focus, on the map with a card and on the timeline', async () => {
  for (const query of ['?actor=decidim', '?view=timeline&type=platform', '?actor=etalab&theme=dark']) {
    const page = await newPage(suite.browser);
    await page.goto(`${suite.server.url}${query}`);
    await waitReady(page);
    const stops = await tabStops(page);
    assert.ok(stops.length > 20, `${query}: ${stops.length} tab stops`);
    const bad = stops.filter((s) => !s.ring || !s.onScreen).map((s) => s.key);
    assert.deepEqual(bad, [], `${query}: no visible focus on`);
    assert.deepEqual(unexpectedErrors(page), []);
    await page.closeAll();
  }
});

test('dialogs take the focus, keep it inside, close with Escape and give it back', async () => {
  const page = await newPage(suite.browser);
  await page.goto(suite.server.url);
  await waitReady(page);
  await tabTo(page, '[data-testid="about-button"]');
  await page.keyboard.press('Enter');
  const about = page.locator('[data-testid="about-panel"]');
  await about.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'about-panel');
  for (let i = 0; i < 25; i += 1) {
    await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
    assert.ok(await page.evaluate(() => document.querySelector('[data-testid="about-panel"]').contains(document.activeElement)),
      `Tab #${i} left the dialog`);
  }
  // The statement is linked from it.
  const statement = about.locator('[data-testid="accessibility-statement"]');
  assert.equal(await statement.getAttribute('href'), 'accessibility.html');
  await page.keyboard.press('Escape');
  await about.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'about-button');

  // The phone filter sheet: Escape closes it and the focus returns to its button.
  const phone = await newPage(suite.browser, VIEWPORTS.phone);
  await phone.goto(suite.server.url);
  await waitReady(phone);
  await tabTo(phone, '[data-testid="filters-toggle"]');
  await phone.keyboard.press('Enter');
  await phone.locator('[data-testid="filter-panel"].open').waitFor();
  assert.equal(await phone.evaluate(() => document.activeElement?.dataset.testid), 'filter-panel');
  await phone.keyboard.press('Escape');
  await phone.locator('[data-testid="filter-panel"].open').waitFor({ state: 'detached' });
  assert.equal(await phone.evaluate(() => document.activeElement?.dataset.testid), 'filters-toggle');
  assert.deepEqual(unexpectedErrors(page), []);
  assert.deepEqual(unexpectedErrors(phone), []);
  await page.closeAll();
  await phone.closeAll();
});

test('the accessibility statement is served beside the app and passes axe', async () => {
  const page = await newPage(suite.browser);
  const res = await page.goto(`${suite.server.url}accessibility.html`);
  assert.equal(res.status(), 200);
  assert.match(await page.locator('h1').first().innerText(), /accessibilit/i);
  assert.match(await page.locator('body').innerText(), /RGAA 4\.1/);
  assert.deepEqual(await seriousViolations(page), []);
  await page.locator('a[href="./"]').first().click();
  await waitReady(page);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('theme=dark darkens the page and the map, and survives in the address; the about dialog changes it', async () => {
  const page = await newPage(suite.browser, { colorScheme: 'light' });
  await page.goto(`${suite.server.url}?theme=dark&lang=en`);
  await waitReady(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await bg(), 'rgb(14, 18, 23)', 'the dark --bg');
  // The canvas paints its own dark background.
  const pixel = await page.locator('canvas[data-testid="map-canvas"]').evaluate((c) => {
    const d = c.getContext('2d').getImageData(2, 2, 1, 1).data;
    return [d[0], d[1], d[2]];
  });
  assert.ok(pixel.every((v) => v < 40), `canvas corner ${pixel}`);
  await screenshot(page, 'graph-desktop-dark');
  // Round trip: another change keeps theme=dark in the address.
  await page.locator('[data-testid="lang-switch"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.equal(queryOf(page).theme, 'dark');

  await page.locator('[data-testid="about-button"]').click();
  await page.locator('[data-testid="theme-light"]').check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('theme') === 'light');
  assert.equal(await bg(), 'rgb(243, 245, 248)');
  await page.locator('[data-testid="theme-system"]').check();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('theme'));
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light', 'the system says light');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();

  // Without theme=, the system's dark setting applies.
  const dark = await newPage(suite.browser, { colorScheme: 'dark' });
  await dark.goto(suite.server.url);
  await waitReady(dark);
  assert.equal(await dark.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(queryOf(dark).theme, undefined);
  await dark.goto(`${suite.server.url}?theme=light`);
  await waitReady(dark);
  assert.equal(await dark.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(243, 245, 248)');
  assert.deepEqual(unexpectedErrors(dark), []);
  await dark.closeAll();
});

test('screenshots of the timeline: desktop and phone, light and dark', async () => {
  for (const [name, options] of Object.entries(VIEWPORTS)) {
    for (const theme of ['light', 'dark']) {
      const page = await newPage(suite.browser, options);
      await page.goto(`${suite.server.url}?view=timeline&year=2012&theme=${theme}`);
      await waitReady(page);
      await page.locator('[data-testid="timeline-year"][data-year="2012"]').scrollIntoViewIfNeeded();
      await screenshot(page, `timeline-${name}-${theme}-2012`);
      assert.deepEqual(unexpectedErrors(page), []);
      await page.closeAll();
    }
  }
});
