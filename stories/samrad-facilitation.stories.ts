import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-facilitation/define.js';
import { MeetingModel } from '../packages/model/src/index.js';
import { storyCase, storyUser } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-facilitation',
  component: 'samrad-facilitation',
};
export default meta;

export const Off: StoryObj = {
  name: 'Nothing started (leader)',
  render: () => {
    const { model } = storyCase('leader');
    return html`<div lang="nb"><samrad-facilitation .model=${model}></samrad-facilitation></div>`;
  },
};

export const Round: StoryObj = {
  name: 'Speaking round under way',
  render: () => {
    const { model, ids } = storyCase('leader');
    model.facilitation.startRound(ids!.meetingId);
    model.facilitation.markHeard(ids!.meetingId, ids!.participants.leader);
    model.facilitation.markHeard(ids!.meetingId, ids!.participants.teacher);
    return html`<div lang="nb"><samrad-facilitation .model=${model}></samrad-facilitation></div>`;
  },
};

export const Individual: StoryObj = {
  name: 'IGP: writing silent notes (parent)',
  render: () => {
    const { model, ids } = storyCase('parent');
    const leader = new MeetingModel(model.doc, storyUser('leader'));
    leader.facilitation.setIgpPhase(ids!.meetingId, 'individual');
    leader.silentNotes.add(ids!.meetingId, 'Lekegruppe i storefri');
    leader.destroy();
    model.silentNotes.add(ids!.meetingId, 'Emma sover dårlig før skoledager');
    return html`<div lang="nb"><samrad-facilitation .model=${model}></samrad-facilitation></div>`;
  },
};

function igpInPhase(phase: 'group' | 'plenary') {
  const { model, ids } = storyCase('leader');
  model.facilitation.setIgpPhase(ids!.meetingId, 'individual');
  const parent = new MeetingModel(model.doc, storyUser('parent'));
  const a = parent.silentNotes.add(ids!.meetingId, 'Emma trenger en fast voksen i friminuttene');
  parent.destroy();
  const b = model.silentNotes.add(ids!.meetingId, 'Lekegruppe i storefri');
  model.silentNotes.add(ids!.meetingId, 'Fast morgenmøte fortsetter');
  model.facilitation.setIgpPhase(ids!.meetingId, 'group');
  model.silentNotes.setGroup(a, 'Friminutt');
  model.silentNotes.setGroup(b, 'Friminutt');
  if (phase === 'plenary') {
    model.facilitation.setIgpPhase(ids!.meetingId, 'plenary');
    model.silentNotes.toAction(b, { owner: { kind: 'participant', participantId: ids!.participants.teacher }, schedule: { kind: 'ongoing' }, evaluationDate: '2099-01-01' });
  }
  return model;
}

export const Grouping: StoryObj = {
  name: 'IGP: leader groups the notes',
  render: () => html`<div lang="nb"><samrad-facilitation .model=${igpInPhase('group')}></samrad-facilitation></div>`,
};

export const Plenary: StoryObj = {
  name: 'IGP: plenary (en)',
  render: () => html`<div lang="en"><samrad-facilitation .model=${igpInPhase('plenary')}></samrad-facilitation></div>`,
};

export const Ukrainian: StoryObj = {
  name: 'IGP: plenary (uk)',
  render: () => html`<div lang="uk"><samrad-facilitation .model=${igpInPhase('plenary')}></samrad-facilitation></div>`,
};
