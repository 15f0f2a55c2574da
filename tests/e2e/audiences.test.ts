/**
 * Each person receives only what they may read, end to end: markers are written into every
 * audience document of the demo case (audiences.ts, docs/server.md's table); then a parent,
 * the teacher (school), the health nurse (the meeting leader) and the child-welfare worker
 * open the case in Chromium. Each page's text, and every document the page's connection
 * received, holds exactly the markers the table gives that person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { audienceDocName, EXAMPLE_USERS, MeetingModel, type Audience } from '@samrad/model';
import { signToken } from '../../server/src/index.js';
import { WebSocket, WebsocketProvider } from '../../server/test/reliability-deps.js';
import { ensureBuilt, launchChromium, signIn, startTestDemo, type TestDemo } from './harness.js';

const SECRET = 'audiences-e2e-secret-0123456789abcdef';
const u = EXAMPLE_USERS;
type Who = keyof typeof EXAMPLE_USERS;

let demo: TestDemo;
let browser: Browser;
const providers: WebsocketProvider[] = [];

/** Where each marker is written, and who writes it. */
const MARKERS: Array<{ marker: string; audience: Audience; by: Who }> = [
  { marker: 'MARK-RESTRICTED', audience: { kind: 'restricted' }, by: 'leader' },
  { marker: 'MARK-SCHOOL-ONLY', audience: { kind: 'service', service: 'skole' }, by: 'teacher' },
  { marker: 'MARK-HEALTH-ONLY', audience: { kind: 'service', service: 'helsestasjon' }, by: 'leader' },
  { marker: 'MARK-CW-ONLY', audience: { kind: 'service', service: 'barnevern' }, by: 'childWelfare' },
  { marker: 'MARK-NOT-SCHOOL', audience: { kind: 'withheld', services: ['skole'] }, by: 'leader' },
  { marker: 'MARK-NOT-CW', audience: { kind: 'withheld', services: ['barnevern'] }, by: 'leader' },
  { marker: 'MARK-TEACHER-DRAFT', audience: { kind: 'private', sub: u.teacher.id }, by: 'teacher' },
  { marker: 'MARK-MOTHER-DRAFT', audience: { kind: 'private', sub: u.mother.id }, by: 'mother' },
  { marker: 'MARK-NOT-FATHER', audience: { kind: 'kept-from', sub: u.father.id }, by: 'leader' },
  { marker: 'MARK-NOT-MOTHER', audience: { kind: 'kept-from', sub: u.mother.id }, by: 'leader' },
];

/** What each person must receive (everything else they must not). */
const RECEIVES: Partial<Record<Who, string[]>> = {
  mother: ['MARK-SHARED', 'MARK-MOTHER-DRAFT', 'MARK-NOT-FATHER'],
  teacher: ['MARK-SHARED', 'MARK-RESTRICTED', 'MARK-SCHOOL-ONLY', 'MARK-NOT-CW', 'MARK-TEACHER-DRAFT', 'MARK-NOT-FATHER', 'MARK-NOT-MOTHER'],
  leader: ['MARK-SHARED', 'MARK-RESTRICTED', 'MARK-HEALTH-ONLY', 'MARK-NOT-SCHOOL', 'MARK-NOT-CW', 'MARK-NOT-FATHER', 'MARK-NOT-MOTHER'],
  childWelfare: ['MARK-SHARED', 'MARK-RESTRICTED', 'MARK-CW-ONLY', 'MARK-NOT-SCHOOL', 'MARK-NOT-FATHER', 'MARK-NOT-MOTHER'],
};
const ALL = ['MARK-SHARED', ...MARKERS.map((m) => m.marker)];

async function open(who: Who, name: string): Promise<Y.Doc> {
  const person = u[who] as { id: string; name: string; role: 'leader'; service?: string };
  const token = await signToken(SECRET, { sub: person.id, name: person.name, role: person.role, case: demo.caseId, ...(person.service ? { service: person.service } : {}) });
  const p = new WebsocketProvider(demo.server.url, name, new Y.Doc(), { params: { token }, WebSocketPolyfill: WebSocket as never, disableBc: true });
  providers.push(p);
  await new Promise<void>((resolve) => (p.synced ? resolve() : p.once('sync', () => resolve())));
  return p.doc;
}

beforeAll(async () => {
  ensureBuilt();
  demo = await startTestDemo({ secret: SECRET });
  browser = await launchChromium();
  const shared = await open('leader', `case/${demo.caseId}`);
  const leader = new MeetingModel(shared, { ...u.leader });
  const voiceId = leader.snapshot().voice[0]!.id;
  leader.comments.add({ target: { type: 'voice', id: voiceId }, kind: 'comment', text: 'MARK-SHARED for everyone on the case' });
  for (const { marker, audience, by } of MARKERS) {
    const doc = await open(by, audienceDocName(demo.caseId, audience));
    const model = new MeetingModel(shared, { ...u[by] }, audience.kind === 'restricted' ? { restricted: doc } : { openAudience: () => doc });
    if (audience.kind === 'withheld') model.voice.reserve(voiceId, marker, audience.services as never);
    else if (audience.kind === 'private') model.silentNotes.add(leader.snapshot().meetings.at(-1)!.id, marker);
    else model.notes.add({ text: marker }, audience as never);
  }
  // Every marker stored before anyone signs in.
  await new Promise((r) => setTimeout(r, 500));
}, 180_000);

afterAll(async () => {
  for (const p of providers) p.destroy();
  await browser?.close();
  await demo?.stop();
});

/** Everything the page's connection received: every document's content, as JSON. */
function received(page: Page): Promise<string> {
  return page.evaluate(() => {
    type Doc = { share: Map<string, unknown>; getMap(name: string): { toJSON(): unknown } };
    const model = (document.querySelector('samrad-meeting') as HTMLElement & { model?: { doc: Doc; restricted?: Doc; audiences: Map<string, Doc> } }).model!;
    const docs = [model.doc, model.restricted, ...model.audiences.values()].filter((d): d is Doc => !!d);
    return JSON.stringify(docs.map((d) => [...d.share.keys()].map((root) => d.getMap(root).toJSON())));
  });
}

/** The text a person sees, through every shadow root. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      if (node instanceof HTMLTextAreaElement || node instanceof HTMLInputElement) parts.push(node.value);
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      node.childNodes.forEach(walk);
    };
    walk(document.body);
    return parts.join(' ');
  });
}

describe('each person receives only what they may read', () => {
  for (const who of Object.keys(RECEIVES) as Who[]) {
    it(`${who}: the page and every received document hold exactly the allowed markers`, async () => {
      const { context, page, errors } = await signIn(browser, demo, u[who].id, 'en');
      const allowed = RECEIVES[who]!;
      // The connection opens the audience documents the server lists once it is live.
      await expect.poll(async () => { const got = await received(page); return allowed.filter((m) => !got.includes(m)); }, { timeout: 15_000 }).toEqual([]);
      const got = await received(page);
      expect(ALL.filter((m) => got.includes(m)).sort(), `${who} received`).toEqual([...allowed].sort());
      const seen = await pageText(page);
      expect(ALL.filter((m) => seen.includes(m) && !allowed.includes(m)), `${who} sees`).toEqual([]);
      await context.close();
      expect(errors).toEqual([]);
    });
  }
});
