import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ASSESSMENT_ELEMENTS, COMMANDS, CommandError, MeetingModel, PERMISSIONS, PROTECTIVE_FACTORS, RISK_FACTORS, ROLES, TEMPLATES, type Command,
} from '../src/index.js';
import { NOW, counterIds, seeded, user } from './helpers.js';

function refused(fn: () => unknown, code: CommandError['code']): CommandError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CommandError);
    expect((e as CommandError).code).toBe(code);
    return e as CommandError;
  }
  throw new Error(`expected the command to be refused with ${code}`);
}

describe('example case', () => {
  it('seeds a valid, realistic case', () => {
    const { as, ids } = seeded();
    const snap = as('leader').snapshot();
    expect(snap.unreadable).toEqual([]);
    expect(snap.participants).toHaveLength(7);
    expect(snap.meetings.map((m) => m.id)).toEqual([ids.earlierMeetingId, ids.meetingId]);
    expect(snap.agenda.filter((a) => a.meetingId === ids.meetingId)).toHaveLength(TEMPLATES[0]!.items.length);
    expect(snap.actions).toHaveLength(5);
    expect(snap.case?.coordinatorId).toBe(ids.participants.leader);
  });
});

describe('permission table', () => {
  it('names every role and command exactly once', () => {
    for (const role of ROLES) expect(Object.keys(PERMISSIONS[role]).sort()).toEqual([...COMMANDS].sort());
  });
  it('observers may do nothing at all', () => {
    const { doc } = seeded();
    const observer = new MeetingModel(doc, { id: 'obs', name: 'Observatør', role: 'observer' });
    for (const c of COMMANDS) expect(observer.can(c as Command)).toBe(false);
    refused(() => observer.comments.add({ target: { type: 'case', id: 'case' }, text: 'hei' }), 'forbidden');
  });
});

