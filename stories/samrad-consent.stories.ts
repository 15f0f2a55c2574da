import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-consent/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-consent',
  component: 'samrad-consent',
};
export default meta;

export const Empty: StoryObj = {
  name: 'Empty (no consent recorded)',
  render: () => {
    const { model } = storyCase('leader', { empty: true });
    model.case.setup({ child: { name: 'Emma Fjellstad' } });
    return html`<div lang="nb"><samrad-consent .model=${model}></samrad-consent></div>`;
  },
};

export const Populated: StoryObj = {
  name: 'Populated case (nb)',
  render: () => {
    const { model } = storyCase('leader');
    return html`<div lang="nb"><samrad-consent .model=${model}></samrad-consent></div>`;
  },
};

export const WithdrawnPartially: StoryObj = {
  name: 'Consent withdrawn partially',
  render: () => {
    const { model } = storyCase('leader');
    const consent = model.snapshot().consents[0]!;
    model.consents.withdraw(consent.id, ['barnevern'], 'Foreldrene ønsker ikke at barnevernet deltar i samarbeidet nå.');
    return html`<div lang="nb"><samrad-consent .model=${model}></samrad-consent></div>`;
  },
};

export const ParentView: StoryObj = {
  name: 'Parent view (may withdraw)',
  render: () => {
    const { model } = storyCase('parent');
    return html`<div lang="nb"><samrad-consent .model=${model}></samrad-consent></div>`;
  },
};

export const ChildView: StoryObj = {
  name: 'Child view (read-only)',
  render: () => {
    const { model } = storyCase('child');
    return html`<div lang="nb"><samrad-consent .model=${model}></samrad-consent></div>`;
  },
};

export const English: StoryObj = {
  name: 'Populated case (en)',
  render: () => {
    const { model } = storyCase('professional');
    return html`<div lang="en"><samrad-consent .model=${model}></samrad-consent></div>`;
  },
};
