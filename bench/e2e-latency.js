/**
 * End-to-end latency: a keystroke in one Chromium page to its appearance in another page's
 * <samrad-actions>, through our server (and, for comparison, through the reference
 * backend). One keystroke at a time, each waiting for the previous one to show.
 *
 *   pnpm --filter @samrad/bench run e2e-latency [--keys 100] [--servers samrad,y-websocket]
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildPage, launch, serveStatic } from './big-meetings.js';
import { options } from './lib/options.js';
import { sleep } from './lib/proc.js';
import { fmtRatio, machineLine, percentile, printTable, printTargets, ratio } from './lib/report.js';
import { SEEDER, seededCase } from './lib/seed.js';
import { BENCH_DIR, endpoint, rawUrl, SERVERS, startServer } from './lib/servers.js';
import { signToken } from './lib/token.js';
import { rawClose, rawConnect, roundTrip, updateMessage } from './lib/wire.js';

const opt = options({ keys: 100, servers: ['samrad', 'y-websocket'] });
const CASE = 'e2e-1';
const { state, actionIds } = seededCase();
const actionId = actionIds[3]; // an open action of the current meeting

async function measure(kind, site, browser) {
  const server = await startServer(kind);
  try {
    const ep = endpoint(server);
    // The reference backend names documents by their whole path; connectCase adds /sync.
    const seedUrl = kind === 'samrad' ? rawUrl(ep, `case/${CASE}`, SEEDER) : `ws://127.0.0.1:${ep.port}/sync/case/${CASE}`;
    const seeder = await rawConnect(seedUrl);
    seeder.ws.send(updateMessage(state));
    await roundTrip(seeder);
    await rawClose(seeder);

    const open = async (side) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const params = new URLSearchParams({ side, server: `ws://127.0.0.1:${ep.port}`, case: CASE, action: actionId, token: signToken({ sub: `bench-${side}`, caseId: CASE }) });
      await page.goto(`${site.url}?${params}`);
      await page.waitForFunction(() => window.benchReady === true, undefined, { timeout: 30_000 }).catch((e) => { throw new Error(`${side}: ${errors.join('; ') || e.message}`); });
      return { context, page, errors };
    };
    const reader = await open('reader');
    const writer = await open('writer');
    await writer.page.locator('#title').click();
    await writer.page.keyboard.press('End');
    const base = await writer.page.locator('#title').inputValue();
    let lost = 0;
    for (let k = 1; k <= opt.keys; k++) {
      await writer.page.keyboard.press(String.fromCharCode(97 + (k % 26)));
      const shown = await reader.page.waitForFunction((n) => window.seen.some((s) => s.length === n), base.length + k, { timeout: 5000, polling: 'raf' }).then(() => true, () => false);
      if (!shown) lost += 1;
      await sleep(50 + Math.random() * 100);
    }
    const keys = await writer.page.evaluate(() => window.keys);
    const seen = await reader.page.evaluate(() => window.seen);
    if (process.env.BENCH_DEBUG) {
      const wu = await writer.page.evaluate(() => window.docUpdates);
      const ru = await reader.page.evaluate(() => window.docUpdates);
      console.error(JSON.stringify({ keys: keys.slice(-5).map((k) => k % 1e6), wu: wu.slice(-5).map((k) => k % 1e6), ru: ru.slice(-5).map((k) => k % 1e6), seen: seen.slice(-5).map((s) => s.at % 1e6) }));
    }
    const latencies = [];
    keys.forEach((at, i) => {
      const s = seen.find((x) => x.length === base.length + i + 1);
      if (s) latencies.push(s.at - at);
    });
    latencies.sort((a, b) => a - b);
    for (const side of [reader, writer]) {
      if (side.errors.length) throw new Error(`page errors: ${side.errors.join('; ')}`);
      await side.context.close();
    }
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1), n: latencies.length, lost };
  } finally {
    await server.stop();
  }
}

console.log(`End-to-end latency: keystroke in one Chromium page → shown by <samrad-actions> in another, ${opt.keys} keystrokes one at a time; ${machineLine()}`);
const out = await buildPage(join(BENCH_DIR, 'e2e-latency'));
const site = await serveStatic(out);
const browser = await launch();
const figures = {};
try {
  for (const kind of opt.servers) {
    process.stderr.write(`e2e-latency: ${kind}…\n`);
    figures[kind] = await measure(kind, site, browser);
  }
} finally {
  await browser.close();
  await site.close();
  rmSync(out, { recursive: true, force: true });
}
printTable('End-to-end latency (ms)', ['server', 'p50', 'p99', 'max', 'keystrokes shown', 'not shown in 5 s'],
  opt.servers.map((k) => [SERVERS[k].label, figures[k].p50, figures[k].p99, figures[k].max, figures[k].n, figures[k].lost]));
if (figures.samrad && figures['y-websocket']) {
  console.log(`\nours ÷ y-websocket-server: p50 ${fmtRatio(ratio(figures.samrad.p50, figures['y-websocket'].p50))}, p99 ${fmtRatio(ratio(figures.samrad.p99, figures['y-websocket'].p99))}`);
  printTargets([{ name: 'end-to-end p99 ÷ y-websocket-server', value: ratio(figures.samrad.p99, figures['y-websocket'].p99), target: '≤ 1.00×', ok: (v) => v <= 1 }]);
}
