import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-child-voice/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-child-voice',
  component: 'samrad-child-voice',
};
export default meta;

export const Empty: StoryObj = {
  name: 'Empty (nothing recorded yet)',
  render: () => {
    const { model } = storyCase('leader', { empty: true });
    return html`<div lang="nb"><samrad-child-voice .model=${model}></samrad-child-voice></div>`;
  },
};

export const Populated: StoryObj = {
  name: 'Populated case (nb)',
  render: () => {
    const { model, ids } = storyCase('leader');
    model.voice.setPrivate(ids!.voiceId, [{ what: 'At hun gråter i garderoben', withWhom: 'Pappa' }]);
    return html`<div lang="nb"><samrad-child-voice .model=${model}></samrad-child-voice></div>`;
  },
};

export const ParentView: StoryObj = {
  name: 'Parent view',
  render: () => {
    const { model } = storyCase('parent');
    return html`<div lang="nb"><samrad-child-voice .model=${model}></samrad-child-voice></div>`;
  },
};

export const ChildMode: StoryObj = {
  name: 'Child mode',
  render: () => {
    const { model } = storyCase('child');
    return html`<div lang="nb"><samrad-child-voice mode="child" .model=${model}></samrad-child-voice></div>`;
  },
};

export const ChildModeNynorsk: StoryObj = {
  name: 'Child mode (nn)',
  render: () => {
    const { model } = storyCase('child');
    return html`<div lang="nn"><samrad-child-voice mode="child" .model=${model}></samrad-child-voice></div>`;
  },
};

export const Finalised: StoryObj = {
  name: 'Finalised meeting (read-only)',
  render: () => {
    const { model, ids } = storyCase('leader', { finalised: true });
    return html`<div lang="nb"><samrad-child-voice .model=${model} meeting=${ids!.meetingId}></samrad-child-voice></div>`;
  },
};

export const English: StoryObj = {
  name: 'Populated case (en)',
  render: () => {
    const { model } = storyCase('professional');
    return html`<div lang="en"><samrad-child-voice .model=${model}></samrad-child-voice></div>`;
  },
};
