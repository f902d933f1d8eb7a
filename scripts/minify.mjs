// Trunk post_build hook (Trunk.toml, after split-wasm.mjs, before
// precompress.mjs): minifies the code files the page loads before
// `civicmap:ready` with esbuild (already the benchmark's bundler), since
// Trunk ships them as written: wasm-bindgen's glue, static/early.js and the
// stylesheet, 5.4 KB less at brotli 11 (docs/performance.md, "The split").
// Each minified file takes a name from its new content, and the pages their
// new names and SRI hashes (scripts/pin.mjs). The worker's files and the boot
// script (a few lines) are left as they are.
//
// Usage: run by Trunk with TRUNK_STAGING_DIR set, or by hand:
// `node scripts/minify.mjs <dir>`.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { hex, rehashed, repin } from './pin.mjs';

/** The files minified, each with esbuild's options: ES modules, classic scripts, stylesheets. */
const FILES = [
  [/^civicmap-web-[0-9a-f]{8,16}\.js$/, { loader: 'js', format: 'esm' }],
  [/^early-[0-9a-f]{8,16}\.js$/, { loader: 'js' }],
  [/^app-[0-9a-f]{8,16}\.css$/, { loader: 'css' }],
];

/** Minifies the page's code files in `dir`; returns `[name, bytes before, bytes after]` per file. */
export function minifyDir(dir) {
  if (process.env.TRUNK_PROFILE === 'debug') return [];
  const renames = new Map();
  const done = [];
  for (const name of readdirSync(dir)) {
    const options = FILES.find(([pattern]) => pattern.test(name))?.[1];
    if (!options) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    const { code } = transformSync(text, { ...options, minify: true, target: 'es2020', legalComments: 'none' });
    const to = rehashed(name, hex(code));
    rmSync(join(dir, name));
    writeFileSync(join(dir, to), code);
    renames.set(name, to);
    done.push([to, text.length, code.length]);
  }
  if (done.length !== FILES.length) throw new Error(`expected ${FILES.length} files to minify in ${dir}, found ${done.length}`);
  repin(dir, renames);
  return done;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('usage: node scripts/minify.mjs <dir> (or TRUNK_STAGING_DIR)');
    process.exit(2);
  }
  try {
    const done = minifyDir(dir);
    console.log(`minify: ${done.map(([f, a, b]) => `${f} ${a} → ${b} B`).join(', ')} (${dir})`);
  } catch (e) {
    console.error(`minify: ${e.message}`);
    process.exit(1);
  }
}
