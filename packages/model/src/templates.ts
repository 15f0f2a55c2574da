/** The five meeting templates shipped as validated data (SPEC.md, "Meeting templates"). */
import { MeetingTemplate, type Labels } from './schemas.js';

const L = (nb: string, nn: string, en: string, uk: string): Labels => ({ nb, nn, en, uk });
const item = (kind: string, title: Labels, plannedMinutes: number) => ({ kind, title, plannedMinutes });

const purpose = item('purpose', L('Formål og roller', 'Føremål og roller', 'Purpose and roles', 'Мета і ролі'), 5);
const consentCheck = item('consent', L('Samtykke og taushetsplikt', 'Samtykke og teieplikt', 'Consent and confidentiality check', 'Перевірка згоди і конфіденційності'), 3);
const childVoice = item('child-voice', L('Barnets stemme', 'Barnet si stemme', "The child's voice", 'Голос дитини'), 10);
const evaluation = item('evaluation', L('Evaluering av tiltak', 'Evaluering av tiltak', 'Evaluation of existing actions', 'Оцінювання чинних заходів'), 10);
const newActions = item('actions', L('Nye tiltak (ansvarlig, frist, evaluering)', 'Nye tiltak (ansvarleg, frist, evaluering)', 'New actions (owner, deadline, evaluation date)', 'Нові заходи (відповідальний, строк, дата оцінювання)'), 15);
const nextMeeting = item('next-meeting', L('Neste møte, koordinator og kort evaluering av møtet', 'Neste møte, koordinator og kort evaluering av møtet', 'Next meeting, coordinator and short meeting evaluation', 'Наступна зустріч, координатор і коротка оцінка зустрічі'), 5);

