// node scripts/bench/probes/frames.mjs SITE QUERY runs : rAF gaps from civicmap:layout to ready (desktop)
import { chromium } from 'playwright-core';
import { startNginx } from '../../../tests/e2e/nginx.mjs';
const server = await startNginx({ root: process.argv[2] });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });
for (let r = 0; r < Number(process.argv[4] ?? 2); r += 1) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.addInitScript(() => { window.__gaps = []; let last = performance.now();
    const tick = (t) => { window.__gaps.push([t, t - last]); last = t; requestAnimationFrame(tick); }; requestAnimationFrame(tick); });
  await page.goto(`${server.url}${process.argv[3]}`);
  await page.waitForFunction(() => performance.getEntriesByName('civicmap:ready', 'mark').length >= 1, null, { timeout: 60000 });
  await page.waitForTimeout(300);
  const o = await page.evaluate(() => {
    const mark = (n) => performance.getEntriesByName(n, 'mark')[0]?.startTime;
    const ready = mark('civicmap:ready'); const start = mark('civicmap:layout');
    const g = window.__gaps.filter(([t, g]) => t - g >= start && t - g < ready);
    return { ready: Math.round(ready), start: Math.round(start), n: g.length, slow: g.filter(([, d]) => d > 40).map(([t, d]) => `${Math.round(t - d)}+${Math.round(d)}`) };
  });
  const s = o.n; console.log(`ready ${o.ready} layout from ${o.start}: ${s} gaps, slow: ${o.slow.join(' ')} (5% = ${(s * 0.05).toFixed(1)})`);
  await ctx.close();
}
await browser.close(); process.exit(0);
