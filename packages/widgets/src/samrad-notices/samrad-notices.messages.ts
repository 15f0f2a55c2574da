/**
 * Text of <samrad-notices> in nb, nn, en and uk. The nb catalogue's type is the contract
 * the others must satisfy, so a missing key fails the type check.
 */
import type { NoticeKind } from '@samrad/model';

const nb = {
  heading: 'Varsler til deltakerne',
  intro: 'Varslene kommunen sender gjennom sine egne kanaler, og hvordan det gikk.',
  loading: 'Henter varslene …',
  none: 'Ingen varsler ennå.',
  needsServer: 'Varslene finnes bare på Samråd-serveren.',
  failed: 'Varslene kunne ikke hentes.',
  forbidden: 'Bare møteleder og koordinator ser varslene.',
  refresh: 'Oppdater',
  undeliverable: (n: number) => (n === 1 ? '1 varsel kom ikke fram: mottakeren har ingen kanal. Ta kontakt på annen måte.' : `${n} varsler kom ikke fram: mottakerne har ingen kanal. Ta kontakt på annen måte.`),
  caption: 'Varsler, nyeste først',
  colWho: 'Til',
  colKind: 'Hva',
  colDate: 'Gjelder dato',
  colState: 'Status',
  delivered: (when: string) => `Levert ${when}`,
  pending: (n: number) => (n === 0 ? 'Venter på levering' : `Prøver igjen (${n} forsøk så langt)`),
  noChannel: 'Kom ikke fram: ingen kanal',
  kind: (k: NoticeKind) => ({
    'meeting-invitation': 'Innkalling til møte', 'meeting-changed': 'Møtet er endret', 'meeting-cancelled': 'Møtet er avlyst',
    'action-deadline-soon': 'Frist for tiltak nærmer seg', 'action-deadline-passed': 'Frist for tiltak er passert',
    'action-evaluation-soon': 'Evaluering nærmer seg', 'action-evaluation-passed': 'Evalueringsdato er passert',
    'baton-offered': 'Koordinatorrollen er tilbudt', 'baton-accepted': 'Ny koordinator', 'baton-changed': 'Koordinator er skiftet',
    'consent-expiring': 'Samtykke går snart ut', 'minutes-locked': 'Referatet er godkjent',
  })[k],
};

type Messages = typeof nb;

const nn: Messages = {
  heading: 'Varsel til deltakarane',
  intro: 'Varsla kommunen sender gjennom sine eigne kanalar, og korleis det gjekk.',
  loading: 'Hentar varsla …',
  none: 'Ingen varsel enno.',
  needsServer: 'Varsla finst berre på Samråd-tenaren.',
  failed: 'Varsla kunne ikkje hentast.',
  forbidden: 'Berre møteleiaren og koordinatoren ser varsla.',
  refresh: 'Oppdater',
  undeliverable: (n) => (n === 1 ? '1 varsel kom ikkje fram: mottakaren har ingen kanal. Ta kontakt på anna vis.' : `${n} varsel kom ikkje fram: mottakarane har ingen kanal. Ta kontakt på anna vis.`),
  caption: 'Varsel, nyaste først',
  colWho: 'Til',
  colKind: 'Kva',
  colDate: 'Gjeld dato',
  colState: 'Status',
  delivered: (when) => `Levert ${when}`,
  pending: (n) => (n === 0 ? 'Ventar på levering' : `Prøver igjen (${n} forsøk så langt)`),
  noChannel: 'Kom ikkje fram: ingen kanal',
  kind: (k) => ({
    'meeting-invitation': 'Innkalling til møte', 'meeting-changed': 'Møtet er endra', 'meeting-cancelled': 'Møtet er avlyst',
    'action-deadline-soon': 'Frist for tiltak nærmar seg', 'action-deadline-passed': 'Frist for tiltak er passert',
    'action-evaluation-soon': 'Evaluering nærmar seg', 'action-evaluation-passed': 'Evalueringsdato er passert',
    'baton-offered': 'Koordinatorrolla er tilboden', 'baton-accepted': 'Ny koordinator', 'baton-changed': 'Koordinator er skifta',
    'consent-expiring': 'Samtykke går snart ut', 'minutes-locked': 'Referatet er godkjent',
  })[k],
};

