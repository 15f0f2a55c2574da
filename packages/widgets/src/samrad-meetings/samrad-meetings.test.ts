import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { LOCALES, type MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, seeded, settle, textOf, typeInto } from '../shared/test-helpers.js';
import type { SamradMeetings } from './samrad-meetings.js';
import type { SamradMeeting } from '../samrad-meeting/samrad-meeting.js';
import './define.js';
import '../samrad-meeting/define.js';
import '../samrad-agenda/define.js';

async function mount(model: MeetingModel, lang = 'en'): Promise<SamradMeetings> {
  return fixtureIn<SamradMeetings>(html`<samrad-meetings .model=${model}></samrad-meetings>`, lang);
}

const shadowFocus = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

describe('<samrad-meetings>', () => {
  it('lists every meeting, newest first, and shows an earlier one with its locked minutes when chosen', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model);
    const options = $$<HTMLOptionElement>(el, '#m-pick option');
    expect(options.map((o) => o.value)).to.deep.equal([ids!.meetingId, ids!.earlierMeetingId]);
    expect(options[1]!.textContent).to.contain('minutes locked');
    typeInto($<HTMLSelectElement>(el, '#m-pick'), ids!.earlierMeetingId);
    await settle(el);
    expect(el.meetingId).to.equal(ids!.earlierMeetingId);
    expect(textOf(el)).to.contain('The minutes of this meeting are locked.');
    expect($$(el, 'button[data-action="edit"]')).to.have.length(0);
  });

  it('inside <samrad-meeting>, choosing a meeting shows it in every widget', async () => {
    const { model, ids } = seeded('leader');
    const host = await fixtureIn<SamradMeeting>(html`<samrad-meeting .model=${model}><samrad-meetings></samrad-meetings><samrad-agenda></samrad-agenda></samrad-meeting>`, 'en');
    const picker = host.querySelector('samrad-meetings')!;
    const agenda = host.querySelector('samrad-agenda')!;
    await settle(picker);
    expect(agenda.meetingId).to.equal(ids!.meetingId);
    typeInto($<HTMLSelectElement>(picker, '#m-pick'), ids!.earlierMeetingId);
    await settle(picker);
    await settle(agenda);
    expect(host.meeting).to.equal(ids!.earlierMeetingId);
    expect(agenda.meetingId).to.equal(ids!.earlierMeetingId);
  });

  it('lets the leader change title, place and roles; an empty purpose is marked, described and focused', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model);
    $<HTMLButtonElement>(el, 'button[data-action="edit"]').click();
    await settle(el);
    expect(shadowFocus(el)?.id).to.equal('m-title');
    typeInto($(el, '#m-title'), 'Oppfølging før jul');
    typeInto($(el, '#m-place'), 'Møterom 3');
    const teacher = model.snapshot().participants.find((p) => p.name === 'Ingrid Haugen')!;
    typeInto($<HTMLSelectElement>(el, '#m-timeKeeperId'), teacher.id);
    typeInto($(el, '#m-purpose'), '   ');
    $<HTMLFormElement>(el, 'form[part="details"]').requestSubmit();
    await settle(el);
    expect($(el, '#m-purpose').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#m-purpose').getAttribute('aria-describedby')).to.equal('m-purpose-error');
    expect($(el, '#m-purpose-error').textContent).to.equal('Write the purpose of the meeting.');
    expect(shadowFocus(el)?.id).to.equal('m-purpose');
    expect(model.snapshot().meetings.find((m) => m.id === ids!.meetingId)!.title).to.not.equal('Oppfølging før jul');

    typeInto($(el, '#m-purpose'), 'Evaluere tiltakene.');
    $<HTMLFormElement>(el, 'form[part="details"]').requestSubmit();
    await settle(el);
    const saved = model.snapshot().meetings.find((m) => m.id === ids!.meetingId)!;
    expect([saved.title, saved.place, saved.timeKeeperId, saved.purpose]).to.deep.equal(['Oppfølging før jul', 'Møterom 3', teacher.id, 'Evaluere tiltakene.']);
    expect(textOf(el)).to.contain('Oppfølging før jul');
    expect(shadowFocus(el)?.dataset.action).to.equal('edit');
  });

  it('creates a follow-up meeting titled after its template when no title is given, and shows it', async () => {
    const { model } = seeded('leader');
    const el = await mount(model);
    const before = model.snapshot().meetings.length;
    const form = $<HTMLFormElement>(el, 'details[part="create"] form');
    typeInto(form.querySelector<HTMLSelectElement>('select[name="template"]')!, 'evalueringsmote');
    typeInto(form.querySelector<HTMLTextAreaElement>('textarea[name="purpose"]')!, 'Evaluate the actions.');
    typeInto(form.querySelector<HTMLInputElement>('input[name="date"]')!, '2027-01-14T09:00');
    form.requestSubmit();
    await settle(el);
    const meetings = model.snapshot().meetings;
    expect(meetings).to.have.length(before + 1);
    const created = meetings.find((m) => m.purpose === 'Evaluate the actions.')!;
    expect(created.title).to.equal(textOf(form.querySelector('option[value="evalueringsmote"]')!));
    expect(el.meetingId).to.equal(created.id);
    expect(shadowFocus(el)?.id).to.equal('m-pick');
  });

  it('offers a parent the list to choose from, and nothing to change', async () => {
    const { model } = seeded('parent');
    const el = await mount(model);
    expect($$(el, '#m-pick option').length).to.be.greaterThan(1);
    expect($$(el, 'button[data-action="edit"], details[part="create"]')).to.have.length(0);
  });

  for (const lang of LOCALES) {
    it(`has no axe violations in ${lang} (list, editing, new meeting open)`, async () => {
      const { model } = seeded('leader');
      const el = await mount(model, lang);
      await expectNoAxeViolations(el);
      $<HTMLButtonElement>(el, 'button[data-action="edit"]').click();
      $<HTMLDetailsElement>(el, 'details[part="create"]').open = true;
      await settle(el);
      await expectNoAxeViolations(el);
    });
  }
});
