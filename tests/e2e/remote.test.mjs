// Remote datasets (`data=`) against servers that misbehave on purpose
// (tests/e2e/misbehave.mjs): each failure shows its own sentence, a retry
// button only where trying again may help, and a failed load over a shown map
// leaves that map usable with a notice.
//
// This suite serves the app itself (not the shared server of scripts/test.sh):
// it needs its own civicmap.config.json, which allows one more loopback origin
// in `data_origins` and caps datasets at 1 MB so the cap is reached quickly.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  DEFAULT_ACTORS, PHONE, launchBrowser, newPage, screenshot, unexpectedErrors, visibleCount, waitReady,
} from './helpers.mjs';
import { dataHostRoutes, misbehavingRoutes } from './misbehave.mjs';
import { FIXTURES, ROOT, prepareSite, startServer } from './serve.mjs';

const CAP = 1_000_000;
const s = {};

before(async () => {
  // Two data hosts: one allowed by the config, one not.
  s.allowed = await startServer({ root: FIXTURES, routes: dataHostRoutes() });
  s.blocked = await startServer({ root: FIXTURES, routes: dataHostRoutes() });
  const origin = (u) => u.replace(/\/$/, '');
  const root = prepareSite({
    out: join(ROOT, 'target', 'e2e-remote-site'),
    config: { data_origins: [origin(s.allowed.url)], max_dataset_bytes: CAP },
  });
  s.app = await startServer({ root, routes: misbehavingRoutes({ blockedOrigin: origin(s.blocked.url) }) });
  s.base = s.app.url;
  s.browser = await launchBrowser();
});

after(async () => {
  await s.browser?.close();
  for (const server of [s.app, s.allowed, s.blocked]) await server?.close();
});

/** The address of the app with `data=`. */
const withData = (data) => `${s.base}?data=${encodeURIComponent(data)}`;
/** An address on the app's own origin, as the messages print it. */
const own = (path) => new URL(path, s.base).href;

/** Console errors the browser itself logs for a failed request. */
const NETWORK = [/Failed to load resource/, /net::ERR_/, /CORS policy/, /status of 5\d\d/];

/** Opens `data`, waits for the error panel; returns its message, failure code and whether it offers a retry. */
async function firstLoadFails(page, data) {
  await page.goto(withData(data));
  const panel = page.locator('[data-testid="error-panel"]');
  await panel.waitFor({ state: 'visible', timeout: 30_000 });
  return {
    message: (await panel.locator('[data-testid="error-message"]').innerText()).trim(),
    failure: await panel.getAttribute('data-failure'),
    retry: await panel.locator('[data-testid="error-retry"]').count() === 1,
    home: await panel.locator('a', { hasText: 'Ouvrir la carte par défaut' }).count() === 1,
  };
}

