'use strict';
// Render time of one page in headless Chromium, for scripts/bench-attendance.sh: loads URL
// RUNS times with the cookies of a curl cookie jar (JAR) and prints the median and 90th
// percentile of the navigation's DOMContentLoaded and load event, in ms, as "dcl p90 load p90".
// A benchmark, not a test.

const fs = require('node:fs');
const { launchBrowser } = require('../lib/browser');

async function main() {
  const url = process.env.URL;
  const runs = Number(process.env.RUNS || 15);
  const cookies = fs
    .readFileSync(process.env.JAR, 'utf8')
    .split('\n')
    .map((l) => l.replace(/^#HttpOnly_/, ''))
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'))
    .filter((f) => f.length >= 7)
    .map((f) => ({ name: f[5], value: f[6], url: new URL(url).origin }));
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(cookies);
    const page = await context.newPage();
    const dcl = [];
    const load = [];
    for (let i = 0; i < runs + 2; i++) {
      await page.goto(url, { waitUntil: 'load' });
      const t = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0];
        return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };
      });
      if (i >= 2) {
        dcl.push(t.dcl);
        load.push(t.load);
      }
    }
    const q = (a, p) => a.sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))].toFixed(1);
    console.log(`${q(dcl, 0.5)} ${q(dcl, 0.9)} ${q(load, 0.5)} ${q(load, 0.9)}`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
