/**
 * Locked minutes versions. When a meeting is finalised the server stores an immutable
 * version of its minutes — the meeting's export as of locking — in an append-only table
 * and appends the same object to the meeting's `minutes` list. Each version carries the
 * SHA-256 of its own fields and of the version before it, so a changed or missing
 * version shows. Everything people see and download of a locked meeting comes from the
 * latest version, never from the live record, which goes on changing (actions,
 * participants, the case).
 *
 * The hash itself is computed by the server (node:crypto); this module says what it is
 * computed over (`minutesHashInput`).
 */
import { z } from 'zod';
import { exportMeeting, MeetingExport } from './export.js';
import { sha256Hex } from './ids.js';
import { IsoDateTime, type Meeting, type MinutesCorrection } from './schemas.js';
import type { CaseSnapshot } from './snapshot.js';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

export const MinutesVersion = z.object({
  /** 1 for the first locking, then one more for each correction. */
  version: z.number().int().min(1),
  /** The meeting's export as of locking (`exportedAt` is the lock time). */
  content: MeetingExport,
  lockedAt: IsoDateTime,
  /** Token subject of who locked it. */
  lockedBy: z.string().min(1),
  lockedByName: z.string(),
  /** Why the minutes were corrected (versions after the first). */
  reason: z.string().optional(),
  /** SHA-256 (hex) of the canonical JSON of every other field of this version. */
  sha256: Sha256,
  /** `sha256` of the version before, null for version 1. */
  previousSha256: Sha256.nullable(),
});
export type MinutesVersion = z.infer<typeof MinutesVersion>;
export type UnhashedMinutesVersion = Omit<MinutesVersion, 'sha256'>;

/** JSON with object keys sorted at every level and no whitespace; `undefined` members are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The text a version's `sha256` is the SHA-256 of: the canonical JSON of every field but `sha256`. */
export function minutesHashInput(version: UnhashedMinutesVersion | MinutesVersion): string {
  const { sha256: _sha, ...rest } = version as MinutesVersion;
  return canonicalJson(rest);
}

/** A version's SHA-256 (lower-case hex) over `minutesHashInput`: what the server stores and `verify` recomputes. */
export function minutesSha256(version: UnhashedMinutesVersion | MinutesVersion): string {
  return sha256Hex(minutesHashInput(version));
}

/**
 * The next version of a meeting's minutes, from the case as it is now (without its hash).
 * `previous` is the latest stored version, if any.
 */
export function buildMinutesVersion(
  snapshot: CaseSnapshot,
  meetingId: string,
  lock: { lockedAt: Date; lockedBy: string; lockedByName: string; previous?: MinutesVersion | undefined; reason?: string | undefined },
): UnhashedMinutesVersion {
  const content = JSON.parse(JSON.stringify(exportMeeting(snapshot, meetingId, lock.lockedAt))) as MeetingExport;
  const version = (lock.previous?.version ?? 0) + 1;
  const reason = version > 1 ? lock.reason?.trim() || undefined : undefined;
  return {
    version,
    content,
    lockedAt: lock.lockedAt.toISOString(),
    lockedBy: lock.lockedBy,
    lockedByName: lock.lockedByName,
    ...(reason ? { reason } : {}),
    previousSha256: lock.previous?.sha256 ?? null,
  };
}

/** The meeting's locked versions from its `minutes` list: valid entries only, one per number, oldest first. */
export function minutesVersions(meeting: Pick<Meeting, 'minutes'> | undefined): MinutesVersion[] {
  const byNumber = new Map<number, MinutesVersion>();
  for (const raw of meeting?.minutes ?? []) {
    const parsed = MinutesVersion.safeParse(raw);
    // Two instances repairing at once may both append the same version; keep one.
    if (parsed.success && !byNumber.has(parsed.data.version)) byNumber.set(parsed.data.version, parsed.data);
  }
  return [...byNumber.values()].sort((a, b) => a.version - b.version);
}

/** A version without its content, as exports and the versions list show it. */
export function minutesVersionSummary(v: MinutesVersion): NonNullable<MeetingExport['minutesVersions']>[number] {
  return {
    version: v.version, lockedAt: v.lockedAt, lockedBy: v.lockedBy, lockedByName: v.lockedByName,
    ...(v.reason ? { reason: v.reason } : {}), sha256: v.sha256, previousSha256: v.previousSha256,
  };
}

export interface MinutesView {
  /** What to show and download: the latest locked version's content, or the live record. */
  export: MeetingExport;
  /** Every locked version, oldest first. */
  versions: MinutesVersion[];
  latest: MinutesVersion | undefined;
  /** True when `export` is the live record (no locked version yet). */
  live: boolean;
  /** The meeting is finalised (or being corrected) but its locked version has not arrived yet. */
  pending: boolean;
  /** Set while the minutes are being corrected. */
  correcting: MinutesCorrection | undefined;
}

/**
 * What the minutes of a meeting are: once a version is locked, its content (with the list
 * of versions), whatever has changed in the case since; before that, the live record.
 */
export function minutesView(snapshot: CaseSnapshot, meetingId: string, now: Date = new Date()): MinutesView {
  const meeting = snapshot.meetings.find((m) => m.id === meetingId);
  const versions = minutesVersions(meeting);
  const latest = versions.at(-1);
  const correcting = meeting?.state === 'correcting' ? meeting.correction : undefined;
  if (latest) {
    return {
      export: { ...latest.content, minutesVersions: versions.map(minutesVersionSummary) },
      versions, latest, live: false, pending: false, correcting,
    };
  }
  return {
    export: exportMeeting(snapshot, meetingId, now),
    versions, latest, live: true,
    pending: meeting?.state === 'finalised' || meeting?.state === 'correcting',
    correcting,
  };
}

/** The export of a meeting's minutes: the latest locked version when there is one, else the live record. */
export function exportMinutes(snapshot: CaseSnapshot, meetingId: string, now: Date = new Date()): MeetingExport {
  return minutesView(snapshot, meetingId, now).export;
}
