import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, linkedModels, newDoc, rootContent, seeded, settle, textOf, typeInto, userFor, waitUntil } from '../shared/test-helpers.js';
import type { NoteUseDetail, SamradFacilitation } from './samrad-facilitation.js';
import './define.js';

async function mount(model: MeetingModel, lang = 'nb'): Promise<SamradFacilitation> {
  return fixtureIn<SamradFacilitation>(html`<samrad-facilitation .model=${model}></samrad-facilitation>`, lang);
}

function button(el: Element, action: string): HTMLButtonElement {
  return $<HTMLButtonElement>(el, `button[data-action="${action}"]`);
}

const noteTexts = (el: Element) => $$(el, '.note-item .note-text').map((p) => p.textContent!.replace(/\s+/g, ' ').replace(/^\S+ \d+: /, '').trim());

describe('<samrad-facilitation>', () => {
  it('keeps a silent note in the author\'s private document until the leader moves on, then the author\'s page shares it', async () => {
    const { doc, model: leader } = seeded('leader');
    const meetingId = leader.snapshot().meetings.at(-1)!.id;
    leader.facilitation.setIgpPhase(meetingId, 'individual');
    const own = newDoc();
    const mother = new MeetingModel(doc, userFor('parent'), { openAudience: (a) => (a.kind === 'private' ? own : undefined) });
    const el = await mount(mother, 'en');
    expect(textOf(el)).to.contain('Your notes are stored for you alone.');
    typeInto($(el, '#note-text'), 'A steady adult at break time');
    await settle(el);
    $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes('Add note'))!.click();
    await settle(el);
    expect(rootContent(doc, 'silentNotes').size).to.equal(0);
    expect(rootContent(own, 'silentNotes').json).to.contain('steady adult');
    expect(noteTexts(el).join()).to.contain('steady adult');
    // The leader moves on: the author's own page shares the note into the meeting's record.
    leader.facilitation.setIgpPhase(meetingId, 'group');
    await waitUntil(() => rootContent(doc, 'silentNotes').size === 1, 'the note is shared');
    expect(rootContent(own, 'silentNotes').size).to.equal(0);
    expect(rootContent(doc, 'silentNotes').json).to.contain('steady adult');
  });

  it('runs a speaking round: order, ticks in words and icon, the current speaker announced', async () => {
    const { model } = seeded('leader');
    const el = await mount(model, 'en');
    expect(textOf(el)).to.contain('No round has started.');
    button(el, 'start-round').click();
    await settle(el);
    const rows = $$(el, 'ol.order li');
    const who = rows.map((r) => r.querySelector('.who')!.textContent!);
    expect(who).to.have.members([
      'Sofie Lie (meeting leader)', 'Ingrid Haugen (professional)', 'Morten Dahl (professional)', 'Aisha Rahman (professional)',
      'Kari Fjellstad (parent)', 'Ola Nordby (parent)', 'Emma (child)',
    ]);
    // The order is the model's (everyone present or invited); the view shows it as it is.
    const order = model.snapshot().meetings.at(-1)!.speakingOrder;
    expect(rows.map((r) => r.dataset.participant)).to.deep.equal(order);
    expect($(el, '[part="speaker"]').textContent).to.contain(`Speaking now: ${who[0]}`);
    expect(rows[0]!.getAttribute('aria-current')).to.equal('true');
    expect(rows[1]!.querySelector('.status')!.textContent).to.contain('Not yet');

    button(el, 'next').click();
    await settle(el);
    const first = $(el, 'ol.order li');
    expect(first.querySelector('.status')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('✓ Heard');
    expect(first.querySelector('.status [aria-hidden="true"]')!.textContent).to.contain('✓');
    expect($(el, '[part="speaker"]').textContent).to.contain(`Speaking now: ${who[1]}`);
    await waitUntil(() => el.lastAnnouncement === `Speaking now: ${who[1]}`, 'the new speaker is announced');

    // Keyboard: tab to a tick and press Space.
    const tick = $$<HTMLInputElement>(el, 'input[name="heard"]')[1]!;
    expect(tick.labels![0]!.textContent!.trim()).to.equal(`${who[1]!.replace(/ \(.*/, '')} has been heard`);
    tick.focus();
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(model.snapshot().meetings.at(-1)!.heard).to.have.length(2);
    for (const t of $$<HTMLInputElement>(el, 'input[name="heard"]').slice(2)) {
      t.click();
      await settle(el);
    }
    expect($(el, '[part="speaker"]').textContent).to.contain('Everyone has been heard.');
    expect(textOf(el)).to.contain('7 of 7 heard.');
    await waitUntil(() => el.lastAnnouncement === 'Everyone has been heard.', 'announced');
    // Untick one: they are up again.
    $$<HTMLInputElement>(el, 'input[name="heard"]')[4]!.click();
    await settle(el);
    expect($(el, '[part="speaker"]').textContent).to.contain(who[4]!);
  });

  it('lets the family follow the round live, read-only, with the speaker announced to them', async () => {
    const { a: leader, b: parent, ids } = linkedModels('leader', 'parent');
    const el = await mount(parent, 'uk');
    expect($$(el, 'button, input')).to.have.length(0);
    expect(textOf(el)).to.contain('Коло і фази веде ведучий зустрічі.');
    leader.facilitation.startRound(ids!.meetingId, [ids!.participants.leader, ids!.participants.teacher, ids!.participants.mother]);
    leader.facilitation.markHeard(ids!.meetingId, ids!.participants.leader);
    await waitUntil(() => $$(el, 'ol.order li').length === 3, 'the round arrives');
    await waitUntil(() => el.lastAnnouncement === 'Зараз говорить: Ingrid Haugen (фахівець)', 'the speaker is announced in Ukrainian');
    expect($(el, 'ol.order li.heard .status').textContent).to.contain('Вислухано');
    expect($$(el, 'input')).to.have.length(0);
  });

  it('runs IGP: private notes, then grouping, then plenary where notes become agenda notes and actions', async () => {
    const { a: leader, b: parent, ids } = linkedModels('leader', 'parent');
    const elL = await mount(leader, 'en');
    const elP = await mount(parent, 'en');
    const used: NoteUseDetail[] = [];
    elL.addEventListener('samrad-note-use', (e) => used.push((e as CustomEvent<NoteUseDetail>).detail));

    button(elL, 'start-igp').click();
    await waitUntil(() => $$(elP, '#note-text').length === 1, 'the parent gets the note form');
    expect($(elP, 'ol.phases li[aria-current="step"]').textContent).to.contain('1. On your own (now)');
    await waitUntil(() => elP.lastAnnouncement === 'IGP: 1. On your own.', 'the phase is announced');

    // Empty note: refused in words, focus stays in the field.
    button(elP, 'add-note').click();
    await settle(elP);
    expect($(elP, '#note-error').textContent).to.equal('Write the note first.');
    typeInto($<HTMLTextAreaElement>(elP, '#note-text'), 'Emma trenger en voksen i friminuttene');
    await settle(elP);
    button(elP, 'add-note').click();
    typeInto($<HTMLTextAreaElement>(elL, '#note-text'), 'Lekegruppe i storefri');
    await settle(elL);
    button(elL, 'add-note').click();
    typeInto($<HTMLTextAreaElement>(elL, '#note-text'), 'Fast morgenmøte fortsetter');
    await settle(elL);
    button(elL, 'add-note').click();
    await waitUntil(() => leader.snapshot().silentNotes.length === 3 && parent.snapshot().silentNotes.length === 3, 'all notes synced');
    await settle(elP);
    await settle(elL);
    // Each sees only their own.
    expect(noteTexts(elP)).to.deep.equal(['Emma trenger en voksen i friminuttene']);
    expect(noteTexts(elL)).to.deep.equal(['Lekegruppe i storefri', 'Fast morgenmøte fortsetter']);

    button(elL, 'next-phase').click();
    await settle(elL);
    expect(noteTexts(elL)).to.have.length(3);
    await waitUntil(() => textOf(elP).includes('The leader is grouping the notes now.'), 'the parent sees the group phase');
    expect(noteTexts(elP)).to.deep.equal(['Emma trenger en voksen i friminuttene']);
    const idOf = (text: string) => leader.snapshot().silentNotes.find((n) => n.text === text)!.id;
    for (const text of ['Emma trenger en voksen i friminuttene', 'Lekegruppe i storefri']) {
      const input = $<HTMLInputElement>(elL, `#group-${idOf(text)}`);
      input.focus();
      await sendKeys({ type: 'Friminutt' });
      await sendKeys({ press: 'Enter' });
      await settle(elL);
    }
    expect(leader.snapshot().silentNotes.map((n) => n.group ?? '')).to.have.members(['Friminutt', 'Friminutt', '']);

    button(elL, 'next-phase').click();
    await waitUntil(() => $$(elP, '.group').length === 2, 'the parent sees every note in plenary, grouped');
    expect($$(elP, '.group h5').map((h) => h.textContent)).to.deep.equal(['Friminutt (2)', 'No group (1)']);
    expect(noteTexts(elP)).to.have.length(3);
    expect($$(elP, 'button')).to.have.length(0);

    await settle(elL);
    const item = leader.snapshot().agenda.filter((a) => a.meetingId === ids!.meetingId)[2]!;
    typeInto($<HTMLSelectElement>(elL, '#agenda-target'), item.id);
    await settle(elL);
    const parentNote = idOf('Emma trenger en voksen i friminuttene');
    $<HTMLButtonElement>(elL, `li[data-note="${parentNote}"] button[data-action="to-agenda"]`).click();
    await settle(elL);
    expect(leader.snapshot().agenda.find((a) => a.id === item.id)!.notes).to.contain('Emma trenger en voksen i friminuttene');
    const gameNote = idOf('Lekegruppe i storefri');
    $<HTMLButtonElement>(elL, `li[data-note="${gameNote}"] button[data-action="to-action"]`).click();
    await settle(elL);
    const action = leader.snapshot().actions.find((a) => a.title === 'Lekegruppe i storefri')!;
    expect(action.owner).to.deep.equal({ kind: 'participant', participantId: ids!.participants.leader });
    expect(action.meetingId).to.equal(ids!.meetingId);
    expect(used).to.deep.equal([{ noteId: parentNote, kind: 'agenda', id: item.id }, { noteId: gameNote, kind: 'action', id: action.id }]);
    expect(textOf(elL)).to.contain('The note is now an action.');
    await waitUntil(() => $$(elP, '.used').length === 2, 'the parent sees what the notes became');
    expect($(elP, `li[data-note="${gameNote}"] .used`).textContent).to.contain('Turned into the action “Lekegruppe i storefri”');
    expect($(elP, `li[data-note="${parentNote}"] .used`).textContent).to.contain(`Added as a note under “${item.title}”`);
    expect($(elP, `li[data-note="${parentNote}"]`).textContent).to.contain('(yours)');

    button(elL, 'end-igp').click();
    await waitUntil(() => textOf(elP).includes('IGP is not running.'), 'IGP ends everywhere');
  });

  it('shows a finalised meeting read-only', async () => {
    const { model, ids } = seeded('leader');
    model.facilitation.startRound(ids!.meetingId);
    model.decisions.add({ meetingId: ids!.meetingId, text: 'Vedtak' });
    model.meetings.finalise(ids!.meetingId);
    const el = await mount(model, 'nn');
    expect(textOf(el)).to.contain('Møtet er avslutta og referatet låst.');
    expect($$(el, 'button, input, textarea')).to.have.length(0);
    expect($$(el, 'ol.order li')).to.have.length(7);
  });

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
    it(`has no axe violations in ${lang} (leader: round and plenary; parent: individual notes)`, async () => {
      const { model, ids } = seeded('leader');
      model.facilitation.startRound(ids!.meetingId);
      model.facilitation.markHeard(ids!.meetingId, ids!.participants.leader);
      model.facilitation.setIgpPhase(ids!.meetingId, 'individual');
      model.silentNotes.add(ids!.meetingId, 'Lekegruppe i storefri');
      const used = model.silentNotes.add(ids!.meetingId, 'Morgenmøte');
      model.facilitation.setIgpPhase(ids!.meetingId, 'group');
      const grouping = await mount(model, lang);
      await expectNoAxeViolations(grouping);
      model.facilitation.setIgpPhase(ids!.meetingId, 'plenary');
      model.silentNotes.toAction(used, { owner: { kind: 'participant', participantId: ids!.participants.leader }, schedule: { kind: 'ongoing' }, evaluationDate: '2099-01-01' });
      const el = await mount(model, lang);
      expect($$(el, '.used')).to.have.length(1);
      await expectNoAxeViolations(el);

      const other = seeded('leader');
      other.model.facilitation.setIgpPhase(other.ids!.meetingId, 'individual');
      const parent = new MeetingModel(other.doc, userFor('parent'));
      parent.silentNotes.add(other.ids!.meetingId, 'Mitt notat');
      const p = await mount(parent, lang);
      $<HTMLButtonElement>(p, 'button[data-action="add-note"]').click();
      await settle(p);
      expect($$(p, '#note-error')).to.have.length(1);
      await expectNoAxeViolations(p);
    });
  }
});
