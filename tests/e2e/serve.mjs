// A small static web server for the end-to-end tests and the benchmarks.
//
// It serves a *site directory* prepared from the product's `dist/` plus the e2e
// fixture datasets (copied under `e2e/`, never into `dist/` itself), with the
// MIME types browsers insist on (`.wasm` must be `application/wasm`).
//
// CLI: `node tests/e2e/serve.mjs [--dist dist] [--port 0] [--host 127.0.0.1] [--extra url/path=file ...]`
// prints `listening on http://127.0.0.1:<port>/` once it accepts connections.
import { createServer } from 'node:http';
import { cpSync, createReadStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'e2e');
export const HOSTILE = join(ROOT, 'tests', 'fixtures', 'hostile.json');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Builds the served directory: a fresh copy of `dist`, the e2e fixtures under
 * `e2e/`, and any `extras` (`{ 'bench/sigma.json': '/abs/file' }`). With
 * `config` (an object), the site gets that `civicmap.config.json` instead of
 * the shipped one. Returns the directory's path.
 */
export function prepareSite({ dist = join(ROOT, 'dist'), out = join(ROOT, 'target', 'e2e-site'), extras = {}, config } = {}) {
  const distDir = resolve(ROOT, dist);
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`${distDir}/index.html not found: run \`trunk build --release\` first`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(distDir, out, { recursive: true });
  if (existsSync(FIXTURES)) cpSync(FIXTURES, join(out, 'e2e'), { recursive: true });
  // The hostile dataset of the native tests, served as it is (never copied into tests/fixtures/e2e).
  cpSync(HOSTILE, join(out, 'e2e', 'hostile.json'));
  for (const [urlPath, file] of Object.entries(extras)) {
    const target = join(out, urlPath);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  if (config) writeFileSync(join(out, 'civicmap.config.json'), JSON.stringify(config, null, 2));
  return out;
}

/**
 * Serves `root` on `host:port` (0 = a free port). Resolves to `{ url, close }`.
 * `routes(req, res)`, if given, sees each request first and returns true when
 * it answered it (the misbehaving routes of tests/e2e/misbehave.mjs).
 */
export function startServer({ root, port = 0, host = '127.0.0.1', routes }) {
  const base = resolve(root);
  const sockets = new Set();
  const server = createServer((req, res) => {
    if (routes?.(req, res)) return;
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      // Browsers ask for /favicon.ico on their own; a missing one is not the app's error.
      if (path === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path}`);
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
  // Connections a route left hanging on purpose must not keep close() waiting.
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolvePromise({
        url: `http://${host}:${addr.port}/`,
        close: () => new Promise((r) => {
          server.close(() => r());
          for (const s of sockets) s.destroy();
        }),
        server,
      });
    });
  });
}

function parseArgs(argv) {
  const opts = { dist: 'dist', port: 0, host: '127.0.0.1', extras: {} };
  for (let i = 0; i < argv.length; i += 1) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--dist') opts.dist = value;
    else if (key === '--port') opts.port = Number(value);
    else if (key === '--host') opts.host = value;
    else if (key === '--extra') {
      const [urlPath, file] = value.split('=');
      opts.extras[urlPath] = resolve(file);
    } else throw new Error(`unknown argument ${key}`);
    i += 1;
  }
  return opts;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  const root = prepareSite({ dist: opts.dist, extras: opts.extras });
  const { url, close } = await startServer({ root, port: opts.port, host: opts.host });
  console.log(`listening on ${url} (serving ${root})`);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
