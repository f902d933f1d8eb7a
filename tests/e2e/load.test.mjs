// Journeys around loading: the default map, bad URLs, missing and broken datasets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appSuite, DEFAULT_ACTORS, PHONE, newPage, screenshot,
  unexpectedErrors, visibleCount, waitReady,
} from './helpers.mjs';
import { expectedCounts, loadDataset } from './dataset.mjs';

const suite = appSuite();

test('the default dataset shows all its actors and marks civicmap:ready', async () => {
  const page = await newPage(suite.browser);
  await page.goto(suite.server.url);
  await waitReady(page);
  const dataset = await loadDataset(suite.server.url);
  assert.equal(dataset.actors.length, DEFAULT_ACTORS);
  const count = await visibleCount(page);
  assert.equal(count.actors, DEFAULT_ACTORS);
  assert.equal(count.links, expectedCounts(dataset).links);
  assert.match(count.text, new RegExp(`^${DEFAULT_ACTORS} acteurs · ${count.links} liens$`));
  assert.equal(await page.getAttribute('[data-testid="visible-count"]', 'aria-live'), 'polite');
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  const canvas = page.locator('canvas[data-testid="map-canvas"]');
  const box = await canvas.boundingBox();
  assert.ok(box && box.width > 300 && box.height > 300, `map canvas too small: ${JSON.stringify(box)}`);
  await assert.doesNotReject(page.locator('[data-testid="filter-panel"]').waitFor({ state: 'visible' }));
  await screenshot(page, 'desktop-default');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the map is drawn: the canvas is not blank after ready', async () => {
  const page = await newPage(suite.browser);
  await page.goto(suite.server.url);
  await waitReady(page);
  const distinctColours = await page.evaluate(() => {
    const c = document.querySelector('canvas[data-testid="map-canvas"]');
    const ctx = c.getContext('2d');
    if (!ctx) return -1;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
  assert.ok(distinctColours > 3, `the canvas looks blank (${distinctColours} colours sampled)`);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('invalid URL values are dropped with a notice and the map still shows everything', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?type=nope&depth=9`);
  await waitReady(page);
  assert.equal((await visibleCount(page)).actors, DEFAULT_ACTORS);
  const notice = page.locator('[data-testid="notice"]').first();
  await notice.waitFor({ state: 'visible' });
  assert.match(await notice.innerText(), /nope/);
  // The canonical URL no longer carries what was dropped.
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('type'));
  assert.equal(new URL(page.url()).searchParams.get('depth'), null);
  await screenshot(page, 'desktop-invalid-url-notice');
  await page.locator('[data-testid="notice-dismiss"]').first().click();
  await page.locator('[data-testid="notice"]').waitFor({ state: 'detached' });
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('a data= URL to a missing file shows an error message, not a blank page', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?data=e2e/missing.json`);
  const message = page.locator('[data-testid="error-panel"]');
  await message.waitFor({ state: 'visible', timeout: 20_000 });
  const text = await message.innerText();
  assert.match(text, /missing\.json|404/, `the message should say what failed: ${text}`);
  await screenshot(page, 'desktop-missing-dataset');
  // The suite.browser itself logs the failed request; nothing else may fail.
  assert.deepEqual(unexpectedErrors(page, [/404|Failed to load resource/]), []);
  await page.closeAll();
});

test('a dataset with errors shows the error panel with every diagnostic and its place', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?data=e2e/bad.json`);
  const panel = page.locator('[data-testid="error-panel"]');
  await panel.waitFor({ state: 'visible', timeout: 20_000 });
  const text = await panel.innerText();
  assert.match(text, /actors\[1\]\.type/);
  assert.match(text, /links\[0\]\.target/);
  assert.match(text, /spaceship/);
  assert.match(text, /nobody/);
  // Issue 13, item 3: in the page's language, the codes unchanged.
  assert.match(text, /ne figure pas dans la liste correspondante de la taxonomie/);
  assert.match(text, /Aucun acteur n'a cet identifiant/);
  assert.doesNotMatch(text, /is not in|no actor has|must be/);
  assert.equal(await panel.locator('[data-code="unknown-actor"]').count(), 1);
  await screenshot(page, 'desktop-error-panel');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('malformed JSON is refused with a message that gives the line', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?data=e2e/malformed.json`);
  const panel = page.locator('[data-testid="error-panel"]');
  await panel.waitFor({ state: 'visible', timeout: 20_000 });
  assert.match(await panel.innerText(), /\b2\b/, 'the diagnostic should name line 2');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('another dataset loads by data= and its warnings come as a notice', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?data=e2e/tiny.json`);
  await waitReady(page);
  assert.deepEqual(
    { actors: (await visibleCount(page)).actors, links: (await visibleCount(page)).links },
    { actors: 3, links: 2 },
  );
  await page.goto(`${suite.server.url}?data=e2e/warnings.json`);
  await waitReady(page);
  assert.equal((await visibleCount(page)).actors, 3);
  await page.locator('[data-testid="notice"]').first().waitFor({ state: 'visible' });
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the phone viewport shows the map and opens the filter sheet', async () => {
  const page = await newPage(suite.browser, { viewport: PHONE, isMobile: true, hasTouch: true });
  await page.goto(suite.server.url);
  await waitReady(page);
  assert.equal((await visibleCount(page)).actors, DEFAULT_ACTORS);
  const box = await page.locator('canvas[data-testid="map-canvas"]').boundingBox();
  assert.ok(box && box.width >= PHONE.width * 0.9 && box.height >= PHONE.height * 0.4,
    `the map should fill the phone screen: ${JSON.stringify(box)}`);
  await screenshot(page, 'phone-default');
  // The page itself never scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px on a phone`);
  const toggle = page.locator('[data-testid="filters-toggle"]');
  await toggle.click();
  const panel = page.locator('[data-testid="filter-panel"]');
  await panel.waitFor({ state: 'visible' });
  const type = panel.locator('input[type=checkbox][data-testid^="facet-type-"]').first();
  await type.check();
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="visible-count"]')?.dataset.actors) < n,
    DEFAULT_ACTORS,
  );
  await screenshot(page, 'phone-filters');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});


