// Links pinned to a dataset version (product.md, `v`; issue 12 item 4) and
// visitors' suggestions (`corrections`, item 6), behind nginx:
//   site A  default dataset e2e-versions/v2.json (meta.version "v2"), keeps
//           "v1" at e2e-versions/v1.json, corrections = a mailto: template
//   site B  the same datasets, an https corrections template, no `versions`
//   site C  no `corrections` at all: no suggestion link anywhere
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, newPage, unexpectedErrors, visibleCount, waitReady } from './helpers.mjs';
import { startNginx } from './nginx.mjs';
import { prepareSite } from './serve.mjs';

const taxonomy = {
  actor_types: [
    { id: 'association', label: { fr: 'Association', en: 'Association' }, color: '#1b9e77' },
    { id: 'platform', label: { fr: 'Plateforme', en: 'Platform' }, color: '#d95f02' },
  ],
  objectives: [],
  link_kinds: [{ id: 'partners-with', label: { fr: 'partenaire de', en: 'partners with' }, directed: false }],
};
const actor = (id, type) => ({ id, name: `Acteur ${id.toUpperCase()}`, type });
const link = (source, target) => ({ source, target, kind: 'partners-with' });
const V1 = {
  format: 'civicmap/1',
  meta: { title: { fr: 'Versions', en: 'Versions' }, version: 'v1' },
  taxonomy,
  actors: [actor('a', 'association'), actor('b', 'platform'), actor('c', 'association'), actor('d', 'association')],
  links: [link('a', 'b'), link('b', 'c'), link('c', 'd'), link('a', 'c')],
};
const V2 = {
  format: 'civicmap/1',
  meta: { title: { fr: 'Versions', en: 'Versions' }, version: 'v2' },
  taxonomy,
  actors: [actor('a', 'association'), actor('b', 'platform'), actor('c', 'association'),
    actor('e', 'association'), actor('f', 'platform'), actor('g', 'association')],
  links: [link('a', 'b'), link('b', 'c'), link('e', 'f'), link('a', 'e'), link('g', 'a')],
};

/** What changed between `old` and `now` among the actors of the types `types` (all when empty). */
function expectedChanges(old, now, types = []) {
  const shown = (ds) => {
    const ids = new Set(ds.actors.filter((a) => types.length === 0 || types.includes(a.type)).map((a) => a.id));
    const links = ds.links.filter((l) => ids.has(l.source) && ids.has(l.target)).map((l) => `${l.source}|${l.kind}|${l.target}`);
    return { ids, links, all: new Set(ds.actors.map((a) => a.id)) };
  };
  const [o, n] = [shown(old), shown(now)];
  const minus = (a, b) => {
    const rest = [...b];
    return a.filter((x) => {
      const i = rest.indexOf(x);
      if (i < 0) return true;
      rest.splice(i, 1);
      return false;
    });
  };
  return {
    actorsAdded: [...n.ids].filter((id) => !o.all.has(id)).length,
    actorsRemoved: [...o.ids].filter((id) => !n.all.has(id)).length,
    linksAdded: minus(n.links, o.links).length,
    linksRemoved: minus(o.links, n.links).length,
  };
}

const env = {};

function site(config) {
  const dir = prepareSite({ out: mkdtempSync(join(tmpdir(), 'civicmap-versions-site-')) });
  mkdirSync(join(dir, 'e2e-versions'), { recursive: true });
  writeFileSync(join(dir, 'e2e-versions', 'v1.json'), JSON.stringify(V1));
  writeFileSync(join(dir, 'e2e-versions', 'v2.json'), JSON.stringify(V2));
  writeFileSync(join(dir, 'civicmap.config.json'), JSON.stringify({
    embed_origins: '*',
    data_origins: [],
    default_dataset: 'e2e-versions/v2.json',
    max_dataset_bytes: 20000000,
    ...config,
  }, null, 2));
  return dir;
}

const MAILTO = 'mailto:carte@example.org?subject=Correction%20{actor}&body={url}%0A{dataset}%0A{version}';
const HTTPS = 'https://forms.example.org/suggest?actor={actor}&data={dataset}&v={version}&from={url}';

