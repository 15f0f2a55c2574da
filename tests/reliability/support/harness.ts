/**
 * What the reliability tests share: the real server as a child process (so it can be
 * killed with SIGKILL and its memory measured), a TCP proxy that plays an unreachable
 * database or Redis, a seeded random source, and the tallies behind each file's summary line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECRET } from '../../../server/test/helpers.js';

export { SECRET };
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PG_URL = process.env.SAMRAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.SAMRAD_TEST_REDIS ?? 'redis://127.0.0.1:6379';

/** A fresh temp folder, removed by `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'samrad-reliability-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** mulberry32: a small seeded PRNG, so a failing run repeats with the seed it printed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed from `RELIABILITY_SEED`, or a new one; printed so the run can be repeated. */
export function seedFor(suite: string): number {
  const fixed = process.env.RELIABILITY_SEED;
  const seed = fixed ? Number(fixed) : Math.floor(Math.random() * 2 ** 31);
  console.log(`reliability: ${suite} seed ${seed} (repeat with RELIABILITY_SEED=${seed})`);
  return seed;
}

/** Counts what a file tried and how much of it held, for its closing summary line. */
export class Tally {
  tried = 0;
  held = 0;
  /** With `countFailures`, the line gives what did not hold (e.g. `updates sent N / lost 0`). */
  constructor(private readonly what: string, private readonly verb: string, private readonly countFailures = false) {}
  /** Records one attempt; `ok` says whether the system held. */
  record(ok: boolean): void {
    this.tried += 1;
    if (ok) this.held += 1;
  }
  line(): string {
    return `reliability: ${this.what} ${this.tried} / ${this.verb} ${this.countFailures ? this.tried - this.held : this.held}`;
  }
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** One JSON log line of the server, as pino writes it. */
export interface LogLine { level: number; msg: string; [key: string]: unknown }

/**
 * The real server, `node server/bin/samrad-server.js`, as a child process. `kill9()` is a
 * crash (SIGKILL: no shutdown handler runs); `start()` again reuses the port and database.
 */
export class ServerProcess {
  port = 0;
  child: ChildProcess | null = null;
  readonly logs: LogLine[] = [];
  stderr = '';
  /** Set when the process ended without being told to. */
  unexpectedExit: { code: number | null; signal: string | null } | null = null;
  private stopping = false;

  constructor(private readonly args: string[], private readonly env: Record<string, string> = {}) {}

  get url(): string { return `ws://127.0.0.1:${this.port}/sync`; }
  get httpUrl(): string { return `http://127.0.0.1:${this.port}`; }
  get pid(): number { return this.child?.pid ?? 0; }
  get running(): boolean { return this.child !== null && this.child.exitCode === null && this.child.signalCode === null; }

  /**
   * Starts (or restarts) the server and resolves once it listens (it logs at level info, which
   * says so). Port 0 the first time: the OS picks one.
   */
  async start(): Promise<void> {
    this.stopping = false;
    const child = spawn(process.execPath, ['server/bin/samrad-server.js', '--port', String(this.port), '--log-level', 'info', ...this.args], {
      cwd: ROOT,
      env: { ...process.env, SAMRAD_SECRET: SECRET, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let buffered = '';
    const listening = new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const text = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          try {
            const line = JSON.parse(text) as LogLine;
            this.logs.push(line);
            if (line.msg === 'samrad server listening') resolve(line.port as number);
          } catch { /* not a log line */ }
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
      child.once('exit', (code, signal) => {
        if (!this.stopping) this.unexpectedExit = { code, signal };
        reject(new Error(`server exited before listening (code ${code}, signal ${signal}): ${this.stderr.slice(-2000)}`));
      });
    });
    const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
    try {
      this.port = await listening;
    } finally {
      clearTimeout(timeout);
    }
  }

  /** A crash: SIGKILL, then wait for the process to be gone. */
  async kill9(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** A graceful stop (SIGTERM). */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.stopping = true;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    await exited;
  }

  /** GET a JSON endpoint of the running server. */
  async health(): Promise<{ ok: boolean; connections: number; documents: number }> {
    const response = await fetch(`${this.httpUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
    return (await response.json()) as { ok: boolean; connections: number; documents: number };
  }

  async metric(name: string): Promise<number> {
    const text = await (await fetch(`${this.httpUrl}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    const m = new RegExp(`^${name.replace(/[{}"=]/g, '\\$&')} (\\S+)$`, 'm').exec(text);
    return m ? Number(m[1]) : 0;
  }
}

/**
 * A TCP proxy in front of PostgreSQL or Redis. `cut('refuse')` drops every open socket
 * and refuses new ones (the service is down). `cut('blackhole')` keeps every socket open
 * but stops carrying bytes either way, and accepts new ones that never get an answer
 * (packets lost on the way). `restore()` ends the outage; sockets that lost bytes are
 * dropped then, as a real connection would break. Like the proxy in tests/e2e/harness.ts,
 * with the second kind of outage added.
 */
export class TcpProxy {
  port = 0;
  private mode: 'up' | 'refuse' | 'blackhole' = 'up';
  private readonly pairs = new Set<{ client: Socket; upstream: Socket | null }>();
  private server: Server | null = null;

  constructor(private readonly targetPort: number, private readonly targetHost = '127.0.0.1') {}

  async listen(): Promise<this> {
    this.server = createServer((client) => this.onClient(client));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  private onClient(client: Socket): void {
    client.on('error', () => client.destroy());
    if (this.mode === 'refuse') return void client.destroy();
    const pair = { client, upstream: null as Socket | null };
    this.pairs.add(pair);
    const drop = () => { client.destroy(); pair.upstream?.destroy(); this.pairs.delete(pair); };
    client.on('close', drop);
    if (this.mode === 'blackhole') return void client.resume(); // read and drop, never answer
    const upstream = createConnection(this.targetPort, this.targetHost);
    pair.upstream = upstream;
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  }

  cut(mode: 'refuse' | 'blackhole' = 'refuse'): void {
    this.mode = mode;
    for (const pair of this.pairs) {
      if (mode === 'refuse') {
        pair.client.destroy();
        pair.upstream?.destroy();
      } else {
        // Stop carrying bytes, both ways; read and drop what arrives.
        pair.client.unpipe();
        pair.upstream?.unpipe();
        pair.client.resume();
        pair.upstream?.resume();
      }
    }
    if (mode === 'refuse') this.pairs.clear();
  }

  restore(): void {
    if (this.mode === 'blackhole') {
      for (const pair of this.pairs) { pair.client.destroy(); pair.upstream?.destroy(); }
      this.pairs.clear();
    }
    this.mode = 'up';
  }

  async close(): Promise<void> {
    for (const pair of this.pairs) { pair.client.destroy(); pair.upstream?.destroy(); }
    this.pairs.clear();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
