import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { audienceKey, MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, linkedModels, newDoc, seeded, settle, textOf, typeInto, userFor, waitUntil } from '../shared/test-helpers.js';
import type { SamradChildVoice } from './samrad-child-voice.js';
import './define.js';
import '../samrad-meeting/define.js';

async function mount(model: MeetingModel, lang = 'nb', mode: 'adult' | 'child' = 'adult'): Promise<SamradChildVoice> {
  return fixtureIn<SamradChildVoice>(html`<samrad-child-voice .model=${model} mode=${mode}></samrad-child-voice>`, lang);
}

describe('<samrad-child-voice>', () => {
  it('shows every field of the example entry, the child\'s words apart from the adults\' notes', async () => {
    const { model } = seeded('leader', { restricted: true });
    const el = await mount(model);
    const words = $(el, '[part="child-words"]');
    const adults = $(el, '[part="adult-notes"]');
    expect(words.textContent).to.contain('Jeg liker å tegne, men jeg liker ikke friminuttene.');
    expect(words.querySelectorAll('blockquote')).to.have.length(2);
    expect(adults.textContent).to.contain('Notater og tolkning');
    expect(($(el, '#f-adultNotes') as HTMLTextAreaElement).value).to.contain('Emma var åpen og trygg');
    expect(words.querySelector('#f-adultNotes')).to.equal(null);
    expect(($(el, '#f-participation') as HTMLSelectElement).value).to.equal('conversation-before');
    expect(($(el, '#f-heardBy') as HTMLInputElement).value).to.equal('Sofie Lie');
    expect(($(el, '#f-childAge') as HTMLInputElement).value).to.equal('9');
    expect(textOf(el)).to.contain('Være med i leseklubben');
    const checked = $$<HTMLInputElement>(el, 'input[name="mood"]').find((r) => r.checked);
    expect(checked?.value).to.equal('3');
    // Professionals see the restricted part.
    expect($$(el, '[part="private"]')).to.have.length(1);
  });

  it('records a new entry; "not heard" without a reason shows the model\'s message next to the field', async () => {
    const { model } = seeded('professional', { empty: false, restricted: true });
    const el = await mount(model, 'en');
    const events: CustomEvent[] = [];
    el.addEventListener('samrad-voice-record', (e) => events.push(e as CustomEvent));
    const newButton = $$<HTMLButtonElement>(el, '.entries button').find((b) => b.textContent!.includes('New entry'))!;
    newButton.click();
    await settle(el);
    typeInto($(el, '#f-participation'), 'not-heard');
    await settle(el);
    $<HTMLButtonElement>(el, 'button[part="save"]').click();
    await settle(el);
    const reason = $<HTMLTextAreaElement>(el, '#f-notHeardReason');
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#f-notHeardReason-error').textContent).to.equal('Write why the child was not heard.');
    expect(reason.getAttribute('aria-describedby')).to.contain('f-notHeardReason-error');
    expect(events).to.have.length(0);
    expect(model.snapshot().voice).to.have.length(1);

    typeInto(reason, 'Emma was ill on the day and did not want a conversation.');
    await settle(el);
    $<HTMLButtonElement>(el, 'button[part="save"]').click();
    await settle(el);
    expect(events).to.have.length(1);
    const stored = model.snapshot().voice.find((v) => v.id === events[0]!.detail.id)!;
    expect(stored.participation).to.equal('not-heard');
    expect(stored.notHeardReason).to.contain('was ill');
    expect(stored.heardBy).to.equal('Ingrid Haugen');
    expect($$(el, '#f-notHeardReason-error')).to.have.length(0);
  });

  it('a view with no content and no "not heard" gets the other schema message', async () => {
    const { model } = seeded('leader', { empty: true });
    const el = await mount(model, 'nn');
    $<HTMLButtonElement>(el, 'button[part="save"]').click();
    await settle(el);
    expect($(el, '#f-participation-error').textContent).to.contain('Registrer noko av det barnet sa');
    expect(model.snapshot().voice).to.have.length(0);
  });

  it('updates only the changed fields and emits samrad-voice-change', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model);
    const events: CustomEvent[] = [];
    el.addEventListener('samrad-voice-change', (e) => events.push(e as CustomEvent));
    typeInto($(el, '#add-quote'), 'Jeg vil sitte ved siden av Nora.');
    typeInto($(el, '#f-weighing'), 'Emmas ønske om en venn i friminuttene er lagt vekt på i tiltaket om leseklubb.');
    typeInto($(el, '#f-weighingAssessmentId'), ids!.assessmentId);
    const club = model.snapshot().actions.find((a) => a.title.includes('leseklubben'))!;
    $$<HTMLInputElement>(el, 'input[name="weighingActionIds"]').find((c) => c.value === club.id)!.click();
    $<HTMLButtonElement>(el, 'button[part="save"]').click();
    await settle(el);
    const v = model.snapshot().voice.find((x) => x.id === ids!.voiceId)!;
    expect(v.quotes).to.have.length(3);
    expect(v.quotes[2]).to.equal('Jeg vil sitte ved siden av Nora.');
    expect(v.weighing).to.contain('leseklubb');
    expect(v.weighingAssessmentId).to.equal(ids!.assessmentId);
    expect(v.weighingActionIds).to.deep.equal([club.id]);
    // The weighing is a live text field: it was stored as it was typed, the rest on Save.
    expect(events.at(-1)!.detail.fields).to.include.members(['quotes', 'weighingAssessmentId', 'weighingActionIds']);
    expect(events.flatMap((e) => e.detail.fields)).to.include('weighing');
  });

  it('stores what the child does not want shared in the restricted document (professionals only)', async () => {
    const { model, doc, ids } = seeded('leader', { restricted: true });
    const el = await mount(model, 'en');
    const add = $$<HTMLButtonElement>(el, '[part="private"] button').find((b) => b.textContent!.includes('Add reservation'))!;
    add.click();
    await settle(el);
    typeInto($(el, '#p-what-0'), 'That she cries in the cloakroom');
    typeInto($(el, '#p-who-0'), 'Her father');
    await settle(el);
    $$<HTMLButtonElement>(el, '[part="private"] button').find((b) => b.textContent!.includes('Save reservations'))!.click();
    await settle(el);
    const stored = model.snapshot().voicePrivate.find((p) => p.voiceId === ids!.voiceId)!;
    expect(stored.notShared).to.deep.equal([{ what: 'That she cries in the cloakroom', withWhom: 'Her father' }]);
    // The shared document holds nothing of it: a parent's model on it sees no trace.
    const parent = new MeetingModel(doc, userFor('parent'));
    expect(parent.snapshot().voicePrivate).to.deep.equal([]);
    expect(JSON.stringify(parent.snapshot())).not.to.contain('cloakroom');
  });

  it('keeps a reservation from the services the leader names: stored in their withheld document, listed, removable', async () => {
    const { doc, restricted, ids } = seeded('leader', { restricted: true });
    const opened = new Map<string, ReturnType<typeof newDoc>>();
    const model = new MeetingModel(doc, userFor('leader'), {
      restricted, openAudience: (a) => { const d = newDoc(); opened.set(audienceKey(a), d); return d; },
    });
    const el = await mount(model, 'en');
    const save = () => $$<HTMLButtonElement>(el, '[part="reservations"] button').find((b) => b.textContent!.includes('Save the reservation'))!;
    // Nothing chosen: the message names what is missing and the field gets focus.
    save().click();
    await settle(el);
    expect(textOf(el)).to.contain('Write what the child does not want to share.');
    expect(el.shadowRoot!.activeElement?.id).to.equal('r-what');
    typeInto($(el, '#r-what'), 'That she is afraid of the PE teacher');
    const school = $$<HTMLLabelElement>(el, '#r-from label').find((l) => l.textContent!.includes('School'))!;
    school.querySelector('input')!.click();
    await settle(el);
    save().click();
    await settle(el);
    expect([...opened.keys()]).to.deep.equal(['withheld/skole']);
    expect(model.snapshot().reservations.map((r) => [r.voiceId, r.what])).to.deep.equal([[ids!.voiceId, 'That she is afraid of the PE teacher']]);
    expect(textOf($(el, '[part="reservations"]'))).to.contain('Kept from: School');
    expect(JSON.stringify(doc.toJSON()) + JSON.stringify(restricted!.toJSON())).not.to.contain('PE teacher');
    $$<HTMLButtonElement>(el, '[part="reservations"] button').find((b) => b.textContent!.includes('Remove service reservation 1'))!.click();
    await settle(el);
    expect(model.snapshot().reservations).to.deep.equal([]);
    await expectNoAxeViolations(el);
  });

  it('a parent reads the professionals\' entry, cannot edit it, sees no restricted part, and may relay the child\'s view', async () => {
    const { model } = seeded('parent', { restricted: true });
    const el = await mount(model, 'en');
    expect(textOf(el)).to.contain('Only the person who recorded it, or a professional, can change it.');
    expect($<HTMLTextAreaElement>(el, '#f-mattersMost').readOnly).to.equal(true);
    expect($$(el, 'button[part="save"]')).to.have.length(0);
    expect($$(el, '[part="private"]')).to.have.length(0);
    // How the child actually took part, as recorded — not the one option a parent would have.
    expect($(el, '#f-participation').tagName).to.equal('P');
    expect($(el, '#f-participation').textContent).to.contain('How the child took part:');
    expect($(el, '#f-participation').textContent).not.to.contain('Relayed by a parent');
    const relay = $$<HTMLButtonElement>(el, '.entries button').find((b) => b.textContent!.includes("Relay the child's view"))!;
    relay.click();
    await settle(el);
    const options = $$<HTMLOptionElement>(el, '#f-participation option').map((o) => o.value);
    expect(options).to.deep.equal(['relayed-by-parent']);
    typeInto($(el, '#f-mattersMost'), 'Emma says she misses her friend from kindergarten.');
    $<HTMLButtonElement>(el, 'button[part="save"]').click();
    await settle(el);
    const relayed = model.snapshot().voice.filter((v) => v.participation === 'relayed-by-parent');
    expect(relayed).to.have.length(1);
    expect(relayed[0]!.createdBy).to.equal('kari.fjellstad');
  });

  it('child mode: mood chosen by keyboard, the child writes as themselves', async () => {
    const { model } = seeded('child');
    const el = await mount(model, 'nb', 'child');
    expect(textOf(el)).to.contain('Hvordan har du det?');
    const radios = $$<HTMLInputElement>(el, 'input[name="mood"]');
    expect(radios).to.have.length(5);
    // Every face has a text label and a target of at least 44 px.
    for (const r of radios) {
      const label = r.closest('label')!;
      expect(label.textContent!.trim()).not.to.equal('');
      const box = label.getBoundingClientRect();
      expect(box.width).to.be.at.least(44);
      expect(box.height).to.be.at.least(44);
    }
    radios[0]!.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(radios.find((r) => r.checked)?.value).to.equal('4');
    typeInto($(el, '#add-quote'), 'Jeg vil ha en venn i storefri.');
    typeInto($(el, '#c-good'), 'Tegning');
    $<HTMLButtonElement>(el, 'button[part="save"]').click();
    await settle(el);
    const mine = model.snapshot().voice.filter((v) => v.createdBy === 'emma.fjellstad');
    expect(mine).to.have.length(1);
    expect(mine[0]!.mood).to.equal(4);
    expect(mine[0]!.quotes).to.deep.equal(['Jeg vil ha en venn i storefri.']);
    expect(mine[0]!.goesWell).to.equal('Tegning');
    expect(textOf(el)).to.contain('Takk! De voksne kan se det du skrev nå.');
    // The child edits their own entry afterwards.
    typeInto($(el, '#c-change'), 'Mindre bråk i garderoben');
    $<HTMLButtonElement>(el, 'button[part="save"]').click();
    await settle(el);
    expect(model.snapshot().voice.find((v) => v.id === mine[0]!.id)!.wantsChanged).to.equal('Mindre bråk i garderoben');
  });

  it('two instances on two linked documents converge after edits on both sides', async () => {
    const { a, b, ids } = linkedModels('leader', 'professional');
    const elA = await mount(a);
    const elB = await mount(b);
    typeInto($(elA, '#f-goesWell'), 'Morgenmøtet og tegning');
    $<HTMLButtonElement>(elA, 'button[part="save"]').click();
    typeInto($(elB, '#f-feedbackBy'), 'Ingrid Haugen');
    $<HTMLButtonElement>(elB, 'button[part="save"]').click();
    await settle(elA);
    await settle(elB);
    for (const el of [elA, elB]) {
      await waitUntil(() => ($(el, '#f-goesWell') as HTMLTextAreaElement).value === 'Morgenmøtet og tegning' && ($(el, '#f-feedbackBy') as HTMLInputElement).value === 'Ingrid Haugen', 'both edits on both sides');
    }
    expect(a.snapshot().voice.find((v) => v.id === ids!.voiceId)).to.deep.equal(b.snapshot().voice.find((v) => v.id === ids!.voiceId));
    // The other side heard about it in its live region.
    await waitUntil(() => elA.lastAnnouncement.includes('Ingrid Haugen'), 'announcement of the remote change');
  });

  it('is read-only once the meeting is finalised', async () => {
    const { model, ids } = seeded('leader');
    model.decisions.add({ meetingId: ids!.meetingId, text: 'Tiltakene fortsetter.' });
    model.meetings.finalise(ids!.meetingId);
    const el = await mount(model, 'en');
    el.meeting = ids!.meetingId;
    await settle(el);
    expect(textOf(el)).to.contain('The meeting is finalised.');
    expect($$(el, 'button[part="save"]')).to.have.length(0);
  });

  it('takes the model and the current meeting from an enclosing <samrad-meeting>', async () => {
    const { model } = seeded('leader');
    const meeting = await fixtureIn(html`<samrad-meeting .model=${model}><samrad-child-voice></samrad-child-voice></samrad-meeting>`, 'en');
    const el = meeting.querySelector('samrad-child-voice')!;
    await settle(el);
    expect(el.model).to.equal(model);
    expect(textOf(el)).to.contain('Conversation beforehand with a named adult – Sofie Lie');
    expect(el.shadowRoot!.querySelector('[part="child-words"]')!.textContent).to.contain('Jeg liker å tegne');
  });

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
    it(`has no axe violations in ${lang} (adult view, professional)`, async () => {
      const el = await mount(seeded('leader', { restricted: true }).model, lang);
      await expectNoAxeViolations(el);
    });
    it(`has no axe violations in ${lang} (child mode)`, async () => {
      const el = await mount(seeded('child').model, lang, 'child');
      await expectNoAxeViolations(el);
    });
    it(`has no axe violations in ${lang} (parent, read-only)`, async () => {
      const el = await mount(seeded('parent').model, lang);
      await expectNoAxeViolations(el);
    });
  }
});
