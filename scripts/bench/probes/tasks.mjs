// node scripts/bench/probes/tasks.mjs SITE QUERY : the renderer main thread's tasks (>= 3 ms) and idle gaps from navigation to ready (desktop)
import { chromium } from 'playwright-core';
import { startNginx } from '../../../tests/e2e/nginx.mjs';
const server = await startNginx({ root: process.argv[2] });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });
const ctx = await browser.newContext({ viewport: process.env.PHONE ? { width: 390, height: 844 } : { width: 1280, height: 800 } });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
if (process.env.PHONE) { await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 9e6 / 8, uploadThroughput: 1.5e6 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 }); }
if (process.env.WARM) await page.addInitScript(() => { document.addEventListener('DOMContentLoaded', () => { const d = document.createElement('div'); d.style.cssText = 'position:absolute;top:0;left:0;opacity:0;pointer-events:none;font-family:var(--font)'; d.setAttribute('aria-hidden', 'true');
  for (const [w, z] of [[400,16],[650,15],[700,30],[680,15],[600,14],[400,22],[560,14],[400,15],[600,22],[620,15],[400,13],[620,13],[650,13],[600,13],[600,12],[400,12]]) { const s = document.createElement('span'); s.textContent = 'aé×—−·’'; s.style.fontWeight = w; s.style.fontSize = z + 'px'; d.append(s); }
  const b = document.createElement('button'); b.textContent = '+'; d.append(b); document.body.append(d); }); });
if (process.env.CSS) await page.addInitScript((css) => { document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style'); s.textContent = css; document.head.append(s); }); }, process.env.CSS);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.wasm,blink.user_timing,loading,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
await page.goto(`${server.url}${process.argv[3]}`);
await page.waitForFunction(() => performance.getEntriesByName('civicmap:ready', 'mark').length >= 1, null, { timeout: 60000, polling: 20 });
await page.waitForTimeout(100);
await cdp.send('Tracing.end'); await done;
const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationStartToFirstContentfulPaint')?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('civicmap'));
const ready = marks.find((m) => m.name === 'civicmap:ready');
// the renderer main thread: the thread with the most RunTask time named CrRendererMain
const threads = new Map(); for (const e of events) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
const mainKey = [...threads].find(([, n]) => n === 'CrRendererMain' && events.some((e) => `${e.pid}:${e.tid}` === [...threads].find(([, m]) => m === 'CrRendererMain')[0]))?.[0];
const mains = [...threads].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);
let best = null, bestT = -1;
for (const k of mains) { const t = events.filter((e) => `${e.pid}:${e.tid}` === k && e.name === 'RunTask').reduce((a, e) => a + (e.dur ?? 0), 0); if (t > bestT) { bestT = t; best = k; } }
const mine = events.filter((e) => `${e.pid}:${e.tid}` === best);
const tasks = mine.filter((e) => e.name === 'RunTask' && e.ph === 'X').sort((a, b) => a.ts - b.ts);
const readyTs = ready?.ts ?? Infinity;
const ms = (us) => ((us - nav) / 1000).toFixed(0);
let last = nav; let busy = 0;
for (const t of tasks) {
  if (t.ts > readyTs + 20000) break;
  const inner = mine.filter((e) => e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e !== t && (e.dur ?? 0) >= 1000)
    .sort((a, b) => b.dur - a.dur).slice(0, 4).map((e) => `${e.name}${e.args?.data?.functionName ? '(' + e.args.data.functionName + ')' : ''} ${(e.dur / 1000).toFixed(0)}`);
  const gap = (t.ts - last) / 1000;
  busy += t.dur;
  if (t.dur >= 3000 || gap >= 10) console.log(`${ms(t.ts).padStart(5)} +${(t.dur / 1000).toFixed(0).padStart(3)} ms (gap before ${gap.toFixed(0)})  ${inner.join(' | ')}`);
  last = t.ts + t.dur;
}
for (const m of marks) console.log(`mark ${m.name} @ ${ms(m.ts)}`);
for (const e of mine.filter((e) => e.name === "Layout" && (e.dur ?? 0) > 15000)) console.log("LAYOUT", ms(e.ts), (e.dur/1000).toFixed(0), JSON.stringify(e.args).slice(0, 400));
const lazy = mine.filter((e) => e.name === 'wasm.CompileLazy' && e.ts < readyTs).reduce((a, e) => a + (e.dur ?? 0), 0);
console.log(`busy ${(busy / 1000).toFixed(0)} ms; wasm.CompileLazy before ready ${(lazy / 1000).toFixed(0)} ms`);
await browser.close(); process.exit(0);
