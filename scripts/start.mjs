#!/usr/bin/env node
// `npm start` → scripts/bootstrap.mjs → `pnpm run dev` → here. Builds the widgets'
// bundle and the demo page when their sources are newer than the build, starts the
// collaboration server on SQLite (./data/samrad.db) with the demo sign-in on, seeds the
// fictitious case once, prints the URL, and shuts down cleanly on Ctrl-C.
//
// Environment: PORT (default 8080), HOST (default 127.0.0.1), SAMRAD_DB (default
// sqlite:./data/samrad.db), SAMRAD_SECRET (default: a random secret per start; the demo
// page fetches a fresh token on every load, so nothing breaks), LOG_LEVEL (default warn).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const say = (msg) => console.log(`[samrad] ${msg}`);

/** Newest modification time under the given paths, skipping node_modules and builds. */
function newest(paths) {
  let latest = 0;
  const walk = (p) => {
    let info;
    try { info = statSync(p); } catch { return; }
    if (info.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && name !== 'dist') walk(join(p, name));
    } else if (info.mtimeMs > latest) latest = info.mtimeMs;
  };
  for (const p of paths) walk(join(root, p));
  return latest;
}

function builtAt(file) {
  try { return statSync(join(root, file)).mtimeMs; } catch { return 0; }
}

function build(label, args) {
  say(`building ${label}`);
  const r = spawnSync('pnpm', args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`[samrad] building ${label} failed`);
    process.exit(r.status ?? 1);
  }
}

const librarySources = ['packages/widgets/src', 'packages/model/src', 'packages/client/src', 'packages/widgets/vite.config.ts', 'vite.config.ts'];
if (newest(librarySources) > builtAt('packages/widgets/dist/samrad.js')) {
  build('the widgets (samrad.js and per-element modules)', ['--filter', '@samrad/widgets', 'run', 'build:lib']);
}
if (newest([...librarySources, 'apps/demo/src', 'apps/demo/index.html', 'apps/demo/vite.config.ts', 'examples', 'packages/widgets/dist/samrad.js']) > builtAt('apps/demo/dist/index.html')) {
  build('the demo page', ['--filter', '@samrad/demo', 'run', 'build']);
}

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[samrad] PORT must be a port number (got "${process.env.PORT}")`);
  process.exit(2);
}
const host = process.env.HOST ?? '127.0.0.1';
const db = process.env.SAMRAD_DB ?? 'sqlite:./data/samrad.db';
if (db.startsWith('sqlite:./data/')) mkdirSync(join(root, 'data'), { recursive: true });

const { startDemo } = await tsImport('../apps/demo/serve.ts', import.meta.url);
let demo;
try {
  demo = await startDemo({ port, host, db, logLevel: process.env.LOG_LEVEL ?? 'warn' });
} catch (error) {
  console.error(`[samrad] could not start: ${error.message}`);
  if (error.code === 'EADDRINUSE') console.error(`[samrad] port ${port} is taken; try PORT=${port + 1} npm start`);
  process.exit(1);
}

const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
const url = `http://${shownHost}:${demo.server.port}/`;
say(demo.seeded ? 'seeded the example case (first start)' : `using the stored case in ${db.replace(/^sqlite:/, '')}`);
say(`demo:                ${url}`);
say(`plain-HTML example:  ${url}examples/plain-html/`);
say(`custom view example: ${url}examples/custom-view/`);
say('notices (invitations, reminders, baton changes) appear below as [notice] lines, as the host receives them');
say('press Ctrl-C to stop');

let stopping = false;
async function stop(signal) {
  if (stopping) {
    say('stopping now');
    process.exit(130);
  }
  stopping = true;
  say(`${signal}: closing connections and storage…`);
  const force = setTimeout(() => {
    console.error('[samrad] shutdown took over 10 s; exiting');
    process.exit(1);
  }, 10_000);
  force.unref();
  try {
    await demo.close();
    say('stopped');
    process.exit(0);
  } catch (error) {
    console.error(`[samrad] shutdown failed: ${error.message}`);
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
