// Trunk post_build hook (Trunk.toml, after name-worker.mjs, before
// precompress.mjs): cuts the page's wasm in two, so that a visitor downloads
// before `civicmap:ready` only the functions that run until then.
//
// 1. binaryen 132's `wasm-opt -Oz -g` optimises wasm-bindgen's output (Trunk's
//    own wasm-opt is off for the page, `data-wasm-opt="0"` in index.html: it
//    would drop the function names step 2 needs). A function with one caller
//    is inlined into it only up to 100 (binaryen's default: whatever its
//    size), so that less code that runs late is folded into code that runs
//    before ready: 2.8 KB less before ready, 1.9 KB more after.
// 2. Debian binaryen's `wasm-split` moves to a second module the functions
//    named in scripts/split-late.txt (the profile: what did not run before
//    ready in four journeys, written by scripts/split-profile.mjs) and keeps
//    the rest in the first module. The first module reaches each moved function through
//    its table, where a placeholder import stands until the second module is
//    instantiated and writes the real functions over them.
// 3. wasm-bindgen's glue gains those placeholders (`civicmapSplit`, below):
//    the second module is fetched and compiled in the background once the page
//    marks `civicmap:ready` (or 10 s after the start, whatever happens); a
//    placeholder called before then loads it at once with a synchronous
//    request (Chromium compiles up to 8 MB synchronously on the page's thread)
//    and calls the real function. Either way every function works; the
//    profile only decides what is downloaded before ready.
// 4. The first module and the glue get short names for the imports and
//    exports only they share (`shortNames`): 7.9 KB less at brotli 11 before
//    ready, wasm-bindgen's hashed names being downloaded twice otherwise.
// 5. The changed files get content-hashed names (the glue, both modules, the
//    boot script) and index.html their new names and SRI hashes, so a cached
//    first module never meets another build's second one.
//
// A name the profile lists that the build lacks is ignored; a function the
// profile does not name (new code) stays in the first module. A stale
// profile costs bytes or time, never correctness: tests/e2e/split.test.mjs
// fails when the default journeys load the second module before ready (a
// renamed function that runs early, say a renumbered closure): run
// split-profile.mjs.
//
// CIVICMAP_SPLIT_NAMES=<file>: no split; the build keeps the whole optimised
// module and the hook writes <file>, the normalised name of each function by
// index (what split-profile.mjs maps V8's compilation trace to).
//
// Usage: run by Trunk with TRUNK_STAGING_DIR set, or by hand:
// `node scripts/split-wasm.mjs <dir>`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hex, repin } from './pin.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LATE = join(ROOT, 'scripts', 'split-late.txt');
const WASM_OPT = join(ROOT, 'node_modules', '.bin', 'wasm-opt');
const WASM_SPLIT = process.env.WASM_SPLIT ?? 'wasm-split';


/**
 * A function's name without what changes from build to build with the same
 * code: the crates' disambiguators (`civicmap[943c60cd4aa5fb4]::…`) and
 * legacy symbol hashes (`…::h0123456789abcdef`).
 */