// Each first-load failure: [data=, failure code, exact French message (of the
// absolute address), retry?].
const FIRST_LOAD = [
  ['/e2e/missing.json', 'http',
    (u) => `Le fichier «\u00a0${u}\u00a0» est introuvable sur le serveur (erreur 404). Vérifiez l'adresse.`, false],
  ['/bad/500.json', 'http',
    (u) => `Le serveur de «\u00a0${u}\u00a0» a rencontré une erreur (erreur 500). Réessayez dans un moment.`, true],
  // The download starts before the wasm runs (static/early.js): when the
  // connection breaks before the wasm reads the body, the browser drops the
  // part received, so the message may count 0 bytes instead of 1 KB.
  ['/bad/truncated.json', 'interrupted',
    (u) => new RegExp(`^Le téléchargement de «\u00a0${u.replace(/[.?*+^$()[\]{}|\\/]/g, '\\$&')}\u00a0» a été interrompu après (0\u00a0octet|1\u00a0Ko) sur 5\u00a0Ko\\.$`), true],
  ['/bad/huge.json', 'too-large',
    (u) => `Le fichier «\u00a0${u}\u00a0» est trop gros\u00a0: il dépasse 1\u00a0Mo, la taille maximale acceptée par cette carte.`, false],
  ['/bad/announced.json', 'too-large',
    (u) => `Le fichier «\u00a0${u}\u00a0» est trop gros (2\u00a0Mo)\u00a0: cette carte accepte au plus 1\u00a0Mo.`, false],
  ['/bad/html.json', 'web-page',
    (u) => `Le serveur a envoyé une page web, pas un fichier de données JSON, pour «\u00a0${u}\u00a0». Vérifiez l'adresse du fichier.`, false],
  ['/bad/sniffed.json', 'web-page',
    (u) => `Le serveur a envoyé une page web, pas un fichier de données JSON, pour «\u00a0${u}\u00a0». Vérifiez l'adresse du fichier.`, false],
  ['/bad/image.json', 'wrong-type',
    (u) => `Le serveur a envoyé un fichier de type «\u00a0image/png\u00a0», pas un fichier de données JSON, pour «\u00a0${u}\u00a0».`, false],
  ['/bad/text.json', 'not-json',
    (u) => `Le fichier «\u00a0${u}\u00a0» n'est pas un fichier de données JSON (format civicmap/1 attendu).`, false],
];

for (const [data, failure, message, retry] of FIRST_LOAD) {
  test(`first load of ${data}: "${failure}" in its own words${retry ? ', with a retry' : ''}`, async () => {
    const page = await newPage(s.browser);
    const got = await firstLoadFails(page, data);
    const want = message(own(data));
    if (want instanceof RegExp) {
      assert.match(got.message, want);
      got.message = want;
    }
    assert.deepEqual(got, { message: want, failure, retry, home: true });
    assert.deepEqual(unexpectedErrors(page, NETWORK), []);
    await page.closeAll();
  });
}

