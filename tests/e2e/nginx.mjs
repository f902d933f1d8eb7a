// Serves a built site behind a real nginx (Debian's package), configured with
// the very file we recommend to partners, deploy/nginx.conf, and the security
// headers that `civicmap deploy nginx-headers` generates from the site's own
// civicmap.config.json. The end-to-end tests run against it.
//
// The test configuration is deploy/nginx.conf with only these changes, each
// checked (a change to the file that breaks one fails loudly):
//   listen 80 / [::]:80             → listen 127.0.0.1:<free port>
//   root /var/www/civicmap          → the prepared site directory
//   include snippets/civicmap-headers.conf → the generated include, in a temp dir
//   "# Other locations of your site go here." → a location for the e2e
//       fixtures (/e2e/: datasets and host pages, no CSP: they stand for the
//       partner's other pages, not for the map), and /favicon.ico → 204
// wrapped in a minimal main configuration (temp prefix, no daemon, the brotli
// module, Debian's mime.types).
//
// deploy/nginx.conf holds two server blocks: the root site (the default here)
// and the sub-path site (`location ^~ /carte/`). With `subPath` ('/carte/',
// or any other folder such as '/a/b/c/'), the test uses the second one, with
// these further changes:
//   root /var/www/html              → a temp dir standing for the partner's
//       own site: only the e2e fixtures under /e2e/ (nothing of the map, so an
//       absolute address in the build would fail, not be served by luck)
//   alias /var/www/civicmap/        → the prepared site directory
//   /carte                          → the sub-path asked for
//
// CLI: `node tests/e2e/nginx.mjs [--dist dist] [--sub-path /carte/]` prepares
// the site like serve.mjs and prints `listening on http://127.0.0.1:<port>/…`
// once nginx answers; it stops nginx on SIGTERM / SIGINT.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, prepareSite } from './serve.mjs';

export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
export const DEPLOY_CONF = join(ROOT, 'deploy', 'nginx.conf');
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so';
const BROTLI_STATIC_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const MIME_TYPES = '/etc/nginx/mime.types';

/** A free TCP port on `host` (asked from the kernel, then released). */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * The security-header include for a site: `civicmap deploy nginx-headers
 * --config <site>/civicmap.config.json`, run by the CLI built by cargo
 * (`CIVICMAP_CLI` may name the binary instead).
 */