export const TEMPLATES: readonly MeetingTemplate[] = [
  {
    id: 'samarbeidsmote', version: 1, anonymousAllowed: false,
    name: L('Samarbeidsmøte / ansvarsgruppemøte', 'Samarbeidsmøte / ansvarsgruppemøte', 'Collaboration meeting / responsibility group', 'Зустріч для співпраці / група відповідальності'),
    description: L('Standard tverrfaglig møte om barnet og familien.', 'Standard tverrfagleg møte om barnet og familien.', 'The default interdisciplinary meeting about the child and family.', 'Стандартна міждисциплінарна зустріч щодо дитини та родини.'),
    items: [
      purpose, consentCheck,
      item('strengths', L('Styrker og ressurser', 'Styrkar og ressursar', 'Strengths and resources', 'Сильні сторони і ресурси'), 5),
      childVoice,
      item('parents-view', L('Foreldrenes syn', 'Foreldra sitt syn', "The parents' view", 'Думка батьків'), 10),
      item('service-status', L('Status fra hver tjeneste (hva ser jeg, hva kan jeg tilby)', 'Status frå kvar teneste (kva ser eg, kva kan eg tilby)', "Each service's status (what I see, what I can offer)", 'Стан від кожної служби (що я бачу, що я можу запропонувати)'), 15),
      evaluation,
      item('best-interest', L('Barnets beste-vurdering', 'Vurdering av barnets beste', 'Best-interest assessment', 'Оцінка найкращих інтересів дитини'), 10),
      newActions,
      item('tell-child', L('Hvem forteller barnet hva som ble bestemt, og hvordan', 'Kven fortel barnet kva som vart bestemt, og korleis', 'Who tells the child what was decided, and how', 'Хто і як повідомить дитині, що вирішили'), 3),
      nextMeeting,
    ],
  },
  {
    id: 'ressursteam', version: 1, anonymousAllowed: true, maxProfessionals: 3, answerWithinDays: 7,
    name: L('Ressursteam – drøfting', 'Ressursteam – drøfting', 'Resource team consultation', 'Консультація ресурсної команди'),
    description: L('PPT, barnevern og helse drøfter en sak, eventuelt anonymt. Svar innen en uke.', 'PPT, barnevern og helse drøftar ei sak, eventuelt anonymt. Svar innan ei veke.', 'PPT, child welfare and health consult on a case, anonymously if needed. Answer within one week.', 'PPT, служба захисту дітей і медична служба обговорюють справу, за потреби анонімно. Відповідь протягом тижня.'),
    items: [
      purpose,
      item('concern', L('Beskrivelse av undringen eller bekymringen', 'Skildring av undringa eller uroa', 'Description of the wondering or concern', 'Опис сумніву або занепокоєння'), 10),
      item('tried', L('Hva er prøvd', 'Kva er prøvd', 'What has been tried', 'Що вже випробувано'), 5),
      item('advice', L('Råd og drøfting', 'Råd og drøfting', 'Advice and discussion', 'Поради й обговорення'), 15),
      item('decision', L('Konklusjon og hvem som følger opp', 'Konklusjon og kven som følgjer opp', 'Conclusion and who follows up', 'Висновок і хто відповідає за подальші кроки'), 5),
    ],
  },
  {
    id: 'overgangsmote', version: 1, anonymousAllowed: false,
    name: L('Overgangsmøte', 'Overgangsmøte', 'Transition meeting', 'Зустріч щодо переходу'),
    description: L('Overgang barnehage–skole, barneskole–ungdomsskole, ungdomsskole–videregående.', 'Overgang barnehage–skule, barneskule–ungdomsskule, ungdomsskule–vidaregåande.', 'Transition kindergarten → school, primary → lower secondary → upper secondary.', 'Перехід: дитячий садок → школа, початкова → середня → старша школа.'),
    items: [
      purpose, consentCheck, childVoice,
      item('handover-summary', L('Overføringsnotat (krever samtykke)', 'Overføringsnotat (krev samtykke)', 'Handover summary (consent required)', 'Підсумок для передачі (потрібна згода)'), 15),
      item('what-works', L('Hva fungerer godt, hva trenger barnet', 'Kva fungerer godt, kva treng barnet', 'What works well, what the child needs', 'Що добре працює, чого потребує дитина'), 10),
      newActions, nextMeeting,
    ],
  },
  {
    id: 'naervaersmote', version: 1, anonymousAllowed: false,
    name: L('Nærværsmøte', 'Nærværsmøte', 'School attendance meeting', 'Зустріч щодо відвідування школи'),
    description: L('Oppfølging av skolefravær.', 'Oppfølging av skulefråvær.', 'Follow-up of school absence.', 'Подальша робота щодо пропусків школи.'),
    items: [
      purpose,
      item('absence-figures', L('Fraværstall (dokumentert og udokumentert, dager og andel)', 'Fråværstal (dokumentert og udokumentert, dagar og del)', 'Absence figures (documented and undocumented, days and share)', 'Дані про пропуски (з поважних і неповажних причин, дні та частка)'), 5),
      item('pupil-account', L('Elevens egen forklaring', 'Eleven si eiga forklaring', "The pupil's own account", 'Пояснення самого учня'), 10),
      item('good-days', L('Hva hjelper på gode dager', 'Kva hjelper på gode dagar', 'What helps on good days', 'Що допомагає в добрі дні'), 10),
      item('measures', L('Tiltak på skolen og hjemme', 'Tiltak på skulen og heime', 'Measures at school and at home', 'Заходи в школі та вдома'), 10),
      item('contact-when-absent', L('Hvem kontakter eleven ved fravær', 'Kven kontaktar eleven ved fråvær', 'Who contacts the pupil when absent', 'Хто зв’язується з учнем, коли його немає'), 5),
      nextMeeting,
    ],
  },
  {
    id: 'evalueringsmote', version: 1, anonymousAllowed: false,
    name: L('Evalueringsmøte', 'Evalueringsmøte', 'Evaluation meeting', 'Зустріч з оцінювання'),
    description: L('Oppfølgingsmøte med vekt på evaluering av tiltak.', 'Oppfølgingsmøte med vekt på evaluering av tiltak.', 'Follow-up meeting focused on evaluating actions.', 'Подальша зустріч, присвячена оцінюванню заходів.'),
    items: [purpose, childVoice, evaluation, newActions, nextMeeting],
  },
].map((t) => MeetingTemplate.parse(t));

