import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { countersOf, summarizeFeedback, totalsFromCounters, type FeedbackAnswer, type MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, getTestServer, seeded, settle, signTestToken, textOf, uniqueCaseId, userFor, waitUntil } from '../shared/test-helpers.js';
import type { SamradMeeting } from '../samrad-meeting/samrad-meeting.js';
import type { SamradFeedback } from './samrad-feedback.js';
import './define.js';
import '../samrad-meeting/define.js';

interface Call { method: string; path: string; auth: string | null; body?: unknown }

/**
 * A stand-in for the server's /feedback routes: counts answers per token, as the server
 * does, and answers with the model's suppressed summary. `fail` answers every request with
 * that status instead.
 */
function fakeServer(options: { fail?: number } = {}) {
  const calls: Call[] = [];
  const answered = new Set<string>();
  const answers: Array<FeedbackAnswer & { role: 'parent' | 'child' }> = [];
  const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const auth = new Headers(init?.headers).get('authorization');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) as unknown : undefined;
    calls.push({ method, path: url.pathname, auth, ...(body ? { body } : {}) });
    if (options.fail) return reply(options.fail, { error: 'x' });
    const [, , , meetingId, tail] = url.pathname.split('/');
    if (tail === 'answered') return reply(200, { answered: answered.has(auth ?? '') });
    if (method === 'POST') {
      if (answered.has(auth ?? '')) return reply(409, { error: 'already-answered' });
      answered.add(auth ?? '');
      answers.push({ ...(body as FeedbackAnswer), role: auth?.includes('child') ? 'child' : 'parent' });
      return reply(201, { ok: true });
    }
    const counters = answers.flatMap((a) => countersOf(a).map((c) => ({ meetingId: meetingId!, role: a.role, ...c, n: 1 })));
    return reply(200, summarizeFeedback(totalsFromCounters(counters)[0], meetingId!));
  }) as typeof fetch;
  /** Answers from `n` made-up family members, as other people's devices would send them. */
  const others = (n: number, role: 'parent' | 'child' = 'parent', answer: FeedbackAnswer = { feltHeard: 4, knowsWhoToContact: true, useful: 5 }) => {
    for (let i = 0; i < n; i++) answers.push({ ...answer, role });
  };
  return { fetcher, calls, others };
}

async function mount(model: MeetingModel, fetcher: typeof fetch, lang = 'nb', mode = 'adult', tok = `tok-${model.user.role}`): Promise<SamradFeedback> {
  const el = await fixtureIn<SamradFeedback>(html`<samrad-feedback .model=${model} .fetcher=${fetcher} server="wss://samrad.test/sync" case="c1" token=${tok} mode=${mode}></samrad-feedback>`, lang);
  await waitUntil(() => el.status !== 'loading', 'asked the server');
  await settle(el);
  return el;
}

function choose(el: Element, question: string, value: string): void {
  $$<HTMLInputElement>(el, `input[name="${question}"]`).find((i) => i.value === value)!.click();
}

async function send(el: SamradFeedback): Promise<void> {
  $<HTMLButtonElement>(el, 'button[part="submit"]').click();
  // The click marks the element busy at once; wait until the server's answer is in.
  await el.updateComplete;
  await waitUntil(() => !$$(el, '[aria-busy="true"]').length, 'sent', 8000);
  await settle(el);
}

