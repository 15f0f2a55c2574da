import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-report/define.js';
import { yearlyReport, type StateReport } from '../packages/model/src/index.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-report',
  component: 'samrad-report',
};
export default meta;

/** Fictitious figures for a municipality's year, as `stateReport()` returns them. */
const YEAR: StateReport = {
  period: { from: '2026-01-01', to: '2026-12-31' },
  suppressBelow: 5,
  cases: 38,
  meetings: 61,
  meetingsByTemplate: { evalueringsmote: 14, naervaersmote: null, overgangsmote: 9, ressursteam: 7, samarbeidsmote: 29 },
  childVoiceDocumented: { count: 47, of: 61, percent: 77 },
  actionsEvaluatedOnTime: { count: 83, of: 112, percent: 74 },
  familiesFeltHeard: { count: 31, of: 40, percent: 78 },
  childrenFeltHeard: { count: null, of: 9, percent: null },
  levelChanges: { up: 11, down: 8, firstPlacement: 19 },
};

export const Year: StoryObj = {
  name: 'A municipality’s year (nb)',
  render: () => html`<div lang="nb"><samrad-report .report=${YEAR}></samrad-report></div>`,
};

export const English: StoryObj = {
  name: 'A municipality’s year (en)',
  render: () => html`<div lang="en"><samrad-report .report=${YEAR}></samrad-report></div>`,
};

export const OneCase: StoryObj = {
  name: 'One case: everything small is hidden',
  render: () => {
    const { model } = storyCase('leader');
    return html`<div lang="nb"><samrad-report .report=${yearlyReport([model.snapshot()], new Date().getUTCFullYear())}></samrad-report></div>`;
  },
};

export const Unreadable: StoryObj = {
  name: 'A report that does not fit the schema',
  render: () => html`<div lang="nb"><samrad-report .report=${{ year: 2026 }}></samrad-report></div>`,
};