test('edge datasets give a sensible screen: no actor, one actor, hostile text that stays inert', async () => {
  const page = await newPage(suite.browser);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss().catch(() => {}); });
  // Any script smuggled in by the data would call one of these.
  await page.addInitScript(() => {
    window.__ran = 0;
    window.alert = () => { window.__ran += 1; };
    window.prompt = window.alert;
    window.confirm = window.alert;
  });
  for (const [file, actors, links] of [['empty.json', 0, 0], ['one.json', 1, 0], ['hostile.json', 10, 10]]) {
    await page.goto(`${suite.server.url}?data=e2e/${file}`);
    await waitReady(page);
    const count = await visibleCount(page);
    assert.deepEqual({ actors: count.actors, links: count.links }, { actors, links }, file);
    assert.equal(await page.locator('[data-testid="error-panel"]').count(), 0, `${file}: no error panel`);
    assert.equal(await page.locator('[data-testid="map-empty"]').count(), actors === 0 ? 1 : 0, `${file}: empty-map message`);
    await screenshot(page, `desktop-edge-${file.replace('.json', '')}`);
  }
  // The hostile names reach the page as text: the search lists the markup verbatim, no element is created.
  await page.locator('[data-testid="search-input"]').fill('script');
  const suggestion = page.locator('[data-testid="search-suggestion"]').first();
  await suggestion.waitFor({ state: 'visible' });
  assert.match(await suggestion.innerText(), /<script>alert\(document\.cookie\)<\/script>/);
  await page.keyboard.press('Enter');
  const card = page.locator('[data-testid="actor-panel"]');
  await card.waitFor({ state: 'visible' });
  assert.equal(await card.locator('img, b, script, [onerror]').count(), 0, 'no element from dataset markup in the card');
  assert.equal(await page.locator('img[src="x"], [onerror]').count(), 0, 'no element from dataset markup');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__ran), 0, 'no script from the data ran');
  assert.equal(dialogs, 0, 'no dialog opened');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the error panel speaks English on the English page', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}?data=e2e/bad.json&lang=en`);
  const panel = page.locator('[data-testid="error-panel"]');
  await panel.waitFor({ state: 'visible', timeout: 20_000 });
  const text = await panel.innerText();
  assert.match(text, /no actor has the id `nobody`/);
  assert.doesNotMatch(text, /Aucun acteur/);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('a quiet console: one summary line for all the default dataset\'s warnings', async () => {
  const page = await newPage(suite.browser);
  const lines = [];
  page.on('console', (msg) => lines.push(`${msg.type()}: ${msg.text()}`));
  await page.goto(suite.server.url);
  await waitReady(page);
  await page.waitForTimeout(300);
  const civicmap = lines.filter((l) => l.includes('civicmap:'));
  assert.equal(civicmap.length, 1, civicmap.join('\n'));
  assert.match(civicmap[0], /^warning: civicmap: .* loaded with \d+ warnings; run `civicmap check <file>` for the details$/);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
