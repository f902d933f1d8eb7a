// The build has no inline code (the CSP says `script-src 'self'`, `style-src
// 'self'`): Trunk's inline bootstrap is moved to dist/boot-<hash>.js by
// scripts/externalize-bootstrap.mjs (a Trunk post_build hook), and no page
// carries an inline script, style or event handler.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { externalize, inlineCode } from '../../scripts/externalize-bootstrap.mjs';
import { appSuite, newPage, unexpectedErrors, waitReady } from './helpers.mjs';
import { ROOT } from './serve.mjs';

const DIST = join(ROOT, 'dist');
const pages = () => readdirSync(DIST).filter((f) => f.endsWith('.html'));

const suite = appSuite();

// Trunk 0.21.14's output, shortened.
const TRUNK_OUTPUT = `<!doctype html>
<html lang="fr">
<head>
  <link rel="stylesheet" href="/app-8c3c9095afedd94b.css" integrity="sha384-abc"/>
<script type="module">
import init, * as bindings from '/civicmap-web-9d64a52702b0d307.js';
const wasm = await init({ module_or_path: '/civicmap-web-9d64a52702b0d307_bg.wasm' });
window.wasmBindings = bindings;
</script>
<link rel="modulepreload" href="/civicmap-web-9d64a52702b0d307.js" crossorigin="anonymous" integrity="sha384-X3b"><link rel="preload" href="/civicmap-web-9d64a52702b0d307_bg.wasm" crossorigin="anonymous" integrity="sha384-wt6" as="fetch" type="application/wasm"></head>
<body><p>Chargement…</p></body>
</html>
`;

test('the hook moves an inline module script to a hashed file and keeps the preloads', () => {
  const { html, files } = externalize(TRUNK_OUTPUT, '/');
  assert.equal(files.length, 1);
  const [{ name, text }] = files;
  assert.match(name, /^boot-[0-9a-f]{16}\.js$/);
  assert.ok(text.startsWith("import init, * as bindings from '/civicmap-web-9d64a52702b0d307.js';\n"), text);
  const integrity = `sha384-${createHash('sha384').update(text).digest('base64')}`;
  assert.ok(html.includes(`<script type="module" src="/${name}" integrity="${integrity}"></script>`), html);
  assert.ok(html.includes('<link rel="modulepreload" href="/civicmap-web-9d64a52702b0d307.js" crossorigin="anonymous" integrity="sha384-X3b">'));
  assert.ok(html.includes('as="fetch" type="application/wasm"></head>'));
  assert.deepEqual(inlineCode(html), []);
  // Idempotent; the name follows the content; a public URL is honoured.
  assert.equal(externalize(html, '/').html, html);
  assert.equal(externalize(TRUNK_OUTPUT, '/').files[0].name, name);
  assert.ok(externalize(TRUNK_OUTPUT, '/carte').html.includes(`src="/carte/${name}"`));
  assert.ok(externalize(TRUNK_OUTPUT, './').html.includes(`src="./${name}"`));
});

test('the hook refuses what it cannot move, and the check finds inline handlers', () => {
  assert.throws(() => externalize('<script type="application/ld+json">{"a":1}</script>'), /cannot be moved/);
  assert.throws(() => externalize('<script integrity="sha384-x">go()</script>'), /integrity or nonce/);
  assert.deepEqual(inlineCode('<p>onclick= is fine in text</p><a href="/x">x</a>'), []);
  assert.equal(inlineCode('<img src="x" onerror="go()">').length, 1);
  assert.equal(inlineCode('<body ONLOAD = "go()">').length, 1);
  assert.equal(inlineCode('<a href="javascript:go()">x</a>').length, 1);
  assert.equal(inlineCode('<script>go()</script>').length, 1);
});

test('dist/ pages have no inline script, style or event handler', () => {
  assert.ok(existsSync(join(DIST, 'index.html')), 'run `trunk build --release` first');
  for (const page of pages()) {
    const html = readFileSync(join(DIST, page), 'utf8');
    // Independent of the hook's own check: every <script> has a src and no body.
    for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      assert.match(attrs, /\ssrc="[^"]+"/, `${page}: inline <script ${attrs}>`);
      assert.equal(body.trim(), '', `${page}: <script src> with a body`);
    }
    assert.doesNotMatch(html, /<style\b/i, `${page}: a <style> element`);
    for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
      assert.doesNotMatch(tag, /\s(on[a-z]+|style)\s*=/i, `${page}: ${tag}`);
    }
  }
});

test('index.html loads the bootstrap by file, and its integrity matches', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  // Relative addresses (Trunk.toml public_url = "./"): the build works under any folder.
  const [, src, integrity] = html.match(/<script type="module" src="\.\/(boot-[0-9a-f]{16}\.js)" integrity="([^"]+)"><\/script>/) ?? [];
  assert.ok(src, 'a <script type="module" src="./boot-<hash>.js">');
  const boot = readFileSync(join(DIST, src));
  assert.equal(integrity, `sha384-${createHash('sha384').update(boot).digest('base64')}`);
  const glue = boot.toString().match(/from '\.\/(civicmap-web-[0-9a-f]{8,16}\.js)'/)?.[1];
  assert.ok(glue && existsSync(join(DIST, glue)), `the bootstrap imports the built glue (${glue})`);
  assert.ok(html.includes(`<link rel="modulepreload" href="./${glue}"`), 'the glue is still preloaded');
  // No absolute address to the site's own files anywhere in the pages or the bootstrap.
  for (const text of [html, boot.toString()]) {
    assert.doesNotMatch(text, /(href|src)="\/(?!\/)|from '\/|module_or_path: '\//, 'an absolute path in the build');
  }
});

test('served by nginx, the pages carry no inline script or handler in the DOM and load', async () => {
  for (const file of pages()) {
    const page = await newPage(suite.browser);
    await page.goto(`${suite.server.url}${file === 'index.html' ? '' : file}`);
    if (file === 'index.html') await waitReady(page);
    else await page.waitForLoadState('load');
    const inline = await page.evaluate(() => {
      const found = [];
      for (const s of document.querySelectorAll('script')) if (!s.src) found.push(s.outerHTML.slice(0, 80));
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}`);
      }
      return found;
    });
    assert.deepEqual(inline, [], file);
    assert.deepEqual(unexpectedErrors(page), [], file);
    await page.closeAll();
  }
});
