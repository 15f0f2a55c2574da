/**
 * Replicas apply random command sequences on their own documents, exchange their updates
 * in random order (as a network would), and must end in identical, schema-valid snapshots.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommandError, MeetingModel, seedExampleCase, type ExampleCaseIds } from '../src/index.js';
import { NOW, counterIds, steppingClock, user } from './helpers.js';

const REPLICAS = ['leader', 'teacher', 'mother'] as const;

type Op =
  | { kind: 'agenda-add'; title: string }
  | { kind: 'agenda-move'; pick: number; to: number }
  | { kind: 'agenda-notes'; pick: number; text: string }
  | { kind: 'agenda-timer'; pick: number }
  | { kind: 'action-add'; title: string; parentOwned: boolean }
  | { kind: 'action-status'; pick: number; status: 'planned' | 'in-progress' }
  | { kind: 'action-evaluate'; pick: number; decision: 'continue' | 'adjust' | 'close' }
  | { kind: 'comment'; text: string }
  | { kind: 'assessment-revise'; text: string }
  | { kind: 'consent-withdraw'; service: 'ppt' | 'barnevern' | 'skole' }
  | { kind: 'prepared'; value: boolean };

const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0);
const pick = fc.nat(50);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('agenda-add' as const), title: text }),
  fc.record({ kind: fc.constant('agenda-move' as const), pick, to: fc.nat(15) }),
  fc.record({ kind: fc.constant('agenda-notes' as const), pick, text }),
  fc.record({ kind: fc.constant('agenda-timer' as const), pick }),
  fc.record({ kind: fc.constant('action-add' as const), title: text, parentOwned: fc.boolean() }),
  fc.record({ kind: fc.constant('action-status' as const), pick, status: fc.constantFrom('planned' as const, 'in-progress' as const) }),
  fc.record({ kind: fc.constant('action-evaluate' as const), pick, decision: fc.constantFrom('continue' as const, 'adjust' as const, 'close' as const) }),
  fc.record({ kind: fc.constant('comment' as const), text }),
  fc.record({ kind: fc.constant('assessment-revise' as const), text }),
  fc.record({ kind: fc.constant('consent-withdraw' as const), service: fc.constantFrom('ppt' as const, 'barnevern' as const, 'skole' as const) }),
  fc.record({ kind: fc.constant('prepared' as const), value: fc.boolean() }),
);

function apply(m: MeetingModel, ids: ExampleCaseIds, o: Op): void {
  const snap = m.snapshot();
  const items = snap.agenda.filter((a) => a.meetingId === ids.meetingId);
  const nth = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
  switch (o.kind) {
    case 'agenda-add': m.agenda.add(ids.meetingId, { title: o.title }); break;
    case 'agenda-move': { const it = nth(items, o.pick); if (it) m.agenda.move(it.id, o.to); break; }
    case 'agenda-notes': { const it = nth(items, o.pick); if (it) m.agenda.update(it.id, { notes: o.text }); break; }
    case 'agenda-timer': { const it = nth(items, o.pick); if (it?.timerStartedAt) m.agenda.stopTimer(it.id); else if (it) m.agenda.startTimer(it.id); break; }
    case 'action-add':
      m.actions.add({ title: o.title, owner: o.parentOwned ? { kind: 'parent' } : { kind: 'service', service: 'skole' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-24', meetingId: ids.meetingId });
      break;
    case 'action-status': { const a = nth(snap.actions, o.pick); if (a) m.actions.setStatus(a.id, o.status); break; }
    case 'action-evaluate': { const a = nth(snap.actions, o.pick); if (a) m.actions.evaluate(a.id, { effect: 'partly', decision: o.decision }); break; }
    case 'comment': m.comments.add({ target: { type: 'meeting', id: ids.meetingId }, text: o.text }); break;
    case 'assessment-revise': m.assessments.revise(ids.assessmentId, { conclusion: o.text }); break;
    case 'consent-withdraw': m.consents.withdraw(snap.consents[0]!.id, [o.service]); break;
    case 'prepared': { const me = m.me(); if (me) m.participants.setOwnStatus(me.id, { prepared: o.value }); break; }
  }
}

interface Message { to: number; update: Uint8Array }

/** Runs the scenario; returns the replicas' final snapshots (as JSON) and the number of refused commands. */
export function runScenario(steps: Array<{ replica: number; op: Op; deliver: number }>, deliveryOrder: number[], dropOne = false) {
  const base = new Y.Doc();
  const seedModel = new MeetingModel(base, user('leader'), { now: () => NOW, newId: counterIds('s') });
  const ids = seedExampleCase(seedModel, NOW);
  const seedState = Y.encodeStateAsUpdate(base);
  const docs = REPLICAS.map(() => { const d = new Y.Doc(); Y.applyUpdate(d, seedState, 'network'); return d; });
  const models = REPLICAS.map((r, i) => new MeetingModel(docs[i]!, user(r), { now: steppingClock(), newId: counterIds(`${r}-`) }));
  const inFlight: Message[] = [];
  docs.forEach((d, from) => d.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'network') return;
    for (let to = 0; to < docs.length; to++) if (to !== from) inFlight.push({ to, update });
  }));
  let orderIndex = 0;
  const deliverOne = () => {
    if (inFlight.length === 0) return;
    const k = (deliveryOrder[orderIndex++ % deliveryOrder.length] ?? 0) % inFlight.length;
    const [msg] = inFlight.splice(k, 1);
    Y.applyUpdate(docs[msg!.to]!, msg!.update, 'network');
  };
  let refusedCount = 0;
  for (const s of steps) {
    try { apply(models[s.replica]!, ids, s.op); } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      refusedCount++;
    }
    for (let i = 0; i < s.deliver; i++) deliverOne();
  }
  if (dropOne && inFlight.length > 0) inFlight.shift();
  while (inFlight.length) deliverOne();
  return { snapshots: models.map((m) => m.snapshot()), refusedCount };
}

const scenario = fc.record({
  steps: fc.array(fc.record({ replica: fc.nat(REPLICAS.length - 1), op, deliver: fc.nat(3) }), { minLength: 1, maxLength: 25 }),
  deliveryOrder: fc.array(fc.nat(1000), { minLength: 1, maxLength: 40 }),
});

describe('convergence', () => {
  it('replicas converge to identical, valid snapshots whatever the order of delivery (200 runs)', () => {
    fc.assert(
      fc.property(scenario, ({ steps, deliveryOrder }) => {
        const { snapshots } = runScenario(steps, deliveryOrder);
        const [first, ...rest] = snapshots.map((s) => JSON.stringify(s));
        for (const other of rest) expect(other).toBe(first);
        expect(snapshots[0]!.unreadable).toEqual([]);
      }),
      { numRuns: 200, seed: Number(process.env.SAMRAD_PROPERTY_SEED ?? 20261122) },
    );
  });

  it('detects divergence: losing one update breaks convergence', () => {
    // The check above must be able to fail. Dropping a message that carries an edit must show up.
    const steps = [{ replica: 0, op: { kind: 'comment', text: 'hei' } as Op, deliver: 0 }];
    const { snapshots } = runScenario(steps, [0], true);
    expect(JSON.stringify(snapshots[0])).not.toBe(JSON.stringify(snapshots[1]));
  });
});
