// What the post_build hook's steps that change code files share
// (scripts/split-wasm.mjs, scripts/minify.mjs): a changed file takes a name
// from its new content, and the page its new names and SRI hashes, so that a
// browser never takes a cached file of one build for another's (the hashed
// files are cached for a year, deploy/nginx.conf).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The first 16 hex digits of the SHA-256 of `parts`. */
export const hex = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

/** The Subresource Integrity value of `bytes`: their SHA-384. */
export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** `name` with its hash (`-<8 to 16 hex digits>` before the extension) replaced by `hash`. */
export function rehashed(name, hash) {
  const out = name.replace(/-[0-9a-f]{8,16}((?:_bg)?\.[a-z]+)$/, `-${hash}$1`);
  if (out === name && !name.includes(hash)) throw new Error(`${name} has no hash in its name`);
  return out;
}

/**
 * After files of `dir` were renamed (`renames`: old name → new name, the
 * new files written, the old ones removed): every page and the boot script
 * name the new files, the boot script takes a name from its new content,
 * and index.html's integrity attributes are the SHA-384 of the files.
 */
export function repin(dir, renames) {
  const rewrite = (text, names = renames) => [...names].reduce((t, [from, to]) => t.replaceAll(from, to), text);
  const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
  const index = join(dir, 'index.html');
  const bootName = /src="[^"]*?(boot-[0-9a-f]{16}\.js)"/.exec(readFileSync(index, 'utf8'))?.[1];
  if (!bootName) throw new Error('index.html starts no boot-<hash>.js');
  const boot = rewrite(readFileSync(join(dir, bootName), 'utf8'));
  const newBoot = `boot-${hex(boot)}.js`;
  rmSync(join(dir, bootName));
  writeFileSync(join(dir, newBoot), boot);
  const all = new Map([...renames, [bootName, newBoot]]);
  for (const page of pages) {
    const text = rewrite(readFileSync(join(dir, page), 'utf8'), all);
    const pinned = text.replace(/((?:src|href)="[^"]*?([^"/]+)"[^>]*? integrity=")[^"]*"/g, (_, head, f) => `${head}${sri(readFileSync(join(dir, f)))}"`);
    writeFileSync(join(dir, page), pinned);
  }
  return newBoot;
}
