/**
 * A meeting's agenda: items, their order, and the shared countdown timer that lives in the meeting.
 */
import { z } from 'zod';
import { AgendaItem } from '../schemas.js';
import { deleteEntity, patchEntity, readEntity } from '../store.js';
import type { ModelCore } from './core.js';

export const AgendaInput = z.object({
  title: z.string().min(1).max(500),
  kind: z.string().min(1).default('custom'),
  plannedMinutes: z.number().int().min(0).max(600).default(5),
  responsibleId: z.string().optional(),
  notes: z.string().default(''),
  decisions: z.string().default(''),
  /** Actions the item is about, e.g. those due for evaluation the leader took onto the agenda. */
  actionIds: z.array(z.string().min(1)).default([]),
});

/** The meeting's agenda items, in order. */
function agendaItems(core: ModelCore, meetingId: string): AgendaItem[] {
  return core.snapshot().agenda.filter((a) => a.meetingId === meetingId);
}

/**
 * Stops the meeting's running timer, adding the run to its item's `elapsedSeconds`, and
 * clears the per-item timer fields of layout version 1 so they cannot come back. The
 * running timer lives in the meeting (`timer`), so a meeting has at most one.
 */
export function stopRunningTimer(core: ModelCore, meetingId: string): void {
  const snap = core.snapshot();
  const timer = snap.meetings.find((m) => m.id === meetingId)?.timer;
  const raw = readEntity(core.doc, 'meetings', meetingId);
  if (timer) {
    const item = snap.agenda.find((a) => a.id === timer.itemId);
    const ran = Math.max(0, (core.now().getTime() - Date.parse(timer.startedAt)) / 1000);
    if (item) core.update('agenda.timer', 'agenda', item.id, { elapsedSeconds: Math.round(item.elapsedSeconds + ran) });
  }
  if (raw?.timer !== undefined) core.update('agenda.timer', 'meetings', meetingId, { timer: undefined });
  for (const a of snap.agenda) {
    if (a.meetingId !== meetingId) continue;
    const stored = readEntity(core.doc, 'agenda', a.id);
    if (stored?.timerStartedAt !== undefined || stored?.state === 'active') {
      core.update('agenda.timer', 'agenda', a.id, { timerStartedAt: undefined, ...(stored.state === 'active' ? { state: 'pending' } : {}) });
    }
  }
}

