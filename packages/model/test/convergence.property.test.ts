/**
 * Replicas apply random command sequences on their own documents, exchange their updates
 * in random order (as a network would), and must end in identical, schema-valid snapshots.
 * After every merge (each update a replica receives) every replica must keep the rules
 * that hold after merge (`checkInvariants`), and at every sync point all replicas agree.
 *
 * Seed: SAMRAD_FC_SEED (a fresh one when unset; the seed used is printed). Runs:
 * SAMRAD_FC_RUNS (default 150).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkInvariants, CommandError, MeetingModel, seedExampleCase, type ExampleCaseIds } from '../src/index.js';
import { NOW, counterIds, steppingClock, user } from './helpers.js';

/** Who holds each replica: the mother on two devices, so her answers can race each other. */
const REPLICAS = ['leader', 'teacher', 'mother', 'mother'] as const;

type Op =
  | { kind: 'agenda-add'; title: string }
  | { kind: 'agenda-move'; pick: number; to: number }
  | { kind: 'agenda-notes'; pick: number; text: string }
  | { kind: 'agenda-notes-append'; pick: number; text: string }
  | { kind: 'agenda-start'; pick: number }
  | { kind: 'agenda-stop'; pick: number }
  | { kind: 'agenda-complete'; pick: number }
  | { kind: 'agenda-remove'; pick: number }
  | { kind: 'meeting-start' }
  | { kind: 'meeting-finalise' }
  | { kind: 'action-add'; title: string; parentOwned: boolean }
  | { kind: 'action-status'; pick: number; status: 'planned' | 'in-progress' }
  | { kind: 'action-evaluate'; pick: number; decision: 'continue' | 'adjust' | 'close' }
  | { kind: 'comment'; text: string }
  | { kind: 'assessment-revise'; text: string }
  | { kind: 'consent-withdraw'; service: 'ppt' | 'barnevern' | 'skole' }
  | { kind: 'prepared'; value: boolean }
  | { kind: 'concern-raise'; text: string }
  | { kind: 'concern-decide'; pick: number; text: string };

const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0);
const pick = fc.nat(50);
const w = (weight: number, arbitrary: fc.Arbitrary<Op>) => ({ weight, arbitrary });

/** What the leader and the teacher do: run the meeting. Finalising is rare (it locks the minutes). */
const professionalOp: fc.Arbitrary<Op> = fc.oneof(
  w(3, fc.record({ kind: fc.constant('agenda-add' as const), title: text })),
  w(3, fc.record({ kind: fc.constant('agenda-move' as const), pick, to: fc.nat(15) })),
  w(4, fc.record({ kind: fc.constant('agenda-notes' as const), pick, text })),
  w(6, fc.record({ kind: fc.constant('agenda-notes-append' as const), pick, text })),
  w(8, fc.record({ kind: fc.constant('agenda-start' as const), pick: fc.nat(3) })),
  w(3, fc.record({ kind: fc.constant('agenda-stop' as const), pick: fc.nat(3) })),
  w(3, fc.record({ kind: fc.constant('agenda-complete' as const), pick: fc.nat(3) })),
  w(2, fc.constant({ kind: 'meeting-start' as const })),
  w(1, fc.constant({ kind: 'meeting-finalise' as const })),
  w(2, fc.record({ kind: fc.constant('action-add' as const), title: text, parentOwned: fc.boolean() })),
  w(2, fc.record({ kind: fc.constant('action-status' as const), pick, status: fc.constantFrom('planned' as const, 'in-progress' as const) })),
  w(2, fc.record({ kind: fc.constant('action-evaluate' as const), pick, decision: fc.constantFrom('continue' as const, 'adjust' as const, 'close' as const) })),
  w(2, fc.record({ kind: fc.constant('comment' as const), text })),
  w(2, fc.record({ kind: fc.constant('assessment-revise' as const), text })),
  w(3, fc.record({ kind: fc.constant('concern-raise' as const), text })),
  w(3, fc.record({ kind: fc.constant('concern-decide' as const), pick: fc.nat(3), text })),
);

