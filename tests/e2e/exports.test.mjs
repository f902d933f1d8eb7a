// The "Exporter" menu: each download is made in the browser and reads back
// as what the map shows (CSV rows, civicmap/1 JSON, GEXF nodes, SVG shapes).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  appSuite, DEFAULT_ACTORS, newPage, PHONE, screenshot, unexpectedErrors, visibleCount, waitReady,
} from './helpers.mjs';

const suite = appSuite();
const EVIL = '=HYPERLINK("http://evil.example","x")';

/** Clicks an item of the menu and returns the download's name and text. */
async function download(page, testid) {
  const button = page.locator('[data-testid="export-button"]').first();
  if (await button.getAttribute('aria-expanded') !== 'true') await button.click();
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-testid="${testid}"]`).click(),
  ]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** A minimal RFC 4180 reader (quotes, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; i += 1;
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

test('each export downloads what the map shows, hostile names inert', async () => {
  const page = await newPage(suite.browser, { acceptDownloads: true });
  // The hostile dataset, one name made a formula.
  await page.route('**/e2e/hostile.json', async (route) => {
    const response = await route.fetch();
    const ds = await response.json();
    ds.actors[ds.actors.length - 1].name = EVIL;
    await route.fulfill({ response, body: JSON.stringify(ds) });
  });
  await page.addInitScript(() => {
    window.__ran = 0;
    window.alert = () => { window.__ran += 1; };
  });
  await page.goto(`${suite.server.url}?data=e2e/hostile.json`);
  await waitReady(page);
  const count = await visibleCount(page);
  assert.ok(count.actors > 0);

  // The menu: a disclosure, closed by Escape with the focus back on its button.
  const button = page.locator('[data-testid="export-button"]').first();
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await page.locator('[data-testid="export-menu"]').waitFor();
  await screenshot(page, 'desktop-export-menu');
  await page.keyboard.press('Escape');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await button.evaluate((b) => b === document.activeElement), true);

  const csv = await download(page, 'export-csv');
  assert.match(csv.name, /^hostile-map\.csv$/);
  assert.ok(csv.text.startsWith('\ufeff'));
  const table = parseCsv(csv.text.slice(1));
  assert.equal(table.length, count.actors + 1, 'a header and one row per visible actor');
  assert.equal(table[0][0], 'Nom');
  assert.ok(table.some((r) => r[0] === `'${EVIL}`), 'the formula is neutralised');
  assert.ok(table.some((r) => r[0] === '<script>alert(document.cookie)</script>'));

  const json = await download(page, 'export-json');
  assert.equal(json.name, 'hostile-map.json');
  const sub = JSON.parse(json.text);
  assert.equal(sub.actors.length, count.actors);
  assert.equal(sub.links.length, count.links);

  const gexf = await download(page, 'export-gexf');
  assert.equal(gexf.name, 'hostile-map.gexf');
  const gdoc = await page.evaluate((text) => {
    const d = new DOMParser().parseFromString(text, 'application/xml');
    return { error: d.getElementsByTagName('parsererror').length, nodes: d.getElementsByTagName('node').length };
  }, gexf.text);
  assert.deepEqual(gdoc, { error: 0, nodes: count.actors });

  const svg = await download(page, 'export-svg');
  assert.equal(svg.name, 'hostile-map.svg');
  const sdoc = await page.evaluate((text) => {
    const d = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: d.getElementsByTagName('parsererror').length,
      actors: d.querySelectorAll('.actor').length,
      legend: d.querySelectorAll('.legend-key').length,
      scripts: d.getElementsByTagName('script').length,
      texts: [...d.getElementsByTagName('text')].map((t) => t.textContent),
    };
  }, svg.text);
  assert.equal(sdoc.error, 0);
  assert.equal(sdoc.actors, count.actors);
  assert.ok(sdoc.legend > 0);
  assert.equal(sdoc.scripts, 0);
  assert.ok(sdoc.texts.includes('<script>alert(document.cookie)</script>'));
  assert.ok(sdoc.texts.includes(count.text), 'the counts are in the image');
  assert.equal(await page.evaluate(() => window.__ran), 0);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('the menu fits a phone and embed mode', async () => {
  const page = await newPage(suite.browser, { viewport: PHONE, acceptDownloads: true });
  await page.goto(suite.server.url);
  await waitReady(page);
  await page.locator('[data-testid="export-button"]').click();
  const menu = page.locator('[data-testid="export-menu"]');
  await menu.waitFor();
  const box = await menu.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `menu inside the screen: ${JSON.stringify(box)}`);
  await screenshot(page, 'phone-export-menu');
  const csv = await download(page, 'export-csv');
  assert.equal(parseCsv(csv.text.slice(1)).length, DEFAULT_ACTORS + 1);

  await page.goto(`${suite.server.url}?embed=1`);
  await waitReady(page);
  await page.locator('[data-testid="export-button"]').click();
  await menu.waitFor();
  const ebox = await menu.boundingBox();
  assert.ok(ebox.y >= 0 && ebox.x >= 0 && ebox.x + ebox.width <= PHONE.width, `embed menu inside: ${JSON.stringify(ebox)}`);
  await screenshot(page, 'phone-embed-export-menu');
  const json = await download(page, 'export-json');
  assert.equal(JSON.parse(json.text).actors.length, DEFAULT_ACTORS);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