export function normalise(name) {
  return name.replace(/\[[0-9a-f]{1,16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
}

/**
 * A name as binaryen 108 holds it after reading a name section: a name with
 * a character outside the text format's identifier characters has each such
 * byte written `\\xx` (binaryen's `escape`, wasm-binary.cpp).
 */
export function binaryenName(name) {
  const bytes = Buffer.from(name);
  const id = (c) => /[0-9A-Za-z!#$%&'*+\-./:<=>?@^_`|~]/.test(String.fromCharCode(c)) && c < 0x80;
  if (bytes.every(id)) return name;
  return [...bytes].map((c) => (id(c) ? String.fromCharCode(c) : `\\${c.toString(16).padStart(2, '0')}`)).join('');
}

/** The unsigned LEB128 number at `p` in `b`: `[value, the position after it]`. */
function readLeb(b, p) {
  let value = 0;
  let scale = 1;
  let x;
  do {
    x = b[p++];
    value += (x & 0x7f) * scale;
    scale *= 128;
  } while (x & 0x80);
  return [value, p];
}

/** `v` as an unsigned LEB128 number. */
function leb(v) {
  const out = [];
  do {
    let x = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) x |= 0x80;
    out.push(x);
  } while (v > 0);
  return Buffer.from(out);
}

/** `bytes` with their length before them (a wasm vector or name). */
const vec = (bytes) => Buffer.concat([leb(bytes.length), bytes]);

/**
 * A reader of `b` from byte `p`: `leb()` and `name()` read and move on;
 * `skipImport()` moves past an import's description and returns its kind
 * (0: a function).
 */
function cursor(b, p = 8) {
  const c = {
    p,
    leb() {
      const [value, next] = readLeb(b, c.p);
      c.p = next;
      return value;
    },
    name() {
      const length = c.leb();
      c.p += length;
      return b.subarray(c.p - length, c.p).toString();
    },
    skipImport() {
      const kind = b[c.p++];
      const limits = () => {
        if (c.leb() & 1) c.leb(); // the flags (bit 0: a maximum follows the minimum)
        c.leb();
      };
      if (kind === 0) c.leb();
      else if (kind === 1) {
        c.p += 1;
        limits();
      } else if (kind === 2) limits();
      else if (kind === 3) c.p += 2;
      else if (kind === 4) {
        c.p += 1;
        c.leb();
      } else throw new Error(`an import of kind ${kind}`);
      return kind;
    },
  };
  return c;
}

/** The size of each function body of a module, in the order of its code section. */
export function bodySizes(b) {
  const sizes = [];
  let p = 8;
  while (p < b.length) {
    const id = b[p];
    const [length, start] = readLeb(b, p + 1);
    if (id === 10) {
      let [count, q] = readLeb(b, start);
      for (; count > 0; count -= 1) {
        const [size, body] = readLeb(b, q);
        sizes.push(size);
        q = body + size;
      }
    }
    p = start + length;
  }
  return sizes;
}

/**
 * The function names of a module's name section: `{ imports, functions,
 * names: Map<index, name>, nameSection: [start, end] | null }` (`functions`:
 * the count of functions the module defines).
 */
export function functionNames(b) {
  const c = cursor(b);
  const names = new Map();
  let imports = 0;
  let functions = 0;
  let nameSection = null;
  while (c.p < b.length) {
    const start = c.p;
    const id = b[c.p++];
    const end = c.leb() + c.p;
    if (id === 3) functions = c.leb();
    else if (id === 2) {
      for (let n = c.leb(); n > 0; n -= 1) {
        c.name(); // the module's name, then the field's
        c.name();
        if (c.skipImport() === 0) imports += 1;
      }
    } else if (id === 0) {
      const section = c.name();
      if (section === 'name') nameSection = [start, end];
      while (section === 'name' && c.p < end) {
        const sub = b[c.p++];
        const subEnd = c.leb() + c.p;
        if (sub === 1) {
          for (let n = c.leb(); n > 0; n -= 1) {
            const index = c.leb();
            names.set(index, c.name());
          }
        }
        c.p = subEnd;
      }
    }
    c.p = end;
  }
  return { imports, functions, names, nameSection };
}

const UNNAMED = 'civicmap$unnamed$';

/**
 * The module with a name for every function it defines: the ones the name
 * section lacks (wasm-bindgen's own shims, `__wbindgen_start`'s among them)
 * are named `civicmap$unnamed$<index>`, so that wasm-split can be told to
 * keep them. The new name section holds only the function names.
 */
export function nameEveryFunction(b) {
  const { imports, functions, names, nameSection } = functionNames(b);
  const entries = [];
  for (let i = 0; i < imports + functions; i += 1) {
    const name = names.get(i) ?? (i >= imports ? `${UNNAMED}${i}` : null);
    if (name !== null) entries.push(leb(i), vec(Buffer.from(name)));
  }
  const subsection = vec(Buffer.concat([leb(entries.length / 2), ...entries]));
  const section = vec(Buffer.concat([vec(Buffer.from('name')), Buffer.from([1]), subsection]));
  const [from, to] = nameSection ?? [b.length, b.length];
  return Buffer.concat([b.subarray(0, from), b.subarray(to), Buffer.from([0]), section]);
}

/** The `i`-th short name: a, b, …, Z, ba, bb, … (a JavaScript identifier). */
export function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name = letters[i % 52] + name;
    i = Math.floor(i / 52);
  } while (i > 0);
  return name;
}

/** The wasm-bindgen glue's import namespace (`--target web`, `__wbg_get_imports`). */
const GLUE_MODULE = './civicmap-web_bg.js';

/**
 * The module and its glue with short names for what only they share:
 * wasm-bindgen names each import after its JavaScript function and a hash
 * (`__wbg_lastChild_d03af7c29f69e2ad`, 298 of them) and each closure's
 * export after its Rust types; the page downloads every such name twice
 * (in the module and in the glue), and a hash does not compress. The
 * imports of the glue's namespace become `w.a`, `w.b`, …; the exports the
 * glue calls become `$a`, `$b`, … (`memory`, and those in `keep`: what
 * the second module imports, keep theirs); the custom sections go. Throws when
 * the glue does not give each import the way this knows, or reaches an
 * export other than by `wasm.<name>`, so that a new wasm-bindgen fails the
 * build instead of the page.
 */
export function shortNames(b, glue, keep = new Set()) {
  const c = cursor(b);
  const imports = new Map();
  const exports = new Map();
  const sections = [b.subarray(0, 8)];
  while (c.p < b.length) {
    const start = c.p;
    const id = b[c.p++];
    const end = c.leb() + c.p;
    if (id === 2 || id === 7) {
      const entries = [];
      for (let n = c.leb(); n > 0; n -= 1) {
        if (id === 2) {
          const module = c.name();
          const field = c.name();
          const from = c.p;
          c.skipImport();
          const short = module === GLUE_MODULE ? shortName(imports.size) : null;
          if (short !== null) imports.set(field, short);
          entries.push(vec(Buffer.from(short === null ? module : 'w')), vec(Buffer.from(short ?? field)), b.subarray(from, c.p));
        } else {
          const field = c.name();
          const from = c.p;
          c.p += 1; // the kind, then the index
          c.leb();
          const same = field === 'memory' || field.startsWith('%') || keep.has(field);
          const short = same ? field : `$${shortName(exports.size)}`;
          if (!same) exports.set(field, short);
          entries.push(vec(Buffer.from(short)), b.subarray(from, c.p));
        }
      }
      sections.push(Buffer.from([id]), vec(Buffer.concat([leb(entries.length / (id === 2 ? 3 : 2)), ...entries])));
    } else if (id !== 0) sections.push(b.subarray(start, end));
    c.p = end;
  }
  const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let text = glue;
  const replace = (pattern, to, what) => {
    const next = text.replace(pattern, to);
    if (next === text) throw new Error(`the glue does not name ${what} as this script expects`);
    text = next;
  };
  replace(`"${GLUE_MODULE}": import0,`, 'w: import0,', `its import namespace ${GLUE_MODULE}`);
  for (const [field, short] of imports) {
    replace(new RegExp(`^(\\s+)${escape(field)}: function\\b`, 'm'), `$1${short}: function`, `the import ${field}`);
  }
  // (An export the glue never calls, `main` say, is renamed all the same.)
  for (const [field, short] of exports) {
    text = text.replace(new RegExp(`\\bwasm\\.${escape(field)}\\b`, 'g'), `wasm.${short}`);
  }
  if (/\bwasm\[/.test(text)) throw new Error('the glue reaches an export by a computed name');
  return { wasm: Buffer.concat(sections), glue: text, imports: imports.size, exports: exports.size };
}

/** The loader the glue gains: the placeholders and the second module's background load. */
export function loader(splitName) {
  return `
// scripts/split-wasm.mjs: the functions that do not run before civicmap:ready
// are in a second module, ${splitName}. Each placeholder the first module
// imports stands for one of them (by its slot in the table): called before
// the second module is there, it loads it synchronously, then calls the real
// function the second module wrote into that slot.
const civicmapSplit = (() => {
    const url = new URL('./${splitName}', import.meta.url);
    let instance = null;
    let started = false;
    // False until the second module is there: the app waits for it before
    // work that can wait (src/ui/browser.rs, \`when_code_loaded\`).
    globalThis.civicmapSplitLoaded = false;
    const install = (module) => {
        if (instance === null) instance = new WebAssembly.Instance(module, { primary: wasm });
        globalThis.civicmapSplitLoaded = true;
    };
    const loadNow = () => {
        const request = new XMLHttpRequest();
        request.open('GET', url, false);
        request.overrideMimeType('text/plain; charset=x-user-defined');
        request.send();
        if (request.status !== 200) throw new Error(\`civicmap: \${url} answered \${request.status}; reload the page\`);
        const text = request.responseText;
        const bytes = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
        install(new WebAssembly.Module(bytes));
    };
    const prefetch = () => {
        if (started || instance !== null) return;
        started = true;
        fetch(url)
            .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(String(r.status)))))
            .then((bytes) => WebAssembly.compile(bytes))
            .then(install, () => { started = false; });
    };
    let table = null;
    const slot = (index) => {
        if (instance === null) {
            // Which function came early (target/split-placeholders.txt names it).
            performance.mark('civicmap:split-early', { detail: index });
            loadNow();
        }
        table ??= Object.values(wasm).find((v) => v instanceof WebAssembly.Table);
        return table.get(index);
    };
    if (typeof PerformanceObserver === 'function') {
        new PerformanceObserver((list, observer) => {
            if (list.getEntriesByName('civicmap:ready').length > 0) {
                observer.disconnect();
                setTimeout(prefetch, 0);
            }
        }).observe({ type: 'mark', buffered: true });
    }
    setTimeout(prefetch, 10000);
    const placeholders = new Proxy({}, {
        get: (_, index) => (...args) => slot(Number(index))(...args),
    });
    return { placeholders };
})();
`;
}

/** Adds the placeholders to wasm-bindgen's glue (`--target web`); throws on a glue it does not know. */
export function patchGlue(glue, splitName) {
  const anchor = /(^function __wbg_get_imports\(\) \{[\s\S]*?\n {4}return \{\n {8}__proto__: null,\n)/m;
  const exports = /^export \{[^}]*\};?\s*$/m;
  if (!anchor.test(glue) || !exports.test(glue) || !/\nlet wasmModule, wasmInstance, wasm;\n/.test(glue)) {
    throw new Error('the wasm-bindgen glue is not the one this script knows');
  }
  const at = glue.search(exports);
  const withImports = glue.replace(anchor, '$1        p: civicmapSplit.placeholders,\n');
  const cut = withImports.length - (glue.length - at);
  return `${withImports.slice(0, cut)}${loader(splitName)}${withImports.slice(cut)}`;
}

function run(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const why = e.code === 'ENOENT' ? `${cmd} is not installed (scripts/setup.sh installs it)` : String(e.stderr ?? e.message).trim();
    throw new Error(`${cmd} ${args[0]}: ${why}`);
  }
}

/** Splits the page's wasm in `dir`; returns a one-line report. */
export function splitWasm(dir, namesFile = process.env.CIVICMAP_SPLIT_NAMES) {
  if (process.env.TRUNK_PROFILE === 'debug') return 'a debug build: not split';
  const files = readdirSync(dir);
  // Trunk writes its hash without leading zeros: 15 digits or fewer, now and then.
  const wasmName = files.find((f) => /^civicmap-web-[0-9a-f]{1,16}_bg\.wasm$/.test(f));
  const glueName = wasmName?.replace(/_bg\.wasm$/, '.js');
  if (!wasmName || !files.includes(glueName)) throw new Error(`no civicmap-web-<hash>_bg.wasm and .js in ${dir}`);
  const work = mkdtempSync(join(tmpdir(), 'civicmap-split-'));
  try {
    const optimised = join(work, 'opt.wasm');
    run(WASM_OPT, ['-Oz', '-g', '--one-caller-inline-max-function-size=100', join(dir, wasmName), '-o', optimised]);
    writeFileSync(optimised, nameEveryFunction(readFileSync(optimised)));
    const { imports, names } = functionNames(readFileSync(optimised));
    let first;
    let second = null;
    let report;
    if (namesFile) {
      const byIndex = {};
      for (const [index, name] of names) if (index >= imports && !name.startsWith(UNNAMED)) byIndex[index] = normalise(name);
      writeFileSync(namesFile, `${JSON.stringify({ imports, names: byIndex })}\n`);
      run(WASM_OPT, ['--strip-debug', '--strip-producers', optimised, '-o', join(work, 'whole.wasm')]);
      first = readFileSync(join(work, 'whole.wasm'));
      report = `not split; the names are in ${namesFile}`;
    } else {
      const late = new Set(readFileSync(LATE, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#')));
      // The allocator stays whole in the first module: which of its paths
      // run (trimming after a big free, say) depends on the data's size, not
      // on the journey.
      const staysFirst = (n) => n.startsWith(UNNAMED) || /\bdlmalloc::/.test(n) || !late.has(normalise(n));
      const keep = [...names]
        .filter(([i, n]) => i >= imports && staysFirst(n))
        .map(([, n]) => binaryenName(n));
      writeFileSync(join(work, 'keep.txt'), `${keep.join('\n')}\n`);
      run(WASM_SPLIT, [optimised, `--keep-funcs=@${join(work, 'keep.txt')}`, '--placeholder-namespace=p',
        '--import-namespace=primary', '--export-prefix=%', '--placeholdermap',
        '-o1', join(work, 'first.wasm'), '-o2', join(work, 'second.wasm')]);
      // Each placeholder's table slot and function, for a developer whom
      // tests/e2e/split.test.mjs tells which slot was called before ready.
      // wasm-split writes `slot:name`, the name escaped as binaryen holds it.
      const slots = readFileSync(join(work, 'first.wasm.placeholders'), 'utf8').split('\n').filter(Boolean)
        .map((line) => line.replace(/\\([0-9a-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))))
        .map((line) => `${line.slice(0, line.indexOf(':'))} ${normalise(line.slice(line.indexOf(':') + 1))}`);
      mkdirSync(join(ROOT, 'target'), { recursive: true });
      writeFileSync(join(ROOT, 'target', 'split-placeholders.txt'), `${slots.join('\n')}\n`);
      first = readFileSync(join(work, 'first.wasm'));
      second = readFileSync(join(work, 'second.wasm'));
      report = `${keep.length} of ${names.size - imports} functions before ready: ${first.length} + ${second.length} B`;
    }
    const secondImports = second === null ? [] : WebAssembly.Module.imports(new WebAssembly.Module(second));
    const short = shortNames(first, readFileSync(join(dir, glueName), 'utf8'), new Set(secondImports.map((i) => i.name)));
    first = short.wasm;
    const glueText = short.glue;
    report += `; ${short.imports} imports and ${short.exports} exports renamed`;
    // New names for everything that changed, from the contents: one hash
    // for both modules and the glue that names the second.
    const h = hex(first, second ?? '', glueText);
    const newWasm = `civicmap-web-${h}_bg.wasm`;
    const newGlue = `civicmap-web-${h}.js`;
    const splitName = `civicmap-web-split-${h}.wasm`;
    rmSync(join(dir, wasmName));
    rmSync(join(dir, glueName));
    writeFileSync(join(dir, newWasm), first);
    writeFileSync(join(dir, newGlue), second ? patchGlue(glueText, splitName) : glueText);
    if (second) writeFileSync(join(dir, splitName), second);
    repin(dir, new Map([[wasmName, newWasm], [glueName, newGlue]]));
    return report;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('usage: node scripts/split-wasm.mjs <dir> (or TRUNK_STAGING_DIR)');
    process.exit(2);
  }
  try {
    console.log(`split-wasm: ${splitWasm(dir)} (${dir})`);
  } catch (e) {
    console.error(`split-wasm: ${e.message}`);
    process.exit(1);
  }
}