test('a cross-origin file not in data_origins is refused before any request, without a retry', async () => {
  const page = await newPage(s.browser);
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  const url = `${s.blocked.url}ok.json`;
  const got = await firstLoadFails(page, url);
  assert.deepEqual(got, {
    message: `Le fichier «\u00a0${url}\u00a0» est sur un autre site. Cette carte ne charge que des données de son propre site et des sites autorisés par son hébergeur.`,
    failure: 'other-origin',
    retry: false,
    home: true,
  });
  assert.ok(!requested.some((u) => u.startsWith(s.blocked.url)), 'nothing was asked of the refused origin');
  await screenshot(page, 'desktop-remote-blocked-origin');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('a same-origin redirect to a refused origin is refused too', async () => {
  const page = await newPage(s.browser);
  const got = await firstLoadFails(page, '/bad/redirect.json');
  assert.equal(got.failure, 'other-origin');
  assert.equal(got.message,
    `Le fichier «\u00a0${s.blocked.url}ok.json\u00a0» est sur un autre site. Cette carte ne charge que des données de son propre site et des sites autorisés par son hébergeur.`);
  assert.equal(got.retry, false);
  await page.closeAll();
});

test('an allowed origin serving CORS loads; a same-origin redirect loads', async () => {
  const page = await newPage(s.browser);
  for (const data of [`${s.allowed.url}ok.json`, '/bad/redirect-ok.json']) {
    await page.goto(withData(data));
    await waitReady(page);
    const count = await visibleCount(page);
    assert.deepEqual({ actors: count.actors, links: count.links }, { actors: 3, links: 2 }, data);
    assert.equal(await page.locator('[data-testid="error-panel"]').count(), 0);
  }
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('an allowed origin without CORS headers says it could not be read, with a retry', async () => {
  const page = await newPage(s.browser);
  const url = `${s.allowed.url}nocors.json`;
  const got = await firstLoadFails(page, url);
  assert.deepEqual(got, {
    message: `Impossible de joindre «\u00a0${url}\u00a0»\u00a0: le serveur ne répond pas, la connexion est coupée, ou ce serveur n'autorise pas cette carte à lire ses fichiers (CORS).`,
    failure: 'unreachable',
    retry: true,
    home: true,
  });
  assert.deepEqual(unexpectedErrors(page, NETWORK), []);
  await page.closeAll();
});

test('no answer, then no progress: each timeout has its message and a retry (fake clock)', async () => {
  const page = await newPage(s.browser);
  await page.clock.install();
  const panel = page.locator('[data-testid="error-panel"]');
  // The request starts before the wasm runs (static/early.js); the app's
  // 20 s timer starts once the app takes the download over, a moment later
  // on a busy machine. So: jump 20.5 s ahead, and again until the panel
  // shows (a timer armed after a jump fires on the next one).
  const asked = page.waitForRequest((r) => r.url().includes('/bad/silent.json'));
  await page.goto(withData('/bad/silent.json'));
  await asked;
  await page.locator('[data-testid="loading"]').waitFor({ state: 'attached', timeout: 10_000 });
  for (let jumps = 0; jumps < 8 && !(await panel.isVisible()); jumps += 1) {
    await page.clock.fastForward(20_500);
    await panel.waitFor({ state: 'visible', timeout: 1_000 }).catch(() => {});
  }
  await panel.waitFor({ state: 'visible', timeout: 10_000 });
  let got = (await panel.locator('[data-testid="error-message"]').innerText()).trim();
  assert.equal(got, `Le serveur de «\u00a0${own('/bad/silent.json')}\u00a0» n'a pas répondu en 20 secondes.`);
  assert.equal(await panel.locator('[data-testid="error-retry"]').count(), 1);

  await page.goto(withData('/bad/slow.json'));
  // The first bytes arrived: the wait is now for the rest.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="loading"]')?.dataset.received) > 0);
  await page.clock.fastForward(20_500);
  await panel.waitFor({ state: 'visible', timeout: 10_000 });
  got = (await panel.locator('[data-testid="error-message"]').innerText()).trim();
  assert.equal(got,
    `Le téléchargement de «\u00a0${own('/bad/slow.json')}\u00a0» s'est bloqué\u00a0: plus rien reçu depuis 20 secondes.`);
  assert.equal(await panel.getAttribute('data-failure'), 'timeout');
  assert.equal(await panel.locator('[data-testid="error-retry"]').count(), 1);
  await screenshot(page, 'desktop-remote-timeout');
  assert.deepEqual(unexpectedErrors(page, NETWORK), []);
  await page.closeAll();
});

test('a retry after a server error loads the file once the server recovers', async () => {
  const page = await newPage(s.browser);
  const got = await firstLoadFails(page, '/bad/flaky.json?k=first');
  assert.equal(got.message,
    `Le serveur de «\u00a0${own('/bad/flaky.json?k=first')}\u00a0» a rencontré une erreur (erreur 503). Réessayez dans un moment.`);
  await page.locator('[data-testid="error-retry"]').click();
  await waitReady(page);
  assert.equal((await visibleCount(page)).actors, 3);
  assert.deepEqual(unexpectedErrors(page, NETWORK), []);
  await page.closeAll();
});

/** Opens the default map, then goes Back to an entry naming `data`. */
async function mapThenBackTo(page, data) {
  await page.goto(s.base);
  await waitReady(page);
  assert.equal((await visibleCount(page)).actors, DEFAULT_ACTORS);
  await page.evaluate((d) => {
    const q = new URLSearchParams({ data: d });
    history.pushState(null, '', `${location.pathname}?${q}`);
    history.pushState(null, '', location.pathname);
    history.back();
  }, data);
}

test('a failed load over a shown map keeps that map usable, with a notice, a retry and a dismiss', async () => {
  const page = await newPage(s.browser);
  await mapThenBackTo(page, '/bad/500.json');
  const notice = page.locator('[data-testid="load-error"]');
  await notice.waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal((await notice.locator('.notice-title').innerText()).trim(),
    'Ces données n\'ont pas pu être chargées\u00a0; la carte précédente reste affichée.');
  assert.equal((await notice.locator('[data-testid="load-error-message"]').innerText()).trim(),
    `Le serveur de «\u00a0${own('/bad/500.json')}\u00a0» a rencontré une erreur (erreur 500). Réessayez dans un moment.`);
  // The previous map is there, whole, and the address says so.
  assert.equal(await page.locator('[data-testid="error-panel"]').count(), 0);
  await page.locator('canvas[data-testid="map-canvas"]').waitFor({ state: 'visible' });
  assert.equal((await visibleCount(page)).actors, DEFAULT_ACTORS);
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('data'));
  await screenshot(page, 'desktop-remote-kept-map');
  // It is usable: a filter still filters.
  await page.locator('input[type=checkbox][data-testid^="facet-type-"]').first().check();
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="visible-count"]')?.dataset.actors) < n,
    DEFAULT_ACTORS,
  );
  // Retry: the server still fails, the notice comes back over the same map.
  await notice.locator('[data-testid="load-error-retry"]').click();
  await notice.waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('canvas[data-testid="map-canvas"]').waitFor({ state: 'visible' });
  assert.ok((await visibleCount(page)).actors < DEFAULT_ACTORS, 'the filter is still on');
  await notice.locator('[data-testid="load-error-dismiss"]').click();
  await notice.waitFor({ state: 'detached' });
  assert.deepEqual(unexpectedErrors(page, NETWORK), []);
  await page.closeAll();
});

test('an invalid dataset over a shown map lists its errors, without a retry', async () => {
  const page = await newPage(s.browser, { viewport: PHONE, isMobile: true, hasTouch: true });
  await mapThenBackTo(page, '/e2e/bad.json');
  const notice = page.locator('[data-testid="load-error"]');
  await notice.waitFor({ state: 'visible', timeout: 30_000 });
  const text = await notice.innerText();
  assert.match(text, new RegExp(`Le fichier «\u00a0${own('/e2e/bad.json').replace(/[.?/]/g, '\\$&')}\u00a0» contient 2 erreurs\u00a0: il n'a pas été chargé\\.`));
  assert.match(text, /actors\[1\]\.type/);
  assert.match(text, /links\[0\]\.target/);
  assert.equal(await notice.locator('[data-testid="load-error-retry"]').count(), 0);
  assert.equal((await visibleCount(page)).actors, DEFAULT_ACTORS);
  await screenshot(page, 'phone-remote-kept-map-invalid');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});

test('after a failure over a map, a retry that succeeds shows the new map', async () => {
  const page = await newPage(s.browser);
  await mapThenBackTo(page, '/bad/flaky.json?k=kept');
  const notice = page.locator('[data-testid="load-error"]');
  await notice.waitFor({ state: 'visible', timeout: 30_000 });
  await notice.locator('[data-testid="load-error-retry"]').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="visible-count"]')?.dataset.actors) === 3);
  assert.equal(await notice.count(), 0);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('data') === '/bad/flaky.json?k=kept');
  assert.deepEqual(unexpectedErrors(page, NETWORK), []);
  await page.closeAll();
});

test('the error panel on a phone: message, retry and the way back to the default map', async () => {
  const page = await newPage(s.browser, { viewport: PHONE, isMobile: true, hasTouch: true });
  const got = await firstLoadFails(page, '/bad/huge.json');
  assert.equal(got.failure, 'too-large');
  await screenshot(page, 'phone-remote-too-large');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px on a phone`);
  await page.locator('a', { hasText: 'Ouvrir la carte par défaut' }).click();
  await waitReady(page);
  assert.equal((await visibleCount(page)).actors, DEFAULT_ACTORS);
  assert.deepEqual(unexpectedErrors(page, NETWORK), []);
  await page.closeAll();
});
