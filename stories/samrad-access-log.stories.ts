import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-access-log/define.js';
import type { AccessLogEntry } from '../packages/widgets/src/samrad-access-log/samrad-access-log.js';

const meta: Meta = {
  title: 'Widgets/samrad-access-log',
  component: 'samrad-access-log',
};
export default meta;

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** Fictitious openings of one case, newest first, as `GET /access-log/<caseId>` returns them. */
const OPENINGS: AccessLogEntry[] = [
  { at: hoursAgo(1), name: 'Ingrid Haugen', role: 'professional', service: 'skole', document: 'shared' },
  { at: hoursAgo(3), name: 'Aisha Rahman', role: 'professional', service: 'barnevern', document: 'restricted' },
  { at: hoursAgo(3.2), name: 'Aisha Rahman', role: 'professional', service: 'barnevern', document: 'shared' },
  { at: hoursAgo(26), name: 'Kari Fjellstad', role: 'parent', document: 'shared' },
  { at: hoursAgo(28), name: 'Sofie Lie', role: 'leader', service: 'helsestasjon', document: 'restricted' },
  { at: hoursAgo(50), name: 'Morten Dahl', role: 'professional', service: 'ppt', document: 'shared' },
  { at: hoursAgo(75), name: 'Sofie Lie', role: 'leader', service: 'helsestasjon', document: 'shared' },
  { at: hoursAgo(24 * 400), name: null, role: 'coordinator', document: 'shared' },
];

/** A stand-in for the server: answers like GET /access-log, paging by `before` and `limit`. */
function fakeServer(entries: AccessLogEntry[], delayMs = 300): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    await new Promise((r) => setTimeout(r, delayMs));
    const url = new URL(String(input));
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const before = url.searchParams.get('before');
    const older = before ? entries.filter((e) => e.at < before) : entries;
    return new Response(JSON.stringify({ entries: older.slice(0, limit), more: older.length > limit }), { status: 200 });
  }) as typeof fetch;
}

const failing = (status: number): typeof fetch => (async () => new Response('{}', { status })) as typeof fetch;
const never: typeof fetch = (() => new Promise<Response>(() => {})) as typeof fetch;

const log = (lang: string, fetcher: typeof fetch, pageSize = 25) =>
  html`<div lang=${lang}><samrad-access-log server="wss://samrad.invalid" case="story" token="story-token" page-size=${pageSize} .fetcher=${fetcher}></samrad-access-log></div>`;

export const Family: StoryObj = { name: 'What the family sees (nb)', render: () => log('nb', fakeServer(OPENINGS)) };
export const Paged: StoryObj = { name: 'Three at a time, with “show more” (en)', render: () => log('en', fakeServer(OPENINGS), 3) };
export const Nynorsk: StoryObj = { name: 'Nynorsk', render: () => log('nn', fakeServer(OPENINGS)) };
export const Ukrainian: StoryObj = { name: 'Ukrainian', render: () => log('uk', fakeServer(OPENINGS)) };
export const Empty: StoryObj = { name: 'Nobody has opened the case yet', render: () => log('nb', fakeServer([])) };
export const Loading: StoryObj = { name: 'Loading', render: () => log('nb', never) };
export const Forbidden: StoryObj = { name: 'A teacher asks: refused', render: () => log('nb', failing(403)) };
export const Failed: StoryObj = { name: 'The server cannot be reached', render: () => log('en', failing(503)) };
export const NotConnected: StoryObj = { name: 'No server, case or token given', render: () => html`<div lang="nb"><samrad-access-log></samrad-access-log></div>` };
