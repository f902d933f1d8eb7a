// The "Exporter" menu: each download is made in the browser and reads back
// as what the map shows (CSV rows, civicmap/1 JSON, GEXF nodes, SVG shapes,
// a PNG twice the SVG's size with the legend's colours in it).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  appSuite, DEFAULT_ACTORS, DESKTOP, newPage, PHONE, SCREENSHOTS, screenshot, unexpectedErrors,
  visibleCount, waitReady,
} from './helpers.mjs';

const suite = appSuite();
const EVIL = '=HYPERLINK("http://evil.example","x")';

/** Clicks an item of the menu and returns the download's name and bytes. */
async function downloadBytes(page, testid) {
  const button = page.locator('[data-testid="export-button"]').first();
  if (await button.getAttribute('aria-expanded') !== 'true') await button.click();
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-testid="${testid}"]`).click(),
  ]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

/** Clicks an item of the menu and returns the download's name and text. */
async function download(page, testid) {
  const { name, bytes } = await downloadBytes(page, testid);
  return { name, text: bytes.toString('utf8') };
}

/** A PNG's size from its IHDR chunk, after checking its signature. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR', 'IHDR first');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** `#rrggbb` as [r, g, b]. */
function rgb(hex) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  assert.ok(m, `a #rrggbb colour: ${hex}`);
  return m.slice(1).map((h) => parseInt(h, 16));
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

test('the map as a PNG: twice the SVG\'s size, its legend drawn in, on a desktop and in a phone\'s frame', async () => {
  for (const [viewport, query, shot] of [[DESKTOP, '', 'desktop'], [PHONE, '?embed=1', 'phone-embed']]) {
    const page = await newPage(suite.browser, { viewport, acceptDownloads: true });
    await page.goto(`${suite.server.url}${query}`);
    await waitReady(page);
    // The SVG of the same view: the size (device-independent units) and where
    // the first legend key is, with its colour.
    const svg = await download(page, 'export-svg');
    const ref = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = document.importNode(doc.documentElement, true);
      root.setAttribute('aria-hidden', 'true');
      document.body.append(root);
      const key = root.querySelector('.legend-key');
      const box = key.getBBox();
      const out = {
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        key: { x: box.x + box.width / 2, y: box.y + box.height / 2, fill: key.getAttribute('fill') },
        background: root.querySelector('rect').getAttribute('fill'),
      };
      root.remove();
      return out;
    }, svg.text);
    const png = await downloadBytes(page, 'export-png');
    assert.equal(png.name, svg.name.replace(/\.svg$/, '.png'), 'named after the dataset and the view');
    assert.deepEqual(pngSize(png.bytes), { width: 2 * ref.width, height: 2 * ref.height });
    // Decoded by the browser: the legend key's centre is its type's colour,
    // a corner the background's.
    const pixels = await page.evaluate(async ({ b64, points }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      return points.map(([x, y]) => [...ctx.getImageData(x, y, 1, 1).data]);
    }, { b64: png.bytes.toString('base64'), points: [[Math.round(2 * ref.key.x), Math.round(2 * ref.key.y)], [2, 2]] });
    const near = (got, want, what) => {
      assert.equal(got[3], 255, `${what} opaque`);
      for (let i = 0; i < 3; i += 1) assert.ok(Math.abs(got[i] - want[i]) <= 2, `${what}: ${got} vs ${want}`);
    };
    near(pixels[0], rgb(ref.key.fill), 'the first legend key');
    near(pixels[1], rgb(ref.background), 'the background');
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, `${shot}-export.png`), png.bytes);
    // The menu closed and gave the focus back, as for the other downloads.
    assert.equal(await page.locator('[data-testid="export-button"]').first().getAttribute('aria-expanded'), 'false');
    assert.deepEqual(unexpectedErrors(page), []);
    await page.closeAll();
  }
});

test('under size= and color=, the image shows the colours, rings and legend the map shows', async () => {
  const page = await newPage(suite.browser, { viewport: DESKTOP, acceptDownloads: true });
  await page.goto(`${suite.server.url}?size=betweenness&color=objective`);
  await waitReady(page);
  await page.waitForFunction(() => performance.getEntriesByName('civicmap:measures', 'mark').length > 0);
  const onMap = await page.evaluate(() => ({
    labels: [...document.querySelectorAll('[data-testid="map-legend"] .legend-label')].map((e) => e.textContent),
    size: document.querySelector('[data-testid="legend-size"] span').textContent,
    ring: document.querySelector('[data-testid="map-legend"] .legend-ring')?.textContent.trim() ?? null,
  }));
  assert.ok(onMap.labels.length > 1 && onMap.ring, `objectives with rings on the map: ${JSON.stringify(onMap)}`);
  const svg = await download(page, 'export-svg');
  const got = await page.evaluate((text) => {
    const d = new DOMParser().parseFromString(text, 'image/svg+xml');
    const keys = [...d.querySelectorAll('.legend-key')];
    return {
      keys: keys.map((k) => k.getAttribute('fill')),
      labels: keys.map((k) => k.nextElementSibling.textContent),
      fills: [...new Set([...d.querySelectorAll('.actor')].map((a) => a.getAttribute('fill')))],
      radii: [...new Set([...d.querySelectorAll('circle.actor')].map((a) => a.getAttribute('r')))].length,
      rings: d.querySelectorAll('.ring').length,
      texts: [...d.querySelectorAll('.caption text')].map((t) => t.textContent),
    };
  }, svg.text);
  assert.deepEqual(got.labels, onMap.labels, 'the legend of the map');
  assert.ok(got.fills.every((f) => got.keys.includes(f)), `every actor in a legend colour: ${got.fills} / ${got.keys}`);
  assert.ok(got.rings > 0, 'actors with a second objective are ringed');
  assert.ok(got.radii > 3, 'sizes follow betweenness');
  assert.ok(got.texts.includes(onMap.size) && got.texts.includes(onMap.ring), `${got.texts}`);
  const png = await downloadBytes(page, 'export-png');
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, 'desktop-export-objective.png'), png.bytes);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
