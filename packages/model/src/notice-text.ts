/**
 * Subject and text of each notice kind in the shipped languages, short enough for an SMS
 * and ready for the host to send as they are. They name dates, a place and the new
 * coordinator — never notes, the child's words or assessments.
 */
import type { Locale, NoticeKind } from './schemas.js';

export interface NoticeTextValues {
  /** The date (or date and time) of the notice, already formatted for the locale. */
  date: string;
  /** Meeting place or video link (invitations and changes). */
  place?: string | undefined;
  /** The new coordinator's name (baton notices). */
  name?: string | undefined;
}

type Template = { subject: (v: NoticeTextValues) => string; text: (v: NoticeTextValues) => string };

const at = (locale: Locale, v: NoticeTextValues) => v.place ? ({ nb: ` Sted: ${v.place}.`, nn: ` Stad: ${v.place}.`, en: ` Place: ${v.place}.`, uk: ` Місце: ${v.place}.` })[locale] : '';

const TEXTS: Record<Locale, Record<NoticeKind, Template>> = {
  nb: {
    'meeting-invitation': { subject: (v) => `Invitasjon til møte ${v.date}`, text: (v) => `Du er invitert til et samarbeidsmøte ${v.date}.${at('nb', v)} Åpne Samråd for å se innkallingen.` },
    'meeting-changed': { subject: (v) => `Møtet er flyttet til ${v.date}`, text: (v) => `Et møte du er invitert til, er endret. Nytt tidspunkt: ${v.date}.${at('nb', v)}` },
    'meeting-cancelled': { subject: (v) => `Møtet ${v.date} er avlyst`, text: (v) => `Møtet ${v.date} er avlyst. Åpne Samråd for å se mer.` },
    'action-deadline-soon': { subject: () => 'Fristen for et tiltak nærmer seg', text: (v) => `Et tiltak du har ansvar for, har frist ${v.date}.` },
    'action-deadline-passed': { subject: () => 'Fristen for et tiltak er passert', text: (v) => `Et tiltak du har ansvar for, hadde frist ${v.date}. Åpne Samråd for å oppdatere det.` },
    'action-evaluation-soon': { subject: () => 'Et tiltak skal evalueres snart', text: (v) => `Et tiltak skal evalueres ${v.date}.` },
    'action-evaluation-passed': { subject: () => 'Et tiltak venter på evaluering', text: (v) => `Et tiltak skulle vært evaluert ${v.date}. Åpne Samråd for å evaluere det.` },
    'baton-offered': { subject: () => 'Du er spurt om å ta over stafettpinnen', text: () => 'Du er spurt om å bli koordinator (stafettholder) i en sak. Åpne Samråd for å svare.' },
    'baton-accepted': { subject: () => 'Stafettpinnen er tatt over', text: (v) => `${v.name ?? 'En ny koordinator'} tok over som koordinator ${v.date}.` },
    'baton-changed': { subject: () => 'Ny koordinator i saken', text: (v) => `${v.name ?? 'En ny koordinator'} er koordinator (stafettholder) fra ${v.date}.` },
    'consent-expiring': { subject: () => 'Et samtykke går snart ut', text: (v) => `Et samtykke i saken gjelder til ${v.date}. Åpne Samråd for å se det.` },
    'minutes-locked': { subject: () => 'Referatet er klart', text: (v) => `Referatet fra møtet ${v.date} er låst og klart til å leses i Samråd.` },
  },
  nn: {
    'meeting-invitation': { subject: (v) => `Invitasjon til møte ${v.date}`, text: (v) => `Du er invitert til eit samarbeidsmøte ${v.date}.${at('nn', v)} Opne Samråd for å sjå innkallinga.` },
    'meeting-changed': { subject: (v) => `Møtet er flytta til ${v.date}`, text: (v) => `Eit møte du er invitert til, er endra. Nytt tidspunkt: ${v.date}.${at('nn', v)}` },
    'meeting-cancelled': { subject: (v) => `Møtet ${v.date} er avlyst`, text: (v) => `Møtet ${v.date} er avlyst. Opne Samråd for å sjå meir.` },
    'action-deadline-soon': { subject: () => 'Fristen for eit tiltak nærmar seg', text: (v) => `Eit tiltak du har ansvar for, har frist ${v.date}.` },
    'action-deadline-passed': { subject: () => 'Fristen for eit tiltak er passert', text: (v) => `Eit tiltak du har ansvar for, hadde frist ${v.date}. Opne Samråd for å oppdatere det.` },
    'action-evaluation-soon': { subject: () => 'Eit tiltak skal evaluerast snart', text: (v) => `Eit tiltak skal evaluerast ${v.date}.` },
    'action-evaluation-passed': { subject: () => 'Eit tiltak ventar på evaluering', text: (v) => `Eit tiltak skulle vore evaluert ${v.date}. Opne Samråd for å evaluere det.` },
    'baton-offered': { subject: () => 'Du er spurd om å ta over stafettpinnen', text: () => 'Du er spurd om å bli koordinator (stafetthaldar) i ei sak. Opne Samråd for å svare.' },
    'baton-accepted': { subject: () => 'Stafettpinnen er teken over', text: (v) => `${v.name ?? 'Ein ny koordinator'} tok over som koordinator ${v.date}.` },
    'baton-changed': { subject: () => 'Ny koordinator i saka', text: (v) => `${v.name ?? 'Ein ny koordinator'} er koordinator (stafetthaldar) frå ${v.date}.` },
    'consent-expiring': { subject: () => 'Eit samtykke går snart ut', text: (v) => `Eit samtykke i saka gjeld til ${v.date}. Opne Samråd for å sjå det.` },
    'minutes-locked': { subject: () => 'Referatet er klart', text: (v) => `Referatet frå møtet ${v.date} er låst og klart til å lesast i Samråd.` },
  },
  en: {
    'meeting-invitation': { subject: (v) => `Invitation to a meeting on ${v.date}`, text: (v) => `You are invited to a cooperation meeting on ${v.date}.${at('en', v)} Open Samråd to see the invitation.` },
    'meeting-changed': { subject: (v) => `The meeting has moved to ${v.date}`, text: (v) => `A meeting you are invited to has changed. New time: ${v.date}.${at('en', v)}` },
    'meeting-cancelled': { subject: (v) => `The meeting on ${v.date} is cancelled`, text: (v) => `The meeting on ${v.date} is cancelled. Open Samråd to see more.` },
    'action-deadline-soon': { subject: () => 'An action\'s deadline is coming up', text: (v) => `An action you are responsible for is due on ${v.date}.` },
    'action-deadline-passed': { subject: () => 'An action\'s deadline has passed', text: (v) => `An action you are responsible for was due on ${v.date}. Open Samråd to update it.` },
    'action-evaluation-soon': { subject: () => 'An action is to be evaluated soon', text: (v) => `An action is to be evaluated on ${v.date}.` },
    'action-evaluation-passed': { subject: () => 'An action is waiting to be evaluated', text: (v) => `An action was to be evaluated on ${v.date}. Open Samråd to evaluate it.` },
    'baton-offered': { subject: () => 'You are asked to take over the baton', text: () => 'You are asked to become the coordinator (baton holder) of a case. Open Samråd to answer.' },
    'baton-accepted': { subject: () => 'The baton has been taken over', text: (v) => `${v.name ?? 'A new coordinator'} took over as coordinator on ${v.date}.` },
    'baton-changed': { subject: () => 'New coordinator', text: (v) => `${v.name ?? 'A new coordinator'} is the coordinator (baton holder) from ${v.date}.` },
    'consent-expiring': { subject: () => 'A consent runs out soon', text: (v) => `A consent in the case is valid until ${v.date}. Open Samråd to see it.` },
    'minutes-locked': { subject: () => 'The minutes are ready', text: (v) => `The minutes of the meeting on ${v.date} are locked and ready to read in Samråd.` },
  },
  uk: {
    'meeting-invitation': { subject: (v) => `Запрошення на зустріч ${v.date}`, text: (v) => `Вас запрошено на зустріч щодо співпраці ${v.date}.${at('uk', v)} Відкрийте Samråd, щоб переглянути запрошення.` },
    'meeting-changed': { subject: (v) => `Зустріч перенесено на ${v.date}`, text: (v) => `Зустріч, на яку вас запрошено, змінено. Новий час: ${v.date}.${at('uk', v)}` },
    'meeting-cancelled': { subject: (v) => `Зустріч ${v.date} скасовано`, text: (v) => `Зустріч ${v.date} скасовано. Відкрийте Samråd, щоб дізнатися більше.` },
    'action-deadline-soon': { subject: () => 'Наближається термін заходу', text: (v) => `Термін заходу, за який ви відповідаєте: ${v.date}.` },
    'action-deadline-passed': { subject: () => 'Термін заходу минув', text: (v) => `Термін заходу, за який ви відповідаєте, був ${v.date}. Відкрийте Samråd, щоб оновити його.` },
    'action-evaluation-soon': { subject: () => 'Незабаром оцінювання заходу', text: (v) => `Захід має бути оцінено ${v.date}.` },
    'action-evaluation-passed': { subject: () => 'Захід чекає на оцінювання', text: (v) => `Захід мав бути оцінений ${v.date}. Відкрийте Samråd, щоб оцінити його.` },
    'baton-offered': { subject: () => 'Вас просять прийняти естафету', text: () => 'Вас просять стати координатором (тримачем естафети) у справі. Відкрийте Samråd, щоб відповісти.' },
    'baton-accepted': { subject: () => 'Естафету прийнято', text: (v) => `${v.name ?? 'Новий координатор'} став координатором ${v.date}.` },
    'baton-changed': { subject: () => 'Новий координатор', text: (v) => `${v.name ?? 'Новий координатор'} є координатором (тримачем естафети) з ${v.date}.` },
    'consent-expiring': { subject: () => 'Термін дії згоди скоро закінчується', text: (v) => `Згода у справі діє до ${v.date}. Відкрийте Samråd, щоб переглянути її.` },
    'minutes-locked': { subject: () => 'Протокол готовий', text: (v) => `Протокол зустрічі ${v.date} затверджено, його можна прочитати в Samråd.` },
  },
};

/** Name of the meeting in a calendar entry. */
export const NOTICE_MEETING_SUMMARY: Record<Locale, string> = {
  nb: 'Samarbeidsmøte (Samråd)', nn: 'Samarbeidsmøte (Samråd)', en: 'Cooperation meeting (Samråd)', uk: 'Зустріч щодо співпраці (Samråd)',
};

export function noticeText(locale: Locale, kind: NoticeKind, values: NoticeTextValues): { subject: string; text: string } {
  const t = TEXTS[locale][kind];
  return { subject: t.subject(values), text: t.text(values) };
}
