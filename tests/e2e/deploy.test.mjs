// Deploy anywhere (issue 14): the same built site behind nginx
// (deploy/nginx.conf) at the root of a site, in its /carte/ folder and in a
// deeper /a/b/c/ folder — with no rebuild and no setting. Under /carte/ the
// partner's own site (the root) holds nothing of the map, so a single absolute
// address in the build would fail here rather than be served by luck.
//   the map        http://127.0.0.1:<p>/carte/   (and /, /a/b/c/ on other ports)
//   a partner page http://localhost:<p1>         frames /carte/?embed=1 and commands it
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { expectedCounts, loadDataset } from './dataset.mjs';
import { launchBrowser, newPage, unexpectedErrors, visibleCount, waitReady } from './helpers.mjs';
import { startNginx } from './nginx.mjs';
import { prepareSite, startServer } from './serve.mjs';

const env = {};

before(async () => {
  env.site = prepareSite({ out: mkdtempSync(join(tmpdir(), 'civicmap-deploy-site-')) });
  env.partnerHost = await startServer({ root: env.site });
  env.partner = `http://localhost:${env.partnerHost.server.address().port}`;
  env.config = {
    embed_origins: '*',
    command_origins: [env.partner],
    data_origins: [],
    default_dataset: 'data/civic-tech-fr.json',
    max_dataset_bytes: 20000000,
  };
  writeFileSync(join(env.site, 'civicmap.config.json'), `${JSON.stringify(env.config, null, 2)}\n`);
  env.carte = await startNginx({ root: env.site, subPath: '/carte/' });
  env.root = await startNginx({ root: env.site });
  env.deep = await startNginx({ root: env.site, subPath: '/a/b/c/' });
  env.browser = await launchBrowser();
  env.dataset = await loadDataset(env.carte.url);
  env.tiny = await loadDataset(env.carte.url, 'e2e/tiny.json');
});

after(async () => {
  await env.browser?.close();
  for (const s of [env.carte, env.root, env.deep, env.partnerHost]) await s?.close();
  if (env.site) rmSync(env.site, { recursive: true, force: true });
});

/** A page that records every request and every failed response to the map's origin. */
async function recordedPage(base, options) {
  const page = await newPage(env.browser, options);
  const origin = new URL(base).origin;
  page.requested = [];
  page.failed = [];
  page.on('request', (r) => {
    if (new URL(r.url()).origin === origin) page.requested.push(new URL(r.url()).pathname);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) page.failed.push(`${r.status()} ${r.url()}`);
  });
  return page;
}

test('at /, under /carte/ and under /a/b/c/, the same build loads the default dataset from its folder', async () => {
  const total = { actors: env.dataset.actors.length, links: env.dataset.links.length };
  for (const server of [env.root, env.carte, env.deep]) {
    const folder = new URL(server.url).pathname;
    const page = await recordedPage(server.url);
    await page.goto(server.url);
    await waitReady(page);
    const shown = await visibleCount(page);
    assert.deepEqual({ actors: shown.actors, links: shown.links }, total, folder);
    assert.deepEqual(page.failed, [], `${folder}: failed requests`);
    const outside = page.requested.filter((p) => !p.startsWith(folder));
    assert.deepEqual(outside, [], `${folder}: requests outside the map's folder`);
    for (const file of ['civicmap.config.json', 'data/civic-tech-fr.json']) {
      assert.ok(page.requested.includes(`${folder}${file}`), `${folder}: ${file} fetched from the folder`);
    }
    assert.ok(page.requested.some((p) => /_bg\.wasm$/.test(p)), `${folder}: the wasm was fetched`);
    assert.deepEqual(unexpectedErrors(page), [], folder);
    await page.closeAll();
  }
});

test('data= with a relative URL resolves against the page under /carte/', async () => {
  const want = { actors: env.tiny.actors.length, links: env.tiny.links.length };
  // e2e/tiny.json → /carte/e2e/tiny.json; ../e2e/tiny.json → /e2e/tiny.json (the partner's site).
  for (const [data, path] of [['e2e/tiny.json', '/carte/e2e/tiny.json'], ['../e2e/tiny.json', '/e2e/tiny.json']]) {
    const page = await recordedPage(env.carte.url);
    await page.goto(`${env.carte.url}?data=${encodeURIComponent(data)}`);
    await waitReady(page);
    const shown = await visibleCount(page);
    assert.deepEqual({ actors: shown.actors, links: shown.links }, want, data);
    assert.ok(page.requested.includes(path), `${data}: fetched ${path} (${page.requested.join(' ')})`);
    assert.deepEqual(page.failed, [], data);
    assert.deepEqual(unexpectedErrors(page), [], data);
    await page.closeAll();
  }
});