describe('agenda', () => {
  it('adds, edits, reorders and removes items', () => {
    const { as, ids } = seeded();
    const m = as('leader');
    const items = () => m.snapshot().agenda.filter((a) => a.meetingId === ids.meetingId);
    const id = m.agenda.add(ids.meetingId, { title: 'Eventuelt', plannedMinutes: 4 });
    expect(items().at(-1)?.id).toBe(id);
    m.agenda.update(id, { notes: 'Ingen saker.' });
    expect(items().at(-1)?.notes).toBe('Ingen saker.');
    m.agenda.move(id, 0);
    expect(items()[0]?.id).toBe(id);
    m.agenda.move(id, 2);
    expect(items()[2]?.id).toBe(id);
    m.agenda.remove(id);
    expect(items().some((a) => a.id === id)).toBe(false);
    refused(() => m.agenda.add(ids.meetingId, { title: '' }), 'invalid');
    refused(() => m.agenda.update('nope', { notes: 'x' }), 'not-found');
  });

  it('links actions to an item, so due evaluations the leader accepts stay on the agenda', () => {
    const { as, ids } = seeded();
    const m = as('leader');
    const items = () => m.snapshot().agenda.filter((a) => a.meetingId === ids.meetingId);
    const id = m.agenda.add(ids.meetingId, { title: 'Evaluering av tiltak', kind: 'evaluation', actionIds: [ids.actionIds[1]!] });
    expect(items().find((a) => a.id === id)?.actionIds).toEqual([ids.actionIds[1]]);
    m.agenda.update(id, { actionIds: [ids.actionIds[1]!, ids.actionIds[2]!] });
    expect(items().find((a) => a.id === id)?.actionIds).toEqual([ids.actionIds[1], ids.actionIds[2]]);
    // Other fields leave the links alone.
    m.agenda.update(id, { notes: 'Begge gjennomgås.' });
    expect(items().find((a) => a.id === id)?.actionIds).toHaveLength(2);
    refused(() => m.agenda.update(id, { actionIds: [''] }), 'invalid');
  });

  it('ships every template label in Ukrainian too, and builds a Ukrainian agenda from it', () => {
    for (const t of TEMPLATES) {
      for (const labels of [t.name, t.description, ...t.items.map((i) => i.title)]) expect(labels.uk, `${t.id}: ${labels.en}`).toMatch(/[\u0400-\u04ff]/);
    }
    for (const table of [ASSESSMENT_ELEMENTS, PROTECTIVE_FACTORS, RISK_FACTORS]) {
      for (const labels of Object.values(table)) expect(labels.uk, labels.en).toMatch(/[\u0400-\u04ff]/);
    }
    const { as } = seeded();
    const m = as('leader');
    const id = m.meetings.create({ templateId: 'evalueringsmote', purpose: 'Оцінити заходи', date: '2026-12-20T08:00:00.000Z', locale: 'uk' });
    expect(m.snapshot().agenda.filter((a) => a.meetingId === id).map((a) => a.title))
      .toEqual(['Мета і ролі', 'Голос дитини', 'Оцінювання чинних заходів', 'Нові заходи (відповідальний, строк, дата оцінювання)', 'Наступна зустріч, координатор і коротка оцінка зустрічі']);
  });

  it('runs one shared timer: starting an item stops the other and makes it active', () => {
    const { as, ids } = seeded();
    const m = as('leader');
    const [first, second] = m.snapshot().agenda.filter((a) => a.meetingId === ids.meetingId);
    m.agenda.startTimer(first!.id);
    let snap = m.snapshot();
    expect(snap.meetings.find((x) => x.id === ids.meetingId)?.activeItemId).toBe(first!.id);
    expect(snap.meetings.find((x) => x.id === ids.meetingId)?.state).toBe('running');
    m.agenda.startTimer(second!.id);
    snap = m.snapshot();
    const f = snap.agenda.find((a) => a.id === first!.id)!;
    expect(f.timerStartedAt).toBeUndefined();
    expect(f.elapsedSeconds).toBeGreaterThan(0);
    expect(snap.agenda.find((a) => a.id === second!.id)?.state).toBe('active');
    const s = snap.agenda.find((a) => a.id === second!.id)!;
    const start = Date.parse(s.timerStartedAt!);
    expect(m.agenda.remainingSeconds(s, new Date(start + 60_000))).toBe(s.plannedMinutes * 60 - 60);
    m.agenda.complete(second!.id);
    snap = m.snapshot();
    expect(snap.agenda.find((a) => a.id === second!.id)?.state).toBe('done');
    expect(snap.meetings.find((x) => x.id === ids.meetingId)?.activeItemId).toBeUndefined();
  });

  it('refuses agenda edits to parents and children', () => {
    const { as, ids } = seeded();
    for (const who of ['mother', 'child'] as const) {
      const m = as(who, false);
      refused(() => m.agenda.add(ids.meetingId, { title: 'x' }), 'forbidden');
      refused(() => m.agenda.startTimer(m.snapshot().agenda[0]!.id), 'forbidden');
    }
  });
});

describe("child's voice", () => {
  it('requires a reason when the child was not heard, and a view otherwise', () => {
    const { as, ids } = seeded();
    const m = as('leader');
    const e = refused(() => m.voice.record({ meetingId: ids.meetingId, participation: 'not-heard', date: '2026-11-19' }), 'invalid');
    expect(e.issues.map((i) => i.message)).toContain('not-heard-reason-required');
    const e2 = refused(() => m.voice.record({ meetingId: ids.meetingId, participation: 'present-all', date: '2026-11-19' }), 'invalid');
    expect(e2.issues.map((i) => i.message)).toContain('view-or-not-heard-required');
    const id = m.voice.record({ meetingId: ids.meetingId, participation: 'not-heard', notHeardReason: 'Emma var syk.', date: '2026-11-19' });
    expect(m.snapshot().voice.find((v) => v.id === id)?.notHeardReason).toBe('Emma var syk.');
  });

  it('keeps what the child does not want shared in the restricted document', () => {
    const { as, ids, doc, restricted } = seeded();
    const m = as('leader');
    m.voice.setPrivate(ids.voiceId, [{ what: 'Det med pappa', withWhom: 'foreldrene' }]);
    expect(m.snapshot().voicePrivate[0]?.notShared[0]?.withWhom).toBe('foreldrene');
    expect(JSON.stringify(doc.getMap('voice').toJSON())).not.toContain('Det med pappa');
    expect(JSON.stringify(restricted.toJSON())).toContain('Det med pappa');
    const parent = as('mother', false);
    refused(() => parent.voice.setPrivate(ids.voiceId, []), 'forbidden');
  });

  it('lets the child record and edit their own view, and a parent relay it', () => {
    const { as, ids } = seeded();
    const child = as('child', false);
    const id = child.voice.record({ meetingId: ids.meetingId, participation: 'present-part', date: '2026-11-20', mood: 4, quotes: ['Jeg vil ha en venn.'] });
    child.voice.update(id, { mood: 5 });
    expect(child.snapshot().voice.find((v) => v.id === id)?.mood).toBe(5);
    const mother = as('mother', false);
    refused(() => mother.voice.update(id, { mood: 1 }), 'forbidden');
    refused(() => mother.voice.record({ participation: 'present-all', date: '2026-11-20', quotes: ['x'] }), 'forbidden');
    expect(mother.voice.record({ participation: 'relayed-by-parent', date: '2026-11-20', quotes: ['Emma sa hun gruer seg.'] })).toBeTruthy();
  });
});

