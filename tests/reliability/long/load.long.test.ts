/**
 * Load: 500 editors across 100 meetings for 60 s against the real server process on
 * loopback, each editing every few seconds with presence on. Zero errors (no connection
 * closed by the server or the network), no lost updates; prints relay latency p50/p99
 * and the server's memory. Figures are printed, not asserted (speed belongs in bench/).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { editContinuously, Editor } from '../support/editors.js';
import { rssOf, seededRandom, seedFor, ServerProcess, sleep, Tally, tempDir, waitFor } from '../support/harness.js';

const MEETINGS = Number(process.env.LOAD_MEETINGS ?? 100);
const PER_MEETING = Number(process.env.LOAD_EDITORS_PER_MEETING ?? 5);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
/** Mean time between two edits of one editor. */
const EDIT_INTERVAL_MS = 3000;

const updates = new Tally('updates sent', 'lost', true);
afterAll(() => console.log(updates.line()));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

describe('load', () => {
  it(`${MEETINGS * PER_MEETING} editors in ${MEETINGS} meetings for ${SECONDS} s: no errors, no lost updates`, async () => {
    const random = seededRandom(seedFor('load'));
    const { dir, cleanup } = tempDir();
    const server = new ServerProcess(['--db', `sqlite:${dir}/samrad.db`]);
    const editors: Editor[] = [];
    try {
      await server.start();
      const idleRss = rssOf(server.pid);
      // Open in batches, as people arrive, not all in one instant.
      for (let m = 0; m < MEETINGS; m++) {
        for (let e = 0; e < PER_MEETING; e++) editors.push(await Editor.open({ url: server.url, caseId: `load-${m}`, sub: `load-${m}-${e}`, maxBackoffMs: 2500 }));
        if (m % 10 === 9) await waitFor(() => editors.every((x) => x.connected), 'editors connected', 60_000);
      }
      await waitFor(() => editors.every((x) => x.connected), 'every editor connected', 60_000);
      const closesAtStart = editors.reduce((n, x) => n + x.closes.length, 0);
      for (const x of editors) x.latencies.length = 0;

      let peakRss = 0;
      const sampler = setInterval(() => { peakRss = Math.max(peakRss, rssOf(server.pid)); }, 1000);
      const editing = editContinuously(editors, random, EDIT_INTERVAL_MS);
      await sleep(SECONDS * 1000);
      editing.stop();
      clearInterval(sampler);

      // Every edit reaches every other editor of its meeting.
      const byMeeting = new Map<string, Editor[]>();
      for (const x of editors) byMeeting.set(x.options.caseId, [...(byMeeting.get(x.options.caseId) ?? []), x]);
      await waitFor(() => [...byMeeting.values()].every((group) => {
        const all = group.flatMap((x) => x.written);
        return group.every((x) => { const have = x.keys(); return all.every((k) => have.has(k)); });
      }), 'every meeting converged', 60_000).catch(() => { /* counted as lost below */ });
      for (const group of byMeeting.values()) {
        for (const writer of group) {
          for (const key of writer.written) updates.record(group.every((x) => x.keys().has(key)));
        }
      }
      const errors = editors.reduce((n, x) => n + x.closes.length, 0) - closesAtStart;
      const latencies = editors.flatMap((x) => x.latencies).sort((a, b) => a - b);
      const endRss = rssOf(server.pid);
      const relayedOut = await server.metric('samrad_updates_out_total');
      console.log(`reliability: load ${editors.length} editors, ${MEETINGS} meetings, ${SECONDS} s: ${updates.tried} edits, ${relayedOut} update messages relayed, ${errors} errors`);
      console.log(`reliability: load relay latency p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms (${latencies.length} deliveries)`);
      console.log(`reliability: load server RSS idle ${mib(idleRss)}, peak ${mib(peakRss)}, end ${mib(endRss)}`);
      expect(errors, 'connections closed during the run').toBe(0);
      expect(updates.tried - updates.held, 'updates lost').toBe(0);
      expect(server.unexpectedExit).toBeNull();
    } finally {
      for (const x of editors) x.destroy();
      await server.stop();
      cleanup();
    }
  }, 10 * 60_000);
});