/** What the mother does, on either device. */
const familyOp: fc.Arbitrary<Op> = fc.oneof(
  w(3, fc.record({ kind: fc.constant('comment' as const), text })),
  w(1, fc.record({ kind: fc.constant('consent-withdraw' as const), service: fc.constantFrom('ppt' as const, 'barnevern' as const, 'skole' as const) })),
  w(2, fc.record({ kind: fc.constant('prepared' as const), value: fc.boolean() })),
  w(2, fc.record({ kind: fc.constant('action-add' as const), title: text, parentOwned: fc.constant(true) })),
  w(2, fc.record({ kind: fc.constant('action-status' as const), pick, status: fc.constantFrom('planned' as const, 'in-progress' as const) })),
);

/**
 * Only what races over the "one of" rules: starting, stopping, completing and removing
 * items, starting and finalising the meeting.
 */
const lifecycleOp: fc.Arbitrary<Op> = fc.oneof(
  w(6, fc.record({ kind: fc.constant('agenda-start' as const), pick: fc.nat(3) })),
  w(2, fc.record({ kind: fc.constant('agenda-stop' as const), pick: fc.nat(3) })),
  w(2, fc.record({ kind: fc.constant('agenda-complete' as const), pick: fc.nat(3) })),
  w(1, fc.record({ kind: fc.constant('agenda-remove' as const), pick: fc.nat(3) })),
  w(2, fc.constant({ kind: 'meeting-start' as const })),
  w(3, fc.constant({ kind: 'meeting-finalise' as const })),
);

