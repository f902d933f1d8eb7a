// What a screen-reader user hears (issue 13, item 7; docs/accessibility.md,
// "The accessibility tree"): the accessibility tree that Chromium builds,
// read with Playwright's ariaSnapshot() and role queries along the main
// journeys — search → actor → neighbour → list → share; the timeline; the
// stakes; the embed dialog — asserting the roles, names and states a
// screen-reader user relies on. The names come from the dataset file, not
// from the app.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { appSuite, newPage, queryOf, unexpectedErrors, waitReady } from './helpers.mjs';
import { ROOT } from './serve.mjs';

const suite = appSuite();
const DATASET = JSON.parse(readFileSync(join(ROOT, 'static', 'data', 'civic-tech-fr.json'), 'utf8'));
const actorById = new Map(DATASET.actors.map((a) => [a.id, a]));

/** Actors linked to `id`, either direction (the card's neighbour buttons). */
function neighboursOf(id) {
  const out = new Set();
  for (const l of DATASET.links) {
    if (l.source === id) out.add(l.target);
    if (l.target === id) out.add(l.source);
  }
  out.delete(id);
  return [...out].map((n) => actorById.get(n).name);
}

/** Accessible names of the buttons under `locator` (those matching `only`) that share their name with another. */
async function duplicatedButtonNames(locator, only = /./) {
  const snapshot = await locator.ariaSnapshot();
  const names = [...snapshot.matchAll(/- button "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).filter((n) => only.test(n));
  const seen = new Map();
  for (const n of names) seen.set(n, (seen.get(n) ?? 0) + 1);
  return [...seen].filter(([, k]) => k > 1).map(([n, k]) => `${n} ×${k}`);
}

/** Heading levels in document order that skip a level (e.g. h2 → h4). */
async function skippedHeadings(page) {
  return page.evaluate(() => {
    const hs = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role=heading]')].filter((h) => h.getClientRects().length > 0 && !h.closest('[aria-hidden=true]'));
    const out = [];
    let prev = 0;
    for (const h of hs) {
      const level = Number(h.getAttribute('aria-level') ?? h.tagName.slice(1));
      if (level > prev + 1) out.push(`h${prev} → h${level} "${h.textContent.trim().slice(0, 40)}"`);
      prev = level;
    }
    return out;
  });
}

async function openPage(query = '', options = {}) {
  const page = await newPage(suite.browser, options);
  await page.goto(`${suite.server.url}${query}`);
  await waitReady(page);
  return page;
}

test('search → actor → neighbour → list: names, roles and states along the journey', async () => {
  const page = await openPage();

  // The search: a named combobox in a search landmark, collapsed until there are suggestions.
  const search = page.getByRole('search').getByRole('combobox', { name: 'Rechercher un acteur' });
  assert.equal(await search.count(), 1, 'one combobox named "Rechercher un acteur" in the search landmark');
  assert.equal(await search.getAttribute('aria-expanded'), 'false');
  await search.fill('decidim');
  const listbox = page.getByRole('listbox');
  await listbox.waitFor();
  assert.equal(await search.getAttribute('aria-expanded'), 'true', 'expanded while suggestions show');
  assert.equal(await search.getAttribute('aria-controls'), await listbox.getAttribute('id'), 'the combobox controls the listbox');
  const options = await listbox.getByRole('option').allInnerTexts();
  assert.ok(options.length >= 1 && options.every((o) => /decidim/i.test(o)), `options are options: ${options}`);
  await search.press('ArrowDown');
  const active = await search.getAttribute('aria-activedescendant');
  assert.ok(active, 'arrow keys move aria-activedescendant');
  assert.equal(await page.locator(`[id="${active}"]`).getAttribute('aria-selected'), 'true');

  // The actor card: a landmark named by the actor, whose heading is the actor's name.
  await search.press('Escape');
  await search.fill('decidim');
  await listbox.waitFor();
  await search.press('Enter');
  const decidim = actorById.get('decidim');
  const card = page.locator('[data-testid="actor-panel"]');
  await card.waitFor();
  assert.equal(await search.getAttribute('aria-expanded'), 'false', 'collapsed once chosen');
  const cardTree = await card.ariaSnapshot();
  assert.match(cardTree.split('\n')[0], new RegExp(`^- (complementary|region|dialog) "${decidim.name}"`), cardTree.split('\n')[0]);
  assert.equal(await card.getByRole('heading', { level: 2, name: decidim.name, exact: true }).count(), 1);
  assert.equal(await card.getByRole('button', { name: /fermer/i }).count(), 1, 'the close button has a name');
  assert.equal(await card.getByRole('combobox', { name: 'Voisinage' }).count(), 1, 'the depth select has a name');

  // Neighbour buttons: each says where it goes (the neighbour's name), under a heading naming the link.
  const expected = neighboursOf('decidim').sort();
  const buttons = card.locator('[data-testid="neighbour"]');
  const names = [];
  for (const b of await buttons.all()) names.push((await b.evaluate((e) => e.ariaLabel ?? e.textContent)).trim());
  assert.deepEqual([...new Set(names)].sort(), expected, 'one neighbour button per linked actor, named by it');
  const target = card.getByRole('button', { name: expected[0], exact: true }).first();
  const targetId = await target.getAttribute('data-actor-id');
  await target.click();
  await page.waitForFunction((id) => document.querySelector('[data-testid="actor-panel"]')?.dataset.actorId === id, targetId);
  assert.equal(await card.getByRole('heading', { level: 2 }).first().innerText(), actorById.get(targetId).name);
  assert.equal(queryOf(page).actor, targetId);

  // The views are tabs; the list is a table with sortable column headers that announce aria-sort.
  const tabs = page.getByRole('tablist', { name: 'Vues' }).getByRole('tab');
  assert.deepEqual(await tabs.allInnerTexts(), ['Carte', 'Liste', 'Chronologie', 'Enjeux', 'Analyse']);
  await page.getByRole('tab', { name: 'Liste' }).click();
  await page.locator('[data-testid="actor-row"]').first().waitFor();
  const selected = await tabs.evaluateAll((ts) => ts.map((t) => `${t.textContent.trim()}=${t.getAttribute('aria-selected')}`));
  assert.deepEqual(selected, ['Carte=false', 'Liste=true', 'Chronologie=false', 'Enjeux=false', 'Analyse=false']);
  assert.equal(await page.getByRole('tabpanel', { name: 'Liste' }).count(), 1, 'the panel is labelled by its tab');
  const table = page.getByRole('table');
  assert.match(await table.getAttribute('aria-label') ?? await table.locator('caption').innerText(), /acteurs affichés/);
  const headers = table.getByRole('columnheader');
  const sortOf = () => headers.evaluateAll((hs) => hs.map((h) => h.getAttribute('aria-sort')));
  assert.deepEqual(await sortOf(), ['ascending', null, null, null, null, null, null], 'sorted by name, and only that header says so');
  // Six columns and the community (what color=community shows).
  assert.equal(await headers.getByRole('button').count(), 7, 'each column header holds its sort button');
  await headers.getByRole('button', { name: 'Création' }).click();
  await page.waitForFunction(() => document.querySelectorAll('th[aria-sort]').length === 1 && !document.querySelector('th.col-name[aria-sort]'));
  const after = await sortOf();
  assert.equal(after.filter(Boolean).length, 1, `one sorted column: ${after}`);
  assert.match(after[4], /^(ascending|descending)$/);
  const row = page.locator(`[data-testid="actor-row"][data-actor-id="${targetId}"]`);
  assert.equal(await row.getByRole('rowheader').innerText(), actorById.get(targetId).name, 'each row is headed by its actor');
  assert.equal(await row.getByRole('button').first().getAttribute('aria-current'), 'true', 'the selected actor is the current one');

  assert.deepEqual(await skippedHeadings(page), [], 'no heading level skipped');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the visible count is one polite live region that follows the filters', async () => {
  const page = await openPage();
  const count = page.locator('[data-testid="visible-count"]');
  assert.equal(await count.count(), 1, 'one count on the page');
  assert.equal(await count.getAttribute('aria-live'), 'polite');
  assert.equal(await count.innerText(), `${DATASET.actors.length} acteurs · ${DATASET.links.length} liens`);
  const type = DATASET.taxonomy.actor_types[0];
  const n = DATASET.actors.filter((a) => a.type === type.id).length;
  await page.getByRole('group', { name: "Types d'acteurs" }).getByRole('checkbox', { name: new RegExp(`^${type.label.fr} `) }).check();
  await page.waitForFunction((k) => document.querySelector('[data-testid="visible-count"]').dataset.actors === String(k), n);
  assert.match(await count.innerText(), new RegExp(`^${n} acteurs · \\d+ liens$`));
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('share: the copied link is announced politely', async () => {
  const page = await openPage('?actor=decidim', { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.getByRole('navigation').getByRole('button', { name: 'Partager' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Lien copié' });
  await status.waitFor();
  assert.equal(await status.count(), 1);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('share without clipboard: the link is in a named dialog that holds the focus and gives it back', async () => {
    const page = await newPage(suite.browser);
    // A browser that refuses both ways of copying (e.g. a frame without clipboard-write).
    await page.context().addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('no', 'NotAllowedError')) } });
      document.execCommand = () => false;
    });
    await page.goto(`${suite.server.url}?actor=decidim`);
    await waitReady(page);
    const share = page.getByRole('button', { name: 'Partager' });
    await share.click();
    await page.locator('#share-field').waitFor({ timeout: 5000 }); // the link, shown to copy by hand
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 5000 });
    assert.ok(((await dialog.getAttribute('aria-label')) ?? (await dialog.getAttribute('aria-labelledby'))), 'the dialog has a name');
    assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'the focus is inside the dialog');
    assert.match(await dialog.getByRole('textbox').inputValue(), /actor=decidim/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'share-button', 'the focus goes back to Share');
    await page.closeAll();
  });