describe('<samrad-feedback>', () => {
  it('asks a parent the questions, says in words what is missing, sends only the three answers to the server, then thanks them', async () => {
    const { model, ids } = seeded('parent');
    const server = fakeServer();
    const el = await mount(model, server.fetcher, 'en');
    expect(server.calls).to.deep.equal([{ method: 'GET', path: `/feedback/c1/${ids!.meetingId}/answered`, auth: 'Bearer tok-parent' }]);
    const sent: CustomEvent[] = [];
    el.addEventListener('samrad-feedback-submit', (e) => sent.push(e as CustomEvent));
    expect($$(el, 'fieldset legend').map((l) => l.textContent)).to.deep.equal([
      'Did you feel heard in the meeting?', 'Do you know who to contact after the meeting?', 'Was the meeting useful?',
    ]);
    // Anonymous: no free text, and the form says the answers are only counted.
    expect($$(el, 'textarea')).to.have.length(0);
    expect(textOf(el)).to.contain('Your answers are anonymous').and.contain('only counts how many gave each answer');
    $<HTMLButtonElement>(el, 'button[part="submit"]').click();
    await settle(el);
    expect($(el, '#form-error').textContent).to.equal('3 questions have no answer.');
    expect($(el, '#feltHeard-error').textContent).to.equal('Choose an answer.');
    expect($(el, '#knowsWhoToContact-error').textContent).to.equal('Choose yes or no.');
    expect($(el, 'fieldset[data-question="useful"]').getAttribute('aria-describedby')).to.equal('useful-error');
    expect((el.shadowRoot!.activeElement as HTMLInputElement).name).to.equal('feltHeard');
    expect(server.calls.filter((c) => c.method === 'POST')).to.have.length(0);

    // Keyboard: arrows move within a radio group, as in any form.
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect($$<HTMLInputElement>(el, 'input[name="feltHeard"]').find((i) => i.checked)?.value).to.equal('2');
    expect($$(el, '#feltHeard-error')).to.have.length(0);
    choose(el, 'feltHeard', '4');
    choose(el, 'knowsWhoToContact', 'yes');
    await settle(el);
    $<HTMLButtonElement>(el, 'button[part="submit"]').click();
    await settle(el);
    expect($(el, '#form-error').textContent).to.equal('One question has no answer.');
    choose(el, 'useful', '5');
    await settle(el);
    await send(el);
    const post = server.calls.find((c) => c.method === 'POST')!;
    expect(post).to.deep.equal({ method: 'POST', path: `/feedback/c1/${ids!.meetingId}`, auth: 'Bearer tok-parent', body: { feltHeard: 4, knowsWhoToContact: true, useful: 5 } });
    // Nothing of it goes into the shared document.
    expect(model.snapshot().feedback).to.have.length(0);
    expect(sent.map((e) => e.detail)).to.deep.equal([{ meetingId: ids!.meetingId }]);
    expect($(el, '[part="thanks"]').textContent).to.contain('Thank you for your answers!');
    expect(el.shadowRoot!.activeElement?.id).to.equal('thanks');
    expect($$(el, 'form')).to.have.length(0);
  });

  it('has a child-friendly variant: plain words, faces with text, large targets', async () => {
    const { model } = seeded('child');
    const server = fakeServer();
    const el = await mount(model, server.fetcher, 'uk', 'child');
    expect($(el, 'h2').textContent).to.equal('Як пройшла зустріч?');
    expect($$(el, 'fieldset legend')[0]!.textContent).to.equal('Чи дорослі слухали тебе?');
    expect(textOf(el)).to.contain('Ніхто не побачить саме твоїх відповідей.');
    const faces = $$(el, 'fieldset[data-question="feltHeard"] .option');
    expect(faces.map((f) => f.querySelector('.word')!.textContent)).to.deep.equal(['Ні', 'Трошки', 'Так собі', 'Доволі', 'Так, дуже']);
    for (const f of faces) {
      expect(f.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
      const box = f.getBoundingClientRect();
      expect(box.width).to.be.at.least(44);
      expect(box.height).to.be.at.least(44);
    }
    $<HTMLButtonElement>(el, 'button[part="submit"]').click();
    await settle(el);
    expect($(el, '#feltHeard-error').textContent).to.equal('Натисни на одне з облич.');
    expect($(el, '#knowsWhoToContact-error').textContent).to.equal('Натисни «так» або «ні».');
    choose(el, 'feltHeard', '5');
    choose(el, 'knowsWhoToContact', 'no');
    choose(el, 'useful', '3');
    await settle(el);
    await send(el);
    expect(server.calls.find((c) => c.method === 'POST')!.body).to.deep.equal({ feltHeard: 5, knowsWhoToContact: false, useful: 3 });
    expect($(el, '[part="thanks"]').textContent).to.contain('Дякуємо!');
  });

  it('shows the thank-you to someone who answered already (on another device), and says so when the server refuses a second answer', async () => {
    const server = fakeServer();
    const first = await mount(seeded('parent').model, server.fetcher, 'nn');
    choose(first, 'feltHeard', '3');
    choose(first, 'knowsWhoToContact', 'yes');
    choose(first, 'useful', '3');
    await settle(first);
    // A second device of the same person, opened before the first sent.
    const second = await mount(seeded('parent').model, server.fetcher, 'nn');
    choose(second, 'feltHeard', '1');
    choose(second, 'knowsWhoToContact', 'no');
    choose(second, 'useful', '1');
    await settle(second);
    await send(first);
    await send(second);
    expect(textOf(second)).to.contain('Takk for svara!');
    await waitUntil(() => second.lastAnnouncement === 'Du har allereie svart for dette møtet. Takk!', 'said it was answered already');
    // Opened again: the server says they answered.
    const third = await mount(seeded('parent').model, server.fetcher, 'nn');
    expect($$(third, '[part="thanks"]')).to.have.length(1);
    expect(server.calls.filter((c) => c.method === 'POST')).to.have.length(2);
  });

  it('keeps the answers and says so in words when the server cannot take them', async () => {
    const server = fakeServer();
    const el = await mount(seeded('parent').model, server.fetcher, 'en');
    const broken = fakeServer({ fail: 503 });
    el.fetcher = broken.fetcher;
    choose(el, 'feltHeard', '3');
    choose(el, 'knowsWhoToContact', 'yes');
    choose(el, 'useful', '3');
    await settle(el);
    await send(el);
    expect($(el, '#form-error').textContent).to.equal('The server could not be reached. Please try again.');
    expect($$<HTMLInputElement>(el, 'input[name="useful"]').find((i) => i.checked)?.value).to.equal('3');
    el.fetcher = server.fetcher;
    await send(el);
    expect($$(el, '[part="thanks"]')).to.have.length(1);
  });

  it('shows professionals only the server’s anonymised totals, hiding figures under five', async () => {
    const { model, ids } = seeded('leader');
    const server = fakeServer();
    const el = await mount(model, server.fetcher, 'en');
    expect(server.calls.map((c) => c.path)).to.deep.equal([`/feedback/c1/${ids!.meetingId}`]);
    expect(textOf(el)).to.contain('No answers yet.');
    expect($$(el, 'form')).to.have.length(0);
    server.others(3);
    $<HTMLButtonElement>(el, 'button[part="refresh"]').click();
    await waitUntil(() => $$(el, '.suppressed').length === 1, 'refreshed');
    expect($(el, '.suppressed').textContent).to.contain('Fewer than 5 have answered.');
    expect($$(el, 'table')).to.have.length(0);
    await waitUntil(() => el.lastAnnouncement === 'The figures were updated.', 'announced');

    server.others(3, 'parent', { feltHeard: 4, knowsWhoToContact: true, useful: 5 });
    server.others(1, 'child', { feltHeard: 5, knowsWhoToContact: false, useful: 5 });
    await el.reload();
    await settle(el);
    expect($(el, '.total').textContent).to.equal('7 answers');
    // One child among seven: both role counts hidden, since either would give the other away.
    expect(textOf(el)).to.contain('Who answered: Parents hidden · Children hidden');
    const felt = [...$(el, 'tr[data-question="feltHeard"]').querySelectorAll('td')].map((c) => c.textContent!.trim());
    // Six fours and one five: the five is one person, and the six would give it away.
    expect(felt).to.deep.equal(['hidden', '0', '0', '0', 'hidden', 'hidden']);
    const useful = [...$(el, 'tr[data-question="useful"]').querySelectorAll('td')].map((c) => c.textContent!.trim());
    expect(useful).to.deep.equal(['5 of 5', '0', '0', '0', '0', '7']);
    expect($(el, 'tr[data-answer="no"] td').textContent).to.equal('hidden');
  });

  it('tells an observer the feedback is not for them, and asks the server nothing', async () => {
    const server = fakeServer();
    const el = await mount(seeded('observer').model, server.fetcher, 'nb');
    expect(textOf(el)).to.contain('Tilbakemeldingen er for foreldrene og barnet.');
    expect($$(el, 'form, table')).to.have.length(0);
    expect(server.calls).to.have.length(0);
  });

  it('says it needs the server when it has none', async () => {
    const el = await fixtureIn<SamradFeedback>(html`<samrad-feedback .model=${seeded('parent').model}></samrad-feedback>`, 'en');
    await settle(el);
    expect($(el, '[data-state="idle"]').textContent).to.equal('Feedback needs a connection to the Samråd server.');
    expect($$(el, 'form')).to.have.length(0);
  });

  it('answers through a real server inside <samrad-meeting>: the answer is counted there and never reaches the document', async () => {
    const { url } = await getTestServer();
    const caseId = uniqueCaseId('feedback');
    const leaderToken = await signTestToken(userFor('leader'), caseId);
    const leader = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server=${url} case=${caseId} token=${leaderToken}><samrad-feedback></samrad-feedback></samrad-meeting>`, 'en');
    await waitUntil(() => leader.connection.state === 'live', 'leader live', 8000);
    leader.model!.case.setup({ child: { name: 'Testbarn', pseudonym: true }, levelModelId: 'bti' });
    leader.model!.meetings.create({ templateId: 'samarbeidsmote', purpose: 'Test av tilbakemelding', date: new Date().toISOString() });

    const parentToken = await signTestToken(userFor('parent'), caseId);
    const family = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server=${url} case=${caseId} token=${parentToken}><samrad-feedback></samrad-feedback></samrad-meeting>`, 'en');
    const el = family.querySelector('samrad-feedback') as SamradFeedback;
    await waitUntil(() => el.status === 'ready' && $$(el, 'form').length === 1, 'the parent’s form', 8000);
    await settle(el);
    await expectNoAxeViolations(el);
    choose(el, 'feltHeard', '2');
    choose(el, 'knowsWhoToContact', 'no');
    choose(el, 'useful', '3');
    await settle(el);
    await send(el);
    expect($$(el, '[part="thanks"]')).to.have.length(1);
    expect(el.answered).to.equal(true);
    expect(family.model!.snapshot().feedback).to.have.length(0);
    expect(leader.model!.snapshot().feedback).to.have.length(0);

    const totals = leader.querySelector('samrad-feedback') as SamradFeedback;
    await totals.reload();
    await settle(totals);
    expect(totals.summary).to.include({ answers: null, suppressed: true });
    expect($(totals, '.suppressed').textContent).to.contain('Fewer than 5 have answered.');
    await expectNoAxeViolations(totals);
  });

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
    it(`has no axe violations in ${lang} (parent with errors, child mode, totals)`, async () => {
      const parent = await mount(seeded('parent').model, fakeServer().fetcher, lang);
      $<HTMLButtonElement>(parent, 'button[part="submit"]').click();
      await settle(parent);
      expect($$(parent, '.field-error')).to.have.length(4);
      await expectNoAxeViolations(parent);

      const child = await mount(seeded('child').model, fakeServer().fetcher, lang, 'child');
      choose(child, 'feltHeard', '2');
      await expectNoAxeViolations(child);

      const server = fakeServer();
      server.others(6);
      const pro = await mount(seeded('professional').model, server.fetcher, lang);
      expect($$(pro, 'table')).to.have.length(2);
      await expectNoAxeViolations(pro);

      const failed = await mount(seeded('leader').model, fakeServer({ fail: 403 }).fetcher, lang);
      expect($$(failed, '[data-state="error"]')).to.have.length(1);
      await expectNoAxeViolations(failed);
    });
  }
});
