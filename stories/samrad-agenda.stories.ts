import { html, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { MeetingModel, seedExampleCase } from '../packages/model/src/index.js';
import '../packages/widgets/src/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';
import type { SamradMeeting } from '../packages/widgets/src/samrad-meeting/samrad-meeting.js';

const meta: Meta = {
  title: 'Widgets/samrad-agenda',
  component: 'samrad-agenda',
};
export default meta;

const inLang = (lang: string, content: TemplateResult) => html`<div lang=${lang}>${content}</div>`;

export const Empty: StoryObj = {
  name: 'Empty case: create a meeting from a template',
  render: () => inLang('nb', html`<samrad-agenda .model=${storyCase('leader', { empty: true }).model}></samrad-agenda>`),
};

export const Populated: StoryObj = {
  name: 'Populated case (nb)',
  render: () => {
    const { model, ids } = storyCase('leader');
    return inLang('nb', html`<samrad-agenda .model=${model} meeting=${ids!.meetingId}></samrad-agenda>`);
  },
};

export const Running: StoryObj = {
  name: 'Running: countdown on the active item',
  render: () => {
    const { model, ids } = storyCase('leader');
    const items = model.snapshot().agenda.filter((a) => a.meetingId === ids!.meetingId);
    // The first items are done; the child's voice began four minutes ago.
    for (const item of items.slice(0, 3)) {
      model.agenda.startTimer(item.id);
      model.agenda.complete(item.id);
    }
    const earlier = new MeetingModel(model.doc, model.user, { now: () => new Date(Date.now() - 4 * 60_000) });
    earlier.agenda.startTimer(items[3]!.id);
    return inLang('nb', html`<samrad-agenda .model=${model} meeting=${ids!.meetingId}></samrad-agenda>`);
  },
};

export const OverTime: StoryObj = {
  name: 'Over time (en)',
  render: () => {
    const { model, ids } = storyCase('leader');
    const item = model.snapshot().agenda.find((a) => a.meetingId === ids!.meetingId && a.plannedMinutes === 3)!;
    new MeetingModel(model.doc, model.user, { now: () => new Date(Date.now() - 5 * 60_000) }).agenda.startTimer(item.id);
    return inLang('en', html`<samrad-agenda .model=${model} meeting=${ids!.meetingId}></samrad-agenda>`);
  },
};

export const ParentView: StoryObj = {
  name: 'Parent view (read-only agenda, live countdown)',
  render: () => {
    const { model, ids } = storyCase('parent');
    const leader = new MeetingModel(model.doc, { id: 'sofie.lie', name: 'Sofie Lie', role: 'leader' });
    const voice = model.snapshot().agenda.find((a) => a.meetingId === ids!.meetingId && a.kind === 'child-voice')!;
    leader.agenda.startTimer(voice.id);
    return inLang('nb', html`<samrad-agenda .model=${model} meeting=${ids!.meetingId}></samrad-agenda>`);
  },
};

export const Finalised: StoryObj = {
  name: 'Finalised (locked)',
  render: () => {
    const { model, ids } = storyCase('leader', { finalised: true });
    return inLang('nb', html`<samrad-agenda .model=${model} meeting=${ids!.meetingId}></samrad-agenda>`);
  },
};

export const Nynorsk: StoryObj = {
  name: 'Populated case (nn)',
  render: () => {
    const { model, ids } = storyCase('leader');
    return inLang('nn', html`<samrad-agenda .model=${model} meeting=${ids!.meetingId}></samrad-agenda>`);
  },
};

export const Ukrainian: StoryObj = {
  name: 'Populated case (uk), with an action due for evaluation',
  render: () => {
    const { model, ids } = storyCase('leader');
    // An action whose evaluation date has passed and is not on the agenda yet: the agenda
    // offers it in the generated "Evaluate actions" section.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    model.actions.add({ title: 'Розмова з Еммою про перерви', owner: { kind: 'child' }, schedule: { kind: 'ongoing' }, evaluationDate: yesterday });
    return inLang('uk', html`<samrad-agenda .model=${model} meeting=${ids!.meetingId}></samrad-agenda>`);
  },
};

/** An unsigned token for a server that is not there: only its claims are read in the browser. */
function storyToken(): string {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'sofie.lie', name: 'Sofie Lie', role: 'leader', case: 'story-offline' })}.x`;
}

export const Offline: StoryObj = {
  name: 'Offline, with unsynced changes',
  render: () => {
    // The server address is closed on purpose: the meeting says "offline", and the example
    // case written into the local document counts as changes not yet synced.
    const seedOnce = (e: Event) => {
      const meeting = e.currentTarget as SamradMeeting;
      const model = meeting.model;
      if (model && !model.snapshot().case) seedExampleCase(model);
    };
    return inLang('nb', html`<samrad-meeting server="ws://127.0.0.1:9" case="story-offline" token=${storyToken()} no-offline-cache
      @samrad-connection-change=${seedOnce}>
      <samrad-agenda></samrad-agenda>
    </samrad-meeting>`);
  },
};
