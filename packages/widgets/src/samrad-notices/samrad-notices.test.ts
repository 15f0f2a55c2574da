import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { LOCALES } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, seeded, settle, textOf, waitUntil } from '../shared/test-helpers.js';
import type { NoticeEntry, SamradNotices } from './samrad-notices.js';
import './define.js';

const at = '2026-11-20T09:00:00.000Z';
const NOTICES: NoticeEntry[] = [
  { id: 'n1', kind: 'meeting-invitation', recipient: { participantId: 'p1', name: 'Kari Fjellstad' }, date: '2026-11-27', state: 'delivered', attempts: 1, createdAt: at, deliveredAt: at },
  { id: 'n2', kind: 'action-deadline-soon', recipient: { participantId: 'p2', name: 'Ola Nordby' }, date: '2026-11-30', state: 'undeliverable', attempts: 0, createdAt: '2026-11-21T09:00:00.000Z', deliveredAt: null },
  { id: 'n3', kind: 'minutes-locked', recipient: { participantId: 'p3', name: 'Emma' }, date: '2026-11-20', state: 'pending', attempts: 2, createdAt: '2026-11-19T09:00:00.000Z', deliveredAt: null },
];

/** A stand-in for the server's `GET /notices/<case>`, recording what it was asked. */
function server(status = 200) {
  const asked: Array<{ url: string; auth: string | null }> = [];
  const fetcher = (async (url: string, init?: RequestInit) => {
    asked.push({ url, auth: new Headers(init?.headers).get('authorization') });
    return new Response(JSON.stringify(status === 200 ? { notices: NOTICES, undeliverable: 1 } : { error: 'x' }), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { asked, fetcher };
}

async function mount(role: 'leader' | 'parent', fetcher: typeof fetch, lang = 'en'): Promise<SamradNotices> {
  const { model } = seeded(role);
  const el = await fixtureIn<SamradNotices>(html`<samrad-notices .model=${model} .fetcher=${fetcher} server="wss://samrad.test" case="c-1" token="t-1"></samrad-notices>`, lang);
  await waitUntil(() => el.status !== 'loading' && el.status !== 'idle', 'loaded');
  await settle(el);
  return el;
}

describe('<samrad-notices>', () => {
  it('shows the leader each notice and its fate, newest first, and warns about those that did not arrive', async () => {
    const { asked, fetcher } = server();
    const el = await mount('leader', fetcher);
    expect(asked).to.deep.equal([{ url: 'https://samrad.test/notices/c-1', auth: 'Bearer t-1' }]);
    expect($$(el, 'tbody tr').map((r) => r.dataset.notice)).to.deep.equal(['n2', 'n1', 'n3']);
    expect($(el, '[part="undeliverable"]').textContent).to.contain('1 notice did not arrive');
    expect(textOf($(el, 'tr[data-notice="n2"]'))).to.contain('Did not arrive: no channel');
    expect(textOf($(el, 'tr[data-notice="n3"]'))).to.contain('Trying again (2 attempts so far)');
    expect(textOf($(el, 'tr[data-notice="n1"]'))).to.contain('Meeting invitation');
    await expectNoAxeViolations(el);
  });

  it('shows a parent nothing, and says so when the server refuses', async () => {
    const parent = await fixtureIn<SamradNotices>(html`<samrad-notices .model=${seeded('parent').model} .fetcher=${server(403).fetcher} server="wss://samrad.test" case="c-1" token="t"></samrad-notices>`, 'en');
    await settle(parent);
    expect(textOf(parent)).to.equal('');
    const { fetcher } = server(403);
    const leader = await mount('leader', fetcher);
    expect(textOf(leader)).to.contain('Only the meeting leader and the coordinator see the notices.');
  });

  for (const lang of LOCALES) {
    it(`has no axe violations in ${lang}`, async () => {
      const el = await mount('leader', server().fetcher, lang);
      await expectNoAxeViolations(el);
    });
  }
});
