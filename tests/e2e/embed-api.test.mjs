// The host-page API across origins, behind nginx (product.md, "Messages with
// the host page" and "Deployment configuration"):
//   the map    http://127.0.0.1:<p>   nginx, deploy/nginx.conf, headers generated
//                                     from this deployment's civicmap.config.json
//   a partner  http://localhost:<p1>  may frame the map and command it
//   a stranger http://localhost:<p2>  may frame the map, may not command it
//   an outsider http://localhost:<p3> may not even frame it
// and the map's own embed demo (static/embed-demo.html), allowed to command it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { expectedCounts, loadDataset } from './dataset.mjs';
import { DESKTOP, PHONE, launchBrowser, newPage, screenshot, unexpectedErrors } from './helpers.mjs';
import { freePort, startNginx } from './nginx.mjs';
import { prepareSite, startServer } from './serve.mjs';

const env = {};

before(async () => {
  env.site = prepareSite({ out: mkdtempSync(join(tmpdir(), 'civicmap-embed-site-')) });
  // Three host origins: localhost on three ports (the map is on 127.0.0.1).
  const hosts = [];
  for (let i = 0; i < 3; i += 1) hosts.push(await startServer({ root: env.site }));
  env.hosts = hosts;
  [env.partner, env.stranger, env.outsider] = hosts.map((h) => `http://localhost:${h.server.address().port}`);
  // The map's own origin may command it too: its embed demo is a host page.
  const mapPort = await freePort();
  env.mapOrigin = `http://127.0.0.1:${mapPort}`;
  env.config = {
    embed_origins: [env.partner, env.stranger],
    command_origins: [env.partner, env.mapOrigin],
    data_origins: [],
    default_dataset: 'data/civic-tech-fr.json',
    max_dataset_bytes: 20000000,
  };
  // This deployment's configuration; nginx's headers are generated from it.
  writeFileSync(join(env.site, 'civicmap.config.json'), `${JSON.stringify(env.config, null, 2)}\n`);
  env.map = await startNginx({ root: env.site, port: mapPort });
  env.browser = await launchBrowser();
  env.dataset = await loadDataset(env.map.url);
});

after(async () => {
  await env.browser?.close();
  await env.map?.close();
  for (const h of env.hosts ?? []) await h.close();
  if (env.site) rmSync(env.site, { recursive: true, force: true });
});

/**
 * A host page of `origin` framing the map with `query`, with every frame's
 * CSP violations recorded in `window.__csp` and console warnings in `page.warnings`.
 */
async function hostPage(origin, query) {
  const page = await newPage(env.browser);
  await page.context().addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') page.warnings.push(m.text());
  });
  const src = `${env.map.url}?${query}`;
  await page.goto(`${origin}/e2e/api-host.html?map=${encodeURIComponent(src)}`);
  return page;
}

const states = (page) => page.evaluate(() => window.__msgs.filter((m) => m.data?.type === 'civicmap:state'));

