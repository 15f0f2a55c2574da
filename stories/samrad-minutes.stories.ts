import { html, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-minutes',
  component: 'samrad-minutes',
};
export default meta;

const inLang = (lang: string, content: TemplateResult) => html`<div lang=${lang}>${content}</div>`;

export const Draft: StoryObj = {
  name: 'Live draft, meeting leader (nb)',
  render: () => inLang('nb', html`<samrad-minutes .model=${storyCase('leader').model}></samrad-minutes>`),
};

export const Finalised: StoryObj = {
  name: 'Finalised: locked, with who and when',
  render: () => {
    const { model, ids } = storyCase('leader', { finalised: true });
    return inLang('nb', html`<samrad-minutes .model=${model} meeting=${ids!.meetingId}></samrad-minutes>`);
  },
};

export const ParentView: StoryObj = {
  name: 'Parent view (downloads only)',
  render: () => inLang('nb', html`<samrad-minutes .model=${storyCase('parent').model}></samrad-minutes>`),
};

export const Professional: StoryObj = {
  name: 'Professional: may not finalise, and is told why (nn)',
  render: () => inLang('nn', html`<samrad-minutes .model=${storyCase('professional').model}></samrad-minutes>`),
};

export const English: StoryObj = {
  name: 'Live draft (en)',
  render: () => inLang('en', html`<samrad-minutes .model=${storyCase('leader').model}></samrad-minutes>`),
};

export const Empty: StoryObj = {
  name: 'Empty case: no meeting yet',
  render: () => inLang('nb', html`<samrad-minutes .model=${storyCase('leader', { empty: true }).model}></samrad-minutes>`),
};
