import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-meetings/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-meetings',
  component: 'samrad-meetings',
};
export default meta;

export const Leader: StoryObj = {
  name: 'The case’s meetings (leader)',
  render: () => {
    const { model } = storyCase('leader');
    return html`<div lang="nb"><samrad-meetings .model=${model}></samrad-meetings></div>`;
  },
};

export const Parent: StoryObj = {
  name: 'Choosing a meeting (parent)',
  render: () => {
    const { model } = storyCase('parent');
    return html`<div lang="en"><samrad-meetings .model=${model}></samrad-meetings></div>`;
  },
};
