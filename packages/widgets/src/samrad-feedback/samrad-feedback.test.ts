import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, linkedModels, seeded, settle, textOf, typeInto, waitUntil } from '../shared/test-helpers.js';
import type { SamradFeedback } from './samrad-feedback.js';
import './define.js';

async function mount(model: MeetingModel, lang = 'nb', mode = 'adult'): Promise<SamradFeedback> {
  return fixtureIn<SamradFeedback>(html`<samrad-feedback .model=${model} mode=${mode}></samrad-feedback>`, lang);
}

function choose(el: Element, question: string, value: string): void {
  $$<HTMLInputElement>(el, `input[name="${question}"]`).find((i) => i.value === value)!.click();
}

/** Answers from `n` made-up family members, straight through the model (as other devices would). */
function answers(model: MeetingModel, meetingId: string, n: number, role: 'parent' | 'child' = 'parent', comment = ''): void {
  for (let i = 0; i < n; i++) {
    const m = new MeetingModel(model.doc, { id: `${role}-${i}-${Math.random().toString(36).slice(2, 6)}`, name: `Hemmelig Navn ${i}`, role });
    m.feedback.submit({ meetingId, feltHeard: 4 + (i % 2), knowsWhoToContact: i !== 0, useful: 5, comment: i === 0 ? comment : '' });
    m.destroy();
  }
}

