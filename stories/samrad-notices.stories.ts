import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-notices/define.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-notices',
  component: 'samrad-notices',
};
export default meta;

const at = '2026-11-20T09:00:00.000Z';
/** A stand-in for the server's `GET /notices/<case>`: the story makes no network call. */
const fetcher = (async () => new Response(JSON.stringify({ notices: [
  { id: 'n1', kind: 'meeting-invitation', recipient: { participantId: 'p1', name: 'Kari Fjellstad' }, date: '2026-11-27', state: 'delivered', attempts: 1, createdAt: at, deliveredAt: at },
  { id: 'n2', kind: 'action-deadline-soon', recipient: { participantId: 'p2', name: 'Ola Nordby' }, date: '2026-11-30', state: 'undeliverable', attempts: 0, createdAt: at, deliveredAt: null },
] }), { status: 200, headers: { 'content-type': 'application/json' } })) as typeof fetch;

export const Leader: StoryObj = {
  name: 'Notices and their fate (leader)',
  render: () => {
    const { model } = storyCase('leader');
    return html`<div lang="nb"><samrad-notices .model=${model} .fetcher=${fetcher} server="wss://samrad.example" case="story" token="story"></samrad-notices></div>`;
  },
};
