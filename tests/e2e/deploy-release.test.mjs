// The release archive (issue 14): `./scripts/release.sh` builds
// civicmap-<version>.tar.gz; unpacked in a temporary folder, `sha256sum -c
// SHA256SUMS` passes (and catches a changed file), it holds what INSTALL.md
// promises, and its site/ served by nginx — with the archive's own nginx
// configuration and headers, under /carte/ — shows the map. The same site/ on
// a static host that sends no security header (and not even application/wasm)
// still works.
//
// Fast for CI: the script reuses the already-built dist/ (`--dist`) and CLI
// (`--cli`: CIVICMAP_CLI, else the debug build scripts/test.sh makes before
// the e2e step, else a release build). Without --dist/--cli, the
// script builds both itself (`trunk build --release`, `cargo build --release`).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { loadDataset } from './dataset.mjs';
import { launchBrowser, newPage, unexpectedErrors, visibleCount, waitReady } from './helpers.mjs';
import { startNginx } from './nginx.mjs';
import { ROOT, startServer } from './serve.mjs';

const env = {};
const VERSION = /^version = "([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))[1];
const NAME = `civicmap-${VERSION}`;

/** The CLI to put in the archive: already built, never rebuilt here. */
function builtCli() {
  const target = process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target');
  // The debug build first: scripts/test.sh builds it just before the e2e step
  // (a release build in the target dir may be older than the sources).
  const candidates = [process.env.CIVICMAP_CLI, join(target, 'debug', 'civicmap'), join(target, 'release', 'civicmap')];
  const found = candidates.find((f) => f && existsSync(f));
  if (found) return found;
  execFileSync('cargo', ['build', '--quiet', '--locked', '--bin', 'civicmap'], { cwd: ROOT, stdio: 'inherit' });
  return join(target, 'debug', 'civicmap');
}

/** Every file under `dir`, as paths relative to it, sorted. */
function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

