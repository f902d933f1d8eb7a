// Trunk post_build hook (Trunk.toml, after externalize-bootstrap.mjs): writes
// a brotli (quality 11) and a gzip (level 9) copy beside every hashed code file
// of the build (`*.wasm`, `*.js`, `*.css`), so that a server with
// `brotli_static` / `gzip_static` (deploy/nginx.conf) sends the smallest
// encoding without compressing on each request. Brotli 11 is too slow to run
// per request (nginx compresses at level 6 on the fly): on the release wasm it
// saves ~12 % over level 6 (docs/performance.md). Servers that ignore these
// files serve the originals as before.
//
// Usage: run by Trunk with TRUNK_STAGING_DIR set, or by hand:
// `node scripts/precompress.mjs <dir>`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The code files of a build: Trunk's hashed files and the hook's boot script. */
const CODE = /-[0-9a-f]{8,16}(_bg)?\.(wasm|js|css)$/;

/** Writes `<file>.br` and `<file>.gz` for every code file in `dir`; returns their names. */
export function precompress(dir) {
  const done = [];
  for (const name of readdirSync(dir)) {
    if (!CODE.test(name)) continue;
    const bytes = readFileSync(join(dir, name));
    writeFileSync(join(dir, `${name}.br`), brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: name.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    }));
    writeFileSync(join(dir, `${name}.gz`), gzipSync(bytes, { level: 9 }));
    done.push(name);
  }
  return done;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('usage: node scripts/precompress.mjs <dir> (or TRUNK_STAGING_DIR)');
    process.exit(2);
  }
  const done = precompress(dir);
  if (!done.some((n) => n.endsWith('.wasm'))) {
    console.error(`precompress: no hashed .wasm in ${dir}`);
    process.exit(1);
  }
}
