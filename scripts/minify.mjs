// Trunk post_build hook (Trunk.toml, after split-wasm.mjs, before
// precompress.mjs): minifies the code files the page loads before
// `civicmap:ready` with esbuild (already the benchmark's bundler), since
// Trunk ships them as written: wasm-bindgen's glue, static/early.js and the
// stylesheet, 5.4 KB less at brotli 11 (docs/performance.md, "The split").
// Each minified file takes a name from its new content, and the pages their
// new names and SRI hashes (scripts/pin.mjs). The worker's files and the boot
// script (a few lines) are left as they are.
//
// The stylesheet is cut in two (`lateStyles`): what static/app.css marks
// between `@late` and `@end-late` (the styles of what a visitor reaches only
// by a later step) is left out of the page's stylesheet, and the whole
// stylesheet, in its order, becomes `late-<hash>.css`, which index.html
// names in <meta name="civicmap-late-css"> (with its SRI hash) for
// static/early.js to add once the map is ready. Loaded after the first, the
// whole one gives every element exactly the styles of the uncut one.
//
// Usage: run by Trunk with TRUNK_STAGING_DIR set, or by hand:
// `node scripts/minify.mjs <dir>`.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { hex, rehashed, repin, sri } from './pin.mjs';

const STYLES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'static', 'app.css');
const LATE = /\/\* @late \*\/[\s\S]*?\/\* @end-late \*\//g;
/** esbuild's options for every file, besides its loader and format. */
const MINIFY = { minify: true, target: 'es2020', legalComments: 'none' };

/** The stylesheet without its late regions; throws when its marks are missing or unpaired. */
export function earlyStyles(css) {
  const early = css.replace(LATE, '');
  const count = (css.match(LATE) ?? []).length;
  if (count === 0 || /\/\* @(end-)?late \*\//.test(early)) throw new Error('the stylesheet\'s @late / @end-late marks are missing or unpaired');
  return early;
}

/**
 * Writes the whole stylesheet `css` (minified) as `late-<hash>.css` in `dir`
 * and names it in index.html's <meta name="civicmap-late-css">, right after
 * the charset (before static/early.js, which reads it); returns its name
 * and size.
 */
function lateStyles(dir, css) {
  const { code } = transformSync(css, { loader: 'css', ...MINIFY });
  const name = `late-${hex(code)}.css`;
  writeFileSync(join(dir, name), code);
  const integrity = sri(code);
  const index = join(dir, 'index.html');
  const html = readFileSync(index, 'utf8');
  const charset = /<meta charset="utf-8"\s*\/?>/i;
  if (!charset.test(html)) throw new Error('index.html has no <meta charset="utf-8"> to put the late stylesheet after');
  const meta = `<meta name="civicmap-late-css" content="./${name}" data-integrity="${integrity}" />`;
  writeFileSync(index, html.replace(charset, (m) => `${m}\n  ${meta}`));
  return [name, code.length];
}

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
    const css = options.loader === 'css';
    // Trunk's copy of the stylesheet has lost its comments, the marks among them.
    const whole = readFileSync(css ? STYLES : join(dir, name), 'utf8');
    if (css) {
      const [late, bytes] = lateStyles(dir, whole);
      done.push([late, whole.length, bytes]);
    }
    const text = css ? earlyStyles(whole) : whole;
    const { code } = transformSync(text, { ...options, ...MINIFY });
    const to = rehashed(name, hex(code));
    rmSync(join(dir, name));
    writeFileSync(join(dir, to), code);
    renames.set(name, to);
    done.push([to, text.length, code.length]);
  }
  if (renames.size !== FILES.length) throw new Error(`expected ${FILES.length} files to minify in ${dir}, found ${renames.size}`);
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
