import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import '../define.js';
import type { SamradMinutes } from './samrad-minutes.js';
import { MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, linkedModels, seeded, settle, textOf, typeInto, userFor, waitUntil } from '../shared/test-helpers.js';

type ExportDetail = { meetingId: string; format: string; filename: string; content: string };

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

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
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