before(async () => {
  env.sites = [
    site({ versions: { v1: 'e2e-versions/v1.json' }, corrections: MAILTO }),
    site({ corrections: HTTPS }),
    site({}),
  ];
  [env.a, env.b, env.c] = await Promise.all(env.sites.map((root) => startNginx({ root })));
  env.browser = await launchBrowser();
});

after(async () => {
  await env.browser?.close();
  for (const s of [env.a, env.b, env.c]) await s?.close();
  for (const d of env.sites ?? []) rmSync(d, { recursive: true, force: true });
});

async function open(server, query = '', options) {
  const page = await newPage(env.browser, options);
  await page.goto(`${server.url}${query}`);
  await waitReady(page);
  return page;
}

const enc = encodeURIComponent;
const notice = '[data-testid="version-notice"]';

test('the links the map hands out carry v last; the address bar does not', async () => {
  const page = await open(env.a, '?type=association');
  await page.locator('[data-testid="about-button"]').click();
  const permalink = await page.locator('[data-testid="about-panel"] .small a').getAttribute('href');
  assert.equal(permalink, `${env.a.url}?type=association&v=v2`);
  assert.ok(!page.url().includes('v=v2'), page.url());
  // The about dialog offers "Suggest an actor or a link".
  assert.equal(await page.locator('[data-testid="about-panel"] [data-testid="suggest-addition"]').count(), 1);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
  // The share button copies the same link.
  const sharing = await open(env.a, '?type=association', { permissions: ['clipboard-read', 'clipboard-write'] });
  await sharing.locator('[data-testid="share-button"]').click();
  await sharing.locator('[data-testid="share-confirm"]').waitFor();
  const field = sharing.locator('#share-field');
  const copied = (await field.count()) ? await field.inputValue() : await sharing.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, `${env.a.url}?type=association&v=v2`);
  await sharing.closeAll();
  // "Open the full map" in embed mode.
  const framed = await open(env.a, '?embed=1&lang=en');
  const full = await framed.locator('[data-testid="open-full-map"]').getAttribute('href');
  assert.equal(full, `${env.a.url}?lang=en&v=v2`);
  assert.equal(await framed.locator(notice).count(), 0);
  await framed.closeAll();
});

test('the embed dialog snippet carries v', async () => {
  const page = await open(env.a, '?type=platform');
  await page.locator('[data-testid="embed-button"]').click();
  const code = await page.locator('[data-testid="embed-snippet"]').inputValue();
  assert.ok(code.includes('?type=platform&amp;embed=1&amp;v=v2"'), code);
  await page.closeAll();
});

test('no v, or the same v: no notice', async () => {
  for (const q of ['', '?v=v2', '?type=platform&v=v2']) {
    const page = await open(env.a, q);
    await page.waitForTimeout(300);
    assert.equal(await page.locator(notice).count(), 0, q);
    await page.closeAll();
  }
});

test('opened with a kept older v: what changed for this view, and the map as it was', async () => {
  for (const [q, types] of [['?v=v1', []], ['?type=association&v=v1', ['association']]]) {
    const page = await open(env.a, q);
    const summary = page.locator('[data-testid="version-summary"]');
    await summary.waitFor();
    const want = expectedChanges(V1, V2, types);
    const got = {
      actorsAdded: Number(await summary.getAttribute('data-actors-added')),
      actorsRemoved: Number(await summary.getAttribute('data-actors-removed')),
      linksAdded: Number(await summary.getAttribute('data-links-added')),
      linksRemoved: Number(await summary.getAttribute('data-links-removed')),
    };
    assert.deepEqual(got, want, q);
    assert.equal(await page.locator(notice).getAttribute('role'), 'status');
    const text = await summary.textContent();
    assert.ok(text.startsWith('Depuis la version v1 :'), text);
    assert.ok(text.includes(`${want.actorsAdded} acteurs ajoutés`), text);
    // The details name the actors.
    await page.locator('.version-details summary').click();
    const added = await page.locator('[data-testid="version-actors-added"] li').allTextContents();
    assert.equal(added.length, want.actorsAdded);
    assert.ok(added.some((s) => s.includes('Acteur E (e)')), added.join());
    // The map as it was.
    await page.locator('[data-testid="version-as-it-was"]').click();
    await waitReady(page);
    await page.locator('[data-testid="version-viewing"]').waitFor();
    assert.match(await page.locator('[data-testid="version-viewing"]').textContent(), /version v1/);
    assert.ok(page.url().includes('data=e2e-versions%2Fv1.json') || page.url().includes('data=e2e-versions/v1.json'), page.url());
    const shown = await visibleCount(page);
    const v1Shown = V1.actors.filter((a) => types.length === 0 || types.includes(a.type)).length;
    assert.equal(shown.actors, v1Shown);
    // And back to the current one.
    await page.locator('[data-testid="version-current"]').click();
    await waitReady(page);
    assert.equal(await page.locator(notice).count(), 0);
    assert.deepEqual(unexpectedErrors(page), []);
    await page.closeAll();
  }
});

