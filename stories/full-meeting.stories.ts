/**
 * A whole samarbeidsmøte, end to end, on a local Y.Doc: create the agenda from a
 * template, record the child's voice, assess, add and evaluate actions, finalise.
 * The case starts with its people, a consent and two actions from an earlier meeting;
 * everything else is done in the widgets.
 */
import { html, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { EXAMPLE_USERS, MeetingModel } from '../packages/model/src/index.js';
import { storyCase } from '../packages/widgets/src/shared/story-support.js';
import '../packages/widgets/src/define.js';
// Registered here too in case the package's define module does not list them yet (re-registering is skipped).
import '../packages/widgets/src/samrad-agenda/define.js';
import '../packages/widgets/src/samrad-actions/define.js';
import '../packages/widgets/src/samrad-child-voice/define.js';
import '../packages/widgets/src/samrad-best-interest/define.js';
import '../packages/widgets/src/samrad-consent/define.js';
import '../packages/widgets/src/samrad-participants/define.js';
import '../packages/widgets/src/samrad-minutes/define.js';

const meta: Meta = {
  title: 'Full meeting',
};
export default meta;

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** A case ready for its next meeting: people, consent, an earlier (finalised) meeting with open actions. */
function caseBeforeTheMeeting(): MeetingModel {
  // A fresh, empty case on a local document, with the leader as the user.
  const leader = storyCase('leader', { empty: true }).model;
  leader.case.setup({ child: { name: 'Emma Fjellstad', pseudonym: false, birthYear: new Date().getFullYear() - 9 }, levelModelId: 'bti', level: 'bti-1', municipality: 'Eksempel kommune' });
  const p: Record<string, string> = {};
  for (const [key, u] of Object.entries(EXAMPLE_USERS)) {
    p[key] = leader.participants.add({ name: u.name, role: u.role, userId: u.id, ...('service' in u ? { service: u.service } : {}), attendance: 'invited' });
  }
  leader.handovers.appoint(p.leader!);
  leader.consents.record({
    givenBy: [{ name: 'Kari Fjellstad', relation: 'guardian' }, { name: 'Ola Nordby', relation: 'guardian' }],
    services: ['skole', 'helsestasjon', 'ppt'],
    scope: 'Opplysninger om trivsel, fravær og helse som trengs for samarbeidet.',
    purpose: 'Samarbeid om tiltak for Emma på skolen og hjemme.',
    validFrom: day(-60), validTo: day(300),
  });
  const earlier = leader.meetings.create({
    templateId: 'samarbeidsmote', purpose: 'Bli kjent med Emmas situasjon og bli enige om første tiltak.',
    date: new Date(Date.now() - 42 * DAY).toISOString(), leaderId: p.leader, minuteTakerId: p.teacher, locale: 'nb',
  });
  leader.actions.add({
    title: 'Fast morgenmøte med kontaktlærer', owner: { kind: 'participant', participantId: p.teacher! },
    schedule: { kind: 'recurring', rule: 'Hver skoledag' }, evaluationDate: day(-1), level: 'bti-1', meetingId: earlier, status: 'in-progress',
  });
  leader.actions.add({
    title: 'Kartlegging av lesing', owner: { kind: 'participant', participantId: p.ppt! },
    schedule: { kind: 'deadline', date: day(-4) }, evaluationDate: day(2), level: 'bti-1', meetingId: earlier,
  });
  leader.decisions.add({ meetingId: earlier, text: 'Skolen starter med morgenmøte; PPT kartlegger lesing.' });
  leader.meetings.finalise(earlier);
  return leader;
}

const steps = html`<ol>
  <li>Lag møtet med saksliste fra en mal (under «Saksliste»). Start punktene med nedtellingen.</li>
  <li>Registrer barnets stemme: hvordan Emma deltok, hennes egne ord og hva som er viktig for henne.</li>
  <li>Lag barnets beste-vurderingen og lagre en versjon.</li>
  <li>Evaluer tiltakene fra forrige møte, og legg til nye tiltak (tittel og Enter).</li>
  <li>Skriv en beslutning og ferdigstill referatet (under «Referat»). Alt blir låst.</li>
</ol>`;

/**
 * The host chooses the meeting every widget shows: when the agenda creates one, every
 * <samrad-meeting> inside `e.currentTarget` switches to it.
 */
function showCreated(e: Event): void {
  const detail = (e as CustomEvent<{ action: string; meetingId?: string }>).detail;
  if (detail.action !== 'create' || !detail.meetingId) return;
  for (const m of (e.currentTarget as HTMLElement).querySelectorAll<HTMLElement & { meeting?: string }>('samrad-meeting')) m.meeting = detail.meetingId;
}

function meeting(model: MeetingModel, heading: string): TemplateResult {
  return html`<samrad-meeting .model=${model}>
    <h2>${heading}</h2>
    <samrad-participants></samrad-participants>
    <samrad-consent></samrad-consent>
    <samrad-agenda></samrad-agenda>
    <samrad-child-voice></samrad-child-voice>
    <samrad-best-interest></samrad-best-interest>
    <samrad-actions></samrad-actions>
    <samrad-minutes></samrad-minutes>
  </samrad-meeting>`;
}

export const FullMeeting: StoryObj = {
  name: 'Run a meeting end to end (leader, nb)',
  render: () => html`<div lang="nb" style="max-width: 60rem" @samrad-agenda-change=${showCreated}>
    <h1>Samarbeidsmøte om Emma</h1>
    ${steps}
    ${meeting(caseBeforeTheMeeting(), 'Møteleder: Sofie Lie')}
  </div>`,
};

export const LeaderAndParent: StoryObj = {
  name: 'Leader and parent side by side (live co-editing)',
  render: () => {
    // Two users, each with their own model, on one case: the parent's view sees the
    // leader's edits as someone else's (and announces them), as across two browsers.
    const leader = caseBeforeTheMeeting();
    const parent = new MeetingModel(leader.doc, { ...EXAMPLE_USERS.mother });
    return html`<div lang="nb" style="display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; align-items: start" @samrad-agenda-change=${showCreated}>
      <div>${meeting(leader, 'Møteleder: Sofie Lie')}</div>
      <div>${meeting(parent, 'Forelder: Kari Fjellstad')}</div>
    </div>`;
  },
};