export const DEFAULT_TEMPLATE_ID = 'samarbeidsmote';

export function findTemplate(id: string, templates: readonly MeetingTemplate[] = TEMPLATES): MeetingTemplate | undefined {
  return templates.find((t) => t.id === id);
}

/** Default best-interest assessment elements (configurable per municipality). */
export const ASSESSMENT_ELEMENTS: Readonly<Record<string, Labels>> = {
  'child-views': L('Barnets synspunkter', 'Barnet sine synspunkt', "The child's views", 'Погляди дитини'),
  identity: L('Barnets identitet', 'Barnet sin identitet', "The child's identity", 'Ідентичність дитини'),
  family: L('Familiemiljø og relasjoner', 'Familiemiljø og relasjonar', 'Family environment and relations', 'Сімейне середовище і стосунки'),
  care: L('Omsorg, beskyttelse og sikkerhet', 'Omsorg, vern og tryggleik', 'Care, protection and safety', 'Догляд, захист і безпека'),
  vulnerability: L('Sårbarhet', 'Sårbarheit', 'Vulnerability', 'Вразливість'),
  health: L('Helse', 'Helse', 'Health', 'Здоров’я'),
  education: L('Utdanning og utvikling', 'Utdanning og utvikling', 'Education and development', 'Освіта і розвиток'),
};
export const DEFAULT_ELEMENT_SET: readonly string[] = Object.keys(ASSESSMENT_ELEMENTS);

/** Default checklists of protective and risk factors. */
export const PROTECTIVE_FACTORS: Readonly<Record<string, Labels>> = {
  'stable-adult': L('Minst én stabil, trygg voksen', 'Minst éin stabil, trygg vaksen', 'At least one stable, safe adult', 'Щонайменше один стабільний, надійний дорослий'),
  friends: L('Venner og tilhørighet', 'Vener og tilhøyrsle', 'Friends and belonging', 'Друзі і почуття приналежності'),
  'school-mastery': L('Mestring i barnehage/skole', 'Meistring i barnehage/skule', 'Mastery in kindergarten/school', 'Успіхи в дитячому садку/школі'),
  'leisure': L('Fritidsaktivitet', 'Fritidsaktivitet', 'Leisure activity', 'Позашкільні заняття'),
  'parent-cooperation': L('Foreldre samarbeider med tjenestene', 'Foreldra samarbeider med tenestene', 'Parents cooperate with the services', 'Батьки співпрацюють зі службами'),
};
export const RISK_FACTORS: Readonly<Record<string, Labels>> = {
  absence: L('Høyt fravær', 'Høgt fråvær', 'High absence', 'Багато пропусків'),
  conflict: L('Høyt konfliktnivå i familien', 'Høgt konfliktnivå i familien', 'High level of family conflict', 'Високий рівень конфліктів у родині'),
  'parent-health': L('Foreldres psykiske helse eller rus', 'Foreldra si psykiske helse eller rus', "Parents' mental health or substance use", 'Психічне здоров’я батьків або вживання психоактивних речовин'),
  isolation: L('Sosial isolasjon', 'Sosial isolasjon', 'Social isolation', 'Соціальна ізоляція'),
  violence: L('Vold eller overgrep', 'Vald eller overgrep', 'Violence or abuse', 'Насильство або кривдження'),
  economy: L('Lav inntekt eller trangboddhet', 'Låg inntekt eller trongbuddheit', 'Low income or overcrowding', 'Низький дохід або тісне житло'),
};
