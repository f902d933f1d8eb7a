// Safe upgrades (issue 14, INSTALL.md "Upgrade"): a new version is installed
// by copying its files OVER the old ones (`cp -R site/. /var/www/civicmap/`),
// so the previous version's hashed files stay. A visitor who has the map open
// keeps a working map, one whose old page fetches its files after the install
// still gets them, the next visit gets the new version, and nginx's caching
// rules let a new dataset show within 5 minutes.
//
// The "new version" is the built site with every hashed file renamed (as a
// rebuild with other code would) and a changed index.html.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { expectedCounts, loadDataset } from './dataset.mjs';
import { launchBrowser, newPage, unexpectedErrors, visibleCount, waitReady } from './helpers.mjs';
import { startNginx } from './nginx.mjs';
import { prepareSite } from './serve.mjs';

const HASHED = /^(.*-)([0-9a-f]{8,16})((?:_bg)?\.(?:js|wasm|css|svg)(?:\.br|\.gz)?)$/;
const env = {};

/** The hashed files an index.html names (its whole version: boot, glue, wasm, css, icon). */
function namedFiles(html) {
  return [...html.matchAll(/(?:href|src)="\.\/([^"?]+)"/g)].map((m) => m[1]).filter((f) => HASHED.test(f));
}

/**
 * A copy of `site` standing for the next version: each hashed file under a
 * new name (its hash reversed), the names rewritten in the pages, the
 * bootstrap and the glue, every integrity recomputed, and a marker in index.html.
 */
function nextVersion(site) {
  const dir = mkdtempSync(join(tmpdir(), 'civicmap-v2-'));
  cpSync(site, dir, { recursive: true });
  const renames = new Map();
  for (const f of readdirSync(dir)) {
    const m = HASHED.exec(f);
    if (!m) continue;
    const to = `${m[1]}${[...m[2]].reverse().join('')}${m[3]}`;
    renameSync(join(dir, f), join(dir, to));
    renames.set(f, to);
  }
  const rewrite = (text) => [...renames].reduce((t, [from, to]) => t.replaceAll(from, to), text);
  // The scripts that name other files: the bootstrap, and the glue (it names the wasm's second module).
  // Their precompressed copies would still name the old files: served
  // plain instead. (Every hashed file is renamed, precompressed copies
  // included, so that copying v2 over v1 never rewrites a file in place
  // while an open page may be reading it.)
  for (const f of renames.values()) {
    if (f.endsWith('.js')) {
      writeFileSync(join(dir, f), rewrite(readFileSync(join(dir, f), 'utf8')));
      for (const z of ['.br', '.gz']) rmSync(join(dir, f + z), { force: true });
    }
  }
  const sri = (f) => `sha384-${createHash('sha384').update(readFileSync(join(dir, f))).digest('base64')}`;
  let html = rewrite(readFileSync(join(dir, 'index.html'), 'utf8'))
    .replace(/((?:src|href)="\.\/([^"]+)"[^>]*? integrity=")[^"]+"/g, (_, head, f) => `${head}${sri(f)}"`);
  html = html.replace('<head>', '<head>\n  <meta name="civicmap-test-version" content="2" />');
  writeFileSync(join(dir, 'index.html'), html);
  return { dir, renames };
}

before(async () => {
  env.live = prepareSite({ out: mkdtempSync(join(tmpdir(), 'civicmap-live-')) });
  env.v1Files = namedFiles(readFileSync(join(env.live, 'index.html'), 'utf8'));
  env.v2 = nextVersion(env.live);
  env.server = await startNginx({ root: env.live, subPath: '/carte/' });
  env.browser = await launchBrowser();
  env.dataset = await loadDataset(env.server.url);
  env.tiny = await loadDataset(env.server.url, 'e2e/tiny.json');
});

after(async () => {
  await env.browser?.close();
  await env.server?.close();
  for (const d of [env.live, env.v2?.dir]) if (d) rmSync(d, { recursive: true, force: true });
});

/** The documented install: copy the new version over the old one. */
function install(from) {
  execFileSync('cp', ['-R', `${from}/.`, env.live]);
}

