/**
 * Server relay benchmark: the same workload against our server and its two peers, one
 * after the other, each server in a child process of its own and the load generator in
 * another. Prints updates delivered per second, relay latency (send → receipt at each other
 * client), server CPU seconds during the measured window, peak RSS, and ours ÷ each peer.
 *
 *   pnpm --filter @samrad/bench run relay [--meetings 20] [--clients 5] [--interval 200] [--jitter yes|no]
 *     [--seconds 20] [--warmup 3] [--rounds 1] [--servers samrad,y-websocket,hocuspocus]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from './lib/child.js';
import { options } from './lib/options.js';
import { fmt, fmtRatio, machineLine, median, printTable, printTargets, ratio } from './lib/report.js';
import { seededCase } from './lib/seed.js';
import { BENCH_DIR, endpoint, SERVERS, startServer } from './lib/servers.js';

const opt = options({ meetings: 20, clients: 5, interval: 200, jitter: 'yes', seconds: 20, warmup: 3, drain: 2, rounds: 1, servers: ['samrad', 'y-websocket', 'hocuspocus'] });
const tmp = mkdtempSync(join(tmpdir(), 'bench-relay-'));
const { state, actionIds } = seededCase();
const seedFile = join(tmp, 'seed.bin');
writeFileSync(seedFile, state);

console.log(`Relay: ${opt.meetings} meetings × ${opt.clients} clients, one action-title edit per client every ${opt.interval} ms${opt.jitter !== 'no' ? ' on average (each client\'s pace 0.75–1.25×)' : ''} ` +
  `(offered ${fmt((opt.meetings * opt.clients * 1000) / opt.interval, 0)} edits/s, ${fmt((opt.meetings * opt.clients * (opt.clients - 1) * 1000) / opt.interval, 0)} deliveries/s), ` +
  `${opt.seconds} s measured after ${opt.warmup} s warm-up, ${opt.rounds} round(s); seed ${state.byteLength} bytes; ${machineLine()}`);

async function measure(kind, round) {
  const server = await startServer(kind);
  try {
    let cpuAtStart = 0;
    let cpuAtEnd = 0;
    const result = await runChild(join(BENCH_DIR, 'relay-clients.js'), {
      ep: endpoint(server), meetings: Array.from({ length: opt.meetings }, (_, i) => i), clients: opt.clients,
      intervalMs: opt.interval, jitter: opt.jitter !== 'no', warmupMs: opt.warmup * 1000, durationMs: opt.seconds * 1000, drainMs: opt.drain * 1000,
      seedFile, actionIds, runId: `r${round}`,
    }, {
      tsx: true,
      onEvent: (e) => {
        if (e.event === 'start') cpuAtStart = server.stats().cpuSeconds;
        if (e.event === 'end') cpuAtEnd = server.stats().cpuSeconds;
      },
    });
    const stats = server.stats();
    return { ...result, updatesPerSecond: result.delivered / result.seconds, serverCpu: cpuAtEnd - cpuAtStart, peakRssMB: stats.peakRssMB };
  } finally {
    await server.stop();
  }
}

const runs = Object.fromEntries(opt.servers.map((k) => [k, []]));
for (let round = 0; round < opt.rounds; round++) {
  for (const kind of opt.servers) {
    process.stderr.write(`relay: round ${round + 1}, ${kind}…\n`);
    runs[kind].push(await measure(kind, round));
  }
}
rmSync(tmp, { recursive: true, force: true });

/** Median over rounds of each figure. */
const figures = Object.fromEntries(opt.servers.map((k) => {
  const pick = (f) => median(runs[k].map(f));
  return [k, {
    updatesPerSecond: pick((r) => r.updatesPerSecond), deliveredShare: pick((r) => r.delivered / r.expected),
    p50: pick((r) => r.p50), p99: pick((r) => r.p99), max: pick((r) => r.max),
    serverCpu: pick((r) => r.serverCpu), cpuPerKUpdates: pick((r) => (r.serverCpu / r.delivered) * 1000),
    capacity: pick((r) => r.delivered / r.serverCpu), editsPerSecond: pick((r) => r.sent / r.seconds),
    peakRssMB: pick((r) => r.peakRssMB), closed: pick((r) => r.closedByServer), loadgenCpu: pick((r) => r.loadgenCpuSeconds),
  }];
}));

printTable('Relay', ['server', 'edits/s sent', 'updates/s delivered', 'delivered', 'p50 ms', 'p99 ms', 'max ms', `server CPU s (${opt.seconds} s)`, 'deliveries per CPU s', 'peak RSS MB', 'closed by server', 'load-gen CPU s'],
  opt.servers.map((k) => {
    const f = figures[k];
    return [SERVERS[k].label, f.editsPerSecond, f.updatesPerSecond, `${fmt(f.deliveredShare * 100, 1)} %`, f.p50, f.p99, f.max, f.serverCpu, f.capacity, f.peakRssMB, f.closed, f.loadgenCpu];
  }));
console.log('\n"delivered" is the share of the updates sent in the window that reached every other client of the meeting within 2 s of its end;');
console.log('updates/s follow the load generator\'s pace (random per client), so servers that deliver everything differ there by a percent or so.');
console.log('"deliveries per CPU s" is the server\'s capacity: updates delivered per second of its CPU time (what one core could relay).');

const ours = figures.samrad;
const peers = opt.servers.filter((k) => k !== 'samrad');
if (ours && peers.length) {
  printTable('Relay, ours ÷ peer', ['peer', 'updates/s delivered', 'capacity (deliveries per CPU s)', 'p50', 'p99', 'CPU s', 'peak RSS'],
    peers.map((k) => {
      const p = figures[k];
      return [SERVERS[k].label, fmtRatio(ratio(ours.updatesPerSecond, p.updatesPerSecond)), fmtRatio(ratio(ours.capacity, p.capacity)), fmtRatio(ratio(ours.p50, p.p50)), fmtRatio(ratio(ours.p99, p.p99)),
        fmtRatio(ratio(ours.serverCpu, p.serverCpu)), fmtRatio(ratio(ours.peakRssMB, p.peakRssMB))];
    }));
  const targets = [];
  if (figures['y-websocket']) {
    targets.push({ name: 'throughput ÷ y-websocket-server (share of the offered updates delivered)', value: ratio(ours.deliveredShare, figures['y-websocket'].deliveredShare), target: '≥ 1.00×', ok: (v) => v >= 0.999 });
    targets.push({ name: 'capacity ÷ y-websocket-server (deliveries per CPU second)', value: ratio(ours.capacity, figures['y-websocket'].capacity), target: '≥ 1.00×', ok: (v) => v >= 1 });
    targets.push({ name: 'p99 latency ÷ y-websocket-server', value: ratio(ours.p99, figures['y-websocket'].p99), target: '≤ 1.00×', ok: (v) => v <= 1 });
  }
  if (figures.hocuspocus) {
    targets.push({ name: 'throughput ÷ Hocuspocus (share of the offered updates delivered)', value: ratio(ours.deliveredShare, figures.hocuspocus.deliveredShare), target: '≥ 1.50×', ok: (v) => v >= 1.5 });
    targets.push({ name: 'capacity ÷ Hocuspocus (deliveries per CPU second)', value: ratio(ours.capacity, figures.hocuspocus.capacity), target: '≥ 1.50×', ok: (v) => v >= 1.5 });
  }
  printTargets(targets);
}
