/**
 * Memory at rest: resident memory per 1,000 loaded, idle meetings of realistic size (the
 * example case), ours vs the reference backend. Each meeting is first stored through the
 * server; the server is restarted, so what it then holds was loaded from its storage;
 * one idle connection per meeting keeps it loaded (the reference backend unloads a
 * document the moment its last connection closes; ours 30 s after). The connections are
 * bare protocol clients in this process, not in the server's.
 *
 *   pnpm --filter @samrad/bench run memory [--meetings 1000] [--settle 10] [--servers samrad,y-websocket]
 */
import { options } from './lib/options.js';
import { sleep } from './lib/proc.js';
import { fmtRatio, machineLine, printTable, printTargets, ratio } from './lib/report.js';
import { SEEDER, seededCase } from './lib/seed.js';
import { endpoint, rawUrl, SERVERS, startServer } from './lib/servers.js';
import { pool, rawClose, rawConnect, roundTrip, updateMessage } from './lib/wire.js';

const opt = options({ meetings: 1000, settle: 10, servers: ['samrad', 'y-websocket'] });
const { state } = seededCase();
console.log(`Memory at rest: ${opt.meetings} meetings of ${state.byteLength} bytes (the example case), one idle connection each; ${machineLine()}`);

const room = (i) => `case/mem-${i}`;
const user = (i) => `mem-${i}`;

/** Waits until a connection has been sent (about) the whole meeting. */
async function loaded(conn) {
  while (conn.received < state.byteLength * 0.9) {
    if (conn.closeCode !== null) throw new Error(`connection closed with ${conn.closeCode}`);
    await sleep(20);
  }
}

async function measure(kind) {
  // 1. Store every meeting through the server, sent by the seed's author (ours accepts
  //    entities only from the user they name); fewer at a time than its per-user connection limit.
  let server = await startServer(kind);
  const dir = server.dir;
  const indexes = Array.from({ length: opt.meetings }, (_, i) => i);
  await pool(indexes, 10, async (i) => {
    const conn = await rawConnect(rawUrl(endpoint(server), room(i), SEEDER));
    conn.ws.send(updateMessage(state));
    await roundTrip(conn);
    await rawClose(conn);
  });
  await sleep(2000);
  await server.stop({ keepData: true });

  // 2. Restart over the same storage and load every meeting from it.
  server = await startServer(kind, { dataDir: dir });
  try {
    const ep = endpoint(server);
    await sleep(3000);
    const idle = server.stats().rssMB;
    const conns = [];
    const first = await rawConnect(rawUrl(ep, room(0), user(0)));
    await roundTrip(first);
    await loaded(first);
    conns.push(first);
    await sleep(2000);
    const one = server.stats().rssMB;
    conns.push(...await pool(indexes.slice(1), 20, async (i) => {
      const conn = await rawConnect(rawUrl(ep, room(i), user(i)));
      await roundTrip(conn);
      await loaded(conn);
      return conn;
    }));
    await sleep(opt.settle * 1000);
    const all = server.stats();
    const closed = conns.filter((c) => c.closeCode !== null).length;
    await Promise.all(conns.map(rawClose));
    return { idle, one, all: all.rssMB, peak: all.peakRssMB, perThousand: ((all.rssMB - one) / (opt.meetings - 1)) * 1000, closed };
  } finally {
    await server.stop();
  }
}

const figures = {};
for (const kind of opt.servers) {
  process.stderr.write(`memory: ${kind}…\n`);
  figures[kind] = await measure(kind);
}

printTable('Memory at rest', ['server', 'RSS idle MB', 'RSS, 1 meeting MB', `RSS, ${opt.meetings} meetings MB`, 'MB per 1,000 meetings', 'peak RSS MB', 'connections lost'],
  opt.servers.map((k) => { const f = figures[k]; return [SERVERS[k].label, f.idle, f.one, f.all, f.perThousand, f.peak, f.closed]; }));
if (figures.samrad && figures['y-websocket']) {
  const r = ratio(figures.samrad.perThousand, figures['y-websocket'].perThousand);
  console.log(`\nours ÷ y-websocket-server: ${fmtRatio(r)} per 1,000 meetings; ${fmtRatio(ratio(figures.samrad.all, figures['y-websocket'].all))} total RSS`);
  printTargets([{ name: 'memory per 1,000 idle meetings ÷ y-websocket-server', value: r, target: '≤ 1.00×', ok: (v) => v <= 1 }]);
}

