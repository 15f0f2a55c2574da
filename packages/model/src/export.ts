/**
 * Export of one meeting for the host's journal or archive: JSON valid against the
 * published schema, and Markdown and HTML minutes (referat) with the action plan.
 */
import { z } from 'zod';
import {
  Action, AgendaItem, Assessment, CaseRecord, ChildVoiceEntry, Comment, Consent, Decision, Goal, Meeting, Participant,
  SharedWelfareReport, type Locale,
} from './schemas.js';
import type { CaseSnapshot } from './snapshot.js';
import { EXPORT_TEXT } from './export-text.js';

export const EXPORT_FORMAT = 'samrad.meeting-export';
export const EXPORT_VERSION = 1;

export const MeetingExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.iso.datetime({ offset: true }),
  case: CaseRecord.optional(),
  /** The meeting as it was exported (without its list of locked versions). */
  meeting: Meeting.omit({ minutes: true }),
  participants: z.array(Participant),
  agenda: z.array(AgendaItem),
  childVoice: z.array(ChildVoiceEntry),
  assessment: Assessment.optional(),
  decisions: z.array(Decision),
  /** The action plan: actions agreed in this meeting and every action still open. */
  actions: z.array(Action),
  goals: z.array(Goal),
  consents: z.array(Consent),
  comments: z.array(Comment),
  /**
   * Reports to child welfare the family may read (the shared document's), when the case has
   * any. A report under the safety exception is never exported: it is kept from the guardians.
   */
  welfareReports: z.array(SharedWelfareReport).optional(),
  /**
   * Set when this export is locked minutes: every locked version of the meeting, oldest
   * first, without their content (this export is the latest one's content).
   */
  minutesVersions: z.array(z.object({
    version: z.number().int().min(1),
    lockedAt: z.iso.datetime({ offset: true }),
    lockedBy: z.string(),
    lockedByName: z.string(),
    reason: z.string().optional(),
    sha256: z.string(),
    previousSha256: z.string().nullable(),
  })).optional(),
});
export type MeetingExport = z.infer<typeof MeetingExport>;

/** Collects one meeting and its action plan from a snapshot. */
export function exportMeeting(snapshot: CaseSnapshot, meetingId: string, now: Date = new Date()): MeetingExport {
  const meeting = snapshot.meetings.find((m) => m.id === meetingId);
  if (!meeting) throw new Error(`exportMeeting: no meeting with id "${meetingId}"`);
  const agenda = snapshot.agenda.filter((a) => a.meetingId === meetingId);
  const open = (a: Action) => a.status === 'planned' || a.status === 'in-progress';
  const assessments = snapshot.assessments.filter((a) => a.meetingId === meetingId);
  const targets = new Set<string>([meetingId, ...agenda.map((a) => a.id)]);
  const shared = snapshot.welfareReports.filter((r): r is z.infer<typeof SharedWelfareReport> => r.safetyException === false);
  const exp: MeetingExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    case: snapshot.case,
    meeting: withoutMinutes(meeting),
    participants: snapshot.participants,
    agenda,
    childVoice: snapshot.voice.filter((v) => v.meetingId === meetingId),
    assessment: assessments.at(-1),
    decisions: snapshot.decisions.filter((d) => d.meetingId === meetingId),
    actions: snapshot.actions.filter((a) => a.meetingId === meetingId || open(a)),
    goals: snapshot.goals,
    consents: snapshot.consents,
    comments: snapshot.comments.filter((c) => targets.has(c.target.id) || assessments.some((a) => a.id === c.target.id)),
    // Only the shared document's reports: never `restrictedWelfareReports` (safety exception).
    ...(shared.length ? { welfareReports: shared } : {}),
  };
  return MeetingExport.parse(exp);
}

function withoutMinutes(meeting: Meeting): Omit<Meeting, 'minutes'> {
  const { minutes: _minutes, ...rest } = meeting;
  return rest;
}

export function toJson(exp: MeetingExport): string {
  return JSON.stringify(exp, null, 2);
}

// ------------------------------------------------------------------ shared text helpers

function text(locale: Locale) {
  return EXPORT_TEXT[locale] ?? EXPORT_TEXT.en;
}

const dateFmt = (locale: Locale, iso: string | undefined, withTime = false): string => {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  // Where Nynorsk data is missing (some browsers), Bokmål — never English.
  const tags = locale === 'nn' ? ['nn-NO', 'nb-NO'] : locale === 'nb' ? ['nb-NO'] : locale === 'uk' ? ['uk-UA'] : ['en-GB'];
  if (!withTime) return new Intl.DateTimeFormat(tags, { dateStyle: 'long', timeZone: EXPORT_TIME_ZONE }).format(d);
  // Exports travel: a time of day always names its zone (the meeting's, Oslo).
  return `${new Intl.DateTimeFormat(tags, { dateStyle: 'long', timeStyle: 'short', timeZone: EXPORT_TIME_ZONE }).format(d)} (${EXPORT_TIME_ZONE})`;
};

