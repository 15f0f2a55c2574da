import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-notes/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-notes',
  component: 'samrad-notes',
};
export default meta;

export const Professional: StoryObj = {
  name: 'Notes for the professionals (leader)',
  render: () => {
    const { model } = storyCase('leader');
    return html`<div lang="nb"><samrad-notes .model=${model}></samrad-notes></div>`;
  },
};
