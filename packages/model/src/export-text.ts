/** Text of the exported minutes, per locale. Widgets have their own catalogues. */
import type { Locale, Role, Service } from './schemas.js';

interface ExportText {
  minutes: string; meeting: string; about: string; purpose: string; date: string; place: string; leader: string;
  minuteTaker: string; child: string; finalisedBy: string; notFinalised: string; participants: string; agenda: string;
  decided: string; childVoice: string; heardBy: string; notHeardReason: string; childSaid: string; mattersMost: string;
  wantsChanged: string; adultNotes: string; weighing: string; feedback: string; assessment: string; version: string;
  conclusion: string; reasons: string; decisions: string; noDecision: string; dissent: string; actionPlan: string;
  noActions: string; action: string; owner: string; deadline: string; evaluationDate: string; status: string;
  nextMeeting: string; unknown: string; ownerParent: string; ownerChild: string; recurring: string; ongoing: string;
  interpreter: string; minutesVersions: string; minutesVersion: string; correction: string;
  welfareReports: string; sentBy: string; homeTold: string; homeNotTold: string; welfareAnswer: string;
  roles: Record<Role, string>;
  services: Record<Service, string>;
  attendance: Record<'invited' | 'present' | 'absent' | 'excused', string>;
  statuses: Record<'planned' | 'in-progress' | 'done' | 'stopped', string>;
  participation: Record<'present-all' | 'present-part' | 'conversation-before' | 'written-input' | 'drawn-input' | 'spokesperson' | 'relayed-by-parent' | 'not-heard', string>;
}

const nb: ExportText = {
  welfareReports: 'Meldinger til barnevernstjenesten', sentBy: 'sendt av', homeTold: 'hjemmet ble informert på forhånd',
  homeNotTold: 'hjemmet ble ikke informert på forhånd', welfareAnswer: 'Svar fra barnevernstjenesten',
  minutesVersions: 'Versjoner av referatet', minutesVersion: 'Versjon', correction: 'rettelse',
  minutes: 'Referat', meeting: 'Samarbeidsmøte', about: 'Om møtet', purpose: 'Formål', date: 'Tid', place: 'Sted',
  leader: 'Møteleder', minuteTaker: 'Referent', child: 'Barn', finalisedBy: 'Godkjent og låst av', notFinalised: 'Utkast – ikke godkjent',
  participants: 'Deltakere', agenda: 'Saksliste', decided: 'Avtalt', childVoice: 'Barnets stemme', heardBy: 'hørt av',
  notHeardReason: 'Ikke hørt, fordi', childSaid: 'Barnet sa', mattersMost: 'Det viktigste for barnet', wantsChanged: 'Barnet ønsker endret',
  adultNotes: 'De voksnes notater', weighing: 'Hvordan barnets syn er vektlagt', feedback: 'Tilbakemelding til barnet',
  assessment: 'Barnets beste-vurdering', version: 'versjon', conclusion: 'Konklusjon', reasons: 'Begrunnelse', decisions: 'Beslutninger',
  noDecision: 'Ingen beslutning', dissent: 'Dissens', actionPlan: 'Tiltaksplan', noActions: 'Ingen tiltak.', action: 'Tiltak',
  owner: 'Ansvarlig', deadline: 'Frist', evaluationDate: 'Evalueres', status: 'Status', nextMeeting: 'Neste møte', unknown: 'Ukjent',
  ownerParent: 'Foreldre', ownerChild: 'Barnet selv', recurring: 'Gjentakende', ongoing: 'Løpende', interpreter: 'trenger tolk',
  roles: { leader: 'møteleder', coordinator: 'koordinator', professional: 'fagperson', parent: 'forelder', child: 'barn', observer: 'observatør' },
  services: { barnehage: 'Barnehage', skole: 'Skole', sfo: 'SFO', helsestasjon: 'Helsestasjon/skolehelsetjeneste', ppt: 'PPT', barnevern: 'Barnevern', nav: 'NAV', bup: 'BUP', fastlege: 'Fastlege', 'psykisk-helse': 'Psykisk helse', 'kultur-fritid': 'Kultur og fritid', other: 'Annen' },
  attendance: { invited: 'invitert', present: 'til stede', absent: 'fraværende', excused: 'meldt forfall' },
  statuses: { planned: 'planlagt', 'in-progress': 'pågår', done: 'fullført', stopped: 'avsluttet' },
  participation: { 'present-all': 'Barnet var med hele møtet', 'present-part': 'Barnet var med deler av møtet', 'conversation-before': 'Samtale med barnet før møtet', 'written-input': 'Skriftlig innspill fra barnet', 'drawn-input': 'Tegning fra barnet', spokesperson: 'Talsperson eller trygg voksen', 'relayed-by-parent': 'Formidlet av forelder', 'not-heard': 'Barnet er ikke hørt' },
};

