// Frame times of MapCanvas on the 2,085-actor / 5,409-link sigma.js demo
// graph (examples/canvas_bench.rs), in headless Chromium: panning at the
// fitting zoom, a hover sweep (neighbourhood emphasis), panning zoomed in.
// "draw" is the time the canvas spends issuing one frame (data-frame-ms);
// "interval" is the time between animation frames (includes rasterization).
// Run through scripts/canvas-bench.sh.
import { chromium } from 'playwright-core';
const url = process.argv[2] || 'http://127.0.0.1:8097/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync','--disable-dev-shm-usage'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('pageerror', e => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForSelector('body[data-ready]', { timeout: 60000 });
const ready = await page.evaluate(() => performance.getEntriesByName('civicmap:ready')[0]?.startTime);
const res = await page.evaluate(async () => {
  const c = document.querySelector('canvas[data-testid=map-canvas]');
  const r = c.getBoundingClientRect();
  const ev = (type, x, y, buttons) => c.dispatchEvent(new PointerEvent(type, {bubbles: true, pointerId: 3, pointerType: 'mouse', isPrimary: true, button: 0, buttons, clientX: r.left + x, clientY: r.top + y}));
  const raf = () => new Promise(res => requestAnimationFrame(res));
  const stats = (a) => { const s = [...a].sort((x, y) => x - y); return { n: s.length, median: s[s.length >> 1], p95: s[Math.floor(s.length * 0.95)], max: s[s.length - 1] }; };
  const out = {};
  // pan at the fitting zoom
  ev('pointerdown', 600, 400, 1);
  let d = [], iv = [], last = performance.now();
  for (let i = 0; i < 120; i++) { ev('pointermove', 600 + (i % 60) * 5, 400 + (i % 60) * 2, 1); await raf(); const now = performance.now(); iv.push(now - last); last = now; d.push(+c.dataset.frameMs); }
  ev('pointerup', 900, 520, 0);
  out.pan_fit = { draw: stats(d), interval: stats(iv) };
  // hover sweep (dims all but a neighbourhood)
  d = [];
  for (let i = 0; i < 120; i++) { ev('pointermove', 300 + i * 6, 200 + i * 3, 0); await raf(); d.push(+c.dataset.frameMs); }
  out.hover = { draw: stats(d) };
  // zoom in x4 around the centre, then pan
  for (let i = 0; i < 8; i++) { c.dispatchEvent(new WheelEvent('wheel', {bubbles: true, cancelable: true, deltaY: -100, clientX: r.left + 640, clientY: r.top + 400})); await raf(); }
  ev('pointerdown', 600, 400, 1);
  d = [];
  for (let i = 0; i < 120; i++) { ev('pointermove', 600 + (i % 60) * 5, 400 + (i % 60) * 2, 1); await raf(); d.push(+c.dataset.frameMs); }
  ev('pointerup', 900, 520, 0);
  out.pan_zoomed = { draw: stats(d) };
  out.max_since_ready = +c.dataset.maxFrameMs;
  return out;
});
console.log('ready ms', ready);
console.log(JSON.stringify(res, null, 1));
await browser.close();
