import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { $, $$, expectNoAxeViolations, fixtureIn, getTestServer, settle, signTestToken, textOf, uniqueCaseId, userFor, waitUntil } from '../shared/test-helpers.js';
import { httpBase, type AccessLogEntry, type SamradAccessLog } from './samrad-access-log.js';
import './define.js';
import '../samrad-meeting/define.js';

const ENTRIES: AccessLogEntry[] = [
  { at: '2026-11-20T10:15:00.000Z', name: 'Ingrid Haugen', role: 'professional', service: 'skole', document: 'restricted' },
  { at: '2026-11-20T09:00:00.000Z', name: 'Ingrid Haugen', role: 'professional', service: 'skole', document: 'shared' },
  { at: '2026-11-19T08:30:00.000Z', name: 'Sofie Lie', role: 'leader', service: 'helsestasjon', document: 'shared' },
  { at: '2025-01-02T03:04:05.000Z', name: null, role: 'coordinator', document: 'shared' },
];

interface Call { url: string; auth: string | null }
const realFetch = window.fetch;
let calls: Call[] = [];

/** Answers every request with `answer` (a response, or a promise of one), recording what was asked. */
function stubFetch(answer: (call: Call) => Response | Promise<Response>): void {
  calls = [];
  window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), auth: new Headers(init?.headers).get('authorization') };
    calls.push(call);
    return Promise.resolve(answer(call));
  }) as typeof fetch;
}
const ok = (entries: AccessLogEntry[], more = false) => new Response(JSON.stringify({ entries, more }), { status: 200, headers: { 'content-type': 'application/json' } });

afterEach(() => { window.fetch = realFetch; });

async function mount(lang = 'en', attrs = html`<samrad-access-log server="ws://samrad.test:1234" case="c1" token="tok-1"></samrad-access-log>`): Promise<SamradAccessLog> {
  const el = await fixtureIn<SamradAccessLog>(attrs, lang);
  await waitUntil(() => el.status !== 'loading', 'loaded');
  await settle(el);
  return el;
}

