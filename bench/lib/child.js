/** Parent ↔ child plumbing: a child prints JSON lines; the parent reacts to each event. */
import { spawn } from 'node:child_process';

/** Sends one event from a child to its parent (a JSON line on stdout). */
export const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

/** The job a parent passed to this child. */
export const job = () => JSON.parse(process.env.BENCH_JOB ?? '{}');

/**
 * Runs `node [--import tsx] script` with `jobData`; `onEvent` sees every event as it comes.
 * Resolves with the last event (the result).
 */
export function runChild(script, jobData, { onEvent = () => {}, tsx = false, timeoutMs = 900_000 } = {}) {
  return new Promise((resolve, reject) => {
    const args = [...(tsx ? ['--import', 'tsx'] : []), script];
    const child = spawn(process.execPath, args, { env: { ...process.env, BENCH_JOB: JSON.stringify(jobData) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    let last;
    child.stdout.on('data', (d) => {
      buffer += d;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          last = JSON.parse(line);
        } catch {
          process.stderr.write(`${line}\n`);
          continue;
        }
        onEvent(last, child);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && last) resolve(last);
      else reject(new Error(`${script} exited with ${code}`));
    });
  });
}
