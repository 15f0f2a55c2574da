import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-goals/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-goals',
  component: 'samrad-goals',
};
export default meta;

export const Leader: StoryObj = {
  name: 'Goals with actions and progress (nb, leader)',
  render: () => {
    const { model } = storyCase('leader');
    return html`<div lang="nb"><samrad-goals .model=${model}></samrad-goals></div>`;
  },
};

export const Ukrainian: StoryObj = {
  name: 'Parent view (uk)',
  render: () => {
    const { model } = storyCase('parent');
    return html`<div lang="uk"><samrad-goals .model=${model}></samrad-goals></div>`;
  },
};
