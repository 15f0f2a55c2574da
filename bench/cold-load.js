/**
 * Cold load: a meeting with 10,000 stored updates (the example case, then 40 people each
 * adding an action and editing it 249 times through MeetingModel). The updates are sent
 * through each server as its clients would send them, the server is restarted, and a
 * fresh client connects: time from connect to synced and to the whole meeting being there,
 * and the server's own load time. Ours compacts its store while a document is loaded and
 * when it unloads, so it holds one merged row; "10,000 rows" writes the same updates
 * straight into our store without compaction, an upper bound the server never leaves behind.
 *
 *   pnpm --filter @samrad/bench run cold-load [--updates 10000] [--loads 5] [--servers samrad,y-websocket]
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { MeetingModel } from '@samrad/model';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openStore } from '../server/src/store/index.ts';
import { options } from './lib/options.js';
import { sleep } from './lib/proc.js';
import { fmtRatio, machineLine, median, printTable, printTargets, ratio } from './lib/report.js';
import { BENCH_USER, docFrom, SEEDER, seededCase } from './lib/seed.js';
import { clientTarget, endpoint, rawUrl, SERVERS, startServer } from './lib/servers.js';
import { pool, rawClose, rawConnect, roundTrip, updateMessage } from './lib/wire.js';

const opt = options({ updates: 10_000, writers: 40, loads: 5, servers: ['samrad', 'y-websocket'] });
const ROOM = 'case/cold-1';
/**
 * Loaded first after each restart, so the measured load finds a process whose JIT has seen
 * documents of this size before, as a server that has been running for a while has.
 */
const WARM_ROOMS = Array.from({ length: 5 }, (_, i) => `case/cold-warm-${i}`);

/** The seed, then `updates` edits by `writers` people (`authorOf(w)`), each on an action of their own. */
function makeHistory(authorOf = (w) => `writer-${w}`) {
  const { state } = seededCase();
  const perWriter = Math.ceil(opt.updates / opt.writers);
  const writers = [];
  const final = docFrom(state);
  for (let w = 0; w < opt.writers; w++) {
    const doc = docFrom(state);
    const updates = [];
    doc.on('update', (u) => updates.push(u));
    const model = new MeetingModel(doc, BENCH_USER(authorOf(w)));
    const id = model.actions.add({ title: `Tiltak ${w}`, owner: { kind: 'service', service: 'skole' }, schedule: { kind: 'ongoing' }, evaluationDate: '2030-01-15', level: 'bti-1', status: 'planned' });
    for (let i = 1; i < perWriter; i++) {
      if (i % 3 === 0) model.actions.update(id, { successCriterion: `Kriterium ${i}` });
      else model.actions.update(id, { title: `Tiltak ${w}, versjon ${i}` });
    }
    model.destroy();
    for (const u of updates) Y.applyUpdate(final, u);
    writers.push(updates);
    doc.destroy();
  }
  return { seed: state, writers, count: writers.reduce((n, u) => n + u.length, 0), finalVector: Y.encodeStateVector(final), finalState: Y.encodeStateAsUpdate(final) };
}

const history = makeHistory();
/**
 * What the warm-up meetings hold: a history of the same size, all written by the seed's
 * author, so one connection of that user may send it whole (our server accepts entities
 * only from the user they name).
 */
const warmState = makeHistory(() => SEEDER).finalState;
console.log(`Cold load: one meeting, the example case plus ${history.count} updates from ${opt.writers} writers; ${opt.loads} cold loads each (server restarted before each); ${machineLine()}`);

/** Sends the whole history through a running server, each writer on a connection of its own. */
async function pushThrough(server) {
  const ep = endpoint(server);
  for (const room of WARM_ROOMS) {
    const warm = await rawConnect(rawUrl(ep, room, SEEDER));
    warm.ws.send(updateMessage(warmState));
    await roundTrip(warm);
    await rawClose(warm);
  }
  const seeder = await rawConnect(rawUrl(ep, ROOM, SEEDER));
  seeder.ws.send(updateMessage(history.seed));
  await roundTrip(seeder);
  await pool(history.writers, 10, async (updates, w) => {
    const conn = await rawConnect(rawUrl(ep, ROOM, `writer-${w}`));
    for (const u of updates) conn.ws.send(updateMessage(u));
    await roundTrip(conn);
    if (conn.closeCode !== null) throw new Error(`writer ${w} was closed with ${conn.closeCode}`);
    await rawClose(conn);
  });
  await rawClose(seeder);
}

/** Writes the history straight into our SQLite store, one row per update, never compacted. */
async function writeRawRows(dir) {
  const store = await openStore({ db: `sqlite:${join(dir, 'samrad.db')}` }, 'bench');
  for (const room of WARM_ROOMS) await store.append(room, warmState, { event: 'update-accepted', doc: room });
  await store.append(ROOM, history.seed, { event: 'update-accepted', doc: ROOM });
  // Not awaited one by one: the store commits appends made in one turn together.
  await Promise.all(history.writers.flat().map((u) => store.append(ROOM, u, { event: 'update-accepted', doc: ROOM })));
  const rows = await store.countUpdates(ROOM);
  await store.close();
  return rows;
}