test('under /carte/, the share link, the embed snippet, "open the full map" and the statement stay in /carte/', async () => {
  const base = env.carte.url;
  const page = await recordedPage(base, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`${base}?type=association&lang=en`);
  await waitReady(page);

  await page.locator('[data-testid="share-button"]').click();
  await page.locator('[data-testid="share-confirm"]').waitFor({ state: 'visible' });
  const shared = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  assert.equal(`${shared.origin}${shared.pathname}`, base, 'the share link');
  assert.equal(shared.searchParams.get('type'), 'association');

  await page.locator('[data-testid="embed-button"]').click();
  const code = await page.locator('[data-testid="embed-snippet"]').inputValue();
  const src = new URL(code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
  assert.equal(`${src.origin}${src.pathname}`, base, `the snippet's frame address: ${src}`);
  assert.equal(src.searchParams.get('embed'), '1');
  assert.equal(src.searchParams.get('type'), 'association');
  await page.keyboard.press('Escape');

  // The About dialog: its permalink, and the accessibility statement beside the map.
  await page.locator('[data-testid="about-button"]').click();
  const about = page.locator('[data-testid="about-panel"]');
  await about.waitFor({ state: 'visible' });
  assert.ok((await about.innerText()).includes(shared.href), 'the citation carries the /carte/ permalink');
  const statement = about.locator('[data-testid="accessibility-statement"]');
  const href = new URL(await statement.getAttribute('href'), page.url());
  assert.equal(href.href, `${base}accessibility.html`);
  await page.keyboard.press('Escape');
  for (const file of ['accessibility.html', 'embed-demo.html']) {
    const res = await page.request.get(`${base}${file}`);
    assert.equal(res.status(), 200, file);
  }
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();

  // "Open the full map" from a framed map.
  const framed = await recordedPage(base);
  await framed.goto(`${base}?embed=1&type=association`);
  await waitReady(framed);
  const full = new URL(await framed.locator('[data-testid="open-full-map"]').getAttribute('href'));
  assert.equal(`${full.origin}${full.pathname}`, base, `"open the full map": ${full}`);
  assert.equal(full.searchParams.has('embed'), false);
  assert.equal(full.searchParams.get('type'), 'association');
  assert.deepEqual(unexpectedErrors(framed), []);
  await framed.closeAll();

  // The embed demo, found beside the map, frames it from the folder.
  const demo = await recordedPage(base);
  await demo.goto(`${base}embed-demo.html`);
  const frame = await (await demo.waitForSelector('iframe')).contentFrame();
  await waitReady(frame);
  assert.equal(new URL(frame.url()).pathname, '/carte/');
  assert.deepEqual(demo.failed, []);
  await demo.closeAll();
});

test('a cross-origin host page frames /carte/?embed=1 and commands it', async () => {
  const page = await newPage(env.browser);
  const src = `${env.carte.url}?type=association&embed=1`;
  await page.goto(`${env.partner}/e2e/api-host.html?map=${encodeURIComponent(src)}`);
  const states = () => page.evaluate(() => window.__msgs.filter((m) => m.data?.type === 'civicmap:state'));
  const waitState = async (pred) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = (await states()).find((m) => pred(m.data));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching civicmap:state: ${JSON.stringify(await states())}`);
      await page.waitForTimeout(50);
    }
  };
  const first = await waitState(() => true);
  assert.deepEqual(first, {
    origin: new URL(env.carte.url).origin,
    data: { type: 'civicmap:state', state: 'type=association', visible: expectedCounts(env.dataset, { type: ['association'] }) },
  });
  await page.evaluate(() => window.sendToMap({ type: 'civicmap:set-state', state: 'type=platform' }));
  const next = await waitState((d) => d.state === 'type=platform');
  assert.deepEqual(next.data.visible, expectedCounts(env.dataset, { type: ['platform'] }));
  const frame = page.frames().find((f) => f.url().startsWith(env.carte.url));
  assert.ok(frame, 'the map frame is under /carte/');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
