#!/usr/bin/env node
// Every test, in order, on 2 cores: lint, types, node tests, browser tests, Storybook
// build, the packed packages installed with npm, end-to-end. Runs every step even
// after a failure, then prints a summary.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  ['lint', 'pnpm', ['run', 'lint']],
  ['typecheck', 'pnpm', ['run', 'typecheck']],
  ['model (vitest)', 'pnpm', ['--filter', '@samrad/model', 'test']],
  ['client (vitest)', 'pnpm', ['--filter', '@samrad/client', 'test']],
  ['server (vitest, SQLite/PostgreSQL/Redis)', 'pnpm', ['--filter', '@samrad/server', 'test']],
  ['widgets (web-test-runner, Chromium)', 'pnpm', ['--filter', '@samrad/widgets', 'test']],
  // Builds samrad.js and dist/elements (the end-to-end step then finds them fresh) and checks .size-limit.json.
  ['bundle size budget', 'sh', ['-c', 'pnpm --filter @samrad/widgets run build:lib && pnpm run size']],
  ['storybook build', 'pnpm', ['run', 'storybook:build']],
  // Packs every package, installs the tarballs with npm in a fresh project outside the workspace, type-checks, renders, starts the server.
  ['packages install from npm (pack, install, type-check, render, server)', 'node', ['scripts/pack-check.mjs']],
  ['end-to-end (playwright-core, Chromium)', 'pnpm', ['run', 'test:e2e']],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const script = args.at(-1);
  if (!hasScript(args)) { results.push([name, 'skipped (not present yet)', 0]); continue; }
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  results.push([name, r.status === 0 ? 'passed' : `FAILED (exit ${r.status})`, (Date.now() - t0) / 1000]);
  void script;
}

console.log('\n=== summary ===');
for (const [name, status, secs] of results) console.log(`${status.padEnd(28)} ${String(secs.toFixed(1)).padStart(6)} s  ${name}`);
process.exit(results.some(([, s]) => s.startsWith('FAILED')) ? 1 : 0);

/** A step runs when its package (or root script) exists. */
function hasScript(args) {
  const filter = args.indexOf('--filter');
  if (filter >= 0) {
    const dir = { '@samrad/model': 'packages/model', '@samrad/client': 'packages/client', '@samrad/server': 'server', '@samrad/widgets': 'packages/widgets' }[args[filter + 1]];
    return dir !== undefined && existsSync(`${dir}/package.json`);
  }
  return true;
}