const nn: ExportText = {
  ...nb,
  welfareReports: 'Meldingar til barnevernstenesta', sentBy: 'sendt av', homeTold: 'heimen vart informert på førehand',
  homeNotTold: 'heimen vart ikkje informert på førehand', welfareAnswer: 'Svar frå barnevernstenesta',
  minutesVersions: 'Versjonar av referatet', minutesVersion: 'Versjon', correction: 'retting',
  meeting: 'Samarbeidsmøte', about: 'Om møtet', purpose: 'Føremål', place: 'Stad', leader: 'Møteleiar', child: 'Barn', finalisedBy: 'Godkjent og låst av',
  notFinalised: 'Utkast – ikkje godkjent', participants: 'Deltakarar', decided: 'Avtala', childVoice: 'Barnet si stemme', heardBy: 'høyrt av',
  notHeardReason: 'Ikkje høyrt, fordi', mattersMost: 'Det viktigaste for barnet', wantsChanged: 'Barnet ønskjer endra',
  adultNotes: 'Notata til dei vaksne', weighing: 'Korleis synet til barnet er vekta', feedback: 'Tilbakemelding til barnet',
  assessment: 'Vurdering av barnets beste', reasons: 'Grunngjeving', decisions: 'Avgjerder', noDecision: 'Inga avgjerd', actionPlan: 'Tiltaksplan',
  noActions: 'Ingen tiltak.', owner: 'Ansvarleg', evaluationDate: 'Evaluerast', nextMeeting: 'Neste møte', unknown: 'Ukjend',
  ownerParent: 'Foreldre', ownerChild: 'Barnet sjølv', recurring: 'Gjentakande', ongoing: 'Løpande', interpreter: 'treng tolk',
  roles: { leader: 'møteleiar', coordinator: 'koordinator', professional: 'fagperson', parent: 'forelder', child: 'barn', observer: 'observatør' },
  services: { ...nb.services, helsestasjon: 'Helsestasjon/skulehelseteneste', skole: 'Skule', other: 'Anna' },
  attendance: { invited: 'invitert', present: 'til stades', absent: 'fråverande', excused: 'meldt forfall' },
  statuses: { planned: 'planlagt', 'in-progress': 'pågår', done: 'fullført', stopped: 'avslutta' },
  participation: { 'present-all': 'Barnet var med heile møtet', 'present-part': 'Barnet var med delar av møtet', 'conversation-before': 'Samtale med barnet før møtet', 'written-input': 'Skriftleg innspel frå barnet', 'drawn-input': 'Teikning frå barnet', spokesperson: 'Talsperson eller trygg vaksen', 'relayed-by-parent': 'Formidla av forelder', 'not-heard': 'Barnet er ikkje høyrt' },
};

const en: ExportText = {
  welfareReports: 'Reports to the child welfare service', sentBy: 'sent by', homeTold: 'the home was told beforehand',
  homeNotTold: 'the home was not told beforehand', welfareAnswer: 'Answer from the child welfare service',
  minutesVersions: 'Versions of the minutes', minutesVersion: 'Version', correction: 'correction',
  minutes: 'Minutes', meeting: 'Collaboration meeting', about: 'About the meeting', purpose: 'Purpose', date: 'Time', place: 'Place',
  leader: 'Meeting leader', minuteTaker: 'Minute-taker', child: 'Child', finalisedBy: 'Approved and locked by', notFinalised: 'Draft – not approved',
  participants: 'Participants', agenda: 'Agenda', decided: 'Agreed', childVoice: "The child's voice", heardBy: 'heard by',
  notHeardReason: 'Not heard, because', childSaid: 'The child said', mattersMost: 'What matters most to the child', wantsChanged: 'The child wants changed',
  adultNotes: "Adults' notes", weighing: "How the child's view was weighed", feedback: 'Feedback to the child',
  assessment: 'Best-interest assessment', version: 'version', conclusion: 'Conclusion', reasons: 'Reasons', decisions: 'Decisions',
  noDecision: 'No decision', dissent: 'Dissent', actionPlan: 'Action plan', noActions: 'No actions.', action: 'Action',
  owner: 'Owner', deadline: 'Deadline', evaluationDate: 'Evaluation', status: 'Status', nextMeeting: 'Next meeting', unknown: 'Unknown',
  ownerParent: 'Parents', ownerChild: 'The child', recurring: 'Recurring', ongoing: 'Ongoing', interpreter: 'needs an interpreter',
  roles: { leader: 'meeting leader', coordinator: 'coordinator', professional: 'professional', parent: 'parent', child: 'child', observer: 'observer' },
  services: { barnehage: 'Kindergarten', skole: 'School', sfo: 'After-school care', helsestasjon: 'Health clinic/school health service', ppt: 'Educational-psychological service (PPT)', barnevern: 'Child welfare', nav: 'NAV', bup: 'Child and adolescent mental health (BUP)', fastlege: 'GP', 'psykisk-helse': 'Mental health', 'kultur-fritid': 'Culture and leisure', other: 'Other' },
  attendance: { invited: 'invited', present: 'present', absent: 'absent', excused: 'excused' },
  statuses: { planned: 'planned', 'in-progress': 'in progress', done: 'done', stopped: 'stopped' },
  participation: { 'present-all': 'The child attended the whole meeting', 'present-part': 'The child attended part of the meeting', 'conversation-before': 'Conversation with the child before the meeting', 'written-input': 'Written input from the child', 'drawn-input': 'Drawing from the child', spokesperson: 'Spokesperson or trusted adult', 'relayed-by-parent': 'Relayed by a parent', 'not-heard': 'The child has not been heard' },
};

