// How much of the page's wasm runs before `civicmap:ready` (a dev tool, not
// part of setup or the tests; docs/performance.md, "How much of the code
// runs before ready"): serves a built dist/, loads the default dataset in
// four journeys (embed and full page, desktop and phone viewports) in a
// Chromium whose V8 prints each wasm function it compiles (lazily: at its
// first call), and prints, per journey and for all four, the functions run
// before ready and their share of the code section. Then it writes the
// module with every other function's body replaced by `unreachable` and
// prints its size at brotli 11: what a split guided by that profile would
// leave in the first module (less its placeholders).
//
//   trunk build --release   # or any dist/
//   node scripts/bench/split-room.mjs [dist] [--keep stubbed.wasm]
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const keepAt = args.indexOf('--keep');
const keep = keepAt >= 0 ? args.splice(keepAt, 2)[1] : null;
const dist = args[0] ?? 'dist';
const wasmName = readdirSync(dist).find((f) => /^civicmap-web-.*_bg\.wasm$/.test(f));
if (!wasmName) throw new Error(`no civicmap-web-*_bg.wasm in ${dist}`);
const wasm = readFileSync(join(dist, wasmName));

/** The module's sections we need: imported functions, each function body's bytes. */
function parse(b) {
  let p = 8;
  const leb = () => {
    let r = 0;
    let s = 0;
    let x;
    do {
      x = b[p++];
      r |= (x & 0x7f) << s;
      s += 7;
    } while (x & 0x80);
    return r >>> 0;
  };
  const out = { imports: 0, bodies: [], sections: [] };
  while (p < b.length) {
    const start = p;
    const id = b[p++];
    const len = leb();
    const end = p + len;
    if (id === 2) {
      const n = leb();
      for (let i = 0; i < n; i += 1) {
        for (let name = 0; name < 2; name += 1) {
          const length = leb(); // the module's name, then the field's
          p += length;
        }
        const kind = b[p++];
        if (kind === 0) {
          leb();
          out.imports += 1;
        } else if (kind === 1 || kind === 2) {
          if (kind === 1) p += 1;
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 3) p += 2;
        else if (kind === 4) {
          p += 1;
          leb();
        }
      }
    } else if (id === 10) {
      const n = leb();
      for (let i = 0; i < n; i += 1) {
        const at = p;
        const size = leb();
        out.bodies.push({ entry: b.subarray(at, p + size), size });
        p += size;
      }
    }
    out.sections.push({ id, bytes: b.subarray(start, end) });
    p = end;
  }
  return out;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(dist, path);
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    statSync(file);
  } catch {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

/** The functions (by index, imports first) V8 compiled before ready on `url`. */
async function compiledBeforeReady(url, viewport) {
  const profile = mkdtempSync(join(tmpdir(), 'split-room-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const browser = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', [
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
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('civicmap:ready', 'mark').length > 0, null, { timeout: 60_000, polling: 10 });
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

const mod = parse(wasm);
const codeBytes = mod.bodies.reduce((a, f) => a + f.size, 0);
const bytesOf = (set) => [...set].reduce((a, i) => a + (mod.bodies[i - mod.imports]?.size ?? 0), 0);
const pct = (x) => `${((100 * x) / codeBytes).toFixed(1)} %`;
const journeys = [
  ['embed, desktop 1280×800', '?embed=1', { width: 1280, height: 800 }],
  ['embed, phone 390×844', '?embed=1', { width: 390, height: 844 }],
  ['full page, desktop', '', { width: 1280, height: 800 }],
  ['full page, phone', '', { width: 390, height: 844 }],
];
const all = new Set();
console.log(`${wasmName}: ${mod.bodies.length} functions, ${codeBytes} B of code`);
console.log('| journey | functions compiled before ready | their code | share of the code section |');
console.log('|---|---:|---:|---:|');
try {
  for (const [name, query, viewport] of journeys) {
    const seen = await compiledBeforeReady(`${base}/${query}`, viewport);
    for (const i of seen) all.add(i);
    console.log(`| ${name} | ${seen.size} | ${bytesOf(seen)} B | ${pct(bytesOf(seen))} |`);
  }
} finally {
  server.close();
}
console.log(`| the four together | ${all.size} of ${mod.bodies.length} | ${bytesOf(all)} of ${codeBytes} B | ${pct(bytesOf(all))} |`);

// The module with every function not run before ready stubbed.
const leb = (v) => {
  const o = [];
  do {
    let x = v & 0x7f;
    v >>>= 7;
    if (v) x |= 0x80;
    o.push(x);
  } while (v);
  return Buffer.from(o);
};
const STUB = Buffer.from([3, 0, 0x00, 0x0b]); // size 3: no locals, unreachable, end
const parts = [wasm.subarray(0, 8)];
for (const s of mod.sections) {
  if (s.id !== 10) {
    parts.push(s.bytes);
    continue;
  }
  const body = Buffer.concat([leb(mod.bodies.length), ...mod.bodies.map((f, i) => (all.has(i + mod.imports) ? f.entry : STUB))]);
  parts.push(Buffer.from([10]), leb(body.length), body);
}
const stubbed = Buffer.concat(parts);
if (keep) writeFileSync(keep, stubbed);
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }).length;
console.log(`the wasm: ${wasm.length} B raw, ${br(wasm)} B brotli 11`);
console.log(`only what ran before ready (the rest stubbed): ${stubbed.length} B raw, ${br(stubbed)} B brotli 11`);
