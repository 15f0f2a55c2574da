/**
 * The crash scenario, at any size: editors in several meetings edit continuously through
 * real websockets while the real server process is killed with SIGKILL at random moments
 * and restarted on the same port and database. After each kill, every update that some
 * editor had seen relayed from another must already be in the database file; the editors
 * reconnect by themselves; in the end every meeting converges, with the edits made while
 * the server was down.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { Database } from '../../../server/test/reliability-deps.js';
import { editContinuously, Editor, storedKeys } from './editors.js';
import { seededRandom, ServerProcess, sleep, tempDir, waitFor, type Tally } from './harness.js';

export interface CrashOptions {
  seed: number;
  meetings: number;
  editorsPerMeeting: number;
  kills: number;
  /** Mean time between two edits of one editor. */
  editIntervalMs: number;
  /** Longest time the server runs between a (re)start and its next kill. */
  maxRunMs: number;
  faults: Tally;
  updates: Tally;
}

export async function runCrashScenario(o: CrashOptions): Promise<void> {
  const random = seededRandom(o.seed);
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'samrad.db');
  const server = new ServerProcess(['--db', `sqlite:${dbPath}`]);
  const editors: Editor[] = [];
  try {
    await server.start();
    const meetings = Array.from({ length: o.meetings }, (_, m) => `crash-${o.seed}-${m}`);
    for (const caseId of meetings) {
      for (let c = 0; c < o.editorsPerMeeting; c++) {
        editors.push(await Editor.open({ url: server.url, caseId, sub: `${caseId}-e${c}`, role: c % 2 ? 'coordinator' : 'leader' }));
      }
    }
    await waitFor(() => editors.every((e) => e.connected), 'every editor connected');
    const editing = editContinuously(editors, random, o.editIntervalMs);

    for (let k = 0; k < o.kills; k++) {
      // A random moment, from the seed: the kill may land mid-write, mid-relay or mid-compaction.
      await sleep(Math.floor(300 + random() * (o.maxRunMs - 300)));
      await server.kill9();
      const relayed = new Map(meetings.map((m) => [m, new Set<string>()]));
      for (const e of editors) for (const key of e.relayed) relayed.get(e.options.caseId)!.add(key);

      // What was relayed must be on disk: read the database file the way a restart will.
      const db = new Database(dbPath);
      let missing = 0;
      for (const caseId of meetings) {
        const rows = (db.prepare('SELECT data FROM samrad_updates WHERE doc = ? ORDER BY id').all(`case/${caseId}`) as Array<{ data: Buffer }>).map((r) => new Uint8Array(r.data));
        const stored = storedKeys(rows);
        missing += [...relayed.get(caseId)!].filter((key) => !stored.has(key)).length;
      }
      const integrity = db.pragma('integrity_check', { simple: true });
      db.close();

      // Down for a while: the editors keep editing in memory.
      await sleep(Math.floor(200 + random() * 800));
      await server.start();
      await waitFor(() => editors.every((e) => e.connected), 'every editor reconnected by itself', 60_000);
      o.faults.record(missing === 0 && integrity === 'ok');
      expect(missing, `updates relayed before kill ${k + 1} but not stored`).toBe(0);
      expect(integrity).toBe('ok');
    }
    editing.stop();

    // Convergence: every editor of a meeting holds every key any of them wrote, offline edits included.
    const byMeeting = (caseId: string) => editors.filter((e) => e.options.caseId === caseId);
    const expected = new Map(meetings.map((m) => [m, new Set(byMeeting(m).flatMap((e) => e.written))]));
    await waitFor(() => editors.every((e) => {
      const have = e.keys();
      return [...expected.get(e.options.caseId)!].every((key) => have.has(key));
    }), 'every meeting converged', 60_000);
    const offline = editors.reduce((n, e) => n + e.writtenOffline.length, 0);
    expect(offline, 'edits made while the server was down').toBeGreaterThan(0);

    // A newcomer loading from the server (not from the editors) sees every edit too.
    for (const caseId of meetings) {
      const reader = await Editor.open({ url: server.url, caseId, sub: `${caseId}-reader` });
      await waitFor(() => reader.connected, 'reader connected');
      const have = reader.keys();
      const lost = [...expected.get(caseId)!].filter((key) => !have.has(key));
      for (const key of expected.get(caseId)!) o.updates.record(have.has(key));
      reader.destroy();
      expect(lost).toEqual([]);
    }
    expect(server.unexpectedExit).toBeNull();
  } finally {
    for (const e of editors) e.destroy();
    await server.stop();
    cleanup();
  }
}
