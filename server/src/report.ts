/**
 * `samrad-server report`: the state report over every case in the store, for the
 * municipality's yearly reporting. Reads each case's shared document one at a time (the
 * restricted ones hold nothing the report counts) for its meetings and actions, and the
 * feedback totals from the store's anonymous counters (answers are stored outside every
 * document), and prints only aggregated figures: no names, no ids, small numbers hidden
 * by `stateReport`.
 */
import * as Y from 'yjs';
import { parseDocName, readSnapshot, stateReport, tallyFeedback, totalsFromCounters, type CaseSnapshot, type FeedbackTotals, type ReportOptions, type StateReport } from '@samrad/model';
import type { Store } from './store/index.js';

/** The report over every case document in `store`; `casesRead` says how many were read (it is not part of the report). */
export async function reportFromStore(store: Store, options: ReportOptions): Promise<{ report: StateReport; casesRead: number }> {
  const names = (await store.documents()).filter((name) => parseDocName(name)?.scope === 'shared');
  const snapshots: CaseSnapshot[] = [];
  const feedback = new Map<CaseSnapshot, FeedbackTotals[]>();
  for (const name of names) {
    const doc = new Y.Doc();
    // One transaction: observers and the document's bookkeeping run once, not per stored row.
    const rows = await store.load(name);
    doc.transact(() => {
      for (const row of rows) Y.applyUpdate(doc, row);
    });
    const snapshot = readSnapshot(doc);
    doc.destroy();
    const stored = totalsFromCounters(await store.feedbackCounters(parseDocName(name)!.caseId));
    // A document no server has loaded since answers moved out of documents still holds its
    // answers: those of meetings the store has nothing for count (the server moves each
    // document's answers in one commit, so a meeting is in one place or the other).
    const counted = new Set(stored.map((t) => t.meetingId));
    feedback.set(snapshot, [...stored, ...tallyFeedback(snapshot.feedback).filter((t) => !counted.has(t.meetingId))]);
    snapshots.push(snapshot);
  }
  return { report: stateReport(snapshots, { ...options, feedbackOf: (s) => feedback.get(s) ?? [] }), casesRead: names.length };
}
