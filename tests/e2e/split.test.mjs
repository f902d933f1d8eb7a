// The page's wasm in two (scripts/split-wasm.mjs, issue 11's code budget):
// the default journeys reach `civicmap:ready` on the first module alone, the
// second arrives in the background after ready, and a visitor faster than
// that background load still gets every function (the placeholder loads the
// second module at once).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { normalise, patchGlue, shortNames } from '../../scripts/split-wasm.mjs';
import {
  appSuite, DEFAULT_ACTORS, DESKTOP, PHONE, newPage, unexpectedErrors, visibleCount, waitReady,
} from './helpers.mjs';
import { ROOT } from './serve.mjs';

const DIST = join(ROOT, 'dist');
const SPLIT = /civicmap-web-split-[0-9a-f]{16}\.wasm$/;
const LATE_CSS = /late-[0-9a-f]{16}\.css$/;
/** The default journeys: the page in its two modes, on a desktop and a phone. */
const JOURNEYS = [
  ['embed, phone', '?embed=1', PHONE],
  ['embed, desktop', '?embed=1', DESKTOP],
  ['full page, phone', '', PHONE],
  ['full page, desktop', '', DESKTOP],
];
const suite = appSuite();

/** When (ms after navigation) the page marked ready and first asked for the second module (null: never). */
const timings = (page) => page.evaluate(() => ({
  ready: performance.getEntriesByName('civicmap:ready', 'mark')[0]?.startTime ?? null,
  split: performance.getEntriesByType('resource').find((e) => /civicmap-web-split-/.test(e.name))?.startTime ?? null,
  early: performance.getEntriesByName('civicmap:split-early', 'mark')[0]?.detail ?? null,
}));

test('the build: two modules, the first importing placeholders, every SRI hash right', () => {
  const files = readdirSync(DIST);
  const second = files.filter((f) => SPLIT.test(f));
  assert.equal(second.length, 1, `one second module in dist/: ${second}`);
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const first = html.match(/href="\.\/(civicmap-web-[0-9a-f]{16}_bg\.wasm)"/)?.[1];
  assert.ok(first, 'index.html preloads the first module');
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(join(DIST, first))));
  const placeholders = imports.filter((i) => i.module === 'p').length;
  assert.ok(placeholders > 500, `the first module imports ${placeholders} placeholders`);
  const glue = html.match(/href="\.\/(civicmap-web-[0-9a-f]{16}\.js)"/)?.[1];
  assert.ok(readFileSync(join(DIST, glue), 'utf8').includes(`./${second[0]}`), 'the glue names the second module');
  // Every file index.html pins by hash is the file dist/ holds.
  const pinned = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"[^>]*? integrity="([^"]+)"/g)];
  assert.ok(pinned.length >= 4, `${pinned.length} pinned files`);
  for (const [, file, integrity] of pinned) {
    assert.equal(integrity, `sha384-${createHash('sha384').update(readFileSync(join(DIST, file))).digest('base64')}`, file);
  }
});

test('the code a page loads before ready fits issue 11\'s budget: 250 KB at brotli 11, as nginx serves it', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  // What index.html loads itself: the first module, the glue, the stylesheet,
  // early.js and the boot script (the late stylesheet and the second module
  // come after ready).
  const names = [
    /href="\.\/(civicmap-web-[0-9a-f]{16}_bg\.wasm)"/, /href="\.\/(civicmap-web-[0-9a-f]{16}\.js)"/,
    /href="\.\/(app-[0-9a-f]{8,16}\.css)"/, /src="\.\/(early-[0-9a-f]{8,16}\.js)"/, /src="\.\/(boot-[0-9a-f]{16}\.js)"/,
  ].map((re) => html.match(re)?.[1]);
  assert.ok(names.every(Boolean), `index.html names ${names}`);
  const bodies = names.map((f) => statSync(join(DIST, `${f}.br`)).size);
  // Each response's headers (deploy/nginx.conf): ~310 B measured by the bench.
  const total = bodies.reduce((a, b) => a + b, 0) + 320 * names.length;
  assert.ok(total <= 250_000, `${total} B before ready (${names.map((f, i) => `${f} ${bodies[i]}`).join(', ')}): over the budget; docs/performance.md says where the bytes go`);
});