before(async () => {
  env.tmp = mkdtempSync(join(tmpdir(), 'civicmap-release-'));
  const t0 = Date.now();
  const out = execFileSync(join(ROOT, 'scripts', 'release.sh'),
    ['--dist', join(ROOT, 'dist'), '--cli', builtCli(), '--out', join(env.tmp, 'out')],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  env.seconds = (Date.now() - t0) / 1000;
  env.archive = out.trim().split('\n').at(-1);
  mkdirSync(join(env.tmp, 'unpacked'));
  execFileSync('tar', ['xzf', env.archive, '-C', join(env.tmp, 'unpacked')]);
  env.dir = join(env.tmp, 'unpacked', NAME);
  env.browser = await launchBrowser();
});

after(async () => {
  await env.browser?.close();
  if (env.tmp) rmSync(env.tmp, { recursive: true, force: true });
});

test('the archive is named after Cargo.toml\'s version, and SHA256SUMS checks every file', () => {
  console.log(`release.sh: ${env.seconds.toFixed(1)} s, ${(statSync(env.archive).size / 1e6).toFixed(1)} MB`);
  assert.equal(env.archive.split('/').at(-1), `${NAME}.tar.gz`);
  const ok = spawnSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: env.dir, encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const listed = readFileSync(join(env.dir, 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => l.replace(/^[0-9a-f]{64} {2}/, '')).sort();
  assert.deepEqual(listed, filesUnder(env.dir).filter((f) => f !== 'SHA256SUMS'), 'every file is checked');
  // A changed file is caught.
  const copy = mkdtempSync(join(env.tmp, 'tampered-'));
  execFileSync('cp', ['-R', `${env.dir}/.`, copy]);
  writeFileSync(join(copy, 'site', 'civicmap.config.json'), '{"embed_origins": "*", "command_origins": ["https://evil.example"]}\n');
  const bad = spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: copy, encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout, /site\/civicmap\.config\.json: FAILED/);
});

test('the archive holds the site, the nginx config, the generated headers, the schema, the CLI, INSTALL.md and CHANGELOG.md', () => {
  const files = filesUnder(env.dir);
  for (const f of ['INSTALL.md', 'CHANGELOG.md', 'site/index.html', 'site/civicmap.config.json', 'site/data/civic-tech-fr.json',
    'site/accessibility.html', 'site/embed-demo.html', 'nginx/civicmap.conf', 'nginx/civicmap-headers.conf',
    'schema/civicmap-1.json', 'bin/civicmap']) {
    assert.ok(files.includes(f), `${f} in the archive`);
  }
  assert.deepEqual(filesUnder(join(env.dir, 'site')), filesUnder(join(ROOT, 'dist')).filter((f) => !f.startsWith('.stage/')), 'site/ is dist/');
  assert.equal(readFileSync(join(env.dir, 'nginx', 'civicmap.conf'), 'utf8'), readFileSync(join(ROOT, 'deploy', 'nginx.conf'), 'utf8'));

  // The CLI: a Linux x86-64 executable that runs.
  const cli = join(env.dir, 'bin', 'civicmap');
  const head = Buffer.alloc(20);
  const fd = openSync(cli, 'r');
  readSync(fd, head, 0, 20, 0);
  closeSync(fd);
  assert.deepEqual([...head.subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46], 'an ELF file');
  assert.equal(head.readUInt16LE(18), 0x3e, 'for x86-64');
  assert.ok(statSync(cli).mode & 0o111, 'executable');
  assert.match(execFileSync(cli, ['--version'], { encoding: 'utf8' }), new RegExp(VERSION.replaceAll('.', '\\.')));

  // The headers are those of the shipped config, as the archive's CLI generates them.
  const headers = readFileSync(join(env.dir, 'nginx', 'civicmap-headers.conf'), 'utf8');
  const regenerated = execFileSync(cli, ['deploy', 'nginx-headers', '--config', 'site/civicmap.config.json'], { cwd: env.dir, encoding: 'utf8' });
  assert.equal(headers, regenerated);
  assert.match(headers, /add_header Content-Security-Policy "default-src 'none';/);

  // The schema is the CLI's, and JSON.
  const schema = JSON.parse(readFileSync(join(env.dir, 'schema', 'civicmap-1.json'), 'utf8'));
  assert.equal(typeof schema.$schema, 'string');

  const install = readFileSync(join(env.dir, 'INSTALL.md'), 'utf8');
  assert.ok(install.startsWith(`# Installing civicmap ${VERSION}\n`));
  assert.doesNotMatch(install, /@VERSION@/);
  for (const section of ['sha256sum -c SHA256SUMS', 'location ^~ /carte/', '## 4. Upgrade', 'frame-ancestors']) {
    assert.ok(install.includes(section), `INSTALL.md covers ${section}`);
  }
  assert.match(readFileSync(join(env.dir, 'CHANGELOG.md'), 'utf8'), new RegExp(`## \\[Unreleased\\][\\s\\S]*## \\[${VERSION.replaceAll('.', '\\.')}\\]`));
});

test('the unpacked site, served by nginx with the archive\'s own config and headers under /carte/, shows the map', async () => {
  const site = join(env.dir, 'site');
  const server = await startNginx({
    root: site,
    subPath: '/carte/',
    deployConf: readFileSync(join(env.dir, 'nginx', 'civicmap.conf'), 'utf8'),
    headers: readFileSync(join(env.dir, 'nginx', 'civicmap-headers.conf'), 'utf8'),
  });
  try {
    const dataset = await loadDataset(server.url);
    const page = await newPage(env.browser);
    const failed = [];
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    const res = await page.goto(server.url);
    assert.match(res.headers()['content-security-policy'] ?? '', /default-src 'none'/);
    await waitReady(page);
    assert.equal((await visibleCount(page)).actors, dataset.actors.length);
    assert.deepEqual(failed, []);
    assert.deepEqual(unexpectedErrors(page), []);
    await page.closeAll();
  } finally {
    await server.close();
  }
});

test('on a static host with no header control (no CSP header, no application/wasm), the map works under /carte/, also with the <meta> CSP', async () => {
  // The host's folder tree: /carte/ is the archive's site/, with the
  // <meta> Content-Security-Policy INSTALL.md describes (the generated
  // policy without frame-ancestors, which a page cannot set for itself).
  const www = mkdtempSync(join(env.tmp, 'www-'));
  execFileSync('cp', ['-R', join(env.dir, 'site'), join(www, 'carte')]);
  const headers = readFileSync(join(env.dir, 'nginx', 'civicmap-headers.conf'), 'utf8');
  const policy = /Content-Security-Policy "([^"]+)"/.exec(headers)[1].replace(/\s*frame-ancestors [^;]*;?/, '');
  const indexFile = join(www, 'carte', 'index.html');
  const index = readFileSync(indexFile, 'utf8');
  assert.ok(index.includes('<meta charset="utf-8" />'));
  writeFileSync(indexFile, index.replace('<meta charset="utf-8" />',
    `<meta charset="utf-8" />\n  <meta http-equiv="Content-Security-Policy" content="${policy}" />`));
  const wasmTypes = [];
  const server = await startServer({
    root: www,
    routes: (req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      if (!path.endsWith('.wasm')) return false;
      const body = readFileSync(join(www, decodeURIComponent(path)));
      wasmTypes.push('application/octet-stream');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
      return true;
    },
  });
  try {
    const base = `${server.url}carte/`;
    const dataset = await loadDataset(base);
    const page = await newPage(env.browser);
    await page.context().addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const res = await page.goto(base);
    assert.equal(res.headers()['content-security-policy'], undefined, 'no CSP header');
    assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), policy);
    await waitReady(page);
    assert.equal((await visibleCount(page)).actors, dataset.actors.length);
    assert.ok(wasmTypes.length > 0, 'the wasm came without application/wasm');
    await page.locator('[data-testid="view-tab"][data-view="list"]').click();
    assert.equal(await page.locator('[data-testid="actor-row"]').count(), dataset.actors.length);
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no violation of the <meta> policy');
    // The <meta> policy is enforced: an inline script is refused.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true;';
      document.head.append(s);
      return window.__inline === true;
    });
    assert.equal(ran, false, 'the <meta> CSP blocks inline scripts');
    assert.deepEqual(unexpectedErrors(page, [/Content Security Policy|inline script/]), []);
    await page.closeAll();
  } finally {
    await server.close();
  }
});
