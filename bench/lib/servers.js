/**
 * The three servers under test, each started as a child process of its own:
 *   samrad       our server (server/bin/samrad-server.js): JWT auth, role enforcement
 *                through authorizeUpdate, SQLite (WAL, synchronous=FULL) written before relay
 *   y-websocket  the reference backend (@y/websocket-server) with LevelDB persistence
 *   hocuspocus   Hocuspocus with its SQLite extension
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnNode, waitForPort } from './proc.js';
import { BENCH_SECRET, signToken } from './token.js';

export const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const SERVERS = {
  samrad: { label: 'Samråd (ours)', protocol: 'y-websocket' },
  'y-websocket': { label: 'y-websocket-server + LevelDB', protocol: 'y-websocket' },
  hocuspocus: { label: 'Hocuspocus + SQLite', protocol: 'hocuspocus' },
};

/**
 * Starts one server on a free port over a fresh data directory (or `dataDir`, to reopen
 * stored data). `nodeArgs` go to node before the script (e.g. `--cpu-prof`).
 */
export async function startServer(kind, { dataDir, env = {}, nodeArgs = [] } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), `bench-${kind}-`));
  const port = await freePort();
  let child;
  if (kind === 'samrad') {
    child = spawnNode([...nodeArgs, join(ROOT, 'server/bin/samrad-server.js'), '--port', String(port), '--db', `sqlite:${join(dir, 'samrad.db')}`, '--log-level', 'info'],
      { env: { SAMRAD_SECRET: BENCH_SECRET, ...env } });
  } else if (kind === 'y-websocket') {
    child = spawnNode([...nodeArgs, join(BENCH_DIR, 'servers/y-websocket.js')], { cwd: BENCH_DIR, env: { PORT: String(port), YPERSISTENCE: join(dir, 'leveldb'), ...env } });
  } else if (kind === 'hocuspocus') {
    child = spawnNode([...nodeArgs, join(BENCH_DIR, 'servers/hocuspocus.js')], { cwd: BENCH_DIR, env: { PORT: String(port), HOCUSPOCUS_DB: join(dir, 'hocuspocus.db'), ...env } });
  } else {
    throw new Error(`unknown server ${kind}`);
  }
  await waitForPort(port, child);
  return {
    kind,
    label: SERVERS[kind].label,
    protocol: SERVERS[kind].protocol,
    port,
    dir,
    pid: child.pid,
    child,
    stats: () => child.stats(),
    async stop({ keepData = false } = {}) {
      await child.stop();
      if (!keepData && !dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Everything a client process needs to reach `kind` on `port`; plain data, to pass to a child. */
export function endpoint(server) {
  return { kind: server.kind, protocol: server.protocol, port: server.port };
}

/** The websocket base URL and URL parameters for one user of one room. */
export function clientTarget(ep, room, user) {
  const host = `ws://127.0.0.1:${ep.port}`;
  if (ep.kind === 'samrad') {
    const caseId = room.replace(/^case\//, '').split('/')[0];
    return { base: `${host}/sync`, params: { token: signToken({ sub: user, name: user, caseId }) } };
  }
  return { base: host, params: {} };
}

/** The full URL a raw websocket opens for one room (y-websocket protocol servers only). */
export function rawUrl(ep, room, user) {
  const { base, params } = clientTarget(ep, room, user);
  const query = new URLSearchParams(params).toString();
  return `${base}/${room}${query ? `?${query}` : ''}`;
}
