/** Crash at full size: 20 editors in 5 meetings, the server killed with SIGKILL 6 times. */
import { afterAll, describe, it } from 'vitest';
import { runCrashScenario } from '../support/crash-scenario.js';
import { seedFor, Tally } from '../support/harness.js';

const faults = new Tally('faults injected', 'survived');
const updates = new Tally('updates sent', 'lost', true);

afterAll(() => {
  console.log(faults.line());
  console.log(updates.line());
});

describe('crash at full size', () => {
  it('keeps every relayed update across 6 kills; 20 editors reconnect and converge', async () => {
    await runCrashScenario({ seed: seedFor('crash (long)'), meetings: 5, editorsPerMeeting: 4, kills: 6, editIntervalMs: 250, maxRunMs: 6000, faults, updates });
  }, 10 * 60_000);
});