test('a map open during an upgrade keeps working; a page mid-load still gets its files; the next visit is new', async () => {
  assert.equal(env.v1Files.length >= 4, true, `v1 names its hashed files: ${env.v1Files}`);
  assert.equal(env.v2.renames.size >= 4, true, 'the next version renames its hashed files');
  const base = env.server.url;

  // A: a visitor with the map open (v1, fully loaded).
  const open = await newPage(env.browser);
  await open.goto(base);
  await waitReady(open);

  // B: a visitor whose v1 page is still loading: its wasm request is held
  // until the new version is installed.
  const loading = await newPage(env.browser);
  let release;
  const held = new Promise((r) => { release = r; });
  const wasmAsked = [];
  await loading.route('**/*_bg.wasm', async (route) => {
    wasmAsked.push(new URL(route.request().url()).pathname);
    await held;
    await route.continue();
  });
  await loading.goto(base, { waitUntil: 'commit' });
  for (let i = 0; i < 300 && wasmAsked.length === 0; i += 1) await loading.waitForTimeout(50);
  assert.equal(wasmAsked.length, 1, 'the loading page asked for its wasm');

  install(env.v2.dir);
  const html = await (await fetch(base)).text();
  assert.match(html, /civicmap-test-version/, 'the new index.html is served');
  for (const f of env.v1Files) {
    assert.equal((await fetch(`${base}${f}`)).status, 200, `the previous version's ${f} is still served`);
  }

  release();
  await waitReady(loading);
  assert.equal(wasmAsked[0], `/carte/${env.v1Files.find((f) => f.endsWith('_bg.wasm'))}`, 'B runs the old version');
  assert.equal((await visibleCount(loading)).actors, env.dataset.actors.length);
  assert.deepEqual(unexpectedErrors(loading), []);
  await loading.closeAll();

  // A keeps working: the list view, a filter, and a lazy fetch (another
  // dataset, by Back/Forward in the same page: a popstate to a data= address).
  await open.locator('[data-testid="view-tab"][data-view="list"]').click();
  await open.locator('[data-testid="actor-row"]').first().waitFor();
  assert.equal(await open.locator('[data-testid="actor-row"]').count(), env.dataset.actors.length, 'the list view');
  const type = env.dataset.taxonomy.actor_types[0].id;
  await open.locator(`input[type=checkbox][data-testid="facet-type-${type}"]`).check();
  const want = expectedCounts(env.dataset, { type: [type] });
  await open.waitForFunction((n) => Number(document.querySelector('[data-testid="visible-count"]')?.dataset.actors) === n, want.actors);
  assert.equal(await open.locator('[data-testid="actor-row"]').count(), want.actors, 'the filter applies to the list');
  await open.evaluate(() => {
    history.pushState(null, '', '?data=e2e/tiny.json');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await waitReady(open, { count: 2 });
  const shown = await visibleCount(open);
  assert.deepEqual({ actors: shown.actors, links: shown.links }, { actors: env.tiny.actors.length, links: env.tiny.links.length });
  assert.equal(await open.locator('meta[name="civicmap-test-version"]').count(), 0, 'A still runs v1');
  assert.deepEqual(unexpectedErrors(open), []);

  // The next visit (a reload) gets the new version, and it works.
  const asked = [];
  open.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await open.goto(base);
  await waitReady(open);
  assert.equal(await open.locator('meta[name="civicmap-test-version"]').count(), 1, 'the reload runs v2');
  const v2Wasm = [...env.v2.renames.values()].find((f) => f.endsWith('_bg.wasm'));
  assert.ok(asked.includes(`/carte/${v2Wasm}`), `the reload fetched the new wasm (${asked.join(' ')})`);
  assert.equal((await visibleCount(open)).actors, env.dataset.actors.length);
  assert.deepEqual(unexpectedErrors(open), []);
  await open.closeAll();
});

test('caching: pages revalidated, hashed files immutable, config and datasets fresh within 5 minutes', async () => {
  const base = env.server.url;
  const cache = async (path) => (await fetch(`${base}${path}`)).headers.get('cache-control');
  for (const page of ['', 'index.html', 'accessibility.html', 'embed-demo.html']) {
    assert.equal(await cache(page), 'no-cache', `/carte/${page}`);
  }
  for (const f of env.v1Files) assert.match(await cache(f), /max-age=31536000, immutable/, f);
  for (const f of ['civicmap.config.json', 'data/civic-tech-fr.json']) {
    const value = await cache(f);
    const maxAge = Number(/max-age=(\d+)/.exec(value)?.[1]);
    assert.ok(maxAge <= 300 && /must-revalidate|no-cache/.test(value), `${f}: ${value} lets a new version show within 5 minutes`);
    // Revalidation works (a cheap 304 once stale).
    const res = await fetch(`${base}${f}`);
    const again = await fetch(`${base}${f}`, { headers: { 'if-none-match': res.headers.get('etag') } });
    assert.equal(again.status, 304, `${f}: revalidated by ETag`);
  }
});
