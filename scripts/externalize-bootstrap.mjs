// Trunk post_build hook (Trunk.toml): moves every inline <script> of the built
// HTML pages into an external file, so that the Content-Security-Policy can say
// `script-src 'self'` with no 'unsafe-inline' and no hash to keep in sync.
//
// Trunk 0.21 writes its wasm bootstrap inline into index.html (with
// Trunk.toml's `public_url = "./"`, every address relative to the page, so
// the build works under any folder):
//   <script type="module">
//   import init, * as bindings from './civicmap-web-<hash>.js';
//   const wasm = await init({ module_or_path: './civicmap-web-<hash>_bg.wasm' });
//   …
//   </script>
// This hook writes that text to `boot-<hash>.js` (hash of the content, so it
// can be cached forever like Trunk's own files) and puts in its place
//   <script type="module" src="./boot-<hash>.js" integrity="sha384-…"></script>
// (the prefix is Trunk's public URL). The bootstrap sits beside index.html,
// so its relative import and the page's relative wasm address both resolve
// to the page's folder.
// keeping the script's other attributes (type, nomodule, defer…). Trunk's
// `<link rel="modulepreload">` / `<link rel="preload">` lines are left as they
// are: they point at Trunk's files, whose content does not change.
//
// Then it checks every HTML page of the build and fails (exit 1) if any inline
// script or inline event handler (`onclick=…`) is left.
//
// Usage: run by Trunk with TRUNK_STAGING_DIR and TRUNK_PUBLIC_URL set, or by
// hand: `node scripts/externalize-bootstrap.mjs <dir> [public-url]`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
// An event-handler attribute inside a start tag: ` onload=`, ` onclick =`.
const HANDLER = /<[a-z][^>]*?\son[a-z]+\s*=/i;

/** Whether the attributes of a start tag include `name`. */
function hasAttr(attrs, name) {
  return new RegExp(`(^|\\s)${name}(\\s*=|\\s|$)`, 'i').test(attrs);
}

/**
 * Rewrites one HTML page. Returns `{ html, files }`: the new text and the
 * external scripts to write (`{ name, text }`). `publicUrl` prefixes the
 * new `src` (Trunk's public URL, `/` by default).
 */
export function externalize(html, publicUrl = '/') {
  const base = publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
  const files = [];
  const out = html.replace(SCRIPT, (whole, attrs, body) => {
    if (hasAttr(attrs, 'src')) {
      if (body.trim() !== '') throw new Error(`a <script src> with inline text: ${whole.slice(0, 120)}`);
      return whole;
    }
    if (body.trim() === '') return '';
    if (hasAttr(attrs, 'integrity') || hasAttr(attrs, 'nonce')) {
      throw new Error(`an inline <script> with integrity or nonce: ${whole.slice(0, 120)}`);
    }
    const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(` ${attrs}`)?.[1]?.toLowerCase();
    if (type && type !== 'module' && type !== 'text/javascript' && type !== 'application/javascript') {
      // Data blocks (application/json, importmap…) are not scripts to move.
      throw new Error(`an inline <script type="${type}"> cannot be moved to a file`);
    }
    const text = `${body.replace(/^\s*\n/, '').replace(/\s+$/, '')}\n`;
    const hex = createHash('sha256').update(text).digest('hex').slice(0, 16);
    const integrity = `sha384-${createHash('sha384').update(text).digest('base64')}`;
    const name = `boot-${hex}.js`;
    files.push({ name, text });
    const kept = attrs.trim();
    return `<script${kept ? ` ${kept}` : ''} src="${base}${name}" integrity="${integrity}"></script>`;
  });
  return { html: out, files };
}

/** What is still inline in a page: `[]` when nothing. */
export function inlineCode(html) {
  const found = [];
  for (const m of html.matchAll(SCRIPT)) {
    if (!hasAttr(m[1], 'src') || m[2].trim() !== '') found.push(`inline <script>: ${m[0].slice(0, 80)}`);
  }
  // Event handlers in start tags (text content may mention "on…=" freely).
  const tags = html.replace(SCRIPT, '').match(/<[a-z][^>]*>/gi) ?? [];
  for (const tag of tags) {
    if (HANDLER.test(tag)) found.push(`inline event handler: ${tag.slice(0, 80)}`);
    if (/\s(href|src|action|formaction)\s*=\s*["']?\s*javascript:/i.test(tag)) found.push(`javascript: URL: ${tag.slice(0, 80)}`);
  }
  return found;
}

/** Rewrites every `*.html` of `dir`; returns the files written. */
export function externalizeDir(dir, publicUrl = '/') {
  const written = [];
  const problems = [];
  for (const entry of readdirSync(dir)) {
    if (!entry.endsWith('.html')) continue;
    const path = join(dir, entry);
    const { html, files } = externalize(readFileSync(path, 'utf8'), publicUrl);
    for (const f of files) {
      writeFileSync(join(dir, f.name), f.text);
      written.push(f.name);
    }
    writeFileSync(path, html);
    for (const p of inlineCode(html)) problems.push(`${entry}: ${p}`);
  }
  if (problems.length > 0) throw new Error(`inline code left in the build:\n  ${problems.join('\n  ')}`);
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  const publicUrl = process.argv[3] ?? process.env.TRUNK_PUBLIC_URL ?? '/';
  if (!dir) {
    console.error('usage: node scripts/externalize-bootstrap.mjs <dir> [public-url] (or TRUNK_STAGING_DIR)');
    process.exit(2);
  }
  try {
    const written = externalizeDir(dir, publicUrl);
    console.log(`externalize-bootstrap: ${written.length ? written.join(', ') : 'no inline script'} (${dir})`);
  } catch (e) {
    console.error(`externalize-bootstrap: ${e.message}`);
    process.exit(1);
  }
}