describe('<samrad-feedback>', () => {
  it('asks a parent the questions, says in words what is missing, then thanks them', async () => {
    const { model, ids } = seeded('parent');
    const el = await mount(model, 'en');
    const sent: CustomEvent[] = [];
    el.addEventListener('samrad-feedback-submit', (e) => sent.push(e as CustomEvent));
    expect($$(el, 'fieldset legend').map((l) => l.textContent)).to.deep.equal([
      'Did you feel heard in the meeting?', 'Do you know who to contact after the meeting?', 'Was the meeting useful?',
    ]);
    $<HTMLButtonElement>(el, 'button[part="submit"]').click();
    await settle(el);
    expect($(el, '#form-error').textContent).to.equal('3 questions have no answer.');
    expect($(el, '#feltHeard-error').textContent).to.equal('Choose an answer.');
    expect($(el, '#knowsWhoToContact-error').textContent).to.equal('Choose yes or no.');
    expect($(el, 'fieldset[data-question="useful"]').getAttribute('aria-describedby')).to.equal('useful-error');
    expect((el.shadowRoot!.activeElement as HTMLInputElement).name).to.equal('feltHeard');
    expect(model.snapshot().feedback).to.have.length(0);

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
    typeInto($<HTMLTextAreaElement>(el, '#comment'), 'Fint at tolken var med.');
    await settle(el);
    $<HTMLButtonElement>(el, 'button[part="submit"]').click();
    await settle(el);
    const [stored] = model.snapshot().feedback;
    expect(stored).to.include({ meetingId: ids!.meetingId, respondentRole: 'parent', feltHeard: 4, knowsWhoToContact: true, useful: 5, comment: 'Fint at tolken var med.' });
    expect(sent.map((e) => e.detail)).to.deep.equal([{ meetingId: ids!.meetingId }]);
    expect($(el, '[part="thanks"]').textContent).to.contain('Thank you for your answers!');
    expect(el.shadowRoot!.activeElement?.id).to.equal('thanks');
    expect($$(el, 'form')).to.have.length(0);
  });

  it('has a child-friendly variant: plain words, faces with text, large targets', async () => {
    const { model } = seeded('child');
    const el = await mount(model, 'uk', 'child');
    expect($(el, 'h2').textContent).to.equal('Як пройшла зустріч?');
    expect($$(el, 'fieldset legend')[0]!.textContent).to.equal('Чи дорослі слухали тебе?');
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
    $<HTMLButtonElement>(el, 'button[part="submit"]').click();
    await settle(el);
    expect(model.snapshot().feedback[0]).to.include({ respondentRole: 'child', feltHeard: 5, knowsWhoToContact: false, useful: 3 });
    expect($(el, '[part="thanks"]').textContent).to.contain('Дякуємо!');
  });

  it('shows the thank-you on every device of the person once they answered, and refuses a second answer in words', async () => {
    const { a, b, ids } = linkedModels('parent', 'parent');
    const elA = await mount(a, 'nn');
    const elB = await mount(b, 'nn');
    choose(elB, 'feltHeard', '3');
    choose(elB, 'knowsWhoToContact', 'yes');
    choose(elB, 'useful', '3');
    // A filled in the form too, but B sends first.
    choose(elA, 'feltHeard', '1');
    choose(elA, 'knowsWhoToContact', 'no');
    choose(elA, 'useful', '1');
    await settle(elB);
    $<HTMLButtonElement>(elB, 'button[part="submit"]').click();
    await waitUntil(() => $$(elA, '[part="thanks"]').length === 1, 'the thank-you reaches the other device');
    expect(textOf(elA)).to.contain('Takk for svara!');
    expect(a.snapshot().feedback.filter((f) => f.meetingId === ids!.meetingId)).to.have.length(1);
  });

  it('shows professionals only anonymised totals, hiding figures under five', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model, 'en');
    expect(textOf(el)).to.contain('No answers yet.');
    expect($$(el, 'form')).to.have.length(0);
    answers(model, ids!.meetingId, 3, 'parent', 'Hemmelig kommentar');
    await settle(el);
    expect($(el, '.suppressed').textContent).to.contain('Fewer than 5 have answered.');
    expect($$(el, 'table')).to.have.length(0);
    expect(textOf(el)).not.to.contain('Hemmelig');

    answers(model, ids!.meetingId, 3, 'parent');
    answers(model, ids!.meetingId, 1, 'child');
    await settle(el);
    expect($(el, '.total').textContent).to.equal('7 answers');
    expect(textOf(el)).to.contain('Who answered: Parents 6 · Children fewer than 5');
    const felt = [...$(el, 'tr[data-question="feltHeard"]').querySelectorAll('td')].map((c) => c.textContent!.trim());
    // 4, 5, 4 | 4, 5, 4 | 4 from the child: five fours, two fives (hidden); average 30 / 7.
    expect(felt).to.deep.equal(['4.3 of 5', '0', '0', '0', '5', 'fewer than 5']);
    expect($(el, 'tr[data-answer="no"] td').textContent).to.equal('fewer than 5');
    expect($(el, 'ul.comments').textContent!.replace(/\s+/g, ' ').trim()).to.equal('Parents: Hemmelig kommentar');
    // No names and no ids anywhere: respondents only by role.
    expect(textOf(el)).not.to.contain('Hemmelig Navn');
    expect(textOf(el)).not.to.match(/parent-\d/);
  });

  it('updates the totals live when answers arrive from other devices', async () => {
    const { a: leader, b: parent, ids } = linkedModels('leader', 'parent');
    answers(leader, ids!.meetingId, 4);
    const el = await mount(leader, 'en');
    expect($$(el, '.suppressed')).to.have.length(1);
    parent.feedback.submit({ meetingId: ids!.meetingId, feltHeard: 2, knowsWhoToContact: true, useful: 2 });
    await waitUntil(() => $$(el, '.total').length === 1, 'the fifth answer lifts the suppression');
    expect($(el, '.total').textContent).to.equal('5 answers');
    await waitUntil(() => el.lastAnnouncement === 'The figures were updated.', 'announced');
  });

  it('tells an observer the feedback is not for them', async () => {
    const el = await mount(seeded('observer').model, 'nb');
    expect(textOf(el)).to.contain('Tilbakemeldingen er for foreldrene og barnet.');
    expect($$(el, 'form, table')).to.have.length(0);
  });

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
    it(`has no axe violations in ${lang} (parent with errors, child mode, totals)`, async () => {
      const parent = await mount(seeded('parent').model, lang);
      $<HTMLButtonElement>(parent, 'button[part="submit"]').click();
      await settle(parent);
      expect($$(parent, '.field-error')).to.have.length(4);
      await expectNoAxeViolations(parent);

      const child = await mount(seeded('child').model, lang, 'child');
      choose(child, 'feltHeard', '2');
      await expectNoAxeViolations(child);

      const { model, ids } = seeded('professional');
      answers(model, ids!.meetingId, 6, 'parent', 'Ok');
      const pro = await mount(model, lang);
      expect($$(pro, 'table')).to.have.length(2);
      await expectNoAxeViolations(pro);
    });
  }
});
