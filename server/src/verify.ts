/**
 * `samrad-server verify`: walks every locked minutes chain in the store and checks it —
 * each version's SHA-256 recomputed from its stored fields, the link to the version
 * before, numbering from 1 without gaps, the row's columns agreeing with the version it
 * holds — and that the triggers refusing UPDATE and DELETE are in place.
 */
import { minutesSha256, MinutesVersion } from '@samrad/model';
import type { Store, StoredMinutes } from './store/index.js';

export interface VerifyResult {
  cases: number;
  meetings: number;
  versions: number;
  /** One line per broken link; empty when every chain holds. */
  problems: string[];
}

export async function verifyStore(store: Store): Promise<VerifyResult> {
  const rows = await store.allMinutes();
  const problems: string[] = [];
  if (!(await store.minutesGuarded())) problems.push('the minutes table is not append-only: its UPDATE/DELETE triggers are missing or disabled');
  const chains = new Map<string, StoredMinutes[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.caseId, r.meetingId]);
    chains.set(key, [...(chains.get(key) ?? []), r]);
  }
  const cases = new Set(rows.map((r) => r.caseId));
  for (const chain of chains.values()) {
    let previous: string | null = null;
    chain.forEach((row, i) => {
      const where = `case ${row.caseId}, meeting ${row.meetingId}, version ${row.version}`;
      const expected = i + 1;
      if (row.version !== expected) problems.push(`${where}: expected version ${expected} here (numbering has a gap or starts wrong)`);
      let parsed: MinutesVersion | undefined;
      try {
        const result = MinutesVersion.safeParse(JSON.parse(row.data));
        if (result.success) parsed = result.data;
        else problems.push(`${where}: the stored version does not match the MinutesVersion schema (${result.error.issues[0]?.path.join('.') ?? ''}: ${result.error.issues[0]?.message ?? ''})`);
      } catch {
        problems.push(`${where}: the stored version is not JSON`);
      }
      if (parsed) {
        const raw = JSON.parse(row.data) as Record<string, unknown>;
        const { sha256: _sha, ...unhashed } = raw;
        const recomputed = minutesSha256(unhashed as Omit<MinutesVersion, 'sha256'>);
        if (recomputed !== parsed.sha256) problems.push(`${where}: content changed — SHA-256 is ${recomputed}, the version says ${parsed.sha256}`);
        if (row.sha256 !== parsed.sha256) problems.push(`${where}: the row's sha256 column (${row.sha256}) differs from the version's (${parsed.sha256})`);
        if (parsed.version !== row.version) problems.push(`${where}: the row holds version ${parsed.version}`);
        if (parsed.previousSha256 !== previous) problems.push(`${where}: previousSha256 is ${parsed.previousSha256 ?? 'null'}, but the version before has ${previous ?? 'null (none)'}`);
        if (row.previousSha256 !== parsed.previousSha256) problems.push(`${where}: the row's previous_sha256 column differs from the version's`);
        if (parsed.content.meeting.id !== row.meetingId) problems.push(`${where}: the content is of meeting ${parsed.content.meeting.id}`);
      }
      // Link the next version to what this row claims, so one changed row is reported once.
      previous = row.sha256;
    });
  }
  return { cases: cases.size, meetings: chains.size, versions: rows.length, problems };
}
