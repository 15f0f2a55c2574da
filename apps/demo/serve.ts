/**
 * Starts the collaboration server with the demo: the built page as its static site, the
 * development sign-in on, the store of the caller's choice, and the example case seeded
 * once when the case is empty. Used by `npm start` (scripts/start.mjs) and by the
 * end-to-end tests, so both run exactly the same thing.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '@samrad/server';
import { describeNotice, startNotifyReceiver } from '../../examples/notify-receiver/receiver.mjs';
import { DEMO_CASE_ID, seedDemoCase } from './seed.js';

export const DEMO_DIST = fileURLToPath(new URL('./dist/', import.meta.url));

export interface DemoOptions {
  port?: number;
  host?: string;
  /** Store URL, e.g. `sqlite:./data/samrad.db`. */
  db: string;
  /** HS256 secret; a random one per process when omitted (the demo fetches fresh tokens). */
  secret?: string;
  /** pino level for the server log. */
  logLevel?: string;
  /** Seed the example case when empty (default true). */
  seed?: boolean;
  /** Clock for the example's relative dates. */
  now?: Date;
  /** Directory to serve; default the built demo. */
  staticDir?: string;
  /**
   * Start the example notify receiver (examples/notify-receiver) and send the server's
   * notices to it, printed as `[notice] …` lines (default true; `onNotice` to print elsewhere).
   */
  notices?: boolean;
  onNotice?: (line: string) => void;
}

export interface RunningDemo {
  server: RunningServer;
  /** `http://host:port/` — the page. */
  url: string;
  caseId: string;
  seeded: boolean;
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const staticDir = options.staticDir ?? DEMO_DIST;
  if (!existsSync(`${staticDir}/index.html`)) throw new Error(`startDemo: ${staticDir} has no index.html; build the demo first (pnpm run build:demo)`);
  // The host's side of the notices: a receiver on a free port, with a secret of this start's own.
  const notifySecret = randomBytes(24).toString('hex');
  const say = options.onNotice ?? ((line: string) => console.log(line));
  const receiver = options.notices === false ? null : await startNotifyReceiver({
    secret: notifySecret,
    onNotice: (n) => say(`[notice] ${describeNotice(n)}`),
    onRefused: (reason) => say(`[notice] refused: ${reason}`),
  });
  const port = options.port ?? 8080;
  const server = await startServer({
    port,
    host: options.host ?? '127.0.0.1',
    db: options.db,
    staticDir,
    demoTokens: true,
    auth: { secret: options.secret ?? process.env.SAMRAD_SECRET ?? randomBytes(32).toString('hex') },
    logger: options.logLevel ?? 'warn',
    ...(receiver ? {
      notifyUrl: receiver.url, notifySecret,
      ...(port ? { notifyLinkBase: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}/` } : {}),
    } : {}),
  }).catch(async (error: Error) => {
    await receiver?.close();
    throw error;
  });
  const close = async () => {
    await server.close();
    await receiver?.close();
  };
  let seeded = false;
  try {
    if (options.seed !== false) seeded = await seedDemoCase({ baseUrl: server.httpUrl, caseId: DEMO_CASE_ID, ...(options.now ? { now: options.now } : {}) });
  } catch (error) {
    await close();
    throw error;
  }
  return { server, url: `${server.httpUrl}/`, caseId: DEMO_CASE_ID, seeded, close };
}
