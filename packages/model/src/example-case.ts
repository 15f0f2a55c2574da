/**
 * A realistic, entirely fictitious samarbeidsmøte in Norwegian bokmål, for the demo,
 * Storybook and tests. No real person's name. Dates are relative to `now` so that one
 * action is always overdue and one is due soon.
 */
import { MeetingModel } from './model.js';

export const EXAMPLE_USERS = {
  leader: { id: 'sofie.lie', name: 'Sofie Lie', role: 'leader', service: 'helsestasjon' },
  teacher: { id: 'ingrid.haugen', name: 'Ingrid Haugen', role: 'professional', service: 'skole' },
  ppt: { id: 'morten.dahl', name: 'Morten Dahl', role: 'professional', service: 'ppt' },
  childWelfare: { id: 'aisha.rahman', name: 'Aisha Rahman', role: 'professional', service: 'barnevern' },
  mother: { id: 'kari.fjellstad', name: 'Kari Fjellstad', role: 'parent' },
  father: { id: 'ola.nordby', name: 'Ola Nordby', role: 'parent' },
  child: { id: 'emma.fjellstad', name: 'Emma', role: 'child' },
} as const;

const day = (now: Date, offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const at = (now: Date, offsetDays: number, hour = 9) => {
  const d = new Date(now.getTime() + offsetDays * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

/** Ids of what `seedExampleCase` created. */
export interface ExampleCaseIds {
  participants: Record<keyof typeof EXAMPLE_USERS, string>;
  earlierMeetingId: string;
  meetingId: string;
  assessmentId: string;
  voiceId: string;
  actionIds: string[];
}

/** Fills an empty case with the example. `model` must act as a leader or coordinator. */
export function seedExampleCase(model: MeetingModel, now: Date = new Date()): ExampleCaseIds {
  model.case.setup({ child: { name: 'Emma Fjellstad', pseudonym: false, birthYear: now.getUTCFullYear() - 9 }, levelModelId: 'bti', level: 'bti-2', municipality: 'Eksempel kommune' });
  const p = {} as Record<keyof typeof EXAMPLE_USERS, string>;
  const add = (key: keyof typeof EXAMPLE_USERS, extra: Record<string, unknown> = {}) => {
    const u = EXAMPLE_USERS[key];
    p[key] = model.participants.add({ name: u.name, role: u.role, userId: u.id, ...('service' in u ? { service: u.service } : {}), attendance: 'invited', ...extra });
  };
  add('leader', { prepared: true, attendance: 'present' });
  add('teacher', { prepared: true, attendance: 'present' });
  add('ppt', { prepared: false });
  add('childWelfare', { prepared: true });
  add('mother', { attendance: 'present' });
  add('father', { interpreterNeeded: true, interpreterLanguage: 'polsk' });
  add('child');
  model.handovers.appoint(p.leader);

  model.consents.record({
    givenBy: [{ name: 'Kari Fjellstad', relation: 'guardian' }, { name: 'Ola Nordby', relation: 'guardian' }],
    services: ['skole', 'helsestasjon', 'ppt', 'barnevern'],
    scope: 'Opplysninger om Emmas trivsel, fravær og helse som er nødvendige for samarbeidet.',
    purpose: 'Samarbeid om tiltak for Emma på skolen og hjemme.',
    validFrom: day(now, -60), validTo: day(now, 305),
  });

  const effectGoal = model.goals.add({ kind: 'effect', text: 'Emma gleder seg til å gå på skolen.' });
  const resultGoal = model.goals.add({ kind: 'result', text: 'Emma er på skolen de fleste dager.', indicator: 'Minst 4 av 5 skoledager per uke innen uke 10.', parentGoalId: effectGoal });

  const earlierMeetingId = model.meetings.create({
    templateId: 'samarbeidsmote', purpose: 'Bli kjent med Emmas situasjon og bli enige om første tiltak.',
    date: at(now, -42, 8), place: 'Møterom 2, Eksempel skole', leaderId: p.leader, minuteTakerId: p.teacher, locale: 'nb',
  });
  model.decisions.add({ meetingId: earlierMeetingId, text: 'Skolen starter med fast morgenmøte med kontaktlærer. Helsesykepleier har samtaler med Emma hver uke.' });
  const actionIds: string[] = [];
  actionIds.push(model.actions.add({
    title: 'Fast morgenmøte med kontaktlærer hver dag kl. 08.15', successCriterion: 'Emma møter til første time minst 4 av 5 dager.',
    owner: { kind: 'participant', participantId: p.teacher }, schedule: { kind: 'recurring', rule: 'Hver skoledag' },
    evaluationDate: day(now, -2), level: 'bti-1', category: 'Nærværsteam', goalId: resultGoal, meetingId: earlierMeetingId, status: 'in-progress',
  }));
  actionIds.push(model.actions.add({
    title: 'Samtaler med helsesykepleier hver uke', owner: { kind: 'participant', participantId: p.leader },
    schedule: { kind: 'ongoing' }, evaluationDate: day(now, 3), level: 'bti-2', goalId: effectGoal, meetingId: earlierMeetingId, status: 'in-progress',
  }));
  actionIds.push(model.actions.add({
    title: 'Utredning av lese- og skrivevansker', successCriterion: 'Sakkyndig vurdering foreligger.',
    owner: { kind: 'participant', participantId: p.ppt }, schedule: { kind: 'deadline', date: day(now, -5) },
    evaluationDate: day(now, 10), level: 'bti-2', meetingId: earlierMeetingId, status: 'planned',
  }));
  model.actions.evaluate(actionIds[0]!, { effect: 'partly', evidence: 'Emma har møtt til første time 3 av 5 dager de siste to ukene.', decision: 'continue', progress: '3 av 5 dager' });
  // The earlier meeting's minutes were approved the day it was held.
  const finalisedThen = new MeetingModel(model.doc, model.user, { restricted: model.restricted, now: () => new Date(Date.parse(at(now, -42, 8)) + 2 * 3_600_000) });
  finalisedThen.meetings.finalise(earlierMeetingId);
  finalisedThen.destroy();

  const meetingId = model.meetings.create({
    templateId: 'samarbeidsmote', title: 'Samarbeidsmøte om Emma',
    purpose: 'Evaluere tiltakene for skolenærvær og bli enige om veien videre sammen med Emma og foreldrene.',
    date: at(now, 0, 8), place: 'Møterom 2, Eksempel skole', leaderId: p.leader, minuteTakerId: p.teacher, timeKeeperId: p.ppt, locale: 'nb',
  });
  actionIds.push(model.actions.add({
    title: 'Foreldrene lager en fast morgenrutine hjemme', owner: { kind: 'parent' }, schedule: { kind: 'deadline', date: day(now, 14) },
    evaluationDate: day(now, 28), level: 'bti-1', goalId: resultGoal, meetingId, status: 'planned',
  }));
  actionIds.push(model.actions.add({
    title: 'Emma får være med i leseklubben på biblioteket', owner: { kind: 'service', service: 'kultur-fritid' },
    schedule: { kind: 'deadline', date: day(now, 5) }, evaluationDate: day(now, 30), level: 'bti-1', meetingId, status: 'planned',
  }));

  const voiceId = model.voice.record({
    meetingId, participation: 'conversation-before', date: day(now, -3), childAge: 9,
    heardBy: 'Sofie Lie', heardByParticipantId: p.leader,
    quotes: ['Jeg liker å tegne, men jeg liker ikke friminuttene.', 'Det er lettere når Ingrid står i døra om morgenen.'],
    adultNotes: 'Emma var åpen og trygg i samtalen. Hun virker sliten om morgenen.',
    mattersMost: 'Å ha noen å være sammen med i friminuttene.',
    goesWell: 'Tegning og morgenmøtet med Ingrid.',
    wantsChanged: 'At det ikke er så mye bråk i garderoben.',
    childGoals: ['Være med i leseklubben', 'Ha en venn å leke med i storefri'],
    mood: 3, maturityNote: 'Emma uttrykker seg godt for alderen.',
    feedbackHow: 'Sofie forteller Emma hva vi ble enige om, på helsesøsterkontoret dagen etter møtet.',
  });

  const assessmentId = model.assessments.create({
    meetingId,
    content: {
      elements: {
        'child-views': 'Emma ønsker å være på skolen og ønsker en venn i friminuttene.',
        family: 'Foreldrene bor hver for seg og samarbeider godt om Emma.',
        education: 'Fravær på om lag 20 prosent siste tre måneder, mest første time.',
      },
      protectiveFactors: { checked: ['stable-adult', 'parent-cooperation'], text: 'Tett kontakt med kontaktlærer.' },
      riskFactors: { checked: ['absence', 'isolation'], text: '' },
      primaryDifficulty: { location: 'surroundings', status: 'hypothesis', text: 'Utrygghet i friminutt og garderobe.' },
      assessedBy: ['Sofie Lie', 'Ingrid Haugen'],
    },
  });
  return { participants: p, earlierMeetingId, meetingId, assessmentId, voiceId, actionIds };
}

/** The example case's person for a role (observer: a fictitious visitor), for stories, tests and the demo. */
export function exampleUserFor(role: 'leader' | 'coordinator' | 'professional' | 'parent' | 'child' | 'observer'): { id: string; name: string; role: typeof role; service?: string } {
  switch (role) {
    case 'leader': return { ...EXAMPLE_USERS.leader };
    case 'coordinator': return { ...EXAMPLE_USERS.leader, role: 'coordinator' };
    case 'professional': return { ...EXAMPLE_USERS.teacher };
    case 'parent': return { ...EXAMPLE_USERS.mother };
    case 'child': return { ...EXAMPLE_USERS.child };
    case 'observer': return { id: 'observer.one', name: 'Tone Observatør', role: 'observer' };
  }
}
