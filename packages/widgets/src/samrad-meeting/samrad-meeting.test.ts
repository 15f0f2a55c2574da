import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import '../define.js';
import type { SamradMeeting } from './samrad-meeting.js';
import type { SamradMinutes } from '../samrad-minutes/samrad-minutes.js';
import type { ConnectionState } from '../shared/context.js';
import { expectNoAxeViolations, fixtureIn, getTestServer, seeded, settle, signTestToken, textOf, uniqueCaseId, userFor, waitUntil } from '../shared/test-helpers.js';

const statusText = (el: SamradMeeting) => el.shadowRoot!.querySelector('.status-text')!.textContent!.trim();

describe('samrad-meeting', () => {
  it('provides a host-given model and the latest open meeting to the widgets inside', async () => {
    const { model, ids } = seeded('leader');
    const el = await fixtureIn<SamradMeeting>(html`<samrad-meeting .model=${model}><samrad-minutes></samrad-minutes></samrad-meeting>`);
    const minutes = el.querySelector('samrad-minutes') as SamradMinutes;
    await settle(minutes);
    expect(minutes.model).to.equal(model);
    expect(minutes.meetingId).to.equal(ids!.meetingId);
    expect(el.connection.state).to.equal('local');
    expect(textOf(minutes)).to.contain('Samarbeidsmøte om Emma');
  });

  it('builds the model from a host-given Y.Doc and user, and follows the meeting attribute', async () => {
    const { doc, ids } = seeded('leader');
    const el = await fixtureIn<SamradMeeting>(html`<samrad-meeting .doc=${doc} .user=${userFor('parent')}><samrad-minutes></samrad-minutes></samrad-meeting>`);
    const minutes = el.querySelector('samrad-minutes') as SamradMinutes;
    await settle(minutes);
    expect(minutes.model?.user.role).to.equal('parent');
    let changed: string | undefined;
    el.addEventListener('samrad-meeting-change', (e) => { changed = (e as CustomEvent<{ meetingId: string }>).detail.meetingId; });
    el.setAttribute('meeting', ids!.earlierMeetingId);
    await settle(el);
    await settle(minutes);
    expect(minutes.meetingId).to.equal(ids!.earlierMeetingId);
    expect(changed).to.equal(ids!.earlierMeetingId);
  });

  it('names the missing attribute when it cannot connect', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => errors.push(a.join(' '));
    try {
      const el = await fixtureIn<SamradMeeting>(html`<samrad-meeting server="ws://127.0.0.1:1" case="x"></samrad-meeting>`, 'en');
      expect(textOf(el)).to.contain('not set up');
      expect(String(errors[0])).to.contain('missing: token');
    } finally {
      console.error = original;
    }
  });

  it('connects to a real server: connecting → live, and two elements converge through it', async () => {
    const { url } = await getTestServer();
    const caseId = uniqueCaseId();
    const leaderToken = await signTestToken(userFor('leader'), caseId);
    const states: string[] = [];
    const a = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server=${url} case=${caseId} token=${leaderToken}
      @samrad-connection-change=${(e: CustomEvent<ConnectionState>) => states.push(e.detail.state)}></samrad-meeting>`);
    await waitUntil(() => a.connection.state === 'live', 'live');
    expect(states).to.deep.equal(['connecting', 'live']);
    expect(statusText(a)).to.equal('Tilkoblet. Endringer deles med de andre med en gang.');
    expect(a.model?.user).to.deep.include({ id: 'sofie.lie', role: 'leader' });
    expect(a.model?.restricted, 'leaders get the restricted document').to.not.equal(undefined);

    a.model!.case.setup({ child: { name: 'Testbarn', pseudonym: true }, levelModelId: 'bti' });
    const meetingId = a.model!.meetings.create({ templateId: 'samarbeidsmote', purpose: 'Test av tilkobling', date: new Date().toISOString() });

    const parentToken = await signTestToken(userFor('parent'), caseId);
    const b = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server=${url} case=${caseId} token=${parentToken} lang="en"><samrad-minutes></samrad-minutes></samrad-meeting>`);
    await waitUntil(() => b.connection.state === 'live', 'second live');
    expect(b.model?.restricted, 'parents never get the restricted document').to.equal(undefined);
    const minutes = b.querySelector('samrad-minutes') as SamradMinutes;
    await waitUntil(() => minutes.meetingId === meetingId, 'the meeting to reach the parent');
    await settle(minutes);
    expect(textOf(minutes)).to.contain('Test av tilkobling');

    a.model!.decisions.add({ meetingId, text: 'Vi prøver dette i fire uker.' });
    await waitUntil(() => textOf(minutes).includes('Vi prøver dette i fire uker.'), 'the decision to reach the parent');
    // Presence: the parent's element sees the leader online.
    await waitUntil(() => !!b.presence?.peers().some((p) => p.user.name === 'Sofie Lie' && !p.self), 'presence of the leader');
  });

  it('shows access refused with the reason, in the element language', async () => {
    const { url } = await getTestServer();
    const caseId = uniqueCaseId();
    const otherCase = await signTestToken(userFor('professional'), `${caseId}-other`);
    const el = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server=${url} case=${caseId} token=${otherCase}></samrad-meeting>`, 'nn');
    await waitUntil(() => el.connection.state === 'refused', 'refused');
    await settle(el);
    expect(el.connection.reason).to.equal('forbidden');
    expect(statusText(el)).to.equal('Inga tilgang: du har ikkje tilgang til denne saka.');
    await new Promise((r) => setTimeout(r, 80));
    expect(el.lastAnnouncement).to.equal('Inga tilgang: du har ikkje tilgang til denne saka.');
  });

  it('says that no consent covers the service when the consent gate refuses, live on withdrawal', async () => {
    const { url } = await getTestServer();
    const caseId = uniqueCaseId();
    const leader = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server=${url} case=${caseId} token=${await signTestToken(userFor('leader'), caseId)}></samrad-meeting>`);
    await waitUntil(() => leader.connection.state === 'live', 'leader live');
    leader.model!.case.setup({ child: { name: 'Testbarn', pseudonym: true }, levelModelId: 'bti' });
    const consentId = leader.model!.consents.record({
      givenBy: [{ name: 'Forelder', relation: 'guardian' }], services: ['skole'], scope: 'Skolehverdagen.', purpose: 'Samarbeid.', validFrom: '2026-01-01',
    });
    // The teacher (service: skole) takes part while the consent covers the school …
    const teacher = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server=${url} case=${caseId} token=${await signTestToken(userFor('professional'), caseId)}></samrad-meeting>`, 'en');
    await waitUntil(() => teacher.connection.state === 'live', 'teacher live');
    // … and loses access the moment it is withdrawn.
    leader.model!.consents.withdraw(consentId, ['skole']);
    await waitUntil(() => teacher.connection.state === 'refused', 'teacher refused');
    await settle(teacher);
    expect(teacher.connection.reason).to.equal('consent-missing');
    expect(teacher.model, 'the case is no longer shown').to.equal(undefined);
    expect(statusText(teacher)).to.equal('Access refused: no valid consent gives your service access to this case. The meeting leader can record consent.');
  });

  it('practice mode: a fictitious case in memory, for the chosen role, never connected', async () => {
    const el = await fixtureIn<SamradMeeting>(html`<samrad-meeting practice practice-role="parent" server="ws://127.0.0.1:9" case="x"><samrad-minutes></samrad-minutes></samrad-meeting>`, 'en');
    await settle(el);
    expect(el.connection.state).to.equal('practice');
    expect(el.caseConnection, 'no server connection').to.equal(undefined);
    expect(statusText(el)).to.equal('Practice mode: fictitious data. Nothing is saved or shared.');
    expect(el.model!.user.role).to.equal('parent');
    expect(el.model!.restricted).to.equal(undefined);
    expect(el.model!.snapshot().case?.child.name).to.equal('Emma Fjellstad');
    const minutes = el.querySelector('samrad-minutes') as SamradMinutes;
    await settle(minutes);
    expect(textOf(minutes)).to.contain('Samarbeidsmøte om Emma');

    el.setAttribute('practice-role', 'leader');
    await settle(el);
    expect(el.model!.user.role).to.equal('leader');
    el.removeAttribute('practice');
    await settle(el);
    expect(el.connection.state).to.not.equal('practice');
  });

  it('shows offline with the number of changes not yet on the server', async () => {
    const caseId = uniqueCaseId();
    // Nothing listens on port 9: every attempt fails at once.
    const token = await signTestToken(userFor('leader'), caseId);
    const el = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server="ws://127.0.0.1:9" case=${caseId} token=${token}></samrad-meeting>`, 'en');
    await waitUntil(() => el.connection.state === 'offline', 'offline');
    el.model!.case.setup({ child: { name: 'Testbarn', pseudonym: true }, levelModelId: 'bti' });
    await waitUntil(() => el.connection.unsynced === 1, 'one unsynced change');
    await settle(el);
    expect(statusText(el)).to.equal('Offline. 1 change is not saved on the server yet; it will be sent when you are back online.');
    el.model!.participants.add({ name: 'Ingrid Haugen', role: 'professional' });
    await waitUntil(() => el.connection.unsynced === 2, 'two unsynced changes');
    await settle(el);
    expect(statusText(el)).to.contain('2 changes are not saved');
  });

  it('keeps a compact offline state in view on a long page, announced once per change of state', async () => {
    const caseId = uniqueCaseId();
    const token = await signTestToken(userFor('leader'), caseId);
    const el = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server="ws://127.0.0.1:9" case=${caseId} token=${token}><div style="block-size: 15000px">Lang side</div></samrad-meeting>`, 'nb');
    // The element's polite live region (the first child of its shadow root).
    const live = el.shadowRoot!.querySelector('[aria-live]')!;
    expect(live.getAttribute('aria-live')).to.equal('polite');
    const announced: string[] = [];
    new MutationObserver(() => announced.push(live.textContent!.trim())).observe(live, { childList: true, characterData: true, subtree: true });
    await waitUntil(() => el.connection.state === 'offline' && el.connection.retrying === true, 'offline, retrying');
    await settle(el);
    const chip = el.shadowRoot!.querySelector<HTMLElement>('.connection-chip')!;
    expect(chip.textContent!.replace(/\s+/g, ' ').trim()).to.equal('○ Frakoblet – prøver å koble til igjen …');
    el.model!.case.setup({ child: { name: 'Testbarn', pseudonym: true }, levelModelId: 'bti' });
    el.model!.participants.add({ name: 'Ingrid Haugen', role: 'professional' });
    await waitUntil(() => el.connection.unsynced === 2, 'two unsynced changes');
    await settle(el);
    expect(chip.querySelector('.connection-unsent')!.textContent).to.contain('2 endringer ikke sendt');
    // Scrolled to the far end of the page, the state is still on screen.
    window.scrollTo(0, document.documentElement.scrollHeight);
    await new Promise((r) => requestAnimationFrame(r));
    const box = chip.getBoundingClientRect();
    expect(box.height).to.be.greaterThan(0);
    expect(box.top).to.be.at.least(0);
    expect(box.bottom).to.be.at.most(window.innerHeight);
    window.scrollTo(0, 0);
    // One announcement for going offline; the count changing is not read out again.
    expect(announced.filter((t) => t !== '' && t !== 'Kobler til …')).to.deep.equal(['Frakoblet. Prøver å koble til igjen …']);
  });

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
    it(`has no axe violations (${lang})`, async () => {
      const { model } = seeded('leader', { empty: true });
      const el = await fixtureIn<SamradMeeting>(html`<samrad-meeting .model=${model}><p>Vertsinnhold</p></samrad-meeting>`, lang);
      await expectNoAxeViolations(el);
      const { url } = await getTestServer();
      const wrongCase = await signTestToken(userFor('parent'), 'another-case');
      const refused = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server=${url} case="c" token=${wrongCase}></samrad-meeting>`, lang);
      await waitUntil(() => refused.connection.state === 'refused', 'refused');
      await expectNoAxeViolations(refused);
    });
  }
});
