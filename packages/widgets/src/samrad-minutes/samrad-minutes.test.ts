import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import '../define.js';
import type { SamradMinutes } from './samrad-minutes.js';
import type * as Y from 'yjs';
import { buildMinutesVersion, MeetingModel, minutesVersions } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, linkedModels, seeded, settle, textOf, typeInto, userFor, waitUntil } from '../shared/test-helpers.js';

type ExportDetail = { meetingId: string; format: string; filename: string; content: string };

/** What the server does when minutes are locked: appends the version to the meeting's list (hashes faked here). */
function lockAsServer(model: MeetingModel, meetingId: string, reason?: string): void {
  // eslint-disable-next-line no-restricted-syntax -- the server's own write, which no view makes
  const meeting = model.doc.getMap<Y.Map<unknown>>('meetings').get(meetingId)!;
  const previous = minutesVersions(model.snapshot().meetings.find((m) => m.id === meetingId)).at(-1);
  const v = buildMinutesVersion(model.snapshot(), meetingId, { lockedAt: new Date(), lockedBy: 'sofie.lie', lockedByName: 'Sofie Lie', previous, reason });
  // eslint-disable-next-line no-restricted-syntax -- as above
  model.doc.transact(() => (meeting.get('minutes') as Y.Array<unknown>).push([{ ...v, sha256: String(v.version).repeat(64) }]), 'server');
}

function lockedMeeting(role: Parameters<typeof seeded>[0]) {
  const s = seeded(role);
  const leader = new MeetingModel(s.model.doc, userFor('leader'));
  leader.decisions.add({ meetingId: s.ids!.meetingId, text: 'Morgenmøtene fortsetter.' });
  leader.meetings.finalise(s.ids!.meetingId);
  lockAsServer(leader, s.ids!.meetingId);
  return { ...s, leader };
}

