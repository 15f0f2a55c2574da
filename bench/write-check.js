/**
 * Cost of the server's write check (`authorizeUpdate`) for a one-field parent update, on a
 * small case (about 20 kB) and on a big one (about 5 MB), in one run. The check reads the
 * update's structure and the entities it touches, so the big case should cost about the
 * same; the ratio big ÷ small is the figure (target ≤ 2).
 *
 *   pnpm --filter @samrad/bench run write-check [--runs 2000]
 */
import { authorizeUpdate, EXAMPLE_USERS, MeetingModel, seedExampleCase } from '@samrad/model';
import * as Y from 'yjs';

const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i >= 0 ? process.argv[i + 1] : process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
};
const RUNS = flag('runs', 2000);

/** The example case, grown with professionals' comments until its encoded state reaches `bytes`. */
function caseOf(bytes) {
  const doc = new Y.Doc();
  const leader = new MeetingModel(doc, { ...EXAMPLE_USERS.leader });
  const ids = seedExampleCase(leader, new Date('2026-11-20T09:00:00Z'));
  const text = 'Notat fra møtet om hvordan skoledagen går, hva som hjelper og hva vi prøver videre. '.repeat(20);
  while (Y.encodeStateAsUpdate(doc).byteLength < bytes) {
    doc.transact(() => {
      for (let i = 0; i < 50; i++) leader.comments.add({ target: { type: 'case', id: 'case' }, kind: 'comment', text });
    });
  }
  return { doc, ids };
}

/** A parent marks themselves prepared: one field of their own participant entry. */
function parentUpdate(doc, ids, prepared) {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const sv = Y.encodeStateVector(replica);
  new MeetingModel(replica, { ...EXAMPLE_USERS.mother }).participants.setOwnStatus(ids.participants.mother, { prepared });
  return Y.encodeStateAsUpdate(replica, sv);
}

function prepare(label, bytes) {
  const { doc, ids } = caseOf(bytes);
  const update = parentUpdate(doc, ids, true);
  const verdict = authorizeUpdate(doc, update, user, { scope: 'shared' });
  if (!verdict.ok) throw new Error(`the parent's update was refused: ${verdict.reason}`);
  return { label, doc, update, size: Y.encodeStateAsUpdate(doc).byteLength, times: [] };
}

const user = { ...EXAMPLE_USERS.mother };
const cases = [prepare('small case', 20_000), prepare('big case', 5_000_000)];
// Warm both up, then measure them in turns so neither gets a better moment of the machine.
for (let i = 0; i < 2000; i++) for (const c of cases) authorizeUpdate(c.doc, c.update, user, { scope: 'shared' });
for (let i = 0; i < RUNS; i++) {
  for (const c of cases) {
    const t0 = process.hrtime.bigint();
    authorizeUpdate(c.doc, c.update, user, { scope: 'shared' });
    c.times.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
}
const [small, big] = cases.map((c) => {
  c.times.sort((a, b) => a - b);
  return { ...c, median: c.times[Math.floor(c.times.length / 2)], p99: c.times[Math.floor(c.times.length * 0.99)] };
});
console.log(`write check of a one-field parent update, ${RUNS} runs each`);
console.log('case        stored size   median µs   p99 µs');
for (const r of [small, big]) console.log(`${r.label.padEnd(11)} ${(r.size / 1024).toFixed(0).padStart(8)} kB ${r.median.toFixed(1).padStart(11)} ${r.p99.toFixed(1).padStart(8)}`);
console.log(`ratio big ÷ small: median ${(big.median / small.median).toFixed(2)}×, p99 ${(big.p99 / small.p99).toFixed(2)}× (target ≤ 2×)`);