const uk: ExportText = {
  welfareReports: 'Повідомлення до служби захисту дітей', sentBy: 'надіслав(-ла)', homeTold: 'сім’ю повідомили заздалегідь',
  homeNotTold: 'сім’ю не повідомили заздалегідь', welfareAnswer: 'Відповідь служби захисту дітей',
  minutesVersions: 'Версії протоколу', minutesVersion: 'Версія', correction: 'виправлення',
  minutes: 'Протокол', meeting: 'Зустріч для співпраці', about: 'Про зустріч', purpose: 'Мета', date: 'Час', place: 'Місце',
  leader: 'Ведучий зустрічі', minuteTaker: 'Секретар', child: 'Дитина', finalisedBy: 'Затвердив(-ла) і заблокував(-ла)', notFinalised: 'Чернетка – не затверджено',
  participants: 'Учасники', agenda: 'Порядок денний', decided: 'Погоджено', childVoice: 'Голос дитини', heardBy: 'вислухав(-ла)',
  notHeardReason: 'Не вислухано, тому що', childSaid: 'Дитина сказала', mattersMost: 'Найважливіше для дитини', wantsChanged: 'Дитина хоче змінити',
  adultNotes: 'Нотатки дорослих', weighing: 'Як було враховано думку дитини', feedback: 'Зворотний зв’язок дитині',
  assessment: 'Оцінка найкращих інтересів дитини', version: 'версія', conclusion: 'Висновок', reasons: 'Обґрунтування', decisions: 'Рішення',
  noDecision: 'Без рішення', dissent: 'Окрема думка', actionPlan: 'План заходів', noActions: 'Заходів немає.', action: 'Захід',
  owner: 'Відповідальний', deadline: 'Строк', evaluationDate: 'Оцінювання', status: 'Статус', nextMeeting: 'Наступна зустріч', unknown: 'Невідомо',
  ownerParent: 'Батьки', ownerChild: 'Сама дитина', recurring: 'Повторюваний', ongoing: 'Постійний', interpreter: 'потрібен перекладач',
  roles: { leader: 'ведучий зустрічі', coordinator: 'координатор', professional: 'фахівець', parent: 'один із батьків', child: 'дитина', observer: 'спостерігач' },
  services: { barnehage: 'Дитячий садок', skole: 'Школа', sfo: 'Група продовженого дня (SFO)', helsestasjon: 'Медичний центр / шкільна медична служба', ppt: 'Психолого-педагогічна служба (PPT)', barnevern: 'Служба захисту дітей', nav: 'NAV', bup: 'Дитяча і підліткова психіатрія (BUP)', fastlege: 'Сімейний лікар', 'psykisk-helse': 'Психічне здоров’я', 'kultur-fritid': 'Культура і дозвілля', other: 'Інше' },
  attendance: { invited: 'запрошено', present: 'присутній', absent: 'відсутній', excused: 'повідомив про відсутність' },
  statuses: { planned: 'заплановано', 'in-progress': 'виконується', done: 'виконано', stopped: 'припинено' },
  participation: { 'present-all': 'Дитина була на всій зустрічі', 'present-part': 'Дитина була на частині зустрічі', 'conversation-before': 'Розмова з дитиною перед зустріччю', 'written-input': 'Письмовий внесок дитини', 'drawn-input': 'Малюнок дитини', spokesperson: 'Представник або довірений дорослий', 'relayed-by-parent': 'Передано одним із батьків', 'not-heard': 'Дитину не вислухано' },
};

export const EXPORT_TEXT: Record<Locale, ExportText> = { nb, nn, en, uk };