const en: Messages = {
  heading: 'Notices to the participants',
  intro: 'The notices the municipality sends through its own channels, and how they went.',
  loading: 'Fetching the notices …',
  none: 'No notices yet.',
  needsServer: 'Notices exist only on the Samråd server.',
  failed: 'The notices could not be fetched.',
  forbidden: 'Only the meeting leader and the coordinator see the notices.',
  refresh: 'Refresh',
  undeliverable: (n) => (n === 1 ? '1 notice did not arrive: its recipient has no channel. Contact them another way.' : `${n} notices did not arrive: their recipients have no channel. Contact them another way.`),
  caption: 'Notices, newest first',
  colWho: 'To',
  colKind: 'What',
  colDate: 'About the date',
  colState: 'State',
  delivered: (when) => `Delivered ${when}`,
  pending: (n) => (n === 0 ? 'Waiting to be delivered' : `Trying again (${n} attempts so far)`),
  noChannel: 'Did not arrive: no channel',
  kind: (k) => ({
    'meeting-invitation': 'Meeting invitation', 'meeting-changed': 'Meeting changed', 'meeting-cancelled': 'Meeting cancelled',
    'action-deadline-soon': 'Action deadline coming up', 'action-deadline-passed': 'Action deadline passed',
    'action-evaluation-soon': 'Evaluation coming up', 'action-evaluation-passed': 'Evaluation date passed',
    'baton-offered': 'Coordinator role offered', 'baton-accepted': 'New coordinator', 'baton-changed': 'Coordinator changed',
    'consent-expiring': 'Consent about to run out', 'minutes-locked': 'Minutes approved',
  })[k],
};

const uk: Messages = {
  heading: 'Сповіщення учасникам',
  intro: 'Сповіщення, які муніципалітет надсилає своїми каналами, і як їх доставлено.',
  loading: 'Отримання сповіщень …',
  none: 'Сповіщень ще немає.',
  needsServer: 'Сповіщення є лише на сервері Samråd.',
  failed: 'Не вдалося отримати сповіщення.',
  forbidden: 'Сповіщення бачать лише ведучий зустрічі та координатор.',
  refresh: 'Оновити',
  undeliverable: (n) => `Не доставлено сповіщень: ${n}. Одержувачі не мають каналу зв’язку. Зв’яжіться з ними інакше.`,
  caption: 'Сповіщення, спершу найновіші',
  colWho: 'Кому',
  colKind: 'Що',
  colDate: 'Стосується дати',
  colState: 'Стан',
  delivered: (when) => `Доставлено ${when}`,
  pending: (n) => (n === 0 ? 'Очікує доставки' : `Повторна спроба (спроб: ${n})`),
  noChannel: 'Не доставлено: немає каналу',
  kind: (k) => ({
    'meeting-invitation': 'Запрошення на зустріч', 'meeting-changed': 'Зустріч змінено', 'meeting-cancelled': 'Зустріч скасовано',
    'action-deadline-soon': 'Наближається строк заходу', 'action-deadline-passed': 'Строк заходу минув',
    'action-evaluation-soon': 'Наближається оцінювання', 'action-evaluation-passed': 'Дата оцінювання минула',
    'baton-offered': 'Запропоновано роль координатора', 'baton-accepted': 'Новий координатор', 'baton-changed': 'Координатора змінено',
    'consent-expiring': 'Згода незабаром закінчиться', 'minutes-locked': 'Протокол затверджено',
  })[k],
};

export const messages = { nb, nn, en, uk };
