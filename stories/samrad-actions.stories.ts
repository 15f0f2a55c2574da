import { html, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { seedExampleCase } from '../packages/model/src/index.js';
import '../packages/widgets/src/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';
import type { SamradMeeting } from '../packages/widgets/src/samrad-meeting/samrad-meeting.js';

const meta: Meta = {
  title: 'Widgets/samrad-actions',
  component: 'samrad-actions',
};
export default meta;

const inLang = (lang: string, content: TemplateResult) => html`<div lang=${lang}>${content}</div>`;
const DAY = 86_400_000;

export const Empty: StoryObj = {
  name: 'Empty case',
  render: () => inLang('nb', html`<samrad-actions .model=${storyCase('leader', { empty: true }).model}></samrad-actions>`),
};

export const Populated: StoryObj = {
  name: 'Populated case (nb)',
  render: () => {
    const { model, ids } = storyCase('leader');
    return inLang('nb', html`<samrad-actions .model=${model} meeting=${ids!.meetingId}></samrad-actions>`);
  },
};

export const Overdue: StoryObj = {
  name: 'Overdue actions',
  render: () => {
    // The example case as it was agreed a month ago: most deadlines and evaluations have passed.
    const { model, ids } = storyCase('professional', { now: new Date(Date.now() - 30 * DAY) });
    return inLang('nb', html`<samrad-actions .model=${model} meeting=${ids!.meetingId}></samrad-actions>`);
  },
};

export const ParentView: StoryObj = {
  name: 'Parent view',
  render: () => {
    const { model, ids } = storyCase('parent');
    return inLang('nb', html`<samrad-actions .model=${model} meeting=${ids!.meetingId}></samrad-actions>`);
  },
};

export const Finalised: StoryObj = {
  name: 'Finalised meeting (actions carry on)',
  render: () => {
    const { model, ids } = storyCase('leader', { finalised: true });
    return inLang('nb', html`<samrad-actions .model=${model} meeting=${ids!.meetingId}></samrad-actions>`);
  },
};

export const English: StoryObj = {
  name: 'Populated case (en)',
  render: () => {
    const { model, ids } = storyCase('leader');
    return inLang('en', html`<samrad-actions .model=${model} meeting=${ids!.meetingId}></samrad-actions>`);
  },
};

export const Thousand: StoryObj = {
  name: '1,000 actions',
  render: () => {
    const { model, ids } = storyCase('leader');
    const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
    const services = ['skole', 'nav', 'ppt', 'helsestasjon', 'barnevern'] as const;
    for (let i = 0; i < 995; i++) {
      model.actions.add({
        title: `Tiltak ${i + 1}`, owner: { kind: 'service', service: services[i % services.length]! },
        schedule: { kind: 'deadline', date: day((i % 60) - 15) }, evaluationDate: day(30 + (i % 30)), meetingId: ids!.meetingId,
      });
    }
    return inLang('nb', html`<samrad-actions .model=${model} meeting=${ids!.meetingId}></samrad-actions>`);
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
    // The server address is closed on purpose: the meeting says "offline", and what is
    // written into the local document counts as changes not yet synced.
    const seedOnce = (e: Event) => {
      const model = (e.currentTarget as SamradMeeting).model;
      if (model && !model.snapshot().case) seedExampleCase(model);
    };
    return inLang('nb', html`<samrad-meeting server="ws://127.0.0.1:9" case="story-offline" token=${storyToken()} no-offline-cache
      @samrad-connection-change=${seedOnce}>
      <samrad-actions></samrad-actions>
    </samrad-meeting>`);
  },
};
