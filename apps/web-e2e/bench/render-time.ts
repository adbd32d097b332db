// The executive dashboard's render time in chromium on the demo store, and the dashboard's initial JavaScript.
// Not part of `npm test`: `npx nx run web-e2e:bench` (or `npm run bench`). Options: --runs N (default 9),
// --data-dir DIR (an existing demo store, e.g. ./data of `npm start` while it is stopped; default: a fresh
// temporary store seeded here, which takes about a minute).
//
// One load = a new browser context (cold browser cache) with a session cookie, navigation to
// /dashboards/executive, until every widget has its data and every chart has drawn (the same condition the browser
// tests wait for). The first load also fills the API's answer cache; the median is over the loads after it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { RIYADH_TIME_ZONE } from '@amanah/domain';
import { migrate, openStore } from '@amanah/store';
import { seedDemo } from '@amanah/seed';
// The bench drives the app under test: the real API serving the built dashboard, started as the API's tests do
// (an app's harness, so imported by path, like src/testing/dashboard-under-test.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startApi } from '../../api/src/analytics/testing.js';
import { assertDashboardBuilt, launchChromium, waitForDashboard, WEB_ROOT } from '../src/testing/browser.js';

const BUDGET_MS = 1500;
const BUDGET_GZIP_KB = 250;

// `npm run bench -- …` hands every bench the same flags (the dashboard bench's --scale, --sizes…): this one reads its own.
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '9' }, 'data-dir': { type: 'string' } }, strict: false });
const runs = Math.max(1, Number(args.runs));
const dataDirArg = typeof args['data-dir'] === 'string' ? args['data-dir'] : undefined;

assertDashboardBuilt();
const seededHere = !dataDirArg;
const dataDir = dataDirArg ?? fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-bench-web-'));
const store = await openStore({ kind: 'embedded', dataDir });
await migrate(store);
if (seededHere) {
  const started = performance.now();
  await seedDemo(store);
  console.log(`seeded the demo store in ${((performance.now() - started) / 1000).toFixed(1)} s (${dataDir})`);
}
const api = await startApi(store, { webRoot: WEB_ROOT });
const browser = await launchChromium();
try {
  const key = await api.key('viewer', 'all');
  const loads: Array<{ rendered: number; dataReady: number; domContentLoaded: number; scriptGzip: number }> = [];
  for (let i = 0; i <= runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ar-SA', timezoneId: RIYADH_TIME_ZONE });
    // The session cookie lands in the context's cookie jar, as after signing in.
    const signIn = await context.request.post(`${api.url}/api/session`, { data: { key } });
    if (!signIn.ok()) throw new Error(`sign-in answered ${signIn.status()}`);
    const page = await context.newPage();
    const scripts: Array<Promise<number>> = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.body().then((body) => gzipSync(body).length));
    });
    await page.goto(`${api.url}/dashboards/executive`);
    const rendered = await waitForDashboard(page, 'executive');
    const marks = await page.evaluate(() => ({
      dataReady: performance.getEntriesByName('dashboard-ready:executive')[0]?.startTime ?? NaN,
      domContentLoaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
    }));
    const scriptGzip = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    loads.push({ rendered, ...marks, scriptGzip });
    console.log(`${i === 0 ? 'cold' : `run ${i}`.padEnd(4)}  fully rendered ${rendered.toFixed(0).padStart(5)} ms   data ready ${marks.dataReady.toFixed(0).padStart(5)} ms   DOMContentLoaded ${marks.domContentLoaded.toFixed(0).padStart(4)} ms`);
    await context.close();
  }

  const warm = loads.slice(1);
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  };
  const [cold] = loads;
  if (!cold) throw new Error('no load was measured');
  const initialJs = initialScriptGzip();
  const renderedMedian = median(warm.map((l) => l.rendered));
  console.log('');
  console.log(`executive dashboard, fully rendered after navigation: median ${renderedMedian.toFixed(0)} ms over ${warm.length} loads ` +
    `(min ${Math.min(...warm.map((l) => l.rendered)).toFixed(0)}, max ${Math.max(...warm.map((l) => l.rendered)).toFixed(0)}; ` +
    `cold API cache ${cold.rendered.toFixed(0)} ms; budget ${BUDGET_MS} ms)`);
  console.log(`  data ready (mark dashboard-ready:executive): median ${median(warm.map((l) => l.dataReady)).toFixed(0)} ms`);
  console.log(`initial JavaScript: ${(initialJs / 1024).toFixed(1)} KB gzip (entry + modulepreloads of index.html; budget ${BUDGET_GZIP_KB} KB)`);
  console.log(`  JavaScript fetched until fully rendered (with the lazy charts chunk): ${(cold.scriptGzip / 1024).toFixed(1)} KB gzip`);
  if (renderedMedian > BUDGET_MS || initialJs > BUDGET_GZIP_KB * 1024) process.exitCode = 1;
} finally {
  await browser.close();
  await api.close();
  await store.close();
  if (seededHere) fs.rmSync(dataDir, { recursive: true, force: true });
}

/** What apps/web/scripts/bundle-size.mjs counts: the entry script and the chunks index.html preloads. */
function initialScriptGzip(): number {
  const html = fs.readFileSync(path.join(WEB_ROOT, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  return files.reduce((sum, file) => sum + gzipSync(fs.readFileSync(path.join(WEB_ROOT, file.replace(/^\//, '')))).length, 0);
}
