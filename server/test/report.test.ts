/** `samrad-server report`: the state report over every case in a real SQLite or PostgreSQL store, from the library and the CLI. */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EXAMPLE_USERS, MeetingModel, readSnapshot, seedExampleCase, stateReport, tallyFeedback, type CaseSnapshot, type Feedback, type ReportOptions } from '@samrad/model';
import { reportFromStore } from '../src/report.js';
import { openStore, type Store } from '../src/store/index.js';
import { tempDb } from './helpers.js';

const PG_URL = process.env.SAMRAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../bin/samrad-server.js', import.meta.url));
const NOW = new Date('2026-11-20T09:00:00.000Z');
const PERIOD = { from: '2026-01-01', to: '2026-12-31' };

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

/** The mother's answer to a meeting, as the store counts it and as an older document held it. */
const MOTHER_ANSWER = { feltHeard: 4, knowsWhoToContact: true, useful: 4 };
const legacyAnswer = (meetingId: string): Feedback => ({
  id: 'fb-legacy', createdAt: NOW.toISOString(), createdBy: EXAMPLE_USERS.mother.id, updatedAt: NOW.toISOString(), updatedBy: EXAMPLE_USERS.mother.id,
  meetingId, respondentRole: 'parent', comment: '', ...MOTHER_ANSWER,
});

/** The model's report of the documents, with the mother's answer to each case's meeting counted. */
function expected(docs: Y.Doc[], options: ReportOptions = PERIOD) {
  const snaps = docs.map((d) => readSnapshot(d));
  const meetingOf = (s: CaseSnapshot) => s.meetings.find((m) => m.state === 'finalised' && m.date.startsWith('2026-11'))!.id;
  return stateReport(snaps, { ...options, feedbackOf: (s) => tallyFeedback([legacyAnswer(meetingOf(s))]) });
}

/**
 * Stores `n` example cases, each with its meeting finalised and the mother's feedback in
 * the store's counters (or, with `legacy`, in the document as older layouts kept it),
 * plus a restricted document each.
 */
async function storeCases(store: Store, n: number, legacy = false): Promise<Y.Doc[]> {
  const docs: Y.Doc[] = [];
  for (let i = 0; i < n; i++) {
    const doc = new Y.Doc();
    const restricted = new Y.Doc();
    const leader = new MeetingModel(doc, { ...EXAMPLE_USERS.leader }, { restricted, now: () => NOW });
    const ids = seedExampleCase(leader, NOW);
    leader.decisions.add({ meetingId: ids.meetingId, text: 'Lesestøtte fortsetter' });
    leader.meetings.finalise(ids.meetingId);
    if (legacy) {
      const m = new Y.Map<unknown>();
      doc.getMap('feedback').set('fb-legacy', m);
      for (const [k, v] of Object.entries(legacyAnswer(ids.meetingId))) m.set(k, v);
    } else {
      await store.recordFeedback([{ caseId: `r${i}`, meetingId: ids.meetingId, role: 'parent', answeredKey: `k${i}`, answer: MOTHER_ANSWER }]);
    }
    await store.append(`case/r${i}`, Y.encodeStateAsUpdate(doc), { event: 'update-accepted' });
    await store.append(`case/r${i}/restricted`, Y.encodeStateAsUpdate(restricted), { event: 'update-accepted' });
    docs.push(doc);
  }
  return docs;
}

describe('the state report over the store', () => {
  it('reads every case once, skips restricted documents and gives what the model gives', async () => {
    const { db, cleanup } = tempDb();
    cleanups.push(cleanup);
    const store = await openStore({ db }, 'test');
    cleanups.push(() => store.close());
    const docs = await storeCases(store, 6);
    expect(await store.documents()).toHaveLength(12);

    const { report, casesRead } = await reportFromStore(store, PERIOD);
    expect(casesRead).toBe(6);
    expect(report).toEqual(expected(docs));
    expect(report.cases).toBe(6);
    expect(report.meetings).toBe(12); // each example case holds an earlier finalised meeting too
    // The answers are in the store, not in the documents.
    expect(docs.every((d) => readSnapshot(d).feedback.length === 0)).toBe(true);
    expect(report.familiesFeltHeard).toEqual({ count: 6, of: 6, percent: 100 });
    // Without the store's totals the documents would give nothing.
    expect(stateReport(docs.map((d) => readSnapshot(d)), PERIOD).familiesFeltHeard).toEqual({ count: 0, of: 0, percent: null });
  });

  it('counts the answers a document from before still holds, when no server has moved them yet', async () => {
    const { db, cleanup } = tempDb();
    cleanups.push(cleanup);
    const legacyStore = await openStore({ db }, 'test');
    cleanups.push(() => legacyStore.close());
    const legacyDocs = await storeCases(legacyStore, 5, true);
    const legacyReport = (await reportFromStore(legacyStore, PERIOD)).report;
    expect(legacyReport.familiesFeltHeard).toEqual({ count: 5, of: 5, percent: 100 });
    expect(legacyReport).toEqual(expected(legacyDocs));
  });

  it('prints the report as JSON from the CLI, with no names, and refuses a bad period in words', async () => {
    const { db, cleanup } = tempDb();
    cleanups.push(cleanup);
    const store = await openStore({ db }, 'test');
    const docs = await storeCases(store, 5);
    await store.close();

    const { stdout, stderr } = await run(process.execPath, [CLI, 'report', '--db', db, '--from', PERIOD.from, '--to', PERIOD.to]);
    expect(JSON.parse(stdout)).toEqual(expected(docs));
    expect(stderr).toContain('report over 5 cases');
    for (const u of Object.values(EXAMPLE_USERS)) expect(stdout).not.toContain(u.name);
    expect(stdout).not.toContain('Fjellstad');

    const bad = await run(process.execPath, [CLI, 'report', '--db', db, '--from', '2026']).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain('--from YYYY-MM-DD --to YYYY-MM-DD');
  }, 30_000);

  it('reads the same from PostgreSQL', async () => {
    const schema = `samrad_report_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });
    const store = await openStore({ db: PG_URL, dbSchema: schema }, 'test');
    cleanups.push(() => store.close());
    const docs = await storeCases(store, 5);
    const { report, casesRead } = await reportFromStore(store, PERIOD);
    expect(casesRead).toBe(5);
    expect(report).toEqual(expected(docs));
    expect(report.familiesFeltHeard).toEqual({ count: 5, of: 5, percent: 100 });
  });
});
