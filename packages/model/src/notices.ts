/**
 * Which notices are due for a case, worked out from its shared snapshot alone: a pure
 * function of the snapshot, the time and what was sent before. The server runs it
 * (server/src/notices.ts), claims each notice by its stable `key` in a table with a unique
 * key, and posts it to the host, who delivers it through its own channels.
 *
 * A notice carries the least it can: who, which case and meeting, what kind, the date and
 * a subject and text in the recipient's language — never notes, the child's words or
 * assessments. Each key is `kind:entityId:date:recipientId`, so a notice is due once for
 * each date: a moved deadline reminds again, an unchanged one never does.
 */
import { EXPORT_TIME_ZONE, meetingInvitationIcs } from './export.js';
import { minutesVersions } from './minutes.js';
import { NOTICE_MEETING_SUMMARY, noticeText } from './notice-text.js';
import { isFinalised, type Locale, type NoticeChannel, type NoticeKind, type Participant } from './schemas.js';
import type { CaseSnapshot } from './snapshot.js';

export { noticeText, NOTICE_MEETING_SUMMARY } from './notice-text.js';

/** Days before a deadline, evaluation date or consent's end that a reminder is due. */
export const DEFAULT_NOTICE_LEAD_DAYS = 3;
/** Events (an offer, an acceptance, locked minutes, a passed date) older than this are not told any more. */
export const DEFAULT_NOTICE_WINDOW_DAYS = 14;

export interface NoticeRecipient {
  participantId: string;
  name: string;
  role: Participant['role'];
  /** The token subject of the person, when they have a login: the host finds their addresses by it. */
  userId?: string;
  /** Channel hints from the participant record; empty: the host has no way to reach them. */
  channels: NoticeChannel[];
  locale: Locale;
}

export interface DueNotice {
  /** `kind:entityId:date:recipientId`, unique for a case: claimed once in the server's table. */
  key: string;
  kind: NoticeKind;
  caseId: string;
  meetingId?: string;
  /** The meeting, action, handover or consent the notice is about. */
  entityId: string;
  /** ISO date or date-time the notice is about (meeting time, deadline, evaluation date, …). */
  date: string;
  recipient: NoticeRecipient;
  subject: string;
  text: string;
  /** Link into the host's portal (when a link base is given). */
  link?: string;
  /** Calendar invitation, cancellation or update for meeting notices. */
  ics?: string;
}

/** What the server sent (or recorded) before for a case: enough to tell a change or a cancellation. */
export interface SentNotice {
  kind: NoticeKind;
  entityId: string;
  recipientId: string;
  date: string;
}

export interface NoticeOptions {
  caseId: string;
  now: Date;
  /** Reminder lead time in days (default 3; the municipality profile will give it). */
  leadDays?: number;
  windowDays?: number;
  /** Notices stored before for this case, oldest first. */
  sent?: readonly SentNotice[];
  /** Base of links into the host's portal; `?case=…&meeting=…` is added. */
  linkBase?: string;
}

/** `base` with `case` (and `meeting`) as query parameters; undefined without a valid base. */
export function noticeLink(base: string | undefined, caseId: string, meetingId?: string): string | undefined {
  if (!base) return undefined;
  try {
    const url = new URL(base);
    url.searchParams.set('case', caseId);
    if (meetingId) url.searchParams.set('meeting', meetingId);
    return url.toString();
  } catch {
    return undefined;
  }
}

