// Servers that misbehave on purpose, for tests/e2e/remote.test.mjs: every way
// a `data=` download can go wrong, each on its own path under /bad/ of the
// app's own origin, plus a second origin (a "data host") for cross-origin
// loads. Used through `startServer({ routes })` of serve.mjs.
//
// | path | what the server does |
// |---|---|
// | /bad/silent.json | accepts the connection, never answers |
// | /bad/slow.json | sends the headers and the first bytes, then nothing |
// | /bad/truncated.json | announces 5,000 bytes, sends 1,000, closes the connection |
// | /bad/huge.json | streams JSON without a Content-Length, far past any cap |
// | /bad/announced.json | announces (and would send) 2 MB |
// | /bad/html.json | a web page, `text/html` |
// | /bad/sniffed.json | a web page without any Content-Type |
// | /bad/image.json | a PNG image, `image/png` |
// | /bad/text.json | CSV text as `text/plain` |
// | /bad/500.json | HTTP 500 |
// | /bad/flaky.json?k=… | HTTP 503 the first time for each `k`, then a valid dataset |
// | /bad/redirect.json | 302 to a data host origin that is not allowed |
// | /bad/redirect-ok.json | 302 to /e2e/tiny.json on the same origin |
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './serve.mjs';

/** The valid 3-actor dataset the routes serve when they behave. */
export const TINY = readFileSync(join(FIXTURES, 'tiny.json'));

/** 1,000 bytes that start like a dataset (and never finish). */
const START = Buffer.from(`{"format": "civicmap/1", "actors": [${' '.repeat(1000)}`).subarray(0, 1000);

/** Streams `total` bytes of an endless actor list, respecting back-pressure. */
function stream(res, total) {
  const chunk = Buffer.from(`{"id": "x", "name": "X", "type": "t"},`.repeat(1700));
  let sent = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const pump = () => {
    while (!closed && sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end('{}]}');
  };
  res.write('{"format": "civicmap/1", "actors": [');
  pump();
}

/**
 * The routes of the app's own origin. `blockedOrigin` is an origin the test
 * config does not list in `data_origins` (the redirect target).
 */
export function misbehavingRoutes({ blockedOrigin }) {
  const flaky = new Set();
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
    switch (url.pathname) {
      case '/bad/silent.json':
        // Keep the socket open and say nothing.
        return true;
      case '/bad/slow.json':
        res.writeHead(200, json);
        res.write(START.subarray(0, 37));
        return true;
      case '/bad/truncated.json':
        res.writeHead(200, { ...json, 'content-length': 5000 });
        res.write(START, () => setTimeout(() => res.socket?.destroy(), 100));
        return true;
      case '/bad/huge.json':
        res.writeHead(200, json);
        stream(res, 50_000_000);
        return true;
      case '/bad/announced.json':
        res.writeHead(200, { ...json, 'content-length': 2_000_000 });
        res.write(START, () => res.socket?.destroy());
        return true;
      case '/bad/html.json':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html lang="fr"><title>Accueil</title><h1>Bienvenue</h1></html>');
        return true;
      case '/bad/sniffed.json':
        // No Content-Type at all.
        res.writeHead(200, {});
        res.end('\n  <!DOCTYPE html>\n<html><body>Page introuvable</body></html>');
        return true;
      case '/bad/image.json':
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
        return true;
      case '/bad/text.json':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('id,name,type\nalpha,Alpha,association\n');
        return true;
      case '/bad/500.json':
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error');
        return true;
      case '/bad/flaky.json': {
        const key = url.searchParams.get('k') ?? '';
        if (!flaky.has(key)) {
          flaky.add(key);
          res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' });
          res.end('try later');
        } else {
          res.writeHead(200, json);
          res.end(TINY);
        }
        return true;
      }
      case '/bad/redirect.json':
        res.writeHead(302, { location: `${blockedOrigin}/ok.json` });
        res.end();
        return true;
      case '/bad/redirect-ok.json':
        res.writeHead(302, { location: '/e2e/tiny.json' });
        res.end();
        return true;
      default:
        return false;
    }
  };
}

/**
 * The routes of a second origin holding data: /ok.json with CORS (any
 * origin may read it), /nocors.json without.
 */
export function dataHostRoutes() {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/ok.json') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
      });
      res.end(TINY);
      return true;
    }
    if (path === '/nocors.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(TINY);
      return true;
    }
    res.writeHead(404, { 'access-control-allow-origin': '*' });
    res.end();
    return true;
  };
}
