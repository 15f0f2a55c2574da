/**
 * Every benchmark in sequence, each in a process of its own, tables printed as they finish.
 * Flags and BENCH_* variables pass through to each (see README.md).
 *
 *   pnpm run bench            (from the repository root)
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
  ['e2e-latency', ['--import', 'tsx', 'e2e-latency.js']],
];
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
let failed = 0;
for (const [name, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n## ${name}\n`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: here, stdio: 'inherit' });
  console.log(`\n(${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s${r.status === 0 ? '' : `, FAILED with exit ${r.status}`})`);
  if (r.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
