import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-feedback/define.js';
import { MeetingModel } from '../packages/model/src/index.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-feedback',
  component: 'samrad-feedback',
};
export default meta;

export const Parent: StoryObj = {
  name: 'Parent (nb)',
  render: () => {
    const { model } = storyCase('parent');
    return html`<div lang="nb"><samrad-feedback .model=${model}></samrad-feedback></div>`;
  },
};

export const Child: StoryObj = {
  name: 'Child mode (faces)',
  render: () => {
    const { model } = storyCase('child');
    return html`<div lang="nb"><samrad-feedback mode="child" .model=${model}></samrad-feedback></div>`;
  },
};

export const ChildUkrainian: StoryObj = {
  name: 'Child mode (uk)',
  render: () => {
    const { model } = storyCase('child');
    return html`<div lang="uk"><samrad-feedback mode="child" .model=${model}></samrad-feedback></div>`;
  },
};

export const Thanks: StoryObj = {
  name: 'After sending (thank-you)',
  render: () => {
    const { model, ids } = storyCase('parent');
    model.feedback.submit({ meetingId: ids!.meetingId, feltHeard: 4, knowsWhoToContact: true, useful: 4 });
    return html`<div lang="nb"><samrad-feedback .model=${model}></samrad-feedback></div>`;
  },
};

/** Fictitious family members answering, so the totals pass the small-number threshold. */
function answers(model: MeetingModel, meetingId: string, n: number): void {
  for (let i = 0; i < n; i++) {
    const m = new MeetingModel(model.doc, { id: `story-parent-${i}`, name: `Forelder ${i}`, role: i === 3 ? 'child' : 'parent' });
    m.feedback.submit({ meetingId, feltHeard: 3 + (i % 3), knowsWhoToContact: i !== 2, useful: 4 + (i % 2), comment: i === 1 ? 'Godt å ha tolk med.' : '' });
    m.destroy();
  }
}

export const Totals: StoryObj = {
  name: 'Professional: anonymised totals',
  render: () => {
    const { model, ids } = storyCase('leader');
    answers(model, ids!.meetingId, 7);
    return html`<div lang="nb"><samrad-feedback .model=${model}></samrad-feedback></div>`;
  },
};

export const TotalsSuppressed: StoryObj = {
  name: 'Professional: fewer than 5 answers (hidden)',
  render: () => {
    const { model, ids } = storyCase('leader');
    answers(model, ids!.meetingId, 3);
    return html`<div lang="en"><samrad-feedback .model=${model}></samrad-feedback></div>`;
  },
};