/** Exports give times in the meeting's zone, Norwegian municipalities' time, and say so. */
export const EXPORT_TIME_ZONE = 'Europe/Oslo';

function ownerText(exp: MeetingExport, a: Action, locale: Locale): string {
  const t = text(locale);
  const o = a.owner;
  if (o.kind === 'participant') {
    const p = exp.participants.find((x) => x.id === o.participantId);
    return p ? `${p.name}${p.service ? ` (${t.services[p.service]})` : ''}` : t.unknown;
  }
  if (o.kind === 'service') return t.services[o.service];
  if (o.kind === 'parent') return t.ownerParent;
  return t.ownerChild;
}

function scheduleText(a: Action, locale: Locale): string {
  const t = text(locale);
  if (a.schedule.kind === 'deadline') return dateFmt(locale, a.schedule.date);
  if (a.schedule.kind === 'recurring') return `${t.recurring}: ${a.schedule.rule}`;
  return t.ongoing;
}

interface Section { heading: string; paragraphs: string[]; list?: string[]; table?: { head: string[]; rows: string[][] } }

/** The minutes as sections; Markdown and HTML render the same sections. */
function sections(exp: MeetingExport, locale: Locale): { title: string; sections: Section[] } {
  const t = text(locale);
  const m = exp.meeting;
  const name = (id?: string) => exp.participants.find((p) => p.id === id)?.name ?? '';
  const title = `${t.minutes}: ${m.title ?? t.meeting} ${dateFmt(locale, m.date)}`;
  const latest = exp.minutesVersions?.at(-1);
  const out: Section[] = [];
  out.push({
    heading: t.about,
    paragraphs: [
      `${t.purpose}: ${m.purpose}`,
      `${t.date}: ${dateFmt(locale, m.date, true)}${m.place ? ` · ${t.place}: ${m.place}` : ''}`,
      ...(m.leaderId ? [`${t.leader}: ${name(m.leaderId)}`] : []),
      ...(m.minuteTakerId ? [`${t.minuteTaker}: ${name(m.minuteTakerId)}`] : []),
      ...(exp.case ? [`${t.child}: ${exp.case.child.name}${exp.case.child.birthYear ? ` (${exp.case.child.birthYear})` : ''}`] : []),
      latest
        ? `${t.finalisedBy} ${latest.lockedByName || latest.lockedBy} ${dateFmt(locale, latest.lockedAt, true)}`
        : m.state === 'finalised'
          ? `${t.finalisedBy} ${m.finalisedByName ?? m.finalisedBy ?? ''} ${dateFmt(locale, m.finalisedAt, true)}`
          : t.notFinalised,
    ],
  });
  if (exp.minutesVersions?.length) {
    out.push({
      heading: t.minutesVersions,
      paragraphs: [],
      list: exp.minutesVersions.map((v) =>
        `${t.minutesVersion} ${v.version}${v.reason ? ` — ${t.correction}: ${v.reason}` : ''}, ${v.lockedByName || v.lockedBy}, ${dateFmt(locale, v.lockedAt, true)} (SHA-256 ${v.sha256})`),
    });
  }
  out.push({
    heading: t.participants,
    paragraphs: [],
    list: exp.participants.map((p) => `${p.name} — ${t.roles[p.role]}${p.service ? `, ${t.services[p.service]}` : ''} — ${t.attendance[p.attendance]}${p.interpreterNeeded ? ` — ${t.interpreter}` : ''}`),
  });
  out.push({
    heading: t.agenda,
    paragraphs: [],
    list: exp.agenda.map((a, i) => `${i + 1}. ${a.title}${a.notes ? ` — ${a.notes}` : ''}${a.decisions ? ` — ${t.decided}: ${a.decisions}` : ''}`),
  });
  if (exp.childVoice.length) {
    out.push({
      heading: t.childVoice,
      paragraphs: exp.childVoice.flatMap((v) => [
        `${t.participation[v.participation]}${v.heardBy ? ` (${t.heardBy} ${v.heardBy}, ${dateFmt(locale, v.date)})` : ''}`,
        ...(v.participation === 'not-heard' ? [`${t.notHeardReason}: ${v.notHeardReason ?? ''}`] : []),
        ...v.quotes.map((q) => `${t.childSaid}: «${q}»`),
        ...(v.mattersMost ? [`${t.mattersMost}: ${v.mattersMost}`] : []),
        ...(v.wantsChanged ? [`${t.wantsChanged}: ${v.wantsChanged}`] : []),
        ...(v.adultNotes ? [`${t.adultNotes}: ${v.adultNotes}`] : []),
        ...(v.weighing ? [`${t.weighing}: ${v.weighing}`] : []),
        ...(v.feedbackHow ? [`${t.feedback}: ${v.feedbackHow}`] : []),
      ]),
    });
  }
  if (exp.assessment) {
    const c = exp.assessment.content;
    out.push({
      heading: `${t.assessment} (${t.version} ${exp.assessment.version})`,
      paragraphs: [
        ...(c.conclusion ? [`${t.conclusion}: ${c.conclusion}`] : []),
        ...(c.reasons ? [`${t.reasons}: ${c.reasons}`] : []),
        ...(c.childViewWeighing ? [`${t.weighing}: ${c.childViewWeighing}`] : []),
      ],
    });
  }
  out.push({
    heading: t.decisions,
    paragraphs: exp.decisions.length ? [] : [`${t.noDecision}: ${m.noDecisionReason ?? ''}`],
    list: exp.decisions.map((d) => `${d.text}${d.decidedBy ? ` (${d.decidedBy})` : ''}`),
  });
  const dissent = exp.comments.filter((c) => c.kind === 'dissent');
  if (dissent.length) out.push({ heading: t.dissent, paragraphs: [], list: dissent.map((d) => `${d.authorName}: ${d.text}`) });
  out.push({
    heading: t.actionPlan,
    paragraphs: exp.actions.length ? [] : [t.noActions],
    table: exp.actions.length ? {
      head: [t.action, t.owner, t.deadline, t.evaluationDate, t.status],
      rows: exp.actions.map((a) => [a.title, ownerText(exp, a, locale), scheduleText(a, locale), dateFmt(locale, a.evaluationDate), t.statuses[a.status]]),
    } : undefined,
  });
  if (exp.welfareReports?.length) {
    out.push({
      heading: t.welfareReports,
      paragraphs: [],
      list: exp.welfareReports.map((r) => [
        `${dateFmt(locale, r.sentAt)}, ${t.sentBy} ${r.senderName}${r.senderService ? ` (${t.services[r.senderService]})` : ''}: ${r.grounds}`,
        r.homeToldBeforehand ? t.homeTold : `${t.homeNotTold}${r.homeNotToldReason ? `: ${r.homeNotToldReason}` : ''}`,
        ...(r.answeredOn || r.answer ? [`${t.welfareAnswer} ${dateFmt(locale, r.answeredOn)}${r.answer ? `: ${r.answer}` : ''}`] : []),
      ].join(' — ')),
    });
  }
  if (m.nextMeetingDate) out.push({ heading: t.nextMeeting, paragraphs: [dateFmt(locale, m.nextMeetingDate, true)] });
  return { title, sections: out };
}

