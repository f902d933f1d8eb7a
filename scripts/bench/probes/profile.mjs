// node scripts/bench/probes/profile.mjs SITE QUERY NAMES.json [RUNS] : mean inclusive/self CPU per function, navigation to ready, over RUNS cold loads
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startNginx } from '../../../tests/e2e/nginx.mjs';
const names = JSON.parse(readFileSync(process.argv[4], 'utf8')).names;
const runs = Number(process.argv[5] ?? 5);
const server = await startNginx({ root: process.argv[2] });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });
const kids = new Map(); const self = new Map(); const incl = new Map(); let total = 0; const readys = [];
for (let r = 0; r < runs; r++) {
const ctx = await browser.newContext({ viewport: process.env.PHONE ? { width: 390, height: 844 } : { width: 1280, height: 800 } });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.goto(`${server.url}${process.argv[3]}`);
await page.waitForFunction(() => performance.getEntriesByName('civicmap:ready', 'mark').length >= 1, null, { timeout: 60000 });
const { profile } = await cdp.send('Profiler.stop');
readys.push(await page.evaluate(() => Math.round(performance.getEntriesByName('civicmap:ready', 'mark')[0].startTime)));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const nameOf = (n) => { const cf = n.callFrame; const m = /wasm-function\[(\d+)\]/.exec(cf.functionName) ?? /^\$?(\d+)$/.exec(cf.functionName); if (m && names[m[1]]) return names[m[1]]; return `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}`; };
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i + 1] ?? 0; total += us;
  const n = byId.get(id); self.set(nameOf(n), (self.get(nameOf(n)) ?? 0) + us);
  const seen = new Set(); let cur = id;
  const stack = []; while (cur !== undefined) { const k = nameOf(byId.get(cur)); stack.push(k); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + us); } cur = parent.get(cur); }
  if (process.env.KIDS) { const re = new RegExp(process.env.KIDS); const i = stack.findLastIndex((k) => re.test(k)); if (i >= 0) { const c = i > 0 ? stack[i - 1] : '(self)'; kids.set(c, (kids.get(c) ?? 0) + us); } }
});
await ctx.close();
}
console.log(`ready ${readys.join(' ')}; mean total ${Math.round(total / 1000 / runs)} ms`);
const show = (m, k) => { for (const [n, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, k)) console.log(`${String(Math.round(v / 1000 / runs)).padStart(6)} ms  ${n.slice(0, 150)}`); };
const filt = process.env.GREP ? new RegExp(process.env.GREP) : null;
if (process.env.KIDS) { console.log('--- callees of', process.env.KIDS); show(kids, 40); await browser.close(); process.exit(0); }
console.log('--- self'); show(self, Number(process.env.SELF ?? 25));
console.log('--- inclusive'); show(filt ? new Map([...incl].filter(([k]) => filt.test(k))) : incl, Number(process.env.INCL ?? 70));
await browser.close(); process.exit(0);
