import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import type { MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, linkedModels, seeded, settle, textOf, typeInto, waitUntil } from '../shared/test-helpers.js';
import { LONG_TEXT_MAX } from '../shared/text-binding.js';
import { hasUnsaved } from '../shared/drafts.js';
import type { SamradBestInterest } from './samrad-best-interest.js';
import './define.js';

async function mount(model: MeetingModel, lang = 'nb'): Promise<SamradBestInterest> {
  return fixtureIn<SamradBestInterest>(html`<samrad-best-interest .model=${model}></samrad-best-interest>`, lang);
}

function button(el: Element, text: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.replace(/\s+/g, ' ').includes(text));
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

describe('<samrad-best-interest>', () => {
  it('renders the example assessment: elements, factors, primary difficulty, the child\'s words', async () => {
    const { model } = seeded('leader');
    const el = await mount(model);
    expect(textOf(el)).to.contain('Versjon 1');
    expect($<HTMLTextAreaElement>(el, '#el-family').value).to.contain('Foreldrene bor hver for seg');
    expect($$(el, 'textarea[id^="el-"]')).to.have.length(7);
    const checked = $$<HTMLInputElement>(el, 'input[name="protectiveFactors"]').filter((c) => c.checked).map((c) => c.value);
    expect(checked).to.deep.equal(['stable-adult', 'parent-cooperation']);
    expect($$<HTMLInputElement>(el, 'input[name="pd-location"]').find((r) => r.checked)?.value).to.equal('surroundings');
    expect($<HTMLSelectElement>(el, '#f-level').options.length).to.equal(5);
    // The child's own words from the child's voice sit next to the "child's views" element.
    expect($(el, '.voice-summary').textContent).to.contain('Jeg liker å tegne');
    expect(textOf(el)).to.contain('Utkast');
  });

  it('saving creates version 2; "see earlier versions" shows version 1 read-only', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model, 'en');
    const events: CustomEvent[] = [];
    el.addEventListener('samrad-assessment-revise', (e) => events.push(e as CustomEvent));
    // The text is typed into the record at once (a new element: the first input creates it)…
    typeInto($(el, '#el-health'), 'Sleeps badly; the GP is following up.');
    expect(model.snapshot().assessments[0]!.content.elements.health).to.equal('Sleeps badly; the GP is following up.');
    expect(model.snapshot().assessments[0]!.version).to.equal(1);
    // …the checkboxes wait for the save.
    $$<HTMLInputElement>(el, 'input[name="riskFactors"]').find((c) => c.value === 'conflict')!.click();
    await settle(el);
    expect(textOf(el)).to.contain('You have unsaved changes.');
    expect(textOf(el)).to.contain('The texts are saved as you type');
    expect(model.snapshot().assessments[0]!.content.riskFactors.checked).not.to.include('conflict');
    $<HTMLButtonElement>(el, 'button[part="save"]').click();
    await settle(el);
    expect(events.map((e) => e.detail)).to.deep.equal([{ id: ids!.assessmentId, version: 2 }]);
    const a = model.snapshot().assessments[0]!;
    expect(a.version).to.equal(2);
    expect(a.content.elements.health).to.equal('Sleeps badly; the GP is following up.');
    expect(a.content.riskFactors.checked).to.include('conflict');
    expect(a.history.map((h) => h.version)).to.deep.equal([1]);
    expect(textOf(el)).to.contain('Version 2');

    const toggle = button(el, 'See earlier versions (1)');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await settle(el);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    button(el, 'Show version 1').click();
    await settle(el);
    const view = $(el, '#version-view');
    expect(view.textContent).to.contain('Version 1 (read only)');
    expect(view.textContent).to.contain('Foreldrene bor hver for seg');
    expect(view.textContent).not.to.contain('High level of family conflict');
    expect(view.querySelectorAll('input, textarea, select')).to.have.length(0);
    expect(el.shadowRoot!.activeElement).to.equal(view);
  });

  it('keeps unsaved choices through a reload, asks before leaving meanwhile, and forgets them when discarded', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model, 'en');
    $$<HTMLInputElement>(el, 'input[name="riskFactors"]').find((c) => c.value === 'conflict')!.click();
    await settle(el);
    expect(hasUnsaved()).to.equal(true);
    // "Reload": the element goes, a new one comes on the same case for the same user.
    el.remove();
    expect(hasUnsaved()).to.equal(false);
    const again = await mount(model, 'en');
    expect(textOf(again)).to.contain('The changes you had not saved are back.');
    expect($$<HTMLInputElement>(again, 'input[name="riskFactors"]').find((c) => c.value === 'conflict')!.checked).to.equal(true);
    expect(model.snapshot().assessments.find((a) => a.id === ids!.assessmentId)!.content.riskFactors.checked).not.to.include('conflict');
    expect(hasUnsaved()).to.equal(true);
    again.discard();
    await settle(again);
    expect(hasUnsaved()).to.equal(false);
    again.remove();
    const third = await mount(model, 'en');
    expect(textOf(third)).not.to.contain('The changes you had not saved are back.');
  });

  it('keeps focus on a control after discarding changes with the keyboard', async () => {
    const { model } = seeded('leader');
    const el = await mount(model, 'en');
    $$<HTMLInputElement>(el, 'input[name="riskFactors"]').find((c) => c.value === 'conflict')!.click();
    await settle(el);
    const discard = $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent === 'Discard changes')!;
    discard.focus();
    discard.click();
    await settle(el);
    const focused = el.shadowRoot!.activeElement;
    expect(focused, 'focus is in the element, not on <body>').to.not.equal(null);
    expect(document.activeElement).to.equal(el);
  });

  it('marks, describes and focuses the field a refused save names', async () => {
    const { model } = seeded('leader');
    const el = await mount(model, 'en');
    const field = $<HTMLInputElement>(el, '#f-assessedBy');
    field.value = 'x'.repeat(600);
    field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await settle(el);
    $<HTMLButtonElement>(el, 'button[part="save"]').click();
    await settle(el);
    await settle(el);
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')).to.contain('save-error');
    expect(el.shadowRoot!.activeElement).to.equal(field);
    const label = $(el, 'label[for="f-assessedBy"]').textContent!.trim();
    expect($(el, '#save-error').textContent).to.contain(label);
  });

  it('is form-associated: a host form gets the value, and invalid content blocks submit', async () => {
    const { model, ids } = seeded('leader');
    const form = await fixtureIn<HTMLFormElement>(html`<form><samrad-best-interest name="assessment" .model=${model}></samrad-best-interest><button>Send</button></form>`, 'en');
    const el = form.querySelector('samrad-best-interest')!;
    await settle(el);
    expect(el.form).to.equal(form);
    const value = JSON.parse(new FormData(form).get('assessment') as string);
    expect(value.elements.family).to.contain('Foreldrene bor hver for seg');
    expect(value.status).to.equal('draft');
    expect(form.checkValidity()).to.equal(true);

    let submits = 0;
    form.addEventListener('submit', (e) => { e.preventDefault(); submits++; });
    // Concluding without saying how the child's view was weighed makes it invalid.
    typeInto($(el, '#f-conclusion'), 'Continue the attendance actions; add the reading club.');
    $<HTMLInputElement>(el, '#f-concluded').click();
    await settle(el);
    expect(el.validity.valid).to.equal(false);
    expect(el.validationMessage).to.equal("Write how the child's view was weighed before concluding.");
    expect(form.checkValidity()).to.equal(false);
    expect(form.reportValidity()).to.equal(false);
    form.requestSubmit();
    await settle(el);
    expect(submits).to.equal(0);
    // The element's own save refuses too and says why next to the field.
    $<HTMLButtonElement>(el, 'button[part="save"]').click();
    await settle(el);
    expect($(el, '#f-childViewWeighing-error').textContent).to.contain("Write how the child's view was weighed");
    expect(model.snapshot().assessments[0]!.version).to.equal(1);

    typeInto($(el, '#f-childViewWeighing'), 'Emma wants a friend at break time; the reading club answers that.');
    await settle(el);
    expect(el.validity.valid).to.equal(true);
    form.requestSubmit();
    await settle(el);
    expect(submits).to.equal(1);
    const submitted = JSON.parse(new FormData(form).get('assessment') as string);
    expect(submitted.status).to.equal('concluded');
    expect(submitted.childViewWeighing).to.contain('reading club');

    // A form reset discards the edits.
    form.reset();
    await settle(el);
    expect(JSON.parse(new FormData(form).get('assessment') as string).status).to.equal('draft');
    expect(model.snapshot().assessments.find((a) => a.id === ids!.assessmentId)!.version).to.equal(1);
  });

  it('a parent reads it, sees why it is read-only, and registers disagreement', async () => {
    const { model, ids } = seeded('parent');
    const el = await mount(model, 'en');
    expect(textOf(el)).to.contain('Only professionals can change the assessment.');
    expect($<HTMLTextAreaElement>(el, '#el-family').readOnly).to.equal(true);
    expect($<HTMLInputElement>(el, '#f-concluded').disabled).to.equal(true);
    expect($$(el, 'button[part="save"]')).to.have.length(0);
    const events: CustomEvent[] = [];
    el.addEventListener('samrad-assessment-comment', (e) => events.push(e as CustomEvent));
    // A plain comment is the default; disagreement is chosen.
    expect($<HTMLSelectElement>(el, '#c-kind').value).to.equal('comment');
    typeInto($<HTMLSelectElement>(el, '#c-kind'), 'dissent');
    typeInto($(el, '#c-text'), 'We do not agree that the difficulty lies in the surroundings alone.');
    button(el, 'Add').click();
    await settle(el);
    const comments = model.snapshot().comments.filter((c) => c.target.id === ids!.assessmentId);
    expect(comments).to.have.length(1);
    expect(comments[0]!.kind).to.equal('dissent');
    expect(comments[0]!.authorRole).to.equal('parent');
    expect(events[0]!.detail.kind).to.equal('dissent');
    expect($(el, '[part="comments"]').textContent).to.contain('Disagreement:');
    expect($(el, '[part="comments"]').textContent).to.contain('Kari Fjellstad (parent)');
  });

  it('the element set is configurable, with own labels', async () => {
    const { model } = seeded('leader');
    const el = await fixtureIn<SamradBestInterest>(
      html`<samrad-best-interest .model=${model} elements="child-views school-route" .elementLabels=${{ 'school-route': { nb: 'Skolevei', nn: 'Skuleveg', en: 'Way to school' } }}></samrad-best-interest>`,
      'nn',
    );
    const labels = $$(el, '[part="elements"] label').map((l) => l.textContent!.trim());
    // Configured keys first; keys with stored text outside the set stay visible rather than vanish.
    expect(labels.slice(0, 2)).to.deep.equal(['Barnet sine synspunkt', 'Skuleveg']);
    expect(labels).to.include('Familiemiljø og relasjonar');
    expect(labels).not.to.include('Helse');
  });

  it('two instances on two linked documents converge after edits on both sides', async () => {
    const { a, b } = linkedModels('leader', 'professional');
    const elA = await mount(a);
    const elB = await mount(b);
    typeInto($(elA, '#el-health'), 'Søvnvansker.');
    $<HTMLButtonElement>(elA, 'button[part="save"]').click();
    await settle(elA);
    await settle(elB);
    typeInto($(elB, '#el-identity'), 'Glad i å tegne.');
    $<HTMLButtonElement>(elB, 'button[part="save"]').click();
    await settle(elA);
    await settle(elB);
    for (const el of [elA, elB]) {
      await waitUntil(() => textOf(el).includes('Versjon 3'), 'version 3 on both sides');
      expect($<HTMLTextAreaElement>(el, '#el-health').value).to.equal('Søvnvansker.');
      expect($<HTMLTextAreaElement>(el, '#el-identity').value).to.equal('Glad i å tegne.');
    }
    expect(a.snapshot().assessments).to.deep.equal(b.snapshot().assessments);
  });

  it('keeps unsaved choices when someone else saves a version; typed texts are already shared', async () => {
    const { a, b } = linkedModels('leader', 'professional');
    const elA = await mount(a, 'en');
    const elB = await mount(b, 'en');
    $$<HTMLInputElement>(elB, 'input[name="riskFactors"]').find((c) => c.value === 'conflict')!.click();
    typeInto($(elB, '#el-care'), 'B is writing about care.');
    await settle(elB);
    typeInto($(elA, '#el-health'), 'A saved health.');
    $<HTMLButtonElement>(elA, 'button[part="save"]').click();
    await settle(elA);
    await waitUntil(() => textOf(elB).includes('Someone else saved version 2'), 'notice on B');
    await settle(elB);
    expect($<HTMLTextAreaElement>(elB, '#el-care').value).to.equal('B is writing about care.');
    expect($<HTMLTextAreaElement>(elB, '#el-health').value).to.equal('A saved health.');
    expect($$<HTMLInputElement>(elB, 'input[name="riskFactors"]').find((c) => c.value === 'conflict')!.checked).to.equal(true);
    // A's version already holds B's typing.
    expect(a.snapshot().assessments[0]!.content.elements.care).to.equal('B is writing about care.');
    $<HTMLButtonElement>(elB, 'button[part="save"]').click();
    await settle(elB);
    const stored = a.snapshot().assessments[0]!;
    expect(stored.version).to.equal(3);
    expect(stored.content.elements.care).to.equal('B is writing about care.');
    expect(stored.content.elements.health).to.equal('A saved health.');
    expect(stored.content.riskFactors.checked).to.include('conflict');
  });

  it('types the conclusion live: another person\'s edit arrives without moving the caret, and both texts are kept', async () => {
    const { a, b, ids } = linkedModels('leader', 'professional');
    const el = await mount(a, 'en');
    const other = await mount(b, 'en');
    const conclusion = $<HTMLTextAreaElement>(el, '#f-conclusion');
    expect(conclusion.maxLength).to.equal(LONG_TEXT_MAX);
    conclusion.focus();
    conclusion.setRangeText('Emma needs close follow-up.', 0, 0, 'end');
    conclusion.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
    await settle(el);
    await settle(other);
    expect($<HTMLTextAreaElement>(other, '#f-conclusion').value).to.equal('Emma needs close follow-up.');
    conclusion.setSelectionRange(5, 5);
    // The other person types in two places, one edit at a time as typing goes.
    b.editText('assessments', ids!.assessmentId, 'content.conclusion', 'PPT: Emma needs close follow-up.');
    b.editText('assessments', ids!.assessmentId, 'content.conclusion', 'PPT: Emma needs close follow-up. Agreed.');
    await settle(el);
    expect(conclusion.value).to.equal('PPT: Emma needs close follow-up. Agreed.');
    expect([conclusion.selectionStart, conclusion.selectionEnd]).to.deep.equal([10, 10]);
    expect($(el, '#f-conclusion')).to.equal(conclusion);
    // This user goes on typing at the caret; the other's text stays.
    conclusion.setRangeText('really ', 10, 10, 'end');
    conclusion.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
    await settle(el);
    expect(b.snapshot().assessments[0]!.content.conclusion).to.equal('PPT: Emma really needs close follow-up. Agreed.');
    expect(a.snapshot().assessments[0]!.version).to.equal(1);
    // Too long a text is cut, and the limit is said next to the field.
    conclusion.value = 'x'.repeat(LONG_TEXT_MAX + 5);
    conclusion.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
    expect($(el, '#f-conclusion-msg').textContent).to.contain('at most 20,000 characters');
    expect(a.snapshot().assessments[0]!.content.conclusion).to.have.length(LONG_TEXT_MAX);
    await expectNoAxeViolations(el);
  });

  it('locks the live texts when the meeting is finalised', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model, 'en');
    expect($<HTMLTextAreaElement>(el, '#f-reasons').readOnly).to.equal(false);
    model.meetings.finalise(ids!.meetingId, 'No decision today.');
    await settle(el);
    expect($<HTMLTextAreaElement>(el, '#f-reasons').readOnly).to.equal(true);
    expect($<HTMLTextAreaElement>(el, '#el-family').readOnly).to.equal(true);
    expect($<HTMLTextAreaElement>(el, '#el-family').value).to.contain('Foreldrene bor hver for seg');
  });

  it('offers to start an assessment when there is none, to professionals only', async () => {
    const { model } = seeded('leader', { empty: true });
    const el = await mount(model, 'en');
    expect(el.value).to.equal('');
    button(el, 'Start assessment').click();
    await settle(el);
    expect(model.snapshot().assessments).to.have.length(1);
    expect(textOf(el)).to.contain('Version 1');
    const child = await mount(seeded('child', { empty: true }).model, 'en');
    expect(textOf(child)).to.contain('Only professionals can start an assessment.');
  });

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
    it(`has no axe violations in ${lang} (professional, with an earlier version open)`, async () => {
      const { model, ids } = seeded('leader');
      model.assessments.revise(ids!.assessmentId, { conclusion: 'Fortsette tiltakene.' });
      const el = await mount(model, lang);
      $<HTMLButtonElement>(el, '[part="history"] button').click();
      await settle(el);
      $$<HTMLButtonElement>(el, 'ol.history button')[0]!.click();
      await expectNoAxeViolations(el);
    });
    it(`has no axe violations in ${lang} (parent, read-only)`, async () => {
      const el = await mount(seeded('parent').model, lang);
      await expectNoAxeViolations(el);
    });
  }
});