test('the hook: names lose only what changes between builds; a glue it does not know is refused', () => {
  assert.equal(normalise('civicmap[943c60cd4aa5fb4]::ui::app::view::{closure#2}'), 'civicmap::ui::app::view::{closure#2}');
  assert.equal(normalise('<alloc[c8a1b94caa27ad0]::vec::Vec<u8>>::push'), '<alloc::vec::Vec<u8>>::push');
  assert.equal(normalise('serde_json::de::from_str::h0123456789abcdef'), 'serde_json::de::from_str');
  assert.equal(normalise('<[u8]>::len'), '<[u8]>::len', 'a slice is not a disambiguator');
  assert.throws(() => patchGlue('export { a as default };\n', 'x.wasm'), /not the one this script knows/);
});

test('the hook: the glue and the first module share short names, and a glue missing an import is refused', () => {
  // A module importing one function from the glue's namespace, one global
  // the second module also imports, and exporting both.
  const str = (t) => [t.length, ...Buffer.from(t)];
  const section = (id, bytes) => [id, bytes.length, ...bytes];
  const module = (field) => Buffer.from([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [2, ...str('./civicmap-web_bg.js'), ...str(field), 0, 0, ...str('env'), ...str('g'), 3, 0x7f, 0]),
    ...section(7, [2, ...str('__wbindgen_start'), 0, 0, ...str('__abort_handler'), 3, 0]),
  ]);
  const glue = (key) => [
    'function __wbg_get_imports() {', '    const import0 = {', '        __proto__: null,',
    `        ${key}: function() {`, '        },', '    };', '    return {', '        __proto__: null,',
    '        "./civicmap-web_bg.js": import0,', '    };', '}', 'wasm.__wbindgen_start();', '',
  ].join('\n');
  const hashed = '__wbg_lastChild_d03af7c29f69e2ad';
  const out = shortNames(module(hashed), glue(hashed), new Set(['__abort_handler']));
  const compiled = new WebAssembly.Module(out.wasm);
  assert.deepEqual(WebAssembly.Module.imports(compiled).map((i) => `${i.module}.${i.name}`), ['w.a', 'env.g']);
  assert.deepEqual(WebAssembly.Module.exports(compiled).map((e) => e.name), ['$a', '__abort_handler']);
  assert.match(out.glue, /\n {8}a: function\(\)/);
  assert.match(out.glue, /\n {8}w: import0,/);
  assert.match(out.glue, /\nwasm\.\$a\(\);/);
  assert.ok(!out.glue.includes(hashed), 'no hashed name is left in the glue');
  assert.throws(() => shortNames(module(hashed), glue('__wbg_other_0123456789abcdef')), /does not name the import/);
  // The build's: no import of the glue's namespace keeps a long name.
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const first = html.match(/href="\.\/(civicmap-web-[0-9a-f]{16}_bg\.wasm)"/)?.[1];
  const names = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(join(DIST, first))))
    .filter((i) => i.module !== 'p').map((i) => i.name);
  assert.ok(names.length > 200 && names.every((n) => n.length <= 2), `the glue's imports: ${names.filter((n) => n.length > 2)}`);
});

for (const [name, query, viewport] of JOURNEYS) {
  test(`${name}: ready on the first module alone, the second one after`, async () => {
    const page = await newPage(suite.browser, { viewport });
    try {
      await page.goto(`${suite.server.url}${query}`);
      await waitReady(page);
      assert.equal((await visibleCount(page)).actors, DEFAULT_ACTORS);
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /civicmap-web-split-/.test(e.name)), null, { timeout: 15_000 });
      const { ready, split, early } = await timings(page);
      assert.ok(split > ready, `the second module was asked for at ${split} ms, ready came at ${ready} ms, by the placeholder of slot ${early} (target/split-placeholders.txt names its function): run node scripts/split-profile.mjs`);
      assert.deepEqual(unexpectedErrors(page), []);
    } finally {
      await page.closeAll();
    }
  });
}

test('after ready, views the first screen never ran work (the second module, loaded in the background)', async () => {
  const page = await newPage(suite.browser);
  try {
    await page.goto(suite.server.url);
    await waitReady(page);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /civicmap-web-split-/.test(e.name) && e.responseEnd > 0));
    await page.click('#view-tab-analysis');
    await page.locator('[data-testid="analysis"] [data-testid="count-row"]').first().waitFor();
    await page.click('#view-tab-list');
    await page.locator('[data-testid="list-view"]').waitFor();
    assert.deepEqual(unexpectedErrors(page), []);
  } finally {
    await page.closeAll();
  }
});

