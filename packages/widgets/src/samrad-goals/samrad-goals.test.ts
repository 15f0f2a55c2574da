import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { LOCALES, type MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, linkedModels, seeded, settle, typeInto, waitUntil } from '../shared/test-helpers.js';
import type { SamradGoals } from './samrad-goals.js';
import './define.js';

async function mount(model: MeetingModel, lang = 'nb'): Promise<SamradGoals> {
  return fixtureIn<SamradGoals>(html`<samrad-goals .model=${model}></samrad-goals>`, lang);
}

function button(el: Element, action: string): HTMLButtonElement {
  return $<HTMLButtonElement>(el, `button[data-action="${action}"]`);
}

describe('<samrad-goals>', () => {
  it('shows goals with their actions and the progress recorded at evaluations, and adds a result goal', async () => {
    const { model } = seeded('leader');
    const el = await mount(model, 'en');
    const goals = $(el, '[part="goals"]').textContent!.replace(/\s+/g, ' ');
    expect(goals).to.contain('Effect goal: Emma gleder seg til å gå på skolen.');
    expect(goals).to.contain('Result goal: Emma er på skolen de fleste dager.');
    expect(goals).to.contain('Indicator: Minst 4 av 5 skoledager per uke innen uke 10.');
    expect(goals).to.contain('Fast morgenmøte med kontaktlærer hver dag kl. 08.15 (in progress)');
    expect(goals).to.match(/: partly achieved – 3 av 5 dager/);
    // The result goal sits under its effect goal.
    const effect = $$(el, 'li.goal.effect')[0]!;
    expect(effect.querySelector('ul.nested li.goal.result')).to.not.equal(null);

    $$<HTMLInputElement>(el, 'input[name="goal-kind"]').find((i) => i.value === 'result')!.click();
    await settle(el);
    typeInto($<HTMLTextAreaElement>(el, '#goal-text'), 'Emma har en venn i storefri.');
    await settle(el);
    button(el, 'add-goal').click();
    await settle(el);
    expect($(el, '#err-goalIndicator').textContent).to.equal('A result goal needs an indicator.');
    expect(el.shadowRoot!.activeElement?.id).to.equal('goal-indicator');
    typeInto($<HTMLInputElement>(el, '#goal-indicator'), 'Leker med noen i minst 3 av 5 friminutt.');
    typeInto($<HTMLSelectElement>(el, '#goal-parent'), model.snapshot().goals.find((g) => g.kind === 'effect')!.id);
    await settle(el);
    button(el, 'add-goal').click();
    await settle(el);
    expect(model.snapshot().goals).to.have.length(3);
    expect(effect.querySelectorAll('ul.nested li.goal.result')).to.have.length(2);
  });

  it('follows remote edits live', async () => {
    const { a, b } = linkedModels('parent', 'leader');
    const el = await mount(a, 'en');
    b.goals.add({ kind: 'effect', text: 'Emma har det bra i friminuttene.' });
    await waitUntil(() => $(el, '[part="goals"]').textContent!.includes('Emma har det bra i friminuttene.'), 'the goal arrives');
    expect($$(el, 'form')).to.have.length(0);
  });

  for (const lang of LOCALES) {
    it(`has no axe violations in ${lang} (leader with the goal missing, and a parent)`, async () => {
      const el = await mount(seeded('leader').model, lang);
      button(el, 'add-goal').click();
      await settle(el);
      expect($$(el, '#err-goalText')).to.have.length(1);
      await expectNoAxeViolations(el);
      await expectNoAxeViolations(await mount(seeded('parent').model, lang));
    });
  }
});
