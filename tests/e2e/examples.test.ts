/**
 * The examples in Chromium against a real server: the plain-HTML page (served by the
 * demo server, and from a separate static server on another origin, as a host would),
 * the host-written custom view inside <samrad-meeting>, and the same read with plain Yjs.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MeetingModel } from '@samrad/model';
import { ensureBuilt, launchChromium, ROOT, startTestDemo, watchErrors, type TestDemo } from './harness.js';

let demo: TestDemo;
let browser: Browser;
let statics: Server;
let staticUrl: string;

/**
 * A bare static file server for the repository, like `python3 -m http.server` would be, plus
 * the host's own token address: its back end asks the demo's sign-in server to server (the
 * sign-in answers no other origin's browser), as a host signs tokens from its own login.
 */
function serveRepo(): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.map': 'application/json' };
  const server = createServer((req, res) => {
    if (req.url === '/host/token' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void fetch(new URL('/demo/token', demo.server.httpUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) })
          .then(async (r) => res.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text()))
          .catch(() => res.writeHead(502).end());
      });
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    let file = join(ROOT, path);
    if (!file.startsWith(ROOT) || !existsSync(file)) return void res.writeHead(404).end();
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

beforeAll(async () => {
  ensureBuilt();
  demo = await startTestDemo();
  browser = await launchChromium();
  statics = await serveRepo();
  const address = statics.address();
  staticUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  await new Promise((r) => statics?.close(r));
});

async function openPage(url: string): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('console', (m) => { if (/Yjs was already imported/.test(m.text())) errors.push(m.text()); });
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

const live = (page: Page) => page.waitForFunction(() => (document.querySelector('samrad-meeting') as HTMLElement & { connection?: { state: string } } | null)?.connection?.state === 'live', undefined, { timeout: 20_000 });

describe('plain HTML, no build step', () => {
  for (const where of ['served by the Samråd server', 'served from another origin'] as const) {
    it(`shows the live meeting when ${where}`, async () => {
      const url = where === 'served by the Samråd server'
        ? `${demo.url}examples/plain-html/`
        : `${staticUrl}examples/plain-html/?server=${encodeURIComponent(demo.server.httpUrl)}&token-url=/host/token`;
      const { page, errors, close } = await openPage(url);
      await live(page);
      await page.locator('samrad-agenda li[part~="row"]').first().waitFor();
      expect(await page.locator('samrad-agenda li[part~="row"]').count()).toBe(11);
      await page.locator('samrad-actions li[part~="row"]').first().waitFor();
      expect(await page.locator('samrad-actions li[part~="row"]').count()).toBeGreaterThanOrEqual(5);
      // The host's own stylesheet reaches in only through the custom properties it set.
      const accent = await page.locator('samrad-meeting').evaluate((el) => getComputedStyle(el).getPropertyValue('--samrad-color-accent').trim());
      expect(accent).toBe('#6b2c91');
      // The host heard the connection event bubble out.
      await page.locator('#log li', { hasText: 'samrad-connection-change' }).first().waitFor();
      expect(errors).toEqual([]);
      await close();
    });
  }
});

describe('a custom view inside <samrad-meeting>', () => {
  it('reads the public model through context, updates live, and matches the plain-Yjs read', async () => {
    const { page, errors, close } = await openPage(`${demo.url}examples/custom-view/`);
    await live(page);
    const view = page.locator('kommune-my-actions');
    await view.locator('li').first().waitFor();
    const titles = () => view.locator('li').evaluateAll((lis) => lis.map((li) => li.textContent ?? ''));
    // Morten Dahl (PPT) owns one action in the example, and it is overdue.
    let rows = await titles();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Utredning av lese- og skrivevansker');
    expect(await view.locator('li.overdue').count()).toBe(1);

    // An action added for him with an earlier deadline goes to the top, live.
    await page.evaluate(() => {
      const meeting = document.querySelector('samrad-meeting') as HTMLElement & { model: MeetingModel };
      const model = meeting.model;
      const me = model.me()!;
      model.actions.add({ title: 'Observere Emma i friminuttet', owner: { kind: 'participant', participantId: me.id }, schedule: { kind: 'deadline', date: '2020-01-15' }, evaluationDate: '2030-01-01' });
    });
    await expect.poll(async () => (await titles()).length).toBe(2);
    rows = await titles();
    expect(rows[0]).toContain('Observere Emma i friminuttet');
    expect(rows[1]).toContain('Utredning av lese- og skrivevansker');
    // Our own <samrad-actions> next to it shows the same new action.
    await page.locator('samrad-actions li[part~="row"]', { hasText: 'Observere Emma i friminuttet' }).waitFor();

    // The plain-Yjs page lists the same actions in the same order.
    const plain = await openPage(`${demo.url}examples/custom-view/plain-yjs.html`);
    await plain.page.waitForSelector('body[data-ready="true"]');
    await expect.poll(() => plain.page.locator('#list li').count()).toBe(2);
    const plainIds = await plain.page.locator('#list li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.id));
    const viewIds = await view.locator('li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.id));
    expect(plainIds).toEqual(viewIds);
    // No @samrad code on the plain page: no custom elements defined.
    expect(await plain.page.evaluate(() => customElements.get('samrad-meeting') === undefined)).toBe(true);

    expect(errors).toEqual([]);
    expect(plain.errors).toEqual([]);
    await plain.close();
    await close();
  });
});