test('a visitor faster than the background load: the placeholder loads the second module at once', async () => {
  const page = await newPage(suite.browser);
  const asked = [];
  // The background load (a fetch) never finishes; the placeholder's
  // synchronous request (an XMLHttpRequest) goes through.
  await page.route(SPLIT, async (route) => {
    asked.push(route.request().resourceType());
    if (route.request().resourceType() !== 'fetch') await route.continue();
  });
  try {
    await page.goto(suite.server.url);
    await waitReady(page);
    for (let i = 0; i < 100 && asked.length === 0; i += 1) await page.waitForTimeout(50);
    assert.deepEqual(asked, ['fetch'], 'the background load started, and nothing else');
    await page.click('#view-tab-analysis');
    await page.locator('[data-testid="analysis"] [data-testid="count-row"]').first().waitFor();
    assert.deepEqual(asked, ['fetch', 'xhr'], 'the placeholder asked for the second module itself');
    assert.deepEqual(unexpectedErrors(page), []);
  } finally {
    await page.closeAll();
  }
});

// The stylesheet in two (scripts/minify.mjs): the page's own lacks what
// static/app.css marks late; static/early.js adds the whole one at ready.

/** Each element's computed styles that decide its look and place, in document order. */
const looks = (page) => page.evaluate(() => {
  const props = ['display', 'position', 'visibility', 'width', 'height', 'top', 'left', 'margin', 'padding',
    'font-size', 'font-weight', 'line-height', 'color', 'background-color', 'border', 'border-radius',
    'flex-direction', 'gap', 'z-index', 'overflow', 'opacity', 'box-shadow', 'transform'];
  return [...document.querySelectorAll('body *')].map((el) => {
    const s = getComputedStyle(el);
    const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    return [name, props.map((p) => `${p}:${s.getPropertyValue(p)}`).join(';')];
  });
});

for (const [name, query, viewport] of JOURNEYS) {
  test(`${name}: the late styles change nothing on the page at ready, and arrive after it`, async () => {
    const page = await newPage(suite.browser, { viewport });
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(LATE_CSS, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(`${suite.server.url}${query}`);
      await waitReady(page);
      const before = await looks(page);
      const asked = await page.evaluate(() => ({
        ready: performance.getEntriesByName('civicmap:ready', 'mark')[0].startTime,
        link: document.querySelector('link[rel="stylesheet"][href*="late-"]')?.href ?? null,
      }));
      assert.ok(asked.link, 'early.js adds the late stylesheet at ready');
      release();
      await page.waitForFunction((re) => [...document.styleSheets].some((s) => new RegExp(re).test(s.href ?? '') && s.cssRules.length > 0), LATE_CSS.source);
      const after = await looks(page);
      assert.equal(after.length, before.length);
      const changed = after.filter(([, s], i) => s !== before[i][1]).map(([n]) => n);
      assert.deepEqual(changed, [], 'elements whose styles the late sheet changed: a rule static/app.css marks late applies to them');
      const start = await page.evaluate((re) => performance.getEntriesByType('resource').find((e) => new RegExp(re).test(e.name))?.startTime, LATE_CSS.source);
      assert.ok(start >= asked.ready, `the late stylesheet was asked for at ${start} ms, ready came at ${asked.ready} ms`);
      assert.deepEqual(unexpectedErrors(page), []);
    } finally {
      release();
      await page.closeAll();
    }
  });
}

test('an address that opens a later step asks for the late styles at once, and its view is styled', async () => {
  const page = await newPage(suite.browser);
  try {
    await page.goto(`${suite.server.url}?view=list`);
    await waitReady(page);
    const { start, ready } = await page.evaluate((re) => ({
      start: performance.getEntriesByType('resource').find((e) => new RegExp(re).test(e.name))?.startTime,
      ready: performance.getEntriesByName('civicmap:ready', 'mark')[0].startTime,
    }), LATE_CSS.source);
    assert.ok(start < ready, `asked for at ${start} ms, before ready at ${ready} ms`);
    // The list's table takes its styles from the late sheet (no spacing between its cells).
    const table = page.locator('[data-testid="list-view"] table.actor-table');
    await table.waitFor();
    assert.equal(await table.evaluate((t) => getComputedStyle(t).borderSpacing), '0px');
    assert.deepEqual(unexpectedErrors(page), []);
  } finally {
    await page.closeAll();
  }
});
