/**
 * Load generator of the relay benchmark (a child process of relay.js, run under tsx for
 * @samrad/model). Opens M meetings × N clients against one server; every client edits the
 * title of "its" action through MeetingModel about every INTERVAL ms, with the send time in the
 * title, and moves its presence (awareness) on every fifth edit. Every client records when
 * the other clients' edits reach it.
 *
 * Each meeting's seed is stored first by its author (`SEEDER`), on a connection of its own
 * that closes before the measurement; the clients receive it from the server, as people
 * joining an existing meeting do. (Our server refuses entities sent by anyone but the
 * author they name, so a client may not upload the seed itself.)
 */
import { readFileSync } from 'node:fs';
import { MeetingModel } from '@samrad/model';
import { emit, job } from './lib/child.js';
import { openClient } from './lib/clients.js';
import { percentile, median } from './lib/report.js';
import { BENCH_USER, docFrom, SEEDER } from './lib/seed.js';
import { pool } from './lib/wire.js';

// One y-websocket provider adds a process 'exit' listener each.
process.setMaxListeners(0);
const { ep, meetings, clients: perMeeting, intervalMs, jitter, warmupMs, durationMs, drainMs, seedFile, actionIds, runId } = job();
const seed = new Uint8Array(readFileSync(seedFile));
const clock = () => performance.timeOrigin + performance.now();
const STAMP = / @(\d+(?:\.\d+)?)$/;

let windowStart = Infinity;
let windowEnd = Infinity;
const latencies = [];
let sentInWindow = 0;
let expected = 0;
let receivedLate = 0;
let closedByServer = 0;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const onServerClose = (user) => (code, reason) => { closedByServer += 1; process.stderr.write(`${user}: closed by server ${code} ${reason}\n`); };
const hasSeed = (doc) => actionIds.every((id) => doc.getMap('actions').has(id));

const clients = [];
// A few meetings at a time: the seeder is one user, and the server limits connections per user.
await pool(meetings, 5, async (m) => {
  const room = `case/${runId}-${m}`;
  const seeder = openClient(ep, room, SEEDER, docFrom(seed), { user: { name: SEEDER } }, { onServerClose: onServerClose(SEEDER) });
  await seeder.synced;
  const joined = [];
  for (let c = 0; c < perMeeting; c++) {
    const user = `bench-${m}-${c}`;
    const doc = docFrom();
    const model = new MeetingModel(doc, BENCH_USER(user));
    const actionId = actionIds[c % actionIds.length];
    const conn = openClient(ep, room, user, doc, { user: { name: user }, focus: null }, { onServerClose: onServerClose(user) });
    doc.getMap('actions').observeDeep((events, tr) => {
      if (tr.local) return;
      const t = clock();
      for (const e of events) {
        if (!e.keysChanged?.has('title')) continue;
        const sentAt = Number(STAMP.exec(String(e.target.get('title')))?.[1]);
        if (!(sentAt >= windowStart && sentAt < windowEnd)) continue;
        if (t > windowEnd + drainMs) receivedLate += 1;
        else latencies.push(t - sentAt);
      }
    });
    joined.push({ room, user, doc, model, actionId, conn, c, edits: 0, timer: null });
  }
  await Promise.all(joined.map((k) => k.conn.synced));
  // The server relays only what it stored: once every client holds the seed, the seeder may go.
  while (!joined.every((k) => hasSeed(k.doc))) {
    if (closedByServer > 0) throw new Error(`${room}: the server closed a connection before the seed arrived (see above)`);
    await sleep(20);
  }
  seeder.destroy();
  clients.push(...joined);
});
emit({ event: 'synced', clients: clients.length });

for (const k of clients) {
  const edit = () => {
    const t = clock();
    k.model.actions.update(k.actionId, { title: `Tiltak ${k.c} @${t.toFixed(3)}` });
    if (t >= windowStart && t < windowEnd) {
      sentInWindow += 1;
      expected += perMeeting - 1;
    }
    if (++k.edits % 5 === 0) k.conn.awareness.setLocalStateField('focus', { action: k.actionId, at: Math.round(t) });
  };
  // Each person keeps a pace of their own, between 0.75 and 1.25 times the interval (the
  // mean stays the interval), starting at a random moment: identical paces would bring
  // every meeting to our store's compaction threshold (500 stored updates) at the same instant.
  const every = jitter ? intervalMs * (0.75 + 0.5 * Math.random()) : intervalMs;
  setTimeout(() => { edit(); k.timer = setInterval(edit, every); }, Math.random() * every);
}

const cpu0 = process.cpuUsage();
await sleep(warmupMs);
windowStart = clock();
emit({ event: 'start' });
await sleep(durationMs);
windowEnd = clock();
emit({ event: 'end' });
await sleep(drainMs);
for (const k of clients) clearInterval(k.timer);
await sleep(200);
const cpu = process.cpuUsage(cpu0);
for (const k of clients) { k.conn.destroy(); k.model.destroy(); }

latencies.sort((a, b) => a - b);
emit({
  event: 'result',
  clients: clients.length,
  seconds: durationMs / 1000,
  sent: sentInWindow,
  expected,
  delivered: latencies.length,
  late: receivedLate,
  closedByServer,
  p50: percentile(latencies, 50),
  p99: percentile(latencies, 99),
  max: latencies.at(-1) ?? NaN,
  median: median(latencies),
  loadgenCpuSeconds: (cpu.user + cpu.system) / 1e6,
});
process.exit(0);
