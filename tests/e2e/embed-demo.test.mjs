// The embed demo on a deployment that takes no command (the shipped
// civicmap.config.json: command_origins is empty) says so up front, and the
// map ignores its buttons with a console warning.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appSuite, newPage, unexpectedErrors } from './helpers.mjs';

const suite = appSuite();

test('the demo explains that the deployment must list its origin in command_origins', async () => {
  const page = await newPage(suite.browser);
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.goto(`${suite.server.url}embed-demo.html`);
  const banner = page.locator('#refused');
  await banner.waitFor({ state: 'visible' });
  const origin = new URL(suite.server.url).origin;
  assert.match(await banner.innerText(), new RegExp(`"command_origins": \\["${origin.replace(/[.]/g, '\\.')}"\\]`));
  await page.locator('#log li', { hasText: 'civicmap:state' }).first().waitFor({ timeout: 30_000 });
  const frame = page.frameLocator('#civicmap');
  const before = await frame.locator('[data-testid="visible-count"]').getAttribute('data-actors');
  await page.getByRole('button', { name: 'Associations', exact: true }).click();
  await page.locator('#log li', { hasText: 'Pas de nouvel état' }).waitFor({ timeout: 10_000 });
  assert.equal(await frame.locator('[data-testid="visible-count"]').getAttribute('data-actors'), before);
  assert.ok(warnings.some((w) => w.includes('command_origins')), warnings.join('\n'));
  assert.deepEqual(unexpectedErrors(page), []);
  await page.closeAll();
});