describe('assessment', () => {
  it('revises into new versions and keeps earlier ones', () => {
    const { as, ids } = seeded();
    const m = as('teacher');
    expect(m.snapshot().assessments[0]?.version).toBe(1);
    expect(m.assessments.revise(ids.assessmentId, { conclusion: 'Fortsette på nivå 2.' })).toBe(2);
    m.assessments.addOption(ids.assessmentId, 'Skolebytte', 'Nytt miljø, men brudd med kontaktlærer');
    const a = m.snapshot().assessments[0]!;
    expect(a.version).toBe(3);
    expect(a.history.map((h) => h.version)).toEqual([1, 2]);
    expect(a.history[0]!.content.conclusion).toBe('');
    expect(a.content.options[0]?.description).toBe('Skolebytte');
    const e = refused(() => m.assessments.revise(ids.assessmentId, { status: 'concluded' }), 'invalid');
    expect(e.issues.map((i) => i.message)).toContain('child-view-weighing-required');
    refused(() => as('mother', false).assessments.revise(ids.assessmentId, { conclusion: 'x' }), 'forbidden');
  });

  it('lets parents register dissent but not edit the conclusion', () => {
    const { as, ids } = seeded();
    const mother = as('mother', false);
    const id = mother.comments.add({ target: { type: 'assessment', id: ids.assessmentId }, kind: 'dissent', text: 'Vi er uenige i at problemet ligger i friminuttene.' });
    const c = mother.snapshot().comments.find((x) => x.id === id)!;
    expect(c.authorRole).toBe('parent');
    mother.comments.update(id, 'Vi er delvis uenige.');
    refused(() => as('father', false).comments.update(id, 'Endret av en annen'), 'forbidden');
    mother.comments.remove(id);
  });
});

