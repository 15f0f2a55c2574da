/**
 * Crash (fast, scaled down): 6 editors in 3 meetings, the server killed with SIGKILL twice
 * at seeded random moments. The full size runs in long/crash.long.test.ts.
 */
import { afterAll, describe, it } from 'vitest';
import { runCrashScenario } from './support/crash-scenario.js';
import { seedFor, Tally } from './support/harness.js';

const faults = new Tally('faults injected', 'survived');
const updates = new Tally('updates sent', 'lost', true);

afterAll(() => {
  console.log(faults.line());
  console.log(updates.line());
});

describe('crash: kill -9 while editors edit', () => {
  it('keeps every relayed update, and editors reconnect and converge with their offline edits', async () => {
    await runCrashScenario({ seed: seedFor('crash'), meetings: 3, editorsPerMeeting: 2, kills: 2, editIntervalMs: 120, maxRunMs: 1800, faults, updates });
  }, 90_000);
});