describe('<samrad-access-log>', () => {
  it('derives the HTTP address from the websocket URL', () => {
    expect(httpBase('wss://samrad.example.no/sync')).to.equal('https://samrad.example.no');
    expect(httpBase('ws://127.0.0.1:1234/')).to.equal('http://127.0.0.1:1234');
    expect(httpBase('https://host/samrad')).to.equal('https://host/samrad');
    expect(httpBase('ftp://host')).to.equal(undefined);
  });

  it('shows who opened the case as a table, in words and the locale’s dates', async () => {
    stubFetch(() => ok(ENTRIES));
    const el = await mount('en');
    expect(calls).to.have.length(1);
    expect(calls[0]!.url).to.equal('http://samrad.test:1234/access-log/c1?limit=25');
    expect(calls[0]!.auth).to.equal('Bearer tok-1');
    const rows = $$(el, 'tbody tr');
    expect(rows).to.have.length(4);
    expect(textOf(el)).to.contain('Who has opened the case');
    expect(rows[0]!.textContent).to.contain('Ingrid Haugen').and.contain('Professional, School').and.contain('Professionals only');
    expect(rows[1]!.textContent).to.contain('What is shared with the family');
    expect(rows[2]!.textContent).to.contain('Meeting leader, Health clinic');
    expect(rows[3]!.textContent).to.contain('Name not recorded').and.contain('Coordinator');
    const time = rows[3]!.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal('2025-01-02T03:04:05.000Z');
    expect(time.textContent).to.contain('January 2025');
    expect($$(el, 'th[scope="col"]')).to.have.length(4);
    expect($(el, 'caption').textContent).to.equal('Openings of the case');
    expect($$(el, 'button[part="more"]')).to.have.length(0);
  });

  it('speaks Norwegian and Ukrainian', async () => {
    stubFetch(() => ok(ENTRIES));
    const nb = await mount('nb');
    expect(textOf(nb)).to.contain('Hvem har åpnet saken').and.contain('Fagperson, Skole').and.contain('Bare for fagpersoner').and.contain('januar 2025');
    const nn = await mount('nn');
    expect(textOf(nn)).to.contain('Kven har opna saka').and.contain('Fagperson, Skule');
    const uk = await mount('uk');
    expect(textOf(uk)).to.contain('Хто відкривав справу').and.contain('Фахівець, Школа');
  });

  it('says when nothing has been opened, and while it loads', async () => {
    let release!: (r: Response) => void;
    stubFetch(() => new Promise<Response>((resolve) => { release = resolve; }));
    const el = await fixtureIn<SamradAccessLog>(html`<samrad-access-log server="ws://samrad.test" case="c1" token="t"></samrad-access-log>`, 'en');
    await waitUntil(() => calls.length === 1, 'request');
    await settle(el);
    expect(el.status).to.equal('loading');
    expect($(el, '[data-state="loading"]').textContent).to.contain('Loading the log');
    expect($(el, 'section').getAttribute('aria-busy')).to.equal('true');
    await expectNoAxeViolations(el);
    release(ok([]));
    await waitUntil(() => el.status === 'ready', 'ready');
    await settle(el);
    expect($(el, '[data-state="empty"]').textContent).to.equal('Nobody has opened the case yet.');
    expect($$(el, 'table')).to.have.length(0);
  });

  it('says why loading failed, and tries again', async () => {
    stubFetch(() => new Response('{"error":"forbidden"}', { status: 403 }));
    let el = await mount('en');
    expect(el.failure).to.equal('forbidden');
    expect($(el, '[role="alert"]').textContent).to.contain('Only guardians, the coordinator and the meeting leader');
    expect($$(el, 'button[part="retry"]')).to.have.length(0);

    stubFetch(() => new Response('{"error":"token-expired"}', { status: 401 }));
    el = await mount('nb');
    expect($(el, '[role="alert"]').textContent).to.contain('Logg inn på nytt');

    let fail = true;
    stubFetch(() => (fail ? Promise.reject(new TypeError('network down')) : ok(ENTRIES.slice(0, 1))));
    let errors = 0;
    el = await fixtureIn<SamradAccessLog>(html`<samrad-access-log server="ws://samrad.test" case="c1" token="t" @samrad-access-log-error=${() => { errors += 1; }}></samrad-access-log>`, 'en');
    await waitUntil(() => el.status === 'error', 'error');
    await settle(el);
    expect(errors).to.equal(1);
    expect($(el, '[role="alert"]').textContent).to.contain('Check your connection');
    fail = false;
    $<HTMLButtonElement>(el, 'button[part="retry"]').click();
    await waitUntil(() => el.status === 'ready', 'ready after retry');
    await settle(el);
    expect($$(el, 'tbody tr')).to.have.length(1);
  });

  it('shows more, older openings on request and moves focus to the first of them', async () => {
    stubFetch((call) => (call.url.includes('before=') ? ok(ENTRIES.slice(2)) : ok(ENTRIES.slice(0, 2), true)));
    const el = await mount('en', html`<samrad-access-log server="wss://samrad.test/sync" case="c1" token="t" page-size="2"></samrad-access-log>`);
    expect($$(el, 'tbody tr')).to.have.length(2);
    const more = $<HTMLButtonElement>(el, 'button[part="more"]');
    expect(more.textContent!.trim()).to.equal('Show more');
    const box = more.getBoundingClientRect();
    expect(box.height).to.be.at.least(24);
    expect(box.width).to.be.at.least(24);
    more.focus();
    more.click();
    await waitUntil(() => $$(el, 'tbody tr').length === 4, 'second page');
    await settle(el);
    expect(calls[1]!.url).to.equal(`https://samrad.test/access-log/c1?limit=2&before=${encodeURIComponent(ENTRIES[1]!.at)}`);
    expect(el.shadowRoot!.activeElement).to.equal($$(el, 'tbody tr')[2]);
    expect($$(el, 'button[part="more"]')).to.have.length(0);
    await waitUntil(() => el.lastAnnouncement.includes('All openings are shown'), 'announced');
  });

  it('asks through the host’s fetch when given one', async () => {
    stubFetch(() => new Response('{}', { status: 500 }));
    const asked: string[] = [];
    const fetcher = (async (input: RequestInfo | URL) => { asked.push(String(input)); return ok(ENTRIES.slice(0, 1)); }) as typeof fetch;
    const el = await mount('en', html`<samrad-access-log server="https://portal.test/samrad" case="c 1" token="t" .fetcher=${fetcher}></samrad-access-log>`);
    expect(asked).to.deep.equal(['https://portal.test/samrad/access-log/c%201?limit=25']);
    expect(calls).to.have.length(0);
    expect($$(el, 'tbody tr')).to.have.length(1);
  });

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
    it(`is axe-clean with entries, empty and failed in ${lang}`, async () => {
      stubFetch(() => ok(ENTRIES, true));
      await expectNoAxeViolations(await mount(lang));
      stubFetch(() => ok([]));
      await expectNoAxeViolations(await mount(lang));
      stubFetch(() => new Response('{}', { status: 500 }));
      await expectNoAxeViolations(await mount(lang));
      await expectNoAxeViolations(await mount(lang, html`<samrad-access-log></samrad-access-log>`));
    });
  }
});