describe('actions', () => {
  it('adds, assigns, evaluates and closes; closing needs an evaluation', () => {
    const { as, ids } = seeded();
    const m = as('teacher');
    const id = m.actions.add({ title: 'Lekegruppe i storefri', owner: { kind: 'service', service: 'skole' }, schedule: { kind: 'deadline', date: '2026-12-01' }, evaluationDate: '2026-12-15', meetingId: ids.meetingId });
    refused(() => m.actions.close(id), 'invalid');
    m.actions.assign(id, { kind: 'participant', participantId: ids.participants.teacher }, ids.participants.leader);
    const e = refused(() => m.actions.evaluate(id, { effect: 'not', decision: 'escalate' }), 'invalid');
    expect(e.issues[0]?.message).toBe('tried-before-required');
    m.actions.evaluate(id, { effect: 'partly', decision: 'adjust', evidence: 'To av fem dager.' });
    expect(m.snapshot().actions.find((a) => a.id === id)?.status).toBe('in-progress');
    m.actions.evaluate(id, { effect: 'achieved', decision: 'close' });
    const a = m.snapshot().actions.find((x) => x.id === id)!;
    expect(a.status).toBe('done');
    expect(a.evaluations.map((x) => x.decision)).toEqual(['adjust', 'close']);
    refused(() => m.actions.add({ title: 'x', owner: { kind: 'parent' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-13-01' }), 'invalid');
    m.actions.remove(id);
    expect(m.snapshot().actions.some((x) => x.id === id)).toBe(false);
  });

  it('lets parents add their own actions and set their status, nothing more', () => {
    const { as, ids } = seeded();
    const mother = as('mother', false);
    const own = mother.actions.add({ title: 'Legge seg kl. 20', owner: { kind: 'parent' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-20', meetingId: ids.meetingId });
    mother.actions.setStatus(own, 'in-progress');
    refused(() => mother.actions.add({ title: 'x', owner: { kind: 'participant', participantId: ids.participants.teacher }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-20' }), 'forbidden');
    refused(() => mother.actions.setStatus(ids.actionIds[0]!, 'planned'), 'forbidden');
    refused(() => mother.actions.update(own, { title: 'y' }), 'forbidden');
    refused(() => mother.actions.evaluate(own, { effect: 'achieved', decision: 'close' }), 'forbidden');
    expect(mother.can('action.setStatus', mother.snapshot().actions.find((a) => a.id === own))).toBe(true);
  });
});

describe('meetings', () => {
  it('creates from a template and refuses unknown templates and missing purpose', () => {
    const { as } = seeded();
    const m = as('leader');
    const id = m.meetings.create({ templateId: 'naervaersmote', purpose: 'Følge opp fravær', date: NOW.toISOString(), locale: 'nn' });
    const items = m.snapshot().agenda.filter((a) => a.meetingId === id);
    expect(items.map((i) => i.kind)).toEqual(TEMPLATES.find((t) => t.id === 'naervaersmote')!.items.map((i) => i.kind));
    expect(items[1]?.title).toContain('Fråværstal');
    refused(() => m.meetings.create({ templateId: 'nope', purpose: 'x', date: NOW.toISOString() }), 'invalid');
    refused(() => m.meetings.create({ templateId: 'samarbeidsmote', purpose: '', date: NOW.toISOString() }), 'invalid');
  });

  it('finalises only with a decision or a reason, and then locks the minutes', () => {
    const { as, ids } = seeded();
    const leader = as('leader');
    refused(() => as('teacher').meetings.finalise(ids.meetingId), 'forbidden');
    const e = refused(() => leader.meetings.finalise(ids.meetingId), 'invalid');
    expect(e.issues[0]?.message).toBe('decision-or-reason-required');
    const item = leader.snapshot().agenda.find((a) => a.meetingId === ids.meetingId)!;
    leader.agenda.startTimer(item.id);
    leader.decisions.add({ meetingId: ids.meetingId, agendaItemId: item.id, text: 'Fortsette med morgenmøtet.' });
    leader.meetings.finalise(ids.meetingId);
    const snap = leader.snapshot();
    const m = snap.meetings.find((x) => x.id === ids.meetingId)!;
    expect(m.state).toBe('finalised');
    expect(m.finalisedBy).toBe('sofie.lie');
    expect(snap.agenda.find((a) => a.id === item.id)?.timerStartedAt).toBeUndefined();
    refused(() => leader.agenda.update(item.id, { notes: 'endret etterpå' }), 'locked');
    refused(() => leader.decisions.add({ meetingId: ids.meetingId, text: 'for sent' }), 'locked');
    refused(() => leader.meetings.update(ids.meetingId, { purpose: 'nytt' }), 'locked');
    refused(() => leader.meetings.finalise(ids.meetingId), 'locked');
  });

  it('accepts "no decision, because" instead of a decision', () => {
    const { as, ids } = seeded();
    const leader = as('leader');
    leader.meetings.finalise(ids.earlierMeetingId === ids.meetingId ? 'x' : ids.meetingId, 'Venter på sakkyndig vurdering fra PPT.');
    expect(leader.snapshot().meetings.find((m) => m.id === ids.meetingId)?.noDecisionReason).toContain('PPT');
  });
});

describe('consent', () => {
  it('records, withdraws partly, then wholly', () => {
    const { as } = seeded();
    const m = as('leader');
    const consent = m.snapshot().consents[0]!;
    expect(m.consents.activeServices(consent, NOW)).toEqual(['skole', 'helsestasjon', 'ppt', 'barnevern']);
    const mother = as('mother', false);
    mother.consents.withdraw(consent.id, ['barnevern'], 'Vil ikke dele med barnevernet nå');
    let c = m.snapshot().consents[0]!;
    expect(m.consents.activeServices(c, new Date('2030-01-01')).length).toBe(0); // past validTo
    expect(m.consents.activeServices(c, new Date(NOW.getTime() + 86_400_000))).toEqual(['skole', 'helsestasjon', 'ppt']);
    expect(c.withdrawals[0]?.byName).toBe('Kari Fjellstad');
    m.consents.withdraw(consent.id);
    c = m.snapshot().consents[0]!;
    expect(m.consents.activeServices(c, new Date(NOW.getTime() + 86_400_000))).toEqual([]);
    refused(() => m.consents.withdraw(consent.id), 'invalid');
    refused(() => mother.consents.record({ givenBy: [{ name: 'x', relation: 'guardian' }], services: ['skole'], scope: 'x', purpose: 'x', validFrom: '2026-01-01' }), 'forbidden');
    refused(() => m.consents.record({ givenBy: [{ name: 'x', relation: 'guardian' }], services: ['skole'], scope: 'x', purpose: 'x', validFrom: '2026-02-01', validTo: '2026-01-01' }), 'invalid');
  });

  it('stores no family or consent in an anonymous consultation', () => {
    const m = new MeetingModel(new Y.Doc(), user('leader'), { newId: counterIds('a') });
    m.case.setup({ child: { name: 'Jente, 10 år', pseudonym: true }, anonymous: true });
    refused(() => m.participants.add({ name: 'Mor', role: 'parent' }), 'invalid');
    refused(() => m.consents.record({ givenBy: [{ name: 'x', relation: 'guardian' }], services: ['skole'], scope: 'x', purpose: 'x', validFrom: '2026-01-01' }), 'invalid');
    expect(m.participants.add({ name: 'PPT-rådgiver', role: 'professional', service: 'ppt' })).toBeTruthy();
  });

  it('sets up an anonymous consultation only without the child\'s name or birth year, and never over a family already recorded', () => {
    const m = new MeetingModel(new Y.Doc(), user('leader'), { newId: counterIds('a') });
    expect(refused(() => m.case.setup({ child: { name: 'Emma Fjellstad', pseudonym: false }, anonymous: true }), 'invalid').issues[0]!.message).toBe('anonymous-pseudonym-required');
    expect(refused(() => m.case.setup({ child: { name: 'Jente', pseudonym: true, birthYear: 2016 }, anonymous: true }), 'invalid').issues[0]!.message).toBe('anonymous-no-birth-year');
    expect(m.snapshot().case).toBeUndefined(); // nothing stored by a refused set-up
    const { as } = seeded();
    const leader = as('leader');
    const issue = refused(() => leader.case.setup({ child: { name: 'Jente, 9 år', pseudonym: true }, anonymous: true }), 'invalid').issues[0]!;
    expect(issue.message).toBe('anonymous-has-family');
    expect(leader.snapshot().case?.anonymous).toBe(false);
  });
});

describe('coordinator handover', () => {
  it('keeps the baton with the old coordinator until the new one accepts', () => {
    const { as, ids } = seeded();
    const leader = as('leader');
    const offer = leader.handovers.offer(ids.participants.teacher, 'Skolen tar over koordineringen.');
    expect(leader.snapshot().case?.coordinatorId).toBe(ids.participants.leader);
    refused(() => as('ppt').handovers.answer(offer, true), 'forbidden');
    refused(() => as('ppt').handovers.offer(ids.participants.ppt), 'forbidden');
    as('teacher').handovers.answer(offer, true);
    expect(leader.snapshot().case?.coordinatorId).toBe(ids.participants.teacher);
    refused(() => as('teacher').handovers.answer(offer, false), 'conflict');
  });
});

describe('case, goals, participants, decisions, notes', () => {
  it('runs the remaining commands and refuses the rest', () => {
    const { as, ids } = seeded();
    const leader = as('leader');
    refused(() => leader.case.setLevel('bti-3'), 'invalid'); // moving up needs what was tried before
    leader.case.setLevel('bti-3', { reason: 'Behov for barnevern', triedBefore: 'Morgenmøte og samtaler i 6 uker' });
    expect(leader.snapshot().case?.level).toBe('bti-3');
    expect(leader.snapshot().levelChanges.at(-1)).toMatchObject({ from: 'bti-2', to: 'bti-3' });
    leader.case.setLevel('bti-1');
    refused(() => leader.case.setLevel('red'), 'invalid');
    const g = leader.goals.add({ kind: 'result', text: 'Leser på alderstrinn', indicator: 'Kartlegging våren 2027' });
    leader.goals.update(g, { text: 'Leser bedre' });
    refused(() => leader.goals.add({ kind: 'result', text: 'uten indikator' }), 'invalid');
    const pid = leader.participants.add({ name: 'Per Fastlege', role: 'professional', service: 'fastlege' });
    leader.participants.update(pid, { attendance: 'excused' });
    leader.participants.remove(pid);
    const mother = as('mother', false);
    mother.participants.setOwnStatus(ids.participants.mother, { prepared: true });
    expect(mother.snapshot().participants.find((p) => p.id === ids.participants.mother)?.prepared).toBe(true);
    refused(() => mother.participants.setOwnStatus(ids.participants.father, { prepared: true }), 'forbidden');
    const d = leader.decisions.add({ meetingId: ids.meetingId, text: 'Henvise til PPT' });
    leader.decisions.update(d, { authority: 'Oppvekstleder' });
    leader.decisions.remove(d);
    const n = leader.notes.add({ text: 'Barnevernet har en tidligere undersøkelse.' });
    expect(leader.snapshot().notes.find((x) => x.id === n)?.authorName).toBe('Sofie Lie');
    refused(() => as('mother', false).notes.add({ text: 'x' }), 'forbidden');
  });
});

describe('consent given by a young person', () => {
  it('may be withdrawn by the young person, but a guardian-only consent may not', () => {
    const { as } = seeded();
    const leader = as('leader');
    const guardianOnly = leader.snapshot().consents[0]!.id;
    const own = leader.consents.record({ givenBy: [{ name: 'Emma Fjellstad', relation: 'young-person' }], services: ['helsestasjon'], scope: 'Samtaler', purpose: 'Oppfølging', validFrom: '2026-11-01' });
    const child = as('child', false);
    refused(() => child.consents.withdraw(guardianOnly), 'forbidden');
    child.consents.withdraw(own);
    expect(child.snapshot().consents.find((c) => c.id === own)?.withdrawals).toHaveLength(1);
  });
});

describe('documentation', () => {
  it('docs/data-model.md shows the permission table as the code has it', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/data-model.md', import.meta.url), 'utf8');
    for (const c of COMMANDS) {
      const row = `| \`${c}\` | ${ROLES.map((r) => PERMISSIONS[r][c]).join(' | ')} |`;
      expect(doc, `row for ${c}`).toContain(row);
    }
  });
});

describe('a command on an entry that reads as unreadable', () => {
  it('is refused with a CommandError, not a crash: an update delivered before the one it builds on deletes old values first', () => {
    const { doc, ids, as } = seeded();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const leader = as('leader');
    const sv0 = Y.encodeStateVector(doc);
    leader.agenda.add(ids.meetingId, { title: 'Først' });
    const sv1 = Y.encodeStateVector(doc);
    leader.assessments.revise(ids.assessmentId, { conclusion: 'Ny konklusjon' });
    // The revision arrives first: Yjs applies its deletions at once and waits with the rest.
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc, sv1));
    const onReplica = new MeetingModel(replica, user('teacher'));
    expect(onReplica.snapshot().unreadable.map((u) => u.id)).toContain(ids.assessmentId);
    expect(refused(() => onReplica.assessments.revise(ids.assessmentId, { conclusion: 'x' }), 'invalid').command).toBe('assessment.revise');
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc, sv0));
    expect(onReplica.snapshot().assessments.find((a) => a.id === ids.assessmentId)?.content.conclusion).toBe('Ny konklusjon');
  });
});
