// node scripts/bench/probes/phoneab.mjs SITE1 SITE2 QUERY rounds : ready + marks, phone profile, alternating cold loads
import { chromium } from 'playwright-core';
import { startNginx } from '../../../tests/e2e/nginx.mjs';
const sites = process.argv.slice(2, 4); const q = process.argv[4]; const rounds = Number(process.argv[5] ?? 6);
const desktop = process.env.DESKTOP === '1';
const servers = []; for (const root of sites) servers.push(await startNginx({ root }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });
const res = sites.map(() => []); const gap = sites.map(() => []);
for (let r = 0; r < rounds; r += 1) for (let i = 0; i < sites.length; i += 1) {
  const ctx = await browser.newContext({ viewport: desktop ? { width: 1280, height: 800 } : { width: 390, height: 844 } }); const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  if (!desktop) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 9e6 / 8, uploadThroughput: 1.5e6 / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  if (process.env.WARM && i === 1) await page.addInitScript(() => { document.addEventListener('DOMContentLoaded', () => { const d = document.createElement('div'); d.style.cssText = 'position:absolute;top:0;left:0;visibility:hidden;pointer-events:none;font-family:var(--font)'; d.setAttribute('aria-hidden', 'true');
  for (const [w, z] of [[400,16],[650,15],[700,30],[680,15],[600,14],[400,22],[560,14],[400,15],[600,22],[620,15],[400,13],[620,13],[650,13],[600,13],[600,12],[400,12]]) { const s = document.createElement('span'); s.textContent = 'aé×—−·’'; s.style.fontWeight = w; s.style.fontSize = z + 'px'; d.append(s); }
  const b = document.createElement('button'); b.textContent = '+'; d.append(b); document.body.append(d); }); });
  await page.goto(`${servers[i].url}${q}`);
  await page.waitForFunction(() => performance.getEntriesByName('civicmap:ready', 'mark').length >= 1, null, { timeout: 60000, polling: 20 });
  const [ready, arr] = await page.evaluate(() => {
    const ready = performance.getEntriesByName('civicmap:ready', 'mark')[0].startTime;
    const d = performance.getEntriesByType('resource').find((e) => e.name.includes('/data/'));
    return [ready, d ? ready - d.responseEnd : -1];
  });
  res[i].push(Math.round(ready)); gap[i].push(Math.round(arr));
  if (process.env.MARKS) console.log(i, JSON.stringify(await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]))));
  await ctx.close();
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
sites.forEach((s, i) => console.log(`${s}: ready ${res[i].join(' ')} median ${med(res[i])} | arrival->ready ${gap[i].join(' ')} median ${med(gap[i])}`));
await browser.close(); process.exit(0);
