/**
 * The rules that must hold on every replica after any merge of concurrent edits (see
 * docs/data-model.md, "Rules that hold after merge"). Most hold by construction — the
 * layout keeps one value where the rule says "one" and the snapshot reads it — and this
 * check says so on any snapshot, for tests, the server and hosts that want to be sure.
 */
import type { CaseSnapshot } from './snapshot.js';

/**
 * Rules the snapshot breaks, as short codes `rule:id` (empty when all hold):
 * - `finalised-state:<meetingId>` — the meeting has `finalisedAt` but another state;
 * - `finalised-running:<meetingId>` — a finalised meeting has an active item or a running timer;
 * - `active-items:<meetingId>` — more than one agenda item of the meeting is active;
 * - `active-item:<meetingId>` — the meeting's `activeItemId` and its active agenda item disagree;
 * - `timers:<meetingId>` — more than one agenda item of the meeting has a running timer;
 * - `timer-item:<meetingId>` — the running timer is not on the active item, or disagrees with the meeting's `timer`;
 * - `feedback-answers:<meetingId>` — a person has more than one feedback answer for the meeting;
 * - `concern-id:<concernId>` — two concerns share an id (each concern is its own entry).
 */
export function checkInvariants(snapshot: CaseSnapshot): string[] {
  const out: string[] = [];
  for (const m of snapshot.meetings) {
    const items = snapshot.agenda.filter((a) => a.meetingId === m.id);
    const active = items.filter((a) => a.state === 'active');
    const timed = items.filter((a) => a.timerStartedAt !== undefined);
    if (m.finalisedAt !== undefined && m.state !== 'finalised' && m.state !== 'correcting') out.push(`finalised-state:${m.id}`);
    if (m.state === 'finalised' && (m.activeItemId !== undefined || m.timer !== undefined || active.length > 0 || timed.length > 0)) {
      out.push(`finalised-running:${m.id}`);
    }
    if (active.length > 1) out.push(`active-items:${m.id}`);
    if ((m.activeItemId ?? null) !== (active[0]?.id ?? null)) out.push(`active-item:${m.id}`);
    if (timed.length > 1) out.push(`timers:${m.id}`);
    const timer = timed[0];
    if ((timer && timer.state !== 'active') || (m.timer?.itemId ?? null) !== (timer?.id ?? null) || (m.timer && m.timer.startedAt !== timer?.timerStartedAt)) {
      out.push(`timer-item:${m.id}`);
    }
  }
  const answers = new Set<string>();
  for (const f of snapshot.feedback) {
    const key = `${f.meetingId}\u0000${f.createdBy}`;
    if (answers.has(key)) out.push(`feedback-answers:${f.meetingId}`);
    answers.add(key);
  }
  const concernIds = new Set<string>();
  for (const c of snapshot.concerns) {
    if (concernIds.has(c.id)) out.push(`concern-id:${c.id}`);
    concernIds.add(c.id);
  }
  return [...new Set(out)];
}
