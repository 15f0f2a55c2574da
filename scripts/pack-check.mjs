#!/usr/bin/env node
// Proves the published packages work outside this workspace, as docs/embedding.md's
// "Install from npm" says: packs @samrad/model, client, widgets and server with `pnpm pack`
// (each package's prepack builds it), installs the tarballs with plain npm into a fresh
// project in the system's temp directory, then
//   1. type-checks a strict TypeScript file that imports all three browser packages
//      (only .d.ts files may come from @samrad/*: the exports point at built files);
//   2. renders <samrad-agenda> in Chromium from the installed samrad.js;
//   3. runs `npx samrad-server --help` and starts the installed server on an in-memory
//      SQLite store with plain Node, asks /healthz, and stops it.
// Keeps the temp project when it fails (its path is printed), removes it otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = [['@samrad/model', 'packages/model'], ['@samrad/client', 'packages/client'], ['@samrad/widgets', 'packages/widgets'], ['@samrad/server', 'server']];
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const t0 = Date.now();
const say = (msg) => console.log(`[pack-check ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${msg}`);


async function main() {
  // 1. Pack, two at a time (each prepack is a tsc run; the widgets' also a vite build).
  say(`packing ${PACKAGES.length} packages into ${packs}`);
  const queue = [...PACKAGES];
  await Promise.all([0, 1].map(async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, dir] = next;
      const r = await run('pnpm', ['pack', '--pack-destination', packs], { cwd: join(root, dir), quiet: true });
      say(`packed ${name}${r.code === 0 ? '' : ' FAILED'}`);
      if (r.code !== 0) throw new Error(`pnpm pack ${name} failed:\n${r.output.slice(-3000)}`);
    }
  }));
  const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz')).map((f) => join(packs, f));
  if (tarballs.length !== PACKAGES.length) throw new Error(`expected ${PACKAGES.length} tarballs, got ${tarballs.join(', ')}`);
  for (const t of tarballs) {
    const list = sh('tar', ['tzf', t]).split('\n');
    const shipped = list.filter((f) => /\.test\.|test-helpers|story-support|\.stories\./.test(f));
    if (shipped.length) throw new Error(`${t} ships tests: ${shipped.join(', ')}`);
    for (const must of ['package/LICENSE', 'package/README.md', 'package/package.json']) if (!list.includes(must)) throw new Error(`${t} lacks ${must}`);
    const manifest = JSON.parse(sh('tar', ['xzf', t, '-O', 'package/package.json']));
    if (JSON.stringify(manifest).includes('workspace:')) throw new Error(`${t}: package.json still has workspace: ranges`);
    if (manifest.name === '@samrad/widgets' && !list.includes('package/custom-elements.json')) throw new Error('the widgets tarball lacks custom-elements.json');
  }

  // 2. A fresh project outside the workspace; plain npm installs the tarballs (and their dependencies from the registry).
  writeFileSync(join(work, 'package.json'), '{}\n'); // keeps npm from looking further up for a project
  sh('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'samrad-consumer', private: true, type: 'module' }, null, 2)}\n`);
  say(`npm install ${tarballs.map((t) => t.slice(packs.length + 1)).join(' ')}`);
  const install = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], { cwd: app, quiet: true, env: localSqlitePrebuild() });
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.output.slice(-3000)}`);
  say(`installed: ${install.output.trim().split('\n').filter(Boolean).at(-1) ?? 'ok'}`);
  if (existsSync(join(app, 'node_modules/tsx'))) throw new Error('tsx was installed: the published server must not need it');

  // 3. Strict type-check of a file an app would write (types come only from the installed .d.ts files).
  writeFileSync(join(app, 'tsconfig.json'), `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      strict: true, noUncheckedIndexedAccess: true, noUnusedLocals: true, noUnusedParameters: true,
      erasableSyntaxOnly: true, verbatimModuleSyntax: true, resolveJsonModule: true, skipLibCheck: false, noEmit: true,
    },
    files: ['app.ts'],
  }, null, 2)}\n`);
  writeFileSync(join(app, 'app.ts'), APP_TS);
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  say('tsc --strict app.ts (imports @samrad/model, @samrad/client, @samrad/widgets, /define, /samrad.js, /elements/samrad-actions.js, /schema/*)');
  const checked = await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--listFiles'], { cwd: app, quiet: true });
  if (checked.code !== 0) throw new Error(`type-check failed:\n${checked.output.split('\n').filter((l) => !l.startsWith('/')).join('\n')}`);
  const fromSamrad = checked.output.split('\n').filter((f) => f.includes('/node_modules/@samrad/'));
  const sources = fromSamrad.filter((f) => !f.endsWith('.d.ts') && !f.endsWith('.json'));
  if (sources.length) throw new Error(`the type-check read TypeScript sources of the packages: ${sources.join(', ')}`);
  say(`type-check passed: ${fromSamrad.length} declaration files from @samrad/*, no sources`);

  // 4. Render one element in Chromium from the installed samrad.js.
  await renderInChromium();

  // 5. The installed server: --help, then a start on an in-memory SQLite store, then a stop.
  const help = await run('npx', ['--no-install', 'samrad-server', '--help'], { cwd: app, quiet: true });
  if (help.code !== 0 || !help.output.includes('samrad-server token')) throw new Error(`samrad-server --help failed:\n${help.output}`);
  say(`npx samrad-server --help: ${help.output.split('\n')[1]?.trim()}`);
  await startServer();
}

const APP_TS = `// What an app writes after \`npm install @samrad/widgets\` (docs/embedding.md, "Install from npm").
import type { MeetingModel } from '@samrad/model';
import type { CaseConnection } from '@samrad/client';
import { SamradAgenda } from '@samrad/widgets';
import '@samrad/widgets/define';
import '@samrad/widgets/elements/samrad-actions.js';
import * as samrad from '@samrad/widgets/samrad.js';
import actionSchema from '@samrad/model/schema/action.schema.json';

const agenda: HTMLElementTagNameMap['samrad-agenda'] = document.createElement('samrad-agenda');
// Every tag is in HTMLElementTagNameMap, so querySelector knows the element's type.
const meeting = document.querySelector('samrad-meeting');
meeting?.append(agenda);
const signOut: (() => Promise<void>) | undefined = meeting?.signOut;
const minutes: HTMLElementTagNameMap['samrad-minutes'] | null = document.querySelector('samrad-minutes');
const participants: HTMLElementTagNameMap['samrad-participants'] | null = document.querySelector('samrad-participants');
const isAgenda: boolean = agenda instanceof SamradAgenda && agenda instanceof samrad.SamradAgenda;
const actions: HTMLElementTagNameMap['samrad-actions'] = document.createElement('samrad-actions');
const model: MeetingModel | undefined = agenda.model;
const describe = (c: CaseConnection | undefined): string => (c ? 'connected' : 'not connected');
const Model: typeof MeetingModel = samrad.MeetingModel;
export const summary = [isAgenda, actions.localName, model === undefined, describe(undefined), Model.name, typeof actionSchema, !!signOut, minutes?.localName, participants?.localName];
`;

/** Serves the installed project over HTTP and loads samrad.js from its node_modules into a page. */
async function renderInChromium() {
  writeFileSync(join(app, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<script type="module">
  import { SamradAgenda, MeetingModel } from '/node_modules/@samrad/widgets/dist/samrad.js';
  window.loaded = { agenda: customElements.get('samrad-agenda') === SamradAgenda, model: typeof MeetingModel };
</script></head>
<body><samrad-agenda></samrad-agenda></body></html>
`);
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.map': 'application/json' };
  const server = createServer((req, res) => {
    const path = resolve(app, `.${decodeURIComponent(new URL(req.url, 'http://x').pathname)}`);
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
    if (!file.startsWith(app) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_FLAGS });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => window.loaded !== undefined, undefined, { timeout: 20_000 });
    const rendered = await page.evaluate(async () => {
      const el = document.querySelector('samrad-agenda');
      await el.updateComplete;
      return { loaded: window.loaded, heading: el.shadowRoot?.querySelector('h2')?.textContent?.trim(), text: el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() };
    });
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    if (!rendered.loaded.agenda || rendered.loaded.model !== 'function' || rendered.heading !== 'Agenda') {
      throw new Error(`<samrad-agenda> did not render from the installed package: ${JSON.stringify(rendered)}`);
    }
    say(`rendered <samrad-agenda> in Chromium from node_modules/@samrad/widgets/dist/samrad.js: "${rendered.text}"`);
  } finally {
    await browser.close();
    server.close();
  }
}

/** Starts the installed samrad-server with plain Node, checks it answers, reads its resident memory, stops it. */
async function startServer() {
  const bin = join(app, 'node_modules/@samrad/server/bin/samrad-server.js');
  const args = ['--port', '0', '--host', '127.0.0.1', '--db', 'sqlite::memory:', '--log-level', 'info'];
  say(`start: node node_modules/@samrad/server/bin/samrad-server.js ${args.join(' ')}`);
  const child = spawn(process.execPath, [bin, ...args], { cwd: app, env: { ...process.env, SAMRAD_SECRET: 'pack-check-secret' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  const listening = new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.includes('samrad server listening'));
      if (line) { clearTimeout(timer); ok(JSON.parse(line)); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code }) => fail(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
  try {
    const started = await listening;
    const health = await fetch(`http://127.0.0.1:${started.port}/healthz`).then((r) => r.json());
    if (!health.ok || health.store !== 'sqlite') throw new Error(`unexpected /healthz: ${JSON.stringify(health)}`);
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    const loaded = ['tsx', 'pg', 'ioredis'].filter((m) => existsSync(join(app, 'node_modules', m)));
    say(`server listening on port ${started.port}, /healthz ${JSON.stringify(health)}, VmRSS ${rss ? `${Math.round(Number(rss) / 1024)} MB` : 'n/a'}; installed besides: ${loaded.join(', ') || 'no tsx, pg or ioredis'}`);
  } finally {
    child.kill('SIGTERM');
  }
  const { code, signal } = await exited;
  if (code !== 0) throw new Error(`the server did not stop cleanly (exit ${code}, signal ${signal}):\n${output}`);
  say('server stopped on SIGTERM (exit 0)');
}

function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * better-sqlite3 downloads a prebuilt binary, or compiles SQLite for a minute and more when
 * it cannot. The workspace already holds one built for this Node: offered to its installer
 * as a local prebuild, the fresh install uses it when the versions match and compiles
 * otherwise. Everything else comes from the registry.
 */
function localSqlitePrebuild() {
  try {
    const dir = join(createRequire(join(root, 'server/package.json')).resolve('better-sqlite3/package.json'), '..');
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (!existsSync(join(dir, 'build/Release/better_sqlite3.node'))) return {};
    const prebuilds = join(work, 'prebuilds');
    sh('mkdir', ['-p', prebuilds]);
    const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
    sh('tar', ['czf', join(prebuilds, name), '-C', dir, 'build/Release/better_sqlite3.node']);
    return { npm_config_better_sqlite3_local_prebuilds: prebuilds };
  } catch {
    return {};
  }
}

function run(cmd, args, { cwd, quiet = false, env = {} } = {}) {
  return new Promise((ok) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const s of [child.stdout, child.stderr]) s.on('data', (chunk) => { output += chunk; if (!quiet) process.stdout.write(chunk); });
    child.on('close', (code) => ok({ code, output }));
  });
}

const work = mkdtempSync(join(tmpdir(), 'samrad-pack-check-'));
const packs = join(work, 'packs');
const app = join(work, 'app');
let failed = false;
try {
  await main();
  say('PASS');
} catch (error) {
  failed = true;
  console.error(`[pack-check] FAIL: ${error.message}\n[pack-check] the project is kept in ${work}`);
} finally {
  if (!failed) rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