describe('<samrad-access-log> with the server', () => {
  it('shows a parent who opened the case, and refuses a teacher', async () => {
    const { url } = await getTestServer();
    const caseId = uniqueCaseId('access');
    // The leader opens the case.
    const leader = await signTestToken(userFor('leader'), caseId);
    const ws = new WebSocket(`${url}/sync/${encodeURIComponent(`case/${caseId}`)}?token=${leader}`);
    await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
    await new Promise((r) => setTimeout(r, 300));
    ws.close();

    const parent = await signTestToken(userFor('parent'), caseId);
    const el = await fixtureIn<SamradAccessLog>(html`<samrad-access-log server=${url} case=${caseId} token=${parent}></samrad-access-log>`, 'en');
    await waitUntil(() => el.status === 'ready', 'loaded from the server', 5000);
    await settle(el);
    expect($$(el, 'tbody tr')).to.have.length(1);
    expect(textOf(el)).to.contain(userFor('leader').name).and.contain('Meeting leader');
    await expectNoAxeViolations(el);

    const teacher = await signTestToken({ ...userFor('professional'), service: 'skole' }, caseId);
    const refused = await fixtureIn<SamradAccessLog>(html`<samrad-access-log server=${url} case=${caseId} token=${teacher}></samrad-access-log>`, 'en');
    await waitUntil(() => refused.status === 'error', 'refused', 5000);
    expect(refused.failure).to.equal('forbidden');
  });

  it('uses the server, case and token of the enclosing <samrad-meeting>', async () => {
    const { url } = await getTestServer();
    const caseId = uniqueCaseId('access');
    const parent = await signTestToken(userFor('parent'), caseId);
    const meeting = await fixtureIn(html`<samrad-meeting server=${url} case=${caseId} token=${parent} no-offline-cache><samrad-access-log></samrad-access-log></samrad-meeting>`, 'en');
    const el = meeting.querySelector('samrad-access-log')!;
    // The parent's own opening through <samrad-meeting> is in the log once it is recorded.
    await waitUntil(async () => {
      if (el.status === 'ready' && el.entries.length > 0) return true;
      if (el.status !== 'loading') await el.reload();
      return false;
    }, 'own opening listed', 8000);
    expect(el.entries[0]).to.include({ name: userFor('parent').name, role: 'parent', document: 'shared' });
  });
});
