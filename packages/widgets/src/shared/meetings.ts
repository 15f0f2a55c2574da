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
