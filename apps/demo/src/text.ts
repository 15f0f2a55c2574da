/** The portal page's own text. The widgets bring their own catalogues; this is only the host. */
export type PageLang = 'nb' | 'nn' | 'en' | 'uk';

const nb = {
  skip: 'Hopp til innholdet', intranet: 'Intranett', search: 'Søk på intranettet', searchPlaceholder: 'Søk etter rutiner, skjema, personer',
  signOut: 'Logg ut', mainNav: 'Hovedmeny', sectionNav: 'Oppvekst', breadcrumb: 'Brødsmulesti',
  navHome: 'Forside', navChildhood: 'Oppvekst', navHealth: 'Helse og omsorg', navStaff: 'Personal', navRoutines: 'Rutiner og maler',
  subKindergarten: 'Barnehage', subSchool: 'Skole og SFO', subHealth: 'Helsestasjon og skolehelsetjeneste', subPpt: 'PPT',
  subMeetings: 'Samarbeidsmøter', subBti: 'BTI-veileder',
  pageTitle: 'Samarbeidsmøte', lead: 'Felles møtereferat for alle rundt barnet. Det du skriver, ser de andre med en gang.',
  signInHeading: 'Logg inn (utvikling)',
  signInNote: 'Kun i demomodus: serveren gir deg et token for rollen og navnet du velger, uten passord. I produksjon kommer tokenet fra kommunens egen innlogging.',
  person: 'Eksempelperson', role: 'Rolle', name: 'Navn', service: 'Tjeneste', signIn: 'Logg inn', customPerson: 'Annen person',
  practice: 'Øv i rollen med fiktive data (lagres ikke)',
  noService: 'Ingen', signInFailed: 'Innlogging feilet: {reason}',
  export: 'Last ned referat:', calendar: 'Kalender', exportNotReady: 'Møtet er ikke lastet ennå.',
  eventsHeading: 'Hendelser fra Samråd', eventsNote: 'Portalen lytter på hendelsene widgetene sender, for eksempel for å sende påminnelser eller arkivere referatet.',
  footer: 'Eksempel kommune · Intranett for ansatte · Fiktive data til demonstrasjon',
  caseLabel: 'Sak: {child}', signedInAs: '{name} ({role})', overview: 'Oversikt', record: 'Referat og tiltak',
  caseHeading: 'Saken over tid', caseNote: 'Stafettloggen: alt som er avtalt og gjort i saken, på tvers av møtene. Familien kan lese den.',
  roles: { leader: 'Møteleder', coordinator: 'Koordinator', professional: 'Fagperson', parent: 'Forelder', child: 'Barn', observer: 'Observatør' },
};
type PageText = typeof nb;

const nn: PageText = {
  ...nb,
  skip: 'Hopp til innhaldet', search: 'Søk på intranettet', searchPlaceholder: 'Søk etter rutinar, skjema, personar',
  signOut: 'Logg ut', mainNav: 'Hovudmeny', breadcrumb: 'Brødsmulesti',
  navHome: 'Framside', navHealth: 'Helse og omsorg', navRoutines: 'Rutinar og malar', subSchool: 'Skule og SFO',
  subMeetings: 'Samarbeidsmøte', subBti: 'BTI-rettleiar',
  lead: 'Felles møtereferat for alle rundt barnet. Det du skriv, ser dei andre med ein gong.',
  signInHeading: 'Logg inn (utvikling)',
  signInNote: 'Berre i demomodus: tenaren gir deg eit token for rolla og namnet du vel, utan passord. I produksjon kjem tokenet frå kommunen si eiga innlogging.',
  person: 'Eksempelperson', role: 'Rolle', name: 'Namn', service: 'Teneste', customPerson: 'Annan person', noService: 'Ingen',
  practice: 'Øv i rolla med fiktive data (vert ikkje lagra)',
  signInFailed: 'Innlogginga feila: {reason}', export: 'Last ned referat:', calendar: 'Kalender', exportNotReady: 'Møtet er ikkje lasta enno.',
  eventsHeading: 'Hendingar frå Samråd', eventsNote: 'Portalen lyttar på hendingane widgetane sender, til dømes for å sende påminningar eller arkivere referatet.',
  footer: 'Eksempel kommune · Intranett for tilsette · Fiktive data til demonstrasjon', caseLabel: 'Sak: {child}',
  caseHeading: 'Saka over tid', caseNote: 'Stafettloggen: alt som er avtalt og gjort i saka, på tvers av møta. Familien kan lese han.',
  roles: { leader: 'Møteleiar', coordinator: 'Koordinator', professional: 'Fagperson', parent: 'Forelder', child: 'Barn', observer: 'Observatør' },
};

