// node scripts/bench/probes/busyab.mjs SITE1 SITE2 QUERY rounds : main-thread busy time (trace RunTask) from navigation to ready, and ready, alternating cold loads (desktop)
import { chromium } from 'playwright-core';
import { startNginx } from '../../../tests/e2e/nginx.mjs';
const sites = process.argv.slice(2, 4); const q = process.argv[4]; const rounds = Number(process.argv[5] ?? 6);
const servers = []; for (const root of sites) servers.push(await startNginx({ root }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });
const out = sites.map(() => ({ busy: [], ready: [], wasm: [] }));
for (let r = 0; r < rounds; r++) for (let i = 0; i < 2; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } }); const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  const events = []; cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing,v8.wasm,toplevel,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await page.goto(`${servers[i].url}${q}`);
  await page.waitForFunction(() => performance.getEntriesByName('civicmap:ready', 'mark').length >= 1, null, { timeout: 60000, polling: 20 });
  const ready = await page.evaluate(() => performance.getEntriesByName('civicmap:ready', 'mark')[0].startTime);
  await cdp.send('Tracing.end'); await done;
  const mark = events.find((e) => e.name === 'civicmap:ready');
  const threads = new Map(); for (const e of events) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  let best = null, bestT = -1;
  for (const [k, n] of threads) if (n === 'CrRendererMain') { const t = events.filter((e) => `${e.pid}:${e.tid}` === k && e.name === 'RunTask').reduce((a, e) => a + (e.dur ?? 0), 0); if (t > bestT) { bestT = t; best = k; } }
  const mine = events.filter((e) => `${e.pid}:${e.tid}` === best && e.ph === 'X');
  const busy = mine.filter((e) => e.name === 'RunTask' && e.ts < mark.ts).reduce((a, e) => a + Math.min(e.dur ?? 0, mark.ts - e.ts), 0);
  const wasm = mine.filter((e) => e.name === 'FunctionCall' && e.ts < mark.ts).reduce((a, e) => a + Math.min(e.dur ?? 0, mark.ts - e.ts), 0);
  out[i].busy.push(Math.round(busy / 1000)); out[i].ready.push(Math.round(ready)); out[i].wasm.push(Math.round(wasm / 1000));
  await ctx.close();
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
sites.forEach((s, i) => console.log(`${s}: busy ${out[i].busy.join(' ')} median ${med(out[i].busy)} | script ${out[i].wasm.join(' ')} median ${med(out[i].wasm)} | ready median ${med(out[i].ready)}`));
await browser.close(); process.exit(0);
