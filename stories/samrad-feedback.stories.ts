import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-feedback/define.js';
import { countersOf, summarizeFeedback, totalsFromCounters, type FeedbackAnswer } from '../packages/model/src/index.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-feedback',
  component: 'samrad-feedback',
};
export default meta;

/**
 * A stand-in for the server's /feedback routes, in the page (stories send nothing
 * anywhere): `answered` says whether this user answered; `others` are fictitious family
 * members' answers, counted as the server counts them.
 */
function fakeServer(answered: boolean, others: Array<FeedbackAnswer & { role: 'parent' | 'child' }> = []): typeof fetch {
  let done = answered;
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname.split('/');
    const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (path[4] === 'answered') return reply(200, { answered: done });
    if (init?.method === 'POST') {
      done = true;
      return reply(201, { ok: true });
    }
    const counters = others.flatMap((a) => countersOf(a).map((c) => ({ meetingId: path[3]!, role: a.role, ...c, n: 1 })));
    return reply(200, summarizeFeedback(totalsFromCounters(counters)[0], path[3]!));
  }) as typeof fetch;
}

const family = (n: number) => Array.from({ length: n }, (_, i) => ({ role: i === 3 ? 'child' as const : 'parent' as const, feltHeard: 3 + (i % 3), knowsWhoToContact: i !== 2, useful: 4 + (i % 2) }));

const story = (role: 'parent' | 'child' | 'leader', lang: string, fetcher: typeof fetch, mode = 'adult') => {
  const { model } = storyCase(role);
  return html`<div lang=${lang}><samrad-feedback .model=${model} .fetcher=${fetcher} server="https://samrad.example" case="story" token="story" mode=${mode}></samrad-feedback></div>`;
};

export const Parent: StoryObj = { name: 'Parent (nb)', render: () => story('parent', 'nb', fakeServer(false)) };
export const Child: StoryObj = { name: 'Child mode (faces)', render: () => story('child', 'nb', fakeServer(false), 'child') };
export const ChildUkrainian: StoryObj = { name: 'Child mode (uk)', render: () => story('child', 'uk', fakeServer(false), 'child') };
export const Thanks: StoryObj = { name: 'After sending (thank-you)', render: () => story('parent', 'nb', fakeServer(true)) };
export const Totals: StoryObj = { name: 'Professional: anonymised totals', render: () => story('leader', 'nb', fakeServer(false, family(7))) };
export const TotalsSuppressed: StoryObj = { name: 'Professional: fewer than 5 answers (hidden)', render: () => story('leader', 'en', fakeServer(false, family(3))) };
