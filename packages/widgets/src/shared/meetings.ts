/** Choosing which meeting the widgets show when nobody said. */
import type { CaseSnapshot, Meeting } from '@samrad/model';

/** The latest meeting not finalised, else the latest meeting; undefined when there is none. */
export function defaultMeetingId(snapshot: CaseSnapshot | undefined): string | undefined {
  if (!snapshot) return undefined;
  // Snapshot meetings are sorted by date, oldest first.
  const open = snapshot.meetings.filter((m) => m.state !== 'finalised');
  return (open.at(-1) ?? snapshot.meetings.at(-1))?.id;
}

export function findMeeting(snapshot: CaseSnapshot | undefined, id: string | undefined): Meeting | undefined {
  return id ? snapshot?.meetings.find((m) => m.id === id) : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A `datetime-local` value (the reader's local time) for an instant. */
export function localInputValue(when: Date | string): string {
  const d = new Date(when);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** datetime-local value for "now", rounded to the next quarter hour. */
export function nextQuarterHour(now = new Date()): string {
  const d = new Date(now.getTime());
  d.setSeconds(0, 0);
  d.setMinutes(Math.ceil(d.getMinutes() / 15) * 15);
  return localInputValue(d);
}