const en: PageText = {
  skip: 'Skip to content', intranet: 'Intranet', search: 'Search the intranet', searchPlaceholder: 'Search routines, forms, people',
  signOut: 'Sign out', mainNav: 'Main menu', sectionNav: 'Childhood and education', breadcrumb: 'Breadcrumb',
  navHome: 'Home', navChildhood: 'Childhood and education', navHealth: 'Health and care', navStaff: 'Staff', navRoutines: 'Routines and templates',
  subKindergarten: 'Kindergarten', subSchool: 'School and after-school care', subHealth: 'Health clinic and school health service', subPpt: 'Educational-psychological service',
  subMeetings: 'Collaboration meetings', subBti: 'BTI guide',
  pageTitle: 'Collaboration meeting', lead: 'One shared record for everyone around the child. What you write, the others see at once.',
  signInHeading: 'Sign in (development)',
  signInNote: 'Demo mode only: the server gives you a token for the role and name you choose, with no password. In production the token comes from the municipality’s own login.',
  person: 'Example person', role: 'Role', name: 'Name', service: 'Service', signIn: 'Sign in', customPerson: 'Someone else',
  practice: 'Practise in this role with fictitious data (not saved)',
  noService: 'None', signInFailed: 'Sign-in failed: {reason}',
  export: 'Download minutes:', calendar: 'Calendar', exportNotReady: 'The meeting has not loaded yet.',
  eventsHeading: 'Events from Samråd', eventsNote: 'The portal listens to the events the widgets send, for example to send reminders or archive the minutes.',
  footer: 'Eksempel kommune · Staff intranet · Fictitious data for demonstration',
  caseLabel: 'Case: {child}', signedInAs: '{name} ({role})', overview: 'Overview', record: 'Minutes and actions',
  caseHeading: 'The case over time', caseNote: 'The case log: everything agreed and done in the case, across meetings. The family can read it.',
  roles: { leader: 'Meeting leader', coordinator: 'Coordinator', professional: 'Professional', parent: 'Parent', child: 'Child', observer: 'Observer' },
};

const uk: PageText = {
  skip: 'Перейти до змісту', intranet: 'Інтранет', search: 'Пошук в інтранеті', searchPlaceholder: 'Шукати порядки, форми, людей',
  signOut: 'Вийти', mainNav: 'Головне меню', sectionNav: 'Дитинство та освіта', breadcrumb: 'Навігаційний ланцюжок',
  navHome: 'Головна', navChildhood: 'Дитинство та освіта', navHealth: 'Здоров’я і догляд', navStaff: 'Персонал', navRoutines: 'Порядки і шаблони',
  subKindergarten: 'Дитячий садок', subSchool: 'Школа і група продовженого дня', subHealth: 'Медичний центр і шкільна медична служба', subPpt: 'Психолого-педагогічна служба',
  subMeetings: 'Зустрічі для співпраці', subBti: 'Посібник BTI',
  pageTitle: 'Зустріч для співпраці', lead: 'Один спільний запис для всіх, хто поруч із дитиною. Те, що ви пишете, інші бачать одразу.',
  signInHeading: 'Вхід (розробка)',
  signInNote: 'Лише в демонстраційному режимі: сервер видає вам токен для вибраної ролі та імені без пароля. У роботі токен надходить із власної системи входу муніципалітету.',
  person: 'Приклад особи', role: 'Роль', name: 'Ім’я', service: 'Служба', signIn: 'Увійти', customPerson: 'Інша особа',
  practice: 'Потренуватися в цій ролі з вигаданими даними (не зберігається)',
  noService: 'Немає', signInFailed: 'Не вдалося увійти: {reason}',
  export: 'Завантажити протокол:', calendar: 'Календар', exportNotReady: 'Зустріч ще не завантажено.',
  eventsHeading: 'Події від Samråd', eventsNote: 'Портал слухає події, які надсилають віджети, наприклад щоб надіслати нагадування або заархівувати протокол.',
  footer: 'Eksempel kommune · Інтранет для працівників · Вигадані дані для демонстрації',
  caseLabel: 'Справа: {child}', signedInAs: '{name} ({role})', overview: 'Огляд', record: 'Протокол і заходи',
  caseHeading: 'Справа з плином часу', caseNote: 'Журнал справи: усе, про що домовилися і що зроблено у справі, на всіх зустрічах. Родина може його читати.',
  roles: { leader: 'Ведучий зустрічі', coordinator: 'Координатор', professional: 'Фахівець', parent: 'Один із батьків', child: 'Дитина', observer: 'Спостерігач' },
};

export const PAGE_TEXT: Record<PageLang, PageText> = { nb, nn, en, uk };

/** BCP 47 tag for `Intl` in the page's own text (the widgets map their language themselves). */
export const INTL_TAG: Record<PageLang, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB', uk: 'uk-UA' };

/** `?lang=nb|nn|en|uk`, else nb. */
export function pageLang(search: string = location.search): PageLang {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'nb' || asked === 'nn' || asked === 'en' || asked === 'uk') return asked;
  return 'nb';
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}
