import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-case/define.js';
import { MeetingModel } from '../packages/model/src/index.js';
import { storyCase, storyUser } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-case',
  component: 'samrad-case',
};
export default meta;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

export const Populated: StoryObj = {
  name: 'Populated case (nb, leader)',
  render: () => {
    const { model } = storyCase('leader');
    model.case.raiseConcern(daysAgo(9));
    return html`<div lang="nb"><samrad-case .model=${model}></samrad-case></div>`;
  },
};

export const OfferWaiting: StoryObj = {
  name: 'Baton offered, waiting for the new coordinator (professional)',
  render: () => {
    const { model, ids } = storyCase('professional');
    const leader = new MeetingModel(model.doc, storyUser('leader'));
    leader.handovers.offer(ids!.participants.teacher, 'Skolen følger Emma tettest nå.');
    leader.destroy();
    return html`<div lang="nb"><samrad-case .model=${model}></samrad-case></div>`;
  },
};

export const Overdue: StoryObj = {
  name: 'Decision deadline overdue, level raised (en)',
  render: () => {
    const { model } = storyCase('leader');
    model.case.raiseConcern(daysAgo(17));
    model.case.setLevel('bti-3', { reason: 'Fraværet øker.', triedBefore: 'Fast morgenmøte og samtaler med helsesykepleier i seks uker.' });
    return html`<div lang="en"><samrad-case .model=${model}></samrad-case></div>`;
  },
};

export const Zones: StoryObj = {
  name: 'Zone model (green/yellow/red, nn)',
  render: () => {
    const { model } = storyCase('leader', { empty: true });
    model.case.setup({ child: { name: 'Emma Fjellstad' }, levelModelId: 'zones', level: 'yellow' });
    return html`<div lang="nn"><samrad-case .model=${model}></samrad-case></div>`;
  },
};

export const ParentView: StoryObj = {
  name: 'Parent view (read-only stafettlogg)',
  render: () => {
    const { model } = storyCase('parent');
    return html`<div lang="nb"><samrad-case .model=${model}></samrad-case></div>`;
  },
};

export const Ukrainian: StoryObj = {
  name: 'Parent view (uk)',
  render: () => {
    const { model } = storyCase('parent');
    return html`<div lang="uk"><samrad-case .model=${model}></samrad-case></div>`;
  },
};
