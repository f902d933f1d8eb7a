// Trunk post_build hook (Trunk.toml, after externalize-bootstrap.mjs, before
// precompress.mjs): gives the Web Worker's files (src/work/, built by Trunk as
// `data-type="worker"`, which keeps the binary's plain name) content-hashed
// names, so they are cached like every other code file, and names the
// worker's module in the page:
//   civicmap-worker_bg.wasm   → civicmap-worker-<hash>_bg.wasm
//   civicmap-worker.js        → folded into civicmap-worker-<hash>.js, the
//         module the page starts (`new Worker(url, { type: 'module' })`:
//         Chromium fetches a module worker's scripts off the page's thread,
//         which is busy building the view at that moment): wasm-bindgen's
//         glue, then a few lines that keep the requests arriving while the
//         wasm loads and hand them to the handler the wasm's main() sets —
//         so the page sends its request at once, without waiting for a
//         "ready" message its busy thread would read late — and that turn a
//         wasm that cannot load into the Worker's `error` event, so the page
//         does the job itself;
//   index.html gains <meta name="civicmap-worker" content="civicmap-worker-<hash>.js">
// (`src/work/client.rs` reads it; every address is relative to the page, so
// the build works under any folder). The glue is an ES module
// (`data-bindgen-target="web"` in index.html).
//
// Usage: run by Trunk with TRUNK_STAGING_DIR set, or by hand:
// `node scripts/name-worker.mjs <dir>`. A build without the worker's files
// is left as it is.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hex as hash } from './pin.mjs';

const NAME = 'civicmap-worker';

/** Renames the worker's files in `dir` and names the loader in its index.html; returns the loader's name, or null. */
export function nameWorker(dir) {
  const js = join(dir, `${NAME}.js`);
  const wasm = join(dir, `${NAME}_bg.wasm`);
  if (!existsSync(js) || !existsSync(wasm)) return null;
  const glue = readFileSync(js, 'utf8');
  const wasmName = `${NAME}-${hash(readFileSync(wasm))}_bg.wasm`;
  renameSync(wasm, join(dir, wasmName));
  rmSync(js);
  rmSync(join(dir, `${NAME}_loader.js`), { force: true });
  // wasm-bindgen's ES module glue ends with `export { initSync, __wbg_init as default };`.
  const exports = /^export \{[^}]*\};?\s*$/m;
  if (!exports.test(glue) || !/\b__wbg_init\b/.test(glue)) throw new Error(`${NAME}.js is not the wasm-bindgen glue this script knows`);
  const loader = [
    glue.replace(exports, ''),
    '// Requests that arrive while the wasm loads wait here, then go to its handler.',
    'const early = [];',
    'self.onmessage = (e) => early.push(e);',
    `__wbg_init({ module_or_path: './${wasmName}' }).then(() => {`,
    '  for (const e of early.splice(0)) self.onmessage(e);',
    '}, (e) => {',
    "  // A rejection inside a worker never reaches the page; an error thrown",
    "  // from a task does (the Worker's `error` event): the page then does the job.",
    '  setTimeout(() => { throw e; });',
    '});',
    '',
  ].join('\n');
  const loaderName = `${NAME}-${hash(loader)}.js`;
  writeFileSync(join(dir, loaderName), loader);
  const index = join(dir, 'index.html');
  const html = readFileSync(index, 'utf8').replace(/\s*<meta name="civicmap-worker"[^>]*>/, '');
  if (!html.includes('</head>')) throw new Error('index.html has no </head>');
  writeFileSync(index, html.replace('</head>', `<meta name="civicmap-worker" content="${loaderName}">\n</head>`));
  return loaderName;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('usage: node scripts/name-worker.mjs <dir> (or TRUNK_STAGING_DIR)');
    process.exit(2);
  }
  try {
    console.log(`name-worker: ${nameWorker(dir) ?? 'no worker in the build'} (${dir})`);
  } catch (e) {
    console.error(`name-worker: ${e.message}`);
    process.exit(1);
  }
}
