import { html, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-meeting',
  component: 'samrad-meeting',
};
export default meta;

const inLang = (lang: string, content: TemplateResult) => html`<div lang=${lang}>${content}</div>`;

/** A token that looks real to the element (it only reads the claims); no server ever sees it. */
function unsignedToken(claims: Record<string, unknown>): string {
  const b64 = (s: string) => btoa(unescape(encodeURIComponent(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify(claims))}.story-signature`;
}

export const WithExampleCase: StoryObj = {
  name: 'Populated case (nb), host-given model',
  render: () => {
    const { model } = storyCase('leader');
    return inLang('nb', html`<samrad-meeting .model=${model}>
      <samrad-participants></samrad-participants>
      <samrad-minutes></samrad-minutes>
    </samrad-meeting>`);
  },
};

export const ParentView: StoryObj = {
  name: 'Parent view (nb)',
  render: () => {
    const { model } = storyCase('parent');
    return inLang('nb', html`<samrad-meeting .model=${model}>
      <samrad-participants></samrad-participants>
      <samrad-minutes></samrad-minutes>
    </samrad-meeting>`);
  },
};

export const Offline: StoryObj = {
  name: 'Offline: no server reachable, changes counted',
  render: () => {
    // Port 9 (discard) has no websocket server: the element shows "offline" and counts local changes.
    const token = unsignedToken({ sub: 'sofie.lie', name: 'Sofie Lie', role: 'leader', case: 'story-offline', exp: 4102444800 });
    const el = html`<samrad-meeting no-offline-cache server="ws://127.0.0.1:9" case="story-offline" token=${token}
      @samrad-connection-change=${(e: CustomEvent<{ state: string; unsynced: number }>) => {
        const meeting = e.target as HTMLElement & { model?: { case: { setup(input: unknown): void }; snapshot(): { case?: unknown } } };
        if (e.detail.state === 'offline' && meeting.model && !meeting.model.snapshot().case) {
          meeting.model.case.setup({ child: { name: 'Emma', pseudonym: true }, levelModelId: 'bti' });
        }
      }}>
      <samrad-participants></samrad-participants>
    </samrad-meeting>`;
    return inLang('nb', el);
  },
};

export const English: StoryObj = {
  name: 'Populated case (en)',
  render: () => {
    const { model } = storyCase('professional');
    return inLang('en', html`<samrad-meeting .model=${model}><samrad-minutes></samrad-minutes></samrad-meeting>`);
  },
};

export const SetupError: StoryObj = {
  name: 'Host error: a missing attribute is named in the console',
  render: () => inLang('nb', html`<samrad-meeting server="wss://example.invalid" case="c-1"></samrad-meeting>`),
};
