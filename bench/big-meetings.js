/**
 * Big meetings in Chromium: <samrad-actions> with 1,000 actions and <samrad-agenda> with
 * 100 items — first render, a filter, and a remote edit — against a bare Lit list of the
 * same data (big-meetings/floor-list.js). The page is built with Vite from the widgets'
 * sources (one copy of yjs and lit, production builds) and served on 127.0.0.1; Debian's
 * Chromium runs it through playwright-core. Times are medians over --repeats rounds.
 *
 *   pnpm --filter @samrad/bench run big-meetings [--actions 1000] [--agenda 100] [--repeats 5]
 */
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { options } from './lib/options.js';
import { fmtRatio, machineLine, median, printTable, printTargets, ratio } from './lib/report.js';
import { BENCH_DIR } from './lib/servers.js';

const opt = options({ actions: 1000, agenda: 100, repeats: 5 });
export const CHROME_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Builds a page with Vite into a temporary folder. */
export async function buildPage(dir) {
  const out = mkdtempSync(join(tmpdir(), 'bench-page-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: dir,
    resolve: { dedupe: ['yjs', 'lit', '@lit/context', 'y-protocols', 'lib0'], conditions: ['module', 'browser', 'production'] },
    esbuild: { target: 'es2022' },
    build: { target: 'es2022', outDir: out, emptyOutDir: true, minify: true, reportCompressedSize: false, chunkSizeWarningLimit: 4096 },
  });
  return out;
}

/** Serves a folder on 127.0.0.1; `proxy(req, res)` may answer first. */
export function serveStatic(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };
  const server = createServer((req, res) => {
    const path = join(dir, new URL(req.url, 'http://x').pathname.replace(/\/$/, '/index.html'));
    if (!path.startsWith(dir) || !existsSync(path)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) })));
}

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS, headless: true });
}

async function main() {
  console.log(`Big meetings in Chromium: ${opt.actions} actions, ${opt.agenda} agenda items, median of ${opt.repeats} rounds after a warm-up round (3 remote edits and 2 filter changes per round); ${machineLine()}`);
  const out = await buildPage(join(BENCH_DIR, 'big-meetings'));
  const site = await serveStatic(out);
  const browser = await launch();
  const results = {};
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(site.url);
    await page.waitForFunction(() => window.benchReady === true);
    for (const [kind, size] of [['actions', opt.actions], ['agenda', opt.agenda]]) {
      for (const impl of ['floor', 'ours']) {
        process.stderr.write(`big-meetings: ${kind} × ${size}, ${impl}…\n`);
        results[`${kind}:${impl}`] = await page.evaluate((args) => window.bench.measure(args), { kind, impl, size, repeats: opt.repeats });
      }
    }
    results.probe = await page.evaluate((size) => window.bench.probe({ size }), opt.actions);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    await site.close();
    rmSync(out, { recursive: true, force: true });
  }

  const rows = [];
  const targets = [];
  for (const [kind, size] of [['actions', opt.actions], ['agenda', opt.agenda]]) {
    const ours = results[`${kind}:ours`];
    const floor = results[`${kind}:floor`];
    for (const op of ['render', 'filter', 'remote']) {
      if (ours[op].length === 0) continue;
      const o = median(ours[op]);
      const f = median(floor[op]);
      const label = { render: 'first render', filter: 'filter (service)', remote: 'remote edit applied' }[op];
      rows.push([`<samrad-${kind}> × ${size}: ${label}`, o, f, fmtRatio(ratio(o, f)), `${ours.rows} / ${floor.rows}`]);
      targets.push({ name: `<samrad-${kind}> ${label} ÷ floor`, value: ratio(o, f), target: '≤ 2.00×', ok: (v) => v <= 2 });
    }
  }
  printTable('Big meetings (ms, median)', ['operation', 'ours ms', 'floor ms', 'ours ÷ floor', 'rows shown (ours / floor)'], rows);
  console.log(`\nOf a remote edit in ours, re-reading the validated case (MeetingModel.snapshot() with ${opt.actions} actions) takes ${median(results.probe.snapshot.slice(2)).toFixed(1)} ms (median, warm).`);
  printTargets(targets);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').at(-1))) await main();
