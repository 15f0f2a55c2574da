// Browser tests for the widgets, in the Debian Chromium this machine (and CI) has.
// TypeScript goes through esbuild with this package's tsconfig (no decorators,
// useDefineForClassFields off), so tests run the same code the bundlers build.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A real @samrad/server (SQLite in memory, loopback only) for the tests that connect
 * through <samrad-meeting>. Tests read its URL and HS256 test secret from
 * /__samrad/test-server.json and sign their own tokens with WebCrypto.
 */
function samradServer() {
  const secret = `wtr-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  let child;
  let port;
  const freePort = () => new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)); });
  });
  return {
    name: 'samrad-test-server',
    async serverStart() {
      port = await freePort();
      child = spawn(`${root}node_modules/.bin/tsx`, ['server/src/cli.ts', '--port', String(port), '--host', '127.0.0.1', '--db', 'sqlite::memory:', '--log-level', 'warn'], {
        cwd: root,
        env: { ...process.env, SAMRAD_SECRET: secret },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const deadline = Date.now() + 30000;
      for (;;) {
        try {
          const r = await fetch(`http://127.0.0.1:${port}/healthz`);
          if (r.status < 500) break;
        } catch { /* not up yet */ }
        if (child.exitCode !== null) throw new Error(`the test server exited with ${child.exitCode}`);
        if (Date.now() > deadline) throw new Error('the test server did not start within 30 s');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    serve(context) {
      if (context.path === '/__samrad/test-server.json') {
        return { body: JSON.stringify({ url: `ws://127.0.0.1:${port}`, secret }), type: 'json' };
      }
    },
    async serverStop() {
      child?.kill('SIGTERM');
    },
  };
}

export default {
  rootDir: fileURLToPath(new URL('../..', import.meta.url)),
  files: process.env.WTR_FILES ? process.env.WTR_FILES.split(',') : [fileURLToPath(new URL('./src/**/*.test.ts', import.meta.url))],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig }), samradServer()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--headless',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          // Two test pages run at once; the one in the background must not be throttled.
          '--disable-background-timer-throttling',
          '--disable-renderer-backgrounding',
          '--disable-backgrounding-occluded-windows',
        ],
      },
    }),
  ],
  // Two cores: two test files at a time keeps the machine responsive.
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
  browserStartTimeout: 60000,
};
