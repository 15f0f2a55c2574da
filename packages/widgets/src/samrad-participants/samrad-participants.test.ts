import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { connectCase } from '@samrad/client';
import { seedExampleCase } from '@samrad/model';
import '../define.js';
import type { SamradParticipants } from './samrad-participants.js';
import type { SamradMeeting } from '../samrad-meeting/samrad-meeting.js';
import { $, $$, expectNoAxeViolations, fixtureIn, getTestServer, linkedModels, seeded, settle, signTestToken, textOf, typeInto, uniqueCaseId, userFor, waitUntil } from '../shared/test-helpers.js';

const row = (el: Element, name: string) => $$<HTMLTableRowElement>(el, 'tr[data-id]').find((r) => r.querySelector('th')?.textContent?.includes(name))!;

describe('samrad-participants', () => {
  it('lists participants with role, service, attendance, preparation and interpreter need', async () => {
    const el = await fixtureIn<SamradParticipants>(html`<samrad-participants .model=${seededModelFor('observer')}></samrad-participants>`);
    const text = textOf(el);
    expect(text).to.contain('Morten Dahl');
    expect(text).to.contain('fagperson, PPT');
    expect(text).to.contain('Trenger tolk (polsk)');
    expect(row(el, 'Ingrid Haugen').textContent).to.contain('til stede');
    expect(text).to.contain('Bare møteleder, koordinator og fagpersoner kan endre den.');
    // The family sees who holds the baton.
    expect(row(el, 'Sofie Lie').textContent).to.contain('Koordinator – holder stafettpinnen');
    expect(row(el, 'Ingrid Haugen').textContent).to.not.contain('stafettpinnen');
    expect($$(el, 'select, input')).to.have.length(0);
  });

  it('lets the leader add, edit and remove participants', async () => {
    const { model } = seeded('leader');
    const el = await fixtureIn<SamradParticipants>(html`<samrad-participants .model=${model}></samrad-participants>`, 'en');
    const events: string[] = [];
    for (const type of ['samrad-participant-add', 'samrad-participant-change', 'samrad-participant-remove']) el.addEventListener(type, () => events.push(type));

    // Empty name: refused with a message, nothing added.
    const count = model.snapshot().participants.length;
    $<HTMLButtonElement>(el, 'form.add button[type=submit]').click();
    await settle(el);
    expect($(el, '[role=alert]').textContent).to.equal('Required.');
    expect(model.snapshot().participants.length).to.equal(count);

    typeInto($<HTMLInputElement>(el, '#add-name'), 'Jonas Berg');
    typeInto($<HTMLSelectElement>(el, '#add-service'), 'nav');
    $<HTMLButtonElement>(el, 'form.add button[type=submit]').click();
    await settle(el);
    const added = model.snapshot().participants.find((p) => p.name === 'Jonas Berg')!;
    expect(added).to.deep.include({ role: 'professional', service: 'nav' });
    expect(textOf(el)).to.contain('professional, NAV');

    (row(el, 'Jonas Berg').querySelector('[data-edit]') as HTMLButtonElement).click();
    await settle(el);
    expect(el.shadowRoot!.activeElement?.id).to.equal('edit-name');
    typeInto($<HTMLInputElement>(el, '#edit-name'), 'Jonas Bergum');
    $<HTMLButtonElement>(el, 'tr form button[type=submit]').click();
    await settle(el);
    expect(model.snapshot().participants.find((p) => p.id === added.id)?.name).to.equal('Jonas Bergum');

    const removeButton = () => row(el, 'Jonas Bergum').querySelector('[data-remove]') as HTMLButtonElement;
    removeButton().click();
    await settle(el);
    expect(removeButton().textContent).to.contain('Confirm: remove Jonas Bergum');
    removeButton().click();
    await settle(el);
    expect(model.snapshot().participants.some((p) => p.id === added.id)).to.equal(false);
    expect(events).to.deep.equal(['samrad-participant-add', 'samrad-participant-change', 'samrad-participant-remove']);
  });

  it('lets a parent change only their own status', async () => {
    const { model } = seeded('parent');
    const el = await fixtureIn<SamradParticipants>(html`<samrad-participants .model=${model}></samrad-participants>`);
    expect($$(el, 'form.add')).to.have.length(0);
    expect(textOf(el)).to.contain('Du kan endre ditt eget oppmøte');
    const own = row(el, 'Kari Fjellstad');
    expect(own.classList.contains('me')).to.equal(true);
    expect(row(el, 'Ola Nordby').querySelectorAll('select, input')).to.have.length(0);
    const attendance = own.querySelector('select') as HTMLSelectElement;
    expect(attendance.getAttribute('aria-label')).to.equal('Oppmøte for Kari Fjellstad');
    typeInto(attendance, 'excused');
    const prepared = own.querySelector('input[name=prepared]') as HTMLInputElement;
    prepared.click();
    await settle(el);
    expect(model.me()).to.deep.include({ attendance: 'excused', prepared: true });
  });

  it('lets a parent turn kinds of notices off and on for themselves', async () => {
    const { model } = seeded('parent');
    const el = await fixtureIn<SamradParticipants>(html`<samrad-participants .model=${model}></samrad-participants>`, 'en');
    const reminders = $<HTMLInputElement>(el, '[part="notices"] input[name="notice-actions"]');
    expect(reminders.checked).to.equal(true);
    reminders.click();
    await settle(el);
    const kinds = model.me()!.notices!.kinds!;
    expect(kinds).to.not.include('action-deadline-soon');
    expect(kinds).to.include('meeting-invitation');
    expect($<HTMLInputElement>(el, '[part="notices"] input[name="notice-actions"]').checked).to.equal(false);
    await expectNoAxeViolations(el);
  });

  it('two instances on linked docs converge after edits on both sides', async () => {
    const { a, b } = linkedModels('leader', 'professional');
    const elA = await fixtureIn<SamradParticipants>(html`<samrad-participants .model=${a}></samrad-participants>`);
    const elB = await fixtureIn<SamradParticipants>(html`<samrad-participants .model=${b}></samrad-participants>`, 'nn');
    a.participants.add({ name: 'Lise Vik', role: 'professional', service: 'bup' });
    const ola = b.snapshot().participants.find((p) => p.name === 'Ola Nordby')!;
    b.participants.update(ola.id, { attendance: 'present' });
    await settle(elA);
    await settle(elB);
    expect(row(elA, 'Ola Nordby').textContent).to.contain('til stede');
    expect(textOf(elB)).to.contain('Lise Vik');
    expect((row(elB, 'Ola Nordby').querySelector('select') as HTMLSelectElement).value).to.equal('present');
    await waitUntil(() => elB.lastAnnouncement.includes('Sofie Lie la til Lise Vik som deltakar.'), 'the announcement in B');
  });

  it('shows who is online and what they edit, through a real server', async () => {
    const { url } = await getTestServer();
    const caseId = uniqueCaseId('presence');
    const leader = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server=${url} case=${caseId}
      token=${await signTestToken(userFor('leader'), caseId)}><samrad-participants></samrad-participants></samrad-meeting>`);
    await waitUntil(() => leader.connection.state === 'live', 'leader live');
    seedExampleCase(leader.model!);
    const parent = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server=${url} case=${caseId}
      token=${await signTestToken(userFor('parent'), caseId)}><samrad-participants></samrad-participants></samrad-meeting>`);
    const list = parent.querySelector('samrad-participants') as SamradParticipants;
    await waitUntil(() => row(list, 'Sofie Lie')?.textContent?.includes('Pålogget nå') ?? false, 'the leader online in the parent’s list');
    expect(row(list, 'Morten Dahl').textContent).to.contain('Ikke pålogget');

    // The leader focuses a field; the parent sees which widget she is editing.
    const leaderList = leader.querySelector('samrad-participants') as SamradParticipants;
    await settle(leaderList);
    const sel = row(leaderList, 'Morten Dahl').querySelector('select') as HTMLSelectElement;
    sel.focus();
    // A test page running beside another has no window focus, and Chrome then fires no focus events.
    if (!document.hasFocus()) sel.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    await waitUntil(() => leader.presence!.peers().find((p) => p.self)?.editing?.widget === 'samrad-participants', 'the leader’s own presence to say so');
    await waitUntil(() => row(list, 'Sofie Lie').textContent!.includes('Redigerer deltakerlisten'), 'the editing hint');
    expect(textOf(list)).to.contain('Sofie Lie (møteleder, Helsestasjon/skolehelsetjeneste) — Redigerer deltakerlisten');
  });

  it('does not show a forged self-description: others appear as the server vouches for them', async () => {
    const { url } = await getTestServer();
    const caseId = uniqueCaseId('forged');
    const leader = await fixtureIn<SamradMeeting>(html`<samrad-meeting no-offline-cache server=${url} case=${caseId}
      token=${await signTestToken(userFor('leader'), caseId)}><samrad-participants></samrad-participants></samrad-meeting>`);
    await waitUntil(() => leader.connection.state === 'live', 'leader live');
    seedExampleCase(leader.model!);
    // A parent's modified client describes itself as the child welfare worker editing the minutes.
    const parent = connectCase({ server: url, caseId, token: await signTestToken(userFor('parent'), caseId), offline: false });
    await parent.ready;
    parent.awareness.setLocalState({
      user: { id: 'aisha.rahman', name: 'Aisha Rahman', role: 'professional', service: 'barnevern' },
      verified: { id: 'aisha.rahman', name: 'Aisha Rahman', role: 'professional', service: 'barnevern' },
      editing: { widget: 'samrad-minutes', field: 'text' },
    });
    const list = leader.querySelector('samrad-participants') as SamradParticipants;
    await waitUntil(() => textOf(list).includes('Redigerer referatet'), 'the parent’s presence');
    await settle(list);
    const presence = $(list, '[part=presence]').textContent!.replace(/\s+/g, ' ');
    expect(presence).to.contain(`${userFor('parent').name} (forelder) — Redigerer referatet`);
    expect(presence).to.not.contain('Aisha Rahman');
    expect(row(list, 'Aisha Rahman').textContent).to.contain('Ikke pålogget');
    expect(row(list, userFor('parent').name).textContent).to.contain('Pålogget nå');
    await parent.destroy();
  });

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
    it(`has no axe violations (${lang}): leader and parent views`, async () => {
      const leader = await fixtureIn<SamradParticipants>(html`<samrad-participants .model=${seededModelFor('leader')}></samrad-participants>`, lang);
      await expectNoAxeViolations(leader);
      (leader.shadowRoot!.querySelector('[data-edit]') as HTMLButtonElement).click();
      await settle(leader);
      await expectNoAxeViolations(leader);
      const parent = await fixtureIn<SamradParticipants>(html`<samrad-participants .model=${seededModelFor('parent')}></samrad-participants>`, lang);
      await expectNoAxeViolations(parent);
    });
  }
});

function seededModelFor(role: Parameters<typeof seeded>[0]) {
  return seeded(role).model;
}
