// The host-page hooks (product.md, "Messages with the host page"): a framed
// map tells its host the view and its counts, then every selection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appSuite, newPage, unexpectedErrors } from './helpers.mjs';

const suite = appSuite();

const messages = (page) => page.evaluate(() => window.__msgs);

test('a framed map sends civicmap:state after ready, then civicmap:select and the new state', async () => {
  const page = await newPage(suite.browser);
  await page.goto(`${suite.server.url}e2e/host.html`);
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'civicmap:state'), null, { timeout: 30_000 });
  const frame = page.frameLocator('#map');
  const count = frame.locator('[data-testid="visible-count"]');
  const actors = Number(await count.getAttribute('data-actors'));
  const links = Number(await count.getAttribute('data-links'));

  const first = (await messages(page))[0];
  assert.deepEqual(first, { type: 'civicmap:state', state: 'type=association', visible: { actors, links } },
    'the first message is the state, without embed, with the frame\'s own counts');
  assert.equal(actors, 27);

  await frame.locator('[data-testid="search-input"]').fill('democratie');
  await frame.locator('[data-testid="search-suggestion"]').first().waitFor({ state: 'visible' });
  await frame.locator('[data-testid="search-input"]').press('Enter');
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'civicmap:select'), null, { timeout: 10_000 });
  const all = await messages(page);
  assert.deepEqual(all.filter((m) => m.type === 'civicmap:select'), [{ type: 'civicmap:select', actor: 'democratie-ouverte' }]);
  const last = all.filter((m) => m.type === 'civicmap:state').at(-1);
  assert.match(last.state, /(^|&)actor=democratie-ouverte(&|$)/);
  assert.doesNotMatch(last.state, /embed/);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
