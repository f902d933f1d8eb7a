// civicmap's early start: the first script of index.html (a static file, as
// the Content-Security-Policy allows no inline script), run before the wasm
// is even downloaded. It
// 1. marks <html> with the page's mode, language and theme (`data-boot=
//    "embed"`, `data-boot-lang="en"`, `data-theme` from theme=, as the app
//    will), so that the static frame of index.html paints the header or the
//    embed chrome, in the right colours, before the app runs;
// 2. starts the downloads the app needs first: civicmap.config.json (also
//    preloaded by index.html), then the dataset: `data=` when it is on this
//    page's origin (another origin is left to the app, which checks it
//    against the config's data_origins first), else the config's
//    default_dataset. The wasm takes each download through
//    `civicmapEarly.take(url, signal)` only for the exact address it
//    resolved itself, and keeps every check on the Response (redirects,
//    status, type, size cap, timeouts: src/ui/loader.rs); its abort signal
//    aborts the early download. Anything this script gets wrong costs a
//    wasted download, never a different map;
// 3. adds the whole stylesheet (<meta name="civicmap-late-css">, written by
//    scripts/minify.mjs: the page's own stylesheet lacks the styles of what
//    a visitor reaches only by a later step) once the app marks
//    `civicmap:ready`, or at once when the address opens such a thing (a
//    view other than the map, an actor, a chain, a link of another version).
(() => {
  'use strict';
  if (window.civicmapEarly) return;
  const started = new Map();
  window.civicmapEarly = {
    /** The download started for `url` (absolute), once, tied to `signal`; else undefined. */
    take(url, signal) {
      const entry = started.get(url);
      if (!entry) return undefined;
      started.delete(url);
      if (signal) {
        if (signal.aborted) entry.controller.abort();
        else signal.addEventListener('abort', () => entry.controller.abort(), { once: true });
      }
      return entry.response;
    },
  };
  const query = new URLSearchParams(location.search);
  const root = document.documentElement;
  if (query.get('embed') === '1') root.dataset.boot = 'embed';
  if (query.get('lang') === 'en') root.dataset.bootLang = 'en';
  const theme = query.get('theme');
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;

  /** Starts fetching `href` (relative to the page); the Response promise, or null. */
  function start(href, sameOriginOnly) {
    let url;
    try {
      url = new URL(href, location.href);
    } catch {
      return null;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (sameOriginOnly && url.origin !== location.origin) return null;
    if (started.has(url.href)) return started.get(url.href).response;
    const controller = new AbortController();
    const response = fetch(url.href, { signal: controller.signal });
    // Unhandled here: the app sees the failure when it takes the download.
    response.catch(() => {});
    started.set(url.href, { response, controller });
    return response;
  }

  const late = document.querySelector('meta[name="civicmap-late-css"]');
  if (late) {
    let added = false;
    const addStyles = () => {
      if (added) return;
      added = true;
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = late.content;
      link.integrity = late.dataset.integrity;
      document.head.append(link);
    };
    const view = query.get('view');
    if ((view && view !== 'graph') || ['actor', 'path', 'v'].some((k) => query.has(k))) {
      addStyles();
    } else {
      new PerformanceObserver((list) => {
        if (list.getEntriesByName('civicmap:ready').length > 0) addStyles();
      }).observe({ type: 'mark', buffered: true });
      // A page that never gets ready (an error screen) gets them all the same.
      setTimeout(addStyles, 10000);
    }
  }

  const config = start('civicmap.config.json', true);
  const data = query.get('data');
  if (data) {
    start(data, true);
  } else if (data === null && config) {
    config
      .then((r) => (r.ok ? r.clone().text() : ''))
      .then((text) => {
        if (text.length > 65536) return;
        const wanted = JSON.parse(text).default_dataset;
        start(typeof wanted === 'string' && wanted ? wanted : 'data/civic-tech-fr.json', false);
      })
      .catch(() => {});
  }
})();
