import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/samrad-welfare-report/define.js';
import { MeetingModel } from '../packages/model/src/index.js';
import { storyCase, storyUser } from '../packages/widgets/src/shared/story-support.js';

const meta: Meta = {
  title: 'Widgets/samrad-welfare-report',
  component: 'samrad-welfare-report',
};
export default meta;

export const Leader: StoryObj = {
  name: 'Case at the top level, one report sent and one under the safety exception (nb, leader)',
  render: () => {
    const { model } = storyCase('leader');
    model.case.setLevel('bti-3', { reason: 'Alvorlig bekymring.', triedBefore: 'Samtaler og morgenmøte i åtte uker.' });
    model.welfareReports.send({ grounds: 'Vedvarende høyt fravær og bekymring for omsorgen.', homeToldBeforehand: true });
    model.welfareReports.send({ grounds: 'Emma har fortalt om slag hjemme.', homeToldBeforehand: false, safetyException: true });
    return html`<div lang="nb"><samrad-welfare-report .model=${model}></samrad-welfare-report></div>`;
  },
};

export const ParentView: StoryObj = {
  name: 'Parent view: the report the family may read (en)',
  render: () => {
    const { model } = storyCase('parent');
    const leader = new MeetingModel(model.doc, storyUser('leader'));
    leader.welfareReports.send({ grounds: 'Vedvarende høyt fravær.', homeToldBeforehand: false, homeNotToldReason: 'Foreldrene var ikke til å nå.' });
    leader.destroy();
    return html`<div lang="en"><samrad-welfare-report .model=${model}></samrad-welfare-report></div>`;
  },
};
