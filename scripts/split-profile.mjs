// Writes scripts/split-late.txt, the profile scripts/split-wasm.mjs splits the
// page's wasm by (a dev tool, not part of setup or the tests; run it when
// tests/e2e/split.test.mjs says the default journeys load the second module
// before ready, or after a change to what runs before ready): builds the app
// unsplit with the functions' names (CIVICMAP_SPLIT_NAMES), loads the default
// dataset to `civicmap:ready` in four journeys (embed and full page, desktop
// and phone viewports), then another dataset by `data=`, a 2,000-actor
// graph with and without positions, and a type filter ticked the moment the
// page is ready (each journey three times, once with the CPU slowed four
// times, each until 1.5 s after ready) in a Chromium whose V8 prints each wasm
// function it compiles (lazily: at its first call), and writes the names of
// the functions not run before ready. Prints, per journey and for all four, those
// functions and their share of the code section (docs/performance.md, "The
// split").
//
//   node scripts/split-profile.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { generate } from '../tests/e2e/bench-data.mjs';
import { startNginx } from '../tests/e2e/nginx.mjs';
import { bodySizes } from './split-wasm.mjs';
import { prepareSite } from '../tests/e2e/serve.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'split-profile-'));
const dist = join(work, 'dist');
const namesFile = join(work, 'names.json');
console.log('building the app unsplit, with its functions\' names (trunk build --release)…');
execFileSync('bash', ['-c', `source scripts/env.sh && trunk build --release --dist "${dist}"`], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, CIVICMAP_SPLIT_NAMES: namesFile },
});
const { imports, names } = JSON.parse(readFileSync(namesFile, 'utf8'));
const wasmName = readdirSync(dist).find((f) => /^civicmap-web-.*_bg\.wasm$/.test(f));
const wasm = readFileSync(join(dist, wasmName));

// Served as partners serve it (deploy/nginx.conf, brotli, the security
// headers): the app takes other paths behind it than behind a bare server.
// Besides the default dataset: another observatory's file (`data=`), and a
// 2,000-actor graph with and without positions (the layout in the Web
// Worker, the big-graph paths).
const generated = generate(2000, 5000, { types: 12 }); // more types than shapes, as in many files
const unplaced = { ...generated, actors: generated.actors.map(({ position, ...actor }) => actor) };
writeFileSync(join(work, 'placed.json'), JSON.stringify(generated));
writeFileSync(join(work, 'unplaced.json'), JSON.stringify(unplaced));
const server = await startNginx({
  root: prepareSite({
    dist,
    out: join(work, 'site'),
    extras: { 'profile/placed.json': join(work, 'placed.json'), 'profile/unplaced.json': join(work, 'unplaced.json') },
  }),
});
const base = server.url.replace(/\/$/, '');

/**
 * The functions (by index, imports first) V8 compiled on `url` before ready
 * and in the 1.5 s after it, the CPU slowed down `cpu` times (what runs
 * around ready depends on timing: Yew drops a superseded render, say; the
 * margin and the two speeds catch what one ordering misses).
 */