async function storedRows(kind, dir) {
  if (kind !== 'samrad') return null;
  const store = await openStore({ db: `sqlite:${join(dir, 'samrad.db')}` }, 'bench');
  const rows = await store.countUpdates(ROOM);
  await store.close();
  return rows;
}

/** Loads the warm-up meetings, unmeasured. */
async function warmUp(server) {
  for (const room of WARM_ROOMS) {
    const conn = await rawConnect(rawUrl(endpoint(server), room, 'warm'));
    await roundTrip(conn);
    while (conn.received < warmState.byteLength * 0.9) await sleep(10);
    await rawClose(conn);
  }
}

/** One cold load by a fresh client with the stock provider. */
async function coldLoad(server) {
  await warmUp(server);
  const ep = endpoint(server);
  const doc = new Y.Doc();
  const { base, params } = clientTarget(ep, ROOM, 'reader');
  const t0 = performance.now();
  let openedAt = NaN;
  let firstMessageAt = NaN;
  const provider = new WebsocketProvider(base, ROOM, doc, { WebSocketPolyfill: WebSocket, params, disableBc: true });
  provider.on('status', ({ status }) => {
    if (status !== 'connected' || provider.ws === null) return;
    openedAt = performance.now();
    provider.ws.addEventListener('message', () => { if (Number.isNaN(firstMessageAt)) firstMessageAt = performance.now(); });
  });
  const synced = new Promise((resolve) => provider.once('sync', () => resolve(performance.now())));
  const complete = new Promise((resolve) => {
    const check = () => {
      if (Buffer.compare(Buffer.from(Y.encodeStateVector(doc)), Buffer.from(history.finalVector)) === 0) {
        doc.off('update', check);
        resolve(performance.now());
      }
    };
    doc.on('update', check);
  });
  const syncedAt = await synced;
  const completeAt = await Promise.race([complete, sleep(60_000).then(() => NaN)]);
  provider.destroy();
  doc.destroy();
  let serverMs = firstMessageAt - openedAt; // ours sends its first message once the document is loaded
  if (server.kind === 'y-websocket') {
    // The reference sends its first message before loading; its own timer says how long loading took.
    const times = await (await fetch(`http://127.0.0.1:${server.port}/load-times`)).json();
    serverMs = times.at(-1)?.ms ?? NaN;
  }
  return { synced: syncedAt - t0, complete: completeAt - t0, serverMs };
}

async function measure(variant) {
  const kind = variant === 'samrad-raw' ? 'samrad' : variant;
  let server = await startServer(kind);
  const dir = server.dir;
  let rows;
  if (variant === 'samrad-raw') {
    await server.stop({ keepData: true });
    rows = await writeRawRows(dir);
  } else {
    await pushThrough(server);
    await sleep(1000);
    await server.stop({ keepData: true });
    rows = (await storedRows(kind, dir)) ?? history.count + 1;
  }
  const loads = [];
  try {
    for (let i = 0; i < opt.loads; i++) {
      server = await startServer(kind, { dataDir: dir });
      await sleep(500);
      try {
        loads.push(await coldLoad(server));
      } finally {
        await server.stop({ keepData: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const later = loads.slice(1);
  return {
    rows,
    first: loads[0],
    later: { synced: median(later.map((l) => l.synced)), complete: median(later.map((l) => l.complete)), serverMs: median(later.map((l) => l.serverMs)) },
  };
}

const variants = opt.servers.flatMap((k) => (k === 'samrad' ? ['samrad', 'samrad-raw'] : [k]));
const labels = { samrad: `${SERVERS.samrad.label}, as stored by the server`, 'samrad-raw': `${SERVERS.samrad.label}, ${history.count + 1} rows uncompacted (bound)`, 'y-websocket': SERVERS['y-websocket'].label, hocuspocus: SERVERS.hocuspocus.label };
const figures = {};
for (const v of variants) {
  process.stderr.write(`cold-load: ${v}…\n`);
  figures[v] = await measure(v);
}

printTable('Cold load', ['server', 'rows stored', 'first: server ms', 'first: synced ms', 'first: complete ms', 'later: server ms', 'later: synced ms', 'later: complete ms'],
  variants.map((v) => { const f = figures[v]; return [labels[v], f.rows, f.first.serverMs, f.first.synced, f.first.complete, f.later.serverMs, f.later.synced, f.later.complete]; }));
console.log('\n"first" is the first load after the updates were stored; "later" the median of the loads after it (the reference trims its LevelDB rows during its first load).');
if (figures.samrad && figures['y-websocket']) {
  const ours = figures.samrad;
  const ref = figures['y-websocket'];
  console.log(`\nours ÷ y-websocket-server, first load until complete: ${fmtRatio(ratio(ours.first.complete, ref.first.complete))}; server load: ${fmtRatio(ratio(ours.first.serverMs, ref.first.serverMs))}`);
  printTargets([
    { name: 'ours, server-side cold load of the stored meeting', value: ours.first.serverMs, shown: `${ours.first.serverMs.toFixed(1)} ms`, target: '< 50 ms', ok: (v) => v < 50 },
    ...(figures['samrad-raw'] ? [{ name: 'ours, server-side load of 10,000 uncompacted rows', value: figures['samrad-raw'].first.serverMs, shown: `${figures['samrad-raw'].first.serverMs.toFixed(1)} ms`, target: '< 50 ms', ok: (v) => v < 50 }] : []),
  ]);
}