/** Waits for a `civicmap:state` message (after the first `skip`) matching `pred`. */
async function waitState(page, pred = () => true, { skip = 0, timeout = 30_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await states(page)).slice(skip).find((m) => pred(m.data));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching civicmap:state; got ${JSON.stringify(await states(page))}`);
    await page.waitForTimeout(50);
  }
}

/** The map frame of a host page (Playwright `Frame`). */
function mapFrame(page) {
  const frame = page.frames().find((f) => f.url().startsWith(env.map.url));
  assert.ok(frame, `no map frame in ${page.frames().map((f) => f.url())}`);
  return frame;
}

async function frameCount(page) {
  const el = mapFrame(page).locator('[data-testid="visible-count"]');
  return { actors: Number(await el.getAttribute('data-actors')), links: Number(await el.getAttribute('data-links')) };
}

/** Console errors, page errors and CSP violations of every frame, with what is allowed. */
async function problems(page, allowed = []) {
  const csp = (await Promise.all(page.frames().map((f) => f.evaluate(() => window.__csp ?? []).catch(() => [])))).flat();
  return [...unexpectedErrors(page, allowed), ...csp.map((c) => `CSP violation: ${c}`)];
}

test('the frame shows the view of its src and tells the host its state and counts', async () => {
  const page = await hostPage(env.partner, 'type=association&embed=1');
  const first = await waitState(page);
  const want = expectedCounts(env.dataset, { type: ['association'] });
  assert.deepEqual(first, {
    origin: new URL(env.map.url).origin,
    data: { type: 'civicmap:state', state: 'type=association', visible: want },
  });
  assert.deepEqual(await frameCount(page), want, 'the frame shows what it reports');
  assert.deepEqual((await page.evaluate(() => window.__msgs))[0], first, 'civicmap:state is the first message');
  assert.equal(await mapFrame(page).locator('.app.embed').count(), 1, 'embed mode');
  await screenshot(page, 'embed-api-partner-desktop');
  assert.deepEqual(await problems(page), []);
  await page.closeAll();
});

test('set-state from an allowed host replaces the view; embed stays; notices as for a URL', async () => {
  const page = await hostPage(env.partner, 'type=association&embed=1');
  await waitState(page);
  const seen = (await states(page)).length;
  await page.evaluate(() => window.sendToMap({ type: 'civicmap:set-state', state: 'type=platform&lang=en' }));
  const next = await waitState(page, (d) => d.state === 'type=platform&lang=en', { skip: seen });
  const want = expectedCounts(env.dataset, { type: ['platform'] });
  assert.deepEqual(next.data.visible, want);
  assert.notDeepEqual(want, expectedCounts(env.dataset, { type: ['association'] }), 'the view really changed');
  const frame = mapFrame(page);
  await frame.waitForFunction((n) => document.querySelector('[data-testid="visible-count"]')?.dataset.actors === String(n), want.actors);
  assert.deepEqual(await frameCount(page), want);
  assert.equal(await frame.locator('html').getAttribute('lang'), 'en');
  assert.equal(await frame.locator('.app.embed').count(), 1, 'embed mode stays');
  assert.equal(new URL(frame.url()).searchParams.get('embed'), '1', 'the frame\'s address keeps embed=1');

  // An unknown id is dropped with the notice a URL would give.
  const count = (await states(page)).length;
  await page.evaluate(() => window.sendToMap({ type: 'civicmap:set-state', state: 'type=licorne,startup' }));
  const third = await waitState(page, (d) => d.state === 'type=startup', { skip: count });
  assert.deepEqual(third.data.visible, expectedCounts(env.dataset, { type: ['startup'] }));
  await frame.locator('[data-testid="notice"]').first().waitFor({ state: 'visible' });
  assert.match(await frame.locator('[data-testid="notice"]').first().innerText(), /licorne/);

  // A burst of commands sent in one task (five message events the frame
  // handles back to back): the last one wins, and the states are coalesced
  // per animation frame (one state per command would be five).
  const before = (await states(page)).length;
  await page.evaluate(() => {
    for (const s of ['type=association', 'type=platform', 'objective=information', 'q=decidim', 'type=startup&q=cap']) {
      window.sendToMap({ type: 'civicmap:set-state', state: s });
    }
  });
  const last = await waitState(page, (d) => d.state === 'type=startup&q=cap', { skip: before });
  const burst = (await states(page)).slice(before);
  assert.ok(burst.length <= 3, `${burst.length} state messages for 5 commands in one task`);
  assert.deepEqual(burst.at(-1), last, 'the last command is the last state');
  await screenshot(page, 'embed-api-after-set-state');
  assert.deepEqual(await problems(page), []);
  await page.closeAll();
});

test('set-state from a host that may frame but not command changes nothing', async () => {
  const page = await hostPage(env.stranger, 'type=association&embed=1');
  const first = await waitState(page);
  await page.evaluate(() => window.sendToMap({ type: 'civicmap:set-state', state: 'type=platform' }));
  // The frame received it and said why it ignored it…
  const deadline = Date.now() + 10_000;
  while (!page.warnings.some((w) => w.includes('command_origins')) && Date.now() < deadline) await page.waitForTimeout(50);
  assert.ok(page.warnings.some((w) => w.includes(env.stranger) && w.includes('command_origins')), page.warnings.join('\n'));
  // …and nothing changed.
  await page.waitForTimeout(300);
  assert.deepEqual(await states(page), [first]);
  assert.deepEqual(await frameCount(page), first.data.visible);
  assert.deepEqual(await problems(page), []);
  await page.closeAll();
});

test('a host not in embed_origins cannot frame the map (CSP frame-ancestors)', async () => {
  const page = await hostPage(env.outsider, 'embed=1');
  await page.waitForTimeout(3000);
  assert.deepEqual(await page.evaluate(() => window.__msgs), [], 'no message from a refused frame');
  for (const f of page.frames().filter((fr) => fr !== page.mainFrame())) {
    const maps = await f.locator('[data-testid="visible-count"]').count().catch(() => 0);
    assert.equal(maps, 0, `no map in the refused frame (${f.url()})`);
  }
  // Chromium reports the refusal as a console error.
  assert.deepEqual(await problems(page, [/frame-ancestors|Refused to frame|Content Security Policy/]), []);
  await page.closeAll();
});

test('garbage messages change nothing and log nothing worse than a warning', async () => {
  const page = await hostPage(env.partner, 'type=association&embed=1');
  const first = await waitState(page);
  const garbage = await page.evaluate(() => {
    const cyclic = { type: 'civicmap:set-state' };
    cyclic.state = cyclic;
    const deep = {};
    let cur = deep;
    for (let i = 0; i < 2000; i += 1) {
      cur.next = {};
      cur = cur.next;
    }
    const wide = { type: 'civicmap:set-state' };
    for (let i = 0; i < 50_000; i += 1) wide[`k${i}`] = i;
    const messages = [
      'type=platform',
      '{"type":"civicmap:set-state","state":"type=platform"}',
      42,
      null,
      undefined,
      true,
      [],
      [{ type: 'civicmap:set-state', state: 'type=platform' }],
      {},
      { type: 42, state: 'type=platform' },
      { type: 'civicmap:set-state' },
      { type: 'civicmap:set-state', state: 42 },
      { type: 'civicmap:set-state', state: { type: 'platform' } },
      { type: 'civicmap:set-state', state: ['type=platform'] },
      { type: 'civicmap:set-state', state: null },
      { type: 'CIVICMAP:SET-STATE', state: 'type=platform' },
      { type: 'civicmap:eval', code: 'alert(1)' },
      { type: 'civicmap:state', state: 'type=platform', visible: { actors: 1, links: 0 } },
      { type: 'civicmap:set-state', state: `q=${'x'.repeat(200_000)}` },
      { type: 'civicmap:set-state', state: 10n },
      cyclic,
      deep,
      wide,
      new Date(0),
      new Map([['type', 'civicmap:set-state']]),
      new ArrayBuffer(1 << 20),
      new Blob(['type=platform']),
    ];
    for (const m of messages) window.sendToMap(m);
    return messages.length;
  });
  // Each message is answered with one warning (the frame saw them all).
  const deadline = Date.now() + 15_000;
  const ignored = () => page.warnings.filter((w) => w.startsWith('civicmap: message from')).length;
  while (ignored() < garbage && Date.now() < deadline) await page.waitForTimeout(50);
  assert.equal(ignored(), garbage, page.warnings.join('\n'));
  assert.ok(page.warnings.every((w) => w.length < 2000), 'warnings stay short');
  await page.waitForTimeout(300);
  assert.deepEqual(await states(page), [first], 'no state change');
  assert.deepEqual(await frameCount(page), first.data.visible);
  // The map still obeys a good command afterwards.
  await page.evaluate(() => window.sendToMap({ type: 'civicmap:set-state', state: 'type=startup' }));
  const next = await waitState(page, (d) => d.state === 'type=startup', { skip: 1 });
  assert.deepEqual(next.data.visible, expectedCounts(env.dataset, { type: ['startup'] }));
  assert.deepEqual(await problems(page), []);
  await page.closeAll();
});

test('the policy is enforced and the map runs under it without a violation', async () => {
  const page = await hostPage(env.partner, 'embed=1');
  await waitState(page);
  const frame = mapFrame(page);
  // Use it a little: the zoom buttons, a command from the host.
  await frame.locator('[data-testid="zoom-in"]').click();
  await frame.locator('[data-testid="zoom-fit"]').click();
  await page.evaluate(() => window.sendToMap({ type: 'civicmap:set-state', state: 'type=platform&actor=decidim' }));
  await waitState(page, (d) => d.state === 'type=platform&actor=decidim');
  assert.deepEqual(await problems(page), [], 'no violation while the map loads and is used');
  // The CSP is really on: an injected inline script and style do not apply.
  const injected = await frame.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.head.append(s);
    const d = document.createElement('div');
    d.setAttribute('style', 'position: absolute; width: 123px');
    document.body.append(d);
    return { ran: window.__inlineRan === true, width: d.getBoundingClientRect().width };
  });
  assert.equal(injected.ran, false, 'inline script blocked');
  assert.notEqual(injected.width, 123, 'inline style blocked');
  await page.closeAll();
});

/** A raw GET (no decompression): status, headers and body length. */
function rawGet(url, headers = {}) {
  return new Promise((resolveGet, reject) => {
    const req = request(url, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (c) => {
        bytes += c.length;
      });
      res.on('end', () => resolveGet({ status: res.statusCode, headers: res.headers, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('nginx serves the headers the configuration implies', async () => {
  const base = env.map.url;
  const index = await rawGet(base);
  assert.equal(index.status, 200);
  const csp = index.headers['content-security-policy'];
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
  assert.equal(directives['frame-ancestors'], `'self' ${env.partner} ${env.stranger}`, 'frame-ancestors = embed_origins');
  assert.equal(directives['connect-src'], "'self'");
  assert.equal(directives['script-src'], "'self' 'wasm-unsafe-eval'");
  assert.equal(directives['style-src'], "'self'");
  assert.equal(directives['default-src'], "'none'");
  assert.equal(directives['base-uri'], "'none'");
  assert.equal(index.headers['x-content-type-options'], 'nosniff');
  assert.equal(index.headers['referrer-policy'], 'strict-origin-when-cross-origin');
  assert.equal(index.headers['x-frame-options'], undefined, 'never X-Frame-Options');
  assert.equal(index.headers['cache-control'], 'no-cache');

  const html = await (await fetch(base)).text();
  const wasm = html.match(/href="\.\/([^"]+_bg\.wasm)"/)[1];
  const js = html.match(/src="\.\/(boot-[0-9a-f]{16}\.js)"/)[1];
  const raw = await rawGet(`${base}${wasm}`);
  assert.equal(raw.headers['content-type'], 'application/wasm');
  assert.equal(raw.headers['cache-control'], 'public, max-age=31536000, immutable');
  const gz = await rawGet(`${base}${wasm}`, { 'accept-encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.match(gz.headers.vary ?? '', /Accept-Encoding/i);
  const br = await rawGet(`${base}${wasm}`, { 'accept-encoding': 'br, gzip' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.ok(gz.bytes < raw.bytes / 2, `gzip: ${gz.bytes} of ${raw.bytes}`);
  assert.ok(br.bytes < gz.bytes, `brotli ${br.bytes} < gzip ${gz.bytes}`);
  const boot = await rawGet(`${base}${js}`);
  assert.equal(boot.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.match(boot.headers['content-type'], /javascript/);

  const dataRaw = await rawGet(`${base}data/civic-tech-fr.json`);
  const dataGz = await rawGet(`${base}data/civic-tech-fr.json`, { 'accept-encoding': 'gzip' });
  assert.equal(dataRaw.headers['cache-control'], 'public, max-age=300, must-revalidate');
  assert.ok(dataRaw.headers.etag, 'the dataset can be revalidated');
  assert.equal(dataGz.headers['content-encoding'], 'gzip');
  const config = await rawGet(`${base}civicmap.config.json`);
  assert.equal(config.headers['cache-control'], 'public, max-age=300, must-revalidate');
  assert.equal(config.headers['content-type'], 'application/json');
  console.log(`sizes (bytes): wasm ${raw.bytes} raw, ${gz.bytes} gzip (${(raw.bytes / gz.bytes).toFixed(2)}x), `
    + `${br.bytes} brotli (${(raw.bytes / br.bytes).toFixed(2)}x); dataset ${dataRaw.bytes} raw, ${dataGz.bytes} gzip `
    + `(${(dataRaw.bytes / dataGz.bytes).toFixed(2)}x)`);
});

test('the embed demo drives the map with its buttons and logs what the map sends', async () => {
  for (const [viewport, name] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
    const page = await newPage(env.browser, { viewport });
    await page.goto(`${env.map.url}embed-demo.html`);
    const log = page.locator('#log');
    await log.locator('li', { hasText: 'civicmap:state' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('#refused').isHidden(), true, 'no refusal banner: this origin may command');
    await page.getByRole('button', { name: 'Plateformes', exact: true }).click();
    const want = expectedCounts(env.dataset, { type: ['platform'] });
    const line = log.locator('li', { hasText: '« type=platform »' }).filter({ hasText: 'acteurs' });
    await line.first().waitFor({ timeout: 10_000 });
    assert.match(await line.first().innerText(), new RegExp(`${want.actors} acteurs · ${want.links} liens`));
    const frame = page.frameLocator('#civicmap');
    assert.equal(await frame.locator('[data-testid="visible-count"]').getAttribute('data-actors'), String(want.actors));
    await page.locator('#state').fill('?actor=decidim');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await log.locator('li', { hasText: 'civicmap:state « actor=decidim »' }).first().waitFor({ timeout: 10_000 });
    await screenshot(page, `embed-demo-${name}`);
    assert.deepEqual(await problems(page), []);
    await page.closeAll();
  }
});

test('a set-state that opens a text view makes the frame report its natural height', async () => {
  const page = await hostPage(env.partner, 'embed=1');
  await waitState(page);
  await page.evaluate(() => window.sendToMap({ type: 'civicmap:set-state', state: 'type=association&view=list' }));
  await waitState(page, (d) => d.state === 'type=association&view=list');
  await page.waitForFunction(() => window.__msgs.some((m) => m.data?.type === 'civicmap:resize'), null, { timeout: 10_000 });
  const resize = (await page.evaluate(() => window.__msgs)).filter((m) => m.data.type === 'civicmap:resize').at(-1);
  assert.ok(Number.isFinite(resize.data.height) && resize.data.height > 0, JSON.stringify(resize));
  const rows = await mapFrame(page).locator('[data-testid="actor-row"]').count();
  assert.equal(rows, expectedCounts(env.dataset, { type: ['association'] }).actors);
  assert.deepEqual(await problems(page), []);
  await page.closeAll();
});
