/**
 * `samrad-server report`: the state report over every case in the store, for the
 * municipality's yearly reporting. Reads each case's shared document one at a time (the
 * restricted ones hold nothing the report counts) and prints only aggregated figures:
 * no names, no ids, small numbers hidden by `stateReport`.
 */
import * as Y from 'yjs';
import { parseDocName, readSnapshot, stateReport, type ReportOptions, type StateReport } from '@samrad/model';
import type { Store } from './store/index.js';

/** The report over every case document in `store`; `casesRead` says how many were read (it is not part of the report). */
export async function reportFromStore(store: Store, options: ReportOptions): Promise<{ report: StateReport; casesRead: number }> {
  const names = (await store.documents()).filter((name) => parseDocName(name)?.scope === 'shared');
  const snapshots = [];
  for (const name of names) {
    const doc = new Y.Doc();
    // One transaction: observers and the document's bookkeeping run once, not per stored row.
    const rows = await store.load(name);
    doc.transact(() => {
      for (const row of rows) Y.applyUpdate(doc, row);
    });
    snapshots.push(readSnapshot(doc));
    doc.destroy();
  }
  return { report: stateReport(snapshots, options), casesRead: names.length };
}