export function generateHeaders(configPath) {
  const cli = process.env.CIVICMAP_CLI;
  const [cmd, args] = cli
    ? [cli, []]
    : ['cargo', ['run', '--quiet', '--locked', '--bin', 'civicmap', '--']];
  return execFileSync(cmd, [...args, 'deploy', 'nginx-headers', '--config', configPath], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Replaces every match of `pattern` (at least one, else the file changed under us). */
function substitute(text, pattern, replacement, what) {
  const all = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
  if (!all.test(text)) throw new Error(`deploy/nginx.conf: ${what} not found (${pattern})`);
  return text.replace(all, replacement);
}

/** The top-level `server { … }` blocks of an nginx site file. */
export function serverBlocks(conf) {
  return conf.match(/^server \{\n[\s\S]*?^\}$/gm) ?? [];
}

/** Whether `p` is a folder path: starts and ends with `/`, more than `/`. */
function isSubPath(p) {
  return /^\/([A-Za-z0-9._~-]+\/)+$/.test(p);
}

/**
 * The site block of the test: deploy/nginx.conf's root server block (or,
 * with `subPath`, its sub-path server block served under that folder, the
 * partner's own site in `outerRoot`) with the documented substitutions.
 */
export function siteConfig({
  deployConf = readFileSync(DEPLOY_CONF, 'utf8'), host = '127.0.0.1', port, root, headersFile, subPath, outerRoot,
}) {
  const blocks = serverBlocks(deployConf);
  let conf;
  if (subPath === undefined) {
    conf = blocks.find((b) => /^\s*root \/var\/www\/civicmap;/m.test(b));
    if (!conf) throw new Error('deploy/nginx.conf: no server block with root /var/www/civicmap');
    conf = substitute(conf, /^(\s*)root \/var\/www\/civicmap;/m, `$1root ${root};`, 'root /var/www/civicmap');
  } else {
    if (!isSubPath(subPath)) throw new Error(`not a folder path like /carte/: ${subPath}`);
    conf = blocks.find((b) => b.includes('location ^~ /carte/ {'));
    if (!conf) throw new Error('deploy/nginx.conf: no server block with location ^~ /carte/');
    conf = substitute(conf, /^(\s*)root \/var\/www\/html;/m, `$1root ${outerRoot};`, 'root /var/www/html');
    conf = substitute(conf, /^(\s*)alias \/var\/www\/civicmap\/;/m, `$1alias ${root}/;`, 'alias /var/www/civicmap/');
    conf = substitute(conf, /location = \/carte \{/, `location = ${subPath.slice(0, -1)} {`, 'location = /carte');
    conf = substitute(conf, /return 301 \/carte\/;/, `return 301 ${subPath};`, 'return 301 /carte/');
    conf = substitute(conf, /location \^~ \/carte\/ \{/, `location ^~ ${subPath} {`, 'location ^~ /carte/');
  }
  conf = substitute(conf, /^\s*listen \[::\]:80;\n/m, '', 'listen [::]:80');
  conf = substitute(conf, /^(\s*)listen 80;/m, `$1listen ${host}:${port};`, 'listen 80');
  conf = substitute(conf, /include snippets\/civicmap-headers\.conf;/, `include ${headersFile};`,
    'include snippets/civicmap-headers.conf');
  conf = substitute(
    conf,
    /^(\s*)# Other locations of your site go here\.$/m,
    `$1# Test only: the e2e fixtures (datasets, host pages) under /e2e/, and
$1# no 404 for the favicon.ico browsers ask for on the host pages.
$1location ^~ /e2e/ {
$1    add_header Cache-Control "no-store";
$1    add_header X-Content-Type-Options "nosniff";
$1}
$1location = /favicon.ico {
$1    return 204;
$1}`,
    'the "Other locations" line',
  );
  return conf;
}

/** The main configuration around the site block. */
function mainConfig({ prefix, siteFile }) {
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `# Generated by tests/e2e/nginx.mjs for one test run.
${user}worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
load_module ${BROTLI_MODULE};
load_module ${BROTLI_STATIC_MODULE};
events { worker_connections 256; }
http {
    include ${MIME_TYPES};
    default_type application/octet-stream;
    access_log ${prefix}/access.log;
    sendfile on;
    client_body_temp_path ${prefix}/client_body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;
    include ${siteFile};
}
`;
}

function waitForPort(port, host, proc, timeoutMs = 10_000) {
  const start = Date.now();
  return new Promise((resolveWait, reject) => {
    const attempt = () => {
      if (proc.exitCode !== null) {
        reject(new Error(`nginx exited with ${proc.exitCode}`));
        return;
      }
      const sock = connect(port, host);
      sock.once('connect', () => {
        sock.destroy();
        resolveWait();
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() - start > timeoutMs) reject(new Error(`nginx did not listen on ${host}:${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * Starts nginx serving `root` (a prepared site directory whose
 * civicmap.config.json the headers are generated from) on `port` (default:
 * a free one), at the root or, with `subPath` ('/carte/'), in that folder of
 * a site holding only the e2e fixtures (under /e2e/). Resolves to
 * `{ url, port, close, headers, prefix }`; `url` ends with the sub-path.
 * `deployConf` (text) replaces deploy/nginx.conf and `headers` (text) the
 * generated include: a release archive's own files.
 */
export async function startNginx({ root, host = '127.0.0.1', port: wanted, subPath, deployConf, headers: given }) {
  for (const f of [NGINX, BROTLI_MODULE, BROTLI_STATIC_MODULE, MIME_TYPES]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run scripts/setup.sh (it installs nginx and its brotli module)`);
  }
  const site = resolve(root);
  const prefix = mkdtempSync(join(tmpdir(), 'civicmap-nginx-'));
  const headersFile = join(prefix, 'civicmap-headers.conf');
  const headers = given ?? generateHeaders(join(site, 'civicmap.config.json'));
  writeFileSync(headersFile, headers);
  const port = wanted ?? (await freePort(host));
  let outerRoot;
  if (subPath !== undefined) {
    outerRoot = join(prefix, 'www');
    mkdirSync(outerRoot);
    if (existsSync(join(site, 'e2e'))) cpSync(join(site, 'e2e'), join(outerRoot, 'e2e'), { recursive: true });
  }
  const siteFile = join(prefix, 'site.conf');
  writeFileSync(siteFile, siteConfig({ deployConf, host, port, root: site, headersFile, subPath, outerRoot }));
  const confFile = join(prefix, 'nginx.conf');
  writeFileSync(confFile, mainConfig({ prefix, siteFile }));
  execFileSync(NGINX, ['-t', '-q', '-p', prefix, '-e', join(prefix, 'error.log'), '-c', confFile], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const proc = spawn(NGINX, ['-p', prefix, '-e', join(prefix, 'error.log'), '-c', confFile, '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((r) => proc.once('exit', r));
  const stop = () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
  };
  process.once('exit', stop);
  try {
    await waitForPort(port, host, proc);
  } catch (e) {
    stop();
    const log = existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : '';
    throw new Error(`${e.message}\n${log}`);
  }
  return {
    url: `http://${host}:${port}${subPath ?? '/'}`,
    port,
    prefix,
    headers,
    close: async () => {
      stop();
      await exited;
      process.removeListener('exit', stop);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const distIndex = args.indexOf('--dist');
  const dist = distIndex >= 0 ? args[distIndex + 1] : 'dist';
  const subIndex = args.indexOf('--sub-path');
  const subPath = subIndex >= 0 ? args[subIndex + 1] : undefined;
  let server;
  const shutdown = async () => {
    await server?.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  const root = prepareSite({ dist });
  server = await startNginx({ root, subPath });
  console.log(`listening on ${server.url} (nginx, serving ${root})`);
}
