// Where the wasm's bytes go (a dev tool, not part of setup or the tests):
// runs wasm-bindgen on the release wasm cargo built BEFORE wasm-opt, twiggy on
// that, then wasm-opt with the flags given, and prints the sizes raw / gzip -9 /
// brotli 6 (deploy/nginx.conf's level) and the items grouped by crate.
//
//   source scripts/env.sh && (web_build_env &&
//     cargo build --release --target wasm32-unknown-unknown --bin civicmap-web)
// (web_build_env: the standard library compiled for size, as Trunk's build
// ships it; without it the tool measures a bigger wasm than the site serves)
//   node scripts/bench/wasm-size.mjs [path/to/civicmap-web.wasm] [--opt "-Oz --converge"] [--top 40]
// Needs wasm-bindgen and wasm-opt (scripts/setup.sh) and twiggy
// (`cargo install twiggy`, a dev tool) on PATH.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const optFlags = flag('--opt', '-Oz').split(' ').filter(Boolean);
const top = Number(flag('--top', '30'));
const target = process.env.CARGO_TARGET_DIR ?? 'target';
const input = args[0] ?? join(target, 'wasm32-unknown-unknown', 'release', 'civicmap-web.wasm');
const dir = mkdtempSync(join(tmpdir(), 'wasm-size-'));

const run = (cmd, a) => execFileSync(cmd, a, { encoding: 'utf8', maxBuffer: 1 << 28 });
const sizes = (file) => {
  const bytes = readFileSync(file);
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } }).length;
  const br11 = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return `${statSync(file).size} B raw, ${gzipSync(bytes, { level: 9 }).length} B gzip -9, ${br} B brotli 6 (${br11} B brotli 11)`;
};

run('wasm-bindgen', ['--target', 'web', '--out-dir', dir, '--out-name', 'app', input]);
const bg = join(dir, 'app_bg.wasm');
console.log(`wasm-bindgen output (before wasm-opt): ${sizes(bg)}`);
console.log(`js glue: ${sizes(join(dir, 'app.js'))}`);
const opt = join(dir, 'opt.wasm');
run('wasm-opt', [...optFlags, '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', bg, '-o', opt]);
console.log(`after wasm-opt ${optFlags.join(' ')}: ${sizes(opt)}`);

// twiggy on the pre-opt wasm (it has the function names), grouped.
const csv = run('twiggy', ['top', '-n', '1000000', '-f', 'csv', bg]).trim().split('\n').slice(1);
const groups = new Map();
const add = (k, v) => groups.set(k, (groups.get(k) ?? 0) + v);
let total = 0;
for (const line of csv) {
  const m = /^(".*"|[^,]*),(\d+),/.exec(line);
  if (!m) continue;
  const name = m[1].replace(/^"|"$/g, '').replace(/""/g, '"');
  const size = Number(m[2]);
  total += size;
  let g;
  if (name.startsWith('"') || name.startsWith('data segment') || name.includes('subsection')) g = name;
  else if (/serde_json.*(de::|Deserializ)|Deserialize/.test(name)) g = 'serde (deserialisation, monomorphised)';
  else if (/core::fmt|fmt::(Display|Debug|Write)|flt2dec|float_to_decimal|\bDebug\b|\bDisplay\b/.test(name)) g = 'core::fmt (formatting)';
  else if (/slice::sort/.test(name)) g = 'core::slice::sort (monomorphised sorts)';
  else if (/^<?(&mut |&)?civicmap::/.test(name)) g = `civicmap::${/civicmap::([a-z_]+(::[a-z_]+)?)/.exec(name)?.[1] ?? '?'}`;
  else g = /^<?(?:&mut |&|dyn )?([a-zA-Z_][a-zA-Z0-9_]*)/.exec(name)?.[1] ?? name;
  add(g, size);
}
console.log(`\ntwiggy top (before wasm-opt, ${total} B), grouped:`);
for (const [g, s] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${String(s).padStart(9)} B ${(100 * s / total).toFixed(1).padStart(5)} %  ${g}`);
}