const mdEscape = (s: string) => s.replace(/([\\`*_{}[\]<>|#])/g, '\\$1').replace(/\n/g, ' ');

export function toMarkdown(exp: MeetingExport, locale: Locale = 'nb'): string {
  const { title, sections: secs } = sections(exp, locale);
  const lines = [`# ${mdEscape(title)}`, ''];
  for (const s of secs) {
    lines.push(`## ${mdEscape(s.heading)}`, '');
    for (const p of s.paragraphs) lines.push(mdEscape(p), '');
    if (s.list?.length) { for (const l of s.list) lines.push(`- ${mdEscape(l)}`); lines.push(''); }
    if (s.table) {
      lines.push(`| ${s.table.head.map(mdEscape).join(' | ')} |`, `|${s.table.head.map(() => ' --- ').join('|')}|`);
      for (const r of s.table.rows) lines.push(`| ${r.map(mdEscape).join(' | ')} |`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Stand-alone HTML document with a print stylesheet for a clean A4 PDF. No external resources. */
export function toHtml(exp: MeetingExport, locale: Locale = 'nb'): string {
  const { title, sections: secs } = sections(exp, locale);
  const t = text(locale);
  // The archive copy says on every page what it is: case, meeting, date and version.
  const latest = exp.minutesVersions?.at(-1);
  const header = [
    exp.case ? `${t.child}: ${exp.case.child.name}` : '',
    `${exp.meeting.title ?? t.meeting} ${dateFmt(locale, exp.meeting.date)}`,
    latest ? `${t.version} ${latest.version}` : t.notFinalised,
  ].filter(Boolean).join(' · ');
  // A CSS string inside <style>: entities are not decoded there, so escape for CSS, and never let `</style>` through.
  const cssString = (v: string) => `"${v.replace(/["\\]/g, '\\$&').replace(/\n/g, ' ').replace(/</g, '\\3c ')}"`;
  const body = secs.map((s) => [
    `<section><h2>${esc(s.heading)}</h2>`,
    ...s.paragraphs.map((p) => `<p>${esc(p)}</p>`),
    s.list?.length ? `<ul>${s.list.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : '',
    s.table ? `<table><thead><tr>${s.table.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${s.table.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>` : '',
    '</section>',
  ].join('')).join('\n');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
body { font: 11pt/1.45 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; color: #111; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: .25rem .4rem; text-align: left; vertical-align: top; }
p.running { color: #333; font-size: 9pt; border-bottom: 1px solid #999; padding-bottom: .25rem; }
@page { size: A4; margin: 20mm 16mm 18mm; @top-left { content: ${cssString(header)}; font: 8pt system-ui, sans-serif; color: #333; } @bottom-right { content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; } }
@media print { body { margin: 0; max-width: none; } section { break-inside: avoid-page; } h2 { break-after: avoid; } p.running { display: none; } }
</style>
</head>
<body>
<p class="running">${esc(header)}</p>
<h1>${esc(title)}</h1>
${body}
</body>
</html>
`;
}

// ------------------------------------------------------------------ calendar

/** Folds a content line at 75 octets as RFC 5545 asks (continuation lines start with a space). */
function foldLine(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    if (size + n > (parts.length ? 74 : 75)) { parts.push(current); current = ''; size = 0; }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const icsInstant = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const icsDate = (date: string) => date.replace(/-/g, '');
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');

/**
 * Calendar (ICS, RFC 5545) of the action plan's deadlines and evaluation dates and of the
 * next meeting, as all-day events and one timed event. Text only; no attendees' e-mail.
 */
export function toIcs(exp: MeetingExport, locale: Locale = 'nb'): string {
  const t = text(locale);
  const stamp = icsInstant(exp.exportedAt);
  const events: string[][] = [];
  const allDay = (uid: string, date: string, summary: string, description = '') => events.push([
    'BEGIN:VEVENT', `UID:${uid}@samrad`, `DTSTAMP:${stamp}`, `DTSTART;VALUE=DATE:${icsDate(date)}`, `DTEND;VALUE=DATE:${nextDay(date)}`,
    `SUMMARY:${icsText(summary)}`, ...(description ? [`DESCRIPTION:${icsText(description)}`] : []), 'TRANSP:TRANSPARENT', 'END:VEVENT',
  ]);
  for (const a of exp.actions) {
    const owner = ownerText(exp, a, locale);
    if (a.schedule.kind === 'deadline') allDay(`${a.id}-deadline`, a.schedule.date, `${t.deadline}: ${a.title}`, `${t.owner}: ${owner}`);
    allDay(`${a.id}-evaluation`, a.evaluationDate, `${t.evaluationDate}: ${a.title}`, `${t.owner}: ${owner}`);
  }
  const next = exp.meeting.nextMeetingDate;
  if (next) {
    const end = new Date(Date.parse(next) + 60 * 60_000).toISOString();
    events.push([
      'BEGIN:VEVENT', `UID:${exp.meeting.id}-next@samrad`, `DTSTAMP:${stamp}`, `DTSTART:${icsInstant(new Date(next).toISOString())}`,
      `DTEND:${icsInstant(end)}`, `SUMMARY:${icsText(`${t.nextMeeting}: ${exp.meeting.title ?? t.meeting}`)}`,
      ...(exp.meeting.place ? [`LOCATION:${icsText(exp.meeting.place)}`] : []), 'END:VEVENT',
    ]);
  }
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Samrad//Meeting export//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', ...events.flat(), 'END:VCALENDAR'];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/**
 * A calendar invitation (ICS, RFC 5545) for one meeting, as a notice carries it: `REQUEST`
 * for an invitation or a change (a higher `sequence` replaces the earlier one in the
 * recipient's calendar), `CANCEL` for a cancellation. One hour unless `minutes` says otherwise.
 */
export function meetingInvitationIcs(input: {
  meetingId: string; date: string; summary: string; place?: string | undefined; url?: string | undefined;
  method: 'REQUEST' | 'CANCEL'; sequence: number; stamp: string; minutes?: number;
}): string {
  const start = new Date(input.date).toISOString();
  const end = new Date(Date.parse(start) + (input.minutes ?? 60) * 60_000).toISOString();
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Samrad//Meeting notice//EN', 'CALSCALE:GREGORIAN', `METHOD:${input.method}`,
    'BEGIN:VEVENT', `UID:${input.meetingId}@samrad`, `SEQUENCE:${input.sequence}`, `DTSTAMP:${icsInstant(new Date(input.stamp).toISOString())}`,
    `DTSTART:${icsInstant(start)}`, `DTEND:${icsInstant(end)}`, `SUMMARY:${icsText(input.summary)}`,
    ...(input.place ? [`LOCATION:${icsText(input.place)}`] : []), ...(input.url ? [`URL:${input.url}`] : []),
    `STATUS:${input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT', 'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
