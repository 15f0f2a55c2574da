/** Health, the opt-in demo sign-in and the static site. */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { provider, start, synced } from './helpers.js';

describe('HTTP routes', () => {
  it('has no demo sign-in unless asked', async () => {
    const server = await start({ db: 'sqlite::memory:' });
    try {
      expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200);
      const r = await fetch(`${server.httpUrl}/demo/token`, { method: 'POST', body: JSON.stringify({ case: 'c1', role: 'leader', name: 'X' }) });
      expect(r.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('signs demo tokens when demoTokens is on, and serves a static site without leaving its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samrad-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const server = await start({ db: 'sqlite::memory:', demoTokens: true, staticDir: dir });
    try {
      const bad = await fetch(`${server.httpUrl}/demo/token`, { method: 'POST', body: JSON.stringify({ case: 'c1', role: 'admin', name: 'X' }) });
      expect(bad.status).toBe(400);
      const r = await fetch(`${server.httpUrl}/demo/token`, { method: 'POST', body: JSON.stringify({ case: 'c1', role: 'parent', name: 'Kari' }) });
      const { token } = (await r.json()) as { token: string };
      const p = provider(server, 'case/c1', token);
      await synced(p);
      p.destroy();

      expect(await (await fetch(`${server.httpUrl}/`)).text()).toContain('<title>demo</title>');
      const js = await fetch(`${server.httpUrl}/assets/app.js`);
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect(await (await fetch(`${server.httpUrl}/meetings/42`)).text()).toContain('<title>demo</title>');
      expect((await fetch(`${server.httpUrl}/assets/missing.js`)).status).toBe(404);
      // Dot segments resolve inside the folder: the site's own index, never /etc/passwd.
      expect(await (await fetch(`${server.httpUrl}/..%2f..%2fetc%2fpasswd`)).text()).not.toContain('root:');
      expect(await (await fetch(`${server.httpUrl}/..%2f..%2fetc%2fhostname.txt`)).text()).toContain('not found');
    } finally {
      await server.close();
    }
  });
});
