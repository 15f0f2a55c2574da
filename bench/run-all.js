/**
 * Every benchmark in sequence, each in a process of its own, tables printed as they finish.
 * Flags and BENCH_* variables pass through to each (see README.md); names pick some.
 *
 *   pnpm run bench                                  (from the repository root)
 *   pnpm run bench relay memory --seconds 5         (only those two, shorter)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const steps = [
  ['relay', ['--import', 'tsx', 'relay.js']],
  ['memory', ['--import', 'tsx', 'memory.js']],
  ['cold-load', ['--import', 'tsx', 'cold-load.js']],
  ['bundle', ['bundle.js']],
  ['big-meetings', ['big-meetings.js']],
  ['write-check', ['--import', 'tsx', 'write-check.js']],
  ['e2e-latency', ['--import', 'tsx', 'e2e-latency.js']],
];
// Names choose benchmarks (`all relay memory`); `--name value` flags go to every one of them.
const args = process.argv.slice(2);
const flags = [];
const only = [];
for (let i = 0; i < args.length; i++) {
  if (args[i].startsWith('--')) flags.push(args[i], ...(args[i + 1] !== undefined && !args[i + 1].startsWith('--') ? [args[++i]] : []));
  else only.push(args[i]);
}
let failed = 0;
for (const [name, script] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n## ${name}\n`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [...script, ...flags], { cwd: here, stdio: 'inherit' });
  console.log(`\n(${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s${r.status === 0 ? '' : `, FAILED with exit ${r.status}`})`);
  if (r.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
