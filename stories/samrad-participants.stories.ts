import { html, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-participants',
  component: 'samrad-participants',
};
export default meta;

const inLang = (lang: string, content: TemplateResult) => html`<div lang=${lang}>${content}</div>`;

export const Leader: StoryObj = {
  name: 'Populated case, meeting leader (nb)',
  render: () => inLang('nb', html`<samrad-participants .model=${storyCase('leader').model}></samrad-participants>`),
};

export const ParentView: StoryObj = {
  name: 'Parent view: own status only',
  render: () => inLang('nb', html`<samrad-participants .model=${storyCase('parent').model}></samrad-participants>`),
};

export const Observer: StoryObj = {
  name: 'Observer: read only (en)',
  render: () => inLang('en', html`<samrad-participants .model=${storyCase('observer').model}></samrad-participants>`),
};

export const Nynorsk: StoryObj = {
  name: 'Populated case (nn)',
  render: () => inLang('nn', html`<samrad-participants .model=${storyCase('coordinator').model}></samrad-participants>`),
};

export const Empty: StoryObj = {
  name: 'Empty case',
  render: () => inLang('nb', html`<samrad-participants .model=${storyCase('leader', { empty: true }).model}></samrad-participants>`),
};
