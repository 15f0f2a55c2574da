import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-best-interest/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-best-interest',
  component: 'samrad-best-interest',
};
export default meta;

export const Empty: StoryObj = {
  name: 'Empty (no assessment yet)',
  render: () => {
    const { model } = storyCase('leader', { empty: true });
    return html`<div lang="nb"><samrad-best-interest .model=${model}></samrad-best-interest></div>`;
  },
};

export const Populated: StoryObj = {
  name: 'Populated case (nb)',
  render: () => {
    const { model } = storyCase('leader');
    return html`<div lang="nb"><samrad-best-interest .model=${model}></samrad-best-interest></div>`;
  },
};

export const WithEarlierVersions: StoryObj = {
  name: 'With earlier versions',
  render: () => {
    const { model, ids } = storyCase('leader');
    model.assessments.revise(ids!.assessmentId, {
      elements: { ...model.snapshot().assessments[0]!.content.elements, health: 'Sover dårlig i perioder; fastlegen følger opp.' },
    });
    model.assessments.addOption(ids!.assessmentId, 'Fortsette morgenmøtet og legge til leseklubb', 'Emma får en trygg start på dagen og et fellesskap utenfor skolen.');
    model.assessments.revise(ids!.assessmentId, {
      conclusion: 'Tiltakene for skolenærvær fortsetter, og Emma får være med i leseklubben.',
      reasons: 'Fraværet går ned, og Emma sier selv at morgenmøtet hjelper.',
      childViewWeighing: 'Emmas ønske om en venn i friminuttene er lagt stor vekt på; leseklubben er valgt sammen med henne.',
      status: 'concluded',
    });
    return html`<div lang="nb"><samrad-best-interest .model=${model}></samrad-best-interest></div>`;
  },
};

export const ParentView: StoryObj = {
  name: 'Parent view (read-only, may register disagreement)',
  render: () => {
    const { model, ids } = storyCase('parent');
    model.comments.add({ target: { type: 'assessment', id: ids!.assessmentId }, kind: 'dissent', text: 'Vi mener vansken ikke bare ligger i omgivelsene; Emma sover dårlig.' });
    return html`<div lang="nb"><samrad-best-interest .model=${model}></samrad-best-interest></div>`;
  },
};

export const Finalised: StoryObj = {
  name: 'Finalised meeting (locked)',
  render: () => {
    const { model } = storyCase('leader', { finalised: true });
    return html`<div lang="nb"><samrad-best-interest .model=${model}></samrad-best-interest></div>`;
  },
};

export const InHostForm: StoryObj = {
  name: 'Inside a host <form> (form-associated)',
  render: () => {
    const { model } = storyCase('professional');
    const onSubmit = (e: SubmitEvent) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const out = form.querySelector('output')!;
      out.value = String(new FormData(form).get('assessment') ?? '');
    };
    return html`<form lang="en" @submit=${onSubmit}>
      <samrad-best-interest name="assessment" .model=${model}></samrad-best-interest>
      <p><button>Submit the host form</button></p>
      <p><label>Submitted value <output style="display:block;white-space:pre-wrap;font-family:monospace"></output></label></p>
    </form>`;
  },
};

export const CustomElements: StoryObj = {
  name: 'Municipality element set (nn)',
  render: () => {
    const { model } = storyCase('leader', { empty: true });
    model.case.setup({ child: { name: 'Emma Fjellstad' } });
    model.assessments.create({ elementSet: ['child-views', 'family', 'school-route'] });
    const labels = { 'school-route': { nb: 'Skolevei og fritid', nn: 'Skuleveg og fritid', en: 'Way to school and leisure' } };
    return html`<div lang="nn"><samrad-best-interest .model=${model} elements="child-views family school-route" .elementLabels=${labels}></samrad-best-interest></div>`;
  },
};