describe('samrad-minutes', () => {
  it('shows the live minutes of the current meeting', async () => {
    const { model } = seeded('leader');
    const el = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${model}></samrad-minutes>`);
    const text = textOf(el);
    expect(text).to.contain('Referat: Samarbeidsmøte om Emma');
    expect(text).to.contain('Utkast');
    expect(text).to.contain('Evaluere tiltakene for skolenærvær');
    expect(text).to.contain('Ingen beslutninger er registrert ennå.');
    expect(text).to.contain('Foreldrene lager en fast morgenrutine hjemme');
    expect(text).to.contain('Kultur og fritid');
    expect(text).to.contain('«Jeg liker å tegne, men jeg liker ikke friminuttene.»');
    expect(text).to.not.contain('Dissens');
    // Open actions from the earlier meeting are carried into the action plan.
    expect(text).to.contain('Utredning av lese- og skrivevansker');
  });

  it('shows dissent recorded on the meeting', async () => {
    const { model, ids } = seeded('leader');
    const parent = new MeetingModel(model.doc, userFor('parent'));
    parent.comments.add({ target: { type: 'meeting', id: ids!.meetingId }, kind: 'dissent', text: 'Vi er uenige i at Emma skal bytte klasse.' });
    const el = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${model}></samrad-minutes>`);
    expect(textOf(el)).to.contain('Dissens');
    expect(textOf(el)).to.contain('Kari Fjellstad (forelder): Vi er uenige i at Emma skal bytte klasse.');
  });

  it('asks for a "no decision, because…" reason, then finalises and locks for everyone', async () => {
    const { model, ids } = seeded('leader');
    const el = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${model}></samrad-minutes>`, 'en');
    let finalised: { meetingId: string; finalisedBy: string } | undefined;
    el.addEventListener('samrad-meeting-finalised', (e) => { finalised = (e as CustomEvent).detail; });
    $<HTMLButtonElement>(el, '#finalise').click();
    await settle(el);
    expect(el.shadowRoot!.activeElement?.id).to.equal('no-decision');
    $<HTMLButtonElement>(el, '#confirm-finalise').click();
    await settle(el);
    expect($(el, '[role=alert]').textContent).to.contain('needs at least one decision');
    expect(model.snapshot().meetings.find((m) => m.id === ids!.meetingId)?.state).to.not.equal('finalised');

    typeInto($<HTMLTextAreaElement>(el, '#no-decision'), 'Vi venter på den sakkyndige vurderingen fra PPT.');
    $<HTMLButtonElement>(el, '#confirm-finalise').click();
    await settle(el);
    const meeting = model.snapshot().meetings.find((m) => m.id === ids!.meetingId)!;
    expect(meeting.state).to.equal('finalised');
    expect(meeting.noDecisionReason).to.equal('Vi venter på den sakkyndige vurderingen fra PPT.');
    expect(finalised).to.deep.include({ meetingId: ids!.meetingId, finalisedBy: 'sofie.lie' });
    expect(textOf(el)).to.contain('Approved and locked by Sofie Lie');
    expect(textOf(el)).to.contain('No decision, because: Vi venter på den sakkyndige vurderingen fra PPT.');
    expect($$(el, '#finalise')).to.have.length(0);
    // Locked in the model too: nobody can add a decision now.
    expect(() => model.decisions.add({ meetingId: ids!.meetingId, text: 'For sent' })).to.throw();
  });

  it('finalises at once when the meeting has a decision', async () => {
    const { model, ids } = seeded('leader');
    model.decisions.add({ meetingId: ids!.meetingId, text: 'Morgenmøtene fortsetter.' });
    const el = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${model}></samrad-minutes>`);
    $<HTMLButtonElement>(el, '#finalise').click();
    await settle(el);
    expect($$(el, '#no-decision')).to.have.length(0);
    $<HTMLButtonElement>(el, '#confirm-finalise').click();
    await settle(el);
    expect(textOf(el)).to.contain('Godkjent og låst av Sofie Lie');
  });

  it('offers finalising only to those who may, and says why to professionals', async () => {
    const professional = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${seeded('professional').model}></samrad-minutes>`);
    expect($$(professional, '#finalise')).to.have.length(0);
    expect(textOf(professional)).to.contain('Bare møteleder eller koordinator kan godkjenne og låse referatet.');
    const parent = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${seeded('parent').model}></samrad-minutes>`);
    expect($$(parent, '#finalise')).to.have.length(0);
    const coordinator = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${seeded('coordinator').model}></samrad-minutes>`);
    expect($$(coordinator, '#finalise')).to.have.length(1);
  });

  it('exports HTML, Markdown, JSON and ICS without the network, through a cancelable event', async () => {
    const { model, ids } = seeded('parent');
    const el = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${model}></samrad-minutes>`, 'nn');
    const got: ExportDetail[] = [];
    el.addEventListener('samrad-minutes-export', (e) => { got.push((e as CustomEvent<ExportDetail>).detail); e.preventDefault(); });
    for (const f of ['html', 'markdown', 'json', 'ics']) $<HTMLButtonElement>(el, `button[data-format=${f}]`).click();
    expect(got.map((g) => g.format)).to.deep.equal(['html', 'markdown', 'json', 'ics']);
    expect(got[0]!.content).to.match(/^<!doctype html>/);
    expect(got[0]!.content).to.contain('<html lang="nn">');
    expect(got[1]!.content).to.contain('# Referat');
    const json = JSON.parse(got[2]!.content) as { format: string; meeting: { id: string } };
    expect(json.format).to.equal('samrad.meeting-export');
    expect(json.meeting.id).to.equal(ids!.meetingId);
    expect(got[3]!.content).to.contain('BEGIN:VCALENDAR');
    expect(got[0]!.filename).to.match(/^referat-\d{4}-\d{2}-\d{2}\.html$/);

    // Not cancelled: a Blob download (an object URL, never a network request).
    const created: string[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (b: Blob | MediaSource) => { const u = original.call(URL, b); created.push(u); return u; };
    const el2 = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${model}></samrad-minutes>`);
    try {
      expect(el2.download('markdown')).to.equal(true);
    } finally {
      URL.createObjectURL = original;
    }
    expect(created).to.have.length(1);
    expect(created[0]).to.match(/^blob:/);
  });

  it('two instances on linked docs converge; a remote finalise locks and is announced', async () => {
    const { a, b, ids } = linkedModels('leader', 'professional');
    const elA = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${a}></samrad-minutes>`);
    const elB = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${b}></samrad-minutes>`, 'en');
    a.decisions.add({ meetingId: ids!.meetingId, text: 'Beslutning fra A' });
    b.decisions.add({ meetingId: ids!.meetingId, text: 'Beslutning fra B' });
    await settle(elA);
    await settle(elB);
    for (const el of [elA, elB]) {
      expect(textOf(el)).to.contain('Beslutning fra A');
      expect(textOf(el)).to.contain('Beslutning fra B');
    }
    a.meetings.finalise(ids!.meetingId);
    await settle(elB);
    expect(textOf(elB)).to.contain('Approved and locked by Sofie Lie');
    await waitUntil(() => elB.lastAnnouncement === 'The minutes were approved and locked by Sofie Lie.', 'the announcement');
  });

  it('shows the locked version, not later changes, with its versions; a correction needs a reason and becomes version 2', async () => {
    const { model, ids } = lockedMeeting('leader');
    const el = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${model}></samrad-minutes>`, 'en');
    expect(textOf(el)).to.contain('This is version 1 of the locked minutes.');
    expect(textOf(el)).to.contain('Version 1 — Sofie Lie');
    const before = el.exported;
    model.actions.add({ title: 'Added after locking', owner: { kind: 'child' }, schedule: { kind: 'ongoing' }, evaluationDate: '2027-02-01' });
    model.participants.add({ name: 'Per Later', role: 'professional', service: 'nav' });
    await settle(el);
    expect(textOf(el)).to.not.contain('Added after locking');
    expect(textOf(el)).to.not.contain('Per Later');
    expect(el.exported).to.deep.equal(before);

    $<HTMLButtonElement>(el, '#correct').click();
    await settle(el);
    expect(el.shadowRoot!.activeElement?.id).to.equal('correct-reason');
    $<HTMLButtonElement>(el, '#confirm-correct').click();
    await settle(el);
    expect($(el, '[role=alert]').textContent).to.contain('Say why the minutes need correcting.');
    expect(model.snapshot().meetings.find((m) => m.id === ids!.meetingId)?.state).to.equal('finalised');
    typeInto($<HTMLTextAreaElement>(el, '#correct-reason'), 'Wrong place');
    let detail: { meetingId: string; reason: string } | undefined;
    el.addEventListener('samrad-minutes-correction', (e) => { detail = (e as CustomEvent).detail; });
    $<HTMLButtonElement>(el, '#confirm-correct').click();
    await settle(el);
    expect(detail).to.deep.equal({ meetingId: ids!.meetingId, reason: 'Wrong place' });
    expect(model.snapshot().meetings.find((m) => m.id === ids!.meetingId)?.state).to.equal('correcting');
    expect(textOf(el)).to.contain('The minutes are being corrected: Wrong place (Sofie Lie');
    expect(el.exported).to.deep.equal(before);
    expect($$(el, '#correct')).to.have.length(0);

    model.meetings.update(ids!.meetingId, { place: 'Room 2' });
    $<HTMLButtonElement>(el, '#finalise').click();
    await settle(el);
    $<HTMLButtonElement>(el, '#confirm-finalise').click();
    await settle(el);
    expect(textOf(el)).to.contain('This is version 1 of the locked minutes.');
    lockAsServer(model, ids!.meetingId, 'Wrong place');
    await settle(el);
    expect(textOf(el)).to.contain('Version 2 — correction: Wrong place, Sofie Lie');
    expect(textOf(el)).to.contain('This is version 2 of the locked minutes.');
    expect(textOf(el)).to.contain('Room 2');
  });

  it('says the locked version is being made until it arrives', async () => {
    const { model, ids } = seeded('leader');
    model.decisions.add({ meetingId: ids!.meetingId, text: 'Morgenmøtene fortsetter.' });
    model.meetings.finalise(ids!.meetingId);
    const el = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${model}></samrad-minutes>`, 'nn');
    expect(textOf(el)).to.contain('Den låste versjonen av referatet vert laga no.');
    expect($$(el, '[part=versions]')).to.have.length(0);
  });

  it('offers correcting only to leaders and coordinators', async () => {
    for (const [role, n] of [['leader', 1], ['coordinator', 1], ['professional', 0], ['parent', 0], ['child', 0]] as const) {
      const el = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${lockedMeeting(role).model}></samrad-minutes>`);
      expect($$(el, '#correct'), role).to.have.length(n);
      expect(textOf(el)).to.contain('Versjon 1 — Sofie Lie');
    }
  });

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
    it(`has no axe violations (${lang}): locked with its versions, the correct panel with an error, and correcting`, async () => {
      const { model } = lockedMeeting('leader');
      const el = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${model}></samrad-minutes>`, lang);
      await expectNoAxeViolations(el);
      $<HTMLButtonElement>(el, '#correct').click();
      await settle(el);
      $<HTMLButtonElement>(el, '#confirm-correct').click();
      await settle(el);
      expect($$(el, '[role=alert]')).to.have.length(1);
      await expectNoAxeViolations(el);
      typeInto($<HTMLTextAreaElement>(el, '#correct-reason'), 'Feil');
      $<HTMLButtonElement>(el, '#confirm-correct').click();
      await settle(el);
      await expectNoAxeViolations(el);
    });

    it(`has no axe violations (${lang}): draft with the finalise panel open, and finalised`, async () => {
      const { model, ids } = seeded('leader');
      const el = await fixtureIn<SamradMinutes>(html`<samrad-minutes .model=${model}></samrad-minutes>`, lang);
      $<HTMLButtonElement>(el, '#finalise').click();
      await settle(el);
      $<HTMLButtonElement>(el, '#confirm-finalise').click();
      await settle(el);
      expect($$(el, '[role=alert]')).to.have.length(1);
      await expectNoAxeViolations(el);
      model.decisions.add({ meetingId: ids!.meetingId, text: 'Morgenmøtene fortsetter.' });
      model.meetings.finalise(ids!.meetingId);
      await settle(el);
      await expectNoAxeViolations(el);
    });
  }
});