/** The calendar date of `now` in the meetings' time zone (Oslo). */
export function noticeToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: EXPORT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function formatDate(locale: Locale, iso: string): string {
  const tags = locale === 'nn' ? ['nn-NO', 'nb-NO'] : locale === 'nb' ? ['nb-NO'] : locale === 'uk' ? ['uk-UA'] : ['en-GB'];
  if (iso.length === 10) return new Intl.DateTimeFormat(tags, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
  return `${new Intl.DateTimeFormat(tags, { dateStyle: 'long', timeStyle: 'short', timeZone: EXPORT_TIME_ZONE }).format(new Date(iso))}`;
}

/** The participant as a recipient: channel hints and language from their notice preferences. */
export function noticeRecipient(p: Participant): NoticeRecipient {
  const channels = p.notices?.channels ?? (p.userId ? ['portal' as const] : []);
  return {
    participantId: p.id, name: p.name, role: p.role, ...(p.userId ? { userId: p.userId } : {}),
    channels: [...channels], locale: p.notices?.locale ?? 'nb',
  };
}

/** Whether the participant wants this kind of notice (absent preferences: every kind). */
export function wantsNotice(p: Participant, kind: NoticeKind): boolean {
  const kinds = p.notices?.kinds;
  return kinds === undefined || kinds.includes(kind);
}

/** Every notice due for the case at `now` that is not sent yet is among these; the caller drops the keys it has. */
export function dueNotices(snapshot: CaseSnapshot, options: NoticeOptions): DueNotice[] {
  const { caseId, now } = options;
  const lead = options.leadDays ?? DEFAULT_NOTICE_LEAD_DAYS;
  const window = options.windowDays ?? DEFAULT_NOTICE_WINDOW_DAYS;
  const today = noticeToday(now);
  const oldest = now.getTime() - window * 86_400_000;
  // A client's clock may run a little ahead: an event stamped in the future counts as recent.
  const recent = (iso: string | undefined) => !!iso && Date.parse(iso) >= oldest;
  const byId = new Map(snapshot.participants.map((p) => [p.id, p]));
  const out: DueNotice[] = [];
  const seen = new Set<string>();

  const add = (kind: NoticeKind, entityId: string, date: string, p: Participant | undefined, extra: { meetingId?: string; place?: string; name?: string; textDate?: string; ics?: (locale: Locale) => string } = {}) => {
    if (!p || !wantsNotice(p, kind)) return;
    const key = `${kind}:${entityId}:${date}:${p.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    const recipient = noticeRecipient(p);
    const { subject, text } = noticeText(recipient.locale, kind, { date: formatDate(recipient.locale, extra.textDate ?? date), place: extra.place, name: extra.name });
    const link = noticeLink(options.linkBase, caseId, extra.meetingId);
    out.push({
      key, kind, caseId, entityId, date, recipient, subject, text,
      ...(extra.meetingId ? { meetingId: extra.meetingId } : {}),
      ...(link ? { link } : {}),
      ...(extra.ics ? { ics: extra.ics(recipient.locale) } : {}),
    });
  };

  // ---- meetings: invitation, change, cancellation
  const told = new Map<string, SentNotice[]>();
  for (const s of options.sent ?? []) {
    if (s.kind !== 'meeting-invitation' && s.kind !== 'meeting-changed' && s.kind !== 'meeting-cancelled') continue;
    const k = `${s.entityId}\u0000${s.recipientId}`;
    told.set(k, [...(told.get(k) ?? []), s]);
  }
  const meetings = new Map(snapshot.meetings.map((m) => [m.id, m]));
  for (const m of snapshot.meetings) {
    if (isFinalised(m) || m.state === 'correcting' || Date.parse(m.date) <= now.getTime()) continue;
    const place = m.place ?? m.videoLink;
    for (const p of snapshot.participants) {
      const before = told.get(`${m.id}\u0000${p.id}`) ?? [];
      const last = before.at(-1);
      if (last && last.kind !== 'meeting-cancelled' && Date.parse(last.date) === Date.parse(m.date)) continue;
      const kind: NoticeKind = last && last.kind !== 'meeting-cancelled' ? 'meeting-changed' : 'meeting-invitation';
      add(kind, m.id, m.date, p, {
        meetingId: m.id, ...(place ? { place } : {}),
        ics: (locale) => meetingInvitationIcs({
          meetingId: m.id, date: m.date, summary: NOTICE_MEETING_SUMMARY[locale], place, url: noticeLink(options.linkBase, caseId, m.id),
          method: 'REQUEST', sequence: before.length, stamp: now.toISOString(),
        }),
      });
    }
  }
  for (const [k, list] of told) {
    const last = list.at(-1)!;
    if (last.kind === 'meeting-cancelled' || meetings.has(last.entityId) || Date.parse(last.date) <= now.getTime()) continue;
    add('meeting-cancelled', last.entityId, last.date, byId.get(k.split('\u0000')[1]!), {
      meetingId: last.entityId,
      ics: (locale) => meetingInvitationIcs({
        meetingId: last.entityId, date: last.date, summary: NOTICE_MEETING_SUMMARY[locale], method: 'CANCEL', sequence: list.length, stamp: now.toISOString(),
      }),
    });
  }

  // ---- actions: deadline and evaluation date, coming up and passed
  const ofRole = (role: Participant['role']) => snapshot.participants.filter((p) => p.role === role);
  for (const a of snapshot.actions) {
    if (a.status === 'done' || a.status === 'stopped') continue;
    const o = a.owner;
    const owners = o.kind === 'participant' ? [byId.get(o.participantId)]
      : o.kind === 'parent' ? (o.participantId ? [byId.get(o.participantId)] : ofRole('parent'))
        : o.kind === 'child' ? ofRole('child')
          : snapshot.participants.filter((p) => p.service === o.service);
    const evaluators = a.evaluatorId ? [byId.get(a.evaluatorId)] : owners;
    const remind = (date: string, soon: NoticeKind, passed: NoticeKind, to: Array<Participant | undefined>) => {
      const extra = a.meetingId ? { meetingId: a.meetingId } : {};
      if (today >= addDays(date, -lead) && today <= date) for (const p of to) add(soon, a.id, date, p, extra);
      else if (today > date && today <= addDays(date, window)) for (const p of to) add(passed, a.id, date, p, extra);
    };
    if (a.schedule.kind === 'deadline') remind(a.schedule.date, 'action-deadline-soon', 'action-deadline-passed', owners);
    if (a.evaluations.length === 0 || a.evaluations.at(-1)!.at.slice(0, 10) < a.evaluationDate) {
      remind(a.evaluationDate, 'action-evaluation-soon', 'action-evaluation-passed', evaluators);
    }
  }

  // ---- the baton
  for (const h of snapshot.handovers) {
    if (h.state === 'offered' && recent(h.offeredAt)) add('baton-offered', h.id, h.offeredAt, byId.get(h.toParticipantId));
    if (h.state === 'accepted' && h.answeredAt && recent(h.answeredAt)) {
      const name = byId.get(h.toParticipantId)?.name;
      const extra = name ? { name } : {};
      if (h.fromParticipantId) add('baton-accepted', h.id, h.answeredAt, byId.get(h.fromParticipantId), extra);
      for (const p of snapshot.participants) {
        if (p.id !== h.toParticipantId && p.id !== h.fromParticipantId) add('baton-changed', h.id, h.answeredAt, p, extra);
      }
    }
  }

  // ---- consent about to run out: the coordinator and the guardians
  for (const c of snapshot.consents) {
    if (!c.validTo || !(today >= addDays(c.validTo, -lead) && today <= c.validTo)) continue;
    const withdrawn = new Set(c.withdrawals.flatMap((w) => w.services));
    if (c.services.every((s) => withdrawn.has(s))) continue;
    const to = [...(snapshot.case?.coordinatorId ? [byId.get(snapshot.case.coordinatorId)] : []), ...ofRole('parent')];
    for (const p of to) add('consent-expiring', c.id, c.validTo, p);
  }

  // ---- minutes locked and ready to read: everyone in the case
  for (const m of snapshot.meetings) {
    for (const v of minutesVersions(m)) {
      if (!recent(v.lockedAt)) continue;
      for (const p of snapshot.participants) add('minutes-locked', `${m.id}.v${v.version}`, v.lockedAt, p, { meetingId: m.id, textDate: m.date });
    }
  }
  return out;
}
