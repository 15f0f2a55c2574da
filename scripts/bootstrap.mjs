#!/usr/bin/env node
// The README's two commands land here: `npm start` and `npm test`. On a fresh machine
// with only Node 20+ and npm, this installs pnpm and the workspace's packages, finds a
// Chromium for the browser tests, then hands over to pnpm. No dependencies of its own.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PNPM_VERSION = '10.34.9';
const mode = process.argv[2];
const say = (msg) => console.log(`[samrad] ${msg}`);

function works(cmd, args) {
  return spawnSync(cmd, args, { stdio: 'ignore', shell: false }).status === 0;
}

function pnpmCommand() {
  if (works('pnpm', ['--version'])) return ['pnpm'];
  say(`installing pnpm ${PNPM_VERSION} with npm`);
  if (spawnSync('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit' }).status === 0 && works('pnpm', ['--version'])) return ['pnpm'];
  say('global install not possible here; using npx pnpm');
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd[0], [...cmd.slice(1), ...args], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** CHROME_PATH, else Debian's chromium, else install it (root on Debian), else explain. */
function findChromium() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    say(`CHROME_PATH=${process.env.CHROME_PATH} does not exist`);
    process.exit(1);
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/etc/debian_version')) {
    say("installing Debian's chromium package for the browser tests");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env }).status !== 0) {
      execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    }
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  console.error([
    '[samrad] The browser tests need Chromium and none was found.',
    '  Install it, e.g. on Debian/Ubuntu: sudo apt-get install chromium',
    '  or point CHROME_PATH at a Chromium or Chrome binary: CHROME_PATH=/path/to/chrome npm test',
  ].join('\n'));
  process.exit(1);
}

if (mode !== 'start' && mode !== 'test') {
  console.error('usage: node scripts/bootstrap.mjs start|test');
  process.exit(2);
}
const pnpm = pnpmCommand();
run(pnpm, ['install', '--frozen-lockfile']);
if (mode === 'test') {
  const chrome = findChromium();
  say(`Chromium: ${chrome}`);
  run(pnpm, ['run', 'test:all'], { ...process.env, CHROME_PATH: chrome, STORYBOOK_DISABLE_TELEMETRY: '1' });
} else {
  run(pnpm, ['run', 'dev']);
}