export function agendaCommands(core: ModelCore) {
  return {
    add: (meetingId: string, input: z.input<typeof AgendaInput>): string => {
      core.allow('agenda.add');
      core.get('agenda.add', 'meetings', meetingId);
      core.assertOpen('agenda.add', meetingId);
      const data = core.parse('agenda.add', AgendaInput, input);
      const last = agendaItems(core, meetingId).at(-1);
      return core.create('agenda.add', 'agenda', { ...data, meetingId, position: (last?.position ?? 0) + 1 });
    },
    update: (id: string, patch: Partial<z.input<typeof AgendaInput>>): void => {
      core.allow('agenda.update');
      core.assertOpen('agenda.update', core.get('agenda.update', 'agenda', id).meetingId as string);
      const { title, kind, plannedMinutes, responsibleId, notes, decisions, actionIds } = patch;
      core.update('agenda.update', 'agenda', id, Object.fromEntries(Object.entries({ title, kind, plannedMinutes, responsibleId, notes, decisions, actionIds }).filter(([, v]) => v !== undefined)));
    },
    remove: (id: string): void => {
      core.allow('agenda.remove');
      const item = core.get('agenda.remove', 'agenda', id);
      core.assertOpen('agenda.remove', item.meetingId as string);
      core.transact('agenda', () => {
        deleteEntity(core.doc, 'agenda', id);
        const m = readEntity(core.doc, 'meetings', item.meetingId as string);
        if (m?.activeItemId === id) patchEntity(core.doc, 'meetings', item.meetingId as string, { activeItemId: undefined });
        if ((m?.timer as { itemId?: string } | undefined)?.itemId === id) patchEntity(core.doc, 'meetings', item.meetingId as string, { timer: undefined });
      });
    },
    /**
     * Moves an item to `toIndex` in its meeting's order. Positions are fractional, so a
     * move writes one field of one item and concurrent moves by others never conflict.
     */
    move: (id: string, toIndex: number): void => {
      core.allow('agenda.move');
      const item = core.get('agenda.move', 'agenda', id);
      core.assertOpen('agenda.move', item.meetingId as string);
      const others = agendaItems(core, item.meetingId as string).filter((a) => a.id !== id);
      const i = Math.max(0, Math.min(others.length, Math.trunc(toIndex)));
      const before = others[i - 1]?.position;
      const after = others[i]?.position;
      const position = before === undefined ? (after === undefined ? 1 : after - 1) : after === undefined ? before + 1 : (before + after) / 2;
      core.update('agenda.move', 'agenda', id, { position });
    },
    /**
     * Starts the shared countdown on an item and makes it the active item, stopping the
     * meeting's running timer. Both live in the meeting (`activeItemId`, `timer`), so two
     * people starting different items at once leave one active item and one timer.
     */
    startTimer: (id: string): void => {
      core.allow('agenda.timer');
      const item = core.parse('agenda.timer', AgendaItem, core.get('agenda.timer', 'agenda', id));
      core.assertOpen('agenda.timer', item.meetingId);
      const current = core.snapshot().meetings.find((m) => m.id === item.meetingId);
      if (current?.timer?.itemId === id) return;
      const { at } = core.stamp();
      core.transact('agenda', () => {
        stopRunningTimer(core, item.meetingId);
        if (item.state !== 'pending') core.update('agenda.timer', 'agenda', id, { state: 'pending' });
        const meeting = core.get('agenda.timer', 'meetings', item.meetingId);
        core.update('agenda.timer', 'meetings', item.meetingId, {
          activeItemId: id, timer: { itemId: id, startedAt: at }, ...(meeting.state === 'draft' ? { state: 'running' } : {}),
        });
      });
    },
    /** Stops the countdown on an item (it stays the active item). */
    stopTimer: (id: string): void => {
      core.allow('agenda.timer');
      const item = core.parse('agenda.timer', AgendaItem, core.get('agenda.timer', 'agenda', id));
      core.assertOpen('agenda.timer', item.meetingId);
      if (core.snapshot().meetings.find((m) => m.id === item.meetingId)?.timer?.itemId !== id) return;
      core.transact('agenda', () => stopRunningTimer(core, item.meetingId));
    },
    /** Marks an item done, stopping its timer; the meeting has no active item until the next starts. */
    complete: (id: string): void => {
      core.allow('agenda.timer');
      const item = core.parse('agenda.timer', AgendaItem, core.get('agenda.timer', 'agenda', id));
      core.assertOpen('agenda.timer', item.meetingId);
      core.transact('agenda', () => {
        if (core.snapshot().meetings.find((m) => m.id === item.meetingId)?.timer?.itemId === id) stopRunningTimer(core, item.meetingId);
        core.update('agenda.timer', 'agenda', id, { state: 'done' });
        const meeting = core.get('agenda.timer', 'meetings', item.meetingId);
        if (meeting.activeItemId === id) core.update('agenda.timer', 'meetings', item.meetingId, { activeItemId: undefined });
      });
    },
    /** Seconds left on an item's countdown at `at` (negative when over time). Every client computes the same. */
    remainingSeconds: (item: AgendaItem, at: Date = core.now()): number => {
      const running = item.timerStartedAt ? (at.getTime() - Date.parse(item.timerStartedAt)) / 1000 : 0;
      return Math.round(item.plannedMinutes * 60 - item.elapsedSeconds - running);
    },
  };
}

export type AgendaCommands = ReturnType<typeof agendaCommands>;
