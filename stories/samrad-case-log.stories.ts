import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-case-log/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-case-log',
  component: 'samrad-case-log',
};
export default meta;

export const Populated: StoryObj = {
  name: 'Every decision and the stafettlogg (nb, leader)',
  render: () => {
    const { model, ids } = storyCase('leader');
    model.case.raiseConcern(undefined, 'Mye fravær');
    model.case.setLevel('bti-3', { reason: 'Fraværet øker.', triedBefore: 'Fast morgenmøte i seks uker.' });
    model.handovers.offer(ids!.participants.teacher);
    return html`<div lang="nb"><samrad-case-log .model=${model}></samrad-case-log></div>`;
  },
};

export const ParentView: StoryObj = {
  name: 'Parent view (en)',
  render: () => {
    const { model } = storyCase('parent');
    return html`<div lang="en"><samrad-case-log .model=${model}></samrad-case-log></div>`;
  },
};
