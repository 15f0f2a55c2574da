import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-level/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-level',
  component: 'samrad-level',
};
export default meta;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

export const Open: StoryObj = {
  name: 'A concern waiting for a decision (nb, professional)',
  render: () => {
    const { model } = storyCase('professional');
    model.case.raiseConcern(daysAgo(9), 'Mye fravær');
    return html`<div lang="nb"><samrad-level .model=${model}></samrad-level></div>`;
  },
};

export const Overdue: StoryObj = {
  name: 'Decision deadline overdue, level raised (en)',
  render: () => {
    const { model } = storyCase('leader');
    model.case.raiseConcern(daysAgo(17));
    model.case.setLevel('bti-3', { reason: 'Fraværet øker.', triedBefore: 'Fast morgenmøte og samtaler med helsesykepleier i seks uker.' });
    return html`<div lang="en"><samrad-level .model=${model}></samrad-level></div>`;
  },
};

export const Zones: StoryObj = {
  name: 'Zone model (green/yellow/red, nn)',
  render: () => {
    const { model } = storyCase('leader', { empty: true });
    model.case.setup({ child: { name: 'Emma Fjellstad' }, levelModelId: 'zones', level: 'yellow' });
    return html`<div lang="nn"><samrad-level .model=${model}></samrad-level></div>`;
  },
};