async function compiledBeforeReady(url, viewport, cpu, act) {
  const profile = mkdtempSync(join(tmpdir(), 'split-profile-chromium-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  // Line-buffered (stdbuf): V8 prints the trace to a pipe, where a block buffer
  // would still hold the last functions compiled before ready when we read it.
  const browser = spawn('stdbuf', ['-oL', process.env.CHROMIUM ?? '/usr/bin/chromium',
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
    '--no-zygote', `--user-data-dir=${profile}`, `--remote-debugging-port=${port}`,
    '--js-flags=--trace-wasm-compilation-times', 'about:blank',
  ], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let text = '';
  browser.stdout.on('data', (d) => { text += d; });
  browser.stderr.on('data', () => {});
  try {
    let cdp = null;
    for (let i = 0; i < 100 && !cdp; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      cdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`).catch(() => null);
    }
    if (!cdp) throw new Error('Chromium did not start');
    const page = await cdp.contexts()[0].newPage();
    await page.setViewportSize(viewport);
    await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('civicmap:ready', 'mark').length > 0, null, { timeout: 60_000, polling: 10 });
    if (act) await act(page);
    await new Promise((r) => setTimeout(r, 1500)); // the margin, and the last lines through the pipe
    const upTo = text.length;
    await (await cdp.newBrowserCDPSession()).send('Browser.close').catch(() => {});
    const seen = new Set();
    for (const m of text.slice(0, upTo).matchAll(/Compiled function \S+#(\d+) using Liftoff/g)) seen.add(Number(m[1]));
    return seen;
  } finally {
    // The whole process group: /usr/bin/chromium is a wrapper script.
    const exited = new Promise((r) => (browser.exitCode === null ? browser.once('exit', r) : r()));
    try {
      process.kill(-browser.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
  }
}

const sizes = bodySizes(wasm);
const codeBytes = sizes.reduce((a, s) => a + s, 0);
const bytesOf = (set) => [...set].reduce((a, i) => a + (sizes[i - imports] ?? 0), 0);
const pct = (x) => `${((100 * x) / codeBytes).toFixed(1)} %`;
const journeys = [
  ['embed, desktop 1280×800', '?embed=1', { width: 1280, height: 800 }],
  ['embed, phone 390×844', '?embed=1', { width: 390, height: 844 }],
  ['full page, desktop', '', { width: 1280, height: 800 }],
  ['full page, phone', '', { width: 390, height: 844 }],
  ['another dataset (data=), embed, desktop', '?embed=1&data=e2e/tiny.json', { width: 1280, height: 800 }],
  ['2,000 actors with positions, desktop', '?data=profile/placed.json', { width: 1280, height: 800 }],
  ['2,000 actors without positions, embed, phone', '?embed=1&data=profile/unplaced.json', { width: 390, height: 844 }],
  // A visitor's first click, at once: its path (Yew's event dispatch, the
  // filter's action, the new visible set) must not wait for the second module.
  ['a type filter ticked at ready, full page, desktop', '', { width: 1280, height: 800 },
    (page) => page.locator('input[type=checkbox][data-testid^="facet-type-"]').first().click()],
];
const all = new Set();
console.log(`${wasmName}: ${sizes.length} functions, ${codeBytes} B of code`);
console.log('| journey | functions compiled before ready | their code | share of the code section |');
console.log('|---|---:|---:|---:|');
try {
  for (const [name, query, viewport, act] of journeys) {
    const seen = new Set();
    for (const cpu of [1, 4, 1]) {
      for (const i of await compiledBeforeReady(`${base}/${query}`, viewport, cpu, act)) seen.add(i);
    }
    for (const i of seen) all.add(i);
    console.log(`| ${name} | ${seen.size} | ${bytesOf(seen)} B | ${pct(bytesOf(seen))} |`);
  }
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(`| all together | ${all.size} of ${sizes.length} | ${bytesOf(all)} of ${codeBytes} B | ${pct(bytesOf(all))} |`);
// The names of the functions that did not run before ready (a name that an
// early function also has stays out): split-wasm.mjs moves those, so that a
// function the profile never saw — new code — stays in the first module.
const early = new Set([...all].map((i) => names[i]).filter((n) => n !== undefined));
const late = [...new Set(Object.values(names))].filter((n) => !early.has(n)).sort();
writeFileSync(
  join(ROOT, 'scripts', 'split-late.txt'),
  [
    '# The functions that do not run before civicmap:ready (normalised names, one',
    '# a line): scripts/split-wasm.mjs moves them to the second module. Written',
    '# by scripts/split-profile.mjs; do not edit by hand.',
    ...late,
    '',
  ].join('\n'),
);
console.log(`scripts/split-late.txt: ${late.length} names (${early.size} run before ready)`);