test('the timeline: a labelled tab panel, years and events as headings, unique button names', async () => {
  const page = await openPage('?view=timeline&type=association');
  assert.equal(await page.getByRole('tab', { name: 'Chronologie' }).getAttribute('aria-selected'), 'true');
  const region = page.getByRole('tabpanel', { name: 'Chronologie' }).getByRole('region', { name: 'Chronologie' });
  assert.equal(await region.count(), 1);
  const events = (DATASET.events ?? []);
  const years = [...new Set(events.map((e) => String(e.date).slice(0, 4)))];
  assert.deepEqual(
    (await region.getByRole('heading', { level: 3 }).allInnerTexts()).map((s) => s.trim()),
    years.sort(),
    'one year heading per year with events',
  );
  assert.equal(await region.getByRole('article').count(), events.length, 'each event is an article');
  assert.equal(await region.getByRole('heading', { level: 4 }).count(), events.length, 'each event has its heading');
  const show = await region.getByRole('button', { name: /^Voir sur la carte/ }).count();
  assert.ok(show > 0, 'events have a "show on the map" button');
  assert.deepEqual(await duplicatedButtonNames(region, /^Voir sur la carte/), [], 'each "show on the map" says which event');
  assert.deepEqual(await skippedHeadings(page), []);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the stakes: each stake a named item with its heading, a pressed state', async () => {
  const page = await openPage('?stake=open-source-vs-proprietary&view=stakes');
  const stake = DATASET.stakes.find((s) => s.id === 'open-source-vs-proprietary');
  const region = page.getByRole('region', { name: 'Les enjeux du secteur' });
  const item = region.getByRole('listitem', { name: stake.title.fr, exact: true });
  assert.equal(await item.count(), 1);
  assert.equal(await item.getByRole('heading', { level: 4 }).innerText(), stake.title.fr);
  const pressed = await region.locator('[data-testid="stake-choose"][aria-pressed="true"]').count();
  assert.equal(pressed, 1, 'the chosen stake\'s button is pressed');
  assert.equal(await region.locator('[data-testid="stake-choose"][aria-pressed="false"]').count(), DATASET.stakes.length - 1);
  assert.deepEqual(await skippedHeadings(page), []);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the stakes: every button says which stake it acts on', async () => {
    const page = await openPage('?stake=open-source-vs-proprietary&view=stakes');
    const region = page.getByRole('region', { name: 'Les enjeux du secteur' });
    assert.deepEqual(await duplicatedButtonNames(region, /^(N'afficher que ses acteurs|Voir sur la carte)/), []);
    await page.closeAll();
  });

test('the year filter announces the year once', async () => {
    const page = await openPage();
    const group = page.getByRole('group', { name: 'Année' });
    const live = await group.evaluate((g) => [...g.querySelectorAll('[aria-live]:not([aria-live=off]), output, [role=status]')]
      .filter((e) => !e.closest('[aria-hidden=true]')).length);
    assert.equal(live, 1, 'one live region in the year filter');
    await page.closeAll();
  });

test('the embed dialog: a modal dialog named by its heading, focus inside, every control named', async () => {
  const page = await openPage('?actor=decidim');
  const opener = page.getByRole('button', { name: 'Intégrer' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Intégrer cette carte' });
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'the focus is inside');
  const tree = await dialog.ariaSnapshot();
  for (const line of [
    '- heading "Intégrer cette carte" [level=2]',
    '- button "Fermer"',
    '- group "Taille"',
    '- group "Langue de la carte"',
    '- textbox "Code à coller dans votre page"',
    '- button "Copier le code"',
  ]) assert.ok(tree.includes(line), `${line} in\n${tree}`);
  assert.equal(await dialog.getByRole('radio').count(), 4);
  assert.ok((await dialog.locator('iframe').getAttribute('title'))?.length > 0, 'the preview frame has a title');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Intégrer', 'the focus goes back to the opener');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
