/** Text of <samrad-meeting>: connection and sync state. */
type Reason = 'unauthorized' | 'forbidden' | 'consent-missing' | 'bad-request' | 'too-large' | 'update-rejected' | 'too-many' | 'refused';

const nb = {
  statusLabel: 'Tilkobling',
  connecting: 'Kobler til …',
  live: 'Tilkoblet. Endringer deles med de andre med en gang.',
  offline: (unsynced: number) =>
    unsynced === 0 ? 'Frakoblet. Prøver å koble til igjen …'
      : unsynced === 1 ? 'Frakoblet. 1 endring er ikke lagret på serveren ennå; den sendes når du er tilkoblet igjen.'
        : `Frakoblet. ${unsynced} endringer er ikke lagret på serveren ennå; de sendes når du er tilkoblet igjen.`,
  refused: (reason: string) => `Ingen tilgang: ${reason}`,
  local: 'Ikke koblet til noen server.',
  practice: 'Øvingsmodus: fiktive opplysninger. Ingenting lagres eller deles.',
  reason: (r: Reason) => ({
    unauthorized: 'innloggingen er utløpt eller ugyldig. Logg inn på nytt.',
    forbidden: 'du har ikke tilgang til denne saken.',
    'consent-missing': 'det finnes ikke noe gyldig samtykke som gir tjenesten din tilgang til denne saken. Møtelederen kan registrere samtykke.',
    'bad-request': 'forespørselen var ugyldig.',
    'too-large': 'endringen var for stor.',
    'update-rejected': 'serveren avviste en endring du ikke har lov til å gjøre.',
    'too-many': 'for mange tilkoblinger eller endringer på kort tid. Vent litt og last inn siden på nytt.',
    refused: 'serveren avviste tilkoblingen.',
  })[r],
  setupError: 'Møtet kan ikke vises fordi elementet mangler oppsett. Se konsollen for detaljer.',
  signedOut: 'Logget ut. Ingen kopi av saken er igjen i denne nettleseren.',
  barOffline: 'Frakoblet',
  barRetrying: 'Frakoblet – prøver å koble til igjen …',
  barRefused: 'Ingen tilgang',
  barUnsent: (n: number) => (n === 1 ? '1 endring ikke sendt' : `${n} endringer ikke sendt`),
};
export type MeetingMessages = typeof nb;

const nn: MeetingMessages = {
  statusLabel: 'Tilkopling',
  connecting: 'Koplar til …',
  live: 'Tilkopla. Endringar vert delte med dei andre med ein gong.',
  offline: (unsynced: number) =>
    unsynced === 0 ? 'Fråkopla. Prøver å kople til igjen …'
      : unsynced === 1 ? 'Fråkopla. 1 endring er ikkje lagra på tenaren enno; ho vert send når du er tilkopla igjen.'
        : `Fråkopla. ${unsynced} endringar er ikkje lagra på tenaren enno; dei vert sende når du er tilkopla igjen.`,
  refused: (reason: string) => `Inga tilgang: ${reason}`,
  local: 'Ikkje kopla til nokon tenar.',
  practice: 'Øvingsmodus: fiktive opplysningar. Ingenting vert lagra eller delt.',
  reason: (r: Reason) => ({
    unauthorized: 'innlogginga er utgått eller ugyldig. Logg inn på nytt.',
    forbidden: 'du har ikkje tilgang til denne saka.',
    'consent-missing': 'det finst ikkje noko gyldig samtykke som gir tenesta di tilgang til denne saka. Møteleiaren kan registrere samtykke.',
    'bad-request': 'førespurnaden var ugyldig.',
    'too-large': 'endringa var for stor.',
    'update-rejected': 'tenaren avviste ei endring du ikkje har lov til å gjere.',
    'too-many': 'for mange tilkoplingar eller endringar på kort tid. Vent litt og last inn sida på nytt.',
    refused: 'tenaren avviste tilkoplinga.',
  })[r],
  setupError: 'Møtet kan ikkje visast fordi elementet manglar oppsett. Sjå konsollen for detaljar.',
  signedOut: 'Logga ut. Inga kopi av saka er att i denne nettlesaren.',
  barOffline: 'Fråkopla',
  barRetrying: 'Fråkopla – prøver å kople til igjen …',
  barRefused: 'Inga tilgang',
  barUnsent: (n: number) => (n === 1 ? '1 endring ikkje send' : `${n} endringar ikkje sende`),
};