test('in English, dismissible', async () => {
  const page = await open(env.a, '?lang=en&v=v1');
  const summary = page.locator('[data-testid="version-summary"]');
  await summary.waitFor();
  assert.match(await summary.textContent(), /^Since version v1: /);
  await page.locator('[data-testid="version-notice-dismiss"]').click();
  assert.equal(await page.locator(notice).count(), 0);
  await page.closeAll();
});

test('a version the deployment does not keep: the plain notice', async () => {
  for (const [server, q] of [[env.a, '?v=v0'], [env.b, '?v=v1'], [env.a, '?data=e2e-versions%2Fv1.json&v=v0']]) {
    const page = await open(server, q);
    const plain = page.locator('[data-testid="version-changed"]');
    await plain.waitFor();
    const want = q.includes('data=') ? 'version v0 → v1' : `version ${q.includes('v0') ? 'v0' : 'v1'} → v2`;
    assert.ok((await plain.textContent()).includes(want), await plain.textContent());
    assert.equal(await page.locator('[data-testid="version-as-it-was"]').count(), 0);
    await page.closeAll();
  }
});

/** The percent-encoding of the template fields (RFC 3986 unreserved kept). */
const pct = (s) => enc(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

test('suggestion links: each template field percent-encoded, mailto and https', async () => {
  for (const [server, template] of [[env.a, MAILTO], [env.b, HTTPS]]) {
    const page = await open(server, '?actor=b');
    const correction = page.locator('[data-testid="suggest-correction"]');
    await correction.waitFor();
    const dataset = new URL('e2e-versions/v2.json', server.url).href;
    const shared = `${server.url}?actor=b&v=v2`;
    const fill = (a) => template.replace('{actor}', pct(a)).replace('{dataset}', pct(dataset))
      .replace('{version}', pct('v2')).replace('{url}', pct(shared));
    assert.equal(await correction.getAttribute('href'), fill('b'));
    assert.equal(await correction.getAttribute('rel'), 'noopener');
    assert.equal(await correction.getAttribute('target'), template.startsWith('https') ? '_blank' : null);
    assert.equal(await correction.textContent(), 'Suggérer une correction');
    await page.closeAll();
    // Under the list view: an empty actor, the list's shared link.
    const list = await open(server, '?view=list');
    const addition = list.locator('[data-testid="suggest-addition"]');
    await addition.waitFor();
    const listFill = template.replace('{actor}', '').replace('{dataset}', pct(dataset))
      .replace('{version}', 'v2').replace('{url}', pct(`${server.url}?view=list&v=v2`));
    assert.equal(await addition.getAttribute('href'), listFill);
    assert.equal(await addition.textContent(), 'Suggérer un acteur ou un lien');
    await list.closeAll();
  }
});

test('without corrections: no suggestion link in the actor panel, the list or the about dialog', async () => {
  const page = await open(env.c, '?actor=b');
  await page.locator('[data-testid="actor-panel"]').waitFor();
  assert.equal(await page.locator('[data-testid^="suggest-"]').count(), 0);
  await page.closeAll();
  const list = await open(env.c, '?view=list');
  await list.locator('[data-testid="list-view"]').waitFor();
  assert.equal(await list.locator('[data-testid^="suggest-"]').count(), 0);
  await list.closeAll();
});

test('a kept version opened with its own v (a link shared from the map as it was) says which version it is', async () => {
  const page = await open(env.a, '?data=e2e-versions%2Fv1.json&v=v1');
  await page.locator('[data-testid="version-viewing"]').waitFor();
  assert.equal(await page.locator('[data-testid="version-changed"]').count(), 0);
  await page.closeAll();
});
