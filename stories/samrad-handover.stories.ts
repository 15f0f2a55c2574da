import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-handover/define.js';
import { MeetingModel } from '../packages/model/src/index.js';
import { storyCase, storyUser } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-handover',
  component: 'samrad-handover',
};
export default meta;

export const Holder: StoryObj = {
  name: 'The coordinator hands the baton on (nb, leader)',
  render: () => {
    const { model } = storyCase('leader');
    return html`<div lang="nb"><samrad-handover .model=${model}></samrad-handover></div>`;
  },
};

export const Offered: StoryObj = {
  name: 'Baton offered to this professional (en)',
  render: () => {
    const { model, ids } = storyCase('professional');
    const leader = new MeetingModel(model.doc, storyUser('leader'));
    leader.handovers.offer(ids!.participants.teacher, 'Skolen følger Emma tettest nå.');
    leader.destroy();
    return html`<div lang="en"><samrad-handover .model=${model}></samrad-handover></div>`;
  },
};
