/**
 * What every end-to-end test needs: the built demo (built here when its sources are newer),
 * a real server on a free port with a fresh SQLite file, and Debian's Chromium driven by
 * playwright-core.
 */
import { spawnSync } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../apps/demo/serve.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function newest(paths: string[]): number {
  let latest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const info = statSync(p);
    if (info.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && name !== 'dist') walk(join(p, name));
    } else latest = Math.max(latest, info.mtimeMs);
  };
  for (const p of paths) walk(join(ROOT, p));
  return latest;
}
const builtAt = (file: string) => (existsSync(join(ROOT, file)) ? statSync(join(ROOT, file)).mtimeMs : 0);

/** Builds samrad.js and the demo when a source is newer than the build (what `npm start` does too). */
export function ensureBuilt(): void {
  const lib = ['packages/widgets/src', 'packages/model/src', 'packages/client/src', 'packages/widgets/vite.config.ts', 'vite.config.ts'];
  const run = (args: string[]) => {
    const r = spawnSync('pnpm', args, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pnpm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  };
  if (newest(lib) > builtAt('packages/widgets/dist/samrad.js')) run(['--filter', '@samrad/widgets', 'run', 'build:lib']);
  if (newest([...lib, 'apps/demo/src', 'apps/demo/index.html', 'apps/demo/vite.config.ts', 'examples', 'packages/widgets/dist/samrad.js']) > builtAt('apps/demo/dist/index.html')) {
    run(['--filter', '@samrad/demo', 'run', 'build']);
  }
}

export interface TestDemo extends RunningDemo {
  dir: string;
  dbFile: string;
  stop(): Promise<void>;
}

/** A real server with the built demo, on a free port, over a fresh SQLite file. */
export async function startTestDemo(options: { dir?: string; port?: number; secret?: string } = {}): Promise<TestDemo> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'samrad-e2e-'));
  const dbFile = join(dir, 'samrad.db');
  const demo = await startDemo({ port: options.port ?? 0, db: `sqlite:${dbFile}`, logLevel: 'error', ...(options.secret ? { secret: options.secret } : {}) });
  return {
    ...demo,
    dir,
    dbFile,
    stop: async () => {
      await demo.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CHROME_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS, headless: true });
}

/** Collects page errors and console errors, so a test can assert the page ran clean. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return errors;
}

/**
 * Opens the demo in a new context and signs in as one of the example people (by token
 * subject); `options` sets the screen (viewport, touch, pixel ratio) among others.
 */
export async function signIn(browser: Browser, demo: RunningDemo | { url: string }, sub: string, lang = 'nb', options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'nb-NO', timezoneId: 'Europe/Oslo', ...options });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${demo.url}?lang=${lang}`);
  await page.locator('#sign-in-person').selectOption(sub);
  await page.locator('#sign-in-form button[type=submit]').click();
  await waitLive(page);
  return { context, page, errors };
}

/** Waits until <samrad-meeting> reports a live, synced connection. */
export async function waitLive(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(() => {
    const m = document.querySelector('samrad-meeting') as (HTMLElement & { connection?: { state: string; unsynced: number } }) | null;
    return m?.connection?.state === 'live' && m.connection.unsynced === 0;
  }, undefined, { timeout });
}

/**
 * A TCP proxy in front of the server: one browser reaches the server through it, and
 * `cut()` is a real network outage for that browser only (open sockets dropped, new ones
 * refused) — Chromium's offline emulation alone leaves established websockets open.
 */
export interface NetworkSwitch { url: string; cut(): void; restore(): void; close(): Promise<void> }

export async function proxyTo(port: number): Promise<NetworkSwitch> {
  const open = new Set<Socket>();
  let up = true;
  const server: Server = createServer((client) => {
    if (!up) return void client.destroy();
    const upstream = createConnection(port, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    const drop = () => { client.destroy(); upstream.destroy(); open.delete(client); open.delete(upstream); };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const proxyPort = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${proxyPort}/`,
    cut: () => { up = false; for (const s of open) s.destroy(); open.clear(); },
    restore: () => { up = true; },
    close: () => new Promise<void>((r) => { for (const s of open) s.destroy(); server.close(() => r()); }),
  };
}