type Step = { replica: number; op: Op; deliver: number } | { sync: true };
const stepsOf = (proOp: fc.Arbitrary<Op>): fc.Arbitrary<Step> => fc.oneof(
  { weight: 12, arbitrary: fc.record({ replica: fc.constantFrom(0, 1), op: proOp, deliver: fc.nat(3) }) },
  { weight: 5, arbitrary: fc.record({ replica: fc.constantFrom(2, 3), op: familyOp, deliver: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.constant({ sync: true as const }) },
);

function apply(m: MeetingModel, ids: ExampleCaseIds, o: Op): void {
  const snap = m.snapshot();
  const items = snap.agenda.filter((a) => a.meetingId === ids.meetingId);
  const nth = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
  switch (o.kind) {
    case 'agenda-add': m.agenda.add(ids.meetingId, { title: o.title }); break;
    case 'agenda-move': { const it = nth(items, o.pick); if (it) m.agenda.move(it.id, o.to); break; }
    case 'agenda-notes': { const it = nth(items, o.pick); if (it) m.agenda.update(it.id, { notes: o.text }); break; }
    case 'agenda-notes-append': { const it = nth(items, o.pick); if (it) m.agenda.update(it.id, { notes: `${it.notes}${o.text}` }); break; }
    case 'agenda-start': { const it = nth(items, o.pick); if (it) m.agenda.startTimer(it.id); break; }
    case 'agenda-stop': { const it = nth(items, o.pick); if (it) m.agenda.stopTimer(it.id); break; }
    case 'agenda-complete': { const it = nth(items, o.pick); if (it) m.agenda.complete(it.id); break; }
    case 'agenda-remove': { const it = nth(items, o.pick); if (it) m.agenda.remove(it.id); break; }
    case 'meeting-start': m.meetings.start(ids.meetingId); break;
    case 'meeting-finalise': m.meetings.finalise(ids.meetingId, 'Informasjonsmøte'); break;
    case 'action-add':
      m.actions.add({ title: o.title, owner: o.parentOwned ? { kind: 'parent' } : { kind: 'service', service: 'skole' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-24', meetingId: ids.meetingId });
      break;
    case 'action-status': {
      const a = nth(snap.actions.filter((x) => m.can('action.setStatus', x)), o.pick);
      if (a) m.actions.setStatus(a.id, o.status);
      break;
    }
    case 'action-evaluate': { const a = nth(snap.actions, o.pick); if (a) m.actions.evaluate(a.id, { effect: 'partly', decision: o.decision }); break; }
    case 'comment': m.comments.add({ target: { type: 'meeting', id: ids.meetingId }, text: o.text }); break;
    case 'assessment-revise': m.assessments.revise(ids.assessmentId, { conclusion: o.text }); break;
    case 'consent-withdraw': m.consents.withdraw(snap.consents[0]!.id, [o.service]); break;
    case 'prepared': { const me = m.me(); if (me) m.participants.setOwnStatus(me.id, { prepared: o.value }); break; }
    case 'concern-raise': m.case.raiseConcern(undefined, o.text); break;
    case 'concern-decide': { const c = nth(snap.concerns.filter((x) => !x.decidedAt), o.pick); if (c) m.case.concernDecided(c.id, o.text); break; }
  }
}

/** Writes what the layout-1 model left after two timers started at once, and a concern kept on the case. */
function writeLegacyFields(doc: Y.Doc, ids: ExampleCaseIds): void {
  doc.transact(() => {
    const agenda = doc.getMap<Y.Map<unknown>>('agenda');
    const items = [...agenda.entries()].filter(([, m]) => m.get('meetingId') === ids.meetingId).map(([id, m]) => ({ id, m, position: m.get('position') as number }))
      .sort((a, b) => a.position - b.position);
    for (const { m } of items.slice(0, 2)) {
      m.set('state', 'active');
      m.set('timerStartedAt', '2026-11-20T08:50:00.000Z');
    }
    doc.getMap<Y.Map<unknown>>('meetings').get(ids.meetingId)!.set('activeItemId', items[1]!.id);
    doc.getMap('case').set('concernRaisedAt', '2026-11-12T08:00:00.000Z');
  });
}

interface Message { to: number; update: Uint8Array }
export interface ScenarioResult {
  snapshots: ReturnType<MeetingModel['snapshot']>[];
  /** Commands run, and how many the model refused. */
  commands: number;
  refusedCount: number;
  /** Rules broken after some merge, with where (empty when every merge kept them). */
  violations: string[];
  /** Sync points where the replicas did not agree. */
  disagreements: number;
}

/** Runs the scenario, checking every replica's rules after every merge and agreement at every sync point. */
export function runScenario(steps: Step[], deliveryOrder: number[], options: { dropOne?: boolean; legacy?: boolean } = {}): ScenarioResult {
  const base = new Y.Doc();
  const seedModel = new MeetingModel(base, user('leader'), { now: () => NOW, newId: counterIds('s') });
  const ids = seedExampleCase(seedModel, NOW);
  if (options.legacy) writeLegacyFields(base, ids);
  const seedState = Y.encodeStateAsUpdate(base);
  const docs = REPLICAS.map(() => { const d = new Y.Doc(); Y.applyUpdate(d, seedState, 'network'); return d; });
  const models = REPLICAS.map((r, i) => new MeetingModel(docs[i]!, user(r), { now: steppingClock(), newId: counterIds(`${r}${i}-`) }));
  const violations: string[] = [];
  const check = (when: string) => {
    models.forEach((m, i) => { for (const v of checkInvariants(m.snapshot())) violations.push(`${when} replica ${i}: ${v}`); });
  };
  check('seed');
  const inFlight: Message[] = [];
  docs.forEach((d, from) => d.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'network') return;
    for (let to = 0; to < docs.length; to++) if (to !== from) inFlight.push({ to, update });
  }));
  let orderIndex = 0;
  let merges = 0;
  const deliverOne = () => {
    if (inFlight.length === 0) return;
    const k = (deliveryOrder[orderIndex++ % deliveryOrder.length] ?? 0) % inFlight.length;
    const [msg] = inFlight.splice(k, 1);
    Y.applyUpdate(docs[msg!.to]!, msg!.update, 'network');
    check(`merge ${++merges}`);
  };
  const json = () => models.map((m) => JSON.stringify(m.snapshot()));
  let disagreements = 0;
  let commands = 0;
  let refusedCount = 0;
  for (const s of steps) {
    if ('sync' in s) {
      while (inFlight.length) deliverOne();
      if (new Set(json()).size !== 1) disagreements++;
      continue;
    }
    commands++;
    try { apply(models[s.replica]!, ids, s.op); } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      refusedCount++;
    }
    for (let i = 0; i < s.deliver; i++) deliverOne();
  }
  if (options.dropOne && inFlight.length > 0) inFlight.shift();
  while (inFlight.length) deliverOne();
  if (!options.dropOne && new Set(json()).size !== 1) disagreements++;
  return { snapshots: models.map((m) => m.snapshot()), commands, refusedCount, violations, disagreements };
}

const scenarioOf = (proOp: fc.Arbitrary<Op>, maxLength: number) => fc.record({
  steps: fc.array(stepsOf(proOp), { minLength: 1, maxLength }),
  deliveryOrder: fc.array(fc.nat(1000), { minLength: 1, maxLength: 40 }),
  legacy: fc.boolean(),
});

/**
 * Across all runs of a property, at least this share of commands must be accepted, or the
 * runs test refusals rather than merges. The generators pick commands each role may run,
 * so refusals come from real conflicts: a finalised meeting's locked minutes, a concern
 * already decided. Observed over
 * several seeds with 150 runs: 96–98 % for the whole meeting, 80–85 % for the lifecycle
 * (finalising is frequent there and locks the rest); a generator sending forbidden
 * commands drops far below (see the test that shows this can fail).
 */
const MIN_ACCEPTED = { whole: 0.9, lifecycle: 0.7 } as const;
const acceptedShare = (commands: number, refused: number) => (commands === 0 ? 1 : (commands - refused) / commands);

const SEED = process.env.SAMRAD_FC_SEED ? Number(process.env.SAMRAD_FC_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS = Number(process.env.SAMRAD_FC_RUNS ?? 150);

describe('convergence', () => {
  it.each([
    ['the whole meeting', scenarioOf(professionalOp, 30), RUNS, MIN_ACCEPTED.whole],
    ['the meeting lifecycle (timers, active items, finalising)', scenarioOf(lifecycleOp, 12), RUNS, MIN_ACCEPTED.lifecycle],
  ] as const)(`replicas converge to identical, valid snapshots whatever the order of delivery, keeping the merge rules after every merge: %s (seed ${SEED})`, (name, scenario, runs, minAccepted) => {
    console.log(`convergence property (${name}): SAMRAD_FC_SEED=${SEED} SAMRAD_FC_RUNS=${runs}`);
    let commands = 0;
    let refused = 0;
    fc.assert(
      fc.property(scenario, ({ steps, deliveryOrder, legacy }) => {
        const result = runScenario(steps, deliveryOrder, { legacy });
        commands += result.commands;
        refused += result.refusedCount;
        expect(result.violations).toEqual([]);
        expect(result.disagreements).toBe(0);
        const [first, ...rest] = result.snapshots.map((s) => JSON.stringify(s));
        for (const other of rest) expect(other).toBe(first);
        expect(result.snapshots[0]!.unreadable).toEqual([]);
      }),
      { numRuns: runs, seed: SEED },
    );
    const share = acceptedShare(commands, refused);
    console.log(`convergence property (${name}): ${commands - refused} of ${commands} commands accepted (${(share * 100).toFixed(1)} %)`);
    expect(share).toBeGreaterThanOrEqual(minAccepted);
  });

  it('detects divergence: losing one update breaks convergence', () => {
    // The check above must be able to fail. Dropping a message that carries an edit must show up.
    const steps: Step[] = [{ replica: 0, op: { kind: 'comment', text: 'hei' }, deliver: 0 }];
    const { snapshots } = runScenario(steps, [0], { dropOne: true });
    expect(JSON.stringify(snapshots[0])).not.toBe(JSON.stringify(snapshots[1]));
  });

  it('detects a run where most commands are refused: the accepted share can fall under the bound', () => {
    // The mother may not run the agenda: a generator that sent her these would be testing refusals, not merges.
    const steps: Step[] = [0, 1, 2, 3].map((pick) => ({ replica: 2, op: { kind: 'agenda-start', pick }, deliver: 1 }));
    const { commands, refusedCount } = runScenario(steps, [0]);
    expect(commands).toBe(4);
    expect(acceptedShare(commands, refusedCount)).toBeLessThan(Math.min(MIN_ACCEPTED.whole, MIN_ACCEPTED.lifecycle));
  });

  it('detects a broken rule after a merge: the layout-1 model let two timers run at once', () => {
    // What checkInvariants sees when a replica writes per-item timers the old way, bypassing the meeting.
    const steps: Step[] = [{ sync: true }];
    const result = runScenario(steps, [0], { legacy: true });
    expect(result.violations).toEqual([]);
    const snap = structuredClone(result.snapshots[0]!);
    for (const item of snap.agenda.slice(0, 2)) { item.state = 'active'; item.timerStartedAt = NOW.toISOString(); }
    expect(checkInvariants(snap).length).toBeGreaterThan(0);
  });
});