const en: MeetingMessages = {
  statusLabel: 'Connection',
  connecting: 'Connecting …',
  live: 'Connected. Changes are shared with the others right away.',
  offline: (unsynced: number) =>
    unsynced === 0 ? 'Offline. Trying to reconnect …'
      : unsynced === 1 ? 'Offline. 1 change is not saved on the server yet; it will be sent when you are back online.'
        : `Offline. ${unsynced} changes are not saved on the server yet; they will be sent when you are back online.`,
  refused: (reason: string) => `Access refused: ${reason}`,
  local: 'Not connected to a server.',
  practice: 'Practice mode: fictitious data. Nothing is saved or shared.',
  reason: (r: Reason) => ({
    unauthorized: 'your sign-in has expired or is not valid. Please sign in again.',
    forbidden: 'you do not have access to this case.',
    'consent-missing': 'no valid consent gives your service access to this case. The meeting leader can record consent.',
    'bad-request': 'the request was not valid.',
    'too-large': 'the change was too large.',
    'update-rejected': 'the server rejected a change you are not allowed to make.',
    'too-many': 'too many connections or changes in a short time. Wait a moment and reload the page.',
    refused: 'the server refused the connection.',
  })[r],
  setupError: 'The meeting cannot be shown because the element is not set up. See the console for details.',
  signedOut: 'Signed out. No copy of the case is left in this browser.',
  barOffline: 'Offline',
  barRetrying: 'Offline – trying to reconnect …',
  barRefused: 'Access refused',
  barUnsent: (n: number) => (n === 1 ? '1 change not sent' : `${n} changes not sent`),
};

/** Ukrainian: 1 зміна, 2 зміни, 5 змін. */
const ukRules = new Intl.PluralRules('uk');

const uk: MeetingMessages = {
  statusLabel: 'З’єднання',
  connecting: 'З’єднання …',
  live: 'З’єднано. Зміни одразу бачать інші учасники.',
  offline: (unsynced: number) => {
    if (unsynced === 0) return 'Немає з’єднання. Намагаємося під’єднатися знову …';
    const form = ukRules.select(unsynced);
    const changes = ({ one: 'зміну', few: 'зміни', many: 'змін' } as Record<string, string>)[form] ?? 'зміни';
    return `Немає з’єднання. ${unsynced} ${changes} ще не збережено на сервері; ${form === 'one' ? 'її' : 'їх'} буде надіслано, коли з’єднання відновиться.`;
  },
  refused: (reason: string) => `Доступ заборонено: ${reason}`,
  local: 'Немає з’єднання із сервером.',
  practice: 'Режим тренування: вигадані дані. Нічого не зберігається і не поширюється.',
  reason: (r: Reason) => ({
    unauthorized: 'ваш вхід застарів або недійсний. Увійдіть знову.',
    forbidden: 'у вас немає доступу до цієї справи.',
    'consent-missing': 'немає чинної згоди, яка давала б вашій службі доступ до цієї справи. Ведучий зустрічі може зареєструвати згоду.',
    'bad-request': 'запит був недійсним.',
    'too-large': 'зміна була завелика.',
    'update-rejected': 'сервер відхилив зміну, яку вам не дозволено робити.',
    'too-many': 'забагато з’єднань або змін за короткий час. Зачекайте трохи й перезавантажте сторінку.',
    refused: 'сервер відхилив з’єднання.',
  })[r],
  setupError: 'Зустріч неможливо показати, бо елемент не налаштовано. Подробиці — у консолі.',
  signedOut: 'Ви вийшли. У цьому браузері не залишилося жодної копії справи.',
  barOffline: 'Немає з’єднання',
  barRetrying: 'Немає з’єднання — намагаємося під’єднатися …',
  barRefused: 'Доступ заборонено',
  barUnsent: (n: number) => `${n} ${({ one: 'зміну', few: 'зміни', many: 'змін' } as Record<string, string>)[ukRules.select(n)] ?? 'зміни'} не надіслано`,
};

export const messages = { nb, nn, en, uk };
